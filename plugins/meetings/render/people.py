"""Names of people as prose and transcripts write them, looked up across the archive."""

from __future__ import annotations

from ..archive import Archive
from ..parse.names import strip_affiliation

_CACHE: dict[int, tuple[Archive, dict[str, str]]] = {}


def person_index(archive: Archive) -> dict[str, str]:
    """Casefolded name or spelling (affiliation left out) -> person id, for the spellings
    that belong to exactly one person: a name two people share links to neither."""
    cached = _CACHE.get(id(archive))
    if cached is not None and cached[0] is archive:
        return cached[1]
    owners: dict[str, set[str]] = {}
    for person in archive.people.values():
        for spelling in [person.name, *person.aliases]:
            key = strip_affiliation(spelling).casefold()
            if key:
                owners.setdefault(key, set()).add(person.id)
    index = {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}
    _CACHE.clear()  # one archive at a time: a serve rebuild makes a new one
    _CACHE[id(archive)] = (archive, index)
    return index


_MENTIONS: dict[int, tuple[Archive, dict[str, dict[int, list[str]]]]] = {}


def mentions_by_line(archive: Archive, meeting: str) -> dict[int, list[str]]:
    """Line -> people first named in the running text of their section on that line (the
    archive's person mentions), for one meeting."""
    cached = _MENTIONS.get(id(archive))
    if cached is None or cached[0] is not archive:
        table: dict[str, dict[int, list[str]]] = {}
        for person in archive.people.values():
            for mention in person.mentions:
                table.setdefault(mention.meeting, {}).setdefault(mention.line, []).append(person.id)
        _MENTIONS.clear()
        _MENTIONS[id(archive)] = cached = (archive, table)
    return cached[1].get(meeting, {})


def spellings(archive: Archive, ident: str) -> list[str]:
    """How prose may write the person, longest first, each one only theirs."""
    person = archive.people[ident]
    index = person_index(archive)
    found = {strip_affiliation(s) for s in [person.name, *person.aliases]}
    return sorted((s for s in found if len(s.split()) >= 2 and index.get(s.casefold()) == ident), key=len, reverse=True)
