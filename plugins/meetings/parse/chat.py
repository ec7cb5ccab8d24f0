"""Pasted chat logs: find each message's author, clock time and text.

Each copy/paste format has its own header recogniser; the first one that fits the block
wins. Lines after a header, up to the next header, are the message's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import ChatMessage

NOT_CAPTURED = re.compile(r"^\s*(?:the raw chat was )?(?:not captured|none|did not record)\.?\s*$", re.I)

# "Tom Sweeney10:56 AM", "Guest 511:14 AM" (author glued to time), "You11:00\u202fAM",
# "Tom Sweeney 10:58" (no AM/PM). The time is matched loosely; the split is decided later.
_GLUED = re.compile(
    r"^(?P<head>.*?\S)(?P<space>\s?)(?P<digits>\d{1,4}):(?P<minute>[0-5]\d)(?:[\s\u202f]*(?P<ampm>[AaPp][Mm]))?\s*$"
)
_TIME_ONLY = re.compile(r"^\s*(?P<hour>\d{1,2}):(?P<minute>[0-5]\d)(?:[\s\u202f]*(?P<ampm>[AaPp][Mm]))?\s*$")
# Zoom saved chat: "00:12:42<TAB>Paul Holzinger:<TAB>text"
_ZOOM_TSV = re.compile(r"^(?P<time>\d{2}:\d{2}:\d{2})\t(?P<author>[^\t]+?):\t?(?P<text>.*)$")
# Interface text copied along with the messages.
_NOISE = re.compile(r"^\s*(?:SETTINGS|EVERYONEDIRECT MESSAGES|keep|Pinned|[a-z]{3}-[a-z]{4}-[a-z]{3})\s*$")


@dataclass
class _Header:
    author: str
    minutes: int | None  # minutes since midnight, for ordering
    time: str | None  # "11:14" (24-hour), as shown on the page
    text: str = ""


def parse_chat(lines: list[str], first_line: int) -> list[ChatMessage]:
    """Messages in `lines`; `first_line` is the 1-based line number of lines[0].
    Lines before the first message belong to none (the page shows them above the thread)."""
    readers = (
        _read_zoom_tsv,
        _read_captions,
        _read_zoom_from,
        _read_zoom_to,
        _read_split,
        _read_glued,
        _read_name_colon,
    )
    for reader in readers:
        messages = reader(lines, first_line)
        if messages:
            return messages
    return _read_plain(lines, first_line)


def _to_minutes(hour: int, minute: int, ampm: str | None) -> int | None:
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm.lower() == "pm" else 0)
    elif hour > 23:
        return None
    return hour * 60 + minute


def _clock(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _glued_header(line: str, previous: int | None) -> _Header | None:
    """Split "Guest 511:14 AM" into author and time.

    The digits before ':' may end the author's name ("Guest 5", "alegrey91"). Of the valid
    splits we take the one that moves time forward by the least; going back is the worst.
    """
    match = _GLUED.match(line.rstrip())
    if not match or _NOISE.match(line):
        return None
    digits, minute, ampm = match["digits"], int(match["minute"]), match["ampm"]
    best: tuple[int, _Header] | None = None
    for width in (2, 1):
        if len(digits) < width:
            continue
        prefix = digits[:-width]
        author = f"{match['head']}{match['space'] or ''}{prefix}" if prefix else match["head"]
        minutes = _to_minutes(int(digits[-width:]), minute, ampm)
        if minutes is None or not re.search(r"[^\W\d_]", author):
            continue
        delay = 0 if previous is None else minutes - previous
        if delay < 0:
            delay += 48 * 60
        if best is None or delay < best[0]:
            best = (delay, _Header(author.strip().rstrip(":").strip(), minutes, _clock(minutes)))
    return best[1] if best else None


def _read_glued(lines: list[str], first_line: int) -> list[ChatMessage]:
    messages: list[ChatMessage] = []
    bodies: list[list[str]] = []
    previous: int | None = None
    for index, line in enumerate(lines):
        header = _glued_header(line, previous) if line.strip() else None
        if header:
            previous = header.minutes
            messages.append(ChatMessage(first_line + index, header.author, header.time, ""))
            bodies.append([])
        elif messages and line.strip():
            bodies[-1].append(line.strip())
    for message, body in zip(messages, bodies, strict=True):
        message.text = "\n".join(body)
    return messages


def _read_split(lines: list[str], first_line: int) -> list[ChatMessage]:
    """Google Meet: an author line, then a time line, then the text."""
    messages: list[ChatMessage] = []
    bodies: list[list[str]] = []
    stripped = [line.strip() for line in lines]
    index = 0
    while index < len(lines):
        line = stripped[index]
        nxt = stripped[index + 1] if index + 1 < len(lines) else ""
        time = _TIME_ONLY.match(nxt)
        if line and time and not _TIME_ONLY.match(line) and not _NOISE.match(line):
            if time["ampm"]:
                minutes = _to_minutes(int(time["hour"]), int(time["minute"]), time["ampm"])
                stamp, relative = (_clock(minutes) if minutes is not None else None), False
            else:  # Zoom's web page: minutes:seconds into the recording
                stamp, relative = f"00:{int(time['hour']):02d}:{time['minute']}", True
            if stamp is not None:
                messages.append(ChatMessage(first_line + index, line, stamp, "", relative=relative))
                bodies.append([])
                index += 2
                continue
        if messages and line:
            bodies[-1].append(line)
        index += 1
    if len(messages) < 2 and len(lines) > 4:
        return []  # one accidental author/time pair does not make a Meet log
    for message, body in zip(messages, bodies, strict=True):
        message.text = "\n".join(body)
    return messages


def _read_zoom_tsv(lines: list[str], first_line: int) -> list[ChatMessage]:
    messages: list[ChatMessage] = []
    for index, line in enumerate(lines):
        match = _ZOOM_TSV.match(line.strip(" "))
        if match:
            time = match["time"]
            messages.append(
                ChatMessage(first_line + index, match["author"].strip(), time, match["text"].strip(), relative=True)
            )
        elif messages and line.strip():
            messages[-1].text = (messages[-1].text + "\n" + line.strip()).strip()
    return messages


# Caption style: "00:13:50.654,00:13:53.654" then "Dewayne Branch: Tyler I am interested"
_CAPTION = re.compile(r"^\s*(?P<time>\d{2}:\d{2}:\d{2})[.,]\d{3},\d{2}:\d{2}:\d{2}[.,]\d{3}\s*$")
_NAME_COLON = re.compile(r"^\s*(?P<author>[^\s:][^:]{0,60}?):\s+(?P<text>.*)$")
# Zoom: " 10:56:23 From Tom Sweeney (Red Hat, Inc.) To Everyone:" then the text, indented
# The author is the text up to the first " To " (an atomic group: were the rest not to fit,
# trying each later " To " would scan to the end again), and a run of spaces is entered
# only at its start.
_ZOOM_FROM = re.compile(r"^\s*(?P<time>\d{1,2}:\d{2}):\d{2}\s++From\s++(?>(?P<author>.+?)(?<=\S)\s+To\s).+?:\s*$")


def _read_captions(lines: list[str], first_line: int) -> list[ChatMessage]:
    messages: list[ChatMessage] = []
    pending: str | None = None
    for index, line in enumerate(lines):
        caption = _CAPTION.match(line)
        if caption:
            pending = caption["time"]
            continue
        if not line.strip():
            continue
        match = _NAME_COLON.match(line)
        if pending and match:
            messages.append(
                ChatMessage(first_line + index, match["author"].strip(), pending, match["text"].strip(), relative=True)
            )
            pending = None
        elif messages:
            messages[-1].text = (messages[-1].text + "\n" + line.strip()).strip()
    return messages


def _read_zoom_from(lines: list[str], first_line: int) -> list[ChatMessage]:
    messages: list[ChatMessage] = []
    for index, line in enumerate(lines):
        match = _ZOOM_FROM.match(line)
        if match:
            hour, minute = match["time"].split(":")
            messages.append(ChatMessage(first_line + index, match["author"].strip(), f"{int(hour):02d}:{minute}", ""))
        elif messages and line.strip():
            messages[-1].text = (messages[-1].text + "\n" + line.strip()).strip()
    return messages


# Zoom's chat as copied from the window: "From Edson Ayllon to Everyone: (10:04 AM)", then the text.
_ZOOM_TO = re.compile(
    # atomic, and the author ends at a letter: a long run of spaces is read once, not once per "to"
    r"^\s*+From\s++(?>(?P<author>.+?)(?<=\S)\s+to\s)(?P<to>[^:]+):\s*+\((?P<hour>\d{1,2}):(?P<minute>[0-5]\d)"
    r"(?:[\s\u202f]*+(?P<ampm>[AaPp][Mm]))?\)\s*$",
    re.I,
)


def _read_zoom_to(lines: list[str], first_line: int) -> list[ChatMessage]:
    messages: list[ChatMessage] = []
    for index, line in enumerate(lines):
        match = _ZOOM_TO.match(line)
        minutes = _to_minutes(int(match["hour"]), int(match["minute"]), match["ampm"]) if match else None
        if match and minutes is not None:
            messages.append(ChatMessage(first_line + index, match["author"].strip(), _clock(minutes), ""))
        elif messages and line.strip():
            messages[-1].text = (messages[-1].text + "\n" + line.strip()).strip()
    return messages


def _read_name_colon(lines: list[str], first_line: int) -> list[ChatMessage]:
    """ "Martin Beckert: There's a new Podlet release": every non-blank line is a message."""
    filled = [(i, line) for i, line in enumerate(lines) if line.strip()]
    matches = [(i, _NAME_COLON.match(line)) for i, line in filled]
    if not filled or not all(m and not m["author"].lower().startswith("http") for _, m in matches):
        return []
    return [ChatMessage(first_line + i, m["author"].strip(), None, m["text"].strip()) for i, m in matches if m]


def _read_plain(lines: list[str], first_line: int) -> list[ChatMessage]:
    """Text with no author or time: one message per paragraph, by someone unknown."""
    messages: list[ChatMessage] = []
    previous_blank = True
    for index, line in enumerate(lines):
        if not line.strip():
            previous_blank = True
            continue
        if previous_blank or not messages:
            messages.append(ChatMessage(first_line + index, "", None, line.strip()))
        else:
            messages[-1].text += "\n" + line.strip()
        previous_blank = False
    return messages
