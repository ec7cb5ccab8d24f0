"""Lists keep the nesting GitHub (CommonMark) gives the note: a sub-bullet indented by two
spaces, or by the width of "1. ", is a nested item on the meeting page too."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from meetings.site import Settings, load_site

from .conftest import CORPUS, make_site

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from lists import commonmark, measure, nested_items  # noqa: E402

_QUOTED_LIST = re.compile(r"^\s*>\s*[-*+] ", re.M)

NOTE = """# Weekly sync

## March 4, 2025

Attendees: Ada Lovelace, Grace Hopper

## Agenda
- Release plan
  - cut the branch on Friday
    - Ada checks the changelog
  - Grace writes the notes
- Packaging
  - Fedora is done

Some text right above a list:
1. First point
   - with a detail
   - and another one
2. Second point
   continued on a lazy line

* loose item

  its second paragraph
  * nested under a loose item

- a tab-indented child follows
\t- the child
"""


def _page_html(root: Path, ident: str) -> str:
    site = load_site(Settings.from_config_file(root / "mkdocs.yml")[0])
    page = next(p for p in site.pages if p.src == f"meetings/{ident}.md")
    return site.article(page).html


def test_two_space_sub_bullets_are_nested_as_github_nests_them(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"2025-03-04.md": NOTE}, copy_seed=False)
    html = _page_html(root, "2025-03-04")
    expected = nested_items(commonmark(NOTE))
    assert expected == 8  # the note above, as markdown-it nests it
    assert nested_items(html) == expected
    assert "cut the branch on Friday" in html and "continued on a lazy line" in html


def test_a_list_right_under_a_paragraph_is_a_list(tmp_path: Path) -> None:
    root = make_site(tmp_path, {"2025-03-04.md": NOTE}, copy_seed=False)
    html = _page_html(root, "2025-03-04")
    assert "<li>First point" in html.replace("<li>\n<p>", "<li>")


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.parent.is_dir(), reason="the real corpus (../shared/corpus) is not here")
@pytest.mark.parametrize("community", ["podman", "ethereum-acd", "rust-compiler", "tc39"])
def test_every_real_note_keeps_its_nested_items(community: str) -> None:
    """All but lists inside block quotes (left as written: one Rust note quotes a list)."""
    folder = CORPUS.parent / community
    expected, kept, differ = measure(folder)
    quoting = {p.name for p in folder.glob("**/*.md") if _QUOTED_LIST.search(p.read_text(encoding="utf-8"))}
    assert [d for d in differ if d[0] not in quoting] == [], f"{kept} of {expected} nested items kept"
    assert expected > 0 and kept >= 0.99 * expected


TASKS = """# Weekly sync

## March 11, 2025

Attendees: Ada Lovelace, Grace Hopper

## Agenda
- [x] Release plan :tada:
  - [ ] cut the branch
- [x]: not a box, a colon follows
- [ ](javascript:alert(1)) not a box either
- text with [x] inside stays text, and `:tada:` in code stays code
- [x]\u00a0no box before a no-break space, and no one called x
"""


def test_a_task_list_shows_its_boxes_and_an_emoji_code_its_emoji_as_github_does(tmp_path: Path) -> None:
    """ "- [x] done" is a ticked box no one can change, "- [ ] …" an empty one, nested too, and
    ":tada:" is 🎉; a bracket pair that is no box (before ":" or "(", or inside the text) and
    a code span stay as written."""
    root = make_site(tmp_path, {"2025-03-11.md": TASKS}, copy_seed=False)
    html = _page_html(root, "2025-03-11")
    boxes = [sorted(re.findall(r"\w+(?==)", box)) for box in re.findall(r"<input[^>]*>", html)]
    assert boxes == [["checked", "disabled", "type"], ["disabled", "type"]]
    assert html.count('type="checkbox"') == 2
    assert "Release plan 🎉" in html and "<code>:tada:</code>" in html
    assert "people/x/" not in html  # a box is nobody
    assert "[x]&nbsp;no box before" in html or "[x]\u00a0no box before" in html
    assert "[x]: not a box" in html and "text with [x] inside" in html
    assert "javascript:" not in html.split("</h1>", 1)[-1].replace("[ ](javascript:alert(1))", "")


WRAPPED_AND_CODE = """# Weekly sync

- Tony
  - the talk on editors
  - - a bullet opened twice on one line
- Max

  - the button

    - hide its text with CSS:

      ```css
      .hide { position: absolute; }
      ```

    - or use aria-label
- Isabela
  - colour contrast
"""


def test_a_bullet_opened_twice_a_fence_in_an_item_and_an_item_after_a_loose_list(tmp_path: Path) -> None:
    """ "- - text" is a list in a list item; a fence inside an item keeps the items after it
    in that list; a top-level bullet right after a loose nested list is top-level again."""
    root = make_site(tmp_path, {"2025-03-04.md": WRAPPED_AND_CODE}, copy_seed=False)
    html = _page_html(root, "2025-03-04")
    assert nested_items(html) == nested_items(commonmark(WRAPPED_AND_CODE)) == 7
    assert ".hide { position: absolute; }" in html
    top = html[html.index("<ul>") :]
    assert top.count("Isabela") == 1 and re.search(
        r'</ul>\s*</li>\s*<li>\s*(?:<p>)?(?:<a id="[^"]+"></a>)?Isabela', top
    )


def test_an_empty_bullet_is_an_empty_item_not_a_headings_underline(tmp_path: Path) -> None:
    """ "  -" alone after "  - @ravi": GitHub shows an empty item; Python-Markdown would
    read the marker as a setext underline and make "- @ravi" a heading."""
    note = "# Sync\n\n- **Attendees:**\n  - @ana\n  - @ravi\n  -\n- **Recording:** none\n"
    root = make_site(tmp_path, {"2025-03-04.md": note}, copy_seed=False)
    html = _page_html(root, "2025-03-04")
    assert nested_items(html) == nested_items(commonmark(note)) == 3
    assert "<h2" not in html


def test_a_double_bullet_that_is_an_item_keeps_its_anchor_inside_both_markers(tmp_path: Path) -> None:
    """ "- - a" as an item of the meeting: its anchor goes after both markers, so the line
    stays a list in a list item; an empty bullet shows nothing, no entity."""
    note = "# Sync\n\n## Topic\n\n- - a\n  - b\n- c\n-\n"
    root = make_site(tmp_path, {"2025-03-04.md": note}, copy_seed=False)
    html = _page_html(root, "2025-03-04")
    assert nested_items(html) == nested_items(commonmark(note))
    assert "&amp;" not in html and "- <a" not in html
