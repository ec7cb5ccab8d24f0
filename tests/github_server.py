"""A local server that speaks the part of GitHub's REST API `meetings refs update` uses,
with the answers that make a run hard: ETags and 304, an exhausted rate limit, a
transferred issue (301), deleted and missing ones, a server error, a body cut short, a
huge title and script in one. It counts the requests it gets, and the conditional ones."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

REPO = "containers/podman"


def issue(
    number: int, title: str, state: str = "open", pull: bool = False, repo: str = REPO, **more: Any
) -> dict[str, Any]:
    data: dict[str, Any] = {
        "number": number,
        "title": title,
        "state": state,
        "labels": [{"name": "kind/bug"}],
        "created_at": "2020-11-30T10:00:00Z",
        "closed_at": "2021-02-10T12:00:00Z" if state == "closed" else None,
        "html_url": f"https://github.com/{repo}/{'pull' if pull else 'issues'}/{number}",
    }
    if pull:
        data["pull_request"] = {"url": f"/repos/{repo}/pulls/{number}"}
    return {**data, **more}


# Words of the titles the server makes up for any issue of any repository (`every`): none of
# them is in the notes, so a search for one finds the issue page by its title alone.
TITLE_WORDS = "marmalade quokka zeppelin tangerine basilisk".split()


def made_up(repo: str, number: int) -> dict[str, Any]:
    """The issue the server answers for `repo#number` when it answers for every one."""
    word = TITLE_WORDS[number % len(TITLE_WORDS)]
    state = "closed" if number % 2 else "open"
    return issue(number, f"{word.capitalize()} support in {repo.split('/')[1]} #{number}", state, repo=repo)


class GitHub:
    """The server's state: what each path answers, and what it was asked. With `every`, any
    issue of any repository exists, titled by `made_up`."""

    def __init__(self, every: bool = False) -> None:
        self.every = every
        self.issues: dict[int, dict[str, Any]] = {
            8483: issue(8483, "Network aliases for containers on a network", "closed"),
            9012: issue(9012, "Add network alias support", "closed", pull=True),
            100: issue(100, "<script>alert(1)</script> \u202eevil\u200b title"),
            101: issue(101, "x" * (10 * 1024 * 1024)),
        }
        self.requests: Counter[str] = Counter()
        self.conditional = 0
        self.conditional_paths: Counter[str] = Counter()
        self.limited_once: set[str] = set()
        self.failed_once: set[str] = set()
        self.limit_next = 0  # answer this many requests with an exhausted rate limit
        self.limit_after: int | None = None  # answer this many, then only with the limit
        self.secondary_once: set[str] = set()
        self.tokens: Counter[str] = Counter()  # the Authorization headers it was sent

    def answer(self, path: str, etag: str | None) -> tuple[int, dict[str, str], bytes]:
        self.requests[path] += 1
        if etag:
            self.conditional += 1
            self.conditional_paths[path] += 1
        if self.limit_after is not None:
            if self.limit_after <= 0:
                self.limit_next = max(self.limit_next, 1)
            self.limit_after -= 1
        if self.limit_next > 0:
            self.limit_next -= 1
            reset = str(int(time.time()) + 3600)
            return 403, {"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}, b'{"message": "rate limit"}'
        parts = path.split("?")[0].strip("/").split("/")
        every = self.every and len(parts) == 5 and parts[0] == "repos" and parts[3] in ("issues", "discussions")
        if every and parts[4].isdigit():
            repo, number = f"{parts[1]}/{parts[2]}", int(parts[4])
            return self._tagged(made_up(repo, number), f'"{repo}#{number}"', etag)
        if len(parts) < 5 or parts[:3] != ["repos", *REPO.split("/")]:
            if parts[:3] == ["repos", "containers", "moved"] and parts[3:4] == ["issues"]:
                moved = f"https://github.com/containers/moved/issues/{parts[4]}"
                return self._tagged(issue(int(parts[4]), "Moved here", html_url=moved), '"moved"', etag)
            return self._missing(404, '"elsewhere"', etag)
        number = int(parts[4]) if parts[4].isdigit() else 0
        if parts[3] == "pulls":
            return self._json({"number": number, "merged_at": "2021-02-09T09:00:00Z"})
        if len(parts) == 6 and parts[5] == "events":
            commit = "0123456789abcdef0123456789abcdef01234567"
            return self._json([{"event": "referenced"}, {"event": "closed", "commit_id": commit, "commit_url": ""}])
        if number == 7:
            return 301, {"Location": "/repos/containers/moved/issues/77"}, b""
        if number == 404:
            return self._missing(404, '"n404"', etag)
        if number == 410:
            return self._missing(410, '"n410"', etag)
        if number == 500 and path not in self.failed_once:
            self.failed_once.add(path)
            return 500, {}, b"oops"
        if number == 500:
            return self._tagged(issue(500, "Fixed after a server error"), '"v500"', etag)
        if number == 403 and path not in self.secondary_once:  # the secondary limit, said only in words
            self.secondary_once.add(path)
            return 403, {}, b'{"message": "You have exceeded a secondary rate limit. Please wait a few minutes."}'
        if number == 403:
            return self._tagged(issue(403, "Fetched after the secondary limit"), '"v403"', etag)
        if number == 429 and path not in self.limited_once:
            self.limited_once.add(path)
            return 429, {"Retry-After": "1"}, b'{"message": "secondary rate limit"}'
        if number == 429:
            return self._tagged(issue(429, "Fetched after a short wait"), '"v429"', etag)
        if number == 222:
            return 200, {"ETag": '"cut"'}, b'{"number": 222, "title": "cut sho'
        found = self.issues.get(number)
        if found is None:
            return self._missing(404, f'"n{number}"', etag)
        return self._tagged(found, f'"v{number}-{len(found["title"])}"', etag)

    def _tagged(self, data: Any, tag: str, etag: str | None) -> tuple[int, dict[str, str], bytes]:
        """As GitHub answers: 304 to a request that holds the answer's tag."""
        return (304, {"ETag": tag}, b"") if etag == tag else self._json(data, tag)

    @staticmethod
    def _missing(status: int, tag: str, etag: str | None) -> tuple[int, dict[str, str], bytes]:
        if etag == tag:
            return 304, {"ETag": tag}, b""
        return status, {"ETag": tag}, b'{"message": "Not Found"}' if status == 404 else b'{"message": "Deleted"}'

    @staticmethod
    def _json(data: Any, etag: str | None = None) -> tuple[int, dict[str, str], bytes]:
        headers = {"Content-Type": "application/json", "X-RateLimit-Remaining": "50"}
        if etag:
            headers["ETag"] = etag
        return 200, headers, json.dumps(data).encode()


def start(github: GitHub) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            github.tokens[self.headers.get("Authorization") or ""] += 1
            status, headers, body = github.answer(self.path, self.headers.get("If-None-Match"))
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"
