"""`meetings check` knows the archive: the usual mistakes of a new note are findings, with
suggestions taken from the archive, and `--fix` applies the unambiguous ones."""

from __future__ import annotations

from pathlib import Path

from meetings.cli import main
from meetings.site import Settings, load_site

# Three earlier meetings in the real format, so the archive knows its people and cadence.
EARLIER = """# Podman Community Meeting Notes
## {date:%B} {date.day}, {date.year} 11:00 a.m. Eastern (UTC-4)

### Attendees
Tom Sweeney, Paul Holzinger, Matt Heon, Ashley Cui, Lokesh Mandvekar

### Meeting Notes
Video [Recording](https://www.youtube.com/watch?v=abc)

Meeting start: 11:02 a.m. EDT (UTC-4)

### Topics
#### Quadlet news - Paul Holzinger - (1:10 in the video)

Notes.

### Next Community Meeting: Tuesday, {following:%B} {following.day}, {following.year}, 11:00 a.m. EDT (UTC-4)

Meeting end: 11:45 a.m.
"""

NEW = """# Podman Community Meeting Notes
## Wednesday, December 1, 2026 11:00 a.m. Eastern (UTC-5)

### Attendees
Tom Sweeney, Paul Holzinher, Matt Heon

### Meeting Notes
Video [Recording](https://www.youtube.com/watch?v=def)

Meeting start: 11:02 p.m. EST (UTC-5)

### Topics
#### Quadlet news - Paul Holzinger - (1:10 in the video)

Notes.

### Raw Meeting Chat:

```
00:05:10	Matt Hoen:	hello all
00:06:00	Tom Sweeney:	welcome
```

### Next Community Meeting: Tuesday, February 3, 2026, 11:00 a.m. EST (UTC-5)

Meeting end: 11:50 a.m.
"""


def _archive(tmp_path: Path) -> Path:
    import datetime as dt

    notes = tmp_path / "notes"
    notes.mkdir()
    days = [dt.date(2026, 6, 2), dt.date(2026, 8, 4), dt.date(2026, 10, 6), dt.date(2026, 12, 1)]
    for day, following in zip(days[:3], days[1:], strict=True):
        (notes / f"{day}.md").write_text(EARLIER.format(date=day, following=following))
    (notes / "2026-12-01.md").write_text(NEW)
    return notes


def _findings(notes: Path) -> list[str]:
    site = load_site(Settings(root=notes.parent, notes_dir=notes), render=False)
    return [str(d) for d in site.diagnostics if d.file.endswith("2026-12-01.md")]


def test_a_weekday_in_the_date_line_is_checked_and_never_an_agenda_item(tmp_path: Path) -> None:
    notes = _archive(tmp_path)
    found = _findings(notes)
    assert any(":2: warning: the date line says Wednesday, but December 1, 2026 is a Tuesday" in f for f in found)
    site = load_site(Settings(root=tmp_path, notes_dir=notes), render=False)
    meeting = next(m for m in site.archive.meetings if m.id == "2026-12-01")
    assert meeting.scheduled == "2026-12-01T11:00:00-05:00"
    assert [s.title for s in meeting.sections] == ["Quadlet news"]
    assert "attendees" not in site.archive.people


def test_a_name_close_to_a_known_person_is_a_finding(tmp_path: Path) -> None:
    found = _findings(_archive(tmp_path))
    assert any(":5: warning: 'Paul Holzinher' is one or two letters from Paul Holzinger" in f for f in found), found
    assert any(
        "'Matt Hoen' is one or two letters from Matt Heon" in f and "did you mean Matt Heon?" in f for f in found
    )


def test_the_linter_suggests_a_name_only_where_the_build_merged_it(tmp_path: Path) -> None:
    """Listed beside Matt Heon, "Matt Hoen" is someone else to the build: no "did you mean"."""
    notes = _archive(tmp_path)
    new = notes / "2026-12-01.md"
    new.write_text(new.read_text().replace("Paul Holzinher, Matt Heon", "Paul Holzinher, Matt Heon, Matt Hoen"))
    found = _findings(notes)
    assert not any("Matt Hoen" in f for f in found), found
    assert any("'Paul Holzinher' is one or two letters from Paul Holzinger" in f for f in found), found


def test_a_meeting_of_twelve_hours_is_an_am_pm_typo(tmp_path: Path) -> None:
    found = _findings(_archive(tmp_path))
    assert any(":10: warning: the start line (23:02) is 12 hours from the date line (11:00)" in f for f in found), found
    # the page shows the start the note gives with the warning, not as the fact
    site = load_site(Settings(root=tmp_path, notes_dir=tmp_path / "notes"))
    page = next(p for p in site.pages if p.src == "meetings/2026-12-01.md")
    card = "".join(page.blocks.values())
    assert 'started 23:02 <span class="mt-doubt">(⚠ the start line (23:02) is 12 hours from the date line' in card


def test_a_wrong_next_meeting_gets_the_archives_date_never_one_years_away(tmp_path: Path) -> None:
    notes = _archive(tmp_path)
    (notes / "2027-02-02.md").write_text(
        EARLIER.format(date=__import__("datetime").date(2027, 2, 2), following=__import__("datetime").date(2027, 4, 6))
    )
    found = [f for f in _findings(notes) if "next meeting" in f]
    assert len(found) == 1, found
    assert "did you mean 2027-02-02 (Tuesday)" in found[0]


def test_fix_applies_the_unambiguous_suggestions_and_prints_a_diff(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    notes = _archive(tmp_path)
    main(["check", "-f", str(tmp_path / "mkdocs.yml"), str(notes / "2026-12-01.md"), "--fix"])
    out = capsys.readouterr().out
    assert "-## Wednesday, December 1, 2026" in out and "+## Tuesday, December 1, 2026" in out
    text = (notes / "2026-12-01.md").read_text()
    assert "Paul Holzinger, Matt Heon" in text and "Matt Heon:\thello all" in text
    assert _findings(notes) == [f for f in _findings(notes) if "start line" in f or "next meeting" in f]


def test_fix_lists_only_what_is_left_and_findings_come_by_line(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    notes = _archive(tmp_path)
    main(["check", "-f", str(tmp_path / "mkdocs.yml")])
    rows = [line.split(":") for line in capsys.readouterr().out.splitlines() if ".md:" in line]
    keys = [(file, int(line) if line.isdigit() else 0) for file, line, *_ in rows]
    assert keys == sorted(keys) and len(set(keys)) >= 3, keys
    main(["check", "-f", str(tmp_path / "mkdocs.yml"), str(notes / "2026-12-01.md"), "--fix"])
    out = capsys.readouterr().out
    listed = [line for line in out.splitlines() if line.startswith("notes/2026-12-01.md:")]
    assert listed and not [line for line in listed if "Wednesday" in line or "Holzinher" in line], listed


MARKS = """# Podman Community Meeting Notes
## June 2, 2026 11:00 a.m. Eastern (UTC-4)

### Attendees
Tom Sweeney, Paul Holzinger

Meeting start: 11:02 a.m. EDT (UTC-4)

### Topics
#### Quadlet news - Paul Holzinger - (1:15:20 in the video)
#### Pods - Paul Holzinger - (75:20 in the video)
#### Machines - Paul Holzinger - (12;30 in the video)
#### Networks - Paul Holzinger - (2:1 in the video)
#### Volumes - Paul Holzinger - (40:10 in the video)

Meeting end: 11:54 a.m.
"""


def test_bad_video_marks_are_findings_with_a_suggestion(tmp_path: Path) -> None:
    """In a 52-minute meeting: an hour too many, minutes past 59, a wrong separator and a
    one-digit second are each a warning on their line; a mark inside the meeting is not."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2026-06-02.md").write_text(MARKS)
    site = load_site(Settings(root=tmp_path, notes_dir=notes), render=False)
    marks: dict[int, str] = {}
    for finding in site.diagnostics:
        if finding.line in range(10, 15):
            marks[finding.line] = marks.get(finding.line, "") + str(finding) + " | "
    assert "'1:15:20' is past the end of the recording (the 52-minute meeting" in marks[10], marks
    assert "(did you mean 15:20?)" in marks[10]
    assert "'75:20' has 75 minutes (write 1:15:20)" in marks[11], marks
    assert "'12;30' is not a video time" in marks[12] and "(write 12:30)" in marks[12], marks
    assert "'2:1' is not a valid video time (write 2:01 or 2:10)" in marks[13], marks
    assert marks.get(14, "").count("warning") == marks.get(14, "").count("video time goes backwards"), marks
    meeting = site.archive.meetings[0]
    assert [mark.line for mark in meeting.marks] == [10, 11, 14]  # the two unreadable ones are not linked
