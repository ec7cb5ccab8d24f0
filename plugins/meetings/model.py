"""Plain data for one meeting and its parts. No parsing, no I/O.

Line numbers are 1-based, as a maintainer sees them in an editor.
Names are kept as written; the archive resolves them to people.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # refs.py reads model.py: imported for the type alone
    from .refs import RefInfo

from .text import slugify

# The shipped example's repository (a bare "#1234" in its notes); a setting for any other archive.
DEFAULT_REPO = "containers/podman"

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass
class ListLayout:
    """How a note's lists must be written for Python-Markdown to nest them as CommonMark does."""

    indents: dict[int, int] = field(default_factory=dict)  # line -> the leading columns it needs
    breaks: set[int] = field(default_factory=set)  # lines opening a list that needs a blank line before it
    apart: set[int] = field(default_factory=set)  # lines opening a list that CommonMark keeps apart from the one before
    # a fence inside a list item -> the columns of that item's text: Python-Markdown keeps
    # fences at the top level only, so the block is written there as indented code
    fences: dict[int, int] = field(default_factory=dict)
    # items that are a marker alone ("  -"): Python-Markdown would read the marker as a
    # heading's underline, so a space is written in them
    empty: set[int] = field(default_factory=set)


@dataclass
class Diagnostic:
    file: str
    line: int | None
    level: str
    message: str
    suggestion: str | None = None
    fixes: tuple[tuple[str, str], ...] = ()  # (text, replacement) pairs in the line, for `meetings check --fix`

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        text = f"{where}: {self.level}: {self.message}"
        return f"{text} ({self.suggestion})" if self.suggestion else text


@dataclass
class VideoMark:
    """A "(1:50 in the video)" mark: `start`/`end` are columns in its line."""

    line: int
    start: int
    end: int
    seconds: int
    text: str


@dataclass
class Section:
    """An agenda item: a heading, who presented it and where it starts in the video."""

    id: str
    title: str
    line: int
    end_line: int
    level: int
    presenters: list[str] = field(default_factory=list)
    presenter_line: int | None = None
    video_seconds: int | None = None
    topics: list[str] = field(default_factory=list)


@dataclass
class ChatMessage:
    line: int
    author: str
    time: str | None  # "11:14" on the wall clock, or "00:12:42" into the recording
    text: str
    relative: bool = False  # time counts from the start of the recording
    ordinal: int = 1  # among the meeting's messages of the same time and author (see number_chat)

    @property
    def anchor(self) -> str:
        """The message's permalink: from what it is (time, author, ordinal), not from where it
        sits in the note, so an edit above it leaves links to it working."""
        clock = "".join(ch for ch in self.time or "" if ch.isdigit()) or "x"
        ordinal = f"-{self.ordinal}" if self.ordinal > 1 else ""
        return f"chat-{clock}-{slugify(self.author or 'unknown')}{ordinal}"


def number_chat(messages: list[ChatMessage]) -> None:
    """Numbers messages that share a time and an author, in order, so their anchors differ."""
    seen: dict[tuple[str | None, str], int] = {}
    for message in messages:
        key = (message.time, message.author)
        seen[key] = seen.get(key, 0) + 1
        message.ordinal = seen[key]


@dataclass
class TranscriptTurn:
    line: int
    speaker: str
    seconds: int | None  # into the recording, as the transcript marks it
    text: str


@dataclass
class RawBlock:
    """A pasted chat log or transcript: the lines the page shows in its own way."""

    kind: str  # "chat", "transcript" or "empty" (marked as not captured)
    label_line: int  # the heading or label that introduced it
    first: int  # first and last line replaced on the page (fence lines included)
    last: int


@dataclass
class ActionItem:
    line: int
    owner: str | None
    text: str
    confident: bool = True


@dataclass
class IssueRef:
    """A reference to an issue, pull request or discussion in a GitHub repository, or to a
    numbered document of a reference series (kind "reference": `repo` is the series' key)."""

    repo: str
    number: int
    kind: str  # "issue", "pull", "discussion", "reference"
    line: int
    in_chat: bool = False
    url: str | None = None  # a reference's own address
    label: str | None = None  # a reference as the community writes it: "EIP-1559"

    @property
    def id(self) -> str:
        return f"{self.repo}#{self.number}"


@dataclass
class Decision:
    """A numbered decision ("**DECISION 65.1.**", a row of a "Decision Item" table) or action
    ("**ACTION 65.2.**"); `number` as written ("65.1", "3"), `subject` its bold lead if any."""

    line: int
    number: str | None
    text: str
    kind: str = "decision"  # or "action"
    subject: str | None = None
    owner: str | None = None  # of an action, when its text names one first
    video_seconds: int | None = None  # from a time link in its row


@dataclass
class DateHint:
    """A date line as written, for the dates that need the neighbouring meetings."""

    month: int
    day: int
    year: int | None
    weekday: int | None  # 0 = Monday
    clock: tuple[int, int] | None
    line: int = 0
    utc: bool = False


@dataclass
class NextMeeting:
    series: str
    date: str | None  # ISO date as written, even when it is wrong
    line: int
    text: str
    topics: list[str] = field(default_factory=list)  # "Possible Topics" proposed for it
    named: bool = False  # its series written ("Next Cabal Meeting"), not the note's own taken


@dataclass
class CodeBlock:
    """A fenced or indented code block, with its content as Markdown reads it."""

    first: int
    last: int
    content: str
    info: str = ""


DEFAULT_SERIES = "community"  # the series of a note that names none


@dataclass
class Meeting:
    id: str
    source: str
    lines: list[str]  # the note's lines after encoding repair: what the page shows
    title: str = ""  # the note's own H1, as written
    title_line: int | None = None  # the H1 of the note
    name: str = ""  # the meeting's own title: series, date and main subjects (set by the archive)
    series: str = DEFAULT_SERIES
    series_by: str = ""  # what in the note named its series: "front matter", "file name", "next meeting"
    date: str = ""
    scheduled: str | None = None  # ISO datetime with the offset as written
    started: str | None = None  # "11:03"
    ended: str | None = None
    recording: str | None = None
    attendees: list[str] = field(default_factory=list)
    attendees_line: int | None = None
    attendee_lines: list[int] = field(default_factory=list)  # every line of the list: none is prose
    abbreviations: list[str] = field(default_factory=list)  # "RBN" of "Ron Buckton (RBN)": a person, no subject
    attendees_declared: int | None = None
    sections: list[Section] = field(default_factory=list)
    _section_index: tuple[tuple[int, int], dict[str, Section]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    marks: list[VideoMark] = field(default_factory=list)
    chat: list[ChatMessage] = field(default_factory=list)
    transcript: list[TranscriptTurn] = field(default_factory=list)
    raw_blocks: list[RawBlock] = field(default_factory=list)
    action_items: list[ActionItem] = field(default_factory=list)
    issues: list[IssueRef] = field(default_factory=list)
    next_meetings: list[NextMeeting] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    code_lines: set[int] = field(default_factory=set)  # lines inside code blocks or fences
    code_blocks: list[CodeBlock] = field(default_factory=list)
    prose_code_lines: set[int] = field(default_factory=set)  # indented prose shown as text
    list_starts: set[int] = field(default_factory=set)  # lines that open a list
    # how to write its lists so that they nest as CommonMark nests them (parse/lists.py)
    lists: ListLayout = field(default_factory=ListLayout)
    stray_headings: set[int] = field(default_factory=set)  # "# comment" lines shown as text
    # a table's header and delimiter line -> empty cells to add, so no cell of a wider row is dropped
    table_cells: dict[int, int] = field(default_factory=dict)
    front_matter_lines: int = 0  # lines taken by a YAML front matter block
    front_shown: list[tuple[str, str]] = field(default_factory=list)  # its keys we do not use ("type: docs")
    video_offset: int = 0  # seconds cut from the start of the recording (chat and transcript times)
    me: str | None = None  # who "Me" is in the chat, from front matter
    label: str | None = None  # the meeting's number, for notes named by it ("180")
    date_hint: DateHint | None = None  # the date line as written, when its year needs the neighbours
    speakers: list[tuple[int, str]] = field(default_factory=list)  # (line, name) of "**Name**" turns
    decisions: list[Decision] = field(default_factory=list)
    doubts: dict[str, str] = field(default_factory=dict)  # "ended" -> the finding that says it looks wrong
    summary: str = ""  # the note's recap of the whole meeting, as plain text
    summary_line: int | None = None
    plain: bool = False  # a stage failed on this note: it is shown as text, nothing derived
    digest: str = ""  # the note's bytes and parse settings, hashed: how two builds tell it unchanged

    def chat_video_seconds(self, message: ChatMessage) -> int | None:
        """Seconds into the recording, estimated from the clock time and the meeting's start."""
        if not message.time:
            return None
        parts = [int(p) for p in message.time.split(":")]
        if message.relative:
            total = 0
            for part in parts:
                total = total * 60 + part
            return total - self.video_offset if total >= self.video_offset else None
        started = None if "started" in self.doubts else self.started
        start = started or (self.scheduled[11:16] if self.scheduled else None)
        if not start:
            return None
        start_h, start_m = (int(p) for p in start.split(":"))
        offset = (parts[0] * 60 + parts[1]) - (start_h * 60 + start_m)
        return offset * 60 if offset >= 0 else None

    @property
    def shown_series(self) -> str:
        """The series as the note names it ("Cabal"), for titles and the info card; "" when
        the note's title names none, so no community reads "Community" it never wrote."""
        words = self.series.replace("-", " ").strip()
        return words.capitalize() if words and words in self.title.casefold().replace("-", " ") else ""

    @property
    def head(self) -> str:
        """ "Cabal meeting" where the note names its series, else "Meeting"."""
        return f"{self.shown_series} meeting" if self.shown_series else "Meeting"

    def section_at(self, line: int) -> Section | None:
        """The agenda section whose heading is at or above `line` (sections are in order)."""
        index = bisect.bisect_right(self.sections, line, key=lambda s: s.line) - 1
        if index >= 0 and self.sections[index].line <= line <= self.sections[index].end_line:
            return self.sections[index]
        return None

    def raw_lines(self) -> set[int]:
        """Line numbers of the pasted chat logs and transcripts, labels included."""
        return {n for b in self.raw_blocks for n in range(b.first, b.last + 1)}

    def section(self, ident: str | None) -> Section | None:
        """The agenda section with this id (its anchor), if any. Pages ask it for every talk
        and mention, so the sections are indexed by id (again whenever the list changes)."""
        key = (id(self.sections), len(self.sections))
        if self._section_index is None or self._section_index[0] != key:
            index: dict[str, Section] = {}
            for section in self.sections:
                index.setdefault(section.id, section)
            self._section_index = (key, index)
        return self._section_index[1].get(ident) if ident is not None else None


@dataclass
class Mention:
    """One place where a person, topic or issue came up."""

    meeting: str
    line: int
    section: str | None = None  # section id
    snippet: str = ""
    in_chat: bool = False
    video_seconds: int | None = None
    anchor: str | None = None  # the place on the meeting page
    in_transcript: bool = False


@dataclass
class Talk:
    meeting: str
    section: str
    title: str
    video_seconds: int | None


@dataclass
class Person:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)  # every spelling seen, the name excluded
    github: str | None = None
    meetings: list[str] = field(default_factory=list)  # attended or took part in
    talks: list[Talk] = field(default_factory=list)
    messages: list[tuple[str, ChatMessage]] = field(default_factory=list)
    action_items: list[tuple[str, ActionItem]] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)  # named in the text of notes


@dataclass
class Topic:
    id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    description: str = ""
    mentions: list[Mention] = field(default_factory=list)
    related: list[str] = field(default_factory=list)  # topic ids, most often in the same meetings first
    why: str = ""  # how it was found: "topics.yml", or the sign the notes gave of it


@dataclass
class Issue:
    repo: str
    number: int
    kind: str
    mentions: list[Mention] = field(default_factory=list)
    url: str | None = None  # a reference's own address (kind "reference")
    label: str | None = None  # "EIP-1559"
    info: RefInfo | None = None  # what became of it, from the refs file (refs.py)

    @property
    def id(self) -> str:
        return f"{self.repo}#{self.number}"

    @property
    def href(self) -> str:
        if self.url:
            return self.url
        path = {"issue": "issues", "pull": "pull", "discussion": "discussions"}[self.kind]
        return f"https://github.com/{self.repo}/{path}/{self.number}"
