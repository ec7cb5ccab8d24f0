"""Where the site's own files live in the docs tree, for the plugin and `meetings generate`."""

from __future__ import annotations

from importlib import resources

HOME_MARKER = "<!-- meetings:home -->"
CSS = "assets/meetings/meetings.css"
JS = "assets/meetings/sortable.js"
# Our other scripts: old chat anchors and folded transcripts, list filters, next meetings
SCRIPTS = tuple(f"assets/meetings/{name}" for name in ("anchors.js", "filter.js", "next.js"))
FIND_JS = "assets/meetings/find.js"
FIND_PAGE = "find/index.md"
FIND_CONTENT = '---\ntitle: Search\nsearch:\n  exclude: true\n---\n\n# Search\n\n<div id="mt-find"></div>\n'
PAGEFIND_UI = "pagefind/pagefind-ui.js"
PAGEFIND_CSS = "pagefind/pagefind-ui.css"
# The generated pages that belong in the navigation; every other one is reached by links.
INDEXES = frozenset(
    {
        "meetings/index.md",
        "people/index.md",
        "topics/index.md",
        "issues/index.md",
        "timeline/index.md",
        "decisions/index.md",
    }
)


def theme_dir() -> str:
    """Our theme templates (the 404 page), which come before the theme's own."""
    return str(resources.files("meetings").joinpath("theme"))


def stylesheets(pagefind: bool) -> list[str]:
    return [CSS] + ([PAGEFIND_CSS] if pagefind else [])


def scripts(pagefind: bool) -> list[str]:
    return [JS, *SCRIPTS] + ([PAGEFIND_UI, FIND_JS] if pagefind else [])


def assets() -> dict[str, str]:
    """Our stylesheet and scripts by their path in the docs tree."""
    folder = resources.files("meetings").joinpath("assets")
    return {
        src: folder.joinpath(src.rsplit("/", 1)[-1]).read_text(encoding="utf-8") for src in (CSS, JS, FIND_JS, *SCRIPTS)
    }
