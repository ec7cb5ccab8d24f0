"""Reading the YAML that contributors write (people.yml, topics.yml, a note's front matter).

`yaml.safe_load` is not enough for files from a pull request: it expands aliases (ten lines
of nested aliases make billions of objects), keeps the last of two equal keys without a
word, raises on keys it cannot hash, and recurses once per level of nesting. So the text is
only *composed* into nodes here, which is linear in its size, and refused at the first
anchor or alias, explicit tag or level past MAX_DEPTH, before anything is built. Our own
small constructor then turns the nodes into plain values: a mapping remembers its line and
the line of each key, a list the line of each item, a second equal key or a key that is a
list or mapping is a warning and skipped, a lone surrogate becomes U+FFFD. Nothing here raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .files import read_regular
from .model import ERROR, WARNING, Diagnostic

MAX_BYTES = 2_000_000  # a people or topics file of thousands of entries is far below this
MAX_DEPTH = 20  # these files need four levels; front matter needs two

_STR = "tag:yaml.org,2002:str"
_SCALARS = {_STR, *(f"tag:yaml.org,2002:{t}" for t in ("int", "float", "bool", "null", "timestamp"))}
_AS_TEXT = {"tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"}  # "<<" and "=": plain text to us
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_BREAKS = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")  # white space and control characters


class Map(dict[object, object]):
    """A YAML mapping with the line it starts on and the line of each key (1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[object, int] = {}


class Seq(list[object]):
    """A YAML list with the line it starts on and the line of each item (1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: list[int] = []


@dataclass
class Loaded:
    """What a YAML text holds: `data` is None when the text was empty or unusable."""

    data: object = None
    problems: list[Diagnostic] = field(default_factory=list)


class _Refused(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str) -> None:
        super().__init__(message)
        self.line = mark.line if mark else None
        self.message = message


class _Composer(yaml.SafeLoader):
    """Composes nodes only; refuses what these files never need before it is built."""

    depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _Refused(event.start_mark, "anchors (&name) and aliases (*name) are not allowed here")
        if getattr(event, "tag", None) not in (None, "!", *_SCALARS, _MAP, _SEQ):
            tag = str(getattr(event, "tag", "")).replace("tag:yaml.org,2002:", "!!")
            raise _Refused(event.start_mark, f"the tag {tag} is not allowed here")
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise _Refused(event.start_mark, f"nested more than {MAX_DEPTH} levels deep")
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def load_yaml_file(path: Path, label: str) -> Loaded:
    """The YAML file at `path`; `label` names it in messages. Never raises."""
    try:
        data = read_regular(path, MAX_BYTES)
    except OSError as error:
        return _error(label, None, f"the file could not be read: {error.strerror or error}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return _error(label, line, "the file is not UTF-8", "save it as UTF-8")
    return parse_yaml(text, label)


def parse_yaml(text: str, label: str, first_line: int = 1) -> Loaded:
    """The YAML document `text`, whose first line is line `first_line` of `label`."""
    offset = first_line
    if len(text) > MAX_BYTES:
        return _error(label, None, f"the YAML is {len(text):,} characters; the limit is {MAX_BYTES:,}")
    loader: _Composer | None = None
    try:
        loader = _Composer(text)
        node = loader.get_single_node()
    except _Refused as refused:
        return _error(label, _line(refused.line, offset), refused.message)
    except yaml.reader.ReaderError as error:  # a control character or a lone surrogate in the text
        line = text[: error.position].count("\n")
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else repr(error.character)
        return _error(label, _line(line, offset), f"not valid YAML: the character {character} is not allowed")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return _error(label, _line(mark.line if mark else None, offset), f"not valid YAML: {error.problem or error}")
    except (yaml.YAMLError, RecursionError, MemoryError) as error:
        return _error(label, None, f"not valid YAML: {error}")
    finally:
        if loader is not None:
            loader.dispose()
    loaded = Loaded()
    if node is not None:
        loaded.data = _Builder(loader, label, offset, loaded.problems).value(node)
    return loaded


class _Builder:
    """Plain values from checked nodes (no anchors, no tags, bounded depth)."""

    def __init__(self, loader: _Composer, label: str, offset: int, problems: list[Diagnostic]) -> None:
        self.loader = loader
        self.label = label
        self.offset = offset
        self.problems = problems

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.offset

    def warn(self, node: yaml.Node, message: str) -> None:
        self.problems.append(Diagnostic(self.label, self.line(node), WARNING, message))

    def value(self, node: yaml.Node) -> object:
        if isinstance(node, yaml.MappingNode) and node.tag == _MAP:
            return self.mapping(node)
        if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ:
            found = Seq(self.line(node))
            for item in node.value:
                found.append(self.value(item))
                found.lines.append(self.line(item))
            return found
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        self.warn(node, f"a value of type {node.tag} is not allowed here")  # not reached: tags are refused
        return None

    def scalar(self, node: yaml.ScalarNode) -> object:
        if node.tag in _SCALARS and node.tag != _STR:
            try:
                return self.loader.construct_object(node)
            except Exception:  # noqa: BLE001 (PyYAML raises KeyError, ValueError, … on a bad explicit tag)
                self.warn(node, f"{node.value[:40]!r} is not a valid {node.tag.rsplit(':', 1)[-1]}; it is read as text")
        text = str(node.value)
        if _SURROGATE.search(text):
            self.warn(node, "a \\u escape names half of a character (a lone surrogate); it was replaced by U+FFFD")
            text = _SURROGATE.sub("\ufffd", text)
        return text

    def mapping(self, node: yaml.MappingNode) -> Map:
        found = Map(self.line(node))
        for key_node, value_node in node.value:
            key = self.value(key_node)
            if isinstance(key, (Map, Seq)):
                self.warn(key_node, "a key must be a plain value, not a list or a mapping; it is skipped")
                continue
            if key in found:
                first = found.key_lines[key]
                self.warn(key_node, f"the key {key!s:.40} appears twice (first on line {first}); this one is skipped")
                continue
            found[key] = self.value(value_node)
            found.key_lines[key] = self.line(key_node)
        return found


def one_line(text: str) -> str:
    """Text as one plain line: a newline, tab or control character in a name or title would
    break the Markdown or the table it is printed in, so each run of them is one space."""
    return _BREAKS.sub(" ", text).strip()


def _line(line: int | None, offset: int) -> int | None:
    return None if line is None else line + offset


def _error(label: str, line: int | None, message: str, suggestion: str | None = None) -> Loaded:
    return Loaded(None, [Diagnostic(label, line, ERROR, message, suggestion)])
