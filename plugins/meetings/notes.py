"""The notes folder: which files are meetings, what sits beside them, and a parse cache.

A note is `<id>.md` (id = `YYYY-MM-DD`, optionally with a suffix such as `-cabal`);
files in a folder named `<id>/` next to it are its attachments (slides).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .model import ERROR, WARNING, Diagnostic, Meeting
from .parse import parse_note, read_note
from .text import slugify

_SAFE_ID = re.compile(r"^[0-9A-Za-z][0-9A-Za-z_-]*$")
MAX_NOTE_BYTES = 8 * 1024 * 1024


@dataclass
class NoteFile:
    id: str
    path: Path
    source: str  # the path as shown in messages, e.g. "notes/2020-12-01.md"
    attachments: dict[str, Path] = field(default_factory=dict)  # file name -> path


@dataclass
class ParseCache:
    """Parsed meetings keyed by file content, so a serve rebuild re-parses only what changed."""

    entries: dict[tuple[str, str], Meeting] = field(default_factory=dict)
    parsed: int = 0  # how many notes the last load actually parsed


def find_notes(notes_dir: Path, label: str) -> tuple[list[NoteFile], list[Diagnostic]]:
    """The notes in `notes_dir`, sorted by id. `label` is how the folder is named in messages."""
    found: list[NoteFile] = []
    problems: list[Diagnostic] = []
    if not notes_dir.is_dir():
        return [], [Diagnostic(label, None, ERROR, f"the notes folder {label!r} does not exist")]
    ids: dict[str, str] = {}
    for path in sorted(notes_dir.glob("*.md")):
        source = f"{label}/{path.name}"
        stem = path.stem
        ident = stem if _SAFE_ID.match(stem) else slugify(stem)
        if ident != stem:
            problems.append(
                Diagnostic(
                    source,
                    None,
                    WARNING,
                    f"the file name {path.name!r} is not a safe page name; the meeting is published as {ident!r}",
                    "name notes YYYY-MM-DD.md",
                )
            )
        if ident in ids:
            problems.append(
                Diagnostic(
                    source,
                    None,
                    ERROR,
                    f"{path.name!r} and {ids[ident]!r} would both be "
                    f"published as meeting {ident!r}; this one is skipped",
                )
            )
            continue
        ids[ident] = path.name
        note = NoteFile(ident, path, source)
        folder = notes_dir / stem
        if ident == stem and folder.is_dir():  # never "notes/." for a note named "..md"
            for file in sorted(folder.iterdir()):
                if file.name.startswith(".") or file.is_symlink() or not file.is_file():
                    continue
                if file.suffix.lower() == ".md":
                    problems.append(
                        Diagnostic(
                            f"{label}/{stem}/{file.name}",
                            None,
                            WARNING,
                            "a Markdown file beside a note is not published",
                            "put it in docs/, or give it another extension",
                        )
                    )
                    continue
                note.attachments[file.name] = file
        found.append(note)
    found.sort(key=lambda n: n.id)
    return found, problems


def load_meetings(notes: list[NoteFile], default_repo: str, cache: ParseCache | None = None) -> list[Meeting]:
    """Parse every note (or take it from `cache` when its bytes are unchanged)."""
    cache = cache if cache is not None else ParseCache()
    meetings: list[Meeting] = []
    fresh: dict[tuple[str, str], Meeting] = {}
    cache.parsed = 0
    for note in notes:
        meeting = _load_one(note, default_repo, cache, fresh)
        meetings.append(meeting)
    cache.entries = fresh
    return meetings


def _load_one(note: NoteFile, default_repo: str, cache: ParseCache, fresh: dict[tuple[str, str], Meeting]) -> Meeting:
    problem, suggestion, data = None, None, b""
    try:
        size = note.path.stat().st_size
        if size > MAX_NOTE_BYTES:
            problem = f"the note is too large to publish: {size:,} bytes, over the limit of {MAX_NOTE_BYTES:,} bytes"
            suggestion = "split it, or move pasted logs to a file beside it"
        else:
            data = note.path.read_bytes()
    except OSError as error:
        problem = f"cannot read the file: {error}"
    if problem:
        # The page says why it is empty, so no reader takes it for a meeting without notes.
        meeting = Meeting(note.id, note.source, [f"This note was not published: {problem}."])
        meeting.date = note.id[:10]
        meeting.title = f"Meeting {note.id}"
        meeting.diagnostics.append(Diagnostic(note.source, None, ERROR, problem, suggestion))
        return meeting
    digest = hashlib.sha256(data).hexdigest()
    key = (f"{note.source}|{default_repo}|{','.join(sorted(note.attachments))}", digest)
    meeting = cache.entries.get(key)
    if meeting is None:
        text, problems = read_note(data, note.source)
        meeting = parse_note(text, note.source, note.id, default_repo, frozenset(note.attachments))
        meeting.diagnostics[:0] = problems
        cache.parsed += 1
    fresh[key] = meeting
    return meeting
