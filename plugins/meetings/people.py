"""The curated people file (people.yml): canonical names, aliases, chat handles.

    people:
      - name: Matt Heon
        aliases: [mheon, Matthew Heon]
        github: mheon
      - name: James Cassell
        me_in: [2020-12-01]     # "Me" in these meetings' chats is James
      - name: Jan Rodak
        not_same: [Jan Roday]   # a merge the notes suggested, undone
    not_people: [Brno]          # written in an attendee list, but a place

Every problem is a Diagnostic with the file's line; a bad entry is skipped, never fatal.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .model import WARNING, Diagnostic
from .text import slugify
from .yamlfile import Map, Seq, load_yaml_file, one_line

_KEYS = {"name", "aliases", "github", "me_in", "not_same"}


@dataclass
class PersonEntry:
    name: str
    aliases: list[str] = field(default_factory=list)
    github: str | None = None
    me_in: list[str] = field(default_factory=list)
    line: int | None = None
    not_same: list[str] = field(default_factory=list)  # spellings never merged into this person
    not_person: bool = False  # a place or a room written in an attendee list ("Brno")


def load_people(path: Path, label: str) -> tuple[list[PersonEntry], list[Diagnostic]]:
    """Entries from `path` (absent file: none). `label` names the file in messages."""
    if not os.path.lexists(path):  # a link is read (and refused) even when it leads nowhere
        return [], []
    loaded = load_yaml_file(path, label)
    problems = loaded.problems

    def problem(line: int | None, message: str) -> None:
        problems.append(Diagnostic(label, line, WARNING, message))

    data = loaded.data
    if data is None:
        return [], problems
    if not isinstance(data, Map) or not isinstance(data.get("people", []), (Seq, type(None))):
        problem(getattr(data, "line", 1), "expected a top-level 'people:' list")
        return [], problems
    unknown_top = set(data) - {"people", "not_people"}
    if unknown_top:
        problem(data.line, f"unknown top-level key(s) {_names(unknown_top)}; expected people, not_people")
    not_people = [
        PersonEntry(name, not_person=True)
        for name in _texts(data.get("not_people"), "not_people", data.key_lines.get("not_people"), problem)
    ]
    entries: list[PersonEntry] = []
    seen: dict[str, int | None] = {}
    people = data.get("people")
    people = people if isinstance(people, Seq) else Seq(1)  # anything else was reported above
    for item, line in zip(people, people.lines, strict=True):
        if not isinstance(item, Map):
            problem(line, f"each person must be a mapping with a 'name', got {str(item)[:60]!r}")
            continue
        line = item.line
        unknown = set(item) - _KEYS
        if unknown:
            problem(line, f"unknown key(s) {_names(unknown)}; expected {', '.join(sorted(_KEYS))}")
        given = item.get("name")
        name = one_line(given) if isinstance(given, str) else ""
        if not name:
            problem(line, "a person needs a 'name' (text)")
            continue
        aliases = _texts(item.get("aliases"), "aliases", line, problem)
        me_in = _texts(item.get("me_in"), "me_in", line, problem)
        not_same = _texts(item.get("not_same"), "not_same", line, problem)
        github = item.get("github")
        if github is not None and not isinstance(github, str):
            problem(line, "'github' must be a login (text)")
            github = None
        for spelling in [name, *aliases]:
            key = slugify(spelling)
            if key in seen:
                problem(line, f"{spelling!r} is already used by the entry on line {seen[key]}")
            seen[key] = line
        entries.append(PersonEntry(name, aliases, github, me_in, line, not_same=not_same))
    return entries + not_people, problems


def _names(keys: set[object]) -> str:
    """Keys of any type, sorted as text (a file may mix numbers and words)."""
    return ", ".join(sorted(str(k) for k in keys))


def _texts(value: object, key: str, line: int | None, problem: Callable[[int | None, str], None]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, dt.date)) for v in value):
        problem(line, f"'{key}' must be a list of text")
        return []
    return [text for text in (one_line(str(v)) for v in value) if text]
