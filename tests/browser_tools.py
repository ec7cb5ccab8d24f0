"""Serving a built site on 127.0.0.1 and launching Debian's Chromium, for the browser
tests and benchmarks/search.py alike."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path

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


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """A static server for `directory` on a free port, and its URL."""
    handler = functools.partial(Quiet, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"
