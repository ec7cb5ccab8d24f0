"""The plugin's options in mkdocs.yml, validated by MkDocs.

mkdocs.yml may come by pull request too, so every value is checked here, with a message
that names the option (MkDocs adds "Plugin 'meetings' option '<name>':" in front)."""

from __future__ import annotations

import os
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from mkdocs.config import base
from mkdocs.config import config_options as c

from .archive import MAX_REFS_PER_NOTE
from .model import DEFAULT_REPO

# GitHub's rules: an owner is letters, digits and hyphens, not first (at most 39); a
# repository name is letters, digits, '.', '-' and '_' (at most 100), never '.' or '..'.
# The pair becomes a folder of issue pages, so nothing else may pass.
_REPOSITORY = re.compile(r"[a-z0-9][a-z0-9-]{0,38}/(?!\.\.?$)[a-z0-9._-]{1,100}", re.I | re.A)


def check_repository(text: str) -> str:
    """`owner/name` in lower case; ValidationError for anything else."""
    if not _REPOSITORY.fullmatch(text):
        raise c.ValidationError(
            f"expected a GitHub repository as 'owner/name' (letters, digits, '-'; '.' and '_' in the name), "
            f"got {text[:120]!r}"
        )
    return text.lower()


class Repository(c.Type):
    """A GitHub repository written `owner/name` (or, with `empty`, "" for none)."""

    def __init__(self, default: str, empty: bool = False) -> None:
        super().__init__(str, default=default)
        self.empty = empty

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        return "" if self.empty and not text.strip() else check_repository(text)


class RepositoryAliases(c.DictOfItems):
    """`new/name: old/name` pairs; MkDocs' DictOfItems checks only the values."""

    def __init__(self) -> None:
        super().__init__(Repository(default=""), default={})

    def run_validation(self, value: object) -> dict[str, str]:
        pairs = super().run_validation(value)
        checked: dict[str, str] = {}
        for key, target in pairs.items():
            try:
                checked[check_repository(key)] = target
            except c.ValidationError as error:
                raise c.ValidationError(f"the key {key[:120]!r}: {error}") from None
        return checked


class NotesDir(c.Dir):
    """A folder of notes: never empty, never the root of the file system."""

    def run_validation(self, value: object) -> str:
        if isinstance(value, str) and not value.strip():
            raise c.ValidationError("is empty; name the folder of notes, e.g. 'notes'")
        path = super().run_validation(value)
        if os.path.dirname(path) == path:
            raise c.ValidationError(f"{value!r} is the root of the file system; name the folder of notes, e.g. 'notes'")
        return path


class DataFile(c.File):
    """An optional YAML file: the default may be absent; a file named in mkdocs.yml must exist."""

    def __init__(self, default: str, holds: str) -> None:
        super().__init__(exists=False, default=default)
        self.holds = holds

    def run_validation(self, value: object) -> str:
        if isinstance(value, str) and not value.strip():
            raise c.ValidationError(f"is empty; name the YAML file of {self.holds}, e.g. {self.default!r}")
        path = super().run_validation(value)
        if os.path.isdir(path):
            raise c.ValidationError(f"{value!r} is a folder; name the YAML file of {self.holds}")
        if value != self.default and not os.path.exists(path):
            self.warnings.append(f"{value!r} does not exist, so no {self.holds} are read from it")
        return path


class Positive(c.Type):
    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 1:
            raise c.ValidationError(f"expected a whole number of at least 1, got {value!r}")
        return number


class TimeZone(c.Type):
    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if value:
            try:
                ZoneInfo(value)
            except (ValueError, ZoneInfoNotFoundError):
                raise c.ValidationError(f"{value[:80]!r} is not a time zone, e.g. 'America/New_York'") from None
        return value


class MeetingsConfig(base.Config):
    # -- where the content is (paths are relative to mkdocs.yml) -------------------
    notes_dir = NotesDir(exists=False, default="notes")
    """The folder of meeting notes, one `YYYY-MM-DD.md` per meeting."""
    people_file = DataFile(default="people.yml", holds="people")
    """Canonical names, aliases and chat handles (optional)."""
    topics_file = DataFile(default="topics.yml", holds="topics")
    """Curated topics with their aliases and descriptions (optional)."""
    community_file = DataFile(default="community.yml", holds="community settings")
    """How the community writes its notes: file names, date lines, headings, references
    (optional; without it, notes are read the way the Podman archive writes them)."""

    # -- how notes are read ----------------------------------------------------------
    default_repo = Repository(default=DEFAULT_REPO, empty=True)
    """The GitHub repository a bare `#1234` refers to; '' when none does (it stays text)."""
    repo_aliases = RepositoryAliases()
    """Renamed repositories: `new/name: old/name` files both under one issue page."""
    max_refs_per_note = Positive(default=MAX_REFS_PER_NOTE)
    """How many issues one note may give pages to; more are shown as text, with a warning."""
    time_zone = TimeZone(default="America/New_York")
    """Where the notes' wall-clock times are (feeds, calendars, the home page's next meetings,
    shown in it and in the reader's own zone); '' takes each offset as written."""

    # -- search ------------------------------------------------------------------------
    search_engine = c.Choice(("material", "pagefind"), default="material")
    """'pagefind' indexes the built site with Pagefind (pip install 'mkdocs-meetings[pagefind]')
    and adds a search page, find/: a chunked index that stays fast with thousands of meetings."""

    # -- what fails a build ----------------------------------------------------------
    strict_notes = c.Type(bool, default=False)
    """Log note-quality warnings as warnings, so `mkdocs build --strict` fails on them."""
