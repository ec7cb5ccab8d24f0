"""References to numbered documents of a series the community names in community.yml
(`EIP-1559`, `EIP 4444`, `EIP207`): found in the text pieces of a line, the same pieces the
page writer links, so what gets a reference page and what is linked never disagree."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..community import Reference


@dataclass
class Found:
    start: int
    end: int
    reference: Reference
    number: int


class ReferenceFinder:
    def __init__(self, references: tuple[Reference, ...]) -> None:
        self.references = {r.name.casefold(): r for r in references}
        names = "|".join(re.escape(r.name) for r in sorted(references, key=lambda r: len(r.name), reverse=True))
        # "EIP-1559", "EIP 4444", "EIP207", "EIP- 2583"; not "EIPs", "EIP-1559-ish" numbers of
        # a longer word, nor the "eip-2718" of a file name ("eip-2718.md").
        self.pattern = (
            re.compile(rf"(?<![\w/.-])(?P<name>{names})(?:\s?-\s?|\s)?(?P<number>\d{{1,6}})(?![\w]|\.md|-\d)", re.I)
            if references
            else None
        )

    def __bool__(self) -> bool:
        return self.pattern is not None

    def find(self, text: str) -> list[Found]:
        if self.pattern is None:
            return []
        return [
            Found(m.start(), m.end(), self.references[m["name"].casefold()], int(m["number"]))
            for m in self.pattern.finditer(text)
        ]
