"""Decisions and actions: the list on a meeting page, and the site-wide decisions log
(decisions/index.md), newest first, filtered by subject with assets/filter.js."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .. import urls
from ..archive import Archive
from ..model import Decision, Meeting
from ..text import unlink
from ..topics import TopicEntry, TopicFinder
from .templates import TEMPLATES

DECISIONS_SRC = "decisions/index.md"


def subject_finder(archive: Archive, meeting: Meeting | None = None) -> TopicFinder:
    """The topics a decision's subjects are linked to: the archive's, or on a meeting's
    page those of its own sections (read one by one, so the page is reused on a rebuild
    unless one of them changes)."""
    if meeting is None:
        topics = list(archive.topics.values())
    else:
        idents = dict.fromkeys(t for s in meeting.sections for t in s.topics)
        topics = [t for t in map(archive.topics.get, idents) if t is not None]
    return TopicFinder(TopicEntry(t.name, list(t.aliases)) for t in topics)


def decision_rows(
    meeting: Meeting, archive: Archive, link: Callable[[str, str | None], str], finder: TopicFinder
) -> list[dict[str, object]]:
    """Each decision and action of `meeting` with the references and topics it mentions;
    `link(src, anchor)` writes a link from the page being made."""
    rows: list[dict[str, object]] = []
    for item in meeting.decisions:
        refs = {}
        for ref in meeting.issues:
            if ref.line == item.line:
                ident = f"{archive.repo(ref.repo)}#{ref.number}"
                issue = archive.issues.get(ident)
                if issue is not None:
                    refs[ident] = {"label": issue.label or ident, "link": link(urls.issue_src(issue), None)}
        topics = {}
        for ident in finder.find(f"{item.subject or ''} {item.text}"):
            topic = archive.topics.get(ident)
            if topic is not None and ident not in topics:
                topics[ident] = {"name": topic.name, "link": link(urls.topic_src(ident), None)}
        # where it was decided, for a decision that names no subject of its own
        section = None if item.subject else meeting.section_at(item.line)
        rows.append(
            {
                "number": item.number or "",
                "item": {"title": section.title, "link": link(urls.meeting_src(meeting.id), section.id)}
                if section
                else None,
                "kind": item.kind,
                "subject": item.subject or "",
                "text": unlink(item.text),  # "[#70407](…)" reads as "#70407"; the references link it
                "owner": _owner(meeting, archive, item, link),
                "video": urls.video_url(meeting.recording, item.video_seconds),
                "references": list(refs.values()),
                "topics": list(topics.values())[:6],
                "meeting": {
                    "date": meeting.date,
                    "title": meeting.title,
                    "link": link(urls.meeting_src(meeting.id), None),
                },
            }
        )
    return rows


def _owner(
    meeting: Meeting, archive: Archive, item: Decision, link: Callable[[str, str | None], str]
) -> dict[str, str] | None:
    person = archive.person_of(meeting.id, item.owner) if item.owner else None
    if person is None:
        return {"name": item.owner, "link": ""} if item.owner else None
    return {"name": person.name, "link": link(urls.person_src(person.id), None)}


def meeting_decisions(meeting: Meeting, archive: Archive, href: Callable[[str], str]) -> str:
    """The HTML list of the meeting's decisions and actions ("" when it has none)."""
    if not meeting.decisions:
        return ""
    rows = decision_rows(
        meeting,
        archive,
        lambda src, anchor: href(src) + (f"#{anchor}" if anchor else ""),
        subject_finder(archive, meeting),
    )
    return TEMPLATES.get_template("decisions_list.html.j2").render(rows=rows).strip()


def has_decisions(archive: Archive) -> bool:
    return any(m.decisions and not m.plain for m in archive.meetings)


def decisions_log(archive: Archive, link: Callable[[str, str | None], str]) -> dict[str, Any]:
    """The values of the decisions log page: every decision and action, newest first."""
    finder = subject_finder(archive)
    rows = []
    for meeting in reversed(archive.meetings):
        if not meeting.plain:
            rows += decision_rows(meeting, archive, link, finder)
    return {"rows": rows, "decisions": sum(r["kind"] == "decision" for r in rows)}
