"""Footnotes for print: each note moved to where it is called, for ``float: footnote``.

An article body keeps its notes as EPUB pop-ups: a ``noteref`` link in the text and an
``aside`` in a notes section at the end. CSS page-bottom footnotes need the note's text at
the call site instead, so for the print document only each ``aside`` becomes a
``<span class="footnote">`` in place of its call, and the emptied notes section goes.
The loader's output (and the EPUB) stay as they are.
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from publisher.model import Chapter, Part, Publication
from publisher.xmlutil.tree import remove_keep_tail

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
_OPEN = f'<div xmlns="{XHTML}" xmlns:epub="{OPS}">'
_X = f"{{{XHTML}}}"


def for_print(pub: Publication) -> Publication:
    """The publication with every article's footnotes placed at their calls."""
    parts = tuple(replace(part, chapters=_chapters(part)) for part in pub.parts)
    return replace(pub, parts=parts)


def _chapters(part: Part) -> tuple[Chapter, ...]:
    return tuple(
        replace(ch, article=replace(ch.article, body_html=inline_footnotes(ch.article.body_html)))
        if ch.article.footnote_count
        else ch
        for ch in part.chapters
    )


def inline_footnotes(body_html: str) -> str:
    """Move each referenced footnote's content to a ``span.footnote`` at its call site."""
    root = etree.fromstring(_OPEN + body_html + "</div>")
    notes = {el.get("id"): el for el in root.iter(f"{_X}aside") if el.get("id")}
    for ref in list(root.iter(f"{_X}a")):
        if "noteref" not in (ref.get("class") or "").split():
            continue
        note = notes.pop(ref.get("href", "").lstrip("#"), None)
        if note is not None:
            note.getparent().remove(note)
            _place(ref, _as_span(note))
    for section in list(root.iter(f"{_X}section")):
        if section.get("class") == "footnotes" and not len(section):
            remove_keep_tail(section)
    xml = etree.tostring(root, encoding="unicode")
    return xml[xml.index(">") + 1 : -len("</div>")]


def _as_span(note: etree._Element) -> etree._Element:
    """The note as inline markup: its paragraphs become block-displayed spans."""
    span = etree.Element(f"{_X}span", {"class": "footnote", "id": note.get("id", "")})
    span.set("role", "doc-footnote")
    for block in note:
        for back in block.iter(f"{_X}a"):
            if back.get("class") == "backlink":
                back.tail = (back.tail or "").removeprefix(". ").lstrip()
                remove_keep_tail(back)
                break
        block.tag = f"{_X}span"
        block.set("class", "footnote-para")
        span.append(block)
    return span


def _place(ref: etree._Element, span: etree._Element) -> None:
    """Put the note where its call was (replacing a ``sup`` that held only the call)."""
    sup = ref.getparent()
    target = sup if sup is not None and sup.tag == f"{_X}sup" and len(sup) == 1 else ref
    if target is sup and (sup.text or "").strip():
        target = ref
    span.tail = target.tail
    target.getparent().replace(target, span)
