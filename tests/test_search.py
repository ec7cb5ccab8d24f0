"""Transcripts in search: the theme's index gets each transcript's words once, as one
entry; Pagefind reads the whole transcript."""

from __future__ import annotations

import json
from pathlib import Path

from meetings import plugin

from .conftest import build, make_site

NOTE = """# Podman Community Meeting Notes
## June 4, 2024 11:00 a.m. Eastern (UTC-4)

### Attendees

Tom Sweeney, Ada Lovelace

## Widget volumes

### Ada Lovelace

#### (1:00 in the video)

Ada showed volumes.

## Raw Google Meet Transcription

```
Transcript
This editable transcript was computer generated and might contain errors.
Tom Sweeney: Welcome everybody, and thanks to Jean Nettleton for the slides.
Ada Lovelace: Widgets are small, and they stack.
00:05:00
Ada Lovelace: Quartzite widgets stack better than granite ones.
Tom Sweeney: Quartzite it is. Thank you all.
```
"""


def test_transcript_words_reach_the_theme_search_as_one_entry(tmp_path: Path) -> None:
    root = make_site(tmp_path, notes={"2024-06-04.md": NOTE})
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    index = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = [d for d in index["docs"] if d["location"].startswith("meetings/2024-06-04/")]
    said = [d for d in entries if "nettleton" in d["text"].lower()]
    assert len(said) == 1, [d["location"] for d in said]
    assert "quartzite" in said[0]["text"].lower() and said[0]["text"].lower().count("quartzite") == 1
    assert sum("stack" in d["text"] for d in entries) == 1
    # the page itself still shows the whole transcript, folded, and hides the word list
    page = (root / "site" / "meetings" / "2024-06-04" / "index.html").read_text(encoding="utf-8")
    assert "Quartzite widgets stack better than granite ones." in page
    assert '<div class="mt-transcript-words" hidden data-pagefind-ignore>' in page


def test_pagefind_indexes_whole_transcripts() -> None:
    """Pagefind reads the transcript itself (and skips the word list made for the theme)."""
    assert "mt-transcript" not in " ".join(plugin.PAGEFIND_EXCLUDE).replace("mt-transcript-words", "")


def test_a_meeting_is_found_by_its_own_words_not_its_neighbours_titles(tmp_path: Path) -> None:
    """The links to the previous and next meeting are not indexed: a search for the next
    meeting's title finds that meeting, never the one before it."""
    later = NOTE.replace("June 4, 2024", "June 18, 2024").replace("Widget volumes", "Gadget networks")
    root = make_site(tmp_path, notes={"2024-06-04.md": NOTE, "2024-06-18.md": later}, copy_seed=False)
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    index = json.loads((root / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    earlier = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("meetings/2024-06-04/"))
    page = (root / "site" / "meetings" / "2024-06-04" / "index.html").read_text(encoding="utf-8")
    assert "June 18, 2024" in page  # the link is on the page
    assert "June 18" not in earlier and "Gadget" not in earlier
