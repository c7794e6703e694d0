"""An article's title when its front matter gives none: a heading, the navigation, the file name.

In order: the heading that opens the body (any level, after blank lines and HTML comments),
else the body's first ``# Heading``; else the title the project's navigation gives
(SUMMARY.md, the MkDocs nav: ``ArticleContext.title``); else the file name made readable,
with a note. A heading taken as the title leaves the body, so the book does not print it
twice; its lines become blank, so line numbers stay right.

A heading that opens most chapters of a folder with the same words is the book's own name
(``book_heading``): it is not a chapter title; the next heading is.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from publisher.load.body.locate import mask_code

_ATX = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RULE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ATTRIBUTES = re.compile(r"\s*\{:?\s*(?:[#.][\w:.-]+\s*)+\}\s*$")  # ## Title {#id}
MIN_SHARED = 3  # chapters that must open with the same heading before it counts as the book's


@dataclass(frozen=True)
class TitleHeading:
    """A heading that can serve as the title, and the body without it."""

    text: str
    line: int  # 0-based line in the body
    rest: str  # the body with the heading blanked out (line numbers stay right)
    leading: bool  # the body's first block
    level: int = 1


def headings(body: str) -> list[TitleHeading]:
    """Every heading of the body, in order (code blocks and HTML comments left aside)."""
    if "#" not in body and "=" not in body and "-" not in body:
        return []
    masked = mask_code(_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), body))
    lines = masked.split("\n")
    found, leading = [], True
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        heading = _heading_at(lines, number)
        if heading:
            text, level, count = heading
            found.append(TitleHeading(text, number, _blank(body, number, count), leading, level))
        leading = False
    return found


def heading_title(body: str) -> TitleHeading | None:
    """The heading that names the article: the opening heading of any level, else the
    first level-1 heading; None when there is neither."""
    found = headings(body)
    if found and found[0].leading:
        return found[0]
    return next((h for h in found if h.level == 1), None)


def opening_heading(body: str) -> str | None:
    """The text of the heading a body opens with, if it opens with one."""
    found = headings(body)
    return found[0].text if found and found[0].leading else None


def shared_opening(openings: Iterable[str | None]) -> str | None:
    """The heading that opens most chapters (at least MIN_SHARED): the book's own name."""
    seen = [o for o in openings]
    counts = Counter(_key(o) for o in seen if o)
    if not counts:
        return None
    key, count = counts.most_common(1)[0]
    if count < MIN_SHARED or count * 2 <= len(seen):
        return None
    return next(o for o in seen if o and _key(o) == key)


def readable_name(stem: str) -> str:
    """A file name as a title: ``appendix-01-keywords`` → "Appendix 01: Keywords"."""
    words = [w for w in re.split(r"[-_\s]+", stem) if w]
    if len(words) > 1 and words[0].isdigit():
        words = words[1:]  # an ordering prefix: 01-introduction
    if not words:
        return stem
    words = [w[:1].upper() + w[1:] for w in words]
    number = next((i for i, w in enumerate(words) if i and w.isdigit()), None)
    if number is not None and number + 1 < len(words):
        return " ".join(words[: number + 1]) + ": " + " ".join(words[number + 1 :])
    return " ".join(words)


def same_title(a: object, b: str) -> bool:
    """Two spellings of one title: case, quotes, dashes and spacing aside."""
    return isinstance(a, (str, int, float)) and _key(str(a)) == _key(b)


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _heading_at(lines: list[str], number: int) -> tuple[str, int, int] | None:
    """(text, level, lines it takes) when a heading starts at line ``number``."""
    line = lines[number]
    match = _ATX.match(line)
    if match:
        text = _ATTRIBUTES.sub("", match.group(2).strip()).strip().strip("#").strip()
        return (text, len(match.group(1)), 1) if text else None
    below = lines[number + 1] if number + 1 < len(lines) else ""
    after_blank = number == 0 or not lines[number - 1].strip()
    rule = _SETEXT_RULE.match(below)
    if after_blank and rule and not line.startswith((" " * 4, "\t")):
        if line.lstrip().startswith(("-", "*", "+", ">", "|")):
            return None  # a list item or a quotation over a rule, not a heading
        text = _ATTRIBUTES.sub("", line.strip())
        return text, 1 if rule.group(1)[0] == "=" else 2, 2
    return None


def _blank(body: str, number: int, count: int) -> str:
    lines = body.split("\n")
    lines[number : number + count] = [""] * count
    return "\n".join(lines)


# Each manuscript's opening heading by a digest of its first characters: a process that
# builds again (``publisher serve``) reads every file but parses only the changed ones'
# front matter (9 of a 1,000-article EPUB rebuild's 49 seconds, measured).
_OPENINGS: dict[bytes, str | None] = {}
_OPENINGS_KEPT = 20_000


def book_heading(paths: list[Path]) -> str | None:
    """The heading that opens most of these Markdown manuscripts (the book's own name), or
    None; files that cannot be read are left to their reader to report."""
    openings = []
    for path in paths:
        if path.suffix.lower() not in (".md", ".markdown"):
            continue
        try:
            text = path.read_text(encoding="utf-8-sig", errors="replace")[:20000]
        except Exception:
            openings.append(None)
            continue
        openings.append(_opening(text, path))
    return shared_opening(openings)


def _opening(text: str, path: Path) -> str | None:
    """``opening_heading`` of the body of a manuscript's text (remembered by its digest)."""
    from publisher.load.readers.frontmatter import split

    key = hashlib.sha256(text.encode("utf-8", "surrogatepass")).digest()
    if key not in _OPENINGS:
        try:
            found = opening_heading(split(text, path).body)
        except Exception:
            found = None
        if len(_OPENINGS) >= _OPENINGS_KEPT:
            _OPENINGS.clear()
        _OPENINGS[key] = found
    return _OPENINGS[key]
