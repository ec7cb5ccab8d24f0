"""One options schema: a bad value in mkdocs.yml gets the same one-line message from
`mkdocs build` and from every CLI command, and never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from meetings.options import OPTIONS, OptionError, read_options

from .conftest import build, make_site

BAD = {
    "default_repo": ("not a repo/../x y", "expected a GitHub repository as 'owner/name'"),
    "time_zone": ("Mars/Olympus", "'Mars/Olympus' is not a time zone"),
    "max_refs_per_note": ("0", "expected a whole number of at least 1"),
    "repo_aliases": ("{'a b': c}", "expected a GitHub repository"),
}
COMMANDS = (["check"], ["export"], ["generate", "out"], ["new", "--date", "2030-01-07"], ["people"])


def _with(root: Path, name: str, value: str) -> None:
    config = root / "mkdocs.yml"
    text = config.read_text()
    config.write_text(text.replace("      strict_notes: false", f"      strict_notes: false\n      {name}: {value}", 1))


@pytest.mark.parametrize("name", sorted(BAD))
def test_a_bad_option_gets_one_message_from_every_command(tmp_path: Path, name: str) -> None:
    root = make_site(tmp_path)
    if name in ("default_repo", "time_zone"):  # both at once, as a contributor might write them
        _with(root, "default_repo", repr(BAD["default_repo"][0]))
        _with(root, "time_zone", BAD["time_zone"][0])
    else:
        _with(root, name, BAD[name][0])
    built = build(root, strict=False)
    assert built.returncode != 0 and "Traceback" not in built.stderr
    said = [line for line in built.stderr.splitlines() if BAD[name][1] in line or "option '" in line]
    assert said, built.stderr
    message = said[0].split("option ", 1)[1]  # from the option's name on
    for command in COMMANDS:
        result = subprocess.run(
            [sys.executable, "-m", "meetings.cli", *command, "-f", str(root / "mkdocs.yml")],
            capture_output=True,
            text=True,
            cwd=root,
            timeout=120,
        )
        assert result.returncode == 2, (command, result.stderr)
        assert "Traceback" not in result.stderr, (command, result.stderr)
        lines = [line for line in result.stderr.splitlines() if "option '" in line]
        assert len(lines) == 1 and lines[0].endswith(message), (command, lines, message)
    assert not (root / "out").exists()


def test_every_option_has_a_default_that_passes_its_own_check() -> None:
    values, unknown = read_options({})
    assert unknown == [] and set(values) == set(OPTIONS)
    with pytest.raises(OptionError, match="meetings option 'notes_dir': is empty"):
        read_options({"notes_dir": " "})
    assert read_options({"cache": 1})[1] == ["cache"]
