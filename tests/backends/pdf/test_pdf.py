"""The PDF backend, read back: pages, text, bookmarks, TOC page numbers, embedded fonts."""

from __future__ import annotations

import re

import pikepdf
import pytest
from pypdf import PdfReader

from tests.helpers import deflate_levels, pdf_page_texts

TITLES = [
    "The Co-op That Counts Every Crate",
    "Three Stops, Forty Minutes, One Old Ferry",
    "Listening to the Tide at Cullen Point",
    "After Dark on Brackwater Quay",
    "The Library That Keeps Its Own Tide Tables",
    "The Net Menders of Arenillas",
    "Salt, Slowly",
]


@pytest.fixture(scope="module")
def reader(sample_pdf):
    return PdfReader(sample_pdf)


@pytest.fixture(scope="module")
def page_texts(sample_pdf):
    return pdf_page_texts(sample_pdf)


def outline_pages(reader) -> dict[str, int]:
    """Bookmark title → 1-based page number, flattened."""
    found: dict[str, int] = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found[item.title] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    return found


def test_page_count_is_plausible(reader):
    assert 20 <= len(reader.pages) <= 60
    box = reader.pages[0].trimbox
    assert (round(float(box.width)), round(float(box.height))) == (432, 648)  # 6 x 9 in


def test_every_article_title_is_in_the_text(page_texts):
    text = " ".join(page_texts)
    for title in TITLES:
        assert title in text


def test_bookmarks_cover_every_article(reader):
    bookmarks = outline_pages(reader)
    assert len(bookmarks) >= len(TITLES)
    for title in TITLES:
        assert title in bookmarks


def test_toc_page_numbers_are_where_articles_start(reader, page_texts):
    starts = outline_pages(reader)
    toc_page = next(i for i, t in enumerate(page_texts) if t.startswith("Contents"))
    toc = page_texts[toc_page]
    for title in TITLES:
        match = re.search(re.escape(title) + r"[ .]*?(\d+)\b", toc)
        assert match, f"{title} not in the TOC"
        printed = int(match.group(1))
        assert printed == starts[title], title
        assert page_texts[printed - 1].find(title) != -1


def test_running_heads_and_folios(page_texts):
    # a continuation page of an article: book title on the left, article title on the right
    assert any(t.startswith("Harbour Lights") for t in page_texts[8:])
    assert any(t.startswith("The Co-op That Counts Every Crate") for t in page_texts[6:12])


def test_all_fonts_embedded(sample_pdf):
    with pikepdf.open(sample_pdf) as pdf:
        fonts = {}
        for page in pdf.pages:
            for _name, font in (page.Resources.get("/Font") or {}).items():
                fonts[str(font.get("/BaseFont"))] = font
        assert fonts
        for base, font in fonts.items():
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font.DescendantFonts[0].FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), base


def test_document_metadata(sample_pdf):
    with pikepdf.open(sample_pdf) as pdf:
        info = pdf.docinfo
        assert str(info["/Title"]).startswith("Harbour Lights")
        assert "Hester Vane" in str(info["/Author"])
        assert str(pdf.Root.Lang) == "en"


def test_page_streams_are_deflated_at_level_6(sample_pdf) -> None:
    # pydyf's own level 9 costs a fifth of the writing time for 2 % (docs/decisions.md).
    counts = deflate_levels(sample_pdf)
    assert counts["streams"] >= len(PdfReader(sample_pdf).pages)
    assert counts["level 6"] == counts["streams"]
    assert counts["level 9"] < counts["streams"]  # the levels differ here: the check can tell


def test_a_single_render_reports_pages_as_they_are_laid_out(tmp_path, monkeypatch) -> None:
    import logging
    from datetime import UTC, datetime

    from publisher.backends import pdf
    from publisher.config import load_config
    from publisher.render.theme import load_theme
    from tests.conftest import SAMPLE

    monkeypatch.setattr(pdf.weasy, "PAGES_PER_REPORT", 10)
    from publisher.options import BuildOptions
    from tests.helpers import load_with

    config = load_config(SAMPLE)
    pub = load_with(config, datetime(2026, 1, 1, tzinfo=UTC), print)
    said: list[str] = []
    options = BuildOptions(jobs=1)
    built = pdf.build(pub, load_theme(SAMPLE), tmp_path, options, config.pdf, said.append)
    tens = [f"laid out {n} pages" for n in range(10, built.pages, 10)]
    # Once each, though WeasyPrint lays the contents out again when page numbers settle.
    laid_out = [message for message in said if message.startswith("laid out")]
    assert laid_out == [*tens, f"laid out {built.pages} pages; writing the PDF file"]
    progress_log = logging.getLogger("weasyprint.progress")
    assert progress_log.handlers == [] and progress_log.propagate  # as it was
