"""The date of a note that is named by its number (`Meeting 180.md`): read from its date
line (community.yml `notes.date_labels`), in every shape such lines take:

    ### Meeting Date/Time: Friday, June 11th, 2021 14:00 UTC
    ## Time: 5/5/17 14:00PM UTC                      (month/day/year)
    ### Meeting Date/Time: Thursday 18 July 2019 at 22:00 UTC
    ### Meeting Date/Time: Feb 16, 2023, 14:00-15:30 UTC
    ### Meeting Date/Time: Thursday  August 18, 14:00 UTC   (no year)

A date without a year, or whose weekday says another year, is settled by the meetings
numbered before and after it (`settle_years`), since a series meets in number order.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from ..model import INFO, WARNING, DateHint, Diagnostic, Meeting
from . import dates

_ORDINAL = r"(?:st|nd|rd|th)?"
_NUMERIC = re.compile(r"(?<![\d/])(?P<month>\d{1,2})/(?P<day>\d{1,2})/(?P<year>\d{4}|\d{2})(?![\d/])")
_MONTH_FIRST = re.compile(
    rf"\b(?P<month>[A-Za-z]{{3,10}})\.?\s+(?P<day>\d{{1,2}}){_ORDINAL}\b(?:,?\s+(?P<year>\d{{4}})\b)?"
)
_DAY_FIRST = re.compile(
    rf"\b(?P<day>\d{{1,2}}){_ORDINAL}\s+(?P<month>[A-Za-z]{{3,10}})\b\.?,?(?:\s+(?P<year>\d{{4}})\b)?"
)
_WEEKDAY_WORDS = re.compile(r"^(?:mon|tue|wed|thu|fri|sat|sun)", re.I)


@dataclass
class DateLine:
    line: int
    hint: DateHint
    end: int  # where the date ends in the text: the clock is looked for after it


def read_date(text: str, line: int) -> DateLine | None:
    """The date written in `text` (a date line without its label), or None."""
    found: list[tuple[int, int, int, int | None, int]] = []  # start, month, day, year, end
    match = _NUMERIC.search(text)
    if match:
        numeric = int(match["year"])
        full = numeric + 2000 if numeric < 100 else numeric
        found.append((match.start(), int(match["month"]), int(match["day"]), full, 0))
        found[-1] = (*found[-1][:4], match.end())
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        for match in pattern.finditer(text):
            word = match["month"]
            if _WEEKDAY_WORDS.match(word) or (len(word) == 3 and word.lower() in ("utc", "gmt", "edt", "est")):
                continue
            month = dates.month_number(word)
            if month is None:
                continue
            written = int(match["year"]) if match["year"] else None
            found.append((match.start(), month, int(match["day"]), written, match.end()))
            break
    if not found:
        return None
    start, month, day, year, end = min(found, key=lambda f: f[0])
    weekday = dates.find_weekday(text[:start])
    if weekday is None:  # "Fri, August 24": the short forms too
        short = re.match(r"\W*(mon|tue|wed|thu|fri|sat|sun)", text[:start], re.I)
        weekday = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"].index(short[1].lower()) if short else None
    clock = dates.find_clock(text[end:])
    utc = bool(re.search(r"\b(?:UTC|GMT)\b", text[end:], re.I))
    hint = DateHint(month, day, year, weekday, (clock[0], clock[1]) if clock else None, line, utc)
    return DateLine(line, hint, end)


def real_date(hint: DateHint, year: int) -> dt.date | None:
    try:
        return dt.date(year, hint.month, hint.day)
    except ValueError:
        return None


def settle_years(meetings: list[Meeting], source_of: dict[str, str]) -> list[Meeting]:
    """`meetings` with the dates their numbers imply: a date line without a year gets the year
    that puts it between its numbered neighbours (and fits its weekday); a year the weekday
    and the neighbours both contradict is corrected, with a warning. Changed meetings are
    copies: the parsed ones may sit in a cache."""
    numbered = sorted((m for m in meetings if m.label and m.label.isdigit()), key=lambda m: int(m.label or 0))
    settled: dict[str, Meeting] = {}
    for index, meeting in enumerate(numbered):
        hint = meeting.date_hint
        if hint is None:
            continue
        before = next((m.date for m in reversed(numbered[:index]) if _iso(m.date)), None)
        after = next((m.date for m in numbered[index + 1 :] if _iso(m.date)), None)
        low, high = (_iso(before), _iso(after))
        written = real_date(hint, hint.year) if hint.year else None
        fits_day = written is not None and (hint.weekday is None or written.weekday() == hint.weekday)
        between = written is not None and (low is None or written >= low) and (high is None or written <= high)
        if written is not None and (fits_day or between):
            continue
        guess = _guess(hint, low, high)
        if guess is None:
            continue
        if written is None:
            message = f"the date line gives no year; {guess.isoformat()} follows from the meetings numbered around it"
            level = INFO
        else:
            message = (
                f"the date line says {written:%B} {written.day}, {written.year}, a {written:%A}; "
                f"the meetings numbered around it and the weekday say {guess.isoformat()}"
            )
            level = WARNING
        diagnostic = Diagnostic(source_of.get(meeting.id, meeting.source), hint.line, level, message)
        scheduled = _scheduled(guess, hint)
        settled[meeting.id] = replace(
            meeting, date=guess.isoformat(), scheduled=scheduled, diagnostics=[*meeting.diagnostics, diagnostic]
        )
        numbered[index] = settled[meeting.id]
    return [settled.get(m.id, m) for m in meetings]


def _guess(hint: DateHint, low: dt.date | None, high: dt.date | None) -> dt.date | None:
    anchor = low or high
    if anchor is None:
        return None
    candidates = [d for y in range(anchor.year - 1, anchor.year + 3) if (d := real_date(hint, y))]

    def rank(day: dt.date) -> tuple[bool, bool, int]:
        inside = (low is None or day >= low) and (high is None or day <= high)
        weekday = hint.weekday is None or day.weekday() == hint.weekday
        return (not inside, not weekday, abs((day - anchor).days))

    best = min(candidates, key=rank, default=None)
    return best if best is not None and rank(best)[:2] != (True, True) else None


def _scheduled(day: dt.date, hint: DateHint) -> str | None:
    if hint.clock is None:
        return None
    hour, minute = hint.clock
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00+00:00" if hint.utc else None


def _iso(text: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None
