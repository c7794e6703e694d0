"""PDF preflight: facts and findings on the sample, and on small PDFs made to fail."""

from __future__ import annotations

import zlib
from pathlib import Path

import pikepdf
import pytest
from click.testing import CliRunner

from publisher.check.pdf import check
from publisher.cli import main


def severities(result, severity: str) -> list[str]:
    return [f.message for f in result.findings if f.severity == severity]


def test_sample_passes_preflight_with_its_facts(sample_pdf):
    result = check(sample_pdf)
    assert result.ok, severities(result, "error")
    assert result.facts["pages"] >= 20
    assert result.facts["standard"] == "PDF/UA-1"
    assert result.facts["trim size"].startswith("432 x 648 pt (6 x 9 in")
    assert result.facts["bleed"] == "9 pt"
    assert "Source-Serif-Pro" in result.facts["fonts"]
    assert "NOT embedded" not in result.facts["fonts"]
    # the map, 1440 px across 4.5 in, prints at 320 ppi; the low-resolution cases are below
    preflight = [f.message for f in result.findings if f.checker == "preflight"]
    assert [m for m in severities(result, "warning") if m in preflight] == []
    assert set(result.facts["typography"]) == {"body pages", "body lines", "counts", "pages"}


def make_pdf(path: Path, *, font_embedded: bool, image_px: int, image_in: float, pdfx: bool):
    """A one-page PDF with a Helvetica line and an RGB image drawn ``image_in`` wide."""
    pdf = pikepdf.new()
    pixels = zlib.compress(bytes([200, 30, 30]) * image_px * image_px)
    image = pikepdf.Stream(
        pdf,
        pixels,
        Type=pikepdf.Name.XObject,
        Subtype=pikepdf.Name.Image,
        Width=image_px,
        Height=image_px,
        ColorSpace=pikepdf.Name.DeviceRGB,
        BitsPerComponent=8,
        Filter=pikepdf.Name.FlateDecode,
    )
    font = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1)
    font.BaseFont = pikepdf.Name.Helvetica
    if font_embedded:  # a descriptor with a (dummy) font program counts as embedded
        font.FontDescriptor = pikepdf.Dictionary(FontFile3=pikepdf.Stream(pdf, b"x"))
    size = image_in * 72
    content = f"q {size} 0 0 {size} 36 36 cm /Im0 Do Q BT /F1 12 Tf 36 700 Td (Hi) Tj ET"
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 612, 792],
        Resources=pikepdf.Dictionary(
            Font=pikepdf.Dictionary(F1=font), XObject=pikepdf.Dictionary(Im0=image)
        ),
        Contents=pikepdf.Stream(pdf, content.encode()),
    )
    pdf.pages.append(pikepdf.Page(page))
    if pdfx:
        with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["pdfxid:GTS_PDFXVersion"] = "PDF/X-4"
    pdf.save(path)
    return path


def test_low_resolution_unembedded_font_and_rgb_in_pdfx_are_errors(tmp_path):
    path = make_pdf(tmp_path / "bad.pdf", font_embedded=False, image_px=200, image_in=2, pdfx=True)
    result = check(path)
    errors = severities(result, "error")
    assert not result.ok
    assert any("font not embedded: Helvetica" in e for e in errors), errors
    assert any("200x200 px printed at 100 ppi" in e for e in errors), errors
    assert any("DeviceRGB image 200x200 px in a PDF/X job" in e for e in errors), errors
    assert any("PDF/X-4 claimed but no PDF/X output intent" in e for e in errors), errors
    assert any("PDF/X needs a TrimBox" in e for e in errors), errors
    assert any(f.location == f"{path}: page 1" for f in result.findings)


@pytest.mark.parametrize(("inches", "severity"), [(1.0, None), (2.0, "warning"), (4.0, "error")])
def test_resolution_thresholds(tmp_path, inches, severity):
    path = make_pdf(
        tmp_path / "a.pdf", font_embedded=True, image_px=500, image_in=inches, pdfx=False
    )
    result = check(path)
    found = [f.severity for f in result.findings if "ppi" in f.message]
    assert found == ([severity] if severity else [])  # 500, 250 and 125 ppi


def test_not_a_pdf_is_an_error(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_text("not a pdf")
    result = check(path)
    assert not result.ok and "not a readable PDF" in severities(result, "error")[0]


def test_cli_check_exit_codes(tmp_path, sample_pdf):
    bad = make_pdf(tmp_path / "bad.pdf", font_embedded=False, image_px=50, image_in=2, pdfx=False)
    runner = CliRunner()
    failed = runner.invoke(main, ["check", str(bad)])
    assert failed.exit_code == 1, failed.output
    assert "font not embedded" in failed.output
    passed = runner.invoke(main, ["check", str(sample_pdf)])
    assert passed.exit_code == 0, passed.output
    assert "pages:" in passed.output
