"""Every generated page of the site, as (path, text) pairs. No MkDocs here."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from .. import inline, urls
from ..archive import Archive, main_subjects, short_summary
from ..calendars import CALENDAR
from ..community import Reference
from ..export import EXPORT_SRC, export_json
from ..feeds import SITE_FEED, person_feed, topic_feed
from ..isolate import failure
from ..memo import PageMemo
from ..model import DEFAULT_REPO, Issue, Meeting, Mention, Person, Topic
from ..text import escape_html, escape_markdown, initials, unlink
from .blocks import Blocks
from .decisions import DECISIONS_SRC, decisions_log, has_decisions
from .meeting import color_of, meeting_title, render_meeting, render_plain
from .schedule import next_meetings
from .templates import TEMPLATES, front_matter
from .writer import Writer

if TYPE_CHECKING:  # convert.py reads render/blocks.py: imported for the type alone
    from ..convert import Article


@dataclass
class Page:
    src: str  # path in the site's docs tree, e.g. "people/matt-heon.md"
    content: str
    blocks: dict[str, str] = field(default_factory=dict)  # HTML to put in after conversion (blocks.py)
    article: Article | None = field(default=None, compare=False)  # what it was made into (Site.article)


@dataclass
class SiteOptions:
    default_repo: str = DEFAULT_REPO
    directory_urls: bool = True
    attachments: dict[str, frozenset[str]] = field(default_factory=dict)  # meeting id -> file names
    references: tuple[Reference, ...] = ()  # numbered documents the notes cite ("EIP-1559")


def attachment_dir(meeting_id: str) -> str:
    return f"meetings/{meeting_id}"


@dataclass(frozen=True)
class Here:
    """The page being written, and how its links are written: Markdown links between
    sources (MkDocs resolves them), or hrefs for HTML blocks (MkDocs leaves those alone)."""

    src: str
    directory_urls: bool = True
    markdown: bool = False

    def link(self, to_src: str, anchor: str | None = None) -> str:
        if self.markdown:
            target = urls.md_link(self.src, to_src)
        else:
            target = urls.href(self.src, to_src, self.directory_urls)
        return f"{target}#{anchor}" if anchor else target


def render_site(archive: Archive, options: SiteOptions, memo: PageMemo | None = None) -> list[Page]:
    """Every page. A page that fails to render is replaced by a plain one and an error in
    `archive.problems` (or on its meeting): the rest of the site is built as usual.
    With `memo` (started for this archive, kept across `mkdocs serve` rebuilds), a meeting,
    person, topic or issue page whose inputs did not change since the last build is reused."""
    if memo is None:
        memo = PageMemo()
        memo.start(archive, options)
    kinds = _kinds(archive)  # what the archive records at all, once for every page that asks
    pages = [_meeting_page(meeting, archive, options, memo, "attendees" in kinds) for meeting in archive.meetings]

    def here(src: str) -> Here:
        return Here(src, options.directory_urls)

    def guarded(src: str, title: str, key: object, make: Callable[[Any, Here], Page]) -> Page:
        try:
            return memo.page(src, key, lambda watched: make(watched, here(src)))
        except Exception as error:  # noqa: BLE001 (one page's fault is that page's)
            archive.problems.append(failure(src, "rendering this page", error))
            return Page(
                src, front_matter({"title": title}) + f"# {escape_markdown(title)}\n\nThis page could not be made.\n"
            )

    pages.append(_meetings_index(archive, here("meetings/index.md"), memo, kinds))
    months = _months(archive)
    shown_months = repr(months)
    for person in archive.people.values():
        make = partial(_person, person=person, months=months, kinds=kinds)
        pages.append(guarded(urls.person_src(person.id), person.name, (person, shown_months, kinds), make))
    pages.append(_people_index(archive, here("people/index.md"), kinds))
    for ident, topic in archive.topics.items():
        pages.append(guarded(urls.topic_src(ident), topic.name, topic, partial(_topic, topic=topic)))
    pages.append(_topics_index(archive, here("topics/index.md"), memo))
    for ident, issue in archive.issues.items():
        pages.append(guarded(urls.issue_src(issue), ident, issue, partial(_issue, issue=issue)))
    pages.append(_issues_index(archive, here("issues/index.md")))
    if has_decisions(archive):  # a community whose notes number their decisions
        pages.append(_decisions(archive, here(DECISIONS_SRC)))  # an index, made each build as the others
    pages.append(_timeline(archive, here("timeline/index.md"), memo))
    pages.append(Page(EXPORT_SRC, export_json(archive, options.directory_urls, memo)))
    return pages


def _meeting_page(meeting: Meeting, archive: Archive, options: SiteOptions, memo: PageMemo, roll: bool) -> Page:
    src = urls.meeting_src(meeting.id)
    if not meeting.plain:
        try:
            writer = _writer(meeting, archive, options, roll)
            key = (memo.stamps.meeting(meeting) if memo.stamps else None, writer)
            return memo.page(src, key, lambda watched: Page(src, *render_meeting(meeting, watched, writer)))
        except Exception as error:  # noqa: BLE001 (the note is still published, as text)
            meeting.diagnostics.append(failure(meeting.source, "rendering its page", error))
    return Page(src, *render_plain(meeting))


def _writer(meeting: Meeting, archive: Archive, options: SiteOptions, roll: bool = True) -> Writer:
    return Writer(
        page=urls.meeting_src(meeting.id),
        default_repo=options.default_repo,
        recording=meeting.recording,
        attachments=options.attachments.get(meeting.id, frozenset()),
        attachment_dir=attachment_dir(meeting.id),
        directory_urls=options.directory_urls,
        repo_aliases=archive.repo_aliases,
        issues=frozenset((archive.repo(ref.repo), ref.number) for ref in meeting.issues),
        states=_states(archive, meeting),
        references=options.references,
        roll=roll,
    )


def _states(archive: Archive, meeting: Meeting) -> tuple[tuple[tuple[str, int], str], ...]:
    """The shown state of each issue the meeting references, where the refs file has it."""
    found: dict[tuple[str, int], str] = {}
    for ref in meeting.issues:
        key = (archive.repo(ref.repo), ref.number)
        issue = archive.issues.get(f"{key[0]}#{key[1]}")
        if issue is not None and issue.info is not None and issue.info.shown_state:
            found[key] = issue.info.shown_state
    return tuple(sorted(found.items()))


def _page(
    here: Here, template: str, title: str, boost: bool = False, kind: str = "", wide: bool = False, **values: object
) -> Page:
    """A page from an HTML template whose headings are Markdown (see `Blocks.split`);
    `kind` ("Person", …) is the kind of page Pagefind lets a reader filter by; a `wide` page
    (an index: one table) has the whole width, without the theme's navigation and contents."""
    blocks = Blocks(here.src)
    markdown = blocks.split(TEMPLATES.get_template(template).render(blocks=blocks, **values))
    if kind:
        markdown += "\n\n" + blocks.add(f'<span hidden data-pagefind-filter="kind:{kind}"></span>') + "\n"
    meta: dict[str, object] = {"title": title}
    if boost:  # a person, topic or issue page is the best answer to a search for its name
        meta["search"] = {"boost": 2}
    if wide:
        meta["hide"] = ["navigation", "toc"]
    return Page(here.src, front_matter(meta) + markdown, blocks)


def _ref(here: Here, meeting: Meeting | str, archive: Archive, anchor: str | None = None) -> dict[str, str]:
    ident = meeting if isinstance(meeting, str) else meeting.id
    return {"date": archive.meeting(ident).date, "link": here.link(urls.meeting_src(ident), anchor)}


def _person_ref(here: Here, person: Person) -> dict[str, object]:
    return {
        "name": person.name,
        "link": here.link(urls.person_src(person.id)),
        "initials": initials(person.name),
        "color": color_of(person.id),
    }


def _presenters(archive: Archive, meeting: Meeting, names: list[str], here: Here) -> list[dict[str, object]]:
    found = [archive.person_of(meeting.id, name) for name in names]
    unique = {p.id: p for p in found if p}
    return [_person_ref(here, p) for p in unique.values()]


def _meetings_index(archive: Archive, here: Here, memo: PageMemo, kinds: frozenset[str]) -> Page:
    """One row per meeting, newest first. Each row is made on its own, so a serve rebuild
    keeps the rows of the meetings that did not change."""
    rows = []
    for meeting in reversed(archive.meetings):
        subjects = tuple((t, archive.topics[t].name) for t in main_subjects(archive, meeting, Counter(), 4))
        key = (memo.stamps.meeting(meeting) if memo.stamps else None, subjects, kinds)  # the stamp holds its text
        make = partial(_meeting_row_html, meeting=meeting, subjects=subjects, here=here, kinds=kinds)
        rows.append(Markup(memo.page(f"{here.src}#{meeting.id}", key, make, part=True)))
    dates = [m.date for m in archive.meetings]
    return _page(
        here,
        "meetings_index.html.j2",
        "Meetings",
        wide=True,
        rows=rows,
        first=dates[0] if dates else "",
        last=dates[-1] if dates else "",
        years=sorted({d[:4] for d in dates}, reverse=True),
        series=sorted({m.series for m in archive.meetings}),
        kinds=kinds,
    )


def _meeting_row_html(
    archive: Archive, meeting: Meeting, subjects: tuple[tuple[str, str], ...], here: Here, kinds: frozenset[str]
) -> str:
    """A meeting's row of the index; `subjects`: its main topics (id, name), which weigh it
    against the whole archive and so are worked out by the caller."""
    names = [n for s in meeting.sections for n in s.presenters]
    row = {
        "date": meeting.date,
        "title": meeting_title(meeting),
        "subjects": [{"name": name, "link": here.link(urls.topic_src(t))} for t, name in subjects],
        "series": meeting.series,
        "link": here.link(urls.meeting_src(meeting.id)),
        "presenters": _presenters(archive, meeting, names, here),
        "attendees": len(meeting.attendees),
        "chat": len(meeting.chat),
        "recording": meeting.recording,
        "summary": short_summary(meeting, 160),
    }
    return TEMPLATES.get_template("meetings_row.html.j2").render(m=row, kinds=kinds)


def _kinds(archive: Archive) -> frozenset[str]:
    """What the archive records at all: a person page has no "Chat messages (0)" where no
    note holds a chat, nor "Talks (0)" where no item names a presenter, the meetings index
    no column that would be empty in every row, and a meeting's card no "0 listed" where no
    note lists its attendees."""
    meetings = archive.meetings
    found = {
        "chat": any(m.chat for m in meetings),
        "attendees": any(m.attendees for m in meetings),
        "talks": any(s.presenters for m in meetings for s in m.sections),
        "actions": any(m.action_items for m in meetings),
        "recording": any(m.recording for m in meetings),
        "series": len({m.series for m in meetings}) > 1,
    }
    return frozenset(kind for kind, recorded in found.items() if recorded)


def _person(archive: Archive, here: Here, person: Person, months: dict[str, list[str]], kinds: frozenset[str]) -> Page:
    meetings = [_ref(here, m, archive) for m in person.meetings]
    by_year = [(year, list(items)) for year, items in itertools.groupby(meetings, key=lambda r: r["date"][:4])]
    talks = []
    for talk in person.talks:
        meeting = archive.meeting(talk.meeting)
        ref = _ref(here, meeting, archive)
        talks.append(
            {
                "date": ref["date"],
                "meeting_link": ref["link"],
                "title": talk.title,
                "link": f"{ref['link']}#{talk.section}",
                "video": urls.video_url(meeting.recording, talk.video_seconds),
                "clock": urls.clock(talk.video_seconds) if talk.video_seconds is not None else "",
            }
        )
    messages = []
    for ident, message in person.messages:
        ref = _ref(here, ident, archive, message.anchor)
        messages.append({**ref, "time": message.time or "", "text": " ".join(message.text.split())[:300]})
    actions = [{**_ref(here, ident, archive), "text": item.text} for ident, item in person.action_items]
    co_presenters: dict[str, int] = {}
    for talk in person.talks:
        meeting = archive.meeting(talk.meeting)
        section = meeting.section(talk.section)
        for name in section.presenters if section else []:
            other = archive.person_of(meeting.id, name)
            if other and other.id != person.id:
                co_presenters[other.id] = co_presenters.get(other.id, 0) + 1
    return _page(
        here,
        "person.html.j2",
        person.name,
        boost=True,
        kind="Person",
        name=person.name,
        aliases=person.aliases,
        github=person.github,
        meetings=meetings,
        meetings_by_year=by_year,
        talks=talks,
        messages=messages,
        actions=actions,
        first=meetings[0] if meetings else None,
        last=meetings[-1] if meetings else None,
        co_presenters=[
            _person_ref(here, archive.people[i]) for i in sorted(co_presenters, key=lambda i: (-co_presenters[i], i))
        ],
        mentions=_mention_rows(archive, here, person.mentions),
        kinds=kinds,
        strip=Markup(participation_strip(months, person)),
        feed=here.link(person_feed(person.id)),
    )


def _months(archive: Archive) -> dict[str, list[str]]:
    """Meeting ids by month ("2021-03"); notes without a date have no month."""
    months: dict[str, list[str]] = {}
    for meeting in archive.meetings:
        if re.match(r"^\d{4}-(?:0[1-9]|1[0-2])", meeting.date):
            months.setdefault(meeting.date[:7], []).append(meeting.id)
    return months


def participation_strip(months: dict[str, list[str]], person: Person) -> str:
    """An inline SVG: one cell per month of the archive, dark where the person took part,
    grouped by year with the year's count as its tooltip. Cells of a kind are one path, so
    the strip stays small on a long archive (one element per month would not)."""
    if not months:
        return ""
    first, last = min(months), max(months)
    attended = set(person.meetings)
    years = []
    x = 0
    for year in range(int(first[:4]), int(last[:4]) + 1):
        cells: dict[str, list[str]] = {"on": [], "off": [], "none": []}
        went = held = 0
        for month in range(1, 13):
            key = f"{year:04d}-{month:02d}"
            if not first <= key <= last:
                continue
            meetings = months.get(key, [])
            count = sum(1 for m in meetings if m in attended)
            went, held = went + count, held + len(meetings)
            cells["on" if count else ("off" if meetings else "none")].append(f"M{x} 0h5v14h-5z")
            x += 6
        paths = "".join(f'<path class="mt-{kind}" d="{"".join(d)}"/>' for kind, d in cells.items() if d)
        years.append(f"<g><title>{year}: {went} of {held} meetings</title>{paths}</g>")
    return (
        f'<svg class="mt-strip" width="{x}" height="14" role="img" '
        f'aria-label="Meetings attended, {first} to {last}">{"".join(years)}</svg>'
    )


def _people_index(archive: Archive, here: Here, kinds: frozenset[str]) -> Page:
    rows: list[dict[str, Any]] = []
    for person in archive.people.values():
        last = person.meetings[-1] if person.meetings else None
        rows.append(
            {
                **_person_ref(here, person),
                "meetings": len(person.meetings),
                "talks": len(person.talks),
                "messages": len(person.messages),
                "last": _ref(here, last, archive) if last else None,
            }
        )
    rows.sort(key=lambda r: (-r["meetings"], -r["talks"], -r["messages"], str(r["name"]).casefold()))
    return _page(here, "people_index.html.j2", "People", wide=True, people=rows, kinds=kinds)


def _mention_rows(
    archive: Archive, here: Here, mentions: list[Mention], linked: bool = False
) -> list[dict[str, object]]:
    """`linked`: excerpts from the notes keep their web links (topic pages)."""
    rows: list[dict[str, Any]] = []
    for mention in mentions:
        meeting = archive.meeting(mention.meeting)
        section = meeting.section(mention.section)
        seconds = mention.video_seconds
        rows.append(
            {
                **_ref(here, meeting, archive, mention.anchor),
                "section": section.title if section else "",
                "presenters": _presenters(archive, meeting, section.presenters, here) if section else [],
                "snippet": _linked_excerpt(meeting, mention) if linked else _whole_words(mention.snippet),
                "in_chat": mention.in_chat,
                "in_transcript": mention.in_transcript,
                "video": urls.video_url(meeting.recording, seconds),
                "clock": urls.clock(seconds) if seconds is not None else "",
            }
        )
    return rows


SNIPPET = 240  # the archive's longest snippet: one that long was cut


_WEB = re.compile(r"https?://[^\s\"'<>`]+", re.I)
_DECORATION = re.compile(r"^\s*(?:#+|[*+-]|\d+[.)])\s+|\*\*")


def _linked_excerpt(meeting: Meeting, mention: Mention) -> str | Markup:
    """The line a note mentions a subject in, as HTML whose web links still work: every piece
    of text escaped, a link kept only when it is an http(s) address, cut at a word."""
    if mention.in_chat or mention.in_transcript or _note_line(meeting, mention.line) is None:
        return _whole_words(mention.snippet)
    line = _excerpt_line(meeting, mention)
    if line is None:
        return _whole_words(mention.snippet)
    out: list[str] = []
    shown = 0
    for piece in inline.scan(" ".join(line.split()), ""):
        text = piece.label if piece.kind in ("link", "url") and piece.label else piece.text
        if piece.kind == "code":
            text = piece.text.strip("`")
        if shown + len(text) > SNIPPET:
            room = text[: SNIPPET - shown].rsplit(" ", 1)[0] if " " in text[: SNIPPET - shown] else ""
            out.append(escape_html(room).rstrip(" ,;:") + "…")
            break
        shown += len(text)
        target = piece.target.strip() if piece.kind in ("link", "url") else ""
        if target and _WEB.fullmatch(target):
            out.append(f'<a href="{escape_html(target)}" rel="nofollow noopener">{escape_html(text)}</a>')
        else:
            out.append(escape_html(text))
    return Markup("".join(out).strip())


def _excerpt_line(meeting: Meeting, mention: Mention) -> str | None:
    """The note line the archive took the mention's snippet from: its own line, or for an
    agenda title the first text of its section."""
    start = " ".join(mention.snippet.split())[:30]
    section = meeting.section(mention.section)
    last = section.end_line if section and section.line == mention.line else mention.line
    for number in range(mention.line, last + 1):
        line = _note_line(meeting, number)
        if line is None:
            break
        line = _DECORATION.sub("", line)
        if start and start in " ".join(unlink(line).replace("`", "").split()):
            return line
    return None


def _note_line(meeting: Meeting, number: int) -> str | None:
    """Line `number` (from 1) of the note; None past its end. (Asked for one line, not for the
    note's length: a page that quotes a note changes only when the lines it quotes do.)"""
    if number < 1:
        return None
    try:
        return meeting.lines[number - 1]
    except IndexError:
        return None


def _whole_words(snippet: str) -> str:
    """A snippet the archive cut at its length limit ends at a word, with an ellipsis."""
    if len(snippet) < SNIPPET or " " not in snippet:
        return snippet
    return snippet.rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _issue_outcome(archive: Archive, here: Here, repo: str, number: int) -> dict[str, str]:
    """An issue as a topic page lists it: its reference, and where the refs file knows them
    its title and what became of it."""
    info = archive.issues[f"{repo}#{number}"].info
    return {
        "id": f"{repo}#{number}",
        "link": here.link(urls.issue_src((repo, number))),
        "title": info.title if info else "",
        "state": info.shown_state if info else "",
    }


def _topic(archive: Archive, here: Here, topic: Topic) -> Page:
    ident = topic.id
    meetings = _meetings_of(archive, topic.mentions)
    near = {i for m in topic.mentions if m.section for i in archive.section_issues.get((m.meeting, m.section), ())}
    issues = sorted((archive.issues[i].repo, archive.issues[i].number) for i in near)
    presenters = _topic_people(archive, topic.mentions, here, headed=True)
    return _page(
        here,
        "topic.html.j2",
        topic.name,
        boost=True,
        kind="Topic",
        name=topic.name,
        aliases=topic.aliases,
        description=topic.description,
        mentions=_mention_rows(archive, here, topic.mentions, linked=True),
        meetings_count=len(meetings),
        first=_ref(here, meetings[0], archive) if meetings else None,
        last=_ref(here, meetings[-1], archive) if meetings else None,
        presenters=presenters,
        mentioned=[p for p in _topic_people(archive, topic.mentions, here, headed=False) if p not in presenters],
        related=[{"name": archive.topics[r].name, "link": here.link(urls.topic_src(r))} for r in topic.related],
        issues=[_issue_outcome(archive, here, repo, n) for repo, n in issues],
        feed=here.link(topic_feed(ident)),
    )


def _meetings_of(archive: Archive, mentions: list[Mention]) -> list[str]:
    return sorted({m.meeting for m in mentions}, key=lambda i: archive.meeting(i).date)


def _meeting_count(mentions: list[Mention]) -> int:
    return len({m.meeting for m in mentions})


def _topic_people(
    archive: Archive, mentions: list[Mention], here: Here, headed: bool | None = None
) -> list[dict[str, object]]:
    """Who presented the sections where the topic came up, most often first; with `headed`,
    only the sections whose heading names it (True) or only the others (False)."""
    counts: dict[str, int] = {}
    for mention in mentions:
        meeting = archive.meeting(mention.meeting)
        section = meeting.section(mention.section)
        if section and headed is not None and (mention.line == section.line) != headed:
            continue
        for name in section.presenters if section else []:
            person = archive.person_of(meeting.id, name)
            if person:
                counts[person.id] = counts.get(person.id, 0) + 1
    ranked = sorted(counts, key=lambda i: (-counts[i], i))
    return [_person_ref(here, archive.people[i]) for i in ranked]


def _topics_index(archive: Archive, here: Here, memo: PageMemo) -> Page:
    rows = [
        memo.page(f"{here.src}#{t.id}", t, partial(_topic_row, topic=t, here=here), part=True)
        for t in archive.topics.values()
    ]
    rows.sort(key=lambda r: (-r["meetings"], -r["mentions"], str(r["name"]).casefold()))
    return _page(here, "topics_index.html.j2", "Topics", wide=True, topics=rows)


def _topic_row(archive: Archive, topic: Topic, here: Here) -> dict[str, object]:
    meetings = _meetings_of(archive, topic.mentions)
    return {
        "name": topic.name,
        "link": here.link(urls.topic_src(topic.id)),
        "people": _topic_people(archive, topic.mentions, here)[:4],
        "mentions": len(topic.mentions),
        "meetings": len(meetings),
        "last": _ref(here, meetings[-1], archive) if meetings else None,
    }


def _issue(archive: Archive, here: Here, issue: Issue) -> Page:
    rows = _mention_rows(archive, here, issue.mentions)
    if issue.kind == "reference":
        label = issue.label or issue.id
        meetings = _meeting_count(issue.mentions)
        return _page(
            here,
            "reference.html.j2",
            label,
            boost=True,
            label=label,
            href=issue.href,
            mentions=rows,
            meetings_count=meetings,
        )
    info = issue.info
    kind = info.kind if info is not None and info.kind else issue.kind
    kind_label = {"issue": "issue", "pull": "pull request", "discussion": "discussion"}[kind]
    title = f"{issue.id}: {info.title}" if info is not None and info.title else issue.id
    first = min(rows, key=lambda r: str(r["date"])) if rows else None
    return _page(
        here,
        "issue.html.j2",
        title,
        boost=True,
        kind="Issue",
        id=issue.id,
        heading=title,
        repo=issue.repo,
        kind_label=kind_label,
        href=issue.href,
        info=info,
        state=info.shown_state if info is not None else "",
        first=first,
        mentions=rows,
        meetings_count=_meeting_count(issue.mentions),
    )


def _issues_index(archive: Archive, here: Here) -> Page:
    rows: list[dict[str, Any]] = []
    for issue in archive.issues.values():
        last = max(issue.mentions, key=lambda m: archive.meeting(m.meeting).date)
        info = issue.info
        rows.append(
            {
                "id": issue.label or issue.id,
                "kind": info.kind if info is not None and info.kind else issue.kind,
                "title": info.title if info is not None else "",
                "state": info.shown_state if info is not None else "",
                "link": here.link(urls.issue_src(issue)),
                "mentions": len(issue.mentions),
                "meetings": _meeting_count(issue.mentions),
                "last": _ref(here, last.meeting, archive),
            }
        )
    rows.sort(key=lambda r: (r["last"]["date"], r["id"]), reverse=True)
    states = sorted({str(r["state"]) for r in rows if r["state"]})
    return _page(here, "issues_index.html.j2", "Issues", wide=True, issues=rows, states=states)


def _decisions(archive: Archive, here: Here) -> Page:
    values = decisions_log(archive, here.link)
    return _page(here, "decisions_index.html.j2", "Decisions", wide=True, **values)


def _timeline(archive: Archive, here: Here, memo: PageMemo) -> Page:
    first_year: dict[str, str] = {}
    for topic in archive.topics.values():
        year = memo.page(f"{here.src}#{topic.id}", topic, partial(_first_year, topic=topic), part=True)
        if year:
            first_year[topic.id] = year
    years = []
    rows = [
        memo.page(
            f"{here.src}#{m.id}",
            memo.stamps.meeting(m) if memo.stamps else None,
            partial(_meeting_row, here, meeting=m),
            part=True,
        )
        for m in archive.meetings
    ]
    for year, items in itertools.groupby(rows, key=lambda r: r["date"][:4]):
        raised = [t for t, first in first_year.items() if first == year]
        topics = sorted(raised, key=lambda t: archive.topics[t].name.casefold())
        years.append(
            {
                "year": year,
                "meetings": list(items),
                "topics": [{"name": archive.topics[t].name, "link": here.link(urls.topic_src(t))} for t in topics],
            }
        )
    return _page(here, "timeline.html.j2", "Timeline", years=years)


def _first_year(archive: Archive, topic: Topic) -> str | None:
    """The year a topic first came up in the notes, if it came up in two meetings or more."""
    dates = [archive.meeting(m.meeting).date for m in topic.mentions if not m.in_chat]
    return min(dates)[:4] if dates and _meeting_count(topic.mentions) >= 2 else None


def _meeting_row(here: Here, archive: Archive, meeting: Meeting) -> dict[str, object]:
    return {
        **_ref(here, meeting, archive),
        "title": meeting_title(meeting),
        "sections": [s.title for s in meeting.sections],
        "summary": short_summary(meeting),
    }


def render_home(archive: Archive, src: str = "index.md", latest: int = 5, timezone: str = "UTC") -> Page:
    """The generated part of the home page (Markdown, with the next meetings as a block):
    next meeting of each series, latest meetings, busiest topics."""
    here = Here(src, markdown=True)
    recent = archive.meetings[-latest:][::-1]
    blocks = Blocks(src)
    upcoming = TEMPLATES.get_template("next.html.j2").render(series=next_meetings(archive), zone=timezone).strip()
    topics = sorted(archive.topics.values(), key=lambda t: (-_meeting_count(t.mentions), t.name.casefold()))
    markdown = TEMPLATES.get_template("home.md.j2").render(
        next=blocks.add(upcoming) if upcoming else "",
        meetings_link=here.link("meetings/index.md"),
        feed_link=here.link(SITE_FEED),
        calendar_link=here.link(CALENDAR),
        topics_link=here.link("topics/index.md"),
        latest=[_meeting_row(here, archive, m) for m in recent],
        topics=[
            {
                "name": t.name,
                "link": here.link(urls.topic_src(t.id)),
                "meetings": _meeting_count(t.mentions),
            }
            for t in topics[:15]
            if t.mentions
        ],
    )
    return Page(src, markdown, blocks)
