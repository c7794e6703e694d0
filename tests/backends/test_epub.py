"""The EPUB backend: EPUBCheck-clean, with the metadata, navigation and files promised."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

from tests.helpers import epubcheck_messages, problems

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}


@pytest.fixture(scope="module")
def opf(sample_epub):
    with zipfile.ZipFile(sample_epub) as z:
        return etree.fromstring(z.read("EPUB/content.opf"))


@pytest.fixture(scope="module")
def epubcheck_report(sample_epub):
    return epubcheck_messages(sample_epub)


def test_epubcheck_reports_no_errors_or_warnings(epubcheck_report):
    assert problems(epubcheck_report) == []


def test_epubcheck_usage_messages_are_known(epubcheck_report):
    """-u usage notes: none today; any new kind must be reviewed and documented."""
    assert problems(epubcheck_report, "USAGE") == []


def test_mimetype_is_first_and_stored(sample_epub):
    with zipfile.ZipFile(sample_epub) as z:
        first = z.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert z.read("mimetype") == b"application/epub+zip"


def test_metadata(opf):
    meta = opf.find("opf:metadata", NS)
    assert meta.findtext("dc:title", namespaces=NS) == "Harbour Lights"
    assert meta.findtext("dc:language", namespaces=NS) == "en"
    assert meta.findtext("dc:identifier", namespaces=NS).startswith("urn:uuid:5f0c2a9e")
    assert meta.findtext("dc:publisher", namespaces=NS)
    assert meta.find("opf:meta[@property='dcterms:modified']", NS).text == "2026-05-28T20:26:40Z"


def test_translators_are_contributors_with_trl_role(opf):
    meta = opf.find("opf:metadata", NS)
    roles = {m.get("refines")[1:]: m.text for m in meta.findall("opf:meta[@property='role']", NS)}
    people = {
        el.text: roles[el.get("id")]
        for el in meta.findall("dc:contributor", NS) + meta.findall("dc:creator", NS)
    }
    assert people["Elena Ruiz Thorpe"] == "trl"
    assert people["Tiago Moura"] == "trl"
    assert people["Maren Holt"] == "aut"
    assert people["Hester Vane"] == "edt"
    ids = [el.get("id") for el in meta.iter() if el.get("id")]
    assert len(ids) == len(set(ids))


def test_one_document_per_article_in_spine_order(opf):
    manifest = {i.get("id"): i.get("href") for i in opf.iterfind("opf:manifest/opf:item", NS)}
    spine = [manifest[r.get("idref")] for r in opf.iterfind("opf:spine/opf:itemref", NS)]
    assert spine[:4] == ["cover.xhtml", "titlepage.xhtml", "colophon.xhtml", "nav.xhtml"]
    articles = [s for s in spine if s.startswith("ch-")]
    assert articles == sorted(articles) and len(articles) == 7
    assert "images/ferry-route.png" in manifest.values()


def test_nav_has_toc_and_landmarks(sample_epub):
    with zipfile.ZipFile(sample_epub) as z:
        nav = etree.fromstring(z.read("EPUB/nav.xhtml"))
    toc_links = nav.xpath("//h:nav[@epub:type='toc']//h:a/text()", namespaces=NS)
    assert "Salt, Slowly" in toc_links and "Part One: Working Waters" in toc_links
    landmarks = nav.xpath("//h:nav[@epub:type='landmarks']//h:a/@epub:type", namespaces=NS)
    assert {"cover", "toc", "bodymatter"} <= set(landmarks)
