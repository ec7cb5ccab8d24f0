"""`meetings refs update` against a local server that speaks GitHub's REST API, and what the
site shows of the data file it writes. CI never reaches the real API."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from meetings.cli import main
from meetings.refs import load_refs
from meetings.refsync import update_refs
from meetings.site import Settings, load_site

from .conftest import build, make_site
from .github_server import GitHub, start

NUMBERS = (8483, 9012, 100, 101, 7, 404, 410, 500, 429, 403, 222)
NOTE = """# Podman Community Meeting
## March 2, 2021 11:00 a.m. Eastern (UTC-5)

### Attendees (2 total)
Tom Sweeney, Matt Heon

## Network aliases
### Matt Heon
#### (1:50 in the video)

We looked at {refs}.
"""


@pytest.fixture
def github() -> Iterator[tuple[GitHub, str]]:
    state = GitHub()
    server, url = start(state)
    yield state, url
    server.shutdown()


def _site(tmp_path: Path) -> Path:
    refs = ", ".join(f"#{n}" for n in NUMBERS)
    return make_site(tmp_path, {"2021-03-02.md": NOTE.format(refs=refs)})


def _update(root: Path, url: str, **given: object) -> tuple[int, int, str]:
    settings = Settings.from_config_file(root / "mkdocs.yml")[0]
    archive = load_site(settings, render=False).archive
    out = io.StringIO()
    status, client = update_refs(archive, root / "refs.json", url, sleep=lambda seconds: None, out=out, **given)  # type: ignore[arg-type]
    return status, client.requests, out.getvalue()


def test_every_answer_ends_in_the_right_entry_or_a_clear_message(tmp_path: Path, github: tuple[GitHub, str]) -> None:
    state, url = github
    root = _site(tmp_path)
    status, _, said = _update(root, url)
    refs, problems = load_refs(root / "refs.json", "refs.json")
    assert problems == []
    entries = refs.entries
    fixed = entries["containers/podman#8483"]
    assert (fixed.kind, fixed.state, fixed.title) == ("issue", "closed", "Network aliases for containers on a network")
    assert (fixed.created, fixed.closed, fixed.closed_by) == ("2020-11-30", "2021-02-10", "commit 0123456789")
    assert (entries["containers/podman#9012"].kind, entries["containers/podman#9012"].state) == ("pull", "merged")
    assert (
        entries["containers/podman#7"].status == 301
        and entries["containers/podman#7"].moved_to == "containers/moved#77"
    )
    assert entries["containers/podman#404"].shown_state == "not found"
    assert entries["containers/podman#410"].shown_state == "deleted"
    assert entries["containers/podman#500"].title == "Fixed after a server error"  # tried again
    assert entries["containers/podman#429"].title == "Fetched after a short wait"  # waited for Retry-After
    # a 403 that says it is the secondary rate limit is one (a minute's wait), not a private issue
    assert entries["containers/podman#403"].title == "Fetched after the secondary limit"
    hostile = entries["containers/podman#100"].title
    assert "\u202e" not in hostile and "\u200b" not in hostile and "<script>" in hostile  # text, escaped when shown
    # unusable answers: said, and kept only by their tags (no title), so that a rerun asks whether they changed
    assert "containers/podman#101: the answer is larger" in said and "not complete JSON" in said
    assert (entries["containers/podman#101"].problem, entries["containers/podman#101"].title) == ("too large", "")
    assert (entries["containers/podman#222"].problem, entries["containers/podman#222"].etag) == ("incomplete", '"cut"')
    assert state.requests["/repos/containers/podman/issues/222"] == 3  # cut short: asked again, twice
    assert status == 1  # two answers were unusable
    text = (root / "refs.json").read_text()
    assert list(json.loads(text)["refs"]) == sorted(json.loads(text)["refs"])  # sorted, one field a line
    assert '\n   "state": "closed",\n' in text


def test_a_second_run_makes_only_conditional_requests(tmp_path: Path, github: tuple[GitHub, str]) -> None:
    state, url = github
    root = _site(tmp_path)
    _update(root, url)
    state.requests.clear()
    state.conditional = 0
    _update(root, url, only={"containers/podman#8483", "containers/podman#100"})
    issue_requests = sum(count for path, count in state.requests.items() if path.count("/") == 5)
    assert issue_requests == 2 and state.conditional == 2
    # a whole second run: every reference (found, moved, missing, deleted, found after a retry,
    # and the unusable ones) is asked by its tag; nothing is asked without one
    state.requests.clear()
    state.conditional_paths.clear()
    _update(root, url)
    entries = json.loads((root / "refs.json").read_text())["refs"]
    asked = {path for path in state.requests if path.count("/") == 5}
    unconditional = {path for path in asked if not state.conditional_paths[path]}
    assert unconditional == set() and len(asked) == len(entries)
    # one request each, but the answer cut short every time, which is asked again in the run
    assert sum(state.requests.values()) == len(asked) + 2


def test_a_run_stopped_by_the_rate_limit_saves_and_a_rerun_resumes(tmp_path: Path, github: tuple[GitHub, str]) -> None:
    """The limit is reached midway: what was fetched is saved, the run says when to go on,
    and the rerun asks the saved ones by their tags (304) and fetches only the rest."""
    state, url = github
    root = _site(tmp_path)
    state.limit_after = 4  # four answers, then the limit is exhausted for an hour
    status, _, said = _update(root, url, wait=5)
    assert status == 1 and "rate limit is reached" in said and "run again after" in said
    kept = set(load_refs(root / "refs.json", "refs.json")[0].entries)
    assert 1 <= len(kept) < len(NUMBERS) - 2  # some saved, not all
    state.limit_after = None
    state.limit_next = 0
    state.requests.clear()
    state.conditional_paths.clear()
    status, _, _ = _update(root, url)
    entries = set(load_refs(root / "refs.json", "refs.json")[0].entries)
    assert kept < entries and "containers/podman#9012" in entries
    resumed = {f"/repos/containers/podman/issues/{ident.split('#')[1]}" for ident in kept}
    assert all(state.conditional_paths[path] for path in resumed if path in state.requests), "saved: asked by tag"


def test_a_403_that_is_no_rate_limit_is_recorded_and_the_run_goes_on(tmp_path: Path) -> None:
    """A private repository's issue answers 403 with no limit header and no word of a limit:
    the entry says so and the run does not stop."""
    state = GitHub()
    state.issues[8483] = {"message": "Must have admin rights to Repository."}
    server, url = start(state)
    try:
        root = make_site(tmp_path, {"2021-03-02.md": NOTE.format(refs="#8483, #9012")})
        original = state.answer

        def refuse(path: str, etag: str | None) -> tuple[int, dict[str, str], bytes]:
            if path.endswith("/issues/8483"):
                return 403, {}, b'{"message": "Resource not accessible by integration"}'
            return original(path, etag)

        state.answer = refuse  # type: ignore[method-assign]
        status, _, said = _update(root, url)
    finally:
        server.shutdown()
    entries = load_refs(root / "refs.json", "refs.json")[0].entries
    assert entries["containers/podman#8483"].status == 403 and "rate limit" not in said
    assert entries["containers/podman#9012"].state == "merged"


def test_the_command_sends_the_token_and_refreshes_only_stale_entries(
    tmp_path: Path, github: tuple[GitHub, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`meetings refs update` sends GITHUB_TOKEN as a bearer token; `--stale 7` asks only the
    entries fetched more than a week ago, `--only` only the one named."""
    state, url = github
    root = make_site(tmp_path, {"2021-03-02.md": NOTE.format(refs="#8483, #9012")})
    monkeypatch.chdir(root)
    monkeypatch.setenv("GITHUB_TOKEN", "t0ken")
    main(["refs", "update", "--api-url", url])
    assert set(state.tokens) == {"Bearer t0ken"}
    data = json.loads((root / "refs.json").read_text())
    data["refs"]["containers/podman#8483"]["fetched"] = "2000-01-01"
    (root / "refs.json").write_text(json.dumps(data))
    state.requests.clear()
    monkeypatch.delenv("GITHUB_TOKEN")
    main(["refs", "update", "--api-url", url, "--stale", "7"])
    asked = {path for path in state.requests if path.count("/") == 5}
    assert asked == {"/repos/containers/podman/issues/8483"}, asked
    assert state.tokens[""] >= 1  # without a token: none sent
    state.requests.clear()
    main(["refs", "update", "--api-url", url, "--only", "containers/podman#9012"])
    assert {path for path in state.requests if path.count("/") == 5} == {"/repos/containers/podman/issues/9012"}


def test_a_hostile_data_file_is_refused_and_the_site_built(tmp_path: Path) -> None:
    root = _site(tmp_path)
    for text in ("{" * 100_000, '{"version": 1, "refs": []}', '{"version": 1, "refs": {"a/b#1": {"status": "x"}}}'):
        (root / "refs.json").write_text(text)
        site = load_site(Settings.from_config_file(root / "mkdocs.yml")[0], render=False)
        assert [p for p in site.problems if p.file == "refs.json"], text[:40]
        assert site.archive.issues


def test_an_entry_the_build_cannot_read_is_named_with_its_line(tmp_path: Path) -> None:
    text = '{\n  "version": 1,\n  "refs": {\n    "a/b#1": {"status": "x"},\n    "nonsense": {}\n  }\n}\n'
    (tmp_path / "refs.json").write_text(text, encoding="utf-8")
    _, problems = load_refs(tmp_path / "refs.json", "refs.json")
    assert [(p.line, p.message) for p in problems] == [
        (4, "the entry 'a/b#1' is not understood"),
        (5, "the entry 'nonsense' is not understood"),
    ]


@pytest.mark.slow
def test_issue_pages_show_title_and_state_and_the_index_filters(tmp_path: Path, github: tuple[GitHub, str]) -> None:
    _, url = github
    root = _site(tmp_path)
    _update(root, url)
    result = build(root)
    assert result.returncode == 0, result.stderr[-2000:]
    page = (root / "site" / "issues" / "containers" / "podman" / "8483" / "index.html").read_text()
    assert "Network aliases for containers on a network" in page and "mt-state-closed" in page
    assert "closed 2021-02-10 by commit 0123456789" in page and "first 2020-12-01" in page
    hostile = (root / "site" / "issues" / "containers" / "podman" / "100" / "index.html").read_text()
    assert "<script>alert(1)" not in hostile and "&lt;script&gt;alert(1)" in hostile
    index = (root / "site" / "issues" / "index.html").read_text()
    assert 'data-filter="state"' in index and 'data-state="merged"' in index
    meeting = (root / "site" / "meetings" / "2021-03-02" / "index.html").read_text()
    assert re.search(r'>#9012</a> <span class="mt-state mt-state-merged">merged</span>', meeting), "a badge by the link"
    assert 'mt-state mt-state-deleted">deleted</span>' in meeting
    search = json.loads((root / "site" / "search" / "search_index.json").read_text())
    titles = [d["title"] for d in search["docs"] if d["location"].startswith("issues/containers/podman/8483/")]
    assert any("Network aliases" in t for t in titles)
    topics = [p.read_text() for p in (root / "site" / "topics").glob("*/index.html")]
    under = [t for t in topics if "Issues discussed under it" in t]
    closed = 'containers/podman#8483</a> <span class="mt-state mt-state-closed">closed</span> Network aliases for'
    assert under and all(closed in t for t in under), "a topic lists what became of its issues"
    feed = (root / "site" / "feeds" / "meetings.xml").read_text()
    assert (
        "Issues: containers/podman#8483 Network aliases for containers on a network (closed); containers/podman#9012"
        in feed
    )
    assert "&lt;script&gt;" in feed and "<script>" not in feed


def test_the_export_carries_each_outcome(tmp_path: Path, github: tuple[GitHub, str]) -> None:
    _, url = github
    root = _site(tmp_path)
    _update(root, url)
    exported = json.loads(load_site(Settings.from_config_file(root / "mkdocs.yml")[0]).export())
    assert exported["version"] == 2
    outcomes = {i["id"]: i["outcome"] for i in exported["issues"]}
    assert outcomes["containers/podman#9012"]["state"] == "merged"
    assert outcomes["containers/podman#410"]["state"] == "deleted"
