"""The display pages of the printed book, read back from the sample's PDF and the right-to-
left fixture's: the title page at the optical centre, the copyright page at the foot of its
verso with an ISBN and a line for every piece and translation, the part openers."""

from __future__ import annotations

import re

import pdfplumber
import pytest
from pypdf import PdfReader

from tests.backends.pdf.test_pdf import outline_pages
from tests.helpers import pdf_page_texts

BODY_SIZE = 10.5  # pt: the sample's [pdf] font_size (the default)
TEXT_TOP, TEXT_BOTTOM = 54.0, 648.0 - 57.6  # 0.75in and 0.8in margins on a 9in page


def _lines(pdf_path, number: int) -> list[dict]:
    """The text lines of page ``number``: words grouped by their top, with positions in
    points from the trimmed page's top-left corner and the largest type size on the line."""
    with pdfplumber.open(pdf_path) as pdf:
        page = pdf.pages[number - 1]
        left, top = page.trimbox[0], page.trimbox[1]
        words = page.extract_words(extra_attrs=["size"])
    lines: dict[float, list[dict]] = {}
    for word in words:
        lines.setdefault(round(word["top"], 0), []).append(word)
    return [
        {
            "text": " ".join(w["text"] for w in sorted(group, key=lambda w: w["x0"])),
            "x0": min(w["x0"] for w in group) - left,
            "x1": max(w["x1"] for w in group) - left,
            "top": min(w["top"] for w in group) - top,
            "bottom": max(w["bottom"] for w in group) - top,
            "size": max(w["size"] for w in group),
        }
        for _, group in sorted(lines.items())
    ]


@pytest.fixture(scope="module")
def texts(sample_pdf) -> list[str]:
    return pdf_page_texts(sample_pdf)


@pytest.fixture(scope="module")
def starts(sample_pdf) -> dict[str, int]:
    return outline_pages(PdfReader(sample_pdf))


def test_the_title_page_is_centred_at_the_optical_centre(sample_pdf, starts):
    lines = _lines(sample_pdf, starts["Harbour Lights"])
    title, subtitle, editors, imprint = (line["text"] for line in lines)
    assert (title, subtitle) == ("Harbour Lights", "Reports from a Changing Coast")
    assert editors == "Edited by Hester Vane and Jonah Whitlock"
    assert imprint.replace(" ", "").lower() == "larrowsoundpress"  # small capitals
    centre = (63.0 + 432.0 - 45.0) / 2  # a recto: 0.875in inside, 0.625in outside
    for line in lines:
        assert (line["x0"] + line["x1"]) / 2 == pytest.approx(centre, abs=1.5), line["text"]
    assert lines[0]["size"] >= 2.5 * BODY_SIZE  # display size
    block_middle = (lines[0]["top"] + lines[2]["bottom"]) / 2
    height = TEXT_BOTTOM - TEXT_TOP
    assert 0.36 < (block_middle - TEXT_TOP) / height < 0.48  # above the middle, not high up
    assert lines[-1]["bottom"] == pytest.approx(TEXT_BOTTOM, abs=6)  # imprint at the foot


def test_the_copyright_page_sits_small_at_the_foot_of_the_verso(sample_pdf, starts):
    number = starts["Harbour Lights"] + 1
    lines = _lines(sample_pdf, number)
    assert lines[-1]["text"].replace(" ", "") == "10987654321"  # the printing line
    assert lines[-1]["bottom"] == pytest.approx(TEXT_BOTTOM, abs=8)  # less the descent
    assert lines[0]["top"] > TEXT_TOP + 100  # not at the head: there is room above
    assert max(line["size"] for line in lines) < BODY_SIZE


def test_the_copyright_page_prints_the_isbn_and_never_a_raw_identifier(texts, starts):
    page = texts[starts["Harbour Lights"]]
    assert "ISBN 978-0-9999999-1-2" in page
    assert "urn:" not in page and "Identifier" not in page
    for expected in (
        "Harbour Lights: Reports from a Changing Coast",
        "© 2026 Larrow Sound Press. All rights reserved.",
        "First edition",
        "Published by Larrow Sound Press, 1 November 2026.",
        "Edited by Hester Vane and Jonah Whitlock.",
        "Cover illustration © 2026 Mira Sand",
    ):
        assert expected in page


def test_every_piece_and_translation_has_its_copyright_line(texts, starts, sample_build):
    page = texts[starts["Harbour Lights"]]
    assert (
        "“The Net Menders of Arenillas” © 2026 José Luis Carballo Méndez. First published in "
        "El Faro de Arenillas, 2026. Translation © 2026 Elena Ruiz Thorpe."
    ) in page
    ferry = "“Three Stops, Forty Minutes, One Old Ferry” © 2026 Aoife Brennan and Sam Achterberg."
    assert ferry in page
    lines = re.findall(r"“[^”]+” © .*?(?= “|Cover illustration)", page)
    chapters = sample_build.publication.chapters()
    assert len(lines) == len(chapters)
    for chapter, line in zip(chapters, lines, strict=True):
        article = chapter.article
        assert line.startswith(f"“{article.title}” © ")
        assert ("Translation ©" in line) == bool(article.translators), line


def test_a_part_opener_has_its_number_and_title_on_lines_of_their_own(sample_pdf, starts):
    number = starts["Part One: Working Waters"]
    assert number % 2 == 1  # a recto
    lines = _lines(sample_pdf, number)
    assert [line["text"] for line in lines[:2]] == ["Part One", "Working Waters"]
    assert lines[1]["size"] >= 2 * BODY_SIZE > lines[0]["size"]  # the title in display size
    assert lines[0]["bottom"] < lines[1]["top"]  # the label on a line of its own, above
    assert "three stories of people who still make their living" in " ".join(
        line["text"] for line in lines[2:]
    )
    second = _lines(sample_pdf, starts["Part Two: Lights Along the Shore"])
    assert [line["text"] for line in second] == ["Part Two", "Lights Along the Shore"]  # no intro


def test_the_contents_give_each_part_its_label(texts, starts):
    toc = texts[starts["Contents"] - 1]
    assert "Part One · Working Waters 7" in toc and "Part Two · Lights Along the Shore" in toc


def test_a_hebrew_books_title_and_copyright_pages(rtl_pdf):
    pdf = rtl_pdf
    starts = outline_pages(PdfReader(pdf))
    title_page = starts.get("אורות הנמל") or 3
    lines = _lines(pdf, title_page)
    assert lines[0]["size"] >= 2.5 * BODY_SIZE
    # a recto of a right-to-left book is a left-hand page: its inside margin is on the right
    centre = (45.0 + 432.0 - 63.0) / 2
    for line in lines:
        assert (line["x0"] + line["x1"]) / 2 == pytest.approx(centre, abs=1.5), line["text"]
    copyright_page = re.sub(r"[\u202a-\u202e]", "", pdf_page_texts(pdf)[title_page])
    assert "urn:" not in copyright_page
    assert "©" in copyright_page and "2026" in copyright_page
    assert "1 2 3 4 5 6 7 8 9 10" in copyright_page  # the printing line, read right to left


def test_a_series_stands_over_the_title(hard_build):
    pdf = next(o.path for o in hard_build.outputs if o.path.suffix == ".pdf")
    lines = _lines(pdf, 3)
    assert lines[0]["text"].replace(" ", "").lower() == "estuarydeskpapers·2"
    assert lines[1]["text"] == "Soundings" and lines[0]["size"] < lines[1]["size"] / 2
