"""Page-break markers in the EPUB where each page of the print edition begins.

For each print page (render/pagemap.py) a ``<span epub:type="pagebreak" role="doc-pagebreak"
id="FILE-page-N" aria-label="N"/>`` goes into the XHTML page holding that place: before the block
the page starts with, or inside the block before the word it starts with (never inside a
word: a word hyphenated across the page turn gets the marker before it). A page holding
nothing of the EPUB's (a blank verso, the half-title) gets its marker with the next page's;
pages after the last place the EPUB has go at the end of its last document. The navigation
document lists every marker in its ``page-list``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from lxml import etree

from publisher.render.html import Page
from publisher.render.pagemap import PageMap, PageStart, blocks, scope_name, text_runs, visible

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
# Parents that take no span as a child: the marker goes inside the block instead.
NO_SPAN_CHILD = ("ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "tr", "colgroup", "ruby")


@dataclass(frozen=True)
class PageTarget:
    """One entry of the page-list: the page's label and the marker's address."""

    label: str
    href: str


class _Document:
    """A parsed XHTML page and the scopes it holds."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.root = etree.fromstring(page.html.encode("utf-8"))
        self.scopes = {scope_name(el): el for el in self.root.iter() if scope_name(el)}
        self.ids = {el.get("id") for el in self.root.iter() if el.get("id")}
        self.stem = page.file_name.removesuffix(".xhtml")
        self.changed = False

    def marker(self, label: str) -> tuple[etree._Element, str]:
        """A new marker for page ``label`` and its address: its id starts with the file's
        name, as every id of a chapter does, and never repeats one the page has."""
        wanted = candidate = f"{self.stem}-page-{label}"
        suffix = 1
        while candidate in self.ids:
            suffix += 1
            candidate = f"{wanted}-{suffix}"
        self.ids.add(candidate)
        return _marker(label, candidate), f"{self.page.file_name}#{candidate}"

    def markers(self, labels: list[str]) -> tuple[list[etree._Element], list[PageTarget]]:
        """Markers for several pages that begin at one place, and their page-list entries."""
        made = [self.marker(label) for label in labels]
        targets = [PageTarget(label, href) for label, (_, href) in zip(labels, made, strict=True)]
        return [element for element, _ in made], targets

    def html(self) -> str:
        head = '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n'
        return head + etree.tostring(self.root, encoding="unicode") + "\n"


def mark_pages(pages: Sequence[Page], page_map: PageMap) -> tuple[list[Page], list[PageTarget]]:
    """The pages with a marker for every print page, and the page-list entries in order."""
    documents = [_Document(page) for page in pages if "nav" not in page.properties]
    where = {name: doc for doc in documents for name in doc.scopes}
    targets: list[PageTarget] = []
    waiting: list[str] = []  # labels of pages whose place the EPUB does not have
    for start in page_map.pages:
        waiting.append(start.label)
        doc = where.get(start.scope) if start.scope else None
        if doc is None:
            continue
        markers, entries = doc.markers(waiting)
        _insert(_place(doc.scopes[start.scope], start), markers)
        targets += entries
        doc.changed = True
        waiting = []
    if waiting and documents:
        last = documents[-1]
        markers, entries = last.markers(waiting)
        _insert(_Anchor(last.root.find(f"{{{XHTML}}}body"), "end"), markers)
        targets += entries
        last.changed = True
    by_name = {doc.page.file_name: doc for doc in documents if doc.changed}
    marked = [
        replace(page, html=by_name[page.file_name].html()) if page.file_name in by_name else page
        for page in pages
    ]
    return marked, targets


@dataclass
class _Anchor:
    """Where a marker goes: before ``element``, inside it first, or inside one of its texts."""

    element: etree._Element
    mode: str  # "before" | "first" | "text" | "tail" | "end"
    index: int = 0


def _place(scope: etree._Element, start: PageStart) -> _Anchor:
    found = blocks(scope)
    if start.block >= len(found):
        return _Anchor(scope, "end")
    block = found[start.block]
    if start.offset <= 0:
        parent = block.getparent()
        inside = parent is None or etree.QName(parent).localname in NO_SPAN_CHILD
        return _Anchor(block, "first" if inside else "before")
    remaining = start.offset
    for element, text, is_tail in text_runs(block):
        count = len(visible(text))
        if remaining < count:
            return _Anchor(element, "tail" if is_tail else "text", _word_start(text, remaining))
        remaining -= count
    return _Anchor(block, "end")


def _word_start(text: str, visible_index: int) -> int:
    """The index in ``text`` where the word holding its ``visible_index``-th visible
    character begins."""
    seen = 0
    for position, char in enumerate(text):
        if char.isspace() or char == "\u00ad":
            continue
        if seen == visible_index:
            start = position
            while start > 0 and not text[start - 1].isspace():
                start -= 1
            return start
        seen += 1
    return len(text)


def _marker(label: str, marker_id: str) -> etree._Element:
    span = etree.Element(f"{{{XHTML}}}span", nsmap={"epub": OPS})
    span.set(f"{{{OPS}}}type", "pagebreak")
    span.set("role", "doc-pagebreak")
    span.set("id", marker_id)
    span.set("aria-label", label)
    return span


def _insert(anchor: _Anchor, markers: list[etree._Element]) -> None:
    """Put the markers, in order, where ``anchor`` says."""
    element, index = anchor.element, anchor.index
    if anchor.mode == "before":
        for marker in markers:
            element.addprevious(marker)
    elif anchor.mode == "end":
        for marker in markers:
            element.append(marker)
    elif anchor.mode in ("first", "text"):
        text = element.text or ""
        element.text, markers[-1].tail = text[:index], text[index:]
        for position, marker in enumerate(markers):
            element.insert(position, marker)
    else:  # "tail": inside the text that follows ``element``
        text = element.tail or ""
        element.tail, markers[-1].tail = text[:index], text[index:]
        for marker in reversed(markers):
            element.addnext(marker)
