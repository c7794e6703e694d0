"""`publisher check FILE.pdf --profile kdp|ingramspark`: which printer rules a PDF breaks.
The sample's print edition (marks, links, bookmarks, metadata, RGB) breaks many; each
finding must name its rule."""

from __future__ import annotations

import pikepdf
import pytest
from click.testing import CliRunner

from publisher.check.pdf import check
from publisher.check.printers import colour_use, is_cover
from publisher.cli import main


def _errors(path, printer) -> list[str]:
    return [f.message for f in check(path, printer=printer).findings if f.severity == "error"]


def test_print_edition_breaks_kdps_rules(sample_pdf):
    errors = "\n".join(_errors(sample_pdf, "kdp"))
    for rule in (
        "annotations are not allowed",
        "bookmarks are not allowed",
        "printer's marks are not allowed",
        "document metadata is not allowed",
        "bleed on the binding edge",
    ):
        assert f"KDP: {rule}" in errors or rule in errors, rule


def test_print_edition_breaks_ingramsparks_rules(sample_pdf):
    errors = "\n".join(_errors(sample_pdf, "ingramspark"))
    assert "must be PDF/X-1a:2001 or PDF/X-1a:2003" in errors
    assert "no PDF/X output intent" in errors
    assert "RGB colour is not allowed" in errors
    assert "annotations are not allowed" in errors


def test_rgb_counts_match_the_content_streams(sample_pdf):
    with pikepdf.open(sample_pdf) as pdf:
        counted = colour_use(pdf)["rgb operators"]
        direct = 0
        for page in pdf.pages:
            direct += sum(
                str(op) in ("rg", "RG") for _, op in pikepdf.parse_content_stream(page.obj)
            )
        forms = counted - direct  # forms (folios, pictures' wrappers) are scanned too
    assert direct > 0 and forms >= 0


def test_a_made_up_pdf_is_judged_by_its_boxes(tmp_path):
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(450, 666))
    page = pdf.pages[0]
    page.obj.TrimBox = pikepdf.Array([9, 9, 441, 657])
    page.obj.BleedBox = pikepdf.Array([0, 0, 450, 666])
    path = tmp_path / "one.pdf"
    pdf.save(path)
    with pikepdf.open(path) as read:
        assert not is_cover(read)
    kdp = "\n".join(_errors(path, "kdp"))
    assert "1 pages: a paperback has 24 to 828 pages" in kdp
    assert "binding edge" in kdp  # a recto bleeds on its left, the binding side
    assert _errors(path, "ingramspark")  # not PDF/X-1a


@pytest.mark.parametrize("profile", ["kdp", "ingramspark"])
def test_check_command_takes_a_profile(sample_pdf, profile):
    result = CliRunner().invoke(main, ["check", "--profile", profile, str(sample_pdf)])
    assert result.exit_code == 1
    assert "[printer]" in result.output
