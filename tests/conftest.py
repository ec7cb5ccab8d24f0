from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEED = ROOT / "notes" / "2020-12-01.md"
CORPUS = ROOT.parent / "shared" / "corpus" / "podman"

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the real notes corpus is not here ({CORPUS}); it sits beside a working checkout"
)


def make_site(
    tmp: Path,
    notes: dict[str, str | bytes] | None = None,
    people: str | None = None,
    extra: str = "",
    copy_seed: bool = True,
) -> Path:
    """A site folder like the project's own: mkdocs.yml, docs/, notes/, people.yml."""
    shutil.copy(ROOT / "mkdocs.yml", tmp / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp / "docs")
    (tmp / "notes").mkdir()
    if copy_seed:
        shutil.copy(SEED, tmp / "notes" / SEED.name)
    for name, content in (notes or {}).items():
        path = tmp / "notes" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    (tmp / "people.yml").write_text(people if people is not None else (ROOT / "people.yml").read_text())
    if extra:
        with open(tmp / "mkdocs.yml", "a") as config:
            config.write(extra)
    return tmp


def build(site: Path, strict: bool = True) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(site / "mkdocs.yml"), "-d", str(site / "site")]
    if strict:
        command.append("--strict")
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=600,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "HOME": str(site), "SOURCE_DATE_EPOCH": "1700000000"},
    )
