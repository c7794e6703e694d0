"""PDF standards and page settings on a small book: PDF/A-3b, PDF/X-4 with a CMYK output
intent, no standard; an explicit 'W H' trim with a metric bleed and crop + cross marks."""

from __future__ import annotations

import os
import re
import uuid

import pikepdf
import pytest

from publisher.check.pdf import check, claimed_standards, page_boxes
from publisher.config import load_config
from tests.conftest import EPOCH
from tests.helpers import build_with, pdf_page_texts, write_folder

ARTICLE = """\
---
title: A Quiet Harbour
authors: [Mara Lind]
---
The harbour was quiet that winter.[^1] Nobody fished.

[^1]: Except for one boat, which nobody mentions.
"""
VARIANTS = {
    "pdf/a-3b": 'variant = "pdf/a-3b"\ntrim = "a5"\nchapter_start = "any"',
    "pdf/x-4": 'variant = "pdf/x-4"\ntrim = "140mm 216mm"\nbleed = "3mm"\nmarks = ["crop","cross"]',
    "none": 'variant = "none"\ntrim = "5x8in"\nprinting = 3',
}


@pytest.fixture(scope="module")
def variant_pdfs(tmp_path_factory) -> dict[str, object]:
    """The same one-article book built once per variant."""
    built = {}
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        for name, settings in VARIANTS.items():
            root = tmp_path_factory.mktemp("variant")
            folder = write_folder(
                root / "book",
                {
                    "publication.toml": f'title = "Small Harbour"\n\n[pdf]\n{settings}\n',
                    "01-quiet.md": ARTICLE,
                },
            )
            built[name] = build_with(folder, ["pdf"], root / "out").outputs[0].path
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return built


def test_pdf_a_3b_declares_itself_with_an_srgb_intent(variant_pdfs):
    with pikepdf.open(variant_pdfs["pdf/a-3b"]) as pdf:
        assert claimed_standards(pdf) == ["PDF/A-3b"]
        assert "/StructTreeRoot" in pdf.Root  # tagged as well
        assert pdf.Root.OutputIntents[0].S == "/GTS_PDFA1"
        boxes = page_boxes(pdf.pages[0])
        assert boxes["trim"] == pytest.approx((0, 0, 148 * 72 / 25.4, 210 * 72 / 25.4), abs=0.1)


def test_pdf_x_4_has_a_cmyk_output_intent_and_boxes(variant_pdfs):
    path = variant_pdfs["pdf/x-4"]
    with pikepdf.open(path) as pdf:
        assert claimed_standards(pdf) == ["PDF/X-4"]
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFX"
        assert int(intent.DestOutputProfile.N) == 4  # CMYK
        bleed = 3 * 72 / 25.4
        for page in pdf.pages:
            boxes = page_boxes(page)
            x0, y0, x1, y1 = boxes["trim"]
            assert (x1 - x0, y1 - y0) == pytest.approx((140 * 72 / 25.4, 216 * 72 / 25.4), abs=0.1)
            assert boxes["bleed"] == pytest.approx(
                (x0 - bleed, y0 - bleed, x1 + bleed, y1 + bleed), abs=0.1
            )
    assert check(path).ok


def test_pdf_x_4_builds_are_byte_identical(variant_pdfs, tmp_path):
    # WeasyPrint writes a random XMP DocumentID for PDF/X; ours comes from the identifier.
    first = variant_pdfs["pdf/x-4"]
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        again = build_with(first.parent.parent / "book", ["pdf"], tmp_path).outputs[0].path
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    assert again.read_bytes() == first.read_bytes()
    with pikepdf.open(first) as pdf:
        xmp = pdf.Root.Metadata.read_bytes().decode()
    identifier = load_config(first.parent.parent / "book").identifier
    expected = uuid.uuid5(uuid.NAMESPACE_URL, identifier)
    assert re.findall(r"xmp\.did:[0-9a-f-]+", xmp) == [f"xmp.did:{expected}"]


def test_no_variant_claims_nothing(variant_pdfs):
    with pikepdf.open(variant_pdfs["none"]) as pdf:
        assert claimed_standards(pdf) == []
        assert "/StructTreeRoot" not in pdf.Root
    assert check(variant_pdfs["none"]).facts["standard"] == "none"


def test_printing_line_counts_down_to_the_printing(variant_pdfs):
    texts = pdf_page_texts(variant_pdfs["none"])
    assert any(t.endswith("10 9 8 7 6 5 4 3") for t in texts)


def test_footnote_is_numbered_at_the_foot_of_the_page(variant_pdfs):
    texts = pdf_page_texts(variant_pdfs["none"])
    page = next(t for t in texts if "The harbour was quiet" in t)
    assert "1. Except for one boat, which nobody mentions." in page
    assert page.index("Nobody fished") < page.index("Except for one boat")
