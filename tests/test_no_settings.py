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
