"""A `mkdocs serve` rebuild reuses the pages whose inputs did not change; what it publishes
must be exactly what a fresh build of the same notes publishes, whatever the edit."""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from meetings import archive, notes, subjects
from meetings.cache import BuildCache
from meetings.memo import PageMemo
from meetings.site import Settings, load_site

from .conftest import CORPUS, FIXTURES, ROOT, make_site, needs_corpus


def _pages(site: Path, cache: BuildCache | None = None) -> dict[str, object]:
    """Every page; without `cache`, as a new process builds them."""
    settings, problems = Settings.from_config_file(site / "mkdocs.yml")
    assert not problems
    return {page.src: (page.content, page.blocks) for page in load_site(settings, cache).pages}


def _replace_line(path: Path, starts: str, new: Callable[[str], str]) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(starts))
    lines[index] = new(lines[index])
    path.write_text("\n".join(lines), encoding="utf-8")


def _append(path: Path, text: str) -> None:
    with open(path, "a", encoding="utf-8") as note:
        note.write(text)


def _edits(site: Path) -> list[tuple[str, Callable[[], None]]]:
    notes = site / "notes"
    seed = notes / "2020-12-01.md"
    other = sorted(notes.glob("*.md"))[-1]
    people = site / "people.yml"
    topics = site / "topics.yml"
    return [
        ("a line of prose", lambda: _append(seed, "\nWe agreed to ship Quadlet support for Buildah next.\n")),
        ("the note's title", lambda: _replace_line(seed, "# ", lambda _: "# Podman Community Meeting, renamed")),
        ("an attendee", lambda: _replace_line(seed, "Tom Sweeney,", lambda line: line + ", Ada Lovelace")),
        (
            "a spelling of a person",
            lambda: _replace_line(seed, "Tom Sweeney,", lambda line: line.replace("Tom ", "Thom ")),
        ),
        ("the latest note's title", lambda: _replace_line(other, "# ", lambda line: line + " (revised)")),
        ("a chat line", lambda: _append(other, "\n10:42:01 From Ada Lovelace to Everyone: is Netavark the default?\n")),
        ("a new note", lambda: shutil.copy(FIXTURES / "2021-07-15.md", notes / "2031-07-15.md")),
        ("a note removed", lambda: (notes / "2031-07-15.md").unlink()),
        ("people.yml", lambda: _append(people, "  - name: Ada Lovelace\n    aliases: [Ada L]\n")),
        ("a person's name", lambda: _replace_line(people, "  - name: Dan Walsh", lambda _: "  - name: Daniel J Walsh")),
        ("topics.yml", lambda: _append(topics, "  - name: Buildah\n    description: Building images.\n")),
        ("a topic's name", lambda: _replace_line(topics, "  - name: Quadlet", lambda _: "  - name: Quadlet units")),
        ("nothing", lambda: None),
    ]


def _check_rebuilds(site: Path, share_reused: float) -> None:
    """`share_reused`: the least share of pages a prose edit of one note must reuse."""
    reused = _check_sequence(site, _edits(site))
    kept, made = reused["a line of prose"]
    assert kept >= share_reused * (kept + made), f"a prose edit reused {kept} pages and made {made} again"
    assert reused["nothing"][1] == 0, f"with nothing changed, no page is made again: {reused['nothing']}"


def test_rebuilds_after_each_kind_of_edit_equal_a_fresh_build(tmp_path: Path) -> None:
    notes = {f.name: f.read_text(encoding="utf-8") for f in FIXTURES.glob("*.md")}
    _check_rebuilds(make_site(tmp_path, notes), share_reused=0.25)  # seven notes: most pages read the edited one


@pytest.mark.slow
@needs_corpus
def test_rebuilds_of_the_real_archive_equal_a_fresh_build(tmp_path: Path) -> None:
    notes = {f.name: f.read_bytes() for f in CORPUS.glob("*.md")}
    _check_rebuilds(make_site(tmp_path, notes), share_reused=0.75)


def _watched(tmp_path: Path) -> tuple[Any, Any]:
    """The demo archive as one page of it reads it, and the archive."""
    from meetings.memo import Watched

    site = make_site(tmp_path)
    settings, _ = Settings.from_config_file(site / "mkdocs.yml")
    archive = load_site(settings, render=False).archive
    memo = PageMemo()
    memo.start(archive, None)
    assert memo.stamps is not None
    return Watched(archive, memo.stamps), archive


def test_a_page_that_reads_more_of_another_than_its_name_fails_loudly(tmp_path: Path) -> None:
    """Another page's person is seen by name only: a page that read their meetings would
    otherwise be reused when those change."""
    watched, archive = _watched(tmp_path)
    person = next(p for p in watched.people.values() if p.meetings)
    seen = watched.people[person.id]
    assert seen.name == person.name
    with pytest.raises(AttributeError, match="meetings"):
        _ = seen.meetings


def test_pages_that_quote_a_note_are_kept_when_only_other_lines_of_it_change(tmp_path: Path) -> None:
    """A topic or person page reads a few lines and parts of each meeting it lists: a line
    added at the end of one of those notes leaves it as it was; the note's own page and its
    neighbours' (whose pager shows its title) are the only meeting pages made again."""
    site = make_site(tmp_path)
    seed = site / "notes" / "2020-12-01.md"
    cache = BuildCache()
    memo = cache.store("pages", PageMemo)
    first = _pages(site, cache)
    before = dict(memo.previous)
    _append(seed, "\nA closing remark with no subject in it.\n")
    assert _pages(site, cache) != first
    made = {src for src, kept in memo.previous.items() if before.get(src) is not kept}
    quoting = {src for src in first if src.startswith(("topics/", "people/")) and "2020-12-01" in str(first[src])}
    assert quoting, "the seed note is quoted on topic and person pages"
    assert not made & quoting, f"made again though the lines they quote did not change: {sorted(made & quoting)}"
    assert "meetings/2020-12-01.md" in made


def test_a_page_that_calls_into_another_meeting_fails_loudly(tmp_path: Path) -> None:
    """Another page's meeting is read part by part; a method of it would read parts unseen."""
    watched, archive = _watched(tmp_path)
    seen = watched.meeting(archive.meetings[0].id)
    assert seen.date == archive.meetings[0].date
    with pytest.raises(AttributeError, match="section_at"):
        seen.section_at(1)


@pytest.mark.parametrize(
    ("kind", "table"), [("person", "people"), ("topic", "topics"), ("issue", "issues"), ("meeting", "meetings")]
)
def test_a_stamp_changes_with_everything_another_page_shows(tmp_path: Path, kind: str, table: str) -> None:
    """What another page shows of a person, topic or issue (its view), and what linking adds
    to a meeting, are in its stamp: a page that shows it is made again when it changes."""
    from meetings.memo import _SHOWN, Stamps

    notes = {f.name: f.read_text(encoding="utf-8") for f in FIXTURES.glob("*.md")}
    site = make_site(tmp_path, notes)
    settings, _ = Settings.from_config_file(site / "mkdocs.yml")
    archive = load_site(settings, render=False).archive
    things = getattr(archive, table)
    thing = things[0] if isinstance(things, list) else next(iter(things.values()))
    fields = _SHOWN.get(kind, ("name", "date", "series", "attendees", "sections"))

    def stamp(stamps: Stamps, thing: Any) -> object:  # a meeting's own page is keyed by its stamp
        return stamps.meeting(thing) if kind == "meeting" else stamps.answer((kind, thing.id))

    for name in fields:
        if isinstance(getattr(type(thing), name, None), property):
            continue  # worked out from the others (an issue's id from its repository and number)
        before = stamp(Stamps(archive), thing)
        value = getattr(thing, name)
        if name == "kind":
            changed = "pull" if value != "pull" else "issue"
        elif name == "sections":
            changed = [*value[:-1], type(value[-1])(**{**vars(value[-1]), "topics": ["someone-else"]})]
        elif isinstance(value, list):
            changed = [*value, "someone else"]
        elif isinstance(value, int) and not isinstance(value, bool):
            changed = value + 1
        else:
            changed = f"{value}, changed"
        setattr(thing, name, changed)
        assert stamp(Stamps(archive), thing) != before, f"a {kind}'s stamp misses its {name}"
        setattr(thing, name, value)


def _check_sequence(site: Path, edits: list[tuple[str, Callable[[], None]]]) -> dict[str, tuple[int, int]]:
    """After each edit in turn, a rebuild that keeps its memo equals a fresh build; returns
    how many pages each rebuild reused and made again."""
    cache = BuildCache()
    memo = cache.store("pages", PageMemo)
    _pages(site, cache)
    reused = {}
    for what, edit in edits:
        edit()
        rebuilt = _pages(site, cache)
        fresh = _pages(site)
        assert rebuilt.keys() == fresh.keys(), what
        stale = [src for src in fresh if rebuilt[src] != fresh[src]]
        assert not stale, f"after editing {what}, these pages differ from a fresh build: {stale[:5]}"
        reused[what] = (memo.reused, memo.made)
    return reused


def test_rebuilds_after_edits_to_what_subjects_are_mined_from_equal_a_fresh_build(tmp_path: Path) -> None:
    """A subject's meetings counted from a heading alone, and a plural learned from one note
    that folds the words of the notes left as they were."""
    site = make_site(tmp_path, {f.name: f.read_text(encoding="utf-8") for f in FIXTURES.glob("*.md")})
    notes = site / "notes"
    used = "\nWe ran `zebras check` and `zebras list` again.\n"
    _check_sequence(
        site,
        [
            ("a command in a first note", lambda: _append(notes / "2020-11-03.md", used)),
            ("a command in a second note", lambda: _append(notes / "2021-07-15.md", used)),
            ("a heading naming it in a third", lambda: _append(notes / "2022-03-17.md", "\n### Zebras\n")),
            ("the heading gone", lambda: _remove_line(notes / "2022-03-17.md", "\n### Zebras\n")),
            ("a command in a third note", lambda: _append(notes / "2023-07-20.md", used)),
            ("its singular in a fourth", lambda: _append(notes / "2024-04-16.md", "\nOne zebra is enough.\n")),
            ("the singular gone", lambda: _remove_line(notes / "2024-04-16.md", "\nOne zebra is enough.\n")),
        ],
    )


def test_rebuilds_after_edits_that_make_an_agenda_title_generic_or_not_equal_a_fresh_build(tmp_path: Path) -> None:
    """A title that recurs over bodies with little in common names no subject; one body
    written like another's makes it a subject, and written apart again a generic title."""
    site = make_site(tmp_path, {f.name: f.read_text(encoding="utf-8") for f in FIXTURES.glob("*.md")})
    notes = site / "notes"
    words = ["apples bananas cherries damsons elders figs", "gannets herons ibises jays kites larks"]
    words.append("marlins narwhals orcas pikes quahogs rays")
    third = notes / "2023-07-20.md"
    for note, said in zip(["2021-07-15.md", "2022-03-17.md", third.name], words, strict=True):
        section = f"### Zebrakit\n\nWe tried Zebrakit with {said}.\n\n"
        _replace_line(notes / note, "### Next Meeting:", lambda line, section=section: section + line)

    def topic() -> bool:
        return "topics/zebrakit.md" in _pages(site)

    assert not topic(), "three bodies with little in common: a generic title"
    edits = [
        ("a body written like another", lambda: third.write_text(third.read_text().replace(words[2], words[0]))),
        ("written apart again", lambda: third.write_text(third.read_text().replace(words[0], words[2]))),
    ]
    _check_sequence(site, [*edits, *edits])
    edits[0][1]()
    assert topic(), "two bodies alike: the title names a subject"


def test_a_time_written_in_another_zone_for_the_same_moment_is_published_as_written(tmp_path: Path) -> None:
    """With `time_zone: ''` each note's offset is kept as written: the same moment written
    in another zone changes what feeds and calendars print, though not when the meeting is."""
    notes = {f.name: f.read_text(encoding="utf-8") for f in FIXTURES.glob("*.md")}
    site = make_site(tmp_path, notes)
    _replace_line(site / "mkdocs.yml", "      strict_notes:", lambda line: line + "\n      time_zone: ''")
    latest = site / "notes" / "2026-02-03.md"
    date_line = next(line for line in latest.read_text(encoding="utf-8").split("\n") if line.startswith("## "))
    _check_sequence(
        site,
        [
            ("the latest note's time, in UTC", lambda: _replace_line(latest, date_line, lambda _: _in_utc(date_line))),
            ("a note's time, in UTC", lambda: _replace_line(site / "notes" / "2024-04-16.md", "## April", _in_utc)),
        ],
    )


def _in_utc(line: str) -> str:
    """ "## April 16, 2024 11:00 a.m. Eastern (UTC-4)" -> "## April 16, 2024 3:00 p.m. (UTC+0)" """
    offset = int(line.rsplit("(UTC", 1)[1].rstrip(")"))
    hour = 11 - offset
    return line.split(" 11:00")[0] + f" {hour - 12 if hour > 12 else hour}:00 {'p' if hour >= 12 else 'a'}.m. (UTC+0)"


def _swap(one: Path, other: Path) -> None:
    texts = one.read_bytes(), other.read_bytes()
    one.write_bytes(texts[1])
    other.write_bytes(texts[0])


def _remove_line(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(text, "", 1), encoding="utf-8")


def test_rebuilds_after_edits_to_what_the_archive_derives_equal_a_fresh_build(tmp_path: Path) -> None:
    """Edits whose effect reaches past their note: a subject crossing the number of meetings
    that makes it a topic, a spelling becoming a person's name, a cited document's series,
    attachments, a finding that counts another note's attendees, a person's name as another
    note spells it more often, two notes trading dates, the options mkdocs.yml gives the plugin."""
    site = make_site(tmp_path, {f.name: f.read_text(encoding="utf-8") for f in FIXTURES.glob("*.md")})
    notes, config, topics = site / "notes", site / "mkdocs.yml", site / "topics.yml"
    subject = "\nWe ran it on Zebrafish today, and Zebrafish was fast.\n"
    references = 'references:\n  - name: RFC\n    url: "https://www.rfc-editor.org/rfc/rfc{number}"\n'
    slides = notes / "2024-04-16"
    edits: list[tuple[str, Callable[[], None]]] = [
        ("a subject in a first note", lambda: _append(notes / "2020-11-03.md", subject)),
        ("a subject in a second note", lambda: _append(notes / "2021-07-15.md", subject)),
        ("a subject in a third note: a topic", lambda: _append(notes / "2022-03-17.md", subject)),
        ("not_topics", lambda: _append(topics, "not_topics: [Zebrafish]\n")),
        ("not_topics emptied", lambda: _remove_line(topics, "not_topics: [Zebrafish]\n")),
        ("a subject in two notes only", lambda: _remove_line(notes / "2022-03-17.md", subject)),
        ("a second spelling as used as the first", lambda: _respell(notes / "2022-03-17.md")),
        ("the second spelling most used", lambda: _respell(notes / "2026-02-03.md")),
        ("a link to slides", lambda: _append(notes / "2024-04-16.md", "\nSee the [slides](./slides.pdf).\n")),
        ("the slides added", lambda: (slides.mkdir(), (slides / "slides.pdf").write_bytes(b"%PDF-1.4\n"))),
        ("the slides removed", lambda: (slides / "slides.pdf").unlink()),
        ("a document cited", lambda: _append(notes / "2023-07-20.md", "\nWe read RFC 7231 again.\n")),
        ("community.yml", lambda: (site / "community.yml").write_text(references, encoding="utf-8")),
        ("community.yml removed", lambda: (site / "community.yml").unlink()),
        (
            "a near spelling of a known person",
            lambda: _replace_line(notes / "2024-04-16.md", "Tom Sweeney, Ada", _and_name),
        ),
        (
            "that person seen in one meeting less",  # another note's finding says in how many
            lambda: _replace_line(notes / "2023-07-20.md", "Ada Lovelace, Grace", lambda _: "Ada Lovelace"),
        ),
        ("a presenter named in one note", lambda: _replace_line(notes / "2024-04-16.md", "Widgets were", _gadgets)),
        ("their name written twice otherwise in another's chat", lambda: _chat(notes / "2026-02-03.md", 2)),
        ("once", lambda: _chat(notes / "2026-02-03.md", 1)),  # the first note's page shows the other spelling
        ("two notes trading dates", lambda: _swap(notes / "2023-07-20.md", notes / "2024-04-16.md")),
        ("max_refs_per_note", lambda: _replace_line(config, "      strict_notes:", _and("max_refs_per_note: 1"))),
        ("site_url", lambda: _append(config, "site_url: https://example.org/meetings/\n")),
        ("use_directory_urls", lambda: _append(config, "use_directory_urls: false\n")),
    ]
    _check_sequence(site, edits)


def _gadgets(line: str) -> str:
    return f"{line}\n\n#### Gadgets - Zed Quill\nGadgets too."


def _chat(note: Path, times: int) -> None:
    """`times` lines of the chat by "zed quill" (a spelling used more often is a person's name)."""
    lines = [line for line in note.read_text(encoding="utf-8").split("\n") if "zed quill" not in line]
    at = lines.index("00:11:53\tTom Sweeney (Red Hat LLC):\tPlease turn on video.")
    lines[at:at] = [f"00:11:0{n}\tzed quill:\tA question about gadgets." for n in range(times)]
    note.write_text("\n".join(lines), encoding="utf-8")


def _and_name(line: str) -> str:
    return line + ", Grace Hoppr"


def _and(option: str) -> Callable[[str], str]:
    """A plugin option added after the line given."""
    return lambda line: f"{line}\n      {option}"


def _respell(path: Path) -> None:
    """Linus Pauling written with his middle initial throughout the note."""
    path.write_text(path.read_text(encoding="utf-8").replace("Linus Pauling", "Linus C. Pauling"), encoding="utf-8")


WHO_IS_WHO = {
    "2025-03-04.md": """---
me: Ada Lovelace
---
# Podman Community Meeting Notes
## March 4, 2025 11:00 a.m. Eastern (UTC-5)

### Attendees
Ada Lovelace, Grace Hopper, Tom Sweeney

### Meeting Notes

#### Widget guide
Grace asked whether Katherine Johnson could review the guide.

### Raw Meeting Chat:

```
00:05:46\tMe:\tHello from the one taking notes.
00:06:10\tcountess:\tHello.
00:07:00\tAda:\tHi all.
```
""",
    "2025-04-01.md": """# Podman Community Meeting Notes
## April 1, 2025 11:00 a.m. Eastern (UTC-4)

### Attendees
Ada Byron, Grace Hopper, Tom Sweeney

### Meeting Notes

#### Widget guide
Ada Byron showed the guide.
""",
}


def test_rebuilds_after_edits_to_who_is_who_equal_a_fresh_build(tmp_path: Path) -> None:
    """Edits that change who a name is without changing the names written: the note taker
    ("Me"), a handle whose chat message is a full name, a bare first name whose note is
    renamed (the people of that meeting decide it); and a name written in one note's prose
    that another note's attendee list makes a person."""
    notes: dict[str, str | bytes] = {f.name: f.read_text(encoding="utf-8") for f in FIXTURES.glob("*.md")}
    site = make_site(tmp_path, {**notes, **WHO_IS_WHO})
    note, other = site / "notes" / "2025-03-04.md", site / "notes" / "2025-04-01.md"
    edits: list[tuple[str, Callable[[], None]]] = [
        ("the note taker", lambda: _replace_line(note, "me: ", lambda _: "me: Grace Hopper")),
        (
            "a handle's message a full name",
            lambda: _replace_line(note, "00:06:10", lambda _: "00:06:10\tcountess:\tAda Lovelace"),
        ),
        (
            "a name in prose made a person",
            lambda: _replace_line(other, "Ada Byron,", lambda line: line + ", Katherine Johnson"),
        ),
        (
            "a person named in prose",
            lambda: _replace_line(note, "Grace asked", lambda line: line + " Ada Byron agreed."),
        ),
        ("the note renamed", lambda: note.rename(note.with_name("2025-03-05.md"))),
    ]
    _check_sequence(site, edits)


def test_who_is_who_after_a_rebuild_is_reported_as_after_a_fresh_build(tmp_path: Path) -> None:
    """`meetings people` lists the same merges and look-alikes after a rebuild that read back
    what it had learned as after a fresh build."""
    notes: dict[str, str | bytes] = {f.name: f.read_text(encoding="utf-8") for f in FIXTURES.glob("*.md")}
    other = WHO_IS_WHO["2025-04-01.md"].replace("Tom Sweeney\n", "Tom Sweeney, M\u0430tt Heon\n")  # a Cyrillic "а"
    notes["2025-04-01.md"] = other + "\n#### Next Steps\n  * T\u043em Sweeney: look at it.\n"  # and "о"
    site = make_site(tmp_path, {**notes, "2025-03-04.md": WHO_IS_WHO["2025-03-04.md"]})
    settings, _ = Settings.from_config_file(site / "mkdocs.yml")
    cache = BuildCache()
    load_site(settings, cache, render=False)
    _append(site / "notes" / "2025-03-04.md", "\nWe agreed to ship Quadlet support next.\n")
    rebuilt = load_site(settings, cache, render=False).identities.report
    fresh = load_site(settings, render=False).identities.report
    assert rebuilt.merges and rebuilt.refused
    assert (rebuilt.merges, rebuilt.near_misses, rebuilt.refused) == (fresh.merges, fresh.near_misses, fresh.refused)


def test_a_note_shown_as_text_then_mended_is_rebuilt_as_a_fresh_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A note the parser or linking fails on is published as text (no digest of its parse,
    or none at all); once mended, its page and those that read it are made again."""
    from meetings import archive
    from meetings import notes as notes_module

    parse, link = notes_module.parse_note, archive._link_people
    faults: list[str] = []

    def failing_parse(text: str, *args: Any, **kwargs: Any) -> Any:
        if "PARSE-FAULT" in text:
            faults.append("parse")
            raise RuntimeError("a fault in the parser")
        return parse(text, *args, **kwargs)

    def failing_link(table: Any, meeting: Any, person: Any) -> Any:
        if not meeting.plain and "LINK-FAULT" in meeting.lines:
            faults.append("link")
            raise RuntimeError("a fault in linking")
        return link(table, meeting, person)

    monkeypatch.setattr(notes_module, "parse_note", failing_parse)
    monkeypatch.setattr(archive, "_link_people", failing_link)
    site = make_site(tmp_path, {f.name: f.read_text(encoding="utf-8") for f in FIXTURES.glob("*.md")})
    note = site / "notes" / "2022-03-17.md"
    _check_sequence(
        site,
        [
            ("a note the parser fails on", lambda: _append(note, "\nPARSE-FAULT\n")),
            ("the note mended", lambda: _remove_line(note, "\nPARSE-FAULT\n")),
            ("a note linking fails on", lambda: _append(note, "\nLINK-FAULT\n")),
            ("the note mended again", lambda: _remove_line(note, "\nLINK-FAULT\n")),
        ],
    )
    assert {"parse", "link"} <= set(faults)


@pytest.mark.slow
def test_what_serve_keeps_does_not_grow_with_each_edit_of_a_long_note(tmp_path: Path) -> None:
    """Across rebuilds, only what the latest build used is kept: a long note edited again
    and again (a transcript pasted as prose, say) must not leave each of its versions behind."""
    import gc
    import random
    import tracemalloc

    pick = random.Random(7)
    words = ["Buildah", "container", "image", "network", "Quadlet", "rootless", "pod", "volume", "registry"]
    lines = (" ".join(f"{pick.choice(words)}{pick.randint(0, 5000)}" for _ in range(12)) for _ in range(5000))
    head = "# Podman Community Meeting\n## January 7, 2025 11:00 a.m. Eastern (UTC-5)\n\n### Notes\n"
    notes = {f.name: f.read_text(encoding="utf-8") for f in FIXTURES.glob("*.md")}
    notes["2025-01-07.md"] = head + "\n".join(lines) + "\n"
    site = make_site(tmp_path, notes)
    settings, _ = Settings.from_config_file(site / "mkdocs.yml")
    cache = BuildCache()
    kept = []
    tracemalloc.start()
    try:
        for edit in range(9):
            _append(site / "notes" / "2025-01-07.md", f"\nEdit number {edit} while the site is served.\n")
            load_site(settings, cache)
            gc.collect()
            kept.append(tracemalloc.get_traced_memory()[0])
    finally:
        tracemalloc.stop()
    size = (site / "notes" / "2025-01-07.md").stat().st_size
    grown = kept[-1] - kept[2]
    assert grown < 10 * size, f"six more edits of a {size:,}-byte note kept {grown:,} more bytes"


ETHEREUM = CORPUS.parent / "ethereum-acd"


@pytest.mark.slow
@pytest.mark.skipif(not ETHEREUM.is_dir(), reason=f"the Ethereum notes are not here ({ETHEREUM})")
def test_rebuilds_of_a_numbered_archive_equal_a_fresh_build(tmp_path: Path) -> None:
    """Notes named by number whose date line lacks its year take it from their numbered
    neighbours, so an edit of one note can move another's date; decisions and EIPs too."""
    site = tmp_path / "site"
    shutil.copytree(ROOT / "examples" / "ethereum-acd", site)
    shutil.copytree(ETHEREUM, site / "notes")
    _replace_line(site / "mkdocs.yml", "      notes_dir:", lambda _: "      notes_dir: notes")
    notes = sorted(site.glob("notes/Meeting *.md"), key=lambda p: int(p.stem.split()[-1]))
    middle = len(notes) // 2

    def without_year(note: Path) -> Callable[[], None]:
        yearless = lambda line: re.sub(r",? 20\d\d", "", line, count=1)  # noqa: E731
        return lambda: _replace_line(note, "### Meeting Date/Time:", yearless)

    decision = lambda line: f"| 180.13 | **Holesky** One more decision, on EIP-4844.\n{line}"  # noqa: E731
    edits: list[tuple[str, Callable[[], None]]] = [
        ("a date line without its year", without_year(notes[middle])),
        ("its neighbour's too", without_year(notes[middle - 1])),
        ("a neighbour removed", lambda: notes[middle + 1].unlink()),
        ("a decision added", lambda: _replace_line(site / "notes" / "Meeting 180.md", "| 180.2 |", decision)),
        ("an EIP cited", lambda: _append(notes[3], "\nWe talked about EIP-7702 again.\n")),
    ]
    _check_sequence(site, edits)


def test_a_line_that_stops_being_the_attendee_list_is_read_for_subjects_again() -> None:
    """The same lines read with another line as the attendee list (a community's settings
    changed how the note is read): what linking kept for the first reading is not reused."""
    from dataclasses import replace

    from meetings.parse.note import parse_note

    text = (FIXTURES / "2021-07-15.md").read_text(encoding="utf-8")
    meeting = parse_note(text, "notes/2021-07-15.md", "2021-07-15")
    kept = subjects._Kept()
    lines = archive._note_lines(meeting, kept)
    listed = archive._subject_lines(meeting, lines, kept)
    assert meeting.attendees_line not in {n for n, _ in listed}
    unlisted = archive._subject_lines(replace(meeting, attendees_line=None), lines, kept)
    assert meeting.attendees_line in {n for n, _ in unlisted}


def test_a_rebuild_reads_again_only_the_notes_whose_files_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unchanged note file is known by its status and not read again; a change that keeps
    its size (a letter for a letter) still changes its status, and the note is read again
    (by each reading: a site with no community.yml first reads its notes with no settings)."""
    monkeypatch.setattr(notes, "RECENT_NS", 0)  # the fixtures were written just now
    site = make_site(tmp_path, {f.name: f.read_text(encoding="utf-8") for f in FIXTURES.glob("*.md")})
    real = notes.read_regular
    read: list[str] = []
    monkeypatch.setattr(notes, "read_regular", lambda path, limit: (read.append(path.name), real(path, limit))[1])
    settings, _ = Settings.from_config_file(site / "mkdocs.yml")
    cache = BuildCache()
    load_site(settings, cache, render=False)
    assert sorted(set(read)) == sorted(p.name for p in (site / "notes").glob("*.md"))
    read.clear()
    time.sleep(0.05)  # past the file clock's tick
    note = site / "notes" / "2021-07-15.md"
    note.write_text(note.read_text(encoding="utf-8").replace("Tom Sweeney", "Tim Sweeney", 1), encoding="utf-8")
    rebuilt = load_site(settings, cache, render=False).archive
    assert set(read) == {"2021-07-15.md"}
    assert "Tim Sweeney" in rebuilt.meeting("2021-07-15").attendees


def test_a_rebuild_after_editing_a_recap_equals_a_fresh_build(tmp_path: Path) -> None:
    """The recap shows in the index, the home page, the card and the feeds: all of them follow it."""
    site = make_site(tmp_path, {f.name: f.read_text(encoding="utf-8") for f in FIXTURES.glob("*.md")})
    note = site / "notes" / "2026-02-03.md"
    recap = "The meeting went over the widget guide and pull speed, and the next release date."
    _check_sequence(
        site,
        [("the recap", lambda: _replace_line(note, "#### Quick Recap", lambda line: line + "\n" + recap + "\n"))],
    )
