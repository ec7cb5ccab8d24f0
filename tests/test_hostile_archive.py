"""The real archive with one note or file of every hostile class beside it: the site is
still built, every good meeting is on it, and nothing from outside the notes folder is."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import CORPUS, build, make_site, needs_corpus
from .hostile import enable_readers, write_hostile_archive, write_surface_cases
from .test_boundary import SECRET, _outside, _published
from .test_hostile import tree

pytestmark = [needs_corpus, pytest.mark.slow]

# What `meetings check` says of each class (issue 25's items), as a piece of its message.
SAID = {
    "extensions": None,  # nothing to say: the lines are shown as text
    "characters": "no page, feed or calendar can show",
    "newline": "differ only by spaces, case or accents",
    "dashes": None,  # linear: nothing to say
    "sections": "sections; past 200",
    "search": "larger than the site's search reads",
    "reserved": "has the name of the meetings list's own page",
    "case": "differ only by case",
}


def test_the_archive_survives_every_hostile_class_at_once(tmp_path: Path) -> None:
    secret = _outside(tmp_path)
    (tmp_path / "root").mkdir()
    root = make_site(tmp_path / "root")
    enable_readers(root, secret, SECRET, before="site_url: https://meetings.example.org/\n")
    write_hostile_archive(root, CORPUS, secret)
    cases = write_surface_cases(root / "notes", root, secret)
    before = tree(root)

    lenient = build(root, strict=False)
    assert lenient.returncode == 0, lenient.stderr[-3000:]
    assert "Traceback" not in lenient.stderr
    site = root / "site"
    for note in CORPUS.glob("*.md"):
        assert (site / "meetings" / note.stem / "index.html").is_file(), note.name
    assert _published(site) == [], SECRET
    assert tree(root) == before, "the build wrote or changed files outside site/"
    for path in site.rglob("*"):
        assert path.resolve().is_relative_to(site.resolve())
    assert (site / "meetings" / "index-note" / "index.html").is_file()
    assert "The index&#x27;s own words" in (site / "meetings" / "index-note" / "index.html").read_text() or (
        "The index's own words" in (site / "meetings" / "index-note" / "index.html").read_text()
    )
    index = json.loads((site / "search" / "search_index.json").read_text())
    flood = [e for e in index["docs"] if e["location"].startswith("meetings/2019-07-04/")]
    assert 0 < len(flood) <= 201 and sum(len(e["text"]) for e in flood) < 300_000
    assert any("4242" in e["text"] for e in flood)  # still searchable

    strict = build(root, strict=True)
    assert strict.returncode != 0
    assert "error" in strict.stderr

    checked = subprocess.run(
        [sys.executable, "-m", "meetings.cli", "check", "--format", "json", "-f", str(root / "mkdocs.yml")],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=root,
    )
    findings = json.loads(checked.stdout)
    for case, name in cases.items():
        said = SAID[case]
        if said is None:
            continue
        found = [f for f in findings if Path(f["file"]).name == name and said in f["message"]]
        assert found, (case, name)
        if case in ("characters", "sections", "search"):
            assert all(f["line"] for f in found), (case, found)
