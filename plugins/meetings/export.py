"""The archive as one JSON document (schema version 1, documented in docs/api.md)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from . import urls
from .archive import Archive
from .memo import PageMemo
from .model import Issue, Meeting, Person, Topic
from .refs import outcome_json
from .text import valid_text

SCHEMA_VERSION = 2  # 2: issues[].outcome, from the refs file
EXPORT_SRC = "api/archive.json"


def export_json(archive: Archive, directory_urls: bool = True, memo: PageMemo | None = None) -> str:
    """The document, compact: json's C encoder only serves calls without indent (5x faster on
    a large archive). Each meeting's entry is encoded on its own and the entries joined, as
    json would; with `memo` (a serve rebuild), the entries of unchanged meetings are kept."""
    entries = []
    for m in archive.meetings:
        make = partial(_meeting_entry, meeting=m, directory_urls=directory_urls)
        if memo is None or memo.stamps is None:
            entries.append(make(archive))
            continue
        # The stamp holds the note's text and what linking gave it; findings come from other notes too.
        key = (memo.stamps.meeting(m), m.source, repr(m.diagnostics), directory_urls)
        entries.append(memo.page(f"{EXPORT_SRC}#{m.id}", key, make, part=True))
    parts = {"version": _dumps(SCHEMA_VERSION), "meetings": "[" + ",".join(entries) + "]"}
    parts |= _tables(archive, directory_urls, memo)
    # Only strings can hold what valid_text replaces, so the whole text is made valid at once.
    return valid_text("{" + ",".join(f"{_dumps(name)}:{value}" for name, value in parts.items()) + "}\n")


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _meeting_entry(archive: Archive, meeting: Meeting, directory_urls: bool) -> str:
    """One meeting's entry; `archive` may be the one a page memo watches."""
    m = meeting

    def person_id(meeting: Meeting, written: str | None) -> str | None:
        person = archive.person_of(meeting.id, written) if written else None
        return person.id if person else None

    attendees = list(dict.fromkeys(p for p in (person_id(m, n) for n in m.attendees) if p))
    return _dumps(
        {
            "id": m.id,
            "source": m.source,
            "url": urls.page_url(urls.meeting_src(m.id), directory_urls),
            "title": m.name or m.title,
            "heading": m.title,
            "summary": m.summary or None,
            "series": m.series,
            "date": m.date,
            "scheduled": m.scheduled,
            "started": m.started,
            "ended": m.ended,
            "recording": m.recording,
            "attendees": attendees,
            "attendees_declared": m.attendees_declared,
            "sections": [
                {
                    "id": s.id,
                    "title": s.title,
                    "presenters": [p for p in (person_id(m, n) for n in s.presenters) if p],
                    "video_seconds": s.video_seconds,
                    "video_url": urls.video_url(m.recording, s.video_seconds),
                    "topics": s.topics,
                }
                for s in m.sections
            ],
            "chat": [
                {
                    "author": person_id(m, c.author),
                    "author_as_written": c.author,
                    "time": c.time,
                    "text": c.text,
                    "video_seconds": m.chat_video_seconds(c),
                }
                for c in m.chat
            ],
            "action_items": [
                {"owner": person_id(m, a.owner), "text": a.text, "confident": a.confident} for a in m.action_items
            ],
            "label": m.label,
            "decisions": [
                {
                    "kind": d.kind,
                    "number": d.number,
                    "subject": d.subject,
                    "text": d.text,
                    "owner": person_id(m, d.owner),
                    "video_seconds": d.video_seconds,
                    "references": sorted({f"{archive.repo(r.repo)}#{r.number}" for r in m.issues if r.line == d.line}),
                }
                for d in m.decisions
            ],
            "issues": sorted({f"{archive.repo(r.repo)}#{r.number}" for r in m.issues}),
            "next_meetings": [{"series": n.series, "date": n.date, "topics": n.topics} for n in m.next_meetings],
            "diagnostics": [
                {"line": d.line, "level": d.level, "message": d.message, "suggestion": d.suggestion}
                for d in m.diagnostics
            ],
        }
    )


def _tables(archive: Archive, directory_urls: bool, memo: PageMemo | None) -> dict[str, str]:
    """People, topics and issues, as the document lists them, encoded; with `memo`, the entry
    of each one that did not change is the last build's."""

    def url(src: str) -> str:
        return urls.page_url(src, directory_urls)

    def person(p: Person) -> dict[str, Any]:
        return {
            "id": p.id,
            "name": p.name,
            "aliases": p.aliases,
            "github": p.github,
            "url": url(urls.person_src(p.id)),
            "meetings": p.meetings,
        }

    def topic(t: Topic) -> dict[str, Any]:
        return {
            "id": t.id,
            "name": t.name,
            "aliases": t.aliases,
            "url": url(urls.topic_src(t.id)),
            "related": t.related,
            "mentions": [
                {"meeting": x.meeting, "section": x.section, "in_chat": x.in_chat, "in_transcript": x.in_transcript}
                for x in t.mentions
            ],
        }

    def issue(i: Issue) -> dict[str, Any]:
        return {
            "id": i.id,
            "kind": i.kind,
            "label": i.label or i.id,
            "href": i.href,
            "url": url(urls.issue_src(i)),
            "mentions": [{"meeting": x.meeting, "section": x.section, "in_chat": x.in_chat} for x in i.mentions],
            "outcome": _outcome(i),
        }

    def entries(kind: str, things: Iterable[Any], entry: Callable[[Any], dict[str, Any]]) -> str:
        found = []
        for thing in things:
            if memo is None or memo.stamps is None:
                found.append(_dumps(entry(thing)))
                continue
            key = (thing, directory_urls)
            made = partial(lambda _, thing: _dumps(entry(thing)), thing=thing)
            found.append(memo.page(f"{EXPORT_SRC}#{kind}:{thing.id}", key, made, part=True))
        return "[" + ",".join(found) + "]"

    return {
        "people": entries("person", archive.people.values(), person),
        "topics": entries("topic", archive.topics.values(), topic),
        "issues": entries("issue", archive.issues.values(), issue),
    }


def _outcome(issue: Issue) -> dict[str, Any] | None:
    """What became of the issue, as the refs file says (null without one)."""
    return outcome_json(issue.info) if issue.info is not None else None
