"""Small text helpers shared by every stage: slugs, escaping, encoding repair."""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

from slugify import slugify as _slugify

# Sequences that UTF-8 text takes on when it is decoded as MacRoman or cp1252.
# Repair only fires on lines that hold one, so correct text is never touched.
_MOJIBAKE = re.compile(
    "√[\u0080-\u00ff\u2013-\u2044\u0152-\u0192\u02c6-\u02dc\u03a9\u03c0\u2122\u2202-\u2265\ufb01\ufb02]"
    "|Ã.|â€|Å.|Ä.|Â[\u00a0-\u00bf]"
)


# Lines longer than this are kept and shown as plain text: Markdown's inline parsing
# grows faster than linearly on one huge line.
LONG_LINE = 10_000


def looks_misdecoded(text: str) -> bool:
    return _MOJIBAKE.search(text) is not None


def repair_mojibake(line: str) -> str:
    """Undo a wrong decode (e.g. "Bj√∂rklund" -> "Björklund"); other text is returned as is."""
    if not _MOJIBAKE.search(line):
        return line
    # Word by word: a line may mix mis-decoded names with correct ones ("Trmač").
    return re.sub(r"\S+", lambda m: _repair_word(m.group()), line)


def _repair_word(word: str) -> str:
    if not _MOJIBAKE.search(word):
        return word
    import ftfy  # only when a note needs it: importing it is a sizeable share of a small build

    return ftfy.fix_encoding(word)


@functools.lru_cache(maxsize=131072)  # names and titles repeat across an archive
def slugify(text: str) -> str:
    """A lower-case ASCII slug that is safe as one path segment ("Björklund" -> "bjorklund").

    Transliteration loses what tells other scripts apart ("王" and "汪" are both "wang")
    and drops emoji, so such text gets a short hash of itself: different names never
    share a slug, and none of them is a bare "x". Punctuation alone names nothing: "x"."""
    slug = _slugify(text, lowercase=True, max_length=80, word_boundary=True)
    canonical = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    lossy = any(ch.isalnum() and not ch.isascii() and not _is_latin(ch) for ch in canonical)
    named = any(unicodedata.category(ch)[0] in "LNS" for ch in canonical)
    if not (lossy or (named and not slug)):
        return slug or "x"
    digest = hashlib.blake2s(canonical.encode("utf-8"), digest_size=4).hexdigest()
    base = _slugify(text, lowercase=True, max_length=80 - len(digest) - 1, word_boundary=True)
    return f"{base}-{digest}" if base else f"x-{digest}"


class UniqueIds:
    """Ids unique within one page: "notes", "notes-2", "notes-3", … Each base remembers the
    last number it tried (the taken ones stay taken), so a note of 10,000 headings all
    titled "Notes" makes its ids in linear time."""

    def __init__(self, used: set[str] | None = None) -> None:
        self.used = set(used or ())
        self._next: dict[str, int] = {}

    def make(self, base: str) -> str:
        ident, number = base, self._next.get(base, 2)
        while ident in self.used:
            ident, number = f"{base}-{number}", number + 1
        self._next[base] = number
        self.used.add(ident)
        return ident


def _is_latin(ch: str) -> bool:
    return unicodedata.name(ch, "").startswith("LATIN ")


# Characters that show nothing but can hide inside a name or reorder how it is shown:
# zero-width spaces and joiners, direction marks, embeddings, overrides and isolates,
# invisible operators, the byte-order mark and the soft hyphen.
_INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


@functools.lru_cache(maxsize=1 << 16)  # the same names come back in every note and build
def clean_name(text: str) -> str:
    """A name as it should be compared and shown: NFKC ("Ｍａｔｔ" -> "Matt"), no invisible
    or direction-changing characters, single spaces."""
    return " ".join(unicodedata.normalize("NFKC", _INVISIBLE.sub("", text)).split())


@functools.lru_cache(maxsize=1 << 16)  # the same names come back in every note and build
def fold(text: str) -> str:
    """A key for comparing names: case-, accent- and spacing-insensitive."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


# Code points no output format can carry as text: C0 controls but tab and line ends, DEL,
# C1 controls (NEL among them: some readers end a line there), lone surrogates and the
# noncharacters (U+FFFE and U+FFFF are forbidden in XML). Line and paragraph separators end
# a line for many readers too: they become a plain line end.
_UNSHOWABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)
_SEPARATORS = re.compile("[\u2028\u2029]")
REPLACEMENT = "\ufffd"


def unshowable(text: str) -> list[str]:
    """The code points of `text` that `valid_text` replaces, as "U+FFFE"."""
    return sorted({f"U+{ord(ch):04X}" for ch in _UNSHOWABLE.findall(text)})


def valid_text(text: str) -> str:
    """`text` as every output can carry it (HTML, XML feeds, ICS, JSON): each code point no
    format allows is shown as U+FFFD, line and paragraph separators as a line end. Every
    writer passes its text through here, so one odd character never stops a build."""
    if text.isascii() and text.isprintable():
        return text
    return _SEPARATORS.sub("\n", _UNSHOWABLE.sub(REPLACEMENT, text))


def escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


# "[text](target)". Neither part runs past a "[", where the next attempt would start: a line
# of "[a](" then costs linear time, not quadratic.
_LINK = re.compile(r"\[([^\[\]]*)\]\([^)\[]*\)")


def unlink(text: str) -> str:
    """Markdown links replaced by their text: "see [the docs](https://…)" -> "see the docs"."""
    return _LINK.sub(r"\1", text) if "](" in text else text


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}#+!|])")


_WRAPPED = re.compile(r"(?P<mark>\*\*|__|\*|_)(?P<text>[^*_\s](?:.*[^*_\s])?)(?P=mark)")


def unwrap(text: str) -> str:
    """ "**OCIO TSC Meeting Notes**" -> "OCIO TSC Meeting Notes": a title written all in bold or italics."""
    wrapped = _WRAPPED.fullmatch(text.strip())
    return wrapped["text"] if wrapped else text.strip()


def escape_markdown(text: str) -> str:
    """Text that Markdown shows literally, with no HTML and no formatting."""
    return _MD_SPECIAL.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))


def initials(name: str) -> str:
    """ "Matt Heon" -> "MH", "mheon" -> "MH", "王" -> "王"; "?" when there is no letter."""
    words = [w for w in re.split(r"[\s._-]+", clean_name(name)) if w and w[0].isalnum()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:2].upper()
    return (words[0][0] + words[-1][0]).upper()
