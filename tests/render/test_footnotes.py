"""One note, two renderings: the EPUB's pop-up and print's page-foot note."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from publisher.errors import SourceLocation
from publisher.load.body.xhtml import markdown_to_xhtml
from publisher.model import Article, Element, Note, NoteRef, NoteSection, walk
from tests.helpers import body_html

X = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"


def article(markdown: str) -> Article:
    fragment = markdown_to_xhtml(markdown, "ch-a", lambda src, alt: src)
    origin = SourceLocation(Path("a.md"))
    return Article("ch-a", "A", origin, body=fragment.body, notes=fragment.notes)


def parse(html: str) -> etree._Element:
    wrapped = (
        '<div xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
        f"{html}</div>"
    )
    return etree.fromstring(wrapped)


TWO_NOTES = "One.[^a] Two.[^b]\n\n[^a]: First *note*.\n[^b]: Second note.\n\n    More of it."


def test_the_loader_gives_notes_as_data_without_any_outputs_markup():
    a = article(TWO_NOTES)
    assert [(n.id, n.number, n.backlink) for n in a.notes] == [
        ("ch-a-fn-a", 1, "ch-a-fnref-a"),
        ("ch-a-fn-b", 2, "ch-a-fnref-b"),
    ]
    calls = [n for n in walk(a.body) if isinstance(n, NoteRef)]
    assert calls == [
        NoteRef(1, "ch-a-fn-a", "ch-a-fnref-a"),
        NoteRef(2, "ch-a-fn-b", "ch-a-fnref-b"),
    ]
    (section,) = [n for n in walk(a.body) if isinstance(n, NoteSection)]
    assert section.notes == ("ch-a-fn-a", "ch-a-fn-b")
    first = a.notes[0].body[0]
    assert isinstance(first, Element) and first.tag == "p"
    assert first.children[0] == "First "  # the number and its ". " are the renderings'
    for node in walk(a.body, a.notes):
        if isinstance(node, Element):
            assert node.tag not in ("aside", "section"), node
            assert not any(k.startswith("epub:") or k == "role" for k, _ in node.attributes)
    assert a.footnote_count == 2


def test_the_epub_shows_each_note_as_a_pop_up_linked_both_ways():
    root = parse(body_html(article(TWO_NOTES)))
    calls = root.findall(f".//{X}sup/{X}a")
    assert [(c.get("href"), c.get(EPUB_TYPE), c.get("role"), c.text) for c in calls] == [
        ("#ch-a-fn-a", "noteref", "doc-noteref", "1"),
        ("#ch-a-fn-b", "noteref", "doc-noteref", "2"),
    ]
    section = root.find(f"{X}section[@class='footnotes']")
    asides = section.findall(f"{X}aside")
    assert [(n.get("id"), n.get(EPUB_TYPE), n.get("role")) for n in asides] == [
        ("ch-a-fn-a", "footnote", "doc-footnote"),
        ("ch-a-fn-b", "footnote", "doc-footnote"),
    ]
    back = asides[0].find(f"{X}p/{X}a")
    assert (back.get("class"), back.get("href"), back.text) == ("backlink", "#ch-a-fnref-a", "1")
    assert "".join(asides[0].itertext()).strip() == "1. First note."
    assert len(asides[1].findall(f"{X}p")) == 2


def test_print_puts_each_note_at_its_call_and_drops_the_emptied_section():
    html = body_html(article(TWO_NOTES), "page-foot")
    root = parse(html)
    assert root.find(f".//{X}section") is None
    assert root.find(f".//{X}aside") is None
    para = root.find(f"{X}p")
    notes = para.findall(f"{X}span[@class='footnote']")
    assert [n.get("id") for n in notes] == ["ch-a-fn-a", "ch-a-fn-b"]
    assert [n.get("role") for n in notes] == ["doc-footnote", "doc-footnote"]
    assert "".join(notes[0].itertext()).strip() == "First note."
    assert notes[0].find(f".//{X}em").text == "note"
    assert [p.get("class") for p in notes[1]] == ["footnote-para", "footnote-para"]
    assert notes[0].tail == " Two."  # the text after the call stays in place
    assert para.find(f"{X}sup") is None  # the call's superscript is now ::footnote-call
    assert "backlink" not in html


def test_a_body_without_notes_reads_the_same_in_both_renderings():
    a = article("Plain *text* with a [link](https://example.org).\n\n| a | b |\n|---|---|\n| 1 | |")
    assert body_html(a, "page-foot") == body_html(a)


def test_a_note_nobody_calls_stays_in_the_notes_section_in_print():
    root = parse(body_html(article("Text.[^a]\n\n[^a]: Called.\n[^b]: Never called."), "page-foot"))
    section = root.find(f".//{X}section")
    assert section is not None
    assert [a.get("id") for a in section.findall(f"{X}aside")] == ["ch-a-fn-b"]
    assert root.find(f".//{X}span[@class='footnote']").get("id") == "ch-a-fn-a"


def test_a_note_called_twice_is_printed_once_and_the_second_call_links_to_it():
    root = parse(body_html(article("One[^n] and two[^n].\n\n[^n]: A note.\n"), "page-foot"))
    assert len(root.findall(f".//{X}span[@class='footnote']")) == 1
    (second,) = root.findall(f".//{X}a[@class='noteref']")
    assert second.get("href") == "#ch-a-fn-n"


def test_both_renderings_come_from_the_same_note_data():
    note = Note("n1", 1, (Element("p", children=("Said ", Element("em", children=("so",)), ".")),))
    call = NoteRef(1, "n1", "r1")
    body = (Element("p", children=("Text", call, " more.")), NoteSection(("n1",)))
    a = Article("x", "X", SourceLocation(Path("x.md")), body=body, notes=(note,))
    epub, printed = body_html(a), body_html(a, "page-foot")
    assert "".join(parse(epub).find(f".//{X}aside").itertext()) == "1. Said so."
    assert "".join(parse(printed).find(f".//{X}span[@class='footnote']").itertext()) == "Said so."
    assert '<a class="backlink">1</a>' in epub  # no call id given: nowhere to link back to
