"""The built site in a real browser (Debian's Chromium, driven by Playwright), as a
visitor uses it: search, links, video marks, the chat, dark mode, a phone screen.

Skipped, with the reason, where Chromium or Playwright is not installed.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .browser_tools import CHROMIUM_ARGS, serve
from .conftest import build, make_site

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = CHROMIUM_ARGS

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed")
if not Path(CHROMIUM).exists():
    pytest.skip("Chromium is not installed (apt-get install -y chromium)", allow_module_level=True)

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = make_site(tmp_path_factory.mktemp("browser-site"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    server, url = serve(root / "site")
    yield url
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, tmp_path: Path) -> Iterator[object]:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.errors = []  # type: ignore[attr-defined]
    tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: tab.errors.append(str(e)))
    yield tab
    tab.screenshot(path=str(tmp_path / "last.png"))
    context.close()


def search(page, url: str, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.locator("input.md-search__input").click()
    page.keyboard.type(query, delay=20)  # Material searches on key events, as a person types
    page.locator(".md-search-result__item a").first.wait_for(timeout=15000)
    page.wait_for_timeout(500)  # let the result list settle after the last key
    return page.eval_on_selector_all(".md-search-result__item a", "links => links.map(a => a.href)")


@pytest.mark.parametrize(
    "query, target",
    [
        ("network alias", "meetings/2020-12-01/"),
        ("8483", "issues/containers/podman/8483/"),
        ("Matt Heon", "people/matt-heon/"),
        ("cache-from", "meetings/2020-12-01/"),
    ],
)
def test_search_finds_the_right_pages(page, site_url: str, query: str, target: str) -> None:  # type: ignore[no-untyped-def]
    hrefs = search(page, site_url, query)
    assert any(target in href for href in hrefs), hrefs
    link = next(h for h in hrefs if target in h)
    page.goto(link)
    assert page.locator("article h1").first.is_visible()
    assert not page.errors


def test_video_mark_opens_the_recording_at_that_second(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "meetings/2020-12-01/")
    mark = page.locator("article a", has_text="(1:50 in the video)")
    assert mark.get_attribute("href") == "https://bluejeans.com/s/aOaqCoRSJB4/#t=110"
    assert page.locator("article a", has_text="(4:59 in the video)").get_attribute("href").endswith("#t=299")


def test_person_link_opens_the_person_page(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "meetings/2020-12-01/")
    page.locator("article a[href$='people/matt-heon/']").first.click()
    page.wait_for_url("**/people/matt-heon/")
    assert page.locator("article h1").first.inner_text().strip().startswith("Matt Heon")
    assert page.locator("article", has_text="Introducing Network Aliases").count() == 1
    assert not page.errors


def test_chat_thread_renders(page, site_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "meetings/2020-12-01/#chat")
    messages = page.locator(".mt-chat .mt-msg")
    assert messages.count() == 69
    assert messages.first.is_visible()
    first_mheon = page.locator(".mt-group", has_text="as mheon").first
    assert first_mheon.locator(".mt-avatar").inner_text() == "MH"
    assert "≈ 11:00" in first_mheon.inner_text()
    page.screenshot(path=str(tmp_path / "chat.png"))


def test_dark_mode_toggle(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url)
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component='palette'] label:visible").first.click()
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') !== '{before}'")
    assert page.locator("body").get_attribute("data-md-color-scheme") != before


@pytest.mark.parametrize(
    "path", ["", "meetings/2020-12-01/", "people/", "people/matt-heon/", "topics/", "issues/containers/podman/8483/"]
)
def test_phone_screen_has_no_horizontal_overflow(browser, site_url: str, path: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.goto(site_url + path)
    tab.screenshot(path=str(tmp_path / "phone.png"))
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0
    assert not errors


def test_lists_sort_by_column(page, site_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(site_url + "people/")
    header = page.locator("article th", has_text="Person")
    header.click()
    names = page.locator("article tbody tr td:first-child a").all_inner_texts()
    assert names == sorted(names, key=str.lower)
    header.click()
    names = page.locator("article tbody tr td:first-child a").all_inner_texts()
    assert names == sorted(names, key=str.lower, reverse=True)


def test_pagefind_search_page(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """search_engine: pagefind indexes the built site and serves a search page."""
    pytest.importorskip("pagefind", reason="Pagefind is not installed (pip install 'pagefind[bin]')")
    root = make_site(tmp_path, extra="")
    config = (root / "mkdocs.yml").read_text()
    config = config.replace("      strict_notes: false", "      strict_notes: false\n      search_engine: pagefind")
    config = config.replace("  - Data export: api.md", "  - Data export: api.md\n  - Search: find/index.md")
    (root / "mkdocs.yml").write_text(config)
    result = build(root, strict=False)
    assert "remove the 'search' plugin" in result.stderr  # both engines: every page would load both
    (root / "mkdocs.yml").write_text(re.sub(r"  - search:\n(?:      .*\n)*", "", config))
    result = build(root)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (root / "site" / "pagefind" / "pagefind.js").is_file()
    assert not (root / "site" / "search" / "search_index.json").exists()
    server, url = serve(root / "site")
    try:
        tab = browser.new_page()
        tab.goto(url + "find/")
        tab.locator(".pagefind-ui__search-input").click()
        tab.keyboard.type("Matt Heon")
        tab.locator(".pagefind-ui__result-link").first.wait_for(timeout=30000)
        hrefs = [a.get_attribute("href") or "" for a in tab.locator(".pagefind-ui__result-link").all()]
        # without the theme's search box, every page has a header button to the search page
        tab.goto(url + "people/matt-heon/")
        tab.locator(".mt-find-button").click()
        tab.wait_for_url(url + "find/")
        # and a "?q=" link opens it with results
        tab.goto(url + "find/?q=8483")
        tab.locator(".pagefind-ui__result-link").first.wait_for(timeout=30000)
        linked = [a.get_attribute("href") or "" for a in tab.locator(".pagefind-ui__result-link").all()]
        meeting = tab.locator(".pagefind-ui__result", has=tab.locator("a[href*='meetings/2020-12-01']")).first
        meeting_text = meeting.inner_text()
        tab.close()
    finally:
        server.shutdown()
    assert any("people/matt-heon/" in href for href in hrefs), hrefs
    assert any("8483" in href for href in linked), linked
    # a meeting's result says which meeting it is: its title, date and series
    assert "Community meeting, December 1, 2020" in meeting_text and "2020-12-01" in meeting_text, meeting_text


def test_info_card_labels_are_whole_words_on_a_phone(browser, site_url: str) -> None:  # type: ignore[no-untyped-def]
    """Each label of a meeting's card ("Recording", "Attendees") is shown on one line."""
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    tab = context.new_page()
    tab.goto(site_url + "meetings/2020-12-01/")
    broken = tab.evaluate(
        """() => [...document.querySelectorAll('.mt-card td:first-child strong')]
            .filter(label => !label.textContent.includes(' ') && label.getClientRects().length > 1)
            .map(label => label.textContent)"""
    )
    labels = tab.locator(".mt-card td:first-child strong").count()
    context.close()
    assert labels >= 5 and broken == [], broken
