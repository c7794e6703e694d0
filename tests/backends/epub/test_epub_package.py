"""The hard publication's package: valid, with the metadata readers and stores look for."""

from __future__ import annotations

import zipfile

import pytest
from lxml import etree

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}
KNOWN_USAGE = {
    "CSS-028",  # "Use of Font-face declaration": the theme embeds its text face
    "HTM_055",  # "The rp element should not be used": the pilot's hand-written <ruby>
}


@pytest.fixture(scope="module")
def metadata(hard_epub) -> etree._Element:
    with zipfile.ZipFile(hard_epub) as z:
        return etree.fromstring(z.read("EPUB/content.opf")).find("opf:metadata", NS)


def refinements(metadata: etree._Element, target: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in metadata.iterfind(f"opf:meta[@refines='#{target}']", NS):
        found.setdefault(meta.get("property"), []).append(meta.text)
    return found


def test_epubcheck_reports_no_errors_or_warnings(hard_epub_check):
    found = [f for f in hard_epub_check.findings if f.checker == "epubcheck"]
    assert [str(f) for f in found if f.severity in ("error", "warning")] == []


def test_epubcheck_usage_messages_are_the_documented_ones(hard_epub_check):
    found = [f for f in hard_epub_check.findings if f.checker == "epubcheck"]
    assert {f.message.split(":")[0] for f in found if f.severity == "info"} == KNOWN_USAGE


def test_series_is_a_collection_with_its_position(metadata):
    (collection,) = metadata.iterfind("opf:meta[@property='belongs-to-collection']", NS)
    assert collection.text == "Estuary Desk Papers"
    assert refinements(metadata, collection.get("id")) == {
        "collection-type": ["series"],
        "group-position": ["2"],
    }


def test_no_collection_without_a_series(sample_epub):
    with zipfile.ZipFile(sample_epub) as z:
        opf = z.read("EPUB/content.opf").decode()
    assert "belongs-to-collection" not in opf


def test_main_title_and_subtitle_are_refined(metadata):
    titles = {el.get("id"): el.text for el in metadata.iterfind("dc:title", NS)}
    assert titles == {"title": "Soundings", "subtitle": "Difficult Pages from the Estuary Desk"}
    assert refinements(metadata, "title") == {"title-type": ["main"]}
    assert refinements(metadata, "subtitle") == {"title-type": ["subtitle"]}


def test_editors_are_the_creators_and_everyone_else_contributes_once(metadata):
    creators = [el.text for el in metadata.iterfind("dc:creator", NS)]
    assert creators == ["Ada Quarrie", "Benedict Oduya", "Cleo Ferraz"]
    for el in metadata.iterfind("dc:creator", NS):
        first, last = el.text.split()
        expected = {"role": ["edt"], "file-as": [f"{last}, {first}"]}
        assert refinements(metadata, el.get("id")) == expected
    roles = {
        el.text: refinements(metadata, el.get("id"))["role"]
        for el in metadata.iterfind("dc:contributor", NS)
    }
    assert roles == {
        "Ada Quarrie": ["aut"],
        "Benedict Oduya": ["aut", "ctb"],  # "additional reporting" is written as ctb
        "Cleo Ferraz": ["pht", "trl"],
        "Dara Mensah": ["ill"],
        "Lucía Otero Bermúdez": ["aut"],
        "Ffion Price": ["aut"],
    }
    ids = [el.get("id") for el in metadata.iter() if el.get("id")]
    assert len(ids) == len(set(ids))


def test_dates_identifier_and_generator(metadata):
    assert metadata.findtext("dc:date", namespaces=NS) == "2026-03-14"
    modified = metadata.find("opf:meta[@property='dcterms:modified']", NS)
    assert modified.text == "2026-05-28T20:26:40Z"  # SOURCE_DATE_EPOCH wins over the date
    assert metadata.findtext("dc:identifier", namespaces=NS).startswith("urn:uuid:")
    generator = metadata.find("opf:meta[@name='generator']", NS)
    assert generator.get("content").startswith("publisher ")
