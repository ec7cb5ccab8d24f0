"""When each series meets next: the dates the notes announced and the dates the series'
usual rhythm gives. The build lists candidates; the reader's browser picks the first one
still to come (assets/next.js), so two builds of the same notes stay identical."""

from __future__ import annotations

import datetime as dt

from ..archive import Archive
from ..cadence import Cadence
from ..parse.dates import iso_date

PROJECTED = 24  # dates of the usual rhythm listed after the last known one
ENDED = dt.timedelta(days=183)  # no meeting in the half year before the archive's last: a series that ended


def projected(last: dt.date, cadence: Cadence, count: int = PROJECTED) -> list[dt.date]:
    """The next `count` dates of the series' rhythm after `last`."""
    out: list[dt.date] = []
    day: dt.date | None = last
    while day is not None and len(out) < count:
        day = cadence.next_after(day)
        if day is not None:
            out.append(day)
    return out


def next_meetings(archive: Archive) -> list[dict[str, object]]:
    """Per series: the candidate dates (announced ones marked), the usual start time and rhythm."""
    series: dict[str, dict[str, object]] = {}
    held: dict[str, list[dt.date]] = {}
    announced: dict[str, dict[dt.date, str]] = {}
    times: dict[str, str] = {}
    heads: dict[str, str] = {}  # "Cabal meeting" where the notes name the series, else "Meeting"
    for meeting in archive.meetings:
        if meeting.shown_series or meeting.series not in heads:
            heads[meeting.series] = meeting.head
        day = iso_date(meeting.date)
        if day is not None:
            held.setdefault(meeting.series, []).append(day)
            start = meeting.scheduled[11:16] if meeting.scheduled else None
            if start:
                times[meeting.series] = start
        for upcoming in meeting.next_meetings:
            when = iso_date(upcoming.date)
            if when is not None:
                announced.setdefault(upcoming.series, {})[when] = meeting.id
    newest = max((d for days in held.values() for d in days), default=None)
    for name in sorted(set(held) | set(announced)):
        dates = held.get(name, [])
        # an announcement older than the last meeting held was kept or replaced: not a candidate
        after = [d for d in announced.get(name, {}) if not dates or d > max(dates)]
        if dates and not after and newest is not None and max(dates) < newest - ENDED:
            continue  # a series that stopped long before the archive's last meeting meets no more
        known = sorted(set(dates) | set(after))
        rule = Cadence.learn(dates)
        extra = projected(known[-1], rule) if rule and known else []
        candidates = [(d, "announced") for d in sorted(after)] + [(d, "usual") for d in extra]
        series[name] = {
            "series": name,
            "head": heads.get(name) or f"{name.replace('-', ' ').capitalize()} meeting",
            "time": times.get(name, ""),
            "rhythm": rule.describe() if rule else "",
            "dates": " ".join(f"{d.isoformat()}:{how}" for d, how in sorted(candidates)),
        }
    return list(series.values())
