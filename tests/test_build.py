"""A real `mkdocs build --strict` of the shipped site: pages, links, export, nothing lost."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from meetings.parse import parse_note, read_note

from .conftest import SEED, build, lost_words, make_site, page_text


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("site"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root / "site"


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_pages_at_their_urls(site: Path) -> None:
    for url in [
        "meetings",
        "meetings/2020-12-01",
        "people",
        "people/matt-heon",
        "people/anders-bjorklund",
        "issues",
        "issues/containers/podman/8483",
        "topics",
        "topics/podman-machine",
        "timeline",
        "publishing",
    ]:
        assert (site / url / "index.html").is_file(), url


def test_meeting_page_links(site: Path) -> None:
    meeting = page(site, "meetings/2020-12-01")
    assert 'href="https://bluejeans.com/s/aOaqCoRSJB4/#t=110"' in meeting
    assert 'href="../../people/matt-heon/"' in meeting
    assert 'href="../../issues/containers/podman/8483/"' in meeting
    assert "Björklund" in meeting and "√" not in meeting


def test_chat_thread(site: Path) -> None:
    meeting = page(site, "meetings/2020-12-01")
    assert meeting.count('class="mt-msg"') == 69
    # mheon's first message, 11 minutes after the 11:03 start: linked at about 11:00 in the video
    shape = r'<div class="mt-msg" id="chat-[\w-]+" data-line="\d+">.{0,600}?It.s basically a DNS CNAME'
    first = re.search(shape, meeting)
    assert first and "#t=660" in first.group()
    assert 'href="../../people/matt-heon/">Matt Heon</a> <span class="mt-as">as mheon</span>' in meeting
    assert '<a href="https://lists.podman.io" rel="nofollow noopener">https://lists.podman.io</a>' in meeting


def test_person_page(site: Path) -> None:
    person = page_text(page(site, "people/matt-heon"))
    assert "Introducing Network Aliases" in person
    assert "It's basically a DNS CNAME" in person
    assert re.search(r"Also written as:\s+mheon", person)
    james = page(site, "people/james-cassell")
    assert "libpod.conf?" in james  # "Me" in this meeting's chat is James Cassell
    html = page(site, "people/matt-heon")
    assert '<svg class="mt-strip"' in html and "<title>2020: 1 of 1 meetings</title>" in html
    # the lists are HTML, the headings Markdown: they are in the table of contents with permalinks
    assert re.search(r'<h2 id="chat">Chat messages \(\d+\)<a class="headerlink" href="#chat"', html)
    assert re.search(r'<a href="#talks" class="md-nav__link">', html)


def test_no_placeholder_is_left(site: Path) -> None:
    """Chat, transcripts, lists and strips go in after conversion; none of their tokens may show."""
    for path in [*site.rglob("*.html"), site / "search" / "search_index.json"]:
        assert not re.search(r"MT(?:BLOCK|LATE)\d", path.read_text(encoding="utf-8")), path


def test_issue_page(site: Path) -> None:
    issue = page(site, "issues/containers/podman/8483")
    assert 'href="https://github.com/containers/podman/issues/8483"' in issue
    assert "Any pain points" in issue and "in chat" in issue


def test_export(site: Path) -> None:
    data = json.loads((site / "api" / "archive.json").read_text(encoding="utf-8"))
    assert data["version"] == 2
    [meeting] = data["meetings"]
    assert len(meeting["attendees"]) == 31 and meeting["attendees_declared"] == 35
    timed = [s for s in meeting["sections"] if s["video_seconds"] is not None]
    assert [s["video_seconds"] for s in timed] == [110, 753, 1354, 2310, 2668, 2959, 3079, 3243]
    assert timed[0]["presenters"] == ["matt-heon"]
    assert len(meeting["chat"]) == 69
    assert sum(c["author_as_written"] == "Guest 5" for c in meeting["chat"]) == 10
    assert {c["author"] for c in meeting["chat"] if c["author_as_written"] == "mheon"} == {"matt-heon"}
    assert meeting["issues"] == ["containers/podman#8483"]
    assert meeting["next_meetings"] == [
        {
            "series": "community",
            "date": "2020-02-02",
            "topics": ["systemd with containers - Valentin Rothberg", "Docker compose with Podman - Brent Baude"],
        }
    ]
    assert any("2021-02-02" in (d["suggestion"] or "") for d in meeting["diagnostics"])
    people = {p["id"]: p for p in data["people"]}
    assert "mheon" in people["matt-heon"]["aliases"]
    assert [i["id"] for i in data["issues"]] == ["containers/podman#8483"]


def test_search_index_holds_people_and_issues(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "people/matt-heon/" in locations
    assert "issues/containers/podman/8483/" in locations
    # what a person page quotes from the meeting (chat, snippets) is found on the meeting page,
    # once, not again on every person, topic and issue page that quotes it
    text = {doc["location"]: doc["text"] for doc in index["docs"]}
    quote = "basically a DNS CNAME"
    assert [where for where, body in text.items() if quote in body] == ["meetings/2020-12-01/#bluejeans-chat-copypaste"]
    # a message's words stand on their own, not glued to its time ("AMPlease"); times are not indexed
    chat = text["meetings/2020-12-01/#bluejeans-chat-copypaste"]
    assert " Please sign in at HackMD" in chat and "10:56" not in chat and "≈" not in chat
    # the participation strip goes in after search has read the page: it is not text to find
    assert "1 of 1 meetings" not in json.dumps(index)


def test_nothing_lost(site: Path) -> None:
    """Every word of the note (link targets aside) is on its meeting page."""
    text, _ = read_note(SEED.read_bytes(), "notes/2020-12-01.md")
    meeting = parse_note(text, "notes/2020-12-01.md", "2020-12-01")
    missing = lost_words(meeting, page_text(page(site, "meetings/2020-12-01")))
    assert not missing, missing


def test_no_page_written_outside_the_site(site: Path) -> None:
    root = site.parent
    assert sorted(p.name for p in root.iterdir()) == ["docs", "mkdocs.yml", "notes", "people.yml", "site", "topics.yml"]
    assert sorted(p.name for p in (root / "notes").iterdir()) == ["2020-12-01.md"]


def test_cli_export_is_the_sites_api_json(site: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """One core entry point: `meetings export` with the site's mkdocs.yml prints the very
    bytes the site publishes, topics and repository aliases included."""
    from meetings.cli import main

    assert main(["export", "-f", str(site.parent / "mkdocs.yml")]) == 0
    exported = capsys.readouterr().out
    assert exported == (site / "api" / "archive.json").read_text(encoding="utf-8")
    assert len(json.loads(exported)["topics"]) > 10  # topics.yml was read


def test_every_meeting_page_links_to_its_note_for_editing(tmp_path: Path) -> None:
    """With repo_url and edit_uri set, the edit button of a meeting page opens its note in
    the repository, and person and topic pages open people.yml and topics.yml."""
    extra = "repo_url: https://github.com/example/meetings\nedit_uri: edit/main/docs/\n"
    root = make_site(tmp_path, notes={"2024-02-06.md": "# Podman Community Meeting\n\nText.\n"}, extra=extra)
    assert build(root).returncode == 0
    site = root / "site"
    base = "https://github.com/example/meetings/edit/main/"
    meetings = [p for p in (site / "meetings").iterdir() if (p / "index.html").is_file()]
    assert len(meetings) == 2
    for folder in meetings:
        assert f'href="{base}notes/{folder.name}.md"' in (folder / "index.html").read_text(encoding="utf-8")
    assert f'href="{base}people.yml"' in page(site, "people/matt-heon")
    assert f'href="{base}topics.yml"' in page(site, "topics/podman-machine")
    assert f'href="{base}docs/publishing.md"' in page(site, "publishing")  # hand-written pages as usual


def test_attachments_with_spaces_in_their_names_are_linked(tmp_path: Path) -> None:
    """A file uploaded as "Team Slides.pdf" is linked as "Team%20Slides.pdf" (how GitHub writes
    it): the page links to the published file, whatever characters its name holds."""
    note = (
        "# Podman Community Meeting\n## March 2, 2021 11:00 a.m. Eastern (UTC-5)\n\n"
        "### Attendees\nMatt Heon, Dan Walsh\n\n## Monorepo\n\n"
        "[Slides](./Team%20Slides.pdf) and [the notes](./Team%20Slides%20%28draft%29.pdf)\n"
    )
    site = make_site(tmp_path, {"2021-03-02.md": note}, copy_seed=False)
    folder = site / "notes" / "2021-03-02"
    folder.mkdir()
    for name in ("Team Slides.pdf", "Team Slides (draft).pdf"):
        (folder / name).write_bytes(b"%PDF-1.4\n%%EOF\n")
    result = build(site)
    assert result.returncode == 0, result.stderr
    page = site / "site" / "meetings" / "2021-03-02" / "index.html"
    hrefs = re.findall(r'<a href="([^"]*\.pdf)"', page.read_text(encoding="utf-8"))
    targets = {(page.parent / unquote(h)).resolve() for h in hrefs}
    assert {p.name for p in targets} == {"Team Slides.pdf", "Team Slides (draft).pdf"}, hrefs
    assert all(p.is_file() for p in targets), hrefs
