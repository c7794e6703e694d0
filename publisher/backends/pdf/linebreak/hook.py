"""The optimiser inside one WeasyPrint render: chosen breaks, checked, and leaf turns.

``optimal_lines()`` is a context manager: while it is open, WeasyPrint's block layout
lays out each paragraph through ``Breaker.layout``, which

1. the first time a justified paragraph is laid out (its width is known then), measures
   it, finds its breaks (knuth_plass.py) and writes them into its text (apply.py);
2. lets WeasyPrint's own line loop run, then checks the lines it made: each must begin
   where the plan says and fit the measure. When they disagree on a paragraph's first
   page, that layout is undone and the paragraph is laid out again with WeasyPrint's own
   text and greedy breaks (never an overflowing line, never lost text);
3. when a page ends inside the paragraph on a right-hand (odd) page and that page's last
   line ends with a hyphen, breaks the rest of the paragraph again with a hyphen forbidden
   on that line, and lays the page's part of it out again.

Nothing is changed in WeasyPrint at import time: the block layout's line function is
swapped only inside the ``with``, and put back after.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.layout import block as weasy_block

from publisher.backends.pdf.linebreak.apply import apply, normalised, restore, set_spacing
from publisher.backends.pdf.linebreak.knuth_plass import (
    Line,
    Measure,
    Start,
    _fitness,
    breaks,
    greedy_agrees,
    loose_lines,
)
from publisher.backends.pdf.linebreak.measure import Paragraph, Widths, paragraph

TRACKING = (0.01, -0.01, 0.02)  # ems of letter spacing tried on a paragraph left loose
# Spaces are set this much narrower than the plan needs: a tight line keeps some room
# against the difference between Pango's word spacing and the plan's sum of spaces.
OVERSHRINK = 1.1
MAX_RETRIES = 3  # leaf-turn re-breaks of one paragraph
OVERFLOW = 0.01  # points a line may exceed the measure by before it counts as overflowing
# characters of a paragraph above which it is left to greedy breaking: measuring costs
# grow with the text, and a paragraph this long is a pasted dump, not prose (a 99,990-
# character word took minutes); the longest paragraphs of real prose are a few thousand
MAX_TEXT = 12_000


@dataclass
class _Plan:
    """One paragraph's chosen breaks and what the checks need."""

    par: Paragraph
    width: float
    lines: list[Line]
    starts: list[int]  # where lines 2… begin in the paragraph's new text
    measure: Measure
    forbidden: frozenset[int] = frozenset()
    line_at: dict[str, int] = field(default_factory=dict)  # resume point → lines before it
    retries: int = 0


@dataclass
class Breaker:
    """The state of the optimiser for one render, and its counts (``stats``)."""

    original: Any
    widths: Widths = field(default_factory=Widths)
    plans: dict[int, tuple[Any, _Plan | None]] = field(default_factory=dict)
    stats: Counter = field(default_factory=Counter)

    def layout(
        self, context, box, index, child, new_children, page_is_empty, absolute_boxes,
        fixed_boxes, adjoining_margins, bottom_space, position_y, skip_stack,
        first_letter_style, first_line_style, draw_bottom_decoration, max_lines,
    ):  # fmt: skip
        """WeasyPrint's ``_linebox_layout``, for a paragraph whose breaks we chose."""
        arguments = (
            context, box, index, child, new_children, page_is_empty, absolute_boxes,
            fixed_boxes, adjoining_margins, bottom_space, position_y, skip_stack,
            first_letter_style, first_line_style, draw_bottom_decoration, max_lines,
        )  # fmt: skip
        if skip_stack is None:
            why = _unsuitable(context, box, position_y, first_letter_style, first_line_style)
            plan = self._plan(box, child, why or ("line clamp" if max_lines is not None else ""))
        else:
            plan = self._known(child)
        if plan is None:
            return self.original(*arguments)
        saved = _Saved(context, box, new_children, absolute_boxes, fixed_boxes)
        result = self.original(*arguments)
        start = 0 if skip_stack is None else plan.line_at.get(_frozen(skip_stack))
        laid = new_children[saved.children :]
        if start is None:
            return result
        if not self._as_planned(plan, child, laid, start, box.width):
            self.stats["disagreed"] += 1
            if skip_stack is not None:
                return result  # earlier pages hold the plan's text: keep what WeasyPrint made
            saved.undo()
            restore(plan.par)
            self.plans[id(child)] = (child, None)
            return self.original(*arguments)
        for number, line in enumerate(laid):
            plan.line_at[_frozen(line.resume_at)] = start + number + 1
        abort, stop = result[0], result[1]
        last = start + len(laid) - 1
        at_turn = stop and not abort and laid and context.current_page % 2 == 1
        if at_turn and plan.lines[last].flagged and self._rebreak(plan, start, last):
            self.stats["leaf turns"] += 1
            saved.undo()
            return self.layout(*arguments)
        return result

    def _known(self, child) -> _Plan | None:
        found = self.plans.get(id(child))
        return found[1] if found is not None and found[0] is child else None

    def _plan(self, box, child, why: str) -> _Plan | None:
        """The paragraph's plan for this width: made (and applied) the first time; ``why``
        says why the paragraph is left alone, if it is."""
        found = self.plans.get(id(child))
        if found is not None and found[0] is child:
            plan = found[1]
            if plan is None or plan.width == box.width:
                return plan
            restore(plan.par)
        plan = None
        if not why:

            def measured(tracking: float) -> tuple[Paragraph | None, str]:
                return paragraph(box, child, self.widths, box.width, tracking)

            plan, why = _made(measured, box.width)
        self.stats[why or "optimised"] += 1
        self.plans[id(child)] = (child, plan)
        return plan

    def _rebreak(self, plan: _Plan, first: int, last: int) -> bool:
        """Break the lines from ``first`` (this page's first) on again, with no hyphen on
        ``last``; False (plan unchanged) when that cannot be done."""
        if plan.retries >= MAX_RETRIES:
            return False
        forbidden = plan.forbidden | {last}
        start = _start(plan.lines, first)
        kept = plan.lines[:first]
        restore(plan.par)
        lines = breaks(plan.par.items, plan.measure, start=start, forbidden=forbidden)
        if lines is None or not _agrees(plan.par, plan.measure, lines, start.position):
            plan.starts = apply(plan.par, _ends(plan.lines))
            self._spaces(plan)
            return False
        plan.lines = kept + lines
        plan.forbidden = forbidden
        plan.retries += 1
        plan.starts = apply(plan.par, _ends(plan.lines))
        self._spaces(plan)
        return True

    @staticmethod
    def _spaces(plan: _Plan) -> None:
        set_spacing(plan.par, plan.measure.shrink * OVERSHRINK)

    def _as_planned(self, plan: _Plan, child, laid, start: int, width: float) -> bool:
        """True when WeasyPrint's lines begin where planned and none overflows."""
        leaves = _leaf_starts(child, plan.par)
        for number, line in enumerate(laid):
            if line.width > width + OVERFLOW:
                return False
            planned = start + number
            if line.resume_at is None:
                if planned != len(plan.lines) - 1:
                    return False
                continue
            where = _position(child, line.resume_at, leaves, plan.par)
            if planned >= len(plan.starts) or where != plan.starts[planned]:
                return False
        return True


def _made(measured, width: float) -> tuple[_Plan | None, str]:
    """The optimal plan of the paragraph ``measured(tracking)`` gives, applied, or None
    and why not. When its best lines still hold a loose one, the paragraph is measured
    again with each of TRACKING's letter spacings in turn, and the one with the fewest
    loose lines wins (a typesetter's tracking of a paragraph: by a hundredth of an em)."""
    par, why = measured(0.0)
    if par is None:
        return None, why
    if sum(item.width for item in par.items) <= width - par.measure.margin:
        return None, "one line"
    best = _best(par)
    if isinstance(best, str):
        return None, best
    loose = loose_lines(par.items, best[1], best[0])
    for tracking in TRACKING if loose else ():
        other, _ = measured(tracking)
        found = _best(other) if other is not None else "no fit"
        if not isinstance(found, str) and loose_lines(other.items, found[1], found[0]) < loose:
            par, best = other, found
            loose = loose_lines(par.items, best[1], best[0])
            if not loose:
                break
    lines, measure = best
    starts = apply(par, _ends(lines))
    set_spacing(par, measure.shrink * OVERSHRINK)
    return _Plan(par, width, lines, starts, measure), "tracked" if par.tracking else ""


def _best(par: Paragraph) -> tuple[list[Line], Measure] | str:
    """The paragraph's best lines and the measure they were found with, or why none.
    Lines may be set tight (spaces narrower than natural, never by more than the
    measure's shrink); when no line needs it, or WeasyPrint would then fit more on a line
    than planned, spaces keep their natural width."""
    measure = par.measure
    lines = breaks(par.items, measure)
    if lines is not None and not _tight(lines):
        measure = replace(measure, shrink=0.0)  # the same lines: spaces keep their width
    elif lines is None or not _agrees(par, measure, lines):
        measure = replace(measure, shrink=0.0)
        lines = breaks(par.items, measure)
    if lines is None:
        return "no fit"
    if not _agrees(par, measure, lines):
        return "greedy would differ"
    return lines, measure


def _agrees(par: Paragraph, measure: Measure, lines: list[Line], start: int = -1) -> bool:
    """``greedy_agrees`` with the spaces as narrow as WeasyPrint will set them."""
    applied = replace(measure, shrink=measure.shrink * OVERSHRINK)
    return greedy_agrees(par.items, applied, lines, start)


def _tight(lines: list[Line]) -> bool:
    return any(line.tight for line in lines)


def _ends(lines: list[Line]) -> list[int]:
    """The items the lines break at, but the paragraph's end."""
    return [line.end for line in lines[:-1]]


def _start(lines: list[Line], line: int) -> Start:
    """Where breaking resumes to re-break from ``line`` on."""
    if line == 0:
        return Start()
    streak = 0
    for previous in reversed(lines[:line]):
        if not previous.flagged:
            break
        streak += 1
    before = lines[line - 1]
    return Start(before.end, line, streak, _fitness(before.ratio), before.flagged)


def _unsuitable(context, box, position_y, first_letter, first_line) -> str:
    """Why this paragraph is left to WeasyPrint's greedy breaking, or ''."""
    style = box.style
    if style["text_align_all"] != "justify":
        return "not justified"
    if style["text_align_last"] == "justify":
        return "last line justified"
    if isinstance(box, boxes.TableCellBox) or context.in_column:
        return "table or columns"
    if first_letter or first_line or box.first_letter_style or box.first_line_style:
        return "first letter or line"
    if style["max_lines"] != "none":
        return "line clamp"
    if sum(len(text.text) for text in _iter_text(box)) > MAX_TEXT:
        return "too long"
    shapes = context.excluded_shapes
    if any(shape.position_y + shape.margin_height() > position_y for shape in shapes):
        return "beside a float"
    return ""


class _Saved:
    """What a line layout changes, to undo it: lines added, notes placed, the box's top
    margin."""

    def __init__(self, context, box, new_children, absolute, fixed) -> None:
        self.context, self.box, self.new_children = context, box, new_children
        self.absolute, self.fixed = absolute, fixed
        self.children, self.counts = len(new_children), (len(absolute), len(fixed))
        self.margin_top = box.margin_top
        self.notes = (
            list(context.footnotes),
            list(context.current_page_footnotes),
            list(context.reported_footnotes),
        )

    def undo(self) -> None:
        context = self.context
        del self.new_children[self.children :]
        del self.absolute[self.counts[0] :]
        del self.fixed[self.counts[1] :]
        self.box.margin_top = self.margin_top
        now = (context.footnotes, context.current_page_footnotes, context.reported_footnotes)
        if any(list(a) != b for a, b in zip(now, self.notes, strict=True)):
            for current, saved in zip(now, self.notes, strict=True):
                current[:] = saved
            context._update_footnote_area()


def _frozen(stack: dict | None) -> str:
    return repr(stack)


def _leaf_starts(child, par: Paragraph) -> dict[int, int]:
    """id(leaf) → where its text begins in the paragraph's new text."""
    starts, total = {}, 0
    for leaf in par.leaves:
        starts[id(leaf)] = total
        total += len(leaf.text)
    return starts


def _position(child, stack: dict, leaves: dict[int, int], par: Paragraph) -> int:
    """The paragraph-text position a WeasyPrint resume point names."""
    node = child
    while True:
        (index, inner), = stack.items()  # fmt: skip
        children = node.children
        if index >= len(children):
            return normalised(par, _end(node, leaves))
        node = children[index]
        if isinstance(node, boxes.TextBox):
            base = leaves.get(id(node), 0)
            if inner is None:
                return normalised(par, base)
            (skip, _), = inner.items()  # fmt: skip
            return normalised(par, base + len(node.text.encode()[:skip].decode()))
        if inner is None:
            return normalised(par, _begin(node, leaves))
        stack = inner


def _begin(node, leaves: dict[int, int]) -> int:
    for leaf in _iter_text(node):
        if id(leaf) in leaves:
            return leaves[id(leaf)]
    return _end(node, leaves)


def _end(node, leaves: dict[int, int]) -> int:
    last = None
    for leaf in _iter_text(node):
        if id(leaf) in leaves:
            last = leaf
    return 0 if last is None else leaves[id(last)] + len(last.text)


def _iter_text(node) -> Iterator[Any]:
    if isinstance(node, boxes.TextBox):
        yield node
    for child in getattr(node, "children", ()) or ():
        yield from _iter_text(child)


@contextmanager
def optimal_lines(enabled: bool = True) -> Iterator[Breaker | None]:
    """While open, WeasyPrint breaks justified paragraphs where the optimiser chooses."""
    if not enabled:
        yield None
        return
    original = weasy_block._linebox_layout
    breaker = Breaker(original)
    weasy_block._linebox_layout = breaker.layout
    try:
        yield breaker
    finally:
        weasy_block._linebox_layout = original
