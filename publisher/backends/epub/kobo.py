"""Kobo's EPUB flavour (kepub): the same book, with the markup Kobo's reader needs.

Kobo's reading system gives its best experience (reading statistics, highlights, page
turns) when the XHTML carries two things (as Kobo's own conversions and kepubify make them):

- the body's content inside ``<div id="book-columns"><div id="book-inner">``;
- every sentence of text inside ``<span class="koboSpan" id="kobo.P.S">``, numbered P per
  text block (paragraph, heading, list item…) and S per sentence in it, from 1 in each file.

The file is named ``NAME.kepub.epub``. Only tree edits happen here (lxml): no text is added,
dropped or reordered, so a kepub reads exactly as the EPUB does.
"""

from __future__ import annotations

import re

from lxml import etree

XHTML = "http://www.w3.org/1999/xhtml"
SPAN_CLASS = "koboSpan"
COLUMNS, INNER = "book-columns", "book-inner"
# Elements whose text is read as one block: each gets its own paragraph number.
BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "td", "th", "caption"}
    | {"figcaption", "blockquote", "pre", "div", "aside"}
)
# Where a span may not go (<rp> holds text only) or text is not read as prose.
SKIPPED = frozenset(("script", "style", "svg", "math", "head", "title", "rp"))
# A sentence ends after . ! ? … (and closing quotes or brackets) followed by white space.
SENTENCE_END = re.compile(r"(?<=[.!?…。！？])[\"'”’»)\]]*\s+")


def kepub_page(html: str) -> str:
    """One XHTML page of the EPUB, with Kobo's wrappers and sentence spans."""
    root = etree.fromstring(html.encode("utf-8"))
    body = root.find(f"{{{XHTML}}}body")
    if body is None:
        return html
    _wrap_body(body)
    counter = _Counter()
    _spans(body, counter)
    declaration = '<?xml version="1.0" encoding="utf-8"?>\n'
    doctype = "<!DOCTYPE html>\n" if html.lstrip().startswith(("<!DOCTYPE", "<?xml")) else ""
    return declaration + doctype + etree.tostring(root, encoding="unicode") + "\n"


def sentences(text: str) -> list[str]:
    """``text`` cut after each sentence end, keeping every character (spaces included)."""
    pieces, start = [], 0
    for match in SENTENCE_END.finditer(text):
        pieces.append(text[start : match.end()])
        start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


class _Counter:
    """Paragraph and sentence numbers of one file."""

    def __init__(self) -> None:
        self.paragraph = 0
        self.sentence = 0

    def next_paragraph(self) -> None:
        self.paragraph += 1
        self.sentence = 0

    def next_id(self) -> str:
        if self.paragraph == 0:
            self.next_paragraph()
        self.sentence += 1
        return f"kobo.{self.paragraph}.{self.sentence}"


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _wrap_body(body: etree._Element) -> None:
    columns = etree.Element(f"{{{XHTML}}}div", id=COLUMNS)
    inner = etree.SubElement(columns, f"{{{XHTML}}}div", id=INNER)
    inner.text, body.text = body.text, None
    for child in list(body):
        inner.append(child)
    body.append(columns)


def _spans(element: etree._Element, counter: _Counter) -> None:
    """Wrap every text node below ``element`` in sentence spans, block by block."""
    for child in list(element):
        name = _local(child)
        if not name or name in SKIPPED or (name == "span" and child.get("class") == SPAN_CLASS):
            _wrap_tail(child, counter)
            continue
        if name in BLOCKS and child.get("id") not in (COLUMNS, INNER):
            counter.next_paragraph()
        _wrap_text(child, counter)
        _spans(child, counter)
        _wrap_tail(child, counter)


def _new_spans(text: str, counter: _Counter) -> list[etree._Element]:
    spans = []
    for piece in sentences(text):
        span = etree.Element(f"{{{XHTML}}}span", {"class": SPAN_CLASS, "id": counter.next_id()})
        span.text = piece
        spans.append(span)
    return spans


def _wrap_text(element: etree._Element, counter: _Counter) -> None:
    """The text before an element's first child, as spans at the start of the element."""
    if element.text and element.text.strip():
        spans = _new_spans(element.text, counter)
        element.text = None
        for index, span in enumerate(spans):
            element.insert(index, span)


def _wrap_tail(element: etree._Element, counter: _Counter) -> None:
    """The text after an element (its tail), as spans right after it in its parent."""
    parent = element.getparent()
    if parent is None or not element.tail or not element.tail.strip():
        return
    spans = _new_spans(element.tail, counter)
    element.tail = None
    position = parent.index(element)
    for offset, span in enumerate(spans, 1):
        parent.insert(position + offset, span)


def unwrapped_text(html: str) -> str:
    """The text of a page, for checks that a kepub keeps every character of its EPUB."""
    return "".join(etree.fromstring(html.encode("utf-8")).itertext())
