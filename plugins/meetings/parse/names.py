"""Recognisers for people's names in attendee lists and presenter headings."""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata

from rapidfuzz import fuzz

from ..inline import code_spans
from ..text import slugify, unlink

_PARTICLES = {"van", "von", "de", "der", "den", "di", "da", "del", "le", "la", "du", "dos", "y", "w/"}
# Heading words that are never names, so "### Demo - (9:14 in the video)" is no presenter.
_NOT_NAME_WORDS = set(
    "demo demos questions question discussion topics topic summary notes note update updates slides "
    "announcement announcements agenda recap introduction introductions overview details breaking changes "
    "meeting video recording repo presentation upcoming other team everyone anyone maintainers "
    "reviewers community members".split()
)
_NAME_WORD = re.compile(r"^[^\W\d_][\w'’.\-]*$")
_NOT_PEOPLE = re.compile(
    r"(?:'s|’s) presentation$|^(?:and )?(?:others?|(?:many )?more)(?: not noted)?[.!]?$|^listener$|^all$|^none$|^n/?a$"
    r"|^(?:invited |other )?guests:?$|^everyone$"  # a group written where names go
    r"|^\([^()]*\)$",  # "(sorry, I forgot to write these down)": an aside
    re.I,
)
# A run of spaces is entered only at its start ("(?<!\s)"): a pattern that could start at
# each of its spaces and scan on to its end would read a long run in quadratic time.
_NAME_SPLIT = re.compile(r"\s*(?:,|/|&|\band\b)\s*")  # "Tony, Martha and Max": in parentheses, bounded
_IN_PARENTHESES = re.compile(r"\((?P<who>[^()]{1,80})\)[\s.]*$")
_PRESENTER_SPLIT = re.compile(r"(?:(?<!\s)\s+)?(?:/|&&?|,|\band\b|\bvia\b|\bfor\b)\s*")


def looks_like_name(text: str) -> bool:
    """True for "Matt Heon", "Sally O'Malley", "Parker Van Roy", "mheon"; not for prose."""
    words = text.split()
    if not 1 <= len(words) <= 5 or _NOT_PEOPLE.search(text):
        return False
    if not all(_NAME_WORD.match(w) and w.lower() not in _NOT_NAME_WORDS for w in words):
        return False
    capitals = [w for w in words if any(c.isupper() for c in w)]  # "deBoer" counts
    lower = [w for w in words if w not in capitals and w.lower() not in _PARTICLES]
    if len(words) == 1:
        return True
    return bool(capitals) and not lower


GITHUB_LOGIN = r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}"
# "@jdoe" (a GitHub login) and Zulip's "@**Jane Doe**", "@_**Jane Doe|1234**" (a silent mention)
MENTION = re.compile(
    r"(?<![\w@])@(?:_?\*\*(?P<zulip>[^*|\n]{1,80})(?:\|\d{1,12})?\*\*"
    rf"|(?P<login>{GITHUB_LOGIN})(?![\w-]))"
)


def mentions_in(line: str) -> list[re.Match[str]]:
    """The @-mentions of `line` outside its code spans: `@stream`, `@Override` in code are
    a language's words (a directive, a decorator), never a person."""
    if "@" not in line:
        return []
    found = list(MENTION.finditer(line))
    if found and "`" in line:
        spans = code_spans(line)  # in order and apart: the one that could hold a mention is found by bisection
        starts = [start for start, _ in spans]
        found = [m for m in found if (i := bisect.bisect_right(starts, m.start()) - 1) < 0 or spans[i][1] <= m.start()]
    return found


def names_in_parentheses(text: str) -> list[str]:
    """ "Rebase #9622 (Tony, Martha and Max)" -> ["Tony", "Martha", "Max"]: what a text ends
    with in parentheses, split as names are; [] when it ends otherwise."""
    found = _IN_PARENTHESES.search(text)
    return [name.strip() for name in _NAME_SPLIT.split(found["who"].strip())] if found else []


_EMAIL = re.compile(r"<[^<>@\s]{1,64}@[^<>@\s]{1,255}>")


@functools.lru_cache(maxsize=1 << 16)  # the same names come back in every note and build
def strip_affiliation(name: str) -> str:
    """ "Greg Shomo (Northeastern)" -> "Greg Shomo"; "Cesar Talledo - Nestybox" -> "Cesar Talledo";
    "Jane Doe @jdoe" -> "Jane Doe" (a handle after a name is the person's, not the name), and
    "Ana Silva <ana@example.org>" -> "Ana Silva"."""
    name = _EMAIL.sub(" ", name)  # "Ana Silva <ana@example.org>"
    name = re.sub(r"(?:(?<!\s)\s+)?\([^()]*\)\s*", " ", name)
    name = re.sub(r"(?<=\w)\s+@[\w][\w.-]*(?=\s|$)", " ", name)
    name = re.sub(r"(?<!\s)\s+-\s+.*$", "", name)
    return " ".join(name.split())


def split_names(text: str) -> list[str]:
    """Names in an attendee list, in order, as written (trimmed)."""
    names = []
    # "Bradford C. Smith (BCS) Rick Button (RBU)": a comma left out after a name's parentheses
    for part in re.split(r",|(?<=\))[ \t]+(?=[A-Z][a-z])", text):
        part = part.strip().rstrip(".").strip()
        part = re.sub(r"^and\s+", "", part)
        if part:
            names.append(part)
    return names


def split_presenters(text: str) -> list[str] | None:
    """Presenters in a heading such as "Brent Baude/Ashley Cui"; None if it is not names."""
    text = unlink(text)  # "Cesar Talledo - [Nestybox](…)"
    text = strip_affiliation(text).strip(" *_-")
    parts = [p for p in _PRESENTER_SPLIT.split(text) if p]
    if parts and all(looks_like_name(p) for p in parts):
        return parts
    return None


# A list is compared name by name (fuzzily) only up to this many entries; after them, a name
# is looked up by its exact key. Real lists have under 40 names; a crafted one with 10,000
# would otherwise take 50 million comparisons.
FUZZY_LIMIT = 100


class NameList:
    """The names of one list so far, to find the one a new name repeats."""

    def __init__(self) -> None:
        self._compared: list[tuple[str, str]] = []  # (name, key) of the first FUZZY_LIMIT entries
        self._by_key: dict[str, str] = {}  # key -> first name with it

    def add(self, name: str) -> None:
        key = slugify(name)
        if len(self._compared) < FUZZY_LIMIT:
            self._compared.append((name, key))
        self._by_key.setdefault(key, name)

    def near_duplicate(self, name: str) -> str | None:
        """An earlier entry that differs only by accents or a typo
        ("Mairin Duffy" / "Máirín Duffy", "Mohan Boddu" / "Mohan Bodu")."""
        key = slugify(name)
        for other, other_key in self._compared:
            if other_key == key or (len(key) > 8 and fuzz.ratio(key, other_key) >= 90):
                return other
        return self._by_key.get(key)


@functools.lru_cache(maxsize=1 << 16)  # the same names come back in every note and build
def is_person(name: str) -> bool:
    """Not a tile, a placeholder or markup pasted into a list ("<img …>", "[x](y)")."""
    text = _EMAIL.sub(" ", name).strip()  # "Ana Silva <ana@example.org>" is a person, "<img …>" no one
    return bool(re.search(r"[^\W\d_]", text)) and not _NOT_PEOPLE.search(text) and not re.search(r"[<>{}\[\]]", text)


# Scripts written together in one word of a real name: Japanese mixes kanji and kana,
# Korean hangul and hanja.
_SCRIPT_GROUP = {"HIRAGANA": "CJK", "KATAKANA": "CJK", "HANGUL": "CJK", "BOPOMOFO": "CJK", "IDEOGRAPHIC": "CJK"}
_LETTER_RUN = re.compile(r"(?:[^\W\d_]|[\u0300-\u036f])+")


def script_of(ch: str) -> str | None:
    """ "LATIN", "CYRILLIC", "GREEK", "CJK", …; None for what is not a letter of a script."""
    if not unicodedata.category(ch).startswith("L") or unicodedata.category(ch) == "Lm":
        return None
    script = unicodedata.name(ch, "").split(" ", 1)[0]
    return _SCRIPT_GROUP.get(script, script) or None


def mixed_script(name: str) -> list[str]:
    """The letters of `name` that sit in a word of another script ("Mаtt" with a
    Cyrillic "а": ["а"]); empty for names written one script per word."""
    odd: list[str] = []
    for run in _LETTER_RUN.findall(name):
        scripts = [s for s in map(script_of, run) if s]
        if len(set(scripts)) > 1:
            main = max(set(scripts), key=lambda s: (scripts.count(s), s == "LATIN", s))
            odd += [ch for ch in run if script_of(ch) not in (None, main) and ch not in odd]
    return odd


# Letters of other scripts (and a few Latin ones outside any alphabet) that look like a
# Latin letter, each with the letter it imitates.
_LOOKALIKES = str.maketrans(
    {
        pair[0]: pair[1]
        for pair in (
            "АA ВB ЕE ЅS ІI ЈJ КK МM НH ОO РP СC ТT ХX УY ԚQ ԜW Ӏl "  # Cyrillic
            "аa еe ѕs іi јj һh ԁd ԛq ԝw оo рp сc уy хx ӏl "
            "ΑA ΒB ΕE ΖZ ΗH ΙI ΚK ΜM ΝN ΟO ΡP ΤT ΥY ΧX αa ιi οo ρp υu νv γy ϲc ϳj "  # Greek
            "ՍU ՕO ԼL օo սu ոn հh ցg զq "  # Armenian
            "ᎪA ᏴB ᏟC ᎬE ᎻH ᎫJ ᏦK ᏞL ᎷM ᏢP ᏚS ᎢT ᏙV ᏔW ᏃZ ᎠD ᏀG ᏒR "  # Cherokee
            "ɑa ɡg ȷj"  # Latin letters of phonetics and mathematics
        ).split()
    }
)


def as_latin(name: str) -> str:
    """What `name` looks like in Latin letters: "Mаtt Heоn" with Cyrillic "а" and "о"
    -> "Matt Heon" in Latin; a name with no look-alike letter is returned as it is."""
    return name.translate(_LOOKALIKES)
