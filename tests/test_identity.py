"""One person, one page: the spellings of the real notes resolve to one person, and
different people with similar names stay apart."""

from __future__ import annotations

from meetings.archive import build_archive
from meetings.identity import Identities
from meetings.model import ChatMessage, Meeting, Section
from meetings.people import PersonEntry


def meeting(ident: str, attendees: list[str], presenters: list[str] = (), chat: list[str] = ()) -> Meeting:
    m = Meeting(ident, f"notes/{ident}.md", [""] * 10, date=ident, attendees=list(attendees))
    if presenters:
        m.sections = [Section("talk", "Talk", 1, 5, 2, list(presenters))]
    m.chat = [ChatMessage(6 + i, author, "11:00", "hi") for i, author in enumerate(chat)]
    return m


MEETINGS = [
    meeting(
        "2021-01-01",
        [
            "Anders Björklund",
            "Matt Heon",
            "Tom Sweeney",
            "Christian Felder",
            "Christian Korneck",
            "Ed Haynes",
            "Ed Santiago",
            "Lokesh Mandvekar",
            "Brent Baude",
        ],
        chat=["afbjorklund", "mheon", "tsweeney", "Christian"],
    ),
    meeting(
        "2021-02-01",
        [
            "Anders Bjorklund",
            "Matt Heon",
            "Tom Sweeney",
            "Christopher Evich",
            "Christopher Fergeau",
            "Lokesh Mandvekar",
            "Brent Baude",
        ],
        presenters=["Anders F Björklund"],
        chat=["Matthew Heon (Red Hat LLC)", "Tom Sweeney (Red Hat, Inc.)"],
    ),
    meeting(
        "2021-03-01",
        ["Anders Björklund (afbjorklund)", "Lokesh Mandvekhar", "Brent Baud", "Christian Felder"],
        chat=["Christian"],
    ),
]


def people_of(archive, ident: str, names: list[str]) -> set[str | None]:
    return {archive.names.get((ident, name)) for name in names}


def test_spellings_resolve_to_one_person() -> None:
    archive = build_archive(MEETINGS, Identities([]))
    assert people_of(archive, "2021-01-01", ["Anders Björklund", "afbjorklund"]) == {"anders-bjorklund"}
    assert people_of(archive, "2021-02-01", ["Anders Bjorklund", "Anders F Björklund"]) == {"anders-bjorklund"}
    assert people_of(archive, "2021-03-01", ["Anders Björklund (afbjorklund)"]) == {"anders-bjorklund"}
    assert people_of(archive, "2021-01-01", ["Matt Heon", "mheon"]) == {"matt-heon"}
    assert people_of(archive, "2021-02-01", ["Matthew Heon (Red Hat LLC)"]) == {"matt-heon"}
    assert people_of(archive, "2021-01-01", ["Tom Sweeney", "tsweeney"]) == {"tom-sweeney"}
    assert people_of(archive, "2021-02-01", ["Tom Sweeney (Red Hat, Inc.)"]) == {"tom-sweeney"}
    assert people_of(archive, "2021-03-01", ["Lokesh Mandvekhar"]) == {"lokesh-mandvekar"}
    assert people_of(archive, "2021-03-01", ["Brent Baud"]) == {"brent-baude"}
    assert archive.people["anders-bjorklund"].name == "Anders Björklund"


def test_different_people_stay_apart() -> None:
    archive = build_archive(MEETINGS, Identities([]))
    pairs = [
        ("Christian Felder", "Christian Korneck", "2021-01-01"),
        ("Ed Haynes", "Ed Santiago", "2021-01-01"),
        ("Christopher Evich", "Christopher Fergeau", "2021-02-01"),
    ]
    for one, other, ident in pairs:
        assert archive.names[(ident, one)] != archive.names[(ident, other)]


def test_a_bare_first_name_resolves_only_when_one_person_fits() -> None:
    archive = build_archive(MEETINGS, Identities([]))
    assert archive.names.get(("2021-01-01", "Christian")) is None  # two Christians were there
    assert archive.names[("2021-03-01", "Christian")] == "christian-felder"  # only one was


def test_people_yml_wins() -> None:
    entries = [PersonEntry("Brent Baud", ["Brent Baud"]), PersonEntry("Ed Santiago Munoz", ["Ed Haynes"])]
    archive = build_archive(MEETINGS, Identities(entries))
    assert archive.names[("2021-03-01", "Brent Baud")] == "brent-baud"
    assert archive.names[("2021-01-01", "Ed Haynes")] == "ed-santiago-munoz"
