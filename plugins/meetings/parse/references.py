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
        # "EIP-1559", "EIP 4444", "EIP207", "EIP- 2583", "EIPs 2929, 2930, and 2718"; not the
        # "eip-2718" of a file name ("eip-2718.md") nor a number inside a longer word.
        self.pattern = (
            re.compile(
                rf"(?<![\w/.-])(?P<name>{names})s?(?:\s?-\s?|\s)?(?P<number>\d{{1,6}})(?![\w]|\.md|-\d)"
                rf"(?P<more>(?:\s*(?:,|&|/|\band\b)\s*(?:and\s+)?\d{{3,6}}(?![\w.]\w|\.md))*)",
                re.I,
            )
            if references
            else None
        )

    def __bool__(self) -> bool:
        return self.pattern is not None

    def find(self, text: str) -> list[Found]:
        if self.pattern is None:
            return []
        found = []
        for match in self.pattern.finditer(text):
            reference = self.references[match["name"].casefold()]
            found.append(Found(match.start(), match.end("number"), reference, int(match["number"])))
            for more in _NUMBER.finditer(match["more"]):  # the rest of a list: each number is one
                start = match.start("more") + more.start()
                found.append(Found(start, start + len(more.group()), reference, int(more.group())))
        return found


_NUMBER = re.compile(r"\d{3,6}")
