"""The notes folder: which files are meetings, what sits beside them, and a parse cache.

A note is `<id>.md` (id = `YYYY-MM-DD`, optionally with a suffix such as `-cabal`), or a
file named by its day in a folder of a month or a year (`2012-05/may-23.md`); files in a
folder named `<id>/` next to a note are its attachments (slides).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import stat
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .community import Community
from .files import read_regular
from .isolate import failure, plain_meeting
from .model import ERROR, INFO, WARNING, Diagnostic, Meeting
from .parse import parse_note, read_note
from .parse.dateline import settle_years
from .parse.dates import exact_month, iso_date
from .parse.series import settle_series
from .text import slugify

_SAFE_ID = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]*")  # whole names only (fullmatch: "$" lets "\n" by)
# A build holds about 120 bytes per byte of a note made of pasted chat (its messages,
# threads, search entries): 2.5 MiB, eleven times the largest real note seen, keeps one
# note's share of a build near 300 MB.
MAX_NOTE_BYTES = 5 * 1024 * 1024 // 2
# Page names the site gives its own pages in meetings/ (MkDocs makes a README the index too).
RESERVED_IDS = frozenset({"index", "readme"})
# "T-compiler Meeting Agenda 2020-03-26": words, then the date. The meeting is published
# under its date when no other note of the folder has that date.
_TITLED_DATE = re.compile(r".*[^\W\d_].*?[\s_-]+(?P<date>\d{4}-\d{1,2}-\d{1,2})")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# "2021-6-16" (a date written without its zeros, as some exports name files): the same day
_UNPADDED_DATE = re.compile(r"(?P<year>\d{4})(?P<sep>[-_])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?!\d)")
# Notes kept in a folder a month or a year ("2012-05/may-23.md", "2021/03-04.md"): the
# folder's name gives what the file's leaves out. Other files there ("toc.md") are no meetings.
_DATED_FOLDER = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2}))?")
# A folder a day ("2025-09-02/meeting-notes.md", with its summary.md and transcript.md):
# the folder is the date; its note is its one Markdown file, or the one named as notes are.
_NOTE_NAME = re.compile(r"(?:(?:meeting|call)[ _-]?)?(?:notes?|minutes)|index|readme", re.I)
# "CG-01-16.md", "WG-02-14.md" in "2024/": a group's meetings, its name before the month and day
_SERIES_DAY = re.compile(r"(?P<series>[a-z]{1,12})[ _.-]+(?P<day>\d{1,2}[ _.-]+\d{1,2})", re.I)
# A year's folder of a quarter or of a month: "Q3", "03"
_PART_OF_YEAR = re.compile(r"[Qq][1-4]|(?P<month>0[1-9]|1[0-2])")
_DAY_NAME = re.compile(r"(?:(?P<month>[a-z]{3,9}|\d{1,2})[ _.-]+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?", re.I)


@dataclass
class NoteFile:
    id: str
    path: Path
    source: str  # the path as shown in messages, e.g. "notes/2020-12-01.md"
    attachments: dict[str, Path] = field(default_factory=dict)  # file name -> path
    refused: list[str] = field(default_factory=list)  # attachments not published (their type)
    number: str | None = None  # the meeting number of a note named by it ("Meeting 180.md")


@dataclass
class ParseCache:
    """Parsed meetings keyed by file content, so a serve rebuild re-parses only what changed."""

    entries: dict[tuple[str, str], Meeting] = field(default_factory=dict)
    # each note file's status (type, inode, size, times) when last read, and the key its bytes gave
    files: dict[Path, tuple[tuple[int, ...], tuple[str, str]]] = field(default_factory=dict)
    parsed: int = 0  # how many notes the last load actually parsed
    changed: set[str] = field(default_factory=set)  # their ids


# Attachments are served from the site's own origin, so only types that cannot run
# script there are published: documents, slides, raster images, plain text, media.
# HTML, SVG, JavaScript and anything unknown are listed in a warning and not copied.
ATTACHMENT_TYPES = frozenset(
    ".pdf .png .jpg .jpeg .gif .webp .avif .bmp .txt .csv .odp .odt .ods .ppt .pptx .pps .ppsx .key "
    ".doc .docx .xls .xlsx .rtf .mp3 .mp4 .m4a .ogg .webm .zip .gz .tgz".split()
)


def find_notes(
    notes_dir: Path, label: str, community: Community | None = None
) -> tuple[list[NoteFile], list[Diagnostic]]:
    """The notes in `notes_dir`, sorted by id. `label` is how the folder is named in messages;
    a `community` whose notes are named by number ("Meeting 180.md") gets ids from its pattern.

    The folder is a boundary: only regular files that are really inside it are read.
    Symbolic links, FIFOs, devices and the like are refused with an error, since a
    contributor could otherwise publish files of the machine that builds the site."""
    if not notes_dir.is_dir():
        return [], [Diagnostic(label, None, ERROR, f"the notes folder {label!r} does not exist")]
    if os.path.realpath(notes_dir) == os.path.realpath(os.sep):
        return [], [Diagnostic(label, None, ERROR, "the notes folder is the root of the file system; nothing is read")]
    problems: list[Diagnostic] = []
    candidates: dict[str, list[NoteFile]] = {}
    entries = _entries(notes_dir, label, problems)
    dated = _dated_names([e.name[: -len(".md")] for e in entries if e.name.endswith(".md")])
    names = {e.name for e in entries}
    for folder in entries:
        if _DATED_FOLDER.fullmatch(folder.name) and folder.is_dir(follow_symlinks=False):
            for note in _folder_notes(folder, f"{label}/{folder.name}", problems):
                candidates.setdefault(note.id, []).append(note)
        elif (
            _ISO_DATE.fullmatch(folder.name)
            and f"{folder.name}.md" not in names
            and folder.is_dir(follow_symlinks=False)
        ):
            day_note = _day_folder_note(folder, f"{label}/{folder.name}", problems)  # else: a note's attachments
            if day_note is not None:
                candidates.setdefault(day_note.id, []).append(day_note)
    for entry in entries:
        if not entry.name.endswith(".md"):
            continue
        source = f"{label}/{entry.name}"
        if not _regular(entry, source, problems):
            continue
        path = Path(entry.path)
        stem = path.stem
        numbered = community.id_of(stem) if community is not None else None
        if community is not None and community.numbered and not numbered:
            # a README or index beside numbered notes is no meeting
            message = f"{entry.name!r} is not named like a note ({community.file_name}.md); it is not published"
            problems.append(Diagnostic(source, None, INFO, message))
            continue
        ident = numbered[0] if numbered else dated.get(stem) or (stem if _SAFE_ID.fullmatch(stem) else slugify(stem))
        if ident != stem and not numbered and stem not in dated:
            problems.append(
                Diagnostic(
                    source,
                    None,
                    WARNING,
                    f"the file name {entry.name!r} is not a safe page name; the meeting is published as {ident!r}",
                    "name notes YYYY-MM-DD.md",
                )
            )
        if ident.casefold() in RESERVED_IDS:
            renamed = f"{ident.lower()}-note"
            message = (
                f"{entry.name!r} has the name of the meetings list's own page; its text is published as {renamed!r}"
            )
            problems.append(Diagnostic(source, None, ERROR, message, "name notes YYYY-MM-DD.md"))
            ident = renamed
        note = NoteFile(ident, path, source, number=numbered[1] if numbered else None)
        candidates.setdefault(ident.casefold(), []).append(note)
    found: list[NoteFile] = []
    for rivals in candidates.values():
        # The name that is its own page name, in lower case, wins whatever the folder's order.
        keep, *dropped = sorted(
            rivals, key=lambda n: (n.path.stem != n.id and n.number is None, n.id != n.id.lower(), n.path.name)
        )
        for note in dropped:
            problems.append(
                Diagnostic(
                    note.source,
                    None,
                    ERROR,
                    f"{note.path.name!r} and {keep.path.name!r} differ only by spaces, case or accents "
                    f"and would be one page; {note.path.name!r} is not published",
                    "rename or remove one of them",
                )
            )
        if keep.id == keep.path.stem:  # never "notes/." for a note named "..md"
            _attachments(keep, notes_dir / keep.id, f"{label}/{keep.id}", problems)
        found.append(keep)
    found.sort(key=lambda n: n.id)
    return found, problems


# A link to an issue, pull request or discussion of a repository on GitHub.
_GITHUB_LINK = re.compile(
    rb"github\.com/(?P<repo>[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100})/(?:issues|pull|discussions)/\d"
)
MIN_LINKS = 3  # fewer links than this say nothing about which repository a bare #123 means


def most_linked_repo(notes: list[NoteFile]) -> str:
    """The repository that most of the notes' GitHub links point to, which a bare `#123`
    then means; "" when none has most of them (a bare number then stays text)."""
    counts: Counter[str] = Counter()
    for note in notes:
        try:
            data = read_regular(note.path, MAX_NOTE_BYTES)
        except OSError:
            continue  # load_meetings says why
        counts.update(m["repo"].decode("ascii").lower() for m in _GITHUB_LINK.finditer(data))
    top = counts.most_common(1)
    if not top or top[0][1] < MIN_LINKS or 2 * top[0][1] <= counts.total():
        return ""
    return top[0][0]


def padded(stem: str) -> str:
    """ "2021-6-16-community-call" -> "2021-06-16-community-call", "2020_07_06" -> "2020-07-06":
    a name that opens with a date written without its zeros or with underscores opens with
    that date as ISO writes it."""
    match = _UNPADDED_DATE.match(stem)
    if match is None or _ISO_DATE.match(stem):
        return stem
    try:
        day = dt.date(int(match["year"]), int(match["month"]), int(match["day"]))
    except ValueError:
        return stem
    return day.isoformat() + stem[match.end() :]


def _dated_names(stems: list[str]) -> dict[str, str]:
    """Stems of the `_TITLED_DATE` shape whose date no other note of the folder has -> that
    date; stems opening with a date written without its zeros -> the name with them."""
    titled = [_TITLED_DATE.fullmatch(stem) for stem in stems]
    dates = [padded(m["date"] if m else stem) for m, stem in zip(titled, stems, strict=True)]
    counts = Counter(d for d in dates if _ISO_DATE.fullmatch(d))
    once = {d for d, n in counts.items() if n == 1}
    return {
        stem: date
        for stem, date, m in zip(stems, dates, titled, strict=True)
        if date != stem and (date in once or m is None)
    }


def _folder_notes(folder: os.DirEntry[str], label: str, problems: list[Diagnostic], within: str = "") -> list[NoteFile]:
    """The notes of a folder named by a month or a year (`within`: the month or year its
    name gives, from the folders above it), each under the date its name and the folder's
    give together; its other Markdown files are named in a message. A year's folders of a
    quarter or a month ("2017/Q1/", "2021/03/") are read the same way."""
    within = within or folder.name
    found = []
    for entry in _entries(Path(folder.path), label, problems):
        source = f"{label}/{entry.name}"
        part = _PART_OF_YEAR.fullmatch(entry.name) if len(within) == 4 else None
        if part and entry.is_dir(follow_symlinks=False):
            month = f"{within}-{int(part['month']):02}" if part["month"] else within
            found += _folder_notes(entry, source, problems, month)
            continue
        if not entry.name.endswith(".md") or not _regular(entry, source, problems):
            continue
        stem = entry.name[: -len(".md")]
        day, ident = _folder_date(within, stem), None
        if day is None and (prefixed := _SERIES_DAY.fullmatch(stem)):  # "CG-01-16.md": the CG's meeting
            day = _folder_date(within, prefixed["day"])
            ident = f"{day}-{slugify(prefixed['series'])}" if day else None
        if day is None and _ISO_DATE.match(name := padded(stem)) and name.startswith(within):
            day, ident = name[:10], name if _SAFE_ID.fullmatch(name) else slugify(name)  # "2016-09-05--js-ipfs.md"
        if day is None:
            message = f"{entry.name!r} is not named by a day of {within}; it is not published as a meeting"
            problems.append(Diagnostic(source, None, INFO, message))
        else:
            found.append(NoteFile(ident or day, Path(entry.path), source))
    return found


def _day_folder_note(folder: os.DirEntry[str], label: str, problems: list[Diagnostic]) -> NoteFile | None:
    """The note of a folder named by a day that has no note of its own name beside it: its
    only Markdown file, or the one named like notes ("meeting-notes.md"); the others are
    named in a message. None for a folder of attachments (no Markdown in it)."""
    if iso_date(folder.name) is None:
        return None
    texts = [e for e in _entries(Path(folder.path), label, problems) if e.name.endswith(".md")]
    texts = [e for e in texts if _regular(e, f"{label}/{e.name}", problems)]
    named = [e for e in texts if _NOTE_NAME.fullmatch(e.name[: -len(".md")])]
    chosen = texts[0] if len(texts) == 1 else named[0] if len(named) == 1 else None
    for entry in texts:
        if entry is not chosen:
            message = f"{entry.name!r} is beside the note of {folder.name}; it is not published as a meeting"
            problems.append(Diagnostic(f"{label}/{entry.name}", None, INFO, message))
    return NoteFile(folder.name, Path(chosen.path), f"{label}/{chosen.name}") if chosen else None


def _folder_date(folder: str, stem: str) -> str | None:
    """The ISO date of the note `stem` in the folder `folder` ("2012-05", "may-23" ->
    "2012-05-23"), or None when the two do not name one day."""
    within = _DATED_FOLDER.fullmatch(folder)
    if within is None:
        return None
    if _ISO_DATE.fullmatch(stem) or (titled := _TITLED_DATE.fullmatch(stem)):
        written = stem if _ISO_DATE.fullmatch(stem) else padded(titled["date"])  # type: ignore[index]
        return written if written.startswith(within["year"]) else None
    named = _DAY_NAME.fullmatch(stem)
    if named is None:
        return None
    year, month = int(within["year"]), int(within["month"] or 0)
    if named["month"]:
        given = named["month"]
        of_name = int(given) if given.isdigit() else exact_month(given)
        if of_name is None:
            return None
        if month and of_name < month - 6:  # a meeting of several days, into the next year
            year += 1
        month = of_name
    if not month:
        return None
    try:
        return dt.date(year, month, int(named["day"])).isoformat()
    except ValueError:
        return None


def _entries(folder: Path, label: str, problems: list[Diagnostic]) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as listing:
            return sorted(listing, key=lambda e: e.name)
    except OSError as error:
        problems.append(Diagnostic(label, None, ERROR, f"cannot list the folder: {error.strerror or error}"))
        return []


def _regular(entry: os.DirEntry[str], source: str, problems: list[Diagnostic]) -> bool:
    """A regular file, not behind a link; anything else is refused with an error."""
    try:
        if entry.is_symlink():
            why = "it is a symbolic link; only files inside the notes folder are read"
        elif entry.is_file(follow_symlinks=False):
            return True
        elif entry.is_dir(follow_symlinks=False):
            return False  # a folder named like a note: not a note, nothing to say
        else:
            why = "it is not a regular file (a FIFO, socket or device)"
    except OSError as error:
        why = f"it cannot be read: {error.strerror or error}"
    problems.append(Diagnostic(source, None, ERROR, f"refused: {why}", "commit the file itself"))
    return False


def _attachments(note: NoteFile, folder: Path, label: str, problems: list[Diagnostic]) -> None:
    try:
        info = folder.lstat()
    except OSError:
        return  # no attachments
    if stat.S_ISLNK(info.st_mode):
        problems.append(
            Diagnostic(label, None, ERROR, "refused: the attachment folder is a symbolic link", "commit the files")
        )
        return
    if not stat.S_ISDIR(info.st_mode):
        return
    for entry in _entries(folder, label, problems):
        if entry.name.startswith("."):
            continue
        source = f"{label}/{entry.name}"
        if not _regular(entry, source, problems):
            if entry.is_dir(follow_symlinks=False):
                problems.append(Diagnostic(source, None, WARNING, "folders in an attachment folder are not published"))
            continue
        suffix = Path(entry.name).suffix.lower()
        if suffix == ".md":
            problems.append(
                Diagnostic(
                    source,
                    None,
                    WARNING,
                    "a Markdown file beside a note is not published",
                    "put it in docs/, or give it another extension",
                )
            )
        elif suffix not in ATTACHMENT_TYPES:
            note.refused.append(entry.name)
            problems.append(
                Diagnostic(
                    source,
                    None,
                    WARNING,
                    f"attachments of type {suffix or '(none)'!r} are not published: a browser could run script "
                    "in them on the site's address",
                    "convert it to PDF or PNG, or link to it elsewhere",
                )
            )
        else:
            note.attachments[entry.name] = Path(entry.path)


def load_meetings(
    notes: list[NoteFile], default_repo: str, cache: ParseCache | None = None, community: Community | None = None
) -> list[Meeting]:
    """Parse every note (or take it from `cache` when its bytes are unchanged); a note whose
    date line lacks its year takes it from the meetings numbered around it."""
    community = community or Community()
    cache = cache if cache is not None else ParseCache()
    meetings: list[Meeting] = []
    fresh: dict[tuple[str, str], Meeting] = {}
    files: dict[Path, tuple[tuple[int, ...], tuple[str, str]]] = {}
    cache.parsed = 0
    cache.changed = set()
    for note in notes:
        meeting = _load_one(note, default_repo, cache, fresh, community, files)
        meetings.append(meeting)
    cache.entries, cache.files = fresh, files
    if community.date_labels:
        meetings = settle_years(meetings, {n.id: n.source for n in notes})
    return settle_series(meetings)


def _load_one(
    note: NoteFile,
    default_repo: str,
    cache: ParseCache,
    fresh: dict[tuple[str, str], Meeting],
    community: Community,
    files: dict[Path, tuple[tuple[int, ...], tuple[str, str]]],
) -> Meeting:
    context = f"{note.source}|{default_repo}|{','.join(sorted(note.attachments))}|{hash(community)}"
    status = _status(note.path)
    known = cache.files.get(note.path)
    if status is not None and known is not None and known[0] == status and known[1][0] == context:
        # Unchanged since it was last read (any write changes its ctime): not read again.
        meeting = cache.entries.get(known[1])
        if meeting is not None:
            fresh[known[1]] = meeting
            files[note.path] = known
            return meeting
    try:
        data = read_regular(note.path, MAX_NOTE_BYTES)
    except OSError as error:
        too_large = "limit" in str(error)
        problem = f"the note is too large to publish: {error}" if too_large else f"cannot read the file: {error}"
        suggestion = "split it, or move pasted logs to a file beside it" if too_large else None
        # The page says why it is empty, so no reader takes it for a meeting without notes.
        meeting = plain_meeting(note.id, note.source, f"This note was not published: {problem}.")
        meeting.diagnostics.append(Diagnostic(note.source, None, ERROR, problem, suggestion))
        return meeting
    key = (context, hashlib.sha256(data).hexdigest())
    if status is not None:
        files[note.path] = (status, key)
    meeting = cache.entries.get(key)
    if meeting is None:
        meeting = _parse(data, note, default_repo, community)
        meeting.digest = hashlib.sha256("|".join(key).encode("utf-8", "surrogatepass")).hexdigest()
        cache.parsed += 1
        cache.changed.add(note.id)
    fresh[key] = meeting
    return meeting


RECENT_NS = 2_000_000_000  # a file changed this recently may change again within its clock's tick


def _status(path: Path) -> tuple[int, ...] | None:
    """What tells a file unchanged without reading it: its type, inode, size and times.
    None for a file changed in the last two seconds: file times are coarse (a few
    milliseconds, or seconds on some file systems), so a second write of the same size
    could leave them as they were; such a file is read each time until it settles."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    if time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) < RECENT_NS:
        return None
    return (info.st_mode, info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def _parse(data: bytes, note: NoteFile, default_repo: str, community: Community) -> Meeting:
    """The meeting of one note; a fault in the parser costs that note its structure, not the site."""
    text, problems = read_note(data, note.source)
    try:
        meeting = parse_note(
            text, note.source, note.id, default_repo, frozenset(note.attachments), community, note.number
        )
    except Exception as error:  # noqa: BLE001 (any fault: the note is still published, as text)
        meeting = plain_meeting(note.id, note.source, text)
        meeting.diagnostics.append(failure(note.source, "reading the note", error))
    meeting.diagnostics[:0] = problems
    return meeting
