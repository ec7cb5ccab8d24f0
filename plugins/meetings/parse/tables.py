"""Pipe tables as Python-Markdown's `tables` extension reads them. It shows as many cells
in each row as the header has and drops the rest, so the header and delimiter row of a
table with a wider row are widened with empty cells; no cell of the note is lost."""

from __future__ import annotations

import re

from ..inline import code_spans

_PIPE = re.compile(r"\\.|\|")  # an escaped pipe is text
_END_BORDER = re.compile(r"(?<!\\)(?:\\\\)*\|$")
_DELIMITER_CHARS = set("|:- ")


def bordered(row: str) -> bool:
    row = row.strip(" ")
    return row.startswith("|") or _END_BORDER.search(row) is not None


def cells(row: str, border: bool) -> int:
    """How many cells the extension splits `row` into; `border`: the header's, which
    decides for every row whether an outer pipe opens or closes the row."""
    row = row.strip(" ")
    if border:
        row = _END_BORDER.sub("", row[1:] if row.startswith("|") else row)
    masked = list(row)
    for start, end in code_spans(row):  # pipes inside code spans do not split cells
        masked[start:end] = "x" * (end - start)
    row = "".join(masked)
    return 1 + sum(1 for m in _PIPE.finditer(row) if m.group() == "|")


def extra_cells(header: str, delimiter: str, rows: list[str]) -> int:
    """Empty cells to add to the header and delimiter row so every cell of `rows` shows;
    0 when nothing is dropped or the lines are no table."""
    border = bordered(header)
    width = cells(header, border)
    if width < 2 and not (border and all(bordered(r) for r in [delimiter, *rows])):
        return 0
    if cells(delimiter, border) != width or not set(delimiter.strip(" ")) <= _DELIMITER_CHARS:
        return 0
    if max((cells(r, border) for r in rows), default=0) <= width:
        return 0
    # a widened header always ends with a pipe, which makes every row bordered
    return max(cells(r, True) for r in rows) - width


def widen(row: str, extra: int) -> str:
    """The header or delimiter row with `extra` empty cells at its end."""
    row = row.rstrip()
    if not _END_BORDER.search(row):
        row += " |"
    return row + " |" * extra


def row_cells(row: str) -> list[str]:
    """The cells of a table row as text, outer pipes dropped ("| a | b |" -> ["a", "b"])."""
    row = row.strip()
    row = _END_BORDER.sub("", row[1:] if row.startswith("|") else row)
    masked = list(row)
    for start, end in code_spans(row):
        masked[start:end] = "x" * (end - start)
    found, start = [], 0
    for match in _PIPE.finditer("".join(masked)):
        if match.group() == "|":
            found.append(row[start : match.start()].strip())
            start = match.end()
    return [*found, row[start:].strip()]


def is_delimiter(row: str) -> bool:
    """ "| --- | :-: |": the line under a table's header."""
    text = row.strip()
    return "-" in text and set(text) <= _DELIMITER_CHARS
