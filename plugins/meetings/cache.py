"""The one cache a build reads from and writes to: everything a `mkdocs serve` rebuild reuses.

The caller owns it and passes it to `load_site`: the plugin keeps one for the life of a
`mkdocs serve`; `mkdocs build`, each CLI command and a test pass a fresh one, or none. No
module of the package keeps anything between builds (a test checks that): while
`load_site` runs, the cache it was given is the current one (`current()`), so the helpers
deep in linking find their store without module state, and a call with no cache sees none
of another call's. Outside `load_site` (a test calling `build_archive` itself) every store
is new at each use: nothing is reused, nothing goes stale.

Each store is one kind of entry. Every entry is keyed by exactly what it is made from, so
nothing needs invalidating by hand; a store keeps only what the latest build asked for:

- parses (notes.ParseCache): a note's Meeting, by its bytes' digest and the settings that
  read it (and each file's status, so an unchanged file is not read again);
- pages (memo.PageMemo): a page, index row, feed or export entry, by its own thing and the
  answers it read from the archive;
- subject counts (subjects._Tally): each meeting's share of the word counts, by its prose
  and headings;
- texts read (subjects._Remembered): the words, capitals and compounds of a text, by the text;
- finds (subjects._LastFound): what the latest subject finder found in each text, by the
  subjects, then the text;
- note lines, subject lines, person mentions (archive._kept): a note's lines, its subject
  lines, the people its prose names, by the note's digest (and the table of names);
- identities learned (identity._Learned): the state learning ended in, by the people file
  and every name it was given.

The serve-only layer is this module, those stores and `memo.py`, and `serving.py` (which
keeps MkDocs' conversion, template output and search entries of unchanged pages).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

T = TypeVar("T")


class BuildCache:
    """Named stores, each made on first use (see the table above)."""

    def __init__(self) -> None:
        self._stores: dict[str, Any] = {}

    def store(self, name: str, make: Callable[[], T]) -> T:
        found = self._stores.get(name)
        if found is None:
            found = self._stores[name] = make()
        return found  # made by `make`, under this name only


# Which cache the running `load_site` was given. The variable holds no state of its own:
# `using` sets it for one call and puts the earlier value back.
_CURRENT: ContextVar[BuildCache | None] = ContextVar("meetings_build_cache", default=None)


def current() -> BuildCache:
    """The cache of the running build; a new, empty one outside any build."""
    return _CURRENT.get() or BuildCache()


@contextmanager
def using(cache: BuildCache) -> Iterator[BuildCache]:
    token = _CURRENT.set(cache)
    try:
        yield cache
    finally:
        _CURRENT.reset(token)
