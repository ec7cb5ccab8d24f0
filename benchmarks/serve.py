"""Serve benchmark: what a maintainer waits for after saving one note under `mkdocs serve`.

    python benchmarks/serve.py --corpus ../shared/corpus/podman --notes 77 [--edits 3] [--dirty]

The notes folder is the corpus, copied under later dates until it holds --notes notes
(or a synthetic archive of that size without --corpus). It starts a real `mkdocs serve`,
waits for the first build, appends a line to one note --edits times and reads each
rebuild's time from MkDocs' own "Documentation built in N seconds" line, with the
plugin's share from its log line. For comparison it times a plain `mkdocs build` of the
same notes as ordinary pages (run.py's (a)). Run by hand; not part of the tests.
"""

from __future__ import annotations

import argparse
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import build, prepare  # noqa: E402

_BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")
_PLUGIN = re.compile(r"pages in ([\d.]+) s \(parse")
_QUIET = re.compile(r"findings in \d+ other notes")


def notes_folder(corpus: Path | None, count: int, work: Path) -> Path:
    """`count` notes: the corpus, then copies of it ten years on, twenty years on, …"""
    notes = work / "notes"
    if corpus is None:
        generate(count, notes)
        return notes
    notes.mkdir(parents=True)
    originals = sorted(corpus.glob("*.md"))
    for n in range(count):
        source = originals[n % len(originals)]
        shift = 10 * (n // len(originals))
        name = f"{int(source.name[:4]) + shift}{source.name[4:]}"
        shutil.copy(source, notes / name)
    return notes


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# What each edit appends to the note: a line of prose, or an agenda section presented by
# someone the archive has never seen (new names: who is who is worked out again).
EDITS = {
    "line": "\nOne more line ({n}), added to measure a rebuild.\n",
    "presenter": "\n### Demo {n} - Zora Newcomb{n}\nShe showed it.\n",
}


def serve_rebuilds(
    site: Path, notes: Path, edits: int, edit: str = "line", dirty: bool = False
) -> tuple[list[float], list[float], list[str]]:
    env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": str(site)}
    # With any -W option MkDocs leaves out its filter of repeated messages, which would hide
    # a rebuild that took as long as an earlier one ("Documentation built in 1.32 seconds").
    command = [
        sys.executable,
        "-W",
        "ignore::DeprecationWarning",
        "-m",
        "mkdocs",
        "serve",
        "-f",
        str(site / "mkdocs.yml"),
    ]
    command += ["-a", f"127.0.0.1:{free_port()}"] + (["--dirty"] if dirty else [])
    log = site / "serve.log"
    with open(log, "w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        wait_for(log, 1, 600)
        victim = sorted(notes.glob("*.md"))[len(list(notes.glob("*.md"))) // 2]
        for n in range(edits):
            time.sleep(1.5)
            with open(victim, "a") as note:
                note.write(EDITS[edit].format(n=n))
            wait_for(log, n + 2, 600)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    text = log.read_text()
    built = [float(x) for x in _BUILT.findall(text)]
    plugin = [float(x) for x in _PLUGIN.findall(text)]
    quiet = [line for line in text.splitlines() if _QUIET.search(line)]
    return built[1:], plugin[1:], quiet


def wait_for(log: Path, builds: int, timeout: float) -> None:
    started = time.monotonic()
    while len(_BUILT.findall(log.read_text())) < builds:
        if time.monotonic() - started > timeout:
            raise SystemExit(f"no build {builds} after {timeout} s:\n{log.read_text()[-2000:]}")
        time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path)
    parser.add_argument("--notes", type=int, default=77)
    parser.add_argument("--edits", type=int, default=3)
    parser.add_argument("--plain-runs", type=int, default=3)
    parser.add_argument("--edit", choices=sorted(EDITS), default="line", help="what each edit appends to one note")
    parser.add_argument("--dirty", action="store_true", help="serve with --dirty (MkDocs renders changed pages only)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="meetings-serve-"))
    notes = notes_folder(args.corpus, args.notes, work)
    plain, site = prepare(notes, work / "sites")
    plain_runs = [build(plain) for _ in range(args.plain_runs)]
    plain_times = [run["wall"] for run in plain_runs]
    plain_built = [run["built"] for run in plain_runs if "built" in run]
    rebuilds, plugin, quiet = serve_rebuilds(site, notes, args.edits, args.edit, args.dirty)
    plain_median = statistics.median(plain_times)
    rebuild_median = statistics.median(rebuilds)
    print(f"notes: {args.notes}" + (" (mkdocs serve --dirty)" if args.dirty else ""))
    print(f"plain mkdocs build of the notes as pages: {plain_median:.2f} s (median of {len(plain_times)})")
    if plain_built:
        print(f"  of it, MkDocs' own 'Documentation built in': {statistics.median(plain_built):.2f} s")
    print(f"serve rebuild after one note edit: {rebuild_median:.2f} s (median of {len(rebuilds)}: {rebuilds})")
    print(f"  the plugin's part of it: {statistics.median(plugin):.2f} s")
    print(f"ratio rebuild / plain: {rebuild_median / plain_median:.2f}")
    if plain_built:
        print(f"ratio rebuild / plain's own build time: {rebuild_median / statistics.median(plain_built):.2f}")
    print(f"summary lines printed instead of the other notes' findings: {len(quiet)}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
