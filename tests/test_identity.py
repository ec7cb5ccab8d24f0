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


def _transcribed(m: Meeting, speakers: list[str]) -> Meeting:
    from meetings.model import TranscriptTurn

    m.transcript = [TranscriptTurn(20 + i, name, i * 60, "Hello everybody.") for i, name in enumerate(speakers)]
    return m


EVIDENCE = [
    meeting(
        "2022-01-04",
        ["Laura Santamaria", "Jan Rodak", "Faisal Razzak", "Stevan Le Meur", "Greg Shomo", "Lance Lovette"],
        chat=["Povilas Kanapickas"],
    ),
    meeting(
        "2022-02-01",
        ["Laura Santamaria", "Jan Rodak", "Faisal Razzak", "Stevan Le Meur", "Ionut Stoica", "Leon Nunes"],
        chat=["GShomo (Northeastern)", "iongion"],
    ),
    meeting(
        "2022-03-01",
        ["Laura Santamander", "Jan Roday", "Falsal Rzzzak", "Steven Le Meur", "Lance L", "Povilas K", "Leon N"],
    ),
    meeting("2022-04-01", ["Luca Di Maio", "Chris Evich", "Ada Lovelace"]),
    _transcribed(meeting("2022-05-01", ["Luca Di Maio Chris Evich", "Jan Rodak"]), ["Ada Lovelace", "Jan Rodak"]),
]
EVIDENCE[1].chat[1].text = "Ionut Stoica"


def test_spellings_with_evidence_in_the_notes_are_one_person() -> None:
    """Typos with one candidate, a handle beside the full name, "First L" partial names."""
    archive = build_archive(EVIDENCE, Identities([]))
    same = [
        ("2022-03-01", "Laura Santamander", "2022-01-04", "Laura Santamaria"),
        ("2022-03-01", "Jan Roday", "2022-01-04", "Jan Rodak"),
        ("2022-03-01", "Falsal Rzzzak", "2022-01-04", "Faisal Razzak"),
        ("2022-03-01", "Steven Le Meur", "2022-01-04", "Stevan Le Meur"),
        ("2022-02-01", "GShomo (Northeastern)", "2022-01-04", "Greg Shomo"),
        ("2022-02-01", "iongion", "2022-02-01", "Ionut Stoica"),
        ("2022-03-01", "Lance L", "2022-01-04", "Lance Lovette"),
        ("2022-03-01", "Povilas K", "2022-01-04", "Povilas Kanapickas"),
        ("2022-03-01", "Leon N", "2022-02-01", "Leon Nunes"),
    ]
    for one_meeting, one, other_meeting, other in same:
        assert archive.names[(one_meeting, one)] == archive.names[(other_meeting, other)], (one, other)
    # every merge is listed with its reason
    whys = {merge.spelling: merge.why for merge in archive_report(EVIDENCE).merges}
    assert whys["Jan Roday"] == "typo in the surname" and whys["iongion"] == "handle"
    assert whys["Lance L"].startswith("first name")


def archive_report(meetings: list[Meeting], entries: list[PersonEntry] = ()):  # type: ignore[no-untyped-def]
    identities = Identities(list(entries))
    build_archive(meetings, identities)
    return identities.report


def test_a_run_together_entry_of_two_known_people_is_two_people() -> None:
    archive = build_archive(EVIDENCE, Identities([]))
    luca = archive.people[archive.names[("2022-04-01", "Luca Di Maio")]]
    chris = archive.people[archive.names[("2022-04-01", "Chris Evich")]]
    assert "2022-05-01" in luca.meetings and "2022-05-01" in chris.meetings
    assert not any(" ".join(p.name.split()[:4]) == "Luca Di Maio Chris" for p in archive.people.values())


def test_transcript_speakers_are_credited_with_the_meeting() -> None:
    archive = build_archive(EVIDENCE, Identities([]))
    ada = archive.people[archive.names[("2022-04-01", "Ada Lovelace")]]
    assert "2022-05-01" in ada.meetings


def test_people_yml_undoes_an_automatic_merge() -> None:
    entries = [PersonEntry("Jan Rodak", not_same=["Jan Roday"]), PersonEntry("Leon Nunes", not_same=["Leon N"])]
    archive = build_archive(EVIDENCE, Identities(entries))
    assert archive.names[("2022-03-01", "Jan Roday")] != archive.names[("2022-01-04", "Jan Rodak")]
    assert archive.names[("2022-03-01", "Leon N")] != archive.names[("2022-02-01", "Leon Nunes")]
    assert archive.names[("2022-03-01", "Lance L")] == archive.names[("2022-01-04", "Lance Lovette")]


def test_a_first_name_and_initial_names_only_the_person_whose_surname_fits() -> None:
    """ "Alex G" and "Alex V" share the key of a bare "Alex": people.yml naming "Alex (axic)"
    as Alex Beregszaszi must not make them him."""
    entries = [PersonEntry("Alex Beregszaszi", ["Alex (axic)"]), PersonEntry("Alex Vlasov")]
    archive = build_archive(
        [meeting("2021-01-01", ["Alex Beregszaszi", "Alex Vlasov", "Alex G", "Alex V", "Alex B"])],
        Identities(entries),
    )
    ids = {name: archive.names[("2021-01-01", name)] for name in ("Alex G", "Alex V", "Alex B")}
    assert ids["Alex B"] == "alex-beregszaszi" and ids["Alex V"] == "alex-vlasov"
    assert ids["Alex G"] not in {"alex-beregszaszi", "alex-vlasov"}


# A regular attendee and two slips of the keyboard the spelling rules alone would not merge:
# two letters swapped ("Hoen"), a vowel group changed ("Shain"), both in short surnames.
SLIPS = [
    meeting(f"2023-0{month}-01", ["Edward Shen", "Matt Heon", "Urvashi Mohnani", "Lu Chen"]) for month in (1, 2, 3, 4)
] + [
    meeting("2023-05-01", ["Edward Shain", "Urvashi Mohnani"], chat=["Matt Hoen"]),
    meeting("2023-06-01", ["Matt Hoen", "Urvashi Mohnani"]),
    # Two listed together are two people, however alike.
    meeting("2023-07-01", ["Lu Chen", "Lu Chne"]),
]


def test_two_letters_swapped_or_a_vowel_group_changed_is_one_person_when_never_listed_together() -> None:
    archive = build_archive(SLIPS, Identities([]))
    assert archive.names[("2023-06-01", "Matt Hoen")] == archive.names[("2023-01-01", "Matt Heon")]
    assert archive.names[("2023-05-01", "Matt Hoen")] == "matt-heon"  # in the chat of a meeting he was not listed in
    assert archive.names[("2023-05-01", "Edward Shain")] == archive.names[("2023-01-01", "Edward Shen")]
    assert archive.names[("2023-07-01", "Lu Chne")] != archive.names[("2023-07-01", "Lu Chen")]
    whys = {merge.spelling: merge.why for merge in archive_report(SLIPS).merges}
    assert whys["Matt Hoen"] == "two letters swapped"
    assert whys["Edward Shain"] == "a vowel group changed"
    assert "Lu Chne" not in whys


def test_a_slip_needs_a_frequent_spelling_to_join_and_not_same_undoes_it() -> None:
    # Seen once each: nothing says which is the name, so both stay.
    pair = [meeting("2023-01-01", ["Matt Heon"]), meeting("2023-02-01", ["Matt Hoen"])]
    archive = build_archive(pair, Identities([]))
    assert archive.names[("2023-01-01", "Matt Heon")] != archive.names[("2023-02-01", "Matt Hoen")]
    entries = [PersonEntry("Edward Shen", not_same=["Edward Shain"])]
    archive = build_archive(SLIPS, Identities(entries))
    assert archive.names[("2023-05-01", "Edward Shain")] != archive.names[("2023-01-01", "Edward Shen")]


def test_a_handle_in_parentheses_says_which_of_two_of_a_first_name() -> None:
    """ "Alex (axic)" beside Alex Beregszaszi and Alex Vlasov is the Alex whose handle is
    axic; "Danny (axic)" is not him: the handle names someone of another first name."""
    found = [
        meeting("2024-01-01", ["Alex Beregszaszi (axic)", "Alex Vlasov", "Danny Ryan"]),
        meeting("2024-02-01", ["Alex (axic)", "Alex Beregszaszi", "Alex Vlasov", "Danny (axic)"]),
    ]
    archive = build_archive(found, Identities([]))
    assert archive.names[("2024-02-01", "Alex (axic)")] == archive.names[("2024-01-01", "Alex Beregszaszi (axic)")]
    assert archive.names.get(("2024-02-01", "Danny (axic)")) != archive.names[("2024-02-01", "Alex Beregszaszi")]
    whys = {m.spelling: m.why for m in archive_report(found).merges}
    assert whys["Alex (axic)"] == "handle in parentheses"


def test_two_spellings_written_with_one_handle_are_one_person() -> None:
    """ "Jane Doe @jdoe" and "Jane Doe-Smith @jdoe": the handle is hers; "(EF)" after two
    names is an organisation many share, never a reason to merge."""
    found = [
        meeting("2024-01-01", ["Jane Doe @jdoe", "Ravi Kumar (EF)"]),
        meeting("2024-02-01", ["Jane Doe @jdoe", "Li Wei (EF)"]),
        meeting("2024-03-01", ["Jane Doe-Smith @jdoe", "Ana Silva <ana@example.org>"]),
        meeting("2024-04-01", ["Ana M. Silva-Costa <ana@example.org>"]),
    ]
    archive = build_archive(found, Identities([]))
    assert archive.names[("2024-03-01", "Jane Doe-Smith @jdoe")] == archive.names[("2024-01-01", "Jane Doe @jdoe")]
    assert (
        archive.names[("2024-04-01", "Ana M. Silva-Costa <ana@example.org>")]
        == archive.names[("2024-03-01", "Ana Silva <ana@example.org>")]
    )
    assert archive.names[("2024-01-01", "Ravi Kumar (EF)")] != archive.names[("2024-02-01", "Li Wei (EF)")]
    whys = {m.spelling: m.why for m in archive_report(found).merges}
    assert whys["Jane Doe-Smith"] == "same handle or e-mail", whys
