"""The Jinja environment for page templates (kept as files in ../templates)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..text import escape_html, escape_markdown
from .blocks import Blocks


class _Environment(Environment):
    def getattr(self, obj: Any, attribute: str) -> Any:
        """Rows are dicts: look their keys up first. (Jinja tries the attribute first, and
        the AttributeError that a dict raises made that a large share of rendering time.)"""
        if type(obj) is dict and attribute in obj:
            return obj[attribute]
        return super().getattr(obj, attribute)


TEMPLATES = _Environment(
    loader=PackageLoader("meetings", "templates"),
    autoescape=lambda name: bool(name and name.endswith(".html.j2")),
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
# Markdown that shows `value` literally; already safe as HTML, so autoescape keeps it as is.
TEMPLATES.filters["md"] = lambda value: Markup(escape_markdown(str(value)))


def count(number: int, noun: str, plural: str | None = None) -> str:
    """ "1 message", "2 messages": a count and its noun in the right number."""
    return f"{number:,} {noun if number == 1 else (plural or noun + 's')}"


def article(noun: str) -> str:
    """ "an issue", "a pull request"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


TEMPLATES.filters["count"] = count
TEMPLATES.filters["article"] = article


REPEATED = "mt-repeated"  # the class of late lists; Pagefind is told to skip them too


def late(html: str, blocks: Blocks) -> Markup:
    """`{% filter late(blocks) %}`: HTML that goes in after search has read the page. For
    what a page repeats from meeting pages (quoted chat, snippets) and what is no text to
    find (the participation strip): searching it would only find the same words twice."""
    return Markup(blocks.slot(f'<div class="{REPEATED}">{html.strip()}</div>'))


TEMPLATES.filters["late"] = late


def front_matter(meta: Mapping[str, object]) -> str:
    """YAML front matter; JSON is valid YAML and quotes every string safely.

    The theme prints titles and descriptions into <title> and attributes unescaped, so
    text from notes is HTML-escaped here (entities still read as the right characters).
    """
    lines = [
        f"{key}: {json.dumps(escape_html(value) if isinstance(value, str) else value, ensure_ascii=False)}"
        for key, value in meta.items()
    ]
    return "---\n" + "\n".join(lines) + "\n---\n\n"
