"""Calendars (iCalendar): each series' upcoming meetings, from the next-meeting lines of the
notes and the series' cadence learned from the archive's dates, and the past year's
meetings with their page. `calendar.ics` holds every series; `calendars/SERIES.ics` one.

"Upcoming" is relative to the archive (after its latest note), never to the clock, so two
builds of the same notes give the same bytes. Wall-clock times are placed in the
community's time zone (`Settings.time_zone`), so daylight saving is right whatever offset
a note wrote; without one, the offset the note wrote is used.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from . import urls
from .archive import Archive, meeting_title
from .cadence import Cadence
from .memo import PageMemo
from .model import Meeting
from .parse.dates import find_clock, iso_date
from .text import slugify, valid_text

CALENDAR = "calendar.ics"
KEEP_PAST = dt.timedelta(days=365)  # past meetings stay in the calendar for a year
HORIZON = dt.timedelta(days=365)  # projected meetings reach a year past the latest note
DEFAULT_MINUTES = 60


def series_calendar(series: str) -> str:
    return f"calendars/{slugify(series)}.ics"


@dataclass(frozen=True)
class Occasion:
    series: str
    start: dt.datetime | dt.date  # a date when the note gives no time
    minutes: int
    confirmed: bool  # held or announced; False when projected, or announced for a date the notes passed
    meeting: Meeting | None = None  # the notes of a held meeting
    text: str = ""


class _Clock:
    def __init__(self, time_zone: str | None) -> None:
        self.zone = ZoneInfo(time_zone) if time_zone else None

    def at(self, day: dt.date, hour: int, minute: int, written: dt.tzinfo | None) -> dt.datetime:
        """Wall-clock time on `day` in the community's zone (daylight saving from the zone's
        rules), or with the offset the note wrote."""
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.zone or written or dt.UTC)


def held_at(meeting: Meeting, time_zone: str | None) -> dt.datetime | dt.date | None:
    """When a meeting was held: its scheduled wall-clock time in the community's zone (or
    with the offset the note wrote), its day when the note gives no time, None without a date."""
    day = iso_date(meeting.date)
    scheduled = _datetime(meeting.scheduled)
    if day is None or scheduled is None:
        return day
    return _Clock(time_zone).at(day, scheduled.hour, scheduled.minute, scheduled.tzinfo)


def occasions(archive: Archive, time_zone: str | None) -> list[Occasion]:
    """The calendar's events: the past year's meetings, then each series' upcoming ones."""
    clock = _Clock(time_zone)
    held = [(m, d) for m in archive.meetings if (d := iso_date(m.date)) is not None]
    if not held:
        return []
    latest = max(d for _, d in held)
    found: list[Occasion] = []
    times: dict[str, tuple[int, int, dt.tzinfo | None]] = {}
    for meeting, day in sorted(held, key=lambda p: (p[1], p[0].id)):
        scheduled = _datetime(meeting.scheduled)
        if scheduled is not None:
            times[meeting.series] = (scheduled.hour, scheduled.minute, scheduled.tzinfo)
        if day < latest - KEEP_PAST:
            continue
        start = held_at(meeting, time_zone) or day
        minutes = _minutes(scheduled, meeting.ended) if scheduled is not None else DEFAULT_MINUTES
        found.append(Occasion(meeting.series, start, minutes, True, meeting))
    for series in sorted({m.series for m, _ in held} | {n.series for m, _ in held for n in m.next_meetings}):
        found += _upcoming(series, held, times.get(series), clock, latest)
    return found


def _upcoming(
    series: str,
    held: list[tuple[Meeting, dt.date]],
    usual: tuple[int, int, dt.tzinfo | None] | None,
    clock: _Clock,
    latest: dt.date,
) -> list[Occasion]:
    days = [d for m, d in held if m.series == series]
    # Announcements: a date after the note that gives it (a wrong year is not an announcement).
    announced: list[tuple[dt.date, dt.date, str]] = []
    for meeting, day in held:
        for line in meeting.next_meetings:
            when = iso_date(line.date or "")
            if line.series == series and when is not None and day < when <= day + dt.timedelta(days=190):
                announced.append((day, when, line.text))
    cadence = Cadence.learn(days + [when for _, when, _ in announced], minimum=2)
    last_held = max(days, default=None)
    found: list[Occasion] = []
    known = last_held
    if announced:
        _, when, text = max(announced)  # the latest note's word
        if last_held is None or when > last_held:
            written = find_clock(text)
            hour_minute = written[:2] if written else usual[:2] if usual else None
            start = clock.at(when, *hour_minute, usual[2] if usual else None) if hour_minute else when
            # A date the archive has passed with no note of it: said, not known to be held.
            found.append(Occasion(series, start, DEFAULT_MINUTES, when >= latest, text=text))
            known = when
    if cadence is None or known is None:
        return found
    # A projection is never before the archive's latest note: a date the notes have passed
    # with no note of this series is a meeting that did not happen, not an upcoming one.
    next_day = cadence.after(known) if known >= latest else cadence.next_after(latest)
    while next_day is not None and next_day <= latest + HORIZON:
        start = clock.at(next_day, usual[0], usual[1], usual[2]) if usual else next_day
        found.append(Occasion(series, start, DEFAULT_MINUTES, False))
        next_day = cadence.after(next_day)
    return found


def calendar_pages(
    archive: Archive,
    time_zone: str | None,
    site_name: str,
    site_url: str | None,
    directory_urls: bool,
    repo: str,
    memo: PageMemo | None = None,
) -> dict[str, bytes]:
    """`calendar.ics` and one calendar per series, by path in the docs tree. With a started
    `memo` (serve), a calendar whose events are unchanged is the last build's."""
    found = occasions(archive, time_zone)
    held = [d for m in archive.meetings if (d := iso_date(m.date)) is not None]
    stamp = dt.datetime.combine(max(held), dt.time(), dt.UTC) if held else dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    authority = urlsplit(site_url).hostname if site_url else None
    authority = authority or "meetings." + ".".join(reversed(repo.split("/")))

    def calendar(path: str, name: str, mine: list[Occasion]) -> bytes:
        def make(_: object) -> bytes:
            return _calendar(name, mine, stamp, authority, site_url, directory_urls)

        if memo is None:
            return make(None)
        # All that an event reads: the key holds it, so the calendar reads the archive unwatched.
        # Starts as printed (repr, with their zone): equal datetimes may be written in other zones.
        shown = [(o.series, repr(o.start), o.minutes, o.confirmed, o.text, _shown(o.meeting)) for o in mine]
        return memo.page(path, (name, stamp, authority, site_url, directory_urls, tuple(shown)), make)

    files = {CALENDAR: calendar(CALENDAR, f"{site_name}: meetings", found)}
    for series in sorted({o.series for o in found}):
        path = series_calendar(series)
        files[path] = calendar(path, f"{site_name}: {series} meetings", [o for o in found if o.series == series])
    return files


def _shown(meeting: Meeting | None) -> tuple[str, str, str | None] | None:
    return (meeting.id, meeting_title(meeting), meeting.recording) if meeting is not None else None


def _calendar(
    name: str, found: list[Occasion], stamp: dt.datetime, authority: str, site_url: str | None, directory_urls: bool
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//mkdocs-meetings//calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _value(name))
    for occasion in sorted(found, key=lambda o: (_sort_key(o.start), o.series)):
        calendar.add_component(_event(occasion, stamp, authority, site_url, directory_urls))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _event(occasion: Occasion, stamp: dt.datetime, authority: str, site_url: str | None, directory_urls: bool) -> Event:
    start = occasion.start
    day = start.date() if isinstance(start, dt.datetime) else start
    event = Event()
    event.add("uid", f"{slugify(occasion.series)}-{day.isoformat()}@{authority}")
    event.add("dtstamp", stamp)
    event.add("dtstart", start)
    if isinstance(start, dt.datetime):
        event.add("dtend", start + dt.timedelta(minutes=occasion.minutes))
    else:
        event.add("dtend", start + dt.timedelta(days=1))
    event.add("summary", _value(f"{occasion.series.title()} meeting"))
    event.add("status", "CONFIRMED" if occasion.confirmed else "TENTATIVE")
    lines: list[str] = []
    meeting = occasion.meeting
    if meeting is not None:
        event["summary"] = _value(meeting_title(meeting))  # the site's title, not the note's "# Notes"
        page = urls.page_url(urls.meeting_src(meeting.id), directory_urls)
        if site_url:
            event.add("url", site_url.rstrip("/") + "/" + page)
            lines.append(f"Notes: {site_url.rstrip('/')}/{page}")
        else:
            lines.append(f"Notes: {page}")
        if meeting.recording:
            lines.append(f"Recording: {meeting.recording}")
    elif occasion.text:
        lines.append(f"Announced in the notes: {occasion.text}")
        if not occasion.confirmed:
            lines.append("The notes of later meetings are published, but none of this one.")
    else:
        lines.append("Projected from the series' usual schedule; not yet announced.")
    event.add("description", _value("\n".join(lines)))
    return event


def _value(text: str) -> str:
    """Text for an ICS value: valid, and no line end but "\n", which the writer escapes (a
    reader that also splits lines at CR or NEL must not see a property begin)."""
    return valid_text(text).replace("\r", "\n")


def _sort_key(start: dt.datetime | dt.date) -> str:
    return start.astimezone(dt.UTC).isoformat() if isinstance(start, dt.datetime) else start.isoformat()


def _datetime(text: str | None) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(text) if text else None
    except ValueError:
        return None


def _minutes(scheduled: dt.datetime, ended: str | None) -> int:
    """From the scheduled start to the note's end line; an hour when that is missing or odd."""
    try:
        end = dt.datetime.strptime(ended or "", "%H:%M")
    except ValueError:
        return DEFAULT_MINUTES
    minutes = (end.hour - scheduled.hour) * 60 + end.minute - scheduled.minute
    return minutes if 0 < minutes <= 240 else DEFAULT_MINUTES
