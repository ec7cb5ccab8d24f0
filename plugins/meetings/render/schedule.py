"""When each series meets next: the dates the notes announced and the dates the series'
usual rhythm gives. The build lists candidates; the reader's browser picks the first one
still to come (assets/next.js), so two builds of the same notes stay identical."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from ..archive import Archive

PROJECTED = 24  # dates of the usual rhythm listed after the last known one


def _date(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None


def rhythm(dates: list[dt.date]) -> tuple[int, int, int] | None:
    """(weekday, which one of the month 1-5, months apart) that most of the last meetings
    kept, e.g. the first Tuesday every two months; None without a clear rhythm."""
    recent = sorted(set(dates))[-8:]
    if len(recent) < 3:
        return None
    weekday, days = Counter(d.weekday() for d in recent).most_common(1)[0]
    nth, nths = Counter((d.day - 1) // 7 + 1 for d in recent).most_common(1)[0]
    months = [b.year * 12 + b.month - a.year * 12 - a.month for a, b in zip(recent, recent[1:], strict=False)]
    step, steps = Counter(m for m in months if m > 0).most_common(1)[0] if any(m > 0 for m in months) else (0, 0)
    if step == 0 or days * 2 < len(recent) or nths * 2 < len(recent) or steps * 2 < len(months):
        return None
    return weekday, nth, step


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date | None:
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    return day if day.month == month else None


def projected(last: dt.date, rule: tuple[int, int, int], count: int = PROJECTED) -> list[dt.date]:
    weekday, nth, step = rule
    out = []
    index = last.year * 12 + last.month - 1
    while len(out) < count:
        index += step
        day = _nth_weekday(index // 12, index % 12 + 1, weekday, nth)
        if day is not None and day > last:
            out.append(day)
    return out


_ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", 5: "fifth"}
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def describe(rule: tuple[int, int, int]) -> str:
    weekday, nth, step = rule
    every = "every month" if step == 1 else f"every {step} months"
    return f"the {_ORDINALS.get(nth, str(nth))} {_WEEKDAYS[weekday]}, {every}"


def next_meetings(archive: Archive) -> list[dict[str, object]]:
    """Per series: the candidate dates (announced ones marked), the usual start time and rhythm."""
    series: dict[str, dict[str, object]] = {}
    held: dict[str, list[dt.date]] = {}
    announced: dict[str, dict[dt.date, str]] = {}
    times: dict[str, str] = {}
    for meeting in archive.meetings:
        day = _date(meeting.date)
        if day is not None:
            held.setdefault(meeting.series, []).append(day)
            start = meeting.scheduled[11:16] if meeting.scheduled else None
            if start:
                times[meeting.series] = start
        for upcoming in meeting.next_meetings:
            when = _date(upcoming.date)
            if when is not None:
                announced.setdefault(upcoming.series, {})[when] = meeting.id
    for name in sorted(set(held) | set(announced)):
        dates = held.get(name, [])
        # an announcement older than the last meeting held was kept or replaced: not a candidate
        after = [d for d in announced.get(name, {}) if not dates or d > max(dates)]
        known = sorted(set(dates) | set(after))
        rule = rhythm(dates)
        extra = projected(known[-1], rule) if rule and known else []
        candidates = [(d, "announced") for d in sorted(after)] + [(d, "usual") for d in extra]
        series[name] = {
            "series": name,
            "time": times.get(name, ""),
            "rhythm": describe(rule) if rule else "",
            "dates": " ".join(f"{d.isoformat()}:{how}" for d, how in sorted(candidates)),
        }
    return list(series.values())
