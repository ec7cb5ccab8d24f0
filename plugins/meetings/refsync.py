"""`meetings refs update`: fetch what became of every referenced issue from GitHub's REST API.

For each reference the archive holds (issues, pull requests and discussions, every
repository): the issue (GitHub serves pull requests there too), then for a pull request
whether it was merged, and for a closed issue the commit or pull request that closed it
(its events). Every request after the first run is conditional (`If-None-Match` with the
entry's ETag): an unchanged issue answers 304, which GitHub does not count against the rate
limit. A token is read from GITHUB_TOKEN; without one the unauthenticated rate applies.

Nothing stops the run but the rate limit: a moved (301), private (403), missing (404) or
deleted (410) issue is recorded as such; a server error is tried again twice; a body that
is cut short or too large is reported and the entry kept as it was. When the limit is
reached the run waits if the reset is near (`--wait`, seconds), or saves what it has and
stops; run it again to go on. The file is written whatever happens.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, TextIO

from .archive import Archive
from .refs import RefInfo, dump_refs, load_refs, read_entry, today

API_URL = "https://api.github.com"
MAX_BODY = 2 * 1024 * 1024  # one issue's JSON is a few KB; more is refused, not read
RETRIES = 2
TIMEOUT = 20


class Unusable(ValueError):
    """An answer that cannot be read: `problem` is one of refs.PROBLEMS; `etag` its tag."""

    def __init__(self, message: str, problem: str, etag: str | None) -> None:
        super().__init__(message)
        self.problem, self.etag = problem, etag


class RateLimited(Exception):
    def __init__(self, reset: float) -> None:
        super().__init__(reset)
        self.reset = reset


@dataclass
class Answer:
    status: int
    data: Any
    etag: str | None
    url: str


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by hand, so a transferred issue is recorded as moved."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


class Client:
    def __init__(self, api_url: str, token: str | None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.api_url = api_url.rstrip("/")
        self.token = token
        self.sleep = sleep
        self.requests = 0
        self._opener = urllib.request.build_opener(_NoRedirect)

    def get(self, path: str, etag: str | None = None, hops: int = 3) -> Answer:
        url = path if path.startswith(("http://", "https://")) else self.api_url + path
        for attempt in range(RETRIES + 1):
            request = urllib.request.Request(url, headers=self._headers(etag))
            self.requests += 1
            try:
                with self._opener.open(request, timeout=TIMEOUT) as response:
                    body = response.read(MAX_BODY + 1)
                    return self._answer(response.status, response.headers, body, url)
            except Unusable as error:
                if error.problem == "incomplete" and attempt < RETRIES:  # cut short on the way: again
                    self.sleep(min(2**attempt, 5))
                    continue
                raise
            except urllib.error.HTTPError as error:
                headers, status = error.headers, error.code
                if status in (301, 302, 307, 308) and headers.get("Location") and hops > 0:
                    moved = self.get(urllib.parse.urljoin(url, headers["Location"]), None, hops - 1)
                    return Answer(301, moved.data, moved.etag, moved.url)
                if status == 304:
                    return Answer(304, None, etag, url)
                if status in (403, 429) and _limited(status, headers, error):
                    raise RateLimited(_reset(headers)) from None
                if status >= 500 and attempt < RETRIES:
                    self.sleep(min(2**attempt, 5))
                    continue
                return Answer(status, None, headers.get("ETag"), url)  # a 404 or 410 may be asked again by its tag
        return Answer(599, None, None, url)

    def _headers(self, etag: str | None) -> dict[str, str]:
        headers = {
            "Accept": "application/vnd.github+json",
            "X-GitHub-Api-Version": "2022-11-28",
            "User-Agent": "mkdocs-meetings refs update",
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if etag:
            headers["If-None-Match"] = etag
        return headers

    def _answer(self, status: int, headers: Any, body: bytes, url: str) -> Answer:
        if len(body) > MAX_BODY:
            raise Unusable(f"the answer is larger than {MAX_BODY // 2**20} MiB", "too large", headers.get("ETag"))
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise Unusable(f"the answer is not complete JSON ({error})", "incomplete", headers.get("ETag")) from None
        return Answer(status, data, headers.get("ETag"), url)


def _limited(status: int, headers: Any, error: urllib.error.HTTPError) -> bool:
    """A 403 or 429 that is GitHub's rate limit, primary (no requests left) or secondary (a
    Retry-After, or only its message: "You have exceeded a secondary rate limit"), not a
    refusal to show a private repository's issue."""
    if status == 429 or headers.get("X-RateLimit-Remaining") == "0" or headers.get("Retry-After"):
        return True
    try:
        said = error.read(4096)
    except OSError:
        return False
    return b"rate limit" in said.lower()


def _reset(headers: Any) -> float:
    after = headers.get("Retry-After")
    if after and after.strip().isdigit():
        return time.time() + int(after)
    reset = headers.get("X-RateLimit-Reset")
    return float(reset) if reset and reset.strip().isdigit() else time.time() + 60


def _ref_of(url: str) -> str | None:
    """ "owner/repo#N" of an API or web address of an issue or pull request."""
    parts = urllib.parse.urlsplit(url).path.strip("/").split("/")
    for index in range(len(parts) - 3):
        if parts[index + 2] in ("issues", "pulls", "pull") and parts[index + 3].isdigit():
            return f"{parts[index]}/{parts[index + 1]}#{parts[index + 3]}".lower()
    return None


def fetch_one(client: Client, ident: str, kind: str, old: RefInfo | None) -> RefInfo:
    repo, _, number = ident.partition("#")
    moved = old.moved_to if old and old.status == 301 and old.moved_to else None
    if moved:  # a transfer is for good: ask where the issue is now, by the tag of its answer there
        repo, _, number = moved.partition("#")
    base = f"/repos/{repo}/{'discussions' if kind == 'discussion' else 'issues'}/{number}"
    answer = client.get(base, old.etag if old else None)  # every entry's tag: a second run costs 304s
    if answer.status == 304 and old is not None and old.problem == "incomplete":
        answer = client.get(base)  # unchanged, but never read whole: once more, in full
    if answer.status == 304 and old is not None:
        return replace(old, fetched=today())
    if moved and answer.status == 200:
        answer = Answer(301, answer.data, answer.etag, answer.url)
    if answer.status not in (200, 301) or not isinstance(answer.data, dict):
        return RefInfo(status=answer.status, kind=kind, fetched=today(), etag=answer.etag)
    data = answer.data
    entry: dict[str, Any] = {
        "status": 200,
        "kind": "pull" if data.get("pull_request") else kind if kind == "discussion" else "issue",
        "state": data.get("state") if data.get("state") in ("open", "closed") else "",
        "title": data.get("title") or "",
        "labels": [label.get("name") for label in data.get("labels") or [] if isinstance(label, dict)],
        "created": data.get("created_at"),
        "closed": data.get("closed_at"),
        "etag": answer.etag,
        "fetched": today(),
    }
    if answer.status == 301:
        entry["status"], entry["moved_to"] = 301, _ref_of(str(data.get("html_url") or answer.url))
    if entry["kind"] == "pull" and entry["state"] == "closed":
        pull = client.get(f"/repos/{repo}/pulls/{number}")
        if pull.status == 200 and isinstance(pull.data, dict) and pull.data.get("merged_at"):
            entry["state"], entry["closed"] = "merged", pull.data["merged_at"]
    elif entry["kind"] == "issue" and entry["state"] == "closed":
        entry["closed_by"] = _closed_by(client, repo, number)
    info = read_entry(entry)
    return info if info is not None else RefInfo(status=answer.status, kind=kind, fetched=today())


def _closed_by(client: Client, repo: str, number: str) -> str | None:
    """The commit (or pull request) of the last "closed" event, where the events say."""
    events = client.get(f"/repos/{repo}/issues/{number}/events?per_page=100")
    if events.status != 200 or not isinstance(events.data, list):
        return None
    for event in reversed(events.data):
        if isinstance(event, dict) and event.get("event") == "closed":
            commit = event.get("commit_id")
            if isinstance(commit, str) and commit:
                found = _ref_of(str(event.get("commit_url") or ""))
                return found or f"commit {commit[:10]}"
            return None
    return None


def _progress(out: TextIO, done: int, total: int) -> None:
    if out.isatty():
        width = 30
        filled = width * done // max(total, 1)
        out.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done == total:
            out.write("\n")
        out.flush()
    elif done % 100 == 0 or done == total:
        print(f"{done} of {total} references", file=out)


def update_refs(
    archive: Archive,
    path: Path,
    api_url: str = API_URL,
    token: str | None = None,
    stale_days: int | None = None,
    only: set[str] | None = None,
    wait: float = 60,
    out: TextIO = sys.stderr,
    sleep: Callable[[float], None] = time.sleep,
) -> tuple[int, Client]:
    """Fetch and write the data file; the exit status (0, or 1 when stopped by the rate
    limit or when some answers were unusable) and the client (its request count)."""
    refs, problems = load_refs(path, path.name)
    for problem in problems:
        print(problem, file=out)
    entries = dict(refs.entries)
    wanted = {i.id: i.kind for i in archive.issues.values() if i.kind in ("issue", "pull", "discussion")}
    if only:
        wanted = {ident: kind for ident, kind in wanted.items() if ident in only}
    if stale_days is not None:
        cutoff = (dt.date.fromisoformat(today()) - dt.timedelta(days=stale_days)).isoformat()
        wanted = {i: k for i, k in wanted.items() if i not in entries or (entries[i].fetched or "") < cutoff}
    client = Client(api_url, token, sleep)
    status, done = 0, 0
    try:
        for ident, kind in sorted(wanted.items()):
            while True:
                try:
                    entries[ident] = fetch_one(client, ident, kind, entries.get(ident))
                    break
                except RateLimited as limited:
                    pause = max(0.0, limited.reset - time.time())
                    if pause > wait:
                        when = dt.datetime.fromtimestamp(limited.reset, dt.UTC).strftime("%H:%M UTC")
                        print(
                            f"the rate limit is reached; {done} of {len(wanted)} references fetched; "
                            f"run again after {when} to go on",
                            file=out,
                        )
                        return 1, client
                    sleep(pause + 1)
                except Unusable as error:
                    old = entries.get(ident)
                    if old is None or old.problem:  # nothing better to keep: its tag, for the next run
                        entries[ident] = RefInfo(kind=kind, fetched=today(), etag=error.etag, problem=error.problem)
                    kept = "the entry is kept as it was" if old and not old.problem else "only its tag is kept"
                    print(f"{ident}: {error}; {kept}", file=out)
                    status = 1
                    break
                except (ValueError, OSError) as error:
                    print(f"{ident}: {error}; the entry is kept as it was", file=out)
                    status = 1
                    break
            done += 1
            _progress(out, done, len(wanted))
    finally:
        _write(path, entries)
    return status, client


def _write(path: Path, entries: dict[str, RefInfo]) -> None:
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(dump_refs(entries), encoding="utf-8")
    os.replace(temporary, path)
