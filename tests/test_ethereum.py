"""A second community, the Ethereum All Core Devs calls, configured by community.yml only:
examples/ethereum-acd builds strict from the real notes as published ("Meeting 180.md"), its
figures agree with tests/ethereum_expectations.yml, and notes we write in its formats are
read as that community writes them. The Podman defaults are covered by the rest of the suite."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from meetings.community import Community, Reference, load_community
from meetings.site import Settings, load_site

from .conftest import ROOT, broken_links

EXAMPLE = ROOT / "examples" / "ethereum-acd"
NOTES = ROOT.parent / "shared" / "corpus" / "ethereum-acd"
needs_notes = pytest.mark.skipif(
    not NOTES.is_dir(), reason=f"the Ethereum notes are not here ({NOTES}); they sit beside a working checkout"
)
sys.path.insert(0, str(ROOT / "scripts"))


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`mkdocs build --strict -f examples/ethereum-acd/mkdocs.yml`, as the README says."""
    out = tmp_path_factory.mktemp("ethereum") / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(EXAMPLE / "mkdocs.yml"), "-d", str(out)]
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(out.parent)}
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@needs_notes
def test_example_builds_strict_with_decisions_and_eip_pages(example_site: Path) -> None:
    meeting = (example_site / "meetings" / "meeting-180" / "index.html").read_text(encoding="utf-8")
    assert "February 1, 2024" in meeting
    assert 'href="https://youtu.be/KE4VH-lSfHg?t=245"' in meeting or "t=245" in meeting
    assert "Decision 180.12" in meeting and 'href="../../issues/eip/7523/"' in meeting
    log = (example_site / "decisions" / "index.html").read_text(encoding="utf-8")
    assert 'class="mt-filters"' in log and "Decision 65.1" in log and "Action 105.1" not in log
    assert log.index("2025-01-30") < log.index("2019-07-18")  # newest first
    eip = (example_site / "issues" / "eip" / "1559" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://eips.ethereum.org/EIPS/eip-1559"' in eip
    # "Meeting #180", "ACDE #173", "Devnet #11": no page for an issue nobody meant
    issue_pages = {
        p.parent.relative_to(example_site / "issues").as_posix() for p in (example_site / "issues").rglob("index.html")
    }
    assert not any(page.split("/")[0].isdigit() for page in issue_pages)
    assert (example_site / "assets" / "meetings" / "filter.js").is_file()
    assert broken_links(example_site) == []


@needs_notes
def test_figures_agree_with_the_notes_as_read() -> None:
    import accuracy

    config, _, expectations, fields, bar = accuracy.COMMUNITIES["ethereum"]
    actual = accuracy.community_facts(config, NOTES)
    expected = yaml.safe_load(expectations.read_text(encoding="utf-8"))
    assert set(expected) == set(actual)
    for field in fields:
        agreement = sum(accuracy.score(field, want[field], actual[i][field]) for i, want in expected.items())
        assert agreement / len(expected) >= bar, field
    assert not [ref for f in actual.values() for ref in f["issues"] if "/" not in ref]


# -- notes we write ourselves, in the community's formats ---------------------------------

COMMUNITY_YML = (EXAMPLE / "community.yml").read_text(encoding="utf-8")

MEETING_7 = """# Execution Layer Meeting #7
### Meeting Date/Time: Thursday  March 14, 14:00 UTC
### Meeting Duration: 1 hour 30 min
### [GitHub Agenda](https://github.com/ethereum/pm/issues/7)
### [Video of the meeting](https://youtu.be/abcdefghijk)
### Moderator: Ada Lovelace
### Notes: Grace Hopper

| Decision Item | Description | Video ref |
| ------------- | ----------- | --------- |
| 7.1 | **Fork timing** Clients agreed to ship EIP-7702 first | [2:05](https://youtu.be/abcdefghijk?t=125) |
| 7.2 | Defer EIP 4444 and EIPs 2929, 2930 to the next call | |

### ACTIONS REQUIRED

**ACTION 7.1**: Grace to write the testnet plan.

# Fork timing [1:40](https://youtu.be/abcdefghijk?t=100)

**Ada Lovelace**
* Welcome to ACDE #7; as discussed in Meeting #6 we look at EIP-7702.

## 1.2 EIP 4444: History expiry [12:00](https://youtu.be/abcdefghijk?t=720)

**Alan Turing** [12:10](https://youtu.be/abcdefghijk?t=730): We can ship it.

## Call Chat

From Alan Turing to Everyone: (10:04 AM)

See EIP-4444 again

# Attendees
* Ada Lovelace
* Alan Turing

* Grace Hopper
* Pectra
"""

MEETING_6 = """# Execution Layer Meeting 6
### Meeting Date/Time: Feb 29, 2024, 14:00-15:30 UTC
"""

MEETING_8 = """# Execution Layer Meeting 8
### Meeting Date/Time: 5/2/24 14:00PM UTC
"""


@pytest.fixture
def acd(tmp_path: Path) -> Path:
    (tmp_path / "notes").mkdir()
    for name, text in (("Meeting 6.md", MEETING_6), ("Meeting 7.md", MEETING_7), ("Meeting 8.md", MEETING_8)):
        (tmp_path / "notes" / name).write_text(text, encoding="utf-8")
    (tmp_path / "notes" / "README.md").write_text("# About these notes\n", encoding="utf-8")
    (tmp_path / "community.yml").write_text(COMMUNITY_YML, encoding="utf-8")
    return tmp_path


def _site(root: Path):  # type: ignore[no-untyped-def]
    settings = Settings(root=root, people_file=None, topics_file=None).with_options({"default_repo": ""})
    return load_site(settings)


def test_numbered_notes_get_ids_dates_and_labels_without_warnings(acd: Path) -> None:
    site = _site(acd)
    meetings = {m.id: m for m in site.archive.meetings}
    assert list(meetings) == ["meeting-6", "meeting-7", "meeting-8"]  # by date
    assert [m.label for m in meetings.values()] == ["6", "7", "8"]
    # no year on meeting 7's date line: the Thursday between its neighbours
    assert [m.date for m in meetings.values()] == ["2024-02-29", "2024-03-14", "2024-05-02"]
    assert meetings["meeting-7"].scheduled == "2024-03-14T14:00:00+00:00"
    assert not [d for d in site.diagnostics if "safe page name" in d.message or "start with a date" in d.message]
    assert [d.level for d in site.problems if "README" in d.file] == ["info"]


def test_metadata_is_no_agenda_item_and_time_links_are_video_seconds(acd: Path) -> None:
    meeting = _site(acd).archive.meeting("meeting-7")
    assert [(s.title, s.video_seconds) for s in meeting.sections] == [
        ("Fork timing", 100),
        ("1.2 EIP 4444: History expiry", 720),
    ]
    assert meeting.recording == "https://youtu.be/abcdefghijk"


def test_attendee_bullets_speaker_turns_and_zoom_chat_credit_people(acd: Path) -> None:
    site = _site(acd)
    meeting = site.archive.meeting("meeting-7")
    assert meeting.attendees == ["Ada Lovelace", "Alan Turing", "Grace Hopper"]  # "Pectra" is no one
    assert [name for _, name in meeting.speakers] == ["Ada Lovelace", "Alan Turing"]
    assert [(c.author, c.time, c.text) for c in meeting.chat] == [("Alan Turing", "10:04", "See EIP-4444 again")]
    assert "meeting-7" in site.archive.people["alan-turing"].meetings


def test_decisions_and_actions_are_data(acd: Path) -> None:
    site = _site(acd)
    meeting = next(m for m in json.loads(site.export())["meetings"] if m["id"] == "meeting-7")
    assert meeting["label"] == "7"
    decisions = [(d["kind"], d["number"], d["subject"]) for d in meeting["decisions"]]
    assert decisions == [("decision", "7.1", "Fork timing"), ("decision", "7.2", None), ("action", "7.1", None)]
    assert meeting["decisions"][0]["video_seconds"] == 125
    assert meeting["decisions"][0]["references"] == ["eip#7702"]
    assert meeting["decisions"][1]["references"] == ["eip#2929", "eip#2930", "eip#4444"]
    assert meeting["action_items"] == [
        {"owner": "grace-hopper", "text": "Grace to write the testnet plan.", "confident": True}
    ]
    log = next(p for p in site.pages if p.src == "decisions/index.md")
    html = "".join(log.blocks.values())
    assert "Fork timing" in html and 'class="mt-filters"' in html


def test_eip_references_get_pages_and_a_meeting_number_is_no_issue(acd: Path) -> None:
    site = _site(acd)
    issues = site.archive.issues
    assert {i.label for i in issues.values() if i.kind == "reference"} == {
        "EIP-7702",
        "EIP-4444",
        "EIP-2929",
        "EIP-2930",
    }
    assert [i for i in issues if not i.startswith("eip#")] == ["ethereum/pm#7"]  # the agenda link
    assert issues["eip#4444"].href == "https://eips.ethereum.org/EIPS/eip-4444"
    assert any(m.in_chat for m in issues["eip#4444"].mentions)
    page = next(p for p in site.pages if p.src == "meetings/meeting-7.md").content
    assert "[EIP-7702](../issues/eip/7702.md)" in page
    assert "ACDE #7" in page and "Meeting #6" in page  # text, not links
    assert {p.src for p in site.pages} >= {"issues/eip/4444.md", "decisions/index.md"}


def test_a_default_repository_still_links_bare_numbers(acd: Path) -> None:
    settings = Settings(root=acd, people_file=None, topics_file=None).with_options({"default_repo": "ethereum/pm"})
    assert "ethereum/pm#7" in load_site(settings, render=False).archive.issues


def test_without_community_file_the_notes_say_how_they_are_named_and_dated(acd: Path) -> None:
    """No community.yml: the numbered file names and the labelled date lines are read from
    the notes themselves (`meetings init`'s detection); `community_file: null` reads them
    with the defaults, by file name only."""
    (acd / "community.yml").unlink()
    meetings = {m.id: m for m in _site(acd).archive.meetings}
    assert list(meetings) == ["meeting-6", "meeting-7", "meeting-8"]
    assert [m.date for m in meetings.values()] == ["2024-02-29", "2024-03-14", "2024-05-02"]
    settings = Settings(root=acd, people_file=None, topics_file=None, community_file=None)
    plain = load_site(settings.with_options({"default_repo": ""}))
    assert "meeting-6" in [m.id for m in plain.archive.meetings]
    assert any("safe page name" in d.message for d in plain.problems)


def test_a_broken_community_file_keeps_the_defaults_with_warnings(tmp_path: Path) -> None:
    path = tmp_path / "community.yml"
    path.write_text(
        "notes: [x]\nheadings:\n  agenda_levels: [0, 9]\nspeaker_turns: yes please\n"
        "references:\n  - name: EIP\n    url: javascript:alert(1)/{number}\n  - name: 'a b'\n    url: https://x/{number}\n"
        "colour: red\n",
        encoding="utf-8",
    )
    community, problems = load_community(path, "community.yml")
    assert community == Community()
    assert len(problems) == 6 and all(p.level == "warning" for p in problems)


def test_reference_series_are_plain_words() -> None:
    reference = Reference("EIP", "https://eips.ethereum.org/EIPS/eip-{number}")
    assert (reference.key, reference.label(1559), reference.href(1559)) == (
        "eip",
        "EIP-1559",
        "https://eips.ethereum.org/EIPS/eip-1559",
    )
    community, _ = load_community(EXAMPLE / "community.yml", "community.yml")
    assert community.id_of("Meeting 180") == ("meeting-180", "180")
    assert community.id_of("Meeting 180 draft") is None


MEETING_141 = """# All core devs meeting 141 notes

### June 24, 2022, 14:00 UTC
### Duration: 90 minutes
### Youtube [Stream](https://youtu.be/qu5idP-JLyQ)
### Moderator: tim beiko

|Action/ Decision Item | Description |
| ------------- | ----------- |
| 141.1| Meeting will no longer be held on thursdays, instead fridays. |
# Gray glacier updates

**Tim beiko:**[cool](https://www.youtube.com/watch?v=qu5idP-JLyQ&t=0) are we live. Two EIPs: EIP 5027 and EIP 4444.
"""


def test_a_note_without_labels_in_its_head_is_still_read(tmp_path: Path) -> None:
    """Date and recording as headings under the title with no known label; a mixed
    decision and action table; a turn whose bold name ends with a colon."""
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "Meeting 141.md").write_text(MEETING_141, encoding="utf-8")
    (tmp_path / "community.yml").write_text(COMMUNITY_YML, encoding="utf-8")
    meeting = _site(tmp_path).archive.meeting("meeting-141")
    assert (meeting.date, meeting.recording) == ("2022-06-24", "https://youtu.be/qu5idP-JLyQ")
    assert [(d.kind, d.number) for d in meeting.decisions] == [("decision", "141.1")]
    assert [s.title for s in meeting.sections] == ["Gray glacier updates"]
    assert meeting.speakers == [(13, "Tim Beiko")]
    assert sorted(r.number for r in meeting.issues) == [4444, 5027]
