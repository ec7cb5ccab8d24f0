"""Finished HTML that skips Markdown: a page's Markdown holds a token paragraph where a
block goes, and the block replaces it after conversion.

Python-Markdown re-parses raw HTML, which costs more than producing it, so chat threads,
transcripts and the lists of generated pages are written as HTML and put in afterwards.
Early blocks go in before the search index reads the page; late ones (transcripts, the
participation strip) after it, which keeps the index small. Until then a late token sits
in a paragraph the search index skips.
"""

from __future__ import annotations

import re
import zlib

_TOKEN = r"(?:MTBLOCK|MTLATE)\d{4}x[0-9a-f]{8}"
_PLACEHOLDER = re.compile(rf"<p(?: data-search-exclude)?>({_TOKEN})</p>")
_HEADING = re.compile(r"^#{1,6} .*$", re.M)


class Blocks(dict[str, str]):
    """One page's blocks by token; tokens carry a checksum of the page so that a note
    quoting a token cannot pull in another page's block."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self._suffix = f"x{zlib.crc32(page.encode()):08x}"

    def add(self, html: str, late: bool = False) -> str:
        """Keep `html`; the token to write, alone in a paragraph, where it goes."""
        token = f"{'MTLATE' if late else 'MTBLOCK'}{len(self):04d}{self._suffix}"
        self[token] = html
        return token

    def slot(self, html: str) -> str:
        """A late block inside other HTML (a placeholder paragraph of its own)."""
        return f"<p data-search-exclude>{self.add(html, late=True)}</p>"

    def split(self, text: str) -> str:
        """Markdown from template output that is Markdown headings with HTML between them:
        the headings stay (for the table of contents and permalinks), the HTML becomes blocks.
        A heading is a line starting with "#", so templates start every other line with a tag."""
        out: list[str] = []
        start = 0
        for match in [*_HEADING.finditer(text), None]:
            html = text[start : match.start() if match else len(text)].strip()
            if html:
                out += [self.add(html), ""]
            if match:
                out += [match.group(0), ""]
                start = match.end()
        return "\n".join(out)


def fill_blocks(html: str, blocks: dict[str, str], late: bool | None = None) -> str:
    """Put the blocks in place of their placeholder paragraphs: all of them, or only the
    early ones (`late=False`: late tokens are then marked for search to skip) or the late
    ones (`late=True`)."""
    if not blocks:
        return html

    def put(match: re.Match[str]) -> str:
        token = match.group(1)
        if late is not None and token.startswith("MTLATE") != late:
            return f"<p data-search-exclude>{token}</p>" if late is False else match.group(0)
        return blocks.get(token, match.group(0))

    return _PLACEHOLDER.sub(put, html)
