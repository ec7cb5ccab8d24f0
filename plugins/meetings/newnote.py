"""The next meeting's note, ready to fill in: `meetings new`.

Its date is the one the archive announced for the series, else the series' cadence;
its start time carries the UTC offset of that day (daylight saving included); the topics
the last meeting proposed become its agenda. The result passes `meetings check`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .cadence import Cadence
from .model import Meeting
from .parse import dates
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
    title = _title(last, series)
    lines = [f"# {title}", f"## {_when(day, hour, minute)}", "", "### Attendees", "", ""]
    topics = _proposed(meetings, series, day)
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
