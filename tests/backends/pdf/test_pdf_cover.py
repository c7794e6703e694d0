"""The print cover: one sheet of back, spine and front, sized from the book's page count."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from publisher.backends.pdf.cover import SPINE_TEXT_MIN, geometry
from publisher.config import load_config
from publisher.config.printing import PrintSettings
from publisher.errors import BuildFailed, ConfigError
from tests.conftest import SAMPLE
from tests.helpers import build_at_epoch, pdf_page_texts, pdf_words

TRIM_W, TRIM_H = 432.0, 648.0  # the sample's 6 x 9 in


def sample_with(tmp: Path, settings: str, drop_cover_image: bool = False) -> Path:
    """A copy of the sample publication with extra [pdf] settings."""
    root = tmp / "book"
    shutil.copytree(SAMPLE, root)
    toml = (root / "publication.toml").read_text(encoding="utf-8")
    toml = re.sub(r"(?m)^cover = true.*\n", "", toml)  # the sample's own; set again below
    if drop_cover_image:
        toml = re.sub(r'(?m)^cover = ".*"\n', "", toml)
        toml = re.sub(r"(?m)^identifier = .*$", 'identifier = "urn:isbn:9780000000002"', toml)
    toml = toml.replace("[pdf]", "[pdf]\n" + settings, 1)
    (root / "publication.toml").write_text(toml, encoding="utf-8")
    return root


def built(root: Path) -> dict[str, Path]:
    result = build_at_epoch(root, ["pdf"], root.parent / "build")
    return {o.path.name: o.path for o in result.outputs} | {"pages": result.outputs[0].pages}


@pytest.fixture(scope="module")
def typographic(tmp_path_factory) -> dict:
    """The sample without a cover image, on thick paper, so its spine carries text."""
    root = sample_with(
        tmp_path_factory.mktemp("cover"), 'cover = true\npage_thickness = "0.01in"\n', True
    )
    return built(root)


@pytest.fixture(scope="module")
def pictured(tmp_path_factory) -> dict:
    """The sample as it is (a cover image), with a print cover on the default paper."""
    return built(sample_with(tmp_path_factory.mktemp("cover-art"), "cover = true\n"))


def boxes(path: Path) -> dict[str, list[float]]:
    with pikepdf.open(path) as pdf:
        (page,) = pdf.pages
        return {box: [float(v) for v in page.obj[box]] for box in ("/TrimBox", "/BleedBox")}


def test_the_cover_is_written_beside_the_book_and_in_the_checksums(typographic):
    cover = typographic["harbour-lights-cover.pdf"]
    sums = (cover.parent / "SHA256SUMS").read_text(encoding="utf-8")
    assert "harbour-lights-cover.pdf" in sums and "harbour-lights.pdf" in sums


@pytest.mark.parametrize(("fixture", "thickness"), [("typographic", 0.72), ("pictured", 0.18)])
def test_the_sheet_is_two_pages_and_a_spine_as_thick_as_the_book(fixture, thickness, request):
    found = request.getfixturevalue(fixture)
    spine = found["pages"] * thickness
    trim = boxes(found["harbour-lights-cover.pdf"])
    assert trim["/TrimBox"] == pytest.approx([0, 0, 2 * TRIM_W + spine, TRIM_H], abs=0.01)
    assert trim["/BleedBox"] == pytest.approx(
        [-9, -9, 2 * TRIM_W + spine + 9, TRIM_H + 9], abs=0.01
    )


def test_a_thick_spine_carries_the_title_reading_top_to_bottom(typographic):
    spine = typographic["pages"] * 0.72
    assert spine >= SPINE_TEXT_MIN
    (words,) = pdf_words(typographic["harbour-lights-cover.pdf"])
    on_spine = [w for w in words if w.x0 - 27 > TRIM_W - 1 and w.x1 - 27 < TRIM_W + spine + 1]
    assert {"Harbour", "Lights", "Larrow"} <= {w.text for w in on_spine}  # 27: the marks' slug
    assert all(w.y1 - w.y0 > w.x1 - w.x0 for w in on_spine if len(w.text) > 3)  # turned


def test_the_front_and_back_say_what_the_book_is(typographic):
    (text,) = pdf_page_texts(typographic["harbour-lights-cover.pdf"])
    assert text.count("Harbour Lights") == 2  # front and spine
    assert "Edited by Hester Vane and Jonah Whitlock" in text
    assert "A year of reporting from the Larrow Coast" in text  # the description, on the back


def test_a_cover_image_fills_the_front_and_every_font_is_embedded(pictured):
    cover = pictured["harbour-lights-cover.pdf"]
    listed = subprocess.run(
        ["pdfimages", "-list", str(cover)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(listed) == 1 and listed[0].split()[3:5] == ["1920", "3072"]
    (text,) = pdf_page_texts(cover)
    assert "Harbour Lights" not in text  # a thin spine carries no text; the title is the art
    with pikepdf.open(cover) as pdf:
        fonts = [f for f in pdf.pages[0].resources.Font.values()]
        assert fonts and all(
            any(k in f.FontDescriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            for f in fonts
            if "/FontDescriptor" in f
        )


def test_a_right_to_left_book_has_its_front_on_the_left():
    ltr, rtl = geometry(PrintSettings(), 200, False), geometry(PrintSettings(), 200, True)
    assert (ltr.back_left, ltr.front_left) == (0, TRIM_W + 200 * 0.18)
    assert (rtl.front_left, rtl.back_left) == (0, TRIM_W + 200 * 0.18)


def test_the_screen_edition_has_no_cover():
    assert PrintSettings(cover=True).for_screen().cover is False


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("cover = 1", "'pdf.cover' must be true or false"),
        ('page_thickness = "2mm"', "'pdf.page_thickness' must be a thickness"),
        ('page_thickness = "thin"', "'pdf.page_thickness' must be a thickness"),
    ],
)
def test_cover_settings_are_checked(tmp_path, line, message):
    (tmp_path / "publication.toml").write_text(f'title = "T"\n[pdf]\n{line}\n', encoding="utf-8")
    with pytest.raises((ConfigError, BuildFailed)) as info:
        load_config(tmp_path)
    assert message in str(info.value) and "publication.toml:3" in str(info.value)
