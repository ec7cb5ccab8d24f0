"""Recognisers for dates and clock times as the notes write them."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from zoneinfo import ZoneInfo

MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# "December 1, 2020", "Mar 19, 2024", "Jauary 19, 2023", "August 5,  2025"
_DATE = re.compile(r"(?P<month>[A-Za-z]{3,10})\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})")
# "11:00 a.m.", "08:00 p.m.", "11: a.m.", "11:02  a.m", "12:02" (no a.m./p.m.)
_CLOCK = re.compile(
    r"(?<![\d:])(?P<hour>\d{1,2}):(?P<minute>\d{2})?\s*(?P<ampm>[ap])?\.?\s*(?:m\b\.?)?",
    re.I,
)
_OFFSET = re.compile(r"\((?:UTC|GMT)\s*(?P<sign>[+-−])\s*(?P<hours>\d{1,2})(?::?(?P<mins>\d{2}))?\)", re.I)
_WEEKDAY = re.compile(r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.I)

# "Wednesday, December 1, 2026", "Tue Dec 1 2026": a weekday written before the date
_LEADING_WEEKDAY = re.compile(
    r"^\s*(?:" + "|".join(WEEKDAYS) + r"|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\b\.?,?\s+", re.I
)

EASTERN = ZoneInfo("America/New_York")


def without_weekday(text: str) -> str:
    """`text` without a weekday in front of it, so "Tuesday, June 2, 2026" reads as a date."""
    match = _LEADING_WEEKDAY.match(text)
    return text[match.end() :] if match else text


def iso_date(text: str | None) -> dt.date | None:
    """ "2020-12-01" as a date; None for anything else (a meeting id that is no date, "")."""
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError:
        return None


def exact_month(word: str) -> int | None:
    """1-12 for a month name or its abbreviation ("sept", "Dec."), never a guess."""
    word = word.lower().rstrip(".")
    return next(
        (n for n, name in enumerate(MONTHS, 1) if word == name or (len(word) >= 3 and name.startswith(word))), None
    )


def month_number(word: str) -> int | None:
    """1-12 for a month name, its abbreviation or a close misspelling ("Jauary")."""
    exact = exact_month(word)
    if exact is not None:
        return exact
    word = word.lower().rstrip(".")
    close = difflib.get_close_matches(word, MONTHS, n=1, cutoff=0.75)
    return MONTHS.index(close[0]) + 1 if close else None


def find_date(text: str) -> tuple[dt.date | None, re.Match[str] | None]:
    """The first calendar date written in `text`; None if absent or impossible."""
    for match in _DATE.finditer(text):
        month = month_number(match["month"])
        if month is None:
            continue
        try:
            return dt.date(int(match["year"]), month, int(match["day"])), match
        except ValueError:
            return None, match
    return None, None


def find_clock(text: str) -> tuple[int, int, bool] | None:
    """(hour 0-23, minute, minutes_missing) of the first clock time in `text`.

    Without a.m./p.m. the hour is read as written. "11: a.m." has no minutes; we read 0.
    """
    match = _CLOCK.search(text)
    if not match:
        return None
    hour = int(match["hour"])
    if hour > 23:
        return None
    minute = int(match["minute"]) if match["minute"] else 0
    ampm = (match["ampm"] or "").lower()
    if ampm == "p" and hour < 12:
        hour += 12
    elif ampm == "a" and hour == 12:
        hour = 0
    return hour, minute, match["minute"] is None


def find_offset(text: str) -> int | None:
    """The written UTC offset in minutes: "(UTC-5)" -> -300."""
    match = _OFFSET.search(text)
    if not match:
        return None
    minutes = int(match["hours"]) * 60 + int(match["mins"] or 0)
    return -minutes if match["sign"] in "-−" else minutes


def weekday_as_written(text: str, weekday: int) -> str:
    """The word naming `weekday` in `text`, as written ("Wednesday", "wednesday")."""
    for match in _WEEKDAY.finditer(text):
        if WEEKDAYS.index(match["weekday"].lower()) == weekday:
            return match.group()
    return WEEKDAYS[weekday].title()


def find_weekday(text: str) -> int | None:
    match = _WEEKDAY.search(text)
    return WEEKDAYS.index(match["weekday"].lower()) if match else None


def eastern_offset(day: dt.date, hour: int = 11) -> int:
    """The real offset of US Eastern time on that day, in minutes."""
    moment = dt.datetime(day.year, day.month, day.day, hour, tzinfo=EASTERN)
    offset = moment.utcoffset()
    return int(offset.total_seconds() // 60) if offset else 0


def format_offset(minutes: int) -> str:
    sign = "-" if minutes < 0 else "+"
    minutes = abs(minutes)
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def year_fitting(month: int, day: int, weekday: int, after: dt.date) -> dt.date | None:
    """The first date with this month, day and weekday on or after `after` (within 7 years)."""
    for year in range(after.year, after.year + 8):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= after and candidate.weekday() == weekday:
            return candidate
    return None
