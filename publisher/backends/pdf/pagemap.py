"""Where each laid-out print page begins (render/pagemap.py), read from WeasyPrint's pages.

Each page's first piece of content — the first text in the page's main flow (running heads,
folios and the footnote area left out), else its first picture — names the page's start:
its scope, its block and how many characters of the block earlier pages already hold. Text
is matched character by character against the block's source, so the hyphens WeasyPrint
adds at line ends and generated text (note calls) do not count, and a word hyphenated
across a page turn gives the offset inside that word (the EPUB marker goes before it).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from weasyprint.formatting_structure import boxes

from publisher.render.pagemap import PageStart, blocks, enclosing, scope_name, text_runs, visible


class _Source:
    """The print document's tree: parents, each block's index and visible text."""

    def __init__(self, root: Any) -> None:
        self.parents = {child: parent for parent in root.iter() for child in parent}
        self.index: dict[int, int] = {}
        self.text: dict[int, str] = {}
        for element in root.iter():
            if scope_name(element):
                for number, block in enumerate(blocks(element)):
                    self.index.setdefault(id(block), number)
                    runs = "".join(visible(text) for _, text, _ in text_runs(block))
                    self.text.setdefault(id(block), runs.casefold())
        self.consumed: dict[int, int] = {}
        self.places: dict[int, tuple[str | None, Any, bool]] = {}

    def place(self, element: Any) -> tuple[str | None, Any, bool]:
        key = id(element)
        if key not in self.places:
            self.places[key] = enclosing(element, self.parents.get)
        return self.places[key]

    def consume(self, block: Any, text: str) -> None:
        """Advance through the block's source by the characters ``text`` shows."""
        source, pos = self.text.get(id(block), ""), self.consumed.get(id(block), 0)
        for char in visible(text).casefold():
            if pos < len(source) and source[pos] == char:
                pos += 1
        self.consumed[id(block)] = pos


def page_starts(
    pages: Sequence[Any], root: Any, skip: frozenset | set = frozenset()
) -> list[PageStart]:
    """The start of every page of a WeasyPrint document rendered from the tree ``root``;
    labels are left empty (the caller numbers the pages of the whole book). Elements whose
    ``id`` is in ``skip`` never start a page (a figure the make-up moved)."""
    source = _Source(root)
    starts = []
    for page in pages:
        start = PageStart("")
        for box in _content(page._page_box):
            if id(box.element) in skip:
                continue
            scope, block, noted = source.place(box.element)
            if noted or scope is None:
                continue
            if start.scope is None:
                offset = source.consumed.get(id(block), 0) if block is not None else 0
                index = source.index.get(id(block), 0) if block is not None else 0
                start = PageStart("", scope, index, offset)
            if isinstance(box, boxes.TextBox) and block is not None:
                source.consume(block, box.text)
        starts.append(start)
    return starts


def _content(page_box: Any) -> Iterator[Any]:
    """The page's text and pictures in layout order, outside margin boxes and the footnote
    area."""
    for child in page_box.children:
        if not isinstance(child, (boxes.MarginBox, boxes.FootnoteAreaBox)):
            yield from _walk(child)


def _walk(box: Any) -> Iterator[Any]:
    if isinstance(box, boxes.TextBox):
        if box.text.strip() and box.element is not None:
            yield box
        return
    if isinstance(box, boxes.ReplacedBox) and box.element is not None:
        yield box
        return
    for child in getattr(box, "children", ()) or ():
        yield from _walk(child)
