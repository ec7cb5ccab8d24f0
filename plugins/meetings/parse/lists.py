"""Lists as CommonMark (and so GitHub) nests them, for a converter that nests by four spaces.

A note's author sees it on GitHub, where a sub-bullet indented by two spaces (or by the width
of "1. ") is nested. Python-Markdown nests by four columns only, and flattens the rest. From
markdown-it's tokens, each line of a list item gets the indentation that gives Python-Markdown
the same tree: an item's marker at four columns a level, its other lines four columns deeper,
with what they had beyond the item's content column kept.
"""

from __future__ import annotations

import re

from markdown_it.token import Token

from ..model import ListLayout

_MARKER = re.compile(r"\s*(?:[*+-]|\d{1,9}[.)])(?:\s|$)")


def list_layout(tokens: list[Token], lines: list[str]) -> ListLayout:
    """From markdown-it's block tokens of `lines`; 1-based line numbers. Items inside block
    quotes are left as written."""
    layout = ListLayout()
    owner: dict[int, tuple[int, int, int]] = {}  # 0-based line -> (item's first line, depth, content column)
    items: list[int] = []  # first lines of the open items
    quoted = 0
    closed_list_at: int | None = None  # the level of the list that ended just before
    fences: set[int] = set()  # 0-based first lines of fences inside items
    sibling: dict[int, int] = {}  # depth -> first line of the last item opened at that depth
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
            after_own_item = bool(items) and (
                items[-1] == first - 1
                or (items[-1] == first and first in owner and _one_more(lines[first], owner[first][2]))
            )
            if first > 0 and lines[first - 1].strip() and not after_own_item:
                layout.breaks.add(first + 1)
        elif kind == "list_item_open":
            first, last = token.map or (0, 0)
            if (
                not quoted
                and token.map is not None
                and _absorbed(lines, owner, sibling.get(len(items)), first, len(items), layout.breaks)
            ):
                layout.breaks.add(first + 1)
            sibling[len(items)] = first
            items.append(first)
            if not quoted and token.map is not None:
                outer = owner.get(first)
                shared = outer is not None and outer[0] == first  # "- - text": the line opens its outer item too
                column = _content_column(lines[first], token, outer[2] if outer and shared else None)
                shared = shared and outer is not None and _one_more(lines[first], outer[2])
                if last - first == 1 and not lines[first].expandtabs(4)[column:].strip():
                    layout.empty.add(first + 1)
                for n in range(first, last):  # an inner item, met later, takes its own lines
                    if not (shared and n == first):  # that line is placed as the outer item's
                        owner[n] = (first, len(items) - 1, column)
        if kind == "fence" and items and not quoted and token.map is not None:
            fences.add(token.map[0])
        if kind.endswith("_open") or kind in ("fence", "code_block", "html_block", "hr"):
            closed_list_at = None
    for n, (first, level, column) in owner.items():
        line = lines[n].expandtabs(4)
        text = line.lstrip(" ")
        if not text:
            continue
        have = len(line) - len(text)
        want = 4 * level if n == first else 4 * (level + 1) + max(0, have - column)
        if n in fences:
            layout.fences[n + 1] = 4 * (level + 1)
        if want != have:
            layout.indents[n + 1] = want
    return layout


def _one_more(line: str, column: int) -> bool:
    """At `column`, one more marker and then text ("- - text"): Python-Markdown nests that
    as CommonMark does, but not "- + -" (a third marker, or none after the second), which is
    then placed as its innermost item."""
    found = _MARKER.match(line.expandtabs(4), column)
    rest = line.expandtabs(4)[found.end() :] if found else ""
    return bool(rest.strip()) and not _MARKER.match(rest)


def _absorbed(
    lines: list[str],
    owner: dict[int, tuple[int, int, int]],
    before: int | None,
    first: int,
    depth: int,
    breaks: set[int],
) -> bool:
    """An item right after the last line of a deeper list that has a blank line in it (or
    one put before a list there): Python-Markdown takes it into that list unless a blank
    line comes first."""
    above = owner.get(first - 1)
    if before is None or above is None or above[1] <= depth or not lines[first - 1].strip():
        return False
    return any(not lines[n].strip() or n + 1 in breaks for n in range(before + 1, first))


def _content_column(line: str, token: Token, after: int | None = None) -> int:
    """Where an item's text starts: after its marker and one to four spaces (CommonMark 5.2);
    the marker is the line's first, or the one at column `after` (an outer item's text)."""
    line = line.expandtabs(4)
    start = len(line) - len(line.lstrip(" ")) if after is None else after
    marker = len(token.info) + 1 if token.info else len(token.markup)
    rest = line[start + marker :]
    spaces = len(rest) - len(rest.lstrip(" "))
    return start + marker + (spaces if 1 <= spaces <= 4 and rest.strip() else 1)
