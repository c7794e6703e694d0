"""Page geometry of the printed book: nothing runs past the text block (the hard
publication's wide table, long address and long code line), a tall picture fits the page,
and long quotations and tables start where they are rather than on the next page."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from publisher.config.printing import PrintSettings, css_points
from tests.helpers import build_at_epoch, pdf_page_texts, pdf_words, write_folder

SLACK = 1.0  # points: justified lines may end a hair past the measure


@pytest.fixture(scope="module")
def hard_pdf(hard_build) -> Path:
    return next(o.path for o in hard_build.outputs if o.path.suffix == ".pdf")


def test_every_word_lies_inside_the_text_block(hard_build, hard_pdf):
    settings = hard_build.config.pdf
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


QUOTE = "> The harbour master read the letter aloud twice, slowly, so that all could hear it.\n"
ROWS = "".join(f"| {n} | Berth {n} |\n" for n in range(60))


def _tall_png() -> bytes:
    out = io.BytesIO()
    Image.new("L", (300, 1800), 255).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="module")
def long_blocks(tmp_path_factory) -> Path:
    """A book with a picture six times taller than wide, a quotation and a table each longer
    than a page, each right after a short paragraph."""
    body = (
        "Before the picture.\n\n![A tall white strip.](tall.png)\n\n"
        "Before the letter.\n\n" + ">\n".join([QUOTE] * 30) + "\n"
        "Before the table.\n\n| No. | Berth |\n|---|---|\n" + ROWS
    )
    root = write_folder(
        tmp_path_factory.mktemp("blocks") / "book",
        {
            "publication.toml": 'title = "Blocks"\ndate = 2026-01-01\n[pdf]\nvariant = "none"\n',
            "01-blocks.md": f"---\ntitle: Blocks\n---\n\n{body}",
            "tall.png": _tall_png(),
        },
    )
    return build_at_epoch(root, ["pdf"], root.parent / "build").outputs[0].path


def test_a_tall_picture_is_scaled_to_fit_the_text_block(long_blocks):
    rows = subprocess.run(
        ["pdfimages", "-list", str(long_blocks)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    (image,) = [row.split() for row in rows if row.split()[3:5] == ["300", "1800"]]
    drawn_height = 1800 / float(image[13]) * 72  # pixels / y-ppi, in points
    assert drawn_height <= PrintSettings().text_height


@pytest.mark.parametrize(
    ("before", "first"),
    [("Before the letter.", "The harbour master"), ("Before the table.", "Berth 0")],
)
def test_a_block_longer_than_a_page_starts_where_it_stands(long_blocks, before, first):
    (page,) = [text for text in pdf_page_texts(long_blocks) if before in text]
    assert first in page.split(before, 1)[1]
