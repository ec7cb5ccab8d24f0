"""Where a build's time goes, by kind of page: one in-process `mkdocs build` with timers
around MkDocs' Markdown conversion, its page rendering and the theme's search plugin.

    python benchmarks/where.py SITE_DIR/mkdocs.yml

Pages are grouped by the first part of their URL (meetings/, people/, topics/, ...).
Run by hand; the timers wrap MkDocs internals of version 1.6 and add a little overhead.
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.structure import pages

seconds: dict[str, Counter[str]] = defaultdict(Counter)


def _kind(page: pages.Page) -> str:
    return page.url.split("/")[0] or "(home)"


def _timed(owner: Any, name: str, label: str, page_of: Callable[..., pages.Page]) -> None:
    original = getattr(owner, name)

    def timed(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        result = original(*args, **kwargs)
        seconds[_kind(page_of(args, kwargs))][label] += time.perf_counter() - started
        return result

    setattr(owner, name, timed)


def main() -> int:
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    _timed(pages.Page, "render", "markdown", lambda a, k: a[0])
    _timed(mkdocs_build, "_build_page", "page", lambda a, k: a[0])
    try:
        from material.plugins.search.plugin import SearchPlugin

        _timed(SearchPlugin, "on_page_context", "search", lambda a, k: k["page"])
    except ImportError:
        pass
    config = load_config(sys.argv[1])
    config["site_dir"] = tempfile.mkdtemp(prefix="meetings-where-")
    started = time.perf_counter()
    mkdocs_build.build(config)
    total = time.perf_counter() - started
    counts = _html_files(config["site_dir"])
    print(f"build {total:.2f} s (without Python start-up and config loading)")
    print("| pages | HTML files | Markdown s | theme, search and writing s | of it search s |")
    print("|---|--:|--:|--:|--:|")
    for kind, row in sorted(seconds.items(), key=lambda item: -sum(item[1].values())):
        name = kind if kind == "(home)" else kind + "/"
        print(f"| {name} | {counts.get(kind, 0)} | {row['markdown']:.2f} | {row['page']:.2f} | {row['search']:.2f} |")
    return 0


def _html_files(site_dir: str) -> Counter[str]:
    """HTML pages by the first part of their URL, as `_kind` names them."""
    root = Path(site_dir)
    parts = (p.relative_to(root).parts for p in root.rglob("index.html"))
    return Counter(found[0] if len(found) > 1 else "(home)" for found in parts)


if __name__ == "__main__":
    sys.exit(main())
