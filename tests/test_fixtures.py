"""Notes we wrote in the real formats, one per era, read field by field."""

from __future__ import annotations

from meetings.notes import find_notes, load_meetings
from meetings.parse import parse_note, read_note

from .conftest import FIXTURES


def read(name: str):
    text, problems = read_note((FIXTURES / name).read_bytes(), f"notes/{name}")
    return parse_note(text, f"notes/{name}", name.removesuffix(".md"))


def messages(found: list) -> list[str]:
    return [d.message for d in found]


def test_cabal_one_line_headings_and_caption_chat() -> None:
    # one note does not name its series; among the others, its titles' "Cabal" comes and goes
    assert read("2022-03-17.md").series == "community"
    notes, _ = find_notes(FIXTURES, "fixtures")
    loaded = {meeting.id: meeting for meeting in load_meetings(notes, "containers/podman")}
    m = loaded["2022-03-17"]
    assert [loaded[n].series for n in ("2020-11-03", "2021-07-15", "2022-03-17", "2024-04-16", "2026-02-03")] == [
        "community",
        "cabal",
        "cabal",
        "cabal",
        "community",
    ]
    assert m.attendees == ["Tom Sweeney", "Ada Lovelace", "Grace Hopper", "Linus Pauling"]
    assert [(s.title, s.video_seconds, s.presenters) for s in m.sections] == [
        ("Widget volumes", 50, ["Ada Lovelace"]),
        ("Faster pulls", 730, ["Grace Hopper", "Linus Pauling"]),
        ("Open discussion", None, []),
    ]
    assert [(c.author, c.time, c.relative) for c in m.chat] == [
        ("Ada Lovelace", "00:00:39", True),
        ("Linus Pauling", "00:04:28", True),
    ]
    assert m.chat[1].text == "Very choppy here too\nand still choppy"
    assert (m.started, m.ended, m.recording) == ("11:02", "11:48", "https://youtu.be/AbCdEfGhIjk")
    assert [(n.series, n.date) for n in m.next_meetings] == [("cabal", "2022-04-21"), ("community", "2022-04-06")]
    assert sorted(r.id for r in m.issues) == ["containers/podman#1234", "containers/podman#2345"]
    assert [(a.owner, a.confident) for a in m.action_items] == [("Grace", False)]
    assert any("'Ada Lovelace' is listed twice" in x for x in messages(m.diagnostics))
    # April 6, 2022 was a Wednesday
    assert any("was a Wednesday" in x for x in messages(m.diagnostics))


def test_zoom_era_note() -> None:
    m = read("2026-02-03.md")
    assert m.date == "2026-02-03" and m.series == "community"
    assert m.attendees == ["Tom Sweeney", "Ada Lovelace", "Grace Hopper", "Linus Pauling"]
    assert [(s.title, s.video_seconds, s.presenters) for s in m.sections] == [
        ("Widget guide", 72, ["Ada Lovelace"]),
        ("Pull speed", 1050, ["Grace Hopper", "Linus Pauling"]),  # the label wins over t=450s
        ("Open discussion", 1855, []),
    ]
    assert [(a.owner, a.text) for a in m.action_items] == [
        ("Ada", "Ada (and team): Publish the widget guide."),
        ("Grace", "Grace/Linus: Review the guide."),
        (None, "All: Add topics to the agenda."),
    ]
    assert [(c.author, c.time) for c in m.chat] == [
        ("Ada Lovelace (Example Corp)", "00:05:46"),
        ("Tom Sweeney (Red Hat LLC)", "00:11:53"),
        ("Grace Hopper", "00:20:26"),
    ]
    assert m.chat[2].text.endswith("continued on a second line")
    assert [(t.speaker, t.seconds) for t in m.transcript] == [("Tom Sweeney (Red Hat LLC)", 257), ("Ada Lovelace", 264)]
    assert {r.id for r in m.issues} == {"podman-container-tools/podman#28824", "containers/podman#27291"}
    found = messages(m.diagnostics)
    assert any("label is used" in x for x in found)
    assert any("UTC-04:00, but Eastern time on 2026-02-03 is UTC-05:00" in x for x in found)
    assert any("'Ada Lovelace' is listed twice" in x for x in found)


def test_chat_and_transcript_under_each_others_labels() -> None:
    m = read("2024-04-16.md")
    assert [(c.author, c.time) for c in m.chat] == [("Ada Lovelace", "11:03"), ("Tom Sweeney", "11:05")]
    assert [(t.speaker, t.seconds) for t in m.transcript] == [
        ("Tom Sweeney", 0),
        ("Ada Lovelace", 0),
        ("Ada Lovelace", 300),
    ]
    assert [b.kind for b in m.raw_blocks] == ["transcript", "chat"]


def test_front_matter_and_broken_markdown() -> None:
    m = read("2023-07-20.md")
    assert (m.title, m.series) == ("Podman Community Cabal Meeting", "cabal")
    assert m.recording == "https://www.youtube.com/watch?v=frontMatter1"
    [section] = m.sections
    assert (section.title, section.video_seconds, section.presenters) == ("Passwd handling", None, ["Ada Lovelace"])
    assert {r.id for r in m.issues} == {"containers/podman#18903", "containers/podman#12693"}
    found = messages(m.diagnostics)
    assert any("'0:354' is not a valid video time" in x for x in found)
    assert sum("broken link" in x for x in found) == 2
    assert any("would show as the page title" in x for x in found)
    assert any("missing-slides.pdf" in x for x in found)
    assert any("indented text would show as code" in x for x in found)
    assert m.stray_headings == {18}


def test_bad_front_matter_is_a_diagnostic(tmp_path) -> None:
    text = "---\ntitle: [unclosed\n---\n# Podman Community Meeting\n"
    m = parse_note(text, "notes/x.md", "2024-01-01")
    assert m.title == "Podman Community Meeting"
    assert any("front matter is not valid YAML" in d.message and d.line == 2 for d in m.diagnostics)
    evil = "---\n!!python/object/apply:os.system ['echo hacked']\n---\n# T\n"
    m = parse_note(evil, "notes/x.md", "2024-01-01")
    assert any("front matter" in d.message for d in m.diagnostics)


def test_a_mark_on_its_own_line_under_a_heading_times_the_section() -> None:
    """`### Title` then `#### (9:50 in the video)` after a blank line (Cabal, 2021-07);
    a trailing wall-clock minute; an "Open discussion" heading with its own mark late in
    the note; a section with no mark stays untimed."""
    m = read("2021-07-15.md")
    assert [(s.title, s.video_seconds) for s in m.sections] == [
        ("Copying images between hosts", 590),
        ("Widget storage layout", 1265),
        ("Release cadence", None),
        ("Open discussion", 2385),
    ]


def test_a_mark_opening_the_first_paragraph_times_the_section() -> None:
    """`**(16:00 in video)**` under `### Presenter`, a mark below talk-title sub-headings,
    a bare `(31:10 in the video)` paragraph; a mark inside later prose is not the start.
    A title followed by a presenter sub-heading is all title, even with " - " in it."""
    m = read("2020-11-03.md")
    assert [(s.title, s.video_seconds, s.presenters) for s in m.sections] == [
        ("Widget aliases", 960, ["Ada Lovelace"]),
        ("The rise and fall of the old widget tool", 1255, ["Grace Hopper"]),
        ("Widget pods", 1870, ["Linus Pauling"]),
        ("What Widget Makers Think - Design directions", 2130, ["Alan Turing"]),
        ("General Announcements", None, ["Tom Sweeney"]),
        ("Questions?", 3080, []),
    ]


def test_an_attendee_label_in_bold_is_an_attendee_list() -> None:
    from meetings.parse import parse_note

    for label in ("**Attendees:**", "**Attendees**:", "__Attendees:__"):
        meeting = parse_note(
            f"# Podman Community Meeting\n\n{label} Tom Sweeney, Paul Holzinger\n", "n.md", "2026-12-01"
        )
        assert meeting.attendees == ["Tom Sweeney", "Paul Holzinger"], label


def test_the_agenda_list_names_the_presenter_a_heading_leaves_out() -> None:
    note = """# Podman Community Cabal Meeting Notes

## March 4, 2025 Topics

1. ZSTD support update - Dan Walsh
2. Packaging for podman-desktop - Lokesh Mandvekar
3. Landlock support - Dan Walsh

### Meeting Notes

### ZSTD Support - (0:50 in video)

Notes.

### Podman desktop packaging - (10:02 in video)

Notes.

### Landlock - (20:00 in video) - Paul Holzinger

Notes.

### Open discussion (30:00 in video)

- Landlock support - Dan Walsh said it is coming.
"""
    meeting = parse_note(note, "notes/2025-03-04.md", "2025-03-04")
    found = {s.title: (s.presenters, s.presenter_line) for s in meeting.sections}
    assert found["ZSTD Support"] == (["Dan Walsh"], 5)  # the list's title has one word more
    assert found["Podman desktop packaging"] == (["Lokesh Mandvekar"], 6)  # its words in another order
    assert found["Landlock"] == (["Paul Holzinger"], 19)  # the heading's own presenter wins
    assert found["Open discussion"] == ([], None)  # no list item before it has its title


def test_an_attendee_heading_or_label_over_bullets_lists_every_bullet() -> None:
    """With no settings: "### Attendees" (or "**Attendees:**") over a bulleted list, at the
    end of the note as some communities keep it, is every bullet, not the first line."""
    for label in ["### Attendees", "**Attendees:**", "Attendees:"]:
        note = f"""# Widget Sync
## March 6, 2024

* an item of the discussion
* another

{label}
* Tim Beiko
* Danny Ryan (EF)

- Pooja Ranjan
"""
        meeting = parse_note(note, "notes/2024-03-06.md", "2024-03-06")
        assert meeting.attendees == ["Tim Beiko", "Danny Ryan (EF)", "Pooja Ranjan"], (label, meeting.attendees)
        assert meeting.attendee_lines == [8, 9, 11], label  # each name on its own line, for the page
