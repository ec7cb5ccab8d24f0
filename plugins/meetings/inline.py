"""Split one line of a note into the pieces we recognise: code, video marks, links, URLs
and issue references. Parsing reads the pieces to extract facts; rendering re-emits them
with links. Keeping one scanner means a reference is found and linked by the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

TIME = r"\d{1,2}(?::\d{1,3}){1,2}"

# A failed attempt at one position must cost a bounded time, or a line of "[" (each one
# scanning on to the end for its "]") takes quadratic time. So inner runs stop at the
# character that starts another attempt ("[" in link text and targets, "<" in autolinks)
# and are bounded besides. Real notes stay far below the bounds (link text under 60
# characters, link targets under 200).
_TEXT_MAX = 200
_URL_MAX = 500

# "(1:50 in the video)", "(22:34 in video)", "(51:20) in the video)",
# "([1:06](https://…&t=66s) in the video)", "([25:08(https://…) in the video)",
# "([04:02]i(https://…) in the video" (no closing paren).
_MARK_PAREN = (
    r"\(\s*(?:"
    rf"\[(?P<label>{TIME})\]?\s*i?\((?P<mark_url>[^()\[\s]{{1,{_URL_MAX}}})\)"
    rf"|(?P<plain>{TIME})\)?"
    r")\s*in\s+(?:the\s+)?video\s*\)?"
)
# "Demo - 4:35 in the video", "DEMO 37:47 in demo" is not a mark.
_MARK_BARE = rf"(?<![\d:\w])(?P<bare>{TIME})\s+in\s+(?:the\s+)?video\b"
# A mark whose time was left blank: "(: in the video)". Not a mark, but not text to link either.
# (Written "\s*(?::\s*)?", not "\s*:?\s*": two runs of spaces that can split a run any way
# make a failed attempt quadratic.)
_MARK_EMPTY = r"\(\s*(?::\s*)?in\s+(?:the\s+)?video\s*\)"

_URL = r"https?://[^\s<>()\[\]`\"]+(?:\([^\s()<>]*\)[^\s<>()\[\]`\"]*)*"


def _link_tail(group: str) -> str:
    """ "(target)" or '(target "title")' after the text of a link or an image."""
    return rf"\((?P<{group}>[^)\[\s]{{0,{_URL_MAX}}})(?:\s+\"[^\"]{{0,{_TEXT_MAX}}}\")?\)"


# Code spans are found by `_CodeSpans`, not here: a pattern for them backtracks on runs of backticks.
_TOKEN = re.compile(
    rf"""
    (?P<mark>{_MARK_PAREN})
  | (?P<empty_mark>{_MARK_EMPTY})
  | (?P<markbare>{_MARK_BARE})
  | (?P<badlink>\((?P<bad_text>[^()\[\]\n]{{1,80}})\)\[(?P<bad_url>(?:https?://|\./)[^\]\s]{{1,{_URL_MAX}}})\]
      |\((?P<bad_text2>[^()\[\]\n]{{1,80}})\]\((?P<bad_url2>(?:https?://|\./)[^)\s]{{1,{_URL_MAX}}})\))
  | (?P<image>!\[(?P<img_text>[^\[\]]{{0,{_TEXT_MAX}}})\]{_link_tail("img_url")})
  | (?P<link>\[(?P<link_text>[^\[\]]{{0,{_TEXT_MAX}}})\]{_link_tail("link_url")})
  | (?P<autolink><(?P<auto_url>https?://[^<>\s]{{1,{_URL_MAX}}})>)
  | (?P<url>{_URL})
  | (?P<repo_issue>(?<![\w/.@-])(?P<owner>[a-z\d][\w.-]{{0,38}})/(?P<repo_name>[\w.-]{{1,100}})
      \#(?P<repo_number>\d{{1,6}})\b(?![\w-]))
  | (?P<issue>(?<![\w/&#\]])\#(?P<number>\d{{1,6}})\b(?![\w-]))
    """,
    re.X | re.I,
)
# Runs of backticks, and line breaks (chat messages hold several lines; a span stays on one).
_TICKS = re.compile(r"`+|\n")

_TRAILING_PUNCT = ".,;:!?'\""
# Every piece but plain text holds one of these.
_WORTH_SCANNING = re.compile(r"[`(\[#<]|https?:|video", re.I)

GITHUB_ISSUE = re.compile(
    r"^https?://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+)/"
    r"(?P<kind>issues|pull|discussions)/(?P<number>\d+)(?:[/?#].*)?$",
    re.I,
)
_KINDS = {"issues": "issue", "pull": "pull", "discussions": "discussion"}


@dataclass
class Piece:
    kind: str  # text, code, mark, image, link, url, issue
    start: int
    end: int
    text: str  # the source text of the piece
    label: str = ""  # link or image text
    target: str = ""  # link target, URL, or "owner/repo" for an issue
    number: int = 0  # issue number
    issue_kind: str = ""
    broken: bool = False  # a link written "(text)[url]" or "(text](url)"
    seconds: int | None = None  # video marks
    mark_label: str = ""  # the time as written in a mark
    link_seconds: int | None = None  # the t= of a linked mark


def seconds_of(stamp: str) -> int | None:
    """ "1:50" -> 110, "1:01:01" -> 3661; None when a field after the first is not two
    digits up to 59 ("0:354", "2:1": is that 2:01 or 2:10?)."""
    fields = stamp.split(":")
    parts = [int(p) for p in fields]
    if any(p > 59 or len(f) != 2 for p, f in zip(parts[1:], fields[1:], strict=True)):
        return None
    total = 0
    for part in parts:
        total = total * 60 + part
    return total


def github_issue(url: str) -> tuple[str, int, str] | None:
    """("owner/repo", number, kind) for a GitHub issue, pull request or discussion URL."""
    match = GITHUB_ISSUE.match(url)
    if not match:
        return None
    repo = f"{match['owner']}/{match['repo']}".lower()
    return repo, int(match["number"]), _KINDS[match["kind"].lower()]


def _t_param(url: str) -> int | None:
    match = re.search(r"[?&#]t=(\d+)s?\b", url)
    return int(match.group(1)) if match else None


def scan(line: str, default_repo: str, markdown: bool = True) -> list[Piece]:
    """The pieces of `line`, in order, text pieces included, covering the whole line.

    With `markdown=False` (pasted chat) only URLs and issue references are recognised.
    """
    if not _WORTH_SCANNING.search(line):  # most lines of prose and chat: nothing to find
        return [Piece("text", 0, len(line), line)] if line else []
    pieces: list[Piece] = []
    pos = 0  # text up to here is in `pieces`
    for end, piece in _tokens(line, default_repo, markdown):
        if piece is None:
            continue
        if piece.start > pos:
            pieces.append(Piece("text", pos, piece.start, line[pos : piece.start]))
        pieces.append(piece)
        pos = piece.end
        if piece.end < end:  # trailing punctuation cut from a URL
            pieces.append(Piece("text", piece.end, end, line[piece.end : end]))
            pos = end
    if pos < len(line):
        pieces.append(Piece("text", pos, len(line), line[pos:]))
    return pieces


def _tokens(line: str, default_repo: str, markdown: bool) -> Iterator[tuple[int, Piece | None]]:
    """(end, piece) of each token, left to right: code spans and `_TOKEN` matches,
    whichever starts first. A `_TOKEN` match found ahead is kept until it is passed, so no
    stretch of the line is searched twice."""
    spans = _CodeSpans(line)
    cursor = 0
    match: re.Match[str] | None = None
    searched = False
    while True:
        if not searched or (match is not None and match.start() < cursor):
            match, searched = _TOKEN.search(line, cursor), True
        span = spans.first_from(cursor)
        if span is not None and (match is None or span[0] < match.start()):
            start, end = span
            text = line[start:end]
            piece = Piece("code", start, end, text) if markdown else _plain_url_inside(start, text, default_repo)
        elif match is not None:
            start, end = match.span()
            piece = _piece(match, default_repo, markdown)
        else:
            return
        yield end, piece
        cursor = end


class _CodeSpans:
    """Code spans of a line: a run of backticks up to the next run of the same length.

    Each run's partner is found once, from the right, so a line of backticks in any
    arrangement is read in linear time."""

    def __init__(self, line: str) -> None:
        runs = [(m.start(), m.end()) for m in _TICKS.finditer(line)]
        self._runs = runs
        self._partner: list[int | None] = [None] * len(runs)
        later: dict[int, int] = {}  # run length -> index of the nearest run of that length to the right
        for index in range(len(runs) - 1, -1, -1):
            start, end = runs[index]
            if line[start] == "\n":
                later.clear()
                continue
            self._partner[index] = later.get(end - start)
            later[end - start] = index
        self._next = 0  # runs before this one start before any later cursor

    def first_from(self, cursor: int) -> tuple[int, int] | None:
        """(start, end) of the first span that opens at or after `cursor`."""
        while self._next < len(self._runs):
            start = self._runs[self._next][0]
            partner = self._partner[self._next]
            if start >= cursor and partner is not None:
                return start, self._runs[partner][1]
            self._next += 1  # before the cursor, or never closed
        return None


def code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each code span of `line`, in linear time."""
    spans, found, cursor = _CodeSpans(line), [], 0
    while (span := spans.first_from(cursor)) is not None:
        found.append(span)
        cursor = span[1]
    return found


def _piece(m: re.Match[str], default_repo: str, markdown: bool) -> Piece | None:
    kind = m.lastgroup
    if kind in ("bad_text", "bad_url", "bad_text2", "bad_url2"):
        kind = "badlink"
    elif kind in ("owner", "repo_name", "repo_number"):
        kind = "repo_issue"
    start, end = m.start(), m.end()
    text = m.group()
    if not markdown and kind not in ("url", "issue", "autolink", "repo_issue"):
        if kind in ("link", "image", "mark", "markbare", "empty_mark"):
            return _plain_url_inside(start, text, default_repo)
        return None
    if kind == "mark":
        stamp = m["label"] or m["plain"]
        piece = Piece("mark", start, end, text, mark_label=stamp, seconds=seconds_of(stamp))
        if m["mark_url"]:
            piece.target = m["mark_url"]
            piece.link_seconds = _t_param(m["mark_url"])
        return piece
    if kind == "markbare":
        stamp = m["bare"]
        return Piece("mark", start, end, text, mark_label=stamp, seconds=seconds_of(stamp))
    if kind == "empty_mark":
        return Piece("text", start, end, text)
    if kind == "badlink":
        url, label = (m["bad_url"], m["bad_text"]) if m["bad_url"] else (m["bad_url2"], m["bad_text2"])
        piece = Piece("link", start, end, text, label=label, target=url, broken=True)
        found = github_issue(url)
        if found:
            piece.kind = "issue"
            piece.target, piece.number, piece.issue_kind = found
        return piece
    if kind == "image":
        return Piece("image", start, end, text, label=m["img_text"], target=m["img_url"])
    if kind == "link":
        piece = Piece("link", start, end, text, label=m["link_text"], target=m["link_url"])
        found = github_issue(m["link_url"])
        if found:
            piece.kind = "issue"
            piece.target, piece.number, piece.issue_kind = found
        return piece
    if kind == "autolink":
        return _url_piece(start, end, m["auto_url"], text, default_repo)
    if kind == "url":
        url = text.rstrip(_TRAILING_PUNCT)
        return _url_piece(start, start + len(url), url, url, default_repo)
    if kind == "repo_issue":  # "containers/podman#8483"
        repo = f"{m['owner']}/{m['repo_name']}".lower()
        return Piece("issue", start, end, text, target=repo, number=int(m["repo_number"]), issue_kind="issue")
    if kind == "issue":
        if not default_repo:  # no default repository: "#180" is a meeting's number, not an issue
            return Piece("text", start, end, text)
        piece = Piece("issue", start, end, text, target=default_repo, number=int(m["number"]))
        piece.issue_kind = "issue"
        return piece
    return None


def _url_piece(start: int, end: int, url: str, text: str, default_repo: str) -> Piece:
    piece = Piece("url", start, end, text, target=url, label=url)
    found = github_issue(url)
    if found:
        piece.kind = "issue"
        piece.label = url
        piece.target, piece.number, piece.issue_kind = found
    return piece


def _plain_url_inside(start: int, text: str, default_repo: str) -> Piece | None:
    """In chat, Markdown means nothing: a URL inside "[x](url)" is still just a URL."""
    inner = re.search(_URL, text)
    if not inner:
        return None
    url = inner.group().rstrip(_TRAILING_PUNCT)
    start += inner.start()
    return _url_piece(start, start + len(url), url, url, default_repo)
