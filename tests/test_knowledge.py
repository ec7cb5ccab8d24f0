"""Knowledge the notes carry without curation, on the real corpus with no topics file and
no people file: subjects mined from the notes, meetings' own titles, one page per human.
Skipped when the corpus is not beside the checkout."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from meetings.site import Settings, load_site
from meetings.subjects import STOPWORDS

from .conftest import CORPUS, ROOT, needs_corpus

pytestmark = needs_corpus

# Subjects a member would look up, each as a pattern for its spellings in the notes.
SUBJECTS = {
    "Buildah": r"buildah",
    "Netavark": r"netavark",
    "Docker": r"docker",
    "Quadlet": r"quadlets?",
    "Kubernetes": r"kubernetes",
    "podman machine": r"podman[\s-]machines?",
    "Podman Desktop": r"podman[\s-]desktop",
    "CNCF": r"cncf",
    "Windows": r"windows",
    "Mac": r"mac|macs",
    "Fedora": r"fedora",
    "Skopeo": r"skopeo",
    "RHEL": r"rhel",
    "Debian": r"debian",
    "Ubuntu": r"ubuntu",
    "Red Hat": r"red\s+hat",
    "Linux": r"linux",
    "crun": r"crun",
    "varlink": r"varlink",
    "WSL": r"wsl",
    "CNI": r"cni",
    "containers.conf": r"containers\.conf",
    "Docker Compose": r"docker[\s-]compose",
    "GitHub": r"github",
    "Kube": r"kube",
    "Discord": r"discord",
    "Python": r"python",
    "Rust": r"rust",
}
GENERIC_HEADINGS = [
    "Open Forum",
    "Questions",
    "Open discussion",
    "Demos",
    "Demo",
    "Upcoming",
    "Easter Egg",
    "Meeting Announcement",
    "General Announcements",
    "Introductions",
    "Topics for Next Meeting",
    "Fun Fact",
    "Meeting Notes",
    "Meeting Chat",
    "Next Steps",
    "Quick Recap",
]


@pytest.fixture(scope="module")
def site():  # type: ignore[no-untyped-def]
    return load_site(Settings(root=ROOT, notes_dir=CORPUS, topics_file=None, people_file=None))


def _body_meetings(site, pattern: str) -> set[str]:  # type: ignore[no-untyped-def]
    """Meetings whose notes (not the pasted chat or transcript, nor a link's address) use
    the subject."""
    found = set()
    word = re.compile(rf"(?<![\w.-])(?:{pattern})(?![\w-])", re.I)
    address = re.compile(r"\]\([^)\s]*\)|https?://\S+")
    for meeting in site.archive.meetings:
        raw = meeting.raw_lines()
        lines = (address.sub(" ", line) for n, line in enumerate(meeting.lines, 1) if n not in raw)
        if any(word.search(line) for line in lines):
            found.add(meeting.id)
    return found


def _notes_meetings(topic) -> set[str]:  # type: ignore[no-untyped-def]
    return {m.meeting for m in topic.mentions if not (m.in_chat or m.in_transcript)}


def test_every_recurring_subject_has_a_page_listing_its_meetings(site) -> None:  # type: ignore[no-untyped-def]
    by_spelling = {}
    for topic in site.archive.topics.values():
        for spelling in [topic.name, *topic.aliases]:
            by_spelling.setdefault(spelling.casefold(), topic)
    checked = 0
    for name, pattern in SUBJECTS.items():
        expected = _body_meetings(site, pattern)
        if len(expected) < 4:
            continue
        checked += 1
        topic = by_spelling.get(name.casefold())
        assert topic is not None, (name, len(expected))
        listed = {m.meeting for m in topic.mentions}
        share = len(expected & listed) / len(expected)
        assert share >= 0.9, (name, sorted(expected - listed))
    assert checked >= 20


_SPAN = re.compile(r"`([^`\n]+)`")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:[-.][a-z0-9]+)*")


def _named_in_code(site) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    """The programs and commands of the notes, each with the meetings whose notes write it
    as one: the first word of a code span (`zstd:chunked`, `crun --version`), a command and
    its noun (`podman machine init`), a command's program written as one word
    ("podman-remote"). The archive's own name is the site."""
    found: dict[str, set[str]] = defaultdict(set)
    prose: dict[str, str] = {}
    for meeting in site.archive.meetings:
        raw = meeting.raw_lines()
        lines = [line for n, line in enumerate(meeting.lines, 1) if n not in raw]
        prose[meeting.id] = "\n".join(lines).casefold()
        for span in _SPAN.findall(prose[meeting.id]):
            words = [re.split(r"[:=]", w)[0] for w in span.lstrip("$ ").split()[:2]]
            if words and _NAME.fullmatch(words[0]):
                found[words[0]].add(meeting.id)
                if len(words) == 2 and re.fullmatch(r"[a-z]{3,}", words[1]):
                    found[" ".join(words)].add(meeting.id)
    programs = {w for w in found if " " not in w}
    for ident, text in prose.items():
        for program in programs:
            for noun in re.findall(rf"(?<![\w-]){re.escape(program)}-([a-z]{{3,}})(?![\w-])", text):
                found[f"{program} {noun}"].add(ident)
    own = {w.casefold() for m in site.archive.meetings for w in re.findall(r"\w+", m.title)}
    return {c: meetings for c, meetings in found.items() if c not in own and c not in STOPWORDS}


def test_every_program_and_command_of_the_notes_has_a_page_listing_its_meetings(site) -> None:  # type: ignore[no-untyped-def]
    """Written as a program or a command in four meetings or more: a subject whose page
    lists 90 % of those meetings, however the notes write it ("podman-remote", `zstd`)."""
    by_spelling = {}
    for topic in site.archive.topics.values():
        for spelling in [topic.name, *topic.aliases]:
            by_spelling.setdefault(re.sub(r"[\s-]+", " ", spelling.casefold()), topic)
    checked, missed = [], []
    for command, expected in sorted(_named_in_code(site).items()):
        if len(expected) < 4:
            continue
        checked.append(command)
        topic = by_spelling.get(command)
        listed = {m.meeting for m in topic.mentions} if topic else set()
        if len(expected & listed) < 0.9 * len(expected):
            missed.append((command, len(expected), sorted(expected - listed)))
    assert len(checked) >= 3, checked
    assert not missed, missed


def test_few_topics_come_up_in_one_meeting_only(site) -> None:  # type: ignore[no-untyped-def]
    topics = list(site.archive.topics.values())
    single = [t.name for t in topics if len({m.meeting for m in t.mentions}) <= 1]
    assert len(topics) >= 30
    assert len(single) <= 0.15 * len(topics), single


def test_no_generic_heading_is_a_topic(site) -> None:  # type: ignore[no-untyped-def]
    names = {re.sub(r"\W+", " ", t.name).strip().casefold() for t in site.archive.topics.values()}
    for heading in GENERIC_HEADINGS:
        words = heading.casefold().split()
        assert " ".join(words) not in names, heading
        assert not any(w in names for w in words if len(w) > 3), heading


def test_agenda_titles_seen_once_are_sections_not_topics(site) -> None:  # type: ignore[no-untyped-def]
    titles = {s.title.casefold() for m in site.archive.meetings for s in m.sections}
    once = [t.name for t in site.archive.topics.values() if t.name.casefold() in titles and len(_notes_meetings(t)) < 2]
    assert once == []


def test_chat_and_transcript_mentions_are_marked(site) -> None:  # type: ignore[no-untyped-def]
    mentions = [m for t in site.archive.topics.values() for m in t.mentions]
    in_transcript = [m for m in mentions if m.in_transcript]
    assert any(m.in_chat for m in mentions) and in_transcript
    assert all(m.anchor and m.anchor.startswith("t-") for m in in_transcript)
    assert any(m.video_seconds is not None for m in in_transcript)


def test_related_subjects_are_ranked_by_meetings_in_common(site) -> None:  # type: ignore[no-untyped-def]
    topics = site.archive.topics
    desktop = next(t for t in topics.values() if t.name.casefold() == "podman desktop")
    assert desktop.related
    shared = [len(_notes_meetings(desktop) & _notes_meetings(topics[r])) for r in desktop.related]
    assert shared == sorted(shared, reverse=True)


def test_meetings_have_titles_of_their_own(site) -> None:  # type: ignore[no-untyped-def]
    meetings = site.archive.meetings
    names = [m.name for m in meetings]
    assert len(set(names)) >= 0.95 * len(names)
    for meeting in meetings:
        assert meeting.name and meeting.name != meeting.title
        assert not re.fullmatch(
            r"\W*podman community (?:cabal )?(?:agenda )?(?:meeting )?notes?\W*", meeting.name, re.I
        )
    first = next(m for m in meetings if m.id == "2020-12-01")
    assert first.name.startswith("Community meeting, December 1, 2020 — ")


def test_meeting_title_is_the_page_title_and_in_the_export(site) -> None:  # type: ignore[no-untyped-def]
    import json

    meeting = next(m for m in site.archive.meetings if m.id == "2020-12-01")
    page = next(p for p in site.pages if p.src == f"meetings/{meeting.id}.md")
    assert f"title: {meeting.name}" in page.content or meeting.name in page.content.split("---")[1]
    assert f"# {meeting.name}" in page.content  # the page's heading
    shown = page.content + "".join(page.blocks.values())
    assert meeting.title in shown  # the note's own H1 stays on the page, under it
    exported = next(m for m in json.loads(site.export())["meetings"] if m["id"] == meeting.id)
    assert exported["title"] == meeting.name and exported["heading"] == meeting.title
    index = next(p for p in site.pages if p.src == "meetings/index.md")
    html = "".join(index.blocks.values())
    assert html.count("Podman Community Meeting Notes") == 0
    assert "topics/" in html


def test_mining_time_is_a_small_share_of_the_build(site) -> None:  # type: ignore[no-untyped-def]
    assert site.seconds["link"] < 2 * (site.seconds["parse"] + site.seconds["render"]) + 0.5


SAME_HUMAN = [
    ["Laura Santamander", "Laura Santamaria"],
    ["Jan Roday", "Jan Rodak"],
    ["Falsal Rzzzak", "Faisal Razzak"],
    ["Steven Le Meur", "Stevan Le Meur"],
    ["GShomo (Northeastern)", "Greg Shomo"],
    ["iongion", "Ionut Stoica"],
    ["fpoirotte", "F. Poirotte"],
    ["Povilas K", "Povilas"],
    ["Leon N", "Leon Nunes"],
    ["Lokesh Mand", "Lokesh Mandvekar"],
]


def test_one_page_per_human(site) -> None:  # type: ignore[no-untyped-def]
    """Spellings with evidence in the notes are one person, and every automatic merge
    is reported with its reason."""
    pages: dict[str, set[str]] = {}
    for (_, written), ident in site.archive.names.items():
        pages.setdefault(written, set()).add(ident)
    for group in SAME_HUMAN:
        found = set().union(*(pages.get(name, set()) for name in group))
        assert len(found) == 1, (group, found)
    merged = {m.spelling for m in site.identities.report.merges} | {m.into for m in site.identities.report.merges}
    for group in SAME_HUMAN:
        assert all(name in merged for name in group), group


def test_no_talk_title_or_section_is_a_person(site) -> None:  # type: ignore[no-untyped-def]
    titles = {s.title.casefold() for m in site.archive.meetings for s in m.sections}
    assert not [p.name for p in site.archive.people.values() if p.name.casefold() in titles]


def test_a_topic_history_has_one_line_per_meeting_section(site) -> None:  # type: ignore[no-untyped-def]
    """The agenda list at the top of a note and the section it announces are one line of a
    topic's history, not two."""
    for topic in site.archive.topics.values():
        notes = [(m.meeting, m.section) for m in topic.mentions if not (m.in_chat or m.in_transcript)]
        assert len(notes) == len(set(notes)), topic.id
        in_sections = {meeting for meeting, section in notes if section}
        assert not [m for m, section in notes if section is None and m in in_sections], topic.id


def test_meeting_titles_name_no_person_unit_or_note_word(site) -> None:  # type: ignore[no-untyped-def]
    """The subjects after the dash of a meeting's title are what it was about: never a
    person's name or a word of their name, a unit, or a word of taking minutes."""
    from meetings.subjects import CALENDAR, NOTE_WORDS, STOPWORDS, VENUES

    names = {w.casefold() for p in site.archive.people.values() for w in re.findall(r"\w+", p.name)}
    bad = []
    for meeting in site.archive.meetings:
        _, _, shown = meeting.name.partition(" — ")
        for subject in filter(None, shown.split(", ")):
            words = {w.casefold() for w in re.findall(r"\w+", subject)}
            if len(words) == 1 and words & (names | NOTE_WORDS | VENUES | STOPWORDS | CALENDAR):
                bad.append((meeting.id, subject))
    assert not bad, bad
    # the meetings index lists each subject once: "common" adds nothing after "containers/common"
    index = "".join(next(p for p in site.pages if p.src == "meetings/index.md").blocks.values())
    rows = re.findall(r'<td data-label="Subjects">(.*?)</td>', index, re.S)
    assert len(rows) == len(site.archive.meetings)
    for row in rows:
        shown = [set(re.findall(r"\w+", re.sub(r"<[^>]+>", "", s).casefold())) for s in row.split(", ")]
        assert not [a for i, a in enumerate(shown) for b in shown[:i] if a <= b], row
