"""Notes are untrusted: hostile input never crashes the build, never runs script in the
browser, never writes outside the site folder; the parser never raises; two builds are
byte-identical; every internal link and anchor resolves."""

from __future__ import annotations

import html
import html.parser
import shutil
import subprocess
import sys
import time
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from meetings.archive import build_archive
from meetings.cli import main as cli_main
from meetings.identity import Identities
from meetings.parse import parse_note
from meetings.render.blocks import fill_blocks
from meetings.render.meeting import render_meeting
from meetings.render.writer import Writer
from meetings.sanitize import clean_html

from .conftest import broken_links, build, lost_words, make_site, page_text
from .hostile import (
    FRONT_MATTER_NOTE,
    MIXED_TOPICS,
    RULED_NOTE,
    huge_note,
    nested_aliases,
    write_hostile_notes,
)


def tree(root: Path, skip: str = "site") -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != skip
    }


# Every check runs on the plugin's build and on a plain MkDocs build of what
# `meetings generate` writes: the two must be equally safe.
@pytest.fixture(scope="module", params=["plugin", "generated"])
def hostile_site(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    root = make_site(tmp_path_factory.mktemp("hostile"), copy_seed=True)
    write_hostile_notes(root / "notes")
    (root / "notes" / "2024-03-05.md").unlink()  # the huge note has its own test
    before = tree(root)
    if request.param == "generated":
        out = tmp_path_factory.mktemp("hostile-generated") / "out"
        assert cli_main(["generate", str(out), "-f", str(root / "mkdocs.yml")]) == 0
        assert tree(root) == before, "generate wrote or changed files of the site"
        root = out
    result = build(root, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    if request.param == "plugin":
        assert tree(root) == before, "the build wrote or changed files outside site/"
    assert not (root / "hacked").exists() and not Path("hacked").exists()
    return root / "site"


def test_every_hostile_note_becomes_a_page(hostile_site: Path) -> None:
    names = {p.name for p in (hostile_site / "meetings").iterdir() if p.is_dir()}
    assert {"2024-01-02", "2024-01-03-x", "2024-01-04", "2024-01-05", "2024-01-06", "2024-01-07", "x"} <= names
    latin = (hostile_site / "meetings" / "2024-01-05" / "index.html").read_text(encoding="utf-8")
    assert "Björn" in latin


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def _article(path: Path) -> str:
    page = path.read_text(encoding="utf-8")
    return page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def test_no_live_markup_from_notes(hostile_site: Path) -> None:
    """On every page: the meeting's, and the person, topic and issue pages that quote it."""
    for path in hostile_site.rglob("index.html"):
        parser = _Tags()
        parser.feed(_article(path))
        for tag, attrs in parser.tags:
            assert tag not in {"script", "iframe", "object", "embed", "style", "form"}, (path, tag)
            assert not [name for name in attrs if name.startswith("on")], (path, tag, attrs)
            for name in ("href", "src", "data"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), (path, tag, attrs)
        head = path.read_text(encoding="utf-8").split("</head>", 1)[0]
        assert "<script>alert" not in head and "</title><script>" not in head, path
    article = _article(hostile_site / "meetings" / "2024-01-02" / "index.html")
    assert "&lt;script&gt;alert(10)&lt;/script&gt;" in article  # shown as text, not dropped
    assert "&lt;script&gt;alert(20)&lt;/script&gt;" in article  # in the chat thread
    assert "&lt;script&gt;alert(26)&lt;/script&gt;" in article  # in the transcript


def test_no_note_element_takes_an_id_of_the_theme(hostile_site: Path) -> None:
    """A code span our scanner and Markdown read differently, a heading named like the
    theme's elements, and ids and names in note HTML: none may stand in for the theme's."""
    for path in hostile_site.rglob("index.html"):
        parser = _Tags()
        parser.feed(_article(path))
        for tag, attrs in parser.tags:
            for name in ("id", "name"):
                value = attrs.get(name) or ""
                assert not value.startswith("_"), (path, tag, attrs)
            assert tag != "span" or not attrs.get("hidden"), (path, tag, attrs)
    whole = _Tags()
    whole.feed((hostile_site / "meetings" / "2024-01-09" / "index.html").read_text(encoding="utf-8"))
    assert [tag for tag, attrs in whole.tags if attrs.get("id") == "__config"] == ["script"]  # the theme's own
    article = html.unescape(_article(hostile_site / "meetings" / "2024-01-09" / "index.html"))
    assert '<span id="__config" hidden>' in article  # shown as text
    assert "not captured" in article and "onerror=alert(31)" in article  # the "empty" chat block, as text


def test_only_attachments_that_cannot_run_script_are_published(hostile_site: Path) -> None:
    published = {p.name for p in (hostile_site / "meetings" / "2024-01-10").iterdir()}
    assert {"slides.pdf", "photo.png"} <= published
    assert not {"page.html", "image.svg", "code.js", "noext"} & published
    article = _article(hostile_site / "meetings" / "2024-01-10" / "index.html")
    assert 'href="slides.pdf"' in article or 'href="../slides.pdf"' in article or "slides.pdf" in article
    assert "page.html" in article  # the link is still shown, as text


def test_generated_paths_stay_inside_the_site(hostile_site: Path) -> None:
    for path in hostile_site.rglob("*"):
        assert path.resolve().is_relative_to(hostile_site.resolve())
    assert not (hostile_site.parent / "x").exists()


def test_no_script_runs_in_the_browser(hostile_site: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("Chromium is not installed (apt-get install -y chromium)")
    from .browser_tools import CHROMIUM_ARGS as ARGS
    from .browser_tools import serve

    server, url = serve(hostile_site)
    dialogs: list[str] = []
    pages = sorted(p.relative_to(hostile_site).parent.as_posix() for p in hostile_site.rglob("index.html"))
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            tab = browser.new_page()
            tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            for path in pages:
                tab.goto(url + ("" if path == "." else path + "/"))
                tab.mouse.move(5, 5)
                tab.mouse.move(400, 400)  # hover handlers, if any had survived
            browser.close()
    finally:
        server.shutdown()
    assert len(pages) > 20
    assert dialogs == []


def test_the_huge_note_builds(tmp_path: Path) -> None:
    """2 MB, 2,000 sections, 20,000 chat lines, a 1 MB line: no crash, all content kept.
    (A generous timeout guards against runaway time; the duration is not a benchmark.)"""
    root = make_site(tmp_path, notes={"2024-03-05.md": huge_note()}, copy_seed=False)
    result = build(root, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    page = (root / "site" / "meetings" / "2024-03-05" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="mt-msg"') == 10000
    assert 'class="mt-long"' in page
    assert "Section 1999 about quadlet" in page


FRAGMENTS = [
    "# Podman Community Meeting",
    "## March 3, 2022 11:00 a.m. Eastern (UTC-5)",
    "### Attendees (3 total)",
    "Tom Sweeney, Ada Lovelace, Grace Hopper",
    "Attendees: Ada, Bob",
    "## Intro",
    "### Ada Lovelace",
    "#### (1:50 in the video)",
    "### Topic - Ada Lovelace - (0:50 in video)",
    "Text #8483 and `code` here.",
    "  * a bullet item",
    "1. numbered item",
    "    indented text that is quite long and wordy here.",
    "```",
    "~~~",
    "## BlueJeans Chat copy/paste:",
    "Raw Meeting Chat:",
    "Tom Sweeney10:56 AM",
    "hello there",
    "00:12:42\tPaul Holzinger:\thi",
    "Guest 511:14 AM",
    "### Next Meeting: Tuesday April 5, 2022",
    "---",
    "title: x",
    "[link](https://example.com) and (Issue)[https://github.com/a/b/issues/1]",
    "<b>bold</b> <script>x()</script>",
    "| a | b |",
    "|---|---|",
    "#### Next Steps",
    " * Ada: do it",
    "### Raw Zoom Meet Transcript",
    "WEBVTT",
    "00:01:46.090 --> 00:01:47.479",
    "Ada: spoken words",
    "[ref]: https://example.com",
    "Title {#anchor}",
    "",
    "",
]
LINES = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=60).filter(lambda t: "\n" not in t)), max_size=40
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(LINES)
@example(["```", "\r0", "```", "# Podman Community Meeting"])  # a lone CR is a line break to Markdown
def test_random_notes_never_raise_and_lose_nothing(lines: list[str]) -> None:
    _parses_and_shows_every_word(lines)


RUN_CHARACTERS = [" ", "\t", "-", ":", "1", "`", "[", "]", "(", ")", "#", "*", "(1", "[a](", "` ", "1:", "``"]
# Where a run sits: a heading, an attendee list, a start line, a list item, a chat header,
# next to a video mark.
BEFORE_RUN = ["", "## ", "### Attendees: ", "Meeting start ", " * Ada: ", "### Topic - ", "(", "x ", "Tom Sweeney"]
AFTER_RUN = ["", " (1:50 in the video)", " x", ":", "10:56 AM", " 2022 topics", " chat copy/paste"]
LONG_RUN = st.builds(
    lambda before, pattern, count, after: before + pattern * count + after,
    st.sampled_from(BEFORE_RUN),
    st.sampled_from(RUN_CHARACTERS),
    st.integers(min_value=100, max_value=2000),
    st.sampled_from(AFTER_RUN),
).filter(lambda line: not line.lstrip(" ").startswith(("```", "~~~")))
# (Left out: a line that opens a fence. Its info string, "``` words", is not shown on the
# page, whatever its length.)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), LONG_RUN), max_size=25))
def test_notes_with_long_runs_never_raise_and_lose_nothing(lines: list[str]) -> None:
    _parses_and_shows_every_word(lines)


def _parses_and_shows_every_word(lines: list[str]) -> None:
    text = "\n".join(lines)
    meeting = parse_note(text, "notes/2022-03-03.md", "2022-03-03")
    archive = build_archive([meeting], Identities([]))
    meeting = archive.meetings[0]
    writer = Writer("meetings/2022-03-03.md", "containers/podman", meeting.recording)
    source, blocks = render_meeting(meeting, archive, writer)
    body = source.split("\n---\n", 1)[1]
    # the extensions of the shipped mkdocs.yml, with the ones MkDocs always adds
    converted = markdown.markdown(body, extensions=["attr_list", "tables", "toc", "fenced_code", "admonition"])
    converted = fill_blocks(converted, blocks)
    shown = page_text('<article class="md-content__inner md-typeset">' + clean_html(converted) + "</article>")
    missing = lost_words(meeting, shown)
    assert not missing, missing


def test_two_builds_are_identical(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = make_site(tmp_path / "a")
    second = make_site(tmp_path / "b")
    assert build(first).returncode == 0 and build(second).returncode == 0
    one, two = tree(first / "site", skip=""), tree(second / "site", skip="")
    assert one.keys() == two.keys()
    assert [name for name in one if one[name] != two[name]] == []


def test_every_internal_link_and_anchor_resolves(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    assert build(root).returncode == 0
    broken = broken_links(root / "site")
    assert broken == [], "\n".join(broken)


def test_cli_check_survives_hostile_notes(tmp_path: Path) -> None:
    write_hostile_notes(tmp_path / "notes")
    result = subprocess.run(
        [sys.executable, "-m", "meetings.cli", "check", str(tmp_path / "notes"), "--quiet"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert "Traceback" not in result.stderr
    assert "not UTF-8" in result.stdout and "NUL bytes" in result.stdout


def test_hostile_data_files_and_front_matter_fail_only_a_strict_build(tmp_path: Path) -> None:
    """Nested aliases in people.yml, topics.yml entries of mixed key types, front matter
    with a lone surrogate and injected lines: reported with file and line, never fatal."""
    notes = {"2024-01-08.md": FRONT_MATTER_NOTE, "2024-01-09.md": RULED_NOTE}
    root = make_site(tmp_path, notes=notes, people=nested_aliases("people"))
    (root / "topics.yml").write_text(MIXED_TOPICS, encoding="utf-8")
    started = time.perf_counter()
    result = build(root, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert time.perf_counter() - started < 120  # a generous guard against runaway time, not a benchmark
    assert "people.yml:3: error: anchors (&name) and aliases (*name) are not allowed" in result.stderr
    assert "topics.yml:3: warning" in result.stderr and "topics.yml:4: warning" in result.stderr
    assert "Traceback" not in result.stderr
    site = root / "site"
    page = (site / "meetings" / "2024-01-08" / "index.html").read_text(encoding="utf-8")
    assert "Podman \ufffd Meeting &gt; injected quote # injected heading" in page
    meeting = site / "meetings" / "2024-01-08" / "index.html"
    for path in [site / "index.html", site / "meetings" / "index.html", meeting]:
        article = _article(path)
        assert "2024-01-08" in article or "January 8, 2024" in article
        assert "<blockquote>" not in article and "<h1>injected" not in article
    ruled = page_text((site / "meetings" / "2024-01-09" / "index.html").read_text(encoding="utf-8"))
    assert "Please add your name to the attendee list." in ruled
    strict = build(root, strict=True)
    assert strict.returncode != 0
    assert "people.yml:3" in strict.stderr


def test_invisible_characters_are_removed_from_what_a_page_shows() -> None:
    """A direction override reorders what follows it on screen; a zero-width space makes a
    name look like another. Both are removed from the note's text, with a warning."""
    text = "# Meeting\n\nAttendees: Paul\u200b Holzinger, Tom Sweeney\n\nApproved \u202egnihtyreve\u202c today.\n"
    meeting = parse_note(text, "notes/2024-01-02.md", "2024-01-02")
    shown = "\n".join(meeting.lines)
    assert "\u200b" not in shown and "\u202e" not in shown and "\u202c" not in shown
    assert "Paul Holzinger" in meeting.attendees
    assert [d.line for d in meeting.diagnostics if "invisible characters" in d.message] == [3, 5]
