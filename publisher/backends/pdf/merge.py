"""Merge chunk PDFs into one book with pikepdf: pages, links, bookmarks, stamped folios and,
for tagged variants, one structure tree.

Each chunk PDF comes from WeasyPrint with its own named destinations (where links point)
and its own outline. The merged book gets one destination tree, in which an anchor a chunk
really holds wins over a stub another chunk carried only so its links would resolve, and
one outline, rebuilt from every chunk's bookmarks with WeasyPrint's own tree algorithm so
it nests exactly as in a single render.

A tagged book (every variant but ``none``) keeps the first chunk's catalogue (language,
MarkInfo, viewer preferences, XMP metadata, output intents) and gets one structure tree
(pdf_structure.py); its folios are stamped as pagination artifacts.
"""

from __future__ import annotations

import hashlib
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pikepdf
from weasyprint.document import Document

from publisher.backends.pdf.folios import MARKS, DrawnFolios, draw_folios
from publisher.backends.pdf.structure import StructureTree

SCALE = 0.75  # CSS px → PDF points, as WeasyPrint writes them
ARTIFACT = b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n"  # a stamped folio
ICC_BASED = pikepdf.Name.ICCBased


@dataclass(frozen=True)
class Piece:
    """A chunk PDF in book order.

    ``stubs`` names the empty anchor stand-ins at the end of its document (they lose to the
    real anchors of other chunks), ``pad`` says a padding element follows them; neither is
    content, so their structure elements are dropped from a tagged book.
    """

    path: Path
    stubs: tuple[str, ...] = ()
    pad: bool = False


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
    drawn: DrawnFolios | None = None,
) -> int:
    """Write the merged book to ``target``; return its page count.

    ``drawn`` draws the folios into the pages (pdf_folios.py); else ``folios`` are (first
    page index, PDF) runs of rendered folio pages stamped on the book's. ``heights`` and
    ``bookmarks`` describe every page of the book, in order.
    """
    book = pikepdf.open(pieces[0].path)
    sources = [book, *(pikepdf.open(piece.path) for piece in pieces[1:])]
    counts = [len(source.pages) for source in sources]
    offsets = [sum(counts[:n]) for n in range(len(sources))]
    with warnings.catch_warnings():  # named destinations are rebuilt below
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)
        for source in sources[1:]:
            book.pages.extend(source.pages)
    pages = list(book.pages)  # looked up once: each book.pages[n] walks the page tree
    objects = [page.obj for page in pages]
    _destinations(book, pieces, sources, offsets, objects)
    _outline(book, Document.make_bookmark_tree(_Pages(heights, bookmarks), SCALE, True), objects)
    tagged = "/StructTreeRoot" in book.Root
    if tagged:
        structure = StructureTree(book, objects)
        for index, source in enumerate(sources):
            span = range(offsets[index], offsets[index] + counts[index])
            structure.add(index, source, span, len(pieces[index].stubs) + pieces[index].pad)
        structure.write()
    for first, path in folios:
        with pikepdf.open(path) as stamps:
            for number, stamp in enumerate(stamps.pages):
                form = stamp.as_form_xobject()
                if tagged:
                    form.write(_unmarked(form))
                _place(pages[first + number], first + number, book.copy_foreign(form), tagged)
    if drawn is not None:
        draw_folios(book, pages, drawn, partial(_place, tagged=tagged))
    _share_profiles(book)
    book.save(  # object streams, as WeasyPrint writes: the other chunks' objects join them
        target,
        deterministic_id=True,
        fix_metadata_version=False,  # the first chunk's XMP, byte for byte
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )
    count = len(book.pages)
    for source in sources:
        source.close()
    return count


def _place(page: pikepdf.Page, number: int, form: pikepdf.Object, tagged: bool) -> None:
    """Draw a folio ``form`` (of the page's size, already in the book) over page ``number``.

    Like pikepdf's ``add_overlay``, but under a name of our own, so that the same book always
    gives the same bytes; one name per page, as WeasyPrint's pages share their resources.
    In a tagged book the folio is a pagination artifact: a rendered folio page's own marked
    content (ids of the folio document's structure tree, which is not merged) is removed.
    """
    name = page.add_resource(form, pikepdf.Name.XObject, pikepdf.Name(f"/Folio{number}"))
    placement = page.calc_form_xobject_placement(form, name, pikepdf.Rectangle(page.trimbox))
    page.contents_add(b"q\n", prepend=True)
    if tagged:
        page.contents_add(b"\nQ\n" + ARTIFACT + b"q\n" + placement + b"\nQ\nEMC\n")
    else:
        page.contents_add(b"\nQ\nq\n" + placement + b"\nQ\n")


def _unmarked(stream: pikepdf.Stream) -> bytes:
    """A content stream without its marked-content operators (BDC, BMC, EMC)."""
    kept = [
        instruction
        for instruction in pikepdf.parse_content_stream(stream)
        if str(getattr(instruction, "operator", "")) not in MARKS
    ]
    return pikepdf.unparse_content_stream(kept)


def _share_profiles(book: pikepdf.Pdf) -> None:
    """Keep one copy of each ICC profile (the PDF/X and PDF/A output intents): every chunk
    and folio run brought its own, named in its colour spaces and its pages' groups."""
    kept: dict[bytes, pikepdf.Object] = {}
    for holder, key in _colour_space_holders(book):
        space = holder[key]
        if isinstance(space, pikepdf.Array) and len(space) == 2 and space[0] == ICC_BASED:
            profile = space[1]
            found = hashlib.sha256(profile.read_raw_bytes()).digest() + repr(profile.N).encode()
            holder[key] = pikepdf.Array([space[0], kept.setdefault(found, profile)])


def _colour_space_holders(book: pikepdf.Pdf) -> Iterator[tuple[pikepdf.Object, str]]:
    """(dictionary, key) of each colour space of the book's pages and of the forms stamped
    on them: colour-space resources and transparency groups, each dictionary once."""
    seen: set[tuple[int, int]] = set()
    for page in book.pages:
        yield from _group_space(page.obj)
        resources = page.obj.get("/Resources")
        if resources is None or not _first_time(resources, seen):
            continue
        xobjects = resources.get("/XObject", {}).values()
        forms = [x for x in xobjects if x.get("/Subtype") == pikepdf.Name.Form]
        for owner in (page.obj, *forms):
            if owner is not page.obj:
                yield from _group_space(owner)
            spaces = owner.get("/Resources", {}).get("/ColorSpace")
            if spaces is not None and _first_time(spaces, seen):
                yield from ((spaces, name) for name in list(spaces))


def _group_space(owner: pikepdf.Object) -> Iterator[tuple[pikepdf.Object, str]]:
    """The colour space of a page's or form's transparency group, if it has one."""
    group = owner.get("/Group")
    if isinstance(group, pikepdf.Dictionary) and "/CS" in group:
        yield group, "/CS"


def _first_time(obj: pikepdf.Object, seen: set[tuple[int, int]]) -> bool:
    """Whether an indirect object is met for the first time (a direct one always is)."""
    if not obj.is_indirect:
        return True
    if obj.objgen in seen:
        return False
    seen.add(obj.objgen)
    return True


def _destinations(
    book: pikepdf.Pdf,
    pieces: list[Piece],
    sources: list[pikepdf.Pdf],
    offsets: list[int],
    pages: list[pikepdf.Object],
) -> None:
    """One named-destination tree for the book; real anchors win over stubs."""
    found: dict[str, tuple[int, list]] = {}
    stand_ins: dict[str, tuple[int, list]] = {}
    for index, (piece, source) in enumerate(zip(pieces, sources, strict=True)):
        names = source.Root.get("/Names")
        if names is None or "/Dests" not in names:
            continue
        local = {page.obj.objgen: n for n, page in enumerate(source.pages)}
        for name, dest in pikepdf.NameTree(names.Dests).items():
            place = (offsets[index] + local[dest[0].objgen], list(dest)[1:])
            (stand_ins if name in piece.stubs else found)[name] = place
    for name, place in stand_ins.items():
        found.setdefault(name, place)
    tree = pikepdf.NameTree.new(book)
    for name in sorted(found):
        page, rest = found[name]
        tree[name] = pikepdf.Array([pages[page], *rest])
    if "/Names" not in book.Root:
        book.Root.Names = pikepdf.Dictionary()
    book.Root.Names.Dests = tree.obj


def _outline(book: pikepdf.Pdf, tree: list, pages: list[pikepdf.Object]) -> None:
    """Replace the outline with ``tree`` (WeasyPrint's (label, target, children, state))."""
    with book.open_outline() as outline:
        outline.root.clear()
        outline.root.extend(_items(tree, pages))


def _items(tree: list, pages: list[pikepdf.Object]) -> list[pikepdf.OutlineItem]:
    items = []
    for label, (page, x, y), children, state in tree:
        # [page /XYZ left top 0], as pikepdf builds it from a page number, without its lookup
        target = pikepdf.Array([pages[page], pikepdf.Name.XYZ, x, y, 0])
        item = pikepdf.OutlineItem(label, target)
        item.children.extend(_items(children, pages))
        item.is_closed = state == "closed"
        items.append(item)
    return items
