"""Every id stays unique: per EPUB page, and across the one HTML document the PDF is made from,
whatever the file names (``toc.md``, ``nav.md``) and raw ids (``id="title"``) say.
"""

from __future__ import annotations

import collections
import zipfile

import lxml.html
from lxml import etree

from publisher.render.html import print_document
from publisher.render.theme import load_theme
from tests.helpers import body_html


def duplicates(ids: list[str]) -> list[str]:
    return [i for i, n in collections.Counter(ids).items() if n > 1]


def test_chapter_files_never_replace_the_books_own_pages(inert_book):
    with zipfile.ZipFile(inert_book.epub) as epub:
        names = epub.namelist()
        nav = etree.fromstring(epub.read("EPUB/nav.xhtml"))
    assert duplicates(names) == []
    for page in ("toc-2", "nav-2", "cover-2", "part-1-2"):
        assert f"EPUB/{page}.xhtml" in names
    assert nav.xpath("//*[local-name()='nav'][@*[local-name()='type']='toc']")


def test_ids_are_unique_on_every_epub_page(inert_book):
    with zipfile.ZipFile(inert_book.epub) as epub:
        for name in epub.namelist():
            if name.endswith(".xhtml"):
                ids = etree.fromstring(epub.read(name)).xpath("//@id")
                assert duplicates(ids) == [], name


def test_ids_are_unique_across_the_print_document(inert_book):
    pub = inert_book.result.publication
    settings = inert_book.result.config.pdf
    html = print_document(pub, load_theme(inert_book.folder), "", settings)
    ids = lxml.html.document_fromstring(html).xpath("//@id")
    assert len(ids) > 20
    assert duplicates(ids) == []


def test_a_heading_id_that_matched_another_chapter_is_renamed_and_links_follow(inert_book):
    chapters = {c.slug: c for c in inert_book.result.publication.chapters()}
    ferry = chapters["ferry"].article
    assert "ferry-timetable" in chapters  # the other chapter keeps its natural slug
    assert [h.anchor for h in ferry.headings] == ["ferry-timetable-2"]
    assert 'id="ferry-timetable-2"' in body_html(ferry)
    assert 'href="#ferry-timetable-2"' in body_html(ferry)
    assert 'id="ferry-title"' not in body_html(ferry)  # the raw id="title" kept clear of it
