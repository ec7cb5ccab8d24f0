"""Machine transcripts pasted under the notes: speaker turns with a time into the video.

Shapes: Google Meet ("Name: text", with "00:05:00" marks every five minutes, with or
without an export header), Gemini-era Meet, WebVTT cues, Zoom's "Name / Name / 00:12:15
/ text" and the Zoom web page scrape ("Name / Name / 11:17 / text").
"""

from __future__ import annotations

import re

from ..model import TranscriptTurn

_MARKER = re.compile(r"^\s*(\d{1,2}):(\d{2}):(\d{2})\s*$")
_CUE = re.compile(r"^\s*(\d{1,2}):(\d{2}):(\d{2})[.,]\d{3}\s*-->\s*[\d:.,]+")
_SPEAKER = re.compile(r"^\s*(?P<name>[^\s:][^:]{0,60}?):\s+(?P<text>\S.*)$")
_CLOCK = re.compile(r"^\s*(?:(\d{1,2}):)?(\d{1,2}):(\d{2})\s*$")

TRANSCRIPT_SIGNS = re.compile(
    r"^\s*(?:WEBVTT|Transcript|This editable transcript|\d{1,2}:\d{2}:\d{2}(?:[.,]\d{3}\s*-->.*)?|"
    r"Skip to Main Content|Audio Transcript)\s*$",
    re.I,
)


def looks_like_transcript(lines: list[str]) -> bool:
    signs = sum(1 for line in lines if TRANSCRIPT_SIGNS.match(line))
    return signs >= 1 and (signs >= 2 or len(lines) > 40)


def _seconds(h: str | None, m: str, s: str) -> int:
    return int(h or 0) * 3600 + int(m) * 60 + int(s)


def parse_transcript(lines: list[str], first_line: int) -> list[TranscriptTurn]:
    """Turns in `lines`; `first_line` is the 1-based line number of lines[0]."""
    if any(_CUE.match(line) for line in lines):
        return _webvtt(lines, first_line)
    turns = _repeated_names(lines, first_line)
    return turns if turns else _meet(lines, first_line)


def _meet(lines: list[str], first_line: int) -> list[TranscriptTurn]:
    """Meet: "Name: text" lines, with a "00:05:00" line every five minutes."""
    start = 0 if any(_MARKER.match(line) for line in lines) else None
    return _timed_turns(lines, first_line, _MARKER, start)


def _webvtt(lines: list[str], first_line: int) -> list[TranscriptTurn]:
    """WebVTT: each "Name: text" after its "00:01:46.090 --> …" cue; text before any cue is no turn."""
    return _timed_turns(lines, first_line, _CUE, None, needs_time=True)


def _timed_turns(
    lines: list[str], first_line: int, clock: re.Pattern[str], start: int | None, needs_time: bool = False
) -> list[TranscriptTurn]:
    """Speaker lines, each with the time of the last `clock` line above it."""
    turns: list[TranscriptTurn] = []
    seconds = start
    for index, line in enumerate(lines):
        found = clock.match(line)
        if found:
            seconds = _seconds(*found.groups())
            continue
        match = _SPEAKER.match(line)
        if match and not match["name"].lower().startswith("http") and (seconds is not None or not needs_time):
            turns.append(TranscriptTurn(first_line + index, match["name"].strip(), seconds, match["text"].strip()))
    return turns


def _repeated_names(lines: list[str], first_line: int) -> list[TranscriptTurn]:
    """Zoom: the speaker's name twice, then a time, then the text."""
    turns: list[TranscriptTurn] = []
    stripped = [line.strip() for line in lines]
    for index in range(len(stripped) - 3):
        name, again, clock = stripped[index : index + 3]
        match = _CLOCK.match(clock)
        if name and name == again and match and not _CLOCK.match(name):
            text_index = index + 3
            while text_index < len(stripped) and not stripped[text_index]:
                text_index += 1
            text = stripped[text_index] if text_index < len(stripped) else ""
            turns.append(TranscriptTurn(first_line + index, name, _seconds(*match.groups()), text))
    return turns


def turn_machinery(numbered: list[tuple[int, str]], turns: list[TranscriptTurn]) -> dict[int, list[int]]:
    """For each turn (by its line), the lines that only carry the transcript's machinery
    and whose content the turn already shows: a WebVTT cue number and timing line above it,
    and Zoom's repeated name, time and text below it. `numbered`: (line number, text)."""
    lines = [(n, text.strip()) for n, text in numbered if text.strip()]
    where = {n: i for i, (n, _) in enumerate(lines)}
    found: dict[int, list[int]] = {}
    for turn in turns:
        i = where.get(turn.line)
        if i is None:
            continue
        taken: list[int] = []
        if i >= 1 and _CUE.match(lines[i - 1][1]):
            taken.append(lines[i - 1][0])
            if i >= 2 and lines[i - 2][1].isdigit():
                taken.insert(0, lines[i - 2][0])
        after = [text for _, text in lines[i + 1 : i + 4]]
        if len(after) == 3 and after[0] == turn.speaker and _CLOCK.match(after[1]) and after[2] == turn.text:
            taken += [n for n, _ in lines[i + 1 : i + 4]]
        found[turn.line] = taken
    return found
