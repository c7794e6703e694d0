"""The print cover: one sheet of back, spine and front, sized from the book's page count."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pikepdf
import pytest
from PIL import Image

from publisher.backends.pdf.cover import SPINE_TEXT_MIN, WRAP, front_text, geometry
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
    assert text.count("Harbour Lights") == 3  # back, spine and front
    assert "Edited by Hester Vane and Jonah Whitlock" in text
    assert "A year of reporting from the Larrow Coast" in text  # the description, on the back


def test_a_cover_image_fills_the_front_and_every_font_is_embedded(pictured):
    cover = pictured["harbour-lights-cover.pdf"]
    listed = subprocess.run(
        ["pdfimages", "-list", str(cover)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert len(listed) == 1 and listed[0].split()[3:5] == ["1920", "3072"]
    (text,) = pdf_page_texts(cover)
    assert text.count("Harbour Lights") == 2  # back and front (cover_text); a thin spine: none
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


def _regions(path: Path) -> dict[str, list[dict]]:
    """The cover's words by panel (back, spine, front of a left-to-right book), with their
    places in points from the trimmed sheet's top-left corner."""
    with pdfplumber.open(path) as pdf:
        page = pdf.pages[0]
        left, top, right, _ = page.trimbox
        words = page.extract_words(extra_attrs=["size"])
    spine = (right - left) - 2 * TRIM_W
    found: dict[str, list[dict]] = {"back": [], "spine": [], "front": []}
    for word in words:
        x0, x1 = word["x0"] - left, word["x1"] - left
        word = {
            **word,
            "x0": x0,
            "x1": x1,
            "top": word["top"] - top,
            "bottom": word["bottom"] - top,
        }
        if x1 <= TRIM_W:
            found["back"].append(word)
        elif x0 >= TRIM_W + spine:
            found["front"].append(word)
        else:
            found["spine"].append(word)
    return found


def _text(words: list[dict]) -> str:
    return " ".join(w["text"] for w in sorted(words, key=lambda w: (round(w["top"]), w["x0"])))


@pytest.mark.parametrize("fixture", ["typographic", "pictured"])
def test_the_front_carries_title_subtitle_and_editors(fixture, request):
    words = _regions(request.getfixturevalue(fixture)["harbour-lights-cover.pdf"])["front"]
    front = _text(words)
    assert front.startswith("Harbour Lights Reports from a Changing Coast")
    assert "Edited by Hester Vane and Jonah Whitlock" in front
    assert next(w for w in words if w["text"] == "Harbour")["size"] >= 24  # display size


def test_over_a_picture_the_title_sits_on_a_legible_panel(pictured):
    """The panel is opaque, in the theme's background colour: sampled from the rendered
    sheet beside the title, it stands out from the type's ink by WCAG AA's 4.5."""
    from publisher.render.cover import contrast

    cover = pictured["harbour-lights-cover.pdf"]
    title = next(w for w in _regions(cover)["front"] if w["text"] == "Harbour")
    picture = _rendered(cover)
    spine = picture.width - 2 * 27 - 2 * TRIM_W
    x = 27 + TRIM_W + spine + 36 + 2  # between the panel's edge and its frame
    colour = picture.getpixel((round(x), round(27 + title["top"])))
    assert contrast("#" + bytes(colour).hex(), "#f6f1e7") >= 4.5


def _rendered(cover: Path) -> Image.Image:
    out = cover.parent / "cover-72"
    subprocess.run(
        ["pdftoppm", "-png", "-r", "72", "-singlefile", str(cover), str(out)], check=True
    )
    return Image.open(f"{out}.png").convert("RGB")


def test_the_back_has_title_blurb_imprint_and_a_barcode(pictured):
    cover = pictured["harbour-lights-cover.pdf"]
    back = _regions(cover)["back"]
    text = _text(back)
    assert text.startswith("Harbour Lights Reports from a Changing Coast A year of reporting")
    assert "Larrow" in text and "978-0-9999999-1-2" in text  # the barcode's ISBN line
    blurb = [w for w in back if 11 <= w["size"] <= 13 and w["top"] < TRIM_H / 2]
    assert len(blurb) > 20  # readable size
    assert not [w for w in blurb if w["text"][-1] in "-\u2010\u00ad"]  # never hyphenated
    lines = {round(w["top"]) for w in blurb}
    assert len(lines) >= 2 and max(w["x1"] for w in blurb) - min(w["x0"] for w in blurb) < 340
    with pdfplumber.open(cover) as pdf:
        page = pdf.pages[0]
        left, top = page.trimbox[0], page.trimbox[1]
        bars = [r for r in page.rects if r["height"] > 40 and r["width"] < 4]
    assert len(bars) == 30  # EAN-13: 3 guards of 2, 12 digits of 2 bars
    for bar in bars:  # in the box at the foot of the back, on the spine side
        assert TRIM_W - 36 - 144 <= bar["x0"] - left <= TRIM_W - 36
        assert TRIM_H - 36 - 86.4 <= bar["top"] - top <= TRIM_H - 36


def test_a_thick_spine_carries_title_and_editors(typographic):
    spine = _text(_regions(typographic["harbour-lights-cover.pdf"])["spine"]).replace(" ", "")
    assert "HarbourLights" in spine and "HesterVaneandJonahWhitlock" in spine  # turned


def test_the_spines_colour_runs_over_the_folds(pictured):
    """Just inside the front, the spine's colour (the sheet's, the back's); a little further
    in, the picture: no edge falls on the fold itself."""
    picture = _rendered(pictured["harbour-lights-cover.pdf"])
    spine = picture.width - 2 * 27 - 2 * TRIM_W
    fold = 27 + TRIM_W + spine  # the front's fold, in pixels at 72 dpi
    back = picture.getpixel((27 + TRIM_W // 2, 27 + 300))
    assert picture.getpixel((round(fold + WRAP / 2), 27 + 300)) == back
    assert picture.getpixel((round(fold - spine / 2), 27 + 300)) == back
    assert picture.getpixel((round(fold + WRAP + 3), 27 + 300)) != back


def test_cover_text_defaults_to_the_generated_cover_only():
    assert front_text(PrintSettings(), has_image=False) is True
    assert front_text(PrintSettings(), has_image=True) is False
    assert front_text(PrintSettings(cover_text=True), has_image=True) is True
    assert front_text(PrintSettings(cover_text=False), has_image=False) is False


@pytest.mark.parametrize("fixture", ["typographic", "pictured"])
def test_outloud_finds_no_pdf_ua_problem_on_the_cover(fixture, request):
    from tests.backends.pdf.test_pdf_ua import outloud

    result = outloud(request.getfixturevalue(fixture)["harbour-lights-cover.pdf"])
    assert result["counts"]["error"] == 0 and result["counts"]["warning"] == 0, result["findings"]
