"""All meetings together: people, topics and issues, each with where they came up."""

from __future__ import annotations

import bisect
import copy
import datetime as dt
import functools
import hashlib
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property

from . import subjects
from .cache import BuildCache
from .identity import Identities, repair_attendees, transcript_speakers
from .isolate import NoteFault, blame, failure, plain_copy
from .model import ERROR, INFO, WARNING, Diagnostic, Issue, Meeting, Mention, Person, Section, Talk, Topic
from .parse.names import GITHUB_LOGIN, mentions_in, strip_affiliation
from .parse.sections import CHAT, META, TRANSCRIPT, is_date_heading
from .text import clean_name, fold, slugify, unlink
from .topics import TopicEntry

_WORD = re.compile(r"[^\W_][\w'’.-]*")
# "Jane Doe @jdoe (TSC)": the handle after a name is the person's GitHub login (its shape, so
# it is safe in a URL)
_LOGIN = re.compile(rf"(?<=\w)\s+@(?P<login>{GITHUB_LOGIN})(?=[\s(,;]|$)")
# Agenda items that recur in every meeting and say nothing about a subject.
GENERIC_SECTIONS = re.compile(
    r"^(?:questions?\??|topics? for next meeting|open (?:discussion|forum)|any pain points\??"
    r"|general announcements?|introductions?|wrap[- ]?up|next steps)$",
    re.I,
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
# Each issue a note names gets a page: one note must not be able to make thousands.
MAX_REFS_PER_NOTE = 200
# What each note gave the people side of linking in the latest build, by the note's digest
# (its text and parse settings): a serve rebuild reads again only the notes that changed.


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
    # meeting id -> the distinct words said in its transcript (lower case), for search
    spoken: dict[str, list[str]] = field(default_factory=dict)
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

    def page_meeting(self, src: str) -> Meeting | None:
        """The meeting whose page is `src` ("meetings/2020-12-01.md"), if it is one."""
        folder, _, name = src.partition("/")
        return self._by_id.get(name[: -len(".md")]) if folder == "meetings" and name.endswith(".md") else None

    def position(self, ident: str) -> int:
        """Where the meeting comes in the archive's order (by date)."""
        return self._order.get(ident, 0)

    def neighbours(self, ident: str) -> tuple[Meeting | None, Meeting | None]:
        """The meetings just before and after this one, by date."""
        index = self._order[ident]
        before = self.meetings[index - 1] if index > 0 else None
        after = self.meetings[index + 1] if index + 1 < len(self.meetings) else None
        return before, after

    def owner_of(self, spelling: str) -> str | None:
        """The person a casefolded name or spelling (affiliation left out) belongs to, when it
        is only theirs: a name two people share links to neither."""
        return self._owners.get(spelling)

    def named_on_lines(self, meeting: str) -> dict[int, list[str]]:
        """Line -> people first named in the running text of their section on that line (the
        archive's person mentions), for one meeting."""
        return self._named.get(meeting, {})

    def prose_spellings(self, ident: str) -> list[str]:
        """How prose may write the person, longest first, each one only theirs."""
        person = self.people[ident]
        found = {strip_affiliation(s) for s in [person.name, *person.aliases]}
        mine = [s for s in found if len(s.split()) >= 2 and self.owner_of(s.casefold()) == ident]
        if person.github:
            mine.append("@" + person.github)  # "@jdoe" in the text is a mention too
        return sorted(mine, key=len, reverse=True)

    @cached_property
    def topic_meetings(self) -> dict[str, int]:
        """Topic id -> how many meetings' notes (not chat or transcripts) mention it; made
        once its topics are complete (for the meetings' titles)."""
        held = Counter(ident for topics in self.noted_topics.values() for ident in topics)
        return {ident: held[ident] for ident in self.topics}

    @cached_property
    def noted_topics(self) -> dict[str, Counter[str]]:
        """Meeting id -> the topics its notes (not chat or transcripts) mention, with how
        often: what a meeting with no agenda items was about."""
        found: dict[str, Counter[str]] = defaultdict(Counter)
        for ident, topic in self.topics.items():
            for mention in topic.mentions:
                if not (mention.in_chat or mention.in_transcript):
                    found[mention.meeting][ident] += 1
        return found

    # Tables made once the archive is linked, the first time a page asks.
    @cached_property
    def _owners(self) -> dict[str, str]:
        owners: dict[str, set[str]] = {}
        for person in self.people.values():
            for spelling in [person.name, *person.aliases]:
                key = strip_affiliation(spelling).casefold()
                if key:
                    owners.setdefault(key, set()).add(person.id)
        return {key: next(iter(ids)) for key, ids in owners.items() if len(ids) == 1}

    @cached_property
    def _named(self) -> dict[str, dict[int, list[str]]]:
        table: dict[str, dict[int, list[str]]] = {}
        for person in self.people.values():
            for mention in person.mentions:
                table.setdefault(mention.meeting, {}).setdefault(mention.line, []).append(person.id)
        return table


def build_archive(
    meetings: list[Meeting],
    identities: Identities,
    repo_aliases: dict[str, str] | None = None,
    topics: list[TopicEntry] | None = None,
    max_refs_per_note: int = MAX_REFS_PER_NOTE,
    generic: tuple[str, ...] = (),
    cache: BuildCache | None = None,
) -> Archive:
    """All meetings linked. A note that makes linking fail is linked again as plain text
    (with an error on it) and the archive is made anew, so one note never stops the site;
    `identities` ends up as the successful pass left it (`meetings people` reads it).
    `generic`: a community's agenda titles that name no subject (no topic pages); `cache`:
    what an earlier call left to reuse (cache.py), none without it."""
    cache = cache if cache is not None else BuildCache()
    pristine = copy.deepcopy(identities)
    faults: dict[str, Diagnostic] = {}
    while True:
        attempt = copy.deepcopy(pristine)
        notes = [_plain(m, faults[m.id]) if m.id in faults else m for m in meetings]
        try:
            archive = _link(notes, attempt, repo_aliases, topics, max_refs_per_note, generic, cache)
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
            _link([meeting], copy.deepcopy(identities), repo_aliases, topics, max_refs_per_note, (), BuildCache())
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
    generic: tuple[str, ...],
    cache: BuildCache,
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
    identities.learn(meetings, cache)
    aliases = {k.lower(): v.lower() for k, v in (repo_aliases or {}).items()}
    archive = Archive(sorted(meetings, key=lambda m: (m.date, m.id)), repo_aliases=aliases)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    logins: dict[str, Counter[str]] = defaultdict(Counter)  # handles written after a person's name

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
        login = _LOGIN.search(written)
        if login:
            logins[ident][login["login"].lower()] += 1
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

    for ident, login in logins.items():
        if archive.people[ident].github is None and len(login) == 1:  # one handle, never a guess between two
            archive.people[ident].github = next(iter(login))
    note_lines = _kept(cache, "note lines")
    text = {m.id: _note_lines(m, note_lines) for m in archive.meetings}
    _add_topics(
        archive, topics or [], text, _people_words(spellings, archive.meetings), {g.casefold() for g in generic}, cache
    )
    _name_meetings(archive)
    _add_person_mentions(archive, text, _kept(cache, "person mentions"))
    for ident, person_ in archive.people.items():
        if ident not in identities.canonical:
            person_.name = _best_spelling(spellings[ident])
        # "Jane Doe @jdoe (TSC)" is Jane Doe written with her handle and role, not another spelling
        person_.aliases = sorted(s for s in spellings[ident] if strip_affiliation(s) != person_.name)
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
    for speaker in transcript_speakers(meeting):  # who spoke was there
        person(meeting, speaker, next(t.line for t in meeting.transcript if t.speaker == speaker))
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
    archive: Archive,
    entries: list[TopicEntry],
    text: dict[str, list[tuple[int, str]]],
    people_words: set[str],
    generic: set[str],
    cache: BuildCache,
) -> None:
    """Subjects mined from the notes and curated ones, with every place they came up in
    the notes, the chat and the transcripts (`text`: each meeting's `_note_lines`;
    `people_words`: the words of people's names, never subjects; `generic`: the community's
    own generic headings, never subjects either)."""
    kept = _kept(cache, "subject lines")
    text = {m.id: _subject_lines(m, text[m.id], kept) for m in archive.meetings}
    curated = [e for e in entries if not e.excluded]
    excluded_names = [e.name for e in entries if e.excluded]
    known_generic = {
        s.title
        for m in archive.meetings
        for s in m.sections
        if GENERIC_SECTIONS.match(s.title.strip()) or s.title.strip().casefold() in generic
    }
    own_name = {w for m in archive.meetings for w in subjects.words_of(m.title)}
    spoken = {m.id: [c.text for c in m.chat] + [t.text for t in m.transcript] for m in archive.meetings}
    candidates, folds = subjects.mine(
        *_mining_text(archive, text), people_words, own_name, cache, known_generic, spoken=spoken
    )
    excluded = {subjects.key_of(name, folds) for name in excluded_names}
    keys: list[tuple[tuple[str, ...], str]] = []
    for entry in curated:
        ident = slugify(entry.name)
        archive.topics[ident] = Topic(ident, entry.name, list(entry.aliases), entry.description, why="topics.yml")
        keys += [(subjects.key_of(name, folds), ident) for name in [entry.name, *entry.aliases]]
    mined = {f"mined:{' '.join(c.key)}": c for c in candidates if c.key not in excluded}
    keys += [(c.key, ident) for ident, c in mined.items()]
    acronyms = {ident for ident, c in mined.items() if c.acronym}
    finder = subjects.SubjectFinder([(k, i) for k, i in keys if k and k not in excluded], folds, acronyms, cache)
    found: dict[str, _MeetingTopics] = {}
    for meeting in archive.meetings:
        if meeting.plain:
            continue  # shown as text: nothing derived from it
        with blame(meeting, "finding its topics"):
            found[meeting.id] = _meeting_topics(archive, meeting, finder, mined, text[meeting.id])
    _keep_recurring(archive, mined, found)
    for topic in archive.topics.values():
        topic.mentions.sort(key=lambda x: (archive.meeting(x.meeting).date, x.line, x.in_chat, x.in_transcript))
    _relate(archive)


def _mining_text(
    archive: Archive, text: dict[str, list[tuple[int, str]]]
) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[tuple[str, str]]]]:
    """Each meeting's prose, headings, and agenda titles with their bodies, for mining:
    no metadata lines, attendee lists or presenter lines (names and dates are no subjects)."""
    prose: dict[str, list[str]] = {}
    titles: dict[str, list[str]] = {}
    bodies: dict[str, list[tuple[str, str]]] = {}
    for meeting in archive.meetings:
        prose[meeting.id], titles[meeting.id] = [], []
        for _, line in text[meeting.id]:
            (titles if subjects.is_heading(line) else prose)[meeting.id].append(line)
        bodies[meeting.id] = [
            (s.title, " ".join(meeting.lines[s.line : s.end_line])) for s in meeting.sections if not meeting.plain
        ]
    return prose, titles, bodies


def _people_words(spellings: dict[str, Counter[str]], meetings: list[Meeting]) -> set[str]:
    """The words of every spelling of people's names ("Matt", "Heon" name a person), of the
    names chat mentions give ("@**Jack Huey**"), and the abbreviations attendee lists give
    them ("RBN", "GB")."""
    names = {strip_affiliation(written) for spelled in spellings.values() for written in spelled}
    for meeting in meetings:
        zulip = (found["zulip"] for line in meeting.lines for found in mentions_in(line))
        names |= {name.strip() for name in zulip if name}
    found = {w for name in names for w in [*subjects.words_of(name), *subjects.words_of(fold(name))]}  # "Nicolo" too
    return found | {w for m in meetings for short in m.abbreviations for w in subjects.words_of(short)}


def _meeting_topics(
    archive: Archive,
    meeting: Meeting,
    finder: subjects.SubjectFinder,
    mined: dict[str, subjects.Subject],
    lines: list[tuple[int, str]],
) -> _MeetingTopics:
    """One meeting's subjects: in the lines of its notes, its chat and its transcript.
    Each part is searched as one text, the place of a find mapped back to its line.
    What an unchanged note gave is kept with the finder's finds (the same subjects find the
    same in the same note: its digest is its text): a serve rebuild only replays it."""
    if not meeting.digest:  # made in this build only
        return _find_meeting_topics(archive, meeting, finder, mined, lines)
    found: _MeetingTopics | None = None

    def find() -> _KeptTopics:
        nonlocal found
        found = _find_meeting_topics(archive, meeting, finder, mined, lines)
        return _KeptTopics.of(found, archive)

    kept: _KeptTopics = finder.kept(("meeting topics", meeting.digest), find)
    return found if found is not None else kept.replay(archive, meeting, mined)


@dataclass(frozen=True)
class _KeptTopics:
    """What finding one meeting's subjects gave, to be given again to a later build's copy
    of the same meeting: the spellings met, the mentions (never changed once made), the
    topics of each section (by its place) and the words said."""

    spelled: tuple[tuple[str, str], ...]
    mentions: tuple[tuple[str, tuple[Mention, ...]], ...]
    sections: tuple[tuple[int, tuple[str, ...]], ...]
    spoken: tuple[str, ...]

    @classmethod
    def of(cls, found: _MeetingTopics, archive: Archive) -> _KeptTopics:
        meeting = found.meeting
        return cls(
            tuple(found.spelled),
            tuple((ident, tuple(mentions)) for ident, mentions in found.mentions.items()),
            tuple((i, tuple(s.topics)) for i, s in enumerate(meeting.sections) if s.topics),
            tuple(archive.spoken[meeting.id]),
        )

    def replay(self, archive: Archive, meeting: Meeting, mined: dict[str, subjects.Subject]) -> _MeetingTopics:
        found = _MeetingTopics(archive, meeting, mined)
        for ident, spelled in self.spelled:
            found.spell(ident, spelled)
        for ident, mentions in self.mentions:
            found.mentions[ident] = list(mentions)
        for index, topics in self.sections:
            meeting.sections[index].topics = list(topics)
        archive.spoken[meeting.id] = list(self.spoken)
        return found


def _find_meeting_topics(
    archive: Archive,
    meeting: Meeting,
    finder: subjects.SubjectFinder,
    mined: dict[str, subjects.Subject],
    lines: list[tuple[int, str]],
) -> _MeetingTopics:
    found = _MeetingTopics(archive, meeting, mined)
    kept = [(n, subjects.clean_line(line)) for n, line in lines]
    for index, start, end, ident in _finds(finder, [line for _, line in kept]):
        number = kept[index][0]
        found.add(ident, kept[index][1][start:end], number, meeting.section_at(number))
    messages = meeting.chat
    for index, ident in finder.first_in([subjects.clean_line(m.text) for m in messages])[0]:
        message = messages[index]
        snippet = " ".join(message.text.split())[:240]
        found.add(ident, "", message.line, None, snippet, message.anchor, in_chat=True)
    turns = meeting.transcript
    named, said = finder.first_in([t.text for t in turns])
    said = said | subjects.word_set(" ".join({t.speaker for t in turns}).lower())
    archive.spoken[meeting.id] = sorted(said)
    for index, ident in named:
        turn = turns[index]
        seconds = turn.seconds - meeting.video_offset if turn.seconds is not None else None
        seconds = seconds if seconds is not None and seconds >= 0 else None
        snippet = " ".join(turn.text.split())[:240]
        found.add(ident, "", turn.line, None, snippet, f"t-{turn.line}", in_transcript=True, seconds=seconds)
    return found


def _finds(finder: subjects.SubjectFinder, texts: list[str]) -> list[tuple[int, int, int, str]]:
    """(index of the text, start, end, subject id) of every subject in `texts`, read as one."""
    joined = "\n".join(texts)
    starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    out = []
    for start, end, ident in finder.spans(joined):
        index = bisect.bisect_right(starts, start) - 1
        out.append((index, start - starts[index], end - starts[index], ident))
    return out


def _subject_lines(meeting: Meeting, lines: list[tuple[int, str]], kept: subjects._Kept) -> list[tuple[int, str]]:
    """The lines that may name subjects: not the H1, metadata, the attendee list or a
    presenter line of its own (they name people and give dates)."""
    skip = {meeting.attendees_line, meeting.title_line}
    skip |= {s.presenter_line for s in meeting.sections if s.presenter_line != s.line}
    # Kept by its inputs: a serve rebuild reads the lines of unchanged notes again.
    key = (frozenset(skip), tuple(lines))
    return kept.get(
        key, lambda: [(n, line) for n, line in lines if n not in skip and not _meta_line(line.lstrip(" #"))]
    )


def _meta_line(text: str) -> bool:
    """`is_meta`, with the date test (the dear part) only for lines that hold a year."""
    if len(text) > 160:  # metadata lines are short; prose is most of the text
        return False
    if META.match(text) or CHAT.match(text) or TRANSCRIPT.match(text):
        return True
    return _YEAR.search(text) is not None and is_date_heading(text)


def _keep_recurring(archive: Archive, mined: dict[str, subjects.Subject], found: dict[str, _MeetingTopics]) -> None:
    """A mined subject becomes a topic when the notes of enough meetings use it; it is named
    by its most used spelling, and the others are its aliases."""
    taken = set(archive.topics)
    renamed: dict[str, str] = {}
    for ident, subject in sorted(mined.items(), key=lambda kv: (-len(kv[1].meetings), kv[0])):
        if len(subject.meetings) < subjects.MIN_MEETINGS:
            continue
        subject.name = _best_spelling_of(subject.spellings) or " ".join(subject.key)
        slug = base = slugify(subject.name)
        number = 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        taken.add(slug)
        renamed[ident] = slug
        aliases = sorted({s for s in subject.spellings if s != subject.name}, key=lambda s: (s.casefold(), s))
        archive.topics[slug] = Topic(slug, subject.name, aliases[:12], why=subject.why)
    for meeting_topics in found.values():
        for ident, mentions in meeting_topics.mentions.items():
            target = renamed.get(ident, ident if ident in archive.topics else None)
            if target:
                archive.topics[target].mentions += _one_per_section(mentions)
        for section in meeting_topics.meeting.sections:
            section.topics = list(
                dict.fromkeys(t for i in section.topics if (t := renamed.get(i, i if i in archive.topics else None)))
            )


def _one_per_section(mentions: list[Mention]) -> list[Mention]:
    """One meeting's mentions of one subject, one per section: the agenda list at the top of
    a note names what a section covers again, so it counts only when no section does."""
    in_sections = any(m.section and not (m.in_chat or m.in_transcript) for m in mentions)
    if not in_sections:
        return mentions
    return [m for m in mentions if m.section or m.in_chat or m.in_transcript]


def _best_spelling_of(spellings: Counter[str]) -> str:
    """The most used spelling; on a tie the one with more capitals ("Netavark")."""
    if not spellings:
        return ""
    return max(spellings, key=lambda s: (spellings[s], sum(c.isupper() for c in s), s))


def _relate(archive: Archive, limit: int = 8) -> None:
    """Each topic's related topics: those discussed in the most of the same meetings."""
    meetings: dict[str, set[str]] = {
        ident: {m.meeting for m in topic.mentions if not (m.in_chat or m.in_transcript)}
        for ident, topic in archive.topics.items()
    }
    by_meeting: dict[str, set[str]] = defaultdict(set)
    for ident, found in meetings.items():
        for meeting in found:
            by_meeting[meeting].add(ident)
    for ident, topic in archive.topics.items():
        shared: Counter[str] = Counter()
        for meeting in meetings[ident]:
            shared.update(by_meeting[meeting] - {ident})
        ranked = sorted(shared, key=lambda o: (-shared[o], -len(meetings[o]), o))
        topic.related = [o for o in ranked if shared[o] >= 2][:limit]


MAIN_SUBJECTS = 2  # subjects named in a meeting's title


def _name_meetings(archive: Archive) -> None:
    """Each meeting's own title: "Community meeting, December 1, 2020 — Netavark, Quadlet"."""
    titled: dict[str, Counter[str]] = defaultdict(Counter)  # meeting -> topics named in its agenda titles
    for ident, topic in archive.topics.items():
        for mention in topic.mentions:
            if not (mention.in_chat or mention.in_transcript) and mention.section:
                section = archive.meeting(mention.meeting).section(mention.section)
                if section and section.line == mention.line:
                    titled[mention.meeting][ident] += 1
    for meeting in archive.meetings:
        with blame(meeting, "naming it"):
            names = [archive.topics[t].name for t in main_subjects(archive, meeting, titled[meeting.id], MAIN_SUBJECTS)]
            if not names:  # no subject recurs: its own agenda titles say what it was about
                names = [s.title for s in meeting.sections if not GENERIC_SECTIONS.match(s.title.strip())]
                names = [n if len(n) <= 60 else n[:57].rstrip() + "…" for n in names[:MAIN_SUBJECTS]]
            head = f"{meeting.head}, {date_label(meeting.date)}"
            meeting.name = f"{head} — {', '.join(names)}" if names else head


def main_subjects(archive: Archive, meeting: Meeting, titled: Counter[str], limit: int) -> list[str]:
    """The `limit` topics a meeting was most about: named in its agenda titles (`titled`) and
    its sections' notes (its whole notes when it has none), the rarer across the archive the
    more telling; none whose words are all in one before it ("common" adds nothing after
    "containers/common")."""
    total = len(archive.meetings)
    score: Counter[str] = Counter()
    for section in meeting.sections:
        score.update(section.topics)
    if not meeting.sections:  # notes with no items ("Summary" and "Details" bullets): all they name
        score.update(archive.noted_topics.get(meeting.id, Counter()))
    for ident, count in titled.items():
        score[ident] += 2 * count
    held = archive.topic_meetings
    weighted = {
        i: n * math.log(1 + total / max(1, held[i]))
        for i, n in score.items()
        if archive.topics[i].name.casefold() not in subjects.VENUES
    }
    found: list[str] = []
    words: list[set[str]] = []
    for ident in sorted(weighted, key=lambda i: (-weighted[i], archive.topics[i].name.casefold())):
        mine = set(re.findall(r"\w+", archive.topics[ident].name.casefold()))
        if not any(mine <= other for other in words):
            found.append(ident)
            words.append(mine)
            if len(found) == limit:
                break
    return found


def date_label(iso: str) -> str:
    """ "2020-12-01" -> "December 1, 2020"; a date that is not one stays as written."""
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day:%B} {day.day}, {day.year}"


def meeting_title(meeting: Meeting) -> str:
    """The meeting's name wherever it is listed: search results, the tab, the pager, the
    indexes. Series and date, so that two meetings never share one, and the subjects it
    was most about when the archive knows them (`Meeting.name`)."""
    if meeting.name:
        return meeting.name
    if _titled_in_front_matter(meeting):  # the maintainers named it themselves
        return f"{meeting.title}, {date_label(meeting.date)}"
    return f"{meeting.head}, {date_label(meeting.date)}"


def short_summary(meeting: Meeting, limit: int = 280) -> str:
    """The start of the note's recap of the meeting, cut after a sentence or else a word
    within `limit` characters ("" where the note has none)."""
    text = meeting.summary
    if len(text) <= limit:
        return text
    cut = text[:limit]
    sentence = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    if sentence >= limit // 2:
        return cut[: sentence + 1]
    return cut.rsplit(" ", 1)[0].rstrip(",;:") + " …"


def _titled_in_front_matter(meeting: Meeting) -> bool:
    head = meeting.lines[1 : max(meeting.front_matter_lines - 1, 1)]
    return bool(meeting.title) and any(line.startswith("title:") for line in head)


def _add_person_mentions(archive: Archive, text: dict[str, list[tuple[int, str]]], kept: subjects._Kept) -> None:
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
    handles = {p.github.lower(): p.id for p in archive.people.values() if p.github}
    first_words = {words[0] for words in names}
    shown = repr((sorted(names.items()), sorted(handles.items())))
    table = hashlib.blake2b(shown.encode("utf-8", "surrogatepass")).digest()
    for meeting in archive.meetings:
        with blame(meeting, "finding the people it names"):
            find = functools.partial(_meeting_person_mentions, meeting, names, handles, first_words, text[meeting.id])
            # What a note names depends on its text and the table of names only (its digest
            # covers its path, so its id).
            found = kept.get((table, meeting.digest), find) if meeting.digest else find()
            for ident, mention in found:
                archive.people[ident].mentions.append(copy.copy(mention))  # a build's own, to fill or change


def _mentioned(line: str, names: dict[tuple[str, ...], str], handles: dict[str, str]) -> list[str]:
    """The people a line mentions with an @: by their login, or Zulip's by their name."""
    found = []
    for mention in mentions_in(line):
        if mention["login"]:
            ident = handles.get(mention["login"].lower())
        else:
            words = tuple(w.casefold() for w in _WORD.findall(mention["zulip"]))
            ident = names.get(words) or (handles.get(words[0]) if len(words) == 1 else None)
        if ident is not None:
            found.append(ident)
    return found


def _meeting_person_mentions(
    meeting: Meeting,
    names: dict[tuple[str, ...], str],
    handles: dict[str, str],
    first_words: set[str],
    lines: list[tuple[int, str]],
) -> list[tuple[str, Mention]]:
    """(person id, mention) of each person the running text of one meeting names, in order."""
    found: list[tuple[str, Mention]] = []
    skip = {meeting.attendees_line, *meeting.attendee_lines} | {s.presenter_line for s in meeting.sections}
    seen: set[tuple[str, str | None]] = set()
    for number, line in lines:
        if number in skip:
            continue
        words = [w.casefold() for w in _WORD.findall(line)]
        named = []
        for start in range(len(words)):
            if words[start] in first_words:  # the longest name starting at this word
                sizes = (names.get(tuple(words[start : start + size])) for size in (4, 3, 2))
                named.append(next((ident for ident in sizes if ident), None))
        if "@" in line:
            named += _mentioned(line, names, handles)
        for ident in named:
            if ident is None:
                continue
            section = meeting.section_at(number)
            key = (ident, section.id if section else None)
            if key not in seen:
                seen.add(key)
                found.append(
                    (
                        ident,
                        Mention(
                            meeting.id,
                            number,
                            key[1],
                            _snippet(meeting, number),
                            video_seconds=_video_at(meeting, number, section),
                            anchor=key[1],
                        ),
                    )
                )
    return found


class _MeetingTopics:
    """One meeting's topic mentions, kept until the archive knows which subjects recur:
    one per topic and section of the notes, and one per topic in the chat and transcript."""

    def __init__(self, archive: Archive, meeting: Meeting, mined: dict[str, subjects.Subject]) -> None:
        self.archive, self.meeting, self.mined = archive, meeting, mined
        self.seen: set[tuple[str, str | None, str]] = set()
        self.mentions: dict[str, list[Mention]] = defaultdict(list)
        self.spelled: list[tuple[str, str]] = []  # (subject id, as written), in the order met

    def spell(self, ident: str, spelled: str) -> None:
        """A mined subject written this way in this meeting's notes."""
        self.spelled.append((ident, spelled))
        subject = self.mined.get(ident)
        if subject is not None:
            subject.spellings[spelled] += 1
            subject.meetings.add(self.meeting.id)

    def add(
        self,
        ident: str,
        spelled: str,
        line: int,
        section: Section | None,
        snippet: str = "",
        anchor: str | None = None,
        in_chat: bool = False,
        in_transcript: bool = False,
        seconds: int | None = None,
    ) -> None:
        if spelled:
            self.spell(ident, spelled)
        where = "chat" if in_chat else "transcript" if in_transcript else "notes"
        key = (ident, section.id if section else None, where)
        if key in self.seen:
            return
        self.seen.add(key)
        self.mentions[ident].append(
            Mention(
                self.meeting.id,
                line,
                section.id if section else None,
                snippet or _snippet(self.meeting, line),
                in_chat=in_chat,
                video_seconds=seconds if in_transcript else _video_at(self.meeting, line, section),
                anchor=anchor or (section.id if section else None),
                in_transcript=in_transcript,
            )
        )
        if section and ident not in section.topics:
            section.topics.append(ident)


def _note_lines(meeting: Meeting, kept: subjects._Kept) -> list[tuple[int, str]]:
    """The lines of the notes themselves: no front matter, pasted chat or transcript."""
    if not meeting.digest:  # made in this build only (a note shown as text)
        return _read_note_lines(meeting)
    return list(kept.get(meeting.digest, lambda: _read_note_lines(meeting)))


def _read_note_lines(meeting: Meeting) -> list[tuple[int, str]]:
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
    text = unlink(text)
    text = re.sub(r"^\s*(?:#+|[*+-]|\d+[.)])\s*", "", text)
    return " ".join(text.replace("**", "").replace("`", "").split())[:240]


def _kept(cache: BuildCache, name: str) -> subjects._Kept:
    """One of the build cache's stores of what linking made from a note (cache.py), turned
    for this build: what the last build made and this one does not ask for is dropped."""
    kept = cache.store(name, subjects._Kept)
    kept.turn()
    return kept
