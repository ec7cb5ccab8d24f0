"""Extraction accuracy on the real notes, against expectations checked by reading them.

    python scripts/accuracy.py [--corpus ../shared/corpus/podman] [--expectations tests/corpus_expectations.yml]
    python scripts/accuracy.py --draft > draft.yml     # the parser's answers, to review by hand
    python scripts/accuracy.py --community ethereum    # the Ethereum All Core Devs notes, read as
                                                       # examples/ethereum-acd/ configures them

A field of a note scores 1 when the parser's answer equals the expectation. Sections
score per item: an expected (video seconds, presenters) pair found among the parsed
ones counts, and the note's score is matches / max(expected, parsed).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from meetings.archive import Archive  # noqa: E402
from meetings.site import Settings, load_site  # noqa: E402

FIELDS = ["date", "series", "attendees", "sections", "chat", "issues", "action_items", "next_meetings"]
# Another community: its configuration, notes, expectations, fields and the bar every field must reach.
COMMUNITIES = {
    "podman": (ROOT / "mkdocs.yml", "podman", ROOT / "tests" / "corpus_expectations.yml", FIELDS, 0.98),
    "ethereum": (
        ROOT / "examples" / "ethereum-acd" / "mkdocs.yml",
        "ethereum-acd",
        ROOT / "tests" / "ethereum_expectations.yml",
        ["date", "recording", "agenda", "attendees", "decisions", "actions", "references", "chat"],
        0.95,
    ),
}


def _archive(config: Path, corpus: Path) -> Archive:
    """The archive of the notes in `corpus`, as the site `config` configures reads them."""
    settings, _ = Settings.from_config_file(config)
    return load_site(replace(settings, notes_dir=corpus.absolute()), render=False).archive


def community_facts(config: Path, corpus: Path) -> dict[str, dict]:
    """What the parser reads from each note of a community configured by `config`."""
    archive = _archive(config, corpus)
    out = {}
    for m in archive.meetings:
        out[m.id] = {
            "date": m.date,
            "recording": m.recording,
            "agenda": [[s.title, s.video_seconds] for s in m.sections],
            "attendees": len({p.id for n in m.attendees if (p := archive.person_of(m.id, n))}),
            "decisions": [d.number for d in m.decisions if d.kind == "decision"],
            "actions": [d.number for d in m.decisions if d.kind == "action"],
            "references": sorted({r.number for r in m.issues if r.kind == "reference"}),
            "chat": len(m.chat),
            "issues": sorted({f"{archive.repo(r.repo)}#{r.number}" for r in m.issues if r.kind != "reference"}),
        }
    return out


def facts(corpus: Path) -> dict[str, dict]:
    """What the parser reads from each note, in the expectations' shape."""
    archive = _archive(ROOT / "mkdocs.yml", corpus)
    out = {}
    for m in archive.meetings:
        out[m.id] = {
            "date": m.date,
            "series": m.series,
            "attendees": len({p.id for n in m.attendees if (p := archive.person_of(m.id, n))}),
            "sections": [[s.video_seconds, sorted(s.presenters)] for s in m.sections],
            "titles": [s.title for s in m.sections],
            "chat": len(m.chat),
            "issues": sorted({f"{archive.repo(r.repo)}#{r.number}" for r in m.issues}),
            "action_items": len(m.action_items),
            "next_meetings": [[n.series, n.date] for n in m.next_meetings],
        }
    return out


def print_draft(actual: dict[str, dict]) -> None:
    """YAML to review by hand: flow lists, each section with its title as a comment."""
    for ident, f in actual.items():
        print(f"'{ident}':")
        for field in ("date", "series", "attendees", "chat", "action_items", "issues", "next_meetings"):
            print(f"  {field}: {json.dumps(f[field], ensure_ascii=False)}")
        print("  sections:" + ("" if f["sections"] else " []"))
        for item, title in zip(f["sections"], f["titles"], strict=True):
            print(f"    - {json.dumps(item, ensure_ascii=False)}  # {title}")


def score(field: str, expected, actual) -> float:
    if field == "agenda":  # [title, video seconds] items, matched as for sections
        want = Counter((t, s) for t, s in expected)
        got = Counter((t, s) for t, s in actual or [])
        total = max(sum(want.values()), sum(got.values()))
        return 1.0 if total == 0 else sum((want & got).values()) / total
    if field != "sections":
        return 1.0 if expected == actual else 0.0
    want = Counter((s, tuple(sorted(p))) for s, p in expected)
    got = Counter((s, tuple(sorted(p))) for s, p in actual)
    total = max(sum(want.values()), sum(got.values()))
    return 1.0 if total == 0 else sum((want & got).values()) / total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--community", choices=sorted(COMMUNITIES), default="podman")
    parser.add_argument("--corpus", type=Path, help="the folder of notes (default: ../shared/corpus/<community>)")
    parser.add_argument("--expectations", type=Path, help="the expectations (default: the community's in tests/)")
    parser.add_argument("--draft", action="store_true", help="print the parser's answers as YAML")
    parser.add_argument("--show", action="store_true", help="list every disagreement")
    args = parser.parse_args()
    config, folder, expectations, fields, bar = COMMUNITIES[args.community]
    corpus = args.corpus or ROOT.parent / "shared" / "corpus" / folder
    if args.community != "podman":
        return other_community(args, config, corpus, args.expectations or expectations, fields, bar)
    actual = facts(corpus)
    if args.draft:
        print_draft(actual)
        return 0
    expected = yaml.safe_load((args.expectations or expectations).read_text(encoding="utf-8"))
    totals = tally(expected, actual, FIELDS, args.show)
    print(f"{'field':<14} accuracy  ({len(expected)} notes)")
    for field in FIELDS:
        print(f"{field:<14} {totals[field] / len(expected):.3f}")
    worst = min(totals.values()) / len(expected)
    return 0 if worst >= 0.98 else 1


def tally(expected: dict, actual: dict, fields: list, show: bool) -> dict[str, float]:
    """Each field's summed score over the expected notes; with `show`, every miss printed."""
    totals = dict.fromkeys(fields, 0.0)
    for ident, want in expected.items():
        got = actual.get(ident, {})
        for field in fields:
            value = score(field, want[field], got.get(field))
            totals[field] += value
            if show and value < 1:
                print(f"{ident} {field}: expected {want[field]}, parsed {got.get(field)}")
    return totals


def other_community(args: argparse.Namespace, config: Path, corpus: Path, path: Path, fields: list, bar: float) -> int:
    """Per-field agreement for a configured community, and the two things that must never
    happen: a reference page that no note means (a meeting's own "#180" as an issue) and a
    metadata line read as an agenda item."""
    actual = community_facts(config, corpus)
    if args.draft:
        for ident, f in actual.items():
            print(f"{ident}:")
            for field in fields:
                if field != "agenda":
                    print(f"  {field}: {json.dumps(f[field], ensure_ascii=False)}")
            print("  agenda:" + ("" if f["agenda"] else " []"))
            for title, seconds in f["agenda"]:
                print(f"    - {json.dumps([title, seconds], ensure_ascii=False)}")
        return 0
    expected = yaml.safe_load(path.read_text(encoding="utf-8"))
    totals = tally(expected, actual, fields, args.show)
    print(f"{'field':<14} agreement  ({len(expected)} notes of {corpus})")
    for field in fields:
        print(f"{field:<14} {totals[field] / len(expected):.3f}")
    false_refs = [(i, ref) for i, f in actual.items() for ref in f["issues"] if ref.startswith("#") or "/" not in ref]
    metadata = re.compile(
        r"^\W*(?:(?:meeting\s+)?(?:date|time|duration)|moderator|notes?\s*:|video|audio|agenda\s*:)", re.I
    )
    as_items = [(i, t) for i, f in actual.items() for t, _ in f["agenda"] if metadata.match(t)]
    print(f"false reference pages: {len(false_refs)}  metadata lines as agenda items: {len(as_items)}")
    for found in false_refs + as_items:
        print("  ", *found)
    worst = min(totals.values()) / len(expected) if expected else 0.0
    return 0 if worst >= bar and not false_refs and not as_items else 1


if __name__ == "__main__":
    sys.exit(main())
