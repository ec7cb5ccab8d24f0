"""The core (parse, archive, render, export) must work where MkDocs is not installed."""

import subprocess
import sys

from .conftest import ROOT

PROGRAM = """
import sys
sys.modules["mkdocs"] = None  # any import of mkdocs now fails
from pathlib import Path
from meetings.notes import find_notes, load_meetings
from meetings.archive import build_archive
from meetings.identity import Identities
from meetings.render import render_site
from meetings.render.pages import SiteOptions
from meetings import cli, export
notes, _ = find_notes(Path(sys.argv[1]), "notes")
pages = render_site(build_archive(load_meetings(notes, "containers/podman"), Identities([])), SiteOptions())
print(len(pages))
"""


def test_core_imports_without_mkdocs() -> None:
    result = subprocess.run([sys.executable, "-c", PROGRAM, str(ROOT / "notes")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 10
