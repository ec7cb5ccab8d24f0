"""The first meeting, read by the parser: the figures a reader of the notes would count."""

from meetings.parse import parse_note, read_note

from .conftest import SEED


def seed():
    text, problems = read_note(SEED.read_bytes(), "notes/2020-12-01.md")
    assert problems == []
    return parse_note(text, "notes/2020-12-01.md", "2020-12-01")


def test_title_date_and_times() -> None:
    m = seed()
    assert (m.title, m.series, m.date) == ("Podman Community Meeting", "community", "2020-12-01")
    assert m.scheduled == "2020-12-01T11:00:00-05:00"
    assert (m.started, m.ended) == ("11:03", "12:03")
    assert m.recording == "https://bluejeans.com/s/aOaqCoRSJB4/"


def test_attendees_with_repaired_encoding() -> None:
    m = seed()
    assert len(m.attendees) == 31 and m.attendees_declared == 35
    assert "Anders Björklund" in m.attendees
    assert "Björklund" in m.lines[m.attendees_line - 1]


def test_agenda_sections() -> None:
    m = seed()
    timed = [s for s in m.sections if s.video_seconds is not None]
    assert [s.video_seconds for s in timed] == [110, 753, 1354, 2310, 2668, 2959, 3079, 3243]
    assert [s.presenters for s in timed[:4]] == [["Matt Heon"], ["Jhon Honce"], ["Dan Walsh"], ["Brent Baude"]]
    assert timed[0].title == "Introducing Network Aliases"
    assert [s.title for s in m.sections if s.video_seconds is None] == ["Questions?"]


def test_marks_inside_text() -> None:
    m = seed()
    assert 299 in [mark.seconds for mark in m.marks]  # "**(4:59 in the video)**"


def test_chat() -> None:
    m = seed()
    assert len(m.chat) == 69
    assert sum(c.author == "Guest 5" for c in m.chat) == 10
    assert m.chat[0].author == "Tom Sweeney" and m.chat[0].time == "10:56"
    assert m.chat[-1].text == "yes, will do"


def test_issue_references_in_notes_and_chat() -> None:
    m = seed()
    assert {(r.id, r.in_chat) for r in m.issues} == {
        ("containers/podman#8483", False),
        ("containers/podman#8483", True),
    }


def test_next_meeting_as_written_with_a_suggestion() -> None:
    m = seed()
    [nxt] = m.next_meetings
    assert (nxt.series, nxt.date) == ("community", "2020-02-02")
    [finding] = [d for d in m.diagnostics if d.line == nxt.line]
    assert finding.level == "warning" and "Sunday" in finding.message
    assert "2021-02-02" in finding.suggestion


def test_prose_action_item() -> None:
    m = seed()
    assert [(a.owner, a.confident) for a in m.action_items] == [("Tom Sweeney", False)]


def test_declared_versus_listed_is_reported_with_its_line() -> None:
    m = seed()
    finding = next(d for d in m.diagnostics if "declared" in d.message)
    assert finding.line == 5 and "35" in finding.message and "31" in finding.message
