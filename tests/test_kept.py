"""Every line of every note is on its page: no text is dropped or garbled on the way, and
one note cannot make an unbounded number of pages."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from meetings.archive import build_archive
from meetings.identity import Identities
from meetings.notes import find_notes, load_meetings
from meetings.parse import read_note
from meetings.render.writer import Writer

from .conftest import broken_links, build, lost_words, make_site, page_text
from .hostile import many_refs_note, write_kept_text_notes


@pytest.fixture(scope="module")
def kept_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("kept"), copy_seed=False)
    write_kept_text_notes(root / "notes")
    result = build(root, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    return root


def _shown(root: Path, ident: str) -> str:
    return page_text((root / "site" / "meetings" / ident / "index.html").read_text(encoding="utf-8"))


def test_every_word_of_every_note_is_on_its_page(kept_site: Path) -> None:
    notes, _ = find_notes(kept_site / "notes", "notes")
    for meeting in load_meetings(notes, "containers/podman"):
        assert not lost_words(meeting, _shown(kept_site, meeting.id)), meeting.id


def test_a_stray_byte_garbles_nothing_around_it(kept_site: Path) -> None:
    shown = _shown(kept_site, "2024-04-01")
    assert "Trmač" in shown and "中文 writer \ufffd and more" in shown
    assert "TrmaÄ" not in shown


def test_a_stray_byte_is_reported_with_its_line() -> None:
    data = "# Trmač\n\nok\n\xff one\nok \xff two \xff\n".encode().replace(b"\xc3\xbf", b"\xff")
    text, found = read_note(data, "n.md")
    assert text == "# Trmač\n\nok\n\ufffd one\nok \ufffd two \ufffd\n"
    assert [(d.line, d.level) for d in found] == [(4, "warning")]
    assert "3 bytes" in found[0].message and "lines 4, 5" in found[0].message


def test_a_note_without_any_utf8_is_read_as_windows_1252() -> None:
    text, found = read_note("# Bj\xf6rn € Caf\xe9\n".encode("cp1252"), "n.md")
    assert text == "# Björn € Café\n"
    assert "Windows-1252" in found[0].message


def test_utf16_notes_keep_their_title(kept_site: Path) -> None:
    for ident, title in (("2024-04-02", "Podman Sixteen Meeting"), ("2024-04-03", "Podman Bigendian Meeting")):
        page = (kept_site / "site" / "meetings" / ident / "index.html").read_text(encoding="utf-8")
        assert f'<p class="mt-note-title">{title}</p>' in page
    assert "Trmač" in _shown(kept_site, "2024-04-02")


def test_a_note_over_the_size_limit_is_an_error_and_says_so(tmp_path: Path) -> None:
    root = make_site(tmp_path, copy_seed=False)
    (root / "notes" / "2024-05-01.md").write_bytes(b"# Big\n" + b"x" * (20 * 1024 * 1024))
    notes, _ = find_notes(root / "notes", "notes")
    meeting = load_meetings(notes, "containers/podman")[0]
    assert [(d.level, d.file) for d in meeting.diagnostics] == [("error", "notes/2024-05-01.md")]
    assert "too large" in meeting.diagnostics[0].message
    assert build(root, strict=False).returncode == 0
    assert "This note was not published: the note is too large" in _shown(root, "2024-05-01")


def test_one_note_makes_a_bounded_number_of_issue_pages(tmp_path: Path) -> None:
    root = make_site(tmp_path, notes={"2024-05-02.md": many_refs_note(600)}, copy_seed=False)
    assert build(root, strict=False).returncode == 0
    pages = list((root / "site" / "issues" / "containers" / "podman").iterdir())
    assert len(pages) == 200
    shown = _shown(root, "2024-05-02")
    assert "#599 #600 done." in shown  # the rest is still there, as text
    assert broken_links(root / "site") == []


def test_the_reference_limit_is_reported_once() -> None:
    from meetings.parse import parse_note

    meeting = parse_note(many_refs_note(30), "notes/2024-05-02.md", "2024-05-02")
    archive = build_archive([meeting], Identities([]), max_refs_per_note=10)
    assert len(archive.issues) == 10
    capped = [d for d in archive.meetings[0].diagnostics if "issues" in d.message]
    assert len(capped) == 1 and capped[0].level == "warning" and "20" in capped[0].message


def test_extension_markers_and_stray_brackets_stay_text(kept_site: Path) -> None:
    shown = " ".join(_shown(kept_site, "2024-04-04").split())
    article = (kept_site / "site" / "meetings" / "2024-04-04" / "index.html").read_text(encoding="utf-8")
    assert 'class="toc"' not in article.split("<article", 1)[1] and "[TOC]" in shown
    assert "admonition" not in article
    for text in ('!!! note ""', '!!! warning "Careful here"', '??? tip "Folded away"', '!!! note "in a list"'):
        assert text in shown
    for after in ("more text here", "text after spec", "text after doc) done", "text after guide) done"):
        assert after in shown
    bare = "".join(shown.split())  # links split the text with spaces
    for text in ("[Wiki](https://example.com/aandtextafterwiki)", "[[Old]](https://example.com/a)andtext"):
        assert text in bare
    assert "[Box](<https://example.com/ab>)andtextafterbox" in bare


def test_a_link_target_with_brackets_or_parens_ends_where_it_was_written() -> None:
    writer = Writer("meetings/2024-04-04.md", "containers/podman", None)
    line = writer.markdown(
        "G (Page)[https://example.com/a)b] and (P)[https://example.com/c(d] text [x](https://e.com/<f>)"
    )
    html = markdown.markdown(line)
    assert 'href="https://example.com/a%29b"' in html and 'href="https://example.com/c%28d"' in html
    assert "and" in html and html.rstrip().endswith('text <a href="https://e.com/%3Cf%3E">x</a></p>')


def test_table_cells_beyond_the_header_are_shown(kept_site: Path) -> None:
    shown = " ".join(_shown(kept_site, "2024-04-05").split())
    assert "quadlet Ada due March blocked on review" in shown
    assert "build Tom a|b | escaped tail" in shown
    notes, _ = find_notes(kept_site / "notes", "notes")
    meeting = next(m for m in load_meetings(notes, "containers/podman") if m.id == "2024-04-05")
    assert [d.line for d in meeting.diagnostics if "table" in d.message] == [3, 7]
