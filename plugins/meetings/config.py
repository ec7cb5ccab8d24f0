"""The plugin's options in mkdocs.yml, validated by MkDocs."""

from __future__ import annotations

import re

from mkdocs.config import base
from mkdocs.config import config_options as c


class Repository(c.Type):
    """A GitHub repository written `owner/name`."""

    def __init__(self, default: str) -> None:
        super().__init__(str, default=default)

    def run_validation(self, value: object) -> str:
        text = super().run_validation(value)
        if not re.fullmatch(r"[\w.-]+/[\w.-]+", text):
            raise c.ValidationError(f"expected a repository as 'owner/name', got {text!r}")
        return text.lower()


class MeetingsConfig(base.Config):
    # -- where the content is (paths are relative to mkdocs.yml) -------------------
    notes_dir = c.Dir(exists=False, default="notes")
    """The folder of meeting notes, one `YYYY-MM-DD.md` per meeting."""
    people_file = c.File(exists=False, default="people.yml")
    """Canonical names, aliases and chat handles (optional)."""
    topics_file = c.File(exists=False, default="topics.yml")
    """Curated topics with their aliases and descriptions (optional)."""

    # -- how notes are read ----------------------------------------------------------
    default_repo = Repository(default="containers/podman")
    """The GitHub repository a bare `#1234` refers to."""
    repo_aliases = c.DictOfItems(Repository(default=""), default={})
    """Renamed repositories: `new/name: old/name` files both under one issue page."""

    # -- search ------------------------------------------------------------------------
    search_engine = c.Choice(("material", "pagefind"), default="material")
    """'pagefind' indexes the built site with Pagefind (pip install 'mkdocs-meetings[pagefind]')
    and adds a search page, find/: a chunked index that stays fast with thousands of meetings."""

    # -- what fails a build ----------------------------------------------------------
    strict_notes = c.Type(bool, default=False)
    """Log note-quality warnings as warnings, so `mkdocs build --strict` fails on them."""
