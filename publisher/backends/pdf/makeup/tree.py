"""The print document's tree as the make-up changes it: numbered blocks, splits, moves.

Every article's header and each direct child of its body get ``data-mu`` (a number in
document order), the same on every fresh parse of the same HTML, so an edit decided on one
layout applies to the next. A paragraph split at a page break becomes pieces sharing its
number, each after the first with ``data-mu-from`` (letters and digits before it) and
``data-mu-shown`` (visible characters before it, for the page map); a moved block carries
``data-mu-moved``.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from publisher.render.pagemap import text_runs, visible

KEY, FROM, SHOWN, MOVED = "data-mu", "data-mu-from", "data-mu-shown", "data-mu-moved"
HEAD, TAIL = "mu-run-on", "mu-continued"  # classes print.css sets (justified end, no indent)
SOFT_HYPHEN, HYPHEN = "\u00ad", "\u2010"


@dataclass(frozen=True)
class Move:
    """Put block ``block`` after block ``anchor``, or inside it after ``chars`` letters and
    digits (splitting the paragraph there). The paragraph's first part keeps the lines it
    was measured with: it breaks after each count of ``lines`` (from the paragraph's start),
    its words spaced by ``spacing`` (px: a paragraph the line breaker set tight)."""

    block: int
    anchor: int
    chars: int | None = None
    lines: tuple[int, ...] = ()
    spacing: float = 0.0


@dataclass(frozen=True)
class Style:
    """Add ``declaration`` to block ``block`` (to the piece of a split paragraph that begins
    after ``piece`` letters)."""

    block: int
    declaration: str
    piece: int = 0


@dataclass(frozen=True)
class Remove:
    """Leave block ``block`` out (a measuring layout only: what follows fills its place)."""

    block: int


@dataclass(frozen=True)
class PageCss:
    """A style sheet for the pages (the footnote area's padding)."""

    css: str


Edit = Move | Style | Remove | PageCss


def bodies(root: Any) -> Iterator[Any]:
    """The article bodies of the print document."""
    for element in root.iter("div"):
        if "article-body" in (element.get("class") or "").split():
            yield element


def number(root: Any) -> dict[int, Any]:
    """Number each article's header and the direct children of its body, in document
    order; block number → element."""
    blocks: dict[int, Any] = {}
    for section in root.iter("section"):
        for child in section:
            classes = (child.get("class") or "").split()
            numbered = list(child) if "article-body" in classes else []
            if child.tag == "header" and "article-header" in classes:
                numbered = [child]
            for block in numbered:
                block.set(KEY, str(len(blocks)))
                blocks[len(blocks)] = block
    return blocks


def apply(root: Any, edits: list[Edit]) -> None:
    """Number the tree and make ``edits`` in order."""
    number(root)
    parents = {child: parent for parent in root.iter() for child in parent}
    for edit in edits:  # moves first: styles may name the pieces they split
        if isinstance(edit, Move):
            _move(root, parents, edit)
    for edit in edits:
        if isinstance(edit, PageCss):
            head = root.find("head")
            if head is not None:
                sheet = head.makeelement("style", {})
                sheet.text = edit.css
                head.append(sheet)
        elif isinstance(edit, Remove):
            for piece in pieces(root, edit.block):
                parents[piece].remove(piece)
        elif isinstance(edit, Style):
            for target in pieces(root, edit.block):
                if int(target.get(FROM, "0")) == edit.piece:
                    style = (target.get("style") or "").rstrip("; ")
                    target.set("style", f"{style}; {edit.declaration}".lstrip("; "))


def pieces(root: Any, block: int) -> list[Any]:
    """The element (or the pieces of the split paragraph) numbered ``block``."""
    return [e for e in root.iter() if e.get(KEY) == str(block)]


def _move(root: Any, parents: dict[Any, Any], edit: Move) -> None:
    moving = pieces(root, edit.block)
    anchors = pieces(root, edit.anchor)
    if len(moving) != 1 or not anchors:
        return
    (block,) = moving
    parents[block].remove(block)
    block.set(MOVED, "")
    if edit.chars is None:
        after = anchors[-1]
    else:
        starts = [int(p.get(FROM, "0")) for p in anchors]
        at = max(i for i, start in enumerate(starts) if start <= edit.chars)
        after = split(anchors[at], edit.chars - starts[at], parents)
        breaks = [n - starts[at] for n in edit.lines if n > starts[at]]
        _break_lines(after, breaks, edit.spacing)
    parent = parents[after]
    parent.insert(list(parent).index(after) + 1, block)
    parents[block] = parent


def _break_lines(head: Any, counts: list[int], spacing: float) -> None:
    """End the lines of ``head`` after each count of letters, as they were measured (its
    lines are all justified, the last too: print.css's ``mu-run-on``)."""
    for count in sorted(counts, reverse=True):  # from the end: earlier slots stay valid
        cut = _cut(head, count)
        if cut is not None:
            _insert_break(head, *cut)
    if spacing:
        style = (head.get("style") or "").rstrip("; ")
        head.set("style", f"{style}; word-spacing: {spacing:.3f}px".lstrip("; "))


def _insert_break(root: Any, slot: Slot, offset: int) -> None:
    """A ``<br>`` at the slot's offset (a soft hyphen before it becomes a visible one)."""
    node, where = slot
    text = (node.text if where == "text" else node.tail) or ""
    before, after = _hyphenated(text[:offset]), text[offset:].lstrip()
    br = node.makeelement("br", {})
    br.tail = after
    if where == "text":
        node.text = before
        node.insert(0, br)
    else:
        node.tail = before
        parent = {c: p for p in root.iter() for c in p}[node]
        parent.insert(list(parent).index(node) + 1, br)


def letters(element: Any) -> int:
    """Letters and digits of an element's text, notes left out (what its lines show)."""
    return sum(ch.isalnum() for _, text in _slots(element) for ch in text)


def split(element: Any, chars: int, parents: dict[Any, Any]) -> Any:
    """Split the paragraph ``element`` after ``chars`` letters and digits (and the marks
    that follow them up to the next space); return the head, which the tail follows."""
    cut = _cut(element, chars)
    if cut is None:
        return element
    head, tail = copy.deepcopy(element), copy.deepcopy(element)
    index = [slot for slot, _ in _slots(element)].index(cut[0])
    _keep_head(head, [slot for slot, _ in _slots(head)][index], cut[1])
    _keep_tail(tail, [slot for slot, _ in _slots(tail)][index], cut[1])
    start = int(element.get(FROM, "0"))
    shown = int(element.get(SHOWN, "0"))
    tail.set(FROM, str(start + chars))
    broken = _text(element, cut[0])[: cut[1]].endswith(SOFT_HYPHEN)  # its hyphen is added
    tail.set(SHOWN, str(shown + _shown(head) - broken))
    _strip_ids(tail, head)
    _classes(head, HEAD)
    _classes(tail, TAIL)
    parent = parents[element]
    at = list(parent).index(element)
    parent.remove(element)
    parent.insert(at, tail)
    parent.insert(at, head)
    parents.update({head: parent, tail: parent})
    return head


Slot = tuple[Any, str]  # (element, "text" | "tail")


def _slots(element: Any) -> Iterator[tuple[Slot, str]]:
    """The text slots of ``element`` in document order (notes' own text left out)."""

    def visit(node: Any, top: bool) -> Iterator[tuple[Slot, str]]:
        if not _is_note(node):
            yield (node, "text"), node.text or ""
            for child in node:
                yield from visit(child, False)
        if not top:
            yield (node, "tail"), node.tail or ""

    yield from visit(element, True)


def _text(element: Any, slot: Slot) -> str:
    return dict(_slots(element))[slot]


def _is_note(node: Any) -> bool:
    return "footnote" in (node.get("class") or "").split()


def _cut(element: Any, chars: int) -> tuple[Slot, int] | None:
    """The slot and offset just after the ``chars``-th letter and its trailing marks."""
    seen = 0
    slots = list(_slots(element))
    for slot, text in slots:
        for offset, ch in enumerate(text):
            if seen == chars and (ch.isspace() or ch.isalnum()):
                return slot, offset
            seen += ch.isalnum()
    return None


def _keep_head(root: Any, slot: Slot, offset: int) -> None:
    """Drop everything of ``root`` after the slot's offset; a soft hyphen left at the end
    becomes a visible one (the word was broken there)."""

    def prune(node: Any) -> bool:
        if slot == (node, "text"):
            node.text = _hyphenated((node.text or "")[:offset])
            for child in list(node):
                node.remove(child)
            return True
        for number_, child in enumerate(list(node)):
            if prune(child) or slot == (child, "tail"):
                if slot == (child, "tail"):
                    child.tail = _hyphenated((child.tail or "")[:offset])
                else:
                    child.tail = None
                for later in list(node)[number_ + 1 :]:
                    node.remove(later)
                return True
        return False

    prune(root)


def _keep_tail(root: Any, slot: Slot, offset: int) -> None:
    """Drop everything of ``root`` before the slot's offset."""

    def prune(node: Any) -> bool:
        if slot == (node, "text"):
            node.text = (node.text or "")[offset:].lstrip()
            return True
        node.text = None
        for child in list(node):
            if _is_note(child) or not prune(child):
                if slot == (child, "tail"):
                    rest = (child.tail or "")[offset:].lstrip()
                    node.remove(child)
                    node.text = rest
                    return True
                node.remove(child)
                continue
            return True
        return False

    prune(root)


def _hyphenated(text: str) -> str:
    return text[:-1] + HYPHEN if text.endswith(SOFT_HYPHEN) else text.rstrip()


def _shown(element: Any) -> int:
    return sum(len(visible(text)) for _, text, _ in text_runs(element))


def _strip_ids(tail: Any, head: Any) -> None:
    """Ids of elements the head keeps stay with the head (each id once in the document)."""
    kept = {e.get("id") for e in head.iter() if e.get("id")}
    for element in tail.iter():
        if element.get("id") in kept:
            del element.attrib["id"]


def _classes(element: Any, name: str) -> None:
    element.set("class", f"{element.get('class') or ''} {name}".strip())
