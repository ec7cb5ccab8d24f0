"""How one community writes its notes: the settings of `community.yml`, with the Podman
archive's conventions as the default (every field empty or off means "as Podman does").

    notes:
      file_name: "Meeting {number}"      # `Meeting 180.md` is published as meeting-180
      id: "meeting-{number}"
      date_labels: ["Meeting Date/Time", "Date/Time", "Time"]
    headings:
      agenda_levels: [1, 2, 3]
      metadata: ["Meeting Duration", "Moderator", "Notes"]
      containers: ["Summary", "Agenda"]
      generic: ["Intro"]
    recording_labels: ["Video of the meeting"]
    attendee_headings: ["Attendees", "Attendance"]
    speaker_turns: true
    chat_labels: ["Call Chat"]
    not_people: ["Pectra"]
    references:
      - name: EIP
        url: "https://eips.ethereum.org/EIPS/eip-{number}"

Words and labels are plain text, never regular expressions: the file may come by pull
request, and a pattern of its author's could take the build hours to match.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from .model import WARNING, Diagnostic
from .yamlfile import Map, Seq, load_yaml_file, one_line

_MAX_WORDS = 200  # per list: a vocabulary, not a dictionary
_MAX_TEXT = 120


@dataclass(frozen=True)
class Reference:
    """A numbered document series the notes cite as `NAME-1234` or `NAME 1234` (EIPs, RFCs, KEPs)."""

    name: str
    url: str  # with "{number}"

    @property
    def key(self) -> str:
        """What its reference pages are filed under: issues/<key>/<number>."""
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") or "ref"

    def label(self, number: int) -> str:
        return f"{self.name}-{number}"

    def href(self, number: int) -> str:
        return self.url.replace("{number}", str(number))


@dataclass(frozen=True)
class Community:
    # notes: ids and dates
    file_name: str = ""  # "Meeting {number}"; empty: notes are YYYY-MM-DD.md
    note_id: str = "meeting-{number}"
    date_labels: tuple[str, ...] = ()  # labels of the line that holds the date; empty: the file name
    # headings
    agenda_levels: tuple[int, ...] = ()  # empty: Podman's layouts (classic H2 or one-line H3/H4)
    metadata: tuple[str, ...] = ()  # headings that start so are metadata, not agenda items
    containers: tuple[str, ...] = ()  # headings that hold agenda items but are none themselves
    generic: tuple[str, ...] = ()  # agenda items that recur in every meeting (no topic pages)
    # people, recordings, chat
    recording_labels: tuple[str, ...] = ()  # "[Video of the meeting](url)" is the recording
    attendee_headings: tuple[str, ...] = ()  # one name per bullet under these headings
    speaker_turns: bool = False  # "**Name**" opening a turn credits Name with taking part
    chat_labels: tuple[str, ...] = ()  # headings over a pasted chat
    not_people: tuple[str, ...] = ()  # words that are never a person's name
    references: tuple[Reference, ...] = ()

    @property
    def numbered(self) -> bool:
        return bool(self.file_name)

    def note_pattern(self) -> re.Pattern[str] | None:
        """The file-name stem of a note, `{number}` being its meeting number."""
        if "{number}" not in self.file_name:
            return None
        before, _, after = self.file_name.partition("{number}")
        return re.compile(_words(before) + r"(?P<number>\d{1,6})" + _words(after), re.I)

    def id_of(self, stem: str) -> tuple[str, str] | None:
        """(id, number) of a note named like `file_name`, or None."""
        pattern = self.note_pattern()
        match = pattern.fullmatch(stem.strip()) if pattern else None
        if not match:
            return None
        number = str(int(match["number"]))
        ident = self.note_id.replace("{number}", number)
        return (ident, number) if re.fullmatch(r"[0-9A-Za-z][0-9A-Za-z_-]*", ident) else None


def _words(text: str) -> str:
    """A literal piece of a name, any run of spaces, '-' or '_' matching any other. The runs
    are possessive (no part starts with one of them), so no text makes a match backtrack."""
    run = r"[\s_-]*+"
    parts = [re.escape(p) for p in re.split(r"[\s_-]+", text) if p]
    lead = run if text[:1] in " \t_-" and text else ""
    trail = run if parts and text[-1:] in " \t_-" else ""
    return lead + run.join(parts) + trail


def any_of(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """A line or heading that starts with one of `words` (case, spacing and leading signs
    aside). Words come from a contributor's settings: the pattern is linear in any line,
    since the leading signs are taken possessively and the words start with none."""
    bare = {re.sub(r"^[\W_]+", "", w) for w in words} - {""}
    if not bare:
        return None
    body = "|".join(_words(w) for w in sorted(bare, key=lambda w: (-len(w), w)))
    return re.compile(rf"^[\W_]*+(?:{body})(?![^\W_])", re.I)


_LISTS = {
    "date_labels": ("notes", "date_labels"),
    "metadata": ("headings", "metadata"),
    "containers": ("headings", "containers"),
    "generic": ("headings", "generic"),
    "recording_labels": (None, "recording_labels"),
    "attendee_headings": (None, "attendee_headings"),
    "chat_labels": (None, "chat_labels"),
    "not_people": (None, "not_people"),
}
_TOP = {"notes", "headings", "recording_labels", "attendee_headings", "speaker_turns", "chat_labels"}
_TOP |= {"not_people", "references"}


@dataclass
class _Reader:
    label: str
    problems: list[Diagnostic] = field(default_factory=list)

    def problem(self, line: int | None, message: str) -> None:
        self.problems.append(Diagnostic(self.label, line, WARNING, message))

    def texts(self, value: object, name: str, line: int | None) -> tuple[str, ...]:
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
            self.problem(line, f"{name} must be a list of text; it is ignored")
            return ()
        words = [one_line(str(v))[:_MAX_TEXT] for v in value[:_MAX_WORDS]]
        if len(value) > _MAX_WORDS:
            self.problem(line, f"{name} has {len(value):,} entries; the first {_MAX_WORDS} are used")
        return tuple(w for w in words if w)


def read_community(data: object, label: str) -> tuple[Community, list[Diagnostic]]:
    """A Community from the mapping of a community.yml; what is wrong is a warning, and the
    Podman default is kept for it."""
    reader = _Reader(label)
    if data is None:
        return Community(), reader.problems
    if not isinstance(data, Map):
        reader.problem(1, "expected a mapping of settings (notes:, headings:, references:, …)")
        return Community(), reader.problems
    unknown = sorted(map(str, set(data) - _TOP))
    if unknown:
        reader.problem(data.line, f"unknown key(s) {', '.join(unknown)}; expected {', '.join(sorted(_TOP))}")
    notes = _group(reader, data, "notes", {"file_name", "id", "date_labels"})
    headings = _group(reader, data, "headings", {"agenda_levels", "metadata", "containers", "generic"})
    values: dict[str, object] = {}
    for name, (group, key) in _LISTS.items():
        where = {"notes": notes, "headings": headings, None: data}[group]
        values[name] = reader.texts(where.get(key), key, getattr(where, "key_lines", {}).get(key))
    file_name = notes.get("file_name")
    if file_name is not None:
        if isinstance(file_name, str) and "{number}" in file_name and len(file_name) <= _MAX_TEXT:
            values["file_name"] = file_name
        else:
            reader.problem(notes.key_lines.get("file_name"), "notes.file_name must be text holding {number}")
    ident = notes.get("id")
    if ident is not None:
        if isinstance(ident, str) and re.fullmatch(r"[0-9A-Za-z_-]*\{number\}[0-9A-Za-z_-]*", ident):
            values["note_id"] = ident
        else:
            reader.problem(notes.key_lines.get("id"), "notes.id must be letters, digits, '-' or '_' and {number}")
    levels = headings.get("agenda_levels")
    if levels is not None:
        if isinstance(levels, list) and levels and all(isinstance(v, int) and 1 <= v <= 6 for v in levels):
            values["agenda_levels"] = tuple(sorted(set(levels)))
        else:
            reader.problem(headings.key_lines.get("agenda_levels"), "headings.agenda_levels must list levels 1 to 6")
    turns = data.get("speaker_turns")
    if turns is not None:
        if isinstance(turns, bool):
            values["speaker_turns"] = turns
        else:
            reader.problem(data.key_lines.get("speaker_turns"), "speaker_turns must be true or false")
    values["references"] = _references(reader, data.get("references"), data.key_lines.get("references"))
    return Community(**values), reader.problems  # type: ignore[arg-type]


def _group(reader: _Reader, data: Map, name: str, keys: set[str]) -> Map:
    value = data.get(name)
    if value is None:
        return Map(data.line)
    if not isinstance(value, Map):
        reader.problem(data.key_lines.get(name), f"{name} must be a mapping; it is ignored")
        return Map(data.line)
    unknown = sorted(map(str, set(value) - keys))
    if unknown:
        reader.problem(value.line, f"{name}: unknown key(s) {', '.join(unknown)}; expected {', '.join(sorted(keys))}")
    return value


def _references(reader: _Reader, value: object, line: int | None) -> tuple[Reference, ...]:
    if value is None:
        return ()
    if not isinstance(value, Seq):
        reader.problem(line, "references must be a list of {name, url}")
        return ()
    found = []
    names: dict[str, str] = {}  # folded name -> the name as first written
    for item, at in zip(value, value.lines, strict=True):
        name = item.get("name") if isinstance(item, Map) else None
        url = item.get("url") if isinstance(item, Map) else None
        if not (isinstance(name, str) and re.fullmatch(r"[A-Za-z][A-Za-z0-9]{0,19}", name)):
            reader.problem(at, "a reference needs a 'name' of letters and digits (EIP, RFC)")
            continue
        if not (isinstance(url, str) and re.fullmatch(r"https://[^\s<>\"'{}]*\{number\}[^\s<>\"'{}]*", url)):
            reader.problem(at, f"{name}: 'url' must be an https address holding {{number}}")
            continue
        if name.casefold() in names:
            first = names[name.casefold()]
            reader.problem(at, f"references: {name!r} and {first!r} differ only by case; {name!r} is ignored")
            continue
        names[name.casefold()] = name
        found.append(Reference(name, url))
    return tuple(found)


def load_community(path: Path, label: str) -> tuple[Community, list[Diagnostic]]:
    """The settings in `path` (an absent file: Podman's conventions)."""
    if not os.path.lexists(path):
        return Community(), []
    loaded = load_yaml_file(path, label)
    community, problems = read_community(loaded.data, label)
    return community, loaded.problems + problems
