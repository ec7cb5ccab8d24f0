"""Any name is safe to read, and names are what they look like.

Which spellings merge and which are errors (the rule of `identity.py`):
- invisible and direction-changing characters are removed before names are compared
  ("Tom\\u200b Sweeney", "Tom\\u200bSweeney", "Matt\\u202eHeon"): what is left is an
  ordinary spelling, resolved like any other ("TomSweeney" is a handle of Tom Sweeney);
- a name written in one script per word ("Иван Петров", "田中 司恩", "Wang 王") is a
  normal name with a page of its own;
- a word mixing scripts ("Mаtt" with a Cyrillic "а"), or a name that differs from
  another name of the archive only by look-alike letters ("ΜΑΤΤ ΗΕΟΝ" in Greek capitals
  beside "Matt Heon"), is an error on its line and links to no one: it is never merged
  with the person it imitates and gets no page of its own.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from meetings.archive import build_archive
from meetings.cli import main as cli
from meetings.identity import Identities, name_key
from meetings.model import ERROR, ChatMessage, Meeting, Section
from meetings.parse.names import (
    as_latin,
    is_person,
    looks_like_name,
    mixed_script,
    split_names,
    split_presenters,
    strip_affiliation,
)
from meetings.people import PersonEntry
from meetings.text import clean_name, fold, initials, slugify

from .conftest import build, make_site, page_text

CYRILLIC_MATT = "M\u0430tt He\u043en"  # Cyrillic а and о
GREEK_MATT = "\u039c\u0391\u03a4\u03a4 \u0397\u0395\u039f\u039d"  # "ΜΑΤΤ ΗΕΟΝ", all Greek capitals

HOSTILE = [
    "",
    " ",
    "\t\n",
    "-",
    "—",
    "...",
    "()",
    "(x)",
    "王",
    "汪",
    "Wang 王",
    "Ed -",
    "Ada 🎉",
    "🎉",
    "👨\u200d👩\u200d👧",
    "محمد علي",
    "שרה לוי",
    "Иван Петров",
    "田中 司恩",
    "Shion Tanaka (田中 司恩)",
    "\u0301",
    "e\u0301\u0301\u0301",
    "Zalgo Ṱ̴̢̛̛͔̙͇͔̲̼͙͚̳̮̖̳̹̯̖͙͗̀̍̈́̽͛̈̈́̎̓̽̂̀̓̓̀͛̕͝ͅ",
    CYRILLIC_MATT,
    GREEK_MATT,
    "Tom\u200b Sweeney",
    "Matt\u202eHeon",
    "\ufeff",
    "\u200b\u200b",
    "\u00ad",
    "Ｍａｔｔ Ｈｅｏｎ",
    "x" * 5000,
    "王" * 5000,
    "Ab " * 2000,
]


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_every_name_helper_is_total(text: str) -> None:
    slug = slugify(text)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) and len(slug) <= 80
    assert isinstance(fold(text), str) and isinstance(clean_name(text), str)
    assert initials(text)
    assert isinstance(name_key(text), str) and isinstance(as_latin(text), str)
    assert isinstance(mixed_script(text), list)
    looks_like_name(text), is_person(text), strip_affiliation(text), split_names(text), split_presenters(text)


def meeting(ident: str, attendees: list[str], presenters: list[str] = (), chat: list[str] = ()) -> Meeting:
    m = Meeting(ident, f"notes/{ident}.md", [""] * 40, date=ident, attendees=list(attendees))
    m.attendees_line = 3
    if presenters:
        m.sections = [Section("talk", "Talk", 5, 8, 2, list(presenters), presenter_line=6)]
    m.chat = [ChatMessage(10 + i, author, "11:00", "hi") for i, author in enumerate(chat)]
    return m


def test_any_name_in_any_place_builds_an_archive() -> None:
    """A surname with no ASCII letter once broke the handle lookup ("pholzinger")."""
    names = [n for n in HOSTILE if n.strip()]
    archive = build_archive(
        [
            meeting("2021-01-01", ["Paul Holzinger", *names], names, ["pholzinger", "tsweeney", *names]),
            meeting("2021-02-01", names[::-1], chat=["Wang", "wang", "王王王王"]),
        ],
        Identities([]),
    )
    assert archive.names[("2021-01-01", "pholzinger")] == "paul-holzinger"


def test_non_latin_names_get_pages_of_their_own() -> None:
    names = ["Wang 王", "Wang Wang", "王", "汪", "Иван Петров", "Анна Петрова", "محمد علي", "سارة علي", "Qi Wang"]
    archive = build_archive([meeting("2021-01-01", names)], Identities([]))
    ids = [archive.names[("2021-01-01", n)] for n in names]
    assert len(set(ids)) == len(names), dict(zip(names, ids, strict=True))
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", i) and not i.startswith("x") for i in ids)
    assert [archive.people[i].name for i in ids] == names


def test_slugs_of_other_scripts_are_stable_and_apart() -> None:
    assert slugify("Иван Петров") == slugify("иван  петров")  # case and spacing, as for Latin
    assert slugify("王") != slugify("汪") and slugify("🎉") != slugify("🎊")
    assert slugify("Wang 王") != slugify("Wang Wang")
    # Latin slugs are as they always were
    assert slugify("Anders Björklund") == "anders-bjorklund" and slugify("Sally O’Malley") == "sally-omalley"
    assert slugify("...") == slugify("") == "x"


def test_clean_name_removes_what_does_not_show() -> None:
    for invisible in "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2064\u2066\u2069\ufeff\u00ad":
        assert clean_name(f"Tom{invisible} Sweeney") == "Tom Sweeney"
    assert clean_name(" Ｔｏｍ\u00a0\u00a0Sweeney\u3000") == "Tom Sweeney"
    assert clean_name("Matt\u202eHeon") == "MattHeon"


def test_mixed_script_words() -> None:
    assert mixed_script(CYRILLIC_MATT) == ["\u0430", "\u043e"]
    assert mixed_script("m\u04bbeon") == ["\u04bb"]
    for name in [
        "Иван Петров",
        "田中 司恩",
        "山田はなこ",
        "Shion Tanaka (田中 司恩)",
        "Björklund",
        "Ｍａｔｔ",
        GREEK_MATT,
    ]:
        assert mixed_script(clean_name(name)) == [], name
    assert as_latin(GREEK_MATT) == "MATT HEON" and as_latin("Иван") != "Иван"


MATT = PersonEntry("Matt Heon", ["mheon"])


def test_look_alikes_link_to_no_one_and_are_errors() -> None:
    m = meeting(
        "2021-01-01",
        ["Matt Heon", CYRILLIC_MATT, GREEK_MATT, "Тоm Sweeney", "Tom Sweeney"],
        [CYRILLIC_MATT],
        ["m\u04bbeon", CYRILLIC_MATT],
    )
    identities = Identities([MATT])
    archive = build_archive([m], identities)
    for name in [CYRILLIC_MATT, GREEK_MATT, "Тоm Sweeney", "m\u04bbeon"]:
        assert ("2021-01-01", name) not in archive.names, name
    assert archive.names[("2021-01-01", "Matt Heon")] == "matt-heon"
    matt = archive.people["matt-heon"]
    assert matt.aliases == [] and matt.talks == [] and matt.messages == []
    assert {p.name for p in archive.people.values()} == {"Matt Heon", "Tom Sweeney"}
    errors = [(d.line, d.message) for d in archive.meetings[0].diagnostics if d.level == ERROR]
    assert [line for line, _ in errors] == [3, 3, 3, 6, 10, 11]  # attendees, presenter, chat lines
    assert "CYRILLIC SMALL LETTER A" in errors[0][1] and "looks like 'Matt Heon'" in errors[1][1]
    assert set(identities.report.refused) == {CYRILLIC_MATT, GREEK_MATT, "Тоm Sweeney", "m\u04bbeon"}


def test_a_look_alike_is_refused_whichever_comes_first() -> None:
    """The imitation is the spelling with look-alike letters, not the later one."""
    archive = build_archive([meeting("2021-01-01", [GREEK_MATT]), meeting("2021-02-01", ["Matt Heon"])], Identities([]))
    assert ("2021-01-01", GREEK_MATT) not in archive.names
    assert archive.names[("2021-02-01", "Matt Heon")] == "matt-heon"


def test_a_name_in_one_other_script_is_no_look_alike() -> None:
    archive = build_archive([meeting("2021-01-01", ["Matt Heon", GREEK_MATT])], Identities([]))
    alone = build_archive([meeting("2021-01-01", [GREEK_MATT, "Иван Петров"])], Identities([]))
    assert ("2021-01-01", GREEK_MATT) not in archive.names
    assert alone.people[alone.names[("2021-01-01", GREEK_MATT)]].name == GREEK_MATT
    assert not [d for m in alone.meetings for d in m.diagnostics if d.level == ERROR]


def test_invisible_characters_are_the_same_person() -> None:
    m = meeting(
        "2021-01-01",
        ["Tom Sweeney", "Paul Holzinger", "Matt Heon"],
        chat=["Tom\u200b Sweeney", "Tom\u200bSweeney", "Paul\u2060 Holzinger", "Matt\u202eHeon", "\ufeffMatt Heon"],
    )
    archive = build_archive([m], Identities([]))
    assert archive.names[("2021-01-01", "Tom\u200b Sweeney")] == "tom-sweeney"
    assert archive.names[("2021-01-01", "Tom\u200bSweeney")] == "tom-sweeney"  # the "TomSweeney" handle
    assert archive.names[("2021-01-01", "Paul\u2060 Holzinger")] == "paul-holzinger"
    assert archive.names[("2021-01-01", "Matt\u202eHeon")] == "matt-heon"
    assert archive.names[("2021-01-01", "\ufeffMatt Heon")] == "matt-heon"
    shown = [s for p in archive.people.values() for s in [p.name, *p.aliases]]
    assert not [s for s in shown if clean_name(s) != s]


NOTE = """# Podman Community Meeting
## January 5, 2021 11:00 a.m. Eastern (UTC-5)

### Attendees
Tom Sweeney, Brent Baude, Wang 王, 王, Иван Петров, M\u0430tt He\u043en, Paul\u200b Holzinger

## Pods and names
### M\u0430tt He\u043en
#### (1:50 in the video)

Pods were discussed.

## BlueJeans Chat copy/paste:

```
Brent Baude10:56 AM
Welcome
Wang 王10:57 AM
hello from wang
Ada 🎉10:58 AM
party
Ed -10:59 AM
dash
-11:00 AM
lone dash
Tom\u200bSweeney11:01 AM
zero width
M\u0430tt He\u043en11:02 AM
I am Matt
pholzinger11:03 AM
a handle
```
"""


def test_a_note_with_every_kind_of_name_builds(tmp_path: Path) -> None:
    site = make_site(tmp_path, {"2021-01-05.md": NOTE})
    result = build(site, strict=False)
    assert result.returncode == 0, result.stderr
    assert "mixes scripts in one word" in result.stderr
    out = site / "site"
    page = (out / "meetings" / "2021-01-05" / "index.html").read_text(encoding="utf-8")
    people = {p.parent.name: page_text(p.read_text(encoding="utf-8")) for p in (out / "people").glob("*/index.html")}
    # non-Latin names: a page each, under ASCII slugs that are not "x"
    for name in ["Wang 王", "王", "Иван Петров"]:
        found = [slug for slug, text in people.items() if re.search(rf"^\s*{name} ¶", text, re.M)]
        assert len(found) == 1 and not found[0].startswith("x"), (name, found)
        assert f'href="../../people/{found[0]}/"' in page
    # the look-alike: shown as written, unlinked, no page; the real Matt Heon is untouched
    assert CYRILLIC_MATT in page_text(page)
    assert not re.search(rf"<a [^>]*>{CYRILLIC_MATT}</a>", page)
    assert not [slug for slug, text in people.items() if CYRILLIC_MATT in text]
    assert "2021-01-05" not in (out / "people" / "matt-heon" / "index.html").read_text(encoding="utf-8")
    # zero-width characters removed: Tom Sweeney and Paul Holzinger, linked to their pages
    thread = page.split("zero width")[0].rsplit('class="mt-group', 1)[-1]
    assert 'href="../../people/tom-sweeney/"' in thread
    assert 'href="../../people/paul-holzinger/"' in page
    assert "\u200b" not in people["paul-holzinger"]


def test_people_command_lists_refused_names(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "2021-01-05.md").write_text(NOTE, encoding="utf-8")
    assert cli(["people", str(tmp_path / "notes"), "--people", str(tmp_path / "none.yml")]) == 0
    printed = capsys.readouterr().out
    refused = printed.split("Refused, linked to no one (1):\n", 1)[1]
    assert f"'{CYRILLIC_MATT}' mixes scripts in one word" in refused.splitlines()[0]
