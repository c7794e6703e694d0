"""Right-to-left books and articles: a Hebrew book with an English and an Arabic article
(tests/fixtures/rtl), and an English book with an Arabic article, in both outputs."""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest

from publisher.backends import pdf
from publisher.backends.pdf.chunks import build_chunked
from publisher.config import load_config
from publisher.options import BuildOptions
from publisher.render.theme import load_theme
from tests.helpers import (
    build_at_epoch,
    build_with,
    epubcheck_messages,
    load_with,
    pdf_page_texts,
    pdf_words,
    problems,
    write_folder,
)

RTL = Path(__file__).resolve().parent.parent / "fixtures" / "rtl"


@pytest.fixture(scope="module")
def hebrew(tmp_path_factory) -> dict[str, Path]:
    """The Hebrew book, built once as EPUB and PDF."""
    result = build_at_epoch(RTL, ["epub", "pdf"], tmp_path_factory.mktemp("rtl") / "build")
    return {o.path.suffix[1:]: o.path for o in result.outputs}


def roots(epub: Path) -> dict[str, str]:
    """File name → the <html> start tag of every XHTML page."""
    with zipfile.ZipFile(epub) as archive:
        return {
            Path(name).name: re.search(r"<html[^>]*>", archive.read(name).decode())[0]
            for name in archive.namelist()
            if name.endswith(".xhtml")
        }


def test_hebrew_epub_is_valid_and_turns_right_to_left(hebrew) -> None:
    assert problems(epubcheck_messages(hebrew["epub"]), "FATAL", "ERROR", "WARNING") == []
    with zipfile.ZipFile(hebrew["epub"]) as archive:
        opf = archive.read("EPUB/content.opf").decode()
    assert '<spine toc="ncx" page-progression-direction="rtl">' in opf
    pages = roots(hebrew["epub"])
    assert 'lang="en" xml:lang="en" dir="ltr"' in pages["ch-03-english.xhtml"]
    assert 'lang="ar" xml:lang="ar" dir="rtl"' in pages["ch-04-arabic.xhtml"]
    others = [tag for name, tag in pages.items() if name not in ("ch-03-english.xhtml",)]
    assert all('dir="rtl"' in tag for tag in others), others


def test_hebrew_pdf_opens_rectos_on_the_left(hebrew) -> None:
    with pikepdf.open(hebrew["pdf"]) as book:
        assert book.Root.ViewerPreferences.Direction == "/R2L"
        width = float(book.pages[0].trimbox[2])
    texts = _texts(hebrew["pdf"])
    opener = next(n for n, text in enumerate(texts, 1) if text.startswith("הגאות והשפל מאת"))
    assert opener % 2 == 1  # an article opens on a recto: an odd page
    # The article runs on: its verso (a right-hand page) carries the book's title, its
    # recto (left-hand) the article's, and each folio sits on the page's outer edge.
    assert texts[opener].startswith("אורות הנמל ")
    assert texts[opener + 1].startswith("הגאות והשפל ")
    for number in (opener, opener + 1, opener + 2):
        folio = [word for word in _words(hebrew["pdf"], number) if word[3] == str(number)][-1]
        assert (folio[1] < width / 2) == (number % 2 == 1), (number, folio)


def test_dates_are_hebrew_in_a_hebrew_book(hebrew) -> None:
    texts = _texts(hebrew["pdf"])
    opener = next(text for text in texts if text.startswith("הגאות והשפל מאת"))
    assert "20" in opener and "בינואר" in opener and "2026" in opener
    assert not any("January" in text for text in texts)


def test_hebrew_book_in_chunks_matches_one_render(tmp_path) -> None:
    config = load_config(RTL)
    pub = load_with(config, datetime(2026, 3, 1, tzinfo=UTC), print)
    theme = load_theme(RTL)
    single = pdf.build(pub, theme, tmp_path, BuildOptions(jobs=1), config.pdf).path
    chunked = tmp_path / "chunked.pdf"
    build_chunked(pub, theme, config.pdf, chunked, 2, lambda message: None, chunk_chapters=1)
    assert pdf_page_texts(chunked) == pdf_page_texts(single)
    with pikepdf.open(chunked) as book:
        assert book.Root.ViewerPreferences.Direction == "/R2L"


def test_an_arabic_article_in_an_english_book(tmp_path) -> None:
    folder = write_folder(
        tmp_path / "book",
        {
            "publication.toml": 'title = "Harbour Notes"\n',
            "01-a.md": "---\ntitle: Tides\n---\n\nThe tide came in.\n",
            "02-b.md": (RTL / "04-arabic.md").read_text(encoding="utf-8"),
        },
    )
    result = build_with(folder, ["epub", "pdf"], tmp_path / "out")
    epub, printed = (o.path for o in result.outputs)
    assert problems(epubcheck_messages(epub), "FATAL", "ERROR", "WARNING") == []
    with zipfile.ZipFile(epub) as archive:
        assert "page-progression-direction" not in archive.read("EPUB/content.opf").decode()
    pages = roots(epub)
    assert 'dir="rtl"' in pages["ch-02-b.xhtml"]
    assert all('dir="ltr"' in tag for name, tag in pages.items() if name != "ch-02-b.xhtml")
    with pikepdf.open(printed) as book:
        assert "/Direction" not in book.Root.get("/ViewerPreferences", {})
        width = float(book.pages[0].trimbox[2])
    texts = _texts(printed)
    for title, right in (("Tides", False), ("سوق السمك عند الفجر", True)):
        page = next(n for n, text in enumerate(texts, 1) if text.startswith(title))
        words = _words(printed, page)
        top = [w for w in words if w[2] == min(w[2] for w in words)]  # the title's line
        if right:  # it ends at the text block's right edge, far from its left one
            assert max(w[1] for w in top) > 0.75 * width and min(w[0] for w in top) > width / 3
        else:
            assert min(w[0] for w in top) < 0.25 * width


def _texts(path: Path) -> list[str]:
    """Each page's text without poppler's bidi embedding marks."""
    marks = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e"))
    return [text.translate(marks) for text in pdf_page_texts(path)]


def _words(path: Path, page: int) -> list[tuple[float, float, float, str]]:
    """(left x, right x, top y, word) of every word poppler finds on a 1-based page."""
    return [(w.x0, w.x1, w.y0, w.text) for w in pdf_words(path, page, page)[0]]


def test_hebrew_book_speaks_hebrew_and_isolates_names_of_the_other_direction(hebrew) -> None:
    with zipfile.ZipFile(hebrew["epub"]) as archive:
        nav = archive.read("EPUB/nav.xhtml").decode()
        index = archive.read("EPUB/contributors.xhtml").decode()
        english = archive.read("EPUB/ch-03-english.xhtml").decode()
    assert "תוכן העניינים" in nav and "Contents" not in nav
    assert '<bdi dir="ltr">Mara Lind</bdi>' in index
    assert '<bdi dir="rtl">ليلى حداد</bdi>' in index
    assert '<bdi dir="rtl">דנה לוי</bdi>' in index
    assert '<bdi dir="ltr">Mara Lind</bdi>' in english  # in the Hebrew byline of an English piece
    texts = " ".join(_texts(hebrew["pdf"]))
    assert "תוכן העניינים" in texts and "מאת" in texts and "By " not in texts


def test_running_heads_of_right_to_left_titles_are_upright() -> None:
    from publisher.backends.pdf.weasy import stylesheet

    config = load_config(RTL)
    pub = load_with(config, datetime(2026, 3, 1, tzinfo=UTC), print)
    upright = "@page :right { @top-right { font-style: normal; } }"
    assert upright in stylesheet(pub, load_theme(RTL), config.pdf)
    english = replace(pub, metadata=replace(pub.metadata, language="en"), parts=())
    assert upright not in stylesheet(english, load_theme(RTL), config.pdf)
