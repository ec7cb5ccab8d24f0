"""Lists as the notes' authors saw them: nested list items on each meeting page against a
CommonMark rendering (markdown-it-py, as GitHub shows a note) of the note itself.

    python scripts/lists.py [CORPUS_DIR ...]    # default: every community in ../shared/corpus

For each note it counts the list items that sit inside another list item, in markdown-it's
rendering of the note and on the note's page, and prints per community the notes whose
counts differ and the share of nested items kept.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from meetings.convert import split_front_matter  # noqa: E402
from meetings.site import Settings, load_site  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
# A community with a settings file of its own is read with it; the others with none.
CONFIGS = {"ethereum-acd": ROOT / "examples" / "ethereum-acd" / "mkdocs.yml"}


class _Nested(HTMLParser):
    """Counts <li> elements inside another <li>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.nested = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            self.nested += self.depth > 0
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self.depth:
            self.depth -= 1


def nested_items(html: str) -> int:
    parser = _Nested()
    parser.feed(html)
    parser.close()
    return parser.nested


def commonmark(text: str) -> str:
    return MarkdownIt("commonmark").enable("table").render(split_front_matter(text)[1])


def measure(corpus: Path) -> tuple[int, int, list[tuple[str, int, int]]]:
    """(nested items CommonMark gives, nested items the pages keep, notes that differ)."""
    settings, _ = Settings.from_config_file(CONFIGS.get(corpus.name, ROOT / "mkdocs.yml"))
    site = load_site(replace(settings, notes_dir=corpus.absolute()))
    files = {n.id: n.path for n in site.notes}
    expected = kept = 0
    differ = []
    for page in site.pages:
        meeting = site.archive.page_meeting(page.src)
        if meeting is None or meeting.id not in files:
            continue
        want = nested_items(commonmark(files[meeting.id].read_text(encoding="utf-8", errors="replace")))
        got = nested_items(site.article(page).html)
        expected += want
        kept += min(want, got)
        if want != got:
            differ.append((files[meeting.id].name, want, got))
    return expected, kept, differ


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path)
    args = parser.parse_args()
    corpora = args.corpora or sorted(p for p in CORPUS.iterdir() if p.is_dir())
    print("| community | notes that differ | nested items (CommonMark) | kept on pages |")
    print("|---|---|---|---|")
    for corpus in corpora:
        expected, kept, differ = measure(corpus)
        share = f"{kept / expected:.3f}" if expected else "-"
        print(f"| {corpus.name} | {len(differ)} | {expected} | {kept} ({share}) |")
        for name, want, got in differ[:8]:
            print(f"|   {name} | | {want} | {got} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
