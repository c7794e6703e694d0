"""Nothing runs past the text block: the hard publication's wide table (13 columns), long
address and long line of code stay inside the margins of the printed page."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from publisher.model import css_points
from tests.helpers import pdf_words

SLACK = 1.0  # points: justified lines may end a hair past the measure


@pytest.fixture(scope="module")
def hard_pdf(hard_build) -> Path:
    return next(o.path for o in hard_build.outputs if o.path.suffix == ".pdf")


def test_every_word_lies_inside_the_text_block(hard_build, hard_pdf):
    settings = hard_build.publication.pdf
    inner, outer = css_points(settings.margin_inner), css_points(settings.margin_outer)
    with pikepdf.open(hard_pdf) as pdf:
        trims = [[float(v) for v in page.obj.get("/TrimBox", page.mediabox)] for page in pdf.pages]
    outside = []
    for number, (words, trim) in enumerate(zip(pdf_words(hard_pdf), trims, strict=True), 1):
        left, right = (inner, outer) if number % 2 else (outer, inner)
        low, high = trim[0] + left - SLACK, trim[2] - right + SLACK
        outside += [(number, w.text) for w in words if w.x0 < low or w.x1 > high]
    assert outside == []


def test_the_measured_content_is_there(hard_pdf):
    """The words the test above measures are on the pages, all thirteen columns included."""
    text = " ".join(w.text for page in pdf_words(hard_pdf) for w in page)
    for expected in ("Jan", "Dec", "Mean", "5.23", "4.33", "2026.csv", "CONFIRMED"):
        assert expected in text
