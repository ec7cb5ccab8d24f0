"""people.yml: validated with line numbers; the identities it gives."""

from pathlib import Path

from meetings.identity import Identities
from meetings.people import PersonEntry, load_people


def test_valid_file(tmp_path: Path) -> None:
    path = tmp_path / "people.yml"
    path.write_text(
        "people:\n  - name: Matt Heon\n    aliases: [mheon]\n  - name: James Cassell\n    me_in: [2020-12-01]\n"
    )
    entries, problems = load_people(path, "people.yml")
    assert problems == []
    assert [(e.name, e.aliases, e.me_in) for e in entries] == [
        ("Matt Heon", ["mheon"], []),
        ("James Cassell", [], ["2020-12-01"]),
    ]


def test_mistakes_are_reported_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "people.yml"
    path.write_text("people:\n  - name: Matt Heon\n    alias: [mheon]\n  - aliases: [x]\n  - name: matt heon\n")
    entries, problems = load_people(path, "people.yml")
    messages = [(p.line, p.message) for p in problems]
    assert (2, "unknown key(s) alias; expected aliases, github, me_in, name, not_same") in messages
    assert any(line == 4 and "needs a 'name'" in text for line, text in messages)
    assert any(line == 5 and "already used" in text for line, text in messages)
    assert [e.name for e in entries] == ["Matt Heon", "matt heon"]


def test_broken_yaml_and_python_tags_are_errors_not_crashes(tmp_path: Path) -> None:
    path = tmp_path / "people.yml"
    path.write_text("people: [\n")
    assert load_people(path, "people.yml")[1][0].message.startswith("not valid YAML")
    path.write_text("people: !!python/object/apply:os.system ['echo hacked']\n")
    entries, problems = load_people(path, "people.yml")
    assert entries == [] and problems


def test_absent_file_is_fine(tmp_path: Path) -> None:
    assert load_people(tmp_path / "none.yml", "none.yml") == ([], [])


def test_identity_rules() -> None:
    ids = Identities(
        [
            PersonEntry("Matt Heon", ["mheon"]),
            PersonEntry("James Cassell", me_in=["2020-12-01"]),
            PersonEntry("Dan Walsh", ["Daniel (rhatdan) Walsh"]),
        ]
    )
    assert ids.resolve("mheon", "2020-12-01") == "matt-heon"
    assert ids.resolve("MATT  HEON", "x") == "matt-heon"
    assert ids.resolve("Daniel (rhatdan) Walsh", "x") == "dan-walsh"
    assert ids.resolve("Me", "2020-12-01") == "james-cassell"
    assert ids.resolve("Me", "2021-02-02") is None
    assert ids.resolve("Guest 5", "2020-12-01") is None
    assert ids.resolve("Greg Shomo (Northeastern)", "x") == ids.resolve("Greg Shomo", "x") == "greg-shomo"
    assert ids.resolve("Anders Bjorklund", "x") == ids.resolve("Anders Björklund", "x")
    assert ids.resolve("Christian Felder", "x") != ids.resolve("Christian Korneck", "x")
