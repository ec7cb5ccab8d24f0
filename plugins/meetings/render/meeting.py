"""The meeting page: the whole note, line for line, with names, issues and video marks
linked, and the pasted chat shown as a thread."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from dataclasses import dataclass, field

from markupsafe import Markup

from .. import urls
from ..archive import Archive
from ..model import Meeting
from ..text import initials
from .templates import TEMPLATES, front_matter
from .writer import Writer


@dataclass
class _Group:
    name: str
    written: str
    initials: str
    color: int
    href: str | None
    messages: list[dict[str, object]] = field(default_factory=list)


def render_meeting(meeting: Meeting, archive: Archive, writer: Writer) -> str:
    page = writer.page
    body = _body(meeting, archive, writer)
    header = _header(meeting, archive, page)
    h1 = next((i for i, line in enumerate(body) if re.match(r"^ {0,3}# ", line)), None)
    title = f"{meeting.title} · {_date_label(meeting.date)}"
    if h1 is None:
        body = [f"# {title}", ""] + header + body
    else:
        body = body[: h1 + 1] + [""] + header + body[h1 + 1 :]
    meta = {"title": title, "description": f"Notes of the {meeting.title}, {_date_label(meeting.date)}"}
    return front_matter(meta) + "\n".join(body) + "\n"


def _date_label(iso: str) -> str:
    try:
        day = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day:%B} {day.day}, {day.year}"


def _header(meeting: Meeting, archive: Archive, page: str) -> list[str]:
    presenters = []
    seen: set[str] = set()
    for section in meeting.sections:
        for name in section.presenters:
            person = archive.person_of(meeting.id, name)
            if person and person.id not in seen:
                seen.add(person.id)
                presenters.append({"name": person.name, "link": urls.md_link(page, urls.person_src(person.id))})
    issue_ids = sorted({ref.id: ref for ref in meeting.issues}.values(), key=lambda r: (r.repo, r.number))
    index = [m.id for m in archive.meetings].index(meeting.id)
    around: dict[str, dict[str, str] | None] = {"previous": None, "following": None}
    for key, other in (("previous", index - 1), ("following", index + 1)):
        if 0 <= other < len(archive.meetings):
            target = archive.meetings[other]
            around[key] = {"date": target.date, "link": urls.md_link(page, urls.meeting_src(target.id))}
    text = TEMPLATES.get_template("meeting_header.md.j2").render(
        date_label=_date_label(meeting.date),
        started=meeting.started,
        ended=meeting.ended,
        series=meeting.series,
        recording=meeting.recording,
        recording_label=_host(meeting.recording),
        attendee_count=len(meeting.attendees),
        declared=meeting.attendees_declared,
        presenters=presenters,
        chat_count=len(meeting.chat),
        issues=[{"id": r.id, "link": urls.md_link(page, urls.issue_src((r.repo, r.number)))} for r in issue_ids],
        next_meetings=meeting.next_meetings,
        source=meeting.source,
        **around,
    )
    return text.split("\n")


def _host(url: str | None) -> str:
    match = re.match(r"^https?://([^/]+)", url or "")
    return match.group(1) if match else (url or "")


def _body(meeting: Meeting, archive: Archive, writer: Writer) -> list[str]:
    out: list[str] = []
    lines = meeting.lines
    blocks = {b.first: b for b in meeting.code_blocks if b.first not in meeting.prose_code_lines}
    block_lines = {n for b in blocks.values() for n in range(b.first, b.last + 1)}
    sections = {s.line: s for s in meeting.sections}
    presenter_lines = {s.presenter_line: s for s in meeting.sections if s.presenter_line}
    chat_first, chat_last = meeting.chat_lines or (0, -1)
    for number in range(meeting.front_matter_lines + 1, len(lines) + 1):
        line = lines[number - 1]
        if chat_first <= number <= chat_last:
            if number == chat_first:
                out += ["", '<a id="chat"></a>', "", _chat_thread(meeting, archive, writer), ""]
            continue
        if number in blocks:
            out += ["", *_fenced(blocks[number].content, blocks[number].info), ""]
            continue
        if number in block_lines:
            continue
        if number in meeting.prose_code_lines:
            line = line.strip()
        if number in meeting.list_starts and out and out[-1].strip():
            out.append("")
        if number == meeting.attendees_line:
            out.append(_names_linked(line, meeting.attendees, meeting, archive, writer))
        elif number in presenter_lines:
            out.append(_names_linked(line, presenter_lines[number].presenters, meeting, archive, writer))
        elif number in sections:
            out.append(f"{writer.markdown(line.rstrip())} {{ #{sections[number].id} }}")
        else:
            out.append(writer.markdown(line))
    return out


def _fenced(content: str, info: str) -> list[str]:
    """A code block as a fence long enough that nothing inside can close it."""
    longest = max((len(run) for run in re.findall(r"`{3,}", content)), default=2)
    fence = "`" * max(3, longest + 1)
    language = re.sub(r"[^\w+-]", "", info.split()[0]) if info.split() else ""
    return [fence + language, *content.rstrip("\n").split("\n"), fence]


def _names_linked(line: str, names: list[str], meeting: Meeting, archive: Archive, writer: Writer) -> str:
    """The line with each name that resolves to a person turned into a link to their page."""
    out: list[str] = []
    pos = 0
    for name in names:
        at = line.find(name, pos)
        person = archive.person_of(meeting.id, name)
        if at < 0 or person is None:
            continue
        out.append(writer.markdown(line[pos:at]))
        target = urls.md_link(writer.page, urls.person_src(person.id))
        out.append(f"[{writer.markdown(name)}]({target})")
        pos = at + len(name)
    out.append(writer.markdown(line[pos:]))
    return "".join(out)


def color_of(key: str) -> int:
    """A stable avatar colour (0-7) for a person or name."""
    return zlib.crc32(key.encode("utf-8")) % 8


def _chat_thread(meeting: Meeting, archive: Archive, writer: Writer) -> str:
    groups: list[_Group] = []
    for message in meeting.chat:
        person = archive.person_of(meeting.id, message.author)
        name = person.name if person else message.author
        if not groups or groups[-1].written != message.author:
            href = urls.href(writer.page, urls.person_src(person.id), writer.directory_urls) if person else None
            groups.append(_Group(name, message.author, initials(name), color_of(person.id if person else name), href))
        seconds = meeting.chat_video_seconds(message)
        video = urls.video_url(meeting.recording, seconds)
        text = Markup("<br>".join(writer.html(part) for part in message.text.split("\n")))
        groups[-1].messages.append(
            {
                "anchor": message.anchor,
                "time": _clock_label(message.time),
                "video": video,
                "video_label": urls.clock(seconds) if seconds is not None else "",
                "html": text,
            }
        )
    return TEMPLATES.get_template("chat.html.j2").render(groups=groups).strip()


def _clock_label(time: str | None) -> str:
    """ "13:05" -> "1:05 PM", as chat tools show it; recording times stay as they are."""
    if not time or time.count(":") != 1:
        return time or ""
    hour, minute = (int(p) for p in time.split(":"))
    suffix = "AM" if hour < 12 else "PM"
    return f"{(hour % 12) or 12}:{minute:02d} {suffix}"
