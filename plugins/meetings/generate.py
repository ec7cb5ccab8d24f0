"""`meetings generate OUT_DIR`: the whole source of the site as a docs tree that a plain
MkDocs, ProperDocs or Zensical build turns into the plugin's site, with no plugin.

OUT_DIR/mkdocs.yml is the site's own config without the meetings plugin (theme, Markdown
extensions, nav and the rest kept; our stylesheet and scripts added); OUT_DIR/docs holds
the hand-written pages, every generated page as Markdown whose HTML is already made and
cleaned (convert.py), attachments, assets, api/archive.json, feeds and calendars; and
OUT_DIR/overrides/main.html puts the feeds' autodiscovery links in each page's head.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .convert import BUILDER_EXTENSIONS, split_front_matter
from .layout import FIND_CONTENT, FIND_PAGE, HOME_MARKER, INDEXES, assets, scripts, stylesheets
from .render.pages import attachment_dir, render_home
from .site import Settings, Site, _plugin_options, load_site
from .text import escape_html

MARK = ".meetings-generated"  # OUT_DIR holds this once generated; any other folder is left alone
OVERRIDES = "overrides"
# The theme's head gets one link per feed that applies to the page: the site's, and the
# page's own (front matter `feeds`). Titles are escaped when they are written. The rel is
# "alternate feed" for the reason given in plugin.py's on_post_page.
MAIN_HTML = """{% extends "base.html" %}
{% block extrahead %}
  {{ super() }}
  <link rel="alternate feed" type="application/atom+xml" title="{{ config.site_name }}: meetings"
    href="{{ 'feeds/meetings.xml' | url }}">
  {% if page and page.meta and page.meta.feeds %}
  {% for feed in page.meta.feeds %}
  <link rel="alternate feed" type="application/atom+xml" title="{{ feed.title }}" href="{{ feed.href | url }}">
  {% endfor %}
  {% endif %}
{% endblock %}
"""


class GenerateError(Exception):
    """OUT_DIR cannot be written (it holds something else)."""


@dataclass(frozen=True)
class Tagged:
    """A YAML value with a tag of MkDocs' (!ENV, !relative, !!python/name:…), kept as written."""

    tag: str
    value: Any


class _Loader(yaml.SafeLoader):
    pass


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


class _Dumper(yaml.SafeDumper):
    pass


def _represent(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    return dumper.represent_scalar(data.tag, str(data.value))


_Dumper.add_representer(Tagged, _represent)


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.Node:
    """Multi-line text (not_in_nav) as a literal block, as a person would write it."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style="|" if "\n" in text else None)


_Dumper.add_representer(str, _represent_text)


def read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml with MkDocs' tags kept, so the generated config can write them back."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (a safe loader)
    return data if isinstance(data, dict) else {}


def generate(config_file: Path, out: Path, settings: Settings | None = None) -> Site:
    """Write the site's source into `out` (see the module's docstring); the Site it came from."""
    config_file = config_file.absolute()
    root = config_file.parent
    config = read_config(config_file) if config_file.is_file() else {}
    if settings is None:
        settings = Settings.from_config_file(config_file)[0]
    options = _plugin_options(config.get("plugins"))
    pagefind = options.get("search_engine") == "pagefind"
    _prepare(out)
    docs = out / "docs"
    source_docs = root / str(config.get("docs_dir") or "docs")
    if source_docs.is_dir():
        shutil.copytree(source_docs, docs)
    docs.mkdir(parents=True, exist_ok=True)
    hand_written = {p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()}

    site = load_site(settings)
    # Note text is converted by our own pipeline, never by the site's extensions (convert.py).
    converter = site.converter
    feeds = site.feeds

    def write(src: str, content: str | bytes) -> None:
        path = docs / src
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")

    for page in site.pages:
        if page.src in hand_written:
            continue  # the plugin keeps a hand-written page of the same path, too
        if page.src.endswith(".md"):
            meta, body = split_front_matter(page.content)
            meta = _with_feeds(meta, feeds.get(page.src, []))
            write(page.src, meta + converter.portable(converter.page_html(page.src, body, page.blocks)))
        else:
            write(page.src, page.content)
    for src in sorted(hand_written):
        if src.endswith(".md"):
            text = (docs / src).read_text(encoding="utf-8")
            if HOME_MARKER in text:  # it now holds text from notes: made like a generated page
                # The page is the site's own (its extensions apply); the part from notes is ours.
                home = render_home(site.archive, src, timezone=site.settings.time_zone or "UTC")
                made = converter.portable(converter.page_html(src, home.content, home.blocks))
                write(src, text.replace(HOME_MARKER, "\n" + made + "\n"))
    for note in site.notes:
        for name, path in sorted(note.attachments.items()):
            src = f"{attachment_dir(note.id)}/{name}"
            if src not in hand_written:
                write(src, Path(path).read_bytes())
    for src, content in assets().items():
        if src not in hand_written:
            write(src, content)
    if pagefind and FIND_PAGE not in hand_written:
        write(FIND_PAGE, FIND_CONTENT)
    (out / "mkdocs.yml").write_text(_config(config, root, out, site, pagefind), encoding="utf-8")
    return site


def _prepare(out: Path) -> None:
    if out.exists() and any(out.iterdir()) and not (out / MARK).exists():
        raise GenerateError(f"{out} is not empty and was not written by 'meetings generate'; choose another folder")
    for name in ("docs", OVERRIDES, "mkdocs.yml"):
        target = out / name
        if target.is_dir():
            shutil.rmtree(target)
        elif target.exists():
            target.unlink()
    out.mkdir(parents=True, exist_ok=True)
    (out / MARK).write_text("Written by 'meetings generate'; generating again replaces docs/ and mkdocs.yml.\n")


def _with_feeds(meta: str, feeds: list[tuple[str, str]]) -> str:
    if not feeds:
        return meta
    line = "feeds: " + json.dumps(
        [{"title": escape_html(title), "href": src} for title, src in feeds], ensure_ascii=False
    )
    return meta.replace("---\n", f"---\n{line}\n", 1) if meta else f"---\n{line}\n---\n\n"


def _config(config: dict[str, Any], root: Path, out: Path, site: Site, pagefind: bool) -> str:
    data = {k: v for k, v in config.items() if k not in ("docs_dir", "site_dir", "watch")}
    plugins = config.get("plugins")
    if isinstance(plugins, dict):
        data["plugins"] = {k: v for k, v in plugins.items() if k != "meetings"}
    elif isinstance(plugins, list):
        data["plugins"] = [p for p in plugins if p != "meetings" and not (isinstance(p, dict) and "meetings" in p)]
    for key, ours in (("extra_css", stylesheets(pagefind)), ("extra_javascript", scripts(pagefind))):
        listed = list(data.get(key) or [])
        data[key] = listed + [src for src in ours if src not in [str(x) for x in listed]]
    extensions = list(data.get("markdown_extensions") or [])
    named = {e if isinstance(e, str) else next(iter(e), "") for e in extensions if isinstance(e, str | dict)}
    data["markdown_extensions"] = extensions + [e for e in BUILDER_EXTENSIONS if e not in named]
    # Generated pages stay out of the navigation, as the plugin adds them; the indexes are in it.
    patterns = sorted({f"/{page.src.split('/')[0]}/**/*.md" for page in site.pages if page.src.endswith(".md")})
    patterns += [f"!/{src}" for src in sorted(INDEXES)]
    data["not_in_nav"] = "\n".join([str(config.get("not_in_nav") or "").strip(), *patterns]).strip() + "\n"
    hooks = data.get("hooks")
    if isinstance(hooks, list):
        data["hooks"] = [str((root / str(h)).absolute()) for h in hooks]
    theme = data.get("theme")
    theme = dict(theme) if isinstance(theme, dict) else {"name": theme} if theme else None
    if theme is not None:
        custom = theme.get("custom_dir")
        if isinstance(custom, str) and (root / custom).is_dir():
            shutil.copytree(root / custom, out / OVERRIDES)
        (out / OVERRIDES).mkdir(exist_ok=True)
        main = out / OVERRIDES / "main.html"
        if theme.get("name") == "material" and not main.exists():
            main.write_text(MAIN_HTML, encoding="utf-8")
        theme["custom_dir"] = OVERRIDES
        data["theme"] = theme
    header = "# Written by 'meetings generate' from the site's mkdocs.yml, without the meetings plugin.\n"
    return header + yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=1000)
