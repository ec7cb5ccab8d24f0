"""Subjects mined from the notes themselves: the tools, projects, commands, platforms and
other proper nouns a community keeps coming back to, each with its spellings folded in.

Nothing here lists a community's subjects. A word is a candidate when the notes treat it
as a name: written with a capital in the middle of sentences (Buildah, CNCF, Windows),
kept lower-case in a Title Case heading (`crun Update`), the first word of a command in a
code span, or a GitHub repository's name. Two words are one subject when the second one
mostly comes after the first and is written as a name or in a command (Podman Desktop,
Red Hat, `podman machine`); a compound written as one word is one (`registries.conf`,
`containers-common`) unless its first part is a subject ("aardvark-dns" is Aardvark).
Spellings fold: case, hyphen/space/underscore/dot, a plural whose singular is used,
a possessive, a repository URL and its name.

What is left out is learned too: the words of the archive's own name (in nearly every
meeting), people's names, calendar words, numbers and versions, and the words of generic
agenda headings: titles that recur across meetings over bodies that have little in
common ("Open Forum/Questions?").

The text is read with a few regular expressions over each meeting's prose at once, so
mining costs a small share of a build. Every pattern is linear: no two unbounded
quantifiers can trade characters (possessive runs, single separators between them).
"""

from __future__ import annotations

import bisect
import calendar
import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .cache import BuildCache

# Words of the language, never a subject however they are written.
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing done down during each either else etc even
    ever every few for from further get gets getting go goes going got had has have having he her here
    hers him his how i if in into is it its itself just let like may me might more most much must my
    no nor not now of off on once one only or other our ours out over own per please same she should
    so some such than that the their theirs them then there these they this those through thus to too
    under until up upon us very via was we well were what when where which while who whom whose why
    will with within without would yes yet you your yours new next last first second third many lot
    lots way ways thing things still already really maybe sure okay ok thanks thank hi hello yeah""".split()
)
# Clock and calendar words: dates and times are everywhere in notes and say nothing.
CALENDAR = frozenset(
    w.casefold()
    for w in [*calendar.month_name, *calendar.month_abbr, *calendar.day_name, *calendar.day_abbr]
    + "am pm utc gmt est edt cst cdt pst pdt cet cest eastern pacific central sept".split()
    + "spring summer autumn fall winter".split()  # "early Spring 2024"
    if w
)
# Units, the words of taking minutes and of chatting: in every community's notes, so never what a
# meeting was about ("— MB, Quadlet", "— PRs, URL").
NOTE_WORDS = frozenset(
    """b kb mb gb tb pb kib mib gib tib ms ns sec secs min mins hr hrs hz mhz ghz kbps mbps gbps fps
    pr prs mr mrs wip url urls id ids tbd tba fyi aob lgtm todo todos faq eta asap tl dr os
    doc docs pdf slide slides link links repo repos
    hmm hm mhm um umm uh uhm erm btw thx pls imo imho fwiw afaik iirc nvm brb tldr""".split()
)
# Where a community works and meets: subjects with a page of their own, but no meeting is
# "about" GitHub for mentioning a pull request there, so they never name a meeting.
VENUES = frozenset("github gitlab gitea youtube zoom bluejeans jitsi hackmd discourse".split())
MIN_MEETINGS = 3  # a subject gets a page when the notes of this many meetings use it
OWN_NAME_SHARE = 0.75  # a word in this share of meetings is the archive's own name
GENERIC_BODY_LIKENESS = 0.2  # a recurring title whose bodies share less than this is generic

_WORD = re.compile(r"[^\W_]++")
_URL = re.compile(r"https?:/{0,2}[^\s)\]>]++|\bwww\.[^\s)\]>]++")
_GITHUB = re.compile(r"github\.com/[\w.-]{1,100}/([\w.-]{1,100})", re.I)
_LINK_TARGET = re.compile(r"\]\([^)\s]{0,2000}\)")
_CODE = re.compile(r"`([^`\n]{1,200})`")
# "zstd and gzip", "gzip, zstd", "zstd instead of gzip": two words listed together (each
# pair read once, the second word looked at ahead so that "a, b and c" gives both pairs)
_LISTED = re.compile(r"(?<![\w.-])([^\W_]+)(?=(?:,\s*|\s+(?:and|or|vs\.?|versus|instead\s+of)\s+)([^\W_]+)(?![\w-]))")
# subjects that are names written in small letters: what is listed with them is a name too
_LOWER_NAMES = frozenset(
    {"spelled as no word is", "a command", "a repository's name", "written with a capital inside or in capitals too"}
)
# A capital in mid-sentence: after a word or a comma and one space.
_CAPITAL_MID = re.compile(r"(?<=[\w,] )[A-Z][^\W_]*+")
# Words joined by "-", "_", "." or "/" with no space ("registries.conf", "aardvark-dns").
_JOINER = re.compile(r"(?<=[^\W_])[-_./](?=[^\W_])")
_OPTION = re.compile(r"[:=]")
# Spelled as no word of the language is: no vowel ("ssh", "zstd", "npm"), or letters and
# digits in one ("k8s", "s390x", "arm64"); a version or release label ("v5", "rc2") is not one.
_UNWORDLIKE = re.compile(r"[^\W\daeiouy_]{3,}|(?!(?:v|rc|q|h)\d+$)[^\W\d_]+\d[^\W_]*")
_ODD_CASE = re.compile(r"[A-Z]{3}|[a-z][A-Z]")
_SMALL = re.compile(r"[a-z]")
_IDENTIFIER = re.compile(r"\w++")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
# Endings of words made in the language ("tracking", "management"): a word with one is a
# common noun or verb even when a Title Case phrase gives it a capital.
_ENGLISH_SUFFIX = re.compile(r"(?:ing|ed|ment|tion|sion|ance|ence|ency|ity|ness|ship|ure|ive|able|ible|ly|ers)$")


@dataclass
class Subject:
    key: tuple[str, ...]
    name: str = ""  # the most used spelling
    why: str = ""
    spellings: Counter[str] = field(default_factory=Counter)
    meetings: set[str] = field(default_factory=set)  # whose notes use it
    acronym: bool = False  # "API", "REST": found only in capitals ("rest" is a word)


def singular(word: str) -> str:
    """ "registries" -> "registry", "containers" -> "container", "PRs" -> "pr"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 2 and word.endswith("s") and not word.endswith(("ss", "us", "is")) and word not in STOPWORDS:
        return word[:-1]
    return word


def clean_line(line: str) -> str:
    """A line without link targets and URLs; a GitHub URL leaves its repository's name."""
    if "](" in line:
        line = _LINK_TARGET.sub("] ", line)
    if "http" in line or "www." in line:
        line = _URL.sub(lambda m: f" {_repo_name(m.group())} ", line)
    return line


def _repo_name(url: str) -> str:
    found = _GITHUB.search(url)
    return found.group(1).removesuffix(".git") if found else ""


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


# ASCII punctuation as spaces, in bytes: splitting a long text this way is 3x faster than a pattern.
_ASCII_BREAKS = bytes.maketrans(
    bytes(c for c in range(128) if not chr(c).isalnum()), b" " * sum(1 for c in range(128) if not chr(c).isalnum())
)


def word_set(lower: str) -> set[str]:
    """The distinct words of a lower-cased text, as `_WORD` reads them, quickly."""
    plain = lower.encode("utf-8", "ignore").translate(_ASCII_BREAKS).decode("utf-8", "ignore")
    found = set(plain.split())
    for token in [t for t in found if not t.isascii()]:  # "“podman”", "björklund": few
        found.discard(token)
        found.update(_WORD.findall(token))
    return found


@dataclass
class _Counts:
    """What the archive's prose says about each word (keys folded, as written otherwise)."""

    meetings: Counter[str] = field(default_factory=Counter)  # word -> meetings using it
    count: Counter[str] = field(default_factory=Counter)
    capital_mid: Counter[str] = field(default_factory=Counter)
    capital_alone: Counter[str] = field(default_factory=Counter)  # capital among lower-case words
    all_capitals: Counter[str] = field(default_factory=Counter)  # written in capitals only ("API")
    kept_lower: Counter[str] = field(default_factory=Counter)
    code: Counter[str] = field(default_factory=Counter)
    code_pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    repo: Counter[str] = field(default_factory=Counter)
    pairs: Counter[tuple[str, str]] = field(default_factory=Counter)
    pair_meetings: Counter[tuple[str, str]] = field(default_factory=Counter)
    pair_capital: Counter[tuple[str, str]] = field(default_factory=Counter)
    compounds: Counter[tuple[str, ...]] = field(default_factory=Counter)  # -> meetings
    file_like: set[tuple[str, ...]] = field(default_factory=set)  # joined by ".", "/" or "_"
    in_generic: Counter[str] = field(default_factory=Counter)
    # "SystemD", "QEMU": in the notes, the chat or the transcript
    inner_capital: Counter[str] = field(default_factory=Counter)
    in_capitals: Counter[str] = field(default_factory=Counter)
    titled: Counter[str] = field(default_factory=Counter)  # capitals inside Title Case runs
    listed: Counter[tuple[str, str]] = field(default_factory=Counter)  # "zstd and gzip" -> meetings, both ways


def mine(
    prose: dict[str, list[str]],
    titles: dict[str, list[str]],
    bodies: dict[str, list[tuple[str, str]]],
    people_words: set[str],
    own_name: set[str],
    cache: BuildCache,
    known_generic: set[str] | None = None,
    min_meetings: int = MIN_MEETINGS,
    spoken: dict[str, list[str]] | None = None,
) -> tuple[list[Subject], dict[str, str]]:
    """Candidate subjects, and the plural folds learned (plural -> singular).

    `prose`: each meeting's running text (no headings, metadata, pasted chat or
    transcript); `titles`: its headings; `bodies`: its agenda titles with their bodies'
    text; `people_words`: words of people's names; `own_name`: the words of the notes'
    titles, the archive's own name ("Podman Community Cabal"); `cache`: where each meeting's
    share of the counts is kept for the next reading; `known_generic`: agenda titles known
    to be generic whatever their recurrence; `spoken`: its chat and transcript, read only for
    how words are written ("QEMU" in the chat of notes that write "qemu"). The candidates' meetings are counted
    again by the caller over all the notes' lines (`SubjectFinder`)."""
    counts, folds = cache.store("subject counts", _Tally).read(
        {m: (tuple(lines), tuple(titles.get(m, [])), tuple((spoken or {}).get(m, []))) for m, lines in prose.items()}
    )
    generic = generic_titles(bodies, min_meetings) | {_title_key(t) for t in known_generic or ()}
    for found in titles.values():
        for title in found:
            if _title_key(title) in generic:
                counts.in_generic.update(folds.get(w, w) for w in words_of(title))
    total = len(prose)
    own = {w for w, n in counts.meetings.items() if total >= 8 and n >= OWN_NAME_SHARE * total} | own_name
    banned = (
        STOPWORDS
        | CALENDAR
        | NOTE_WORDS
        | people_words
        | {w for w, n in counts.in_generic.items() if n * 2 >= counts.count[w]}
    )

    def plain(word: str) -> bool:
        return len(word) >= 2 and (word.isalpha() or _unwordlike(word)) and word not in banned and word not in own

    subjects: dict[tuple[str, ...], Subject] = {}
    for word, meetings in counts.meetings.items():
        if meetings >= min_meetings and plain(word) and (why := _why_word(counts, word)):
            capitals = counts.capital_mid[word]
            # "REST" in capitals is a name, "rest" a word; "K8S" and "k8s" are one name
            shouted = capitals >= 2 and counts.all_capitals[word] * 10 >= capitals * 9
            acronym = len(word) <= 5 and shouted and not _unwordlike(word)
            subjects[(word,)] = Subject((word,), why=why, acronym=acronym)
    # "zstd and gzip", "gzip and zstd": a word listed with such names in half the meetings
    # that use it (two at least) is a name of their kind, however it is written
    beside: Counter[str] = Counter()
    for (word, other), meetings in counts.listed.items():
        if (other,) in subjects and subjects[(other,)].why in _LOWER_NAMES:
            beside[word] += meetings
    for word, listed in beside.items():
        meetings = counts.meetings[word]
        if (word,) not in subjects and meetings >= min_meetings and listed >= 2 and 2 * listed >= meetings:
            if plain(word):
                subjects[(word,)] = Subject((word,), why="listed with names written like it")
    for pair, meetings in counts.pair_meetings.items():
        first, second = pair
        if meetings < min_meetings or not plain(second) or first in banned or not first.isalpha():
            continue
        mostly_after = counts.pairs[pair] * 2 >= counts.count[second]
        named = counts.pair_capital[pair] * 2 >= counts.pairs[pair]
        # `podman machine init`, or "podman-remote" where `podman …` is a command: a command
        # or a program, however often alone ("real-world" is neither: "real" is no command)
        program = counts.compounds[pair] > 0 and pair not in counts.file_like and counts.code[first] >= 2
        command = counts.code_pairs[pair] > 0 or program
        if (command or (mostly_after and named)) and ((first,) in subjects or first in own):
            subjects[pair] = Subject(pair, why="two words used together")
    for key, meetings in counts.compounds.items():
        if meetings < min_meetings or key in subjects or (key[0],) in subjects or not key[0].isalpha():
            continue
        named = any(w in own or counts.repo[w] or (w,) in subjects for w in key) or key in counts.file_like
        if named and all(plain(w) or w.isdigit() or (w in own and w not in banned) for w in key) and plain(key[-1]):
            subjects[key] = Subject(key, why="written as one word")
    # A word mostly used inside a two-word subject is that subject ("Hat" of "Red Hat").
    for key in [k for k in subjects if len(k) == 2 and k in counts.pairs]:
        for word in key:
            if (word,) in subjects and counts.pairs[key] * 2 >= counts.count[word]:
                del subjects[(word,)]
    # A repository named by its owner too ("containers/common") is the subject its name alone
    # ("common", a word of the language as often) was mined for.
    for key in [k for k in subjects if len(k) == 2 and k in counts.file_like]:
        if (key[1],) in subjects and subjects[(key[1],)].why == "a repository's name":
            del subjects[(key[1],)]
    return sorted(subjects.values(), key=lambda s: s.key), folds


def _unwordlike(word: str) -> bool:
    return _UNWORDLIKE.fullmatch(word) is not None


def _odd_case(lines: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words (folded) written with a capital after a small letter ("SystemD", "IPv6"),
    and those written in capitals ("QEMU"), in lines with small letters (not a heading in
    capitals), outside code and identifiers ("MYSQL_ROOT_PASSWORD")."""
    inner, capitals = [], []
    for line in lines:
        if not _ODD_CASE.search(line) or not _SMALL.search(line):
            continue
        if "`" in line:
            line = _CODE.sub(" ", line)
        for word in _IDENTIFIER.findall(line):
            if "_" in word or not word[0].isalpha():
                continue
            if word.isupper():
                if len(word) >= 3:
                    capitals.append(word.casefold())
            elif word[1:] != word[1:].lower():
                inner.append(word.casefold())
    return tuple(inner), tuple(capitals)


def _why_word(counts: _Counts, word: str) -> str:
    capital, total = counts.capital_mid[word], counts.count[word]
    if capital >= 2 and capital * 2 >= total and capital > counts.titled[word]:  # not only in titles
        return "written as a name"
    if counts.repo[word]:
        return "a repository's name"
    if counts.code[word] >= 2:
        return "a command"
    if counts.kept_lower[word] >= 2 and capital * 5 >= total - capital:
        return "kept lower-case in headings"
    if _unwordlike(word):
        return "spelled as no word is"
    # Words of the language are written in small letters, capitalised, or in capitals for
    # emphasis: never with a capital inside, and seldom in capitals as often as a name is.
    inner, shouted = counts.inner_capital[word], counts.in_capitals[word]
    if not _ENGLISH_SUFFIX.search(word) and (inner >= 2 or shouted >= 3) and (inner + shouted) * 10 >= total:
        return "written with a capital inside or in capitals too"
    # A capital in the middle of lower-case words, not only in Title Case phrases.
    named = capital > counts.titled[word]
    if counts.capital_alone[word] >= 2 and capital * 5 >= total and named and not _ENGLISH_SUFFIX.search(word):
        return "often written as a name"
    return ""


@dataclass(frozen=True)
class _Reading:
    """What one meeting's prose and headings say, read once and kept with its share: the
    folds may change at each build, the reading only when the text does."""

    text: str
    words: tuple[str, ...]
    head_words: tuple[str, ...]
    capitals: tuple[tuple[str, str], ...]
    compounds: frozenset[str]
    odd_case: tuple[tuple[str, ...], tuple[str, ...]]  # words written "SystemD", and "QEMU"
    titled: tuple[str, ...]  # capitals of Title Case runs, no name's
    listed: frozenset[tuple[str, str]]  # words listed together ("zstd and gzip"), both ways

    @classmethod
    def of(cls, prose: tuple[str, ...], heads: tuple[str, ...], spoken: tuple[str, ...]) -> _Reading:
        text, head = "\n".join(map(clean_line, prose)), "\n".join(map(clean_line, heads))
        compounds = _compounds(text) | _compounds(head)
        odd_case = _odd_case((*prose, *heads, *spoken))
        listed = frozenset(p for a, b in _LISTED.findall(text.casefold()) for p in ((a, b), (b, a)))
        return cls(text, _words(text), _words(head), _capitals(text), compounds, odd_case, _titled(text), listed)


# A meeting's prose lines, headings, and its chat and transcript (read for casing only).
_Key = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@dataclass
class _Share:
    """What one meeting's prose and headings add to the counts: `words` and `capital_mid` as
    written (the folds are learned from their totals), the rest folded, with the words whose
    folds were looked up to make it."""

    key: _Key
    words: Counter[str]
    capital_mid: Counter[str]
    reading: _Reading
    folded: dict[str, Counter[Any]] | None = None
    looked_up: set[str] = field(default_factory=set)


# The counts of `_Counts` that are sums of each meeting's share once folded.
_FOLDED = (
    "meetings capital_alone all_capitals kept_lower code code_pairs repo pairs pair_meetings pair_capital"
    " compounds file_like inner_capital in_capitals titled listed"
).split()


class _Tally:
    """The archive's counts as sums of each meeting's share, updated by taking out the shares
    of changed meetings and adding their new ones. Counters drop the words no meeting uses, so
    the totals equal a fresh count; nothing read from them depends on their order."""

    def __init__(self) -> None:
        self.shares: dict[str, _Share] = {}
        self.words: Counter[str] = Counter()
        self.capital_mid: Counter[str] = Counter()
        self.folded: dict[str, Counter[Any]] = {name: Counter() for name in _FOLDED}
        self.folds: dict[str, str] = {}

    def read(self, keys: dict[str, _Key]) -> tuple[_Counts, dict[str, str]]:
        """The counts of the meetings whose prose and headings are `keys` (the counters are the
        totals themselves: read them only)."""
        try:
            return self._read(keys)
        except BaseException:
            self.__init__()  # type: ignore[misc]  # totals left half-updated are forgotten
            raise

    def _read(self, keys: dict[str, _Key]) -> tuple[_Counts, dict[str, str]]:
        for meeting in [m for m, share in self.shares.items() if keys.get(m) != share.key]:
            share = self.shares.pop(meeting)
            _take(self.words, share.words)
            _take(self.capital_mid, share.capital_mid)
            self._take_folded(share)
        fresh = [m for m in keys if m not in self.shares]
        for meeting in fresh:
            reading = _Reading.of(*keys[meeting])
            words = Counter(reading.words)
            words.update(reading.head_words)
            capital_mid = Counter(w.casefold() for _, w in reading.capitals)
            self.shares[meeting] = _Share(keys[meeting], words, capital_mid, reading)
            self.words.update(words)
            self.capital_mid.update(capital_mid)
        folds = _folds(self.words, self.capital_mid)
        changed = {w for w in folds.keys() | self.folds.keys() if folds.get(w) != self.folds.get(w)}
        self.folds = folds
        for share in self.shares.values():
            if share.folded is None or not changed.isdisjoint(share.looked_up):
                if share.folded is not None:
                    self._take_folded(share)
                share.folded, share.looked_up = _folded_share(share.key, share.reading, folds)
                for name, counter in share.folded.items():
                    self.folded[name].update(counter)
        self.shares = {m: self.shares[m] for m in keys}  # the meetings' order, as a fresh tally has it
        counts = _Counts(**{n: c for n, c in self.folded.items() if n != "file_like"})  # type: ignore[arg-type]  # Counters by field
        counts.file_like = set(self.folded["file_like"])
        get = folds.get
        for word, n in self.words.items():
            counts.count[get(word, word)] += n
        for word, n in self.capital_mid.items():
            counts.capital_mid[get(word, word)] += n
        return counts, dict(folds)

    def _take_folded(self, share: _Share) -> None:
        for name, counter in (share.folded or {}).items():
            _take(self.folded[name], counter)


def _take(total: Counter[Any], part: Counter[Any]) -> None:
    """`total` less `part`, without the keys left at zero (as if never counted)."""
    for key, n in part.items():
        left = total[key] - n
        if left:
            total[key] = left
        else:
            del total[key]


def _folds(count: Counter[str], capital_mid: Counter[str]) -> dict[str, str]:
    """Plural -> singular, for plurals whose singular is used too, in the words' order."""
    known = set(count) - STOPWORDS
    folds = {w: one for w in sorted(count) if (one := singular(w)) != w and one in known}
    for word in list(folds):  # "Windows" is not a plural of "window": a name keeps its form
        if capital_mid[word] * 2 > count[word] and capital_mid[folds[word]] * 2 <= count[folds[word]]:
            del folds[word]
    return folds


def _folded_share(lines: _Key, reading: _Reading, folds: dict[str, str]) -> tuple[dict[str, Counter[Any]], set[str]]:
    """One meeting's share of the folded counts, and the words whose folds it looked up."""
    looked_up: set[str] = set()

    def get(word: str, default: str) -> str:
        looked_up.add(word)
        return folds.get(word, default)

    prose, heads, _ = lines
    text = reading.text
    share = _Counts()
    for before, word in reading.capitals:
        key = get(word.casefold(), word.casefold())
        if before[:1].islower():
            share.capital_alone[key] += 1
        if word.isupper() or (word[:-1].isupper() and word.endswith("s")):
            share.all_capitals[key] += 1
    found = [get(w, w) for w in reading.words]
    share.meetings.update(set(found).union(get(w, w) for w in reading.head_words))
    # Neighbouring words, across punctuation too: a close enough count, and cheap.
    pairs = list(zip(found, found[1:], strict=False))
    share.pairs.update(pairs)
    share.pair_meetings.update(set(pairs))
    named = ((a.casefold(), b.casefold()) for a, b in reading.capitals if a)
    share.pair_capital.update((get(a, a), get(b, b)) for a, b in named)
    written = reading.compounds
    compounds = {tuple(get(w, w) for w in words_of(c)) for c in written}
    share.compounds.update(k for k in compounds if 2 <= len(k) <= 3)
    file_like = Counter({tuple(get(w, w) for w in words_of(c)) for c in written if re.search(r"[./_]", c)})
    for span in _CODE.findall(text):
        parts = span.casefold().split()[:2]
        if parts:  # `zstd:chunked`, `log-level=debug`: the name before the option
            parts[0] = _OPTION.split(parts[0], 1)[0]
        if parts and parts[0].isalpha():
            share.code[get(parts[0], parts[0])] += 1
            if len(parts) == 2 and parts[1].isalpha():
                share.code_pairs[(parts[0], get(parts[1], parts[1]))] += 1
    share.repo.update(m.casefold() for m in _GITHUB.findall("\n".join(prose)))
    share.titled.update(get(w, w) for w in reading.titled)
    share.listed.update({(get(a, a), get(b, b)) for a, b in reading.listed})
    share.inner_capital.update(get(w, w) for w in reading.odd_case[0])
    share.in_capitals.update(get(w, w) for w in reading.odd_case[1])
    for title in heads:
        _kept_lower(share, title, get)
    folded = {name: getattr(share, name) for name in _FOLDED if name != "file_like"}
    return {**folded, "file_like": file_like}, looked_up


class _Kept:
    """Results kept from one reading of the archive to the next (a serve rebuild reads the
    same notes again): only what the latest reading asked for is kept, so a note edited
    again and again leaves none of its earlier versions behind."""

    def __init__(self, earlier: dict[Any, Any] | None = None) -> None:
        self.earlier: dict[Any, Any] = earlier or {}
        self.now: dict[Any, Any] = {}

    def turn(self) -> None:
        """A new reading of the archive: what the last one did not ask for again is dropped."""
        self.earlier, self.now = self.now, {}

    def get(self, key: Any, make: Callable[[], Any]) -> Any:
        if key not in self.now:
            self.now[key] = self.earlier.pop(key) if key in self.earlier else make()
        return self.now[key]


# Pure functions of a short text (a heading, the start of an item's body), kept in bounded
# lru_caches: they hold no state a build could tell from a fresh one (a test allows exactly
# those). A whole meeting's reading is kept with its share of the counts instead.
remembered = functools.lru_cache(maxsize=1 << 14)


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.casefold()))


def _capitals(text: str) -> tuple[tuple[str, str], ...]:
    """Words with a capital in mid-sentence, each with the word before it when that is a
    plain word ("Podman Desktop"), else "". The pattern only looks where a capital is."""
    found = []
    for match in _CAPITAL_MID.finditer(text):
        start = match.start()
        if text[start - 2] == ",":
            found.append(("", match.group()))
            continue
        before = text[max(0, start - 41) : start - 1].rsplit(None, 1)[-1]
        found.append((before if before.isalpha() else "", match.group()))
    return tuple(found)


def _titled(text: str) -> tuple[str, ...]:
    """Capitalised words (folded) inside a Title Case run of the prose ("Proposal for Adapt
    Stack Protector", a quoted issue title): the capital is the title's, not a name's. A
    word is in one when the words either side of it, stopwords aside, are capitalised too."""
    found = []
    for match in _CAPITAL_MID.finditer(text):
        word = match.group()
        if word.isupper():
            continue
        # 60 characters either side, in the same line: bounded, so a long line stays linear
        before = _WORD.findall(text[max(0, match.start() - 60) : match.start()].rpartition("\n")[2])
        after = _WORD.findall(text[match.end() : match.end() + 60].partition("\n")[0])
        left = next((w for w in reversed(before) if w.casefold() not in STOPWORDS), "")
        right = next((w for w in after if w.casefold() not in STOPWORDS), "")
        if left[:1].isupper() and right[:1].isupper():
            found.append(word.casefold())
    return tuple(found)


def _compounds(text: str) -> frozenset[str]:
    """Words joined by "-", "_", "." or "/" with no space ("registries.conf", "aardvark-dns"),
    found from their joints (few) rather than from every word."""
    found = set()
    for match in _JOINER.finditer(text):
        start = max(text.rfind(" ", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
        ends = [e for e in (text.find(" ", match.end()), text.find("\n", match.end())) if e >= 0]
        token = text[start : min(ends, default=len(text))]
        found.add(token.strip("()[]{}<>\"'`*,;:!?.“”‘’"))
    return frozenset(found)


def _kept_lower(counts: _Counts, title: str, get: Callable[[str, str], str]) -> None:
    """Words written lower-case in a Title Case heading ("crun Update", "quadlet - Alex")."""
    words = [w for w in _WORD.findall(title) if w[0].isalpha() and w.casefold() not in STOPWORDS]
    capitals = sum(w[0].isupper() for w in words)
    if len(words) < 2:
        return
    for word in words:
        if word[0].islower() and capitals * 3 >= (len(words) - 1) * 2:
            counts.kept_lower[get(word.casefold(), word.casefold())] += 1


@remembered
def _title_key(text: str) -> str:
    return " ".join(w for w in words_of(text) if not w.isdigit())


@remembered
def _body_words(body: str) -> frozenset[str]:
    """The words of the start of an agenda item's body, for likeness."""
    return frozenset(words_of(body)) - STOPWORDS


def generic_titles(bodies: dict[str, list[tuple[str, str]]], min_meetings: int = MIN_MEETINGS) -> set[str]:
    """Agenda titles (folded) that recur in `min_meetings` meetings over bodies with little
    in common: "Open Forum/Questions?", "Demos", "Upcoming"."""
    found: dict[str, list[frozenset[str]]] = defaultdict(list)
    meetings: dict[str, set[str]] = defaultdict(set)
    for meeting, sections in bodies.items():
        for title, _ in sections:
            meetings[_title_key(title)].add(meeting)
    for sections in bodies.values():
        for title, body in sections:
            key = _title_key(title)
            if key and len(meetings[key]) >= min_meetings:
                found[key].append(_body_words(body[:3000]))
    generic = set()
    for key, sets in found.items():
        if len(meetings[key]) < min_meetings:
            continue
        # Kept by the bodies' words: a rebuild compares again only where a body changed.
        if _unalike(tuple(sets)):
            generic.add(key)
    return generic


@remembered
def _unalike(sets: tuple[frozenset[str], ...]) -> bool:
    """The bodies of one recurring title have little in common."""
    pairs = itertools.islice(itertools.combinations(sets, 2), 300)  # not all n² of them
    alike = [len(a & b) / len(a | b) for a, b in pairs if a | b]
    return not alike or sum(alike) / len(alike) < GENERIC_BODY_LIKENESS


class SubjectFinder:
    """Finds subjects in a text by any of their spellings. Only subjects whose every word
    the text uses are searched for, each with a small pattern of its own. Subjects may
    overlap: "Docker Compose" is a mention of Docker Compose and of Docker."""

    def __init__(
        self,
        keys: Iterable[tuple[tuple[str, ...], str]],
        folds: dict[str, str],
        acronyms: frozenset[str] | set[str] = frozenset(),
        cache: BuildCache | None = None,
    ) -> None:
        """`acronyms`: subject ids found only where written in capitals; `cache`: where the
        last finder of the same subjects left what it found."""
        self._acronyms = frozenset(acronyms)
        plurals: dict[str, list[str]] = defaultdict(list)
        for plural, one in folds.items():
            plurals[one].append(plural)
        self.keys: dict[tuple[str, ...], str] = {}
        for key, ident in keys:
            if key:
                self.keys.setdefault(key, ident)
        self._plurals = plurals
        self._patterns: dict[tuple[str, ...], re.Pattern[str]] = {}
        # Each key under each form of its first word: a text's words find their keys at once.
        self._by_form: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        for key, ident in self.keys.items():
            for form in self._forms(key[0]):
                self._by_form[form].append((key, ident))
        self._found = _Found.of(
            (tuple(self.keys.items()), tuple(sorted(folds.items())), self._acronyms), cache or BuildCache()
        )

    def kept(self, key: Any, make: Callable[[], Any]) -> Any:
        """`make()`, a result of what this finder finds, kept by `key` (which must hold all
        else it depends on) for the next finder made from the same subjects."""
        return self._found.get(key, make)

    def _forms(self, word: str) -> list[str]:
        return [word, *self._plurals.get(word, [])]

    def _pattern(self, key: tuple[str, ...]) -> re.Pattern[str]:
        if key not in self._patterns:
            words = ["(?:" + "|".join(map(re.escape, sorted(self._forms(w), key=len, reverse=True))) + ")" for w in key]
            body = r"(?:[^\w\n]|_){1,3}".join(words)  # any separator in a line: "podman-machine"
            # Searched in lower-cased text: a pattern that starts with a literal is found fast.
            self._patterns[key] = re.compile(rf"{body}\b")
        return self._patterns[key]

    def _present(self, used: set[str]) -> list[tuple[tuple[str, ...], str]]:
        """The keys whose every word (in some form) is among `used`, in the keys' order."""
        found = {}
        for form in used.intersection(self._by_form):
            for key, ident in self._by_form[form]:
                if all(any(f in used for f in self._forms(w)) for w in key[1:]):
                    found[key] = ident
        return [(k, i) for k, i in self.keys.items() if k in found]

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, subject id) of each subject written in `text`, in order."""
        return self._found.get(("spans", text), lambda: self._spans(text))

    def _spans(self, text: str) -> list[tuple[int, int, str]]:
        lower = _lower(text)
        used = word_set(lower)
        found = []
        for key, ident in self._present(used):
            found += [
                (m.start(), m.end(), ident) for m in self._pattern(key).finditer(lower) if self._fits(text, m, ident)
            ]
        return sorted(set(found))

    def _fits(self, text: str, match: re.Match[str], ident: str) -> bool:
        """The match starts a word, and an acronym is written in capitals there."""
        if not _starts(text, match):
            return False
        return ident not in self._acronyms or text[match.start() : match.end()].rstrip("s").isupper()

    def first_in(self, texts: list[str]) -> tuple[list[tuple[int, str]], set[str]]:
        """(index of the text, subject id): the first of `texts` that names each subject;
        and the words of the texts (lower case). For long texts such as transcripts: read
        as one, each pattern stops at its first find."""
        return self._found.get(("first_in", *texts), lambda: self._first_in(texts))

    def _first_in(self, texts: list[str]) -> tuple[list[tuple[int, str]], set[str]]:
        joined = "\n".join(texts)
        lower = _lower(joined)
        starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
        used = word_set(lower)
        found = []
        for key, ident in self._present(used):
            match = next((m for m in self._pattern(key).finditer(lower) if self._fits(joined, m, ident)), None)
            if match:
                found.append((bisect.bisect_right(starts, match.start()) - 1, ident))
        return sorted(found), used


class _Found(_Kept):
    """What a finder found in each text, kept for the next finder made from the same subjects:
    it looks again only in the texts of a changed note."""

    def __init__(self, subjects: object, earlier: dict[Any, Any]) -> None:
        super().__init__(earlier)
        self.subjects = subjects

    @classmethod
    def of(cls, subjects: object, cache: BuildCache) -> _Found:
        holder = cache.store("finds", _LastFound)
        last = holder.last
        holder.last = found = cls(subjects, last.now if last is not None and last.subjects == subjects else {})
        return found


class _LastFound:
    """The build cache's "finds" store: the latest finder's finds."""

    def __init__(self) -> None:
        self.last: _Found | None = None


def _lower(text: str) -> str:
    """Lower case with the positions of `text` (a letter that lowers to two stays)."""
    lower = text.lower()
    return lower if len(lower) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _starts(text: str, match: re.Match[str]) -> bool:
    """The match starts a word (the pattern ends on a word boundary already)."""
    return match.start() == 0 or not text[match.start() - 1].isalnum()


def key_of(name: str, folds: dict[str, str]) -> tuple[str, ...]:
    """A written name as a subject key ("Podman-Machine" -> ("podman", "machine"))."""
    return tuple(folds.get(w, w) for w in words_of(clean_line(name)))


def is_heading(line: str) -> bool:
    return bool(_HEADING.match(line))
