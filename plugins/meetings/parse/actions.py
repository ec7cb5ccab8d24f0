"""Action items: the lines under a "Next Steps" heading, and "X to do Y" in prose.

Items under Next Steps are explicit (owner from "Name: task", "Name to …" or "Name will
…"); those found in prose are marked as not confident.
"""

from __future__ import annotations

import re

from ..model import ActionItem
from .names import split_presenters

NEXT_STEPS = re.compile(r"^\s*#{1,6}\s*(?:suggested\s+)?next\s+steps\W*$", re.I)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_BULLET = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s+")
_NONE = re.compile(r"^\W*(?:none(?:\s+identified)?|n/?a)\W*$", re.I)
_OWNER_COLON = re.compile(r"^(?P<owner>[^:]{1,60}?):\s*(?P<task>\S.*)$")
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
            return names[0] if names else None
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


def task_owner(text: str) -> str | None:
    """ "Jason to bring this up in the Java SIG" -> "Jason": who a task names first."""
    match = _OWNER_VERB.match(text)
    names = split_presenters(match["owner"]) if match else None
    return names[0] if names else None


def next_steps(lines: list[str], skip: set[int]) -> tuple[list[ActionItem], list[tuple[int, str]]]:
    """Items under each Next Steps heading, and the duplicates that were left out."""
    items: list[ActionItem] = []
    duplicates: list[tuple[int, str]] = []
    seen: set[str] = set()
    for start, line in enumerate(lines, 1):
        if start in skip or not NEXT_STEPS.match(line):
            continue
        for number in range(start + 1, len(lines) + 1):
            text = lines[number - 1]
            if _HEADING.match(text) or number in skip:
                break
            task = _BULLET.sub("", text).strip()
            if not task or _NONE.match(task) or task.startswith(("http://", "https://")):
                continue
            if text[: len(text) - len(text.lstrip())].count(" ") >= 4 and _BULLET.match(text) and items:
                if not re.match(r"^\s{4}\*", text):  # nested under the previous item
                    continue
            folded = task.casefold()
            if folded in seen or any(
                folded.endswith(" " + prev) or folded.endswith(prev) and len(folded) > len(prev) for prev in seen
            ):
                duplicates.append((number, task))  # repeated, or two items run together
                continue
            seen.add(task.casefold())
            items.append(ActionItem(number, owner_of(task), task))
    return items, duplicates


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
