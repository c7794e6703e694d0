"""Right-to-left books and articles: a Hebrew book with an English and an Arabic article
(tests/fixtures/rtl), and an English book with an Arabic article, in both outputs."""

from __future__ import annotations

import io
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
from tests.backends.pdf.test_pdf_ua import outloud
from tests.helpers import (
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
def hebrew(rtl_outputs) -> dict[str, Path]:
    """The Hebrew book, built once per session as EPUB and PDF (tests/conftest.py)."""
    return rtl_outputs


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
    assert set(embedded_fonts(chunked)) == set(embedded_fonts(single))
    for path in (single, chunked):  # PDF/UA-1 in one render and in chunks alike
        result = outloud(path)
        assert result["counts"]["error"] == 0, [f for f in result["findings"]]


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


def embedded_fonts(path: Path) -> dict[str, bytes]:
    """Name (without the subset tag) → embedded font program of every font of the PDF."""
    found: dict[str, bytes] = {}
    with pikepdf.open(path) as book:
        for page in book.pages:
            for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
                name = str(font.BaseFont).lstrip("/").split("+", 1)[-1]
                descriptor = font.DescendantFonts[0].FontDescriptor
                found[name] = descriptor.FontFile2.read_bytes()
    return found


def test_arabic_and_hebrew_are_set_in_the_packaged_faces_never_slanted(hebrew) -> None:
    from fontTools.ttLib import TTFont

    fonts = embedded_fonts(hebrew["pdf"])
    assert {"Noto-Naskh-Arabic", "Noto-Serif-Hebrew"} <= set(fonts), sorted(fonts)
    assert {"Noto-Naskh-Arabic-Semi-Bold", "Noto-Serif-Hebrew-Semi-Bold"} <= set(fonts)
    assert not [name for name in fonts if "DejaVu" in name or "Oblique" in name], sorted(fonts)
    for name, program in fonts.items():  # a face called italic is a real italic design
        if "Italic" in name:
            assert name.startswith("Source-Serif-Pro"), name
            assert TTFont(io.BytesIO(program))["head"].macStyle & 2, name


def test_the_hebrew_epub_packages_the_faces_it_uses(hebrew) -> None:
    with zipfile.ZipFile(hebrew["epub"]) as archive:
        names = set(archive.namelist())
        css = archive.read("EPUB/css/book.css").decode()
    for face, weight in (("NotoNaskhArabic-Regular", 400), ("NotoSerifHebrew-Bold", 600)):
        assert f"EPUB/fonts/{face}.ttf" in names
        for style in ("normal", "italic"):  # upright for italic too: never slanted
            assert f'url("../fonts/{face}.ttf"); font-weight: {weight}; font-style: {style}' in css
    assert 'font-family: "Noto Naskh Arabic"' in css and 'font-family: "Noto Serif Hebrew"' in css


def test_a_latin_book_carries_no_arabic_or_hebrew_face(sample_epub, sample_pdf) -> None:
    with zipfile.ZipFile(sample_epub) as archive:
        names = archive.namelist()
        css = next(archive.read(n).decode() for n in names if n.endswith(".css"))
    assert not [name for name in names if "Noto" in name]
    assert 'font-family: "Noto' not in css  # no @font-face for the script faces
    assert not [name for name in embedded_fonts(sample_pdf) if "Noto" in name]


def test_english_names_in_a_hebrew_byline_keep_their_order(tmp_path) -> None:
    """Each name is isolated on its own, so the Hebrew list reads Mara Lind, then Tom Berg
    (one isolate round the list would carry the Hebrew "and" into the English run)."""
    article = (
        "---\ntitle: המגדלור\nauthors: [Mara Lind, Tom Berg]\n"
        "contributors:\n  - {name: Anna Holm, role: pht}\n---\n\n"
        "שומר המגדלור כתב שורה אחת בכל ערב: הרוח, הים והספינות שעברו.\n"
    )
    toml = (RTL / "publication.toml").read_text(encoding="utf-8") + "\n[pdf]\ncover = true\n"
    folder = write_folder(tmp_path / "book", {"publication.toml": toml, "01-a.md": article})
    result = build_with(folder, ["epub", "pdf"], tmp_path / "out")
    paths = {o.path.name: o.path for o in result.outputs}
    epub, printed, cover = paths["book.epub"], paths["book.pdf"], paths["book-cover.pdf"]
    # the print cover sets its Hebrew title in the packaged face
    assert set(embedded_fonts(cover)) == {"Noto-Serif-Hebrew", "Noto-Serif-Hebrew-Semi-Bold"}
    with zipfile.ZipFile(epub) as archive:
        chapter = archive.read("EPUB/ch-01-a.xhtml").decode()
    assert '<bdi dir="ltr">Mara Lind</bdi> ו\u05be<bdi dir="ltr">Tom Berg</bdi>' in chapter
    opener = next(text for text in _texts(printed) if text.startswith("המגדלור"))
    byline = next(line for line in opener.splitlines() if "מאת" in line)
    assert byline.index("מאת") < byline.index("Mara Lind") < byline.index("Tom Berg"), byline
    assert "צולם בידי" in opener and "Anna Holm" in opener


def test_an_arabic_word_in_english_italics_is_isolated_and_upright(tmp_path) -> None:
    article = (
        "---\ntitle: Markets\nsubtitle: Notes from the سوق السمك at dawn\n---\n\n"
        "The word *سوق* means market; the code `سوق` stays as written.\n"
    )
    folder = write_folder(
        tmp_path / "book", {"publication.toml": 'title = "Harbour"\n', "01-a.md": article}
    )
    result = build_with(folder, ["epub", "pdf"], tmp_path / "out")
    epub, printed = (o.path for o in result.outputs)
    assert problems(epubcheck_messages(epub), "FATAL", "ERROR", "WARNING") == []
    with zipfile.ZipFile(epub) as archive:
        chapter = archive.read("EPUB/ch-01-a.xhtml").decode()
        names = archive.namelist()
    assert '<em><bdi dir="rtl">سوق</bdi></em>' in chapter
    assert 'Notes from the <bdi dir="rtl">سوق السمك</bdi> at dawn' in chapter
    assert "<code>سوق</code>" in chapter
    assert "EPUB/fonts/NotoNaskhArabic-Regular.ttf" in names
    assert not [name for name in names if "Hebrew" in name]  # no Hebrew in this book
    fonts = embedded_fonts(printed)
    arabic = sorted(name for name in fonts if "Naskh" in name)
    assert arabic == ["Noto-Naskh-Arabic", "Noto-Naskh-Arabic-Semi-Bold"], arabic
