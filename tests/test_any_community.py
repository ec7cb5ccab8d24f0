"""Minutes of a community we have no settings for: the shapes many communities share are
read without a community.yml (an attendee list under "Present", names written with their
handles, a recording on a labelled line)."""

from __future__ import annotations

import re
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


def test_notes_named_by_their_day_in_month_and_year_folders_are_meetings(tmp_path: Path) -> None:
    from meetings.notes import find_notes

    files = {
        "2012-05/may-23.md": "2012-05-23",
        "2012-05/may-24.md": "2012-05-24",
        "2020-09/sept-21.md": "2020-09-21",
        "2023-11/november-29.md": "2023-11-29",
        "2019-12/jan-2.md": "2020-01-02",  # a meeting of several days, into the next year
        "2021/03-04.md": "2021-03-04",
        "2022-07/2022-07-21.md": "2022-07-21",
        "2024/CG-01-16.md": "2024-01-16-cg",  # a group's meetings, its name before the day
        "2024/WG-01-16.md": "2024-01-16-wg",  # and another group's on the same day
    }
    for name in [*files, "2017-05/toc.md", "2018-05/summary.md", "2012-05/feb-30.md", "2020-09/other/sept-22.md"]:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("# Meeting\n", encoding="utf-8")
    found, problems = find_notes(tmp_path, "notes")
    assert {n.source.removeprefix("notes/"): n.id for n in found} == files
    skipped = sorted(p.file for p in problems)
    assert skipped == ["notes/2012-05/feb-30.md", "notes/2017-05/toc.md", "notes/2018-05/summary.md"]
    assert all("not published as a meeting" in p.message for p in problems)


COMMITTEE = """# 15 May, 2023 Meeting Notes

-----

**In-person attendees:**

| Name                | Abbreviation | Organization      |
| ------------------- | ------------ | ----------------- |
| Jordan Hale         | JHE          | Invited Expert    |
| Lea Varga           | LVA          | Example Corp      |

**Remote attendees:**
| Name                | Abbreviation | Organization      |
| ------------------- | ------------ | ----------------- |
| Ben Aldous          | BAS          | Example Labs      |

## Opening

JHE: Welcome, everyone.

## Iterator Helpers Update

Presenter: Ben Aldous (BAS)

- [slides](https://example.org/slides)

BAS: This is an update.

LVA, JHE: We support it.

XYZ: someone not listed.

Attendees: BAS, LVA
"""


def test_a_committee_attendee_table_and_turns_by_initials() -> None:
    meeting = parse_note(COMMITTEE, "notes/2023-05/may-15.md", "2023-05-15")
    assert meeting.attendees == ["Jordan Hale", "Lea Varga", "Ben Aldous"]  # both tables, no header cell
    assert [s.title for s in meeting.sections] == ["Opening", "Iterator Helpers Update"]
    assert meeting.sections[1].presenters == ["Ben Aldous"]
    # every turn opened by the initials of a listed person, none by unknown initials
    assert meeting.speakers == [
        (19, "Jordan Hale"),
        (27, "Ben Aldous"),
        (29, "Lea Varga"),
        (29, "Jordan Hale"),
    ]


def test_names_with_initials_before_the_first_section_are_the_attendees() -> None:
    text = (
        "# March 26, 2015 Meeting Notes\n-----\n\n"
        "Brian Tell (BT), Allen Worth (AWB), John Nye (JN)\n\n"
        "Remote:\nRick Wald (RW), Kevin Smit (KS), Adam Kale (AK)\n-----\n\n"
        "## Private state\n\nKS: the nested part.\n"
    )
    meeting = parse_note(text, "notes/2015-03/mar-26.md", "2015-03-26")
    assert [strip_affiliation(n) for n in meeting.attendees] == [
        "Brian Tell",
        "Allen Worth",
        "John Nye",
        "Rick Wald",
        "Kevin Smit",
        "Adam Kale",
    ]
    # "Remote:" and its names over a rule are a heading to CommonMark, not an agenda item
    assert [s.title for s in meeting.sections] == ["Private state"]
    assert meeting.speakers == [(12, "Kevin Smit")]


def test_initials_alone_are_no_attendee_list() -> None:
    text = "# Notes\n\n## Breakout\n\nAttendees: AS, SYG, YS\n\nAS: hello\n"
    assert parse_note(text, "notes/2018-11-29.md", "2018-11-29").attendees == []


@pytest.mark.parametrize(
    ("links", "expected"),
    [
        (["example/widgets"] * 3 + ["other/tool"], "example/widgets"),  # most links: a bare #12 is its issue
        (["example/widgets"] * 2 + ["other/tool"] * 2, ""),  # no repository has most: #12 stays text
        (["example/widgets"] * 2, ""),  # too few links to say
    ],
)
def test_a_bare_number_means_the_repository_the_notes_link_most(
    tmp_path: Path, links: list[str], expected: str
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    for day, repo in enumerate(links, 1):
        text = f"# Team meeting\n\n## Item\n\nSee https://github.com/{repo}/issues/{day} and #12.\n"
        (notes / f"2025-03-{day:02}.md").write_text(text, encoding="utf-8")
    archive = load_site(Settings(notes_dir=notes, community_file=None), render=False).archive
    bare = {i.repo for i in archive.issues.values() if i.number == 12}
    assert bare == ({expected} if expected else set())
    # a setting wins over what the notes suggest
    chosen = load_site(Settings(notes_dir=notes, community_file=None, default_repo="mine/repo"), render=False)
    assert {i.repo for i in chosen.archive.issues.values() if i.number == 12} == {"mine/repo"}


def test_no_series_is_shown_that_the_notes_never_name(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2025-03-04.md").write_text("# 4 March, 2025 Meeting Notes\n\n## Item\n\ntext\n", encoding="utf-8")
    (notes / "2025-03-11.md").write_text("# Team Community Meeting\n\n## Item\n\ntext\n", encoding="utf-8")
    site = load_site(Settings(notes_dir=notes, community_file=None))
    names = {m.id: m.name for m in site.archive.meetings}
    assert names["2025-03-04"].startswith("Meeting, March 4, 2025")
    assert names["2025-03-11"].startswith("Community meeting, March 11, 2025")  # its title says so
    html = {p.src: site.article(p).html for p in site.pages}
    assert "<strong>Series</strong>" not in html["meetings/2025-03-04.md"]
    assert "<strong>Series</strong>" in html["meetings/2025-03-11.md"]


EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.mark.slow
@pytest.mark.parametrize("community", ["tc39", "rust-compiler"])
def test_the_examples_that_meetings_init_wrote_build_strict(community: str, tmp_path: Path) -> None:
    import subprocess
    import sys

    if not (EXAMPLES.parent.parent / "shared" / "corpus" / community).is_dir():
        pytest.skip("the real corpus (../shared/corpus) is not here")
    config = EXAMPLES / community / "mkdocs.yml"
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(tmp_path / "site")]
    result = subprocess.run(build, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert len(list((tmp_path / "site" / "meetings").iterdir())) > 20


TSC = """# Technical Steering Committee meeting 2025-03-04

## Agenda

### Announcements

* The next release is on Tuesday.

### example/widgets

* doc: add the release schedule [#36800](https://github.com/example/widgets/pull/36800)
  * Jane Doe: it is ready.
  * Agreed to land it.
* Move type definitions out [#38818](https://github.com/example/widgets/issues/38818)

### MCPs/FCPs

* New proposals
  * "Fix it" [widgets#12](https://github.com/example/widgets/issues/12)

## Q&A
"""


def test_bullets_under_a_repository_heading_are_the_items(tmp_path: Path) -> None:
    meeting = parse_note(TSC, "notes/2025-03-04.md", "2025-03-04", "example/widgets")
    titles = [(s.title, s.line, s.end_line) for s in meeting.sections]
    assert ("doc: add the release schedule", 11, 13) in titles  # its sub-bullets are its discussion
    assert ("Move type definitions out", 14, 15) in titles
    assert "example/widgets" not in [t for t, _, _ in titles]  # the heading holds items, is none
    # words either side of a slash are no repository: its bullets stay in the item above
    assert not {"New proposals", "Fix it"} & {t for t, _, _ in titles}
    # "## Agenda" holds the repository's items, so its other sub-headings are items, and it is none
    assert titles[0] == ("Announcements", 5, 8)
    assert "MCPs/FCPs" in [t for t, _, _ in titles] and "Agenda" not in [t for t, _, _ in titles]
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2025-03-04.md").write_text(TSC, encoding="utf-8")
    site = load_site(Settings(notes_dir=notes, community_file=None))
    html = next(site.article(p).html for p in site.pages if p.src == "meetings/2025-03-04.md")
    item = next(s for s in site.archive.meetings[0].sections if s.title == "doc: add the release schedule")
    assert f'<li><a id="{item.id}"></a>doc: add the release schedule' in html  # the item's own anchor


def test_a_committees_conclusions_are_its_decisions() -> None:
    text = (
        "# Notes\n\n## Iterator helpers\n\nMF: Can we have stage 3?\n\n### Conclusion\n\n"
        "- Consensus for stage 3\n- RBN to look into a sequence property\n- None\n"
        "- The champion will work with WH on rounding\n- PR to be closed and revisited later\n"
        "- Stage 3 reviewers:\n  - Daniel Ehrenberg\n- Many delegates expressed a preference for underscore.\n"
        "(conclusion of original topic covers all continuations)\n"
        "MM: Are there any objections?\n\n## Other\n\nResolution: promoted to stage 4\n#agreed ship it\n"
        "\nWe agreed it was a long day, but this is no conclusion block.\n"
        '- "Fix ICE with macros" ([#61046](https://github.com/rust-lang/rust/pull/61046))\n'
        "  - Backport accepted\n  - Accepted for beta backport\n  - Accepted MCPs\n"
    )
    meeting = parse_note(text, "notes/2023-05-15.md", "2023-05-15")
    assert [(d.line, d.kind) for d in meeting.decisions] == [
        (9, "decision"),
        (10, "decision"),
        (10, "action"),
        (12, "decision"),
        (12, "action"),
        (13, "decision"),
        (14, "decision"),
        (15, "decision"),
        (22, "decision"),
        (23, "decision"),
        (27, "decision"),
        (28, "decision"),
    ]  # "Accepted MCPs" names a list, not an outcome; "PR to be closed" is no one's task; a view
    # and an aside in parentheses are no outcome, a reviewer named under one is
    assert [a.line for a in meeting.action_items] == [10, 12]
    # initials no attendee list explains, and a role, are no one's name: no person page "RBN"
    assert [a.owner for a in meeting.action_items] == [None, None]
    with_list = text.replace(
        "# Notes\n\n", "# Notes\n\nRon Buckton (RBN), Mark Miller (MM), Michael Ficarra (MF), Kevin Gibbons (KG)\n\n", 1
    )
    listed = parse_note(with_list, "notes/2023-05-15.md", "2023-05-15")
    assert [a.owner for a in listed.action_items] == ["Ron Buckton", None]


def test_front_matter_of_usual_keys_is_shown_as_github_shows_it() -> None:
    text = "---\ntags: weekly, rustc\ntype: docs\n---\n\n# T-compiler Meeting Agenda 2023-07-20\n\n## Announcements\n"
    meeting = parse_note(text, "notes/2023-07-20.md", "2023-07-20")
    assert meeting.front_matter_lines == 4
    assert meeting.front_shown == [("tags", "weekly, rustc"), ("type", "docs")]
    assert [s.title for s in meeting.sections] == ["Announcements"]  # "type: docs" over '---' is no heading
    kept = parse_note("---\nAttendees: Ann, Bo\n---\n\n## Item\n", "notes/2023-07-20.md", "2023-07-20")
    assert kept.front_matter_lines == 0  # a capitalised label between rules is the note's text


def test_an_item_in_the_plan_and_again_in_the_record_is_one_item() -> None:
    text = (
        "# TSC meeting 2016-03-02\n\n## Agenda\n\n### example/widgets\n\n"
        "* Move type definitions out [#38818](https://github.com/example/widgets/issues/38818)\n"
        "* Drop the old API [#38900](https://github.com/example/widgets/pull/38900)\n\n"
        "## Minutes\n\n### example/widgets\n\n"
        "* Move type definitions out [#38818](https://github.com/example/widgets/issues/38818)\n"
        "  * Jane: agreed.\n"
        "* Drop the old API [#38900](https://github.com/example/widgets/pull/38900)\n"
        "  * Ravi: next time.\n"
    )
    meeting = parse_note(text, "notes/2016-03-02.md", "2016-03-02", "example/widgets")
    items = [(s.title, s.line) for s in meeting.sections]
    assert items == [("Move type definitions out", 14), ("Drop the old API", 16)]  # the record, with its talk
    # the headings over the repository hold items: neither is one


def test_outcomes_and_tasks_in_prose_and_no_template_headings_as_items() -> None:
    text = (
        "# TSC meeting 2025-03-04\n\n## Links\n\n* **Recording**: <https://youtu.be/abc123>\n"
        "* **GitHub Issue**: <https://github.com/example/tsc/issues/1500>\n\n"
        "## Present\n\n* Li Wei @liwei (guest)\n* Jane Doe @jdoe\n\n"
        "## Agenda\n\n### example/widgets\n\n"
        "* Move type definitions out [#38818](https://github.com/example/widgets/issues/38818)\n"
        "  * No objections; agreed to land it.\n  * Li Wei volunteered to write the proposal.\n"
        "  * Jane Doe will think about it.\n  * JD: we agreed to disagree\n\n"
        "## Upcoming Meetings\n\n* **Calendar**: <https://example.org/calendar>\n\n"
        "Click `+GoogleCalendar` at the bottom right to add it to your own calendar.\n"
    )
    meeting = parse_note(text, "notes/2025-03-04.md", "2025-03-04", "example/widgets")
    assert [s.title for s in meeting.sections] == ["Move type definitions out"]
    assert [(d.line, d.text) for d in meeting.decisions] == [(18, "No objections; agreed to land it.")]
    # "will" is as often a plan as a task; a turn is discussion
    assert [(a.line, a.owner) for a in meeting.action_items] == [(19, "Li Wei")]


def test_a_section_that_only_says_where_something_is_is_no_item() -> None:
    text = (
        "# Notes\n\n## Agenda\n\n- [Agenda](https://github.com/example/agendas/blob/main/2025/03.md)\n\n"
        "## Links\n\n* **Calendar**: <https://example.org/calendar>\n\n"
        "## Decimal for stage 2\n\n- [Slides](https://example.org/decimal.pdf)\n\n## Open questions\n"
    )
    meeting = parse_note(text, "notes/2025-03-04.md", "2025-03-04")
    # a talk whose body is its slides is an item; an empty one is an item left open
    assert [s.title for s in meeting.sections] == ["Decimal for stage 2", "Open questions"]


def test_a_handle_after_a_name_is_the_persons_login_and_mentions_link_to_them(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2025-03-04.md").write_text(
        "# TSC 2025-03-04\n\n## Present\n\n* Jane Doe @jdoe (TSC)\n* Ravi Kumar @rkumar\n\n## Releases\n\n"
        "* @jdoe will cut the release; mail jane@jdoe.example, not @nobody.\n",
        encoding="utf-8",
    )
    (notes / "2025-03-11.md").write_text(
        "# TSC 2025-03-11\n\n## Present\n\n* Ravi Kumar @rkumar\n\n## Triage\n\n* ping @_**Jane Doe|1234** about it\n",
        encoding="utf-8",
    )
    site = load_site(Settings(notes_dir=notes, community_file=None))
    jane = site.archive.people["jane-doe"]
    assert (jane.name, jane.github, jane.aliases) == ("Jane Doe", "jdoe", [])  # the handle and role are data
    assert [(m.meeting, m.line) for m in jane.mentions] == [("2025-03-04", 10), ("2025-03-11", 9)]
    assert site.archive.people["ravi-kumar"].mentions == []  # "@nobody" and an e-mail address are no one
    html = next(site.article(p).html for p in site.pages if p.src == "meetings/2025-03-04.md")
    assert re.search(r'<a href="[^"]*people/jane-doe/?">@jdoe</a> will cut', html), html
    # every line of the list links its person, by the name alone
    for login, ident, name in [("jdoe", "jane-doe", "Jane Doe"), ("rkumar", "ravi-kumar", "Ravi Kumar")]:
        assert re.search(rf'<li><a href="[^"]*people/{ident}/?">{name}</a> @{login}', html), name


def test_a_decision_in_an_item_says_which_item(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2025-03-04.md").write_text(
        "# TSC 2025-03-04\n\n## Agenda\n\n### example/widgets\n\n"
        "* Drop old compilers [#37001](https://github.com/example/widgets/pull/37001)\n  * No objections.\n"
        "* New streams API [#37300](https://github.com/example/widgets/pull/37300)\n  * No objections.\n",
        encoding="utf-8",
    )
    site = load_site(Settings(notes_dir=notes, community_file=None))
    html = next(site.article(p).html for p in site.pages if p.src == "meetings/2025-03-04.md")
    for title in ["Drop old compilers", "New streams API"]:
        ident = next(s.id for s in site.archive.meetings[0].sections if s.title == title)
        assert re.search(rf'<a href="(?:\./)?#{ident}"><em>{title}</em></a>: No objections\.', html), title
    log = next(site.article(p).html for p in site.pages if p.src == "decisions/index.md")
    assert re.search(r'<a href="[^"]*meetings/2025-03-04/#drop-old-compilers">Drop old compilers</a>', log), log


def test_no_column_or_heading_for_what_a_community_never_records(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2025-03-04.md").write_text(
        "# TSC 2025-03-04\n\n## Present\n\n* Jane Doe\n* Ravi Kumar\n\n## Releases\n\nText.\n"
    )
    site = load_site(Settings(notes_dir=notes, community_file=None))
    html = {p.src: site.article(p).html for p in site.pages if p.src.endswith(".md")}
    person, index = html["people/jane-doe.md"], html["meetings/index.md"]
    assert "Chat messages" not in person and "Talks" not in person and "Action items" not in person
    assert "Meetings (1)" in person
    for column in ("<th>Series</th>", "<th>Presenters</th>", ">Chat</th>", "<th>Recording</th>"):
        assert column not in index and column not in html["people/index.md"]
    assert "Chat messages</th>" not in html["people/index.md"] and "<th>Subjects</th>" in index
    (tmp_path / "seed").mkdir()
    seed = load_site(Settings.from_config_file(make_site(tmp_path / "seed") / "mkdocs.yml")[0])
    seeded = {p.src: seed.article(p).html for p in seed.pages if p.src in ("meetings/index.md", "people/index.md")}
    assert "<th>Presenters</th>" in seeded["meetings/index.md"] and "Chat messages</th>" in seeded["people/index.md"]


def test_an_attendees_abbreviation_is_never_a_subject(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    for day in ("2024-02-06", "2024-04-02", "2024-06-04", "2024-08-06", "2024-10-01"):
        (notes / f"{day}.md").write_text(
            f"# Meeting {day}\n\nRon Buckton (RBN), Mark Miller (MM), Kevin Gibbons (KG), Nicolò Ribaudo (NRO)\n\n"
            "## Decorators\n\nRBN: Decorators need RBN's review, said Nicolo. MM: agreed with RBN on Decorators.\n"
            "KG: Decorators again. NRO: fine with RBN.\n",
            encoding="utf-8",
        )
    site = load_site(Settings(notes_dir=notes, community_file=None), render=False)
    assert "decorators" in site.archive.topics  # the subject the notes share
    assert not {"rbn", "mm", "kg", "nro", "nicolo"} & set(site.archive.topics)  # people, by any spelling


def test_a_name_after_a_label_and_a_missing_comma_are_still_attendees(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2020-02-05.md").write_text(
        "# February 5, 2020 Meeting Notes\n-----\n\n"
        "**In-person attendees:** Aki Braun (AKI), Bradford C. Smith (BCS) Rick Button (RBU), Mary Marchini (MAR)\n\n"
        "**Remote attendees:** Dan Ehrenberg (DE), Brian Terlson (BT)\n\n## Realms\n\nDE: Hello.\n",
        encoding="utf-8",
    )
    site = load_site(Settings(notes_dir=notes, community_file=None))
    attendees = [strip_affiliation(a) for a in site.archive.meetings[0].attendees]
    assert attendees == [
        "Aki Braun",
        "Bradford C. Smith",
        "Rick Button",
        "Mary Marchini",
        "Dan Ehrenberg",
        "Brian Terlson",
    ]
    html = next(site.article(p).html for p in site.pages if p.src == "meetings/2020-02-05.md")
    assert re.search(
        r'<strong>Remote attendees:</strong> <a href="[^"]*people/dan-ehrenberg/?">Dan Ehrenberg</a> \(DE\)', html
    )


def test_a_speakers_summary_gives_tasks_but_no_outcome() -> None:
    text = (
        "# Notes\n\n## Decimal\n\n### Speaker's Summary of Key Points\n\n- Decimal stays at stage 1.\n"
        "- Editor group to come up with a recommendation\n- The champions of these proposals need to document it\n"
        "- WH: I will not block.\n\n### Conclusion\n\n"
        "- Feedback keeps decimal at stage 1: The champion will work with WH\n"
    )
    meeting = parse_note(text, "notes/2024-06-13.md", "2024-06-13")
    assert [(d.line, d.kind) for d in meeting.decisions] == [
        (8, "action"),
        (9, "action"),
        (14, "decision"),
        (14, "action"),
    ]


def test_with_a_roll_of_initials_a_sub_heading_naming_no_one_on_it_is_no_presenter() -> None:
    roll = "Aki Braun (AKI), Mark Miller (MM), Kevin Gibbons (KG)\n\n"
    text = (
        f"# Notes\n\n{roll}## Summary Session\n\n### Least-Authority Libraries\n\nMM: recap.\n\n"
        "### Typed Objects\n\nKG: recap.\n\n## Realms\n\n### Kevin Gibbons\n\nText.\n"
    )
    meeting = parse_note(text, "notes/2018-11-29.md", "2018-11-29")
    assert [(s.title, s.presenters) for s in meeting.sections] == [
        ("Summary Session", []),
        ("Realms", ["Kevin Gibbons"]),
    ]


TRIAGE = """---
title: T-compiler Meeting Agenda {day}
---

# T-compiler Meeting Agenda {day}

## Announcements

- The types team's check-in by @**Jack Huey** ([previous check-in](https://example.org/{day}))
- Backend work by @_**Wesley Wiser|1234** on {topic}

## Beta nominations

- "Fix a crash in {topic}" rust#{number}
"""


def test_names_in_chat_mentions_are_people_never_subjects(tmp_path: Path) -> None:
    """A triage with no attendee list names people only as Zulip mentions: their names
    recur in every meeting, and are still never what a meeting was about."""
    notes = tmp_path / "notes"
    notes.mkdir()
    days = (("2024-01-04", "MIR"), ("2024-01-11", "LTO"), ("2024-01-18", "MIR"), ("2024-01-25", "MIR"))
    for n, (day, topic) in enumerate(days):
        (notes / f"{day}.md").write_text(TRIAGE.format(day=day, topic=topic, number=100 + n), encoding="utf-8")
    site = load_site(Settings(root=tmp_path, notes_dir=notes), render=False)
    names = {t.name.casefold() for t in site.archive.topics.values()}
    assert not names & {"jack", "huey", "jack huey", "wesley", "wiser", "wesley wiser"}, names
    assert "mir" in names
    assert all("Huey" not in m.name and "Wiser" not in m.name for m in site.archive.meetings)
