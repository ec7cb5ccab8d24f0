"""The curated people file (people.yml): canonical names, aliases, chat handles.

    people:
      - name: Matt Heon
        aliases: [mheon, Matthew Heon]
        github: mheon
      - name: James Cassell
        me_in: [2020-12-01]     # "Me" in these meetings' chats is James
    not_people: [Brno]          # written in an attendee list, but a place

Every problem is a Diagnostic with the file's line; a bad entry is skipped, never fatal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .model import WARNING, Diagnostic
from .text import slugify

_KEYS = {"name", "aliases", "github", "me_in"}


@dataclass
class PersonEntry:
    name: str
    aliases: list[str] = field(default_factory=list)
    github: str | None = None
    me_in: list[str] = field(default_factory=list)
    line: int | None = None
    not_person: bool = False  # a place or a room written in an attendee list ("Brno")


class _LineLoader(yaml.SafeLoader):
    """A safe loader that remembers the line of every mapping, for error messages."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:  # type: ignore[override]
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


def load_people(path: Path, label: str) -> tuple[list[PersonEntry], list[Diagnostic]]:
    """Entries from `path` (absent file: none). `label` names the file in messages."""
    if not path.is_file():
        return [], []
    problems: list[Diagnostic] = []

    def problem(line: int | None, message: str) -> None:
        problems.append(Diagnostic(label, line, WARNING, message))

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506 (safe subclass)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        mark = getattr(error, "problem_mark", None)
        problem(mark.line + 1 if mark else None, f"not valid YAML: {getattr(error, 'problem', error)}")
        return [], problems
    if data is None:
        return [], problems
    if not isinstance(data, dict) or not isinstance(data.get("people", []), list):
        problem(1, "expected a top-level 'people:' list")
        return [], problems
    line = data.pop("__line__", None)
    unknown_top = set(data) - {"people", "not_people"}
    if unknown_top:
        problem(line, f"unknown top-level key(s) {', '.join(sorted(unknown_top))}; expected people, not_people")
    not_people = [
        PersonEntry(name, not_person=True) for name in _texts(data.get("not_people"), "not_people", line, problem)
    ]
    entries: list[PersonEntry] = []
    seen: dict[str, int | None] = {}
    for item in data.get("people") or []:
        if not isinstance(item, dict):
            problem(None, f"each person must be a mapping with a 'name', got {item!r}")
            continue
        line = item.pop("__line__", None)
        unknown = set(item) - _KEYS
        if unknown:
            problem(line, f"unknown key(s) {', '.join(sorted(unknown))}; expected {', '.join(sorted(_KEYS))}")
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            problem(line, "a person needs a 'name' (text)")
            continue
        aliases = _texts(item.get("aliases"), "aliases", line, problem)
        me_in = _texts(item.get("me_in"), "me_in", line, problem)
        github = item.get("github")
        if github is not None and not isinstance(github, str):
            problem(line, "'github' must be a login (text)")
            github = None
        for spelling in [name, *aliases]:
            key = slugify(spelling)
            if key in seen:
                problem(line, f"{spelling!r} is already used by the entry on line {seen[key]}")
            seen[key] = line
        entries.append(PersonEntry(name.strip(), aliases, github, me_in, line))
    return entries + not_people, problems


def _texts(value: object, key: str, line: int | None, problem: Callable[[int | None, str], None]) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, dt.date)) for v in value):
        problem(line, f"'{key}' must be a list of text")
        return []
    return [str(v).strip() for v in value if str(v).strip()]
