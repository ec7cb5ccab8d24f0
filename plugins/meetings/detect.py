"""What a folder of notes says about how it is written, for `meetings init`.

The parser reads the shapes many communities share with no settings; what only a
community's own notes can say (how files are numbered, which label holds the date, which
items recur in every meeting, whether bold names open speaker turns) is counted here over
the whole folder and written as a commented community.yml, each key with its evidence.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import yaml

from .community import Community, read_community
from .model import Meeting
from .notes import ParseCache, find_notes, load_meetings, most_linked_repo
from .parse.agenda import STRUCTURE
from .parse.dates import find_date
from .parse.decisions import OUTCOME_HEADING
from .parse.names import strip_affiliation
from .parse.people_lists import ATTENDEE_HEADINGS
from .parse.sections import CHAT, CONTAINERS, TRANSCRIPT, clean_title, is_link_only
from .text import slugify, unlink
from .yamlfile import parse_yaml

if TYPE_CHECKING:
    from .site import Settings

# "Meeting 180", "ACD 12": files named by a number after the same words
_NUMBERED = re.compile(r"(?P<prefix>\D*?)(?P<number>\d{1,6})")
# "Meeting Date/Time: Friday, June 11th, 2021": a label, then a date
_LABELLED = re.compile(
    r"^[\s*_#>-]{0,8}(?P<label>[A-Za-z][A-Za-z /&-]{1,30}?)[*_]{0,2}\s{0,3}:[*_]{0,2}\s*(?P<rest>.{4,120})"
)
_NUMERIC_DATE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b")
_BOLD_TURN = re.compile(r"^\s{0,3}\*\*[^*\n]{2,40}\*\*\s*(?:\[[^\]\n]{0,20}\]\([^)\s]{0,300}\))?\s*:")
# what differs from one note's title to the next: dates, numbers, ordinals, month names
_DATES = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)?|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|[#/-](?=\d)|(?<=\d)[-/.,]",
    re.I,
)
# "[EIP-1559](https://eips.ethereum.org/EIPS/eip-1559)": a named series of numbered documents
_NUMBERED_LINK = re.compile(
    r"\[(?P<name>[A-Z][A-Za-z]{1,7})[- ]?(?P<number>\d{1,6})\]\((?P<url>https?://[^)\s]{1,300})\)"
)
_ISSUE_URL = re.compile(r"^https?://github\.com/[^/]+/[^/]+/(?:issues|pull|discussions)/\d+")
_ATX = re.compile(r"^ {0,3}(?P<marks>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
HEAD_LINES = 30  # the date label is looked for in the top lines of a note
MOST = 0.5  # a shape that more than half the notes share is theirs
RECURRING = 0.5  # an item in more than half the meetings is generic (no topic page)


@dataclass
class Description:
    """A community.yml's keys (as YAML lines, with comments) and what could not be decided."""

    lines: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    undecided: list[str] = field(default_factory=list)
    default_repo: str = ""
    site_name: str = "Meetings"
    decisions: bool = False  # the notes record some: the site has a decisions log

    def yaml(self) -> str:
        head = ["# How these notes are written, as `meetings init` read them.", "#"]
        head += [f"# {line}" for line in self.evidence]
        return "\n".join([*head, "", *(self.lines or ["{}  # nothing the notes need beyond what is read anyway"]), ""])

    def community(self) -> Community:
        """The settings these keys say: what a site with no community.yml reads its notes with."""
        community, _ = read_community(parse_yaml("\n".join(self.lines), "the notes").data, "the notes")
        return community


def describe(settings: Settings, parses: ParseCache | None = None) -> Description:
    """The shapes of the notes in `settings.notes_dir`, read as an unconfigured site reads
    them; `parses` keeps those readings for the next call (serve)."""
    folder, label = settings.path(settings.notes_dir), settings.label(settings.notes_dir)
    found = Description()
    notes, problems = find_notes(folder, label)
    stems = [n.path.stem for n in notes]
    numbered = _numbered(stems)
    repo = settings.default_repo
    if repo is None:  # a numbered series' "#12" is its own call, no issue
        repo = "" if numbered else most_linked_repo(notes)
    found.default_repo = repo
    meetings = load_meetings(notes, found.default_repo, parses)
    texts = ["\n".join(m.lines) for m in meetings]
    found.evidence.append(f"{len(notes)} notes in {label}; {len(problems)} other findings")
    notes_keys: list[str] = []
    if numbered:
        prefix, count = numbered
        notes_keys += [
            f"  file_name: {json.dumps(prefix + '{number}')}",
            f"  id: {json.dumps(slugify(prefix) + '-{number}')}",
        ]
        found.evidence.append(f"file names: {count}/{len(notes)} are {prefix!r} and a number")
        labels = _date_labels(texts)
        if labels:
            notes_keys.append(f"  date_labels: {json.dumps([label for label, _ in labels])}")
            found.evidence += [f"date: after {label!r} in {n}/{len(notes)} notes" for label, n in labels]
        else:
            found.undecided.append("which line holds the date: no label before a date is shared by most notes")
    else:
        dated = sum(1 for n in notes if re.match(r"\d{4}-\d{2}-\d{2}(?:$|-)", n.id))  # "2016-08-15-go-ipfs" too
        found.evidence.append(f"file names: {dated}/{len(notes)} give the date (in the name or the folders)")
    if notes_keys:
        found.lines += ["notes:", *notes_keys]
    total = max(1, len(meetings))
    with_people = [m for m in meetings if m.attendees]
    found.evidence.append(f"attendees: a list in {len(with_people)}/{len(meetings)} notes")
    if len(with_people) <= MOST * total:
        found.undecided.append(
            "where the attendees are: name the heading with attendee_headings (read anyway: "
            + ", ".join(ATTENDEE_HEADINGS[:4])
            + ", 'Attendees: a, b', a table with a Name column)"
        )
    handles = sum(1 for m in with_people for a in m.attendees if "@" in a)
    if handles:
        found.evidence.append(f"names: {handles} written with a handle ('Jane Doe @jdoe'); the handle is not the name")
    recorded = sum(1 for m in meetings if m.recording)
    found.evidence.append(f"recording: linked in {recorded}/{len(meetings)} notes")
    if recorded <= MOST * total:
        found.undecided.append("how recordings are linked: add the link's label to recording_labels")
    # an item naming an issue is about that issue however many weeks it stays on the agenda
    titles: Counter[str] = Counter()
    spelled: dict[str, str] = {}
    for m in meetings:
        referenced = {r.line for r in m.issues}
        own = {s.title.strip().rstrip(":") for s in m.sections if s.line not in referenced}
        spelled.update((t.casefold(), t) for t in own)
        titles.update({t.casefold() for t in own})
    items = sum(len(m.sections) for m in meetings)
    found.evidence.append(f"items: {items} in {len(meetings)} notes")
    # who the notes name: a one-word "presenter" heading is as likely a part ("### P-critical")
    presenting = [n for m in meetings for s in m.sections for n in s.presenters if len(n.split()) > 1]
    people = {p.casefold() for p in [*presenting, *(a for m in meetings for a in m.attendees)]}
    levels, level_evidence, parts = _item_levels(meetings, people)
    if 3 in levels:  # the H3 parts become items: "### P-critical" of every triage is generic too
        for part, n in parts.items():
            spelled.setdefault(part.casefold(), part)
            titles[part.casefold()] = max(titles[part.casefold()], n)
    # "### Isabela" over her updates in most meetings is her page's, not a generic heading
    bare = {strip_affiliation(a).casefold() for m in meetings for a in m.attendees}
    persons = people | bare | {b.split()[0] for b in bare if b.split()}  # "Ana Lopes @ana-l": "ana lopes", "ana"
    generic = [spelled[t] for t, n in titles.most_common() if n >= 3 and n > RECURRING * total and t not in persons]
    heading_keys = [f"  agenda_levels: {json.dumps(levels)}"] if levels else []
    found.evidence += level_evidence
    if generic:
        heading_keys.append(f"  generic: {json.dumps(generic)}")
        found.evidence.append("items in most meetings (no topic page): " + ", ".join(generic))
    if heading_keys:
        found.lines += ["headings:", *heading_keys]
    turns = [m for m in meetings if sum(1 for line in m.lines if _BOLD_TURN.match(line)) >= 5]
    if len(turns) > MOST * total:
        found.lines.append("speaker_turns: true")
        found.evidence.append(f"speaker turns: '**Name**: …' in {len(turns)}/{len(meetings)} notes")
    named = Counter(_DATES.sub(" ", m.title).strip(" ,.:-–—") for m in meetings if m.title_line)
    common = named.most_common(1)
    if common and common[0][0] and common[0][1] > MOST * total:
        found.site_name = " ".join(common[0][0].split())
        found.evidence.append(f"title: {found.site_name!r} in {common[0][1]}/{len(meetings)} notes")
    decided = sum(1 for m in meetings if m.decisions)
    found.decisions = decided > 0
    tasked = sum(1 for m in meetings if m.action_items)
    found.evidence.append(f"decisions: recorded in {decided}/{len(meetings)} notes; action items in {tasked}")
    forms = _reference_forms(texts)
    if forms:
        found.lines.append("references:")
        for name, url, count in forms:
            found.lines += [f"  - name: {json.dumps(name)}", f"    url: {json.dumps(url)}"]
            found.evidence.append(f"references: '{name}-N' linked to {url} in {count} notes")
    repos = Counter(
        repo for repo, _ in {(i.repo, i.number) for m in meetings for i in m.issues if i.kind != "reference"}
    )
    found.evidence.append(
        "references: "
        + (", ".join(f"{r} ({n})" for r, n in repos.most_common(4)) or "none")
        + f"; a bare #123 is {found.default_repo or 'text'}"
    )
    return found


def _numbered(stems: list[str]) -> tuple[str, int] | None:
    """(the words before the number, how many) when most file names are words and a number."""
    prefixes = Counter(m["prefix"] for s in stems if (m := _NUMBERED.fullmatch(s)) and m["prefix"].strip())
    if not prefixes:
        return None
    prefix, count = prefixes.most_common(1)[0]
    return (prefix, count) if count > MOST * len(stems) else None


def _item_levels(meetings: list[Meeting], people: set[str]) -> tuple[list[int], list[str], Counter[str]]:
    """The heading levels of items, where the parser's own layouts (H2 items, their H3 a
    presenter or a part) would miss some: [1, 2] where a third of the notes or more write
    items as H1 headings under the title ("# Testing update", then "## 1.2 EIP 2718"), and
    H3 too where the notes repeat the same H3 parts from meeting to meeting ("### P-critical"
    in every triage), which a reader looks for as items of their own. Also how many notes
    have each H3 part, by its first spelling."""
    with_h1 = 0
    parts: Counter[str] = Counter()
    first: dict[str, str] = {}
    for meeting in meetings:
        skip = meeting.raw_lines() | meeting.code_lines | {meeting.title_line}
        found = [
            (len(m["marks"]), clean_title(unlink(m["text"])).rstrip(":"))
            for number, line in enumerate(meeting.lines, 1)
            if number not in skip and (m := _ATX.match(line)) and len(m["marks"]) <= 3 and not is_link_only(m["text"])
        ]
        with_h1 += any(level == 1 and not STRUCTURE.match(text) for level, text in found)
        if any(_ATX.match(meeting.lines[s.line - 1]) is None for s in meeting.sections):
            continue  # items are bullets ("### org/repo" over them): its H3 hold items, are none
        own = {text.casefold(): text for level, text in found if level == 3 and _part(text, people)}
        parts.update(first.setdefault(key, text) for key, text in own.items())
    total = max(1, len(meetings))
    levels, evidence = [], []
    if with_h1 * 3 >= total:
        levels = [1, 2]
        evidence.append(f"items: H1 headings under the title in {with_h1}/{total} notes, H2 in the others")
    recurring = sorted(t.casefold() for t, n in parts.items() if n >= 3 and n * 3 >= total)
    if len(recurring) >= 2:
        levels = sorted({*levels, 2, 3})
        evidence.append("items: H3 parts in a third of the notes or more: " + ", ".join(recurring[:6]))
    return levels, evidence, parts


def _part(title: str, people: set[str]) -> bool:
    """An H3 heading that may be an item: not a person (a presenter), not a `Label: value`
    line, a container, a conclusion or the chat, and worded."""
    return bool(
        re.search(r"[^\W\d_]{2}", title)
        and title.casefold() not in people
        and not _LABELLED.match(title)
        and not re.fullmatch(r"[\w.-]+/[\w.-]+", title)  # "### example/widgets": a repository's items
        and not any(rule.match(title) for rule in (STRUCTURE, CONTAINERS, CHAT, TRANSCRIPT, OUTCOME_HEADING))
    )


def _reference_forms(texts: list[str]) -> list[tuple[str, str, int]]:
    """(name, URL template, notes) of each numbered series the notes link by its name and
    number ("[EIP-1559](…/eip-1559)") in three notes or more: the template most of its
    links share, the number put back as {number}. Links to GitHub issues are issues already."""
    templates: dict[str, Counter[str]] = {}
    notes: dict[str, set[int]] = {}
    for index, text in enumerate(texts):
        for link in _NUMBERED_LINK.finditer(text):
            url, number = link["url"], link["number"]
            if _ISSUE_URL.match(url) or url.count(number) != 1:
                continue
            templates.setdefault(link["name"], Counter())[url.replace(number, "{number}")] += 1
            notes.setdefault(link["name"], set()).add(index)
    found = []
    for name, counted in sorted(templates.items()):
        url, uses = counted.most_common(1)[0]
        if len(notes[name]) >= 3 and uses * 2 > sum(counted.values()):
            found.append((name, url, len(notes[name])))
    return found


def _date_labels(texts: list[str]) -> list[tuple[str, int]]:
    """Labels that a date follows in the top lines of two notes or more, most used first."""
    counts: Counter[str] = Counter()
    for text in texts:
        seen = set()
        for line in text.splitlines()[:HEAD_LINES]:
            match = _LABELLED.match(line)
            if match and (find_date(match["rest"])[0] or _NUMERIC_DATE.search(match["rest"])):
                seen.add(match["label"].strip() + ":")
        counts.update(seen)
    return [(label, n) for label, n in counts.most_common(4) if n >= max(2, 0.05 * len(texts))]


def site_config(site_name: str, options: Mapping[str, object], decisions: bool = False) -> str:
    """A mkdocs.yml for a new archive: the Material theme, search, the meetings plugin with
    `options`, and the pages the plugin writes in the navigation (the decisions log where
    the notes record `decisions`)."""
    config = {
        "site_name": site_name,
        "theme": {"name": "material", "font": False, "features": ["navigation.tabs", "search.suggest"]},
        "plugins": ["search", {"meetings": options}],
        "markdown_extensions": ["attr_list", "tables", "admonition", {"toc": {"permalink": True}}],
        "validation": {"anchors": "ignore"},  # chat and transcript anchors are added after conversion
        "nav": [
            {"Home": "index.md"},
            {"Meetings": "meetings/index.md"},
            {"People": "people/index.md"},
            {"Topics": "topics/index.md"},
            {"Issues": "issues/index.md"},
            {"Timeline": "timeline/index.md"},
            *([{"Decisions": "decisions/index.md"}] if decisions else []),
        ],
    }
    written = yaml.safe_dump(config, sort_keys=False, allow_unicode=True)
    # Only the maintainer knows where the site will be published; feeds and calendars need it.
    site_url = "# site_url: https://example.org/meetings/   # where the site is published (feeds, calendars)\n"
    return "# Written by `meetings init`.\n" + written.replace("theme:", site_url + "theme:", 1)


HOME = """# {name}

Every meeting, with its notes, people, topics and issues linked. Use the search box to
find a subject, a person or an issue number.

<!-- meetings:home -->
"""
