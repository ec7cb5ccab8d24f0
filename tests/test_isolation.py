"""One note's fault is that note's: a failure in any stage (parse, people, topics,
render) costs that note its structure, never the site. Failures are injected into a real
`mkdocs build` through a sitecustomize module, so the plugin's own path is tested."""

from __future__ import annotations

from pathlib import Path

from meetings.parse import parse_note

from .conftest import build, lost_words, make_site, page_text

# Each stage raises on the note that holds its marker, and only on that one.
INJECT = """
import meetings.archive, meetings.identity, meetings.parse.note, meetings.render.meeting

def _text(value):
    if isinstance(value, str):
        return value
    meeting = value if type(value).__name__ == "Meeting" else getattr(value, "meeting", None)
    return "\\n".join(meeting.lines) if type(meeting).__name__ == "Meeting" else ""

def _fail_on(marker, original):
    def patched(*args, **kwargs):
        if any(marker in _text(arg) for arg in args):
            raise RuntimeError("injected fault " + marker)
        return original(*args, **kwargs)
    return patched

meetings.parse.note._NoteParser._sections = _fail_on("PARSEBOOM", meetings.parse.note._NoteParser._sections)
meetings.identity.Identities.resolve = _fail_on("Identityboom", meetings.identity.Identities.resolve)
meetings.archive._meeting_topics = _fail_on("topicsboom", meetings.archive._meeting_topics)
meetings.render.meeting._header = _fail_on("RENDERBOOM", meetings.render.meeting._header)
"""

NOTE = """# Podman Community Meeting
## {date} 11:00 a.m. Eastern (UTC-5)

### Attendees (2 total)
Tom Sweeney, {name}

## Quadlet news
### Tom Sweeney

The marker {marker} sits in this line; #8483 and quadlet were discussed.
"""


def _notes() -> dict[str, str]:
    cases = {
        "2024-02-06": ("February 6, 2024", "Ann Lee", "PARSEBOOM"),
        "2024-03-05": ("March 5, 2024", "Identityboom Person", "x"),
        "2024-04-02": ("April 2, 2024", "Ann Lee", "topicsboom"),
        "2024-05-07": ("May 7, 2024", "Ann Lee", "RENDERBOOM"),
    }
    notes = {}
    for ident, (date, name, marker) in cases.items():
        text = NOTE.format(date=date, name=name, marker=marker)
        if marker == "PARSEBOOM":
            text = text.replace("# Podman Community Meeting", "# Podman Community Meeting PARSEBOOM")
        notes[f"{ident}.md"] = text
    return notes


def test_a_failing_stage_costs_one_note_its_structure_not_the_site(tmp_path: Path) -> None:
    notes = _notes()
    root = make_site(tmp_path, notes=notes)
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(INJECT)
    env = {"PYTHONPATH": str(hook)}

    result = build(root, strict=False, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    site = root / "site"
    for stage in ("reading the note", "linking", "finding its topics", "rendering its page"):
        assert stage in result.stderr, stage
    assert result.stderr.count("injected fault") == 4
    for name, text in notes.items():
        page = site / "meetings" / name[:-3] / "index.html"
        shown = page_text(page.read_text(encoding="utf-8"))
        meeting = parse_note(text, f"notes/{name}", name[:-3])
        assert not lost_words(meeting, shown), (name, lost_words(meeting, shown))
    # the other notes are linked as usual
    assert (site / "people" / "matt-heon" / "index.html").exists()
    assert "people/matt-heon/" in (site / "meetings" / "2020-12-01" / "index.html").read_text(encoding="utf-8")
    # and a strict build fails on those errors
    strict = build(root, strict=True, env=env)
    assert strict.returncode != 0 and "injected fault" in strict.stderr
