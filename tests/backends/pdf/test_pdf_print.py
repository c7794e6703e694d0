"""The sample's print PDF (6x9in, 0.125in bleed, crop marks, right-hand starts), read back.

Boxes, odd-page article starts, truly blank versos, running heads and folios, the
contributors index, footnotes at the foot of their page, hyphenation, fonts and the
declared standard; then the screen profile of the same book.
"""

from __future__ import annotations

import re
import subprocess

import pikepdf
import pytest
from PIL import Image
from pypdf import PdfReader

from publisher.check.pdf import claimed_standards, iter_fonts, page_boxes, placed_images
from tests.backends.pdf.test_pdf import TITLES, outline_pages
from tests.conftest import SAMPLE
from tests.helpers import pdf_page_texts

BOOK = "Harbour Lights"
TRIM = (432.0, 648.0)  # 6 x 9 in
BLEED = 9.0  # 0.125 in


@pytest.fixture(scope="module")
def titles(sample_build) -> list[str]:
    """Every article title of the sample, in reading order."""
    return [chapter.article.title for chapter in sample_build.publication.chapters()]


@pytest.fixture(scope="module")
def texts(sample_pdf) -> list[str]:
    return pdf_page_texts(sample_pdf)


@pytest.fixture(scope="module")
def starts(sample_pdf) -> dict[str, int]:
    """Bookmark title → page where it starts (articles, parts, Contents, Contributors)."""
    return outline_pages(PdfReader(sample_pdf))


@pytest.fixture(scope="module")
def boxes(sample_pdf) -> list[dict]:
    with pikepdf.open(sample_pdf) as pdf:
        return [page_boxes(page) for page in pdf.pages]


def test_trim_and_bleed_boxes_on_every_page(boxes):
    for number, page in enumerate(boxes, 1):
        x0, y0, x1, y1 = page["trim"]
        assert x1 - x0 == pytest.approx(TRIM[0], abs=0.1), number
        assert y1 - y0 == pytest.approx(TRIM[1], abs=0.1), number
        expected = (x0 - BLEED, y0 - BLEED, x1 + BLEED, y1 + BLEED)
        assert page["bleed"] == pytest.approx(expected, abs=0.1), number
        media = page["media"]  # crop marks sit outside the bleed, on the media
        assert media[0] < expected[0] - 6 and media[2] > expected[2] + 6, number


def test_crop_marks_are_drawn_outside_the_bleed(sample_pdf, boxes, tmp_path):
    """Render the half-title at 72 dpi (1 px = 1 pt): ink in the slug, none in the bleed."""
    command = ["pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-gray", "-png", "-singlefile"]
    subprocess.run([*command, str(sample_pdf), str(tmp_path / "p")], check=True)
    image = Image.open(tmp_path / "p.png").convert("L")
    media, bleed = boxes[0]["media"], boxes[0]["bleed"]
    slug = round(bleed[0] - media[0])  # the margin outside the bleed, in px

    def inked(box: tuple[int, int, int, int]) -> bool:
        return image.crop(box).getextrema()[0] < 230

    width, height = image.size
    assert inked((0, 0, slug, slug + 20)), "no crop mark in the top-left slug"
    ring = round(BLEED)
    bleed_strips = [
        (slug, slug, width - slug, slug + ring),
        (slug, height - slug - ring, width - slug, height - slug),
        (slug, slug, slug + ring, height - slug),
        (width - slug - ring, slug, width - slug, height - slug),
    ]
    assert not any(inked(strip) for strip in bleed_strips), "marks reach into the bleed"


def test_articles_start_on_odd_pages(starts, titles):
    assert set(TITLES) <= set(titles)
    for title in [*titles, "Contributors", "Contents"]:
        assert starts[title] % 2 == 1, f"{title} starts on page {starts[title]}"


def test_blank_versos_are_truly_blank(texts):
    blanks = [n for n, text in enumerate(texts, 1) if not text]
    assert blanks, "right-hand starts should leave some blank versos"
    assert all(n % 2 == 0 for n in blanks), blanks


def test_running_heads_on_body_pages_only(texts, starts, titles):
    parts = {starts[t]: t for t in starts if t.startswith("Part ")}
    heads = {starts[t]: t for t in [*titles, "Contributors"]}
    openings = sorted(heads | parts)
    for first, end in zip(openings, [*openings[1:], len(texts) + 1], strict=True):
        title = heads.get(first) or parts[first]
        opener = texts[first - 1]
        if first in parts:  # a part's label and title on their page, then a blank verso
            assert opener.startswith(title.replace(":", "")), first
            assert all(not t for t in texts[first : end - 1]), first
            continue
        assert not opener.startswith(BOOK) and opener.count(title) == 1, first
        for number in range(first + 1, end):
            text = texts[number - 1]
            if not text:
                continue  # a blank verso
            running_head = BOOK if number % 2 == 0 else title
            assert text.startswith(running_head), (number, text[:60])
            assert text.endswith(f" {number}"), f"folio missing on page {number}"


def test_front_matter_has_no_heads_or_folios(texts, starts):
    assert texts[0] == BOOK  # half-title alone
    assert texts[2].startswith(f"{BOOK} Reports from a Changing Coast")
    for number in range(1, starts["Contents"] + 1):
        assert not texts[number - 1].endswith(f" {number}"), number


def test_toc_lists_authors_and_the_index(texts, starts):
    toc = texts[starts["Contents"] - 1]
    assert "Three Stops, Forty Minutes, One Old Ferry" in toc
    assert "Aoife Brennan and Sam Achterberg" in toc
    match = re.search(r"Contributors[ .]*(\d+)", toc)
    assert match and int(match.group(1)) == starts["Contributors"]


def test_contributors_index_names_roles_articles_and_pages(texts, starts):
    index = " ".join(texts[starts["Contributors"] - 1 :])
    expected = [
        ("Aoife Brennan", "author", "Three Stops, Forty Minutes, One Old Ferry"),
        ("Elena Ruiz Thorpe", "translator", "The Net Menders of Arenillas"),
        ("Davi Okafor", "photographer", "The Co-op That Counts Every Crate"),
        ("Hester Vane", "editor", "Three Stops, Forty Minutes, One Old Ferry"),
    ]
    for person, role, title in expected:
        pattern = re.escape(person) + r".*?" + role + ", " + re.escape(title) + r"[ .]*?(\d+)"
        match = re.search(pattern, index)
        assert match, person
        assert int(match.group(1)) == starts[title], person
    assert re.search(r"Hester Vane editor of this book", index)


def test_footnote_sits_at_the_foot_of_its_page(texts):
    call = "diesel at a collective rate"
    note = "The fuel account is capped at the value of a member"
    page = next(t for t in texts if call in t)
    assert note in page
    assert page.index(note) > page.index("different conversation")  # below the text
    assert sum(note in t for t in texts) == 1  # not repeated in an end-of-article section


def test_hyphenation_breaks_words_at_line_ends(texts):
    source = " ".join(p.read_text(encoding="utf-8") for p in SAMPLE.glob("*.md"))
    split = re.findall(r"\b([a-z]{2,})- ([a-z]{2,})\b", " ".join(texts))
    hyphenated = [a + b for a, b in split if re.search(rf"\b{a + b}\b", source)]
    assert len(hyphenated) >= 3, split


def test_figure_fits_the_text_block_with_its_caption(sample_pdf, texts):
    text_width = TRIM[0] - 72 * (0.875 + 0.625)
    with pikepdf.open(sample_pdf) as pdf:
        placed = [
            (n, image, ppi)
            for n, page in enumerate(pdf.pages, 1)
            for image, ppi in placed_images(page)
        ]
    assert placed
    for number, image, ppi in placed:
        printed_width = int(image.Width) / ppi * 72
        assert printed_width <= text_width + 0.1, number
        assert "The Skerran Lass calls at Port Ellery" in texts[number - 1]


def test_text_face_is_embedded_and_subset(sample_pdf):
    with pikepdf.open(sample_pdf) as pdf:
        names = {str(font.get("/BaseFont")) for font in iter_fonts(pdf)}
    assert any("Source-Serif-Pro" in name for name in names), names
    assert all(re.match(r"/[A-Z]{6}\+", name) for name in names), names  # subset tags


def test_declared_variant_is_in_xmp_and_the_pdf_is_tagged(sample_pdf):
    with pikepdf.open(sample_pdf) as pdf:
        assert claimed_standards(pdf) == ["PDF/UA-1"]
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked


# The screen profile -------------------------------------------------------------------


@pytest.fixture(scope="module")
def screen_texts(sample_screen_pdf) -> list[str]:
    return pdf_page_texts(sample_screen_pdf)


def test_screen_pdf_has_no_bleed_or_marks(sample_screen_pdf):
    with pikepdf.open(sample_screen_pdf) as pdf:
        for page in pdf.pages:
            boxes = page_boxes(page)
            assert boxes["media"] == boxes["trim"] == boxes["bleed"]
            assert boxes["trim"] == pytest.approx((0, 0, *TRIM), abs=0.1)


def test_screen_pdf_has_the_same_content_without_blank_pages(screen_texts, texts, titles):
    assert all(screen_texts), "a screen PDF has no blank pages"
    assert len(screen_texts) < len(texts)
    words = re.compile(r"[A-Za-z]{4,}")
    body = {w for t in texts for w in words.findall(t)}
    screen = {w for t in screen_texts for w in words.findall(t)}
    assert len(body ^ screen) <= len(body) * 0.02  # only line-end hyphenation differs
    for title in titles:
        assert any(title in t for t in screen_texts)
