"""Topics: the curated file (topics.yml), and finding topics in the text of notes.

    topics:
      - name: Podman Desktop
        aliases: [podman-desktop]
        description: The desktop application for containers and Kubernetes.
    not_topics: [Zoom, GitHub]   # mined from the notes, but no subject of ours

Subjects are mined from the notes themselves (subjects.py); this file names them,
describes them, merges spellings into one (aliases) and excludes what is not one. A
curated name more specific than a mined subject splits it off: "Podman Desktop"
gets its own page, and its mentions are also the broader subject's.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .model import WARNING, Diagnostic
from .text import slugify
from .yamlfile import Map, Seq, load_yaml_file, one_line

_KEYS = {"name", "aliases", "description"}


@dataclass
class TopicEntry:
    name: str
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    excluded: bool = False  # listed under not_topics: never a topic


def load_topics(path: Path, label: str) -> tuple[list[TopicEntry], list[Diagnostic]]:
    """Entries of `path` (absent file: none); problems are diagnostics, never exceptions."""
    if not os.path.lexists(path):  # a link is read (and refused) even when it leads nowhere
        return [], []
    loaded = load_yaml_file(path, label)
    problems = loaded.problems

    def problem(line: int | None, message: str) -> None:
        problems.append(Diagnostic(label, line, WARNING, message))

    data = loaded.data
    if data is None:
        return [], problems
    if not isinstance(data, Map) or not isinstance(data.get("topics", Seq(1)), Seq):
        problem(getattr(data, "line", 1), "expected a top-level 'topics:' list")
        return [], problems
    unknown_top = set(data) - {"topics", "not_topics"}
    if unknown_top:
        problem(
            data.line,
            f"unknown top-level key(s) {', '.join(sorted(map(str, unknown_top)))}; expected topics, not_topics",
        )
    excluded = data.get("not_topics")
    if isinstance(excluded, str):
        excluded = [excluded]
    if excluded is not None and not (isinstance(excluded, list) and all(isinstance(e, str) for e in excluded)):
        problem(data.key_lines.get("not_topics"), "'not_topics' must be a list of text")
        excluded = []
    entries: list[TopicEntry] = [TopicEntry(one_line(e), excluded=True) for e in excluded or [] if one_line(e)]
    topics = data.get("topics")
    topics = topics if isinstance(topics, Seq) else Seq(1)  # anything else was reported above
    for item, line in zip(topics, topics.lines, strict=True):
        given = item.get("name") if isinstance(item, Map) else None
        name = one_line(given) if isinstance(given, str) else ""
        if not name or not isinstance(item, Map):
            problem(line, "a topic needs a 'name' (text)")
            continue
        unknown = set(item) - _KEYS
        if unknown:
            problem(
                line,
                f"{name}: unknown key(s) {', '.join(sorted(map(str, unknown)))}; expected {', '.join(sorted(_KEYS))}",
            )
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problem(line, f"{name}: 'aliases' must be a list of text")
            aliases = []
        description = item.get("description")
        if description is not None and not isinstance(description, (str, int, float)):
            problem(line, f"{name}: 'description' must be text")
            description = None
        entries.append(TopicEntry(name, [a for a in map(one_line, aliases) if a], str(description or "").strip()))
    return entries, problems


class TopicFinder:
    """Finds curated topics in a line of text by any of their names, case-insensitively."""

    def __init__(self, entries: Iterable[TopicEntry]) -> None:
        self.by_alias: dict[str, str] = {}
        for entry in entries:
            for name in [entry.name, *entry.aliases]:
                self.by_alias.setdefault(_norm(name), slugify(entry.name))
        names = sorted(self.by_alias, key=len, reverse=True)
        body = "|".join(_alias_pattern(n) for n in names)
        # Names are case-folded, and so is the text: twice as fast as a case-insensitive pattern.
        self._pattern = re.compile(rf"(?<![a-z0-9])(?:{body})") if names else None

    def find(self, text: str) -> list[str]:
        if self._pattern is None:
            return []
        found = []
        for match in self._pattern.finditer(text.casefold()):
            name = _norm(match.group())
            for stem in (name, name[:-1], name[:-2]):
                if stem in self.by_alias:
                    found.append(self.by_alias[stem])
                    break
        return found


def _alias_pattern(name: str) -> str:
    """A long name also matches as the start of a word ("Compose" in "podman-compose.yml",
    "artifact" in "artifacts"); a short one only as a whole word ("mac", not "machine")."""
    pattern = re.escape(name).replace(r"\ ", r"[\s-]+")
    return pattern if len(name) >= 5 else pattern + r"(?:e?s)?(?![a-z0-9])"


def _norm(text: str) -> str:
    """ "Podman-Machine" -> "podman machine"; a flag keeps its dashes ("--cache-from")."""
    return re.sub(r"(?<=\w)[\s-]+(?=\w)", " ", text.casefold()).strip()
