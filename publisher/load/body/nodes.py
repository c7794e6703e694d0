"""The loader's lxml tree of a body → the model's nodes (publisher/model.py).

Everything a backend needs to find in a body is typed here, once: a note's call becomes a
``NoteRef``, the note itself a ``Note``, the place the notes are listed a ``NoteSection``,
a link to another manuscript a ``CrossLink``; the rest stays elements and text. No
markup of any one output is written: EPUB pop-ups and print page-foot notes are two
renderings of the same note (render/footnotes.py).
"""

from __future__ import annotations

from lxml import etree

from publisher.load.book.links import PREFIX
from publisher.model import CrossLink, Element, Node, Note, NoteRef, NoteSection

# Marker elements xhtml.py puts in the tree for the notes (no manuscript can write them:
# the sanitiser allows only HTML's own element names).
NOTEREF, NOTE, NOTES, BACKLINK = (
    "publisher-noteref",
    "publisher-note",
    "publisher-notes",
    "publisher-back",
)
NOTE_LEAD = ". "  # between a note's number and its text, while the typography passes run
_XML = "{http://www.w3.org/XML/1998/namespace}"


def body_nodes(root: etree._Element) -> tuple[tuple[Node, ...], tuple[Note, ...]]:
    """The children of ``root`` as model nodes, and the notes found among them."""
    notes: list[Note] = []
    return _content(root, notes), tuple(notes)


def _content(el: etree._Element, notes: list[Note]) -> tuple[Node, ...]:
    """An element's text and children (with their tails), as nodes."""
    found: list[Node] = [el.text] if el.text else []
    for child in el:
        if isinstance(child.tag, str) and child.tag.startswith("{"):
            found.append(_foreign(child, etree.QName(el).namespace))
        elif isinstance(child.tag, str):
            node = _node(child, notes)
            if node is not None:
                found.append(node)
        if child.tail:
            found.append(child.tail)
    return tuple(found)


def _node(el: etree._Element, notes: list[Note]) -> Node | None:
    if el.tag == NOTEREF:
        return _noteref(el, sup=False)
    if el.tag == "sup" and _lone_call(el):
        return _noteref(el[0], sup=True)
    if el.tag == NOTES:
        return _section(el, notes)
    href = el.get("href", "")
    if el.tag == "a" and href.startswith(PREFIX):
        path, _, fragment = href[len(PREFIX) :].partition("#")
        attributes = tuple((k, "" if k == "href" else v) for k, v in _attributes(el))
        return CrossLink(path, fragment, attributes, _content(el, notes))
    return Element(el.tag, _attributes(el), _content(el, notes))


def _foreign(el: etree._Element, parent_namespace: str | None) -> Element:
    """An element of another vocabulary (MathML): its local name, and its namespace
    declared (``xmlns``, first) where it differs from its parent's, as XML writes it."""
    name = etree.QName(el)
    declared = (("xmlns", name.namespace),) if name.namespace != parent_namespace else ()
    return Element(name.localname, (*declared, *_attributes(el)), _content(el, []))


def _lone_call(sup: etree._Element) -> bool:
    """A superscript that holds a note's call and nothing else."""
    return (
        len(sup) == 1
        and sup[0].tag == NOTEREF
        and not sup.attrib
        and not sup.text
        and not sup[0].tail
    )


def _noteref(el: etree._Element, sup: bool) -> NoteRef:
    return NoteRef(int(el.text or "0"), el.get("href", "")[1:], el.get("id", ""), sup)


def _section(el: etree._Element, notes: list[Note]) -> NoteSection:
    held = [child for child in el if child.tag == NOTE]
    for child in held:
        el.remove(child)  # their tails are empty: they were appended there
        notes.append(_note(child, notes))
    return NoteSection(tuple(n.get("id", "") for n in held), _content(el, notes))


def _note(el: etree._Element, notes: list[Note]) -> Note:
    """A note marker → a Note, its back-link marker dropped from its first paragraph."""
    first = el[0]
    back = first[0]
    lead = back.tail or ""
    first.text = lead[len(NOTE_LEAD) :] if lead.startswith(NOTE_LEAD) else lead.lstrip(".")
    first.remove(back)  # its tail went with it: now the paragraph's text
    number = int(el.get("number", "0"))
    return Note(el.get("id", ""), number, _content(el, notes), el.get("backlink", ""))


def _attributes(el: etree._Element) -> tuple[tuple[str, str], ...]:
    """Attributes in document order, ``xml:lang`` under its XHTML name."""
    return tuple(
        (f"xml:{key[len(_XML) :]}" if key.startswith(_XML) else key, value)
        for key, value in el.attrib.items()
    )
