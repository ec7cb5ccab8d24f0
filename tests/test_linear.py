"""Every recogniser that reads note text takes time linear in the length of a line.

Notes come by pull request and the site is built in CI: one crafted line of repeated
characters must not stall the build. Each recogniser is timed on lines of 10,000 and 40,000
characters; four times the length may take at most six times as long (quadratic would be
sixteen), and a line past that ratio must be past it again at 160,000 characters, so a
memory cache outgrown once does not fail it. A run that is fast in absolute terms passes,
so a busy machine cannot fail it.
"""

from __future__ import annotations

import gc
import random
import signal
import string
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from meetings import inline
from meetings.parse import (
    actions,
    agenda,
    bullet_items,
    chat,
    dates,
    decisions,
    names,
    note,
    people_lists,
    raw,
    sections,
    transcript,
)
from meetings.parse.note import parse_note
from meetings.parse.sections import Heading

pytestmark = pytest.mark.slow

SHORT, LONG = 10_000, 40_000
MAX_RATIO = 6
FLOOR = 0.1  # CPU seconds for the long line: below this, no growth rate is worth measuring
LIMIT = 5.0  # CPU seconds for one call: a backtracking pattern would otherwise run for hours

# Runs of one character, and short patterns repeated.
RUNS = [" ", "\t", "-", ":", "1", "`", "[", "]", "(", ")", "#", "*", "(1", "[a](", "` ", "1:", "``", "` `` ```"]
# Text around a run, so that patterns which need a start ("(", "Attendees:") get to the run.
AROUND = [("", ""), ("(", "x"), ("a ", " x")]
IN_A_NOTE_AROUND = AROUND[:2]  # the whole parser is slower: fewer variants


def _line(pattern: str, length: int, before: str = "", after: str = "") -> str:
    return before + (pattern * (length // len(pattern) + 1))[:length] + after


def _note(*lines: str) -> str:
    return "\n".join(["# Podman Community Meeting", "", "## March 3, 2022 11:00 a.m. Eastern", "", *lines, ""])


def _parse(*lines: str) -> object:
    return parse_note(_note(*lines), "notes/2022-03-03.md", "2022-03-03")


class _TooSlow(Exception):
    pass


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    def stop(*_: object) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)  # CPU time, like the measurements
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def _seconds(read: Callable[[str], object], line: str, repeat: int) -> float:
    best = float("inf")
    gc.disable()  # as timeit does: a collection that falls in one run only is noise
    try:
        for _ in range(repeat):
            start = time.process_time()  # CPU time: other jobs on a busy machine do not count
            with _deadline(LIMIT):
                read(line)
            best = min(best, time.process_time() - start)
    finally:
        gc.enable()
    return best


def _grows_linearly(read: Callable[[str], object], before: str, pattern: str, after: str) -> str | None:
    """None, or what grew too fast."""
    long_line, short_line = _line(pattern, LONG, before, after), _line(pattern, SHORT, before, after)
    what = f"{before!r} + {pattern!r} * n + {after!r}"
    try:
        slow = _seconds(read, long_line, 1)
        if slow < FLOOR:
            return None
        fast = float("inf")
        for _ in range(3):  # a busy machine slows some runs down; faster growth shows in every round
            fast = min(fast, _seconds(read, short_line, 3))
            slow = min(slow, _seconds(read, long_line, 2))
            if slow < FLOOR or slow <= MAX_RATIO * fast:
                return None
        # Past the ratio on a busy machine, or through the memory caches: a pattern that
        # really grows faster than linear grows as fast again over the next fourfold.
        longer = _seconds(read, _line(pattern, 4 * LONG, before, after), 1)
        if longer <= MAX_RATIO * slow:
            return None
    except _TooSlow:
        return f"{what}: over {LIMIT} s"
    return f"{what}: {fast:.3f} s -> {slow:.3f} s -> {longer:.3f} s"


def _grows_with_count(read: Callable[[int], object], small: int, large: int) -> None:
    """`read` of `large` things takes no more than MAX_RATIO times `read` of `small` (4x)."""
    slow = _seconds(lambda _: read(large), "", 1)
    if slow >= FLOOR:
        fast = _seconds(lambda _: read(small), "", 3)
        slow = min(slow, _seconds(lambda _: read(large), "", 2))
        assert slow <= MAX_RATIO * fast, (fast, slow)


RECOGNISERS: dict[str, Callable[[str], object]] = {
    "inline.scan": lambda line: inline.scan(line, "containers/podman"),
    "inline.scan chat": lambda line: inline.scan(line, "containers/podman", markdown=False),
    "names.looks_like_name": names.looks_like_name,
    "names.strip_affiliation": names.strip_affiliation,
    "a labelled recording line": lambda line: note._RECORDING_LINE.match("* **Recording**: " + line),
    "names.split_names": names.split_names,
    "names.split_presenters": names.split_presenters,
    "names.is_person": names.is_person,
    "dates.find_date": dates.find_date,
    "dates.find_clock": dates.find_clock,
    "dates.find_offset": dates.find_offset,
    "dates.find_weekday": dates.find_weekday,
    "chat.parse_chat": lambda line: chat.parse_chat(["Tom Sweeney10:56 AM", line, line], 1),
    "sections.split_heading": sections.split_heading,
    "sections.clean_title": sections.clean_title,
    "sections.is_meta": sections.is_meta,
    "sections.is_date_heading": sections.is_date_heading,
    "sections.inline_mark": lambda line: sections.inline_mark(line, "containers/podman"),
    "sections.find_sections": lambda line: sections.find_sections(
        [Heading(1, 2, line)], [line, line, "text"], 4, "containers/podman"
    ),
    "raw.is_label": raw.is_label,
    "raw.find_raw_blocks": lambda line: raw.find_raw_blocks([f"## Chat {line} copy/paste", line, line]),
    "transcript.looks_like_transcript": lambda line: transcript.looks_like_transcript([line]),
    "transcript.parse_transcript": lambda line: transcript.parse_transcript(["00:05:00", line, line], 1),
    "people_lists.initials_paragraph": lambda line: people_lists.initials_paragraph([line, f"{line}, {line}"], [1, 2]),
    "people_lists.with_initials": lambda line: people_lists.with_initials([line, line + "(AB)"]),
    "people_lists.initials_turns": lambda line: people_lists.initials_turns([line], [1], {"AB": "Ada B"}),
    "people_lists.table_people": lambda line: people_lists.table_people([f"| Name | {line}", "| - | - |", line], 1),
    "sections.presenter_label": lambda line: sections._PRESENTER_LABEL.match(line),
    "decisions.find_decisions": lambda line: decisions.find_decisions(
        ["### Conclusion", line, f"- {line}", f"Consensus: {line}", f"#agreed {line}"], [1, 2, 3, 4, 5]
    ),
    "bullet_items.title": bullet_items._title,
    "actions.owner_of": actions.owner_of,
    "agenda.is_structure": agenda.is_structure,
    "a recording line after emoji": lambda line: note._RECORDING_LINE.match(":movie_camera::scroll: " + line),
    "actions.next_steps": lambda line: actions.next_steps(["#### Next Steps", line, f"* {line}"], set()),
    "actions.prose_actions": lambda line: actions.prose_actions([line], [1], {"ada lovelace"}),
}

# The whole parser, with the line in each place a recogniser looks.
IN_A_NOTE: dict[str, Callable[[str], object]] = {
    "heading": lambda line: _parse(f"## {line}", "", "text"),
    "heading and mark": lambda line: _parse(f"### Topic - {line} (1:50 in the video)", "", "text"),
    "attendee line": lambda line: _parse(f"### Attendees: {line}", "", "text"),
    "attendee count": lambda line: _parse(f"### Attendees ({line}", "Ada Lovelace, Grace Hopper"),
    "chat label": lambda line: _parse(f"## {line} Chat {line} copy/paste:", "", "Tom Sweeney10:56 AM", "hello"),
    "in a chat block": lambda line: _parse("## BlueJeans Chat copy/paste:", "", "Tom Sweeney10:56 AM", line),
    "mark under a heading": lambda line: _parse("## Topic", f"{line}(1:50 in the video){line}", "", "text"),
    "open mark under a heading": lambda line: _parse("## Topic", f"- (in the video{line}", "", "text"),
    "mark after trailing spaces": lambda line: _parse("## Topic", f"text{line}", "- (1:50 in the video)" + line),
    "topics heading": lambda line: _parse(
        "### Next Meeting: Tuesday March 8, 2022", f"#### {line} 2022 topics {line}", "", "* one"
    ),
    "next meeting": lambda line: _parse(f"### Next Meeting: {line}", "", "text"),
    "start line": lambda line: _parse(f"Meeting start {line}", "", "text"),
    "recording": lambda line: _parse(f"Video [Recording]({line}", "", "text"),
    "next steps": lambda line: _parse("#### Next Steps", f" * {line}", "", "text"),
    "prose": lambda line: _parse(line),
    "repository heading": lambda line: _parse("### nodejs/node", f"* {line} [#1](https://github.com/a/b/pull/1)"),
    "attendee table": lambda line: _parse(
        "**Remote attendees:**", "| Name | Abbreviation |", "| - | - |", f"| {line} |"
    ),
    "initials before a section": lambda line: _parse(f"{line}, {line} (AB), {line}", "", "## Item", f"AB: {line}"),
    "presenter label": lambda line: _parse("## Item", f"Presenter: {line}", f"Presenter{line}:"),
    "ticked roll call": lambda line: _parse(
        "## Attendance", f"* Host: {line}", "* TSC:", f"  * [x] {line}", "  * [ ] x"
    ),
    "labelled decisions": lambda line: _parse(
        "## Item", "* Decisions:", f"  * {line}", "* Action Items:", f"  * {line}"
    ),
    "bullets under a lone title": lambda line: parse_note(
        f"# **Notes**\n\n* [x] a\n  - {line}\n* b\n    - **TODO** - {line}\n", "notes/2022_03_03.md", "2022-03-03"
    ),
    "timed heading": lambda line: _parse(f"## Item ({line}, 5m)", "", f"## Other (5m, {line})"),
    "actions.trailing_owner": lambda line: actions.trailing_owner(f"Rebase ({line}) ({line}", {"ada"}),
    "a wrapped next step": lambda line: actions.next_steps(["### Next steps", f"- {line}", f"  {line}", line], set()),
    "mentions beside code spans": lambda line: names.mentions_in(line.replace(" ", "`@a` @b ")),
}


@pytest.mark.parametrize("name", list(RECOGNISERS))
def test_recogniser_is_linear(name: str) -> None:
    read = RECOGNISERS[name]
    slow = [found for b, a in AROUND for p in RUNS if (found := _grows_linearly(read, b, p, a))]
    assert not slow, slow


@pytest.mark.parametrize("place", list(IN_A_NOTE))
def test_parse_note_is_linear(place: str) -> None:
    read = IN_A_NOTE[place]
    slow = [found for b, a in IN_A_NOTE_AROUND for p in RUNS if (found := _grows_linearly(read, b, p, a))]
    assert not slow, slow


def _attendee_line(count: int) -> str:
    """Names that look like no other: each one is compared with all before it."""
    pick = random.Random(count)
    word = lambda: "".join(pick.choice(string.ascii_lowercase) for _ in range(7)).title()  # noqa: E731
    return "### Attendees: " + ", ".join(f"{word()} {word()}" for _ in range(count))


def test_a_long_attendee_list_is_read_in_near_linear_time() -> None:
    """Each name is checked against the earlier ones for look-alikes; 10,000 names on one
    line must not mean 50 million comparisons."""
    read = lambda count: _parse(_attendee_line(count))  # noqa: E731
    _grows_with_count(read, 2_000, 8_000)


def test_a_long_list_of_loose_nested_lists_and_double_bullets_is_read_in_near_linear_time() -> None:
    """Each item looks back to the one before it at its depth (a loose list above it), and a
    line may open two items: thousands of them must not mean millions of looks back."""
    block = "- a\n  - - b\n\n  - c\n"
    read = lambda count: parse_note("# Sync\n\n" + block * count, "notes/2024-01-01.md", "2024-01-01")  # noqa: E731
    _grows_with_count(read, 1_000, 4_000)


def test_many_item_headings_are_read_in_near_linear_time() -> None:
    """Each item heading may hold the record's sub-headings: the headings are listed once,
    not once an item."""
    read = lambda count: parse_note(  # noqa: E731
        "# Sync\n\n" + "".join(f"### Item {n}\n\ntext\n\n" for n in range(count)),
        "notes/2024-01-01.md",
        "2024-01-01",
    )
    _grows_with_count(read, 2_000, 8_000)


def test_an_attendees_label_again_and_again_is_read_in_near_linear_time() -> None:
    """Each "Attendees:" label reads its own paragraph of names, never the rest of the note."""
    read = lambda count: parse_note("# X\n\n" + "Attendees:\nAb Cd\n" * count, "notes/2024-01-01.md", "2024-01-01")  # noqa: E731
    _grows_with_count(read, 2_000, 8_000)


def test_series_from_the_titles_of_many_notes_is_found_in_near_linear_time() -> None:
    """Every word of every title is a candidate series; thousands of notes with long titles
    of words shared by a few notes each must not mean a pass over all notes per word."""
    from meetings.model import Meeting
    from meetings.parse.series import settle_series

    def notes(count: int) -> list[Meeting]:
        pick = random.Random(count)
        words = ["".join(pick.choice(string.ascii_lowercase) for _ in range(8)) for _ in range(count * 10)]
        return [
            Meeting(f"2024-01-{n}", "n.md", [], title=" ".join(pick.sample(words, 30)), date=f"2024-{n:06d}")
            for n in range(count)
        ]

    built = {count: notes(count) for count in (500, 2_000)}  # made before the clock starts
    _grows_with_count(lambda count: settle_series(built[count]), 500, 2_000)


def test_look_alike_attendees_are_still_reported() -> None:
    meeting = _parse("### Attendees: Mairin Duffy, Mohan Boddu, Ada Lovelace, Máirín Duffy, Mohan Bodu")
    found = [d.message for d in meeting.diagnostics if "same person" in d.message]
    assert found == [
        "'Mairin Duffy' and 'Máirín Duffy' look like the same person",
        "'Mohan Boddu' and 'Mohan Bodu' look like the same person",
    ]


def test_a_long_attendee_list_is_linked_in_near_linear_time(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Clustering spellings into people compares each with the few that share a first
    name, a surname or a form, not with every other: 10,000 names stay near linear."""
    from meetings.site import Settings, load_site

    def link(count: int) -> Callable[[str], object]:
        folder = tmp_path / str(count)
        folder.mkdir()
        (folder / "2024-01-02.md").write_text("# Podman Community Meeting\n\n" + _attendee_line(count) + "\n")

        def run(_: str) -> object:
            # no cache: each run clusters anew (a run that read it back would time nothing)
            return load_site(Settings(root=tmp_path, notes_dir=folder, people_file=None), render=False)

        return run

    slow = _seconds(link(8_000), "", 2)  # the best of two, as the small size has its best of three
    if slow >= FLOOR:
        fast = _seconds(link(2_000), "", 3)
        assert slow <= MAX_RATIO * fast, (fast, slow)


# Another community's shapes, read with its own settings (examples/ethereum-acd/community.yml).
IN_A_COMMUNITY_NOTE = {
    "date line": lambda line: ("# Meeting Date/Time: Friday, June 11th, 2021 " + line, "text"),
    "metadata line": lambda line: ("### Moderator: " + line, "text"),
    "attendee bullet": lambda line: ("# Attendees", "* " + line, "* Tim Beiko"),
    "speaker turn": lambda line: ("**" + line + "**", "* says something"),
    "decision line": lambda line: ("**DECISION 65.1" + line + "**: text",),
    "decision table": lambda line: ("| Decision Item | Description |", "| --- | --- |", "| 130.1 |" + line + "|"),
    "agenda heading": lambda line: ("# Topic " + line + " [4:05](https://youtu.be/x?t=245)", "text"),
    "reference": lambda line: ("EIP-" + line + " and EIP " + line, "text"),
    "zoom chat": lambda line: ("## Call Chat", "", "From " + line + " to Everyone: (10:04 AM)", "hi"),
}


@pytest.mark.parametrize("place", list(IN_A_COMMUNITY_NOTE))
def test_another_communitys_recognisers_are_linear(place: str) -> None:
    from pathlib import Path

    from meetings.community import load_community

    config = Path(__file__).resolve().parent.parent / "examples" / "ethereum-acd" / "community.yml"
    community, problems = load_community(config, "community.yml")
    assert not [p for p in problems if p.level == "error"]

    def read(line: str) -> object:
        text = "\n".join(IN_A_COMMUNITY_NOTE[place](line)) + "\n"
        return parse_note(text, "notes/Meeting 65.md", "meeting-65", "", frozenset(), community, "65")

    slow = [found for b, a in IN_A_NOTE_AROUND for p in RUNS if (found := _grows_linearly(read, b, p, a))]
    assert not slow, slow
