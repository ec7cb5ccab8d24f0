"""Pages made again only when what they read has changed.

A page is made from its own thing (a meeting, a person, …) and from what it asks the
archive: "which person is 'Matt' in this meeting?", "what is meeting X?". While a page is
made, `Watched` writes each question down with its answer. On the next build (a
`mkdocs serve` rebuild), the page is reused when its own thing is the same and every
question gets the same answer from the new archive; so after one note changes, only its
page and the pages that read it are made again.

Answers are stamps: a meeting's stamp is its note's digest and what linking added to it;
a person, topic or issue seen from another page shows only what names it (`_View`), so
its stamp is its name, and another page that tried to read more would fail loudly here
rather than go stale. A page that reads a whole list (an index) is never reused.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from .archive import Archive
from .model import Meeting

Question = tuple[Any, ...]

# What a page may read of a person, topic or issue that is not its own.
_SHOWN = {
    "person": ("id", "name", "aliases", "github"),
    "topic": ("id", "name", "aliases"),
    "issue": ("id", "label", "repo", "number", "kind", "href", "info"),  # info: what became of it
}


class _View:
    """A person, topic or issue as another page shows it: by what names it."""

    __slots__ = ("_kind", "_of")

    def __init__(self, kind: str, of: object) -> None:
        self._kind, self._of = kind, of

    def __getattr__(self, name: str) -> Any:
        if name in _SHOWN[self._kind]:
            return getattr(self._of, name)
        raise AttributeError(
            f"another page's {self._kind} shows only {', '.join(_SHOWN[self._kind])}; "
            f"reading {name!r} would make this page depend on all of it"
        )


def _shown(kind: str, thing: object | None) -> tuple[object, ...] | None:
    if thing is None:
        return None
    values = (getattr(thing, name) for name in _SHOWN[kind])
    return tuple(tuple(v) if isinstance(v, list) else v for v in values)


@dataclass
class _Sources:
    """What a build's answers were worked out from."""

    names: dict[tuple[str, str], str]  # (meeting, as written) -> person id
    people: dict[str, object]  # person id -> what other pages show of them
    meetings: dict[str, object]  # meeting id -> stamp


class Stamps:
    """This build's answers to the questions pages ask, each worked out once."""

    def __init__(self, archive: Archive, last: _Sources | None = None) -> None:
        self.archive, self.last = archive, last
        self._known: dict[Question, object] = {}
        self._meetings: dict[str, tuple[Meeting, object]] = {}

    @cached_property
    def people_same(self) -> bool:
        """Whether every written name names the person it named in the last build, and every
        person shows as then: the answers to all "who is this name" questions are the same."""
        last = self.last
        return last is not None and last.names == self.archive.names and last.people == self._people

    @cached_property
    def changed_meetings(self) -> set[str]:
        """The meetings whose stamp is not the last build's: the only ones whose parts may
        read otherwise now (a stamp holds the note's text and what linking gave it)."""
        last = self.last.meetings if self.last is not None else {}
        return {i for i, stamp in last.items() if i not in self.archive._by_id or stamp != self._stamp_of(i)}

    @cached_property
    def _people(self) -> dict[str, object]:
        """What other pages show of each person (asked when a rebuild starts and when it ends)."""
        return {ident: _shown("person", person) for ident, person in self.archive.people.items()}

    def _stamp_of(self, ident: str) -> object:
        return self.meeting(self.archive._by_id[ident])

    def sources(self) -> _Sources:
        """What the next build compares itself with."""
        meetings = {m.id: self.meeting(m) for m in self.archive.meetings}
        return _Sources(dict(self.archive.names), self._people, meetings)

    def hold(self, answers: _Answers) -> bool:
        """Whether every answer a page of the last build was made from is the same now.
        Most are known to be from what changed in the archive, without asking them again."""
        if answers.people and not self.people_same and not self._same(answers.people):
            return False
        meetings = answers.meetings
        if meetings and not meetings.keys().isdisjoint(self.changed_meetings):
            if not all(self._same(meetings[m]) for m in self.changed_meetings if m in meetings):
                return False
        return self._same(answers.asked)

    def _same(self, asked: dict[Question, object]) -> bool:
        return all(self.answer(question) == answer for question, answer in asked.items())

    def answer(self, question: Question) -> object:
        found = self._known.get(question, _MISSING)
        if found is _MISSING:
            found = self._known[question] = getattr(self, "_" + question[0])(*question[1:])
        return found

    def meeting(self, meeting: Meeting | None) -> object:
        """A meeting's stamp (its page's key, and the rows and entries made from it)."""
        if meeting is None:
            return None
        found = self._meetings.get(meeting.id)
        if found is None or found[0] is not meeting:
            found = self._meetings[meeting.id] = (meeting, self._meeting_stamp(meeting))
        return found[1]

    @staticmethod
    def _meeting_stamp(meeting: Meeting) -> object:
        if not meeting.digest:  # made in this build only (a note shown as text): never the same
            return object()
        return (
            meeting.digest,
            meeting.id,
            meeting.date,
            meeting.series,
            meeting.name,
            meeting.plain,
            tuple(meeting.attendees),
            len(meeting.issues),
            tuple((s.id, s.title, tuple(s.topics)) for s in meeting.sections),
        )

    def _meeting_part(self, ident: str, name: str) -> object:
        meeting = self.archive._by_id.get(ident)
        if meeting is None:
            return _MISSING
        value = getattr(meeting, name)
        return value if isinstance(value, str | int | None) else repr(value)

    def _meeting_section(self, ident: str, section: str | None) -> object:
        meeting = self.archive._by_id.get(ident)
        return repr(meeting.section(section)) if meeting is not None else _MISSING

    def _meeting_lines(self, ident: str) -> object:
        meeting = self.archive._by_id.get(ident)
        return len(meeting.lines) if meeting is not None else _MISSING

    def _meeting_slice(self, ident: str, where: tuple[int | None, int | None, int | None]) -> object:
        meeting = self.archive._by_id.get(ident)
        return tuple(meeting.lines[slice(*where)]) if meeting is not None else _MISSING

    def _meeting_line(self, ident: str, index: int) -> object:
        meeting = self.archive._by_id.get(ident)
        if meeting is None:
            return _MISSING
        try:
            return meeting.lines[index]
        except IndexError:
            return _MISSING

    def _neighbours(self, ident: str) -> object:
        if ident not in self.archive._by_id:
            return None
        return tuple(m.id if m else None for m in self.archive.neighbours(ident))

    def _person_of(self, meeting: str, written: str) -> object:
        return _shown("person", self.archive.person_of(meeting, written))

    def _person(self, ident: str) -> object:
        return _shown("person", self.archive.people.get(ident))

    def _topic(self, ident: str) -> object:
        return _shown("topic", self.archive.topics.get(ident))

    def _issue(self, ident: str) -> object:
        return _shown("issue", self.archive.issues.get(ident))

    def _repo(self, written: str) -> object:
        return self.archive.repo(written)

    def _spoken(self, meeting: str) -> object:
        return tuple(self.archive.spoken.get(meeting, ()))

    def _section_issues(self, key: tuple[str, str]) -> object:
        return frozenset(self.archive.section_issues.get(key, ()))

    def _owner(self, spelling: str) -> object:
        return self.archive.owner_of(spelling)

    def _named(self, meeting: str) -> object:
        return tuple((line, tuple(people)) for line, people in sorted(self.archive.named_on_lines(meeting).items()))

    def _spellings(self, ident: str) -> object:
        return tuple(self.archive.prose_spellings(ident)) if ident in self.archive.people else None


_MISSING = object()


class _Entities:
    """people, topics or issues as a page reads them: one looked up by id is a question;
    going through them all makes the page depend on the whole archive."""

    def __init__(self, watched: _Record, kind: str, table: dict[str, Any]) -> None:
        self._watched, self._kind, self._table = watched, kind, table

    def get(self, ident: str, default: object = None) -> Any:
        self._watched.ask((self._kind, ident))
        found = self._table.get(ident)
        return _View(self._kind, found) if found is not None else default

    def __getitem__(self, ident: str) -> Any:
        found = self.get(ident)
        if found is None:
            raise KeyError(ident)
        return found

    def __contains__(self, ident: object) -> bool:
        return self.get(str(ident)) is not None

    def values(self) -> Any:
        self._watched.whole = True
        return self._table.values()

    def items(self) -> Any:
        self._watched.whole = True
        return self._table.items()

    def __iter__(self) -> Iterator[str]:
        self._watched.whole = True
        return iter(self._table)

    def __len__(self) -> int:
        self._watched.whole = True
        return len(self._table)


class _Keyed:
    """A table of the archive read one key at a time (spoken words, a section's issues)."""

    def __init__(self, watched: _Record, kind: str, table: dict[Any, Any]) -> None:
        self._watched, self._kind, self._table = watched, kind, table

    def get(self, key: Any, default: object = None) -> Any:
        self._watched.ask((self._kind, key))
        return self._table.get(key, default)


class _Record:
    """The questions one page asked, with their answers. Its tables write here rather than
    to the page's `Watched`: no cycle, so a build's archive is freed when the next build
    drops it, without waiting for the cycle collector."""

    def __init__(self, stamps: Stamps) -> None:
        self.stamps = stamps
        self.asked: dict[Question, object] = {}
        self.people: dict[Question, object] = {}  # who a written name is
        self.meetings: dict[str, dict[Question, object]] = {}  # parts of other meetings, by meeting
        self.whole = False  # the page read a whole list: it cannot be reused

    def ask(self, question: Question) -> None:
        meeting = _meeting_asked(question)
        if meeting is not None:
            asked = self.meetings.setdefault(meeting, {})
        else:
            asked = self.people if question[0] == "person_of" else self.asked
        if question not in asked:
            asked[question] = self.stamps.answer(question)

    def answers(self) -> _Answers:
        return _Answers(self.asked, self.people, self.meetings)


def _meeting_asked(question: Question) -> str | None:
    """The meeting whose stamp decides the answer to `question`, if one does: a part of it
    (not its findings, which come from other notes too), or the issues of one of its sections
    (from its text and the repository aliases, an option of the memo)."""
    kind = question[0]
    if kind.startswith("meeting_") and question[2:] != ("diagnostics",):
        return str(question[1])
    if kind == "section_issues":
        return str(question[1][0])
    return None


@dataclass(frozen=True)
class _Answers:
    """What one page asked, with the answers, as `_Record` sorted them."""

    asked: dict[Question, object]
    people: dict[Question, object]
    meetings: dict[str, dict[Question, object]]


class _MeetingView:
    """Another page's meeting as a page reads it: each part it reads (the date, a section, a
    line) is a question of its own, so a topic page that quotes line 40 of a note stays as it
    is when a line is added at the end of it."""

    __slots__ = ("_record", "_meeting", "lines")

    def __init__(self, record: _Record, meeting: Meeting) -> None:
        self._record, self._meeting = record, meeting
        self.lines = _LinesView(record, meeting)

    @property
    def id(self) -> str:
        return self._meeting.id

    def section(self, ident: str | None) -> Any:
        self._record.ask(("meeting_section", self._meeting.id, ident))
        return self._meeting.section(ident)

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._meeting, name)
        if callable(value):
            raise AttributeError(f"a page reads another meeting's parts, not {name!r}(): add it to _MeetingView")
        self._record.ask(("meeting_part", self._meeting.id, name))
        return value


class _LinesView:
    """A meeting's lines, read one at a time."""

    __slots__ = ("_record", "_meeting")

    def __init__(self, record: _Record, meeting: Meeting) -> None:
        self._record, self._meeting = record, meeting

    def __len__(self) -> int:
        self._record.ask(("meeting_lines", self._meeting.id))
        return len(self._meeting.lines)

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            self._record.ask(("meeting_slice", self._meeting.id, (index.start, index.stop, index.step)))
        else:
            self._record.ask(("meeting_line", self._meeting.id, index))
        return self._meeting.lines[index]


class Watched:
    """The archive as one page reads it, every question written down with its answer."""

    def __init__(self, archive: Archive, stamps: Stamps) -> None:
        self._archive = archive
        self.record = record = _Record(stamps)
        self.ask = record.ask
        self.people = _Entities(record, "person", archive.people)
        self.topics = _Entities(record, "topic", archive.topics)
        self.issues = _Entities(record, "issue", archive.issues)
        self.spoken = _Keyed(record, "spoken", archive.spoken)
        self.section_issues = _Keyed(record, "section_issues", archive.section_issues)

    @property
    def whole(self) -> bool:
        return self.record.whole

    @property
    def meetings(self) -> list[Meeting]:
        self.record.whole = True
        return self._archive.meetings

    def meeting(self, ident: str) -> Any:
        return _MeetingView(self.record, self._archive.meeting(ident))

    def neighbours(self, ident: str) -> tuple[Any, Any]:
        self.ask(("neighbours", ident))
        before, after = self._archive.neighbours(ident)
        return tuple(_MeetingView(self.record, m) if m else None for m in (before, after))  # type: ignore[return-value]

    def person_of(self, meeting: str, written: str) -> Any:
        self.ask(("person_of", meeting, written))
        found = self._archive.person_of(meeting, written)
        return _View("person", found) if found is not None else None

    def repo(self, written: str) -> str:
        self.ask(("repo", written))
        return self._archive.repo(written)

    def owner_of(self, spelling: str) -> str | None:
        self.ask(("owner", spelling))
        return self._archive.owner_of(spelling)

    def named_on_lines(self, meeting: str) -> dict[int, list[str]]:
        self.ask(("named", meeting))
        return self._archive.named_on_lines(meeting)

    def prose_spellings(self, ident: str) -> list[str]:
        self.ask(("spellings", ident))
        return self._archive.prose_spellings(ident)


@dataclass
class _Made:
    # what the page is made of besides the archive: its own thing (compared with the next build's, so never
    # changed after its build) and its options
    key: object
    answers: _Answers
    page: Any


@dataclass
class PageMemo:
    """The pages of the last build with what each one read; kept across `mkdocs serve`
    rebuilds by the plugin. `made` and `reused` count the latest build's pages."""

    previous: dict[str, _Made] = field(default_factory=dict)
    current: dict[str, _Made] = field(default_factory=dict)
    options: object = None
    stamps: Stamps | None = None
    sources: _Sources | None = None  # what the last build's answers were worked out from
    made: int = 0
    reused: int = 0

    def start(self, archive: Archive, options: object) -> None:
        """A new build over `archive`; other options than last time reuse nothing."""
        if options != self.options:
            self.previous, self.sources = {}, None
        self.options, self.stamps, self.current = options, Stamps(archive, self.sources), {}
        self.made = self.reused = 0

    def page(self, src: str, key: object, make: Callable[[Any], Any], part: bool = False) -> Any:
        """The page at `src`, made by `make(archive)` unless the last build's still holds.
        `part`: a piece of a page (a meeting's entry in the export), not counted as a page."""
        assert self.stamps is not None, "start() first"
        stamps = self.stamps
        old = self.previous.get(src)
        if old is not None and old.key == key and stamps.hold(old.answers):
            self.current[src] = old
            self.reused += not part
            return old.page
        watched = Watched(stamps.archive, stamps)
        page = make(watched)
        self.made += not part
        if not watched.whole:
            self.current[src] = _Made(key, watched.record.answers(), page)
        return page

    def finish(self) -> None:
        """Only this build's pages are kept: a page gone from the site is forgotten."""
        self.sources = self.stamps.sources() if self.stamps is not None else None
        self.previous, self.current, self.stamps = self.current, {}, None
