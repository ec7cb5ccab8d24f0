"""Page templates are Markdown headings with HTML between them (render/blocks.py): a
line that starts with a value could start with "#" and become a heading."""

from __future__ import annotations

from importlib import resources

import pytest

from meetings.render.blocks import Blocks

PAGE_TEMPLATES = sorted(
    p.name
    for p in resources.files("meetings").joinpath("templates").iterdir()
    if p.name.endswith(".html.j2") and p.name != "chat.html.j2"  # chat is a block, never split
)


@pytest.mark.parametrize("name", PAGE_TEMPLATES)
def test_every_line_starts_with_a_heading_a_tag_or_a_statement(name: str) -> None:
    text = resources.files("meetings").joinpath("templates", name).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), 1):
        assert not line or line.startswith(("#", "<", "{%")), f"{name}:{number}: {line}"


def test_split_keeps_headings_and_makes_blocks_of_the_rest() -> None:
    blocks = Blocks("people/x.md")
    markdown = blocks.split("# Ada\n\n<p>intro # not a heading</p>\n\n## Talks { #talks }\n\n<ul><li>a</li></ul>\n")
    lines = [line for line in markdown.splitlines() if line]
    assert lines[0] == "# Ada" and lines[2] == "## Talks { #talks }"
    assert [blocks[lines[1]], blocks[lines[3]]] == ["<p>intro # not a heading</p>", "<ul><li>a</li></ul>"]


def test_a_cut_snippet_ends_at_a_word_and_counts_read_right() -> None:
    from meetings.render.pages import SNIPPET, _whole_words
    from meetings.render.templates import article, count

    cut = ("containers " * 40)[:SNIPPET]  # the archive cut it mid-word
    assert _whole_words(cut).endswith("containers…") and len(_whole_words(cut)) < SNIPPET
    assert _whole_words("a short one") == "a short one"
    counts = (count(1, "message"), count(2, "message"), count(1, "person", "people"))
    assert counts == ("1 message", "2 messages", "1 person")
    assert (article("issue"), article("pull request")) == ("an issue", "a pull request")


def test_topic_excerpts_keep_their_web_links_and_nothing_else(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import re

    from meetings.site import Settings, load_site

    notes = tmp_path / "notes"
    notes.mkdir()
    for n, day in enumerate(["2024-01-02", "2024-02-06", "2024-03-05"]):
        (notes / f"{day}.md").write_text(
            f"# Podman Community Meeting\n\n## News {n}\n\nNetavark now reads [the docs](https://example.com/docs), "
            f"[bad](javascript:alert(1)), [slides](./x.pdf), `netavark --help` and <b onclick=x>bold</b> item {n}.\n"
        )
    site = load_site(Settings(root=tmp_path, notes_dir=notes, people_file=None, topics_file=None))
    page = next(p for p in site.pages if p.src == "topics/netavark.md")
    history = "".join(page.blocks.values())
    assert '<a href="https://example.com/docs" rel="nofollow noopener">the docs</a>' in history
    hrefs = re.findall(r'href="([^"]*)"', history)
    assert not [
        h for h in hrefs if not h.startswith(("https://example.com/docs", "../../meetings/", "../../feeds/"))
    ], hrefs
    assert "&lt;b onclick=x&gt;bold&lt;/b&gt;" in history and "<b " not in history
