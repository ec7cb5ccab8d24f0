"""Subjects in an engineering community's own words: program, protocol and format names
written in small letters, found by what the archive says of them (their spelling, the
capitals the chat or a transcript gives them, code spans, a command's program written as
one word), while the words of the language written the same way stay words."""

from __future__ import annotations

from pathlib import Path

from meetings.site import Settings, load_site

NOTE = """# Tooling Community Meeting Notes
## {day}

### Attendees
Ana Silva, Ravi Kumar, Li Wei

### Topics
#### Image formats - Ana Silva

- zstd makes layers smaller than gzip, and the `zstd:chunked` form pulls only what changed.
- ssh keys for the remote machine are kept in the user's home.
- {extra}
- we will review the release notes and the docs before the release.

### Raw Meeting Chat:

```
00:05:10	Ravi Kumar:	did anyone try it under QEMU on a Mac?
00:06:00	Li Wei:	SystemD units should start it on boot
```
"""
EXTRAS = [
    "qemu needs the firmware package; the tool-remote client talks to the server on k8s.",
    "k8s clusters run it too, and `tool build` works with systemd units.",
    "the qemu machine boots; tool-remote works the same on k8s, under systemd.",
    "systemd restarts the service; `tool build --squash` is faster on qemu; tool-remote again.",
]


def _site(tmp_path: Path):  # type: ignore[no-untyped-def]
    notes = tmp_path / "notes"
    notes.mkdir()
    for n, extra in enumerate(EXTRAS):
        day = f"2024-0{n + 1}-02"
        (notes / f"{day}.md").write_text(NOTE.format(day=day, extra=extra), encoding="utf-8")
    return load_site(Settings(root=tmp_path, notes_dir=notes, topics_file=None, people_file=None), render=False)


def test_names_written_in_small_letters_are_subjects_by_the_archives_evidence(tmp_path: Path) -> None:
    topics = {t.name.casefold(): t for t in _site(tmp_path).archive.topics.values()}
    # no vowel, letters with a digit, capitals in the chat, a capital inside, a program's command
    for name in ["zstd", "ssh", "k8s", "qemu", "systemd", "tool remote"]:
        found = topics.get(name) or topics.get(name.replace(" ", "-"))
        assert found is not None, (name, sorted(topics))
        assert len({m.meeting for m in found.mentions}) >= 3, name
    # the same recurrence and the same small letters, but words of the language
    assert not {"release", "notes", "review", "keys", "home", "machine", "layers", "smaller"} & set(topics)


TRIAGE = """# Compiler Triage Meeting
## {day}

### Attendees
Ana Silva, Ravi Kumar, Li Wei

### Topics
#### Major change proposals - Ana Silva

- "Proposal for Adapt Stack Protector for Rust" is still waiting for a second.
- the release is planned for early Spring 2024, after the Cranelift work lands.
- we tried it with Cranelift on aarch64 and saw no change.
"""


def test_a_capital_of_a_title_or_a_season_is_no_name(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    for n in range(4):
        day = f"2024-0{n + 1}-04"
        (notes / f"{day}.md").write_text(TRIAGE.format(day=day), encoding="utf-8")
    site = load_site(Settings(root=tmp_path, notes_dir=notes, topics_file=None, people_file=None), render=False)
    topics = {t.name.casefold() for t in site.archive.topics.values()}
    assert "cranelift" in topics and "aarch64" in topics, topics  # capitalised in running text; letters and digits
    assert not [t for t in topics if {"adapt", "stack", "protector", "spring"} & set(t.split())], topics


REPOS = """# Tooling Community Meeting Notes
## {day}

### Attendees
Ana Silva, Ravi Kumar

### Topics
#### Shared libraries - Ana Silva

- The fix is in https://github.com/containers/common/pull/{number}; a common problem on Macs.
- containers/common will vendor it next week.
"""


def test_a_repository_named_by_a_common_word_is_its_owner_and_name(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    for n in range(4):
        day = f"2024-0{n + 1}-09"
        (notes / f"{day}.md").write_text(REPOS.format(day=day, number=100 + n), encoding="utf-8")
    site = load_site(Settings(root=tmp_path, notes_dir=notes, topics_file=None, people_file=None), render=False)
    topics = {t.name.casefold() for t in site.archive.topics.values()}
    assert "containers/common" in topics and "common" not in topics, topics


def test_a_meeting_with_no_items_is_titled_by_what_its_notes_name(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    for n in range(4):
        day = f"2024-0{n + 1}-11"
        text = f"# Tooling Sync\n## {day}\n\n* We tried Cranelift on aarch64 again.\n* Ravi will look at it.\n"
        (notes / f"{day}.md").write_text(text, encoding="utf-8")
    site = load_site(Settings(root=tmp_path, notes_dir=notes, topics_file=None, people_file=None), render=False)
    assert all(not m.sections for m in site.archive.meetings)
    assert all(
        m.name.endswith("— Cranelift, aarch64") or m.name.endswith("— aarch64, Cranelift")
        for m in site.archive.meetings
    ), [m.name for m in site.archive.meetings]


LISTED = [
    "we push zstd and gzip layers side by side; um, zstd wins.",
    "gzip or zstd: the registry takes both, and layers stay the same.",
    "gzip is the default for layers here.",
    "layers are pulled with gzip today.",
]


def test_a_word_listed_with_such_names_is_a_name_of_their_kind(tmp_path: Path) -> None:
    """ "zstd and gzip", "gzip or zstd": gzip, written in small letters and a word of no
    dictionary the code has, is listed with a name spelled as no word is in half the
    meetings that use it, so it is a name of that kind. "layers" is listed with it once in
    four meetings, and "um" is a filler: both stay words."""
    notes = tmp_path / "notes"
    notes.mkdir()
    for n, line in enumerate(LISTED):
        day = f"2024-0{n + 1}-02"
        text = f"# Tooling Meeting\n## {day}\n\n### Attendees\nAna Silva, Ravi Kumar\n\n### Formats\n\n- {line}\n"
        text += "- ssh keys stay in the home folder.\n- zstd needs a newer client.\n"
        (notes / f"{day}.md").write_text(text, encoding="utf-8")
    site = load_site(Settings(root=tmp_path, notes_dir=notes, topics_file=None, people_file=None), render=False)
    topics = {t.name.casefold(): t for t in site.archive.topics.values()}
    assert "zstd" in topics and "gzip" in topics, sorted(topics)
    assert topics["gzip"].why == "listed with names written like it"
    assert len({m.meeting for m in topics["gzip"].mentions}) == 4
    assert not {"layers", "um", "registry"} & set(topics)
