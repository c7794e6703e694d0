"""The EPUB backend: EPUBCheck-clean, with the metadata, navigation and files promised."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

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


def epubcheck_findings(check, *severities: str) -> list[str]:
    """EPUBCheck's findings of some severities, one line each, for assertion output."""
    return [str(f) for f in check.findings if f.checker == "epubcheck" and f.severity in severities]


def test_epubcheck_reports_no_errors_or_warnings(sample_epub_check):
    assert epubcheck_findings(sample_epub_check, "error", "warning") == []


def test_epubcheck_usage_messages_are_known(sample_epub_check):
    """-u usage notes: any new kind must be reviewed and documented (docs/epub.md).

    CSS-028 ("Use of Font-face declaration") is expected: the theme embeds its text face.
    """
    usage = epubcheck_findings(sample_epub_check, "info")
    assert [line for line in usage if "CSS-028:" not in line] == []


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


def test_every_person_has_a_file_as_name(opf):
    meta = opf.find("opf:metadata", NS)
    found = meta.findall("opf:meta[@property='file-as']", NS)
    filed = {m.get("refines")[1:]: m.text for m in found}
    people = {
        el.text: filed.get(el.get("id"))
        for el in meta.findall("dc:contributor", NS) + meta.findall("dc:creator", NS)
    }
    assert all(people.values()), people
    assert people["Maren Holt"] == "Holt, Maren"
    # written in Spanish and translated: both surnames, filed under C
    assert people["José Luis Carballo Méndez"] == "Carballo Méndez, José Luis"


def test_subjects_are_the_book_subjects_then_the_article_tags(opf, sample_build):
    subjects = [el.text for el in opf.find("opf:metadata", NS).findall("dc:subject", NS)]
    pub = sample_build.publication
    book = list(pub.metadata.subjects)
    tags = [t for ch in pub.chapters() for t in ch.article.tags]
    assert subjects[: len(book)] == book
    assert len(subjects) == len({s.casefold() for s in subjects})
    assert {t.casefold() for t in tags} <= {s.casefold() for s in subjects}
    assert "ferries" in subjects


def test_one_document_per_article_in_spine_order(opf, sample_build):
    manifest = {i.get("id"): i.get("href") for i in opf.iterfind("opf:manifest/opf:item", NS)}
    spine = [manifest[r.get("idref")] for r in opf.iterfind("opf:spine/opf:itemref", NS)]
    assert spine[:4] == ["cover.xhtml", "titlepage.xhtml", "colophon.xhtml", "nav.xhtml"]
    articles = [s for s in spine if s.startswith("ch-")]
    chapters = sample_build.publication.chapters()
    assert articles == [f"{ch.slug}.xhtml" for ch in chapters] == sorted(articles)
    assert "images/ferry-route.png" in manifest.values()


def test_nav_has_toc_and_landmarks(sample_epub):
    with zipfile.ZipFile(sample_epub) as z:
        nav = etree.fromstring(z.read("EPUB/nav.xhtml"))
    toc_links = [
        a.xpath("string(h:span[1])", namespaces=NS) or a.text
        for a in nav.xpath("//h:nav[@epub:type='toc']//h:a", namespaces=NS)
    ]
    assert "Salt, Slowly" in toc_links and "Part One: Working Waters" in toc_links
    landmarks = nav.xpath("//h:nav[@epub:type='landmarks']//h:a/@epub:type", namespaces=NS)
    assert {"cover", "toc", "bodymatter", "index"} <= set(landmarks)


def _xhtml(epub_path, name: str):
    with zipfile.ZipFile(epub_path) as z:
        return etree.fromstring(z.read(f"EPUB/{name}"))


def test_nav_lists_articles_with_their_authors_not_subheads(sample_epub, sample_build):
    nav = _xhtml(sample_epub, "nav.xhtml")
    toc = nav.xpath("//h:nav[@epub:type='toc']", namespaces=NS)[0]
    chapters = sample_build.publication.chapters()
    entries = toc.xpath(".//h:li[@class='toc-chapter']/h:a", namespaces=NS)
    assert [a.get("href") for a in entries] == [f"{ch.slug}.xhtml" for ch in chapters]
    assert not [a for a in toc.iterdescendants(f"{{{NS['h']}}}a") if "#" in a.get("href")]
    first = entries[1].xpath("string(.//h:span[@class='toc-authors'])", namespaces=NS)
    assert first == "Aoife Brennan and Sam Achterberg"
    back = toc.xpath(".//h:li[@class='toc-back']/h:a/@href", namespaces=NS)
    assert back == ["contributors.xhtml"]


def test_contributors_page_links_each_person_to_their_articles(sample_epub, opf):
    page = _xhtml(sample_epub, "contributors.xhtml")
    people = page.xpath("//h:li[@class='person']", namespaces=NS)
    names = [p.xpath("string(h:span[@class='person-name'])", namespaces=NS) for p in people]
    filed = ["Aoife Brennan", "José Luis Carballo Méndez", "Nell Castellan", "Maren Holt"]
    assert sorted(filed, key=names.index) == filed  # Carballo Méndez under C, not M
    holt = people[names.index("Maren Holt")]
    assert holt.xpath(".//h:a/@href", namespaces=NS) == ["ch-01-cooperative-catch.xhtml"]
    spine = [r.get("idref") for r in opf.iterfind("opf:spine/opf:itemref", NS)]
    manifest = {i.get("id"): i.get("href") for i in opf.iterfind("opf:manifest/opf:item", NS)}
    assert manifest[spine[-1]] == "contributors.xhtml"
    section = page.xpath("//h:section", namespaces=NS)[0]
    assert "contributors" in section.get("class").split()  # the print index's pages land here


def test_nav_subheads_are_an_option(tmp_path):
    from tests.helpers import build_with

    folder = tmp_path / "book"
    folder.mkdir()
    (folder / "publication.toml").write_text('title = "Sections"\nnav_subheads = true\n')
    (folder / "one.md").write_text(
        "---\ntitle: One\nauthors: [Ann Lee]\n---\n\nText.\n\n## First part\n\nMore.\n"
    )
    result = build_with(folder, ["epub"], tmp_path / "out")
    epub_path = next(o.path for o in result.outputs if o.path.suffix == ".epub")
    nav = _xhtml(epub_path, "nav.xhtml")
    sections = nav.xpath("//h:li[@class='toc-section']/h:a", namespaces=NS)
    assert [a.text for a in sections] == ["First part"]
    assert sections[0].get("href").startswith("one.xhtml#")
