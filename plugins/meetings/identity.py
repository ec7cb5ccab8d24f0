"""Who a written name refers to: one person id per human, whatever the spelling.

Rules, first match wins: people.yml spellings; "Me"/"You" through `me_in`; the name with
case and accents folded (the slug); the name without a parenthesised or " - " suffix.
Anything else is a new person under the name as written. Guests stay anonymous.
"""

from __future__ import annotations

import re

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
        for entry in entries:
            ident = slugify(entry.name)
            self.canonical[ident] = entry.name
            if entry.github:
                self.github[ident] = entry.github
            for spelling in [entry.name, *entry.aliases]:
                self._by_key[slugify(spelling)] = ident
            for meeting in entry.me_in:
                self._me[meeting] = ident

    def resolve(self, name: str, meeting: str) -> str | None:
        """The person id for `name` as written in `meeting`; None for guests and unknown "Me"."""
        written = " ".join(name.split())
        if not written or _ANONYMOUS.match(written):
            return None
        if written.casefold() in _NOTE_TAKER:
            return self._me.get(meeting)
        for candidate in (written, strip_affiliation(written)):
            if not candidate:
                continue
            key = slugify(candidate)
            if key in self._by_key:
                return self._by_key[key]
        bare = strip_affiliation(written) or written
        return slugify(bare)
