"""The series of notes that name none: the word of their titles that the archive's other
notes name as a series, or one that comes and goes with time, as two series that meet in
turn do ("Podman Community Cabal Agenda" every other month among "Podman Community
Meeting"s). A changed meeting is a copy: the parsed ones may sit in a cache."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ..model import DEFAULT_SERIES, Meeting
from .dates import MONTHS, WEEKDAYS, exact_month

ENOUGH = 3  # meetings whose titles have the word, and meetings whose titles do not
SWITCHES = 4  # in date order the word comes and goes this often: two series in turn
# words of taking minutes and of the calendar are no series
_NOT_SERIES = {"meeting", "meetings", "notes", "note", "agenda", "minutes", "call", "sync", "the", "and", "for"}
_NOT_SERIES |= {m.casefold() for m in MONTHS} | set(WEEKDAYS)
_WORD = re.compile(r"[^\W\d_]{3,20}")


def settle_series(meetings: list[Meeting]) -> list[Meeting]:
    """`meetings` with a series for those that name none; a next meeting announced for a
    series no note has ("Next TSC Meeting") is one of the announcing note's own series."""
    # "2024-01-10-release-planning.md" alone names a topic, not a series: a file name's series recurs
    by_file = Counter(m.series for m in meetings if m.series_by == "file name")
    meetings = [
        replace(m, series=DEFAULT_SERIES, series_by="") if m.series_by == "file name" and by_file[m.series] < 2 else m
        for m in meetings
    ]
    known = {m.series for m in meetings if m.series_by} - {DEFAULT_SERIES}
    unnamed = sorted((m for m in meetings if not m.series_by), key=lambda m: (m.date, m.id))
    words = [
        sorted({w for w in _WORD.findall(m.title.casefold()) if w not in _NOT_SERIES and not exact_month(w)})
        for m in unnamed
    ]
    at: dict[str, list[int]] = {}  # word -> the places, in date order, of the titles that have it
    for index, title in enumerate(words):
        for word in title:
            at.setdefault(word, []).append(index)
    turns = {
        word
        for word, places in at.items()
        if ENOUGH <= len(places) <= len(unnamed) - ENOUGH and _switches(places, len(unnamed)) >= SWITCHES
    }
    series: dict[str, str] = {}
    for meeting, title in zip(unnamed, words, strict=True):
        word = next((w for w in title if w in known), None) or next((w for w in title if w in turns), None)
        if word:
            series[meeting.id] = word
    known |= set(series.values()) | {DEFAULT_SERIES}
    settled = []
    for meeting in meetings:
        own = series.get(meeting.id, meeting.series)
        # "Next Meeting:" is the note's own series; "Next TSC Meeting", of a series no note has, too
        upcoming = [n if n.named and n.series in known else replace(n, series=own) for n in meeting.next_meetings]
        if own != meeting.series or upcoming != meeting.next_meetings:
            meeting = replace(meeting, series=own, next_meetings=upcoming)
        settled.append(meeting)
    return settled


def _switches(places: list[int], total: int) -> int:
    """How often, in a row of `total` titles, having the word changes to not having it or
    back, from the places that have it (in order): each run of them opens and closes once."""
    opened = sum(1 for n, p in enumerate(places) if p > 0 and (n == 0 or places[n - 1] != p - 1))
    closed = sum(1 for n, p in enumerate(places) if p < total - 1 and (n == len(places) - 1 or places[n + 1] != p + 1))
    return opened + closed
