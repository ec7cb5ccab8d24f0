"""Every generated page as finished HTML, converted here by one fixed Markdown pipeline,
for the plugin and for `meetings generate` alike.

Note text is untrusted and a site's own Markdown extensions may read files or run code
while they convert (pymdownx.snippets pastes any file a line names; include and macro
extensions do the same). So note text never reaches them: a generated page is converted
here with the extensions listed in NOTE_EXTENSIONS and nothing a site adds, then cleaned
(sanitize.py) and its blocks put in. The plugin hands MkDocs a stub for the page and puts
this HTML in its place; `meetings generate` writes it back as Markdown that any builder
passes through unchanged: headings as Markdown headings with their ids (so the table of
contents and permalinks still come from the builder), everything else as raw HTML in which
every character that opens a fence, an include or a template (`` ` ``, `~`, `{`, `}`, tabs;
`<` is `&lt;` already) is written as a character reference, so no preprocessor of the
builder's (`--8<--`, `{! !}`, `{{ }}`, `{% %}`, fences) can read it.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import slugify as toc_slugify
from markdown.treeprocessors import Treeprocessor
from pymdownx import emoji  # type: ignore[import-untyped]  # no type hints shipped

from . import urls
from .render.blocks import fill_blocks
from .sanitize import clean_html, safe_id
from .text import valid_text

# The only extensions generated pages are converted with, whatever the site enables: none
# of them reads a file or runs code. (attr_list: our templates give headings their ids;
# tasklist and emoji: "- [x] done" and ":tada:" shown as GitHub shows them, a box and 🎉.)
NOTE_EXTENSIONS = ("toc", "tables", "fenced_code", "attr_list", "pymdownx.tasklist", "pymdownx.emoji")
_EMOJI = {"emoji_index": emoji.gemoji, "emoji_generator": emoji.to_alt}  # the character itself, no image
# What a builder of the generated tree needs besides its own extensions: the headings we
# write back carry `{ #id }`.
BUILDER_EXTENSIONS = ("attr_list",)
_FRONT_MATTER = re.compile(r"\A(-{3}[ \t]*\n.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


def safe_slugify(slugify: Callable[[str, str], str]) -> Callable[[str, str], str]:
    """Heading ids come from note text: keep them from taking an id the theme looks up."""
    if getattr(slugify, "safe", False):
        return slugify  # a serve rebuild runs on_config again on the same options

    def heading_id(value: str, separator: str) -> str:
        # never empty: the toc extension would number it "_1", a name of the theme's kind
        return safe_id(slugify(value, separator) or "section")

    heading_id.safe = True  # type: ignore[attr-defined]
    return heading_id


def site_permalink(extensions: object) -> bool | str:
    """The site's choice of permalink sign (the toc extension's `permalink` in mkdocs.yml's
    `markdown_extensions`), which our pages follow too."""
    for entry in extensions if isinstance(extensions, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("toc"), dict):
            value = entry["toc"].get("permalink", True)
            return value if isinstance(value, bool | str) else True
    return True


def split_front_matter(text: str) -> tuple[str, str]:
    """(front matter block, or "", Markdown body)."""
    match = _FRONT_MATTER.match(text)
    return (match.group(0), text[match.end() :]) if match else ("", text)


# What one page may put in the theme's table of contents and search index: each heading
# with an id is a search entry, and the theme looks each one up in the table of contents
# (so time grows with its square), and the browser builds the whole index on every page.
MAX_SECTIONS = 200
SEARCH_BUDGET = 300_000  # characters of a page's HTML that the search index reads


@dataclass
class Article:
    """A generated page made: its front matter (title, description: from notes, escaped),
    the article's HTML with the early blocks in and the late ones still tokens, and the
    headings for the table of contents (Python-Markdown's toc tokens). `unlisted`: the
    first heading id left out of the contents (past MAX_SECTIONS) and the first left out of
    search (past SEARCH_BUDGET), when the page is that large."""

    meta: dict[str, Any]
    html: str
    toc: list[dict[str, Any]] = field(default_factory=list)
    unlisted: tuple[str | None, str | None] = (None, None)
    blocks: dict[str, str] = field(default_factory=dict)  # the page's blocks, made valid text; late ones go in later


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


_HEADING_TAG = re.compile(r'<h([1-6]) id="([^"]*)"([^>]*)>(.*?)</h\1>')
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>[^<]*</a>')


def _heading_ids(made: str) -> set[str]:
    return {match.group(2) for match in _HEADING_TAG.finditer(made)}


def _unlisted(match: re.Match[str], search: bool = False) -> str:
    """A heading shown as it is, but with no id (so no contents or search entry of its own)."""
    level, _, rest, inner = match.groups()
    mark = " data-search-exclude" if search else ""
    return f"<h{level}{rest}{mark}>{_PERMALINK.sub('', inner)}</h{level}>"


def _cap_headings(made: str) -> tuple[str, str | None]:
    """Headings past MAX_SECTIONS lose their id; the first of them, or None."""
    first: list[str] = []
    count = 0

    def cap(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        if count <= MAX_SECTIONS:
            return match.group(0)
        first.append(match.group(2))
        return _unlisted(match)

    made = _HEADING_TAG.sub(cap, made)
    return made, first[0] if first else None


def _bound_search(made: str, budget: int = SEARCH_BUDGET) -> tuple[str, str | None]:
    """The page with what comes after its first `budget` characters marked for the theme's
    search to skip (top-level elements, and the children of a large div), and the first
    heading so left out. Headings past the budget also lose their id: the theme makes an
    entry for each heading with one, excluded or not."""
    if len(made) <= budget:
        return made, None
    out: list[str] = []
    first: list[str] = []
    last = [""]  # the last heading with an id that search still reads

    def mark(fragment: str, remaining: int) -> int:
        parser = _TopLevel(fragment)
        parser.feed(fragment)
        parser.close()
        position = 0
        for start, end, tag, _, inner, closing in parser.nodes:
            out.append(fragment[position:start])
            position = end
            node = fragment[start:end]
            if len(node) <= remaining:
                out.append(node)
                remaining -= len(node)
                kept = _HEADING_TAG.fullmatch(node)
                last[0] = kept.group(2) if kept else last[0]
            elif tag == "div" and remaining > 0:
                out.append(fragment[start:inner])
                remaining = mark(fragment[inner:closing], remaining)
                out.append(fragment[closing:end])
            else:
                remaining = 0
                heading = _HEADING_TAG.fullmatch(node)
                if heading:
                    first.append(heading.group(2))
                    out.append(_unlisted(heading, search=True))
                else:
                    opening = fragment[start:inner].rstrip(">").rstrip("/")
                    out.append(opening + " data-search-exclude" + fragment[start + len(opening) : end])
        out.append(fragment[position:])
        return remaining

    mark(made, budget)
    marked = "".join(out)
    # within a section (or past MAX_SECTIONS): the last heading that search reads
    return marked, first[0] if first else (last[0] if marked != made else None)


def _kept_toc(tokens: list[dict[str, Any]], kept: set[str]) -> list[dict[str, Any]]:
    """The toc tokens of the headings that kept their id (a dropped one's children too)."""
    return [{**t, "children": _kept_toc(t.get("children", []), kept)} for t in tokens if t.get("id") in kept]


def _read_meta(text: str) -> dict[str, Any]:
    """Our own front matter (templates.front_matter): one `key: <JSON>` a line."""
    meta: dict[str, Any] = {}
    for line in text.split("\n"):  # not splitlines: JSON keeps NEL and U+2028 as they are
        key, colon, value = line.partition(": ")
        if colon and key.isidentifier():
            try:
                meta[key] = json.loads(value)
            except ValueError:
                continue
    return meta


def _valid_toc(tokens: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The toc extension's headings with their names made valid text (they are note text)."""
    return [
        {**token, "name": valid_text(str(token.get("name", ""))), "children": _valid_toc(token.get("children", []))}
        for token in tokens
    ]


class Converter:
    """One Markdown instance for every generated page (building one per page is slow).
    `permalink`: the toc extension's option of that name (the site's own choice of sign)."""

    def __init__(self, directory_urls: bool, permalink: bool | str = True) -> None:
        self._links = _Links()
        toc = {"slugify": safe_slugify(toc_slugify), "permalink": permalink, "marker": ""}
        configs = {"toc": toc, "pymdownx.emoji": _EMOJI}
        self._md = markdown.Markdown(extensions=[*NOTE_EXTENSIONS, self._links], extension_configs=configs)
        self.directory_urls = directory_urls
        self.block_tags = frozenset(self._md.block_level_elements)

    def article(self, page: str, text: str, blocks: dict[str, str]) -> Article:
        """The page's source (front matter and Markdown) made into its article."""
        assert self._links.processor is not None
        self._links.processor.page = page
        self._links.processor.directory_urls = self.directory_urls
        meta_text, body = split_front_matter(text)
        meta = _read_meta(meta_text)
        self._md.reset()
        converted = clean_html(self._md.convert(body))
        toc = _valid_toc(getattr(self._md, "toc_tokens", []))
        meta = {key: valid_text(value) if isinstance(value, str) else value for key, value in meta.items()}
        valid = {token: valid_text(html) for token, html in blocks.items()}
        made = fill_blocks(valid_text(converted), valid, late=False)
        made, past_contents = _cap_headings(made)
        made, past_search = _bound_search(made)
        if past_contents is not None or past_search is not None:
            toc = _kept_toc(toc, _heading_ids(made))
        return Article(meta, made, toc, (past_contents, past_search), valid)

    def page_html(self, page: str, text: str, blocks: dict[str, str]) -> str:
        """The whole article with every block in, for a builder without the plugin. Late
        blocks go in after the theme's search has read the page in the plugin build; here
        the search is told to skip them instead."""
        made = self.article(page, text, blocks)
        late = {token: f"<div data-search-exclude>{value}</div>" for token, value in made.blocks.items()}
        return fill_blocks(made.html, late, late=True)

    def portable(self, page_html: str) -> str:
        """`page_html` as Markdown that any builder turns back into the same HTML."""
        return portable_markdown(page_html, self.block_tags)


_HEADERLINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>\s*$', re.S)
_PUNCTUATION = re.compile(r"[!-/:-@\[-`{-~\t]")  # ASCII punctuation, and tabs
_OPENERS = re.compile(r"[`~{}\t]")  # what opens a fence, an include or a template
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
    fragment = _entities(fragment.strip())
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


class _Entities(HTMLParser):
    """HTML with the characters `escape` matches, in its text and attribute values, as
    character references: for headings, every ASCII punctuation mark (nothing is left for
    Markdown to read as formatting, links or attributes); for raw blocks, what opens a
    fence, an include or a template (nothing is left for a preprocessor to read)."""

    def __init__(self, escape: re.Pattern[str]) -> None:
        super().__init__(convert_charrefs=False)
        self.escape = escape
        self.out: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._tag(tag, attrs, ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self._tag(tag, attrs, " /"))

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]], close: str) -> str:
        written = "".join(f' {name}="{self._escaped(html.escape(value or ""))}"' for name, value in attrs)
        return f"<{tag}{written}{close}>"

    def _escaped(self, text: str) -> str:
        return self.escape.sub(lambda m: f"&#{ord(m.group())};", text)

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")

    def handle_data(self, data: str) -> None:
        self.out.append(self._escaped(data))

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")


def _entities(fragment: str, escape: re.Pattern[str] = _OPENERS) -> str:
    parser = _Entities(escape)
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out)


def _inline(fragment: str) -> str:
    return " ".join(_entities(fragment, _PUNCTUATION).split())
