"""Pages as finished HTML, made the way the plugin makes them, then written back as Markdown
that any Markdown builder passes through unchanged (for `meetings generate`).

The plugin lets MkDocs convert a page, cleans the result (sanitize.py) and puts its blocks
in. A plain build of a generated tree has no plugin to clean anything, so here the page is
converted with the site's own Markdown extensions, cleaned and filled in the same order,
and what is written is that HTML: the security of the two builds is the same by
construction. Headings are written back as Markdown headings with their ids, so the table
of contents and permalinks still come from the builder; everything else is raw HTML, with
every character a Markdown preprocessor could still read written as an entity.
"""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify as toc_slugify
from markdown.treeprocessors import Treeprocessor

from . import urls
from .render.blocks import fill_blocks
from .sanitize import clean_html, safe_id

# What MkDocs always enables, and what the plugin adds (its on_config).
BUILTIN_EXTENSIONS = ("toc", "tables", "fenced_code")
PLUGIN_EXTENSIONS = ("attr_list", "tables")


def safe_slugify(slugify: Callable[[str, str], str]) -> Callable[[str, str], str]:
    """Heading ids come from note text: keep them from taking an id the theme looks up."""
    if getattr(slugify, "safe", False):
        return slugify  # a serve rebuild runs on_config again on the same options

    def heading_id(value: str, separator: str) -> str:
        # never empty: the toc extension would number it "_1", a name of the theme's kind
        return safe_id(slugify(value, separator) or "section")

    heading_id.safe = True  # type: ignore[attr-defined]
    return heading_id


def site_extensions(
    extensions: list[object], configs: dict[str, dict[str, Any]]
) -> tuple[list[str], dict[str, dict[str, Any]]]:
    """The extension names and options a plugin build of the site converts pages with,
    from mkdocs.yml's `markdown_extensions` (names, or one-key mappings of name to options)."""
    names: list[str] = list(BUILTIN_EXTENSIONS)
    options = {name: dict(value) for name, value in configs.items()}
    for entry in extensions:
        if isinstance(entry, dict):
            for name, value in entry.items():
                names.append(str(name))
                if isinstance(value, dict):
                    options[str(name)] = dict(value)
        elif isinstance(entry, str):
            names.append(entry)
    names += PLUGIN_EXTENSIONS
    unique = list(dict.fromkeys(names))
    toc = options.setdefault("toc", {})
    toc["slugify"] = safe_slugify(toc.get("slugify") or toc_slugify)
    return unique, options


class _RelativeLinks(Treeprocessor):
    """Links between sources ("../people/x.md") become links between pages, as MkDocs
    rewrites them; links with a scheme, to an anchor or from the site root stay as they are."""

    page = ""
    directory_urls = True

    def run(self, root: Any) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and element.tag in ("a", "img"):
                    element.set(attribute, self.rewrite(value))

    def rewrite(self, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
            return value
        target = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), parts.path))
        if target.startswith("../"):
            return value
        href = urls.href(self.page, target, self.directory_urls)
        return href + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


class _Links(Extension):
    def __init__(self) -> None:
        super().__init__()
        self.processor: _RelativeLinks | None = None

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        self.processor = _RelativeLinks(md)
        md.treeprocessors.register(self.processor, "meetings_links", 0)


class Converter:
    """One Markdown instance for the whole tree (building one per page is slow)."""

    def __init__(self, extensions: list[str], configs: dict[str, dict[str, Any]], directory_urls: bool) -> None:
        self._links = _Links()
        self._md = markdown.Markdown(extensions=[*extensions, self._links], extension_configs=configs)
        self.directory_urls = directory_urls
        self.block_tags = frozenset(self._md.block_level_elements)

    def page_html(self, page: str, text: str, blocks: dict[str, str]) -> str:
        """What the plugin puts in the page's article: converted, cleaned, blocks in."""
        assert self._links.processor is not None
        self._links.processor.page = page
        self._links.processor.directory_urls = self.directory_urls
        self._md.reset()
        converted = clean_html(self._md.convert(text))
        early = fill_blocks(converted, blocks, late=False)
        # Late blocks go in after the theme's search has read the page in the plugin build;
        # here the search is told to skip them instead.
        late = {token: f"<div data-search-exclude>{value}</div>" for token, value in blocks.items()}
        return fill_blocks(early, late, late=True)

    def portable(self, page_html: str) -> str:
        """`page_html` as Markdown that any builder turns back into the same HTML."""
        return portable_markdown(page_html, self.block_tags)


# Characters a Markdown preprocessor reads before raw HTML is set aside (fences, tabs).
_PREPROCESSED = re.compile(r"[`~\t]")
_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>\s*$', re.S)
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~\t]")  # ASCII punctuation, and tabs
_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())


class _TopLevel(HTMLParser):
    """The top-level elements of an HTML fragment: (start, end, tag, attributes, inner start, inner end)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.lines = [0] + [m.end() for m in re.finditer("\n", text)]
        self.depth = 0
        self.open: tuple[int, str, dict[str, str | None], int] | None = None
        self.nodes: list[tuple[int, int, str, dict[str, str | None], int, int]] = []
        self.stray_text = False  # text or inline elements outside any block element

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            start = self._offset()
            inner = start + len(self.get_starttag_text() or "")
            if tag in _VOID:
                self.nodes.append((start, inner, tag, dict(attrs), inner, inner))
                return
            self.open = (start, tag, dict(attrs), inner)
        if tag not in _VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            start = self._offset()
            end = start + len(self.get_starttag_text() or "")
            self.nodes.append((start, end, tag, dict(attrs), end, end))

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or self.depth == 0:
            return
        self.depth -= 1
        if self.depth == 0 and self.open is not None:
            start, name, attrs, inner = self.open
            closing = self._offset()
            end = self.text.index(">", closing) + 1
            self.nodes.append((start, end, name, attrs, inner, closing))
            self.open = None

    def handle_data(self, data: str) -> None:
        if self.depth == 0 and data.strip():
            self.stray_text = True


def portable_markdown(page_html: str, block_tags: frozenset[str]) -> str:
    parser = _TopLevel(page_html)
    parser.feed(page_html)
    parser.close()
    out: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            out.append(_raw_block("".join(pending), block_tags))
            pending.clear()

    position = 0
    for start, end, tag, attrs, inner, closing in parser.nodes:
        pending.append(page_html[position:start])
        position = end
        if re.fullmatch(r"h[1-6]", tag):
            flush()
            out.append(_heading(int(tag[1]), page_html[inner:closing], attrs.get("id")))
        else:
            pending.append(page_html[start:end])
    pending.append(page_html[position:])
    flush()
    return "\n\n".join(part for part in out if part.strip()) + "\n"


def _raw_block(fragment: str, block_tags: frozenset[str]) -> str:
    """A run of HTML between headings, as blocks Markdown keeps raw: each top-level block
    element starts its own line; anything else is wrapped in a div."""
    fragment = _PREPROCESSED.sub(lambda m: f"&#{ord(m.group())};", fragment.strip())
    parser = _TopLevel(fragment)
    parser.feed(fragment)
    parser.close()
    if parser.stray_text or any(tag not in block_tags for _, _, tag, _, _, _ in parser.nodes):
        return f"<div>\n{fragment}\n</div>"
    return "\n\n".join(fragment[start:end] for start, end, *_ in parser.nodes)


def _heading(level: int, inner: str, ident: str | None) -> str:
    # An empty heading still needs text before its attributes, or they are read as text.
    text = _inline(_HEADERLINK.sub("", inner).strip()) or "<span></span>"
    return "#" * level + " " + text + (f" {{ #{ident} }}" if ident else "")


class _Inline(HTMLParser):
    """Inline HTML with every ASCII punctuation mark of its text as a character reference:
    nothing in it is left for Markdown to read as formatting, links or attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(_tag(tag, attrs, ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(_tag(tag, attrs, " /"))

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(_PUNCTUATION.sub(lambda m: f"&#{ord(m.group())};", data))

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")


def _tag(tag: str, attrs: list[tuple[str, str | None]], close: str) -> str:
    written = "".join(f' {name}="{html.escape(value or "", quote=True)}"' for name, value in attrs)
    return f"<{tag}{written}{close}>"


def _inline(fragment: str) -> str:
    parser = _Inline()
    parser.feed(fragment)
    parser.close()
    return " ".join("".join(parser.out).split())
