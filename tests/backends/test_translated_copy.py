"""The sample's raw .txt article (translated, with credit lines) in both outputs."""

from __future__ import annotations

import zipfile

from lxml import etree

from tests.helpers import pdf_page_texts

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "h": "http://www.w3.org/1999/xhtml",
}
TITLE = "The Seaweed Rafts of Qingyu Bay"


def test_epub_metadata_lists_translators_as_trl_and_the_writer_as_aut(sample_epub):
    with zipfile.ZipFile(sample_epub) as z:
        opf = etree.fromstring(z.read("EPUB/content.opf"))
    meta = opf.find("opf:metadata", NS)
    roles = {m.get("refines")[1:]: m.text for m in meta.findall("opf:meta[@property='role']", NS)}
    people = {el.text: roles[el.get("id")] for el in meta.findall("dc:contributor", NS)}
    assert people["Wen Lu"] == "trl" and people["Daniel Osei"] == "trl"
    assert people["Mara Quist"] == "aut"


def test_epub_chapter_has_credits_in_header_and_credit_block_not_in_body(sample_epub):
    with zipfile.ZipFile(sample_epub) as z:
        page = etree.fromstring(z.read("EPUB/ch-08-seaweed-rafts.xhtml"))
    header = " ".join("".join(page.find(".//h:header", NS).itertext()).split())
    assert "By Mara Quist" in header and "Translated by Wen Lu and Daniel Osei" in header
    assert "9 September 2026 · Updated 14 September 2026" in header
    body = "".join(page.find(".//h:div[@class='article-body']", NS).itertext())
    assert "Translation by" not in body and "Written in English" not in body
    assert "Read the original" not in body and "first published" not in body
    credits = " ".join("".join(page.find(".//h:footer", NS).itertext()).split())
    assert "Translated from the Chinese by Wen Lu and Daniel Osei." in credits
    assert "First published by Haixian Weekly, in Chinese." in credits
    assert page.xpath("//h:h2/text()", namespaces=NS) == [
        "A Crop That Cleans the Water",
        "Who Will Take Over?",
    ]


def test_pdf_article_header_and_colophon_show_the_same_credits(sample_pdf):
    pages = pdf_page_texts(sample_pdf)
    opener = next(p for p in pages if TITLE in p and "At four in the morning" in p)
    assert "By Mara Quist Translated by Wen Lu and Daniel Osei" in opener
    colophon = next(p for p in pages if "All rights reserved" in p)  # the copyright page
    entry = colophon[colophon.index(TITLE) - 1 :]
    assert entry.startswith(f"“{TITLE}” © 2026 Mara Quist. First published in Haixian Weekly")
    assert "Translation © 2026 Wen Lu and Daniel Osei." in entry
