"""PDF/UA touches WeasyPrint's tagged PDF lacks: page furniture as artifacts, links in /Link.

WeasyPrint marks a page's margin boxes (folios, running heads) as content of elements the
structure tree never reaches (PDF 1.7 has no artifact elements). PDF/UA-1 (ISO 14289-1,
7.8) wants them as pagination artifacts, so their marked content becomes ``/Artifact`` and
they leave the parent tree (the page's other ids renumbered 0, 1, ...). WeasyPrint also
gives each inline box inside a link its own annotation, some parented to a Span inside the
link, or to a Link element of their own holding nothing but the annotation (no text: a
reader announces an empty link). Each annotation moves into the outermost /Link, which
holds the link's text (7.18.5), and nested Links give it their kids.
A table's header cells get a /Scope (7.5): Column in the table head, Row elsewhere.
Runs on the written file, in single and chunked builds alike; the bytes stay reproducible.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf

PRINT_FLAG = 4  # annotation flag bit 3: Print


def finish_tags(path: Path) -> None:
    """Rewrite the tagged PDF at ``path`` in place; an untagged file is left alone."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        tree = _parent_tree(root)
        if tree is None:
            return
        document = _document(root)
        for page in pdf.pages:
            _artifact_furniture(pdf, page, tree, document)
        _gather_links(pdf, tree, _positions(root.ParentTree.Nums))
        _flatten_links(pdf, root)
        _header_scopes(root.get("/K"), in_head=False)
        pdf.save(
            path,
            deterministic_id=True,
            fix_metadata_version=False,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )


def _parent_tree(root) -> dict[int, pikepdf.Object] | None:
    """The parent tree's number → value, when it is one flat /Nums array (as WeasyPrint's)."""
    if root is None or "/ParentTree" not in root or "/Nums" not in root.ParentTree:
        return None
    nums = root.ParentTree.Nums
    return {int(nums[i]): nums[i + 1] for i in range(0, len(nums) - 1, 2)}


def _document(root) -> pikepdf.Object | None:
    kids = root.get("/K")
    if isinstance(kids, pikepdf.Array):
        kids = kids[0] if len(kids) else None
    return kids if isinstance(kids, pikepdf.Dictionary) else None


def _is_furniture(element, document) -> bool:
    """An element WeasyPrint made for a margin box: its parents do not list it as a kid,
    so the structure tree never reaches it (footnotes, also NonStructs, are reached)."""
    seen = 0
    while isinstance(element, pikepdf.Dictionary) and seen < 16:
        parent = element.get("/P")
        if document is not None and element.objgen == document.objgen:
            return False
        if not isinstance(parent, pikepdf.Dictionary) or not _lists(parent, element):
            return True
        element, seen = parent, seen + 1
    return False


def _lists(parent, element) -> bool:
    kids = parent.get("/K")
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return any(isinstance(k, pikepdf.Dictionary) and k.objgen == element.objgen for k in kids)


def _artifact_furniture(pdf: pikepdf.Pdf, page: pikepdf.Page, tree, document) -> None:
    """The page's furniture marked content becomes /Artifact; its elements are dropped."""
    if "/StructParents" not in page.obj:
        return
    marks = tree.get(int(page.obj.StructParents))
    if not isinstance(marks, pikepdf.Array):
        return
    furniture = {
        mcid
        for mcid, element in enumerate(marks)
        if isinstance(element, pikepdf.Dictionary) and _is_furniture(element, document)
    }
    if not furniture:
        return
    kept = [mcid for mcid in range(len(marks)) if mcid not in furniture]
    renumber = {old: new for new, old in enumerate(kept)}  # the content keeps ids 0, 1, …
    changed = []
    for operands, operator in pikepdf.parse_content_stream(page.obj):
        mcid = _mcid(operands) if str(operator) == "BDC" else None
        if mcid in furniture:
            operands = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)]
        elif mcid is not None and mcid in renumber and renumber[mcid] != mcid:
            operands = [operands[0], pikepdf.Dictionary(MCID=renumber[mcid])]
        changed.append(pikepdf.ContentStreamInstruction(operands, operator))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(changed))
    for old, new in renumber.items():
        if old != new:
            _renumber(marks[old], page.obj, old, new)
    elements = [marks[old] for old in kept]
    del marks[len(kept) :]
    for index, element in enumerate(elements):
        marks[index] = element


def _renumber(element, page, old: int, new: int) -> None:
    """In ``element``'s kids, marked-content id ``old`` of ``page`` becomes ``new``."""
    if not isinstance(element, pikepdf.Dictionary):
        return
    kids = element.get("/K")
    own_page = "/Pg" not in element or element.Pg.objgen == page.objgen
    if isinstance(kids, int) and own_page and int(kids) == old:
        element.K = new
        return
    for index, kid in enumerate(kids if isinstance(kids, pikepdf.Array) else []):
        if isinstance(kid, int) and own_page and int(kid) == old:
            kids[index] = new
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            on_page = ("/Pg" not in kid and own_page) or (
                "/Pg" in kid and kid.Pg.objgen == page.objgen
            )
            if on_page and int(kid.MCID) == old:
                kid.MCID = new


def _mcid(operands) -> int | None:
    if len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
        value = operands[1].get("/MCID")
        return int(value) if value is not None else None
    return None


def _detach(element) -> None:
    """Take ``element`` out of its parent's kids, and an emptied NonStruct or Link with it."""
    parent = element.get("/P")
    while isinstance(parent, pikepdf.Dictionary) and isinstance(parent.get("/K"), pikepdf.Array):
        kids = parent.K
        for index in range(len(kids) - 1, -1, -1):
            kid = kids[index]
            if isinstance(kid, pikepdf.Dictionary) and kid.objgen == element.objgen:
                del kids[index]
        if len(kids) or str(parent.get("/S")) not in ("/NonStruct", "/Link"):
            return
        element, parent = parent, parent.get("/P")


def _positions(nums) -> dict[int, int]:
    """Parent-tree key → index of its value in the /Nums array."""
    return {int(nums[i]): i + 1 for i in range(0, len(nums) - 1, 2)}


def _gather_links(pdf: pikepdf.Pdf, tree, positions: dict[int, int]) -> None:
    """Each link annotation's parent-tree entry and OBJR in the /Link that has the text."""
    for page in pdf.pages:
        for annotation in page.obj.get("/Annots", []):
            if annotation.get("/Subtype") != "/Link" or "/StructParent" not in annotation:
                continue
            annotation.F = PRINT_FLAG  # printed and shown alike (ISO 14289-1, 7.18.1)
            key = int(annotation.StructParent)
            holder = tree.get(key)
            target = _text_link(holder)
            if target is None or holder is None or target.objgen == holder.objgen:
                continue
            _move_reference(annotation, holder, target)
            pdf.Root.StructTreeRoot.ParentTree.Nums[positions[key]] = target
            if _empty(holder):
                _detach(holder)


def _text_link(element):
    """The outermost /Link element at or above ``element``."""
    found, seen = None, 0
    while isinstance(element, pikepdf.Dictionary) and seen < 12:
        if str(element.get("/S")) == "/Link":
            found = element
        element, seen = element.get("/P"), seen + 1
    return found


def _move_reference(annotation, holder, target) -> None:
    """The OBJR naming ``annotation`` goes from ``holder``'s kids to ``target``'s."""
    kids = holder.get("/K")
    reference = None
    if isinstance(kids, pikepdf.Array):
        for index in range(len(kids) - 1, -1, -1):
            kid = kids[index]
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                obj = kid.get("/Obj")
                if obj is not None and obj.objgen == annotation.objgen:
                    reference = kid
                    del kids[index]
    if reference is None:
        reference = pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annotation)
    target_kids = target.get("/K")
    if not isinstance(target_kids, pikepdf.Array):
        target.K = pikepdf.Array([] if target_kids is None else [target_kids])
    target.K.append(reference)


def _empty(element) -> bool:
    kids = element.get("/K")
    return kids is None or (isinstance(kids, pikepdf.Array) and len(kids) == 0)


def _flatten_links(pdf: pikepdf.Pdf, root) -> None:
    """A /Link inside a /Link (WeasyPrint's ::after leader and page number of a contents
    entry) gives its kids to the outer one: one link, one element, text and annotations."""
    moved: dict[tuple[int, int], pikepdf.Object] = {}
    for outer in _links(root.get("/K"), None):
        for inner in list(_inner_links(outer)):
            _merge_into(outer, inner)
            moved[inner.objgen] = outer
    if moved:
        _repoint(root.ParentTree.Nums, moved)


def _links(kids, outer):
    """Outermost /Link elements under ``kids``."""
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
            continue
        if str(kid.S) == "/Link":
            yield kid
        else:
            yield from _links(kid.get("/K"), outer)


def _inner_links(element):
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            if str(kid.S) == "/Link":
                yield kid
            yield from _inner_links(kid)


def _merge_into(outer, inner) -> None:
    """``inner``'s kids join ``outer``'s; ``inner`` leaves its parent."""
    kids = inner.get("/K")
    kids = list(kids) if isinstance(kids, pikepdf.Array) else ([] if kids is None else [kids])
    if not isinstance(outer.get("/K"), pikepdf.Array):
        outer.K = pikepdf.Array([] if outer.get("/K") is None else [outer.K])
    for kid in kids:
        if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            kid.P = outer
        elif isinstance(kid, int) and "/Pg" in inner and inner.get("/Pg") != outer.get("/Pg"):
            kid = pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=inner.Pg, MCID=kid)
        outer.K.append(kid)
    inner.K = pikepdf.Array([])
    _detach(inner)


def _repoint(nums, moved) -> None:
    """Parent-tree entries that named a merged element name the element it joined."""
    for index in range(1, len(nums), 2):
        value = nums[index]
        if isinstance(value, pikepdf.Array):
            for position, element in enumerate(value):
                if isinstance(element, pikepdf.Dictionary) and element.objgen in moved:
                    value[position] = moved[element.objgen]
        elif isinstance(value, pikepdf.Dictionary) and value.objgen in moved:
            nums[index] = moved[value.objgen]


def _header_scopes(kids, in_head: bool) -> None:
    """Each TH without /Scope or /Headers gets Column (under THead) or Row."""
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if not isinstance(kid, pikepdf.Dictionary) or "/S" not in kid:
            continue
        kind = str(kid.S)
        attributes = kid.get("/A")
        if kind == "/TH" and "/Headers" not in kid and not _has_scope(attributes):
            scope = pikepdf.Name.Column if in_head else pikepdf.Name.Row
            if isinstance(attributes, pikepdf.Dictionary) and attributes.get("/O") == "/Table":
                attributes.Scope = scope
            else:
                kid.A = pikepdf.Dictionary(O=pikepdf.Name.Table, Scope=scope)
        _header_scopes(kid.get("/K"), in_head or kind == "/THead")


def _has_scope(attributes) -> bool:
    listed = attributes if isinstance(attributes, pikepdf.Array) else [attributes]
    return any(isinstance(a, pikepdf.Dictionary) and "/Scope" in a for a in listed)
