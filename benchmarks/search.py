"""Time from typing a query to the first search result, in headless Chromium.

    python benchmarks/search.py SITE_DIR [--queries quadlet "podman machine" 8483] [--runs 3]

Serves the built site on 127.0.0.1, opens the home page in a fresh browser context (no
cache), waits for it to load, then types each query as a person would and measures the
time until the first result is shown. Also reports the search index size.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser_tools import CHROMIUM_ARGS, serve  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--queries", nargs="*", default=["quadlet", "podman machine", "Lovelace"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pagefind", action="store_true", help="use the find/ page of search_engine: pagefind")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server, url = serve(args.site)
    if args.pagefind:
        files = [p for p in (args.site / "pagefind").rglob("*") if p.is_file()]
        print(f"Pagefind bundle: {sum(p.stat().st_size for p in files) / 2**20:.1f} MiB in {len(files)} files")
        url, box, result = url + "find/", ".pagefind-ui__search-input", ".pagefind-ui__result"
    else:
        index = args.site / "search" / "search_index.json"
        print(f"search index: {index.stat().st_size / 2**20:.1f} MiB")
        box, result = "input.md-search__input", ".md-search-result__item"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for query in args.queries:
            timings = []
            for _ in range(args.runs):
                context = browser.new_context()
                page = context.new_page()
                page.goto(url, wait_until="load")
                page.locator(box).click()
                started = time.perf_counter()
                page.keyboard.type(query)
                page.locator(result).first.wait_for(timeout=300_000)
                timings.append(time.perf_counter() - started)
                context.close()
            print(f"{query!r}: first result after {statistics.median(timings):.2f} s (median of {args.runs})")
        browser.close()
    server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
