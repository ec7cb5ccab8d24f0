from __future__ import annotations

import html
import html.parser
import posixpath
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from meetings.parse.transcript import turn_machinery

from .browser_tools import published_path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "notes" / "2020-12-01.md"
CORPUS = ROOT.parent / "shared" / "corpus" / "podman"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the real notes corpus is not here ({CORPUS}); it sits beside a working checkout"
)


def make_site(
    tmp: Path,
    notes: dict[str, str | bytes] | None = None,
    people: str | None = None,
    extra: str = "",
    copy_seed: bool = True,
) -> Path:
    """A site folder like the project's own: mkdocs.yml, docs/, notes/, people.yml."""
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp / "docs")
    (tmp / "notes").mkdir()
    if copy_seed:
        shutil.copy(SEED, tmp / "notes" / SEED.name)
    for name, content in (notes or {}).items():
        path = tmp / "notes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (tmp / "people.yml").write_text(people if people is not None else (ROOT / "people.yml").read_text())
    shutil.copy(ROOT / "topics.yml", tmp / "topics.yml")
    if extra:
        with open(tmp / "mkdocs.yml", "a") as config:
            config.write(extra)
    return tmp


def build(site: Path, strict: bool = True, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(site / "mkdocs.yml"), "-d", str(site / "site")]
    if strict:
        command.append("--strict")
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=600,
        env={
            "NO_MKDOCS_2_WARNING": "1",
            "PATH": "/usr/bin:/bin",
            "HOME": str(site),
            "SOURCE_DATE_EPOCH": "1700000000",
            **(env or {}),
        },
    )


def page_text(page_html: str) -> str:
    """The visible text of a page's article (hidden transcript text included)."""
    body = page_html.split('<article class="md-content__inner md-typeset">', 1)[-1].split("</article>", 1)[0]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def words(text: str) -> Counter[str]:
    return Counter(re.findall(r"[^\W\d_]+|\d+", text))


def lost_words(meeting, shown: str) -> Counter[str]:  # type: ignore[no-untyped-def]
    """Words of the note missing from the page text `shown`.

    Chat header lines ("Guest 511:14 AM") are shown split into author and time, the
    author once per run of messages; timing lines of chat formats are shown as times.
    Link targets are not text. Front matter is metadata.
    """
    chat_lines = {n for b in meeting.raw_blocks if b.kind == "chat" for n in range(b.first, b.last + 1)}
    headers = {m.line for m in meeting.chat}
    # Transcripts: a cue's number and timing line are the title of its turn's time link, and
    # a speaker is named once per run of turns (like chat authors).
    machinery: set[int] = set()
    for block in (b for b in meeting.raw_blocks if b.kind == "transcript"):
        numbered = [(n, meeting.lines[n - 1]) for n in range(block.first, block.last + 1)]
        turns = [t for t in meeting.transcript if block.first <= t.line <= block.last]
        machinery.update(n for taken in turn_machinery(numbered, turns).values() for n in taken)
    speakers = {t.line: t.speaker for t in meeting.transcript}
    kept = []
    for number, line in enumerate(meeting.lines, 1):
        if number <= meeting.front_matter_lines or number in headers or number in machinery:
            continue
        if number in speakers and line.strip().startswith(speakers[number]):
            line = line.strip()[len(speakers[number]) :]
        if number in chat_lines and not re.search(r"[^\W\d_]", line):
            continue
        kept.append(re.sub(r"^\s*(?:\d+[.)]|[*+-])\s+", "", line))  # list numbers are drawn, not text
    # link targets are not text, also in the broken forms "[25:08(url)" and "[04:02]i(url)"
    source = re.sub(r"\[([^\]\n]*)\]\([^)\s]*\)", r"\1", "\n".join(kept))
    source = re.sub(r"\[([\d:]+)\]?i?\([^)\s]*\)", r"\1", source)
    source = re.sub(r"\(([^()\[\]\n]{1,80})[)\]][\[(](?:https?://|\./)[^\])\s]*[\])]", r"\1", source)
    missing = words(source) - words(shown)
    for message in meeting.chat:
        missing += words(message.text) - words(shown)
        if message.author and message.author not in shown:
            missing[message.author] += 1
    for speaker in set(speakers.values()):
        if speaker not in shown:
            missing[speaker] += 1
    return missing


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"] or "")
        if tag == "a" and found.get("href"):
            self.links.append(found["href"] or "")


def broken_links(site: Path) -> list[str]:
    """Internal links of the built site whose page or anchor does not exist."""
    parsed: dict[Path, _Links] = {}

    def read(path: Path) -> _Links:
        if path not in parsed:
            parser = _Links()
            parser.feed(path.read_text(encoding="utf-8"))
            parsed[path] = parser
        return parsed[path]

    root = published_path(site)  # the theme's 404 page links from there
    broken = []
    for page in site.rglob("*.html"):
        for href in read(page).links:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            if not parts.path:
                target = page
            elif parts.path.startswith("/"):
                if not parts.path.startswith(root):
                    broken.append(f"{page.relative_to(site)} -> {href} (outside the site)")
                    continue
                target = site / unquote(parts.path[len(root) :])
            else:
                target = page.parent / unquote(parts.path)
            if target.is_dir() or parts.path.endswith("/"):
                target = target / "index.html"
            target = Path(posixpath.normpath(target.as_posix()))
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
            elif parts.fragment and target.suffix == ".html" and parts.fragment not in read(target).ids:
                broken.append(f"{page.relative_to(site)} -> {href} (no such anchor)")
    return broken
