"""Page make-up of the print PDF (docs/print.md), read back from the built PDF: captions keep
with their tables, an article's credits never stand alone, its last page holds at least three
lines."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from publisher.check.typography import check_typography


@pytest.fixture(scope="module")
def hard_pdf(hard_build) -> Path:
    return next(o.path for o in hard_build.outputs if o.path.suffix == ".pdf")


def _page_of(pdf: Path, words: str) -> list[int]:
    """The pages (from 1) whose text holds ``words``."""
    with pdfplumber.open(pdf) as doc:
        return [n for n, page in enumerate(doc.pages, 1) if words in (page.extract_text() or "")]


def test_a_table_caption_stays_on_the_page_of_its_table(hard_pdf):
    # hard: "Draught limits at the bar" heads a table the page foot had no room for
    caption, last_row = _page_of(hard_pdf, "Draught limits"), _page_of(hard_pdf, "springs")
    assert caption and caption == last_row[-1:]


def test_no_page_holds_only_an_articles_credits(hard_pdf):
    report = check_typography(hard_pdf).counts()
    assert report["counts"]["credits-only pages"] == 0
    assert report["counts"]["short article ends"] == 0
    assert report["counts"]["stranded captions"] == 0
