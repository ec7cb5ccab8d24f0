"""Who a written name refers to: one person id per human, whatever the spelling.

Rules, first match wins:
1. people.yml spellings, and "Me"/"You" through `me_in` (or a note's front matter);
2. the name with case, accents, spacing, a "(…)" or " - …" suffix and middle initials
   folded away ("Anders F Björklund (afbjorklund)" is "anders bjorklund");
3. spellings merged across the archive: the same surname with a nickname of the first
   name ("Matthew Heon" / "Matt Heon"), or a typo of one of the two parts when the other
   is equal and no third person is as close ("Lokesh Mandvekhar");
4. a handle: "mheon", "tsweeney", "afbjorklund", "sumantrom", "TomSweeney", or one seen
   in parentheses, when exactly one person fits;
5. a first name alone, when exactly one person of that first name took part in the
   meeting (a bare "Christian" with two Christians present stays unresolved);
6. otherwise a new person under the name as written. Guests stay anonymous.
A wrong merge is worse than a missed one: every fuzzy rule needs a single candidate.

Names are compared as they look: NFKC, no invisible or direction-changing characters
("Tom\u200b Sweeney" is "Tom Sweeney"). A name that mixes scripts in one word ("Mаtt"
with a Cyrillic "а") or differs from another name of the archive only by look-alike
letters is refused: it resolves to no one, and the archive reports it as an error.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from .model import WARNING, Diagnostic, Meeting
from .parse.names import as_latin, is_person, mixed_script, strip_affiliation
from .people import PersonEntry
from .text import clean_name, fold, slugify

_ANONYMOUS = re.compile(r"^(?:guest\s*\d*|unknown|anonymous)$", re.I)
_NOTE_TAKER = {"me", "you", "dan (me)"}
_HANDLE_IN_PARENS = re.compile(r"\(([a-z][a-z0-9_-]{2,30})\)")
_NICKNAMES = [
    {"matt", "matthew"},
    {"dan", "daniel"},
    {"chris", "christopher"},
    {"tom", "thomas"},
    {"ed", "eduardo", "edward"},
    {"mike", "michael"},
    {"nick", "nicholas"},
    {"steve", "steven", "stephen"},
    {"jim", "james"},
    {"joe", "joseph"},
    {"alex", "alexander"},
    {"gerry", "gerald"},
    {"will", "william"},
    {"dave", "david"},
    {"ben", "benjamin"},
    {"sam", "samuel"},
    {"rob", "robert", "bob"},
    {"tony", "anthony"},
    {"andy", "andrew"},
    {"pete", "peter"},
    {"val", "valentin"},
    {"jan", "honza"},
    {"nalin", "nalind"},
]
_NICK = {name: min(group) for group in _NICKNAMES for name in group}
TYPO_RATIO = 85  # a part of a name this close to the same part of another is a typo of it


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """ "Anders F Björklund (afbjorklund)" -> "anders bjorklund"."""
    bare = fold(strip_affiliation(clean_name(name)))
    words = [w for w in re.split(r"[\s]+", bare) if w and not re.fullmatch(r"[a-z]\.?", w)]
    return " ".join(words)


def _first(key: str) -> str:
    return next(iter(key.split()), "")


def _nick(first: str) -> str:
    return _NICK.get(first, first)


@dataclass
class Merge:
    spelling: str
    into: str
    why: str


@dataclass
class Report:
    """What `meetings people` prints: merges made and pairs left apart."""

    merges: list[Merge] = field(default_factory=list)
    near_misses: list[tuple[str, str, str]] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # name as shown -> why it links to no one


class Identities:
    def __init__(self, entries: list[PersonEntry]) -> None:
        self._by_key: dict[str, str] = {}  # name key or handle -> person id
        self._me: dict[str, str] = {}
        self.canonical: dict[str, str] = {}  # person id -> display name from people.yml
        self.github: dict[str, str] = {}
        self._first_names: dict[str, dict[str, set[str]]] = {}  # meeting -> first name -> ids
        self._handles: dict[str, set[str]] = defaultdict(set)
        self._not_people = {name_key(e.name) for e in entries if e.not_person}
        self._looks: dict[str, dict[str, str]] = defaultdict(dict)  # look -> name key -> a spelling
        self._refusals: dict[str, str | None] = {}
        self.report = Report()
        for entry in entries:
            if entry.not_person:
                continue
            ident = slugify(entry.name)
            self.canonical[ident] = entry.name
            if entry.github:
                self.github[ident] = entry.github
                self._by_key[entry.github.casefold()] = ident
            for spelling in [entry.name, *entry.aliases]:
                self._by_key[name_key(spelling)] = ident
                self._know(spelling)
            for meeting in entry.me_in:
                self._me[meeting] = ident

    # -- learning from the whole archive ------------------------------------------------

    def learn(self, meetings: list[Meeting]) -> None:
        """Cluster the full names written anywhere, then index handles and first names."""
        counts: Counter[str] = Counter()
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        for meeting in meetings:
            for name in _names_of(meeting):
                self._know(name)
        for meeting in meetings:
            for name in _names_of(meeting):
                name = clean_name(name)
                if self.refusal(name):
                    continue  # never clustered: it must not join the person it imitates
                key = name_key(name)
                if len(key.split()) >= 2 and key not in self._not_people:
                    counts[key] += 1
                    spellings[key][strip_affiliation(name)] += 1
                for handle in _HANDLE_IN_PARENS.findall(name):
                    if len(key.split()) >= 2:
                        self._handles[handle].add(key)
        # Most used spelling first: a rare typo joins a frequent name, never the reverse.
        order = sorted(counts, key=lambda k: (-counts[k], k))
        spelled = {key: found.most_common(1)[0][0] for key, found in spellings.items()}
        for key in order:
            if key in self._by_key:
                continue
            target = self._merge_target(key, order, counts)
            if target:
                into, why = target
                self._by_key[key] = self._by_key[into]
                self.report.merges.append(Merge(spelled[key], spelled[into], why))
            else:
                self._by_key[key] = slugify(key)
        for meeting in meetings:
            firsts: dict[str, set[str]] = defaultdict(set)
            for name in meeting.attendees + [p for s in meeting.sections for p in s.presenters]:
                key = name_key(name)
                if len(key.split()) >= 2 and key in self._by_key and not self.refusal(name):
                    firsts[_nick(_first(key))].add(self._by_key[key])
            self._first_names[meeting.id] = firsts
            if meeting.me and not self.refusal(meeting.me):
                self._me[meeting.id] = self._by_key.get(name_key(meeting.me)) or slugify(clean_name(meeting.me))

    def _merge_target(self, key: str, order: list[str], counts: Counter[str]) -> tuple[str, str] | None:
        """The more used spelling this one is a variant of, if exactly one person fits."""
        first, *rest = key.split() or [""]
        if not rest:
            return None
        last = rest[-1]
        fits: list[tuple[str, str]] = []
        for other in order:
            if other == key or counts[other] < counts[key] or other not in self._by_key:
                continue
            o_first, *o_rest = other.split() or [""]
            if not o_rest:
                continue
            o_last = o_rest[-1]
            same_first = _nick(first) == _nick(o_first)
            if same_first and rest == o_rest:
                fits.append((other, "same name" if first == o_first else "nickname"))
            elif same_first and (rest == o_rest[: len(rest)] or o_rest == rest[: len(o_rest)]):
                fits.append((other, "longer form"))  # "Ed Santiago" / "Ed Santiago Munoz"
            elif rest == o_rest and len(first) >= 4 and fuzz.ratio(first, o_first) >= TYPO_RATIO:
                fits.append((other, "typo in the first name"))
            elif first == o_first and len(last) >= 4 and fuzz.ratio(last, o_last) >= TYPO_RATIO:
                fits.append((other, "same first and last name" if last == o_last else "typo in the surname"))
            elif first == o_first and 60 <= fuzz.ratio(last, o_last) < TYPO_RATIO:
                self.report.near_misses.append((key, other, f"surnames {fuzz.ratio(last, o_last):.0f}% alike"))
        targets = {self._by_key[o] for o, _ in fits}
        return fits[0] if len(targets) == 1 else None

    def _handle(self, handle: str) -> str | None:
        """ "mheon", "tsweeney", "afbjorklund", "sumantrom", "tomsweeney": one person, or None."""
        h = fold(handle).replace(" ", "")
        if h in self._handles and len({self._by_key.get(k) for k in self._handles[h]}) == 1:
            return self._by_key.get(next(iter(self._handles[h])))
        if len(h) < 4:
            return None
        fits = set()
        for key, ident in self._by_key.items():
            words = key.split()
            if len(words) < 2:
                continue
            first, last = words[0], re.sub(r"[^a-z0-9]", "", words[-1])
            if not last:  # "Wang 王", "Ed -": no handle is made of such a surname
                continue
            middle = words[1][:1] if len(words) > 2 else ""
            forms = {first[:1] + last, first + last, first + last[:1], last, first[:1] + middle + last}
            if h in forms:
                fits.add(ident)
        return next(iter(fits)) if len(fits) == 1 else None

    # -- resolving one written name ---------------------------------------------------------

    def resolve(self, name: str, meeting: str) -> str | None:
        """The person id for `name` as written in `meeting`; None for guests, an unknown
        "Me" and a first name that fits several people of that meeting."""
        written = clean_name(name)
        if not written or not is_person(written) or _ANONYMOUS.match(written) or name_key(written) in self._not_people:
            return None
        if self.refusal(written):
            return None
        if written.casefold().rstrip(":") in _NOTE_TAKER:
            return self._me.get(meeting)
        key = name_key(written)
        if key in self._by_key:
            return self._by_key[key]
        if len(key.split()) == 1:
            fits = self._first_names.get(meeting, {}).get(_nick(key), set())
            if len(fits) == 1:
                return next(iter(fits))
            if len(fits) > 1:
                return None
            handle = self._handle(written) if written[:1].islower() or written.isalnum() else None
            if handle:
                return handle
        return slugify(strip_affiliation(written) or written)

    # -- look-alikes ----------------------------------------------------------------------

    def _know(self, name: str) -> None:
        """Remember `name` as one a look-alike could imitate."""
        written = clean_name(name)
        if written:
            self._looks[name_key(as_latin(written))].setdefault(name_key(written), written)

    def refusal(self, name: str) -> str | None:
        """Why `name` may stand for no one, or None: letters of two scripts in one word,
        or a look-alike of another name of the archive ("Mаtt Heоn" of "Matt Heon")."""
        written = clean_name(name)
        if written in self._refusals:
            return self._refusals[written]
        why = None
        if not is_person(written):
            return None
        odd = mixed_script(written)
        latin = as_latin(written)
        if odd:
            why = f"{written!r} mixes scripts in one word ({_spell(odd)})"
        elif latin != written:
            key = name_key(written)
            imitated = [n for k, n in self._looks.get(name_key(latin), {}).items() if k != key]
            if imitated:
                changed = [a for a, b in zip(written, latin, strict=True) if a != b]
                why = f"{written!r} looks like {imitated[0]!r} but is written with other letters ({_spell(changed)})"
        self._refusals[written] = why
        if why:
            self.report.refused[written] = why
        return why


def _spell(chars: list[str]) -> str:
    """ "U+0430 CYRILLIC SMALL LETTER A, …": what the eye cannot tell apart, spelled out."""
    unique = list(dict.fromkeys(chars))
    shown = [f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in unique[:4]]
    return ", ".join(shown) + (", …" if len(unique) > 4 else "")


def _names_of(meeting: Meeting) -> list[str]:
    names = meeting.attendees + [p for s in meeting.sections for p in s.presenters]
    names += [c.author for c in meeting.chat if c.author]
    return names


def repair_attendees(meetings: list[Meeting]) -> dict[str, tuple[list[str], list[Diagnostic]]]:
    """Lists with a comma inside a name ("Giuseppe, Scrivano") or a missing comma
    ("Luca Di Maio Chris Evich"), repaired with the full names other meetings use."""
    known = {slugify(strip_affiliation(n)) for m in meetings for n in m.attendees if len(n.split()) >= 2}
    known.update(slugify(p) for m in meetings for s in m.sections for p in s.presenters if len(p.split()) >= 2)
    repaired: dict[str, tuple[list[str], list[Diagnostic]]] = {}
    for meeting in meetings:
        names, problems = _repair(meeting, known)
        if problems:
            repaired[meeting.id] = (names, problems)
    return repaired


def _repair(meeting: Meeting, known: set[str]) -> tuple[list[str], list[Diagnostic]]:
    names: list[str] = []
    problems: list[Diagnostic] = []
    line = meeting.attendees_line
    index = 0
    attendees = meeting.attendees
    while index < len(attendees):
        name = attendees[index]
        following = attendees[index + 1] if index + 1 < len(attendees) else ""
        joined = f"{name} {following}"
        if len(name.split()) == 1 and len(following.split()) == 1 and following and slugify(joined) in known:
            names.append(joined)
            problems.append(
                Diagnostic(
                    meeting.source,
                    line,
                    WARNING,
                    f"'{name}, {following}' is one person",
                    f"write {joined!r} without the comma",
                )
            )
            index += 2
            continue
        split = _split_known(name, known) if len(name.split()) >= 4 and slugify(name) not in known else None
        if split:
            names += split
            problems.append(
                Diagnostic(
                    meeting.source,
                    line,
                    WARNING,
                    f"{name!r} looks like two people",
                    f"add a comma: '{split[0]}, {split[1]}'",
                )
            )
        else:
            names.append(name)
        index += 1
    return names, problems


def _split_known(name: str, known: set[str]) -> list[str] | None:
    words = name.split()
    fits = [
        [" ".join(words[:cut]), " ".join(words[cut:])]
        for cut in range(2, len(words) - 1)
        if slugify(" ".join(words[:cut])) in known and slugify(" ".join(words[cut:])) in known
    ]
    return fits[0] if len(fits) == 1 else None
