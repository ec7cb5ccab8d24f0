"""Lists as CommonMark (and so GitHub) nests them, for a converter that nests by four spaces.

A note's author sees it on GitHub, where a sub-bullet indented by two spaces (or by the width
of "1. ") is nested. Python-Markdown nests by four columns only, and flattens the rest. From
markdown-it's tokens, each line of a list item gets the indentation that gives Python-Markdown
the same tree: an item's marker at four columns a level, its other lines four columns deeper,
with what they had beyond the item's content column kept.
"""

from __future__ import annotations

from markdown_it.token import Token

from ..model import ListLayout


def list_layout(tokens: list[Token], lines: list[str]) -> ListLayout:
    """From markdown-it's block tokens of `lines`; 1-based line numbers. Items inside block
    quotes are left as written."""
    layout = ListLayout()
    owner: dict[int, tuple[int, int, int]] = {}  # 0-based line -> (item's first line, depth, content column)
    items: list[int] = []  # first lines of the open items
    quoted = 0
    closed_list_at: int | None = None  # the level of the list that ended just before
    for token in tokens:
        kind = token.type
        if kind == "blockquote_open":
            quoted += 1
        elif kind == "blockquote_close":
            quoted -= 1
        elif kind == "list_item_close":
            items.pop()
        elif kind in ("bullet_list_close", "ordered_list_close"):
            closed_list_at = token.level
            continue
        elif kind in ("bullet_list_open", "ordered_list_open") and token.map is not None and not quoted:
            first = token.map[0]
            if closed_list_at == token.level:
                layout.apart.add(first + 1)
            after_own_item = bool(items) and items[-1] == first - 1
            if first > 0 and lines[first - 1].strip() and not after_own_item:
                layout.breaks.add(first + 1)
        elif kind == "list_item_open":
            first, last = token.map or (0, 0)
            items.append(first)
            if not quoted and token.map is not None:
                column = _content_column(lines[first], token)
                for n in range(first, last):  # an inner item, met later, takes its own lines
                    owner[n] = (first, len(items) - 1, column)
        if kind.endswith("_open") or kind in ("fence", "code_block", "html_block", "hr"):
            closed_list_at = None
    for n, (first, level, column) in owner.items():
        line = lines[n].expandtabs(4)
        text = line.lstrip(" ")
        if not text:
            continue
        have = len(line) - len(text)
        want = 4 * level if n == first else 4 * (level + 1) + max(0, have - column)
        if want != have:
            layout.indents[n + 1] = want
    return layout


def _content_column(line: str, token: Token) -> int:
    """Where an item's text starts: after its marker and one to four spaces (CommonMark 5.2)."""
    line = line.expandtabs(4)
    start = len(line) - len(line.lstrip(" "))
    marker = len(token.info) + 1 if token.info else len(token.markup)
    rest = line[start + marker :]
    spaces = len(rest) - len(rest.lstrip(" "))
    return start + marker + (spaces if 1 <= spaces <= 4 and rest.strip() else 1)
