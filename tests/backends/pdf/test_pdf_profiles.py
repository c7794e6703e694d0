"""Printer profiles (--pdf-profile kdp|ingramspark), read back from the files with pikepdf:
what each printer's rules bar is absent, what they ask for is there."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from publisher.backends import Output
from publisher.backends.pdf.cmyk import cmyk_css, press
from publisher.backends.pdf.profiles import build_for_printer
from publisher.backends.pdf.weasy import CMYK_PROFILES
from publisher.check.pdf import check
from publisher.check.printers import colour_use
from publisher.config import load_config
from publisher.config.printers import BLEED_PT, for_printer, kdp_gutter, with_pages
from publisher.config.printing import PAPERS, PrintSettings, css_points
from tests.conftest import SAMPLE
from tests.helpers import build_at_epoch

BLEED = 9.0  # 0.125in in points


@pytest.fixture(scope="session")
def kdp_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("kdp") / "build"
    return build_at_epoch(SAMPLE, ["pdf"], out, pdf_profile="kdp")


@pytest.fixture(scope="session")
def ingram_build(tmp_path_factory):
    out = tmp_path_factory.mktemp("ingram") / "build"
    return build_at_epoch(SAMPLE, ["pdf"], out, pdf_profile="ingramspark")


def _paths(result) -> tuple[Path, Path]:
    book, cover = (o.path for o in result.outputs)
    assert cover.name.endswith("-cover.pdf")
    return book, cover


def _box(page: pikepdf.Page, key: str) -> list[float]:
    return [float(v) for v in page.obj[key]]


# KDP -----------------------------------------------------------------------------------


def test_kdp_pdf_has_no_outline_annotations_or_metadata(kdp_build):
    for path in _paths(kdp_build):
        with pikepdf.open(path) as pdf:
            assert "/Outlines" not in pdf.Root
            assert "/Metadata" not in pdf.Root
            assert "/Info" not in pdf.trailer
            assert all("/Annots" not in page.obj for page in pdf.pages)
            assert "/StructTreeRoot" not in pdf.Root  # untagged: tags would need the links
            # nothing unreferenced was left behind either
            assert not [
                o
                for o in pdf.objects
                if isinstance(o, pikepdf.Dictionary) and o.get("/Type") in ("/Annot", "/Outlines")
            ]


def test_kdp_interior_bleeds_on_top_bottom_and_outside_only(kdp_build):
    book, _ = _paths(kdp_build)
    with pikepdf.open(book) as pdf:
        for index, page in enumerate(pdf.pages):
            trim, bleed = _box(page, "/TrimBox"), _box(page, "/BleedBox")
            assert _box(page, "/MediaBox") == bleed  # no marks area outside the bleed
            left, bottom = trim[0] - bleed[0], trim[1] - bleed[1]
            right, top = bleed[2] - trim[2], bleed[3] - trim[3]
            binding, outside = (left, right) if index % 2 == 0 else (right, left)
            assert (top, bottom, outside) == pytest.approx((BLEED,) * 3)
            assert binding == pytest.approx(0)
        width, height = trim[2] - trim[0], trim[3] - trim[1]
        assert (width, height) == pytest.approx((432, 648))  # 6 x 9 in, as configured


def test_kdp_cover_spine_is_pages_times_paper(kdp_build):
    book, cover = _paths(kdp_build)
    with pikepdf.open(book) as pdf:
        pages = len(pdf.pages)
    with pikepdf.open(cover) as pdf:
        (page,) = pdf.pages
        trim, bleed = _box(page, "/TrimBox"), _box(page, "/BleedBox")
        assert _box(page, "/MediaBox") == bleed
        edges = [t - b for t, b in zip(trim[:2], bleed[:2], strict=True)]
        assert edges == pytest.approx([BLEED] * 2)
        spine = (trim[2] - trim[0]) - 2 * 432
    assert spine == pytest.approx(pages * 0.002252 * 72, abs=0.01)  # white paper, KDP's


def test_kdp_files_pass_the_kdp_preflight(kdp_build):
    for path in _paths(kdp_build):
        assert _press_findings(check(path, printer="kdp")) == []


# IngramSpark ---------------------------------------------------------------------------


def test_ingramspark_pdf_declares_pdfx_1a_with_a_cmyk_intent(ingram_build):
    for path in _paths(ingram_build):
        with pikepdf.open(path) as pdf:
            assert str(pdf.trailer.Info.GTS_PDFXVersion) in ("PDF/X-1a:2001", "PDF/X-1a:2003")
            (intent,) = pdf.Root.OutputIntents
            assert intent.S == "/GTS_PDFX"
            assert int(intent.DestOutputProfile.N) == 4
            profile = intent.DestOutputProfile.read_bytes()
            assert profile[16:20] == b"CMYK"  # the ICC header's colour space
            assert "/Outlines" not in pdf.Root
            assert all("/Annots" not in page.obj for page in pdf.pages)
            for page in pdf.pages:
                assert _box(page, "/MediaBox") == _box(page, "/BleedBox")


def test_ingramspark_pdf_has_no_rgb_or_transparency(ingram_build, sample_pdf):
    with pikepdf.open(sample_pdf) as pdf:
        before = colour_use(pdf)
    assert before["rgb operators"] > 100  # the print edition is RGB throughout
    for path in _paths(ingram_build):
        with pikepdf.open(path) as pdf:
            counts = colour_use(pdf)
            assert counts["rgb operators"] == counts["rgb spaces"] == 0, counts
            assert counts["rgb images"] == counts["transparency"] == 0, counts
            assert _raw_rgb_operators(pdf) == 0
            images = [x for p in pdf.pages for x in _images(p)]
            assert images, "the sample has pictures"
            assert {str(i.ColorSpace) for i in images} <= {"/DeviceCMYK", "/DeviceGray"}


def test_ingramspark_text_is_black_ink_only(ingram_build):
    book, _ = _paths(ingram_build)
    shown = set()  # the fill colour in force at each text-showing operator
    with pikepdf.open(book) as pdf:
        for page in pdf.pages:
            fill: tuple = ()
            for operands, op in pikepdf.parse_content_stream(page.obj):
                if str(op) in ("k", "sc", "scn", "g", "rg"):
                    fill = (str(op), *(float(v) for v in operands))
                elif str(op) in ("Tj", "TJ", "'", '"'):
                    shown.add(fill)
    assert ("scn", 0.0, 0.0, 0.0, 1.0) in shown
    assert all(f[0] in ("scn", "k", "g") and f[1:4] in ((0.0, 0.0, 0.0), (0.0,)) for f in shown), (
        shown
    )


def test_ingramspark_files_pass_the_ingramspark_preflight(ingram_build):
    for path in _paths(ingram_build):
        assert _press_findings(check(path, printer="ingramspark")) == []


def _press_findings(result) -> list[str]:
    """Errors and warnings of the preflight and the printer's rules (typography aside)."""
    return [
        str(f)
        for f in result.findings
        if f.severity != "info" and f.checker in ("preflight", "printer")
    ]


def _images(page: pikepdf.Page):
    for xobject in (page.obj.get("/Resources", {}).get("/XObject") or {}).values():
        if xobject.get("/Subtype") == "/Image":
            yield xobject


def _raw_rgb_operators(pdf: pikepdf.Pdf) -> int:
    """rg/RG counted straight from the decoded content streams (not via colour_use)."""
    total = 0
    for page in pdf.pages:
        for _, op in pikepdf.parse_content_stream(page.obj):
            total += str(op) in ("rg", "RG")
    return total


# Settings, margins and the second layout ------------------------------------------------


def test_sample_default_is_still_the_print_profile():
    settings = load_config(SAMPLE).pdf
    assert settings.profile == "print" and settings.marks == ("crop",)


def test_printer_settings_follow_the_printers_rules():
    asked = PrintSettings(bleed="3mm", marks=("crop",), margin_inner="0.2in", margin_outer="0.1in")
    kdp = for_printer(asked, "kdp")
    assert (kdp.bleed, kdp.marks, kdp.variant, kdp.paper) == ("0.125in", (), "none", "white")
    assert css_points(kdp.margin_outer) == css_points("0.375in")  # with bleed
    assert css_points(kdp.margin_inner) == css_points("0.375in")
    ingram = for_printer(PrintSettings(), "ingramspark")
    assert (ingram.bleed, ingram.variant, ingram.cmyk, ingram.tagged) == (
        "0in",
        "pdf/x-1a",
        True,
        False,
    )
    assert for_printer(replace(asked, paper="cream"), "kdp").spine_width(100) == pytest.approx(18.0)


@pytest.mark.parametrize(
    ("pages", "gutter"),
    [
        (24, "0.375in"),
        (150, "0.375in"),
        (151, "0.5in"),
        (300, "0.5in"),
        (301, "0.625in"),
        (500, "0.625in"),
        (501, "0.75in"),
        (700, "0.75in"),
        (701, "0.875in"),
        (828, "0.875in"),
    ],
)
def test_kdp_gutter_table(pages, gutter):
    assert kdp_gutter(pages) == gutter


def test_a_longer_book_is_laid_out_again_with_a_wider_gutter(tmp_path):
    calls: list[str] = []
    pdf = tmp_path / "book.pdf"

    def render(settings: PrintSettings) -> Output:
        calls.append(settings.margin_inner)
        pikepdf.new().save(pdf)
        return Output(pdf, pages=320 if len(calls) == 1 else 330)  # wider: more pages

    settings = for_printer(PrintSettings(margin_inner="0.3in"), "kdp")
    build_for_printer(render, settings, rtl=False)
    assert calls == ["0.375in", "0.625in"]  # 320 pages after the first pass: the 301-500 row
    assert with_pages(settings, 320).margin_inner == "0.625in"


def test_kdp_gutter_keeps_a_wider_configured_margin():
    settings = for_printer(PrintSettings(margin_inner="1in"), "kdp")
    assert with_pages(settings, 800).margin_inner == "1in"


def test_paper_thicknesses_are_kdps():
    assert {k: css_points(v) / 72 for k, v in PAPERS.items()} == pytest.approx(
        {"white": 0.002252, "cream": 0.0025, "color": 0.002347}
    )
    assert pytest.approx(9.0) == BLEED_PT


# Colour conversion ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def converter():
    return press(CMYK_PROFILES[0])


def test_css_colours_become_cmyk_and_greys_black_ink(converter):
    css = (
        "#note .x { color: #000; border: 1px solid #999; background: rgb(200 30 40); "
        "font-family: Black; }\n@page { @top-left { color: rgba(0, 0, 0, 0.5) } }\n"
        "@color-profile device-cmyk { src: url(p.icc); components: cyan, magenta, yellow, black }"
    )
    out = cmyk_css(css, converter)
    assert out.startswith("#note .x { color: device-cmyk(0 0 0 1);")
    assert "font-family: Black" in out
    assert "components: cyan, magenta, yellow, black" in out
    grey = out.split("solid ")[1].split(")")[0]
    assert grey.startswith("device-cmyk(0 0 0 0.")
    red = out.split("background: ")[1].split(")")[0].removeprefix("device-cmyk(").split()
    assert float(red[1]) > 0.8 and float(red[2]) > 0.6  # magenta and yellow for a red
    half = out.split("@top-left { color: ")[1].split(")")[0]
    assert half.startswith("device-cmyk(0 0 0 0.")  # translucent black: a tint on paper
    assert "rgb" not in out and "#999" not in out


def test_ink_stays_under_the_limit(converter):
    dark = converter.cmyk(0x1F, 0x3B, 0x4D)  # the sample cover's blue: 275 % from the profile
    assert sum(dark) <= 240 * 255 // 100
    assert dark[3] > 0.5 * 255
    photo = Image.new("RGB", (4, 4), (20, 10, 40))
    data = io.BytesIO()
    photo.save(data, format="PNG")
    inks = Image.open(io.BytesIO(converter.image(data.getvalue())))
    assert max(sum(inks.getpixel((x, y))) for x in range(4) for y in range(4)) <= 620  # JPEG


def test_pictures_become_cmyk_or_grey(converter):
    def png(mode, colour):
        data = io.BytesIO()
        Image.new(mode, (8, 8), colour).save(data, format="PNG")
        return data.getvalue()

    coloured = Image.open(io.BytesIO(converter.image(png("RGB", (30, 90, 200)))))
    assert (coloured.format, coloured.mode) == ("JPEG", "CMYK")
    grey = Image.open(io.BytesIO(converter.image(png("RGB", (90, 90, 90)))))
    assert grey.mode == "L"
    clear = Image.open(io.BytesIO(converter.image(png("RGBA", (0, 0, 0, 0)))))
    assert clear.mode == "L" and clear.getpixel((0, 0)) == 255  # flattened onto white
    assert converter.image(png("L", 128)) is None  # already grey: served as it is
