"""A note's recap of the whole meeting is what a reader sees of it in every list: the
meetings index, the home page, the feed, the page's card and description (search)."""

from __future__ import annotations

import json

import feedparser
import yaml

from meetings.parse import parse_note
from meetings.render.pages import render_home
from meetings.site import Settings, load_site

from .conftest import ROOT

RECAPPED = """# Podman Community Meeting Notes
## June 2, 2026 11:00 a.m. Eastern (UTC-4)

### Attendees
Matt Heon, Paul Holzinger, Tom Sweeney

### Meeting Notes
Video [Recording](https://www.youtube.com/watch?v=jun2026)

#### Quick Recap
The meeting covered the move of the repositories to CNCF ownership and the switch to
[GitHub Actions](https://github.com/features/actions) for **CI**. Matt explained the new
organization. Paul asked about the runners. A third sentence makes this longer than a list shows.

| a | table |
|---|---|
| is | no recap |

### Topics

#### CNCF move - Matt Heon - (1:10 in the video)

Details of the move.

### Summary of Key Points

Only this item's summary.
"""

PLAIN = """# Podman Community Meeting Notes
## April 7, 2026 11:00 a.m. Eastern (UTC-4)

### Attendees
Matt Heon, Tom Sweeney

### Topics

#### Quadlet news - Matt Heon - (1:10 in the video)

### Summary
Under the item, after the first one: that item's summary, not the meeting's.
"""


def test_the_recap_before_the_first_item_is_the_meetings_summary_as_plain_text() -> None:
    meeting = parse_note(RECAPPED, "notes/2026-06-02.md", "2026-06-02")
    assert meeting.summary.startswith("The meeting covered the move of the repositories to CNCF ownership")
    assert "switch to GitHub Actions for CI. Matt explained" in meeting.summary  # no link target, no emphasis
    assert "table" not in meeting.summary and "Only this item" not in meeting.summary
    assert meeting.summary_line == 10  # its heading
    assert parse_note(PLAIN, "notes/2026-04-07.md", "2026-04-07").summary == ""


def test_the_recap_shows_in_the_index_the_home_page_the_feed_and_the_card(tmp_path) -> None:  # type: ignore[no-untyped-def]
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2026-06-02.md").write_text(RECAPPED, encoding="utf-8")
    (notes / "2026-04-07.md").write_text(PLAIN, encoding="utf-8")
    site = load_site(Settings(root=ROOT, notes_dir=notes, site_url="https://example.org/m/"))
    pages = {p.src: p.content + "".join(p.blocks.values()) for p in site.pages}
    start = "The meeting covered the move of the repositories to CNCF ownership"
    index = pages["meetings/index.md"]
    assert start in index and "A third sentence" not in index  # cut after a sentence, for a list
    assert index.count('class="mt-summary"') == 1  # the meeting without one shows none
    home = render_home(site.archive)
    assert start in home.content + "".join(home.blocks.values())
    page = pages["meetings/2026-06-02.md"]
    assert yaml.safe_load(page.split("---")[1])["description"].startswith(start)  # the search engines' snippet
    assert "<strong>Recap</strong>" in page
    entry = next(e for e in feedparser.parse(pages["feeds/meetings.xml"]).entries if "2026-06-02" in e.link)
    assert start in entry.summary
    exported = {m["id"]: m for m in json.loads(site.export())["meetings"]}
    assert exported["2026-06-02"]["summary"].startswith(start) and exported["2026-04-07"]["summary"] is None
