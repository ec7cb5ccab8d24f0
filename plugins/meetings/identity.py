"""Who a written name refers to: one person id per human, whatever the spelling.

Rules, first match wins:
1. people.yml spellings, and "Me"/"You" through `me_in` (or a note's front matter);
2. the name with case, accents, spacing, a "(…)" or " - …" suffix and middle initials
   folded away ("Anders F Björklund (afbjorklund)" is "anders bjorklund");
3. spellings merged across the archive: the same surname with a nickname of the first
   name ("Matthew Heon" / "Matt Heon"), a typo of one of the two parts when the other
   is equal ("Lokesh Mandvekhar", "Stevan"/"Steven Le Meur", "Jan Roday"), one letter
   wrong in each part ("Falsal Rzzzak"), a spacing difference ("Le Meur"/"LeMeur"), a
   surname cut short or ending otherwise after a long common start ("Lokesh Mand",
   "Laura Santamander"); and, where the archive says so beyond spelling (the two are
   never in one meeting, the variant in few, the other in many), two letters swapped or
   one vowel group changed in one part ("Matt Hoen" / "Matt Heon", "Edward Shain" /
   "Edward Shen");
   Two spellings written with one handle or e-mail address ("Jane Doe @jdoe" /
   "Jane Doe-Smith @jdoe", "<ana@example.org>") are one person; "(EF)" is no handle;
4. a handle: "mheon", "tsweeney", "afbjorklund", "GShomo (Northeastern)", one seen in
   parentheses after a name, or one whose chat message is a full name ("iongion" who
   wrote "Ionut Stoica"), when exactly one person fits: of that meeting first, else of
   the archive;
5. a first name with a handle in parentheses ("Alex (axic)") is the person of that first
   name the handle names, even beside another of that first name;
6. a first name alone or "First L" ("Lance L", "Povilas K."), when exactly one person of
   that meeting fits, or else exactly one person of the archive (a bare "Christian"
   with two Christians present stays unresolved);
7. otherwise a new person under the name as written. Guests stay anonymous.
A wrong merge is worse than a missed one: every fuzzy rule needs a single candidate,
`meetings people` lists each merge with its reason, and a people.yml entry's
`not_same` keeps any spelling apart from that person.

Names are compared as they look: NFKC, no invisible or direction-changing characters
("Tom\u200b Sweeney" is "Tom Sweeney"). A name that mixes scripts in one word ("Mаtt"
with a Cyrillic "а") or differs from another name of the archive only by look-alike
letters is refused: it resolves to no one, and the archive reports it as an error.
"""

from __future__ import annotations

import functools
import os
import pickle
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz
from rapidfuzz.distance import OSA

from .cache import BuildCache
from .model import WARNING, Diagnostic, Meeting
from .parse.names import as_latin, is_person, looks_like_name, mixed_script, strip_affiliation
from .people import PersonEntry
from .text import clean_name, fold, slugify

_ANONYMOUS = re.compile(r"^(?:guest\s*\d*|unknown|anonymous)$", re.I)
_NOTE_TAKER = {"me", "you", "dan (me)"}
# A handle written "@jdoe" after a name, or an e-mail address: the person's own, unlike
# "(EF)" or "(host)", which many people share
_OWN_ADDRESS = re.compile(r"(?<![\w.])@([A-Za-z0-9][\w.-]{0,38})(?![\w@])|<?([\w.+-]+@[\w-]+(?:\.[\w-]+)+)>?")
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
RARE = 2  # a spelling slip seen in at most this many meetings ...
FREQUENT = 3  # ... joins a spelling seen in at least this many, never one they share
_VOWELS = re.compile(r"[aeiouy]+")
COMMON_START = 6  # surnames that begin with this many equal letters may be one ("Santamander")
_INITIAL = re.compile(r"^([^\W\d_]{2,})\s+([^\W\d_])\.?$")  # "Lance L", "Povilas K."
_INITIAL_FIRST = re.compile(r"^([^\W\d_])\.?\s+([^\W\d_]{3,})$")  # "F. Poirotte"


@functools.lru_cache(maxsize=1 << 16)  # the same names come back in every note and build
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
        self._apart: set[frozenset[str]] = set()  # name keys people.yml keeps apart
        self._meeting_ids: dict[str, set[str]] = {}  # meeting -> people who took part
        self._initialed: dict[str, set[str]] = {}  # first name -> people written "First L"
        self._reported: set[tuple[str, str]] = set()
        self._shown: dict[str, str] = {}  # person id -> a spelling, for the report
        # (name, meeting) -> what `resolve` found, in this build and the latest one with the same state
        self._resolved: dict[tuple[str, str], _Resolved] = {}
        self._earlier: dict[tuple[str, str], _Resolved] = {}
        self.report = Report()
        for entry in entries:
            if entry.not_person:
                continue
            for other in entry.not_same:
                self._apart.update(frozenset((name_key(n), name_key(other))) for n in [entry.name, *entry.aliases])
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

    def learn(self, meetings: list[Meeting], cache: BuildCache | None = None) -> None:
        """Cluster the full names written anywhere, then index handles and first names.
        Given what the latest learning in `cache` was given, its result is read back instead."""
        names_of = {m.id: _names_of(m) for m in meetings}
        # All that learning reads: the state so far (people.yml's), then in order each
        # meeting's id, names, note taker and chat lines (a chat line may introduce a handle).
        given = [(m.id, m.me, names_of[m.id], [(c.author, c.text) for c in m.chat]) for m in meetings]
        key = (pickle.dumps(self.__dict__), given)
        learned = (cache or BuildCache()).store("identities learned", _Learned)
        kept = learned.kept
        if kept is not None and kept[0] == key:
            state = kept[1]
            self.__dict__.update(pickle.loads(state))
            self._earlier = kept[2]  # found from this same state: true again
        else:
            self._learn(meetings, names_of)
            state = pickle.dumps({k: v for k, v in self.__dict__.items() if k not in _PER_BUILD})
            self._earlier = {}
        self._resolved = {}  # only what this build asks is kept for the next
        learned.kept = (key, state, self._resolved)  # one assignment: never a key with another's state

    def _learn(self, meetings: list[Meeting], names_of: dict[str, list[str]]) -> None:
        counts: Counter[str] = Counter()
        spellings: dict[str, Counter[str]] = defaultdict(Counter)
        seen: dict[str, set[str]] = defaultdict(set)  # name key -> meetings it is written in
        addresses: dict[str, set[str]] = defaultdict(set)  # a handle or e-mail written with names -> their keys
        addresses_of: dict[str, set[str]] = defaultdict(set)  # and back
        listed: dict[str, set[str]] = defaultdict(set)  # ... as an attendee or presenter, not in the chat
        for meeting in meetings:
            for name in names_of[meeting.id]:
                self._know(name)
        for meeting in meetings:
            for name in meeting.attendees + [p for s in meeting.sections for p in s.presenters]:
                listed[name_key(clean_name(name))].add(meeting.id)
            for name in names_of[meeting.id]:
                name = clean_name(name)
                if self.refusal(name):
                    continue  # never clustered: it must not join the person it imitates
                key = name_key(name)
                if len(key.split()) >= 2 and key not in self._not_people:
                    counts[key] += 1
                    spellings[key][strip_affiliation(name)] += 1
                    seen[key].add(meeting.id)
                for handle in _HANDLE_IN_PARENS.findall(name):
                    if len(key.split()) >= 2:
                        self._handles[handle].add(key)
                if len(key.split()) >= 2:  # "Jane Doe @jdoe", "Jane Doe <jane@example.org>"
                    for found in _OWN_ADDRESS.finditer(name):
                        address = (found[1] or found[2]).casefold()
                        addresses[address].add(key)
                        addresses_of[key].add(address)
        # Most used spelling first: a rare typo joins a frequent name, never the reverse.
        order = sorted(counts, key=lambda k: (-counts[k], k))
        spelled = {key: found.most_common(1)[0][0] for key, found in spellings.items()}
        candidates = _CandidateIndex(order)
        for key in order:
            if key in self._by_key:
                continue
            target = self._merge_target(key, candidates.of(key), counts, (seen, listed)) or self._same_address(
                key, addresses, addresses_of, candidates.position
            )
            if target:
                into, why = target
                self._by_key[key] = self._by_key[into]
                self.report.merges.append(Merge(spelled[key], spelled[into], why))
            else:
                self._by_key[key] = slugify(key)
            self._shown.setdefault(self._by_key[key], spelled[key])
        self._partial_names(names_of)
        self._archive_firsts: dict[str, set[str]] = defaultdict(set)
        for key, ident in self._by_key.items():
            if len(key.split()) >= 2:
                self._archive_firsts[_nick(_first(key))].add(ident)
        for meeting in meetings:
            firsts: dict[str, set[str]] = defaultdict(set)
            present: set[str] = set()
            for name in names_of[meeting.id]:
                key = name_key(name)
                if len(key.split()) >= 2 and key in self._by_key and not self.refusal(name):
                    firsts[_nick(_first(key))].add(self._by_key[key])
                    present.add(self._by_key[key])
            self._first_names[meeting.id] = firsts
            self._meeting_ids[meeting.id] = present
            if meeting.me and not self.refusal(meeting.me):
                self._me[meeting.id] = self._by_key.get(name_key(meeting.me)) or slugify(clean_name(meeting.me))
            self._learn_introductions(meeting)

    def _partial_names(self, names_of: dict[str, list[str]]) -> None:
        """ "F. Poirotte" (initial, surname) is a person too, whose handle is "fpoirotte";
        "Povilas K" (first name, initial) is the person a bare "Povilas" names when no one
        else of that first name is known."""
        self._initialed = defaultdict(set)
        for names in names_of.values():
            for name in dict.fromkeys(names):
                bare = fold(strip_affiliation(clean_name(name)))
                if self.refusal(name):
                    continue
                if found := _INITIAL_FIRST.match(bare):
                    key = name_key(name)
                    ident = self._by_key.setdefault(key, slugify(strip_affiliation(clean_name(name))))
                    self._shown.setdefault(ident, strip_affiliation(clean_name(name)))
                    self._handles[found.group(1) + found.group(2)].add(key)
                elif (found := _INITIAL.match(bare)) and name_key(name) not in self._by_key:
                    ident = slugify(strip_affiliation(clean_name(name)))
                    self._shown.setdefault(ident, strip_affiliation(clean_name(name)))
                    self._initialed[_nick(found.group(1))].add(ident)

    def _learn_introductions(self, meeting: Meeting) -> None:
        """A handle whose chat message is a full name of the archive ("iongion" writing
        "Ionut Stoica") is that person's handle."""
        for message in meeting.chat:
            author = clean_name(message.author or "")
            said = clean_name(message.text.strip().rstrip("."))
            if len(author.split()) != 1 or not 2 <= len(said.split()) <= 4 or "\n" in message.text.strip():
                continue
            key = name_key(said)
            if key in self._by_key and name_key(author) not in self._by_key and not self.refusal(author):
                self._handles[fold(author).replace(" ", "")].add(key)

    def _merge_target(
        self, key: str, order: list[str], counts: Counter[str], seen: tuple[dict[str, set[str]], dict[str, set[str]]]
    ) -> tuple[str, str] | None:
        """The more used spelling this one is a variant of, if exactly one person fits."""
        first, *rest = key.split() or [""]
        if not rest:
            return None
        last = rest[-1]
        nick, compact = _nick(first), key.replace(" ", "")
        fits: list[tuple[str, str]] = []
        for other in order:
            if other == key or counts[other] < counts[key] or other not in self._by_key:
                continue
            o_first, o_rest, o_nick, o_compact = _parts(other)
            if not o_rest:
                continue
            o_last = o_rest[-1]
            if self._apart and frozenset((key, other)) in self._apart:
                continue
            same_first = nick == o_nick
            if compact == o_compact:
                fits.append((other, "spacing"))  # "Le Meur" / "LeMeur"
            elif same_first and rest == o_rest:
                fits.append((other, "same name" if first == o_first else "nickname"))
            elif same_first and (rest == o_rest[: len(rest)] or o_rest == rest[: len(o_rest)]):
                fits.append((other, "longer form"))  # "Ed Santiago" / "Ed Santiago Munoz"
            elif rest == o_rest and len(first) >= 4 and _typo(first, o_first):
                fits.append((other, "typo in the first name"))
            elif first == o_first and len(last) >= 4 and _typo(last, o_last, 5):
                fits.append((other, "same first and last name" if last == o_last else "typo in the surname"))
            elif len(rest) == len(o_rest) == 1 and _one_letter(first, o_first, last, o_last):
                fits.append((other, "one letter wrong in each part"))
            elif same_first and rest[:-1] == o_rest[:-1] and (why := _same_start(last, o_last)):
                fits.append((other, why))
            elif _slip_evidence(key, other, *seen) and (
                (same_first and rest[:-1] == o_rest[:-1] and (why := _slip(last, o_last)))
                or (rest == o_rest and (why := _slip(first, o_first)))
            ):
                fits.append((other, why))
            elif first == o_first and 60 <= fuzz.ratio(last, o_last) < TYPO_RATIO:
                self.report.near_misses.append((key, other, f"surnames {fuzz.ratio(last, o_last):.0f}% alike"))
        targets = {self._by_key[o] for o, _ in fits}
        return fits[0] if len(targets) == 1 else None

    def _same_address(
        self, key: str, addresses: dict[str, set[str]], addresses_of: dict[str, set[str]], position: dict[str, int]
    ) -> tuple[str, str] | None:
        """The more used spelling that is written with the same handle or e-mail address as
        this one ("Jane Doe @jdoe" / "Jane Doe-Smith @jdoe"), if it is one person's only."""
        for group in (addresses[a] for a in sorted(addresses_of.get(key, ()))):
            if not 1 < len(group) <= MAX_BUCKET:  # a handle hundreds of names share says nothing
                continue
            mine = position[key]
            earlier = [k for k in group if k != key and k in self._by_key and position.get(k, mine) < mine]
            people = {self._by_key[k] for k in earlier}
            if len(people) == 1 and not any(frozenset((key, k)) in self._apart for k in earlier):
                return min(earlier, key=position.__getitem__), "same handle or e-mail"
        return None

    def _handle(self, handle: str, meeting: str = "") -> str | None:
        """ "mheon", "tsweeney", "afbjorklund", "sumantrom", "tomsweeney": one person, or
        None. A person of `meeting` is preferred to one of the archive."""
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
        here = fits & self._meeting_ids.get(meeting, set())
        return next(iter(here)) if len(here) == 1 else next(iter(fits)) if len(fits) == 1 else None

    # -- resolving one written name ---------------------------------------------------------

    def resolve(self, name: str, meeting: str) -> str | None:
        """The person id for `name` as written in `meeting`; None for guests, an unknown
        "Me" and a first name that fits several people of that meeting."""
        key = (name, meeting)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self._earlier.pop(key, None) or self._resolve(name, meeting)  # type: ignore[arg-type]  # None: not kept
        ident, merge = found
        if merge:  # listed in this build's report too
            self._report(*merge)
        return ident

    def _resolve(self, name: str, meeting: str) -> _Resolved:
        """`resolve`'s answer and the merge it made: a function of the learned state alone."""
        written = clean_name(name)
        if not written or not is_person(written) or _ANONYMOUS.match(written) or name_key(written) in self._not_people:
            return None, None
        if self.refusal(written):
            return None, None
        if written.casefold().rstrip(":") in _NOTE_TAKER:
            return self._me.get(meeting), None
        key = name_key(written)
        bare = strip_affiliation(written) or written
        initial = _INITIAL.match(fold(bare)) if len(key.split()) == 1 else None
        letter = initial.group(2) if initial else ""
        # "Alex G" has the key of "Alex": it names that person only if the initial fits
        if key in self._by_key and (not letter or self._firsts({self._by_key[key]}, letter)):
            return self._by_key[key], None
        if len(key.split()) == 1:
            # "Alex (axic)" beside two Alexes: the handle says which, if its person is an Alex
            for handle in _HANDLE_IN_PARENS.findall(written):
                found = self._handle(handle, meeting)
                if found and found in self._archive_firsts.get(_nick(key), set()):
                    return self._merged(written, found, "handle in parentheses")
            fits = self._firsts(self._first_names.get(meeting, {}).get(_nick(key), set()), letter)
            if len(fits) > 1:
                return None, None
            if len(fits) == 1:
                return self._merged(written, next(iter(fits)), "first name of someone in the meeting")
            handle = self._handle(bare, meeting) if bare[:1].islower() or bare.isalnum() else None
            if handle:
                return self._merged(written, handle, "handle")
            fits = self._firsts(self._archive_firsts.get(_nick(key), set()), letter)
            if len(fits) == 1 and (letter or bare[:1].isupper()):
                return self._merged(written, next(iter(fits)), "first name of one person of the archive")
            partial = self._initialed.get(_nick(key), set())
            if not fits and not letter and len(partial) == 1 and bare[:1].isupper():
                return self._merged(written, next(iter(partial)), "first name of one partly named person")
        return slugify(bare), None

    def _firsts(self, ids: set[str], letter: str) -> set[str]:
        """The people among `ids` whose surname starts with `letter` (all of them for "")."""
        if not letter:
            return ids
        keys = {k: i for k, i in self._by_key.items() if i in ids and len(k.split()) >= 2}
        return {i for k, i in keys.items() if k.split()[-1].startswith(letter)}

    def _merged(self, written: str, ident: str, why: str) -> _Resolved:
        """`ident` and the merge to report, unless people.yml keeps `written` apart from that person."""
        key = name_key(written)
        if any(frozenset((key, k)) in self._apart for k, i in self._by_key.items() if i == ident):
            return slugify(strip_affiliation(written) or written), None
        return ident, (written, ident, why)

    def _report(self, written: str, ident: str, why: str) -> None:
        """A merge `resolve` made, listed once."""
        if (written, ident) not in self._reported:
            self._reported.add((written, ident))
            into = self.canonical.get(ident) or self._shown.get(ident, ident)
            self.report.merges.append(Merge(written, into, why))

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


# `resolve`'s answer and the merge it made (spelling, person, why)
_Resolved = tuple[str | None, tuple[str, str, str] | None]
_PER_BUILD = ("_resolved", "_earlier")  # what `resolve` found: kept beside the learned state


class _Learned:
    """What the latest learning started from and ended in. A serve rebuild after an edit of
    prose gives learning the same names again, and reads its state back (in about a tenth of
    the time). Kept as pickled bytes, so no build can change what the next one reads back,
    and one state only, so nothing grows with each edit. Beside it, what the latest build's
    `resolve` found from that state: true as long as the state is read back."""

    def __init__(self) -> None:
        # what learning was given, the state it ended in, what the latest build's `resolve` found
        self.kept: tuple[tuple[bytes, list[Any]], bytes, dict[tuple[str, str], _Resolved]] | None = None


MAX_BUCKET = 400  # spellings sharing a first name, surname or form; beyond it no fuzzy matching


class _CandidateIndex:
    """The spellings each merge rule could pair with a key, found through what the rules
    need to share (the name without spaces, the first name's nickname group, the other
    words, the first name but for one letter), so clustering is not every key against
    every other: 10,000 names on one attendee line stay near linear. Buckets larger than
    MAX_BUCKET (never in a real archive) are passed over rather than searched."""

    def __init__(self, order: list[str]) -> None:
        self.position = {key: index for index, key in enumerate(order)}
        self.buckets: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for key in order:
            for bucket in _buckets(key):
                self.buckets[bucket].append(key)

    def of(self, key: str) -> list[str]:
        found: set[str] = set()
        for bucket in _buckets(key):
            members = self.buckets.get(bucket, [])
            if len(members) <= MAX_BUCKET:
                found.update(members)
        return sorted(found, key=self.position.__getitem__)


def _buckets(key: str) -> list[tuple[str, ...]]:
    first, rest, nick, compact = _parts(key)
    if not rest:
        return []
    found = [("compact", compact), ("nick", nick), ("rest", *rest)]
    if len(first) >= 5:  # "one letter wrong in each part": equal but for one deleted letter
        found += [("first", first)] + [("first", first[:i] + first[i + 1 :]) for i in range(len(first))]
    return found


@functools.lru_cache(maxsize=65536)
def _parts(key: str) -> tuple[str, list[str], str, str]:
    """A name key's first name, other words, first name's nickname group, and the key
    without spaces: computed once, compared with every other key."""
    first, *rest = key.split() or [""]
    return first, rest, _nick(first), key.replace(" ", "")


def _typo(one: str, other: str, min_length: int = 4) -> bool:
    """Close enough to be a slip of the keyboard: 85 % alike, or one letter added, dropped,
    changed or swapped in a part of `min_length` letters or more ("Roday" / "Rodak")."""
    if fuzz.ratio(one, other) >= TYPO_RATIO:
        return True
    return min(len(one), len(other)) >= min_length and OSA.distance(one, other) <= 1


def _slip_evidence(key: str, other: str, seen: dict[str, set[str]], listed: dict[str, set[str]]) -> bool:
    """A rare spelling never listed beside a frequent one (its chat lines may be in a
    meeting the other attended: the chat of someone present): the archive's word that
    they are one person, where the spelling alone is too short a distance to go by."""
    rare, frequent = len(seen[key]) <= RARE, len(seen[other]) >= FREQUENT
    return rare and frequent and listed.get(key, set()).isdisjoint(listed.get(other, set()))


def _slip(one: str, other: str) -> str:
    """ "two letters swapped" ("hoen" / "heon"), "a vowel group changed" ("mukherji" /
    "mukherjee", "bodreau" / "boudreau"), or "" for any other difference."""
    if one == other or min(len(one), len(other)) < 3:
        return ""
    if len(one) == len(other):
        differ = [i for i, (a, b) in enumerate(zip(one, other, strict=True)) if a != b]
        if len(differ) == 2 and differ[1] == differ[0] + 1 and one[differ[0]] == other[differ[1]]:
            if one[differ[1]] == other[differ[0]]:
                return "two letters swapped"
    if _VOWELS.split(one) == _VOWELS.split(other):  # the same consonants in the same order
        vowels, o_vowels = _VOWELS.findall(one), _VOWELS.findall(other)
        if len(vowels) == len(o_vowels):
            changed = [(v, o) for v, o in zip(vowels, o_vowels, strict=True) if v != o]
            if len(changed) == 1 and max(map(len, changed[0])) >= 2:
                return "a vowel group changed"
    return ""


def _one_letter(first: str, o_first: str, last: str, o_last: str) -> bool:
    """ "Falsal Rzzzak" / "Faisal Razzak": one letter wrong in each of two long parts."""
    if min(len(first), len(last)) < 5 or abs(len(first) - len(o_first)) > 1 or abs(len(last) - len(o_last)) > 1:
        return False
    return OSA.distance(first, o_first) <= 1 and OSA.distance(last, o_last) <= 1


def _same_start(last: str, o_last: str) -> str:
    """A surname cut short ("Mand" of "Mandvekar") or one that ends otherwise after a long
    equal start ("Santamander" / "Santamaria"); "" when neither."""
    if last == o_last:
        return ""
    common = len(os.path.commonprefix([last, o_last]))
    if common == len(last) >= 3:
        return "surname cut short"
    if common >= COMMON_START and common * 3 >= 2 * min(len(last), len(o_last)):
        return "surnames begin alike"
    return ""


def _spell(chars: list[str]) -> str:
    """ "U+0430 CYRILLIC SMALL LETTER A, …": what the eye cannot tell apart, spelled out."""
    unique = list(dict.fromkeys(chars))
    shown = [f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in unique[:4]]
    return ", ".join(shown) + (", …" if len(unique) > 4 else "")


def _names_of(meeting: Meeting) -> list[str]:
    names = meeting.attendees + [p for s in meeting.sections for p in s.presenters]
    names += [c.author for c in meeting.chat if c.author]
    return names + transcript_speakers(meeting)


def transcript_speakers(meeting: Meeting) -> list[str]:
    """Speakers of the transcript written as full names ("Daniel Walsh"), once each; room
    devices and presentation tiles are left out."""
    found = dict.fromkeys(t.speaker for t in meeting.transcript if t.speaker)
    return [s for s in found if _full_name_speaker(s)]


@functools.lru_cache(maxsize=1 << 16)  # the same speakers come back in every transcript and build
def _full_name_speaker(speaker: str) -> bool:
    bare = strip_affiliation(speaker)
    return len(bare.split()) >= 2 and looks_like_name(bare)


def repair_attendees(meetings: list[Meeting]) -> dict[str, tuple[list[str], list[Diagnostic]]]:
    """Lists with a comma inside a name ("Giuseppe, Scrivano") or a missing comma
    ("Luca Di Maio Chris Evich"), repaired with the full names other meetings use."""
    known: Counter[str] = Counter()  # full name -> meetings that write it
    for m in meetings:
        names = m.attendees + [p for s in m.sections for p in s.presenters]
        names += [c.author for c in m.chat if c.author] + transcript_speakers(m)
        known.update({slugify(strip_affiliation(n)) for n in names if len(strip_affiliation(n).split()) >= 2})
    repaired: dict[str, tuple[list[str], list[Diagnostic]]] = {}
    for meeting in meetings:
        names, problems = _repair(meeting, known)
        if problems:
            repaired[meeting.id] = (names, problems)
    return repaired


def _repair(meeting: Meeting, known: Counter[str]) -> tuple[list[str], list[Diagnostic]]:
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
        # Written in this meeting only (it counts itself), and two names the archive knows.
        alone = known[slugify(name)] <= 1
        split = _split_known(name, known) if len(name.split()) >= 4 and alone else None
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


def _split_known(name: str, known: Counter[str]) -> list[str] | None:
    words = name.split()
    fits = [
        [" ".join(words[:cut]), " ".join(words[cut:])]
        for cut in range(2, len(words) - 1)
        if slugify(" ".join(words[:cut])) in known and slugify(" ".join(words[cut:])) in known
    ]
    return fits[0] if len(fits) == 1 else None
