"""The real archive with one note or file of every hostile class beside it: the site is
still built, every good meeting is on it, and nothing from outside the notes folder is."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import CORPUS, build, make_site, needs_corpus
from .hostile import write_hostile_archive
from .test_boundary import SECRET, _outside, _published
from .test_hostile import tree

pytestmark = [needs_corpus, pytest.mark.slow]


def test_the_archive_survives_every_hostile_class_at_once(tmp_path: Path) -> None:
    secret = _outside(tmp_path)
    (tmp_path / "root").mkdir()
    root = make_site(tmp_path / "root")
    write_hostile_archive(root, CORPUS, secret)
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

    strict = build(root, strict=True)
    assert strict.returncode != 0
    assert "error" in strict.stderr
