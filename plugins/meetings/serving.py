"""Under `mkdocs serve`, a rebuild reuses MkDocs' work on pages whose inputs did not change.

MkDocs makes new pages, files, config and plugins on every rebuild; only our plugin instance
survives (it defines on_startup), so it keeps, per page, what the previous build made and a
digest of everything that decided it. Three results are kept:

- Markdown conversion (`Page.render`): keyed by the page's Markdown, the set of files and their
  URLs (relative links resolve against them), the config, and the other files in docs/ and
  in the folders mkdocs.yml watches (a Markdown extension may read them);
- the theme's template output: keyed by everything the theme prints (content, toc, title, meta,
  URLs, previous/next page, the whole nav, the config, the theme's own files); a page whose key
  matches is given a template that prints the stored output;
- the search plugin's index entries for the page: keyed by content, toc, title, URL, meta
  and the config.

The theme's compiled templates are kept too (Jinja's bytecode cache, checked against each
template's source), since every rebuild makes a new Jinja environment.

A plain `mkdocs build` never gets here. Each store keeps only what the latest build used.
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
import types
import zlib
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .layout import theme_dir

STORED_TEMPLATE = "meetings-stored.html"  # in theme/: prints the context variable below
STORED = "meetings_stored"

# The search indexes whose per-page method we know: class -> the list it appends entries to.
SEARCH_INDEXES = {
    "material.plugins.search.plugin.SearchIndex": "entries",
    "mkdocs.contrib.search.search_index.SearchIndex": "_entries",
}

_ADDRESS = re.compile(r" at 0x[0-9a-fA-F]+")
_MISSING = object()


def digest(parts: Iterable[str | bytes]) -> bytes:
    """One digest of several texts; each is length-prefixed, so ("ab", "c") != ("a", "bc")."""
    made = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        made.update(len(data).to_bytes(8, "little"))
        made.update(data)
    return made.digest()


def plain(value: object, depth: int = 0, seen: dict[int, int] | None = None) -> str:
    """Text that is equal for equal settings in two builds: objects' addresses are left out,
    functions are named, plugins are their options. A list or mapping met again (YAML
    aliases share one) is written as a reference to the first: written out each time,
    "x: &a [*a, *a]" nested a few dozen levels would take longer than the age of the site."""
    seen = {} if seen is None else seen
    if depth > 30:
        return type(value).__qualname__
    if value is None or isinstance(value, (str, int, float, bool)):
        return repr(value)
    if isinstance(value, (Mapping, list, tuple, set, frozenset)):
        if id(value) in seen:
            return f"@{seen[id(value)]}"
        seen[id(value)] = len(seen)
    if isinstance(value, Mapping):
        pairs = (f"{plain(k, depth + 1, seen)}:{plain(v, depth + 1, seen)}" for k, v in value.items())
        return "{" + ",".join(sorted(pairs)) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [plain(item, depth + 1, seen) for item in value]
        return "[" + ",".join(sorted(items) if isinstance(value, (set, frozenset)) else items) + "]"
    if isinstance(value, BasePlugin):
        return f"{type(value).__module__}.{type(value).__qualname__}{plain(value.config, depth + 1, seen)}"
    if isinstance(value, types.ModuleType):  # a hook file
        return f"module {value.__name__} {stamps([getattr(value, '__file__', None) or ''])}"
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}"
    return _ADDRESS.sub("", repr(value))


def stamps(paths: Iterable[str], skip: Iterable[str] = ()) -> str:
    """Size and modification time of each file under the given files and folders, but
    those under `skip`."""
    skipped = {os.path.abspath(p) for p in skip}

    def kept(path: str) -> bool:
        path = os.path.abspath(path)
        while path not in skipped:
            path, child = os.path.dirname(path), path
            if path == child:
                return True
        return False

    found = []
    for top in filter(kept, paths):
        if os.path.isfile(top):
            walked: Iterable[tuple[str, list[str], list[str]]] = [(os.path.dirname(top), [], [os.path.basename(top)])]
        else:
            walked = os.walk(top) if top and os.path.isdir(top) else []
        for folder, folders, names in walked:
            folders[:] = [f for f in folders if kept(os.path.join(folder, f))]
            for name in names:
                path = os.path.join(folder, name)
                if not kept(path):
                    continue
                try:
                    stat = os.stat(path)
                except OSError:
                    continue
                found.append(f"{path}:{stat.st_size}:{stat.st_mtime_ns}")
    return "\n".join(sorted(found))


def config_print(config: MkDocsConfig) -> bytes:
    """The config as the pages see it: mkdocs.yml's text, every option after all plugins'
    on_config (so INHERIT and !ENV values count too), the theme and its templates on disk."""
    path = config.config_file_path
    text = Path(path).read_text(encoding="utf-8", errors="replace") if path and os.path.isfile(path) else ""
    theme = config.theme
    folders = [theme.custom_dir or "", theme_dir()]
    return digest([text, plain(dict(config)), plain(theme.dirs), stamps(folders)])


def files_print(files: Files) -> bytes:
    """Which files exist and where they go: what relative links resolve against."""
    rows = sorted(f"{f.src_uri}\0{f.dest_uri}\0{f.url}\0{f.inclusion.name}" for f in files)
    return digest(rows)


def toc_print(toc: Iterable[Any]) -> str:
    return "[" + ",".join(f"({plain(i.title)},{i.id},{i.level},{toc_print(i.children)})" for i in toc) + "]"


def nav_print(nav: Navigation | None) -> bytes:
    """The whole nav, titles, URLs and each page's front matter (the theme shows a page's
    icon, subtitle and status beside its entry): the theme prints it on every page."""

    def items(entries: Iterable[Any]) -> str:
        return "[" + ",".join(item(entry) for entry in entries) + "]"

    def item(entry: Any) -> str:
        children = items(entry.children) if entry.children else ""
        meta = plain(getattr(entry, "meta", None))
        return f"({type(entry).__name__},{plain(entry.title)},{plain(getattr(entry, 'url', None))},{meta},{children})"

    return digest([items(nav.items) if nav is not None else "none"])


def _neighbour(page: Any) -> str:
    return f"{plain(page.title)}\0{page.url}" if page is not None else ""


def page_print(page: Page) -> list[str]:
    """What the theme reads from the page itself."""
    ancestors = [f"{plain(a.title)}\0{plain(getattr(a, 'url', None))}" for a in page.ancestors]
    return [
        page.file.src_uri,
        page.url,
        plain(page.canonical_url),
        plain(page.abs_url),
        plain(page.edit_url),
        plain(page.update_date),
        plain(page.title),
        plain(page.meta),
        page.content or "",
        toc_print(page.toc),
        _neighbour(page.previous_page),
        _neighbour(page.next_page),
        plain(ancestors),
        page.file.inclusion.name,
    ]


class Store:
    """One kind of result per page: what the previous build made, and what this one uses."""

    def __init__(self) -> None:
        self.previous: dict[str, tuple[bytes, Any]] = {}
        self.current: dict[str, tuple[bytes, Any]] = {}
        self.reused = 0

    def turn(self) -> None:
        """A new build: what the last one did not use is dropped."""
        self.previous, self.current = self.current, {}
        self.reused = 0

    def get(self, src: str, key: bytes) -> Any:
        found = self.previous.get(src)
        if found is None or found[0] != key:
            return None
        self.current[src] = found
        self.reused += 1
        return found[1]

    def put(self, src: str, key: bytes, value: Any) -> None:
        self.current[src] = (key, value)


class Bytecode(jinja2.BytecodeCache):
    """Compiled templates of the previous build; Jinja compares each one's source checksum.
    Code also depends on the environment's syntax options: other options, nothing is reused."""

    def __init__(self) -> None:
        self.store = Store()
        self.options = ""

    def use(self, env: jinja2.Environment) -> None:
        syntax: tuple[str, ...] = ("block_start_string", "block_end_string", "variable_start_string")
        syntax += ("variable_end_string",)
        syntax += ("comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix")
        syntax += ("trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "autoescape")
        options = plain([sorted(env.extensions), env.optimized, *(getattr(env, name) for name in syntax)])
        if options != self.options:
            self.store = Store()
            self.options = options
        if env.bytecode_cache is None:
            env.bytecode_cache = self

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self.store.get(bucket.key, bucket.checksum.encode())
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store.put(bucket.key, bucket.checksum.encode(), bucket.bytecode_to_string())


class _Records(logging.Handler):
    """The messages MkDocs logs while converting a page (broken links): shown again on reuse."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:  # not the live-reload server's own messages
            self.records.append(record)


class _BySource(dict[str, Any]):
    """A dict keyed by File (links to anchors), kept by source path: a File of the previous
    build would keep that build's pages alive, and this build has its own."""


def _portable(value: Any) -> Any:
    if isinstance(value, dict) and value and all(isinstance(key, File) for key in value):
        return _BySource((key.src_uri, links) for key, links in value.items())
    return value


def _here(value: Any, files: Files) -> Any:
    if isinstance(value, _BySource):
        return {file: links for src, links in value.items() if (file := files.get_file_from_path(src)) is not None}
    return value


def _pack(text: str) -> bytes:
    """Whole pages are most of what is kept (the nav is in each): compressed, a tenth."""
    return zlib.compress(text.encode("utf-8", "surrogatepass"), 1)


def _unpack(data: bytes) -> str:
    return zlib.decompress(data).decode("utf-8", "surrogatepass")


class Reuse:
    """The stores, and the per-build state that decides which pages replay."""

    def __init__(self) -> None:
        self.converted = Store()
        self.cleaned = Store()
        self.rendered = Store()
        self.searched = Store()
        self.bytecode = Bytecode()
        self.own: list[str] = []  # the notes and data files: they reach pages only through their Markdown
        self.turn()

    def turn(self) -> None:
        """Called at the start of each build."""
        for store in (self.converted, self.cleaned, self.rendered, self.searched, self.bytecode.store):
            store.turn()
        self.config_key: bytes | None = None
        self.files_key: bytes | None = None
        self.nav: Navigation | None = None
        self.replay: dict[str, str] = {}  # src -> stored template output
        self.pending: dict[str, bytes] = {}  # src -> key of a page rendered this build
        self.pages = 0

    def _config_key(self, config: MkDocsConfig) -> bytes:
        if self.config_key is None:
            self.config_key = config_print(config)
        return self.config_key

    def prepare(self, page: Page, config: MkDocsConfig, files: Files) -> None:
        """on_pre_page: the page's render looks in the store first."""
        if self.files_key is None:
            # A Markdown extension may read files besides the page (snippets, abbreviations
            # appended to every page): any file that serve watches but the pages and the
            # notes, which reach a page through its Markdown.
            pages = [f.abs_src_path for f in files.documentation_pages() if f.abs_src_path]
            read = stamps([config.docs_dir, *config.watch], [*self.own, *pages])
            self.files_key = digest([files_print(files), read])
        original = page.render
        self.pages += 1

        def render(config: MkDocsConfig, files: Files) -> None:
            src = page.file.src_uri
            key = digest([self._config_key(config), self.files_key or b"", src, page.markdown or ""])
            stored = self.converted.get(src, key)
            if stored is not None:
                made, records = stored
                for name, value in made.items():
                    setattr(page, name, _here(value, files))
                for record in records:
                    logging.getLogger(record.name).handle(record)
                return
            before = dict(vars(page))
            handler = _Records()
            logger = logging.getLogger("mkdocs")
            logger.addHandler(handler)
            try:
                original(config, files)
            finally:
                logger.removeHandler(handler)
            # Whatever render set, so a newer MkDocs' extra attributes are kept as well.
            made = {
                name: _portable(value) for name, value in vars(page).items() if before.get(name, _MISSING) is not value
            }
            self.converted.put(src, key, (made, handler.records))

        page.render = render  # type: ignore[method-assign]

    def content(self, src: str, html: str, inputs: bytes, make: Callable[[str], str]) -> str:
        """on_page_content: our own hook's result, keyed by its input."""
        key = digest([html, inputs])
        stored = self.cleaned.get(src, key)
        if stored is None:
            stored = make(html)
            self.cleaned.put(src, key, stored)
        return stored

    def choose(
        self, config: MkDocsConfig, env_globals: Mapping[str, Any], files: Files, inputs: Callable[[str], bytes]
    ) -> None:
        """on_env (after every page is converted, before any is rendered): a page whose key
        matches gets the template that prints its stored output. `_build_page` picks the
        template before on_page_context, so this cannot wait until then."""
        data = {name: value for name, value in env_globals.items() if _is_data(value)}
        shared: list[str | bytes] = [self._config_key(config), nav_print(self.nav), plain(data)]
        for file in files:
            page = file.page
            if page is None or page.content is None:
                continue
            src = file.src_uri
            key = digest([*shared, inputs(src), *page_print(page)])
            stored = self.rendered.get(src, key)
            if stored is None:
                self.pending[src] = key
            else:
                self.replay[src] = _unpack(stored)
                page.meta["template"] = STORED_TEMPLATE

    def context(self, context: dict[str, Any], page: Page) -> None:
        stored = self.replay.get(page.file.src_uri)
        if stored is not None:
            context[STORED] = stored

    def replayed(self, page: Page) -> bool:
        return page.file.src_uri in self.replay

    def store(self, page: Page, output: str) -> None:
        """The end of our on_post_page: the output as later plugins will see it on a replay."""
        key = self.pending.pop(page.file.src_uri, None)
        if key is not None:
            self.rendered.put(page.file.src_uri, key, _pack(output))

    def wrap_search(self, config: MkDocsConfig) -> None:
        """The search plugin reads every page's HTML again on each build; its entries for a
        page that did not change are taken from the store instead. Only indexes whose
        internals we know are touched: another version is left alone. Entries depend on the
        search plugin's options (MkDocs' own indexes whole pages, sections or titles only)."""
        options = self._config_key(config)
        for name, plugin in config.plugins.items():
            index = getattr(plugin, "search_index", None)
            kind = f"{type(index).__module__}.{type(index).__qualname__}"
            entries = SEARCH_INDEXES.get(kind)
            method = getattr(index, "add_entry_from_context", None)
            if entries is None or not isinstance(getattr(index, entries, None), list) or not callable(method):
                continue
            index.add_entry_from_context = self._search(name, index, entries, method, options)  # type: ignore[union-attr]

    def _search(
        self, name: str, index: Any, entries: str, method: Callable[[Page], None], options: bytes
    ) -> Callable[[Page], None]:
        def add_entry_from_context(page: Page) -> None:
            meta = {k: v for k, v in page.meta.items() if not (k == "template" and v == STORED_TEMPLATE)}
            key = digest([options, page.url, plain(page.title), plain(meta), page.content or "", toc_print(page.toc)])
            src = f"{name}\0{page.file.src_uri}"
            listed: list[dict[str, Any]] = getattr(index, entries)
            stored = self.searched.get(src, key)
            if stored is not None:
                listed.extend(dict(entry) for entry in stored)
                return
            start = len(listed)
            method(page)
            self.searched.put(src, key, [dict(entry) for entry in getattr(index, entries)[start:]])

        return add_entry_from_context

    def summary(self) -> str:
        return (
            f"reused {self.converted.reused} of {self.pages} Markdown conversions, "
            f"{len(self.replay)} template outputs, {self.searched.reused} search entries"
        )


def _is_data(value: object) -> bool:
    return value is None or isinstance(value, (str, int, float, bool, list, tuple, dict))


__all__ = ["STORED", "STORED_TEMPLATE", "Reuse"]
