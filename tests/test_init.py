"""`meetings init` writes a community.yml of what the notes show, with the evidence, and a
site built with it reads what the unconfigured site could not."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from meetings.cli import main
from meetings.site import Settings, load_site

CALL = """# Working Group Call #{n}

Meeting Date/Time: {day}, 2024 at 14:00 UTC

## Intro

**Ana Lopes**: welcome to call {n}.
**Ben Okafor**: thanks.
**Ana Lopes**: first item.
**Ben Okafor**: agreed.
**Ana Lopes**: next.

## Client {n} release

Text about release {n}.

## Sync bug [#12](https://github.com/example/client/issues/12)

We agreed to ship the fix.
"""
DAYS = ["March 5", "March 12", "March 19", "March 26"]


def _notes(root: Path) -> Path:
    notes = root / "notes"
    notes.mkdir()
    for n, day in enumerate(DAYS, 10):
        (notes / f"Call {n}.md").write_text(CALL.format(n=n, day=day), encoding="utf-8")
    (notes / "README.md").write_text("# About these notes\n", encoding="utf-8")
    return notes


def test_init_writes_what_the_notes_show_and_a_site_that_uses_it(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _notes(tmp_path)
    config = tmp_path / "mkdocs.yml"
    assert main(["init", "-f", str(config), str(tmp_path / "notes")]) == 0
    written = (tmp_path / "community.yml").read_text(encoding="utf-8")
    assert "# file names: 4/5 are 'Call ' and a number" in written
    settings = yaml.safe_load(written)
    assert settings["notes"] == {
        "file_name": "Call {number}",
        "id": "call-{number}",
        "date_labels": ["Meeting Date/Time:"],
    }
    # in every meeting: no topic page; an item naming an issue is about it, however long it stays
    assert settings["headings"] == {"generic": ["Intro"]}
    assert settings["speaker_turns"] is True
    site = yaml.safe_load(config.read_text(encoding="utf-8"))
    assert site["site_name"] == "Working Group Call"
    assert {"Decisions": "decisions/index.md"} in site["nav"]  # the notes record decisions
    archive = load_site(Settings.from_config_file(config)[0], render=False).archive
    assert [(m.id, m.date) for m in archive.meetings] == [
        ("call-10", "2024-03-05"),
        ("call-11", "2024-03-12"),
        ("call-12", "2024-03-19"),
        ("call-13", "2024-03-26"),
    ]
    assert {p.name for p in archive.people.values()} == {"Ana Lopes", "Ben Okafor"}
    # a second run keeps what the maintainer may have edited
    assert main(["init", "-f", str(config), str(tmp_path / "notes")]) == 1
    assert "exists; nothing written" in capsys.readouterr().err


def test_the_site_init_wrote_builds_strict(tmp_path: Path) -> None:
    _notes(tmp_path)
    assert main(["init", "-f", str(tmp_path / "mkdocs.yml"), str(tmp_path / "notes")]) == 0
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml")]
    # Only the maintainer knows where it is published: until site_url is set, a build for
    # publishing says that feed and calendar links are relative.
    result = subprocess.run(build, capture_output=True, text=True, check=False)
    assert result.returncode != 0 and "site_url is not set" in result.stderr, result.stderr[-2000:]
    config = (tmp_path / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config.replace("# site_url:", "site_url:"), encoding="utf-8")
    result = subprocess.run(build, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "site" / "meetings" / "call-12" / "index.html").is_file()


UPDATES = """## {day} Meeting Minutes

### Attendees

- Ana Lopes @ana-l
- Ben Okafor @bokafor

### Ana

- reviewed the zoom audit

### Next Steps

- Publish the audit (Ana)
"""


def test_init_counts_dates_before_a_series_name_and_finds_no_generic_heading_in_a_person(tmp_path: Path) -> None:
    """ "2024-03-05-design.md" gives its date; "### Ana" in every note is Ana's update, not a
    generic heading; the evidence counts the action items that the steps give."""
    notes = tmp_path / "notes"
    notes.mkdir()
    for day in ("2024-03-05", "2024-03-12", "2024-03-19", "2024-03-26"):
        (notes / f"{day}-design.md").write_text(UPDATES.format(day=day), encoding="utf-8")
    assert main(["init", "-f", str(tmp_path / "mkdocs.yml"), str(notes)]) == 0
    written = (tmp_path / "community.yml").read_text(encoding="utf-8")
    assert "# file names: 4/4 give the date" in written
    assert "# decisions: recorded in 0/4 notes; action items in 4" in written
    assert "generic" not in written
