"""The real Podman archive (../shared/corpus/podman): it builds strict, and every word of
every note reaches its page. Skipped when the corpus is not beside the checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from meetings.notes import find_notes, load_meetings

from .conftest import CORPUS, ROOT, build, lost_words, needs_corpus, page_text

pytestmark = needs_corpus


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    shutil.copytree(ROOT / "docs", root / "docs")
    shutil.copy(ROOT / "people.yml", root / "people.yml")
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
