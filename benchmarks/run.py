"""Build benchmark: the same synthetic notes built (a) as ordinary pages without the
plugin and (b) with the plugin, alternating, several runs each; medians reported.

    python benchmarks/run.py --sizes 100 1000 --runs 3 [--corpus ../shared/corpus/podman] [--floor]

Per build: wall time and peak memory of the whole `mkdocs build` process, HTML pages,
site size and search index size; for (b) also the plugin's own time (parse, link,
render, and its per-page hooks, from its log lines). Then, in-process at the largest
size, what a `mkdocs serve` rebuild costs the plugin after one note changes. With
--floor, also (c): the plain site padded with one-paragraph pages to (b)'s page count,
the part of (b) that MkDocs and Material cost for that many pages. With --generated,
also (d): a plain `mkdocs build` of the tree `meetings generate` writes for (b) (the same
pages made ahead of time), and the time of `meetings generate` itself.
Run by hand; not part of the tests.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

PLAIN_CONFIG = """site_name: Plain
theme:
  name: material
  font: false
plugins:
  - search
nav:
  - index.md
not_in_nav: |
  /meetings/
  /extra/
"""
_PLUGIN_LINE = re.compile(r"pages in ([\d.]+) s \(parse ([\d.]+) s, link ([\d.]+) s, render ([\d.]+) s\)")
_HOOKS_LINE = re.compile(r"page hooks took ([\d.]+) s")
_BUILT_LINE = re.compile(r"Documentation built in ([\d.]+) seconds")


def prepare(notes: Path, work: Path) -> tuple[Path, Path]:
    """Two sites over the same notes: plain pages, and the plugin's site."""
    shutil.rmtree(work, ignore_errors=True)  # a kept folder from an earlier run
    plain = work / "plain"
    (plain / "docs" / "meetings").mkdir(parents=True)
    (plain / "docs" / "index.md").write_text("# Plain\n")
    for note in notes.glob("*.md"):
        shutil.copy(note, plain / "docs" / "meetings" / note.name)
    (plain / "mkdocs.yml").write_text(PLAIN_CONFIG)
    site = work / "plugin"
    site.mkdir()
    shutil.copytree(ROOT / "docs", site / "docs")
    for name in ("people.yml", "topics.yml"):
        shutil.copy(ROOT / name, site / name)
    config = (ROOT / "mkdocs.yml").read_text().replace("notes_dir: notes", f"notes_dir: {notes.resolve()}")
    (site / "mkdocs.yml").write_text(config)
    return plain, site


def floor_site(plain: Path, pages: int) -> Path:
    """(c): the plain site plus one-paragraph pages up to `pages` HTML pages in all: what
    MkDocs and Material cost for that many pages, whatever a plugin puts in them."""
    floor = plain.parent / "floor"
    shutil.rmtree(floor, ignore_errors=True)
    shutil.copytree(plain, floor, ignore=shutil.ignore_patterns("site"))
    extra = floor / "docs" / "extra"
    extra.mkdir()
    for n in range(max(0, pages - (len(list(plain.glob("docs/**/*.md"))) + 1))):  # +1: the 404 page
        (extra / f"page-{n}.md").write_text(f"# Page {n}\n\nOne short paragraph of text on page {n}.\n")
    return floor


def build(site: Path) -> dict[str, float]:
    out = site / "site"
    shutil.rmtree(out, ignore_errors=True)
    command = [
        "/usr/bin/time",
        "-f",
        "%e %M",
        sys.executable,
        "-m",
        "mkdocs",
        "build",
        "-q",
        "-f",
        str(site / "mkdocs.yml"),
        "-d",
        str(out),
    ]
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000", "HOME": str(site)}
    started = time.perf_counter()
    result = subprocess.run(command + ["-v"], capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    _, rss_kb = result.stderr.strip().splitlines()[-1].split()
    figures = {
        "wall": wall,
        "rss_mib": int(rss_kb) / 1024,
        "pages": sum(1 for _ in out.rglob("*.html")),
        "site_mib": sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 2**20,
        "index_mib": (out / "search" / "search_index.json").stat().st_size / 2**20,
    }
    built = _BUILT_LINE.search(result.stderr)  # MkDocs' own figure: no interpreter start-up
    if built:
        figures["built"] = float(built[1])
    match = _PLUGIN_LINE.search(result.stderr)
    hooks = _HOOKS_LINE.search(result.stderr)
    if match and hooks:
        figures.update(parse=float(match[2]), link=float(match[3]), render=float(match[4]), hooks=float(hooks[1]))
        figures["plugin"] = float(match[1]) + figures["hooks"]
    return figures


def generated_site(site: Path) -> tuple[Path, float]:
    """(d): the tree `meetings generate` writes from the plugin's site, and how long that took."""
    out = site.parent / "generated"
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "meetings.cli", "generate", str(out), "-f", str(site / "mkdocs.yml")]
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "HOME": str(site)})
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(result.stderr[-2000:])
    return out, seconds


def rebuild_after_one_change(notes: Path) -> dict[str, float]:
    """The plugin's work in a serve rebuild: the parse cache keeps all but the changed note,
    the page memo the pages that do not read it. Works on a copy, so the notes measured are
    never written to."""
    from dataclasses import replace

    from meetings.cache import BuildCache
    from meetings.notes import ParseCache
    from meetings.site import Settings, load_site

    copy = Path(tempfile.mkdtemp(prefix="meetings-rebuild-")) / "notes"
    shutil.copytree(notes, copy)
    notes = copy
    settings = replace(Settings.from_config_file(ROOT / "mkdocs.yml")[0], notes_dir=notes, repo_aliases={})
    cache = BuildCache()

    def once() -> tuple[float, float, float, int]:
        seconds = load_site(settings, cache).seconds
        return seconds["parse"], seconds["link"], seconds["render"], cache.store("parses", ParseCache).parsed

    first = once()
    victim = sorted(notes.glob("*.md"))[len(list(notes.glob("*.md"))) // 2]
    victim.write_text(victim.read_text() + "\nOne more line, added to measure a rebuild.\n")
    second = once()
    return {
        "first_total": sum(first[:3]),
        "rebuild_parse": second[0],
        "rebuild_link": second[1],
        "rebuild_render": second[2],
        "rebuild_total": sum(second[:3]),
        "reparsed": second[3],
    }


def median(runs: list[dict[str, float]], key: str) -> float:
    values = [r[key] for r in runs if key in r]
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--corpus", type=Path, help="also measure a folder of real notes")
    parser.add_argument("--keep", type=Path, help="keep the generated sites in this folder")
    parser.add_argument("--floor", action="store_true", help="also build (c): (a) padded to (b)'s page count")
    parser.add_argument(
        "--generated", action="store_true", help="also build (d): the tree 'meetings generate' writes, no plugin"
    )
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="meetings-bench-"))
    rows = []
    cases: list[tuple[str, Path]] = []
    if args.corpus:
        cases.append((f"corpus ({len(list(args.corpus.glob('*.md')))})", args.corpus))
    for size in args.sizes:
        notes = work / f"notes-{size}"
        if not notes.exists():
            generate(size, notes)
        cases.append((str(size), notes))
    for label, notes in cases:
        plain, site = prepare(notes, work / f"sites-{label.split()[0]}")
        runs_a, runs_b, runs_c, runs_d = [], [], [], []
        floor = None
        for _ in range(args.runs):  # alternate, so drift on the machine hits all alike
            runs_a.append(build(plain))
            runs_b.append(build(site))
            if args.floor:
                floor = floor or floor_site(plain, int(runs_b[0]["pages"]))
                runs_c.append(build(floor))
            if args.generated:
                out, seconds = generated_site(site)
                runs_d.append({**build(out), "generate": seconds})
        rows.append((label, runs_a, runs_b, runs_c, runs_d))
        print(f"{label}: plain {median(runs_a, 'wall'):.1f} s, plugin {median(runs_b, 'wall'):.1f} s", file=sys.stderr)
    print(
        "| meetings | build | wall s | peak RSS MiB | pages | site MiB | search index MiB | plugin s "
        "(parse / link / render / page hooks) |"
    )
    print("|---|---|--:|--:|--:|--:|--:|---|")
    for label, runs_a, runs_b, runs_c, runs_d in rows:
        builds = (("(a) plain", runs_a), ("(b) plugin", runs_b), ("(c) floor", runs_c), ("(d) generated", runs_d))
        for name, runs in builds:
            if not runs:
                continue
            plugin = (
                f"{median(runs, 'plugin'):.2f} ({median(runs, 'parse'):.2f} / {median(runs, 'link'):.2f} / "
                f"{median(runs, 'render'):.2f} / {median(runs, 'hooks'):.2f})"
                if name.startswith("(b)")
                else ""
            )
            print(
                f"| {label} | {name} | {median(runs, 'wall'):.2f} | {median(runs, 'rss_mib'):.0f} | "
                f"{median(runs, 'pages'):.0f} | {median(runs, 'site_mib'):.1f} | {median(runs, 'index_mib'):.1f} | "
                f"{plugin} |"
            )
    for label, runs_a, runs_b, runs_c, runs_d in rows:
        ratio = median(runs_b, "wall") / median(runs_a, "wall")
        pages = median(runs_b, "pages") / median(runs_a, "pages")
        share = median(runs_b, "plugin") / median(runs_b, "wall")
        print(f"\n{label}: (b)/(a) time {ratio:.2f}, pages {pages:.1f}x, plugin share of (b) {share:.1%}")
        if runs_c:
            print(f"{label}: (c)/(a) time {median(runs_c, 'wall') / median(runs_a, 'wall'):.2f}")
        if runs_d:
            print(
                f"{label}: (b)/(d) time {median(runs_b, 'wall') / median(runs_d, 'wall'):.2f} "
                f"(plugin build {median(runs_b, 'wall'):.2f} s, plain build of the generated tree "
                f"{median(runs_d, 'wall'):.2f} s; meetings generate {median(runs_d, 'generate'):.2f} s)"
            )
    largest = cases[-1][1]
    rebuild = rebuild_after_one_change(largest)
    print(
        f"\nserve rebuild after one note changed, {cases[-1][0]} meetings: plugin {rebuild['rebuild_total']:.2f} s "
        f"(parse {rebuild['rebuild_parse']:.2f}, link {rebuild['rebuild_link']:.2f}, render "
        f"{rebuild['rebuild_render']:.2f}; {rebuild['reparsed']} note parsed) vs {rebuild['first_total']:.2f} s cold"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
