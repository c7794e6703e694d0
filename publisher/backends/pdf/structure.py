"""One structure tree for a tagged book merged from chunk PDFs (see pdf_merge.py).

A tagged chunk has a StructTreeRoot over one Document element, whose kids are the elements
of the chunk's pages, and a parent tree that maps each page's marked-content ids and each
link annotation to its element. The book keeps the first chunk's root and Document
element; the other chunks' Document kids join that Document in book order. The parent tree
is written anew and keyed as one render keys it: page n is key n, then the link
annotations in page order. The empty Divs of a chunk's anchor stubs and padding
(stand-ins, not content) are dropped; table-header ids are made unique across chunks and
listed in an IDTree.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pikepdf

from publisher.errors import BackendError

MAPS = ("/RoleMap", "/ClassMap")  # structure-root dictionaries merged name by name


class StructureTree:
    """The book's structure tree, gathered chunk by chunk in book order."""

    def __init__(self, book: pikepdf.Pdf, page_objects: list[pikepdf.Object]) -> None:
        self.book = book
        self.page_objects = page_objects  # the book's pages, in order (book.pages[n] is O(n))
        self.document = _document(book, 0)
        self.kids: list[pikepdf.Dictionary] = []  # the Document element's kids
        self.pages: list[pikepdf.Object] = []  # parent-tree entry of each page
        self.marks: list[tuple[pikepdf.Object, pikepdf.Object]] = []  # (annotation, element)
        self.ids: dict[str, pikepdf.Object] = {}
        self.maps: dict[str, pikepdf.Dictionary] = {}

    def add(self, index: int, source: pikepdf.Pdf, pages: range, stand_ins: int) -> None:
        """Take the structure of chunk ``index``, which became the book's ``pages``;
        ``stand_ins`` empty Divs at its end (anchor stubs, padding) are not content."""
        root = source.Root.StructTreeRoot
        own = _document(source, index)
        _drop_stand_ins(own, stand_ins)
        parts = pikepdf.Dictionary({"/ParentTree": root.ParentTree, "/Document": own})
        for key in MAPS:
            if key in root:
                parts[key] = root[key]
        if index:
            del own["/P"]  # so the copy stops at the Document, without the chunk's root
            parts = self.book.copy_foreign(source.make_indirect(parts))
        entries = _numbers(parts.ParentTree)
        self._adopt(parts.Document, entries.values(), f"c{index}-" if index else "")
        for number in pages:
            page = self.page_objects[number]
            self.pages.append(_entry(entries, page.get("/StructParents"), index))
            for annotation in page.get("/Annots", ()):
                if "/StructParent" in annotation:
                    element = _entry(entries, annotation.StructParent, index)
                    self.marks.append((annotation, element))
        for key in MAPS:
            merged = self.maps.setdefault(key, pikepdf.Dictionary())
            for name, value in parts.get(key, {}).items():
                if name not in merged:  # the same stylesheet everywhere: first one wins
                    merged[name] = value

    def _adopt(
        self, own: pikepdf.Dictionary, entries: Iterable[pikepdf.Object], prefix: str
    ) -> None:
        """Make the chunk's elements the book Document's: kids, /P, unique ids."""
        seen = {own.objgen}
        for kid in _kids(own):
            kid.P = self.document
            self.kids.append(kid)
        for element in _elements(own, seen):
            if prefix:
                _rename_ids(element, prefix)
            if "/ID" in element:
                self.ids[str(element.ID)] = element
        for entry in entries:  # elements no walk reaches: WeasyPrint's margin boxes
            for element in entry if isinstance(entry, pikepdf.Array) else [entry]:
                _climb(element, own, self.document, seen)

    def write(self) -> None:
        """Write the tree: Document kids, parent tree, ids, role and class maps."""
        root = self.book.Root.StructTreeRoot
        self.document.K = pikepdf.Array(self.kids)
        nums: list[int | pikepdf.Object] = []
        for key, entry in enumerate(self.pages):
            self.page_objects[key].StructParents = key
            nums += [key, entry]
        for key, (annotation, element) in enumerate(self.marks, len(self.pages)):
            annotation.StructParent = key
            nums += [key, element]
        tree = pikepdf.Dictionary(Nums=pikepdf.Array(nums))
        root.ParentTree = self.book.make_indirect(tree)
        root.ParentTreeNextKey = len(self.pages) + len(self.marks)
        if self.ids:
            ids = pikepdf.NameTree.new(self.book)
            for name in sorted(self.ids):
                ids[name] = self.ids[name]
            root.IDTree = ids.obj
        for key, value in self.maps.items():
            if len(value):
                root[key] = value


def _document(pdf: pikepdf.Pdf, index: int) -> pikepdf.Dictionary:
    """The one Document element WeasyPrint puts at the top of a chunk's structure tree."""
    root = pdf.Root.get("/StructTreeRoot")
    kids = [] if root is None else root.get("/K", [])
    kids = [kids] if isinstance(kids, pikepdf.Dictionary) else list(kids)
    if len(kids) != 1 or kids[0].get("/S") != pikepdf.Name.Document or "/Namespaces" in root:
        raise BackendError(f"chunk {index} of the PDF has no structure tree publisher can merge")
    return kids[0]


def _numbers(tree: pikepdf.Dictionary) -> dict[int, pikepdf.Object]:
    """A number tree (WeasyPrint writes a flat one) as a dict."""
    nums = list(tree.get("/Nums", []))
    found = {int(key): value for key, value in zip(nums[::2], nums[1::2], strict=True)}
    for kid in tree.get("/Kids", []):
        found.update(_numbers(kid))
    return found


def _entry(entries: dict, key: object, index: int) -> pikepdf.Object:
    """The parent-tree entry under ``key``; a BackendError if the chunk has none."""
    if key is None or int(key) not in entries:
        raise BackendError(f"chunk {index} of the PDF maps a page or link to no structure")
    return entries[int(key)]


def _drop_stand_ins(document: pikepdf.Dictionary, count: int) -> None:
    """Drop up to ``count`` empty Divs that end the Document: stubs and padding elements."""
    kids = list(document.K)
    while count and kids and kids[-1].get("/S") == pikepdf.Name.Div and not kids[-1].get("/K"):
        kids.pop()
        count -= 1
    document.K = pikepdf.Array(kids)


def _kids(element: pikepdf.Dictionary) -> list[pikepdf.Dictionary]:
    """The structure elements among an element's kids (not its MCIDs or object refs)."""
    kids = element.get("/K", [])
    kids = [kids] if isinstance(kids, pikepdf.Dictionary) else kids
    return [kid for kid in kids if isinstance(kid, pikepdf.Dictionary) and "/S" in kid]


def _elements(top: pikepdf.Dictionary, seen: set) -> Iterator[pikepdf.Dictionary]:
    """Every element under ``top``, each once; their object numbers are added to ``seen``."""
    stack = _kids(top)
    while stack:
        element = stack.pop()
        seen.add(element.objgen)
        yield element
        stack.extend(_kids(element))


def _climb(element: pikepdf.Object, old: pikepdf.Object, new: pikepdf.Object, seen: set) -> None:
    """Climb from ``element`` to the top of its tree and point that top's /P at ``new``."""
    while element.objgen not in seen:
        seen.add(element.objgen)
        parent = element.get("/P")
        if parent is None or parent.objgen == old.objgen:
            element.P = new
            return
        element = parent


def _rename_ids(element: pikepdf.Dictionary, prefix: str) -> None:
    """Prefix an element's id and the header ids it refers to (WeasyPrint numbers them per
    file, so two chunks may use the same)."""
    if "/ID" in element:
        element.ID = pikepdf.String(prefix + str(element.ID))
    attributes = element.get("/A")
    for attribute in attributes if isinstance(attributes, pikepdf.Array) else [attributes]:
        if isinstance(attribute, pikepdf.Dictionary) and "/Headers" in attribute:
            headers = [pikepdf.String(prefix + str(h)) for h in attribute.Headers]
            attribute.Headers = pikepdf.Array(headers)
