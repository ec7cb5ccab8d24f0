"""The core's one entry point: settings in; the archive, its pages and every diagnostic out.

The MkDocs plugin, each CLI command, the scripts, the benchmarks and the tests all call
`load_site`, so what they show of an archive can never disagree (the CLI's `export` is
the site's `/api/archive.json`, byte for byte). Settings come from the plugin's options
or from the same `mkdocs.yml` read here without MkDocs (`Settings.from_config_file`).
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import yaml

from .archive import MAX_REFS_PER_NOTE, Archive, build_archive
from .cache import BuildCache
from .calendars import calendar_pages
from .community import Community, load_community
from .convert import MAX_SECTIONS, SEARCH_BUDGET, Article, Converter, site_permalink
from .detect import describe
from .export import export_json
from .feeds import FeedSite, feed_pages, page_feeds
from .identity import Identities
from .isolate import failure
from .lint import archive_findings
from .memo import PageMemo
from .model import ERROR, WARNING, Diagnostic
from .notes import NoteFile, ParseCache, find_notes, load_meetings, most_linked_repo
from .options import DEFAULT_TIME_ZONE, read_options
from .people import PersonEntry, load_people
from .refs import load_refs
from .render.pages import Page, SiteOptions, render_site
from .text import escape_html, valid_text
from .topics import TopicEntry, load_topics


@dataclass(frozen=True)
class Settings:
    """What the core needs to know about a community's archive. Paths are absolute or
    relative to `root` (the folder of mkdocs.yml), as in mkdocs.yml."""

    root: Path = Path(".")
    notes_dir: Path = Path("notes")
    people_file: Path | None = Path("people.yml")
    topics_file: Path | None = Path("topics.yml")
    # how the community writes its notes (community.yml); an absent file is Podman's way
    community_file: Path | None = Path("community.yml")
    community: Community | None = None  # given directly (tests, scripts): the file is not read
    refs_file: Path | None = Path("refs.json")  # what became of each issue (meetings refs update)
    default_repo: str | None = None  # empty: a bare "#123" is plain text; None: the notes' own (notes.py)
    repo_aliases: dict[str, str] = field(default_factory=dict)
    max_refs_per_note: int = MAX_REFS_PER_NOTE
    directory_urls: bool = True
    site_name: str = "Meetings"  # mkdocs.yml's site_name and site_url, for feeds and calendars
    site_url: str | None = None
    time_zone: str | None = DEFAULT_TIME_ZONE  # where the notes' wall-clock times are; None: as written
    permalink: bool | str = True  # the sign of heading links (the site's toc `permalink`)

    def path(self, value: Path) -> Path:
        return value if value.is_absolute() else self.root / value

    def label(self, value: Path) -> str:
        """A path as a maintainer would type it: relative to mkdocs.yml when inside it, else
        its own name (pages show a note's source: never the building machine's folders).
        (abspath, not resolve: no file-system access, so a link loop cannot raise here.)"""
        path = Path(os.path.abspath(self.path(value)))
        try:
            return path.relative_to(os.path.abspath(self.root)).as_posix()
        except ValueError:
            return path.name or str(path)

    @classmethod
    def from_config_file(cls, config_file: Path) -> tuple[Settings, list[Diagnostic]]:
        """The meetings plugin's options in `config_file` (mkdocs.yml), read without MkDocs.
        A missing file gives the defaults, relative to the file's folder; a bad option value
        raises OptionError, as MkDocs refuses it."""
        root = config_file.parent
        label = str(config_file)
        if not config_file.is_file():
            return cls(root=root), []
        try:
            data = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader)  # noqa: S506
        except (yaml.YAMLError, OSError, UnicodeDecodeError) as error:
            return cls(root=root), [Diagnostic(label, None, ERROR, f"cannot read it: {error}")]
        data = data if isinstance(data, dict) else {}
        options = _plugin_options(data.get("plugins"))
        settings = cls(
            root=root,
            directory_urls=bool(data.get("use_directory_urls", True)),
            site_name=str(data.get("site_name") or "Meetings"),
            site_url=str(data["site_url"]) if isinstance(data.get("site_url"), str) else None,
            permalink=site_permalink(data.get("markdown_extensions")),
        )
        return settings.with_options(options), []

    def with_options(self, options: dict[str, object]) -> Settings:
        """These settings with the plugin's options applied (names as in mkdocs.yml), each
        checked by the one schema (options.py); OptionError names the first bad one."""
        values, _ = read_options(options, str(self.root))
        paths = ("notes_dir", "people_file", "topics_file", "community_file", "refs_file")
        plain = ("default_repo", "repo_aliases", "max_refs_per_note")
        changes: dict[str, object] = {name: Path(str(values[name])) for name in paths if name in options}
        changes |= {name: values[name] for name in plain if name in options}
        if "time_zone" in options:
            changes["time_zone"] = values["time_zone"] or None
        return replace(self, **changes)  # type: ignore[arg-type]


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml may hold MkDocs' own tags (!ENV, !relative, !!python/name:…): read them as
    plain values, never run them; only the meetings plugin's options matter here."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _plugin_options(plugins: object) -> dict[str, object]:
    """The options of `- meetings: {…}` in a list of plugins (or a mapping of them)."""
    entries = plugins.items() if isinstance(plugins, dict) else plugins if isinstance(plugins, list) else []
    for entry in entries:
        if isinstance(entry, dict):
            entry = next(iter(entry.items()), ("", None))
        name, options = (entry, None) if isinstance(entry, str) else entry
        if name == "meetings":
            return options if isinstance(options, dict) else {}
    return {}


@dataclass
class Site:
    settings: Settings
    notes: list[NoteFile]
    archive: Archive
    identities: Identities  # what identity resolution did (`meetings people` reports it)
    problems: list[Diagnostic]  # of the notes folder and the data files
    pages: list[Page]
    feeds: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # page -> (title, feed path)
    seconds: dict[str, float] = field(default_factory=dict)  # parse, link, render: for the benchmarks

    @property
    def diagnostics(self) -> list[Diagnostic]:
        """Every finding: the site's, then each meeting's, in archive order."""
        return self.problems + self.archive.problems + [d for m in self.archive.meetings for d in m.diagnostics]

    @cached_property
    def converter(self) -> Converter:
        return Converter(self.settings.directory_urls, self.settings.permalink)

    def article(self, page: Page) -> Article:
        """A generated Markdown page made into its article by our own converter (convert.py):
        once per page; a page a serve rebuild reuses keeps what it was made into."""
        if page.article is None:
            try:
                page.article = self.converter.article(page.src, page.content, page.blocks)
            except Exception as error:  # noqa: BLE001 (one page's fault is that page's)
                page.article = self._as_text(page, error)
            self._bounded(page.src, page.article)
        return page.article

    def _as_text(self, page: Page, error: Exception) -> Article:
        """A page the converter failed on: its source shown as escaped text, and an error."""
        meeting = self.archive.page_meeting(page.src)
        found = failure(meeting.source if meeting else page.src, "converting its page to HTML", error)
        (meeting.diagnostics if meeting else self.archive.problems).append(found)
        return Article({"title": page.src}, f"<pre>{escape_html(valid_text(page.content))}</pre>")

    def _bounded(self, src: str, article: Article) -> None:
        """A finding on the meeting whose page is too large for the contents or the search."""
        past_contents, past_search = article.unlisted
        meeting = self.archive.page_meeting(src) if past_contents is not None or past_search is not None else None
        if meeting is None:
            return
        lines = {section.id: section.line for section in meeting.sections}
        if past_contents is not None:
            message = (
                f"the note has {len(meeting.sections)} sections; past {MAX_SECTIONS} they are shown "
                "but not listed in the page's contents or found by the site's search"
            )
            meeting.diagnostics.append(
                Diagnostic(meeting.source, lines.get(past_contents), WARNING, message, "split the note")
            )
        if past_search is not None:
            message = (
                f"the page is larger than the site's search reads of one page ({SEARCH_BUDGET:,} characters); "
                "the rest is shown but not found by the search"
            )
            meeting.diagnostics.append(
                Diagnostic(
                    meeting.source, lines.get(past_search, 1), WARNING, message, "move pasted logs to attachments"
                )
            )

    def export(self) -> str:
        """The JSON document the site publishes at api/archive.json (render_site writes it
        with the same call)."""
        return export_json(self.archive, self.settings.directory_urls)


def load_site(
    settings: Settings,
    cache: BuildCache | None = None,
    notes: list[NoteFile] | None = None,
    render: bool = True,
) -> Site:
    """Notes -> meetings -> archive -> pages: a function of the notes' bytes, the data files
    and `settings`. `cache` (cache.py), owned by the caller, is what a later call may reuse
    (serve: a rebuild makes again only what a changed note touches); without one, nothing of
    an earlier call is. `notes` narrows the archive to some notes of the folder (`meetings
    check FILE`); `render=False` stops at the archive (the commands that print no page)."""
    with _collector_paused():
        return _load_site(settings, cache if cache is not None else BuildCache(), notes, render)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector, off while a site is made. A build makes millions of short-lived
    objects beside the long-lived archive, parses and pages a serve process keeps, and each
    full collection walks all of those: at 1,000 meetings, a third of a rebuild. What a build
    leaves in cycles is collected after it, when the collector runs on its own again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _load_site(
    settings: Settings,
    cache: BuildCache,
    notes: list[NoteFile] | None,
    render: bool,
) -> Site:
    started = time.perf_counter()
    problems: list[Diagnostic] = []
    community = settings.community
    if community is None:
        community = Community()
        community_file = settings.community_file
        if community_file is not None and os.path.lexists(settings.path(community_file)):
            community, problems = load_community(settings.path(community_file), settings.label(community_file))
        elif community_file is not None:  # no settings: the notes say how they are written
            shape = describe(settings, cache.store("unconfigured parses", ParseCache))
            community = shape.community()
            if settings.default_repo is None:
                settings = replace(settings, default_repo=shape.default_repo)
    if notes is None:
        notes, found = find_notes(settings.path(settings.notes_dir), settings.label(settings.notes_dir), community)
        problems += found
    default_repo = settings.default_repo if settings.default_repo is not None else most_linked_repo(notes)
    settings = replace(settings, default_repo=default_repo)
    meetings = load_meetings(notes, default_repo, cache.store("parses", ParseCache), community)
    parsed = time.perf_counter()
    entries: list[PersonEntry] = []
    topics: list[TopicEntry] = []
    if settings.people_file is not None:
        entries, found = load_people(settings.path(settings.people_file), settings.label(settings.people_file))
        problems += found
    if settings.topics_file is not None:
        topics, found = load_topics(settings.path(settings.topics_file), settings.label(settings.topics_file))
        problems += found
    identities = Identities(entries)
    archive = build_archive(
        meetings, identities, settings.repo_aliases, topics, settings.max_refs_per_note, community.generic, cache
    )
    archive_findings(archive)
    if settings.refs_file is not None:
        refs, found = load_refs(settings.path(settings.refs_file), settings.label(settings.refs_file))
        problems += found
        for issue in archive.issues.values():
            issue.info = refs.get(issue.id)
    linked = time.perf_counter()
    options = SiteOptions(
        default_repo=default_repo,
        directory_urls=settings.directory_urls,
        attachments={n.id: frozenset(n.attachments) for n in notes},
        references=community.references,
    )
    pages: list[Page] = []
    feeds: dict[str, list[tuple[str, str]]] = {}
    if render:
        feed_site = FeedSite(
            settings.site_name, settings.site_url, default_repo, settings.directory_urls, settings.time_zone
        )
        memo = cache.store("pages", PageMemo)
        memo.start(archive, (options, feed_site, archive.repo_aliases))
        try:
            pages = render_site(archive, options, memo)
            written = feed_pages(archive, feed_site, memo)
            written |= calendar_pages(
                archive,
                settings.time_zone,
                settings.site_name,
                settings.site_url,
                settings.directory_urls,
                default_repo,
                memo,
            )
        finally:
            memo.finish()
        pages += [Page(src, content.decode("utf-8")) for src, content in written.items()]
        if written and not settings.site_url:  # `mkdocs serve` sets it; a build for publishing must
            message = "site_url is not set: feed links are relative and calendar events link to no page"
            hint = "set site_url to the address the site is published at"
            problems.append(Diagnostic("mkdocs.yml", None, WARNING, message, hint))
        feeds = page_feeds(archive, settings.site_name)
    site = Site(settings, notes, archive, identities, problems, pages, feeds)
    for page in pages:
        if archive.page_meeting(page.src) is not None:
            site.article(page)  # made now, so its findings (a page too large) are the note's
    site.seconds = {"parse": parsed - started, "link": linked - parsed, "render": time.perf_counter() - linked}
    return site
