"""Which article a WeasyPrint failure comes from, so that it is reported at its file.

WeasyPrint raises from deep inside layout or drawing, about a box, with a message that
names no element. The box is still there, in a local variable of the frames the exception
went through: the innermost one leads to the element, its ancestors to the chapter's
``<section id="slug">``, the slug to the article and its manuscript. The element's first
words, looked for in that manuscript, give the line. When the traceback holds no box (a
failure outside layout), the book is cut in halves and each half rendered alone until
one article is left (``bisect``); a failure no single article makes is the book's own.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from publisher.errors import BackendError, SourceLocation
from publisher.model import Article, Chapter, Publication

SNIPPET_WORDS = 8  # words of the failing element quoted in the message
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Blame:
    """Where in the book document a failure happened: the chapter section's id (None when
    outside every chapter, or unknown), the failing element's tag and its first words."""

    section: str | None = None
    tag: str | None = None
    text: str = ""


class RenderFailure(BackendError):
    """A WeasyPrint failure with its Blame, not yet tied to an article: what a chunk's
    worker process sends back (its arguments are all it holds, so it pickles)."""

    def __init__(self, reason: str, blame: Blame) -> None:
        super().__init__(f"WeasyPrint failed: {reason}")
        self.args = (reason, blame)
        self.reason = reason
        self.blame = blame


def blame(exc: BaseException, root: ET.Element | None) -> Blame:
    """The Blame of ``exc``, raised while WeasyPrint rendered the document ``root``."""
    element = failing_element(exc)
    if element is None or root is None:
        return Blame()
    parents = {child: parent for parent in root.iter() for child in parent}
    section, ancestor = None, element
    while ancestor is not None and section is None:
        if ancestor.tag == "section" and "chapter" in (ancestor.get("class") or "").split():
            section = ancestor.get("id")
        ancestor = parents.get(ancestor)
    words = " ".join("".join(element.itertext()).split()).split(" ")
    text = " ".join(words[:SNIPPET_WORDS])
    return Blame(section, element.tag if isinstance(element.tag, str) else None, text)


def failing_element(exc: BaseException) -> ET.Element | None:
    """The element of the innermost WeasyPrint box (or styled element) in the traceback."""
    frames = []
    tb = exc.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    for frame in reversed(frames):
        named = frame.f_locals.get("element")
        if isinstance(named, ET.Element):
            return named
        for value in frame.f_locals.values():
            found = _element_of(value)
            if found is not None:
                return found
    return None


def _element_of(value: object) -> ET.Element | None:
    """The element a box stands for (or a cssselect2 wrapper wraps), if any."""
    for candidate in (getattr(value, "element", None), getattr(value, "etree_element", None)):
        if isinstance(candidate, ET.Element):
            return candidate
    return None


def located(pub: Publication, message: str, found: Blame) -> BackendError:
    """The error to report: at the failing article's file and line when ``found`` names
    a chapter, else at the book's folder."""
    chapter = _chapter(pub, found.section)
    if chapter is None:
        return BackendError(f"WeasyPrint failed: {message}", SourceLocation(pub.root))
    article = chapter.article
    where = f" in <{found.tag}> “{found.text}”" if found.tag and found.text else ""
    line = source_line(article.origin.path, found.text) if found.text else None
    return BackendError(
        f"WeasyPrint failed on this article{where}: {message}",
        SourceLocation(article.origin.path, line or article.origin.line),
    )


def _chapter(pub: Publication, slug: str | None) -> Chapter | None:
    return next((ch for ch in pub.chapters() if slug and ch.slug == slug), None)


def source_line(path: Path, text: str) -> int | None:
    """The 1-based line of ``path`` where ``text`` (rendered words: markup, quotes and
    dashes aside) starts, matching as many of its first words as occur together."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").split("\n")
    except OSError:
        return None
    tokens = [(w.lower(), n) for n, line in enumerate(lines, 1) for w in _WORD.findall(line)]
    wanted = [w.lower() for w in _WORD.findall(text)]
    words = [w for w, _ in tokens]
    for size in range(min(len(wanted), SNIPPET_WORDS), 0, -1):
        if size < min(3, len(wanted)):
            break
        needle = wanted[:size]
        for start in range(len(words) - size + 1):
            if words[start : start + size] == needle:
                return tokens[start][1]
    return None


def bisect(pub: Publication, fails: Callable[[Publication], bool]) -> Article | None:
    """The one article whose publication alone still ``fails`` (renders with an error),
    halving the book each time; None when no single article fails on its own."""
    if fails(only(pub, ())):
        return None  # the front or back matter fails with no article at all
    chapters: Sequence[Chapter] = pub.chapters()
    while len(chapters) > 1:
        half = len(chapters) // 2
        for piece in (chapters[:half], chapters[half:]):
            if fails(only(pub, piece)):
                chapters = piece
                break
        else:
            return None
    if len(chapters) == 1 and fails(only(pub, chapters)):
        return chapters[0].article
    return None


def only(pub: Publication, chapters: Sequence[Chapter]) -> Publication:
    """``pub`` with only ``chapters`` (and the parts that hold them)."""
    keep = {id(ch) for ch in chapters}
    parts = []
    for part in pub.parts:
        held = tuple(ch for ch in part.chapters if id(ch) in keep)
        if held:
            parts.append(replace(part, chapters=held))
    return replace(pub, parts=tuple(parts))
