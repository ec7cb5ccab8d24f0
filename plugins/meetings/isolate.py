"""One note's fault stays that note's: what a stage that failed leaves behind.

Each stage (parse, link, render) runs per note inside a guard; an exception becomes an
`error` diagnostic on that note, and the note is published with its text and nothing
derived from it, so every other page is built as usual and `--strict` fails on the error.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .model import ERROR, Diagnostic, Meeting


def failure(source: str, stage: str, error: BaseException, line: int | None = None) -> Diagnostic:
    detail = f"{type(error).__name__}: {error}"[:300]
    return Diagnostic(
        source,
        line,
        ERROR,
        f"an internal error stopped {stage} ({detail}); the note is published as plain text",
        "report this note to the site's maintainers",
    )


def plain_meeting(ident: str, source: str, text: str) -> Meeting:
    """A meeting that is its lines alone: no names, sections, chat or references."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    meeting = Meeting(ident, source, lines, title=f"Meeting {ident}", date=ident[:10])
    meeting.plain = True
    return meeting


def plain_copy(meeting: Meeting) -> Meeting:
    """The same note with everything derived from it dropped (a later stage failed on it)."""
    copy = plain_meeting(meeting.id, meeting.source, "")
    copy.lines = meeting.lines
    copy.diagnostics = list(meeting.diagnostics)
    return copy


class NoteFault(Exception):
    """A stage failed on one note; `diagnostic` says which and why."""

    def __init__(self, meeting: str, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.meeting = meeting
        self.diagnostic = diagnostic


@contextmanager
def blame(meeting: Meeting, stage: str, line: int | None = None) -> Iterator[None]:
    """Run a step on one note's data; any exception in it is that note's fault."""
    try:
        yield
    except NoteFault:
        raise
    except Exception as error:  # noqa: BLE001 (any fault in one note's data)
        raise NoteFault(meeting.id, failure(meeting.source, stage, error, line)) from error
