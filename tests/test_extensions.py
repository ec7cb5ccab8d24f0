"""A site's own Markdown extensions never read a file for a note: with pymdownx.snippets and
markdown-include enabled, a note that names a file in any place gets it on no page, in no
search index and in no generated tree, while the site's hand-written pages keep them."""

from __future__ import annotations

from pathlib import Path

from meetings.cli import main

from .conftest import build, make_site
from .hostile import enable_readers, write_reader_notes
from .test_boundary import SECRET, _outside, _published

PUBLIC = "PUBLIC-SNIPPET-TEXT-1717"


def _site(tmp_path: Path) -> tuple[Path, Path]:
    outside = _outside(tmp_path)
    (tmp_path / "root").mkdir()
    root = make_site(tmp_path / "root")
    enable_readers(root, outside, SECRET)
    with open(root / "mkdocs.yml", "a") as config:  # a credential in the site's own config, as CI configs have them
        config.write(f"\nextra:\n  token: {SECRET}\n")
    (root / "public.txt").write_text(PUBLIC + "\n")
    (root / "docs" / "included.md").write_text('# Included\n\n--8<-- "public.txt"\n\n{!public.txt!}\n')
    write_reader_notes(root / "notes", root, outside)
    return root, outside


def test_note_text_never_reaches_the_sites_extensions(tmp_path: Path) -> None:
    root, _ = _site(tmp_path)
    result = build(root, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    site = root / "site"
    assert _published(site) == []  # no page, search index, feed, calendar or export
    page = (site / "meetings" / "2019-06-04" / "index.html").read_text()
    assert "8&lt;-- &quot;.env&quot;" in page or '8&lt;-- ".env"' in page  # the lines are shown as text
    assert "{!.env!}" in page
    assert "mkdocs.yml" in page and "Reader" in page
    # the site's own page keeps both extensions
    assert (site / "included" / "index.html").read_text().count(PUBLIC) == 2


def test_the_generated_tree_gives_a_builder_nothing_to_read(tmp_path: Path) -> None:
    root, _ = _site(tmp_path)
    out = tmp_path / "generated"
    assert main(["generate", str(out), "-f", str(root / "mkdocs.yml")]) == 0
    docs = out / "docs"
    leaked = [p for p in docs.rglob("*") if p.is_file() and SECRET.encode() in p.read_bytes()]
    assert leaked == []
    # the builder runs with the site's extensions (they are in the generated mkdocs.yml)
    (out / ".env").write_text(f"GITHUB_TOKEN={SECRET}\n")
    (out / "public.txt").write_text(PUBLIC + "\n")
    config = (out / "mkdocs.yml").read_text().replace(str(root), str(out))
    (out / "mkdocs.yml").write_text(config.replace(f"token: {SECRET}", "token: none"))
    result = build(out, strict=False)
    assert result.returncode == 0, result.stderr[-3000:]
    assert _published(out / "site") == []
    assert "8&lt;--" in (out / "site" / "meetings" / "2019-06-04" / "index.html").read_text()
    assert (out / "site" / "included" / "index.html").read_text().count(PUBLIC) == 2
