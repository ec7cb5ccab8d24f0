"""The archive as one JSON document (schema version 1, documented in docs/api.md)."""

from __future__ import annotations

import json
from typing import Any

from . import urls
from .archive import Archive
from .model import Meeting

SCHEMA_VERSION = 1


def export_data(archive: Archive, directory_urls: bool = True) -> dict[str, Any]:
    def url(src: str) -> str:
        return urls.page_url(src, directory_urls)

    def person_id(meeting: Meeting, written: str | None) -> str | None:
        person = archive.person_of(meeting.id, written) if written else None
        return person.id if person else None

    meetings = []
    for m in archive.meetings:
        attendees = list(dict.fromkeys(p for p in (person_id(m, n) for n in m.attendees) if p))
        meetings.append(
            {
                "id": m.id,
                "source": m.source,
                "url": url(urls.meeting_src(m.id)),
                "title": m.name or m.title,
                "heading": m.title,
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
                        "references": sorted(
                            {f"{archive.repo(r.repo)}#{r.number}" for r in m.issues if r.line == d.line}
                        ),
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
    people = [
        {
            "id": p.id,
            "name": p.name,
            "aliases": p.aliases,
            "github": p.github,
            "url": url(urls.person_src(p.id)),
            "meetings": p.meetings,
        }
        for p in archive.people.values()
    ]
    topics = [
        {
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
        for t in archive.topics.values()
    ]
    issues = [
        {
            "id": i.id,
            "kind": i.kind,
            "label": i.label or i.id,
            "href": i.href,
            "url": url(urls.issue_src(i)),
            "mentions": [{"meeting": x.meeting, "section": x.section, "in_chat": x.in_chat} for x in i.mentions],
        }
        for i in archive.issues.values()
    ]
    return {"version": SCHEMA_VERSION, "meetings": meetings, "people": people, "topics": topics, "issues": issues}


def export_json(archive: Archive, directory_urls: bool = True) -> str:
    # Compact: json's C encoder only serves calls without indent (5x faster on a large archive).
    return json.dumps(export_data(archive, directory_urls), ensure_ascii=False, separators=(",", ":")) + "\n"
