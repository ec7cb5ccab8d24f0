"""Who a written name refers to: one person id per human, whatever the spelling.

Rules, first match wins:
1. people.yml spellings, and "Me"/"You" through `me_in`;
2. the name with case, accents, spacing and a "(…)" or " - …" suffix folded away;
3. a first name alone, when exactly one person of that first name took part in the
   meeting (a bare "Christian" with two Christians present stays unresolved);
4. otherwise a new person under the name as written. Guests stay anonymous.
A wrong merge is worse than a missed one, so nothing here guesses beyond that.
"""

from __future__ import annotations

import re
from collections import defaultdict

from .model import WARNING, Diagnostic, Meeting
from .parse.names import strip_affiliation
from .people import PersonEntry
from .text import slugify

_ANONYMOUS = re.compile(r"^(?:guest\s*\d*|unknown|anonymous)$", re.I)
_NOTE_TAKER = {"me", "you", "dan (me)"}


class Identities:
    def __init__(self, entries: list[PersonEntry]) -> None:
        self._by_key: dict[str, str] = {}
        self._me: dict[str, str] = {}
        self.canonical: dict[str, str] = {}  # person id -> display name from people.yml
        self.github: dict[str, str] = {}
        self._first_names: dict[str, dict[str, set[str]]] = {}  # meeting -> first name -> ids
        self._not_people = {slugify(e.name) for e in entries if e.not_person}
        for entry in entries:
            if entry.not_person:
                continue
            ident = slugify(entry.name)
            self.canonical[ident] = entry.name
            if entry.github:
                self.github[ident] = entry.github
            for spelling in [entry.name, *entry.aliases]:
                self._by_key[slugify(spelling)] = ident
            for meeting in entry.me_in:
                self._me[meeting] = ident

    def learn(self, meetings: list[Meeting]) -> None:
        """Remember who took part in each meeting under a full name, for first-name matches."""
        for meeting in meetings:
            names = meeting.attendees + [p for s in meeting.sections for p in s.presenters]
            firsts: dict[str, set[str]] = defaultdict(set)
            for name in names:
                bare = strip_affiliation(name)
                if len(bare.split()) >= 2:
                    ident = self._full(bare) or slugify(bare)
                    firsts[slugify(bare.split()[0])].add(ident)
            self._first_names[meeting.id] = firsts
            if meeting.me:
                self._me[meeting.id] = self._full(meeting.me) or slugify(meeting.me)

    def _full(self, name: str) -> str | None:
        for candidate in (name, strip_affiliation(name)):
            if candidate and slugify(candidate) in self._by_key:
                return self._by_key[slugify(candidate)]
        return None

    def resolve(self, name: str, meeting: str) -> str | None:
        """The person id for `name` as written in `meeting`; None for guests, an unknown
        "Me" and a first name that fits several people of that meeting."""
        written = " ".join(name.split())
        if not written or _ANONYMOUS.match(written) or slugify(written) in self._not_people:
            return None
        if written.casefold() in _NOTE_TAKER:
            return self._me.get(meeting)
        known = self._full(written)
        if known:
            return known
        bare = strip_affiliation(written) or written
        if len(bare.split()) == 1:
            fits = self._first_names.get(meeting, {}).get(slugify(bare), set())
            if len(fits) == 1:
                return next(iter(fits))
            if len(fits) > 1:
                return None
        return slugify(bare)


def repair_attendees(meetings: list[Meeting]) -> dict[str, tuple[list[str], list[Diagnostic]]]:
    """Lists with a comma inside a name ("Giuseppe, Scrivano") or a missing comma
    ("Luca Di Maio Chris Evich"), repaired with the full names other meetings use."""
    known = {slugify(strip_affiliation(n)) for m in meetings for n in m.attendees if len(n.split()) >= 2}
    known.update(slugify(p) for m in meetings for s in m.sections for p in s.presenters if len(p.split()) >= 2)
    repaired: dict[str, tuple[list[str], list[Diagnostic]]] = {}
    for meeting in meetings:
        names, problems = _repair(meeting, known)
        if problems:
            repaired[meeting.id] = (names, problems)
    return repaired


def _repair(meeting: Meeting, known: set[str]) -> tuple[list[str], list[Diagnostic]]:
    names: list[str] = []
    problems: list[Diagnostic] = []
    line = meeting.attendees_line
    index = 0
    attendees = meeting.attendees
    while index < len(attendees):
        name = attendees[index]
        following = attendees[index + 1] if index + 1 < len(attendees) else ""
        joined = f"{name} {following}"
        if len(name.split()) == 1 and len(following.split()) == 1 and following and slugify(joined) in known:
            names.append(joined)
            problems.append(
                Diagnostic(
                    meeting.source,
                    line,
                    WARNING,
                    f"'{name}, {following}' is one person",
                    f"write {joined!r} without the comma",
                )
            )
            index += 2
            continue
        split = _split_known(name, known) if len(name.split()) >= 4 and slugify(name) not in known else None
        if split:
            names += split
            problems.append(
                Diagnostic(
                    meeting.source,
                    line,
                    WARNING,
                    f"{name!r} looks like two people",
                    f"add a comma: '{split[0]}, {split[1]}'",
                )
            )
        else:
            names.append(name)
        index += 1
    return names, problems


def _split_known(name: str, known: set[str]) -> list[str] | None:
    words = name.split()
    fits = [
        [" ".join(words[:cut]), " ".join(words[cut:])]
        for cut in range(2, len(words) - 1)
        if slugify(" ".join(words[:cut])) in known and slugify(" ".join(words[cut:])) in known
    ]
    return fits[0] if len(fits) == 1 else None
