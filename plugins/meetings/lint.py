"""Findings that need the whole archive, added to the meetings they are about: a name a
letter or two from a person the archive knows well, and a next-meeting date that the
archive (or the series' cadence) contradicts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import replace

from rapidfuzz.distance import DamerauLevenshtein

from .archive import Archive
from .cadence import Cadence
from .identity import name_key
from .model import WARNING, Diagnostic, Meeting
from .parse.dates import find_date, find_weekday, iso_date, weekday_as_written

WELL_KNOWN = 3  # meetings a person must have been seen in for a near spelling to be a typo of theirs
MAX_EDITS = 2  # letters added, dropped, changed or swapped


def archive_findings(archive: Archive) -> None:
    _near_names(archive)
    _next_meetings(archive)


def _near_names(archive: Archive) -> None:
    """A spelling the build took as a well-known person's, one or two letters from their
    name: the linter suggests exactly the merges the build made, never another."""
    for meeting in archive.meetings:
        reported: set[str] = set()
        for written, line in _written_names(meeting):
            key = name_key(written)
            named = archive.person_of(meeting.id, written)
            if named is None or key in reported or len(key.split()) < 2 or len(named.meetings) < WELL_KNOWN:
                continue
            if key == name_key(named.name) or DamerauLevenshtein.distance(key, name_key(named.name)) > MAX_EDITS:
                continue
            reported.add(key)
            meeting.diagnostics.append(
                Diagnostic(
                    meeting.source,
                    line,
                    WARNING,
                    f"{written!r} is one or two letters from {named.name}, seen in {len(named.meetings)} meetings,"
                    " and is taken as them",
                    f"did you mean {named.name}?",
                    fixes=((written, named.name),),
                )
            )


def _written_names(meeting: Meeting) -> list[tuple[str, int | None]]:
    names = [(n, meeting.attendees_line) for n in meeting.attendees]
    names += [(p, s.presenter_line) for s in meeting.sections for p in s.presenters]
    names += [(m.author, m.line) for m in meeting.chat if m.author]
    return names


def _next_meetings(archive: Archive) -> None:
    """Better suggestions for a wrong next-meeting date: the date the archive holds for
    that series after this meeting, else the date the series' cadence gives; never one
    more than a year away."""
    by_series: dict[str, list[dt.date]] = defaultdict(list)
    for meeting in archive.meetings:
        if (day := iso_date(meeting.date)) is not None:
            by_series[meeting.series].append(day)
    for meeting in archive.meetings:
        day = iso_date(meeting.date)
        if day is None:
            continue
        for index, finding in enumerate(meeting.diagnostics):
            if not finding.message.startswith("next meeting:"):
                continue
            upcoming = next((n for n in meeting.next_meetings if n.line == finding.line), None)
            series = upcoming.series if upcoming else meeting.series
            held = next((d for d in sorted(by_series.get(series, [])) if d > day), None)
            cadence = Cadence.learn([d for d in by_series.get(series, []) if d <= day])  # as it was then
            due = cadence.next_after(day) if cadence else None
            weekday = find_weekday(upcoming.text) if upcoming else None
            written = iso_date(upcoming.date or "") if upcoming else None
            suggestion = _suggest(held, due, cadence, written, weekday, day)
            if suggestion is None and finding.suggestion and _within_a_year(finding.suggestion, day):
                suggestion = finding.suggestion
            fixes = _date_fixes(upcoming.text, suggestion) if upcoming and suggestion else ()
            # a copy: the parsed meeting (and its findings) may be cached for the next build
            meeting.diagnostics[index] = replace(finding, suggestion=suggestion, fixes=fixes)


def _suggest(
    held: dt.date | None,
    due: dt.date | None,
    cadence: Cadence | None,
    written: dt.date | None,
    weekday: int | None,
    day: dt.date,
) -> str | None:
    """The archive's next meeting of the series, or the cadence's next date; the one with
    the written month and day first (a wrong year), and never one more than a year away."""
    held = held if held is not None and held <= day + dt.timedelta(days=366) else None
    said_held = f"did you mean {held:%Y-%m-%d (%A)}, when the next meeting was held?" if held else None
    said_due = f"did you mean {due:%Y-%m-%d (%A)}, {cadence.describe()}?" if due and cadence else None
    if written is not None:
        for candidate, said in ((held, said_held), (due, said_due)):
            if candidate is not None and (candidate.month, candidate.day) == (written.month, written.day):
                return said
        for year in (day.year, day.year + 1):  # the written day in the right year, if the series meets then
            try:
                refit = written.replace(year=year)
            except ValueError:
                continue
            fits = cadence.fits(refit, any_month=True) if cadence else refit.weekday() == weekday
            if day < refit <= day + dt.timedelta(days=366) and fits:
                return f"did you mean {refit:%Y-%m-%d (%A)}?"
    if held is not None and (due is None or held <= due + dt.timedelta(days=45)):
        return said_held  # not a gap in the archive: the meeting that followed
    return said_due or said_held


def _date_fixes(text: str, suggestion: str) -> tuple[tuple[str, str], ...]:
    """Rewrite the written date (and its weekday) as the suggested one, in the note's words."""
    new = iso_date(suggestion.removeprefix("did you mean ")[:10])
    _, match = find_date(text)
    if new is None or match is None:
        return ()
    fixes = [(match.group(), f"{new:%B} {new.day}, {new.year}")]
    weekday = find_weekday(text)
    if weekday is not None and weekday != new.weekday():
        fixes.insert(0, (weekday_as_written(text, weekday), f"{new:%A}"))
    return tuple(fixes)


def _within_a_year(suggestion: str, day: dt.date) -> bool:
    found = iso_date(suggestion.removeprefix("did you mean ")[:10])
    return found is not None and day < found <= day + dt.timedelta(days=366)
