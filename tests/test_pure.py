"""The core is a function of its inputs: one cache passed in, no module state.

Site A, then site B, then A again in one process with one cache give, byte for byte, what a
fresh process gives for each; and no module of the package holds anything a build changed."""

from __future__ import annotations

import hashlib
import importlib
import pkgutil
import subprocess
import sys
import types
from pathlib import Path

import meetings
from meetings.cache import BuildCache
from meetings.site import Settings, load_site

from .conftest import FIXTURES, SEED, make_site

# A fresh process: every page's source, blocks and HTML (feeds, calendars and the export are
# pages too), as one digest per page.
PROGRAM = """
import hashlib, json, sys
from pathlib import Path
from meetings.site import Settings, load_site
site = load_site(Settings.from_config_file(Path(sys.argv[1]) / "mkdocs.yml")[0])
print(json.dumps({p.src: hashlib.blake2b(repr((p.content, sorted(p.blocks.items()),
    site.article(p).html if p.src.endswith(".md") else "")).encode("utf-8", "surrogatepass")).hexdigest()
    for p in site.pages}))
"""


def _digests(root: Path, cache: BuildCache) -> dict[str, str]:
    site = load_site(Settings.from_config_file(root / "mkdocs.yml")[0], cache)
    return {
        p.src: hashlib.blake2b(
            repr((p.content, sorted(p.blocks.items()), site.article(p).html if p.src.endswith(".md") else "")).encode(
                "utf-8", "surrogatepass"
            )
        ).hexdigest()
        for p in site.pages
    }


def _fresh(root: Path) -> dict[str, str]:
    import json

    result = subprocess.run([sys.executable, "-c", PROGRAM, str(root)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stdout)


def test_a_then_b_then_a_in_one_process_equal_fresh_processes(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a = make_site(tmp_path / "a", {f.name: f.read_text(encoding="utf-8") for f in FIXTURES.glob("*.md")})
    b = make_site(
        tmp_path / "b", {"2021-01-05.md": SEED.read_text(encoding="utf-8").replace("December 1", "January 5")}
    )
    cache = BuildCache()
    fresh_a, fresh_b = _fresh(a), _fresh(b)
    assert _digests(a, cache) == fresh_a
    assert _digests(b, cache) == fresh_b
    assert _digests(a, cache) == fresh_a
    assert _digests(a, BuildCache()) == fresh_a


def _state(module: types.ModuleType) -> dict[str, str]:
    """What each module-level value holds: containers and plain objects by their contents."""
    found = {}
    for name, value in vars(module).items():
        if name.startswith("__") or isinstance(value, types.ModuleType | type | types.FunctionType):
            continue
        if callable(value) and hasattr(value, "cache_info"):
            continue  # functools.lru_cache of a pure function of strings: allowed, and says so
        if isinstance(value, dict | list | set) or hasattr(value, "__dict__"):
            try:
                shown = repr(sorted(map(repr, value.items())) if isinstance(value, dict) else value)
                shown += repr(getattr(value, "__dict__", {}))
            except Exception as error:  # noqa: BLE001 (a value whose repr fails is still state)
                shown = f"unprintable {type(error).__name__}"
            found[name] = shown
    return found


def test_no_module_keeps_anything_a_build_changed(tmp_path: Path) -> None:
    modules = [importlib.import_module(m.name) for m in pkgutil.walk_packages(meetings.__path__, "meetings.")]
    root = make_site(tmp_path, {f.name: f.read_text(encoding="utf-8") for f in FIXTURES.glob("*.md")})
    settings = Settings.from_config_file(root / "mkdocs.yml")[0]
    load_site(settings)  # the first use loads templates and the like
    before = {m.__name__: _state(m) for m in modules}
    cache = BuildCache()
    for _ in range(2):
        site = load_site(settings, cache)
        for page in site.pages:
            if page.src.endswith(".md"):
                site.article(page)
    after = {m.__name__: _state(m) for m in modules}
    changed = [
        f"{module}.{name}"
        for module, values in after.items()
        for name, value in values.items()
        if before[module].get(name) != value
    ]
    assert changed == []
