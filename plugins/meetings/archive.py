"""All meetings together: people, topics and issues, each with where they came up."""

from __future__ import annotations

import bisect
import copy
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .identity import Identities, repair_attendees
from .isolate import NoteFault, blame, failure, plain_copy
from .model import ERROR, INFO, WARNING, Diagnostic, Issue, Meeting, Mention, Person, Section, Talk, Topic
from .parse.names import strip_affiliation
from .text import clean_name, slugify
from .topics import TopicEntry, TopicFinder, collect_terms, recurring_terms, terms_in

_WORD = re.compile(r"[^\W_][\w'’.-]*")
# Agenda items that recur in every meeting and say nothing about a subject.
GENERIC_SECTIONS = re.compile(
    r"^(?:questions?\??|topics? for next meeting|open (?:discussion|forum)|any pain points\??"
    r"|general announcements?|introductions?|wrap[- ]?up|next steps)$",
    re.I,
)
# Each issue a note names gets a page: one note must not be able to make thousands.
MAX_REFS_PER_NOTE = 200


@dataclass
class Archive:
    meetings: list[Meeting]
    people: dict[str, Person] = field(default_factory=dict)
    topics: dict[str, Topic] = field(default_factory=dict)
    issues: dict[str, Issue] = field(default_factory=dict)
    # (meeting id, name as written) -> person id, for linking names on pages
    names: dict[tuple[str, str], str] = field(default_factory=dict)
    # (meeting id, section id) -> issues referenced in that section's notes
    section_issues: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    # renamed repositories -> the name their issue pages are filed under
    repo_aliases: dict[str, str] = field(default_factory=dict)
    # problems of the site as a whole (a page that could not be made)
    problems: list[Diagnostic] = field(default_factory=list)

    def repo(self, written: str) -> str:
        return self.repo_aliases.get(written.lower(), written.lower())

    def person_of(self, meeting: str, written: str) -> Person | None:
        ident = self.names.get((meeting, written))
        return self.people.get(ident) if ident else None

    def __post_init__(self) -> None:
        self._by_id = {m.id: m for m in self.meetings}
        self._order = {m.id: index for index, m in enumerate(self.meetings)}

    def meeting(self, ident: str) -> Meeting:
        return self._by_id[ident]

    def position(self, ident: str) -> int:
        """Where the meeting comes in the archive's order (by date)."""
        return self._order.get(ident, 0)

    def neighbours(self, ident: str) -> tuple[Meeting | None, Meeting | None]:
        """The meetings just before and after this one, by date."""
        index = self._order[ident]
        before = self.meetings[index - 1] if index > 0 else None
        after = self.meetings[index + 1] if index + 1 < len(self.meetings) else None
        return before, after


def build_archive(
    meetings: list[Meeting],
    identities: Identities,
    repo_aliases: dict[str, str] | None = None,
    topics: list[TopicEntry] | None = None,
    max_refs_per_note: int = MAX_REFS_PER_NOTE,
    generic: tuple[str, ...] = (),
) -> Archive:
    """All meetings linked. A note that makes linking fail is linked again as plain text
    (with an error on it) and the archive is made anew, so one note never stops the site;
    `identities` ends up as the successful pass left it (`meetings people` reads it).
    `generic`: a community's agenda titles that name no subject (no topic pages)."""
    pristine = copy.deepcopy(identities)
    faults: dict[str, Diagnostic] = {}
    while True:
        attempt = copy.deepcopy(pristine)
        notes = [_plain(m, faults[m.id]) if m.id in faults else m for m in meetings]
        try:
            archive = _link(notes, attempt, repo_aliases, topics, max_refs_per_note, generic)
        except NoteFault as fault:
            if fault.meeting in faults:  # plain text cannot fail to link; if it does, it is our bug
                raise
            faults[fault.meeting] = fault.diagnostic
            continue
        except Exception as error:  # noqa: BLE001 (a step over all notes at once: find whose)
            culprits = _culprits(notes, pristine, repo_aliases, topics, max_refs_per_note)
            for meeting in culprits or [m for m in notes if not m.plain]:
                faults[meeting.id] = failure(meeting.source, "linking it with the other notes", error)
            continue
        identities.__dict__.update(attempt.__dict__)
        return archive


def _culprits(
    meetings: list[Meeting],
    identities: Identities,
    repo_aliases: dict[str, str] | None,
    topics: list[TopicEntry] | None,
    max_refs_per_note: int,
) -> list[Meeting]:
    """The notes that make linking fail on their own (each linked alone: cheap, and rare)."""
    found = []
    for meeting in meetings:
        if meeting.plain:
            continue
        try:
            _link([meeting], copy.deepcopy(identities), repo_aliases, topics, max_refs_per_note)
        except Exception:  # noqa: BLE001
            found.append(meeting)
    return found


def _plain(meeting: Meeting, fault: Diagnostic) -> Meeting:
    plain = plain_copy(meeting)
    plain.diagnostics.append(fault)
    return plain


def _link(
    meetings: list[Meeting],
    identities: Identities,
    repo_aliases: dict[str, str] | None,
    topics: list[TopicEntry] | None,
    max_refs_per_note: int,
    generic: tuple[str, ...] = (),
) -> Archive:
    # Repairs go on copies: parsed meetings may be cached and reused by the next build.
    repairs = repair_attendees(meetings)
    meetings = [
        replace(m, attendees=repairs[m.id][0], diagnostics=m.diagnostics + repairs[m.id][1])
        if m.id in repairs
        else replace(m, diagnostics=list(m.diagnostics))
        for m in meetings
    ]
    for m in meetings:  # topics are filled in per build, on copies of the sections
        m.sections = [replace(s, topics=[]) for s in m.sections]
    identities.learn(meetings)
    aliases = {k.lower(): v.lower() for k, v in (repo_aliases or {}).items()}
    archive = Archive(sorted(meetings, key=lambda m: (m.date, m.id)), repo_aliases=aliases)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)

    refused: set[tuple[str, int | None, str]] = set()

    def person(meeting: Meeting, written: str, line: int | None) -> Person | None:
        ident = identities.resolve(written, meeting.id)
        if ident is None:
            why = identities.refusal(written)
            if why and (meeting.id, line, written) not in refused:
                refused.add((meeting.id, line, written))
                meeting.diagnostics.append(
                    Diagnostic(
                        meeting.source,
                        line,
                        ERROR,
                        why,
                        "write each word in one alphabet; until then the name links to no person page",
                    )
                )
            return None
        shown = clean_name(written)  # pages never show the invisible characters of a spelling
        archive.names[(meeting.id, written)] = ident
        spellings[ident][shown] += 1
        found = archive.people.get(ident)
        if found is None:
            found = Person(ident, identities.canonical.get(ident, shown), github=identities.github.get(ident))
            archive.people[ident] = found
        if not found.meetings or found.meetings[-1] != meeting.id:
            found.meetings.append(meeting.id)
        return found

    for meeting in archive.meetings:
        with blame(meeting, "linking its people and issues"):
            _cap_issues(archive, meeting, max_refs_per_note)
            _link_people(archive, meeting, person)

    text = {m.id: _note_lines(m) for m in archive.meetings}
    _add_topics(archive, topics or [], text, {g.casefold() for g in generic})
    _add_person_mentions(archive, text)
    for ident, person_ in archive.people.items():
        if ident not in identities.canonical:
            person_.name = _best_spelling(spellings[ident])
        person_.aliases = sorted(s for s in spellings[ident] if s != person_.name)
        person_.meetings = sorted(set(person_.meetings), key=archive.position)
    archive.people = dict(sorted(archive.people.items()))
    archive.topics = dict(sorted(archive.topics.items()))
    archive.issues = dict(sorted(archive.issues.items(), key=lambda kv: (kv[1].repo, kv[1].number)))
    return archive


def _link_people(
    archive: Archive, meeting: Meeting, person: Callable[[Meeting, str, int | None], Person | None]
) -> None:
    """One meeting's attendees, presenters, chat speakers, action item owners and issues."""
    for name in meeting.attendees:
        person(meeting, name, meeting.attendees_line)
    for section in meeting.sections:
        for name in section.presenters:
            found = person(meeting, name, section.presenter_line)
            if found:
                found.talks.append(Talk(meeting.id, section.id, section.title, section.video_seconds))
    present = {archive.names.get((meeting.id, name)) for name in meeting.attendees}
    missing: dict[str, int] = {}
    for message in meeting.chat:
        found = person(meeting, message.author, message.line)
        if found:
            found.messages.append((meeting.id, message))
            if meeting.attendees and found.id not in present:
                missing.setdefault(message.author, message.line)
    for written, line in missing.items():
        meeting.diagnostics.append(
            Diagnostic(
                meeting.source,
                line,
                INFO,
                f"{written!r} wrote in the chat but is not in the attendee list",
                "add them to the attendees, or their spelling to people.yml",
            )
        )
    for line, name in meeting.speakers:  # "**Tim Beiko**" opening a turn: took part
        person(meeting, name, line)
    for item in meeting.action_items:
        found = person(meeting, item.owner, item.line) if item.owner else None
        if found:
            found.action_items.append((meeting.id, item))
    _add_issues(archive, meeting)


def _best_spelling(written: Counter[str]) -> str:
    """The most used spelling; on a tie the one with capitals and accents ("Björklund").
    Affiliations and handles in parentheses are not part of the name."""
    counts: Counter[str] = Counter()
    for spelling, count in written.items():
        counts[strip_affiliation(spelling) or spelling] += count

    def score(spelling: str) -> tuple[bool, int, bool, int, str]:
        full = len(spelling.split()) >= 2  # "Matt Heon" over "Matt" and "mheon"
        accents = sum(ord(c) > 127 for c in spelling)
        return (full, counts[spelling], spelling[:1].isupper(), accents, spelling)

    return max(counts, key=score)


def _add_topics(
    archive: Archive, entries: list[TopicEntry], text: dict[str, list[tuple[int, str]]], generic: set[str] | None = None
) -> None:
    """Curated topics, agenda titles and recurring terms, with every place they came up
    (`text`: each meeting's `_note_lines`)."""
    curated = TopicFinder(entries)
    for entry in entries:
        ident = slugify(entry.name)
        archive.topics[ident] = Topic(ident, entry.name, list(entry.aliases), entry.description)
    terms = recurring_terms(collect_terms({k: [line for _, line in v] for k, v in text.items()}), set(curated.by_alias))
    recurring = TopicFinder([TopicEntry(term) for term in terms])
    for meeting in archive.meetings:
        with blame(meeting, "finding its topics"):
            _meeting_topics(archive, meeting, curated, recurring, text[meeting.id], generic or set())
    for topic in archive.topics.values():
        topic.mentions.sort(key=lambda x: (archive.meeting(x.meeting).date, x.line))


def _meeting_topics(
    archive: Archive,
    meeting: Meeting,
    curated: TopicFinder,
    recurring: TopicFinder,
    lines: list[tuple[int, str]],
    generic: set[str] | None = None,
) -> None:
    """One meeting's topics: its agenda titles, and curated and recurring terms in its lines and chat."""
    found = _MeetingTopics(archive, meeting)
    for section in meeting.sections:
        if not GENERIC_SECTIONS.match(section.title.strip()) and section.title.strip().casefold() not in (
            generic or ()
        ):
            found.add(slugify(section.title), section.title, section.line, section, _first_text(meeting, section))
    for number, line in lines:
        section = meeting.section_at(number)
        for ident in curated.find(line) + recurring.find(line):
            name = archive.topics[ident].name if ident in archive.topics else _term_name(line, ident)
            found.add(ident, name, number, section)
    for message in meeting.chat:
        for ident in curated.find(message.text):
            snippet = " ".join(message.text.split())[:240]
            found.add(ident, archive.topics[ident].name, message.line, None, snippet, message.anchor, True)


def _add_person_mentions(archive: Archive, text: dict[str, list[tuple[int, str]]]) -> None:
    """Where a person is named in the running text of the notes ("Matt Heon would like …").

    Names are two to four words: each run of that many words in a line is looked up in a
    table of full names, which stays linear in the text however many people there are.
    """
    names: dict[tuple[str, ...], str] = {}
    for person in archive.people.values():
        for spelling in [person.name, *person.aliases]:
            words = tuple(w.casefold() for w in _WORD.findall(strip_affiliation(spelling)))
            if 2 <= len(words) <= 4:
                names.setdefault(words, person.id)
    if not names:
        return
    first_words = {words[0] for words in names}
    for meeting in archive.meetings:
        with blame(meeting, "finding the people it names"):
            _meeting_person_mentions(archive, meeting, names, first_words, text[meeting.id])


def _meeting_person_mentions(
    archive: Archive,
    meeting: Meeting,
    names: dict[tuple[str, ...], str],
    first_words: set[str],
    lines: list[tuple[int, str]],
) -> None:
    skip = {meeting.attendees_line} | {s.presenter_line for s in meeting.sections}
    seen: set[tuple[str, str | None]] = set()
    for number, line in lines:
        if number in skip:
            continue
        words = [w.casefold() for w in _WORD.findall(line)]
        for start in range(len(words)):
            if words[start] not in first_words:
                continue
            for size in (4, 3, 2):
                ident = names.get(tuple(words[start : start + size]))
                if ident is None:
                    continue
                section = meeting.section_at(number)
                key = (ident, section.id if section else None)
                if key not in seen:
                    seen.add(key)
                    archive.people[ident].mentions.append(
                        Mention(
                            meeting.id,
                            number,
                            key[1],
                            _snippet(meeting, number),
                            video_seconds=_video_at(meeting, number, section),
                            anchor=key[1],
                        )
                    )
                break


class _MeetingTopics:
    """Adds one meeting's topic mentions: one per topic and section."""

    def __init__(self, archive: Archive, meeting: Meeting) -> None:
        self.archive, self.meeting = archive, meeting
        self.seen: set[tuple[str, str | None]] = set()

    def add(
        self,
        ident: str,
        name: str,
        line: int,
        section: Section | None,
        snippet: str = "",
        anchor: str | None = None,
        in_chat: bool = False,
    ) -> None:
        key = (ident, section.id if section else None)
        if key in self.seen:
            return
        self.seen.add(key)
        topic = self.archive.topics.setdefault(ident, Topic(ident, name))
        topic.mentions.append(
            Mention(
                self.meeting.id,
                line,
                section.id if section else None,
                snippet or _snippet(self.meeting, line),
                in_chat=in_chat,
                video_seconds=_video_at(self.meeting, line, section),
                anchor=anchor or (section.id if section else None),
            )
        )
        if section and ident not in section.topics:
            section.topics.append(ident)


def _term_name(line: str, ident: str) -> str:
    """The term as written in `line` whose slug is `ident` ("--cache-from")."""
    for term in terms_in(line):
        if slugify(term) == ident:
            return term
    return ident


def _note_lines(meeting: Meeting) -> list[tuple[int, str]]:
    """The lines of the notes themselves: no front matter, pasted chat or transcript."""
    if meeting.plain:
        return []  # a note shown as plain text contributes nothing but its page
    raw = meeting.raw_lines()
    return [
        (n, line)
        for n, line in enumerate(meeting.lines, 1)
        if n > meeting.front_matter_lines and n not in raw and line.strip()
    ]


def _video_at(meeting: Meeting, line: int, section: Section | None) -> int | None:
    """Where the recording is at `line`: the last mark above it in its section."""
    if section is None:
        return None
    index = bisect.bisect_right(meeting.marks, line, key=lambda m: m.line) - 1  # marks are in line order
    if index >= 0 and meeting.marks[index].line >= section.line:
        return meeting.marks[index].seconds
    return section.video_seconds


def _first_text(meeting: Meeting, section: Section) -> str:
    body = next(
        (
            n
            for n in range(section.line + 1, section.end_line + 1)
            if meeting.lines[n - 1].strip() and not meeting.lines[n - 1].lstrip().startswith("#")
        ),
        section.line,
    )
    return _snippet(meeting, body)


def _cap_issues(archive: Archive, meeting: Meeting, limit: int) -> None:
    """Keep the references to the first `limit` issues of the note; the others stay text
    on the page (the renderer links only `meeting.issues`). `meeting` is this build's copy."""
    kept: set[tuple[str, int]] = set()
    dropped: set[tuple[str, int]] = set()
    refs = []
    for ref in meeting.issues:
        key = (archive.repo(ref.repo), ref.number)
        if key not in kept and len(kept) >= limit:
            dropped.add(key)
            continue
        kept.add(key)
        refs.append(ref)
    if dropped:
        meeting.issues = refs
        meeting.diagnostics.append(
            Diagnostic(
                meeting.source,
                None,
                WARNING,
                f"the note refers to {len(kept) + len(dropped):,} issues; only the first {limit:,} are linked "
                f"and get pages, the other {len(dropped):,} are shown as text",
                "link fewer issues in one note",
            )
        )


def _add_issues(archive: Archive, meeting: Meeting) -> None:
    chat_by_line = {message.line: message for message in meeting.chat}
    seen: set[tuple[str, int]] = set()  # one mention per issue and line
    for ref in meeting.issues:
        repo = archive.repo(ref.repo)
        ident = f"{repo}#{ref.number}"
        issue = archive.issues.get(ident)
        if issue is None:
            issue = archive.issues[ident] = Issue(repo, ref.number, ref.kind, url=ref.url, label=ref.label)
        elif issue.kind == "issue" and ref.kind != "issue":
            issue.kind = ref.kind  # a bare "#N" says nothing; a URL knows it is a PR
        if (ident, ref.line) in seen:
            continue
        seen.add((ident, ref.line))
        section = meeting.section_at(ref.line)
        if ref.in_chat:
            message = chat_by_line.get(ref.line)
            snippet = message.text if message else ""
            anchor = message.anchor if message else None
        else:
            snippet, anchor = _snippet(meeting, ref.line), section.id if section else None
            if section:
                archive.section_issues.setdefault((meeting.id, section.id), set()).add(ident)
        issue.mentions.append(
            Mention(
                meeting.id, ref.line, section.id if section else None, snippet[:240], in_chat=ref.in_chat, anchor=anchor
            )
        )


def _snippet(meeting: Meeting, line: int) -> str:
    """The text of a line, without Markdown decoration, for lists of mentions."""
    text = meeting.lines[line - 1] if 0 < line <= len(meeting.lines) else ""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"^\s*(?:#+|[*+-]|\d+[.)])\s*", "", text)
    return " ".join(text.replace("**", "").replace("`", "").split())[:240]
