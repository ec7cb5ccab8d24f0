"""Where pages live and how one page links to another or into a recording."""

from __future__ import annotations

import functools
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .model import Issue
from .text import slugify


def meeting_src(ident: str) -> str:
    return f"meetings/{ident}.md"


def person_src(ident: str) -> str:
    return f"people/{ident}.md"


def topic_src(ident: str) -> str:
    return f"topics/{ident}.md"


def issue_src(issue: Issue | tuple[str, int]) -> str:
    repo, number = issue if isinstance(issue, tuple) else (issue.repo, issue.number)
    owner, _, name = repo.partition("/")
    if not name:  # a reference series ("eip"): issues/eip/1559
        return f"issues/{slugify(owner)}/{number}.md"
    return f"issues/{slugify(owner)}/{slugify(name)}/{number}.md"


def md_link(from_src: str, to_src: str) -> str:
    """A relative link between two Markdown sources, as MkDocs resolves and validates them.

    Both are clean relative paths of our own making, so a common-prefix count does what
    posixpath.relpath does, without its file-system normalisation (a hot path here).
    """
    here = from_src.split("/")[:-1]
    there = to_src.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:])


@functools.lru_cache(maxsize=65536)  # every page is linked to from many others
def page_url(src: str, directory_urls: bool) -> str:
    """The site URL of a Markdown source, the way MkDocs computes it (other files keep their path)."""
    if not src.endswith(".md"):
        return src
    stem = src[: -len(".md")]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def href(from_src: str, to_src: str, directory_urls: bool) -> str:
    """A relative href for raw HTML, where MkDocs does not rewrite links.

    Same common-prefix count as `md_link`, on the pages' URLs instead of their sources.
    """
    here = page_url(from_src, directory_urls).split("/")[:-1]
    there = page_url(to_src, directory_urls).split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return "../" * (len(here) - common) + "/".join(there[common:]) or "./"


def video_url(recording: str | None, seconds: int | None) -> str | None:
    """The recording opened at `seconds`: YouTube's t= (replacing any), else a #t= fragment."""
    if not recording or seconds is None:
        return None
    prefix, suffix = _video_template(recording)
    return f"{prefix}{seconds}{suffix}"


@functools.lru_cache(maxsize=4096)
def _video_template(recording: str) -> tuple[str, str]:
    """What goes before and after the seconds, worked out once per recording."""
    parts = urlsplit(recording)
    host = parts.netloc.lower().removeprefix("www.").removeprefix("m.")
    if host in ("youtube.com", "youtu.be"):
        query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "t"]
        base = urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))
        return base + ("&" if query else "?") + "t=", "s"
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, "")) + "#t=", ""


def clock(seconds: int) -> str:
    """110 -> "1:50", 3661 -> "1:01:01"."""
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
