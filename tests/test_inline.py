"""The inline scanner: video marks, issue references, links, in the shapes the notes use."""

import pytest

from meetings.inline import scan, seconds_of


def kinds(line: str, markdown: bool = True) -> list[tuple[str, str]]:
    return [(p.kind, p.text) for p in scan(line, "containers/podman", markdown) if p.kind != "text"]


def marks(line: str) -> list[int | None]:
    return [p.seconds for p in scan(line, "containers/podman") if p.kind == "mark"]


@pytest.mark.parametrize(
    "line, seconds",
    [
        ("#### (1:50 in the video)", [110]),
        ("#### (22:34 in video)", [1354]),
        ("Matt started a demo **(4:59 in the video)**.", [299]),
        ("#### (51:20) in the video)", [3080]),
        ("#### (1:01:01 in the video)", [3661]),
        ("Demo - 4:35 in the video", [275]),
        ("### Podman System Monitor for Mac ( 1:30 in video)", [90]),
        ("#### ([2:50](https://www.youtube.com/watch?v=-8l3vGcT3fo&t=170s) in the video)", [170]),
        ("### x ([00:00](https://www.youtube.com/watch?v=v8HyyGA679c) in the video)", [0]),
        ("([25:08(https://www.youtube.com/watch?v=-8l3vGcT3fo&t=1508s) in the video)", [1508]),
        ("([04:02]i(https://www.youtube.com/watch?v=_AY54vbStgY&t=242s) in the video", [242]),
        ("(0:354 in the video)", [None]),
        ("#### Open discussion (: in the video) - 45", []),
        ("Demo started (29:43)", []),
    ],
)
def test_video_marks(line: str, seconds: list[int | None]) -> None:
    assert marks(line) == seconds


def test_linked_mark_keeps_label_and_reports_link_time() -> None:
    [mark] = [
        p
        for p in scan("([17:30](https://www.youtube.com/watch?v=d0XEeePqzag&t=450s) in the video)", "x/y")
        if p.kind == "mark"
    ]
    assert (mark.seconds, mark.link_seconds) == (1050, 450)


def test_seconds_of() -> None:
    assert seconds_of("1:50") == 110
    assert seconds_of("00:00") == 0
    assert seconds_of("0:354") is None


def test_issue_references() -> None:
    pieces = [
        p
        for p in scan(
            "issue [#8483](https://github.com/containers/podman/issues/8483), #21113 "
            "and https://github.com/containers/buildah/pull/3051#issuecomment-1.",
            "containers/podman",
        )
        if p.kind == "issue"
    ]
    assert [(p.target, p.number, p.issue_kind) for p in pieces] == [
        ("containers/podman", 8483, "issue"),
        ("containers/podman", 21113, "issue"),
        ("containers/buildah", 3051, "pull"),
    ]


def test_link_text_wins_over_default_repo() -> None:
    [piece] = [
        p
        for p in scan("[#28824](https://github.com/podman-container-tools/podman/issues/28824)", "containers/podman")
        if p.kind == "issue"
    ]
    assert piece.target == "podman-container-tools/podman"


@pytest.mark.parametrize(
    "line",
    [
        "join #podman on IRC",
        "see .cirrus.yml#L705-L734",
        "matrix.to/#/#podman:matrix.org",
        "https://github.com/containers/podman-compose/issues  278 issues",
        "`#1234` in code",
        "&#1234;",
    ],
)
def test_not_issue_references(line: str) -> None:
    assert not [p for p in scan(line, "containers/podman") if p.kind == "issue"]


def test_chat_text_is_not_markdown() -> None:
    assert kinds("see [x](https://a.example/b) and #12 `c`", markdown=False) == [
        ("url", "https://a.example/b"),
        ("issue", "#12"),
    ]


def test_url_trailing_punctuation_stays_text() -> None:
    pieces = scan("go to https://lists.podman.io.", "x/y")
    assert [(p.kind, p.text) for p in pieces] == [("text", "go to "), ("url", "https://lists.podman.io"), ("text", ".")]
