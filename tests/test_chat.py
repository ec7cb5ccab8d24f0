"""Chat logs: each copy/paste format gives authors, times and texts."""

from meetings.parse.chat import parse_chat


def read(text: str) -> list[tuple[str, str | None, str]]:
    return [(m.author, m.time, m.text) for m in parse_chat(text.split("\n"), 1)]


def test_bluejeans_glued_author_and_time() -> None:
    log = "Tom Sweeney10:56 AM\nPlease sign in\nGuest 511:14 AM\nso the alias\nis for?\nmheon11:14 AM\nIt's a CNAME"
    assert read(log) == [
        ("Tom Sweeney", "10:56", "Please sign in"),
        ("Guest 5", "11:14", "so the alias\nis for?"),
        ("mheon", "11:14", "It's a CNAME"),
    ]


def test_digits_ending_a_name_keep_time_moving_forward() -> None:
    log = "Joe11:45 AM\nhi\nGuest 512:03 PM\nI agree\nalegrey9112:05 PM\nthanks"
    assert [(a, t) for a, t, _ in read(log)] == [("Joe", "11:45"), ("Guest 5", "12:03"), ("alegrey91", "12:05")]


def test_google_meet_narrow_space_and_affiliation() -> None:
    log = "You11:00\u202fAM\nhello\nGreg Shomo (Northeastern)12:03\u202fPM\nbye"
    assert read(log) == [("You", "11:00", "hello"), ("Greg Shomo (Northeastern)", "12:03", "bye")]


def test_google_meet_split_lines() -> None:
    log = "Leon N\n9:53 AM\nHey Hi, Good Morning\nBrent Baude\n9:55 AM\nhello\nkeep\nPinned"
    assert read(log) == [("Leon N", "09:53", "Hey Hi, Good Morning"), ("Brent Baude", "09:55", "hello\nkeep\nPinned")]


def test_zoom_saved_chat() -> None:
    log = "00:12:42\tPaul Holzinger:\thttps://github.com/containers/podman/discussions/27291\nmore text"
    [message] = parse_chat(log.split("\n"), 1)
    assert (message.author, message.time, message.relative) == ("Paul Holzinger", "00:12:42", True)
    assert message.text.endswith("more text")


def test_lines_numbers_point_at_headers() -> None:
    messages = parse_chat(["Tom Sweeney10:56 AM", "hi", "Me11:08 AM", "yes"], 40)
    assert [m.line for m in messages] == [40, 42]


def test_a_start_line_the_checks_doubt_gives_no_clock_to_the_chat() -> None:
    """ "Meeting start: 11:02 p.m." in a meeting scheduled at 11:00 a.m.: a wall-clock chat
    line of 11:14 is 14 minutes into the scheduled meeting, not "before it started"."""
    from meetings.model import ChatMessage, Meeting

    meeting = Meeting("2026-12-01", "notes/x.md", [], scheduled="2026-12-01T11:00:00-05:00", started="23:02")
    message = ChatMessage(5, "Tom Sweeney", "11:14", "welcome")
    assert meeting.chat_video_seconds(message) is None
    meeting.doubts["started"] = "the start line (23:02) is 12 hours from the date line (11:00)"
    assert meeting.chat_video_seconds(message) == 14 * 60
