"""Hostile notes, written by the tests into a notes folder: markup and script in every
field, unsafe names, broken encodings, and one very large note."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

SCRIPTED = """---
title: "Evil <script>alert('title')</script> </title><script>alert(1)</script>"
me: "<b onmouseover=alert(2)>x</b>"
recording: "javascript:alert(3)"
series: "<img src=x onerror=alert(4)>"
---
# Podman Community Meeting <script>alert(5)</script>
## January 2, 2024 11:00 a.m. Eastern (UTC-5)

### Attendees (3 total)
Tom Sweeney, <img src=x onerror=alert(6)>, ../../x, ., Ada <svg onload=alert(7)>

## Meeting Start: 11:03 a.m.
### Video [Recording](javascript:alert(8))

## Intro <iframe src="https://evil.example"></iframe>
### Tom Sweeney <b onmouseover=alert(9)>x</b>
#### (1:50 in the video)

Text with <script>alert(10)</script> and [click](javascript:alert(11)) and [data](data:text/html,x) and
<a href="javascript:alert(12)">raw</a> <div onclick="alert(13)">div</div> ![img](javascript:alert(14))

<iframe src="javascript:alert(15)"></iframe>
<object data="javascript:alert(16)"></object>
<style>body { display: none }</style>

[ref]: javascript:alert(17)
See [the ref][ref] and <javascript:alert(18)>.

## Next Meeting: Tuesday February 6, 2024 <script>alert(19)</script>

## BlueJeans Chat copy/paste:

```
Tom Sweeney10:56 AM
<script>alert(20)</script> <img src=x onerror=alert(21)>
<svg onload=alert(22)>11:14 AM
hello javascript:alert(23) https://example.com/"><script>alert(24)</script>
```

### Raw Zoom Meet Transcript

```
1
00:00:01.000 --> 00:00:04.000
Tom Sweeney <img src=x onerror=alert(25)>: Welcome <script>alert(26)</script>

2
00:00:05.000 --> 00:00:08.000
Ada: <svg onload=alert(27)> thanks
```
"""


# The theme reads its settings from the element with id "__config": a note element of
# that id, earlier in the page, would hand it an attacker's search worker.
CONFIG = '{"base": ".", "features": [], "search": "data:text/javascript,postMessage(1)"}'
CLOBBER = f"""# Podman Community Meeting
## January 9, 2024 11:00 a.m. Eastern (UTC-5)

Thanks all \\`<span id="__config" hidden>{CONFIG}</span>\\` see you.
Also `<img src=x onerror=alert(30)>` \\`<a name="__search" id="__drawer">x</a>` and ``<b id="__toc">`` text.

## __config

## BlueJeans Chat copy/paste:

~~~
`<img src=x onerror=alert(31)>`
not captured
~~~
"""

# Served from the site's own origin, these would run script as the site.
ATTACHMENTS = {
    "page.html": b"<script>alert(32)</script>",
    "image.svg": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(33)"/>',
    "code.js": b"alert(34)",
    "noext": b"<script>alert(35)</script>",
    "slides.pdf": b"%PDF-1.4\n%%EOF\n",
    "photo.png": b"\x89PNG\r\n\x1a\n",
}


def huge_note() -> str:
    """About 2 MB: 2,000 sections, 20,000 chat lines and one line of 1 MB."""
    parts = ["# Podman Community Meeting", "## March 5, 2024 11:00 a.m. Eastern (UTC-5)", ""]
    for n in range(2000):
        parts += [
            f"## Section {n} about quadlet and #{n + 1}",
            "### Tom Sweeney",
            f"#### ({n // 60}:{n % 60:02d} in the video)",
            "",
            f"Talk {n} on `podman machine` with https://github.com/containers/podman/issues/{n + 1}.",
            "",
        ]
    parts += ["Long line: " + ("word (1:50 in the video) [x](y) `code` #12 " * 26000)[:1_000_000], ""]
    parts += ["## BlueJeans Chat copy/paste:", "", "```"]
    for n in range(10000):
        parts += [f"Guest {n % 7}{10 + n % 2}:{n % 60:02d} AM", f"message {n}"]
    parts += ["```", ""]
    return "\n".join(parts)


def write_hostile_notes(notes: Path) -> None:
    notes.mkdir(parents=True, exist_ok=True)
    (notes / "2024-01-02.md").write_text(SCRIPTED, encoding="utf-8")
    (notes / "..md").write_text("# dot dot\n", encoding="utf-8")
    (notes / "2024-01-03 x.md").write_text("# Podman Community Meeting\n", encoding="utf-8")
    (notes / "2024-01-04.md").write_bytes(b"")
    (notes / "2024-01-05.md").write_bytes(
        "# Podman Community Meeting\r\n## Attendees: Bj\xf6rn Z, Ana\r\n".encode("latin-1")
    )
    (notes / "2024-01-06.md").write_bytes(b"# Podman\x00 Community Meeting\r\n\r\nText\x00 with NUL\r\n")
    (notes / "2024-01-07.md").write_text("---\n!!python/object/apply:os.system ['touch hacked']\n---\n# T\n")
    (notes / "2024-01-09.md").write_text(CLOBBER, encoding="utf-8")
    (notes / "2024-01-10.md").write_text(
        "# Podman Community Meeting\n\n" + "\n".join(f"[{name}](./{name})" for name in ATTACHMENTS) + "\n"
    )
    (notes / "2024-01-10").mkdir()
    for name, data in ATTACHMENTS.items():
        (notes / "2024-01-10" / name).write_bytes(data)
    (notes / "2024-03-05.md").write_text(huge_note(), encoding="utf-8")


def nested_aliases(key: str) -> str:
    """A data file whose last entry expands to 9**9 strings ("billion laughs"): anchors
    from line 3 on. PyYAML shares aliased objects, so reading is quick; printing the entry
    in a message, or walking it, is not."""
    lines = [f"{key}:", "  - name: Ada Lovelace", f"  - &a [{', '.join(['lol'] * 9)}]"]
    for a, b in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"  - &{b} [{', '.join([f'*{a}'] * 9)}]")
    lines += ["  - name: Grace Hopper", "    description: *i", ""]
    return "\n".join(lines)


# Front matter whose values are not what they look like: a lone surrogate escape (it
# cannot be written as UTF-8), a newline and a block quote in the title, a key of the
# wrong type, and a second title.
FRONT_MATTER_NOTE = """---
title: "Podman \\udc80 Meeting\\n> injected quote\\n# injected heading"
series: [a, list]
me: "Ada\\nLovelace"
title: second
---
# Podman Community Meeting
## January 8, 2024 11:00 a.m. Eastern (UTC-5)

Text.
"""

# A horizontal rule, prose and a rule: not front matter, and the prose must stay.
RULED_NOTE = """---
Please add your name to the attendee list.
---
# Podman Community Meeting
## January 9, 2024 11:00 a.m. Eastern (UTC-5)

Text.
"""

# topics.yml entries whose keys mix types: a number, a list, a mapping.
MIXED_TOPICS = """topics:
  - name: quadlet
  - {1: a, b: c}
  - {[x]: a, name: kube}
  - name: podman machine
    description: {a: 1}
"""


# Notes whose text used to be lost or garbled on the way to the page, by id.
KEPT_TEXT: dict[str, bytes] = {
    # one stray byte in a UTF-8 note: the accents and CJK around it stay as written
    "2024-04-01": "# Podman Community Meeting\n\nAttendees: Lokesh Mandvekar, Tom Trmač\n\n"
    "Notes by 中文 writer \xff and more\n".encode().replace("\xff".encode(), b"\xff"),
    # UTF-16 with a byte-order mark, both byte orders
    "2024-04-02": "# Podman Sixteen Meeting\n\nText in UTF-16, Trmač\n".encode("utf-16"),
    "2024-04-03": b"\xfe\xff" + "# Podman Bigendian Meeting\n\nText in UTF-16 BE\n".encode("utf-16-be"),
    # Markdown extensions that would hide the line they are on, and links with stray brackets
    "2024-04-04": b"""# Podman Community Meeting

[TOC]

!!! note ""
!!! warning "Careful here"
??? tip "Folded away"
* !!! note "in a list"

See (Issue (old)[https://github.com/containers/podman/issues/1] and more text here
A (Spec)[https://example.com/a(b] and text after spec
B (Doc](https://example.com/a(b) and text after doc) done
C [Guide](https://example.com/x(y) and text after guide) done
D [Wiki](https://example.com/a and text after wiki)
E [[Old]](https://example.com/a) and text after old
F [Box](<https://example.com/a b>) and text after box
""",
    # table rows wider than their header
    "2024-04-05": b"""# Podman Community Meeting

| Topic | Owner |
|---|---|
| quadlet | Ada | due March | blocked on review |

Area | Lead
--|--
build | Tom | `a|b` \\| escaped tail
""",
}


def many_refs_note(count: int) -> str:
    """One line that names `count` issues."""
    return "# Podman Community Meeting\n\nSee " + " ".join(f"#{n}" for n in range(1, count + 1)) + " done.\n"


def write_kept_text_notes(notes: Path) -> None:
    notes.mkdir(parents=True, exist_ok=True)
    for ident, data in KEPT_TEXT.items():
        (notes / f"{ident}.md").write_bytes(data)


# Names a real community writes, and names written to pass for someone else.
NAMES_NOTE = """# Podman Community Meeting
## May 1, 2019 11:00 a.m. Eastern (UTC-4)

### Attendees
Tom Sweeney, Wang 王, 田中 司, 🎉, -, M\u0430tt He\u043en, Paul\u200b Holzinger, Matt\u202eHeon

## BlueJeans Chat copy/paste:

```
Wang 王11:01 AM
你好 everyone
M\u0430tt He\u043en11:02 AM
I am Matt, really
```
"""


def crafted_lines(length: int) -> str:
    """A note of lines built to make backtracking patterns slow: each is `length` long."""
    runs = [" ", "\t", "-", ":", "1", "`", "[", "]", "(", ")", "#", "*", "(1", "[a](", "` ", "1:"]
    lines = ["# Podman Community Meeting", "## May 2, 2019 11:00 a.m. Eastern (UTC-4)", ""]
    for run in runs:
        body = (run * (length // len(run) + 1))[:length]
        lines += [body, "(1:50 in the video)", "", f"## {body}", "", f"Attendees: {body}", "", f"{body} chat:", ""]
    return "\n".join(lines) + "\n"


def write_hostile_archive(root: Path, corpus: Path, secret: Path, line_length: int = 10_000) -> None:
    """The site folder `root` (made by make_site) with the real notes and, beside them, one
    note or file of every hostile class: script, links out of the folder, FIFOs, look-alike
    names and file names, lost-text shapes, huge reference lists, crafted long lines, and
    hostile people.yml and topics.yml. `secret` is a folder outside that must stay unpublished."""
    notes = root / "notes"
    for note in corpus.glob("*.md"):
        (notes / note.name).write_bytes(note.read_bytes())
    for folder in corpus.iterdir():
        if folder.is_dir():
            shutil.copytree(folder, notes / folder.name, dirs_exist_ok=True)
    # the hostile notes of the other tests, moved to 2019 so that no real note is replaced
    scratch = root / "scratch"
    write_hostile_notes(scratch)
    (scratch / "2024-03-05.md").unlink()  # the huge note has a test of its own
    write_kept_text_notes(scratch)
    for entry in sorted(scratch.iterdir()):
        shutil.move(entry, notes / entry.name.replace("2024-", "2019-", 1))
    scratch.rmdir()
    (notes / "2019-05-01.md").write_text(NAMES_NOTE, encoding="utf-8")
    (notes / "2019-05-02.md").write_text(crafted_lines(line_length), encoding="utf-8")
    (notes / "2019-05-03.md").write_text(many_refs_note(3000), encoding="utf-8")
    (notes / "2019-05-04.md").write_bytes(b"# Too large\n" + b"x" * (9 * 1024 * 1024))
    (notes / "2019-05-05 .md").write_text("# An impostor of 2019-05-05\n", encoding="utf-8")
    (notes / "2019-05-05.md").write_text("# Podman Community Meeting\n", encoding="utf-8")
    (notes / "2019-05-06.md").symlink_to(secret / "token.md")
    (notes / "2019-05-07").symlink_to(secret)
    (notes / "2019-05-07.md").write_text("# Podman Community Meeting\n\n[Slides](./slides.pdf)\n", encoding="utf-8")
    (notes / "loop.md").symlink_to(notes / "loop.md")
    os.mkfifo(notes / "2019-05-08.md")
    (root / "people.yml").write_text(nested_aliases("people"), encoding="utf-8")
    (root / "topics.yml").write_text(MIXED_TOPICS, encoding="utf-8")


# Markdown extensions that read files while they convert, as a site may enable them: the
# notes below ask them for files inside and outside the site folder.
READERS_CONFIG = """
  - pymdownx.snippets:
      base_path: [{root}, {outside}]
      restrict_base_path: false
  - markdown_include.include:
      base_path: {root}
"""


def enable_readers(root: Path, outside: Path, secret: str, before: str = "") -> None:
    """The site `root` with both file-reading extensions on, and a credential in `.env`;
    `before`: lines to put at the top of its mkdocs.yml."""
    (root / ".env").write_text(f"GITHUB_TOKEN={secret}\n")
    config = (root / "mkdocs.yml").read_text()
    readers = READERS_CONFIG.format(root=root, outside=outside)
    config = config.replace("markdown_extensions:\n", "markdown_extensions:\n" + readers, 1)
    (root / "mkdocs.yml").write_text(before + config)


def reader_payloads(root: Path, outside: Path) -> list[str]:
    """Every way of naming a file to pymdownx.snippets or markdown-include."""
    targets = [".env", "mkdocs.yml", str(root / ".env"), str(outside / "token.md"), "../outside/token.md"]
    found: list[str] = []
    for target in targets:
        found += [f'--8<-- "{target}"', f";--8<-- '{target}'", f"-8<- {target}", f"{{!{target}!}}"]
    return found


def write_reader_notes(notes: Path, root: Path, outside: Path, year: str = "2019") -> list[Path]:
    """Notes that write a file-reading line in every place a line can stand: prose, a fenced
    and an indented code block, the chat, a transcript, a heading, the attendee list, a table
    cell, a list item and the front matter. Returns the notes written."""
    payloads = reader_payloads(root, outside)
    lines = "\n".join(payloads)
    indented = "\n".join("    " + p for p in payloads)
    chat = "\n".join(f"Tom Sweeney10:{i % 60:02d} AM\n{p}" for i, p in enumerate(payloads))
    block = "--8<--\n.env\nmkdocs.yml\n" + str(outside / "token.md") + "\n--8<--"
    title = payloads[0].replace('"', "")
    written = []
    body = f"""---
title: "Reader {payloads[4]}"
---
# Podman Community Meeting
## June 4, {year} 11:00 a.m. Eastern (UTC-4)

### Attendees (3 total)
Tom Sweeney, {payloads[0]}, {payloads[3]}

## Meeting Start: 11:03 a.m.

## {title}
### Tom Sweeney
#### (1:50 in the video)

{lines}

{block}

- {payloads[1]}
  - {payloads[3]}

| what | said |
| --- | --- |
| {payloads[3]} | {payloads[0].replace('"', "")} |

```
{lines}
{block}
```

{indented}

## BlueJeans Chat copy/paste:

```
{chat}
```

### Raw Zoom Meet Transcript

```
1
00:00:01.000 --> 00:00:04.000
Tom Sweeney: {payloads[0]}

2
00:00:05.000 --> 00:00:08.000
Tom Sweeney: {payloads[3]}
```
"""
    path = notes / f"{year}-06-04.md"
    path.write_text(body, encoding="utf-8")
    written.append(path)
    return written


def many_sections_note(sections: int, chat_lines: int = 0, day: str = "2019-07-01") -> str:
    """A note of `sections` agenda items and, if asked, a pasted chat of `chat_lines` lines."""
    body = [f"# Podman Community Meeting\n## {_long_date(day)} 11:00 a.m. Eastern (UTC-4)\n"]
    body += [f"## Item {n} about 4242{n}\n### Tom Sweeney\n\nSaid 4242{n} things.\n" for n in range(sections)]
    if chat_lines:
        chat = "\n".join(
            f"Tom Sweeney{10 + n // 60 % 2}:{n % 60:02d} AM\nmessage 4242 number {n}" for n in range(chat_lines)
        )
        body.append(f"## BlueJeans Chat copy/paste:\n\n```\n{chat}\n```\n")
    return "\n".join(body)


def _long_date(day: str) -> str:
    import datetime as dt

    date = dt.date.fromisoformat(day)
    return f"{date:%B} {date.day}, {date.year}"


# A community file whose labels start with "-", and headings of thousands of dashes.
DASH_COMMUNITY = (
    "headings:\n  metadata:\n"
    + "".join(f"    - '-label{n}'\n" for n in range(300))
    + (
        "references:\n"
        "  - {name: XEP, url: 'https://xeps.example/{number}'}\n"
        "  - {name: xep, url: 'https://evil.example/{number}'}\n"
    )
)


def dash_note(dashes: int, day: str = "2019-07-03") -> str:
    return f"# Podman Community Meeting\n## {_long_date(day)} 11:00 a.m. Eastern (UTC-4)\n\n## {'-' * dashes}\n\ntext\n"


UNSHOWABLE_NOTE = """# Podman Community Meeting \ufffe
## July 2, 2019 11:00 a.m. Eastern (UTC-4)

### Attendees (2 total)
Tom Sweeney, Ada \uffff Lovelace

## Intro \ufffe\x85 <img src=x onerror=alert(40)>
### Tom Sweeney

Text\x85SUMMARY:injected.
"""


def write_surface_cases(notes: Path, root: Path, outside: Path) -> dict[str, str]:
    """One case of each class of issue 25 beside the notes; their file names (as `meetings
    check` names them, relative to the notes folder) by class."""
    write_reader_notes(notes, root, outside)
    (notes / "2019-07-02.md").write_text(UNSHOWABLE_NOTE, encoding="utf-8")
    (notes / "2019-02-08\n.md").write_text("# Forged\n## February 8, 2019\n\nforged\n", encoding="utf-8")
    (notes / "2019-02-08.md").write_text("# Podman Community Meeting\n## February 8, 2019\n\nreal\n", encoding="utf-8")
    (root / "community.yml").write_text(DASH_COMMUNITY, encoding="utf-8")
    (notes / "2019-07-03.md").write_text(dash_note(8000), encoding="utf-8")
    (notes / "2019-07-01.md").write_text(many_sections_note(5000), encoding="utf-8")
    (notes / "2019-07-04.md").write_text(many_sections_note(2000, 20_000, "2019-07-04"), encoding="utf-8")
    (notes / "index.md").write_text("# Podman Community Meeting\n\nThe index's own words.\n", encoding="utf-8")
    return {
        "extensions": "2019-06-04.md",
        "characters": "2019-07-02.md",
        "newline": "2019-02-08\n.md",
        "dashes": "2019-07-03.md",
        "sections": "2019-07-01.md",
        "search": "2019-07-04.md",
        "reserved": "index.md",
        "case": "community.yml",
    }
