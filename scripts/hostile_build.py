"""Build the archive with one note or file of every hostile class beside it, twice: with
crafted lines of N characters and of 4N. Prints each build's time and exit codes, and
checks that nothing from outside the notes folder was published.

    python scripts/hostile_build.py [--corpus ../shared/corpus/podman] [--length 10000]

Linear time means the 4N build costs about as much more as the extra bytes do, not 16x
(quadratic) or 64x (cubic) the crafted lines' share.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CORPUS, build, make_site  # noqa: E402
from tests.hostile import write_hostile_archive  # noqa: E402
from tests.test_boundary import SECRET, _outside, _published  # noqa: E402


def run(corpus: Path, length: int) -> tuple[float, int, int, int]:
    work = Path(tempfile.mkdtemp(prefix="meetings-hostile-"))
    secret = _outside(work)
    (work / "root").mkdir()
    root = make_site(work / "root")
    write_hostile_archive(root, corpus, secret, line_length=length)
    started = time.perf_counter()
    lenient = build(root, strict=False)
    seconds = time.perf_counter() - started
    leaked = len(_published(root / "site"))
    strict = build(root, strict=True)
    return seconds, lenient.returncode, strict.returncode, leaked


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--length", type=int, default=10_000)
    args = parser.parse_args()
    for length in (args.length, 4 * args.length):
        seconds, lenient, strict, leaked = run(args.corpus, length)
        print(
            f"crafted lines of {length:,} characters: build {seconds:.1f} s, exit {lenient} without --strict, "
            f"{strict} with it; files holding {SECRET!r} published: {leaked}"
        )


if __name__ == "__main__":
    main()
