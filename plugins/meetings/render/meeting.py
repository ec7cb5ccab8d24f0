"""The meeting page: the whole note, line for line, with names, issues and video marks
linked, and the pasted chat shown as a thread."""

from __future__ import annotations

import bisect
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from markupsafe import Markup

from .. import urls
from ..archive import Archive, date_label, meeting_title, short_summary
from ..model import ChatMessage, Meeting, Person, RawBlock, Section
from ..parse.names import split_names, strip_affiliation
from ..parse.people_lists import TASK_BOX
from ..parse.tables import widen
from ..parse.transcript import turn_machinery
from ..text import LONG_LINE, escape_html, escape_markdown, initials, unwrap
from .blocks import Blocks
from .decisions import meeting_decisions
from .templates import TEMPLATES, front_matter
from .writer import Writer

_FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})\s*$")
# a list item's marker (or two: "- - text") and task box
_BULLET_START = re.compile(r"^\s*(?:[*+-][ \t]+){1,2}+(?:\[[ xX]\][ \t]+)?")


@dataclass
class _Group:
    name: str
    written: str
    initials: str
    color: int
    href: str | None
    messages: list[dict[str, object]] = field(default_factory=list)


def render_meeting(meeting: Meeting, archive: Archive, writer: Writer) -> tuple[str, dict[str, str]]:
    """The page's Markdown, and the HTML of its chat threads and transcripts as blocks."""
    page = writer.page
    title = meeting_title(meeting)
    blocks = Blocks(page)
    header = ["", blocks.add(_header(meeting, archive, writer)), ""]
    if meeting.decisions:  # numbered decisions and actions, as data, under the card
        header += [blocks.add(meeting_decisions(meeting, archive, writer.href)), ""]
    # Our title heads the page (search results, the tab, the pager show it); the note's
    # own title line stays on the page as a line of text under it.
    own = _own_title(meeting)
    subtitle = ["", blocks.add(f'<p class="mt-note-title">{writer.html(own)}</p>'), ""] if own is not None else []
    body = [f"# {escape_markdown(title)}", *subtitle, *header, *_body(meeting, archive, writer, blocks)]
    about = short_summary(meeting) or f"Notes of the {meeting.title or 'meeting'}, {date_label(meeting.date)}"
    meta = {"title": title, "description": about}
    return front_matter(meta) + "\n".join(body) + "\n", blocks


def _own_title(meeting: Meeting) -> str | None:
    """The text of the note's "# title" line, which the page shows under its own title."""
    line = meeting.lines[meeting.title_line - 1] if meeting.title_line else ""
    if not line.lstrip().startswith("# "):
        return None
    text = line.strip().lstrip("#").strip()
    if text.endswith("#") and set(text.rsplit(" ", 1)[-1]) == {"#"}:
        text = text.rsplit(" ", 1)[0].strip() if " " in text else ""  # a closing "###"
    return unwrap(text)


def render_plain(meeting: Meeting) -> tuple[str, dict[str, str]]:
    """The note as escaped text and nothing else: for a note a stage failed on."""
    title = meeting_title(meeting)
    blocks = Blocks(urls.meeting_src(meeting.id))
    text = "\n".join(meeting.lines)
    token = blocks.add(f'<pre class="mt-plain">{escape_html(text)}</pre>')
    body = f"# {escape_markdown(title)}\n\nThis note is shown as it was written (see the build's errors).\n\n{token}\n"
    return front_matter({"title": title}) + body, blocks


def _header(meeting: Meeting, archive: Archive, writer: Writer) -> str:
    """The card under the title (date, recording, people, issues) and the pager, as HTML."""
    presenters = []
    seen: set[str] = set()
    for section in meeting.sections:
        for name in section.presenters:
            person = archive.person_of(meeting.id, name)
            if person and person.id not in seen:
                seen.add(person.id)
                presenters.append({"name": person.name, "link": writer.href(urls.person_src(person.id))})
    issue_ids = sorted({(archive.repo(ref.repo), ref.number) for ref in meeting.issues})
    around: dict[str, dict[str, str] | None] = {}
    for key, target in zip(("previous", "following"), archive.neighbours(meeting.id), strict=True):
        around[key] = (
            {"title": meeting_title(target), "link": writer.href(urls.meeting_src(target.id))} if target else None
        )
    return (
        TEMPLATES.get_template("meeting_header.html.j2")
        .render(
            date=meeting.date,
            date_label=date_label(meeting.date),
            started=meeting.started,
            ended=meeting.ended,
            series=meeting.series,
            shown_series=meeting.shown_series,
            recording=meeting.recording,
            recording_label=_host(meeting.recording),
            summary=short_summary(meeting),
            doubts=meeting.doubts,
            attendee_count=len(meeting.attendees) if meeting.attendees or writer.roll else None,
            declared=meeting.attendees_declared,
            presenters=presenters,
            chat_count=len(meeting.chat),
            issues=[
                {"id": _issue_label(archive, repo, number), "link": writer.href(urls.issue_src((repo, number)))}
                for repo, number in issue_ids
            ],
            next_meetings=meeting.next_meetings,
            source=meeting.source,
            **around,
        )
        .strip()
    )


def _issue_label(archive: Archive, repo: str, number: int) -> str:
    issue = archive.issues.get(f"{repo}#{number}")
    return (issue.label if issue else None) or f"{repo}#{number}"


def _host(url: str | None) -> str:
    match = re.match(r"^https?://([^/]+)", url or "")
    return match.group(1) if match else (url or "")


def _body(meeting: Meeting, archive: Archive, writer: Writer, placeholders: Blocks) -> list[str]:
    """The note's lines, re-emitted with links; pasted chat and transcripts become tokens,
    their HTML kept in `placeholders`."""
    out: list[str] = []
    lines = meeting.lines
    raw = {b.first: b for b in meeting.raw_blocks}
    raw_lines = meeting.raw_lines()
    # Code blocks as markdown-it sees them, unless a pasted block overlaps (an unclosed
    # fence there would swallow what follows; the pasted block's own end is used instead).
    blocks = {
        b.first: b
        for b in meeting.code_blocks
        if b.first not in meeting.prose_code_lines and not raw_lines.intersection(range(b.first, b.last + 1))
    }
    block_lines = {n for b in blocks.values() for n in range(b.first, b.last + 1)}
    sections = {s.line: s for s in meeting.sections}
    presenter_lines = {s.presenter_line: s for s in meeting.sections if s.presenter_line}
    attendees = set(meeting.attendees)
    listed_after = set(meeting.attendee_lines) - {meeting.attendees_line} - set(meeting.table_cells) - set(sections)
    first_chat = next((b.first for b in meeting.raw_blocks if b.kind == "chat"), None)
    words_given = False
    to_turn = section_turns(meeting)
    named = archive.named_on_lines(meeting.id)  # people first named in a section's prose
    if meeting.front_shown:  # the front matter we do not use, as GitHub shows it
        cells = "".join(f"<td>{escape_html(value)}</td>" for _, value in meeting.front_shown)
        heads = "".join(f"<th>{escape_html(key)}</th>" for key, _ in meeting.front_shown)
        out += [placeholders.add(f'<table class="mt-front"><tr>{heads}</tr><tr>{cells}</tr></table>'), ""]
    for number in range(meeting.front_matter_lines + 1, len(lines) + 1):
        line = lines[number - 1]
        lists = meeting.lists  # nested as GitHub nests them (parse/lists.py)
        if number in lists.indents:
            line = " " * lists.indents[number] + line.lstrip(" \t")
        if number in lists.empty:
            line = line.rstrip() + " \u00a0"  # an empty item (a no-break space), not a heading's underline
        if number in lists.apart:
            out += ["", "<!-- -->", ""]
        elif number in lists.breaks and out and out[-1].strip():
            out.append("")
        if number in raw:
            if number == first_chat:
                out += ["", '<a id="chat"></a>']
            # Transcripts are machine text and most of the bytes: they go in late, after the
            # search index has read the page, so search stays small and fast.
            late = raw[number].kind == "transcript"
            token = placeholders.add(_raw_block(meeting, raw[number], archive, writer), late=late)
            if late and not words_given:  # the words said, once each, as one search entry
                words_given = True
                out += ["", placeholders.add(transcript_words(archive.spoken.get(meeting.id, [])))]
            out += ["", token, ""]
            continue
        if number in raw_lines:
            continue
        if number in blocks and number in lists.fences:  # in a list item: its code, indented under it
            inside = " " * (lists.fences[number] + 4)
            out += [
                "",
                *(inside + code if code.strip() else "" for code in blocks[number].content.rstrip("\n").split("\n")),
                "",
            ]
            continue
        if number in blocks:
            out += ["", *_fenced(blocks[number].content, blocks[number].info), ""]
            continue
        if number in block_lines:
            continue
        if len(line) > LONG_LINE:
            out += ["", f'<p class="mt-long">{escape_html(line)}</p>', ""]
            continue
        if number == meeting.title_line and _own_title(meeting) is not None:
            above = next((o for o in reversed(out) if o.strip()), "")
            if _LIST_MARKER.match(above):  # shown under the page's title; the lists around it stay two
                out += ["", placeholders.add(""), ""]
            continue
        if number in meeting.prose_code_lines:
            line = line.strip()
        if number in meeting.table_cells:
            line = widen(line, meeting.table_cells[number])
        if number in meeting.list_starts and out and out[-1].strip():
            out.append("")
        if number == meeting.attendees_line:
            html = _attendees_html(meeting, number, archive, writer)
            if html is not None:
                out += ["", placeholders.add(html), ""]
            else:
                out.append(_names_linked(line, meeting.attendees, meeting, archive, writer))
        elif number in listed_after:  # the rest of a bulleted attendee list
            out.append(_names_linked(line, _listed(line, attendees), meeting, archive, writer))
        elif number in presenter_lines or number in sections:
            names = presenter_lines[number].presenters if number in presenter_lines else []
            text = _names_linked(line.rstrip(), names, meeting, archive, writer)
            if number in sections and not line.lstrip().startswith("#"):  # an item written as a bullet
                marker = _BULLET_START.match(text)
                at = marker.end() if marker else 0
                text = f'{text[:at]}<a id="{sections[number].id}"></a>{text[at:]}'
            elif number in sections:
                text = f"{text} {{ #{sections[number].id} }}"
            out.append(text)
            turn = to_turn.get(sections[number].id) if number in sections else None
            if turn is not None and line.lstrip().startswith("#"):
                out += ["", placeholders.add(_to_transcript(turn)), ""]
        elif number in meeting.stray_headings:
            out.append("\\" + writer.markdown(line.lstrip()))
        elif number in named:
            people = [
                (archive.prose_spellings(ident), urls.md_link(writer.page, urls.person_src(ident)))
                for ident in named[number]
            ]
            out.append(writer.markdown(line, [p for p in people if p[0]]))
        else:
            out.append(writer.markdown(line))
    return out


def _to_transcript(turn: int) -> str:
    return (
        '<p class="mt-to-transcript" data-search-exclude data-pagefind-ignore>'
        f'<a href="#t-{turn}">Read this part of the transcript</a></p>'
    )


def _fenced(content: str, info: str) -> list[str]:
    """A code block as a fence long enough that nothing inside can close it."""
    longest = max((len(run) for run in re.findall(r"`{3,}", content)), default=2)
    fence = "`" * max(3, longest + 1)
    language = re.sub(r"[^\w+-]", "", info.split()[0]) if info.split() else ""
    return [fence + language, *content.rstrip("\n").split("\n"), fence]


def _name_spans(line: str, names: list[str], meeting: Meeting, archive: Archive) -> Iterator[tuple[str, str, str]]:
    """The line cut at each name that resolves to a person, in order: (text before, name,
    person id); the rest of the line comes last, as (text, "", "")."""
    pos = 0
    for name in names:
        at = line.find(name, pos)
        person = archive.person_of(meeting.id, name)
        if at < 0 or person is None:
            continue
        shown = strip_affiliation(name)  # "Jane Doe @jdoe (TSC)": the link is on her name
        shown = shown if shown and name.startswith(shown) else name
        yield line[pos:at], shown, person.id
        pos = at + len(shown)
    yield line[pos:], "", ""


_LIST_MARKER = re.compile(r"^\s*(?:[*+-]|\d{1,9}[.)])\s+")
_LABEL = re.compile(r"^\s*(?:\*\*|__)?[^:*_\n]{1,60}:(?:\*\*|__)?\s")


def _listed(line: str, attendees: set[str]) -> list[str]:
    """The attendees written on one line of a bulleted list ("* Jane Doe @jdoe (TSC)",
    "- Ana, Bo"): looked up by the line's own text, so a long list stays linear."""
    item = _LABEL.sub("", _LIST_MARKER.sub("", line)).strip()  # "**Remote attendees:** Dan Ehrenberg (DE), …"
    item = TASK_BOX.sub("", item)  # "[x] Ana Silva - Acme": a ticked roll call, read as the parser reads it
    return [name for name in dict.fromkeys([item, *(p.strip() for p in split_names(item))]) if name in attendees]


def _names_linked(line: str, names: list[str], meeting: Meeting, archive: Archive, writer: Writer) -> str:
    """The line in Markdown, each name that resolves to a person linked to their page."""
    out: list[str] = []
    for text, name, ident in _name_spans(line, names, meeting, archive):
        out.append(writer.markdown(text))
        if name:
            out.append(f"[{writer.markdown(name)}]({urls.md_link(writer.page, urls.person_src(ident))})")
    return "".join(out)


# A line Markdown would show as it is: no formatting, links or raw HTML, not a list item,
# heading or quote. Only such a line can be written as HTML without changing how it looks.
_PLAIN_LINE = re.compile(r"^(?![-+*>#\s]|\d+[.)]\s)(?!.*\bvideo\b)[^*_`\[\]\\<>&|{}!#~]*$", re.I)


def _attendees_html(meeting: Meeting, number: int, archive: Archive, writer: Writer) -> str | None:
    """The attendee line as an HTML paragraph, names linked; None where Markdown is needed
    for the line to look as it did (formatting in it, or text joined to it in one paragraph).
    It holds most of a page's links, and Markdown links are the dearest part of a page."""
    lines = meeting.lines
    line = lines[number - 1]
    before = lines[number - 2].strip() if number >= 2 else ""
    after = lines[number].strip() if number < len(lines) else ""
    if not _PLAIN_LINE.match(line) or (before and not before.startswith("#")) or (after and not after.startswith("#")):
        return None
    out: list[str] = []
    for text, name, ident in _name_spans(line, meeting.attendees, meeting, archive):
        out.append(writer.html(text))
        if name:
            out.append(f'<a href="{escape_html(writer.href(urls.person_src(ident)))}">{escape_html(name)}</a>')
    return f"<p>{''.join(out).strip()}</p>"


def color_of(key: str) -> int:
    """A stable avatar colour (0-7) for a person or name."""
    return zlib.crc32(key.encode("utf-8")) % 8


def _raw_block(meeting: Meeting, block: RawBlock, archive: Archive, writer: Writer) -> str:
    """A chat block as a thread, a transcript collapsed, "not captured" as it was written."""
    content = [
        (n, meeting.lines[n - 1]) for n in range(block.first, block.last + 1) if not _FENCE.match(meeting.lines[n - 1])
    ]
    if block.kind == "chat":
        messages = [m for m in meeting.chat if block.first <= m.line <= block.last]
        start = messages[0].line if messages else block.last + 1
        preamble = [line for n, line in content if n < start and line.strip()]
        aside = "".join(f'<p class="mt-line">{writer.html(line.strip())}</p>' for line in preamble)
        return (f'<div class="mt-aside">{aside}</div>\n' if aside else "") + _chat_thread(
            meeting, messages, archive, writer
        )
    if block.kind == "transcript":
        return _transcript(meeting, block, content, archive, writer)
    # "Not captured": a few lines of note text, written as HTML like the rest of a block
    # (blocks go in after the sanitiser has run, so no Markdown of the note may reach them).
    return "".join(f'<p class="mt-line">{writer.html(line.strip())}</p>' for _, line in content if line.strip())


TRANSCRIPT_WORDS = 5000  # distinct words of one transcript given to the theme's search


def transcript_words(said: list[str]) -> str:
    """The distinct words of a meeting's transcript (the archive collects them), hidden:
    the theme's search index finds a meeting by any word said in it ("Nettleton") at the
    cost of one entry, not one per turn. Pagefind skips it: it indexes the transcript."""
    words = " ".join(w for w in said[:TRANSCRIPT_WORDS] if not w.isdigit())
    return f'<div class="mt-transcript-words" hidden data-pagefind-ignore>{escape_html(words)}</div>'


def _transcript(
    meeting: Meeting, block: RawBlock, content: list[tuple[int, str]], archive: Archive, writer: Writer
) -> str:
    """A folded transcript as a reading view: one block per run of one speaker, the speaker
    linked to their page, each turn's time a link into the recording (its cue number and
    timing line in the link's title), and the agenda section each part falls in. Written
    directly rather than through a template: transcripts are most of an archive's text,
    and a template cost 4x the time."""
    turns = [t for t in meeting.transcript if block.first <= t.line <= block.last]
    by_line = {t.line: t for t in turns}
    machinery = turn_machinery(content, turns)
    hidden = {n for taken in machinery.values() for n in taken}
    timed = _timed_sections(meeting)
    out = [
        '<details class="mt-transcript">',
        f"<summary>Transcript ({_count(len(turns), 'turn')}; machine-made, may contain errors)</summary>",
        '<div class="mt-transcript-body">',
    ]
    speaker: str | None = None  # of the open block
    part: Section | None = None
    for number, line in content:
        text = line.strip()
        if not text or number in hidden:
            continue
        turn = by_line.get(number)
        if turn is None:
            _close_turn(out, speaker)
            speaker = None
            out.append(f'<p class="mt-line">{escape_html(text)}</p>')
            continue
        if text.startswith(turn.speaker):
            text = text[len(turn.speaker) :].lstrip(":").strip() or turn.text
        # Zoom times count from the start of its recording; the published video may start later
        seconds = turn.seconds - meeting.video_offset if turn.seconds is not None else None
        seconds = seconds if seconds is not None and seconds >= 0 else None
        section = _section_at_time(timed, seconds)
        if section is not None and section is not part:
            _close_turn(out, speaker)
            speaker = None
            part = section
            out.append(
                f'<p class="mt-part" data-search-exclude data-pagefind-ignore>Agenda: '
                f'<a href="#{escape_html(section.id)}">{escape_html(section.title)}</a></p>'
            )
        cue = " ".join(meeting.lines[n - 1].strip() for n in machinery.get(number, []))
        time = _turn_time(meeting, turn.seconds, seconds, cue)
        said = f'<span class="mt-said" id="t-{number}">{time}{escape_html(text)}</span>'
        if speaker == turn.speaker:
            out.append(f" {said}")
            continue
        _close_turn(out, speaker)
        speaker = turn.speaker
        person = _speaker(archive, meeting, turn.speaker)
        who = escape_html(turn.speaker)
        if person is not None:
            who = f'<a href="{escape_html(writer.href(urls.person_src(person.id)))}">{who}</a>'
        out.append(f'<div class="mt-turn"><p class="mt-speaker"><strong>{who}</strong></p><p>{said}')
    _close_turn(out, speaker)
    out += ["</div>", "</details>"]
    return "\n".join(out)


def _close_turn(out: list[str], speaker: str | None) -> None:
    """Ends the open speaker block, if any (the caller's open speaker is then none)."""
    if speaker is not None:
        out.append("</p></div>")


def _turn_time(meeting: Meeting, written: int | None, seconds: int | None, cue: str) -> str:
    """The turn's time: a link into the recording at `seconds`, carrying the cue it was read
    from; the transcript's own time (`written`) where the published video does not have it."""
    video = urls.video_url(meeting.recording, seconds)
    if video is not None and seconds is not None:
        title = escape_html(cue or "Open the recording here")
        return f'<a class="mt-time" href="{escape_html(video)}" title="{title}">{urls.clock(seconds)}</a> '
    label = urls.clock(written) if written is not None else ""
    title = f' title="{escape_html(cue)}"' if cue else ""
    return f'<span class="mt-time"{title}>{label}</span> ' if label or cue else ""


def _timed_sections(meeting: Meeting) -> list[tuple[int, Section]]:
    """Agenda sections with a place in the recording, by that place."""
    return sorted(((s.video_seconds, s) for s in meeting.sections if s.video_seconds is not None), key=lambda x: x[0])


def _section_at_time(timed: list[tuple[int, Section]], seconds: int | None) -> Section | None:
    if seconds is None:
        return None
    index = bisect.bisect_right(timed, seconds, key=lambda x: x[0]) - 1
    return timed[index][1] if index >= 0 else None


def section_turns(meeting: Meeting) -> dict[str, int]:
    """Each agenda section with a video time -> the line of the transcript turn nearest to
    it (the first one at or after it when two are as near)."""
    shown = {n for b in meeting.raw_blocks if b.kind == "transcript" for n in range(b.first, b.last + 1)}
    timed = [
        (t.seconds - meeting.video_offset, t.line)
        for t in meeting.transcript
        if t.line in shown and t.seconds is not None and t.seconds >= meeting.video_offset
    ]
    timed.sort()
    found: dict[str, int] = {}
    for section in meeting.sections:
        at = section.video_seconds
        if at is None or not timed:
            continue
        index = bisect.bisect_left(timed, at, key=lambda x: x[0])
        near = [timed[i] for i in (index - 1, index) if 0 <= i < len(timed)]
        best = min(near, key=lambda x: (abs(x[0] - at), -x[0]))
        found[section.id] = best[1]
    return found


def _speaker(archive: Archive, meeting: Meeting, written: str) -> Person | None:
    """The person a transcript speaker is: as the meeting's lists and chat wrote them, else
    the one person whose name or spelling it is."""
    person = archive.person_of(meeting.id, written)
    if person is None:
        person = archive.person_of(meeting.id, strip_affiliation(written))
    if person is None:
        ident = archive.owner_of(strip_affiliation(written).casefold())
        person = archive.people.get(ident) if ident else None
    return person


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _chat_thread(meeting: Meeting, messages: list[ChatMessage], archive: Archive, writer: Writer) -> str:
    groups: list[_Group] = []
    for message in messages:
        person = archive.person_of(meeting.id, message.author)
        name = person.name if person else (message.author or "Unknown")
        if not groups or groups[-1].written != (message.author or "Unknown"):
            href = writer.href(urls.person_src(person.id)) if person else None
            written = message.author or "Unknown"
            groups.append(_Group(name, written, initials(name), color_of(person.id if person else name), href))
        seconds = meeting.chat_video_seconds(message)
        video = urls.video_url(meeting.recording, seconds)
        text = Markup("<br>".join(writer.html(part) for part in message.text.split("\n")))
        groups[-1].messages.append(
            {
                "anchor": message.anchor,
                "line": message.line,  # for links made when anchors were line numbers (anchors.js)
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
