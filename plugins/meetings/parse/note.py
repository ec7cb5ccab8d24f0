"""One notes file -> one Meeting plus diagnostics. Never raises on bad input.

Structure (headings, fences, lists) comes from markdown-it-py tokens and their line maps;
each field then has a small line recogniser, so a note whose Markdown is broken still
yields what can be read, and every line stays on the page whatever was understood.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .. import inline
from ..community import Community, any_of
from ..model import (
    DEFAULT_REPO,
    DEFAULT_SERIES,
    ERROR,
    INFO,
    WARNING,
    ActionItem,
    CodeBlock,
    Decision,
    Diagnostic,
    IssueRef,
    Meeting,
    NextMeeting,
    Section,
    VideoMark,
    number_chat,
)
from ..text import LONG_LINE, looks_misdecoded, repair_mojibake, slugify, unshowable, unwrap
from ..yamlfile import Map, one_line, parse_yaml
from . import dates
from .actions import next_steps, prose_actions, trailing_owner
from .agenda import LABEL_VALUE, find_agenda, is_structure, metadata_lines
from .bullet_items import agenda_bullets, bullet_items, held_items, merge_items, once, sibling_items, without_empty
from .dateline import read_date, real_date
from .decisions import find_decisions
from .lists import list_layout
from .names import MENTION, NameList, is_person, mentions_in, names_in_parentheses, split_names, strip_affiliation
from .people_lists import (
    ATTENDEE_HEADINGS,
    LIST_MARKER,
    NotPeople,
    attendee_lists,
    initials_paragraph,
    initials_turns,
    names_below,
    speaker_turns,
    table_people,
    with_initials,
)
from .raw import find_raw_blocks
from .references import ReferenceFinder
from .sections import CHAT, RECAP, TRANSCRIPT, Heading, clean_title, find_sections, split_heading, timed_names
from .tables import extra_cells

# A line that goes on a paragraph: not blank, not a heading or a list item
_NAME_LINE = re.compile(r"(?!\s*(?:#{1,6}(?:\s|$)|[*+-]\s|\d+[.)]\s))\s*\S")
# A note named by its day and its series ("2016-08-15-go-ipfs", "2024-01-16-cg"); not
# "2024-01-10-notes", whose words only say what the file is
_NAMED_DAY = re.compile(r"\d{4}-\d{2}-\d{2}-+(?P<series>[a-z0-9]+(?:-[a-z0-9]+)*)")
_NOTE_WORDS = {"meeting", "meetings", "call", "notes", "note", "minutes", "agenda", "summary", "recap"}
_OWN_ITEM = re.compile(r"(?P<who>[^\W\d][^()'’:]{0,60}?)(?:['’]s\s+(?:updates?|report|status|demo|topics?))?:?", re.I)
# "Recording: https://…", "**Note taker:** Carol", "Attendees:": a label, which ends a paragraph of names
_LABEL = re.compile(r"^\s*(?:\*\*|__)?[^\W\d][\w ./&'’-]{0,30}?(?:\*\*|__)?\s*:(?!//)")
# "- **Attendees:**", "* Other Attendees (3):": a bullet that labels attendees, not "- Attendees agreed …"
_ATTENDEE_BULLET = re.compile(r"^\s*[*+-]\s+(?:\*\*|__)?(?:[\w-]+\s+)?attendees\b[^:\n]{0,12}:", re.I)
_MD = MarkdownIt("commonmark").disable("inline")  # block structure is all we read
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029]")  # invisible, and they break HTML
# Zero-width spaces and bidirectional overrides make text read otherwise than it is written
# (a name that looks like another, a line that shows its words in another order). The
# joiners that emoji and some scripts need (U+200C, U+200D) stay.
_INVISIBLE = re.compile("[\u00ad\u200b\u2060-\u2064\u202a-\u202e\u2066-\u2069\ufeff]")

# "### Attendees (3 total)", "Attendees: …", and the label in bold: "**Attendees:** …", also
# with the inline HTML word processors export: "**<span style="…">Attendees</span>**"
_ATTENDEES = re.compile(
    r"^\s*(?:#{1,6}\s*|[*+-]\s+)?(?:\*\*|__)?(?:<[a-z][^<>]{0,200}>)?(?:(?:in-person|remote|online|other|meeting)\s+)?Attendees"
    r"\s*(?:\((?P<count>[^)]*)\))?\s*:?\s*(?:</[a-z]{1,10}>)?\s*:?\s*(?:\*\*|__)?\s*(?P<inline>.*)$",
    re.I,
)
_JUST_INITIALS = re.compile(r"[A-Z][A-Z0-9]{1,5}")
_START = re.compile(r"^\W*(?:the\s+)?meeting\s+start(?:ed)?\b", re.I)
_END = re.compile(r"^\W*meeting\s+(?:end|finished|ended(?!\s+after))\b", re.I)
# "The first 7 minutes and 45 seconds of the meeting's recording were cut, …"
_CUT = re.compile(
    r"first\s+(?P<minutes>\d+)(?:\s+or\s+so)?\s+minutes?(?:\s+and\s+(?P<seconds>\d+)\s+seconds?)?"
    r"\s+of\s+the\s+meeting.{0,30}?\s+(?:were|was)\s+cut",
    re.I,
)
# "\W*+" is possessive: "\W*" followed by ".*" could split a run of spaces every way.
_TOPICS = re.compile(r"^\W*+(?:possible\s+topics|topics\s+for\s+next\s+meeting|.*\d{4}\s+topics)\W*$", re.I)
_TIME_FIELDS = {"the start line": "started", "the end line": "ended"}  # the later of two lines is doubted
MIN_RECAP = 40  # characters: shorter text under a recap heading is a note about it, no summary
_LINKING_WORDS = frozenset("a an the of for on in to and with from by at".split())
_LIST_ITEM = re.compile(r"^\s*(?:[*+-]|\d+[.)])\s*")
_NONE = re.compile(r"^\W*(?:none(?:\s+(?:discussed|suggested|specified|identified))?|n/?a)\W*$", re.I)
_RECORDING = re.compile(r"\[Recording\]\((?P<url>[^)\[\s]+)\)", re.I)  # the URL stops at the next "["
# The labels a line gives its recording with no settings, and the three ways it writes the
# address after them: "* **Recording**: <https://youtu.be/…>", "Video: https://…",
# "Livestream: [YouTube](https://…)"; an emoji may come first (":movie_camera: Recording: …", "🎥 Video: …").
RECORDING_LINE_LABELS = (
    "Recording",
    "Meeting recording",
    "Zoom recording",
    "Recording link",
    "Video",
    "Video recording",
    "Livestream",
    "Live stream",
    "YouTube",
)
_RECORDING_LINE = re.compile(
    r"^\s*+(?:[*+-]\s++)?(?:(?::[\w+-]{1,30}:|[^\w\s\[<*_:#>])\s*+){0,6}(?:\*\*|__)?(?:"
    + "|".join(r"\s+".join(map(re.escape, label.split())) for label in RECORDING_LINE_LABELS)
    # possessive: a run of spaces is never split between two of these (quadratic on 40,000)
    + r")\s*+(?:\*\*|__)?\s*+:\s*+(?:\*\*|__)?\s*+"
    r"(?:<(?P<angled>https?://[^>\s]+)>|\[[^\]\n]*\]\((?P<linked>https?://[^)\s]+)\)|(?P<bare>https?://[^\s)>]+))",
    re.I,
)
# A structure heading whose bullets are the meeting's items ("### Agenda", "## Minutes"), unlike
# "## Action Items" or "## Links", whose bullets are tasks and links
_PLAN = re.compile(r"^\W*(?:agenda|minutes|notes|meeting\s+notes|topics|discussion)\W*$", re.I)
_LABEL_BULLET = re.compile(
    r"^\W*(?:recording|video|lead|note-?\s?takers?|moderators?|hosts?|facilitators?|chairs?|scribes?|date|time"
    r"|location|where|when)\W*:",
    re.I,
)
_AGENDA = re.compile(r"^\W*agenda\W*$", re.I)
_DECORATION = re.compile(r"^\s*(?:!\[[^\]\n]*\]\([^)\s]*\)|<!--.*-->)\s*$")  # an image or a comment alone
_NESTED = re.compile(r"^[ \t]+\S")  # a line inside a list item: its discussion
_NEXT = re.compile(r"^\W*next\s+(?P<which>[^\W\d_]{2,20}\s+)?meeting\b\W*(?P<rest>.*)$", re.I)
_TITLE_SERIES = re.compile(r"(?P<word>[^\W\d_]{2,20})\s+meeting\b", re.I)  # "… Cabal Meeting Notes"
_VIDEO_LINK = re.compile(r"\]\(\s*(?P<url>https?://(?:www\.)?(?:youtu\.be|youtube\.com|vimeo\.com)/[^)\s]+)\s*\)", re.I)
_LINK_ONLY = re.compile(r"^\s*(?:[*+-]\s+)?\[[^\]\n]{1,80}\]\([^)\s]{1,2000}\)\s*$")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)

# Front matter keys and the types their values may have; Jekyll's `layout` (and a few other
# keys of Jekyll and MkDocs pages) are accepted and not used.
_TEXT = (str, int, float, dt.date)
_FRONT_KEYS: dict[str, tuple[type, ...]] = {
    "title": _TEXT,
    "series": _TEXT,
    "me": (str,),
    "recording": (str,),
    "video_offset": (int, str),
    **dict.fromkeys(("layout", "permalink", "description", "tags", "date"), ()),
}
_FRONT_KEY = re.compile(r"[a-z][a-z0-9_-]{0,30}")
_KIND_NAMES: dict[tuple[type, ...], str] = {_TEXT: "text", (str,): "text", (int, str): "a number of seconds or M:SS"}
_ONE_LINE = {"title", "series", "me"}  # printed in headings, lists and the page <title>
_FRONT_TEXT_LIMIT = 200


def read_note(data: bytes, source: str) -> tuple[str, list[Diagnostic]]:
    """Decode a notes file. Wrong encodings, NUL bytes and CRLF are repaired and reported."""
    found: list[Diagnostic] = []
    wide = _wide_encoding(data)
    if wide:  # UTF-16 or UTF-32 with a byte-order mark: NUL bytes are part of every character
        found.append(
            Diagnostic(source, None, INFO, f"the file is {wide.upper()}; it was read as such", "save it as UTF-8")
        )
        text = data.decode(wide, errors="replace")
        if "\x00" in text:
            found.append(Diagnostic(source, None, WARNING, "the file holds NUL characters; they were removed"))
            text = text.replace("\x00", "")
        text = _newlines(text)
        return text, found + _unshowable(text, source)
    if b"\x00" in data:
        found.append(Diagnostic(source, None, WARNING, "the file holds NUL bytes; they were removed"))
        data = data.replace(b"\x00", b"")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, diagnostic = _mostly_utf8(data, source)
        found.append(diagnostic)
    text = _newlines(text)
    return text, found + _unshowable(text, source)


def _unshowable(text: str, source: str) -> list[Diagnostic]:
    """A warning for each line (up to a few) that holds code points no output can carry:
    every page, feed, calendar and the export show them as U+FFFD (text.valid_text)."""
    if text.isascii() and "\x7f" not in text and not any(ch < " " and ch not in "\t\n" for ch in text):
        return []
    found: list[Diagnostic] = []
    for number, line in enumerate(text.split("\n"), start=1):
        points = unshowable(line)
        if points and len(found) < _SHOWN_LINES and not looks_misdecoded(line):  # repaired later
            found.append(
                Diagnostic(
                    source,
                    number,
                    WARNING,
                    f"the line holds characters no page, feed or calendar can show ({', '.join(points[:5])}); "
                    "they are shown as \ufffd",
                    "remove them",
                )
            )
    return found


_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
_UNDECODED = re.compile("[\udc80-\udcff]")  # bytes kept by "surrogateescape"
_DECODED_WIDE = re.compile("[^\x00-\x7f\udc80-\udcff]")  # a character from a valid multi-byte sequence
_SHOWN_LINES = 5


def _wide_encoding(data: bytes) -> str | None:
    """The codec of a file that starts with a UTF-16 or UTF-32 byte-order mark."""
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def _mostly_utf8(data: bytes, source: str) -> tuple[str, Diagnostic]:
    """A file that is not valid UTF-8. When it holds no valid multi-byte sequence at all it
    was written in Windows-1252 (or Latin-1) and is read so; otherwise it is UTF-8 with stray
    bytes, and only those are replaced, so one bad byte does not garble every accent."""
    text = data.decode("utf-8", errors="surrogateescape")
    bad = [m.start() for m in _UNDECODED.finditer(text)]
    if not _DECODED_WIDE.search(text):
        line = text.count("\n", 0, bad[0]) + 1
        message = "the file is not UTF-8; it was read as Windows-1252"
        return data.decode("cp1252", errors="replace"), Diagnostic(
            source, line, WARNING, message, "save the file as UTF-8"
        )
    lines: list[int] = []
    last, at = 0, 1
    for position in bad:  # line numbers counted once through the text, not once per byte
        at += text.count("\n", last, position)
        last = position
        if not lines or lines[-1] != at:
            lines.append(at)
            if len(lines) > _SHOWN_LINES:
                break
    shown = ", ".join(map(str, lines[:_SHOWN_LINES])) + (", …" if len(lines) > _SHOWN_LINES else "")
    where = ("line " if len(lines) == 1 else "lines ") + shown
    count = f"{len(bad)} byte" + ("s" if len(bad) > 1 else "")
    message = f"the file is not UTF-8: {count} could not be read; each is shown as \ufffd ({where})"
    text = _UNDECODED.sub("\ufffd", text)
    return text, Diagnostic(source, lines[0], WARNING, message, "save the file as UTF-8")


def _newlines(text: str) -> str:
    """CRLF and lone CR as LF: Markdown reads a lone CR as a line break, so line numbers
    would disagree with ours otherwise."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def parse_note(
    text: str,
    source: str,
    meeting_id: str,
    default_repo: str = DEFAULT_REPO,
    attachments: frozenset[str] = frozenset(),
    community: Community | None = None,
    label: str | None = None,
) -> Meeting:
    """Read one note. `meeting_id` is the file name without `.md` (it carries the date, or,
    with a community's `file_name`, the number `label`); `attachments` are the files that
    sit beside the note (slides)."""
    return _NoteParser(text, source, meeting_id, default_repo, attachments, community or Community(), label).parse()


class _NoteParser:
    def __init__(
        self,
        text: str,
        source: str,
        meeting_id: str,
        default_repo: str,
        attachments: frozenset[str],
        community: Community,
        label: str | None = None,
    ) -> None:
        self.source = source
        self.default_repo = default_repo
        self.attachments = attachments
        self.community = community
        self.references = ReferenceFinder(community.references)
        self.not_people = NotPeople(community.not_people)
        self._date_line_number: int | None = None
        self._attendee_heading: int | None = None
        self._initials: dict[str, str] = {}  # "AKI" -> "Aki Braun", from the attendee list
        lines = _newlines(text).split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        self.meeting = Meeting(id=meeting_id, source=source, lines=lines, label=label)
        self.headings: list[Heading] = []
        self.front: dict[str, object] = {}
        self._prose: list[int] = []
        self._scheduled_line: int | None = None  # where the date line, start and end times were read
        self._started_line: int | None = None
        self._ended_line: int | None = None

    # -- helpers ---------------------------------------------------------------------

    def report(
        self,
        line: int | None,
        level: str,
        message: str,
        suggestion: str | None = None,
        fixes: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.meeting.diagnostics.append(Diagnostic(self.source, line, level, message, suggestion, fixes))

    def prose_lines(self) -> list[int]:
        """Line numbers of note text: not front matter, code, pasted chat or transcripts
        (known once `_structure` has run; every later step reads this one list)."""
        return self._prose

    # -- the steps -------------------------------------------------------------------

    def parse(self) -> Meeting:
        m = self.meeting
        self._repair_encoding()
        self._front_matter()
        self._raw_blocks()
        self._structure()
        self._tables()
        self._title_and_series()
        self._date_line()
        self._attendees()
        self._start_end_recording()
        self._sections()
        self._presenters_from_agenda_list()
        self._presenters_by_initials()
        self._presenters_by_name()
        self._recap()
        self._inline_pieces()
        self._next_meetings()
        self._action_items()
        self._community_parts()
        self._checks()
        m.diagnostics.sort(key=lambda d: d.line or 0)
        return m

    def _repair_encoding(self) -> None:
        lines = self.meeting.lines
        text = "\n".join(lines)
        unusual = _CONTROL.search(text) or _INVISIBLE.search(text) or looks_misdecoded(text)
        if not (unusual or max(map(len, lines), default=0) > LONG_LINE):
            return  # the usual case, found without a look at each line
        for index, line in enumerate(lines):
            if _CONTROL.search(line):
                lines[index] = line = _CONTROL.sub(" ", line)
                self.report(index + 1, WARNING, "control characters were replaced by spaces")
            if _INVISIBLE.search(line):
                lines[index] = line = _INVISIBLE.sub("", line)
                self.report(
                    index + 1,
                    WARNING,
                    "invisible characters (zero-width spaces, direction overrides) were removed: "
                    "they make text read otherwise than it is written",
                )
            if len(line) > LONG_LINE:
                self.report(
                    index + 1,
                    WARNING,
                    f"this line has {len(line):,} characters; it is shown as plain text",
                    "break it into paragraphs",
                )
            fixed = repair_mojibake(line)
            if fixed != line:
                lines[index] = fixed
                changed = [f"{a} -> {b}" for a, b in zip(line.split(), fixed.split(), strict=False) if a != b]
                self.report(
                    index + 1,
                    INFO,
                    "repaired mis-decoded text: " + ", ".join(changed[:5]),
                    "save the file as UTF-8 with the right characters",
                )

    def _front_matter(self) -> None:
        """A `---` block at the top is front matter only when it is a YAML mapping of keys we
        know; anything else (a rule, prose, a rule) stays on the page as text, with a warning."""
        lines = self.meeting.lines
        if not lines or lines[0].strip() != "---":
            return
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
        except StopIteration:
            self.report(1, WARNING, "front matter is not closed with '---'; it is shown as text")
            return
        loaded = parse_yaml("\n".join(lines[1:end]), self.source, first_line=2)
        broken = next((p for p in loaded.problems if p.level == ERROR), None)
        if broken is not None:
            why = broken.message.removeprefix("not valid YAML: ")
            self.report(broken.line or 1, WARNING, f"front matter is not valid YAML ({why}); it is shown as text")
            return
        if loaded.data is not None and not isinstance(loaded.data, Map):
            self._not_front_matter(1, "it is not a list of 'key: value' lines")
            return
        front = loaded.data or Map(1)
        # keys of the usual lower-case kind ("type: docs") are front matter we do not use;
        # "Attendees: …" between two rules is a note's text
        unknown = [key for key in front if key not in _FRONT_KEYS and not _FRONT_KEY.fullmatch(str(key))]
        if unknown:
            names = ", ".join(repr(str(k))[:40] for k in unknown)
            self._not_front_matter(front.key_lines[unknown[0]], f"it has key(s) front matter does not use: {names}")
            return
        for problem in loaded.problems:  # a second 'title:', a lone surrogate escape
            self.report(problem.line, WARNING, f"front matter: {problem.message}")
        self.meeting.front_matter_lines = end + 1
        for key, value in front.items():
            line = front.key_lines[key]
            kinds = _FRONT_KEYS.get(str(key), ())
            if not kinds and value is not None:  # shown as GitHub shows front matter: a table
                shown = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
                self.meeting.front_shown.append((str(key), one_line(shown)[:_FRONT_TEXT_LIMIT]))
            if value is None or not kinds:
                continue
            if not isinstance(value, kinds) or isinstance(value, bool):
                wrong = f"front matter {key}: {str(value)[:40]!r} is not {_KIND_NAMES[kinds]}; it is ignored"
                self.report(line, WARNING, wrong)
                continue
            if key in _ONE_LINE:
                text = one_line(str(value))
                if len(text) > _FRONT_TEXT_LIMIT:
                    self.report(
                        line, WARNING, f"front matter {key} has {len(text):,} characters; cut to {_FRONT_TEXT_LIMIT}"
                    )
                    text = text[:_FRONT_TEXT_LIMIT].rstrip() + "…"
                value = text
            self.front[str(key)] = value

    def _not_front_matter(self, line: int, why: str) -> None:
        self.report(line, WARNING, f"the '---' block at the top is not front matter ({why}); it is shown as text")

    def _structure(self) -> None:
        """Headings, code and list starts from markdown-it tokens (maps are 0-based)."""
        m = self.meeting
        body = [""] * m.front_matter_lines + m.lines[m.front_matter_lines :]
        for block in m.raw_blocks:  # pasted chat and transcripts are read on their own; skip them
            body[block.first - 1 : block.last] = [""] * (block.last - block.first + 1)
        tokens = _MD.parse("\n".join(body))
        for index, token in enumerate(tokens):
            if token.map is None:
                continue
            first, last = token.map
            if token.type == "heading_open":
                content = tokens[index + 1].content if index + 1 < len(tokens) else ""
                self.headings.append(Heading(first + 1, int(token.tag[1]), content.strip()))
            elif token.type in ("fence", "code_block"):
                lines = set(range(first + 1, last + 1))
                m.code_lines.update(lines)
                m.code_blocks.append(CodeBlock(first + 1, last, token.content, token.info.strip()))
                if token.type == "code_block" and _is_prose(token.content):
                    m.prose_code_lines.update(lines)
                    self.report(
                        first + 1,
                        INFO,
                        "indented text would show as code; it is shown as text",
                        "remove the indentation",
                    )
            elif token.type in ("bullet_list_open", "ordered_list_open") and token.level == 0:
                m.list_starts.add(first + 1)
        if not self.headings:
            self.headings = _bold_headings(tokens)
        m.lists = list_layout(tokens, body)
        skip = (m.code_lines - m.prose_code_lines) | m.raw_lines()
        self._prose = [n for n in range(m.front_matter_lines + 1, len(m.lines) + 1) if n not in skip]

    def _tables(self) -> None:
        """Tables with a row wider than their header: Markdown would drop its last cells."""
        m = self.meeting
        prose = set(self.prose_lines())
        headings = {h.line for h in self.headings}
        for number in self.prose_lines():
            before = number - 1
            opens = before in headings or before not in prose or not m.lines[before - 1].strip()
            if not opens or "|" not in m.lines[number - 1] or number + 1 not in prose:
                continue
            end = number + 2
            while end in prose and m.lines[end - 1].strip() and end not in headings:
                end += 1
            rows = m.lines[number + 1 : end - 1]
            extra = extra_cells(m.lines[number - 1], m.lines[number], rows)
            if extra:
                m.table_cells[number] = m.table_cells[number + 1] = extra
                self.report(
                    number,
                    WARNING,
                    f"a row of this table has {extra} more cell(s) than its header; "
                    "the header was widened so every cell shows",
                    "add the missing column headings",
                )

    def _title_and_series(self) -> None:
        m = self.meeting
        h1 = next((h for h in self.headings if h.level == 1), None)
        for heading in self.headings:
            if 1 in self.community.agenda_levels:
                break  # the community writes its agenda items as H1 headings
            if heading.level == 1 and heading is not h1 and heading.line > (h1.line if h1 else 0) + 2:
                # a shell comment pasted into the notes ("# Do these options …", 2023-07-20)
                m.stray_headings.add(heading.line)
                self.report(
                    heading.line,
                    WARNING,
                    "a line starting with '# ' would show as the page title; it is shown as text",
                    "put commands in a ``` fence",
                )
        if h1 is None and self.headings and self.headings[0].level == 2:
            # "![logo](…)" then "## Agenda for the January 16th call": a note with no H1 opens with its title
            first = self.headings[0]
            before = [n for n in self.prose_lines() if n < first.line and m.lines[n - 1].strip()]
            if all(_DECORATION.match(m.lines[n - 1]) for n in before):
                h1 = first
        m.title_line = h1.line if h1 else None
        title = str(self.front.get("title") or "") or (h1.text if h1 else "")
        if "{{" in title:
            title = ""
        m.title = unwrap(title) or f"Meeting {m.id}"  # "# **OCIO TSC Meeting Notes**": no bold
        series = self.front.get("series")
        named = _NAMED_DAY.fullmatch(m.id)  # "2016-08-15-go-ipfs": go-ipfs's meeting of that day
        if series:
            m.series, m.series_by = slugify(str(series)), "front matter"
        elif named and not set(named["series"].split("-")) <= _NOTE_WORDS:
            m.series, m.series_by = named["series"], "file name"
        else:  # the note's own "Next Cabal Meeting" names its series when its title does too
            m.series = self._own_series() or DEFAULT_SERIES
            m.series_by = "next meeting" if m.series != DEFAULT_SERIES else ""
        recording = self.front.get("recording")
        if isinstance(recording, str) and re.fullmatch(r"https?://[^\s()<>\"']+", recording.strip()):
            m.recording = recording.strip()
        elif recording is not None:
            self.report(1, WARNING, "the front matter recording is not a web address; it is ignored")
        if isinstance(self.front.get("me"), str):
            m.me = str(self.front["me"]).strip()
        offset = self.front.get("video_offset")
        if offset is not None:
            seconds = inline.seconds_of(str(offset)) if re.fullmatch(r"\d+(?::\d+){0,2}", str(offset)) else None
            if seconds is None:
                self.report(1, WARNING, f"video_offset {offset!r} is not a time", "write seconds, or M:SS")
            else:
                m.video_offset = seconds

    def _date_line(self) -> None:
        if self.community.date_labels and self._labelled_date():
            return
        m = self.meeting
        if self.community.numbered and self.meeting.label is not None:
            self.report(None, WARNING, "no date line was found", "add one such as 'Meeting Date/Time: May 5, 2026'")
            return
        match = re.match(r"^(\d{4})-(\d{2})-(\d{2})", m.id)
        file_date = None
        if match:
            try:
                file_date = dt.date(int(match[1]), int(match[2]), int(match[3]))
            except ValueError:
                self.report(None, ERROR, f"the file name {m.id!r} is not a real date", "name notes YYYY-MM-DD.md")
        else:
            self.report(None, WARNING, f"the file name {m.id!r} does not start with a date", "name notes YYYY-MM-DD.md")
        for heading in self.headings:
            if heading.level == 1 or _START.match(heading.text) or _NEXT.match(heading.text):
                continue
            written, _ = dates.find_date(heading.text)
            if written is None:
                continue
            clock = dates.find_clock(heading.text[_.end() :]) if _ else None
            if file_date and written != file_date:
                self.report(
                    heading.line,
                    WARNING,
                    f"the date line says {written.isoformat()}, the file name says {file_date.isoformat()}",
                    f"write {file_date.strftime('%B')} {file_date.day}, {file_date.year}",
                )
            weekday = dates.find_weekday(heading.text[: _.start()] if _ else "")
            if weekday is not None and weekday != written.weekday():
                self.report(
                    heading.line,
                    WARNING,
                    f"the date line says {dates.WEEKDAYS[weekday].title()}, but {written:%B} {written.day}, "
                    f"{written.year} is a {written:%A}",
                    f"write {written:%A}",
                    fixes=((dates.weekday_as_written(heading.text, weekday), f"{written:%A}"),),
                )
            day = file_date or written
            if clock:
                self._scheduled(heading, day, clock)
                self._scheduled_line = heading.line
            break
        m.date = file_date.isoformat() if file_date else m.id

    def _labelled_date(self) -> bool:
        """The date from a line labelled as the community's notes label it ("Meeting Date/Time:")."""
        m = self.meeting
        labels = any_of(self.community.date_labels)
        head = self._head_block()
        for number in self.prose_lines()[:60]:  # the date is in the head of the note
            line = m.lines[number - 1].lstrip("#").strip()
            match = labels.match(line) if labels else None
            if not match and number in head and read_date(line, number) is not None:
                match = re.match("", line)  # "### June 24, 2022, 14:00 UTC" under the title: no label
            if not match:
                continue
            found = read_date(line[match.end() :], number)
            if found is None:
                self.report(number, WARNING, "the date line holds no date that could be read", "write e.g. May 5, 2026")
                continue
            hint = found.hint
            self._date_line_number = number
            day = real_date(hint, hint.year) if hint.year else None
            if day is None or (hint.weekday is not None and hint.weekday != day.weekday()):
                m.date_hint = hint  # settled with the neighbouring meetings (dateline.settle_years)
            if day is None:
                return True
            m.date = day.isoformat()
            if hint.clock:
                offset = "+00:00" if hint.utc else ""
                m.scheduled = f"{m.date}T{hint.clock[0]:02d}:{hint.clock[1]:02d}:00{offset}"
                self._scheduled_line = number
            return True
        return False

    def _head_block(self) -> set[int]:
        """The metadata headings right under the title (see agenda.metadata_lines)."""
        h1 = next((h.line for h in self.headings if h.level == 1), None)
        return metadata_lines(self.headings, self.meeting.lines, h1)

    def _scheduled(self, heading: Heading, day: dt.date, clock: tuple[int, int, bool]) -> None:
        hour, minute, _ = clock
        written = dates.find_offset(heading.text)
        stamp = f"{day.isoformat()}T{hour:02d}:{minute:02d}:00"
        if "eastern" in heading.text.lower():
            real = dates.eastern_offset(day, hour)
            if written is not None and written != real:
                self.report(
                    heading.line,
                    WARNING,
                    f"the note says UTC{dates.format_offset(written)}, but Eastern time on "
                    f"{day.isoformat()} is UTC{dates.format_offset(real)}",
                    f"write (UTC{real // 60:+d})",
                )
            written = real if written is None else written
        self.meeting.scheduled = stamp + (dates.format_offset(written) if written is not None else "")

    def _attendees(self) -> None:
        """The community's attendee headings first; else an "Attendees: a, b" line; with no
        headings set and no such line, a list under a heading of the usual kind."""
        headings = self.community.attendee_headings
        if headings and self._attendee_list(headings):
            return
        self._inline_attendees()
        if not self.meeting.attendees and not headings:
            self._attendee_list(ATTENDEE_HEADINGS)
        if not self.meeting.attendees:
            found, names = initials_paragraph(self.meeting.lines, self.prose_lines())
            if names:
                self.meeting.attendees_line = found[0]
                self.meeting.attendee_lines += found
                self.meeting.attendees = names
                self._initials = with_initials(names)
                # "Remote:\nRon Buckton (RBN), …\n-----" is a heading to CommonMark, not an item
                lines = set(found)
                self._attendee_heading = next((h.line for h in self.headings if {h.line, h.line + 1} & lines), None)

    def _in_attendee_section(self, number: int) -> bool:
        above = next((h for h in reversed(self.headings) if h.line < number), None)
        pattern = any_of(self.community.attendee_headings or ATTENDEE_HEADINGS)
        return above is not None and pattern is not None and pattern.match(above.text) is not None

    def _attendee_list(self, headings: tuple[str, ...]) -> bool:
        """The first list of names under one of `headings`, if there is one."""
        m = self.meeting
        heading, listed = attendee_lists(m.lines, self.prose_lines(), headings, self.not_people)
        if not listed:
            return False
        self._attendee_heading = heading
        m.attendees_line = listed[0][0]
        m.attendee_lines += [number for number, _ in listed]
        for number, name in listed:
            if name.casefold() in {a.casefold() for a in m.attendees}:
                self.report(number, WARNING, f"{name!r} is listed twice", "remove one")
                continue
            m.attendees.append(name)
        return True

    def _inline_attendees(self) -> None:
        """Every "Attendees: a, b" line of the first section that has one ("In-person
        attendees:", then "Remote attendees:"), its names inline, in the next paragraph or
        in a table under it."""
        m = self.meeting
        lines = m.lines
        headings = {h.line for h in self.headings}
        section_end: int | None = None
        for number in self.prose_lines():
            if section_end is not None and number >= section_end:
                break
            match = _ATTENDEES.match(lines[number - 1])
            bulleted = LIST_MARKER.match(lines[number - 1]) is not None
            if not match or (
                bulleted and (not _ATTENDEE_BULLET.match(lines[number - 1]) or self._in_attendee_section(number))
            ):
                continue  # "* Other Attendees:" inside "## Attendance": that list is read whole
            count = (match["count"] or "").strip()
            digits = re.search(r"\d+", count)
            if digits:
                m.attendees_declared = int(digits.group())
            names_line, text = number, match["inline"].strip().lstrip(":*_").strip()  # "**Attendees**: …"
            if not text:  # the names are in the next paragraph
                following = number
                while following < len(lines) and not lines[following].strip():
                    following += 1
                label_next = following < len(lines) and _ATTENDEES.match(lines[following])  # an empty label
                if following < len(lines) and not lines[following].lstrip().startswith("#") and not label_next:
                    names_line, text = following + 1, lines[following].strip()
            if text.startswith("|"):
                listed, initials = table_people(lines, names_line)
                names = [name for _, name in listed]
                rows = [row for row, _ in listed]
                text = ""
            elif names_line != number and LIST_MARKER.match(text):
                # "### Attendees" over "* Tim Beiko" / "* Danny Ryan": every bullet, not the first line
                listed = names_below(lines, number, set(self.prose_lines()), self.not_people)
                names, initials, rows = [name for _, name in listed], {}, [row for row, _ in listed]
            elif names_line != number:
                # "### Attendees" over "Martha (@marthacryan)" / "Max (@telamonian)": each line of the paragraph
                paragraph = list(
                    itertools.takewhile(
                        lambda n: n <= len(lines) and _NAME_LINE.match(lines[n - 1]) and not _LABEL.match(lines[n - 1]),
                        itertools.count(names_line),
                    )
                )
                names = [name for n in paragraph for name in split_names(lines[n - 1].strip())]
                initials, rows = {}, paragraph
            else:
                names, initials, rows = split_names(text), {}, [names_line]
            if not names or all(_JUST_INITIALS.fullmatch(strip_affiliation(n.strip("-*+ "))) for n in names):
                continue  # "Attendees: AS, SYG, YS" of a breakout: initials, not names
            m.attendee_lines += rows
            self._initials.update(initials | with_initials(names))
            if section_end is None:
                m.attendees_line = names_line
                section_end = next((h for h in sorted(headings) if h > number), len(lines) + 1)
            seen = {a.casefold() for a in m.attendees}
            earlier = NameList()
            for name in names:
                if not is_person(name):
                    continue
                if name.casefold() in seen:
                    self.report(names_line, WARNING, f"{name!r} is listed twice", "remove one")
                    continue
                twin = earlier.near_duplicate(name)
                if twin:
                    self.report(
                        names_line,
                        WARNING,
                        f"{twin!r} and {name!r} look like the same person",
                        "keep one spelling, or add both to people.yml",
                    )
                seen.add(name.casefold())
                earlier.add(name)
                m.attendees.append(name)

    @property
    def _recording(self) -> re.Pattern[str] | None:
        """A link labelled as the community labels its recordings ("[Video of the meeting](url)")."""
        labels = self.community.recording_labels
        if not labels:
            return None
        body = "|".join(r"\s*".join(map(re.escape, label.split())) for label in labels)
        return re.compile(rf"\[\s*(?:{body})\s*\]\(\s*(?P<url>https?://[^)\s]+)\s*\)", re.I)

    def _start_end_recording(self) -> None:
        m = self.meeting
        for number in self.prose_lines():
            line = m.lines[number - 1]
            for pattern, field in ((_START, "started"), (_END, "ended")):
                if getattr(m, field) is None and pattern.match(line):
                    setattr(m, field, self._clock_of(number, line))
                    setattr(self, f"_{field}_line", number)
                    if field == "started":
                        self._check_day(number, line)
            cut = _CUT.search(line)
            if cut and not self.front.get("video_offset"):
                m.video_offset = int(cut["minutes"]) * 60 + int(cut["seconds"] or 0)
            if m.recording is None and self._recording is not None and (labelled := self._recording.search(line)):
                m.recording = labelled["url"]
            if m.recording is None and (line_label := _RECORDING_LINE.match(line)):
                m.recording = line_label["angled"] or line_label["linked"] or line_label["bare"]
            if m.recording is None:
                match = _RECORDING.search(line)
                if match and match["url"].lower().startswith(("http://", "https://")):
                    m.recording = match["url"]
                elif match:
                    self.report(number, WARNING, "the recording link is not a web address; it is ignored")
        if m.recording is None:
            # "### [Video of the meeting](https://youtu.be/…)": a video link among the metadata headings,
            # or "* [Watch the meeting](https://youtu.be/…)", a line of only that link before the first heading
            first = next((h.line for h in self.headings if h.line > (m.title_line or 0)), len(m.lines) + 1)
            alone = [n for n in self.prose_lines() if n < first and _LINK_ONLY.match(m.lines[n - 1])]
            for number in [*sorted(self._head_block()), *alone]:
                video = _VIDEO_LINK.search(m.lines[number - 1])
                if video:
                    m.recording = video["url"]
                    break

    def _own_series(self) -> str | None:
        """ "Podman Community Cabal Meeting Notes" with a line "Next Cabal Meeting: …": the
        word before "Meeting" in the title, where a next-meeting line of the note names it."""
        before = _TITLE_SERIES.search(self.meeting.title)
        if before is None:
            return None
        word = before["word"].casefold()
        for number in self.prose_lines():
            found = _NEXT.match(self.meeting.lines[number - 1].lstrip("# ").strip())
            if found and (found["which"] or "").strip().casefold() == word:
                return word
        return None

    def _check_day(self, number: int, line: str) -> None:
        """ "Meeting start 11:02 a.m. Thursday October 4, 2022" in the notes of 2022-09-15."""
        written, _ = dates.find_date(line)
        meeting_date = dates.iso_date(self.meeting.date)
        if written is None or meeting_date is None:
            return
        weekday = dates.find_weekday(line)
        if written != meeting_date:
            self.report(
                number,
                WARNING,
                f"the start line says {written:%B} {written.day}, {written.year}, "
                f"but the meeting was on {meeting_date:%A, %B} {meeting_date.day}, {meeting_date.year}",
                f"write {meeting_date:%A, %B} {meeting_date.day}, {meeting_date.year}",
            )
        elif weekday is not None and weekday != written.weekday():
            self.report(
                number, WARNING, f"{written:%B} {written.day}, {written.year} was a {written:%A}", f"write {written:%A}"
            )

    def _check_times(self) -> None:
        """Start, end and the time on the date line should make one meeting of a few hours:
        an "a.m." written "p.m." (or the reverse) makes it end before it starts, or last 12 hours."""
        m = self.meeting
        times = [
            ("the date line", self._scheduled_line, _minutes(m.scheduled[11:16] if m.scheduled else None)),
            ("the start line", self._started_line, _minutes(m.started)),
            ("the end line", self._ended_line, _minutes(m.ended)),
        ]
        known = [(what, line, minutes) for what, line, minutes in times if minutes is not None]
        for (what, _, first), (later, line, second) in itertools.combinations(known, 2):
            if later == "the end line" and second < first:
                problem = f"{later} ({_clock(second)}) is before {what} ({_clock(first)})"
            elif abs(second - first) > 4 * 60:
                problem = (
                    f"{later} ({_clock(second)}) is {abs(second - first) // 60} hours from {what} ({_clock(first)})"
                )
            else:
                continue
            self.report(line, WARNING, problem, "check a.m. and p.m.")
            m.doubts[_TIME_FIELDS[later]] = f"{problem}: check a.m. and p.m."
            return

    def _check_marks(self) -> None:
        """A video mark must fall inside the recording: its length where the transcript
        gives it, else the meeting's (start to end line). "75:20" is read as 1:15:20 and
        said so; "(12;30 in the video)" is no mark and is said so."""
        m = self.meeting
        timed = [t.seconds for t in m.transcript if t.seconds is not None]
        start = _minutes(m.started) or _minutes(m.scheduled[11:16] if m.scheduled else None)
        end = _minutes(m.ended)
        if timed:
            length, what = max(timed), "the transcript's last time"
        elif start is not None and end is not None and 0 < end - start <= 4 * 60:
            length, what = (end - start) * 60, f"the {end - start}-minute meeting"
        else:
            length, what = None, ""
        for mark in m.marks:
            stamp = re.search(inline.TIME, m.lines[mark.line - 1][mark.start : mark.end])
            fields = stamp.group(0).split(":") if stamp else []
            if len(fields) == 2 and int(fields[0]) > 59:
                hours, minutes = divmod(int(fields[0]), 60)
                written = f"{fields[0]}:{fields[1]}"
                self.report(
                    mark.line,
                    WARNING,
                    f"{written!r} has {fields[0]} minutes",
                    f"write {hours}:{minutes:02d}:{fields[1]}",
                )
            if length is not None and mark.seconds > length + _MARK_SLACK:
                shown = stamp.group(0) if stamp else _duration(mark.seconds)
                report = f"{shown!r} is past the end of the recording ({what}, {_duration(length)})"
                shorter = ":".join(fields[1:3]) if len(fields) == 3 else None
                fits = shorter is not None and inline.seconds_of(shorter) is not None
                hint = f"did you mean {shorter}?" if fits else "check the time against the recording"
                self.report(mark.line, WARNING, report, hint)
        for number, line in enumerate(m.lines, 1):
            for near in _NEAR_MARK.finditer(line):
                fixed = re.sub(r"[;.,]", ":", near["time"])
                self.report(
                    number,
                    WARNING,
                    f"{near['time']!r} is not a video time, so this mark is not linked",
                    f"write {fixed}",
                    fixes=((near["time"], fixed),),
                )

    def _clock_of(self, number: int, line: str) -> str | None:
        clock = dates.find_clock(line)
        if clock is None:
            return None
        hour, minute, minutes_missing = clock
        if minutes_missing:
            self.report(number, WARNING, "the time has no minutes", "write it as 11:05 a.m.")
            return None
        return f"{hour:02d}:{minute:02d}"

    def _raw_blocks(self) -> None:
        """Pasted chat logs and transcripts, told apart by their content."""
        m = self.meeting
        for raw in find_raw_blocks(m.lines, any_of(self.community.chat_labels)):
            m.raw_blocks.append(raw.block)
            m.chat += raw.chat
            m.transcript += raw.transcript
            if raw.block.kind == "chat" and not raw.chat:
                self.report(raw.block.first, WARNING, "a chat block was found but no message in it was recognised")
        number_chat(m.chat)

    def _sections(self) -> None:
        m = self.meeting
        ends = [h.line for h in self.headings if _NEXT.match(h.text) or CHAT.match(h.text) or TRANSCRIPT.match(h.text)]
        ends += [block.label_line for block in m.raw_blocks]
        body_end = min(ends, default=len(m.lines) + 1)
        if self.community.agenda_levels:
            known = {self._date_line_number, self._attendee_heading} | {b.label_line for b in m.raw_blocks}
            known |= {h.line for h in self.headings if _NEXT.match(h.text)}
            attendees = any_of(self.community.attendee_headings)
            known |= {h.line for h in self.headings if attendees and attendees.match(h.text)}
            title = m.title_line
            lines = {line for line in known if line is not None}
            attending = frozenset(strip_affiliation(a).casefold() for a in m.attendees)
            m.sections = find_agenda(self.headings, m.lines, body_end, self.community, title, lines, attending)
            return
        # "## 02.24.21 Meeting Minutes" over "### Attendees", "### What are people working on?":
        # a title written as an H2 is no level of items
        found = find_sections(
            [h for h in self.headings if h.line != m.title_line], m.lines, body_end, self.default_repo
        )
        found = [s for s in found if s.line not in (self._attendee_heading, m.title_line)]  # "## Present" is no item
        # "### Moderator: Tim Beiko", "### Meeting Duration: 1.5 hours" under the title: metadata
        block = self._head_block()
        head = {h.line for h in self.headings if h.line in block and LABEL_VALUE.match(h.text)}
        found = [s for s in found if s.line not in head]
        skip = m.raw_lines() | {n for b in m.code_blocks for n in range(b.first, b.last + 1)}
        items, containers = bullet_items(self.headings, m.lines, body_end, skip)
        siblings, holders = sibling_items(self.headings, containers, body_end, self.default_repo)
        listed = {s.line for s in found}
        items = once(
            sorted(items + [s for s in siblings if s.line not in listed], key=lambda s: s.line)
        )  # a plan and its record: one item
        # "### org/repo" holds its bullets, "## Agenda" over it its sub-headings
        m.sections = without_empty(merge_items(found, items, containers | holders), m.lines)
        m.sections = held_items(m.sections, self.headings, self.default_repo, is_structure)
        lone = m.sections[0] if len(m.sections) == 1 else None
        bullets = agenda_bullets(lone, m.lines, skip, self.default_repo) if lone else []
        if lone and (_PLAN.match(lone.title) or (not is_structure(lone.title) and self._most_discussed(bullets))):
            # "### Agenda" and its bullets; "### What are people working on?" over each one's updates
            m.sections = merge_items([], bullets, set()) or m.sections
        elif any(not is_structure(s.title) for s in m.sections):  # "## Agenda" beside the record's items
            m.sections = [s for s in m.sections if not is_structure(s.title)]
        elif len(m.sections) > 1 and all(_PLAN.match(s.title) for s in m.sections):
            # "## Agenda" (the plan) and "## Notes" (the record): the record's bullets when
            # they hold their discussion, else the plan's
            record = [s for s in m.sections if not _AGENDA.match(s.title)]
            for section in record + [s for s in m.sections if s not in record]:
                bullets = agenda_bullets(section, m.lines, skip, self.default_repo)
                if bullets and (section not in record or self._most_discussed(bullets)):
                    m.sections = merge_items([], bullets, set())
                    break
        elif not m.sections and m.title_line is not None and not any(h.line > m.title_line for h in self.headings):
            # "# Minutes" over "* Documentation" and its sub-bullets, and no heading after it
            whole = Section("", m.title, m.title_line, body_end - 1, 1)
            bullets = agenda_bullets(whole, m.lines, skip | set(m.attendee_lines), self.default_repo)
            # "* **Attendees:**", "* **Recording:** none": the note's structure and labels, no items
            bullets = [b for b in bullets if not is_structure(b.title) and not _LABEL_BULLET.match(b.title)]
            if self._most_discussed(bullets):
                m.sections = merge_items([], bullets, set())

    def _most_discussed(self, bullets: list[Section]) -> bool:
        """Most of the bullets hold their discussion in sub-bullets: each is an item."""
        inside = (range(b.line + 1, b.end_line + 1) for b in bullets)
        discussed = sum(any(_NESTED.match(self.meeting.lines[n - 1]) for n in lines) for lines in inside)
        return bool(bullets) and 2 * discussed >= len(bullets)

    def _presenters_from_agenda_list(self) -> None:
        """ "1. Volume Storage on a Mac - Brent/Ashley" in the list of topics before the item,
        whose heading "### Volume storage on the Mac (1:15 in video)" names no one: the list
        names its presenters. The two titles match when the words of one are all in the
        other ("ZSTD support update" / "ZSTD Support"), and only one to one."""
        m = self.meeting
        unnamed = [s for s in m.sections if not s.presenters and s.title]
        if not unnamed:
            return
        listed: list[tuple[int, frozenset[str], list[str]]] = []
        items = [n for n in self.prose_lines() if _LIST_ITEM.match(m.lines[n - 1]) and n < unnamed[-1].line]
        dashes = not timed_names(m.lines[n - 1] for n in items)  # "Full Unicode - …" beside "(5m, Lee)"
        for number in items:
            parts = split_heading(_LIST_ITEM.sub("", m.lines[number - 1], count=1), self.default_repo, dashes)
            if parts.presenters and (words := _title_words(parts.title)):
                listed.append((number, words, parts.presenters))
        titles = [_title_words(s.title) for s in m.sections]
        for section in unnamed:
            words = _title_words(section.title)
            fits = [item for item in listed if item[0] < section.line and _alike(words, item[1])]
            if len(fits) == 1 and sum(_alike(fits[0][1], title) for title in titles) == 1:
                section.presenters, section.presenter_line = fits[0][2], fits[0][0]

    def _short_names(self) -> set[str]:
        """How the meeting's attendees may be named in one word, case-folded: a first name,
        the name run together ("jieyouxu"), or the login the list gives."""
        m = self.meeting
        bare = [strip_affiliation(a) for a in m.attendees if strip_affiliation(a)]
        short = {b.split()[0].casefold() for b in bare} | {"".join(b.split()).casefold() for b in bare}
        return short | {who["login"].casefold() for a in m.attendees for who in MENTION.finditer(a) if who["login"]}

    def _presenters_by_name(self) -> None:
        """An item that names people the meeting lists is theirs to present: in parentheses
        at its end ("SSC + EC update contents (Ely)"), or as its whole title, as a round of
        updates writes it ("Gabriel", "Gabriel's update")."""
        m = self.meeting
        unnamed = [s for s in m.sections if not s.presenters]
        if not unnamed or not m.attendees:
            return
        listed = self._short_names() | {strip_affiliation(a).casefold() for a in m.attendees}
        for section in unnamed:
            whole = _OWN_ITEM.fullmatch(section.title)
            ends = section.title.endswith(")")
            names = [whole["who"]] if whole else names_in_parentheses(section.title) if ends else []
            if names and all(n.casefold() in listed for n in names):
                section.presenters, section.presenter_line = names, section.line

    def _recap(self) -> None:
        """The note's summary of the whole meeting: the text under a recap heading ("Quick
        Recap", "Summary", "TL;DR", at any level) that comes before the first item, its
        paragraphs and bullets as plain text (a table of decisions is not a recap)."""
        m = self.meeting
        first_item = min((s.line for s in m.sections), default=len(m.lines) + 1)
        prose = set(self.prose_lines())
        lines = [h.line for h in self.headings] + [len(m.lines) + 1]
        for heading, end in zip(self.headings, lines[1:], strict=False):
            if heading.line >= first_item:
                return
            if not RECAP.match(heading.text):
                continue
            text = [m.lines[n - 1] for n in range(heading.line + 1, end) if n in prose]
            words = [clean_title(_LIST_ITEM.sub("", t, count=1)) for t in text if t.strip() and t.lstrip()[:1] != "|"]
            summary = " ".join(w for w in words if w)
            if len(summary) >= MIN_RECAP:
                m.summary, m.summary_line = summary, heading.line
                return

    def _presenters_by_initials(self) -> None:
        """ "Presenter: CM" is the attendee the table lists as CM. Where the notes keep such a
        roll, a sub-heading naming no one on it ("### Least-Authority Libraries" under
        "## Summary Session") is a part of the item, not its presenter."""
        m = self.meeting
        roll = {strip_affiliation(name).casefold() for name in self._initials.values()}
        headings = {h.line for h in self.headings}
        kept = len(roll) >= 3 and 2 * len(roll) >= len(m.attendees)  # a roll, not one "(RH)" after a name
        for section in m.sections if self._initials else []:
            section.presenters = [self._initials.get(p, p) for p in section.presenters]
            named = kept and section.presenter_line in headings and section.presenter_line != section.line
            if named and not any(strip_affiliation(p).casefold() in roll for p in section.presenters):
                section.presenters, section.presenter_line = [], None

    def _inline_pieces(self) -> None:
        """Video marks, issue references and links to files, from every prose line."""
        m = self.meeting
        for number in self.prose_lines():
            line = m.lines[number - 1]
            for piece in inline.scan(line, self.default_repo):
                if piece.broken:
                    self.report(
                        number,
                        WARNING,
                        f"broken link {piece.text!r} is shown as a link",
                        f"write [{piece.label}]({piece.target})",
                    )
                if piece.kind == "mark":
                    self._mark(number, piece)
                elif piece.kind == "issue":
                    m.issues.append(IssueRef(piece.target, piece.number, piece.issue_kind, number))
                elif piece.kind in ("link", "image"):
                    self._link(number, piece)
                if self.references and piece.kind in ("text", "link", "issue"):
                    self._references(piece.label if piece.kind != "text" else piece.text, number)
        for message in m.chat:
            for piece in inline.scan(message.text, self.default_repo, markdown=False):
                if piece.kind == "issue":
                    m.issues.append(IssueRef(piece.target, piece.number, piece.issue_kind, message.line, in_chat=True))
                elif piece.kind == "text" and self.references:
                    self._references(piece.text, message.line, in_chat=True)

    def _references(self, text: str, number: int, in_chat: bool = False) -> None:
        """ "EIP-1559": a reference page like an issue's, linked to the series' own address."""
        for found in self.references.find(text):
            ref = found.reference
            self.meeting.issues.append(
                IssueRef(
                    ref.key,
                    found.number,
                    "reference",
                    number,
                    in_chat=in_chat,
                    url=ref.href(found.number),
                    label=ref.label(found.number),
                )
            )

    def _mark(self, number: int, piece: inline.Piece) -> None:
        if piece.seconds is None:
            head, _, last = piece.mark_label.rpartition(":")
            hint = f"write {head}:0{last} or {head}:{last}0" if len(last) == 1 else "write minutes:seconds, e.g. 5:54"
            self.report(number, WARNING, f"{piece.mark_label!r} is not a valid video time", hint)
            return
        if piece.link_seconds is not None and piece.link_seconds != piece.seconds:
            self.report(
                number,
                WARNING,
                f"the mark says {piece.mark_label} ({piece.seconds} s) but its link has "
                f"t={piece.link_seconds}s; the label is used",
                "make the two agree",
            )
        self.meeting.marks.append(VideoMark(number, piece.start, piece.end, piece.seconds, piece.text))

    def _link(self, number: int, piece: inline.Piece) -> None:
        target = piece.target.strip()
        if not target or target.startswith("#") or _SCHEME.match(target):
            if target.lower().startswith(("javascript:", "vbscript:", "data:")):
                self.report(number, WARNING, "a link to a script or data URL is shown as plain text")
            return
        path = target.split("#")[0].split("?")[0]
        name = path[2:] if path.startswith("./") else path
        if name not in self.attachments:
            self.report(
                number,
                WARNING,
                f"the link to {target!r} points to a file that is not beside the note; it is shown as plain text",
                "add the file next to the note",
            )

    def _next_meetings(self) -> None:
        m = self.meeting
        meeting_date = dates.iso_date(m.date)
        for number in self.prose_lines():
            match = _NEXT.match(m.lines[number - 1].lstrip("# ").strip())
            if not match:
                continue
            which = (match["which"] or "").strip().lower()
            series = which or m.series
            written, _ = dates.find_date(match["rest"])
            m.next_meetings.append(
                NextMeeting(
                    series, written.isoformat() if written else None, number, match["rest"].strip(), named=bool(which)
                )
            )
            if written is None or meeting_date is None:
                continue
            weekday = dates.find_weekday(match["rest"])
            wrong_day = weekday is not None and weekday != written.weekday()
            if written <= meeting_date or wrong_day:
                problems = []
                if written <= meeting_date:
                    problems.append(f"{written.isoformat()} is not after this meeting")
                if wrong_day:
                    problems.append(f"{written:%B} {written.day}, {written.year} was a {written:%A}")
                suggestion = None
                if weekday is not None:
                    fit = dates.year_fitting(written.month, written.day, weekday, meeting_date)
                    if fit:
                        suggestion = f"did you mean {fit.isoformat()} ({fit:%A})?"
                self.report(number, WARNING, "next meeting: " + "; ".join(problems), suggestion)
        self._possible_topics()

    def _possible_topics(self) -> None:
        """Topics proposed for each next meeting: the "Possible Topics" list after its line,
        and a classic note's "Topics for Next Meeting" section for its own series."""
        m = self.meeting
        stops = sorted({n.line for n in m.next_meetings} | {b.label_line for b in m.raw_blocks} | {len(m.lines) + 1})
        for nxt in m.next_meetings:
            stop = next(s for s in stops if s > nxt.line)
            heading = next((h for h in self.headings if nxt.line < h.line < stop and _TOPICS.match(h.text)), None)
            if heading:
                end = next((h.line for h in self.headings if heading.line < h.line < stop), stop)
                nxt.topics = _items(m.lines[heading.line : end - 1])
        section = next((s for s in m.sections if _TOPICS.match(s.title)), None)
        target = next((n for n in m.next_meetings if n.series == m.series), None)
        if section and target and not target.topics:
            body = m.lines[section.line : section.end_line]
            target.topics = _items([line for line in body if _LIST_ITEM.match(line)])

    def _action_items(self) -> None:
        m = self.meeting
        items, duplicates = next_steps(m.lines, m.raw_lines())
        for number, task in duplicates:
            self.report(number, WARNING, f"this next step repeats an earlier one: {task[:60]!r}", "remove it")
        listed = {i.line for i in items}
        known = {strip_affiliation(n).casefold() for n in m.attendees}  # "Li Wei @liwei (guest)": Li Wei
        known.update(p.casefold() for s in m.sections for p in s.presenters)
        known.update(  # "@**Jieyou Xu**", "@jdoe": the note names them as people
            (found["zulip"] or found["login"]).strip().casefold() for line in m.lines for found in mentions_in(line)
        )
        first_names = known | {name.split()[0] for name in known if name.split()}
        for item in items:
            item.owner = item.owner or trailing_owner(item.text, first_names)
        heading_lines = {h.line for h in self.headings}
        prose = [n for n in self.prose_lines() if n not in heading_lines and n != m.attendees_line and n not in listed]
        m.action_items = sorted(items + prose_actions(m.lines, prose, known), key=lambda a: a.line)

    def _community_parts(self) -> None:
        """Decisions and actions as data; speaker turns, where the community writes them."""
        m = self.meeting
        prose = self.prose_lines()
        m.decisions = find_decisions(m.lines, prose)
        # "Try to check …" is no one's task: a one-word owner is a first name or login of someone listed
        short = self._short_names()
        for item in m.decisions:
            owner = item.owner or ""
            one_word = " " not in owner and not _JUST_INITIALS.fullmatch(owner)
            if m.attendees and one_word and owner.casefold() not in short:
                item.owner = None
        listed = {a.line for a in m.action_items}
        for item in m.decisions:
            if item.kind == "action" and item.line not in listed:
                m.action_items.append(ActionItem(item.line, item.owner, item.text))
        m.action_items.sort(key=lambda a: a.line)
        if self.community.speaker_turns:
            m.speakers = speaker_turns(m.lines, prose, self.not_people)
        if self._initials:  # "KS: …" where the attendee list says who KS is
            m.speakers += initials_turns(m.lines, prose, self._initials)
            m.abbreviations = sorted(self._initials)
        owned_items: list[ActionItem | Decision] = [*m.action_items, *m.decisions]
        for owned in owned_items:  # "AK to investigate …": Adam Klein's task
            if owned.owner and _JUST_INITIALS.fullmatch(owned.owner):  # never a person named "RBN"
                owned.owner = self._initials.get(owned.owner)

    def _checks(self) -> None:
        m = self.meeting
        self._check_times()
        self._check_marks()
        listed = len(m.attendees)
        if m.attendees_declared is not None and listed and m.attendees_declared != listed:
            self.report(
                m.attendees_line,
                INFO,
                f"{m.attendees_declared} attendees declared, {listed} listed",
                "the count may include people who were not named",
            )
        if not m.recording:
            labels = self.community.recording_labels
            shape = f"'[{labels[0]}](url)'" if labels else "a line 'Recording: <url>' or a link '[Recording](url)'"
            self.report(None, INFO, "no recording link", f"add {shape}")
        timed = [s for s in m.sections if s.video_seconds is not None]
        for before, after in zip(timed, timed[1:], strict=False):
            if after.video_seconds < before.video_seconds:  # type: ignore[operator]
                self.report(
                    after.line, WARNING, f"video time goes backwards: {after.title!r} starts before {before.title!r}"
                )


_MARK_SLACK = 10 * 60  # a recording often runs on a little after the note's end time
# "(12;30 in the video)", "(12.30 in video)": a mark with the wrong separator.
_NEAR_MARK = re.compile(r"\(\s{0,3}(?P<time>\d{1,2}(?:[;.,]\d{2}){1,2})\s{0,3}in\s+(?:the\s+)?video", re.I)


def _duration(seconds: int) -> str:
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _minutes(clock: str | None) -> int | None:
    if not clock:
        return None
    hour, minute = clock.split(":")[:2]
    return int(hour) * 60 + int(minute)


def _items(lines: list[str]) -> list[str]:
    """Proposed topics in a list, without markers and without "None discussed"."""
    found: list[str] = []
    started = False
    for line in lines:
        if not line.strip():
            if started:
                break  # the list ends at its first blank line
            continue
        started = True
        text = _LIST_ITEM.sub("", line).strip()
        if _END.match(text) or text.startswith("#"):
            break
        if text and not _NONE.match(text):
            found.append(text)
    return found


# A paragraph that is all bold ("**Attendees**", "**<span style=…>Demo - </span>**"): how
# notes exported from a word processor write their headings
_ALL_BOLD = re.compile(r"\*\*(?P<text>[^*\n]{1,300})\*\*|__(?P<under>[^_\n]{1,300})__")
_TAG = re.compile(r"<[^<>]{0,300}>")


def _bold_headings(tokens: list[Token]) -> list[Heading]:
    """The headings of a note that has no Markdown heading but writes them as lines all in
    bold, as word processors export them: the first, at the top, is its title (level 1),
    the others level 2. A note with one such line or none has none."""
    found: list[Heading] = []
    for index, token in enumerate(tokens[:-1]):
        inline = tokens[index + 1]
        if token.type != "paragraph_open" or token.level != 0 or token.map is None or token.map[1] - token.map[0] != 1:
            continue
        bold = _ALL_BOLD.fullmatch(inline.content.strip())
        if bold is None:
            continue
        text = _TAG.sub("", bold["text"] or bold["under"]).strip().rstrip(":-–— ").strip()
        if text:
            level = 1 if not found and token.map[0] <= 3 else 2
            found.append(Heading(token.map[0] + 1, level, text))
    return found if len(found) >= 2 else []


def _is_prose(content: str) -> bool:
    """Indented text that is sentences, not commands: most lines end a sentence or run on."""
    lines = [line.strip() for line in content.splitlines() if line.strip()]
    if not lines:
        return False
    wordy = sum(1 for line in lines if len(line.split()) >= 6 and line[0].isupper())
    shell = sum(1 for line in lines if re.match(r"^[$#>]|^\w+=|[{};]$", line))
    return wordy >= len(lines) / 2 and shell == 0


def _title_words(title: str) -> frozenset[str]:
    """The words that make a title, as an agenda list and a heading both write it."""
    return frozenset(w for w in re.findall(r"\w+", title.casefold()) if w not in _LINKING_WORDS)


def _alike(one: frozenset[str], other: frozenset[str]) -> bool:
    return bool(one and other) and (one <= other or other <= one)


__all__ = ["parse_note", "read_note"]
