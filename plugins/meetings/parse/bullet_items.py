"""Agenda items written as bullets under a container heading.

Minutes generated from a tracker's labelled issues list each issue as a bullet with its
link, under a heading that names the repository; the sub-bullets are its discussion:

    ### nodejs/node

    * doc: add the release schedule [#36800](https://github.com/nodejs/node/pull/36800)
      * Agreed to land it.

Each such bullet is an item, titled by its text without the link; the heading holds items
but is none. A heading is a container when its text is one of `CONTAINER_SHAPES`. The heading
over the containers ("## Agenda") holds items too: its other sub-headings ("### Announcements")
are items. A plan and its record list an item twice: it is one (`once`), and a section of
nothing but links to elsewhere is none (`without_empty`).
"""

from __future__ import annotations

import bisect
import re
import urllib.parse
from collections.abc import Callable

from ..model import Section
from ..text import UniqueIds, slugify
from .names import split_presenters
from .sections import Heading, HeadingParts, clean_title, split_heading

# Headings that hold items rather than being one: a repository ("nodejs/node", "nodejs/TSC";
# owners are written in lower case, so "MCPs/FCPs" is none), whose bullets mostly link an
# issue or pull request.
CONTAINER_SHAPES = (re.compile(r"[a-z0-9][a-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}"),)
_REFERENCE = re.compile(
    r"github\.com/[^/\s]{1,39}/[^/\s]{1,100}/(?:issues|pull|discussions)/\d|\b[\w.-]{1,100}#\d|(?<![\w&])#\d"
)
_TOP_BULLET = re.compile(r"^[*+-][ \t]+(?:\[[ xX]\][ \t]+)?(?P<text>\S.*)$")  # outer list, no indent; after a task box
_LINK = re.compile(r"\[(?P<label>[^\]\n]{0,200})\]\((?P<url>[^)\s]{0,2000})\)")
_BARE_URL = re.compile(r"<?https?://\S{1,2000}$")  # at the end of the text
MAX_TITLE = 200


def is_container(heading: Heading) -> bool:
    text = heading.text.strip().strip("#").strip().strip("*_`")
    return any(shape.fullmatch(text) for shape in CONTAINER_SHAPES)


def bullet_items(
    headings: list[Heading], lines: list[str], body_end: int, skip: set[int]
) -> tuple[list[Section], set[int]]:
    """The items of every container heading before `body_end`, its top-level bullets (not
    on the lines `skip`, which are code or pasted logs), and the lines of the containers
    that have some."""
    items: list[Section] = []
    containers: set[int] = set()
    starts = [h.line for h in headings]
    for heading in headings:
        if heading.line >= body_end or not is_container(heading):
            continue
        after = bisect.bisect_right(starts, heading.line)  # the next heading ends it
        end = min(starts[after] if after < len(starts) else body_end, body_end) - 1
        bullets = [n for n in range(heading.line + 1, end + 1) if n not in skip and _TOP_BULLET.match(lines[n - 1])]
        if 2 * sum(1 for n in bullets if _REFERENCE.search(lines[n - 1])) <= len(bullets):
            continue
        for index, number in enumerate(bullets):
            last = bullets[index + 1] - 1 if index + 1 < len(bullets) else end
            title = _title(_TOP_BULLET.match(lines[number - 1])["text"])  # type: ignore[index]
            if title:
                items.append(Section("", title, number, last, heading.level + 1))
                containers.add(heading.line)
    return items, containers


def once(items: list[Section]) -> list[Section]:
    """An item listed in the plan and again in the record ("## Agenda", then "## Minutes")
    is one item: the listing with the most discussion under it, the later on a tie."""
    best: dict[str, Section] = {}
    for item in items:
        key = item.title.casefold()
        if key not in best or item.end_line - item.line >= best[key].end_line - best[key].line:
            best[key] = item
    return [s for s in items if best[s.title.casefold()] is s]


def sibling_items(
    headings: list[Heading], containers: set[int], body_end: int, default_repo: str
) -> tuple[list[Section], set[int]]:
    """A heading whose sub-headings hold items ("## Agenda" over "### nodejs/node") holds
    items too: its other sub-headings of that level ("### Announcements") are items. Returns
    them and the lines of the headings that hold them."""
    parents: dict[int, int] = {}  # a holding heading's line: the level of its containers
    stack: list[Heading] = []
    for heading in headings:
        while stack and stack[-1].level >= heading.level:
            stack.pop()
        if heading.line in containers and stack and stack[-1].level > 1:
            parents.setdefault(stack[-1].line, heading.level)
        stack.append(heading)
    items: list[Section] = []
    scope: int | None = None  # the level of the holding heading being read
    for index, heading in enumerate(headings):
        if heading.line >= body_end:
            break
        if scope is not None and heading.level <= scope:
            scope = None
        if heading.line in parents:
            scope, level = heading.level, parents[heading.line]
            continue
        if scope is None or heading.level != level or heading.line in containers:
            continue
        after = range(index + 1, len(headings))  # each scan stops at the next sibling: linear
        end = min(next((headings[i].line for i in after if headings[i].level <= heading.level), body_end), body_end) - 1
        parts = split_heading(heading.text, default_repo)
        if parts.title:
            item = Section("", parts.title, heading.line, end, heading.level, list(parts.presenters))
            item.video_seconds = parts.seconds
            item.presenter_line = heading.line if parts.presenters else None
            items.append(item)
    return items, set(parents)


# "[Cesar] Gradle plugin for the agent": the bullet opens with who brings it
_LEAD_NAME = re.compile(r"^\[(?![ xX]\])(?P<who>[^\[\]\n]{1,60})\]\s+(?P<rest>\S.*)$")  # never a task box


def agenda_bullets(section: Section, lines: list[str], skip: set[int], default_repo: str) -> list[Section]:
    """The items of a note whose one item is its agenda heading ("### Agenda" and under it
    "- [Cesar] Gradle plugin …" with the discussion as sub-bullets): each top-level bullet,
    its presenter from "[Name] …" or "Name - …"; none where it has fewer than two bullets."""
    bullets = [
        n for n in range(section.line + 1, section.end_line + 1) if n not in skip and _TOP_BULLET.match(lines[n - 1])
    ]
    items: list[Section] = []
    for index, number in enumerate(bullets if len(bullets) >= 2 else []):
        last = bullets[index + 1] - 1 if index + 1 < len(bullets) else section.end_line
        text = _TOP_BULLET.match(lines[number - 1])["text"]  # type: ignore[index]
        lead = _LEAD_NAME.match(text)
        named = split_presenters(lead["who"]) if lead else None
        parts = split_heading(lead["rest"] if lead and named else text, default_repo)
        title = _title(parts.title)
        if title:
            item = Section("", title, number, last, section.level + 1, list(named or parts.presenters))
            item.presenter_line = number if item.presenters else None
            items.append(item)
    return items


# An address written as the text ("Please review [https://github.com/o/r/issues/7](…) soon")
_ADDRESS_TEXT = re.compile(
    r"\[(?P<label>https?://[^\]\s]{1,2000})\]\([^)\s]{0,2000}\)|(?P<bare><?https?://[^\s)\]>]{1,2000}>?)"
)
_ISSUE_ADDRESS = re.compile(
    r"<?https?://github\.com/(?P<repo>[^/\s]{1,39}/[^/\s]{1,100})/(?:issues|pull|discussions)/(?P<n>\d{1,10})"
)


def _short_address(match: re.Match[str]) -> str:
    """An address in a title as a reader names it: "o/r#7" for an issue, else its host."""
    url = match["label"] or match["bare"]
    issue = _ISSUE_ADDRESS.match(url)
    return f"{issue['repo']}#{issue['n']}" if issue else urllib.parse.urlsplit(url.strip("<>")).netloc or url


def held_items(
    sections: list[Section], headings: list[Heading], default_repo: str, structure: Callable[[str], bool]
) -> list[Section]:
    """A section titled as the notes' structure ("## Minutes", "## Agenda") whose sub-headings
    one level down hold the record ("### Standup", "### Release schedule [#110]") is none:
    those sub-headings are the items, and another structure section beside it with none
    ("## Agenda" and its bullets: the plan of that record) is no item either. A structure
    sub-heading is looked into the same way ("## Agenda", "### Notes", "#### Issue cleanup")."""
    kept: list[Section] = []
    held: list[Section] = []
    starts = [h.line for h in headings]
    for section in sections:
        if not structure(section.title):
            kept.append(section)
            continue
        parts = _held(section.line, section.end_line, section.level, headings, starts, default_repo, structure)
        if not parts:
            kept.append(section)
            continue
        for heading, part, end in parts:
            item = Section("", part.title, heading.line, end, heading.level, list(part.presenters))
            item.video_seconds = part.seconds
            item.presenter_line = heading.line if part.presenters else None
            held.append(item)
    if not held:
        return sections
    return merge_items([s for s in kept if not structure(s.title)], held, set())


def _held(
    line: int,
    end: int,
    level: int,
    headings: list[Heading],
    starts: list[int],
    default_repo: str,
    structure: Callable[[str], bool],
) -> list[tuple[Heading, HeadingParts, int]]:
    """(heading, its parts, its last line) of the record's sub-headings one level below the
    heading on `line` (which ends on `end`; `starts`: the headings' lines), through
    sub-headings that are structure."""
    inside = headings[bisect.bisect_right(starts, line) : bisect.bisect_right(starts, end)]
    below = [h for h in inside if h.level == level + 1]
    ends = [h.line - 1 for h in below[1:]] + [end]  # each ends where the next begins, "#### Next Steps" too
    found = []
    for heading, last in zip(below, ends[: len(below)], strict=True):
        part = split_heading(heading.text, default_repo)
        if not part.title:
            continue
        if structure(part.title):
            found += _held(heading.line, last, heading.level, headings, starts, default_repo, structure)
        else:
            found.append((heading, part, last))
    return found


def _title(text: str) -> str:
    """The bullet's text without its trailing links ("Title [#123](…)" -> "Title"), and any
    address in it named short ("Please review o/r#7 soon")."""
    text = text[:4000]
    while True:
        stripped = text.rstrip(" ,;")
        link = next((m for m in _LINK.finditer(stripped) if m.end() == len(stripped)), None)
        bare = _BARE_URL.search(stripped)
        if link is not None and link.start() > 0:
            text = stripped[: link.start()]
        elif bare is not None and bare.start() > 0:
            text = stripped[: bare.start()]
        else:
            break
    title = clean_title(_ADDRESS_TEXT.sub(_short_address, text).strip(" -–—:").rstrip("([")) or ""
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1].rstrip() + "…"


# "* **Recording**: <https://…>", "Calendar: https://…": a labelled link, no discussion
_LABELLED_LINK = re.compile(
    r"^\s*+(?:[*+-]\s++)?(?:\*\*|__)?[^\s*_:][^*_:\n]{0,59}?(?:\*\*|__)?[ \t]*+:[ \t]*+(?:\*\*|__)?[ \t]*+<?https?://\S{1,2000}$"
)
_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}(?:\s|$)")


_LINK_LINE = re.compile(rf"^\s*+(?:[*+-]\s++)?{_LINK.pattern}\s*$")  # a bullet that is only a link


def _names(line: str, title: str) -> bool:
    """ "- [Agenda](https://…)" under "## Agenda": it says where the agenda is."""
    link = _LINK_LINE.match(line)
    return link is not None and link["label"].strip().casefold() == title


def without_empty(sections: list[Section], lines: list[str]) -> list[Section]:
    """The sections that are items: one with no video mark, no presenter and nothing under
    it but labelled links ("## Links", "## Upcoming Meetings") is a part of the notes'
    template. (An empty one stays: "## Topics for Next Meeting" is an item left open.)"""
    kept = []
    for section in sections:
        body = [line for line in lines[section.line : section.end_line] if line.strip()]
        title = section.title.casefold()
        links = {i for i, line in enumerate(body) if _LABELLED_LINK.match(line) or _names(line, title)}
        empty = links and all(i in links or _HEADING_LINE.match(line) for i, line in enumerate(body))
        if not empty or section.video_seconds is not None or section.presenters:
            kept.append(section)
    return kept


def merge_items(sections: list[Section], items: list[Section], containers: set[int]) -> list[Section]:
    """The heading sections without the containers, each ended before the first bullet item
    inside it, and the items, in order, with ids unique in the meeting."""
    if not items:
        return sections
    firsts = sorted(i.line for i in items)
    holders = sorted(containers)
    kept = []
    for section in sections:
        if section.line in containers:
            continue
        at = bisect.bisect_right(firsts, section.line)
        if at < len(firsts) and firsts[at] <= section.end_line:  # a bullet item inside it
            first = firsts[at]
            below = bisect.bisect_left(holders, first) - 1  # the last container above that item
            container = holders[below] if below >= 0 and holders[below] > section.line else first
            section.end_line = container - 1
        kept.append(section)
    merged = sorted(kept + items, key=lambda s: s.line)
    ids = UniqueIds({s.id for s in kept})
    for item in items:
        item.id = ids.make(slugify(item.title) or "item")
    return merged
