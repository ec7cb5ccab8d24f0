"""The real archive with a refs file that the local GitHub server wrote for every reference
its notes hold: each issue page shows its title and state, a word of a title finds the
issue page in both search engines (Material's and Pagefind), and the issues index filters
by state. CI never reaches the real API."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from meetings.refsync import update_refs
from meetings.site import Settings, load_site

from . import test_browser
from .browser_tools import serve
from .conftest import CORPUS, build, make_site, needs_corpus
from .github_server import TITLE_WORDS, GitHub, made_up, start
from .test_browser import search

browser = test_browser.browser
page = test_browser.page

pytestmark = [needs_corpus, pytest.mark.slow, pytest.mark.browser]


def _site(root: Path) -> Path:
    make_site(root)
    shutil.rmtree(root / "notes")
    shutil.copytree(CORPUS, root / "notes")
    state = GitHub(every=True)
    server, url = start(state)
    try:
        archive = load_site(Settings.from_config_file(root / "mkdocs.yml")[0], render=False).archive
        status, _ = update_refs(archive, root / "refs.json", url, sleep=lambda seconds: None, out=io.StringIO())
    finally:
        server.shutdown()
    assert status == 0
    return root


@pytest.fixture(scope="module")
def refs_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = _site(tmp_path_factory.mktemp("refs-site"))
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    server, url = serve(root / "site")
    yield url, root
    server.shutdown()


def _issue_pages(site: Path) -> dict[str, str]:
    """Each issue page's "owner/repo#number", and its HTML."""
    pages = {}
    for path in (site / "issues").glob("*/*/*/index.html"):
        owner, repo, number = path.parent.relative_to(site / "issues").parts
        pages[f"{owner}/{repo}#{number}"] = path.read_text(encoding="utf-8")
    return pages


def _one_word_title(refs: Path) -> tuple[str, str]:
    """An issue of the refs file whose title word no other title holds, and that word."""
    entries = json.loads(refs.read_text(encoding="utf-8"))["refs"]
    words = {ident: entry["title"].split()[0].lower() for ident, entry in entries.items()}
    counts = {w: list(words.values()).count(w) for w in TITLE_WORDS}
    ident = next(i for i, w in words.items() if counts[w] == 1) if 1 in counts.values() else next(iter(words))
    return ident, words[ident]


def test_every_issue_page_shows_its_title_and_state(refs_site) -> None:  # type: ignore[no-untyped-def]
    _, root = refs_site
    pages = _issue_pages(root / "site")
    assert len(pages) >= 20
    for ident, html in pages.items():
        repo, number = ident.split("#")
        expected = made_up(repo, int(number))
        assert expected["title"] in html, ident
        state = "closed" if expected["state"] == "closed" else "open"
        assert f"mt-state-{state}" in html, ident
    index = (root / "site" / "issues" / "index.html").read_text(encoding="utf-8")
    assert 'data-filter="state"' in index
    assert re.search(r'data-state="closed"', index) and re.search(r'data-state="open"', index)


def test_the_issues_index_filters_by_state(page, refs_site) -> None:  # type: ignore[no-untyped-def]
    url, _ = refs_site
    page.goto(url + "issues/")
    rows = page.locator("article tbody tr")
    total = rows.count()
    page.select_option('select[data-filter="state"]', "closed")
    shown = [r for r in rows.all() if r.is_visible()]
    assert 0 < len(shown) < total
    assert all(r.get_attribute("data-state") == "closed" for r in shown)


def test_a_title_word_finds_the_issue_page_in_material_search(page, refs_site) -> None:  # type: ignore[no-untyped-def]
    url, root = refs_site
    ident, word = _one_word_title(root / "refs.json")
    owner_repo, number = ident.split("#")
    hrefs = search(page, url, word.capitalize())
    assert any(f"issues/{owner_repo}/{number}/" in href for href in hrefs), (word, hrefs)


def test_a_title_word_finds_the_issue_page_in_pagefind(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pytest.importorskip("pagefind", reason="Pagefind is not installed (pip install 'pagefind[bin]')")
    root = _site(tmp_path)
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("      strict_notes: false", "      strict_notes: false\n      search_engine: pagefind")
    config = config.replace("  - Data export: api.md", "  - Data export: api.md\n  - Search: find/index.md")
    (root / "mkdocs.yml").write_text(re.sub(r"  - search:\n(?:      .*\n)*", "", config), encoding="utf-8")
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    ident, word = _one_word_title(root / "refs.json")
    owner_repo, number = ident.split("#")
    server, url = serve(root / "site")
    try:
        tab = browser.new_page()
        tab.goto(url + f"find/?q={word}")
        tab.locator(".pagefind-ui__result-link").first.wait_for(timeout=30000)
        hrefs = [a.get_attribute("href") or "" for a in tab.locator(".pagefind-ui__result-link").all()]
        tab.close()
    finally:
        server.shutdown()
    assert any(f"issues/{owner_repo}/{number}/" in href for href in hrefs), (word, hrefs)
