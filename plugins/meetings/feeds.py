"""Atom feeds (and RSS 2.0 for the site's): the latest meetings, and one feed per person and
per topic, so a reader can follow "when quadlet comes up again".

Every time in a feed comes from the notes (a meeting's scheduled start, or its date), never
from the clock: two builds of the same notes give the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from . import urls
from .archive import Archive, meeting_title, short_summary
from .calendars import held_at
from .memo import PageMemo
from .model import Meeting
from .text import escape_html, valid_text

SITE_FEED = "feeds/meetings.xml"
SITE_RSS = "feeds/meetings.rss"
LATEST = 50  # entries in the site's feed
PER_FEED = 100  # entries in a person's or topic's feed
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def person_feed(ident: str) -> str:
    return f"feeds/people/{ident}.xml"


def topic_feed(ident: str) -> str:
    return f"feeds/topics/{ident}.xml"


@dataclass(frozen=True)
class FeedSite:
    """What a feed says about the site it belongs to."""

    name: str = "Meetings"
    url: str | None = None  # site_url of mkdocs.yml; links are relative without it
    repo: str = "containers/podman"
    directory_urls: bool = True
    time_zone: str | None = None  # where the notes' wall-clock times are (Settings.time_zone)

    def link(self, feed: str, src: str) -> str:
        """The page `src`, from the feed file `feed`: absolute when the site's URL is known."""
        if self.url:
            return self.url.rstrip("/") + "/" + urls.page_url(src, self.directory_urls)
        return urls.href(feed, src, self.directory_urls)

    def ident(self, src: str) -> str:
        """A stable id: the page's address, or a URN of the repository and page path."""
        if self.url:
            return self.link("", src)
        return f"urn:x-meetings:{self.repo}:{urls.page_url(src, True) or 'home'}"


def meeting_time(meeting: Meeting, time_zone: str | None) -> dt.datetime | None:
    """When the meeting was held: its scheduled start (see calendars.held_at), else its day (UTC)."""
    held = held_at(meeting, time_zone)
    if isinstance(held, dt.datetime):
        return held
    return dt.datetime.combine(held, dt.time(), dt.UTC) if held else None


def feed_pages(archive: Archive, site: FeedSite, memo: PageMemo | None = None) -> dict[str, bytes]:
    """Every feed file by its path in the docs tree. With a started `memo` (serve), a person's
    or topic's feed whose meetings did not change is the last build's."""
    if memo is None:
        memo = PageMemo()
        memo.start(archive, site)
    dated = [(m, t) for m in archive.meetings if (t := meeting_time(m, site.time_zone)) is not None]
    times = {m.id: t for m, t in dated}
    oldest = max(times.values(), default=EPOCH)  # what an empty feed says it was updated
    files: dict[str, bytes] = {}
    latest = [m.id for m, _ in sorted(dated, key=lambda p: (p[1], p[0].id))][-LATEST:]
    shown: dict[str, tuple[object, ...]] = {}

    def entry_of(ident: str) -> tuple[object, ...]:
        """What an entry shows of a meeting: its other lines change no feed."""
        if ident not in shown:
            meeting = archive.meeting(ident)
            titles = tuple(s.title for s in meeting.sections)
            presenters = tuple(_presenters(archive, meeting))
            # Times as printed (repr): two offsets can name one moment, and equal times compare equal.
            when = repr(times[ident])
            shown[ident] = (
                when,
                meeting_title(meeting),
                meeting.date,
                meeting.series,
                meeting.recording,
                titles,
                presenters,
                meeting.summary,
                tuple(_outcomes(archive, meeting)),
            )
        return shown[ident]

    def feed_of(src: str, title: str, page: str, ids: list[str], rss: bool = False) -> bytes:
        # The key holds all that the feed reads, so it reads the archive itself, unwatched.
        key = (title, page, tuple((i, entry_of(i)) for i in ids), repr(oldest))

        def make(_: object) -> bytes:
            feed = _feed(archive, site, src, title, page, ids, times, rss)
            return feed.rss_str(pretty=True) if rss else feed.atom_str(pretty=True)

        return memo.page(src, key, make)

    files[SITE_FEED] = feed_of(SITE_FEED, f"{site.name}: meetings", "index.md", latest)
    files[SITE_RSS] = feed_of(SITE_RSS, f"{site.name}: meetings", "index.md", latest, rss=True)

    for person in archive.people.values():
        ids = [i for i in person.meetings if i in times][-PER_FEED:]
        src = person_feed(person.id)
        files[src] = feed_of(src, f"{site.name}: meetings with {person.name}", urls.person_src(person.id), ids)
    for ident, topic in archive.topics.items():
        ids = sorted({m.meeting for m in topic.mentions if m.meeting in times}, key=lambda i: (times[i], i))
        src = topic_feed(ident)
        title = f"{site.name}: meetings about {topic.name}"
        files[src] = feed_of(src, title, urls.topic_src(ident), ids[-PER_FEED:])
    return files


def page_feeds(archive: Archive, site_name: str) -> dict[str, list[tuple[str, str]]]:
    """The feeds of each person and topic page, as (title, feed path), for the page's head."""
    found: dict[str, list[tuple[str, str]]] = {}
    for person in archive.people.values():
        title = f"{site_name}: meetings with {person.name}"
        found[urls.person_src(person.id)] = [(title, person_feed(person.id))]
    for ident, topic in archive.topics.items():
        found[urls.topic_src(ident)] = [(f"{site_name}: meetings about {topic.name}", topic_feed(ident))]
    return found


def _feed(
    archive: Archive,
    site: FeedSite,
    src: str,
    title: str,
    page: str,
    ids: list[str],
    times: dict[str, dt.datetime],
    rss: bool = False,
) -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(site.ident(src if src != SITE_RSS else SITE_FEED))
    feed.title(valid_text(title))
    feed.subtitle(valid_text(f"Meetings from the notes of {site.name}"))
    feed.author({"name": valid_text(site.name)})
    feed.link(href=site.link(src, page), rel="alternate")
    if site.url:
        feed.link(href=site.url.rstrip("/") + "/" + src, rel="self")
    # An empty feed (a person or topic with no dated meeting) is as old as the archive.
    updated = max((times[i] for i in ids), default=max(times.values(), default=EPOCH))
    feed.updated(updated)
    feed.lastBuildDate(updated)
    for ident in ids:  # oldest first: feedgen puts each new entry on top
        _entry(feed, archive, site, src, archive.meeting(ident), times[ident], rss)
    return feed


def _entry(
    feed: FeedGenerator,
    archive: Archive,
    site: FeedSite,
    src: str,
    meeting: Meeting,
    when: dt.datetime,
    rss: bool = False,
) -> None:
    """One meeting's entry. Text from notes is made valid for XML; in RSS, whose readers show
    a description as HTML, it is HTML-escaped as well (Atom's summary is typed as text)."""
    page = urls.meeting_src(meeting.id)
    entry = feed.add_entry()
    entry.id(site.ident(page))
    entry.title(valid_text(meeting_title(meeting)))  # series, date and subjects, as the site names it
    # One link only: feedgen 1.0 writes an entry's links without their rel, so a second
    # (the recording) would read as another alternate; the recording is in the summary.
    entry.link(href=site.link(src, page), rel="alternate")
    entry.published(when)
    entry.updated(when)
    entry.category(term=valid_text(meeting.series))
    presenters = _presenters(archive, meeting)
    for name in presenters:
        entry.author(name=valid_text(name))
    lines = [f"{meeting.series.title()} meeting, {meeting.date}."]
    if meeting.summary:
        lines.append(short_summary(meeting, 600))
    subjects = [s.title for s in meeting.sections]
    if subjects:
        lines.append("Subjects: " + "; ".join(subjects) + ".")
    if presenters:
        lines.append("Presented by " + ", ".join(presenters) + ".")
    outcomes = _outcomes(archive, meeting)
    if outcomes:
        lines.append("Issues: " + "; ".join(outcomes) + ".")
    if meeting.recording:
        lines.append(f"Recording: {meeting.recording}")
    summary = valid_text("\n".join(lines))
    entry.summary(escape_html(summary) if rss else summary)


FEED_ISSUES = 10  # issues an entry names with their title and state; the page has the rest


def _outcomes(archive: Archive, meeting: Meeting) -> list[str]:
    """ "containers/podman#8483 Network aliases… (closed)" for the issues the meeting named
    that the refs file knows, in the order named; none without the file."""
    found: list[str] = []
    seen: set[str] = set()
    for ref in meeting.issues:
        issue = archive.issues.get(f"{archive.repo(ref.repo)}#{ref.number}")
        info = issue.info if issue is not None else None
        if issue is None or info is None or issue.id in seen or not (info.title or info.shown_state):
            continue
        seen.add(issue.id)
        state = f" ({info.shown_state})" if info.shown_state else ""
        found.append(f"{issue.label or issue.id} {info.title}".strip() + state)
    if len(found) > FEED_ISSUES:
        return [*found[:FEED_ISSUES], f"and {len(found) - FEED_ISSUES} more"]
    return found


def _presenters(archive: Archive, meeting: Meeting) -> list[str]:
    """The names of the people who presented in the meeting, each once."""
    presenters: list[str] = []
    for section in meeting.sections:
        for name in section.presenters:
            person = archive.person_of(meeting.id, name)
            if person and person.name not in presenters:
                presenters.append(person.name)
    return presenters
