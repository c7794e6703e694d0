"""The make-up passes: lay out, read the pages back, correct the tree, lay out again.

Rules, in order, one correction per article and round (articles start on a new page, so
corrections in different articles never interfere):

1. **A figure that jumped** — a figure or short table at the head of a page whose previous
   page, in the same article, ends more than GAP_LINES lines short — moves down the text to
   where the previous page would end without it (found by a layout without it), splitting
   the paragraph there: the text fills the page, the figure heads the next. Its article is
   put on the grid (rule 3) in the same round, before the letters are counted.
2. **A short end** — an article's last page holding fewer than MIN_TAIL lines — pulls lines
   over: the paragraph broken at the page turn keeps more lines for the last page
   (``widows``), or the block opening the last page keeps with the one before.
3. **Facing pages of unequal depth** — two full pages of a spread whose text ends more than
   TOLERANCE apart — put the article on the line grid: each block whose height is not a
   whole number of body lines (a picture, a table, the opener's header) is padded to the
   next line, so every block starts on a line of the page's grid.
4. **Footnotes off the grid** — a page with notes facing a full page without, the notes'
   last baseline not on the full page's — pad the footnote area (once, for every page).

A book whose first layout breaks no rule is laid out once. Each round costs one layout
(two when a figure moves); at most MAX_ROUNDS rounds. The text is never changed: the
letters of the book are counted before and after, and a correction that would change them
is dropped.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from publisher.backends.pdf.makeup import layout
from publisher.backends.pdf.makeup.layout import Sheet
from publisher.backends.pdf.makeup.tree import (
    Edit,
    Move,
    PageCss,
    Remove,
    Style,
    apply,
    bodies,
    letters,
)

GAP_LINES = 1.5  # a page ending this many lines short of its foot before a figure has a gap
MIN_TAIL = 3  # lines of an article on its last page
MAX_ROUNDS = 6
MAX_GRIDS = 2  # grid corrections per article (a moved figure may need a second)
TOLERANCE = 1.0  # px: facing pages whose text ends further apart are unequal
SNAP = 0.5  # px: a block this close to the grid is on it
PAGES = ""  # the corrections of the pages themselves, not of one article

Source = Any  # weasyprint.HTML
Render = Callable[[Source], Any]  # source → weasyprint Document


@dataclass
class MadeUp:
    """The final layout, its source and what the make-up did."""

    source: Source
    document: Any
    original: Any  # the tree as first laid out (page starts are named in it)
    edits: list[Edit] = field(default_factory=list)
    layouts: int = 1


def make_up(fresh: Callable[[], Source], render: Render) -> MadeUp:
    """Lay the document out (``fresh`` parses it anew, ``render`` lays a source out) and
    correct its make-up (the module docstring's rules)."""
    source = fresh()
    apply(source.etree_element, [])
    total = _letters(source)
    result = MadeUp(source, render(source), source.etree_element)
    state = _State()
    for _ in range(MAX_ROUNDS):
        actions = state.actions(layout.read(result.document))
        if not actions:
            break
        for article, (kind, found) in actions.items():
            if kind != "jump":
                state.record(article, kind, found)
        jumps = {a: found for a, (kind, found) in actions.items() if kind == "jump"}
        if jumps:  # measured with this round's padding, which comes before the figures
            moves = _moves(fresh, render, state.edits(), jumps)
            result.layouts += 1
            for article in jumps:
                state.record(article, "jump", [moves[article]] if article in moves else [])
        trial = fresh()
        apply(trial.etree_element, state.edits())
        if _letters(trial) != total:  # never lose or repeat text: keep the last good layout
            break
        layouts = result.layouts + 1
        result = MadeUp(trial, render(trial), result.original, state.edits(), layouts)
    return result


class _State:
    """Each article's corrections so far, and which rules it has had."""

    def __init__(self) -> None:
        self.by_article: dict[str, list[Edit]] = {}
        self.done: set[tuple[str, str]] = set()
        self.grids: dict[str, int] = {}

    def actions(self, pages: dict[str, list[Sheet]]) -> dict[str, tuple[str, Any]]:
        """The one correction each article needs next, by the rules' order (and the
        footnotes' padding, the pages' own)."""
        found: dict[str, tuple[str, Any]] = {}
        if (PAGES, "notes") not in self.done and (pad := notes_on_grid(pages)):
            found[PAGES] = ("notes", [pad])
        for article, sheets in pages.items():
            if (article, "jump") not in self.done and (jump := figure_jump(sheets)):
                if not self.grids.get(article) and (grid := on_grid(sheets)):
                    self.record(article, "grid", grid)  # the figure moves on the grid
                found[article] = ("jump", jump)
            elif (article, "end") not in self.done and (end := short_end(sheets)):
                found[article] = ("end", end)
            elif self._needs_grid(article, sheets) and (grid := on_grid(sheets)):
                found[article] = ("grid", grid)
        return found

    def _needs_grid(self, article: str, sheets: list[Sheet]) -> bool:
        """Unequal facing pages need the grid."""
        return self.grids.get(article, 0) < MAX_GRIDS and unequal_spread(sheets)

    def record(self, article: str, kind: str, edits: list[Edit]) -> None:
        """Add a correction. Padding to the grid moves every later line, so a figure moved
        by letters counted before it goes back and is placed again on the new layout."""
        mine = self.by_article.setdefault(article, [])
        if kind == "grid":
            for move in [e for e in mine if isinstance(e, Move)]:
                if any(e.block < move.anchor and e.block != move.block for e in edits):
                    mine.remove(move)
                    self.done.discard((article, "jump"))
            self.grids[article] = self.grids.get(article, 0) + 1
        mine.extend(edits)
        self.done.add((article, kind))

    def edits(self) -> list[Edit]:
        return [edit for edits in self.by_article.values() for edit in edits]


def _letters(source: Source) -> int:
    return sum(letters(body) for body in _bodies(source))


def _bodies(source: Source) -> list[Any]:
    return list(bodies(source.etree_element))


def figure_jump(sheets: list[Sheet]) -> tuple[int, int] | None:
    """(page index in the article, figure block) of the first figure heading a page after a
    page of the article left with a gap, text following it to fill the gap."""
    for index in range(1, len(sheets)):
        before, sheet = sheets[index - 1], sheets[index]
        if sheet.number != before.number + 1 or not sheet.blocks or not before.blocks:
            continue
        first = sheet.blocks[0]
        if not first.floats or first.start or not _followed(sheets, index, first.block):
            continue
        gap = before.foot - before.bottom
        if before.line and gap > GAP_LINES * before.line:
            return index - 1, first.block
    return None


def _followed(sheets: list[Sheet], index: int, block: int) -> bool:
    """True when the article goes on after ``block`` (there is text to fill the gap)."""
    return any(b.block != block for s in sheets[index:] for b in s.blocks)


def short_end(sheets: list[Sheet]) -> list[Edit] | None:
    """The corrections that give the article's last page MIN_TAIL lines, if it has fewer."""
    if len(sheets) < 2:
        return None
    last, before = sheets[-1], sheets[-2]
    lines = last.lines
    if lines >= MIN_TAIL or any(b.floats for b in last.blocks) or not before.blocks:
        return None
    need = MIN_TAIL - lines
    opening = last.blocks[0]
    ending = before.blocks[-1]
    if ending.block == opening.block and opening.tag == "p":  # a paragraph broken over
        return [Style(opening.block, f"widows: {opening.lines + need}", piece=opening.start)]
    edits: list[Edit] = [Style(opening.block, "break-before: avoid", piece=opening.start)]
    if ending.tag == "p":
        edits.append(Style(ending.block, f"widows: {max(2, need)}", piece=ending.start))
    return edits


def unequal_spread(sheets: list[Sheet]) -> bool:
    """True when two full facing pages of the article (neither its last) end apart."""
    for left, right in itertools.pairwise(sheets[:-1]):
        facing = not left.right and right.number == left.number + 1
        if facing and abs(_depth(left) - _depth(right)) > TOLERANCE:
            return True
    return False


def _depth(sheet: Sheet) -> float:
    """Where the page's text ends, its footnotes at the foot of the text block."""
    return sheet.foot if sheet.notes else sheet.bottom


def notes_on_grid(pages: dict[str, list[Sheet]]) -> PageCss | None:
    """Padding under the footnotes that puts their last baseline on the last baseline of a
    full page, when some page with notes faces one without."""
    for sheets in pages.values():
        for left, right in itertools.pairwise(sheets[:-1]):
            if left.right or right.number != left.number + 1 or left.notes == right.notes:
                continue
            notes, plain = (left, right) if left.notes else (right, left)
            full = plain.line and plain.bottom > plain.foot - plain.line
            shift = notes.note_base - plain.base
            if full and SNAP < shift < plain.line and notes.note_pad + shift >= 0:
                pad = notes.note_pad + shift
                return PageCss(f"@page {{ @footnote {{ padding-bottom: {pad:.2f}px; }} }}")
    return None


def on_grid(sheets: list[Sheet]) -> list[Edit]:
    """Padding that puts each block's successor on the page's line grid."""
    edits: list[Edit] = []
    for sheet in sheets:
        line = sheet.line
        for block, after in itertools.pairwise(sheet.blocks):
            origin = sheet.top if block.continued else block.top
            short = (origin - after.top) % line if line else 0.0
            if SNAP < short < line - SNAP:
                side = "margin" if block.tag == "table" else "padding"
                pad = f"{side}-bottom: {block.padding + short:.2f}px"
                edits.append(Style(block.block, pad, piece=block.start))
    return edits


def _moves(
    fresh: Callable[[], Source],
    render: Render,
    edits: list[Edit],
    jumps: dict[str, tuple[int, int]],
) -> dict[str, Move]:
    """Where each jumping figure goes: after what the page before it holds in a layout
    without it."""
    trial = fresh()
    apply(trial.etree_element, [*edits, *(Remove(f) for _, f in jumps.values())])
    measured = layout.read(render(trial))
    moves: dict[str, Move] = {}
    for article, (index, figure) in jumps.items():
        sheets = measured.get(article, [])
        if index >= len(sheets):
            continue
        later = [b for b in sheets[index].blocks if b.block > figure]
        if not later:
            continue
        last = later[-1]
        if last.tag == "p" and _continues(sheets, index, last):
            parts = [b for s in sheets[: index + 1] for b in s.blocks
                     if b.block == last.block and b.start == last.start]  # fmt: skip
            ends = list(itertools.accumulate(n for b in parts for n in b.ends))
            chars = last.start + ends[-1]
            lines = tuple(last.start + n for n in ends[:-1])
            moves[article] = Move(figure, last.block, chars, lines, last.spacing)
        else:
            moves[article] = Move(figure, last.block)
    return moves


def _continues(sheets: list[Sheet], index: int, placed) -> bool:
    """True when the block goes on over the page after ``index``."""
    if index + 1 >= len(sheets):
        return False
    after = sheets[index + 1].blocks
    return any(b.block == placed.block and b.start == placed.start for b in after)
