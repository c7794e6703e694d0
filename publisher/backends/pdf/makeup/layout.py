"""What a WeasyPrint layout did with the article bodies, page by page.

Read from the laid-out boxes (never from the PDF): each page's article (its chapter
section's id), the numbered body blocks on it (tree.py) with their top, bottom and lines,
and where the page's text could have gone down to (the foot of the text block, or the top
of the footnote area). Everything is per article and counted from its own first page, so a
change in one article never moves what another's reading says.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from weasyprint.formatting_structure import boxes

from publisher.backends.pdf.makeup.tree import FROM, KEY

FLOATS = ("figure", "table")  # blocks that may move to the top of the next page


@dataclass
class Placed:
    """One numbered block's part on one page."""

    block: int
    tag: str
    start: int  # its piece's first letter (tree.FROM)
    top: float
    bottom: float
    lines: int  # line boxes (a table's rows) of it on this page
    letters: int  # letters and digits its lines on this page show
    floats: bool  # a figure or a short table: may move
    padding: float = 0.0  # its padding-bottom (a table's margin-bottom: tables have none)
    continued: bool = False  # it began on an earlier page
    ends: list[int] = field(default_factory=list)  # letters on each of its lines here
    spacing: float = 0.0  # the word spacing its lines were set with (a tight paragraph's)


@dataclass
class Sheet:
    """One page of one article."""

    number: int  # in the document, from 0
    right: bool
    blocks: list[Placed] = field(default_factory=list)
    foot: float = 0.0  # how far down the text could go
    line: float = 0.0  # the body's line height here
    other: float = 0.0  # the lowest bottom of the article's other boxes (header, credits)
    top: float = 0.0  # the top of the text block
    notes: bool = False  # the page has footnotes
    base: float = 0.0  # the baseline of the article's last line on the page
    note_base: float = 0.0  # the baseline of the footnotes' last line
    note_pad: float = 0.0  # the footnote area's padding-bottom

    @property
    def bottom(self) -> float:
        """Where the page's text ends."""
        return max([b.bottom for b in self.blocks] + [self.other])

    @property
    def lines(self) -> int:
        return sum(b.lines for b in self.blocks)


def read(document: Any) -> dict[str, list[Sheet]]:
    """Each article's pages (by chapter id), in order."""
    articles: dict[str, list[Sheet]] = defaultdict(list)
    for number, page in enumerate(document.pages):
        box = page._page_box
        for chapter in _chapters(box):
            sheet = Sheet(number, box.page_type.side == "right", foot=_foot(box))
            sheet.top, sheet.notes = box.content_box_y(), sheet.foot < _foot(box, notes=False)
            if sheet.notes:
                sheet.note_base, sheet.note_pad = _note_base(_note_area(box))
            _collect(chapter, sheet)
            if sheet.blocks:
                sheets = articles[chapter.element.get("id")]
                _mark_continued(sheets[-1] if sheets else None, sheet)
                sheets.append(sheet)
    for sheets in articles.values():  # pages without paragraphs: the article's line
        heights = sorted(s.line for s in sheets if s.line)
        for sheet in sheets:
            sheet.line = sheet.line or (heights[len(heights) // 2] if heights else 0.0)
    return dict(articles)


def _chapters(page_box: Any) -> list[Any]:
    found = []

    def visit(box: Any) -> None:
        element = box.element
        if element is not None and element.tag == "section" and "chapter" in _classes(box):
            found.append(box)
            return
        if isinstance(box, boxes.ParentBox) and not isinstance(box, boxes.LineBox):
            for child in box.children:
                if not isinstance(child, (boxes.MarginBox, boxes.FootnoteAreaBox)):
                    visit(child)

    visit(page_box)
    return found


def _classes(box: Any) -> list[str]:
    return (box.element.get("class") or "").split()


def _foot(page_box: Any, notes: bool = True) -> float:
    """The foot of the page's text: the text block's, or the top of its footnotes."""
    foot = page_box.content_box_y() + page_box.height
    area = _note_area(page_box)
    if notes and area is not None:
        foot = min(foot, area.position_y)
    return foot


def _note_area(page_box: Any) -> Any | None:
    """The page's footnote area, when it holds notes."""
    for child in page_box.children:
        if isinstance(child, boxes.FootnoteAreaBox) and child.children:
            return child
    return None


def _note_base(area: Any) -> tuple[float, float]:
    """The baseline of the footnote area's last line, and the area's padding-bottom."""
    lines = [b for b in _descendants(area) if isinstance(b, boxes.LineBox)]
    base = max((b.position_y + b.baseline for b in lines), default=0.0)
    return base, area.padding_bottom


def _descendants(box: Any) -> list[Any]:
    found = [box]
    for child in getattr(box, "children", ()) or ():
        found.extend(_descendants(child))
    return found


def _mark_continued(before: Sheet | None, sheet: Sheet) -> None:
    """Blocks on ``sheet`` that the page before held the beginning of."""
    if before is None or before.number != sheet.number - 1:
        return
    held = {(b.block, b.start) for b in before.blocks}
    for placed in sheet.blocks:
        placed.continued = (placed.block, placed.start) in held


def _collect(chapter: Any, sheet: Sheet) -> None:
    """The article's numbered blocks on this page, and the bottom of the rest."""
    heights: list[float] = []

    def visit(box: Any) -> None:
        element = box.element
        if (
            element is not None
            and element.get(KEY) is not None
            and not box.element_tag.endswith(("::before", "::after", "::marker"))
        ):
            sheet.blocks.append(_placed(box, heights))
            return
        if isinstance(box, boxes.LineBox) or not isinstance(box, boxes.ParentBox):
            sheet.other = max(sheet.other, _bottom(box))
            return
        for child in box.children:
            visit(child)

    visit(chapter)
    lines = [b for b in _descendants(chapter) if isinstance(b, boxes.LineBox)]
    sheet.base = max((b.position_y + b.baseline for b in lines), default=0.0)
    merged: dict[tuple[int, int], Placed] = {}
    for placed in sheet.blocks:  # a table's wrapper and its table are one block
        key = (placed.block, placed.start)
        if key in merged:
            merged[key].bottom = max(merged[key].bottom, placed.bottom)
        else:
            merged[key] = placed
    sheet.blocks = list(merged.values())
    sheet.line = sorted(heights)[len(heights) // 2] if heights else 0.0


def _placed(box: Any, heights: list[float]) -> Placed:
    element = box.element
    lines, letters = _lines(box, heights)
    line_boxes = [c for c in getattr(box, "children", ()) if isinstance(c, boxes.LineBox)]
    short_table = element.tag == "table" and "long-block" not in (element.get("class") or "")
    return Placed(
        int(element.get(KEY)), element.tag, int(element.get(FROM, "0")),
        box.border_box_y(), _text_bottom(box), lines, letters,
        element.tag == "figure" or short_table,
        box.margin_bottom if element.tag == "table" else box.padding_bottom,
        ends=[_letters(line) for line in line_boxes],
        spacing=min((t.style["word_spacing"] for t in _texts(box)), default=0.0),
    )  # fmt: skip


def _texts(box: Any) -> list[Any]:
    if isinstance(box, boxes.TextBox):
        return [box]
    return [t for child in getattr(box, "children", ()) or () for t in _texts(child)]


def _bottom(box: Any) -> float:
    return box.border_box_y() + box.border_height()


def _text_bottom(box: Any) -> float:
    """The bottom of a block's last line on the page (a block broken over a page is as
    tall as the page), or of the block itself when it ends here or holds no lines."""
    last = None

    def visit(child: Any) -> None:
        nonlocal last
        if isinstance(child, boxes.LineBox):
            last = child
            return
        for grandchild in getattr(child, "children", ()) or ():
            visit(grandchild)

    visit(box)
    if last is None or box.element.tag in FLOATS:
        return _bottom(box)
    return min(_bottom(box), last.position_y + last.height + box.padding_bottom)


def _lines(box: Any, heights: list[float]) -> tuple[int, int]:
    """Line boxes (table rows) under ``box`` and the letters and digits they show."""
    if isinstance(box, boxes.LineBox):
        if box.element is not None and box.element.tag == "p":
            heights.append(box.height)
        return 1, _letters(box)
    if isinstance(box, boxes.TableRowBox):
        return 1, 0
    lines = letters = 0
    for child in getattr(box, "children", ()) or ():
        if isinstance(child, boxes.FootnoteAreaBox):
            continue
        n, k = _lines(child, heights)
        lines, letters = lines + n, letters + k
    return lines, letters


def _letters(box: Any) -> int:
    if box.element_tag and "::" in box.element_tag:
        return 0  # generated text: a note's call, a list marker
    if isinstance(box, boxes.TextBox):
        return sum(ch.isalnum() for ch in box.text)
    return sum(_letters(child) for child in getattr(box, "children", ()) or ())
