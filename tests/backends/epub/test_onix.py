"""The ONIX record: read back from the EPUB, claiming only what the EPUB's metadata proves."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from publisher.backends.epub.onix import _identifiers, _onix_language, read_record
from tests.conftest import SAMPLE
from tests.helpers import build_at_epoch

NS = {"o": "http://ns.editeur.org/onix/3.0/reference"}
EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "onix-example.xml"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """The sample's EPUB and ONIX record, built with --onix."""
    result = build_at_epoch(SAMPLE, ["epub"], tmp_path_factory.mktemp("onix"), onix=True)
    paths = [o.path for o in result.outputs]
    epub = next(p for p in paths if p.suffix == ".epub")
    return epub, next(p for p in paths if p.name.endswith(".onix.xml"))


def _codes(record: etree._Element) -> list[str]:
    return record.xpath("//o:ProductFormFeature/o:ProductFormFeatureValue/text()", namespaces=NS)


def test_the_sample_record_has_its_title_people_language_and_claims(built) -> None:
    record = etree.parse(str(built[1]))
    with zipfile.ZipFile(built[0]) as archive:
        opf = archive.read("EPUB/content.opf").decode()
    (summary,) = record.xpath("//o:ProductFormFeatureDescription/text()", namespaces=NS)
    assert f'<meta property="schema:accessibilitySummary">{summary}</meta>' in opf
    assert record.xpath("string(//o:TitleText)", namespaces=NS) == "Harbour Lights"
    assert record.xpath("string(//o:Subtitle)", namespaces=NS) == "Reports from a Changing Coast"
    assert record.xpath("//o:LanguageCode/text()", namespaces=NS) == ["eng"]
    assert record.xpath("string(//o:ProductFormDetail)", namespaces=NS) == "E101"
    # The sample EPUB declares: conformance to EPUB A11y 1.1 with WCAG 2.2 AA, a summary,
    # tableOfContents, readingOrder, alternativeText, structuralNavigation, ARIA,
    # displayTransformability, printPageNumbers and pageBreakMarkers (its print edition's
    # page-list) and textual sufficiency; it is not encrypted, and every page states its
    # language. Each maps to one code of list 196 (W3C crosswalk).
    expected = ["00", "04", "10", "11", "13", "14", "19", "22", "29", "30", "36", "52", "82"]
    expected.append("85")
    assert _codes(record) == expected
    roles = record.xpath("//o:Contributor/o:ContributorRole/text()", namespaces=NS)
    assert "B01" in roles and "A01" in roles
    names = record.xpath("//o:Contributor/o:PersonName/text()", namespaces=NS)
    assert len(names) == len(set(names))  # one contributor per person, with all roles


def _comparable(xml: bytes) -> list[tuple[str, str]]:
    """(path, text) of every element, without the send time, the parts that follow the
    EPUB's optional metadata (keywords, inverted names), which the example may lack, and the
    accessibility summary's wording (the EPUB's own, copied: test_accessibility checks it)."""
    root = etree.fromstring(xml, etree.XMLParser(remove_comments=True))
    tree = root.getroottree()
    return [
        (
            tree.getpath(el),
            ""
            if etree.QName(el).localname == "ProductFormFeatureDescription"
            else (el.text or "").strip(),
        )
        for el in root.iter()
        if etree.QName(el).localname not in ("SentDateTime", "PersonNameInverted")
        and "Subject" not in tree.getpath(el)
    ]


def test_the_sample_record_matches_the_hand_checked_example(built) -> None:
    """docs/onix-example.xml was read by hand against ONIX 3.0 and validated with EDItEUR's
    XSD (its comment says how); the build must keep producing the same record."""
    assert _comparable(built[1].read_bytes()) == _comparable(EXAMPLE.read_bytes())


def _tampered(epub: Path, tmp_path: Path, edit) -> Path:
    copy = tmp_path / "book.epub"
    with zipfile.ZipFile(epub) as source, zipfile.ZipFile(copy, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            target.writestr(item, edit(item.filename, data))
    return copy


def test_a_claim_the_epub_does_not_make_is_not_in_the_record(built, tmp_path) -> None:
    def drop(name: str, data: bytes) -> bytes:
        if name.endswith(".opf"):
            data = data.replace(b">alternativeText<", b">none-such<")
            data = re.sub(rb"<meta property=\"dcterms:conformsTo\">[^<]*</meta>", b"", data)
        return data

    record = read_record(_tampered(built[0], tmp_path, drop))
    codes = [code for code, _ in record.accessibility]
    assert "14" not in codes and "04" not in codes and "85" not in codes and "82" not in codes
    assert "11" in codes  # the table of contents is still claimed


def test_an_untagged_page_or_encryption_withdraws_those_claims(built, tmp_path) -> None:
    def untag(name: str, data: bytes) -> bytes:
        if name.endswith("ch-01-cooperative-catch.xhtml"):
            return data.replace(b' lang="en" xml:lang="en"', b"")
        return data

    codes = [c for c, _ in read_record(_tampered(built[0], tmp_path, untag)).accessibility]
    assert "22" not in codes
    encrypted = tmp_path / "encrypted.epub"
    shutil.copy(built[0], encrypted)
    with zipfile.ZipFile(encrypted, "a") as archive:
        archive.writestr("META-INF/encryption.xml", "<encryption/>")
    assert "10" not in [c for c, _ in read_record(encrypted).accessibility]


def test_identifiers_and_languages_as_onix_writes_them() -> None:
    assert _identifiers("urn:isbn:978-0-306-40615-7") == [
        ("15", None, "9780306406157"),
        ("03", None, "9780306406157"),
    ]
    assert _identifiers("urn:isbn:9780306406158")[0][0] == "01"  # bad check digit
    assert _identifiers("urn:uuid:1234")[0] == ("01", "UUID", "urn:uuid:1234")
    assert [_onix_language(t) for t in ("fr", "de-AT", "zh-Hant", "en-GB", "he", "xx")] == [
        "fre",
        "ger",
        "chi",
        "eng",
        "heb",
        "und",
    ]
