"""Limits on what one manuscript may ask of a build, so hostile input fails fast and clearly.

Python-Markdown recurses once per level of nested quotes and lists and slows down
quadratically inside one very long paragraph; WeasyPrint recurses once per level of
nested elements. Without limits a pasted file can hang a build for hours or end it with
a RecursionError. Each limit below is checked before the expensive step and reported as
an error naming the file and line; the values are documented in the README
("Limits and safety").
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from publisher.errors import ManuscriptError, SourceLocation

MAX_MANUSCRIPT_BYTES = 4 * 2**20  # a long novel is 1-2 MiB; an article is rarely 100 KiB
MAX_BLOCK_CHARS = 100_000  # one paragraph (text between blank lines) outside code blocks
MAX_NESTING = 20  # levels of block quotes and lists in Markdown
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
MAX_DEPTH = 50  # levels of nested elements in an article body (raw HTML included)
CONVERT_SECONDS = 60  # wall-clock time to convert one article body
MAX_IMAGE_BYTES = 50 * 2**20  # one image file

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_PREFIX = re.compile(r"^(?:[ \t]|>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*")
_RULE = re.compile(r"^[ \t>]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


class ConversionTimeout(BaseException):
    """Raised inside a conversion that ran past its deadline.

    A BaseException, so that no `except Exception` inside a library can swallow it.
    """


def check_size(size: int, path: Path) -> None:
    """Refuse a manuscript file larger than MAX_MANUSCRIPT_BYTES before reading it."""
    if size > MAX_MANUSCRIPT_BYTES:
        raise ManuscriptError(
            f"file is {size / 2**20:.1f} MiB; a manuscript may be at most "
            f"{MAX_MANUSCRIPT_BYTES // 2**20} MiB (split it into several articles)",
            SourceLocation(path),
        )


def check_markdown(body: str, path: Path, body_line: int) -> None:
    """Refuse Markdown nested deeper than MAX_NESTING or with a paragraph over MAX_BLOCK_CHARS.

    Runs before conversion: the Markdown library would recurse or crawl on such input.
    ``body_line`` is the file line the body starts on, so errors point into the file.
    """
    block_start, block_chars, fence = 0, 0, ""
    for number, line in enumerate(body.split("\n")):
        opened = _FENCE.match(line)
        if fence:
            fence = "" if opened and opened.group(1)[0] == fence[0] else fence
            continue
        if opened:
            fence = opened.group(1)
            continue
        if not line.strip():
            block_chars = 0
            continue
        if not block_chars:
            block_start = number
        block_chars += len(line) + 1
        where = SourceLocation(path, body_line + number)
        if block_chars > MAX_BLOCK_CHARS:
            raise ManuscriptError(
                f"a paragraph of more than {MAX_BLOCK_CHARS:,} characters starts on line "
                f"{body_line + block_start}; break it up with blank lines",
                where,
            )
        if nesting(line) > MAX_NESTING:
            raise ManuscriptError(
                f"block quotes or lists nested more than {MAX_NESTING} levels deep", where
            )


def nesting(line: str) -> int:
    """How many quote and list levels a Markdown line's prefix opens (an upper bound)."""
    prefix = _PREFIX.match(line)
    text = prefix.group(0).expandtabs(4) if prefix else ""
    if _RULE.match(line):  # "* * * *" is a thematic break, not a list
        return text.count(">")
    markers = len(re.findall(r">|[-*+](?= )|\d[.)](?= )", text))
    return markers + text.count("    ")


def html_depth(html: str) -> int:
    """The deepest element nesting in an HTML fragment (counted without building a tree).

    lxml's HTML parser silently drops elements beyond 255 levels, so the depth is measured
    on the text before it is parsed. The text is the sanitiser's output: no comments, no
    script, ``<`` in text escaped; so start and end tags can be read with one expression.
    """
    open_tags: list[str] = []
    deepest = 0
    for match in _TAG.finditer(html):
        closing, tag = match.group(1), match.group(2).lower()
        if not closing and tag not in _VOID:
            open_tags.append(tag)
            deepest = max(deepest, len(open_tags))
        elif closing and tag in open_tags:
            while open_tags.pop() != tag:
                pass
    return deepest


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ConversionTimeout in the block after ``seconds`` of wall-clock time.

    Uses SIGALRM, so it only applies on the main thread of a Unix process; elsewhere the
    block runs unbounded (the size and nesting limits still hold).
    """
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ConversionTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
