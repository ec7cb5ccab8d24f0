"""Re-emit a line of a note with our links, keeping all its text.

Note text is untrusted: outside code, `&` and `<` are escaped so no raw HTML survives;
links keep only safe schemes. (The plugin also sanitises the final HTML, as a backstop.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, unquote

from .. import inline, urls
from ..community import Reference
from ..parse.references import ReferenceFinder
from ..text import escape_html, escape_markdown

_SAFE_SCHEME = re.compile(r"^(?:https?:|mailto:)", re.I)
_ANY_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)


def escape_text(text: str) -> str:
    """Markdown text with raw HTML neutralised but formatting kept. "{" is escaped too, so
    that "{#x}" or "{: .c}" in a note stays text instead of becoming attributes, and so are
    brackets: a link our scanner did not read ("[x](url with spaces)", "[[x]](url)") would
    hide its text in an href, and "[TOC]" would become a table of contents."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace("{", "&#123;")
    return _BRACKET.sub(r"\\\1", text) if "[" in text or "]" in text else text


_BRACKET = re.compile(r"(?<!\\)([\[\]])")  # one written "\[" is already escaped
# Characters that end or open a Markdown link target, so a URL holding one would run on
# into the rest of the line ("[x](https://a/b(c) and more") or lose its tail.
_TARGET_UNSAFE = re.compile(r'[()<>"\\\s`]')
# "!!! note" opens an admonition and "??? note" a folded one: their line would show only the
# title, or nothing, also inside a list item or quote. In notes they are text; the first
# mark is written as an entity.
_BLOCK_MARKER = re.compile(r"^((?:\s*(?:[*+-]\s|\d+[.)]\s|>))*\s*)([!?])(?=\2\2)")


def code_html(span: str) -> str:
    """A code span of the note as finished HTML. Our scanner and Markdown could disagree on
    where a span starts (a backslash before a backtick, say); writing the span ourselves,
    every character that means something to Markdown or HTML as an entity, leaves nothing
    of the note for Markdown to read as raw HTML whichever reading wins."""
    ticks = len(span) - len(span.lstrip("`"))
    body = span[ticks : len(span) - ticks]
    if body.startswith(" ") and body.endswith(" ") and body.strip():
        body = body[1:-1]  # CommonMark: one space of padding on each side is not content
    return "<code>" + _CODE_UNSAFE.sub(lambda m: f"&#{ord(m.group())};", body) + "</code>"


_CODE_UNSAFE = re.compile(r"[^\w ]|_")


# "- [x] done": a task list item's box, left for the tasklist extension to show as one (its
# brackets escaped, as all are, it would be text); a box before ":" or "(" stays text.
_TASK_BOX = re.compile(r"^(\s*(?:[*+-]|\d+[.)])\s+)\\\[([ xX])\\\]([ \t])")  # (no box before a no-break space)
# "[ref]: url" defines a link and is not shown; in notes it is text like any other.
_REFERENCE_DEFINITION = re.compile(r"^(\s{0,3})\[([^\]]+)\]:")


@dataclass
class Writer:
    """Writes links from one generated page (`page`) for one meeting's text."""

    page: str  # the generated page's src path
    default_repo: str
    recording: str | None
    attachments: frozenset[str] = frozenset()
    attachment_dir: str = ""  # where attachments are published, as a src-relative folder
    directory_urls: bool = True
    repo_aliases: dict[str, str] = field(default_factory=dict)
    # The issues that have pages, as (repo, number); None links every reference. A note's
    # references beyond the archive's limit stay text, never links to pages that do not exist.
    issues: frozenset[tuple[str, int]] | None = None
    references: tuple[Reference, ...] = ()  # "EIP-1559" in text links to its reference page
    # What became of the linked issues (the refs file): ((repo, number), state) pairs
    states: tuple[tuple[tuple[str, int], str], ...] = ()
    roll: bool = True  # some note of the archive lists who attended: the card counts them

    def __post_init__(self) -> None:
        self._finder = ReferenceFinder(self.references)
        self._states = dict(self.states)

    def _badge(self, repo: str, number: int) -> str:
        """A small state badge after an issue link ("closed"), where the refs file knows it."""
        state = self._states.get((self._repo(repo), number))
        if not state:
            return ""
        return f' <span class="mt-state mt-state-{state.replace(" ", "-")}">{escape_html(state)}</span>'

    def _referenced(self, text: str, escape: object) -> str:
        """Text with each reference linked to its page, the rest escaped by `escape`."""
        out, pos = [], 0
        for found in self._finder.find(text):
            key = (found.reference.key, found.number)
            if self.issues is not None and key not in self.issues:
                continue
            out.append(escape(text[pos : found.start]))  # type: ignore[operator]
            label = escape(text[found.start : found.end])  # type: ignore[operator]
            if escape is escape_html:
                out.append(f'<a href="{escape_html(self.href(urls.issue_src(key)))}">{label}</a>')
            else:
                out.append(f"[{label}]({urls.md_link(self.page, urls.issue_src(key))})")
            pos = found.end
        out.append(escape(text[pos:]))  # type: ignore[operator]
        return "".join(out)

    def markdown(self, line: str, people: list[tuple[list[str], str]] | None = None) -> str:
        """The line as Markdown; `people` ((spellings, href) each) are linked where the
        line's plain text first names them."""
        pieces = inline.scan(line, self.default_repo)
        wanted = list(people or [])
        text = "".join(
            self._text_with_names(p.text, wanted) if wanted and p.kind == "text" else self._md_piece(p) for p in pieces
        )
        text = _BLOCK_MARKER.sub(lambda m: f"{m[1]}&#{ord(m[2])};", text)
        text = _TASK_BOX.sub(r"\1[\2]\3", text)
        return _REFERENCE_DEFINITION.sub(r"\1\\[\2]:", text)

    def _text_with_names(self, text: str, wanted: list[tuple[list[str], str]]) -> str:
        """A text piece with the first naming of each wanted person linked (and that person
        taken off `wanted`)."""
        out: list[str] = []
        pos = 0
        folded = text.lower()
        while wanted:
            best: tuple[int, int, int] | None = None  # (start, end, index in wanted)
            for index, (names, _) in enumerate(wanted):
                for name in names:
                    at = _find_word(folded, name.lower(), pos) if len(name.lower()) == len(name) else -1
                    if at >= 0 and (best is None or at < best[0]):
                        best = (at, at + len(name), index)
            if best is None:
                break
            start, end, index = best
            out += [escape_text(text[pos:start]), f"[{escape_markdown(text[start:end])}]({wanted[index][1]})"]
            pos = end
            del wanted[index]
        out.append(escape_text(text[pos:]))
        return "".join(out)

    def html(self, text: str) -> str:
        """Chat text: plain text with URLs and issue references as urls."""
        return "".join(self._html_piece(p) for p in inline.scan(text, self.default_repo, markdown=False))

    def href(self, to_src: str) -> str:
        """A relative href from this page to another source, for HTML (see `urls.href`)."""
        return urls.href(self.page, to_src, self.directory_urls)

    def issue_link(self, repo: str, number: int) -> str:
        return urls.md_link(self.page, urls.issue_src((self._repo(repo), number)))

    def _repo(self, repo: str) -> str:
        return self.repo_aliases.get(repo.lower(), repo.lower())

    def _linked(self, piece: inline.Piece) -> bool:
        return self.issues is None or (self._repo(piece.target), piece.number) in self.issues

    def _md_piece(self, piece: inline.Piece) -> str:
        kind = piece.kind
        if kind == "text":
            return self._referenced(piece.text, escape_text) if self._finder else escape_text(piece.text)
        if kind == "code":
            return code_html(piece.text)
        if kind == "mark":
            url = urls.video_url(self.recording, piece.seconds)
            label = escape_markdown(_mark_label(piece))
            return f"[{label}]({url})" if url else label
        if kind == "issue":
            label = piece.label or piece.text
            if not self._linked(piece):
                return escape_markdown(label)
            link = f"[{escape_markdown(label)}]({self.issue_link(piece.target, piece.number)})"
            return link + self._badge(piece.target, piece.number)
        if kind == "url":
            return f"<{piece.target}>"
        if kind in ("link", "image"):
            target = self._target(piece.target)
            if target is None:
                return escape_markdown(piece.text)
            bang = "!" if kind == "image" else ""
            return f"{bang}[{escape_text(piece.label)}]({target})"
        return escape_text(piece.text)

    def _target(self, target: str) -> str | None:
        """A link target that is safe and resolves, or None to show the link as text."""
        target = target.strip()
        if not target:
            return None
        if target.startswith("#"):
            return None  # anchors of the original site do not exist here
        if _ANY_SCHEME.match(target):
            if not _SAFE_SCHEME.match(target):
                return None
            return _TARGET_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", target)
        path = target.split("#")[0].split("?")[0]
        # "Team%20Slides.pdf" (as GitHub writes an upload's name) is the file "Team Slides.pdf"
        name = unquote(path[2:] if path.startswith("./") else path)
        if name in self.attachments:
            # Written encoded, so a space or a bracket in the name cannot end the Markdown link.
            return quote(urls.md_link(self.page, f"{self.attachment_dir}/{name}"), safe="/")
        return None

    def _html_piece(self, piece: inline.Piece) -> str:
        if piece.kind == "url":
            url = escape_html(piece.target)
            return f'<a href="{url}" rel="nofollow noopener">{url}</a>'
        if piece.kind == "issue" and self._linked(piece):
            target = self.href(urls.issue_src((self._repo(piece.target), piece.number)))
            badge = self._badge(piece.target, piece.number)
            return f'<a href="{escape_html(target)}">{escape_html(piece.text)}</a>{badge}'
        if piece.kind == "text" and self._finder:
            return self._referenced(piece.text, escape_html)
        return escape_html(piece.text)


def _find_word(text: str, word: str, start: int) -> int:
    """Where `word` first stands as a whole word in `text` from `start`, or -1."""
    at = text.find(word, start)
    while at >= 0:
        before = text[at - 1] if at > 0 else " "
        after = text[at + len(word)] if at + len(word) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return at
        at = text.find(word, at + 1)
    return -1


def _mark_label(piece: inline.Piece) -> str:
    """What a reader saw: "(04:02 in the video)" also for the linked forms."""
    if piece.target:
        return re.sub(r"\[([^\]]*)\]?\s*i?\([^)]*\)", r"\1", piece.text)
    return piece.text
