import json
from pathlib import Path

from meetings.cli import main

from .conftest import SEED


def test_check_prints_line_numbered_findings(capsys) -> None:
    assert main(["check", str(SEED)]) == 0  # warnings only
    out = capsys.readouterr().out
    assert "2020-12-01.md:118: warning: next meeting" in out


def test_check_json(capsys) -> None:
    main(["check", str(SEED), "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert {"file", "line", "level", "message", "suggestion"} <= set(rows[0])


def test_check_fails_on_errors(tmp_path: Path, capsys) -> None:
    assert main(["check", str(tmp_path / "missing.md")]) == 1


def test_export(capsys) -> None:
    assert main(["export", str(SEED.parent)]) == 0
    assert json.loads(capsys.readouterr().out)["meetings"][0]["id"] == "2020-12-01"
