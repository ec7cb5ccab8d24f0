"""Notes of a community the code has never seen, read with no settings: a call's notes in
the shape many communities share (metadata headings under the title, a video link among
them, numbered documents linked by name, a chat pasted under a heading that names it)."""

from __future__ import annotations

import re
from pathlib import Path

from meetings.cli import main
from meetings.parse import parse_note
from meetings.parse.names import strip_affiliation
from meetings.render.pages import render_home
from meetings.site import Settings, load_site

from .test_any_community import TSC as TSC_WEEK

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


TRIAGE = """# Widget Team Triage {day}

## Announcements

- Release {number} is out.

## Issues of Note

### P-critical

- [#{number}1](https://github.com/widget/widget/issues/{number}1): crash on start

### P-high regressions

- [#{number}2](https://github.com/widget/widget/issues/{number}2): slow builds

## Reviews

### Ana Silva

Ana walked through the parser rewrite.

## Attendees

- Ana Silva
- Ravi Kumar
"""


def _triage(root: Path) -> Path:
    notes = root / "notes"
    notes.mkdir()
    for number, day in enumerate(("2024-05-02", "2024-05-09", "2024-05-16"), 3):
        (notes / f"{day}.md").write_text(TRIAGE.format(day=day, number=number), encoding="utf-8")
    return notes


def test_with_no_community_file_the_site_reads_its_notes_as_init_would_have_it_read_them(tmp_path: Path) -> None:
    """No settings and the settings `meetings init` writes give the same site: the numbered
    file names, the labelled date line and the items are what the notes say, with nothing
    written. `community_file: null` reads them with no detection at all."""
    notes = tmp_path / "notes"
    notes.mkdir()
    for number, day in ((12, "June 6, 2024"), (13, "June 20, 2024"), (14, "July 4, 2024")):
        (notes / f"Meeting {number}.md").write_text(_note(number, day), encoding="utf-8")

    def facts(settings: Settings) -> list[tuple[str, str, list[str], str | None]]:
        archive = load_site(settings, render=False).archive
        return [(m.id, m.date, [s.title for s in m.sections], m.recording) for m in archive.meetings]

    unconfigured = facts(Settings(root=tmp_path, people_file=None, topics_file=None))
    assert [(ident, date) for ident, date, _, _ in unconfigured] == [
        ("meeting-12", "2024-06-06"),
        ("meeting-13", "2024-06-20"),
        ("meeting-14", "2024-07-04"),
    ]
    undetected = facts(Settings(root=tmp_path, people_file=None, topics_file=None, community_file=None))
    assert [date for _, date, _, _ in undetected] == ["meeting-12", "meeting-13", "meeting-14"]  # no date read
    assert main(["init", "-f", str(tmp_path / "mkdocs.yml"), str(notes)]) == 0
    assert facts(Settings.from_config_file(tmp_path / "mkdocs.yml")[0]) == unconfigured


def test_the_same_sub_headings_in_every_note_are_items_and_a_presenter_stays_a_presenter(tmp_path: Path) -> None:
    """Triage notes repeat "### P-critical" and "### P-high regressions" under "## Issues of
    Note" each week: a reader looks for each as an item. The first heading under the title
    holds bullets of its own, so it is an item too, not metadata. A sub-heading naming a
    person who attends presents the item above it. What recurs in every meeting has no topic page."""
    notes = _triage(tmp_path)
    site = load_site(Settings(root=tmp_path, people_file=None, topics_file=None))
    meeting = site.archive.meeting("2024-05-09")
    assert [s.title for s in meeting.sections] == [
        "Announcements",
        "Issues of Note",
        "P-critical",
        "P-high regressions",
        "Reviews",
    ]
    assert meeting.sections[-1].presenters == ["Ana Silva"]
    topics = {p.src for p in site.pages if p.src.startswith("topics/")}
    assert not any("critical" in src or "announcements" in src for src in topics), topics
    assert notes.is_dir()


def test_a_task_a_mentioned_person_takes_on_is_an_action_item_with_that_owner() -> None:
    """Zulip-style mentions own tasks: "@**pnkfelix** self-assigned", a reminder addressed
    to two people. The tracker's record ("nominated by @**X** to fix …") and a ping ("cc
    @**Y**") give no one a task."""
    note = """# Widget Team Triage 2024-05-02

## Backport nominations

- "Fix the crash" [#12](https://github.com/widget/widget/pull/12)
  - last week @**Felix Klock** self-assigned
  - nominated by @**Vadim Petrov** to fix the beta
  - cc @**Wes Wiser** do you know?
- "Faster builds" [#13](https://github.com/widget/widget/pull/13)
  - @**Michael Goulet (compiler-errors)** / @**oli** reminder about triaging the crater report
"""
    meeting = parse_note(note, "notes/2024-05-02.md", "2024-05-02")
    assert [(a.line, a.owner) for a in meeting.action_items] == [(6, "Felix Klock"), (10, "Michael Goulet")]


def test_a_speakers_turn_reports_tasks_but_gives_one_only_when_it_says_it_does() -> None:
    """In a committee's speaker turns, "Natalie offered to …" is what a speaker reports, not
    the record; "The action items for next meeting is that MF and I …" says it gives tasks."""
    note = """# Plenary 2024-06-13

Attendees: Natalie Silva (NS), Michael Ficarra (MF)

## Security review

MF: We had two takeaways. Natalie offered to put together a PR to the process document.

SYG: The action items for next meeting is that MF and I will come up with our preference.
"""
    meeting = parse_note(note, "notes/2024-06-13.md", "2024-06-13")
    assert "Natalie Silva (NS)" in meeting.attendees
    assert [(a.line, a.owner) for a in meeting.action_items] == [(9, "Michael Ficarra")]  # MF, by the roll


def test_where_no_note_lists_attendees_no_card_or_index_counts_them(tmp_path: Path) -> None:
    """Triage notes that never list who attended: no "Attendees: 0 listed" on each card and
    no column of zeros in the meetings index. Once one note lists them, every card counts."""
    notes = _triage(tmp_path)
    for note in notes.iterdir():
        note.write_text(note.read_text(encoding="utf-8").split("## Attendees")[0], encoding="utf-8")

    def pages() -> dict[str, str]:
        site = load_site(Settings(root=tmp_path, people_file=None, topics_file=None))
        return {p.src: p.content + "".join(p.blocks.values()) for p in site.pages}

    built = pages()
    assert "<strong>Attendees</strong>" not in built["meetings/2024-05-09.md"]
    assert ">Attendees</th>" not in built["meetings/index.md"]
    first = notes / "2024-05-02.md"
    first.write_text(first.read_text(encoding="utf-8") + "\n## Attendees\n\n- Ana Silva\n", encoding="utf-8")
    built = pages()
    assert "<strong>Attendees</strong></td> <td>0 listed" in built["meetings/2024-05-09.md"]
    assert ">Attendees</th>" in built["meetings/index.md"]


def test_a_card_of_many_issues_shows_their_number_and_opens_to_the_list(tmp_path: Path) -> None:
    """A triage names dozens of issues: its card says how many and lists them when opened
    (a <details>), every one still a link; a meeting naming a few lists them."""
    notes = _triage(tmp_path)
    many = "".join(f"- [#{n}](https://github.com/widget/widget/issues/{n}) flaky\n" for n in range(100, 120))
    note = notes / "2024-05-16.md"
    text = note.read_text(encoding="utf-8")
    note.write_text(text.replace("## Reviews", "## Flaky tests\n\n" + many + "\n## Reviews"), encoding="utf-8")
    site = load_site(Settings(root=tmp_path, people_file=None, topics_file=None))
    cards = {p.src: "".join(p.blocks.values()) for p in site.pages if p.src.startswith("meetings/20")}
    busy = cards["meetings/2024-05-16.md"]
    assert "<summary>22 issues and pull requests</summary>" in busy
    assert all(f'">widget/widget#{n}</a>' in busy for n in range(100, 120))
    assert "<details" not in cards["meetings/2024-05-09.md"]
    assert '">widget/widget#41</a>' in cards["meetings/2024-05-09.md"]


def test_repository_headings_over_bullet_items_are_not_taken_for_repeated_parts(tmp_path: Path) -> None:
    """A steering committee's notes repeat "### example/widgets" and "### Announcements" every
    week, but there the bullets under a repository's heading are the items: with no settings
    they stay the items, and no H3 becomes one instead of them."""
    notes = tmp_path / "notes"
    notes.mkdir()
    week = TSC_WEEK.replace(
        "### MCPs/FCPs",
        "### example/tsc\n\n* Charter update [#7](https://github.com/example/tsc/issues/7)\n\n### MCPs/FCPs",
    )
    for day in ("2025-03-04", "2025-03-11", "2025-03-18", "2025-03-25"):
        (notes / f"{day}.md").write_text(week.replace("2025-03-04", day), encoding="utf-8")
    site = load_site(Settings(root=tmp_path, people_file=None, topics_file=None), render=False)
    titles = [s.title for s in site.archive.meeting("2025-03-11").sections]
    assert titles == [
        "Announcements",
        "doc: add the release schedule",
        "Move type definitions out",
        "Charter update",
        "MCPs/FCPs",
        "Q&A",
    ]


SIG_NOTE = """## Meeting Notes

### Attendees
- Ana (Acme)
- Ravi Kumar (Initech)
- Li Wei (Globex)

### Agenda
- [Ana] Caching the exporter's batches {n} [https://github.com/widget/widget/issues/{n}](https://github.com/widget/widget/issues/{n})
  - The batches are copied twice.
  - Ravi Kumar offered to profile it.
- Ravi - Release plan for 2.{n}
  - Two release candidates at most.
- AI: Li Wei to ask the docs team about the new page
  - It should land before the release.
- Please review [https://github.com/widget/widget/issues/9](https://github.com/widget/widget/issues/9) by Friday
"""


def test_a_folder_a_day_holds_the_note_and_its_agenda_bullets_are_the_items(tmp_path: Path) -> None:
    """Notes kept as "2025-09-02/meeting-notes.md" beside a summary and a transcript: the
    folder is the date, the note its file named as notes are. A note whose one heading of
    items is "### Agenda" has its top-level bullets as items, "[Ana] …" and "Ravi - …"
    naming who brings each; "AI: Li Wei to …" is Li Wei's action item; an address written as
    a title's text is named as a reader names it. A day folder beside a note of its own name
    is that note's attachments, as before."""
    notes = tmp_path / "notes"
    for n, day in enumerate(("2025-09-02", "2025-09-09", "2025-09-16"), 1):
        (notes / day).mkdir(parents=True)
        (notes / day / "meeting-notes.md").write_text(SIG_NOTE.format(n=n), encoding="utf-8")
        (notes / day / "summary.md").write_text("A summary of the call.\n", encoding="utf-8")
        (notes / day / "transcript.md").write_text("Ana: hello\n", encoding="utf-8")
    (notes / "2025-09-23.md").write_text("# Widget SIG\n\n## Release\n\n- ok\n", encoding="utf-8")
    (notes / "2025-09-23").mkdir()
    (notes / "2025-09-23" / "slides.pdf").write_bytes(b"%PDF-1.4\n")
    site = load_site(Settings(root=tmp_path, people_file=None, topics_file=None), render=False)
    assert [m.id for m in site.archive.meetings] == ["2025-09-02", "2025-09-09", "2025-09-16", "2025-09-23"]
    meeting = site.archive.meeting("2025-09-09")
    assert meeting.source == "notes/2025-09-09/meeting-notes.md"
    assert [(s.title, s.presenters) for s in meeting.sections] == [
        ("Caching the exporter's batches 2", ["Ana"]),
        ("Release plan for 2.2", ["Ravi"]),
        ("AI: Li Wei to ask the docs team about the new page", []),
        ("Please review widget/widget#9 by Friday", []),  # an address in a title, named short
    ]
    assert [(a.line, a.owner) for a in meeting.action_items] == [(11, "Ravi Kumar"), (14, "Li Wei")]
    said = [d.message for d in site.problems if d.file.startswith("notes/2025-09-09/")]
    assert any("'summary.md' is beside the note of 2025-09-09" in m for m in said), said
    assert "2025-09-23/slides.pdf" not in {d.file for d in site.problems}  # an attachment, not a note


RECORD = """# Widget Steering Committee Meeting 2015-06-10

## Present

* Ana Silva
* Ravi Kumar

## Agenda

* Release schedule for 1.10 [#110](https://github.com/example/widgets/issues/110)
* Stream options

## Minutes

### Standup

* Ana: worked on the docs

### Release schedule for 1.10 [#110](https://github.com/example/widgets/issues/110)

* Agreed to ship on Tuesday.

### Stream options

* No conclusion.
"""


def test_the_record_under_minutes_holds_the_items_and_the_agenda_is_its_plan() -> None:
    """ "## Minutes" over "### Standup", "### Release schedule …": the sub-headings are the
    items, "## Minutes" is none, and "## Agenda" with its bullets is the plan of that record."""
    meeting = parse_note(RECORD, "notes/2015-06-10.md", "2015-06-10", "example/widgets")
    assert [(s.title, s.line, s.end_line) for s in meeting.sections] == [
        ("Standup", 15, 18),
        ("Release schedule for 1.10 #110", 19, 22),
        ("Stream options", 23, 25),
    ]


def test_an_offer_by_a_mentioned_person_written_as_their_login_is_an_action_item() -> None:
    """ "jieyouxu can help look at …": the note names @**Jieyou Xu** elsewhere, and a login is
    that name run together, lower case. A login nobody in the note is ("maybe can help") and
    an offer that nobody makes ("Someone can help …") give no action."""
    note = """# Widget Team Triage 2024-08-22

## Nominated Issues

- "Attributes in contracts" [#128](https://github.com/widget/widget/pull/128)
  - nominated by @**Jieyou Xu**
  - Looking for reviewers. jieyouxu can help look at attribute handling, but not the rest.
  - Reviewers wanted. maybe can help with that later. Someone can help with docs.
"""
    meeting = parse_note(note, "notes/2024-08-22.md", "2024-08-22")
    assert [(a.line, a.owner) for a in meeting.action_items] == [(7, "jieyouxu")]


def test_an_outcome_a_line_reports_is_a_decision_and_a_vote_still_open_is_not() -> None:
    """A triage team records its outcomes inside the line: a vote's result after the link to
    the vote, what last week's discussion settled, a closing "([backport approved](…))". A
    vote with no result, a review's approval and a question decide nothing."""
    zulip = "https://chat.example.org/#narrow/topic/42"
    note = f"""# Widget Team Triage 2025-09-18

## Backport nominations

- "Fix the crash" [#12](https://github.com/widget/widget/pull/12)
  - Voting [Zulip topic]({zulip}), in favor.
  - Voting [Zulip topic]({zulip}). preference is to decline (noting one opposite opinion)
  - Voting [Zulip topic]({zulip})
  - As per last week discussion, we are going to stop tagging toolstate breakage
  - Discussed [last week]({zulip}), seems fine to accept that breakage
  - Regression in the beta run, solved by #13 ([beta-backport approved]({zulip}))
  - Landed in #14 (approved by @jdoe)
  - Landed in #15 (partially approved)
  - Do we want to accept the breakage?
"""
    meeting = parse_note(note, "notes/2025-09-18.md", "2025-09-18")
    assert [d.line for d in meeting.decisions if d.kind == "decision"] == [6, 7, 9, 10, 11]


EXPORTED = """**<span style="text-decoration:underline;">Gadget Community Meeting - {written}</span>**

**<span style="text-decoration:underline;">Attendees</span>**



*   Ana Silva, Acme Corp
*   Ravi Kumar, Acme Corp
*   Li Wei
*   Tomás Ruiz, gadget

**Goal**

Run gadgets everywhere.

**<span style="text-decoration:underline;">Demo - </span>**



*   Ravi Kumar, the new scheduler
    *   Loading is slow for now

**<span style="text-decoration:underline;">Open PRs / Issue Review</span>**



*   [https://github.com/gadget/gadget/issues/16](https://github.com/gadget/gadget/issues/16)
"""


def test_notes_exported_from_a_word_processor_have_their_dates_headings_and_attendees(tmp_path: Path) -> None:
    """A document exported to Markdown names its file by a date without zeros
    ("2021-6-16-gadget-call.md"), writes its headings as lines all in bold with inline HTML,
    and lists one attendee a bullet as "Name, Company". Read with no settings: the date is
    the day, the first bold line the title, the others the items, the company no part of
    the person. A note that also has Markdown headings keeps its bold lines as text."""
    notes = tmp_path / "notes"
    notes.mkdir()
    for name, written in (("2021-6-16-gadget-call.md", "2021-6-16"), ("2021-7-7-gadget-call.md", "2021-7-7")):
        (notes / name).write_text(EXPORTED.format(written=written), encoding="utf-8")
    (notes / "2021-07-14.md").write_text("# Gadget Meeting\n\n**Goal**\n\n## Release\n\n**Demo**\n", encoding="utf-8")
    archive = load_site(Settings(root=tmp_path, people_file=None, topics_file=None), render=False).archive
    first, second, third = archive.meetings
    assert (first.id, first.date, second.date) == ("2021-06-16-gadget-call", "2021-06-16", "2021-07-07")
    assert first.title == "Gadget Community Meeting - 2021-6-16"
    assert [s.title for s in first.sections] == ["Goal", "Demo", "Open PRs / Issue Review"]
    assert [strip_affiliation(a) for a in first.attendees] == ["Ana Silva", "Ravi Kumar", "Li Wei", "Tomás Ruiz"]
    assert "acme-corp" not in archive.people and "ana-silva" in archive.people
    assert [(i.repo, i.number) for i in first.issues] == [("gadget/gadget", 16)]
    assert [s.title for s in third.sections] == ["Release"]


TICKED = """# Lantern TSC Meeting Notes - 2024-03-14

:movie_camera::scroll: Recording: https://zoom.us/rec/share/abc123.XYZ

## Attendance

* Host: Mara Quist
* Secretary: Mara Quist
* TSC Attendees:
  * [ ] Olaf Brenner - Northwind (on leave)
  * [x] Mara Quist - Lumen Labs
  * [x] Teodor Vance - Freelance
* Other Attendees:
  * [x] Ines Okafor
* Regrets:
  * [x] Pavel Dorn

## Agenda
* [x] Release plan
* [ ] Build farm

## Short Version / Decisions / Action Items / Important Links

* Decisions:
  * Teodor Vance will cut the 2.1 release
  * Drop the old mailing list
* Actions Items:
  * Try to find a host for the build farm
    * Slack
    * mailing list

## Details

### Release plan

* (MQ):
  * We are close.

### Build farm

* (TV):
  * Not yet.
"""


def test_a_ticked_roll_call_its_summary_bullets_and_a_details_heading_with_no_settings() -> None:
    """A note with a roll call ticked in a task list, role and group labels, an emoji before
    its recording line, a summary heading of several structure parts whose bullets label the
    decisions and the actions, and its record under "## Details". Read with no settings: who
    came (not the empty box, not the regrets), the recording, the record's sub-headings as the
    items (not the plan or the summary), and each labelled bullet's items, no more."""
    meeting = parse_note(TICKED, "notes/2024-03-14.md", "2024-03-14", "example/lantern")
    assert [strip_affiliation(a) for a in meeting.attendees] == ["Mara Quist", "Teodor Vance", "Ines Okafor"]
    assert "Mara Quist - Lumen Labs" in meeting.attendees
    assert meeting.recording == "https://zoom.us/rec/share/abc123.XYZ"
    assert [s.title for s in meeting.sections] == ["Release plan", "Build farm"]
    made = [(d.kind, d.text, d.owner) for d in meeting.decisions]
    assert made == [
        ("decision", "Teodor Vance will cut the 2.1 release", None),
        ("decision", "Drop the old mailing list", None),
        ("action", "Try to find a host for the build farm", None),
    ]


ROLL = """<!-- SPDX-License-Identifier: CC-BY-4.0 -->

Mar 9, 2020

Host: Ines Okafor

Rotating Secretary: Pavel Dorn

Attendees:
  * [X] Ines Okafor (_TSC Chair_) - Lumen Labs
  * [ ] Olaf Brenner (_TSC_) - Northwind
  * [X] Pavel Dorn (_TSC_) - Freelance

Apologies:
  * Olaf Brenner

# **Lantern TSC Meeting Notes**

* Release 2.1 (PR #41)
    - Ines: the branch is cut.
    - **TODO**: Pavel will write the release notes.

* Website
    - Still waiting on the logo.
    - **TODO** - Ines Okafor to ask the foundation about hosting.
"""


def test_bullets_under_a_bold_title_are_the_items_of_a_note_with_no_other_heading(tmp_path: Path) -> None:
    """A note whose one heading is its title in bold, over top-level bullets that hold their
    discussion, in a file named with underscores: the date from the name, the title without
    its bold, the bullets as items, a ticked roll call (no empty box, no apologies), and a
    TODO in a nested bullet or after a dash as the action of whom it names."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2020_03_09.md").write_text(ROLL, encoding="utf-8")
    archive = load_site(Settings(root=tmp_path, people_file=None, topics_file=None), render=False).archive
    (meeting,) = archive.meetings
    assert (meeting.id, meeting.date, meeting.title) == ("2020-03-09", "2020-03-09", "Lantern TSC Meeting Notes")
    assert [strip_affiliation(a) for a in meeting.attendees] == ["Ines Okafor", "Pavel Dorn"]
    assert [s.title for s in meeting.sections] == ["Release 2.1 (PR #41)", "Website"]
    assert [(a.owner, a.text) for a in meeting.action_items] == [
        ("Pavel", "Pavel will write the release notes."),
        ("Ines Okafor", "Ines Okafor to ask the foundation about hosting."),
    ]
    site = load_site(Settings(root=tmp_path, people_file=None, topics_file=None))
    page = next(p for p in site.pages if p.src == "meetings/2020-03-09.md")
    html = site.article(page).html
    assert '<p class="mt-note-title">Lantern TSC Meeting Notes</p>' in html
    assert re.search(r'type="checkbox"[^>]*> <a href="[^"]*people/pavel-dorn/">Pavel Dorn</a>', html)  # ticked, linked
    apologies, items = html.split("<li>Olaf Brenner</li>", 1)[1].split('<a id="release-2-1-pr-41">', 1)
    assert "</ul>" in apologies  # the list under the title is not the apologies' list going on


def test_the_home_page_names_a_series_only_as_the_notes_name_it(tmp_path: Path) -> None:
    """Notes whose titles name no series ("Lantern TSC Meeting Notes") are announced on the
    home page as "Meeting", never as a "Community meeting" they never wrote."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2024-03-14.md").write_text(TICKED, encoding="utf-8")
    site = load_site(Settings(root=tmp_path, people_file=None, topics_file=None), render=False)
    home = render_home(site.archive)
    text = home.content + "".join(home.blocks.values())
    assert "<strong>Meeting</strong>" in text and "Community meeting" not in text


TIMED = """# Lantern WG Notes - March 2024

## Agenda

1. Review agenda (2m, Ines)
2. Full Unicode - looking for final approval
3. Argument uniqueness RFC (Pavel Dorn, 5m)

## Review agenda (2m, Ines)

- Nothing to add.

## Full Unicode - looking for final approval

- Approved.

## Argument uniqueness RFC (Pavel Dorn, 5m)

- Needs one more review.
"""


def test_a_presenter_written_with_the_time_given_and_no_other_shape_where_notes_write_it_so() -> None:
    """ "Review agenda (2m, Ines)" and "(Pavel Dorn, 5m)": the item's presenter and its time;
    in notes that name presenters so, "Full Unicode - looking for …" is a title, not a talk
    by "Full Unicode", in the heading and in the agenda list above it."""
    meeting = parse_note(TIMED, "notes/2024-03-07.md", "2024-03-07", "example/lantern")
    assert [(s.title, s.presenters) for s in meeting.sections] == [
        ("Review agenda", ["Ines"]),
        ("Full Unicode - looking for final approval", []),
        ("Argument uniqueness RFC", ["Pavel Dorn"]),
    ]


ATTENDING = """# Planning meeting 2024-05-01

* [Watch the meeting](https://youtu.be/abcDEF12345)

## Attending

* Team: anasilva, Ravi, Li Wei
* Other: tomas
* Action item scribe: Ravi
* Minutes scribe: Li Wei

## Meeting roles

* Note-taker:

## Updates

- the parser landed
"""


def test_an_attending_list_of_roles_and_a_watch_link_under_the_title() -> None:
    """ "## Attending" with "Team: …", "Other: …" and the scribes is who came, each once; a
    line that is only a video link under the title is the recording; "## Meeting roles" is
    the notes' structure, not an item."""
    meeting = parse_note(ATTENDING, "notes/2024-05-01.md", "2024-05-01", "example/lantern")
    assert meeting.attendees == ["anasilva", "Ravi", "Li Wei", "tomas"]
    assert meeting.recording == "https://youtu.be/abcDEF12345"
    assert [s.title for s in meeting.sections] == ["Updates"]


def test_a_decision_that_holds_a_link_shows_its_words_not_its_markdown(tmp_path: Path) -> None:
    """ "Discussed [last week](…), seems fine to accept …": the meeting's list of decisions
    shows "last week", never the link's Markdown."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2025-09-18.md").write_text(
        "# Widget Team Triage 2025-09-18\n\n## Backport nominations\n\n"
        '- "Fix the crash" [#12](https://github.com/widget/widget/pull/12)\n'
        "  - Discussed [last week](https://chat.example.org/t/42), seems fine to accept that breakage\n",
        encoding="utf-8",
    )
    site = load_site(Settings(root=tmp_path, people_file=None, topics_file=None))
    page = next(p for p in site.pages if p.src == "meetings/2025-09-18.md")
    html = site.article(page).html
    decisions = html.split('class="mt-decision"', 1)[1].split("</li>", 1)[0]
    assert "Discussed last week, seems fine" in decisions and "](" not in decisions


TASKS_NOTE = """# Widget sync 2024-05-01

## Attendees

- Ana Silva @anasilva
- Ravi Kumar (@rkumar)

## Action Items

- [ ] Write the release notes - Owner: @anasilva - Due: 2024-05-08
- [x] Tag the release (@rkumar)
- [ ] **@rkumar** — update the website — due next meeting
- [ ] Try to find a host
"""


def test_action_items_in_a_task_list_with_their_owner_by_label_or_handle(tmp_path: Path) -> None:
    """Tasks listed as a task list under "## Action Items": each is an action, without its box,
    owned by whom "Owner: @ana", "(@ravi)" or a leading "@ravi —" names, linked to that person;
    none is an agenda item, and "Try to …" has no owner."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2024-05-01.md").write_text(TASKS_NOTE, encoding="utf-8")
    archive = load_site(Settings(root=tmp_path, people_file=None, topics_file=None), render=False).archive
    (meeting,) = archive.meetings
    assert [(a.owner, a.text.split(" - ")[0].split(" —")[0]) for a in meeting.action_items] == [
        ("anasilva", "Write the release notes"),
        ("rkumar", "Tag the release (@rkumar)"),
        ("rkumar", "@rkumar"),
        (None, "Try to find a host"),
    ]
    assert [s.title for s in meeting.sections] == ["Action Items"]  # its tasks are not agenda items
    assert [archive.person_of(meeting.id, a.owner).id for a in meeting.action_items[:3]] == [  # type: ignore[union-attr]
        "ana-silva",
        "ravi-kumar",
        "ravi-kumar",
    ]


AGENDA_DOC = """![Lantern logo](/images/lantern.png)

## Agenda for the March 5th video call of Lantern's Working Group

- **Where**: zoom.us
- **When**: March 5th, 4pm-5pm UTC

### Registration

None required.

## Logistics

The meeting will be on a zoom.us video conference.

## Agenda items

1. Opening, welcome and roll call
1. Proposals and discussions
    1. Release planning (Ana Silva, 20 minutes)

## Meeting Notes

### Opening, welcome and roll call

* Ana Silva
* Ravi Kumar

### Proposals and discussions

#### Release planning

Ana presented the plan.
"""


def test_a_note_with_no_h1_opens_with_its_title_and_its_template_headings_are_no_items() -> None:
    """A group's note that opens with its logo and an H2 title: that heading is its title; its
    Registration, Logistics and Agenda items headings are its template; the record under
    "## Meeting Notes" holds the items."""
    meeting = parse_note(AGENDA_DOC, "notes/2024/WG-03-05.md", "2024-03-05-wg", "example/lantern")
    assert meeting.title == "Agenda for the March 5th video call of Lantern's Working Group"
    assert [s.title for s in meeting.sections] == ["Opening, welcome and roll call", "Proposals and discussions"]


CODE_WORDS = """\
# Schema WG Notes - March 2024

- Directives (10m, Ines)
  - `@arguments(first: 2)` and `@stream` stay apart from the spec text;
    arguments to a field `...Friends(first: 2)` are like variables.
  - The `@oneOf` RFC is in review.
- Fragment variables (15m, Pavel)
  - They behave like variables inside the fragment.
"""


def test_an_at_sign_in_code_is_the_languages_word_not_a_person(tmp_path: Path) -> None:
    """`@stream` in a code span is a directive, not a mention: no person "stream", and no
    task for "arguments" in a wrapped line; the presenter is still a person."""
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2024-03-07.md").write_text(CODE_WORDS, encoding="utf-8")
    archive = load_site(Settings(root=tmp_path, people_file=None, topics_file=None), render=False).archive
    assert not {"stream", "oneof", "arguments"} & set(archive.people)
    assert {"ines", "pavel"} <= set(archive.people)
    assert archive.meetings[0].action_items == []


WRAPPED = """\
## 03.04.24 Meeting Minutes

### Attendees

Ines (@ines-ok )
Pavel Dorn (@pdorn)
Olaf
(two more joined late)

### Next steps

- Pavel will write up the audit of the toolbar buttons so we
  can split it into issues.
- Rebase #412 to have it ready for review (Ines)
- Set up a preview site for the docs (Olaf, Pavel, maybe Ines)
- Find and share resources (everyone)
- Ask the design team about colours (?)
"""


def test_a_list_wrapped_at_80_columns_and_a_roll_call_one_name_a_line(tmp_path: Path) -> None:
    """Notes formatted at 80 columns: a step that goes on under its bullet is one action,
    its owner named first or in parentheses at its end when that is someone listed; names
    written one a line under "### Attendees", with no bullets, are each an attendee."""
    meeting = parse_note(WRAPPED, "notes/2024-03-04.md", "2024-03-04")
    assert [strip_affiliation(a) for a in meeting.attendees] == ["Ines", "Pavel Dorn", "Olaf"]
    assert [(a.line, a.owner) for a in meeting.action_items] == [
        (12, "Pavel"),
        (14, "Ines"),
        (15, "Olaf"),
        (16, None),
        (17, None),
    ]
    assert meeting.action_items[0].text.endswith("so we can split it into issues.")


def test_notes_in_quarter_folders_named_by_day_and_series(tmp_path: Path) -> None:
    """ "2017/Q1/2017-01-02--libp2p.md" and "2016-08-15-go-ipfs.md": each note is published
    under its name, on its day, in the series its name gives when another note's name gives it
    too; "2024-01-10-notes.md" and a name given once ("-release-planning": a topic) name none."""
    notes = tmp_path / "notes"
    (notes / "2017" / "Q1").mkdir(parents=True)
    (notes / "2021" / "03").mkdir(parents=True)
    (notes / "2017" / "Q1" / "2017-01-02--libp2p.md").write_text("## libp2p\n\n- specs\n", encoding="utf-8")
    (notes / "2017" / "Q1" / "2017-01-16--libp2p.md").write_text("## libp2p\n\n- more specs\n", encoding="utf-8")
    (notes / "2018-05-02-release-planning.md").write_text("# Release planning\n\ntext\n", encoding="utf-8")
    (notes / "2021" / "03" / "04.md").write_text("# Sync\n\ntext\n", encoding="utf-8")
    (notes / "2016-08-15-go-ipfs.md").write_text("## go-ipfs\n\n- releases\n", encoding="utf-8")
    (notes / "2016-08-22-go-ipfs.md").write_text("## go-ipfs\n\n- more releases\n", encoding="utf-8")
    (notes / "2024-01-10-notes.md").write_text("# Notes\n\ntext\n", encoding="utf-8")
    archive = load_site(Settings(root=tmp_path, people_file=None, topics_file=None), render=False).archive
    found = [(m.id, m.date, m.series, m.head) for m in archive.meetings]
    assert found == [
        ("2016-08-15-go-ipfs", "2016-08-15", "go-ipfs", "Go ipfs meeting"),
        ("2016-08-22-go-ipfs", "2016-08-22", "go-ipfs", "Go ipfs meeting"),
        ("2017-01-02--libp2p", "2017-01-02", "libp2p", "Libp2p meeting"),
        ("2017-01-16--libp2p", "2017-01-16", "libp2p", "Libp2p meeting"),
        ("2018-05-02-release-planning", "2018-05-02", "community", "Meeting"),
        ("2021-03-04", "2021-03-04", "community", "Meeting"),
        ("2024-01-10-notes", "2024-01-10", "community", "Meeting"),
    ]


ROUND = """\
## 05.03.23 Meeting Minutes

### Attendees

| Name | Affiliation | GitHub |
| ---- | ----------- | ------ |
| Ines Okafor | Acme | @ines-ok |
| Pavel Dorn | | @pdorn |

### What are people working on?

* Docs site update (Pavel)
    * the new theme is live
* Ines's update:
    * reviewed the zoom audit
* Pavel
    * fixed the focus trap

### Next Steps

- Publish the audit (Ines)
"""


def test_an_h2_title_over_h3_items_and_a_round_of_updates_by_person() -> None:
    """A note whose title is an H2 has its H3 headings as items, never "Next Steps"; in a
    round of updates, an item that is a listed person's name, their "update", or ends with
    their name in parentheses is theirs to present."""
    meeting = parse_note(ROUND, "notes/2023-05-03.md", "2023-05-03")
    assert meeting.title == "05.03.23 Meeting Minutes"
    assert [(s.title, s.presenters) for s in meeting.sections] == [
        ("Docs site update (Pavel)", ["Pavel"]),
        ("Ines's update", ["Ines"]),
        ("Pavel", ["Pavel"]),
    ]
    assert [(a.owner, a.text) for a in meeting.action_items] == [("Ines", "Publish the audit (Ines)")]
    # the same under "### Notes": the updates are the items, the steps stay steps
    held = ROUND.replace("### What are people", "### Notes\n\n#### What are people").replace("### Next", "#### Next")
    meeting = parse_note(held, "notes/2023-05-03.md", "2023-05-03")
    assert [s.title for s in meeting.sections] == ["Docs site update (Pavel)", "Ines's update", "Pavel"]
    assert [a.owner for a in meeting.action_items] == ["Ines"]


PLAN_AND_RECORD = """\
# Widget All Hands Call March 4

**Attendees**
* @ana-s
* @ravi

## Agenda

- Release plan (@ana-s)
- Demos

### Notes

#### Release plan (@ana-s)
- cut the branch on Friday

#### Demos
- the new command line
"""

NOTES_BULLETS = """\
## widget-core

#### Lead: @ravi

#### Participants

- @ravi
- @ana-s

## Agenda

Board: https://example.org/board
Roadmap: https://example.org/roadmap
https://example.org/repos source: https://example.org/src

## Notes

- ms2 issues
  - @ravi to take care of the open PRs

- ed25519
  - support lands in the crypto library

##### After the meeting, copy the action items to the sprint issue
"""


def test_the_record_under_a_notes_heading_inside_the_agenda_and_the_bullets_of_the_notes() -> None:
    """ "## Agenda", "### Notes", "#### Release plan": the headings of the record under the
    plan's notes are the items, not every bullet of the plan. Where the plan is a link and
    the notes are bullets that hold their discussion, those bullets are the items."""
    meeting = parse_note(PLAN_AND_RECORD, "notes/2017-03-04.md", "2017-03-04")
    assert [(s.title, s.presenters) for s in meeting.sections] == [
        ("Release plan (@ana-s)", ["@ana-s"]),
        ("Demos", []),
    ]
    meeting = parse_note(NOTES_BULLETS, "notes/2016-09-26-widget-core.md", "2016-09-26-widget-core")
    assert [s.title for s in meeting.sections] == ["ms2 issues", "ed25519"]


LABELLED = """\
# Widget Weekly Sync

## February 12, 2019

- **Lead:** @ana-s
- **Attendees:**
  - @ana-s
  - @ravi

- **Recording:** https://youtu.be/abc123

## Agenda

- Round of updates
"""


def test_attendees_as_the_sub_bullets_of_a_labelled_bullet_and_no_label_bullet_is_an_item() -> None:
    """ "- **Attendees:**" over sub-bullets names them, up to the next bullet of its level;
    under a lone title, "* **Attendees:**" and "* **Recording:** none" are no items."""
    meeting = parse_note(LABELLED, "notes/2019-02-12.md", "2019-02-12")
    assert meeting.attendees == ["@ana-s", "@ravi"]
    assert meeting.recording == "https://youtu.be/abc123"
    lone = "# Sync\n\n- **Attendees:**\n  - @ana\n- **Recording:** none\n  - not recorded\n- Release 2.1\n  - cut it\n"
    assert [s.title for s in parse_note(lone, "notes/2025-03-04.md", "2025-03-04").sections] == ["Release 2.1"]


def test_a_series_that_ended_long_before_the_last_meeting_is_not_announced(tmp_path: Path) -> None:
    """Of series named by their files, the home page's next meetings leave out one whose last
    meeting was over half a year before the archive's last: it meets no more."""
    notes = tmp_path / "notes"
    notes.mkdir()
    for day in ("2016-08-15", "2016-08-22"):
        (notes / f"{day}-go-core.md").write_text("## go-core\n\n- releases\n", encoding="utf-8")
    for day in ("2019-02-05", "2019-02-12"):
        (notes / f"{day}-package-managers.md").write_text("## Package managers\n\n- gx\n", encoding="utf-8")
    site = load_site(Settings(root=tmp_path, people_file=None, topics_file=None), render=False)
    home = render_home(site.archive)
    (upcoming,) = [block for block in home.blocks.values() if "mt-next-when" in block]
    assert "Package managers meeting" in upcoming and "Go core meeting" not in upcoming


def test_a_series_that_meets_in_turn_with_another_is_named_by_its_titles_word(tmp_path: Path) -> None:
    """Titles that come and go with a word ("Widget Community Triage Meeting" every other
    time among "Widget Community Meeting"s) are that word's series, with no list of words in
    the code; "### Next Meeting:" there is that series' next meeting, and "Next TSC Meeting",
    a series no note has, is the note's own."""
    notes = tmp_path / "notes"
    notes.mkdir()
    days = ["2024-01-02", "2024-01-16", "2024-02-06", "2024-02-20", "2024-03-05", "2024-03-19", "2024-04-02"]
    for n, day in enumerate(days):
        title = "Widget Community Triage Meeting" if n % 2 else "Widget Community Meeting"
        nxt = "### Next Meeting: April 30, 2024" if n % 2 else "### Next TSC Meeting: April 16, 2024"
        (notes / f"{day}.md").write_text(f"# {title}\n\n## Releases\n\nText.\n\n{nxt}\n", encoding="utf-8")
    archive = load_site(Settings(root=tmp_path, people_file=None, topics_file=None), render=False).archive
    assert [m.series for m in archive.meetings] == ["community", "triage"] * 3 + ["community"]
    assert {(m.series, n.series) for m in archive.meetings for n in m.next_meetings} == {
        ("community", "community"),
        ("triage", "triage"),
    }
    assert archive.meetings[1].head == "Triage meeting"


def test_a_label_ends_a_roll_call_paragraph_and_a_sentence_about_attendees_names_no_one() -> None:
    """ "Recording: …" after the names is no attendee; "- Attendees agreed to …" is a
    sentence, not a label; a lone "## Action items" heading's tasks are no items."""
    note = (
        "# X\n\nAttendees:\nAna Lopes, Bob Jones\nRecording: https://youtu.be/x\n\n## Topic\n\n"
        "- Attendees agreed to move the meeting to Tuesday\n"
    )
    assert parse_note(note, "notes/2024-01-01.md", "2024-01-01").attendees == ["Ana Lopes", "Bob Jones"]
    tasks = "# Weekly Meeting\n\n## Action items\n\n- Alice to fix CI\n  - detail\n- Bob to review\n  - by Friday\n"
    assert [s.title for s in parse_note(tasks, "notes/2024-01-01.md", "2024-01-01").sections] == ["Action items"]
