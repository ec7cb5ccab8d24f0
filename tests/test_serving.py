"""Under `mkdocs serve`, a rebuild reuses what the build cache holds of unchanged notes and
pages; the site it writes must be, byte for byte, the site a fresh `mkdocs build` writes.
Under `mkdocs serve --dirty`, MkDocs renders again only the generated pages whose bytes
changed, and those are the pages a fresh build writes."""

from __future__ import annotations

import logging
import re
import shutil
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from meetings.memo import PageMemo

from .conftest import FIXTURES, build, make_site

SERVE_URL = "http://127.0.0.1:8000/"
EPOCH = "1700000000"


def _tree(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def _differences(built: Path, fresh: Path) -> list[str]:
    ours, theirs = _tree(built), _tree(fresh)
    missing = sorted(set(theirs) - set(ours))
    extra = sorted(set(ours) - set(theirs))
    changed = sorted(name for name in set(ours) & set(theirs) if ours[name] != theirs[name])
    return [f"missing {n}" for n in missing] + [f"extra {n}" for n in extra] + [f"differs {n}" for n in changed]


def _config(root: Path, site_dir: Path) -> MkDocsConfig:
    """As `mkdocs serve` loads it before each build."""
    config = load_config(str(root / "mkdocs.yml"), site_dir=str(site_dir))
    config.site_url = SERVE_URL
    return config


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A site whose URL is the serve URL, so a fresh build and a served one print the same links."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)  # the sitemap's dates, as conftest.build sets them
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    notes = {path.name: path.read_text(encoding="utf-8") for path in sorted(FIXTURES.glob("*.md"))}
    site = tmp_path / "root"
    site.mkdir()
    make_site(site, notes=notes)
    text = (site / "mkdocs.yml").read_text(encoding="utf-8")
    # A nav entry without a title: its title is the page's heading, so editing that heading
    # changes the nav printed on every page.
    text = text.replace("  - Publishing a meeting: publishing.md\n", "  - publishing.md\n")
    # Watched by serve anyway; a site may still list them (what the plugin reads is its own).
    text = f"site_url: {SERVE_URL}\nwatch: [notes, people.yml]\n" + re.sub(r"(?m)^site_url:.*\n", "", text)
    (site / "mkdocs.yml").write_text(text, encoding="utf-8")
    # A hand-written page whose links resolve, or not, as meetings come and go.
    (site / "docs" / "recent.md").write_text(
        "# Recent\n\nSee [the August cabal](meetings/2021-08-12.md) and [March](meetings/2022-03-17.md).\n",
        encoding="utf-8",
    )
    yield site
    # MkDocs keeps our plugin's instance for the whole process: leave it as a build finds it.
    load_config(str(site / "mkdocs.yml")).plugins.on_startup(command="build", dirty=False)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
def test_rebuilds_under_serve_write_what_a_fresh_build_writes(
    root: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    served = tmp_path / "served"
    notes = root / "notes"
    config = _config(root, served)
    config.plugins.on_startup(command="serve", dirty=False)
    plugin = config.plugins["meetings"]

    def check(step: str) -> None:
        fresh = root / "site"
        shutil.rmtree(fresh, ignore_errors=True)
        result = build(root, strict=False)  # recent.md links to a meeting that is not there yet
        assert result.returncode == 0, result.stderr
        assert _differences(served, fresh) == [], step

    mkdocs_build(config, serve_url=SERVE_URL)
    check("first build")
    memo = plugin.cache.store("pages", PageMemo)
    pages = memo.made + memo.reused

    edits: list[tuple[str, Callable[[], None]]] = [
        ("nothing changed", lambda: None),
        ("a line added to a note's body", lambda: _add_line(notes / "2024-04-16.md")),
        ("a section heading", lambda: _edit(notes / "2023-07-20.md", "### Passwd handling", "### Password files")),
        ("a note's title", lambda: _edit(notes / "2023-07-20.md", "title: Podman Community", "title: Podman Team")),
        (
            "an attendee's name",
            lambda: _edit(notes / "2024-04-16.md", "Tom Sweeney, Ada", "Tom Sweeney, Katherine Johnson, Ada"),
        ),
        ("a new note", lambda: shutil.copy(FIXTURES / "2021-07-15.md", notes / "2021-08-12.md")),
        ("a deleted note", lambda: (notes / "2022-03-17.md").unlink()),
        (
            "people.yml",
            lambda: _edit(root / "people.yml", "aliases: [tsweeney]", "aliases: [tsweeney, Katherine Johnson]"),
        ),
        (
            "the heading of a page in the nav",
            lambda: _edit(root / "docs" / "publishing.md", "# Publishing", "# Writing up"),
        ),
        # The theme shows a page's status beside its entry in the nav, on every page.
        (
            "the status of a page in the nav",
            lambda: _edit(root / "docs" / "publishing.md", "# ", "---\nstatus: new\n---\n\n# "),
        ),
        ("mkdocs.yml", lambda: _edit(root / "mkdocs.yml", "site_name: Podman Community", "site_name: Podman")),
    ]
    for step, change in edits:
        change()
        config = _config(root, served)
        caplog.clear()
        mkdocs_build(config, serve_url=SERVE_URL)
        check(step)
        # A page reused as it was still reports its broken links on every rebuild.
        broken = [r.getMessage() for r in caplog.records if "meetings/2021-08-12.md" in r.getMessage()]
        assert bool(broken) == (not (notes / "2021-08-12.md").exists()), step
        if step == "nothing changed":  # else this test would pass with nothing reused
            assert (memo.made, memo.reused) == (0, pages)
        if step == "a line added to a note's body":
            assert 0 < memo.made < pages // 2


def _add_line(path: Path) -> None:
    with open(path, "a", encoding="utf-8") as note:
        note.write("\nOne more line, added while the site is served.\n")


def test_a_plain_build_never_reuses_a_page(root: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    # MkDocs keeps our plugin's instance within a process: a build after a served one must
    # not start from what the served one stored.
    config = _config(root, tmp_path / "served")
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config, serve_url=SERVE_URL)
    caplog.set_level(logging.INFO)
    for attempt in range(2):
        _add_line(root / "notes" / "2024-04-16.md")
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "built"))
        config.plugins.on_startup(command="build", dirty=False)
        mkdocs_build(config)
        assert config.plugins["meetings"].cache.store("pages", PageMemo).reused == 0, attempt
    assert not [r.getMessage() for r in caplog.records if "reused" in r.getMessage()]
    page = (tmp_path / "built" / "meetings" / "2024-04-16" / "index.html").read_text(encoding="utf-8")
    assert page.count("One more line, added while the site is served.") == 2


def test_a_served_page_checks_its_links_to_anchors_against_this_builds_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    root = make_site(tmp_path, copy_seed=False, notes={"2024-04-16.md": (FIXTURES / "2024-04-16.md").read_text()})
    _edit(root / "mkdocs.yml", "anchors: ignore", "anchors: warn")
    (root / "docs" / "links.md").write_text("# Links\n\nSee [the export](api.md#nope).\n", encoding="utf-8")
    reported = []
    try:
        for step in ("first", "unchanged", "anchor added"):
            if step == "anchor added":  # api.md is converted again; links.md is reused
                with open(root / "docs" / "api.md", "a", encoding="utf-8") as page:
                    page.write("\n## Nope\n")
            config = _config(root, tmp_path / "served")
            if step == "first":
                config.plugins.on_startup(command="serve", dirty=False)
            caplog.clear()
            mkdocs_build(config, serve_url=SERVE_URL)
            reported.append(any("'#nope'" in r.getMessage() for r in caplog.records))
        assert config.plugins["meetings"].cache.store("pages", PageMemo).reused > 0
    finally:
        load_config(str(root / "mkdocs.yml")).plugins.on_startup(command="build", dirty=False)
    assert reported == [True, True, False]


def _served_after(root: Path, served: Path, edit: Callable[[], None]) -> list[str]:
    """Serve builds into `served`, `edit()` changes a file, serve rebuilds: the files that
    differ from a fresh `mkdocs build` of the edited site."""
    config = _config(root, served)
    config.plugins.on_startup(command="serve", dirty=False)
    mkdocs_build(config, serve_url=SERVE_URL)
    edit()
    mkdocs_build(_config(root, served), serve_url=SERVE_URL)
    result = build(root, strict=False)
    assert result.returncode == 0, result.stderr
    return _differences(served, root / "site")


@pytest.mark.slow
def test_search_entries_kept_under_serve_follow_the_search_options(root: Path, tmp_path: Path) -> None:
    """MkDocs' own search plugin indexes whole pages, sections or titles as mkdocs.yml says;
    entries kept from the last build were made under the options of that build."""
    _edit(root / "mkdocs.yml", "  name: material", "  name: mkdocs")
    _edit(root / "mkdocs.yml", "  - search:\n", "  - search:\n      indexing: full\n")
    edit = partial(_edit, root / "mkdocs.yml", "indexing: full", "indexing: titles")
    assert _served_after(root, tmp_path / "served", edit) == []


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["includes", "docs/includes"])
def test_a_file_that_markdown_reads_besides_the_page_is_read_again_under_serve(
    root: Path, tmp_path: Path, folder: str
) -> None:
    """A Markdown extension may read files of its own (snippets, a list of abbreviations
    appended to every page), in a folder serve watches or in docs/ beside the pages: an
    edit of one changes every page that uses it."""
    includes = root / folder
    includes.mkdir()
    (includes / "abbreviations.txt").write_text("*[Quadlet]: systemd units for containers\n", encoding="utf-8")
    extension = f"  - pymdownx.snippets:\n      base_path: [!relative $config_dir/{folder}]\n"
    extension += "      auto_append: [abbreviations.txt]\n  - abbr\n"
    if not folder.startswith("docs/"):  # serve watches docs/ itself
        _edit(root / "mkdocs.yml", "watch: [notes, people.yml]", f"watch: [notes, people.yml, {folder}]")
    _edit(root / "mkdocs.yml", "markdown_extensions:\n", f"markdown_extensions:\n{extension}")
    abbreviations = includes / "abbreviations.txt"
    edit = partial(_edit, abbreviations, "systemd units for containers", "systemd units that run containers")
    assert _served_after(root, tmp_path / "served", edit) == []


def _article(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text[text.index("<article") : text.index("</article>")]


def _written(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*.html")}


@pytest.mark.slow
def test_a_dirty_serve_renders_again_only_the_pages_an_edit_changed(root: Path, tmp_path: Path) -> None:
    served = tmp_path / "served"
    config = _config(root, served)
    config.plugins.on_startup(command="serve", dirty=True)
    mkdocs_build(config, serve_url=SERVE_URL, dirty=True)
    first = _written(served)
    mkdocs_build(_config(root, served), serve_url=SERVE_URL, dirty=True)
    again = _written(served)
    generated = [name for name in first if name.startswith(("meetings/", "people/", "topics/", "issues/"))]
    assert len(generated) > 20
    assert [name for name in generated if again[name] != first[name]] == []  # nothing changed, nothing rendered

    _add_line(root / "notes" / "2024-04-16.md")
    mkdocs_build(_config(root, served), serve_url=SERVE_URL, dirty=True)
    after = _written(served)
    rendered = sorted(name for name in generated if after[name] != again[name])
    assert "meetings/2024-04-16/index.html" in rendered
    assert len(rendered) < len(generated) // 2
    result = build(root, strict=False)
    assert result.returncode == 0, result.stderr
    fresh = root / "site"
    # What MkDocs renders again shows what a fresh build shows; the nav around it may not
    # (--dirty's own warning: a nav title taken from a page it skipped is unknown).
    differ = [name for name in rendered if _article(served / name) != _article(fresh / name)]
    assert differ == []
    plugin = config.plugins["meetings"]
    written = plugin.written
    plugin.on_shutdown()
    assert written is not None and not written.exists()
