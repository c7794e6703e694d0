"""The EPUB's page-list: a marker where each print page begins, read back from both files."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from publisher.backends.epub.pagelist import mark_pages
from publisher.render.html import Page
from publisher.render.pagemap import PageMap, PageStart
from tests.conftest import SAMPLE
from tests.helpers import build_at_epoch, pdf_page_texts

NS = {"h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
MARKER = "//h:span[@epub:type='pagebreak']"


def _documents(epub: Path) -> dict[str, etree._Element]:
    with zipfile.ZipFile(epub) as archive:
        return {
            name.removeprefix("EPUB/"): etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xhtml")
        }


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def _after_marker(marker: etree._Element, count: int = 4) -> list[str]:
    """The first words of text that follow a marker in its document."""
    text, node = "", marker
    root = marker.getroottree().getroot()
    seen = False
    for item in root.iter():
        if item is node:
            seen = True
            text += item.tail or ""
            continue
        if seen:
            text += (item.text or "") + (item.tail or "")
        if len(_words(text)) >= count:
            break
    return _words(text)[:count]


def test_every_print_page_has_one_marker_and_a_page_list_entry(sample_build, sample_pdf) -> None:
    documents = _documents(next(o.path for o in sample_build.outputs if o.path.suffix == ".epub"))
    with pikepdf.open(sample_pdf) as pdf:
        pages = len(pdf.pages)
    labels = [
        m.get("aria-label") for d in documents.values() for m in d.xpath(MARKER, namespaces=NS)
    ]
    assert sorted(labels, key=int) == [str(n) for n in range(1, pages + 1)]
    nav = documents["nav.xhtml"]
    entries = nav.xpath("//h:nav[@epub:type='page-list']//h:a", namespaces=NS)
    assert [a.text for a in entries] == [str(n) for n in range(1, pages + 1)]
    for a in entries:  # every entry reaches its marker
        name, anchor = a.get("href").split("#")
        assert documents[name].xpath(f"//*[@id='{anchor}']", namespaces=NS), a.get("href")


def test_each_article_starts_on_the_page_its_bookmark_names(sample_build, sample_pdf) -> None:
    epub = next(o.path for o in sample_build.outputs if o.path.suffix == ".epub")
    documents = _documents(epub)
    with pikepdf.open(sample_pdf) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}
        with pdf.open_outline() as outline:
            starts = {
                item.title: pages[item.destination[0].objgen]
                for part in outline.root
                for item in part.children
            }
    for chapter in sample_build.publication.chapters():
        title = chapter.article.title
        root = next(d for d in documents.values() if d.xpath(f"//*[@id='{chapter.slug}']"))
        (heading,) = root.xpath(f"//*[@id='{chapter.slug}-title']")
        before = heading.xpath("preceding::h:span[@epub:type='pagebreak']", namespaces=NS)
        assert before and before[-1].get("aria-label") == str(starts[title]), title


def test_each_marker_stands_before_the_first_words_of_its_page(sample_build, sample_pdf) -> None:
    """The words after each marker are among the first words its PDF page shows (after a
    running head); a word hyphenated over the turn shows its end on that page. Markers of
    pages with nothing of the EPUB's (blank versos) stand just before the next page's."""
    epub = next(o.path for o in sample_build.outputs if o.path.suffix == ".epub")
    texts = pdf_page_texts(sample_pdf)
    checked = inside = 0
    for root in _documents(epub).values():
        for marker in root.xpath(MARKER, namespaces=NS):
            following = marker.getnext()
            if (
                not (marker.tail or "").strip()
                and following is not None
                and (following.get(f"{{{NS['epub']}}}type") == "pagebreak")
            ):
                continue  # a page holding nothing: the next marker stands for both
            words = _after_marker(marker)
            if not words:
                continue  # pages after the EPUB's last text (the contributors index)
            # Letters only: poppler splits a word hyphenated inside the page ("tur bine").
            head = "".join(_words(texts[int(marker.get("aria-label")) - 1])[:40])
            rest = "".join(words[1:3])
            first = words[0]
            starts = [first[i:] + rest for i in range(max(1, len(first) - 1))]
            assert any(start in head for start in starts), (marker.get("aria-label"), words)
            checked += 1
            inside += bool((marker.tail or "").strip())
    assert checked >= 25 and inside >= 5  # most pages; several begin inside a paragraph


def test_the_package_names_its_print_source_and_claims_page_numbers(
    sample_build, sample_pdf
) -> None:
    epub = next(o.path for o in sample_build.outputs if o.path.suffix == ".epub")
    with zipfile.ZipFile(epub) as archive:
        opf = archive.read("EPUB/content.opf").decode()
    with pikepdf.open(sample_pdf) as pdf:
        pages = len(pdf.pages)
    assert f"<dc:source>Harbour Lights, print edition ({pages} pages)</dc:source>" in opf
    assert '<meta property="pageBreakSource">Harbour Lights, print edition' in opf
    assert ">printPageNumbers<" in opf and ">pageBreakMarkers<" in opf


@pytest.fixture(scope="module")
def epub_only(tmp_path_factory) -> dict[str, Path]:
    """The sample as EPUB only: laid out afresh, from a print build's cache, and without."""
    root = tmp_path_factory.mktemp("epub-only")
    said: list[str] = []
    cold = build_at_epoch(SAMPLE, ["epub"], root / "cold", progress=said.append)
    cached_env = root / "cache"
    import os

    previous = os.environ.get("PUBLISHER_CACHE_DIR")
    os.environ["PUBLISHER_CACHE_DIR"] = str(cached_env)
    try:
        build_at_epoch(SAMPLE, ["epub", "pdf"], root / "full", cache=True)
        warm_said: list[str] = []
        warm = build_at_epoch(
            SAMPLE, ["epub"], root / "warm", cache=True, progress=warm_said.append
        )
    finally:
        if previous is None:
            del os.environ["PUBLISHER_CACHE_DIR"]
        else:
            os.environ["PUBLISHER_CACHE_DIR"] = previous
    plain = build_at_epoch(SAMPLE, ["epub"], root / "plain", page_list=False)
    assert any("laying out the print edition" in line for line in said)
    assert not any("laying out the print edition" in line for line in warm_said)
    return {
        "cold": cold.outputs[0].path,
        "warm": warm.outputs[0].path,
        "full": root / "full" / "harbour-lights.epub",
        "plain": plain.outputs[0].path,
    }


def test_epub_only_builds_give_the_same_epub_as_a_print_build(epub_only) -> None:
    full = epub_only["full"].read_bytes()
    assert epub_only["cold"].read_bytes() == full  # laid out once, for the EPUB alone
    assert epub_only["warm"].read_bytes() == full  # the page map a print build kept


def test_no_page_list_leaves_no_marker_and_no_source(epub_only) -> None:
    documents = _documents(epub_only["plain"])
    assert not any(d.xpath(MARKER, namespaces=NS) for d in documents.values())
    assert not documents["nav.xhtml"].xpath("//h:nav[@epub:type='page-list']", namespaces=NS)
    with zipfile.ZipFile(epub_only["plain"]) as archive:
        assert b"dc:source" not in archive.read("EPUB/content.opf")


PAGE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>T</title></head><body>
<section class="chapter" id="ch"><h1>Title</h1><p>One two <em>three</em> four-five six.</p>
<ul><li>Item one</li><li>Item two</li></ul></section></body></html>"""


def _marked(*starts: PageStart) -> etree._Element:
    pages, targets = mark_pages([Page("ch.xhtml", "T", PAGE)], PageMap(tuple(starts)))
    assert [t.href for t in targets] == [f"ch.xhtml#ch-page-{s.label}" for s in starts]
    return etree.fromstring(pages[0].html.encode())


def _text_around(root: etree._Element, label: str) -> str:
    (marker,) = root.xpath(f"//*[@id='ch-page-{label}']")
    parent = marker.getparent()
    return f"{parent.text or ''}|{marker.tail or ''}"


def test_markers_go_before_blocks_inside_lists_and_before_words() -> None:
    root = _marked(
        PageStart("1", None),  # a blank page: marked with the next one
        PageStart("2", "ch", 0, 0),  # the heading
        PageStart("3", "ch", 1, 5),  # "One two ..." after "Onetw": before "two"
        PageStart("4", "ch", 1, 13),  # inside "four-five": before the word
        PageStart("5", "ch", 3, 0),  # the second list item: inside it
        PageStart("6", "elsewhere", 0, 0),  # nowhere in the EPUB: at the end
    )
    heading = root.xpath("//h:h1", namespaces=NS)[0]
    before = heading.xpath("preceding-sibling::h:span", namespaces=NS)
    assert [m.get("id") for m in before] == ["ch-page-1", "ch-page-2"]
    assert _text_around(root, "3") == "One |two "
    (four,) = root.xpath("//*[@id='ch-page-4']")
    assert four.getparent().tag.endswith("p") and four.tail.startswith(" four-five") is False
    assert (four.getprevious().tail or "").endswith(" ") and four.tail.startswith("four-five")
    (five,) = root.xpath("//*[@id='ch-page-5']")
    assert five.getparent().text is None and five.tail == "Item two"
    assert root.xpath("//h:body/*[last()]", namespaces=NS)[0].get("id") == "ch-page-6"


def test_a_marker_id_never_repeats_an_id_the_page_has() -> None:
    page = PAGE.replace("<h1>Title</h1>", '<h1 id="ch-page-1">Page 1</h1>')
    pages, targets = mark_pages([Page("ch.xhtml", "T", page)], PageMap((PageStart("1", "ch"),)))
    assert targets[0].href == "ch.xhtml#ch-page-1-2"
    root = etree.fromstring(pages[0].html.encode())
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
