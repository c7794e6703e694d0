"""Merge chunk PDFs into one book with pikepdf: pages, links, bookmarks and stamped folios.

Each chunk PDF comes from WeasyPrint with its own named destinations (where links point)
and its own outline. The merged book gets one destination tree, in which an anchor a chunk
really holds wins over a stub another chunk carried only so its links would resolve, and
one outline, rebuilt from every chunk's bookmarks with WeasyPrint's own tree algorithm so
it nests exactly as in a single render.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from weasyprint.document import Document

SCALE = 0.75  # CSS px → PDF points, as WeasyPrint writes them


@dataclass(frozen=True)
class Piece:
    """A chunk PDF in book order; ``stubs`` if some of its anchors are only stand-ins."""

    path: Path
    stubs: bool = False


@dataclass
class _Page:
    """What WeasyPrint's bookmark-tree builder reads of a page."""

    height: float
    bookmarks: list


class _Pages:
    """Stands in for a Document: the bookmark-tree builder only reads ``pages``."""

    def __init__(self, heights: list[float], bookmarks: list[list]) -> None:
        self.pages = [_Page(h, b) for h, b in zip(heights, bookmarks, strict=True)]


def merge(
    pieces: list[Piece],
    folios: list[tuple[int, Path]],
    heights: list[float],
    bookmarks: list[list],
    target: Path,
) -> int:
    """Write the merged book to ``target``; return its page count.

    ``folios`` are (first page index, PDF) runs whose pages are stamped on the book's;
    ``heights`` and ``bookmarks`` describe every page of the book, in order.
    """
    book = pikepdf.open(pieces[0].path)
    sources = [book, *(pikepdf.open(piece.path) for piece in pieces[1:])]
    offsets, total = [], 0
    for source in sources:
        offsets.append(total)
        total += len(source.pages)
    with warnings.catch_warnings():  # named destinations are rebuilt below
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        for source in sources[1:]:
            book.pages.extend(source.pages)
    _destinations(book, pieces, sources, offsets)
    _outline(book, Document.make_bookmark_tree(_Pages(heights, bookmarks), SCALE, True))
    for first, path in folios:
        with pikepdf.open(path) as stamps:
            for number, stamp in enumerate(stamps.pages):
                _stamp(book, book.pages[first + number], stamp, first + number)
    book.save(target, deterministic_id=True)
    count = len(book.pages)
    for source in sources:
        source.close()
    return count


def _stamp(book: pikepdf.Pdf, page: pikepdf.Page, stamp: pikepdf.Page, number: int) -> None:
    """Draw ``stamp`` (a page of the same size) over page ``number`` of the book.

    Like pikepdf's ``add_overlay``, but under a name of our own, so that the same book always
    gives the same bytes; one name per page, as WeasyPrint's pages share their resources.
    """
    form = book.copy_foreign(stamp.as_form_xobject())
    name = page.add_resource(form, pikepdf.Name.XObject, pikepdf.Name(f"/Folio{number}"))
    placement = page.calc_form_xobject_placement(form, name, pikepdf.Rectangle(page.trimbox))
    page.contents_add(b"q\n", prepend=True)
    page.contents_add(b"\nQ\nq\n" + placement + b"\nQ\n")


def _destinations(
    book: pikepdf.Pdf, pieces: list[Piece], sources: list[pikepdf.Pdf], offsets: list[int]
) -> None:
    """One named-destination tree for the book; real anchors override stubs."""
    found: dict[str, tuple[int, list]] = {}
    order = sorted(range(len(pieces)), key=lambda i: not pieces[i].stubs)
    for index in order:
        source = sources[index]
        names = source.Root.get("/Names")
        if names is None or "/Dests" not in names:
            continue
        local = {page.obj.objgen: n for n, page in enumerate(source.pages)}
        for name, dest in pikepdf.NameTree(names.Dests).items():
            found[name] = (offsets[index] + local[dest[0].objgen], list(dest)[1:])
    tree = pikepdf.NameTree.new(book)
    for name in sorted(found):
        page, rest = found[name]
        tree[name] = pikepdf.Array([book.pages[page].obj, *rest])
    if "/Names" not in book.Root:
        book.Root.Names = pikepdf.Dictionary()
    book.Root.Names.Dests = tree.obj


def _outline(book: pikepdf.Pdf, tree: list) -> None:
    """Replace the outline with ``tree`` (WeasyPrint's (label, target, children, state))."""
    with book.open_outline() as outline:
        outline.root.clear()
        outline.root.extend(_items(tree))


def _items(tree: list) -> list[pikepdf.OutlineItem]:
    items = []
    for label, (page, x, y), children, state in tree:
        item = pikepdf.OutlineItem(label, page, pikepdf.PageLocation.XYZ, left=x, top=y, zoom=0)
        item.children.extend(_items(children))
        item.is_closed = state == "closed"
        items.append(item)
    return items
