"""Agenda items of a community that names its heading levels (community.yml `headings:`).

Each heading of a listed level is an item, unless it is metadata (`### Moderator: …`, or
any heading of the block right under the title), a container (`# Summary`, `# Agenda`)
or only a link. A time link in the heading (`[4:05](https://youtu.be/…?t=245)`, also
`[[8:35](…)] 1. Testing` and `[0.30](…)`) is where the item starts in the recording.
"""

from __future__ import annotations

import bisect
import re

from ..community import Community, any_of
from ..model import Section
from ..text import UniqueIds, slugify, unlink
from .names import split_presenters
from .sections import Heading, clean_title

# Headings that give a note its structure and are no item in any community's notes: they
# hold the items, the record or the roll ("# Agenda", "## Notes (Hudson)", "# Annex").
STRUCTURE = re.compile(
    r"^\W*(?:agenda(?:\s+items?(?:\s+for\s+(?:future|next|later)\s+meetings?)?)?|logistics|registration"
    r"|notes?|meeting\s+notes|minutes|summary|contents|table\s+of\s+contents|annex|appendix"
    r"|attendees|attendance|attending|participants|present|meeting\s+roles"
    r"|decisions?(?:\s+made)?(?:\s*(?:and|/|&)\s*actions?(?:\s+items?)?(?:\s+made)?)?"
    r"|action\s+items?|actions(?:\s+required)?|(?:suggested\s+)?next\s+steps|links|resources|next\s+(?:meeting|call)|upcoming\s+(?:meetings|calls|events)"
    r"|date\s+(?:for|of)\s+(?:the\s+)?next\s+(?:meeting|call)\b.*)\s*(?:\([^()]{0,40}\))?\W*$",
    re.I,
)
_PARTS = re.compile(r"\s+/\s+")


def is_structure(title: str) -> bool:
    """Structure, or a heading of several parts mostly structure ("Short Version / Decisions /
    Action Items / Important Links": the summary block of a note)."""
    if STRUCTURE.match(title):
        return True
    parts = [p for p in _PARTS.split(title[:200]) if p.strip()]
    return len(parts) >= 2 and 2 * sum(STRUCTURE.match(p) is not None for p in parts) >= len(parts)


# "[4:05](url)", "[[8:35](url)]", "[0.30](url?t=30)", "[1:01:29](url)"
_TIME_LINK = re.compile(
    r"\[?\[(?P<label>\d{1,2}(?:[:.]\d{2}){1,2})\]\((?P<url>https?://[^)\s]+)\)\]?",
)
LABEL_VALUE = re.compile(r"^\W*[^\W\d][\w/&.' -]{0,30}?\s*:\s+\S")  # "Moderator: Tim Beiko", not "Title (1:50 …)"
_T_PARAM = re.compile(r"[?&#]t=(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?(?:(?P<s>\d+)s?)?(?![\w])")


def link_seconds(text: str) -> tuple[int | None, re.Match[str] | None]:
    """Seconds of the first time link in `text`: its t= when it has one, else its label."""
    match = _TIME_LINK.search(text)
    if not match:
        return None, None
    t = _T_PARAM.search(match["url"])
    if t and any(t.group(g) for g in ("h", "m", "s")):
        return int(t["h"] or 0) * 3600 + int(t["m"] or 0) * 60 + int(t["s"] or 0), match
    parts = [int(p) for p in re.split(r"[:.]", match["label"])]
    if any(p > 59 for p in parts[1:]):
        return None, match
    total = 0
    for part in parts:
        total = total * 60 + part
    return total, match


def metadata_lines(headings: list[Heading], lines: list[str], title_line: int | None) -> set[int]:
    """Headings of the block under the title: a run of headings below H1 with only blank
    lines between them (`### Meeting Duration: …`, `## Due to an error there is no video`)."""
    found: set[int] = set()
    if title_line is None:
        return found
    by_line = {h.line: h for h in headings}
    number = title_line + 1
    while number <= len(lines):
        text = lines[number - 1].strip()
        heading = by_line.get(number)
        if heading is not None:
            if heading.level == 1:
                break
            found.add(number)
        elif text and not re.fullmatch(r"<!--.*-->", text):
            break  # text, or a rule ("---", "___"): the content starts
        number += 1
    return found


def _opening_heading(block: set[int], lines: list[str]) -> int:
    """The last heading of the block under the title when text follows it: the content
    starts under it, so it is the first item, not metadata (unless `Label: value`)."""
    if not block:
        return 0
    last = max(block)
    after = next((t.strip() for t in lines[last:] if t.strip()), "#")
    if after.startswith("#") or LABEL_VALUE.match(lines[last - 1].lstrip("#").strip()):
        return 0
    return last


def find_agenda(
    headings: list[Heading],
    lines: list[str],
    body_end: int,
    community: Community,
    title_line: int | None,
    not_items: set[int],
    attendees: frozenset[str] = frozenset(),
) -> list[Section]:
    """The agenda items among `headings` before line `body_end`; `not_items` are lines
    already known to be something else (attendee lists, chat labels, the date line), and a
    sub-heading naming only `attendees` (folded) presents the item above it."""
    metadata = any_of(community.metadata)
    containers = any_of(community.containers)
    block = metadata_lines(headings, lines, title_line)
    block.discard(_opening_heading(block, lines))  # "## Announcements" and its bullets: an item
    heads: list[tuple[Heading, str, int | None]] = []
    candidates: list[tuple[Heading, str, int | None]] = []  # items at other levels
    stops: list[int] = []  # headings that end the item above them
    presenters: list[tuple[int, int, list[str]]] = []  # (line, level, names) of a sub-heading of names
    for heading in headings:
        if heading.line == title_line or heading.line >= body_end:
            continue
        text = heading.text
        seconds, link = link_seconds(text)
        bare = (text[: link.start()] + text[link.end() :]) if link else text
        title = clean_title(unlink(bare))  # "## 4. [EIP-2565: …](url)"
        other = (
            heading.line in block
            or heading.line in not_items
            or (metadata is not None and metadata.match(title))
            or (containers is not None and containers.match(title) and len(title.split()) <= 6)
            or is_structure(title)
            or not re.search(r"[^\W\d_]", title)
        )
        if other:
            stops.append(heading.line)  # "### Attendees" under the last item ends it
        elif heading.level > min(community.agenda_levels, default=1) and (names := _presenters(title, attendees)):
            presenters.append((heading.line, heading.level, names))  # "### Ana Silva" under an item
        elif heading.level in community.agenda_levels:
            heads.append((heading, title, seconds))
        else:
            candidates.append((heading, title, seconds))
    if not heads and candidates:  # a note whose items sit deeper ("### EIP 197: …" under "# Notes")
        level = min(h.level for h, _, _ in candidates)
        heads = [c for c in candidates if c[0].level == level]
    sections: list[Section] = []
    ids = UniqueIds()
    ends = sorted([h.line for h, _, _ in heads] + stops + [min(body_end, len(lines) + 1)])
    for heading, title, seconds in heads:
        end = ends[bisect.bisect_right(ends, heading.line)] - 1
        section = Section(ids.make(slugify(title) or "item"), title, heading.line, end, heading.level)
        section.video_seconds = seconds
        sections.append(section)
    firsts = [s.line for s in sections]  # in order, and no two overlap: the holder is the last before
    for line, level, names in presenters:
        at = bisect.bisect_left(firsts, line) - 1
        holder = sections[at] if at >= 0 and line <= sections[at].end_line and sections[at].level < level else None
        if holder is not None and not holder.presenters:
            holder.presenters, holder.presenter_line = names, line
    return sections


def _presenters(title: str, attendees: frozenset[str]) -> list[str] | None:
    """The people a sub-heading names ("Brent Baude/Ashley Cui") when the meeting lists them
    all as attending: "### Arrow Glacier" is written as a name is, and is a part."""
    names = split_presenters(title)
    return names if names and all(n.casefold() in attendees for n in names) else None
