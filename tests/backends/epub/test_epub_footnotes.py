"""Footnotes in the EPUB: pop-up semantics, numbered per article, ids unique book-wide."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

NS = {"h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
NOTEREF = "//h:a[@epub:type='noteref']"
FOOTNOTE = "//h:aside[@epub:type='footnote']"


@pytest.fixture(scope="module")
def chapters(hard_epub) -> dict[str, etree._Element]:
    with zipfile.ZipFile(hard_epub) as z:
        return {
            name.removeprefix("EPUB/"): etree.fromstring(z.read(name))
            for name in z.namelist()
            if name.startswith("EPUB/ch-")
        }


def test_noterefs_link_to_footnote_asides_in_the_same_document(chapters):
    for name, doc in chapters.items():
        notes = {aside.get("id"): aside for aside in doc.xpath(FOOTNOTE, namespaces=NS)}
        for ref in doc.xpath(NOTEREF, namespaces=NS):
            assert ref.get("role") == "doc-noteref", name
            target = ref.get("href")
            assert target.startswith("#") and target[1:] in notes, (name, target)
        for aside in notes.values():
            assert aside.get("role") == "doc-footnote"
            (back,) = aside.xpath(".//h:a[@role='doc-backlink']", namespaces=NS)
            assert doc.xpath(f"//*[@id='{back.get('href')[1:]}']"), (name, back.get("href"))


def test_notes_are_numbered_per_article(chapters):
    numbers = {
        name: [ref.text for ref in doc.xpath(NOTEREF, namespaces=NS)]
        for name, doc in chapters.items()
    }
    # "door" is cited twice in the first article: both references show its number, 1
    assert numbers["ch-01-tide-tables.xhtml"] == ["1", "2", "3", "1"]
    assert numbers["ch-02-mudflat-pictures.xhtml"] == ["1", "2"]
    assert numbers["ch-03-carta-de-vigo.xhtml"] == ["1"]
    assert numbers["ch-04-pilots-notebook.xhtml"] == []
    labels = [
        aside.xpath("string(.//h:a[@class='backlink'])", namespaces=NS)
        for aside in chapters["ch-01-tide-tables.xhtml"].xpath(FOOTNOTE, namespaces=NS)
    ]
    assert labels == ["1", "2", "3"]


def test_ids_are_unique_across_the_whole_book(chapters):
    ids = [el.get("id") for doc in chapters.values() for el in doc.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    for name, doc in chapters.items():
        slug = name.removesuffix(".xhtml")
        assert all(el.get("id").startswith(slug) for el in doc.iter() if el.get("id")), name


def test_footnotes_sit_together_at_the_end_of_the_article_body(chapters):
    doc = chapters["ch-01-tide-tables.xhtml"]
    (body,) = doc.xpath("//h:div[@class='article-body']", namespaces=NS)
    last = body[-1]
    assert last.tag == f"{{{NS['h']}}}section" and last.get("class") == "footnotes"
    assert last.get("aria-label") == "Notes"
    assert len(last.xpath("h:aside[@epub:type='footnote']", namespaces=NS)) == 3
    datum = last.xpath("h:aside[2]/h:p", namespaces=NS)
    assert len(datum) == 2  # a note of two paragraphs keeps both
