"""The notes folder is a boundary: nothing outside it is read or published, whatever
links, FIFOs or look-alike names a contributor commits."""

from __future__ import annotations

import os
from pathlib import Path

from meetings.notes import find_notes

from .conftest import build, make_site

SECRET = "TOP-SECRET-CREDENTIAL-4242"


def _outside(tmp: Path) -> Path:
    """A folder beside the site that the build must never publish from."""
    secret = tmp / "outside"
    secret.mkdir()
    (secret / "token.md").write_text(f"# Meeting\n\n{SECRET}\n")
    (secret / "slides.pdf").write_text(f"%PDF {SECRET}")
    return secret


def _published(site: Path) -> list[str]:
    return [str(p) for p in site.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]


def test_links_fifos_and_loops_are_refused(tmp_path: Path) -> None:
    secret = _outside(tmp_path)
    (tmp_path / "root").mkdir()
    root = make_site(tmp_path / "root")
    notes = root / "notes"
    (notes / "2024-01-02.md").symlink_to(secret / "token.md")  # a note that is a link
    (notes / "2024-01-04").symlink_to(secret)  # an attachment folder that is a link
    (notes / "2024-01-04.md").write_text("# Podman Community Meeting\n\n[Slides](./slides.pdf)\n")
    (notes / "2024-01-05").mkdir()
    (notes / "2024-01-05.md").write_text("# Podman Community Meeting\n\n[Slides](./slides.pdf)\n")
    (notes / "2024-01-05" / "slides.pdf").symlink_to(secret / "slides.pdf")  # an attachment that is a link
    (notes / "2024-01-06.md").symlink_to(notes / "2024-01-06.md")  # a link loop
    (notes / "loop.md").symlink_to(notes / "loop2.md")
    (notes / "loop2.md").symlink_to(notes / "loop.md")
    os.mkfifo(notes / "2024-01-07.md")  # reading it would wait forever
    (root / "people.yml").unlink()
    (root / "people.yml").symlink_to(root / "people.yml")  # the data file's path loops too
    (root / "topics.yml").unlink()
    (root / "topics.yml").symlink_to(secret / "token.md")  # and a data file that is a link

    result = build(root, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    site = root / "site"
    assert _published(site) == []
    assert (site / "meetings" / "2020-12-01" / "index.html").exists()  # the good note is there
    assert not (site / "meetings" / "2024-01-02").exists()
    assert (site / "meetings" / "2024-01-04" / "index.html").exists()  # the note itself is fine
    log = result.stderr
    for name in ("2024-01-02.md", "2024-01-04", "2024-01-05/slides.pdf", "2024-01-06.md", "2024-01-07.md"):
        assert f"notes/{name}: error: refused" in log, name
    assert "people.yml: error" in log and "topics.yml: error" in log and "symbolic link" in log
    assert "Traceback" not in log
    assert build(root, strict=True).returncode != 0


def test_names_that_differ_only_by_spaces_or_case_are_an_error(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "2024-01-04 .md").write_text("# Impostor\n")
    (notes / "2024-01-04.md").write_text("# Podman Community Meeting\n")
    (notes / "2024-02-06-Cabal.md").write_text("# Podman Cabal\n")
    (notes / "2024-02-06-cabal.md").write_text("# Podman Cabal\n")
    found, problems = find_notes(notes, "notes")
    # the canonical name wins, whichever the folder lists first
    assert {n.path.name for n in found} == {"2024-01-04.md", "2024-02-06-cabal.md"}
    errors = [str(p) for p in problems if p.level == "error"]
    assert any("'2024-01-04 .md' and '2024-01-04.md'" in e for e in errors), errors
    assert any("2024-02-06-Cabal.md" in e and "2024-02-06-cabal.md" in e for e in errors), errors


def test_the_root_of_the_file_system_is_no_notes_folder() -> None:
    found, problems = find_notes(Path("/"), "/")
    assert found == [] and problems[0].level == "error"
