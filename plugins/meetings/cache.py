"""The one cache a build reads from and writes to: everything a `mkdocs serve` rebuild reuses.

The caller owns it and passes it to `load_site`, which hands it down to each step that keeps
something (an argument, never a global): the plugin keeps one for the life of a `mkdocs
serve`; `mkdocs build`, each CLI command and a test pass a fresh one, or none. No module of
the package keeps anything between builds (a test checks that), except bounded lru_caches
of pure functions of a text (subjects.py says which).

Each store is one kind of entry. Every entry is keyed by exactly what it is made from, so
nothing needs invalidating by hand; a store keeps only what the latest build asked for:

store (class): what one entry is; its key, which is also all that makes it stale.

- parses (notes.ParseCache): a note's Meeting and its file's status; the digest of the
  note's bytes and of the settings that read it.
- unconfigured parses (notes.ParseCache): the same, read with no settings, for a site with
  no community.yml whose notes are described first (detect.describe).
- pages (memo.PageMemo): a page, index row, feed or export entry; the thing it shows and
  every archive answer it read.
- subject counts (subjects._Tally): one meeting's share of the word counts; its prose and
  headings.
- finds (subjects._LastFound): what the last subject finder found in each text; the
  subjects (all entries), then the text (one).
- note lines, subject lines, person mentions (archive._kept): a note's lines, its subject
  lines, the people its prose names; the note's digest (and the table of names).
- identities learned (identity._Learned): the state learning ended in; people.yml's state
  and every name it was given.

The serve-only layer is this module, those stores and `memo.py`, and in plugin.py the
writing of a `--dirty` serve's generated files only when their bytes change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
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


def digest(parts: Iterable[str | bytes]) -> bytes:
    """One digest of several texts; each is length-prefixed, so ("ab", "c") != ("a", "bc")."""
    made = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        made.update(len(data).to_bytes(8, "little"))
        made.update(data)
    return made.digest()
