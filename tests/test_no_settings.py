"""Notes of a community the code has never seen, read with no settings: a call's notes in
the shape many communities share (metadata headings under the title, a video link among
them, numbered documents linked by name, a chat pasted under a heading that names it)."""

from __future__ import annotations

from pathlib import Path

from meetings.cli import main
from meetings.parse import parse_note
from meetings.site import Settings, load_site

CALL = """# Widget Core Devs Meeting {number}
### Meeting Date/Time: {day}, 14:00 UTC
### Meeting Duration: 1.5 hours
### Moderator: Ana Silva
### [Video of the meeting](https://youtu.be/abc{number})
-----

# Agenda

## 1. Testing update

* Ravi: the new fuzzers found two bugs; [WIP-{number}](https://wips.example.org/wip-{number}) fixes both.
* Yeah. So I can copy it into the chat, and if I paste it in here we can look at it together later on.

## 2. Client releases

* Li: release next week.

## Call Chat

```
From Ravi Kumar to Everyone: (14:05)
 hello
From Li Wei to Everyone: (14:06)
 hi all
```

## Attendees
* Ana Silva
* Ravi Kumar
* Invited guests
    * Li Wei
"""


def _note(number: int, day: str) -> str:
    return CALL.format(number=number, day=day)


def test_metadata_headings_a_video_link_and_a_named_chat_with_no_settings() -> None:
    meeting = parse_note(_note(12, "June 6, 2024"), "notes/Meeting 12.md", "meeting-12")
    assert meeting.recording == "https://youtu.be/abc12"  # a video link among the metadata headings
    titles = [s.title for s in meeting.sections]
    assert titles == ["1. Testing update", "2. Client releases"], titles  # "Moderator: …" is no item
    assert [c.author for c in meeting.chat] == ["Ravi Kumar", "Li Wei"]  # under "## Call Chat"
    assert [b.label_line for b in meeting.raw_blocks] == [19]  # a speaker saying "copy … paste" is no chat label
    assert meeting.attendees == ["Ana Silva", "Ravi Kumar", "Li Wei"]  # "Invited guests" is no one


def test_init_learns_a_numbered_document_series_from_its_links(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    notes = tmp_path / "notes"
    notes.mkdir()
    for number, day in ((12, "June 6, 2024"), (13, "June 20, 2024"), (14, "July 4, 2024")):
        (notes / f"Meeting {number}.md").write_text(_note(number, day), encoding="utf-8")
    assert main(["init", str(notes)]) == 0
    written = (tmp_path / "community.yml").read_text(encoding="utf-8")
    assert '  - name: "WIP"\n    url: "https://wips.example.org/wip-{number}"' in written, written
    settings, _ = Settings.from_config_file(tmp_path / "mkdocs.yml")
    site = load_site(settings, render=False)
    assert {i for i in site.archive.issues if "WIP" in i.upper()}, sorted(site.archive.issues)


H1_ITEMS = """# Widget Core Devs Meeting {number} Notes
### Meeting Date/Time: {day}, 14:00 UTC
### [Audio/Video of the meeting](https://www.youtube.com/watch?v=w{number})

# Summary

* Decided to ship the fuzzers.

# Agenda

1. Testing update
2. Client updates

# Testing update

* Ravi: two bugs found.

## Fuzzer results

* Both fixed.

# Client updates

* Li: release next week.

# Attendees
* Ana Silva
* Ravi Kumar
"""


def test_init_finds_items_written_as_h1_headings(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A third of the notes or more write their items as H1 headings under the title:
    init says so (agenda_levels), and the build then takes them, and their H2 sub-items,
    while "# Summary", "# Agenda" and "# Attendees" stay the note's structure."""
    monkeypatch.chdir(tmp_path)
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "Meeting 12.md").write_text(_note(12, "June 6, 2024"), encoding="utf-8")
    for number, day in ((13, "June 20, 2024"), (14, "July 4, 2024")):
        (notes / f"Meeting {number}.md").write_text(H1_ITEMS.format(number=number, day=day), encoding="utf-8")
    assert main(["init", str(notes)]) == 0
    assert "  agenda_levels: [1, 2]" in (tmp_path / "community.yml").read_text(encoding="utf-8")
    settings, _ = Settings.from_config_file(tmp_path / "mkdocs.yml")
    archive = load_site(settings, render=False).archive
    titles = {m.id: [s.title for s in m.sections] for m in archive.meetings}
    assert titles["meeting-13"] == ["Testing update", "Fuzzer results", "Client updates"], titles
    assert titles["meeting-12"] == ["1. Testing update", "2. Client releases"], titles
    assert archive.meeting("meeting-13").recording == "https://www.youtube.com/watch?v=w13"


def test_a_group_written_among_names_is_no_one_in_a_line_as_in_a_list() -> None:
    note = "# Widget Sync\n## June 6, 2024\n\n### Attendees\nAna Silva, Invited guests, Ravi Kumar, Everyone\n"
    assert parse_note(note, "notes/2024-06-06.md", "2024-06-06").attendees == ["Ana Silva", "Ravi Kumar"]
