"""Pasted chat logs and transcripts: where they are, and which is which.

A block follows a label ("## BlueJeans Chat copy/paste:", "Raw Meeting Chat:",
"### Raw Zoom Meet Transcript", …). It is the first fenced block under the label, or the
plain lines up to the next label or heading. What a block holds is decided from its
content, because chat and transcript sometimes sit under each other's labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import ChatMessage, RawBlock, TranscriptTurn
from .chat import NOT_CAPTURED, parse_chat
from .sections import CHAT, TRANSCRIPT
from .transcript import looks_like_transcript, parse_transcript

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


@dataclass
class RawContent:
    block: RawBlock
    lines: list[str]  # the content, fence lines excluded
    first_line: int  # line number of lines[0]
    chat: list[ChatMessage]
    transcript: list[TranscriptTurn]


MAX_LABEL = 80
# "## Call Chat", "### Zoom chat log": a heading that names only the chat, over its paste
_CHAT_HEADING = re.compile(r"^\W*(?:[^\W\d_]+\s+){0,2}chat(?:\s+log)?\W*$", re.I)


def is_label(line: str) -> bool:
    lowered = line.lower()
    if "chat" not in lowered and "raw" not in lowered:  # every label has one; most lines neither
        return False
    text = line.strip().lstrip("#").strip()
    return bool(CHAT.match(text) or TRANSCRIPT.match(text))


def find_raw_blocks(lines: list[str], chat_labels: re.Pattern[str] | None = None) -> list[RawContent]:
    """`chat_labels`: the headings a community puts over pasted chat, besides ours."""

    def labelled(line: str) -> bool:
        if is_label(line):  # labels are short lines; speech may say "I can copy it into the chat … paste"
            return len(line) <= MAX_LABEL
        if not _HEADING.match(line):
            return False
        text = line.lstrip("# ")
        return bool(_CHAT_HEADING.match(text) or (chat_labels is not None and chat_labels.match(text)))

    fenced = _inside_closed_fences(lines)
    labels = [n for n, line in enumerate(lines, 1) if labelled(line) and not _FENCE.match(line) and n not in fenced]
    found: list[RawContent] = []
    taken_until = 0
    for index, label in enumerate(labels):
        if label <= taken_until:
            continue  # a label inside the previous block's fence
        level = _level(lines[label - 1])
        limit = labels[index + 1] - 1 if index + 1 < len(labels) else len(lines)
        block = _block(lines, label, level, limit)
        if block is None:
            continue
        first, last, content_first, content = block
        taken_until = last
        labelled_transcript = bool(TRANSCRIPT.match(lines[label - 1].strip().lstrip("#").strip()))
        found.append(_classify(label, first, last, content_first, content, labelled_transcript))
    return found


def _inside_closed_fences(lines: list[str]) -> set[int]:
    """Line numbers inside a fenced code block that is closed (as `_fenced` closes them): a
    label there is code. (An unclosed fence runs to the end in CommonMark; pasted chat often
    follows a stray one, so only closed fences count.)"""
    inside: set[int] = set()
    opening: tuple[int, str] | None = None
    for number, line in enumerate(lines, 1):
        fence = _FENCE.match(line)
        if opening is None:
            if fence and len(line) - len(line.lstrip()) <= 3:
                opening = (number, fence.group(1))
        elif _closes(line, opening[1]):
            inside.update(range(opening[0] + 1, number))
            opening = None
    return inside


def _level(line: str) -> int:
    match = _HEADING.match(line)
    return len(match.group(1)) if match else 3


def _block(lines: list[str], label: int, level: int, limit: int) -> tuple[int, int, int, list[str]] | None:
    """(first, last, first content line, content) of the block under `label`."""
    end = limit
    number = label + 1
    while number <= limit:
        line = lines[number - 1]
        fence = _FENCE.match(line)
        if fence:
            return _fenced(lines, number, fence.group(1))
        heading = _HEADING.match(line)
        if heading and len(heading.group(1)) <= level:
            end = number - 1
            break
        number += 1
    body = [n for n in range(label + 1, end + 1) if lines[n - 1].strip()]
    if not body:
        return None
    first, last = body[0], body[-1]
    return first, last, first, lines[first - 1 : last]


def _closes(line: str, marker: str) -> bool:
    """Whether `line` closes a fence opened by `marker`; as pasted logs are, it may end a
    line of text ("… great day! ```")."""
    stripped, char = line.rstrip(), marker[0]
    return stripped.endswith(char * len(marker)) and not stripped.strip(char + " \t").startswith(char)


def _fenced(lines: list[str], opening: int, marker: str) -> tuple[int, int, int, list[str]]:
    """A fence and its content; the closing fence may end a line of text ("… great day! ```")."""
    char = marker[0]
    for number in range(opening + 1, len(lines) + 1):
        stripped = lines[number - 1].rstrip()
        if _closes(stripped, marker):
            content = lines[opening:number]
            before = stripped[: len(stripped) - len(stripped.lstrip())]
            rest = stripped.strip()[: -len(marker)].rstrip(char).rstrip()
            content[-1] = before + rest  # keep text that shares the closing line
            if not rest:
                content = content[:-1]
            return opening, number, opening + 1, content
    return opening, len(lines), opening + 1, lines[opening:]


def _classify(
    label: int, first: int, last: int, content_first: int, content: list[str], labelled_transcript: bool
) -> RawContent:
    def made(kind: str, chat: list[ChatMessage], turns: list[TranscriptTurn]) -> RawContent:
        return RawContent(RawBlock(kind, label, first, last), content, content_first, chat, turns)

    if all(NOT_CAPTURED.match(line) or not line.strip() for line in content):
        return made("empty", [], [])
    if looks_like_transcript(content):
        return made("transcript", [], parse_transcript(content, content_first))
    messages = parse_chat(content, content_first)
    timed = any(m.time for m in messages)
    if labelled_transcript and not timed:
        # "Name: text" paragraphs under a transcript label are speech, not chat
        return made("transcript", [], parse_transcript(content, content_first))
    return made("chat", messages, [])
