"""Decisions and actions written as numbered items, in the shapes notes give them:

    **DECISION 65.1.** Every EIP without a reference implementation … will be dropped.
    **ACTION 70.1**:  Alex Beregszaszi and EIP-152 Champions to discuss …

    | Decision Item | Description | Video ref |
    | 130.1 | Clarify PR for Engine API … | [25:05](https://youtu.be/…?t=1507) |
    | **Decision 1** | Fee history to be used as default … | [33:51](…) |
    | **Action 1**   | Full sync to be performed to verify EIP 3607 | … |

    ## Decisions Made              ## ACTION ITEMS
    - **101.1**: the decision …     * EIP 2565: Benchmark it for Parity …

A table counts when its header names a decision, action or item column (`Decision Item`,
`Item`, `S No`) and a row's first cell is a number; a row with an empty first cell goes on
the item above. Bullets count under a Decisions or Actions heading.
"""

from __future__ import annotations

import re

from ..model import Decision
from .actions import TURN as _TURN
from .actions import labelled_owner, owner_of, task_owner
from .agenda import link_seconds
from .names import strip_affiliation

_HEADING = re.compile(r"^\s{0,3}#{1,6}(?=\s|$)")  # the text is the rest, trimmed in code (no backtracking)
_DECISION_HEADING = re.compile(r"^\W*(?:summary\W+)?decisions?(?:\s+(?:made|items?))?\W*$", re.I)
_BOTH_HEADING = re.compile(r"^\W*decisions?\s+(?:made\s+)?(?:and|/|&)\s+actions?(?:\s+items?)?(?:\s+made)?\W*$", re.I)
_ACTION_HEADING = re.compile(r"^\W*(?:action\s+items?|actions?\s+(?:required|items?))\W*$", re.I)
# "### Conclusion", "#### Conclusion/Resolution", "Consensus/Resolution", "Summary / Conclusion":
# what a committee concluded: each line there is a decision, unless it says none was made.
OUTCOME_HEADING = re.compile(
    r"^\W*(?:summary\s*/\s*)?(?:conclusions?|resolutions?|consensus|outcomes?)(?:\s*/\s*(?:resolution|decision|consensus))?\W*$",
    re.I,
)
# what a conclusion block says when nothing was concluded, or where it is
_NO_OUTCOME = re.compile(r"^\W*(?:none(?: yet)?|n/?a|tbd|no (?:concrete |clear )?conclusions?\b.*|see\b.*)\W*$", re.I)
# Under a conclusion, what people said or felt is the discussion, not its outcome ("Many
# delegates expressed a preference for …", "stated non-blocking concerns …"), and a line in
# parentheses is the note-taker's aside ("(conclusion of original topic covers all continuations)")
_VIEW = re.compile(
    r"\b(?:expressed|stated|raised|voiced|maintains?|noted)\s+(?:\w+\s+){0,3}?"
    r"(?:concerns?|preferences?|doubts?|reservations?|support)\b|^\W*concerns?\s+(?:was|were\s+)?raised\b"
    r"|^\s*\([^()]*\)\W*$",
    re.I,
)
# "RBN to look into …", "GB will do a follow-up PR", "JHD and RBN to review"
_WHO = r"(?:[A-Z][A-Z0-9]{1,5}|[A-Z][a-z]+\s+[A-Z][\w'’-]+)"  # initials, or a first name and surname
# a role the notes give tasks to: "The champion will …", "Stakeholders to continue …"
_ROLE = (
    r"(?i:(?:(?:the|all)\s+)?(?:[\w-]+\s+){0,2}?(?:champions?|editors?|chairs?|stakeholders?|authors?|reviewers?)"
    r"(?:\s+(?:group|team))?(?:\s+of\s+(?:the\s+|these\s+|this\s+)?[\w-]+(?:\s+[\w-]+)?)?)"
)
# "RBN to look into …", "KG and SYG will …"; never "PR to be closed" (an outcome, no one's task)
_TASK = re.compile(rf"^(?:{_WHO}(?:\s*(?:,|/|and)\s*{_WHO}){{0,4}}|{_ROLE})\s+(?:to|will|needs?\s+to)\s+(?!be\s)\w")
# "last week @**pnkfelix** self-assigned", "@**A** / @**B** reminder about triaging …", "@jdoe
# volunteered to write it": a task a mentioned person takes on or is reminded of. Never "nominated
# by @X to fix …" or "cc @X" (the tracker's record, a ping).
_MENTIONED = r"@_?\*\*(?P<who>[^*\n]{1,60})\*\*|@(?P<handle>[A-Za-z0-9][\w-]{0,38})\b"
_MENTION_TASK = re.compile(
    rf"(?<![\w/])(?<!by\s)(?<!cc\s)(?:{_MENTIONED})(?:\s*(?:/|,|and)\s*@_?\*\*[^*\n]{{1,60}}\*\*)*\s*"
    r"(?:self-assign(?:s|ed)\b|(?:has\s+)?(?:volunteered|offered)\s+to\s+\w|reminder\s+(?:about|to)\s+\w)",
    re.I,
)
# "AI: Jason to bring this up in the Java SIG", "Action item: Ana will …", "TODO: Li to …": a
# task labelled as one, taken only with its owner (never "TODO: Copy slide", or "AI: a demo")
# (also in a nested bullet, and "**TODO** - John to …" with a dash for the colon)
_ACTION_LABEL = re.compile(
    r"^\s*+(?:[*+-]\s{1,4})?(?:\*\*|__)?(?:action(?:\s+items?)?|AI|TODO)(?:\*\*|__)?\s{0,3}(?::|\s[-–])(?:\*\*|__)?\s*(?P<text>\S.*)$",
    re.I,
)
# "The action items for next meeting is that MF and I …": a turn that says it gives tasks
_STATED_ACTIONS = re.compile(rf"\baction\s+items?\b[^.:]{{0,60}}?\b(?:is|are)\s+(?:that\s+)?(?P<who>{_WHO})\b")
# "### Speaker's Summary of Key Points", "### Summary"
_SUMMARY_HEADING = re.compile(r"^\W*(?:[\w'’]+\s+){0,2}summary(?:\s+of\s+key\s+points)?\W*$|^\W*key\s+points\W*$", re.I)
_CLAUSE = re.compile(r"(?<=[.:;])\s+")  # a conclusion's sentences: each may give a task
_ROLE_TASK = re.compile(rf"^{_ROLE}\s")  # "Stakeholders to …": no one person's task
# "- Backport accepted", "- Accepted for beta backport": a bullet that is only an outcome
_TERSE = re.compile(
    r"^\s*[*+-]\s+(?:[\w-]+\s+){0,2}(?:accepted|approved|declined|rejected)(?:\s+(?:for|as)(?:\s+[\w-]+){1,4})?\W{0,3}$",
    re.I,
)
# An outcome written in prose: "No objections; agreed to land it.", "Consensus is to ship",
# "The TSC decided to …". A speaker's turn is discussion, not the record (see _TURN).
_PROSE_OUTCOME = re.compile(
    r"^\s{0,3}(?:[*+-]\s{1,4})?(?:no\s+objections?\b|(?:there\s+(?:is|was)\s+)?consensus\s+(?:is|was|to|on|reached)\b"
    r"|(?:(?:we|the\s+\w+(?:\s+\w+)?)\s+)?(?:agreed|decided|resolved)\s+(?:to|that|on)\b)",
    re.I,
)
# Outcomes a line reports rather than opens with:
_REPORTED_OUTCOME = re.compile(
    # a vote's result: "Voting [Zulip topic](…), in favor.", "Voting […]. preference is to
    # decline (noting …)", "Voting […], green light"; never the bare "Voting [Zulip topic](…)"
    r"^\s*(?:[*+-]\s+)?(?:voting|vote|poll)\b[^?]{0,400}?(?:[,.;:]\s*|\s-\s)"
    r"(?:(?:(?:the\s+)?(?:preference|consensus)\s+(?:is|was)\s+to\s+\w+|green\s+light|accepted|approved|declined|rejected)"
    r"\W*(?:\([^()]{0,200}\)\W*)?$|in\s+favou?r\b)"
    # what a discussion settled: "As per last week discussion, we are going to stop …",
    # "Discussed last week, seems fine to accept that breakage"
    r"|^\s*(?:[*+-]\s+)?(?:(?:as\s+)?(?:per|after|following)\s+(?:the\s+|our\s+)?(?:last\s+week'?s?|previous)\s+discussions?"
    r"|discussed\s+(?:\[[^\]]{1,40}\]\([^)\s]{1,500}\)|last\s+week|earlier))\s*[,;:]?\s+"
    r"(?:we\s+(?:are\s+going\s+to|will|decided\s+to|agreed\s+to)|(?:it\s+)?seems\s+(?:fine|ok(?:ay)?)\s+to|(?:it\s+was\s+)?(?:agreed|decided)\s+to)\s+\w"
    # an outcome in parentheses closing the line: "solved by #133585 ([beta-backport approved](…))";
    # never "(approved by @X)" (a review) nor "(partially approved)"
    r"|\(\[?(?:[\w-]+\s+){0,2}?(?<!partially\s)(?:accepted|approved|declined|rejected)\]?(?:\([^()\s]{1,500}\))?\)\W*$",
    re.I,
)
# A labelled outcome anywhere ("Consensus: …", "Resolution: …") and MeetBot's "#agreed …", "#action …"
_LABELLED = re.compile(
    r"^\s{0,3}(?:[*+-]\s{1,4})?(?:\*\*|__)?(?:(?P<decision>consensus|resolution|resolved|decision|agreed)"
    r"|#(?P<bot>agreed|action))(?:\*\*|__)?(?(bot)\s|\s{0,3}:(?:\*\*|__)?)\s*(?P<text>\S.*)$",
    re.I,
)
_LINE = re.compile(
    r"^\s*+(?:[*+-]\s++)?\*\*(?P<kind>decisions?|actions?)(?:\s++items?)?\s++(?P<number>\d++(?:\.\d+)*+)\.?\s*+:?\s*+\*\*\s*+[:.]?\s*+(?P<text>.*)$",
    re.I,
)
_NUMBER_CELL = re.compile(r"^\**\s*(?:(?P<kind>decision|action)s?\s+)?(?P<number>\d+(?:\.\d+)*)\.?\s*\**$", re.I)
# "Decision Item", "Item", "Action/ Decision Item", "S No"
_HEADER_CELL = re.compile(r"^\W*(?:(?:decision|action)s?\W*)*items?\W*$|^\W*s\.?\s*no\.?\W*$", re.I)
_BULLET_NUMBER = re.compile(r"^\s*[*+-]\s+\*\*(?P<number>\d+(?:\.\d+)*)\.?\*\*\s*[:.-]?\s*(?P<text>.*)$")
_BULLET = re.compile(r"^\s*[*+-]\s+(?P<text>\S.*)$")
_BOX = re.compile(r"^\[[ xX]\][ \t]+")
# "* Decisions:", "* Action Items:" ("Actions Items:"): a bullet that labels the bullets nested under it
_LABEL_BULLET = re.compile(
    r"^(?P<indent>\s*)[*+-]\s+(?:\*\*|__)?(?:(?P<decision>decisions?(?:\s+made)?)|(?:next\s+steps|actions?(?:\s+items?)?|todos?))"
    r"(?:\*\*|__)?\s*:?(?:\*\*|__)?\s*$",
    re.I,
)
_DELIMITER = re.compile(r"^\s*\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?\s*$")
_BOLD_LEAD = re.compile(r"^\s*\*\*(?P<subject>[^*]{2,120}?)\s*:?\s*\*\*\s*:?\s*(?P<rest>.*)$")
_CLOCK_CELL = re.compile(r"^\s*(?P<clock>\d{1,2}(?::\d{2}){1,2})\s*$")


def _gives_task(text: str) -> bool:
    """ "RBN to look into …", "… keeps decimal at stage 1: The champion will work with WH"."""
    return any(_TASK.match(part) for part in _CLAUSE.split(text))


def _owned_task(line: str) -> tuple[str, str] | None:
    """(text, owner) of a line that gives a named person a task anywhere in the notes: one
    labelled as a task, a turn saying it gives tasks, or one a mention takes on."""
    labelled = _ACTION_LABEL.match(line)
    if labelled and (owner := task_owner(labelled["text"])):
        return labelled["text"], owner
    bullet = _BULLET.match(line)
    text = bullet["text"] if bullet else line.strip()
    if stated := _STATED_ACTIONS.search(line):
        return text, stated["who"]
    if mentioned := _MENTION_TASK.search(line):
        return text, strip_affiliation(mentioned["who"] or mentioned["handle"])
    return None


def _cells(line: str) -> list[str]:
    text = line.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|"):
        text = text[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", text)]


def _subject(text: str) -> tuple[str | None, str]:
    """The bold lead of an item ("**EIP 6780:** Changes …") and the text without its bold."""
    lead = _BOLD_LEAD.match(text)
    if lead:
        return lead["subject"].strip(" :"), text.replace("**", "").strip()
    return None, text.replace("**", "").strip()


def find_decisions(lines: list[str], numbers: list[int]) -> list[Decision]:
    """Decisions and actions in the lines `numbers` (1-based; prose lines of the note)."""
    found: list[Decision] = []
    mode: str | None = None  # "decision", "action" or "both": under such a heading
    table: str | None = None  # the kind of the table being read, if it is one of ours
    previous = 0
    under: tuple[str, int, int | None] | None = None  # a label bullet's kind, indent, and its items' indent
    for number in numbers:
        line = lines[number - 1]
        if number != previous + 1:
            table = None
        previous = number
        if under is not None and line.strip():
            bullet = _BULLET.match(line)
            indent = len(line) - len(line.lstrip())
            if bullet and indent > under[1]:
                if under[2] is None:
                    under = (under[0], under[1], indent)
                if indent == under[2]:  # an item; those nested deeper are its parts
                    found.append(_made(number, None, bullet["text"], under[0]))
                continue
            if not bullet and indent > under[1]:
                continue  # an item's text going on
            under = None
        labelled_bullet = _LABEL_BULLET.match(line)
        if labelled_bullet:
            kind = "decision" if labelled_bullet["decision"] else "action"
            under = (kind, len(labelled_bullet["indent"]), None)
            continue
        heading = _HEADING.match(line)
        if heading:
            text = line[heading.end() :].strip().rstrip("#").strip()
            mode = (
                "both"
                if _BOTH_HEADING.match(text)
                else "decision"
                if _DECISION_HEADING.match(text)
                else "action"
                if _ACTION_HEADING.match(text)
                else "outcome"
                if OUTCOME_HEADING.match(text)
                else "summary"
                if _SUMMARY_HEADING.match(text)
                else None
            )
            table = None
            continue
        if _TERSE.match(line):
            found.append(_made(number, None, _BULLET.match(line)["text"], "decision"))  # type: ignore[index]
            continue
        if _PROSE_OUTCOME.match(line) or _REPORTED_OUTCOME.search(line):
            bullet = _BULLET.match(line)
            found.append(_made(number, None, bullet["text"] if bullet else line.strip(), "decision"))
            continue
        task = _owned_task(line)
        if task is not None:
            made = _made(number, None, task[0], "action")
            made.owner = task[1]
            found.append(made)
            continue
        labelled = _LABELLED.match(line)
        if labelled:
            kind = "action" if (labelled["bot"] or "").lower() == "action" else "decision"
            found.append(_made(number, None, labelled["text"], kind))
            continue
        item = _LINE.match(line)
        if item:
            kind = "action" if item["kind"].lower().startswith("action") else "decision"
            found.append(_made(number, item["number"], item["text"], kind))
            continue
        if not line.strip():
            table = None
            continue
        if re.fullmatch(r"\s*[-_*—–]{3,}\s*", line):
            mode = table = None  # a rule closes the summary block
            continue
        if "|" in line:
            if _DELIMITER.match(line):
                continue
            cells = _cells(line)
            if table is None:
                header = " ".join(cells).lower()
                if cells and _HEADER_CELL.match(cells[0]) or (mode and re.search(r"decision|action", header)):
                    acts = re.match(r"\W*action", cells[0], re.I) and not re.search("decision", cells[0], re.I)
                    table = "action" if acts else (mode or "decision")  # "Action/ Decision Item": both
                    if table == "both":
                        table = "decision"
                    continue
            if table is not None:
                _row(found, number, cells, table)
                continue
        if mode is None:
            continue
        if mode in ("summary", "outcome"):
            text = (_BULLET.match(line) or re.match(r"\s*(?P<text>.*)", line))["text"]  # type: ignore[index]
            if mode == "summary":  # a speaker's summary records no outcome, but may give a task
                if not _TURN.match(text) and _gives_task(text):
                    found.append(_made(number, None, text, "action"))
                continue
            said = _TURN.match(text) or text.rstrip().endswith("?")  # "MM: Are there any objections?"
            if not said and not _NO_OUTCOME.match(text) and not _VIEW.search(text):  # what was concluded
                found.append(_made(number, None, text, "decision"))
                if _gives_task(text.lstrip("–— ")):  # concluded, and someone's task
                    found.append(_made(number, None, text.lstrip("–— "), "action"))
            continue
        bullet = _BULLET_NUMBER.match(line)
        kind = "action" if mode == "action" else "decision"
        if bullet:
            found.append(_made(number, bullet["number"], bullet["text"], kind))
        elif (plain := _BULLET.match(line)) and not line.startswith((" " * 2, "\t")):
            found.append(_made(number, None, plain["text"], kind))
    return _first_of_each(found)


def _first_of_each(found: list[Decision]) -> list[Decision]:
    """A numbered item once: notes list it in their summary and again where it was decided."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for item in found:
        if item.number is not None:
            if (item.kind, item.number) in seen:
                continue
            seen.add((item.kind, item.number))
        kept.append(item)
    return kept


def _row(found: list[Decision], number: int, cells: list[str], table: str) -> None:
    first = cells[0] if cells else ""
    rest = [c for c in cells[1:] if c]
    seconds = None
    words = []
    for cell in rest:
        cell_seconds, link = link_seconds(cell)
        clock = _CLOCK_CELL.match(cell)
        if link is not None and not (cell[: link.start()] + cell[link.end() :]).strip(" |"):
            seconds = seconds if seconds is not None else cell_seconds
            continue  # a cell that is only the time of the item
        if clock:
            parts = [int(p) for p in clock["clock"].split(":")]
            total = 0
            for part in parts:
                total = total * 60 + part
            seconds = seconds if seconds is not None else total
            continue
        words.append(cell)
    text = " ".join(words)
    numbered = _NUMBER_CELL.match(first)
    if numbered:
        kind = (numbered["kind"] or table).lower()
        made = _made(number, numbered["number"], text, "action" if kind == "action" else "decision")
        made.video_seconds = seconds
        found.append(made)
    elif not first.strip(" *") and found and text:
        found[-1].text = f"{found[-1].text} {text.replace('**', '')}".strip()


def _made(line: int, number: str | None, text: str, kind: str) -> Decision:
    subject, plain = _subject(_BOX.sub("", text.strip()))  # "[ ] Write the notes": the task, not its box
    if subject is None:
        lead = re.match(r"^([A-Z][\w/-]*[\s-]?\d{1,6})\s*:\s+\S", plain)  # "EIP 2537: Clients will …"
        subject = lead.group(1) if lead else None
    owner = (owner_of(plain) or labelled_owner(plain)) if kind == "action" and not _ROLE_TASK.match(plain) else None
    return Decision(line, number, plain, kind, subject, owner)
