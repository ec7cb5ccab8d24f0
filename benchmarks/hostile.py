"""Time and memory of hostile notes at two sizes, to show they stay linear.

    python benchmarks/hostile.py

- dashes: `meetings check` of a note whose heading is N dashes, beside a community.yml of
  300 labels that start with "-" (patterns built from settings);
- sections: `mkdocs build` of the demo site with one note of N agenda sections;
- memory, chat: peak RSS of `meetings check` on one note of N bytes of prose, or of pasted
  chat, per byte of note (notes are refused past 2.5 MiB).
Each figure is one run's wall time (the best of --runs) on this machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hostile import DASH_COMMUNITY, dash_note, many_sections_note  # noqa: E402


def _site(folder: Path) -> Path:
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", folder / "docs")
    (folder / "notes").mkdir()
    shutil.copy(ROOT / "notes" / "2020-12-01.md", folder / "notes")
    return folder


def _run(command: list[str], cwd: Path) -> tuple[float, int]:
    """(seconds, peak RSS in bytes of the child) of one run."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed")
    return seconds, usage.ru_maxrss * 1024


def measure(kind: str, size: int, runs: int) -> tuple[float, int]:
    best: tuple[float, int] | None = None
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            site = _site(Path(tmp))
            notes = site / "notes"
            if kind == "dashes":
                (site / "community.yml").write_text(DASH_COMMUNITY)
                (notes / "2019-07-03.md").write_text(dash_note(size))
                command = [sys.executable, "-m", "meetings.cli", "check", "-f", "mkdocs.yml"]
            elif kind == "sections":
                (notes / "2019-07-01.md").write_text(many_sections_note(size))
                command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site / "site")]
            elif kind == "chat":  # pasted chat: the most a build holds per byte of note
                (notes / "2019-07-04.md").write_text(many_sections_note(20, size // 46, "2019-07-04"))
                command = [sys.executable, "-m", "meetings.cli", "check", "-f", "mkdocs.yml"]
            else:
                line = "Discussion of the 4242 release and its containers.conf changes, with links. "
                (notes / "2019-07-05.md").write_text(
                    "# Podman Community Meeting\n## July 5, 2019\n\n"
                    + (line * 12 + "\n\n") * (size // (len(line) * 12))
                )
                command = [sys.executable, "-m", "meetings.cli", "check", "-f", "mkdocs.yml"]
            result = _run(command, site)
            best = result if best is None or result[0] < best[0] else best
    assert best is not None
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    base = {}
    for kind, sizes in (
        ("dashes", (4000, 8000, 80000)),
        ("sections", (5000, 10000, 20000)),
        ("memory", (1_000_000, 2_400_000)),
        ("chat", (1_000_000, 2_400_000)),
    ):
        for size in sizes:
            seconds, peak = measure(kind, size, args.runs)
            if kind in ("memory", "chat"):
                empty = base.setdefault("memory", measure("memory", 1000, 1)[1])
                print(
                    f"{kind:9} {size:>9,} bytes  {seconds:6.2f} s  peak {peak / 2**20:6.0f} MiB  "
                    f"{(peak - empty) / size:5.1f} bytes per byte of note"
                )
            else:
                print(f"{kind:9} {size:>9,}  {seconds:6.2f} s  peak {peak / 2**20:6.0f} MiB")


if __name__ == "__main__":
    main()
