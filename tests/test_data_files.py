"""people.yml, topics.yml and front matter come by pull request: whatever they hold, the
loaders report it with file and line and never raise; one bad entry never costs the others."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from meetings.archive import build_archive
from meetings.config import MeetingsConfig
from meetings.identity import Identities
from meetings.model import ERROR, WARNING
from meetings.parse import parse_note
from meetings.people import load_people
from meetings.render.meeting import render_meeting
from meetings.render.writer import Writer
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


# -- a note's front matter -------------------------------------------------------------

NOTE = "# Podman Community Meeting\n## January 2, 2024 11:00 a.m. Eastern (UTC-5)\n\nText.\n"


def note(front: str):  # type: ignore[no-untyped-def]
    return parse_note(f"---\n{front}---\n{NOTE}", "notes/2024-01-02.md", "2024-01-02")


def warnings_of(meeting) -> list[tuple[int | None, str]]:  # type: ignore[no-untyped-def]
    return [(d.line, d.message) for d in meeting.diagnostics if d.level == WARNING]


def test_front_matter_of_known_keys_is_read() -> None:
    m = note("layout: default\ntitle: Podman Cabal\nseries: cabal\nme: Ada\nvideo_offset: 1:30\n")
    assert (m.title, m.series, m.me, m.video_offset, m.front_matter_lines) == ("Podman Cabal", "cabal", "Ada", 90, 7)
    assert warnings_of(m) == []


def test_a_block_of_ordinary_lines_between_rules_stays_on_the_page() -> None:
    text = "---\nWelcome to the notes.\nPlease add yourself below.\n---\n" + NOTE
    m = parse_note(text, "notes/2024-01-02.md", "2024-01-02")
    assert m.front_matter_lines == 0
    assert [(line, "not front matter" in text) for line, text in warnings_of(m)] == [(1, True)]
    page = render(m)
    assert "Welcome to the notes." in page and "Please add yourself below." in page


def test_a_block_with_keys_front_matter_does_not_use_stays_on_the_page() -> None:
    m = note("title: Podman\nNote: the recording starts late\n")
    assert m.front_matter_lines == 0 and m.title == "Podman Community Meeting"
    [(line, message)] = warnings_of(m)
    assert line == 3 and "'Note'" in message and "shown as text" in message
    assert "the recording starts late" in render(m)


def test_invalid_yaml_front_matter_stays_on_the_page() -> None:
    m = note("title: [unclosed\n")
    assert m.front_matter_lines == 0
    assert [line for line, _ in warnings_of(m)] == [2]
    assert "unclosed" in render(m)


@pytest.mark.parametrize(
    ("front", "key"),
    [
        ("title: [a, b]\n", "title"),
        ("series: {a: 1}\n", "series"),
        ("me: 42\n", "me"),
        ("recording: yes\n", "recording"),
        ("video_offset: 1.5\n", "video_offset"),
        ("title: true\n", "title"),
    ],
)
def test_known_keys_of_the_wrong_type_are_ignored_with_a_warning(front: str, key: str) -> None:
    m = note("layout: default\n" + front)
    assert m.front_matter_lines == 4  # still front matter: the other keys count
    [(line, message)] = warnings_of(m)
    assert line == 3 and key in message and "ignored" in message
    assert (m.title, m.series, m.me, m.recording, m.video_offset) == (
        "Podman Community Meeting",
        "community",
        None,
        None,
        0,
    )


def test_a_lone_surrogate_in_the_title_is_replaced_and_the_page_encodes() -> None:
    m = note('title: "Podman \\udc80 Meeting"\n')
    assert m.title == "Podman \ufffd Meeting"
    assert [line for line, _ in warnings_of(m)] == [2]
    render(m).encode("utf-8")


def test_titles_series_and_me_are_one_line_of_limited_length() -> None:
    m = note('title: "Meeting\\n> quoted\\n# heading\\u2028x"\nme: "Ada\\r\\nLovelace"\nseries: "a\\tb"\n')
    assert (m.title, m.me, m.series) == ("Meeting > quoted # heading x", "Ada Lovelace", "a-b")
    assert warnings_of(m) == []
    m = note(f"title: {'word ' * 100}\n")
    assert len(m.title) <= 201 and m.title.endswith("…")
    [(line, message)] = warnings_of(m)
    assert line == 2 and "cut" in message


def test_front_matter_aliases_are_refused() -> None:
    m = note("title: &t Podman Cabal\nseries: *t\n")
    assert m.front_matter_lines == 0 and m.title == "Podman Community Meeting"
    assert [line for line, _ in warnings_of(m)] == [2]


def test_a_duplicate_front_matter_key_is_reported() -> None:
    m = note("title: First\ntitle: Second\n")
    assert m.title == "First"
    assert [line for line, _ in warnings_of(m)] == [3]


def render(meeting) -> str:  # type: ignore[no-untyped-def]
    archive = build_archive([meeting], Identities([]))
    writer = Writer(f"meetings/{meeting.id}.md", "containers/podman", archive.meetings[0].recording)
    source, _ = render_meeting(archive.meetings[0], archive, writer)
    return source


# -- the plugin's options in mkdocs.yml ----------------------------------------------------


def options(tmp_path: Path, **given: object) -> tuple[dict[str, str], dict[str, str]]:
    """Errors and warnings of the options `given`, by option name."""
    config = MeetingsConfig(config_file_path=str(tmp_path / "mkdocs.yml"))
    config.load_dict(given)
    errors, warnings = config.validate()
    return {key: str(error) for key, error in errors}, dict(warnings)


def test_the_shipped_options_are_valid(tmp_path: Path) -> None:
    (tmp_path / "people.yml").write_text("people: []\n")
    given = {"people_file": "people.yml", "repo_aliases": {"podman-container-tools/podman": "containers/podman"}}
    assert options(tmp_path, **given) == ({}, {})
    assert options(tmp_path, default_repo="Containers/Podman.io") == ({}, {})


@pytest.mark.parametrize("folder", ["", "  ", "/", "../../../../../../../../.."])
def test_notes_dir_must_be_a_folder_below_the_root(tmp_path: Path, folder: str) -> None:
    errors, _ = options(tmp_path, notes_dir=folder)
    assert "notes_dir" in errors and "name the folder of notes" in errors["notes_dir"]


BAD_REPOSITORIES = ["../..", "a/..", "a/.", "../x", "a/b/c", "a", "-a/b", "a/b c", "ä/b", "a/" + "b" * 101]


@pytest.mark.parametrize("repo", BAD_REPOSITORIES)
def test_repository_names_are_owner_slash_name(tmp_path: Path, repo: str) -> None:
    errors, _ = options(tmp_path, default_repo=repo)
    assert "owner/name" in errors["default_repo"]
    errors, _ = options(tmp_path, repo_aliases={repo: "containers/podman"})
    assert "owner/name" in errors["repo_aliases"] and repr(repo[:120]) in errors["repo_aliases"]
    errors, _ = options(tmp_path, repo_aliases={"containers/podman": repo})
    assert "owner/name" in errors["repo_aliases"]


def test_a_named_data_file_that_does_not_exist_is_a_warning(tmp_path: Path) -> None:
    assert options(tmp_path) == ({}, {})  # the default files may be absent
    errors, warnings = options(tmp_path, people_file="peple.yml", topics_file="topic.yml")
    assert errors == {}
    assert "'peple.yml' does not exist" in warnings["people_file"]
    assert "'topic.yml' does not exist" in warnings["topics_file"]
    errors, _ = options(tmp_path, people_file="", topics_file=".")
    assert "is empty" in errors["people_file"]


YAML_PIECES = st.sampled_from(
    [
        "people:",
        "topics:",
        "\n",
        "  - ",
        "name: ",
        "&a ",
        "*a",
        "!!python/name:os.system",
        "[",
        "]",
        "{",
        "}",
        ": ",
        '"\\udc80"',
        "\t",
        "? ",
        "<<: ",
        "2020-13-45",
        "1e999",
        "---\n",
        "...\n",
        "'",
        '"',
        "#",
        "|\n",
        ">-\n",
        ", ",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(YAML_PIECES, st.text(max_size=8)), max_size=30))
def test_the_loaders_never_raise(tmp_path_factory: pytest.TempPathFactory, pieces: list[str]) -> None:
    folder = tmp_path_factory.mktemp("yaml")
    text = "".join(pieces)
    for load in (people, topics):
        entries, problems = load(folder, text.encode("utf-8", "surrogatepass"))
        assert all(p.level in (ERROR, WARNING) for p in problems)
    parse_note(f"---\n{text}\n---\n{NOTE}", "notes/2024-01-02.md", "2024-01-02")
