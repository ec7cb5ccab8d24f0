"""What became of each referenced issue, pull request and discussion: the data file.

`meetings refs update` (refsync.py) fetches it from GitHub and writes `refs.json` beside
mkdocs.yml; the build only reads it, never the network. One entry a reference, keys sorted,
one field a line, so a maintainer commits it like people.yml and its diff reads well:

    {"version": 1, "refs": {"containers/podman#8483": {"kind": "issue", "state": "closed",
      "title": "…", "labels": ["…"], "created": "2020-11-30", "closed": "2021-02-10",
      "closed_by": "commit 1a2b3c4", "status": 200, "etag": "…", "fetched": "2026-12-06"}}}

Titles and labels are anyone's text on GitHub: on reading they are checked for type, made
valid text without invisible or direction characters, and capped; a file that is too
large or not of this shape is refused with a finding and the site is built without it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .model import ERROR, WARNING, Diagnostic
from .text import clean_name, valid_text

VERSION = 1
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TITLE = 300
MAX_LABELS = 20
MAX_LABEL = 50
STATES = ("open", "closed", "merged")
# What GitHub answered for a reference that has no issue to show.
GONE = {301: "moved", 403: "private", 404: "not found", 410: "deleted"}
_REF = re.compile(r"[a-z0-9][a-z0-9-]{0,38}/[a-z0-9._-]{1,100}#[1-9][0-9]{0,9}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
PROBLEMS = ("too large", "incomplete")  # RefInfo.problem


@dataclass(frozen=True)
class RefInfo:
    """One reference as GitHub described it when it was fetched."""

    status: int = 200
    kind: str = ""  # "issue", "pull", "discussion"
    state: str = ""  # one of STATES, "" when unknown
    title: str = ""
    labels: tuple[str, ...] = ()
    created: str | None = None  # YYYY-MM-DD
    closed: str | None = None
    closed_by: str | None = None  # "containers/podman#9012", or "commit 1a2b3c4"
    moved_to: str | None = None  # "owner/repo#N" of a transferred issue
    etag: str | None = None
    fetched: str | None = None  # YYYY-MM-DD
    # why the last answer could not be used ("too large", "incomplete"): the entry keeps its
    # tag, so the next run asks only whether it changed
    problem: str = ""

    @property
    def shown_state(self) -> str:
        """What a reader is told: "open", "closed", "merged", or why there is nothing."""
        return GONE.get(self.status, "") if self.status != 200 else self.state


@dataclass
class Refs:
    entries: dict[str, RefInfo] = field(default_factory=dict)

    def get(self, ident: str) -> RefInfo | None:
        return self.entries.get(ident)


def shown_text(value: object, limit: int) -> str:
    """Contributor text as one plain line: valid, no invisible or direction characters, capped."""
    text = clean_name(valid_text(str(value)))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _day(value: object) -> str | None:
    return value[:10] if isinstance(value, str) and _DAY.match(value[:10]) else None


def read_entry(data: object) -> RefInfo | None:
    """An entry of the file (or as refsync builds it), checked field by field."""
    if not isinstance(data, dict):
        return None
    status = data.get("status", 200)
    if not isinstance(status, int) or isinstance(status, bool):
        return None
    kind = data.get("kind") if data.get("kind") in ("issue", "pull", "discussion") else ""
    state = data.get("state") if data.get("state") in STATES else ""
    given = data.get("labels")
    labels: list[object] = given if isinstance(given, list) else []
    closed_by = data.get("closed_by")
    moved = data.get("moved_to")
    return RefInfo(
        status=status,
        kind=str(kind),
        state=str(state),
        title=shown_text(data.get("title") or "", MAX_TITLE) if isinstance(data.get("title"), str) else "",
        labels=tuple(shown_text(label, MAX_LABEL) for label in labels[:MAX_LABELS] if isinstance(label, str)),
        created=_day(data.get("created")),
        closed=_day(data.get("closed")),
        closed_by=shown_text(closed_by, 80) if isinstance(closed_by, str) else None,
        moved_to=moved if isinstance(moved, str) and _REF.fullmatch(moved) else None,
        etag=shown_text(data["etag"], 200) if isinstance(data.get("etag"), str) else None,
        fetched=_day(data.get("fetched")),
        problem=str(data["problem"]) if data.get("problem") in PROBLEMS else "",
    )


def entry_json(info: RefInfo) -> dict[str, object]:
    """An entry as the file holds it (empty fields left out)."""
    return {key: value for key, value in asdict(info).items() if value not in (None, "", [], ())}


def outcome_json(info: RefInfo) -> dict[str, object]:
    """What the export says of an issue: its fields as a reader sees them, every one present."""
    shown = {key: value for key, value in asdict(info).items() if key not in ("status", "kind", "etag", "problem")}
    return {**shown, "state": info.shown_state, "labels": list(info.labels)}


def dump_refs(entries: dict[str, RefInfo]) -> str:
    refs = {ident: entry_json(entries[ident]) for ident in sorted(entries)}
    return json.dumps({"version": VERSION, "refs": refs}, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def load_refs(path: Path, label: str) -> tuple[Refs, list[Diagnostic]]:
    """The data file at `path`; absent: no entries, and no finding."""
    if not os.path.lexists(path):
        return Refs(), []
    if path.is_symlink() or not path.is_file():
        return Refs(), [Diagnostic(label, None, ERROR, "is not a regular file; it is not read")]
    if path.stat().st_size > MAX_FILE_BYTES:
        return Refs(), [Diagnostic(label, None, ERROR, f"is larger than {MAX_FILE_BYTES // 2**20} MiB; it is not read")]
    try:
        text = path.read_bytes().decode("utf-8")
        data = json.loads(text)
    except UnicodeDecodeError as error:
        return Refs(), [Diagnostic(label, None, ERROR, f"is not UTF-8 ({error.reason}); it is not read")]
    except json.JSONDecodeError as error:
        message = f"is not valid JSON: {error.msg}; it is not read"
        return Refs(), [Diagnostic(label, error.lineno, ERROR, message, "run: meetings refs update")]
    except (OSError, RecursionError) as error:
        return Refs(), [Diagnostic(label, None, ERROR, f"cannot be read: {type(error).__name__}")]
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("refs"), dict):
        message = f"expected {{'version': {VERSION}, 'refs': {{…}}}}; it is not read"
        return Refs(), [Diagnostic(label, 1, ERROR, message, "run: meetings refs update")]
    entries: dict[str, RefInfo] = {}
    problems: list[Diagnostic] = []
    for ident, value in data["refs"].items():
        info = read_entry(value) if isinstance(ident, str) and _REF.fullmatch(ident) else None
        if info is None:
            if len(problems) < 5:
                line = _line_of(text, ident)
                problems.append(Diagnostic(label, line, WARNING, f"the entry {str(ident)[:80]!r} is not understood"))
            continue
        entries[ident] = info
    return Refs(entries), problems


def _line_of(text: str, key: object) -> int | None:
    """The line where `key` is written as a key of the file ('"owner/repo#1": {'), if found."""
    found = text.find(json.dumps(key, ensure_ascii=False) + ":")
    if found < 0:
        found = text.find(json.dumps(key) + ":")
    return text.count("\n", 0, found) + 1 if found >= 0 else None


def today() -> str:
    """The date entries are stamped with (SOURCE_DATE_EPOCH, when set, for repeatable runs)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch and epoch.isdigit() else dt.datetime.now(dt.UTC)
    return moment.date().isoformat()
