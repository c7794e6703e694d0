"""EPUB accessibility: metadata derived from the content, languages, semantics, Ace verdicts."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image

from publisher.backends.epub import accessibility
from publisher.errors import BuildFailed
from publisher.model import Asset
from publisher.render.html import Page
from tests.helpers import build_with, write_folder

NS = {
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
    "h": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def read_opf(epub: Path) -> etree._Element:
    with zipfile.ZipFile(epub) as z:
        return etree.fromstring(z.read("EPUB/content.opf"))


def a11y(opf: etree._Element) -> dict[str, list[str]]:
    """Every schema:/dcterms:conformsTo meta as property → values, in document order."""
    found: dict[str, list[str]] = {}
    for meta in opf.iterfind("opf:metadata/opf:meta[@property]", NS):
        prop = meta.get("property")
        if prop.startswith("schema:") or prop == "dcterms:conformsTo":
            found.setdefault(prop, []).append(meta.text)
    return found


def xhtml_documents(epub: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(epub) as z:
        return {
            name: etree.fromstring(z.read(name)) for name in z.namelist() if name.endswith(".xhtml")
        }


# --- Ace by DAISY and the package language ------------------------------------------------


@pytest.mark.parametrize("which", ["sample_epub_check", "hard_epub_check"])
def test_ace_finds_no_critical_or_serious_violation(which, request):
    check = request.getfixturevalue(which)
    assert check.facts["ace"]["critical"] == 0 and check.facts["ace"]["serious"] == 0
    assert [str(f) for f in check.findings if f.checker == "ace"] == []


def test_package_and_every_document_declare_their_language(hard_epub):
    assert read_opf(hard_epub).get(XML_LANG) == "en-GB"
    for name, doc in xhtml_documents(hard_epub).items():
        assert doc.get("lang") and doc.get("lang") == doc.get(XML_LANG), name


def test_article_in_another_language_is_marked_and_its_credits_are_not(hard_epub):
    doc = xhtml_documents(hard_epub)["EPUB/ch-03-carta-de-vigo.xhtml"]
    assert (doc.get("lang"), doc.get(XML_LANG)) == ("es", "es")
    for cls in ("byline", "dates"):
        (el,) = doc.xpath(f"//h:p[@class='{cls}']", namespaces=NS)
        assert (el.get("lang"), el.get(XML_LANG)) == ("en-GB", "en-GB")
    (footer,) = doc.xpath("//h:footer", namespaces=NS)
    assert footer.get("lang") == "en-GB" and "Translated" in "".join(footer.itertext())
    galician = doc.xpath("//h:blockquote/h:p", namespaces=NS)[0]
    assert galician.get("lang") == "gl"


def test_nav_marks_the_language_of_a_foreign_title(hard_epub):
    nav = xhtml_documents(hard_epub)["EPUB/nav.xhtml"]
    (item,) = nav.xpath("//h:li[h:a[@href='ch-03-carta-de-vigo.xhtml']]", namespaces=NS)
    assert item.get("lang") == "es" and item.get(XML_LANG) == "es"


def test_passages_in_other_languages_keep_their_lang(hard_epub):
    doc = xhtml_documents(hard_epub)["EPUB/ch-04-pilots-notebook.xhtml"]
    langs = {el.get("lang") for el in doc.iter() if el.get("lang")}
    assert {"fr", "de", "ja", "ar"} <= langs


def test_semantics_of_front_matter_chapters_toc_and_landmarks(hard_epub):
    docs = xhtml_documents(hard_epub)
    for name, doc in docs.items():
        body = doc.find("h:body", NS)
        matter = body.get("{http://www.idpf.org/2007/ops}type")
        expected = "bodymatter" if Path(name).name.startswith(("ch-", "part-")) else "frontmatter"
        expected = "backmatter" if Path(name).name == "contributors.xhtml" else expected
        assert matter == expected, name
    chapter = docs["EPUB/ch-01-tide-tables.xhtml"]
    assert chapter.xpath("//h:section[@epub:type='chapter'][@role='doc-chapter']", namespaces=NS)
    nav = docs["EPUB/nav.xhtml"]
    assert nav.xpath("//h:nav[@epub:type='toc'][@role='doc-toc']", namespaces=NS)
    landmarks = nav.xpath("//h:nav[@epub:type='landmarks']//h:a/@epub:type", namespaces=NS)
    assert landmarks == ["cover", "titlepage", "copyright-page", "toc", "bodymatter", "index"]
    colophon = docs["EPUB/colophon.xhtml"]
    assert colophon.xpath("//h:section[@role='doc-colophon']", namespaces=NS)
    cover = docs["EPUB/cover.xhtml"]
    assert cover.xpath("//h:img[@role='doc-cover'][@alt='Cover of Soundings']", namespaces=NS)


# --- Metadata derived from the content -----------------------------------------------------


def test_hard_publication_metadata_follows_its_content(hard_epub):
    meta = a11y(read_opf(hard_epub))
    assert meta["schema:accessMode"] == ["textual", "visual"]
    assert meta["schema:accessModeSufficient"] == ["textual", "textual,visual"]
    assert set(meta["schema:accessibilityFeature"]) == {
        "tableOfContents",
        "structuralNavigation",
        "readingOrder",
        "displayTransformability",
        "alternativeText",
        "ARIA",
        "printPageNumbers",  # the print edition's page-list (backends/epub/pagelist.py)
        "pageBreakMarkers",
    }
    assert meta["schema:accessibilityHazard"] == ["none"]
    assert meta["dcterms:conformsTo"] == ["EPUB Accessibility 1.1 - WCAG 2.2 Level AA"]
    (summary,) = meta["schema:accessibilitySummary"]
    # 5 images: chart, diagram, boot icon, photograph, ladder; 5 tables; 3 + 2 + 1 notes
    phrases = ("All 5 images have text alternatives", "5 tables", "6 footnotes", "Spanish")
    for phrase in (*phrases, "page numbers of the print edition"):
        assert phrase in summary


def test_sample_metadata_follows_its_content(sample_epub):
    meta = a11y(read_opf(sample_epub))
    assert meta["schema:accessMode"] == ["textual", "visual"]  # the ferry map
    assert "alternativeText" in meta["schema:accessibilityFeature"]
    assert "dcterms:conformsTo" in meta


def page(body: str, name: str = "ch-a.xhtml", **kwargs) -> Page:
    html = (
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"'
        f' lang="en"><head><title>t</title></head><body>{body}</body></html>'
    )
    return Page(name, "t", html, **kwargs)


NAV = page(
    '<nav epub:type="toc"><ol><li><a href="ch-a.xhtml">A</a></li></ol></nav>'
    '<nav epub:type="landmarks"><ol><li><a href="ch-a.xhtml">A</a></li></ol></nav>',
    "nav.xhtml",
    properties=("nav",),
)
COVER = page('<img src="cover.png" alt="Cover of T"/>', "cover.xhtml", landmark="cover")


def derive(*pages: Page, assets: tuple[Asset, ...] = ()) -> dict[str, list[str]]:
    facts = accessibility.survey([NAV, *pages], "en", assets)
    found: dict[str, list[str]] = {}
    for prop, value in accessibility.metadata(facts, "en"):
        found.setdefault(prop, []).append(value)
    return found


def test_text_only_book_is_textual_and_a_cover_does_not_make_it_visual():
    meta = derive(COVER, page("<h1>A</h1><p>Words.</p>"))
    assert meta["schema:accessMode"] == ["textual"]
    assert meta["schema:accessModeSufficient"] == ["textual"]
    assert "alternativeText" not in meta["schema:accessibilityFeature"]
    assert "image" not in meta["schema:accessibilitySummary"][0]


def test_an_image_without_alt_withdraws_alternative_text_and_conformance():
    meta = derive(page('<h1>A</h1><img src="a.png" alt="A map"/><img src="b.png" alt=""/>'))
    assert meta["schema:accessMode"] == ["textual", "visual"]
    assert meta["schema:accessModeSufficient"] == ["textual,visual"]
    assert "alternativeText" not in meta["schema:accessibilityFeature"]
    assert "dcterms:conformsTo" not in meta
    assert "1 of 2 images has no text alternative" in meta["schema:accessibilitySummary"][0]


def test_mathml_tables_and_languages_are_found():
    body = (
        '<h1>A</h1><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math>'
        '<table><tr><th>k</th></tr></table><table><tr><td>v</td></tr></table><p lang="fr">Oui</p>'
    )
    meta = derive(page(body))
    assert "MathML" in meta["schema:accessibilityFeature"]
    summary = meta["schema:accessibilitySummary"][0]
    assert "2 tables; 1 without header cells" in summary and "French" in summary


def test_a_document_without_heading_withdraws_structural_navigation():
    meta = derive(page("<h1>A</h1>"), page("<p>No heading here.</p>", "ch-b.xhtml"))
    assert "structuralNavigation" not in meta["schema:accessibilityFeature"]


def test_an_animated_image_is_an_unknown_flashing_hazard(tmp_path):
    frames = [Image.new("RGB", (8, 8), colour) for colour in ("red", "blue")]
    gif = tmp_path / "blink.gif"
    frames[0].save(gif, save_all=True, append_images=frames[1:], duration=100, loop=0)
    asset = Asset("images/blink.gif", "image/gif", gif)
    meta = derive(page('<h1>A</h1><img src="images/blink.gif" alt="A blink"/>'), assets=(asset,))
    assert meta["schema:accessibilityHazard"][0] == "unknownFlashingHazard"
    assert "dcterms:conformsTo" not in meta


# --- Images without alt text: a warning, an error under --strict --------------------------

NO_ALT = {
    "publication.toml": 'title = "Alt"\n',
    "a.md": "---\ntitle: A\n---\n\nBefore.\n\n![](images/dot.png)\n",
}


def test_image_without_alt_is_a_warning_and_an_error_under_strict(tmp_path):
    folder = write_folder(tmp_path / "src", NO_ALT)
    (folder / "images").mkdir()
    Image.new("RGB", (4, 4), "black").save(folder / "images" / "dot.png")
    with pytest.raises(BuildFailed) as failed:
        build_with(folder, ["epub"], tmp_path / "strict", strict=True)
    assert "has no alt text (--strict)" in str(failed.value.errors[0].message)
    assert not (tmp_path / "strict").exists()
    result = build_with(folder, ["epub"], tmp_path / "out")
    assert [str(w.location) for w in result.warnings] == [f"{folder / 'a.md'}:7"]
    meta = a11y(read_opf(result.outputs[0].path))
    assert "alternativeText" not in meta["schema:accessibilityFeature"]


def test_print_page_numbers_are_claimed_only_with_markers_and_a_page_list():
    marker = '<span epub:type="pagebreak" role="doc-pagebreak" id="ch-a-page-1" aria-label="1"/>'
    body = page(f"<h1>A</h1><p>one {marker}two</p>")
    page_list = page(
        '<nav epub:type="toc"><ol><li><a href="ch-a.xhtml">A</a></li></ol></nav>'
        '<nav epub:type="page-list"><ol><li><a href="ch-a.xhtml#ch-a-page-1">1</a></li></ol>'
        "</nav>",
        "nav.xhtml",
        properties=("nav",),
    )
    listed = accessibility.features(accessibility.survey([page_list, body], "en"))
    assert {"printPageNumbers", "pageBreakMarkers"} <= set(listed)
    unlisted = accessibility.features(accessibility.survey([NAV, body], "en"))
    assert "printPageNumbers" not in unlisted and "pageBreakMarkers" not in unlisted


def test_a_page_is_parsed_once_however_many_builds_count_it(monkeypatch):
    from publisher.backends.epub import accessibility
    from publisher.render.html import Page

    parsed: list[str] = []
    real = accessibility._page_counted
    monkeypatch.setattr(
        accessibility, "_page_counted", lambda page: parsed.append(page.title) or real(page)
    )
    html = (
        '<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>Quay</h1>'
        '<p lang="cy">Bore da</p><img src="a.png" alt=""/></body></html>'
    )
    page = Page("quay.xhtml", "Quay, unique to this test", html)
    first = accessibility.survey([page], "en")
    again = accessibility.survey([page], "en")
    assert first == again and parsed == ["Quay, unique to this test"]
    assert first.images == 1 and first.images_without_alt == 1 and first.languages == ("cy",)
    assert first.headed_documents == first.documents == 1
