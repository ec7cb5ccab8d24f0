"""people.yml, topics.yml and front matter come by pull request: whatever they hold, the
loaders report it with file and line and never raise; one bad entry never costs the others."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from meetings.model import ERROR, WARNING
from meetings.people import load_people
from meetings.topics import load_topics

# Nine nested levels of nine aliases each: 9**9 (387 million) strings once expanded.
LAUGHS = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{b}: &{b} [{', '.join([f'*{a}'] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi", strict=True)
)


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def people(tmp_path: Path, text: str | bytes):  # type: ignore[no-untyped-def]
    return load_people(write(tmp_path, "people.yml", text), "people.yml")


def topics(tmp_path: Path, text: str | bytes):  # type: ignore[no-untyped-def]
    return load_topics(write(tmp_path, "topics.yml", text), "topics.yml")


@pytest.mark.parametrize("load", [people, topics])
def test_nested_aliases_are_refused_quickly_with_their_line(tmp_path: Path, load) -> None:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    entries, problems = load(tmp_path, "# a comment\n" + LAUGHS)
    assert time.perf_counter() - started < 1
    assert entries == []
    [problem] = problems
    assert (problem.level, problem.line) == (ERROR, 2)
    assert "aliases" in problem.message


def test_a_single_alias_is_refused_too(tmp_path: Path) -> None:
    entries, problems = people(tmp_path, "people:\n  - name: &n Ada\n  - name: *n\n")
    assert entries == []
    assert [(p.level, p.line) for p in problems] == [(ERROR, 2)]


def test_a_second_people_key_is_reported_not_silently_used(tmp_path: Path) -> None:
    entries, problems = people(tmp_path, "people:\n  - name: Ada\npeople:\n  - name: Grace\n")
    assert [e.name for e in entries] == ["Ada"]
    assert [(p.level, p.line) for p in problems] == [(WARNING, 3)]
    assert "twice (first on line 1)" in problems[0].message


def test_a_duplicate_key_in_an_entry_is_reported(tmp_path: Path) -> None:
    entries, problems = people(tmp_path, "people:\n  - name: Ada\n    github: ada\n    name: Grace\n")
    assert [e.name for e in entries] == ["Ada"]
    assert [(p.level, p.line) for p in problems] == [(WARNING, 4)]
    _, problems = topics(tmp_path, "topics:\n  - name: quadlet\n    name: kube\n")
    assert [(p.level, p.line) for p in problems] == [(WARNING, 3)]


def test_topics_messages_have_lines(tmp_path: Path) -> None:
    text = "topics:\n  - name: quadlet\n    alias: [q]\n  - description: no name\n  - name: kube\n    aliases: 3\n"
    entries, problems = topics(tmp_path, text)
    assert [e.name for e in entries] == ["quadlet", "kube"]
    assert [p.line for p in problems] == [2, 4, 5]
    assert all(p.level == WARNING for p in problems)


@pytest.mark.parametrize(
    "entry",
    [
        "{1: a, b: c}",
        "{[x]: a, name: Ada}",
        "{{x: 1}: a, name: Ada}",
        "{name: [Ada], aliases: {a: 1}}",
        "{name: Ada, 2020-01-01: x, null: y, true: z, 1.5: w}",
        "[1, 2]",
        "name",
        "{name: Ada, me_in: 2020-13-45, github: !!int nine}",
    ],
)
def test_an_entry_of_mixed_types_is_skipped_with_its_line(tmp_path: Path, entry: str) -> None:
    text = f"people:\n  - name: Grace Hopper\n  - {entry}\n  - name: Tom Sweeney\nnot_people: [Brno]\n"
    entries, problems = people(tmp_path, text)
    assert {"Grace Hopper", "Tom Sweeney", "Brno"} <= {e.name for e in entries}
    assert problems and all(p.line == 3 for p in problems), problems
    assert all(p.level == WARNING for p in problems)
    entries, problems = topics(tmp_path, "topics:" + text.split(":", 1)[1].replace("not_people: [Brno]\n", ""))
    assert {"Grace Hopper", "Tom Sweeney"} <= {e.name for e in entries}
    assert problems and all(p.line == 3 for p in problems), problems


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (b"people:\n  - name: Bj\xf6rn\n", 2),  # Latin-1, not UTF-8
        ("people:\n  - name: Ada\n\t- name: Tab\n", 3),
        ("people:\n  - name: Ada\n  - name: \x07bell\n", 3),
        ("people:\n  - name: Ada\n---\npeople: []\n", 3),
        ("people:\n  - name: " + "[" * 10_000 + "\n", 2),
        ("people: !!python/object/apply:os.system ['touch hacked']\n", 1),
        ("people:\n  - !!set {a, b}\n", 2),
    ],
)
def test_unusable_files_are_one_error_with_a_line(tmp_path: Path, text: str | bytes, line: int) -> None:
    for load in (people, topics):
        entries, problems = load(tmp_path, text)
        assert entries == []
        assert [(p.level, p.line) for p in problems] == [(ERROR, line)], problems
    assert not (tmp_path / "hacked").exists()


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "people.yml"
    with path.open("wb") as out:
        out.write(b"people:\n")
        out.truncate(100_000_000)  # sparse: nothing is written to disk
    started = time.perf_counter()
    entries, problems = load_people(path, "people.yml")
    assert time.perf_counter() - started < 1
    assert entries == [] and [p.level for p in problems] == [ERROR]
    assert "limit" in problems[0].message


def test_a_lone_surrogate_escape_is_replaced_and_reported(tmp_path: Path) -> None:
    entries, problems = people(tmp_path, 'people:\n  - name: "Ada \\udc80"\n    aliases: ["\\ud800x"]\n')
    [entry] = entries
    assert (entry.name, entry.aliases) == ("Ada \ufffd", ["\ufffdx"])
    [entry.name.encode("utf-8") for entry in entries]
    assert [p.line for p in problems] == [2, 3]
    [topic], problems = topics(tmp_path, 'topics:\n  - name: quadlet\n    description: "\\udfff"\n')
    topic.description.encode("utf-8")
    assert [p.line for p in problems] == [3]


def test_names_are_one_line(tmp_path: Path) -> None:
    entries, _ = people(tmp_path, 'people:\n  - name: "Ada\\n> quote\\t\\u0085x"\n    aliases: ["a\\r\\nb"]\n')
    assert (entries[0].name, entries[0].aliases) == ("Ada > quote x", ["a b"])
    entries, _ = topics(tmp_path, 'topics:\n  - name: "quad\\nlet"\n')
    assert entries[0].name == "quad let"


def test_the_shipped_files_load_cleanly() -> None:
    root = Path(__file__).resolve().parent.parent
    entries, problems = load_people(root / "people.yml", "people.yml")
    assert problems == [] and len(entries) > 5
    found, problems = load_topics(root / "topics.yml", "topics.yml")
    assert problems == [] and len(found) > 5
