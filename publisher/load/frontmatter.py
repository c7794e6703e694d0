"""Split YAML front matter from a Markdown body, keeping line numbers for errors."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from publisher.errors import ManuscriptError, SourceLocation

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # libyaml missing: the pure-Python loader is slower, not wrong
    _Loader = yaml.SafeLoader

_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


@dataclass(frozen=True)
class Document:
    """A manuscript split in two: its metadata mapping and its Markdown body."""

    meta: dict[str, Any]
    meta_text: str
    body: str
    body_line: int  # 1-based line where the body starts


def split(text: str, path: Path) -> Document:
    """Separate ``---``-fenced YAML front matter from the body and parse it."""
    if not text.startswith("---"):
        raise ManuscriptError(
            "no front matter: the file must start with a '---' line", SourceLocation(path, 1)
        )
    first = _FENCE.match(text)
    closing = _FENCE.search(text, first.end()) if first else None
    if not first or not closing:
        raise ManuscriptError("front matter is not closed by a '---' line", SourceLocation(path, 1))
    meta_text = text[first.end() + 1 : closing.start()]
    body_line = text.count("\n", 0, closing.end()) + 2
    meta = _parse_yaml(meta_text, path)
    return Document(
        meta=meta, meta_text=meta_text, body=text[closing.end() + 1 :], body_line=body_line
    )


def _parse_yaml(meta_text: str, path: Path) -> dict[str, Any]:
    try:
        meta = yaml.load(meta_text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or "invalid YAML"
        if exc.context_mark and "end of stream" in problem:
            mark = exc.context_mark  # point at the unclosed quote, not at the end
            if "quoted scalar" in (exc.context or ""):
                problem = "a quoted value is not closed"
        line = mark.line + 2 if mark else None
        context = f" ({exc.context})" if exc.context else ""
        raise ManuscriptError(
            f"front matter: {problem}{context}", SourceLocation(path, line)
        ) from None
    except yaml.YAMLError as exc:
        raise ManuscriptError(f"front matter: {exc}", SourceLocation(path, 2)) from None
    except ValueError as exc:  # PyYAML raises this for impossible dates like 2013-13-45
        line = _line_of_bad_date(meta_text)
        raise ManuscriptError(
            f"front matter: impossible date ({exc})", SourceLocation(path, line)
        ) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        raise ManuscriptError(
            f"front matter must be a mapping of keys to values, not a {type(meta).__name__}",
            SourceLocation(path, 2),
        )
    return meta


def _line_of_bad_date(meta_text: str) -> int | None:
    for number, line in enumerate(meta_text.splitlines(), 2):
        for y, m, d in re.findall(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b", line):
            try:
                date(int(y), int(m), int(d))
            except ValueError:
                return number
    return None


def key_line(doc_meta_text: str, key: str) -> int | None:
    """The 1-based file line where a top-level front-matter key is written."""
    for number, line in enumerate(doc_meta_text.splitlines(), 2):
        if re.match(rf"{re.escape(key)}\s*:", line):
            return number
    return None
