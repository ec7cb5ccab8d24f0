"""The site as a reader meets it, in Chromium: search results that say what they are,
transcripts as text to read, phones, links in prose, permalinks, the next meeting, filters.

Built from the real archive where ../shared/corpus/podman is present, else from our fixture
notes; both with one more note of ours that names people and a repository's issue in prose.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from . import test_browser
from .browser_tools import serve
from .conftest import CORPUS, FIXTURES, build, make_site
from .test_browser import search

browser = test_browser.browser  # the same fixtures, and the same skip without Chromium
page = test_browser.page

pytestmark = pytest.mark.browser

# A note in the real format whose prose names two attendees and another repository's issue.
PROSE_NOTE = """# Podman Community Meeting Notes
## June 4, 2019 11:00 a.m. Eastern (UTC-4)

### Attendees
Tom Sweeney, Grace Hopper, Linus Pauling

### Meeting Notes

#### Faster pulls - Grace Hopper - (2:10 in the video)
Linus Pauling asked whether containers/buildah#4242 covers it; Linus Pauling will check.
"""


def _notes(root: Path) -> Path:
    notes = root / "notes"
    if CORPUS.is_dir():
        shutil.rmtree(notes)
        shutil.copytree(CORPUS, notes)
    else:
        for note in FIXTURES.glob("*.md"):
            shutil.copy(note, notes / note.name)
    (notes / "2019-06-04.md").write_text(PROSE_NOTE, encoding="utf-8")
    return notes


@pytest.fixture(scope="module")
def reader_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    root = make_site(tmp_path_factory.mktemp("reader-site"))
    _notes(root)
    result = build(root)
    assert result.returncode == 0, result.stderr[-3000:]
    server, url = serve(root / "site")
    yield url, root / "site"
    server.shutdown()


def _meetings(site: Path) -> list[str]:
    return sorted(p.parent.name for p in (site / "meetings").glob("*/index.html"))


def _with_transcript(site: Path) -> list[str]:
    return [m for m in _meetings(site) if "mt-transcript" in (site / "meetings" / m / "index.html").read_text()]


def test_a_meeting_result_shows_its_date(page, reader_site) -> None:  # type: ignore[no-untyped-def]
    url, _ = reader_site
    search(page, url, "network alias")
    titles = page.eval_on_selector_all(
        ".md-search-result__item a",
        "links => links.filter(a => /meetings\\/\\d{4}-/.test(a.href)).map(a => a.querySelector('h1,h2').textContent)",
    )
    pages = [t for t in titles if t]
    assert pages, titles
    month = r"(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}"
    # the page entry of each meeting result names the meeting by its date
    assert any(re.search(month, t) for t in pages), pages


def test_an_issue_number_finds_the_issue_then_the_meetings(page, reader_site) -> None:  # type: ignore[no-untyped-def]
    url, _ = reader_site
    hrefs = search(page, url, "8483")
    kinds = [
        "issue" if "/issues/" in h else "meeting" if "/meetings/" in h else "topic" if "/topics/" in h else "other"
        for h in hrefs
    ]
    assert kinds[0] == "issue", hrefs
    assert "meeting" in kinds, hrefs
    # a topic page only lists the issue: it never comes before a meeting that discussed it
    if "topic" in kinds:
        assert kinds.index("meeting") < kinds.index("topic"), hrefs


def test_transcripts_show_no_cue_numbers_or_timing_lines(page, reader_site) -> None:  # type: ignore[no-untyped-def]
    url, site = reader_site
    meetings = _with_transcript(site)
    assert meetings
    for ident in meetings:
        page.goto(f"{url}meetings/{ident}/")
        page.eval_on_selector_all("details.mt-transcript", "all => all.forEach(d => d.open = true)")
        for text in page.locator(".mt-transcript").all_inner_texts():
            lines = [line.strip() for line in text.split("\n") if line.strip()]
            assert not [line for line in lines if "-->" in line], ident
            assert not [line for line in lines if line.isdigit()], ident
        assert not page.errors


def test_transcript_speakers_link_to_their_pages_and_runs_are_merged(page, reader_site) -> None:  # type: ignore[no-untyped-def]
    url, site = reader_site
    ident = next(m for m in _with_transcript(site) if "--&gt;" in (site / "meetings" / m / "index.html").read_text())
    page.goto(f"{url}meetings/{ident}/")
    speakers = page.locator(".mt-turn .mt-speaker")
    assert speakers.locator("a[href*='people/']").count() >= 1
    # one block per run of a speaker: a block right after another is someone else's
    repeated = page.eval_on_selector_all(
        ".mt-turn",
        "all => all.filter(t => t.previousElementSibling && t.previousElementSibling.matches('.mt-turn')"
        " && t.previousElementSibling.querySelector('.mt-speaker').textContent"
        " === t.querySelector('.mt-speaker').textContent).length",
    )
    assert repeated == 0
    # the timing line is kept, in the title of the turn's time
    assert page.locator(".mt-said .mt-time[title*='-->']").count() >= 1


def test_agenda_and_transcript_link_both_ways(page, reader_site) -> None:  # type: ignore[no-untyped-def]
    url, site = reader_site
    pages = {m: (site / "meetings" / m / "index.html").read_text() for m in _with_transcript(site)}
    ident = [m for m, text in pages.items() if "mt-to-transcript" in text][-1]
    page.goto(f"{url}meetings/{ident}/")
    assert not page.locator("details.mt-transcript").first.evaluate("d => d.open")  # folded, with a count
    assert re.search(r"\d+ turns?", page.locator("details.mt-transcript summary").first.inner_text())
    link = page.locator(".mt-to-transcript a").first
    target = link.get_attribute("href").split("#")[-1]
    link.click()
    turn = page.locator(f"[id='{target}']")
    turn.wait_for(state="visible")
    assert turn.evaluate("t => t.closest('details').open")
    in_view = "t => { const r = t.getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }"
    assert turn.is_visible() and turn.evaluate(in_view)
    # from the transcript back to the agenda section it falls in
    back = page.locator(".mt-part a").first
    section = back.get_attribute("href").split("#")[-1]
    back.click()
    page.wait_for_function(f"location.hash === '#{section}'")
    assert page.locator(f"[id='{section}']").is_visible()
    # a link from elsewhere straight to a turn opens the transcript there
    page.goto(f"{url}meetings/{ident}/#{target}")
    page.wait_for_function(f"document.getElementById('{target}').closest('details').open")
    assert not page.errors


INDEXES = ("meetings/", "people/", "topics/", "issues/")


def _pages(site: Path) -> list[str]:
    """One page of every kind."""
    meeting = (_with_transcript(site) or _meetings(site))[-1]
    found = ["", "meetings/", f"meetings/{meeting}/", "people/", "topics/", "issues/", "timeline/", "404.html"]
    for folder in ("people", "topics"):
        busiest = max((site / folder).glob("*/index.html"), key=lambda p: p.stat().st_size)
        found.append(f"{folder}/{busiest.parent.name}/")
    issue = next((site / "issues").glob("*/*/*/index.html"))
    found.append(issue.parent.relative_to(site).as_posix() + "/")
    return found


def test_phone_every_kind_of_page_fits_and_dates_stay_whole(browser, reader_site) -> None:  # type: ignore[no-untyped-def]
    url, site = reader_site
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    tab = context.new_page()
    problems = []
    for path in _pages(site):
        tab.goto(url + path)
        tab.eval_on_selector_all("details", "all => all.forEach(d => d.open = true)")
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append((path, "overflow", overflow))
        # every cell of an index table is in sight: the rows are stacked, none cut off
        if path in INDEXES:
            cut = tab.evaluate(
                "[...document.querySelectorAll('article table td')]"
                ".filter(td => td.getBoundingClientRect().right > innerWidth + 1).length"
            )
            if cut:
                problems.append((path, "cells out of sight", cut))
        broken = tab.evaluate(
            "[...document.querySelectorAll('article a, article span, article td')]"
            ".filter(e => e.children.length === 0 && /^\\d{4}-\\d{2}-\\d{2}$/.test(e.textContent.trim()))"
            ".filter(e => e.getClientRects().length > 1 || e.getBoundingClientRect().height > 40).length"
        )
        if broken:
            problems.append((path, "dates across lines", broken))
    context.close()
    assert not problems, problems


def test_phone_info_card_labels_are_never_broken_inside_a_word(browser, reader_site) -> None:  # type: ignore[no-untyped-def]
    """At 375 px each label of a meeting's info card ("Attendees", "Next meeting") keeps every
    word on one line: a word whose letters fall on two lines ("Atte / nde es") is a failure."""
    url, site = reader_site
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    tab = context.new_page()
    meetings = [f"meetings/{m}/" for m in _meetings(site)[-3:]]
    broken = []
    for path in meetings:
        tab.goto(url + path)
        broken += tab.evaluate(
            """() => [...document.querySelectorAll('.mt-card td:first-child')].flatMap(cell => {
                const node = [...cell.querySelectorAll('*'), cell].flatMap(e => [...e.childNodes])
                    .find(n => n.nodeType === 3 && n.textContent.trim());
                if (!node) return [];
                const out = [];
                for (const m of node.textContent.matchAll(/\\S+/g)) {
                    const range = document.createRange();
                    range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
                    if (range.getClientRects().length > 1) out.push(m[0]);
                }
                return out;
            })"""
        )
        assert tab.locator(".mt-card td:first-child").count() >= 3, path
    context.close()
    assert not broken, broken


@pytest.mark.parametrize("width", [1280, 1600])
def test_index_tables_show_every_column_without_a_sideways_scroll(browser, reader_site, width: int) -> None:  # type: ignore[no-untyped-def]
    """An index is one wide table: it has the page's whole width, so every column is in sight."""
    url, _ = reader_site
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    problems = []
    for path in INDEXES:
        tab.goto(url + path)
        scroll = tab.evaluate(
            "Math.max(0, ...[...document.querySelectorAll('article .md-typeset__scrollwrap, article table')]"
            ".map(e => e.scrollWidth - e.clientWidth))"
        )
        hidden = tab.evaluate(
            "[...document.querySelectorAll('article th')].filter(th => {"
            " const box = (th.closest('.md-typeset__scrollwrap') || document.body).getBoundingClientRect();"
            " const cell = th.getBoundingClientRect(); return cell.right > box.right + 1 || cell.width < 20;"
            "}).map(th => th.textContent)"
        )
        if scroll > 0 or hidden:
            problems.append((path, scroll, hidden))
    context.close()
    assert not problems, problems


def test_meeting_titles_name_subjects_never_a_person_a_unit_or_a_common_word(page, reader_site) -> None:  # type: ignore[no-untyped-def]
    """What follows the dash of each meeting's title in the meetings index, as a reader sees
    it: never a word of a person's name (from the people index), a unit, a word of taking
    minutes, a calendar word or a word of the language's stopword list."""
    from meetings.subjects import CALENDAR, NOTE_WORDS, STOPWORDS, VENUES

    url, _ = reader_site
    page.goto(url + "people/")
    names = page.eval_on_selector_all("article table a", "links => links.map(a => a.textContent)")
    people = {w.casefold() for name in names for w in re.findall(r"\w+", name)}
    assert len(people) > 20
    page.goto(url + "meetings/")
    titles = page.eval_on_selector_all("article table td:nth-child(2) > a", "links => links.map(a => a.textContent)")
    assert len(titles) >= 10
    banned = people | NOTE_WORDS | CALENDAR | STOPWORDS | VENUES
    bad = []
    for title in titles:
        _, _, shown = title.partition(" — ")
        for subject in filter(None, shown.split(", ")):
            words = {w.casefold() for w in re.findall(r"\w+", subject)}
            if words <= banned:
                bad.append((title, subject))
    assert not bad, bad


def test_prose_names_and_repository_issues_are_links(page, reader_site) -> None:  # type: ignore[no-untyped-def]
    url, _ = reader_site
    page.goto(url + "meetings/2019-06-04/")
    line = page.locator("article p", has_text="asked whether")
    # the first naming in the section is linked, the second is not
    assert line.locator("a[href$='people/linus-pauling/']").count() == 1
    issue = line.locator("a", has_text="containers/buildah#4242")
    assert issue.get_attribute("href").endswith("issues/containers/buildah/4242/")
    issue.click()
    page.wait_for_url("**/issues/containers/buildah/4242/")
    assert "2019-06-04" in page.locator("article").inner_text()  # counted as a reference


def test_chat_anchor_survives_an_edit_above_it(browser, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = make_site(tmp_path)
    note = root / "notes" / "2020-12-01.md"
    build(root)
    before = (root / "site" / "meetings" / "2020-12-01" / "index.html").read_text()
    anchor = re.search(r'<div class="mt-msg" id="([\w-]+)" data-line="(\d+)">', before)
    assert anchor and not anchor[1].endswith(anchor[2])
    lines = note.read_text().split("\n")
    note.write_text("\n".join(lines[:3] + ["", "A line added above everything.", "And another.", ""] + lines[3:]))
    assert build(root).returncode == 0
    server, url = serve(root / "site")
    try:
        tab = browser.new_page()
        tab.goto(f"{url}meetings/2020-12-01/#{anchor[1]}")
        message = tab.locator(f"[id='{anchor[1]}']")
        assert message.count() == 1 and message.evaluate("m => m.matches(':target')")
        text = message.locator(".mt-text").inner_text()
        # a link of the old kind, the message's line number, still finds the message
        line = int(message.get_attribute("data-line"))
        assert line == int(anchor[2]) + 4
        tab.goto(f"{url}meetings/2020-12-01/#chat-{line}")
        tab.wait_for_function(f"location.hash === '#{anchor[1]}'")
        assert tab.locator(".mt-msg.mt-here .mt-text").inner_text() == text
        tab.close()
    finally:
        server.shutdown()


def _clock_after_last_meeting(site: Path) -> dt.datetime:
    last = max(m for m in _meetings(site) if re.match(r"\d{4}-\d{2}-\d{2}$", m))
    return dt.datetime.fromisoformat(last + "T12:00:00+00:00") + dt.timedelta(days=1)


def test_next_meeting_is_in_the_future_of_the_readers_clock(browser, reader_site) -> None:  # type: ignore[no-untyped-def]
    url, site = reader_site
    now = _clock_after_last_meeting(site)
    context = browser.new_context(timezone_id="Europe/Berlin", locale="en-US")
    tab = context.new_page()
    tab.clock.set_fixed_time(now)
    tab.goto(url)
    items = tab.locator(".mt-next li")
    assert items.count() >= 1
    chosen = [(i.get_attribute("data-next"), i.inner_text()) for i in items.all()]
    assert any(day for day, _ in chosen), chosen
    for day, text in chosen:
        if not day:
            assert "not announced yet" in text
            continue
        assert dt.date.fromisoformat(day) >= now.date(), (day, now)
        weekday = dt.date.fromisoformat(day).strftime("%A")
        assert weekday in text and re.search(r"\d{1,2}:\d{2}\s?[AP]M", text) and "your time" in text, text
    # far beyond every date the notes give: nothing to show but that
    tab.clock.set_fixed_time(dt.datetime(2200, 1, 1, tzinfo=dt.UTC))
    tab.reload()
    assert all("not announced yet" in t for t in tab.locator(".mt-next li").all_inner_texts())
    context.close()


def test_filters_narrow_the_lists(page, reader_site) -> None:  # type: ignore[no-untyped-def]
    url, site = reader_site
    page.goto(url + "meetings/")
    rows = page.locator(".mt-index tbody tr")
    total = rows.count()
    years = page.locator("select[data-filter='year'] option").all_inner_texts()[1:]
    year = years[-1]
    page.select_option("select[data-filter='year']", year)
    shown = page.locator(".mt-index tbody tr:not([hidden])")
    assert 0 < shown.count() < total
    assert all(d.startswith(year) for d in shown.locator("td:first-child").all_inner_texts())
    page.select_option("select[data-filter='year']", "")
    page.select_option("select[data-filter='series']", "cabal" if "cabal" in page.content() else "community")
    series = shown.locator("td:nth-child(3)").all_inner_texts()
    assert len(set(series)) == 1 and shown.count() <= total
    for path, letters in (("people/", "ada" if not CORPUS.is_dir() else "matt"), ("topics/", "podman")):
        page.goto(url + path)
        everyone = page.locator(".mt-index tbody tr").count()
        page.locator("input[data-filter='text']").fill(letters)
        names = page.locator(".mt-index tbody tr:not([hidden]) td:first-child").all_inner_texts()
        assert 0 < len(names) < everyone and all(letters in n.lower() for n in names), names
    assert not page.errors


def test_not_found_page_offers_search_and_the_latest_meetings(page, reader_site) -> None:  # type: ignore[no-untyped-def]
    url, site = reader_site
    page.goto(url + "404.html")
    article = page.locator("article")
    assert "search" in article.inner_text().lower()
    latest = article.locator("a[href*='meetings/20']")
    assert latest.count() >= 3
    latest.first.click()
    assert page.locator("article h1").first.inner_text().startswith(("Community meeting", "Cabal meeting"))


def test_screenshots(browser, reader_site, tmp_path_factory: pytest.TempPathFactory) -> None:  # type: ignore[no-untyped-def]
    """Pages at desktop and phone width, kept for a person to look at (MT_SHOTS=folder)."""
    import os

    url, site = reader_site
    folder = Path(os.environ.get("MT_SHOTS") or tmp_path_factory.mktemp("shots"))
    folder.mkdir(parents=True, exist_ok=True)
    meeting = (_with_transcript(site) or _meetings(site))[-1]
    pages = {
        "meeting": f"meetings/{meeting}/",
        "person": "people/tom-sweeney/",
        "topic": _pages(site)[-2],
        "index": "meetings/",
        "home": "",
    }
    for width in (1280, 375):
        context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 500)
        tab = context.new_page()
        for name, path in pages.items():
            tab.goto(url + path)
            tab.screenshot(path=str(folder / f"{name}-{width}.png"), full_page=False)
        context.close()
    assert len(list(folder.glob("*.png"))) == 10
