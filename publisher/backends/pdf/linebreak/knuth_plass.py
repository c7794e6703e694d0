"""The Knuth–Plass line breaker: the breaks of a paragraph with the least total demerits.

A paragraph is a list of items (Knuth & Plass, "Breaking paragraphs into lines", 1981):
boxes (words, fixed width), glue (a space: a line may break there, and it stretches when
the line is justified) and penalties (a break point that costs something, such as a soft
hyphen, which adds the hyphen's width when taken). A line's badness grows with the cube
of how far its spaces must stretch; its demerits add a cost per line and per hyphen, more
for two hyphens in a row or a hyphen on the last full line, and more when a loose line
follows a tight one. The breaks with the least total demerits win.

Justification here only ever stretches spaces (WeasyPrint's justification never shrinks
them), so glue has no shrink and a line wider than the measure is never taken. The rules
of the house are hard limits, not costs: at most ``max_streak`` hyphenated lines in a row,
and no hyphen at all on the lines listed in ``forbidden`` (the last line of a right-hand
page, hook.py). Pure: items in, breaks out.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate, pairwise
from math import inf

BOX, GLUE, PENALTY = 0, 1, 2
FORCED = -inf  # a penalty that forces a break (the paragraph's end)
# A line with no space to stretch (a long address broken inside) cannot be justified at
# all: WeasyPrint sets it flush at its start, as ragged text. It counts as loose as the
# part of the measure it leaves empty, in tenths (a ratio of 1 for a tenth left empty).
RAGGED = 0.1


@dataclass(frozen=True, slots=True)
class Item:
    """A box, glue or penalty; ``spaces`` counts the justifiable spaces it holds (a glue
    is one; a box may hold no-break spaces, which WeasyPrint stretches too)."""

    kind: int
    width: float = 0.0
    spaces: int = 0
    penalty: float = 0.0
    flagged: bool = False  # a hyphen (soft or hard): counts for the hyphen rules
    stretch: float = 0.0  # how far its spaces together may stretch for a ratio of 1


def box(width: float, spaces: int = 0, stretch: float = 0.0) -> Item:
    """A word (or a piece of one) of this width, holding ``spaces`` no-break spaces."""
    return Item(BOX, width, spaces, stretch=stretch)


def glue(width: float, stretch: float) -> Item:
    """A space of this natural width: a break point, and stretchable."""
    return Item(GLUE, width, 1, stretch=stretch)


def penalty(width: float, cost: float, flagged: bool = False) -> Item:
    """A break point that adds ``width`` to its line when taken (a hyphen) and costs ``cost``."""
    return Item(PENALTY, width, 0, cost, flagged)


@dataclass(frozen=True)
class Measure:
    """The line: its width, the safety margin kept inside it, and how far each space
    may shrink at most (a ratio of -1); how far spaces stretch is the items' own."""

    width: float
    margin: float = 0.0
    shrink: float = 0.0
    loose: float = inf  # a mean word space wider than this makes a loose line (points)


@dataclass(frozen=True)
class Rules:
    """The costs (TeX's defaults where TeX has one) and the hard limits."""

    line_penalty: float = 10.0
    double_hyphen: float = 3000.0  # two hyphenated lines in a row
    final_hyphen: float = 5000.0  # a hyphen on the paragraph's last full line
    adjacent: float = 3000.0  # a very loose line next to a decent one
    max_streak: int = 2  # hyphenated lines in a row
    loose_line: float = 1e9  # a line whose mean word space is over the measure's ``loose``
    tolerance: float = 2.5  # first pass: no line looser than this ratio


RULES = Rules()


@dataclass(frozen=True)
class Start:
    """Where breaking starts: the paragraph's beginning, or after a break already made
    (``position`` is that break's item, ``line`` the lines before it, ``streak`` the
    hyphenated lines in a row ending there)."""

    position: int = -1
    line: int = 0
    streak: int = 0
    fitness: int = 1
    flagged: bool = False


@dataclass(frozen=True)
class Line:
    """One chosen line: the item it breaks at, its stretch ratio, and whether it ends in a
    hyphen."""

    end: int
    ratio: float
    flagged: bool
    tight: bool = False  # fits only with its spaces narrower than natural


@dataclass(slots=True)
class _Node:
    position: int
    line: int
    fitness: int
    streak: int
    flagged: bool
    total: float
    ratio: float
    previous: _Node | None
    width: float  # cumulative sums where the next line begins
    spaces: int
    stretch: float = 0.0
    glue: float = 0.0
    tight: bool = False


def breaks(
    items: list[Item],
    measure: Measure,
    rules: Rules = RULES,
    start: Start = Start(),
    forbidden: frozenset[int] = frozenset(),
) -> list[Line] | None:
    """The optimal lines of ``items`` (which end with a FORCED penalty), or None when no
    set of breaks fits the measure (a word wider than the line)."""
    sums = _Sums(items)
    for tolerance in (rules.tolerance, inf):
        found = _search(items, sums, measure, rules, start, forbidden, tolerance)
        if found is not None:
            return found
    return None


class _Sums:
    """Cumulative widths and spaces, and where a line after each break begins."""

    def __init__(self, items: list[Item]) -> None:
        self.width = [0.0, *accumulate(i.width if i.kind != PENALTY else 0.0 for i in items)]
        self.spaces = [0, *accumulate(i.spaces if i.kind != PENALTY else 0 for i in items)]
        self.stretch = [0.0, *accumulate(i.stretch if i.kind != PENALTY else 0.0 for i in items)]
        self.glue = [0.0, *accumulate(i.width if i.kind == GLUE else 0.0 for i in items)]
        self.begins = [len(items)] * (len(items) + 1)
        following = len(items)
        for index in range(len(items) - 1, -2, -1):
            self.begins[index + 1] = following  # begins[p + 1]: first box after break p
            if index >= 0 and items[index].kind == BOX:
                following = index

    def after(self, position: int) -> int:
        """The item a line begins with after a break at ``position`` (-1: the start)."""
        return 0 if position < 0 else self.begins[position + 1]


def _search(items, sums, measure, rules, start, forbidden, tolerance) -> list[Line] | None:
    """One pass of the algorithm with lines up to ``tolerance`` loose."""
    begin = sums.after(start.position)
    active = [
        _Node(
            start.position, start.line, start.fitness, start.streak, start.flagged,
            0.0, 0.0, None, sums.width[begin], sums.spaces[begin], sums.stretch[begin],
            sums.glue[begin],
        )
    ]  # fmt: skip
    last = None
    for position in range(max(begin, 0), len(items)):
        item = items[position]
        if item.kind == BOX:
            continue
        if item.kind == GLUE and (position == 0 or items[position - 1].kind != BOX):
            continue
        if item.kind == PENALTY and item.penalty == inf:
            continue
        found = _candidates(items, sums, measure, rules, forbidden, tolerance, active, position)
        if item.kind == PENALTY and item.penalty == FORCED:
            last = found
            break
        begins = sums.after(position)
        for node in found.values():
            node.width, node.spaces = sums.width[begins], sums.spaces[begins]
            node.stretch, node.glue = sums.stretch[begins], sums.glue[begins]
            active.append(node)
        if not active:
            return None
    if not last:
        return None
    return _lines(min(last.values(), key=lambda node: node.total))


def _candidates(items, sums, measure, rules, forbidden, tolerance, active, position):
    """The best new node per kind for a break at ``position``; drops active nodes that
    can no longer reach it without overfilling a line."""
    item = items[position]
    forced = item.kind == PENALTY and item.penalty == FORCED
    hyphen = item.width if item.kind == PENALTY else 0.0
    limit = measure.width - measure.margin
    found: dict[tuple, _Node] = {}
    for node in list(active):
        content = sums.width[position] - node.width
        spaces = sums.spaces[position] - node.spaces
        if content - spaces * measure.shrink > limit:
            active.remove(node)  # every later break is longer still
            continue
        natural = content + hyphen
        if natural - spaces * measure.shrink > limit:
            continue
        ratio = _ratio(measure, natural, spaces, sums.stretch[position] - node.stretch)
        if forced:
            ratio = min(ratio, 0.0)  # the last line is filled, but may be shrunk
        if ratio > tolerance:
            continue
        flagged = item.kind == PENALTY and item.flagged
        streak = node.streak + 1 if flagged else 0
        if streak > rules.max_streak or (flagged and node.line in forbidden):
            continue
        fitness = _fitness(ratio)
        total = node.total + _demerits(rules, item, node, ratio, fitness, flagged, forced)
        if not forced and spaces >= 2:
            space = (sums.glue[position] - node.glue + measure.width - natural) / spaces
            if space > measure.loose:
                total += rules.loose_line
        key = (fitness, streak, node.line + 1 if forbidden else 0)
        if key not in found or total < found[key].total:
            found[key] = _Node(
                position,
                node.line + 1,
                fitness,
                streak,
                flagged,
                total,
                ratio,
                node,
                0.0,
                0,
                tight=natural > limit,
            )
    return found


def _ratio(measure: Measure, natural: float, spaces: int, stretch: float) -> float:
    """How far the line's spaces stretch to fill the measure, in units of their stretch
    (negative: how far they shrink, in units of ``shrink``)."""
    extra = measure.width - natural
    if extra < 0:
        return extra / (spaces * measure.shrink) if spaces and measure.shrink else -1.0
    if spaces == 0 or stretch <= 0:
        return 0.0 if extra <= measure.margin * 2 else extra / (RAGGED * measure.width)
    return extra / stretch


def _fitness(ratio: float) -> int:
    """TeX's fitness classes: tight, decent, loose, very loose."""
    return 0 if ratio < -0.5 else 1 if ratio <= 0.5 else 2 if ratio <= 1 else 3


def _demerits(rules, item, node, ratio, fitness, flagged, forced) -> float:
    badness = min(100.0 * abs(ratio) ** 3, 1e10)
    demerits = (rules.line_penalty + badness) ** 2
    if item.kind == PENALTY and not forced:
        demerits += item.penalty**2 if item.penalty >= 0 else -(item.penalty**2)
    if flagged and node.flagged:
        demerits += rules.double_hyphen
    if forced and node.flagged:
        demerits += rules.final_hyphen
    if abs(fitness - node.fitness) > 1:
        demerits += rules.adjacent
    return demerits


def _lines(node: _Node) -> list[Line]:
    lines = []
    while node.previous is not None:
        lines.append(Line(node.position, node.ratio, node.flagged, node.tight))
        node = node.previous
    return lines[::-1]


def line_width(items: list[Item], start: int, end: int) -> float:
    """The natural width of a line from the break at ``start`` (-1: the paragraph's
    beginning) to the break at ``end``, with the hyphen if it breaks at one."""
    sums = _Sums(items)
    begin = sums.after(start)
    hyphen = items[end].width if items[end].kind == PENALTY else 0.0
    return sums.width[end] - sums.width[begin] + hyphen


def loose_lines(items: list[Item], measure: Measure, lines: list[Line], start: int = -1) -> int:
    """How many of the lines (but the last) have a mean word space over ``measure.loose``
    (counting lines of at least three words, as the preflight does)."""
    sums = _Sums(items)
    ends = [start, *(line.end for line in lines)]
    count = 0
    for before, end in pairwise(ends[:-1]):  # the last line is not justified
        begin = sums.after(before)
        spaces = sums.spaces[end] - sums.spaces[begin]
        hyphen = items[end].width if items[end].kind == PENALTY else 0.0
        natural = sums.width[end] - sums.width[begin] + hyphen
        glue_width = sums.glue[end] - sums.glue[begin]
        if spaces >= 2 and (glue_width + measure.width - natural) / spaces > measure.loose:
            count += 1
    return count


def greedy_agrees(items: list[Item], measure: Measure, lines: list[Line], start: int = -1) -> bool:
    """True when a greedy breaker allowed only these breaks makes these lines: no line
    could also hold the next one (by more than the margin)."""
    sums = _Sums(items)
    ends = [start, *(line.end for line in lines)]
    for before, _, following in zip(ends, ends[1:], ends[2:], strict=False):
        begin = sums.after(before)
        hyphen = items[following].width if items[following].kind == PENALTY else 0.0
        shrunk = (sums.spaces[following] - sums.spaces[begin]) * measure.shrink
        natural = sums.width[following] - sums.width[begin] + hyphen - shrunk
        if natural <= measure.width + measure.margin:
            return False
    return True


def greedy(items: list[Item], measure: Measure) -> list[Line]:
    """First fit, as WeasyPrint breaks: each line takes every item that fits (for tests and
    comparisons; a word wider than the line gets a line of its own)."""
    sums = _Sums(items)
    lines: list[Line] = []
    start, best = -1, None
    position = 0
    while position < len(items):
        item = items[position]
        breakable = (item.kind == GLUE and position and items[position - 1].kind == BOX) or (
            item.kind == PENALTY and item.penalty < inf
        )
        if breakable:
            begin = sums.after(start)
            hyphen = item.width if item.kind == PENALTY else 0.0
            natural = sums.width[position] - sums.width[begin] + hyphen
            forced = item.kind == PENALTY and item.penalty == FORCED
            if natural > measure.width and best is not None:
                lines.append(best)
                start, best = best.end, None
                position = start + 1
                continue
            spaces = sums.spaces[position] - sums.spaces[begin]
            stretch = sums.stretch[position] - sums.stretch[begin]
            ratio = 0.0 if forced else _ratio(measure, natural, spaces, stretch)
            best = Line(position, ratio, item.kind == PENALTY and item.flagged)
            if forced:
                lines.append(best)
                break
        position += 1
    return lines
