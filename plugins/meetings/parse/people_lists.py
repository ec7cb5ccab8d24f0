"""Who took part, in the shapes of communities that list one name per line and write the
talk down as speaker turns (switched on in community.yml):

    # Attendees                      ## Attendance
    * Tim Beiko                      Christian Reitwiessner (cpp-ethereum/Solidity),
    * Pooja Ranjan                   Hudson Jameson (Ethereum Foundation),

    **Tim Beiko**                    **Micah Zoltu** [5:28](https://…&t=328s): okay, hello …
    * welcome to ACD 125 …           **Hudson**: Thanks everybody for joining …
"""

from __future__ import annotations

import re

from ..community import any_of
from .names import is_person, looks_like_name, split_names, strip_affiliation
from .tables import is_delimiter, row_cells

# Headings that open an attendee list in the minutes of many communities: read when a
# community names none in community.yml and a note has no "Attendees: a, b" line.
ATTENDEE_HEADINGS = (
    "Attendees",
    "Attendance",
    "Attending",
    "Present",
    "Participants",
    "In attendance",
    "Members present",
    "Present members",
    "Roll call",
)

# A table of who took part: the header of its names, and of the initials their turns use.
NAME_COLUMNS = ("name", "names", "attendee", "attendees", "participant", "person", "member", "delegate")
INITIALS_COLUMNS = ("abbreviation", "abbr", "abbrev", "initials", "short name", "short")
# "Aki Braun (AKI)": a name with the initials the notes write its speaker turns with
_WITH_INITIALS = re.compile(r"(?P<name>[^()\s][^()]{1,79}?)\s{0,3}\((?P<initials>[A-Z][A-Z0-9]{1,5})\)")
# "KS: the nested stuff…", "WH, JN: Please put…": a turn opened by initials
_INITIALS_TURN = re.compile(r"^(?P<who>[A-Z][A-Z0-9]{1,5}(?:\s*[,/&]\s*[A-Z][A-Z0-9]{1,5}){0,5}):\s")
_INITIALS = re.compile(r"[A-Z][A-Z0-9]{1,5}")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.*)$")
_PLACEHOLDER = re.compile(r"^\W*(?:todo|tbd|tba|n/?a|none|\.\.\.)\W*$", re.I)
LIST_MARKER = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s+")
# "[x] Brendan Abel - NVIDIA", "[ ] Allan Johns": a roll call ticked in a task list, where an
# empty box is someone who did not come (when any box of the list is ticked)
TASK_BOX = re.compile(r"^\[(?P<mark>[ xX])\]\s+")
# "TSC Attendees:", "Other Attendees:", "Remote:": a bullet that only labels the names below it
_GROUP = re.compile(r"^[^:]{1,40}:$")
# "Host: Stephen Mackenzie", "Chair: …": the person named in a role, whose last word is one of these
_ROLE = re.compile(
    r"^(?P<role>(?:[\w-]+\s+){0,2}(?:host|co-?hosts?|chairs?|co-?chairs?|secretary|facilitators?|moderators?"
    r"|scribes?|note[- ]?takers?|notes|minutes|organi[sz]ers?|guests?|attendees|members|observers|others?|staff|team"
    r"|remote|in[- ]person|online|present))\s*:\s*(?P<rest>\S.*)$",
    re.I,
)
# labels of those who were not there: what they list is no attendee
_ABSENT = re.compile(r"^\W*(?:absent|regrets|apologies|excused|not\s+present|unable\s+to\s+attend)\b", re.I)
# "**Tim Beiko**", "**Marius (Geth)**", "**Hudson**:", "**Danny** [1:19](…): text", "**Hudson:** text"
# "**Tim beiko:**[cool](…) are we live": a colon inside the bold opens a turn whatever follows
_TURN = re.compile(
    r"^\s*\*\*(?P<name>[^*\n]{1,60}?)\s*(?:(?P<colon>:)\s*\*\*|\*\*\s*(?:\[[^\]\n]*\]\([^)\s]*\))?\s*(?::|$|-\s))"
)


class NotPeople:
    """Words a community says are never a person (client names, network upgrades)."""

    def __init__(self, words: tuple[str, ...]) -> None:
        self.words = {w.casefold() for w in words}

    def __contains__(self, name: str) -> bool:
        """The name is such a word, or starts with one ("Geth team"; not "Somnath Erigon")."""
        folded = name.casefold()
        return folded in self.words or (folded.split() or [""])[0] in self.words


def attendee_lists(
    lines: list[str], numbers: list[int], headings: tuple[str, ...], not_people: NotPeople
) -> tuple[int | None, list[tuple[int, str]]]:
    """(heading line, [(line, name)]) of the first list under an attendee heading."""
    pattern = any_of(headings)
    if pattern is None:
        return None, []
    prose = set(numbers)
    for number in numbers:
        heading = _HEADING.match(lines[number - 1])
        if not heading or not pattern.match(heading["text"]):
            continue
        names = names_below(lines, number, prose, not_people)
        if names:
            return number, names
    return None, []


def names_below(lines: list[str], label: int, prose: set[int], not_people: NotPeople) -> list[tuple[int, str]]:
    """(line, name) of the names listed under the heading or label on line `label`, up to
    the next heading or the end of the list."""
    names: list[tuple[int, str]] = []
    texts: list[tuple[int, str, bool]] = []  # (line, text, a bullet) of the list
    following = label + 1
    # "- **Attendees:**" over its sub-bullets: the list of names ends at the next bullet of its level
    outer = _indent(lines[label - 1]) if LIST_MARKER.match(lines[label - 1]) else None
    while following <= len(lines) and following in prose:
        line = lines[following - 1]
        if _HEADING.match(line) or (outer is not None and LIST_MARKER.match(line) and _indent(line) <= outer):
            break
        if not line.strip():
            after = next((n for n in range(following + 1, len(lines) + 1) if lines[n - 1].strip()), None)
            if after is None or (texts and not LIST_MARKER.match(lines[after - 1])):
                break  # a list may have blank lines between its bullets, not after its end
            if not all(n in prose for n in range(following, after)):
                break
            following = after  # the blank run is read once
            continue
        texts.append((following, line, LIST_MARKER.match(line) is not None))
        following += 1
    texts = _present(texts)
    # "* Kevin Hoffman, Capital One" in a list of one person a bullet: the name, then where
    # they work, as word processors' attendee lists write it ("Kevin Hoffman (Capital One)")
    bullets = [text for _, text, bullet in texts if bullet]
    affiliated = len(bullets) >= 3 and all(text.count(",") <= 1 for text in bullets) and any("," in t for t in bullets)
    for number, text, bullet in texts:
        if affiliated and bullet and "," in text and "(" not in text:
            name, _, where = text.partition(",")
            text = f"{name.strip()} ({where.strip()})" if where.strip() else name
        # "Carl Larson (/r/ethtrader moderator, EIP-858 author)": no comma inside parentheses splits
        parts = [p.strip().rstrip(".").strip() for p in _outside_parentheses(text)]
        for name in [p for p in parts if p] if "(" in text else split_names(text):
            name = name.strip(" *_")
            if _PLACEHOLDER.match(name) or len(name) > 80:
                continue
            if is_person(name) and strip_affiliation(name) not in not_people:
                names.append((number, name))
    # "Host: Stephen Mackenzie" then "Stephen Mackenzie - NVIDIA": one person, as the fuller line has them
    at: dict[str, int] = {}
    once: list[tuple[int, str]] = []
    for number, name in names:
        bare = strip_affiliation(name).casefold()
        if bare not in at:
            at[bare] = len(once)
            once.append((number, name))
        elif len(name) > len(once[at[bare]][1]):
            once[at[bare]] = (number, name)
    return once


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _present(texts: list[tuple[int, str, bool]]) -> list[tuple[int, str, bool]]:
    """The list's lines as (line, text, a bullet) without their markers, group labels and
    ticks, leaving out who the list says was not there: under an absent label, or with an
    empty box in a list where boxes are ticked."""
    bare = [
        (number, LIST_MARKER.sub("", line).strip(), len(line) - len(line.lstrip()), bullet)
        for number, line, bullet in texts
    ]
    ticked = any((box := TASK_BOX.match(text)) and box["mark"] != " " for _, text, _, _ in bare)
    kept: list[tuple[int, str, bool]] = []
    absent_below: int | None = None  # the indent of an absent label whose bullets are skipped
    for number, text, indent, bullet in bare:
        if absent_below is not None and (indent <= absent_below or not bullet):
            absent_below = None
        if absent_below is not None or _ABSENT.match(text):
            if _GROUP.match(text):
                absent_below = indent
            continue
        box = TASK_BOX.match(text)
        if box:
            if ticked and box["mark"] == " ":
                continue
            text = text[box.end() :]
        if bullet and _GROUP.match(text):
            continue
        role = _ROLE.match(text) if bullet else None
        kept.append((number, role["rest"] if role else text, bullet))
    return kept


def speaker_turns(lines: list[str], numbers: list[int], not_people: NotPeople) -> list[tuple[int, str]]:
    """(line, name) of each turn opened by a bold name."""
    turns = []
    for number in numbers:
        line = lines[number - 1]
        if not line.lstrip().startswith("**"):
            continue
        match = _TURN.match(line)
        if not match:
            continue
        name = match["name"].strip()
        bare = strip_affiliation(name)
        if len(bare.split()) > 1 and not looks_like_name(bare):
            bare = " ".join(w[:1].upper() + w[1:] for w in bare.split())  # "Tim beiko"
            name = bare if looks_like_name(bare) else name
        if bare and looks_like_name(bare) and bare not in not_people:
            turns.append((number, name))
    return turns


def table_people(lines: list[str], start: int) -> tuple[list[tuple[int, str]], dict[str, str]]:
    """The people of the pipe table whose header is line `start`, read from its name
    column, and their initials where a column gives them; nothing when it has no such column."""
    if start >= len(lines) or not is_delimiter(lines[start]):
        return [], {}
    heads = [h.strip("*_ ").casefold() for h in row_cells(lines[start - 1])]
    column = next((i for i, h in enumerate(heads) if h in NAME_COLUMNS), None)
    if column is None:
        return [], {}
    short = next((i for i, h in enumerate(heads) if h in INITIALS_COLUMNS), None)
    people: list[tuple[int, str]] = []
    initials: dict[str, str] = {}
    number = start + 2
    while number <= len(lines) and "|" in lines[number - 1]:
        row = row_cells(lines[number - 1])
        name = row[column].strip(" *_") if column < len(row) else ""
        if name and len(name) <= 80 and is_person(name):
            people.append((number, name))
            written = row[short].strip(" *_`") if short is not None and short < len(row) else ""
            if _INITIALS.fullmatch(written):
                initials.setdefault(written, strip_affiliation(name))
        number += 1
    return people, initials


def with_initials(names: list[str]) -> dict[str, str]:
    """Initials -> name, of the names written "Aki Braun (AKI)"."""
    found: dict[str, str] = {}
    for name in names:
        match = _WITH_INITIALS.fullmatch(name.strip())
        if match:
            found.setdefault(match["initials"], match["name"].strip())
    return found


def initials_paragraph(lines: list[str], numbers: list[int]) -> tuple[list[int], list[str]]:
    """(lines, names) of the lines before the first section made of names with their
    initials ("John Neumann (JN), Norbert Lindenberg (NL), …"): attendees without a label."""
    found: list[int] = []
    names: list[str] = []
    for number in numbers:
        line = lines[number - 1]
        if _HEADING.match(line) and not line.lstrip().startswith("# "):
            break
        parts = [p.strip() for p in _outside_parentheses(line)]
        if len(parts) < 3 and not found:  # after the list, a line of one or two names ("Remote:")
            continue
        named = [p for p in parts if (m := _WITH_INITIALS.fullmatch(p)) and is_person(m["name"])]
        if len(named) >= 0.8 * len(parts) and (len(parts) >= 3 or len(named) == len(parts)):
            found.append(number)
            names += [p for p in parts if p and p not in names]
    return found, names


def initials_turns(lines: list[str], numbers: list[int], initials: dict[str, str]) -> list[tuple[int, str]]:
    """(line, name) of each turn opened by the initials of a listed person ("KS: …")."""
    turns = []
    for number in numbers:
        match = _INITIALS_TURN.match(lines[number - 1])
        if match:
            turns += [(number, initials[who]) for who in _INITIALS.findall(match["who"]) if who in initials]
    return turns


def _outside_parentheses(text: str) -> list[str]:
    """`text` split at its commas, except those inside parentheses ("Alex (axic, EF), Tim"),
    in one pass (a look-ahead for ")" at every comma would be quadratic)."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == "," and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    return [*parts, text[start:]]
