"""Synthetic meeting archives in the real formats, sized like the Podman corpus.

    python benchmarks/generate.py 1000 /tmp/archive-1000

Measured on the 39 real notes (quartiles): attendees 17/19/22, agenda sections 3/5/6,
chat messages 4/8/19, transcript turns 0/0/229 (transcripts from 2023 on), note size
6.6/10.5/45 KB, issue references 0/0/2. The generator draws from those ranges, rotates
through the classic, Cabal and Zoom-era layouts, and uses a pool of people whose
participation falls off like the real one (a few people at every meeting, many once).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

FIRST = [
    "Ada",
    "Brent",
    "Dan",
    "Tom",
    "Matt",
    "Paul",
    "Ashley",
    "Nalin",
    "Urvashi",
    "Lokesh",
    "Valentin",
    "Mohan",
    "Giuseppe",
    "Miloslav",
    "Jan",
    "Neil",
    "Gerry",
    "Martin",
    "Grace",
    "Linus",
    "Erik",
    "Chris",
    "Ed",
    "Anders",
]
LAST = [
    "Lovelace",
    "Hopper",
    "Pauling",
    "Curie",
    "Noether",
    "Turing",
    "Kahan",
    "Ritchie",
    "Thompson",
    "Liskov",
    "Hamilton",
    "Knuth",
    "Dijkstra",
    "Backus",
    "Allen",
    "Goldberg",
    "Perlman",
    "Wing",
    "Shaw",
    "Clark",
]
TOPICS = [
    "containers.conf",
    "podman machine",
    "Podman Desktop",
    "quadlet",
    "netavark",
    "compose",
    "artifact",
    "pasta",
    "bootc",
    "Windows",
    "cgroups",
    "rootless",
    "Buildah",
    "Skopeo",
    "crun",
    "podman kube play",
    "--cache-from",
    "registries.conf",
    "healthchecks",
    "checkpoint/restore",
    "auto-update",
    "farm build",
]
WORDS = (
    "the team discussed how this works today and what should change next release users asked about "
    "performance and documentation maintainers agreed to follow up on the issue tracker with a design"
).split()


def people(rng: random.Random, count: int = 400) -> list[str]:
    names = [f"{first} {last}" for first in FIRST for last in LAST]
    rng.shuffle(names)
    return names[:count]


def sentence(rng: random.Random, topic: str) -> str:
    words = rng.choices(WORDS, k=rng.randint(10, 24))
    words.insert(rng.randrange(len(words)), topic)
    return " ".join(words).capitalize() + "."


def pick(rng: random.Random, pool: list[str], k: int) -> list[str]:
    """People weighted like the real lists: the first few come to nearly every meeting."""
    weights = [1 / (i + 1) ** 0.9 for i in range(len(pool))]
    chosen: dict[str, None] = {}
    while len(chosen) < k:
        chosen[rng.choices(pool, weights)[0]] = None
    return list(chosen)


def note(n: int, day: dt.date, rng: random.Random, pool: list[str]) -> str:
    era = n % 3  # classic community, Cabal one-line headings, Zoom era
    attendees = pick(rng, pool, rng.randint(12, 30))
    title = "Podman Community Cabal Meeting Notes" if era == 1 else "Podman Community Meeting"
    lines = [
        f"# {title}",
        f"## {day:%B} {day.day}, {day.year} 11:00 a.m. Eastern (UTC-5)",
        "",
        f"### Attendees ({len(attendees) + rng.randint(0, 5)} total)",
        ", ".join(attendees),
        "",
        "## Meeting Start: 11:03 a.m." if era == 0 else "Meeting start 11:02 a.m.",
        f"Video [Recording](https://www.youtube.com/watch?v=vid{n:06d})",
        "",
    ]
    seconds = 60
    for s in range(rng.randint(2, 8)):
        topic = rng.choice(TOPICS)
        presenter = rng.choice(attendees)
        mark = f"{seconds // 60}:{seconds % 60:02d}"
        if era == 0:
            lines += [f"## {topic.capitalize()} update {s}", f"### {presenter}", f"#### ({mark} in the video)", ""]
        else:
            lines += [f"#### {topic.capitalize()} update {s} - {presenter} - ({mark} in the video)", ""]
        for _ in range(rng.randint(2, 6)):
            lines += [sentence(rng, topic), ""]
        if rng.random() < 0.3:
            lines += [f"See https://github.com/containers/podman/issues/{rng.randint(1000, 28000)}.", ""]
        seconds += rng.randint(120, 900)
    lines += [
        f"## Next Meeting: Tuesday {day + dt.timedelta(days=7):%B %d, %Y}, 11:00 a.m. Eastern (UTC-5)",
        "### Meeting End: 11:58 a.m. Eastern (UTC-5)",
        "",
        "## BlueJeans Chat copy/paste:",
        "",
        "```",
    ]
    minute = 55
    for _ in range(int(rng.expovariate(1 / 12))):
        minute += rng.randint(0, 3)
        hour, mins = 10 + minute // 60, minute % 60
        lines += [f"{rng.choice(attendees)}{hour}:{mins:02d} AM", sentence(rng, rng.choice(TOPICS))]
    lines += ["```", ""]
    if era == 2 and rng.random() < 0.6:  # transcripts: a third of the meetings, the bulk of the bytes
        lines += ["### Raw Zoom Meet Transcript", "", "```", "WEBVTT", ""]
        for cue in range(rng.randint(150, 320)):
            start = cue * 9
            lines += [
                str(cue + 1),
                f"00:{start // 60:02d}:{start % 60:02d}.000 --> 00:{start // 60:02d}:{start % 60:02d}.900",
                f"{rng.choice(attendees)}: {sentence(rng, rng.choice(TOPICS))}",
                "",
            ]
        lines += ["```", ""]
    return "\n".join(lines) + "\n"


def generate(count: int, target: Path, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    pool = people(rng)
    target.mkdir(parents=True, exist_ok=True)
    day = dt.date(1990, 1, 2)
    written = []
    for n in range(count):
        path = target / f"{day.isoformat()}.md"
        path.write_text(note(n, day, rng, pool), encoding="utf-8")
        written.append(path)
        day += dt.timedelta(days=7)
    return written


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
