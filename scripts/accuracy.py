"""Extraction accuracy on the real notes, against expectations checked by reading them.

    python scripts/accuracy.py [--corpus ../shared/corpus/podman] [--expectations tests/corpus_expectations.yml]
    python scripts/accuracy.py --draft > draft.yml     # the parser's answers, to review by hand
    python scripts/accuracy.py --community ethereum    # the Ethereum All Core Devs notes, read as
                                                       # examples/ethereum-acd/ configures them
    python scripts/accuracy.py --community tc39 --config none   # read with no settings at all

A field of a note scores 1 when the parser's answer equals the expectation. Sections
score per item: an expected (video seconds, presenters) pair found among the parsed
ones counts, and the note's score is matches / max(expected, parsed).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from dataclasses import replace
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from meetings.archive import Archive  # noqa: E402
from meetings.parse.names import strip_affiliation  # noqa: E402
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
# Communities scored on the fields every archive has, with the settings `meetings init` wrote.
GENERAL_FIELDS = ["date", "attendees", "items", "presenters", "recording", "references", "actions"]
GENERAL = {
    name: (ROOT / "examples" / name / "mkdocs.yml", ROOT / "tests" / f"{name}_expectations.yml")
    for name in ["tc39", "rust-compiler"]
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


def _plain(text: str) -> str:
    """A title compared without case, Markdown or punctuation."""
    return " ".join(re.sub(r"[\W_]+", " ", re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)).casefold().split())


def general_facts(config: Path, corpus: Path) -> dict[str, dict]:
    """What the parser reads from each note, in the shape of the general expectations."""
    archive = _archive(config, corpus)
    out = {}
    for m in archive.meetings:
        people = [strip_affiliation(n) for n in m.attendees]  # as written: merging spellings is not parsing
        decided = {d.line for d in m.decisions if d.kind == "decision"}
        out[m.id] = {
            "date": m.date,
            "attendees": list(dict.fromkeys(people)),
            "items": [[s.title, [strip_affiliation(p) for p in s.presenters]] for s in m.sections],
            "recording": m.recording,
            "references": sorted({f"{archive.repo(r.repo)}#{r.number}" for r in m.issues if r.kind != "reference"}),
            "decisions": sorted(decided),
            "actions": sorted({a.line for a in m.action_items} | {d.line for d in m.decisions if d.kind == "action"}),
        }
    return out


def general_score(field: str, want: dict, got: dict) -> float:
    """A note's score on a field: 1 or 0 for one value, matched / max(expected, parsed) for lists."""
    if field in ("date", "recording"):
        return 1.0 if want[field] == got.get(field) else 0.0
    if field == "items":
        expected = Counter(_plain(t) for t, _ in want["items"])
        found = Counter(_plain(t) for t, _ in got.get("items", []))
    elif field == "presenters":
        expected = Counter((_plain(t), tuple(sorted(p))) for t, p in want["items"] if p)
        found = Counter((_plain(t), tuple(sorted(p))) for t, p in got.get("items", []) if p)
    elif field == "attendees":
        expected, found = Counter(n.casefold() for n in want[field]), Counter(n.casefold() for n in got.get(field, []))
    else:
        expected, found = Counter(want[field]), Counter(got.get(field, []))
    total = max(sum(expected.values()), sum(found.values()))
    return 1.0 if total == 0 else sum((expected & found).values()) / total


def general_community(name: str, corpus: Path | None, show: bool, config: Path | None = None) -> int:
    """Per-field agreement, and decisions as precision and recall (a false decision is worse
    than a missed one)."""
    default, path = GENERAL[name]
    config = config or default
    corpus = corpus or ROOT.parent / "shared" / "corpus" / name
    actual = general_facts(config, corpus)
    expected = yaml.safe_load(path.read_text(encoding="utf-8"))
    totals = dict.fromkeys(GENERAL_FIELDS, 0.0)
    right = said = meant = 0
    for ident, want in expected.items():
        got = actual.get(ident, {})
        for field in GENERAL_FIELDS:
            value = general_score(field, want, got)
            totals[field] += value
            if show and value < 1:
                key = "items" if field == "presenters" else field
                print(f"{ident} {field}: expected {want[key]}, parsed {got.get(key)}")
        decided, truth = set(got.get("decisions", [])), set(want["decisions"])
        right, said, meant = right + len(decided & truth), said + len(decided), meant + len(truth)
    print(f"{'field':<14} agreement  ({len(expected)} notes of {corpus})")
    for field in GENERAL_FIELDS:
        print(f"{field:<14} {totals[field] / len(expected):.3f}")
    precision = right / said if said else 1.0
    recall = right / meant if meant else 1.0
    print(f"{'decisions':<14} precision {precision:.3f} ({right}/{said}), recall {recall:.3f} ({right}/{meant})")
    worst = min(totals.values()) / len(expected)
    return 0 if worst >= 0.95 and precision >= 0.9 else 1


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
    parser.add_argument("--community", choices=sorted([*COMMUNITIES, *GENERAL]), default="podman")
    parser.add_argument("--corpus", type=Path, help="the folder of notes (default: ../shared/corpus/<community>)")
    parser.add_argument("--expectations", type=Path, help="the expectations (default: the community's in tests/)")
    parser.add_argument("--draft", action="store_true", help="print the parser's answers as YAML")
    parser.add_argument("--show", action="store_true", help="list every disagreement")
    parser.add_argument(
        "--config", help="the site's mkdocs.yml to read the notes with (default: the example's; 'none': no settings)"
    )
    args = parser.parse_args()
    chosen = _bare_config() if args.config == "none" else Path(args.config) if args.config else None
    if args.community in GENERAL:
        return general_community(args.community, args.corpus, args.show, chosen)
    config, folder, expectations, fields, bar = COMMUNITIES[args.community]
    config = chosen or config
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


def _bare_config() -> Path:
    """A mkdocs.yml that sets nothing of the plugin: the notes must describe themselves."""
    folder = Path(tempfile.mkdtemp(prefix="accuracy-"))
    (folder / "mkdocs.yml").write_text("site_name: Notes\nplugins:\n  - meetings\n", encoding="utf-8")
    return folder / "mkdocs.yml"


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
