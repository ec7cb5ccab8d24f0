"""Minutes of a community we have no settings for: the shapes many communities share are
read without a community.yml (an attendee list under "Present", names written with their
handles, a recording on a labelled line)."""

from __future__ import annotations

from pathlib import Path

import pytest

from meetings.parse.names import strip_affiliation
from meetings.parse.note import parse_note
from meetings.site import Settings, load_site

from .conftest import make_site

NOTE = """# Technical Steering Committee meeting 2025-03-04

* **Recording**: <https://www.youtube.com/watch?v=abc123>
* **GitHub Issue**: <https://github.com/example/tsc/issues/1500>

## Present

* Jane Doe @jdoe (TSC chair)
* Ravi Kumar @rkumar
* Li Wei @li.wei

## Agenda

* Release plan
  * Jane will cut the branch.
"""


def test_an_attendee_list_under_a_usual_heading_is_read_without_settings() -> None:
    meeting = parse_note(NOTE, "notes/2025-03-04.md", "2025-03-04")
    assert [strip_affiliation(n) for n in meeting.attendees] == ["Jane Doe", "Ravi Kumar", "Li Wei"]
    assert "Present" not in [s.title for s in meeting.sections]


@pytest.mark.parametrize(
    "line",
    [
        "* **Recording**: <https://youtu.be/abc123>",
        "Video: https://youtu.be/abc123",
        "- Livestream: [YouTube](https://youtu.be/abc123)",
        "__Recording:__ https://youtu.be/abc123",
    ],
)
def test_a_recording_on_a_labelled_line_in_any_link_shape(line: str) -> None:
    text = f"# Team meeting 2025-03-04\n\n{line}\n\n## Notes\ntext\n"
    meeting = parse_note(text, "notes/2025-03-04.md", "2025-03-04")
    assert meeting.recording == "https://youtu.be/abc123"


def test_prose_that_mentions_a_video_is_no_recording() -> None:
    text = "# Team meeting 2025-03-04\n\nWe watched the video: it was long. See https://example.org/x\n"
    assert parse_note(text, "notes/2025-03-04.md", "2025-03-04").recording is None


def test_a_handle_is_never_part_of_a_persons_name_or_page(tmp_path: Path) -> None:
    later = NOTE.replace("2025-03-04", "2025-03-11").replace("* Li Wei @li.wei\n", "")
    root = make_site(tmp_path, {"2025-03-04.md": NOTE, "2025-03-11.md": later}, copy_seed=False)
    archive = load_site(Settings.from_config_file(root / "mkdocs.yml")[0], render=False).archive
    assert {p.id: p.name for p in archive.people.values()} == {
        "jane-doe": "Jane Doe",
        "ravi-kumar": "Ravi Kumar",
        "li-wei": "Li Wei",
    }
    assert archive.people["jane-doe"].meetings == ["2025-03-04", "2025-03-11"]


def test_a_note_named_by_words_then_its_date_is_published_under_its_date(tmp_path: Path) -> None:
    from meetings.notes import find_notes

    for name in [
        "T-compiler Meeting Agenda 2020-04-02.md",  # the date is free: the page is meetings/2020-04-02
        "2020-03-26.md",
        "T-compiler Meeting Agenda 2020-03-26.md",  # the date is taken: the name stays, slugged
        "Weekly 2020-04-09.md",
        "Other 2020-04-09.md",  # two notes of one date: neither takes it
        "2024-02-06-cabal.md",  # a date, then words: a second meeting that day, as written
    ]:
        (tmp_path / name).write_text("# Meeting\n", encoding="utf-8")
    found, _ = find_notes(tmp_path, "notes")
    assert sorted(n.id for n in found) == [
        "2020-03-26",
        "2020-04-02",
        "2024-02-06-cabal",
        "other-2020-04-09",
        "t-compiler-meeting-agenda-2020-03-26",
        "weekly-2020-04-09",
    ]
