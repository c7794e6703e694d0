"""Split front matter from a Markdown body, keeping line numbers for errors.

Front matter is YAML between ``---`` lines (pandoc may close it with ``...``) or TOML
between ``+++`` lines (as Hugo writes it). A file that starts with neither has none: its
whole text is the body (bare Markdown, see dialects.py). Every problem is a ManuscriptError
naming the file line: a quote left open, a list where a mapping belongs, an impossible date
such as ``2013-13-45``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from publisher.errors import ManuscriptError, SourceLocation
from publisher.safety.data import DataLimit, load_yaml, toml_depth_problem, unacceptable_lines

_FENCES = {
    "---": re.compile(r"^---[ \t]*$", re.MULTILINE),
    "+++": re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE),
}
_CLOSERS = {
    "---": re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE),
    "+++": _FENCES["+++"],
}
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class Document:
    """A manuscript split in two: its metadata mapping and its Markdown body."""

    meta: dict[str, Any]
    meta_text: str
    body: str
    body_line: int  # 1-based line where the body starts
    fence: str | None = "---"  # the closing fence: ---, ... or +++; None: no front matter
    cleaned: tuple[int, ...] = ()  # file lines that lost characters YAML or TOML refuse


def split(text: str, path: Path, project: str | None = None) -> Document:
    """Separate ``---``-fenced YAML (or ``+++``-fenced TOML) front matter from the body;
    also pandoc's ``%`` title block and, in a MkDocs project, its ``key: value`` lines."""
    marker = text[:3]
    first = _FENCES[marker].match(text) if marker in _FENCES else None
    if not first and text.startswith("%"):
        return _title_block(text)
    if not first and project == "mkdocs" and _META_LINE.match(text.split("\n", 1)[0]):
        return _meta_lines(text)
    if not first:
        return Document(meta={}, meta_text="", body=text, body_line=1, fence=None)
    closing = _CLOSERS[marker].search(text, first.end())
    if not closing:
        raise ManuscriptError(
            f"front matter is not closed by a '{marker}' line", SourceLocation(path, 1)
        )
    meta_text, cleaned = unacceptable_lines(text[first.end() + 1 : closing.start()])
    body_line = text.count("\n", 0, closing.end()) + 2
    parse = _parse_toml if marker == "+++" else _parse_yaml
    meta = parse(meta_text, path)
    return Document(
        meta=meta,
        meta_text=meta_text,
        body=text[closing.end() + 1 :],
        body_line=body_line,
        fence=closing.group(0).strip(),
        cleaned=tuple(line + 1 for line in cleaned),
    )


def _title_block(text: str) -> Document:
    """pandoc's title block: ``% Title``, ``% Author; Author``, ``% Date`` (each may be
    empty or go on over lines that start with a space)."""
    lines = text.split("\n")
    fields: list[list[str]] = []
    end = len(lines)
    for number, line in enumerate(lines):
        if line.startswith("%") and len(fields) < 3:
            fields.append([line[1:].strip()])
        elif line[:1] in (" ", "\t") and line.strip() and fields:
            fields[-1].append(line.strip())
        else:
            end = number
            break
    meta: dict[str, Any] = {}
    for key, parts in zip(("title", "author", "date"), fields, strict=False):
        value = " ".join(p for p in parts if p)
        if key == "author":
            names = [n.strip() for part in parts for n in part.split(";") if n.strip()]
            if names:
                meta[key] = names
        elif value:
            meta[key] = value
    meta_text = "\n".join(f"{k}:" for k in meta)  # one line per key, in the file's order
    body = "\n".join(lines[end:])
    return Document(meta, meta_text, body, end + 1, fence="%")


def _meta_lines(text: str) -> Document:
    """MkDocs' (MultiMarkdown's) meta-data: ``key: value`` lines up to the first blank
    line, a value going on over lines indented by four spaces."""
    lines = text.split("\n")
    meta: dict[str, Any] = {}
    key, end = None, len(lines)
    for number, line in enumerate(lines):
        match = _META_LINE.match(line)
        if match:
            key = match.group(1).lower()
            meta[key] = match.group(2).strip()
        elif key and line.startswith("    ") and line.strip():
            meta[key] = f"{meta[key]} {line.strip()}".strip()
        else:
            end = number
            break
    meta_text = "\n".join(lines[:end])
    body = "\n".join(lines[end:])
    return Document(meta, meta_text, body, end + 1, fence="meta")


_META_LINE = re.compile(r"^([A-Za-z0-9_][A-Za-z0-9_-]*):\s*(.*)$")


def _parse_yaml(meta_text: str, path: Path) -> dict[str, Any]:
    try:
        meta = load_yaml(meta_text)
    except DataLimit as exc:
        line = exc.line + 1 if exc.line else 2
        raise ManuscriptError(f"front matter: {exc.message}", SourceLocation(path, line)) from None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_error(exc, path) from None
    except yaml.YAMLError as exc:
        message = " ".join(str(exc).split())
        raise ManuscriptError(f"front matter: {message}", SourceLocation(path, 2)) from None
    except ValueError as exc:  # PyYAML raises this for impossible dates like 2013-13-45
        line = _line_of_bad_date(meta_text)
        raise ManuscriptError(
            f"front matter: impossible date ({exc})", SourceLocation(path, line)
        ) from None
    except RecursionError:  # only the pure-Python loader; libyaml limits nesting itself
        raise ManuscriptError(
            "front matter is nested too deeply", SourceLocation(path, 2)
        ) from None
    return _mapping(meta, path, "YAML")


def _yaml_error(exc: yaml.MarkedYAMLError, path: Path) -> ManuscriptError:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or "invalid YAML"
    if exc.context_mark and "end of stream" in problem:
        mark = exc.context_mark  # point at the unclosed quote, not at the end
        if "quoted scalar" in (exc.context or ""):
            problem, exc.context = "a quoted value is not closed", None
    line = mark.line + 2 if mark else None
    context = f" ({exc.context})" if exc.context else ""
    message = " ".join(f"{problem}{context}".split())  # libyaml's messages span lines
    return ManuscriptError(f"front matter: {message}", SourceLocation(path, line))


def _parse_toml(meta_text: str, path: Path) -> dict[str, Any]:
    deep = toml_depth_problem(meta_text)
    if deep:
        where = SourceLocation(path, (deep.line or 1) + 1)
        raise ManuscriptError(f"front matter (TOML): {deep.message}", where)
    try:
        meta = tomllib.loads(meta_text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        line = int(match.group(1)) if match else _first_bad_line(meta_text)
        message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", str(exc))
        raise ManuscriptError(
            f"front matter (TOML): {message}", SourceLocation(path, line + 1)
        ) from None
    return _mapping(meta, path, "TOML")


def _first_bad_line(meta_text: str) -> int:
    """The line that opens what the parser found unclosed at the end (an array, a string)."""
    lines = meta_text.split("\n")
    for count in range(1, len(lines) + 1):
        try:
            tomllib.loads("\n".join(lines[:count]))
        except tomllib.TOMLDecodeError:
            return count
    return len(lines)


def _mapping(meta: Any, path: Path, language: str) -> dict[str, Any]:
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        kind = {list: "a list", str: "a single string"}.get(type(meta), type(meta).__name__)
        raise ManuscriptError(
            f"front matter must be a mapping of keys to values (key: value lines), not {kind}",
            SourceLocation(path, 2),
        )
    return {str(key): value for key, value in meta.items()}


def _line_of_bad_date(meta_text: str) -> int | None:
    for number, line in enumerate(meta_text.splitlines(), 2):
        for y, m, d in re.findall(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", line):
            try:
                date(int(y), int(m), int(d))
            except ValueError:
                return number
    return None


def origin_line(meta_text: str, origin: str) -> int | None:
    """The file line of the key a mapped value came from: ``origin`` as dialects.py records
    it (``lastmod``, ``params.translators``, ``tags + categories``: the first one's)."""
    return key_line(meta_text, origin.split(" + ")[0].split(".")[-1])


def key_line(doc_meta_text: str, key: object) -> int | None:
    """The 1-based file line where a top-level front-matter key is written."""
    pattern = re.compile(rf"{re.escape(str(key))}\s*[:=]")
    for number, line in enumerate(doc_meta_text.splitlines(), 2):
        if pattern.match(line):
            return number
    return None
