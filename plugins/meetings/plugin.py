"""The MkDocs adapter: the only module (with config.py) that imports MkDocs.

Hooks used, and why:
- on_startup: keeps this instance alive across `mkdocs serve` rebuilds, so its build cache
  (cache.py) survives: only changed notes are parsed again, only the pages that read them
  are made again. MkDocs itself renders every page on each rebuild, unless served with
  `--dirty`: then each generated page is a file on disk, rewritten only when its bytes
  change, so MkDocs skips the others by its own rule (their output is newer);
- on_config: adds our stylesheet, scripts and theme templates;
- on_files: runs the core (notes -> archive -> pages, each made into HTML by the core's own
  converter) and adds every page in memory, as a stub: no note text ever reaches the
  site's Markdown extensions or other plugins' Markdown hooks (convert.py says why);
- on_page_content: a generated page's article (and the home page's block) goes in;
- on_env: the 404 page's list;
- on_post_page: puts the late blocks in, and the feeds' links in the page's head;
- on_serve: watches the notes folder and people.yml, which live outside docs/;
- on_shutdown: removes the folder of a dirty serve's generated files.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkPage
from mkdocs.structure.toc import get_toc

from . import urls
from .archive import Archive
from .cache import BuildCache, digest
from .config import MeetingsConfig
from .convert import Article
from .feeds import SITE_FEED
from .layout import FIND_CONTENT, FIND_PAGE, HOME_MARKER, INDEXES, assets, scripts, stylesheets, theme_dir
from .memo import PageMemo
from .model import ERROR, WARNING, Diagnostic, Meeting
from .notes import ParseCache
from .options import OptionError
from .render.blocks import fill_blocks
from .render.meeting import meeting_title
from .render.pages import attachment_dir, render_home
from .render.templates import REPEATED
from .site import Settings, Site, load_site
from .text import escape_html

log = get_plugin_logger(__name__)

# Lists repeated on other pages, and permalinks; transcripts are indexed whole.
PAGEFIND_EXCLUDE = (f".{REPEATED}", ".headerlink")


class MeetingsPlugin(BasePlugin[MeetingsConfig]):
    def __init__(self) -> None:
        self.cache = BuildCache()  # under `mkdocs serve`, what each rebuild may reuse (cache.py)
        self.generated: set[str] = set()
        self.site: Site | None = None  # this build's, for the home page block
        self.server: LiveReloadServer | None = None  # under `mkdocs serve`: to watch new attachment folders
        self.archive: Archive | None = None
        self.articles: dict[str, Article] = {}  # generated page -> what it is made of (our converter's)
        self.late: dict[str, dict[str, str]] = {}  # page -> its blocks, the late ones still to go in
        self.page_seconds = 0.0  # time spent in the per-page hooks of this build
        self.serving = False
        self.written: Path | None = None  # under `mkdocs serve --dirty`: the generated files, on disk
        self.on_disk: dict[str, bytes] = {}  # their digests, so a rebuild compares without reading them back
        self.builds = 0
        self.feeds: dict[str, list[tuple[str, str]]] = {}  # page -> its own feeds (title, path)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so MkDocs keeps this instance (and its parse cache) across rebuilds."""
        self.serving = command == "serve"
        if self.serving and dirty and self.written is None:
            self.written = Path(tempfile.mkdtemp(prefix="meetings-pages-"))

    def on_shutdown(self) -> None:
        if self.written is not None:
            shutil.rmtree(self.written, ignore_errors=True)
            self.written, self.on_disk = None, {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.serving and self.builds == 1:
            # The first rebuild: what the first build left and the server keeps (every parsed
            # note, every page kept for reuse) is put out of the cycle collector's walks, which
            # took a third of a second of each rebuild at 1,000 meetings. The first build's pages
            # are garbage by now: collected first, so that nothing is kept that is not in use.
            # What is dropped later is freed as usual.
            gc.collect()
            gc.freeze()
        if theme_dir() not in config.theme.dirs:
            config.theme.dirs.insert(0, theme_dir())
        pagefind = self.config.search_engine == "pagefind"
        for sheet in stylesheets(pagefind):
            if sheet not in config.extra_css:
                config.extra_css.append(sheet)
        for script in scripts(pagefind):
            if script not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(script)
        if self.config.search_engine == "pagefind" and {"search", "material/search"} & set(config.plugins):
            log.warning(
                "search_engine: pagefind: remove the 'search' plugin from mkdocs.yml; with it, every page "
                "also downloads the theme's whole search index (40 MB at 5,000 meetings), which Pagefind replaces"
            )
        self.generated = set()
        self.page_seconds = 0.0
        return config

    # Late, so pages and files that other plugins add are known when we check for clashes.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        started = time.perf_counter()
        root = Path(os.path.abspath(config.config_file_path or ".")).parent
        permalink = (config.mdx_configs.get("toc") or {}).get("permalink", True)
        settings = self._settings(config, root, permalink)
        if not self.serving:
            self.cache = BuildCache()  # a build makes every page anew
        site = load_site(settings, self.cache)
        parses, memo = self.cache.store("parses", ParseCache), self.cache.store("pages", PageMemo)
        archive, pages, notes = site.archive, site.pages, site.notes
        self.site, self.archive = site, archive
        self.articles, self.late = {}, {}
        self.feeds = site.feeds
        edits = _edit_sources(site, config.docs_dir)
        for page in pages:
            inclusion = InclusionLevel.UNDEFINED if page.src in INDEXES else InclusionLevel.NOT_IN_NAV
            content = page.content
            if page.src.endswith(".md"):
                self.articles[page.src] = article = site.article(page)
                content = _stub(article, self.feeds.get(page.src, []))
                if article.blocks:
                    self.late[page.src] = article.blocks
            file = self._generated(config, page.src, content, inclusion)
            file.edit_uri = edits(page.src)  # "Edit this page" opens the note or data file it comes from
            self._add(files, file)
        for note in notes:
            for name, path in note.attachments.items():
                src = f"{attachment_dir(note.id)}/{name}"
                self._add(files, File.generated(config, src, abs_src_path=str(path)))
        for src, content in assets().items():
            self._add(files, self._generated(config, src, content))
        if self.config.search_engine == "pagefind":
            self._add(files, self._generated(config, FIND_PAGE, FIND_CONTENT, InclusionLevel.UNDEFINED))
        self._watch_attachments()
        self._report(site.problems + archive.problems, data_file=True)
        self._report_notes(archive.meetings)
        # The figures benchmarks/run.py reads: this plugin's own share of a build.
        seconds = site.seconds
        log.info(
            f"{len(archive.meetings)} meetings ({parses.parsed} parsed), {len(pages)} pages in "
            f"{time.perf_counter() - started:.2f} s (parse {seconds['parse']:.2f} s, "
            f"link {seconds['link']:.2f} s, render {seconds['render']:.2f} s)"
            + (f"; {memo.reused} pages unchanged since the last build" if self.serving else "")
        )
        return files

    def _generated(
        self, config: MkDocsConfig, src: str, content: str | bytes, inclusion: InclusionLevel = InclusionLevel.UNDEFINED
    ) -> File:
        """A generated file: in memory, or under `serve --dirty` a file in our own folder,
        rewritten only when its bytes change, so that MkDocs skips it when they did not."""
        if self.written is None:
            return File.generated(config, src, content=content, inclusion=inclusion)
        data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
        path, made = self.written / src, digest([data])
        if self.on_disk.get(src) != made:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            self.on_disk[src] = made
        return File.generated(config, src, abs_src_path=str(path), inclusion=inclusion)

    def _settings(self, config: MkDocsConfig, root: Path, permalink: object) -> Settings:
        try:
            return Settings(
                root=root,
                directory_urls=config.use_directory_urls,
                site_name=config.site_name,
                site_url=config.site_url,
                permalink=permalink if isinstance(permalink, bool | str) else True,
            ).with_options(dict(self.config))
        except OptionError as error:  # MkDocs ran the same checks; this is their message
            raise PluginError(str(error)) from None

    def _add(self, files: Files, file: File) -> None:
        existing = files.get_file_from_path(file.src_uri)
        if existing is not None and existing.src_uri not in self.generated:
            log.info(f"'{file.src_uri}' is written by hand in docs/; the hand-written page is kept")
            return
        files.append(file)
        self.generated.add(file.src_uri)

    def _report(self, diagnostics: list[Diagnostic], data_file: bool) -> None:
        """Errors, and problems with config and data files, fail a strict build; other
        note findings only when `strict_notes` is set (they are for `meetings check`)."""
        for diagnostic in diagnostics:
            serious = diagnostic.level in (ERROR, WARNING)
            if diagnostic.level == ERROR or (serious and (data_file or self.config.strict_notes)):
                log.warning(str(diagnostic))
            elif serious:
                log.info(str(diagnostic))
            else:
                log.debug(str(diagnostic))

    def _report_notes(self, meetings: list[Meeting]) -> None:
        """Under `mkdocs serve`, a rebuild prints the findings of the notes that changed and
        one line for the rest (the first build: errors and that line); a build prints all."""
        self.builds += 1
        if not self.serving:
            self._report([d for m in meetings for d in m.diagnostics], data_file=False)
            return
        changed = self.cache.store("parses", ParseCache).changed if self.builds > 1 else set()
        shown = [d for m in meetings if m.id in changed for d in m.diagnostics]
        self._report(shown, data_file=False)
        rest = [d for m in meetings if m.id not in changed for d in m.diagnostics if d.level in (ERROR, WARNING)]
        self._report([d for d in rest if d.level == ERROR], data_file=False)
        if rest:
            notes = len({d.file for d in rest})
            log.info(f"{len(rest)} findings in {notes} other notes; see them all with: meetings check")

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        """The 404 page lists the latest meetings."""
        meetings = self.archive.meetings[-5:][::-1] if self.archive else []
        env.globals["meetings_latest"] = [
            {"title": meeting_title(m), "url": urls.page_url(urls.meeting_src(m.id), config.use_directory_urls)}
            for m in meetings
        ]
        env.globals["meetings_search_page"] = "find/" if self.config.search_engine == "pagefind" else ""
        return env

    # First, so that the plugins after us see the page's own HTML.
    @event_priority(100)
    def on_page_content(self, html: str, *, page: MkPage, config: MkDocsConfig, files: Files) -> str:
        """A generated page's HTML is the article our converter made (MkDocs converted only
        its stub); a hand-written page may hold HOME_MARKER, where the latest meetings and
        topics go, made by the same converter."""
        src = page.file.src_uri
        made = self.articles.get(src)
        if made is not None:
            page.meta.update(made.meta)  # title and description: from notes, so not in the stub
            page.toc = get_toc(made.toc)  # type: ignore[arg-type]  # the toc extension's tokens, as MkDocs passes them
            return made.html
        if HOME_MARKER in html and self.site is not None:
            started = time.perf_counter()
            zone = str(self.config.time_zone or "UTC")
            made = self.site.article(render_home(self.site.archive, src, timezone=zone))
            if made.blocks:
                self.late[src] = made.blocks
            html = html.replace(HOME_MARKER, made.html)
            self.page_seconds += time.perf_counter() - started
        return html

    @event_priority(100)
    def on_post_page(self, output: str, *, page: MkPage, config: MkDocsConfig) -> str:
        """Late blocks (transcripts, quoted lists, the participation strip) go in after search
        has read the page; the feeds that apply to the page are announced in its head."""
        started = time.perf_counter()
        src = page.file.src_uri
        feeds = [(f"{config.site_name}: meetings", SITE_FEED), *self.feeds.get(src, [])]
        # "alternate feed", not "alternate" alone: the theme fetches a sitemap.xml under every
        # link[rel=alternate] (its language versions), a 404 for each feed; readers split rel.
        links = "".join(
            f'<link rel="alternate feed" type="application/atom+xml" title="{escape_html(title)}" '
            f'href="{urls.href(src, feed, config.use_directory_urls)}">'
            for title, feed in feeds
        )
        output = output.replace("</head>", links + "</head>", 1)
        late = self.late.get(src)
        if late:
            output = fill_blocks(output, late, late=True)
        self.page_seconds += time.perf_counter() - started
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Reports the per-page hooks' time; with search_engine: pagefind, indexes the built
        pages (article text, whole transcripts included)."""
        log.info(f"page hooks took {self.page_seconds:.2f} s")  # read by benchmarks/run.py
        if self.config.search_engine != "pagefind":
            return
        started = time.perf_counter()
        command = [
            sys.executable,
            "-m",
            "pagefind",
            "--site",
            config.site_dir,
            "--root-selector",
            "article",
            "--exclude-selectors",
            ", ".join(PAGEFIND_EXCLUDE),
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, check=False)
        except OSError as error:
            raise PluginError(f"search_engine: pagefind could not run Pagefind: {error}") from error
        if result.returncode != 0:
            raise PluginError(
                "search_engine: pagefind failed (is it installed? pip install "
                f"'mkdocs-meetings[pagefind]'):\n{result.stderr.strip()[-1500:]}"
            )
        log.info(f"Pagefind indexed the site in {time.perf_counter() - started:.2f} s")

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        """Watches exactly what the build reads: the data files, the notes folder itself (not
        what is under it: a linked folder there would be walked whole) and each attachment
        folder the build published from (real folders only; new ones as builds find them)."""
        self.server = server
        root = Path(os.path.abspath(config.config_file_path or ".")).parent
        for name in ("people_file", "topics_file", "community_file", "refs_file"):
            value = self.config[name]
            path = root / str(value) if value else None
            if path is not None and path.is_file() and not path.is_symlink():
                server.watch(str(path), recursive=False)
        notes = root / str(self.config.notes_dir)
        if notes.is_dir() and not notes.is_symlink():
            server.watch(str(notes), recursive=False)
        self._watch_attachments()
        return server

    def _watch_attachments(self) -> None:
        if self.server is None or self.site is None:
            return
        for note in self.site.notes:
            for path in note.attachments.values():
                folder = Path(path).parent
                if folder.is_dir() and not folder.is_symlink():
                    self.server.watch(str(folder), recursive=False)  # MkDocs counts repeats itself


# Front matter that holds text from notes: set on the page after conversion, not in its stub.
_FROM_NOTES = ("title", "description")


def _stub(article: Article, feeds: list[tuple[str, str]]) -> str:
    """What MkDocs converts for a generated page: its front matter without text from notes,
    and a paragraph that names, by their digest, all our hooks put in the page (article,
    title, toc, late blocks, feed links): a stub changes exactly when its page does."""
    meta = "".join(f"{key}: {json.dumps(value)}\n" for key, value in article.meta.items() if key not in _FROM_NOTES)
    parts = [article.html, json.dumps([article.meta, article.toc, sorted(article.blocks.items()), feeds], default=str)]
    return (f"---\n{meta}---\n\n" if meta else "") + f"meetings-article-{digest(parts).hex()}\n"


def _edit_sources(site: Site, docs_dir: str) -> Callable[[str], str | None]:
    """For a generated page, the file to edit for it, relative to docs_dir: MkDocs joins
    that to repo_url and edit_uri (whose ".." steps out of docs/) for the edit button."""
    notes = {urls.meeting_src(n.id): n.path for n in site.notes}
    data = {"people/": site.settings.people_file, "topics/": site.settings.topics_file}

    def edit_uri(src: str) -> str | None:
        path = notes.get(src)
        if path is None:
            folder = src.split("/")[0] + "/"
            listed = data.get(folder)
            path = site.settings.path(listed) if listed is not None and src != folder + "index.md" else None
        return Path(os.path.relpath(path, docs_dir)).as_posix() if path else None

    return edit_uri


__all__ = ["MeetingsPlugin", "PluginError"]
