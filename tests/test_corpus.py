"""The real Podman archive (../shared/corpus/podman): it builds strict, and every word of
every note reaches its page. Skipped when the corpus is not beside the checkout."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from meetings.notes import find_notes, load_meetings

from .conftest import CORPUS, ROOT, broken_links, build, lost_words, needs_corpus, page_text

pytestmark = [needs_corpus, pytest.mark.slow]


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "people.yml", root / "people.yml")
    shutil.copy(ROOT / "topics.yml", root / "topics.yml")
    config = (ROOT / "mkdocs.yml").read_text().replace("notes_dir: notes", f"notes_dir: {CORPUS}")
    (root / "mkdocs.yml").write_text(config)
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    return root / "site"


@pytest.fixture(scope="module")
def meetings():
    notes, problems = find_notes(CORPUS, "corpus")
    assert not problems
    return load_meetings(notes, "containers/podman")


def test_every_note_is_a_page(corpus_site: Path, meetings) -> None:
    assert len(meetings) == 39
    for meeting in meetings:
        assert (corpus_site / "meetings" / meeting.id / "index.html").is_file()


def test_nothing_lost(corpus_site: Path, meetings) -> None:
    losses = {}
    for meeting in meetings:
        shown = page_text((corpus_site / "meetings" / meeting.id / "index.html").read_text(encoding="utf-8"))
        missing = lost_words(meeting, shown)
        if missing:
            losses[meeting.id] = dict(missing.most_common(8))
    assert not losses, losses


def test_slides_are_copied_and_linked(corpus_site: Path) -> None:
    assert (corpus_site / "meetings" / "2023-10-19" / "ContainersTalk-RH.pdf").is_file()
    page = (corpus_site / "meetings" / "2023-10-19" / "index.html").read_text(encoding="utf-8")
    assert 'href="ContainersTalk-RH.pdf"' in page
    # 2023-06-15 links a PDF that is not in the archive: shown as text, never a broken link
    page = (corpus_site / "meetings" / "2023-06-15" / "index.html").read_text(encoding="utf-8")
    assert "AuriStor-ACA-PodmanCabal.pdf" in page and 'href="./AuriStor' not in page


def test_extraction_accuracy() -> None:
    """Every field agrees with the hand-checked expectations on at least 98 % of notes."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "accuracy.py"), "--corpus", str(CORPUS), "--show"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


TOPIC_TERMS = {
    "containers-conf": "containers.conf",
    "podman-machine": "podman machine",
    "podman-desktop": "podman desktop",
    "quadlet": "quadlet",
    "netavark": "netavark",
    "varlink": "varlink",
    "compose": "compose",
    "artifact": "artifact",
    "pasta": "pasta",
    "bootc": "bootc",
    "windows": "windows",
    "cgroups": "cgroups",
}


def test_topic_pages_list_every_meeting_that_mentions_them(corpus_site: Path, meetings) -> None:
    data = json.loads((corpus_site / "api" / "archive.json").read_text(encoding="utf-8"))
    topics = {t["id"]: {m["meeting"] for m in t["mentions"]} for t in data["topics"]}
    for ident, term in TOPIC_TERMS.items():
        expected = set()
        for meeting in meetings:
            raw = {n for b in meeting.raw_blocks for n in range(b.first, b.last + 1)}
            if any(term in line.lower() for n, line in enumerate(meeting.lines, 1) if n not in raw):
                expected.add(meeting.id)
        assert ident in topics, ident
        assert expected <= topics[ident], (ident, sorted(expected - topics[ident]))
        page = (corpus_site / "topics" / ident / "index.html").read_text(encoding="utf-8")
        for meeting_id in expected:
            assert f"meetings/{meeting_id}/" in page, (ident, meeting_id)


def test_named_people_have_one_page_each(corpus_site: Path) -> None:
    data = json.loads((corpus_site / "api" / "archive.json").read_text(encoding="utf-8"))
    by_alias = {}
    for person in data["people"]:
        for spelling in [person["name"], *person["aliases"]]:
            by_alias.setdefault(spelling, set()).add(person["id"])
    groups = [
        ["Anders Björklund", "Anders Bjorklund", "Anders F Björklund", "Anders Björklund (afbjorklund)", "afbjorklund"],
        ["Matt Heon", "mheon"],
        ["Tom Sweeney", "Tom Sweeney (Red Hat, Inc.)"],
    ]
    for group in groups:
        ids = set().union(*(by_alias.get(s, set()) for s in group))
        assert len(ids) == 1, (group, ids)
    for one, other in [("Christian Felder", "Christian Korneck"), ("Christopher Evich", "Christopher Fergeau")]:
        if one in by_alias and other in by_alias:
            assert by_alias[one] != by_alias[other]


def test_every_internal_link_and_anchor_resolves(corpus_site: Path) -> None:
    broken = broken_links(corpus_site)
    assert broken == [], "\n".join(broken[:20])


def test_cli_export_is_the_sites_api_json(corpus_site: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    from meetings.cli import main

    assert main(["export", "-f", str(corpus_site.parent / "mkdocs.yml")]) == 0
    assert capsys.readouterr().out == (corpus_site / "api" / "archive.json").read_text(encoding="utf-8")
