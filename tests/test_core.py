"""The core (parse, archive, render, export) must work where MkDocs is not installed."""

import subprocess
import sys

from .conftest import ROOT

PROGRAM = """
import sys
sys.modules["mkdocs"] = None  # any import of mkdocs now fails
from pathlib import Path
from meetings.site import Settings, load_site
from meetings import cli, export
settings, _ = Settings.from_config_file(Path(sys.argv[1]) / "mkdocs.yml")
print(len(load_site(settings).pages))
"""


def test_core_imports_without_mkdocs() -> None:
    result = subprocess.run([sys.executable, "-c", PROGRAM, str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 10
