"""Split one line of a note into the pieces we recognise: code, video marks, links, URLs
and issue references. Parsing reads the pieces to extract facts; rendering re-emits them
with links. Keeping one scanner means a reference is found and linked by the same rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

TIME = r"\d{1,2}(?::\d{1,3}){1,2}"

# "(1:50 in the video)", "(22:34 in video)", "(51:20) in the video)",
# "([1:06](https://…&t=66s) in the video)", "([25:08(https://…) in the video)",
# "([04:02]i(https://…) in the video" (no closing paren).
_MARK_PAREN = (
    r"\(\s*(?:"
    rf"\[(?P<label>{TIME})\]?\s*i?\((?P<mark_url>[^)\s]+)\)"
    rf"|(?P<plain>{TIME})\)?"
    r")\s*in\s+(?:the\s+)?video\s*\)?"
)
# "Demo - 4:35 in the video", "DEMO 37:47 in demo" is not a mark.
_MARK_BARE = rf"(?<![\d:\w])(?P<bare>{TIME})\s+in\s+(?:the\s+)?video\b"
# A mark whose time was left blank: "(: in the video)". Not a mark, but not text to link either.
_MARK_EMPTY = r"\(\s*:?\s*in\s+(?:the\s+)?video\s*\)"

_URL = r"https?://[^\s<>()\[\]`\"]+(?:\([^\s()<>]*\)[^\s<>()\[\]`\"]*)*"

_TOKEN = re.compile(
    rf"""
    (?P<code>(?P<ticks>`+)(?P<code_body>.+?)(?<!`)(?P=ticks)(?!`))
  | (?P<mark>{_MARK_PAREN})
  | (?P<empty_mark>{_MARK_EMPTY})
  | (?P<markbare>{_MARK_BARE})
  | (?P<badlink>\((?P<bad_text>[^()\[\]\n]{{1,80}})\)\[(?P<bad_url>(?:https?://|\./)[^\]\s]+)\]
      |\((?P<bad_text2>[^()\[\]\n]{{1,80}})\]\((?P<bad_url2>(?:https?://|\./)[^)\s]+)\))
  | (?P<image>!\[(?P<img_text>[^\]]*)\]\((?P<img_url>[^)\s]*)(?:\s+"[^"]*")?\))
  | (?P<link>\[(?P<link_text>[^\]]*)\]\((?P<link_url>[^)\s]*)(?:\s+"[^"]*")?\))
  | (?P<autolink><(?P<auto_url>https?://[^>\s]+)>)
  | (?P<url>{_URL})
  | (?P<repo_issue>(?<![\w/.@-])(?P<owner>[a-z\d][\w.-]{{0,38}})/(?P<repo_name>[\w.-]{{1,100}})
      \#(?P<repo_number>\d{{1,6}})\b(?![\w-]))
  | (?P<issue>(?<![\w/&#\]])\#(?P<number>\d{{1,6}})\b(?![\w-]))
    """,
    re.X | re.I,
)

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
    """ "1:50" -> 110, "1:01:01" -> 3661; None when a field is out of range ("0:354")."""
    parts = [int(p) for p in stamp.split(":")]
    if any(p > 59 for p in parts[1:]):
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
    pos = 0
    for match in _TOKEN.finditer(line):
        piece = _piece(match, default_repo, markdown)
        if piece is None:
            continue
        if piece.start > pos:
            pieces.append(Piece("text", pos, piece.start, line[pos : piece.start]))
        pieces.append(piece)
        pos = piece.end
        if piece.end < match.end():  # trailing punctuation cut from a URL
            pieces.append(Piece("text", piece.end, match.end(), line[piece.end : match.end()]))
            pos = match.end()
    if pos < len(line):
        pieces.append(Piece("text", pos, len(line), line[pos:]))
    return pieces


def _piece(m: re.Match[str], default_repo: str, markdown: bool) -> Piece | None:
    kind = m.lastgroup
    if kind in ("code_body", "ticks"):
        kind = "code"
    elif kind in ("bad_text", "bad_url", "bad_text2", "bad_url2"):
        kind = "badlink"
    elif kind in ("owner", "repo_name", "repo_number"):
        kind = "repo_issue"
    start, end = m.start(), m.end()
    text = m.group()
    if not markdown and kind not in ("url", "issue", "autolink", "repo_issue"):
        if kind in ("link", "image", "code", "mark", "markbare", "empty_mark"):
            return _plain_url_inside(m, default_repo)
        return None
    if kind == "code":
        return Piece("code", start, end, text)
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


def _plain_url_inside(m: re.Match[str], default_repo: str) -> Piece | None:
    """In chat, Markdown means nothing: a URL inside "[x](url)" is still just a URL."""
    inner = re.search(_URL, m.group())
    if not inner:
        return None
    url = inner.group().rstrip(_TRAILING_PUNCT)
    start = m.start() + inner.start()
    return _url_piece(start, start + len(url), url, url, default_repo)
