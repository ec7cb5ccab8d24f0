"""Serving a built site on 127.0.0.1 and launching Debian's Chromium, for the browser
tests and benchmarks/search.py alike."""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base's name)
        """No access log in the output."""


def published_path(site: Path) -> str:
    """The path the site is published under (site_url's, as its home page's canonical link
    says): the theme's 404 page links from there."""
    home = site / "index.html"
    found = (
        re.search(r'<link rel="canonical" href="([^"]*)"', home.read_text(encoding="utf-8")) if home.is_file() else None
    )
    return urlsplit(found.group(1)).path or "/" if found else "/"


class _Mounted(Quiet):
    """Serves the site under the path it is published at; anything else is not found."""

    mount = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.mount):
            return str(Path(self.directory) / "\0missing")
        return super().translate_path("/" + path[len(self.mount) :])


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A static server for `directory` on a free port, at the path the site is published
    under, and its URL."""
    mount = published_path(directory)
    handler = functools.partial(type("Mounted", (_Mounted,), {"mount": mount}), directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{mount}"
