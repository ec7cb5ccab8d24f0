"""The next meeting's note, ready to fill in: `meetings new`.

Its date is the one the archive announced for the series, else the series' cadence;
its start time carries the UTC offset of that day (daylight saving included); the topics
the last meeting proposed become its agenda. The result passes `meetings check`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from .cadence import Cadence
from .model import Meeting
from .parse import dates
from .parse.agenda import STRUCTURE, is_structure
from .parse.sections import clean_title, is_date_heading
from .site import Site


@dataclass
class NewNote:
    name: str  # file name in the notes folder
    text: str


class NoDate(ValueError):
    """Neither an announcement nor a cadence says when the series meets next."""


class Exists(ValueError):
    """The archive has a note of this series on that date already."""


def new_note(site: Site, series: str, day: dt.date | None = None) -> NewNote:
    meetings = [m for m in site.archive.meetings if _date(m.date)]
    ours = [m for m in meetings if m.series == series]
    last = ours[-1] if ours else (meetings[-1] if meetings else None)
    if day is None:
        day = _announced(meetings, series, last) or _by_cadence(ours, last)
    if day is None:
        raise NoDate(f"no meeting of the series {series!r} announces the next one, and it has no cadence yet")
    same = next((m for m in meetings if m.date == day.isoformat() and m.series == series), None)
    if same is not None:
        raise Exists(f"{same.source} is the {series} meeting of {day.isoformat()} already; nothing written")
    hour, minute = _start(last)
    taken = {m.id for m in site.archive.meetings}
    name = day.isoformat() if day.isoformat() not in taken else f"{day.isoformat()}-{series}"
    topics = _proposed(meetings, series, day)
    last_headings = _headings(last) if last is not None else []
    if last is not None and not any(is_date_heading(text) for _, _, text in last_headings):
        return NewNote(f"{name}.md", _skeleton(ours or [last], last, last_headings, day, topics))
    title = _title(last, series)
    lines = [f"# {title}", f"## {_when(day, hour, minute)}", "", "### Attendees", "", ""]
    if topics:
        lines += ["### Topics", ""] + [f" {n}. {topic}" for n, topic in enumerate(topics, 1)] + [""]
    lines += ["### Meeting Notes", "Video recording: add the link when it is published.", "", "Meeting start:", ""]
    lines += ["#### Quick Recap", "", "#### Next Steps", ""]
    for topic in topics:
        lines += [f"#### {topic}", ""]
    following = _by_cadence(ours + [_stub(day, series)], None) if ours else None
    if following is not None:
        which = "Cabal " if series == "cabal" else "Community " if series == "community" else ""
        lines += [f"### Next {which}Meeting: {following:%A}, {_when(following, hour, minute)}", ""]
    lines += ["Meeting end:", ""]
    return NewNote(f"{name}.md", "\n".join(lines))


_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _headings(meeting: Meeting) -> list[tuple[int, int, str]]:
    """(line, level, text) of the note's headings, outside its code and pasted logs."""
    skip = meeting.raw_lines() | {n for b in meeting.code_blocks for n in range(b.first, b.last + 1)}
    found = []
    for number, line in enumerate(meeting.lines, 1):
        heading = _HEADING.match(line) if number not in skip else None
        if heading:
            found.append((number, len(heading[1]), heading[2]))
    return found


def _skeleton(
    ours: list[Meeting], last: Meeting, headings: list[tuple[int, int, str]], day: dt.date, topics: list[str]
) -> str:
    """The next note of notes that write no date heading: the last note's title with the new
    date, and the headings of its template (in most of the series' notes, or the notes'
    structure: "## Attendance", "## Agenda"), each left empty; the topics proposed under the agenda."""

    def key(text: str) -> str:
        return " ".join(clean_title(text).casefold().split())

    seen = Counter(k for m in ours for k in {key(t) for _, _, t in (headings if m is last else _headings(m))})
    lines = [f"# {_redated(last.title, day)}", ""] if last.title_line else [f"# {day.isoformat()}", ""]
    placed = not topics
    for number, level, text in headings:
        template = 2 * seen[key(text)] > len(ours) >= 2 or is_structure(clean_title(text))
        if number == last.title_line or not template:
            continue
        lines += [f"{'#' * level} {_redated(text, day)}", ""]
        if not placed and STRUCTURE.match(clean_title(text)) and "agenda" in key(text):
            lines += [*(f"* {topic}" for topic in topics), ""]
            placed = True
    if not placed:
        lines[2:2] = [*(f"* {topic}" for topic in topics), ""]
    return "\n".join(lines)


def _redated(text: str, day: dt.date) -> str:
    """`text` with the date it names, if any, as `day` written the same way (ISO or "May 4, 2026")."""
    iso = _ISO.search(text)
    if iso:
        return text[: iso.start()] + day.isoformat() + text[iso.end() :]
    written, match = dates.find_date(text)
    if written is None or match is None:
        return text
    return text[: match.start()] + f"{day:%B} {day.day}, {day.year}" + text[match.end() :]


def _announced(meetings: list[Meeting], series: str, last: Meeting | None) -> dt.date | None:
    """The latest date announced for the series that is after its last meeting."""
    after = _date(last.date) if last else None
    found = [
        day
        for m in meetings
        for n in m.next_meetings
        if n.series == series and (day := _date(n.date or "")) and (after is None or day > after)
    ]
    return max(found) if found else None


def _by_cadence(ours: list[Meeting], last: Meeting | None) -> dt.date | None:
    days = [d for m in ours if (d := _date(m.date))]
    cadence = Cadence.learn(days)
    return cadence.next_after(max(days)) if cadence and days else None


def _stub(day: dt.date, series: str) -> Meeting:
    return Meeting(id=day.isoformat(), source="", lines=[], series=series, date=day.isoformat())


def _proposed(meetings: list[Meeting], series: str, day: dt.date) -> list[str]:
    """What the latest note proposed for this series' next meeting."""
    for meeting in reversed(meetings):
        for upcoming in meeting.next_meetings:
            if upcoming.series == series and upcoming.topics:
                return [" ".join(t.split()) for t in upcoming.topics]
    return []


def _start(last: Meeting | None) -> tuple[int, int]:
    if last and last.scheduled:
        return int(last.scheduled[11:13]), int(last.scheduled[14:16])
    return 11, 0


def _title(last: Meeting | None, series: str) -> str:
    if last and last.title_line and last.series == series:
        return last.lines[last.title_line - 1].lstrip("# ").strip()
    return f"Podman {'Community Cabal' if series == 'cabal' else 'Community'} Meeting Notes"


def _when(day: dt.date, hour: int, minute: int) -> str:
    """ "June 2, 2026 11:00 a.m. Eastern (UTC-4)": Eastern time, with the offset of that day."""
    offset = dates.eastern_offset(day, hour)
    clock = f"{(hour % 12) or 12}:{minute:02d} {'a.m.' if hour < 12 else 'p.m.'}"
    return f"{day:%B} {day.day}, {day.year} {clock} Eastern (UTC{offset // 60:+d})"


def _date(text: str) -> dt.date | None:
    return dates.iso_date(text[:10])
