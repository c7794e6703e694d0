"""The make-up rules (backends/pdf/makeup/passes.py) on pages described by hand: what each
rule asks for, without a layout."""

from __future__ import annotations

from publisher.backends.pdf.makeup.layout import Placed, Sheet
from publisher.backends.pdf.makeup.passes import (
    figure_jump,
    notes_on_grid,
    on_grid,
    short_end,
    unequal_spread,
)
from publisher.backends.pdf.makeup.tree import PageCss, Style

LINE, TOP, FOOT = 20.0, 72.0, 792.0  # px: 36 lines of 20 px


def block(number, top, lines, tag="p", start=0, **extra):
    bottom = top + lines * LINE
    return Placed(number, tag, start, top, bottom, lines, lines * 50, tag == "figure", **extra)


def sheet(number, *blocks, **extra):
    return Sheet(number, number % 2 == 1, list(blocks), FOOT, LINE, top=TOP, **extra)


def test_a_figure_at_a_page_head_after_a_gap_jumped():
    before = sheet(2, block(1, TOP, 20))  # 16 lines empty under it
    after = sheet(3, block(2, TOP, 25, tag="figure"), block(3, TOP + 500, 5))
    assert figure_jump([before, after]) == (0, 2)
    full = sheet(2, block(1, TOP, 35))  # the page before is full: nothing jumped
    assert figure_jump([full, after]) is None


def test_a_last_page_of_two_lines_pulls_one_more_over():
    before = sheet(2, block(1, TOP, 36))
    last = sheet(3, block(1, TOP, 2))  # the same paragraph: two lines over the turn
    assert short_end([before, last]) == [Style(1, "widows: 3")]
    alone = sheet(3, block(2, TOP, 1))  # a paragraph of its own: it keeps with the one before
    assert short_end([before, alone]) == [Style(2, "break-before: avoid"), Style(1, "widows: 2")]
    assert short_end([before, sheet(3, block(2, TOP, 4))]) is None


def test_blocks_off_the_line_grid_are_padded_to_the_next_line():
    figure = block(2, TOP + 5 * LINE, 0, tag="figure")
    figure.bottom = figure.top + 233.0  # a picture: not a whole number of lines
    text = block(3, figure.bottom + 12.0, 4)
    edits = on_grid([sheet(2, block(1, TOP, 5), figure, text)])
    assert edits == [Style(2, "padding-bottom: 15.00px")]  # 245 + 15 = 13 lines


def test_facing_pages_ending_apart_are_unequal():
    left, right = sheet(2, block(1, TOP, 36)), sheet(3, block(1, TOP, 35))
    last = sheet(4, block(1, TOP, 3))
    assert unequal_spread([left, right, last])
    assert not unequal_spread([left, sheet(3, block(1, TOP, 36)), last])


def test_footnotes_end_on_the_baseline_of_a_full_page():
    plain = sheet(2, block(1, TOP, 36), base=TOP + 35 * LINE + 15)
    notes = sheet(3, block(1, TOP, 30), notes=True, note_base=plain.base + 6.5, note_pad=0.0)
    pad = notes_on_grid({"a": [plain, notes, sheet(4, block(1, TOP, 3))]})
    assert pad == PageCss("@page { @footnote { padding-bottom: 6.50px; } }")
