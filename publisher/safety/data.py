"""YAML and TOML read within limits: no alias bombs, no nesting a walk could not follow.

Front matter, publication.toml and a blog's settings are data from anywhere. PyYAML builds
an alias (``*a``) as a shared reference, so ten anchors of nine references each are a
small file and a graph of 9^10 values to anyone who walks it; tomllib recurses once per
nested array, so 100,000 brackets end in a RecursionError; and every later walk of the
value (checks for control characters, the dialect mapping) recurses as well. So before a
value is constructed its shape is measured: how many values it expands to, and how deep
it goes. A document past a limit is refused with a DataLimit naming the line, which the
callers turn into their own errors.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

MAX_DEPTH = 50  # levels of nested lists and mappings; front matter uses two or three
MAX_ALIAS_VALUES = 10_000  # values that aliases may add beyond those written out

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # libyaml missing: the pure-Python loader is slower, not wrong
    _Loader = yaml.SafeLoader

# What YAML 1.1 accepts in a stream: tab, newlines and printable characters. Anything else
# (BEL, ESC, DEL, C1 controls) makes the reader fail; callers remove them with a warning.
_NOT_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_TOML_OPEN = re.compile(r"""["'\[\]{}#\n]""")


class DataLimit(Exception):
    """A document past one of the limits above; ``line`` is 1-based within the document."""

    def __init__(self, message: str, line: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def unacceptable_lines(text: str) -> tuple[str, list[int]]:
    """``text`` without the characters YAML refuses, and the 1-based lines they were on."""
    lines = sorted({text.count("\n", 0, m.start()) + 1 for m in _NOT_YAML.finditer(text)})
    return (_NOT_YAML.sub("", text), lines) if lines else (text, [])


def load_yaml(text: str, loader_class: type | None = None) -> Any:
    """``yaml.safe_load`` of one document, refusing alias bombs and deep nesting (DataLimit).

    The document is composed into nodes first (libyaml's parser, PyYAML's composer), its
    expansion measured with each shared node counted once per reference, then built.
    """
    loader = (loader_class or _Loader)(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            _measure(node)
        except DataLimit as exc:
            if exc.line is None:
                exc.line = _first_alias_event_line(text)
            raise
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _measure(root: yaml.Node) -> None:
    """Raise DataLimit when the node graph is too deep or its aliases expand too far."""
    sizes: dict[int, int] = {}
    distinct = 0
    stack: list[tuple[yaml.Node, int, bool]] = [(root, 1, False)]
    active: set[int] = set()
    while stack:
        node, depth, done = stack.pop()
        key = id(node)
        if done:
            active.discard(key)
            sizes[key] = 1 + sum(sizes[id(c)] for c in _children(node))
            continue
        if key in sizes:
            continue
        if key in active:
            raise DataLimit("front matter refers to itself (a recursive alias)", _line(node))
        if depth > MAX_DEPTH:
            raise DataLimit(f"nested more than {MAX_DEPTH} levels deep", _line(node))
        distinct += 1
        active.add(key)
        stack.append((node, depth, True))
        stack.extend((child, depth + 1, False) for child in _children(node))
    if sizes[id(root)] > distinct + MAX_ALIAS_VALUES:
        raise DataLimit(
            f"aliases expand to more than {MAX_ALIAS_VALUES:,} values (an alias bomb?); "
            "write the values out",
            None,  # the caller finds the first alias's line (load_yaml)
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _line(node: yaml.Node) -> int | None:
    return node.start_mark.line + 1 if node.start_mark else None


def _first_alias_event_line(text: str) -> int | None:
    """The 1-based line of the first alias (``*name``) in the document."""
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1
    return None


def toml_depth_problem(text: str) -> DataLimit | None:
    """A DataLimit when arrays and inline tables nest deeper than MAX_DEPTH, else None.

    tomllib recurses once per level, so the brackets are counted before it runs: outside
    strings and comments, every ``[`` and ``{`` opens a level and ``]`` and ``}`` close one.
    """
    depth, index, line = 0, 0, 1
    while (match := _TOML_OPEN.search(text, index)) is not None:
        char, index = match.group(0), match.end()
        if char == "\n":
            line += 1
        elif char == "#":
            index = _end_of_line(text, index)
        elif char in "\"'":
            index, line = _after_string(text, match.start(), line)
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return DataLimit(f"arrays or tables nested more than {MAX_DEPTH} levels deep", line)
        else:
            depth = max(0, depth - 1)
    return None


def _end_of_line(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _after_string(text: str, start: int, line: int) -> tuple[int, int]:
    """Where the TOML string starting at ``start`` ends, and the line it ends on."""
    quote = text[start]
    triple = text.startswith(quote * 3, start)
    opener = quote * 3 if triple else quote
    index = start + len(opener)
    while index < len(text):
        char = text[index]
        if char == "\\" and quote == '"':
            index += 2
            continue
        if char == "\n":
            line += 1
            if not triple:
                return index, line - 1  # an unclosed one-line string: tomllib says so
        if text.startswith(opener, index):
            return index + len(opener), line
        index += 1
    return index, line
