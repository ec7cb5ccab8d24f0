"""Agenda sections: which headings start one, and the title, presenters and video mark
each heading carries, in every grammar the notes have used.

Two layouts exist. "Classic": `## Title` / `### Presenter` / `#### (1:50 in the video)`.
"One-line": `#### Title - Presenter - (1:50 in the video)` in any order, at H3 or H4,
under a "Meeting Notes" heading. A file is classic when it has agenda H2 headings.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .. import inline
from ..model import Section
from ..text import UniqueIds, slugify, unlink
from . import dates
from .names import split_presenters

# Headings that hold sections or metadata but are no agenda item themselves.
CONTAINERS = re.compile(
    r"^\W*(?:meeting\s+notes?(?:\s+(?:from|provided\s+by)\s+gemini)?|topics|possible\s+topics|quick\s+recap"
    r"|(?:suggested\s+)?next\s+steps|summary|details|note:.*)\W*$",
    re.I,
)
# Headings over a summary of the whole meeting, when they come before its first item (under
# an item, "### Summary of Key Points" sums up that item only).
RECAP = re.compile(
    r"^\W*(?:quick\s+|meeting\s+|executive\s+|short\s+)?(?:recap|summary|summaries|tl;?\s?dr|synopsis|highlights"
    r"|key\s+(?:points|takeaways)|in\s+brief|at\s+a\s+glance)\W*$",
    re.I,
)
META = re.compile(
    r"^\W*(?:attendees|meeting\s+(?:start|end|finished)|next\s+(?:[^\W\d_]{2,20}\s+)?meeting"
    r"|(?:bluejeans|video)\s+\[recording\])",
    re.I,
)
# Possessive "\W*+" and the atomic group keep these linear: "\W*" then ".*" could split a
# run of dashes any way, and each "chat" would be tried with a scan to the end of the line.
CHAT = re.compile(r"^\W*+(?:(?>.*?\bchat\b).*?(?:copy|paste)|raw\s+(?:meeting\s+)?chat|raw\s+bluejeans)", re.I)
TRANSCRIPT = re.compile(r"^\W*+raw\s.*transcri", re.I)
_DEMO = re.compile(r"^\W*demos?\W*$", re.I)
_EMPTY_MARK = re.compile(r"\(\s*(?::\s*)?in\s+(?:the\s+)?video\s*\)", re.I)
# A run of spaces is entered only at its start ("(?<!\s)"), so a long run is read once.
_WALL_MINUTE = re.compile(r"(?:(?:(?<!\s)\s+)?[-–]\s*|(?<!\s)\s+)\d{1,2}\.?\s*$")
_DASH = re.compile(r"(?<!\s)\s+[-–]\s+|(?:(?<!\s)\s+)?[-–]\s*$|(?<=\w)[-–]\s+")
# "(5m, Lee)", "(Benjie, 5m)", "(15 min, Ana / Li)": the time an item was given and who brings it
_MINUTES = r"\d{1,3}\s?(?:m|mins?|minutes|h|hrs?|hours)"
# (possessive runs of spaces, names opening with no space: linear on "(" and 40,000 spaces)
_TIMED = re.compile(
    rf"\(\s*+(?:{_MINUTES}\s*+,\s*+(?P<who>[^(),\s][^(),]{{0,79}}?)|(?P<who2>[^(),\s][^(),]{{0,79}}?)\s*+,\s*+{_MINUTES})"
    r"\s*+\)\s*+$"
)


def timed_names(texts: Iterable[str]) -> bool:
    """Whether some of these titles name their presenter with the time given ("(5m, Lee)")."""
    return any(_TIMED.search(text) for text in texts)


_WITH = re.compile(r"(?<!\s)\s+w/\s+")  # "Title w/ Presenter"


@dataclass
class Heading:
    line: int  # 1-based
    level: int
    text: str


@dataclass
class HeadingParts:
    title: str
    presenters: list[str]
    seconds: int | None
    has_mark: bool


def split_heading(text: str, default_repo: str = "", dashes: bool = True) -> HeadingParts:
    """Title, presenters and video time of one heading, whatever their order; with `dashes`
    False, a part before or after " - " is never a presenter (the notes name them otherwise)."""
    mark = next((p for p in inline.scan(text, default_repo) if p.kind == "mark"), None)
    if mark:
        left, right = text[: mark.start], text[mark.end :]
    else:
        left, right = _EMPTY_MARK.sub(" ", text), ""
        left = _WALL_MINUTE.sub("", left) if _EMPTY_MARK.search(text) else left
    right = _WALL_MINUTE.sub("", right).strip(" -–.")
    left = left.strip().rstrip("-–").strip()
    presenters = split_presenters(right) if right else None
    title = left
    if presenters is None and (timed := _TIMED.search(left)):  # "Review agenda (2m, Lee)", "(Benjie, 5m)"
        if names := split_presenters(timed["who"] or timed["who2"]):
            presenters, title = names, left[: timed.start()].rstrip()
    if presenters is None and dashes:
        parts = [p for p in _DASH.split(left) if p.strip()]
        if len(parts) > 1 and (names := split_presenters(parts[-1])):
            presenters, title = names, " - ".join(parts[:-1])
        elif len(parts) == 2 and (names := split_presenters(parts[0])) and not split_presenters(parts[1]):
            presenters, title = names, parts[1]  # "Dan Walsh - emulation mode"
    if presenters is None and _WITH.search(title):
        before, after = _WITH.split(title, maxsplit=1)
        if names := split_presenters(after):
            presenters, title = names, before
    if presenters is None and (tail := re.match(r"^(.*\.)\s+([A-Z][\w'’-]+)\.?$", title)):
        if names := split_presenters(tail.group(2)):  # "Proposal to maintain podman-compose.  Povilas."
            presenters, title = names, tail.group(1)
    # "(: in video)" is a mark left blank: the heading still opens a timed agenda item
    has_mark = mark is not None or bool(_EMPTY_MARK.search(text))
    return HeadingParts(clean_title(title), presenters or [], mark.seconds if mark else None, has_mark)


def clean_title(text: str) -> str:
    """Plain text of a heading: no marks, link targets, bare URLs in parentheses or emphasis."""
    title = "".join(p.text for p in inline.scan(text, "") if p.kind != "mark")
    title = unlink(title)  # before the bare URLs go: "[Slides](https://…)" is "Slides"
    title = re.sub(r"\(\s*https?://[^()]*\)", "", title)  # "Podman TUI (https://…)"
    return " ".join(title.replace("**", "").split()).strip(" -–*_:")


_ISO_DAY = re.compile(r"\W{0,2}\d{4}-\d{2}-\d{2}\b")


def is_date_heading(text: str) -> bool:
    """ "December 1, 2020 11:00 a.m. Eastern", "Tuesday, June 2, 2026 …", "March 17, 2022 Topics"
    or "2024-01-11 14:00 UTC"."""
    text = dates.without_weekday(text)
    _, match = dates.find_date(text)
    match = match or _ISO_DAY.match(text)  # "## 2024-01-11"
    return match is not None and match.start() < 3 and len(text) - match.end() < 40


def is_meta(text: str) -> bool:
    return bool(META.match(text) or CHAT.match(text) or TRANSCRIPT.match(text) or is_date_heading(text))


def find_sections(headings: list[Heading], lines: list[str], body_end: int, default_repo: str) -> list[Section]:
    """Agenda sections among `headings` that start before line `body_end`."""
    last_line = len(lines)
    body = [h for h in headings if h.level > 1 and h.line < body_end]
    agenda = [h for h in body if not is_meta(h.text) and not CONTAINERS.match(h.text)]
    # "Title (5m, Lee)": where headings name their presenters so, "Full Unicode - looking for
    # final approval" is a title, not Full Unicode presenting
    dashes = not timed_names(h.text for h in agenda)
    parts = {h.line: split_heading(h.text, default_repo, dashes) for h in agenda}
    classic = any(h.level == 2 for h in agenda)
    marked = [h.level for h in agenda if parts[h.line].has_mark and not _DEMO.match(parts[h.line].title)]
    if classic:
        level = 2
    elif marked:
        counts = Counter(marked)
        level = max(counts, key=lambda lv: (counts[lv], -lv))
    else:
        level = min((h.level for h in agenda), default=4)

    held = _held(body) if classic else set()

    def starts(h: Heading) -> bool:
        p = parts[h.line]
        if classic and (h.level == 2 or h.line in held):
            return True  # "## Demos:" is an agenda item too, and "### Dreamworks" under "## Details"
        if _DEMO.match(p.title) or not re.search(r"[^\W\d_]", p.title) or is_link_only(h.text):
            return False
        # A titled heading with a video mark starts an item at any depth: the Cabals'
        # "#### Open discussion (44:57 in video)" under H3 items, 2025-08-05's H4 under an H2.
        return h.level <= level or (p.has_mark and h.level <= 5)

    heads = [h for h in agenda if starts(h)]
    # A section also ends where a container or metadata heading of its level begins.
    agenda_lines = {h.line for h in agenda}
    others_up_to = {
        level: [h.line for h in body if h.line not in agenda_lines and h.level <= level] for level in range(1, 7)
    }
    head_lines = [h.line for h in heads]
    heading_lines = [h.line for h in headings]
    sections: list[Section] = []
    ids = UniqueIds()
    for index, heading in enumerate(heads):
        stops = others_up_to[heading.level]
        after = bisect.bisect_right(stops, heading.line)
        candidates = [min(body_end, last_line + 1)]
        if index + 1 < len(head_lines):
            candidates.append(head_lines[index + 1])
        if after < len(stops):
            candidates.append(stops[after])
        end = min(candidates) - 1
        p = parts[heading.line]
        section = Section("", p.title, heading.line, end, heading.level, list(p.presenters))
        section.video_seconds = p.seconds
        if p.presenters:
            section.presenter_line = heading.line
        if classic and heading.level == 2:
            after = bisect.bisect_right(heading_lines, heading.line)  # read up to the first few, not copied
            _classic_head(section, (headings[i] for i in range(after, len(headings))), default_repo)
            if section.presenter_line != heading.line and p.presenters:
                # "## What Red Hat Thinks - Design directions" / "### Brent Baude": the
                # presenter sub-heading names the person; the heading is all talk title.
                section.title = clean_title(_EMPTY_MARK.sub(" ", heading.text)) or p.title
        if section.video_seconds is None:
            section.video_seconds = _opening_mark(section, lines, default_repo)
        if not section.presenters:
            _presenter_label(section, lines)
        section.id = ids.make(slugify(section.title))
        sections.append(section)
    return sections


def _held(body: list[Heading]) -> set[int]:
    """Lines of the H3 headings right under an H2 container ("## Details" over "### TSC Items"):
    in a note whose items are H2 headings, the container's sub-headings are items too."""
    held: set[int] = set()
    container = False
    for heading in body:
        if heading.level <= 2:
            container = heading.level == 2 and CONTAINERS.match(heading.text) is not None
        elif container and heading.level == 3:
            held.add(heading.line)
    return held


OPENING_HEADINGS = 3  # sub-headings (a presenter, talk titles) that may come before the mark
_HEADING_LINE = re.compile(r"^\s{0,3}(#{1,6})(?:\s|$)")
_LEAD = re.compile(r"[\s*_>~-]{0,12}")  # emphasis, a quote or a dash before a mark
_MARK_WORDS = re.compile(r"\bin\s+(?:the\s+)?video\b", re.I)


def _opening_mark(section: Section, lines: list[str], default_repo: str) -> int | None:
    """The mark that opens a section's body when its headings carry none: on a line of its
    own under the heading ("  - (14:08 in the video)", "#### (9:50 in the video)" after a
    blank line), or opening the first paragraph ("**(16:00 in video)** Matt showed …").
    Sub-headings (the presenter, a talk title) may come first; any other text ends the search."""
    headings = 0
    for number in range(section.line + 1, min(section.end_line, len(lines)) + 1):
        line = lines[number - 1]
        if not line.strip() or number == section.presenter_line:
            continue
        heading = _HEADING_LINE.match(line)
        text = line[heading.end() :] if heading else line
        lead = _LEAD.match(text).end()  # type: ignore[union-attr]  # {0,12} always matches
        if _MARK_WORDS.search(text):
            mark = next((p for p in inline.scan(text, default_repo) if p.kind == "mark"), None)
            rest = _MARK_WORDS.sub("", text[mark.end :]) if mark else ""
            titled = heading and re.search(r"[^\W\d_]{2}", rest)  # "#### (1:40 in the video) Demo": a sub-item
            if mark and mark.start <= lead and not titled:
                return mark.seconds
        if not heading:
            return None
        headings += 1
        if headings > OPENING_HEADINGS:
            return None
    return None


# "Presenter: Istvan Sebestyen (IS)", "**Champions**: A, B": a label line under an item's heading
PRESENTER_LABELS = ("presenter", "presenters", "champion", "champions", "speaker", "speakers", "presented by")
_PRESENTER_LABEL = re.compile(
    r"^\s{0,3}(?:[*+-]\s{1,4})?(?:\*\*|__)?(?P<label>[A-Za-z ]{6,14}?)"
    r"(?::\s{0,3}(?:\*\*|__)|(?:\*\*|__)?:)\s*(?P<names>\S.*)$"
)
OPENING_LINES = 4  # non-blank lines under an item's heading where its presenter label may be


def _presenter_label(section: Section, lines: list[str]) -> None:
    """Presenters named by a label line near the top of the item's body."""
    seen = 0
    for number in range(section.line + 1, min(section.end_line, len(lines)) + 1):
        line = lines[number - 1]
        if not line.strip():
            continue
        match = _PRESENTER_LABEL.match(line)
        if match and match["label"].strip().casefold() in PRESENTER_LABELS:
            section.presenters = split_presenters(match["names"].strip(" *_")) or []
            section.presenter_line = number if section.presenters else None
            return
        seen += 1
        if seen >= OPENING_LINES:
            return


def is_link_only(text: str) -> bool:
    """ "[Slides](./x.pdf)", "[Repo](https://…)": a link shown as a heading."""
    return bool(re.fullmatch(r"\s*\[[^\]]*\]\([^)]*\)\s*", text))


def _classic_head(section: Section, following: Iterable[Heading], default_repo: str) -> None:
    """Presenter H3 and mark H4/H5 that directly follow an H2 title (`following` are the
    headings after it)."""
    opening: list[Heading] = []
    for heading in following:
        if heading.line > section.end_line:
            break
        if opening and heading.line - opening[-1].line > 2:
            break
        if not opening and heading.line - section.line > 2:
            break
        opening.append(heading)
    for heading in opening:
        own = section.presenter_line == section.line  # names split off the title itself
        if (
            heading.level == 3
            and (own or not section.presenters)
            and not inline_mark(heading.text, default_repo)
            and not is_link_only(heading.text)  # "### [wg-pgo](…)": a part, not a person
        ):
            names = split_presenters(heading.text)
            if names:
                section.presenters = names
                section.presenter_line = heading.line
        if section.video_seconds is None:
            seconds = inline_mark(heading.text, default_repo)
            if seconds is not None:
                section.video_seconds = seconds


def inline_mark(text: str, default_repo: str) -> int | None:
    for piece in inline.scan(text, default_repo):
        if piece.kind == "mark" and piece.seconds is not None:
            return piece.seconds
    return None
