"""`meetings new` writes the next note: the announced date or the series' cadence, the
start time with the UTC offset of that day, and a note that passes `meetings check`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from meetings.cli import main
from meetings.site import Settings, load_site

NOTE = """# {title}
## {day:%B} {day.day}, {day.year} 11:00 a.m. Eastern (UTC-4)

### Attendees
Tom Sweeney, Paul Holzinger, Matt Heon

### Meeting Notes
Video [Recording](https://www.youtube.com/watch?v=abc)

#### Quadlet news - Paul Holzinger - (1:10 in the video)

Notes.

### Next {which} Meeting: {following:%A}, {following:%B} {following.day}, {following.year}, 11:00 a.m. EDT (UTC-4)
#### Possible Topics:
 * Podman 6 roadmap

Meeting end: 11:45 a.m.
"""

SERIES = {
    "community": ("Podman Community Meeting Notes", "Community", [dt.date(2026, 2, 3), dt.date(2026, 4, 7)]),
    "cabal": ("Podman Community Cabal Meeting Notes", "Cabal", [dt.date(2026, 1, 6), dt.date(2026, 3, 3)]),
}


def _archive(tmp_path: Path) -> Path:
    notes = tmp_path / "notes"
    notes.mkdir()
    for series, (title, which, days) in SERIES.items():
        for day in days:
            following = day + dt.timedelta(weeks=9)  # the first Tuesday two months on
            suffix = "-cabal" if series == "cabal" else ""
            (notes / f"{day}{suffix}.md").write_text(
                NOTE.format(title=title, which=which, day=day, following=following)
            )
    return notes


def _new(notes: Path, *args: str) -> Path:
    before = set(notes.iterdir())
    assert main(["new", "-f", str(notes.parent / "mkdocs.yml"), *args]) == 0
    (written,) = set(notes.iterdir()) - before
    return written


def _findings(notes: Path, note: Path) -> list[str]:
    site = load_site(Settings(root=notes.parent, notes_dir=notes), render=False)
    return [str(d) for d in site.diagnostics if d.file.endswith(note.name) and d.level != "info"]


def test_the_next_note_is_on_the_announced_date_with_the_proposed_topics(tmp_path: Path) -> None:
    notes = _archive(tmp_path)
    note = _new(notes)
    assert note.name == "2026-06-09.md"  # announced by the last community note: 2026-04-07 + 9 weeks
    text = note.read_text()
    assert text.startswith("# Podman Community Meeting Notes\n## June 9, 2026 11:00 a.m. Eastern (UTC-4)\n")
    assert "#### Podman 6 roadmap" in text
    assert _findings(notes, note) == []


@pytest.mark.parametrize(
    ("series", "day", "offset"),
    [
        ("community", "2026-10-06", "(UTC-4)"),  # daylight saving time
        ("community", "2026-11-03", "(UTC-5)"),  # standard time, after November 1
        ("cabal", "2027-03-02", "(UTC-5)"),
        ("cabal", "2027-04-06", "(UTC-4)"),  # after March 14
    ],
)
def test_the_offset_follows_daylight_saving_and_the_note_checks_clean(
    tmp_path: Path, series: str, day: str, offset: str
) -> None:
    notes = _archive(tmp_path)
    note = _new(notes, "--series", series, "--date", day)
    date_line = note.read_text().splitlines()[1]
    assert date_line.endswith(f"11:00 a.m. Eastern {offset}"), date_line
    assert _findings(notes, note) == []
    assert "Cabal" in note.read_text().splitlines()[0] if series == "cabal" else True


def test_an_existing_note_is_never_overwritten(tmp_path: Path) -> None:
    notes = _archive(tmp_path)
    before = (notes / "2026-04-07.md").read_text()
    assert main(["new", "-f", str(tmp_path / "mkdocs.yml"), "--date", "2026-04-07"]) == 1
    assert (notes / "2026-04-07.md").read_text() == before


def test_a_note_for_a_date_long_past_says_so(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    notes = _archive(tmp_path)  # its last note, of April 2026, announced June 9, 2026
    written = _new(notes)
    said = capsys.readouterr().err
    assert written.name.startswith("2026-06-09")
    assert "2026-06-09 was" in said and "days ago" in said and "--date" in said
    _new(notes, "--date", dt.date.today().isoformat())
    assert "days ago" not in capsys.readouterr().err  # a date given is the maintainer's choice


TSC_NOTE = """# Lantern TSC Meeting Notes - {day}

## Attendance

* [x] Ana Silva - Acme

## Agenda

* [x] {topic}

## Details

### {topic}

* Discussed.
"""


def test_notes_with_no_date_heading_get_the_skeleton_of_their_own_template(tmp_path: Path) -> None:
    """A community whose notes carry the date in the title and no date heading: the next note
    is the last one's title with the new date and the headings every note has, empty; not
    another archive's template, and no heading of one meeting's own topic."""
    notes = tmp_path / "notes"
    notes.mkdir()
    for day, topic in (("2024-03-07", "Release plan"), ("2024-03-21", "Build farm")):
        (notes / f"{day}.md").write_text(TSC_NOTE.format(day=day, topic=topic), encoding="utf-8")
    written = _new(notes, "--date", "2024-04-04")
    assert written.name == "2024-04-04.md"
    text = written.read_text(encoding="utf-8")
    assert text == "# Lantern TSC Meeting Notes - 2024-04-04\n\n## Attendance\n\n## Agenda\n\n## Details\n"
    assert "Build farm" not in text and "Eastern" not in text and "Meeting Notes\n### " not in text
    assert _findings(notes, written) == []
