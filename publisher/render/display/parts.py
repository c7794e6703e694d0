"""A part opener's heading: its number label ("Part One") and its title ("Working Waters").

A title that already begins with its own label, as ``"Part One: Working Waters"`` does, is
split there and its label kept as written; otherwise the label is made from the book's
words (``part`` and ``part_numbers`` in render/labels.py). ``[[parts]] label`` overrides
both: a text of its own, or ``""`` for a part with no label at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publisher.model import Part, Publication
from publisher.render.labels import Labels

# Where a written label ends and the title begins: a colon, a dash or a full stop.
_SEPARATOR = re.compile(r"\s*(?::|\.|\s[–—-])\s+")
MAX_LABEL_WORDS = 4  # "Part One", "Primera parte", "Teil 3": a label is short


@dataclass(frozen=True)
class PartHeading:
    """What a part opener prints: ``label`` (may be empty) above ``title``."""

    label: str
    title: str
    intro: tuple[str, ...] = ()  # paragraphs

    @property
    def text(self) -> str:
        """Label and title on one line, for the contents and the bookmarks."""
        return f"{self.label}: {self.title}" if self.label else self.title


def part_heading(pub: Publication, part: Part, labels: Labels) -> PartHeading:
    """The heading of ``part``, numbered among the book's titled parts."""
    title = part.title or ""
    intro = tuple(p for p in re.split(r"\n\s*\n", part.intro or "") if p.strip())
    if part.label is not None:
        return PartHeading(part.label.strip(), title, intro)
    written = split_label(title, labels)
    if written:
        return PartHeading(*written, intro)
    titled = [p.slug for p in pub.parts if p.title]
    number = titled.index(part.slug) + 1 if part.slug in titled else 1
    return PartHeading(part_label(number, labels), title, intro)


def part_label(number: int, labels: Labels) -> str:
    """'Part One', 'Primera parte', 'חלק ראשון'; past the book's number words, 'Part 13'."""
    words = labels.text("part_numbers").split()
    word = words[number - 1] if 0 < number <= len(words) else str(number)
    return labels.text("part", number=word)


def split_label(title: str, labels: Labels) -> tuple[str, str] | None:
    """``("Part One", "Working Waters")`` from ``"Part One: Working Waters"``: a short
    prefix holding the book's word for a part (or its English one), then a separator."""
    match = _SEPARATOR.search(title)
    if not match or not title[match.end() :].strip():
        return None
    prefix = title[: match.start()].strip()
    words = prefix.casefold().split()
    part_words = {_part_word(labels.texts["part"]), "part"}
    if 0 < len(words) <= MAX_LABEL_WORDS and part_words & set(words):
        return prefix, title[match.end() :].strip()
    return None


def _part_word(template: str) -> str:
    """The word for a part in a ``part`` label: 'parte' from '{number} parte'."""
    return template.replace("{number}", " ").strip().casefold().split()[0]
