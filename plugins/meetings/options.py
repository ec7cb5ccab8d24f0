"""The meetings plugin's options: one schema, for the plugin and every CLI command.

mkdocs.yml may come by pull request too, so each value is checked here, and a bad one
gets the same one-line message wherever it is read: from `mkdocs build` (config.py wraps
these checks as MkDocs options) and from `meetings check`, `export`, `generate`, `new`
(which read mkdocs.yml without MkDocs). No MkDocs here.
"""

from __future__ import annotations

import inspect
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .archive import MAX_REFS_PER_NOTE

DEFAULT_TIME_ZONE = "America/New_York"  # the notes' "11:00 a.m. Eastern"


class OptionError(ValueError):
    """A value an option does not take; the message says what it expected."""


# GitHub's rules: an owner is letters, digits and hyphens, not first (at most 39); a
# repository name is letters, digits, '.', '-' and '_' (at most 100), never '.' or '..'.
# The pair becomes a folder of issue pages, so nothing else may pass.
_REPOSITORY = re.compile(r"[a-z0-9][a-z0-9-]{0,38}/(?!\.\.?$)[a-z0-9._-]{1,100}", re.I | re.A)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise OptionError(f"expected text, got {type(value).__name__} {str(value)[:80]!r}")
    return value


def repository(value: object) -> str:
    """`owner/name` in lower case."""
    text = _text(value)
    if not _REPOSITORY.fullmatch(text):
        raise OptionError(
            "expected a GitHub repository as 'owner/name' (letters, digits, '-'; '.' and '_' in the name), "
            f"got {text[:120]!r}"
        )
    return text.lower()


def _default_repo(value: object) -> str | None:
    """A repository, "" (none: a bare #123 stays text) or None (the one the notes link most)."""
    if value is None:
        return None
    return "" if isinstance(value, str) and not value.strip() else repository(value)


def _aliases(value: object) -> dict[str, str]:
    if not isinstance(value, dict):
        raise OptionError(f"expected a mapping of 'new/name: old/name', got {type(value).__name__}")
    checked: dict[str, str] = {}
    for key, target in value.items():
        try:
            checked[repository(key)] = repository(target)
        except OptionError as error:
            raise OptionError(f"the entry {str(key)[:120]!r}: {error}") from None
    return checked


def _positive(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise OptionError(f"expected a whole number of at least 1, got {str(value)[:80]!r}")
    return value


def _time_zone(value: object) -> str:
    text = _text(value)
    if text:
        try:
            ZoneInfo(text)
        except (ValueError, ZoneInfoNotFoundError):
            raise OptionError(f"{text[:80]!r} is not a time zone, e.g. 'America/New_York'") from None
    return text


def _flag(value: object) -> bool:
    if not isinstance(value, bool):
        raise OptionError(f"expected true or false, got {str(value)[:80]!r}")
    return value


def _choice(*choices: str) -> Callable[[object], str]:
    def check(value: object) -> str:
        if value not in choices:
            raise OptionError(f"expected one of {', '.join(map(repr, choices))}, got {str(value)[:80]!r}")
        return str(value)

    return check


def _folder(value: object, root: str = ".") -> str:
    """A folder, relative to mkdocs.yml's (`root`): never empty, never the file system's root."""
    text = _text(value)
    if not text.strip():
        raise OptionError("is empty; name the folder of notes, e.g. 'notes'")
    path = os.path.abspath(os.path.join(root, text))
    if os.path.dirname(path) == path:
        raise OptionError(f"{text!r} is the root of the file system; name the folder of notes, e.g. 'notes'")
    return text


def _data_file(holds: str, example: str) -> Callable[[object], str]:
    def check(value: object) -> str:
        text = _text(value)
        if not text.strip():
            raise OptionError(f"is empty; name the YAML file of {holds}, e.g. {example!r}")
        return text

    return check


@dataclass(frozen=True)
class Option:
    default: object
    check: Callable[..., object]  # (value) or (value, root): root is the folder of mkdocs.yml
    doc: str

    def read(self, value: object, root: str = ".") -> object:
        if "root" in inspect.signature(self.check).parameters:
            return self.check(value, root=root)
        return self.check(value)


OPTIONS: dict[str, Option] = {
    # -- where the content is (paths are relative to mkdocs.yml) -----------------------
    "notes_dir": Option("notes", _folder, "The folder of meeting notes, one `YYYY-MM-DD.md` per meeting."),
    "people_file": Option(
        "people.yml", _data_file("people", "people.yml"), "Canonical names, aliases and chat handles (optional)."
    ),
    "topics_file": Option(
        "topics.yml", _data_file("topics", "topics.yml"), "Curated topics with aliases and descriptions (optional)."
    ),
    "community_file": Option(
        "community.yml",
        _data_file("community settings", "community.yml"),
        "How the community writes its notes: file names, date lines, headings, references (optional).",
    ),
    "refs_file": Option(
        "refs.json",
        _data_file("issue titles and states", "refs.json"),
        "What became of each referenced issue, written by `meetings refs update` (optional).",
    ),
    # -- how notes are read ------------------------------------------------------------
    "default_repo": Option(
        None,
        _default_repo,
        "The GitHub repository a bare `#1234` refers to; '' when none does; unset: the repository the notes "
        "link most, if most of their links go to it.",
    ),
    "repo_aliases": Option({}, _aliases, "Renamed repositories: `new/name: old/name` share one issue page."),
    "max_refs_per_note": Option(
        MAX_REFS_PER_NOTE, _positive, "How many issues one note may give pages to; more stay text, with a warning."
    ),
    "time_zone": Option(
        DEFAULT_TIME_ZONE, _time_zone, "Where the notes' wall-clock times are; '' takes each offset as written."
    ),
    # -- search and strictness -----------------------------------------------------------
    "search_engine": Option(
        "material", _choice("material", "pagefind"), "'pagefind' indexes the built site with Pagefind."
    ),
    "strict_notes": Option(False, _flag, "Note-quality warnings fail `mkdocs build --strict`."),
}


def option_message(name: str, error: OptionError) -> str:
    """The one line every command prints for a bad value."""
    return f"meetings option '{name}': {error}"


def read_options(given: dict[str, object], root: str = ".") -> tuple[dict[str, object], list[str]]:
    """Every option checked and with its default where not given, and the unknown names;
    `root`: the folder of mkdocs.yml, that paths are relative to. Raises OptionError (with
    `option_message`'s text) on the first bad value."""
    values: dict[str, object] = {}
    for name, option in OPTIONS.items():
        value = given.get(name, option.default)
        try:
            values[name] = option.read(value, root)
        except OptionError as error:
            raise OptionError(option_message(name, error)) from None
    return values, sorted(str(name) for name in set(given) - set(OPTIONS))
