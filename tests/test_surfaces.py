"""Every output holds against odd text and names: code points no format allows, file names
with a line end, reserved names, markup in feeds, settings that clash or backtrack."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import feedparser
import pytest
from icalendar import Calendar

from meetings.community import any_of, load_community
from meetings.site import Settings, load_site
from meetings.text import valid_text

from .conftest import SEED

# One code point of each class no output may carry, and one of each that all may.
UNSHOWABLE = ["\x01", "\x0b", "\x1f", "\x7f", "\x85", "\x9f", "\ufdd0", "\ufffe", "\uffff", "\U0001fffe", "\U0010ffff"]
SHOWABLE = ["é", "王", "😀", "\u00a0", "\u200d", "\ufffd", "\U00010000", "\t"]


def test_valid_text_replaces_each_class_and_keeps_the_rest() -> None:
    for point in UNSHOWABLE:
        assert valid_text(f"a{point}b") == "a\ufffdb", repr(point)
    assert valid_text("a\u2028b\u2029c") == "a\nb\nc"
    for point in SHOWABLE:
        assert valid_text(f"a{point}b") == f"a{point}b", repr(point)


def _note(title: str, name: str) -> str:
    return f"""# Podman Community Meeting
## January 2, 2024 11:00 a.m. Eastern (UTC-5)

### Attendees (2 total)
Tom Sweeney, {name}

## Meeting Start: 11:03 a.m.

## {title}
### Tom Sweeney
#### (1:50 in the video)

Text.

## Next Meeting: Tuesday February 6, 2024
"""


def _site(tmp_path: Path, notes: dict[str, str], site_url: str | None = "https://example.org/") -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    for name, text in notes.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def _load(tmp_path: Path, site_url: str | None = "https://example.org/"):  # type: ignore[no-untyped-def]
    settings = Settings(root=tmp_path, people_file=None, topics_file=None, community_file=None, site_url=site_url)
    return load_site(settings)


def test_every_output_is_valid_whatever_a_note_holds(tmp_path: Path) -> None:
    odd = "".join(UNSHOWABLE)
    _site(tmp_path, {"2024-01-02.md": _note(f"Intro {odd} <img src=x onerror=alert(1)>", f"Ada {odd}")})
    site = _load(tmp_path)
    meeting = next(m for m in site.archive.meetings if m.id == "2024-01-02")
    lines = {d.line for d in meeting.diagnostics if "no page, feed or calendar can show" in d.message}
    assert {5, 9} <= lines  # each line that holds them is named
    made = site.article(next(p for p in site.pages if p.src == "meetings/2024-01-02.md"))
    assert "Intro \ufffd" in made.meta["title"] and "Intro" in made.html
    for page in site.pages:
        text = page.content if not page.src.endswith(".md") else site.article(page).html
        for point in UNSHOWABLE:
            assert point not in text, (page.src, repr(point))
        if page.src.endswith(".xml"):
            feed = feedparser.parse(text.encode())
            assert not feed.bozo, (page.src, feed.bozo_exception)
        if page.src.endswith(".ics"):
            calendar = Calendar.from_ical(text)
            for event in calendar.walk("VEVENT"):
                assert "\n" not in str(event.get("summary")) and "\r" not in str(event.get("summary"))
            assert "\x85" not in text and "\r\n " not in text.replace("\r\n ", "")
        if page.src.endswith(".json"):
            json.loads(text)


def test_rss_descriptions_are_text_not_markup(tmp_path: Path) -> None:
    _site(tmp_path, {"2024-01-02.md": _note("Intro <img src=x onerror=alert(1)>", "Ada")})
    site = _load(tmp_path)
    rss = next(p.content for p in site.pages if p.src.endswith(".rss") or p.src.endswith("rss.xml"))
    parsed = feedparser.parse(rss.encode())
    descriptions = [e.get("summary", "") for e in parsed.entries]
    # a reader shows the description as HTML: the title's markup must arrive as text
    assert any("&lt;img" in d for d in descriptions), descriptions
    assert not any("<img" in d for d in descriptions)


def test_a_file_name_with_a_line_end_is_no_second_meeting(tmp_path: Path) -> None:
    _site(tmp_path, {"2024-01-02.md": _note("Real", "Ada"), "2024-01-02\n.md": _note("Forged", "Eve")})
    site = _load(tmp_path)
    ids = [m.id for m in site.archive.meetings]
    assert ids.count("2024-01-02") == 1 and not [i for i in ids if "\n" in i]
    assert any("differ only by" in d.message for d in site.problems)
    calendars = [p for p in site.pages if p.src.endswith(".ics")]
    assert calendars


@pytest.mark.parametrize("name", ["index.md", "README.md", "Index.md"])
def test_a_note_with_a_reserved_name_is_published_and_named(tmp_path: Path, name: str) -> None:
    _site(tmp_path, {name: _note("Reserved words", "Ada")})
    site = _load(tmp_path)
    found = [d for d in site.problems if name in d.message and d.level == "error"]
    assert found and "meetings list" in found[0].message
    page = next(p for p in site.pages if p.src == f"meetings/{name[:-3].lower()}-note.md")
    assert "Reserved words" in site.article(page).html
    index = next(p for p in site.pages if p.src == "meetings/index.md")
    assert "Meetings" in site.article(index).meta["title"]


def test_reference_names_that_differ_by_case_are_reported(tmp_path: Path) -> None:
    path = tmp_path / "community.yml"
    path.write_text(
        "references:\n"
        "  - {name: EIP, url: 'https://eips.example/{number}'}\n"
        "  - {name: eip, url: 'https://evil.example/{number}'}\n"
    )
    community, problems = load_community(path, "community.yml")
    assert [r.url for r in community.references] == ["https://eips.example/{number}"]
    assert any("'eip' and 'EIP' differ only by case" in p.message and p.line == 3 for p in problems), problems


def _seconds(size: int) -> float:
    pattern = any_of(tuple(f"-label{i}" for i in range(200)) + ("--- attendees",))
    assert pattern is not None
    line = "## " + "-" * size
    started = time.perf_counter()
    for _ in range(20):
        pattern.match(line)
    return time.perf_counter() - started


def test_patterns_from_settings_are_linear() -> None:
    """A thousand-times longer heading costs about a thousand times as much, not a million."""
    small, large = min(_seconds(100) for _ in range(3)), min(_seconds(100_000) for _ in range(3))
    assert large < max(small, 1e-4) * 1000 * 20, (small, large)
    assert any_of(("- Present",)).match("## Present:")  # type: ignore[union-attr]


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
