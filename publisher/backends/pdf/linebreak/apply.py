"""Chosen breaks written into a paragraph's text boxes, so WeasyPrint breaks only there.

WeasyPrint (through Pango, by UAX #14) may break a line after a space, at a soft hyphen
and at a few other places. For every break the optimiser did not choose:

- after a space, or another break opportunity: a WORD JOINER (U+2060) goes before the next
  character; UAX #14 forbids a break on either side of it, it has no width, and it draws
  nothing (no glyph, nothing in the PDF's text);
- at a soft hyphen: the soft hyphen is removed.

The spaces themselves stay plain U+0020, so justification still widens them, and text
copied from the PDF is unchanged. ``restore`` puts WeasyPrint's own text back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from publisher.backends.pdf.linebreak.measure import Paragraph, Point

WORD_JOINER = "\u2060"


def apply(par: Paragraph, chosen: Iterable[int]) -> list[int]:
    """Break ``par`` only at the items ``chosen``; return where each line after the first
    begins, as positions in the paragraph's new text (see ``starts``)."""
    chosen = set(chosen)
    joins: dict[int, set[int]] = defaultdict(set)
    removed: dict[int, set[int]] = defaultdict(set)
    for index, point in par.points.items():
        if index in chosen:
            continue
        (removed if point.kind == "soft" else joins)[point.leaf].add(point.offset)
    for number, (leaf, text) in enumerate(zip(par.leaves, par.texts, strict=True)):
        leaf.text = _rewritten(text, joins.get(number, set()), removed.get(number, set()))
    return [_new_position(par, par.points[i], joins, removed) for i in sorted(chosen)]


def restore(par: Paragraph) -> None:
    """WeasyPrint's own text and styles back in every leaf."""
    for leaf, text, style in zip(par.leaves, par.texts, par.styles, strict=True):
        leaf.text, leaf.style = text, style


def set_spacing(par: Paragraph, shrink: float) -> None:
    """The paragraph's spaces ``shrink`` narrower (CSS ``word-spacing``), how lines the
    optimiser set tight fit (WeasyPrint's justification widens the spaces of every line
    but the last back to the measure, so only the last line shows it), and its letters
    spaced as they were measured (``par.tracking``, CSS ``letter-spacing``)."""
    if not shrink and not par.tracking:
        return
    for leaf, style in zip(par.leaves, par.styles, strict=True):
        leaf.style = style.copy()
        leaf.style["word_spacing"] = style["word_spacing"] - shrink
        if par.tracking:
            leaf.style["letter_spacing"] = par.tracking


def _rewritten(text: str, joins: set[int], removed: set[int]) -> str:
    if not joins and not removed:
        return text
    out = []
    for offset, char in enumerate(text):
        if offset in joins:
            out.append(WORD_JOINER)
        if offset not in removed:
            out.append(char)
    return "".join(out)


def _new_position(par: Paragraph, point: Point, joins, removed) -> int:
    """Where the line after a chosen break begins, in the new text of all leaves."""
    offset = point.offset + 1 if point.kind == "soft" else point.offset
    before = sum(len(leaf.text) for leaf in par.leaves[: point.leaf])
    moved = sum(1 for o in joins.get(point.leaf, ()) if o < offset)
    moved -= sum(1 for o in removed.get(point.leaf, ()) if o < offset)
    return normalised(par, before + offset + moved)


def normalised(par: Paragraph, position: int) -> int:
    """``position`` moved past the spaces a new line skips."""
    text = "".join(leaf.text for leaf in par.leaves)
    while position < len(text) and text[position] == " ":
        position += 1
    return position
