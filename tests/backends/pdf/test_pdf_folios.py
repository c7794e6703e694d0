"""Reading a folio sample: digit glyphs and widths, the anchor, and what cannot be read."""

from __future__ import annotations

import pikepdf
import pytest

from publisher.backends.pdf.folios import (
    SAMPLE_FIRST,
    SAMPLE_PAGES,
    _advances,
    _anchor,
    _Run,
    _Unreadable,
    read_sample,
    read_samples,
)


def _font(widths: list) -> pikepdf.Dictionary:
    cid = pikepdf.Dictionary(DW=500, W=pikepdf.Array(widths))
    return pikepdf.Dictionary(
        Subtype=pikepdf.Name.Type0,
        Encoding=pikepdf.Name("/Identity-H"),
        DescendantFonts=pikepdf.Array([cid]),
    )


def test_advances_read_both_forms_of_the_width_array() -> None:
    advances = _advances(_font([10, [600, 610], 20, 22, 700]))
    assert advances[10] == 600 and advances[11] == 610
    assert advances[20] == advances[21] == advances[22] == 700
    assert advances[-1] == 500  # the default, for glyphs the array leaves out


def test_a_font_without_two_byte_codes_cannot_be_read() -> None:
    with pytest.raises(_Unreadable):
        _advances(pikepdf.Dictionary(Subtype=pikepdf.Name.TrueType))


def _at(x: float, width: float) -> _Run:
    return _Run([], 0, 0, "1", x, width)


def test_the_anchor_is_the_point_both_numbers_share() -> None:
    assert _anchor(_at(50, 40), _at(50, 45)) == "start"
    assert _anchor(_at(360, 40), _at(355, 45)) == "end"
    assert _anchor(_at(200, 40), _at(197.5, 45)) == "centre"
    with pytest.raises(_Unreadable):
        _anchor(_at(200, 40), _at(190, 45))


def _sample(show: bytes, pages: int = 12) -> pikepdf.Pdf:
    pdf = pikepdf.new()
    font = pdf.make_indirect(_font([0, [500] * 20]))
    for _ in range(pages):
        content = b"BT 1 0 0 -1 60 800 Tm /F1 10 Tf " + show + b" ET"
        page = pdf.add_blank_page(page_size=(432, 648))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.obj.Contents = pdf.make_stream(content)
    return pdf


def test_a_kerned_number_cannot_be_read() -> None:
    with pytest.raises(_Unreadable):
        read_sample(_sample(b"[<0001> -40 <0002>] TJ"))


def test_a_sample_of_the_wrong_length_cannot_be_read() -> None:
    with pytest.raises(_Unreadable):
        read_sample(_sample(b"[<0001>] TJ", pages=3))


def test_pages_without_text_have_no_folio() -> None:
    pdf = pikepdf.new()
    for _ in range(12):
        pdf.add_blank_page()
    assert read_sample(pdf) == {0: None, 1: None}


def _numbered_sample() -> pikepdf.Pdf:
    """Rectos end at x = 400, versos start at x = 60; every digit is 5 units wide."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(_font([0, [500] * 20]))
    for n in range(SAMPLE_PAGES):
        text = str(SAMPLE_FIRST + n)
        codes = "".join(f"{int(d) + 1:04x}" for d in text)
        x = 400 - 5 * len(text) if n % 2 == 0 else 60
        content = f"BT 1 0 0 -1 {x} 800 Tm /F1 10 Tf [<{codes}>] TJ ET".encode()
        page = pdf.add_blank_page(page_size=(432, 648))
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.obj.Contents = pdf.make_stream(content)
    return pdf


def test_a_template_draws_any_number_where_the_sample_anchors_its_own() -> None:
    templates = read_sample(_numbered_sample())
    recto, verso = templates[0], templates[1]
    assert (recto.anchor, verso.anchor) == ("end", "start")
    drawn = recto.content(42)
    assert b"1 0 0 -1 390 800 Tm" in drawn  # two digits, 10 units, ending at 400
    assert b"<00050003> Tj" in drawn  # the glyphs of 4 and 2
    assert b"1 0 0 -1 60 800 Tm" in verso.content(7)
    assert b"<0008> Tj" in verso.content(7)


def test_a_sample_shaped_unlike_weasyprints_means_rendered_folios(tmp_path) -> None:
    sample = _numbered_sample()
    for page in sample.pages:
        del page.obj.Resources["/Font"]  # text drawn with a font the page does not have
    sample.save(tmp_path / "odd.pdf")
    assert read_samples(["auto"] * 4, {"auto": tmp_path / "odd.pdf"}) is None
    _numbered_sample().save(tmp_path / "fine.pdf")
    drawn = read_samples(["auto"] * 4, {"auto": tmp_path / "fine.pdf"})
    assert drawn is not None and drawn.templates["auto"][0].anchor == "end"
    drawn.close()
