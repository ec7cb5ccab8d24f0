"""Action items: the lines under a "Next Steps" heading, and "X to do Y" in prose.

Items under Next Steps are explicit (owner from "Name: task", "Name to …" or "Name will
…"); those found in prose are marked as not confident.
"""

from __future__ import annotations

import re

from ..model import ActionItem
from .names import names_in_parentheses, split_presenters

NEXT_STEPS = re.compile(r"^\s*#{1,6}\s*(?:suggested\s+)?next\s+steps\W*$", re.I)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_BULLET = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s+")
_FOUR_STAR = re.compile(r"^\s{4}\*")  # "    * task": a step of its own, though nested
_NONE = re.compile(r"^\W*(?:none(?:\s+identified)?|n/?a)\W*$", re.I)
_OWNER_COLON = re.compile(r"^(?P<owner>[^:\[\]]{1,60}?):\s*(?P<task>\S.*)$")  # never a link's "https:"
_OWNER_VERB = re.compile(r"^(?P<owner>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2})\s+(?:to|will)\s+\w")
# "Tom Sweeney to look into …", "Ruy volunteered to write it", "jieyouxu can help look at
# …" (an offer; the owner may be a login, written lower case). Not "Dan will …": notes say
# that of plans as often as of tasks, and a false action is worse than a missed one.
_PROSE_TASK = re.compile(
    r"^@?(?P<owner>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,2}|[a-z][\w-]{1,38})\s+"
    r"(?:to|(?:has\s+)?(?:volunteered|offered)\s+to|can\s+help(?:\s+(?:to|with))?)\s+(?!be\s)\w"
)
# "MM: …", "WH, JN: …": a speaker's turn, discussion and not the record
TURN = re.compile(r"^[A-Z][A-Za-z0-9]{1,5}(?:\s*[,/&]\s*[A-Z][A-Za-z0-9]{1,5}){0,5}:\s")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\w(@])")


def owner_of(text: str) -> str | None:
    """ "Paul: Write docs" -> "Paul"; "Tom/Lokesh: Review" -> "Tom"; "All: …" -> None."""
    for pattern in (_OWNER_COLON, _OWNER_VERB):
        match = pattern.match(text)
        if match:
            names = split_presenters(re.sub(r"\s*\([^)]*\)", "", match["owner"]))
            if names:
                return names[0]
    return None


# "Write the notes - Owner: @ana - Due: …", "→ Owner: Ana Silva, Due: …", "Tag it (@ravi)",
# "@ravi — update the site": the owner a task names by label, by a trailing or leading handle
_LABELLED_OWNER = re.compile(
    r"\b(?:owner|assigned\s+to|assignee)\s*:\s*@?(?P<who>[A-Za-z][\w.-]{0,38}(?:\s+[A-Z][\w'’.-]{0,38}){0,2})"
    r"|\(@(?P<handle>[A-Za-z0-9][\w-]{0,38})\)\W*$|^@(?P<lead>[A-Za-z0-9][\w-]{0,38})\s+[-–—:]",
    re.I,
)


def labelled_owner(text: str) -> str | None:
    """The owner a task names as such ("Owner: @ana", "(@ana)", "@ana — …"), as written."""
    found = _LABELLED_OWNER.search(text)
    return (found["who"] or found["handle"] or found["lead"]) if found else None


def trailing_owner(text: str, known: set[str]) -> str | None:
    """The first of the names a step ends with in parentheses, when it is someone the
    meeting lists (`known`: their names and first names, case-folded); never "(?)" or
    "(everyone)": "Set up the binder (Tony, Martha, maybe Max)" is Tony's."""
    first = next(iter(names_in_parentheses(text)), "")
    return first if first.casefold() in known else None


def task_owner(text: str) -> str | None:
    """ "Jason to bring this up in the Java SIG" -> "Jason": who a task names first."""
    match = _OWNER_VERB.match(text)
    names = split_presenters(match["owner"]) if match else None
    return names[0] if names else None


def next_steps(lines: list[str], skip: set[int]) -> tuple[list[ActionItem], list[tuple[int, str]]]:
    """Items under each Next Steps heading, and the duplicates that were left out. A line
    indented under a bullet's text (a list wrapped at 80 columns) is part of that item, as
    CommonMark reads it; one written at the margin after indented bullets is a step of its own."""
    items: list[ActionItem] = []
    duplicates: list[tuple[int, str]] = []
    seen: set[str] = set()
    for start, line in enumerate(lines, 1):
        if start in skip or not NEXT_STEPS.match(line):
            continue
        for number, task in _steps(lines, start, skip, bool(items)):
            folded = task.casefold()
            if folded in seen or any(
                folded.endswith(" " + prev) or folded.endswith(prev) and len(folded) > len(prev) for prev in seen
            ):
                duplicates.append((number, task))  # repeated, or two items run together
                continue
            seen.add(task.casefold())
            items.append(ActionItem(number, owner_of(task), task))
    return items, duplicates


def _steps(lines: list[str], start: int, skip: set[int], earlier: bool) -> list[tuple[int, str]]:
    """(line, text) of each step under the heading on line `start`; the discussion nested
    under a step (a bullet indented four spaces or more) is left out."""
    steps: list[tuple[int, list[str]]] = []  # each step's line and the lines of its text
    going_on: list[str] | None = None  # the text of the bullet step a plain next line continues
    under = 0  # how far a line must be indented to go on that step's text
    for number in range(start + 1, len(lines) + 1):
        text = lines[number - 1]
        if _HEADING.match(text) or number in skip:
            break
        bullet = _BULLET.match(text)
        if not text.strip():
            going_on = None
        elif going_on is not None and not bullet and len(_indent(text)) >= under:
            going_on.append(text.strip())  # indented under the bullet: not a step of its own
        elif bullet and _indent(text).count(" ") >= 4 and (steps or earlier) and not _FOUR_STAR.match(text):
            going_on, under = [], len(_indent(text)) + 1  # discussion nested under the previous step
        else:
            steps.append((number, [_BULLET.sub("", text).strip()]))
            going_on = steps[-1][1] if bullet else None
            under = len(_indent(text)) + 1
    found = [(number, " ".join(parts)) for number, parts in steps]
    return [(n, t) for n, t in found if t and not _NONE.match(t) and not t.startswith(("http://", "https://"))]


def _indent(line: str) -> str:
    return line[: len(line) - len(line.lstrip())]


def prose_actions(lines: list[str], numbers: list[int], known: set[str]) -> list[ActionItem]:
    """ "Tom Sweeney to look into …" in running text, where the name is someone present; not
    what a speaker's turn reports ("MF: … Natalie offered to put together a PR")."""
    first_names = {name.split()[0] for name in known if name.split()}
    logins = {"".join(name.split()) for name in known}  # "jieyouxu" for "Jieyou Xu"
    items = []
    for number in numbers:
        line = _BULLET.sub("", lines[number - 1].strip())
        if TURN.match(line):
            continue
        for sentence in _SENTENCE_END.split(line):
            match = _PROSE_TASK.match(sentence)
            if match:
                owner = match["owner"]
                folded = owner.casefold()
                if folded in known or folded in first_names or (owner.islower() and folded in logins):
                    items.append(ActionItem(number, owner, sentence.strip(), confident=False))
    return items
