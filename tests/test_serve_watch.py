"""`mkdocs serve` watches only what the build reads: a folder in notes/ that links to a large
tree is refused by the build and never walked by the watcher, so memory stays flat."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import make_site

LARGE_TREE = Path("/usr")  # about 140,000 files on a Debian machine
LIMIT = 300 * 1024 * 1024


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _resident(pid: int) -> int:
    """Resident memory of a process, in bytes (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads memory from /proc")
def test_a_linked_folder_in_the_notes_is_not_walked_by_serve(tmp_path: Path) -> None:
    root = make_site(tmp_path)
    config = root / "mkdocs.yml"  # served at the root, not under the shipped site_url's path
    config.write_text(re.sub(r"(?m)^site_url:.*\n", "", config.read_text(encoding="utf-8")), encoding="utf-8")
    (root / "notes" / "2024-05-07").symlink_to(LARGE_TREE)
    (root / "notes" / "2024-05-07.md").write_text("# Podman Community Meeting\n\nA note with a linked folder.\n")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak, answered = 0, 0
    try:
        started = time.monotonic()
        while time.monotonic() - started < 60:
            assert server.poll() is None, server.stderr.read() if server.stderr else "the server stopped"
            peak = max(peak, _resident(server.pid))
            assert peak < LIMIT, f"{peak / 2**20:.0f} MB"
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/meetings/2024-05-07/", timeout=5) as response:
                    answered += response.status == 200
            except OSError:
                pass  # not up yet
            time.sleep(2)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert answered >= 10, "the server did not answer"
