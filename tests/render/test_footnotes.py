"""Print footnotes: each note's content moves to its call, for CSS page-bottom footnotes."""

from __future__ import annotations

from lxml import etree

from publisher.load.body.xhtml import markdown_to_xhtml
from publisher.render.footnotes import inline_footnotes

X = "{http://www.w3.org/1999/xhtml}"


def body(markdown: str) -> str:
    return markdown_to_xhtml(markdown, "ch-a", lambda src, alt: src).html


def parse(html: str) -> etree._Element:
    wrapped = (
        '<div xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
        f"{html}</div>"
    )
    return etree.fromstring(wrapped)


def test_each_note_lands_at_its_call_and_the_notes_section_goes():
    html = inline_footnotes(
        body("One.[^a] Two.[^b]\n\n[^a]: First *note*.\n[^b]: Second note.\n\n    More of it.")
    )
    root = parse(html)
    assert root.find(f".//{X}section") is None
    assert root.find(f".//{X}aside") is None
    para = root.find(f"{X}p")
    notes = para.findall(f"{X}span[@class='footnote']")
    assert [n.get("id") for n in notes] == ["ch-a-fn-a", "ch-a-fn-b"]
    assert "".join(notes[0].itertext()).strip() == "First note."
    assert notes[0].find(f".//{X}em").text == "note"
    assert [p.get("class") for p in notes[1]] == ["footnote-para", "footnote-para"]
    assert notes[0].tail == " Two."  # the text after the call stays in place
    assert para.find(f"{X}sup") is None  # the call's superscript is now ::footnote-call
    assert "backlink" not in html


def test_body_without_notes_is_unchanged_in_text():
    source = body("Plain *text* with a [link](https://example.org).")
    assert "".join(parse(inline_footnotes(source)).itertext()) == "".join(parse(source).itertext())


def test_a_note_nobody_calls_stays_in_the_notes_section():
    html = body("Text.[^a]\n\n[^a]: Called.\n[^b]: Never called.")
    root = parse(inline_footnotes(html))
    section = root.find(f".//{X}section")
    assert section is not None and "Never called." in "".join(section.itertext())
