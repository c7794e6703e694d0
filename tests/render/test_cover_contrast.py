"""The cover's legibility helpers: WCAG contrast, a legible ink, the quieter end of a picture."""

from __future__ import annotations

from PIL import Image, ImageDraw

from publisher.render.cover import contrast, legible_ink, quiet_end


def test_contrast_follows_wcag():
    assert contrast("#000000", "#ffffff") == 21
    assert contrast("#fff", "#ffffff") == 1
    assert 4.4 < contrast("#767676", "#ffffff") < 4.6  # the classic AA grey


def test_an_ink_too_close_to_its_panel_gives_way_to_black_or_white():
    assert legible_ink("#f6f1e7", "#1f3b4d") == "#f6f1e7"
    assert legible_ink("#2a4a5d", "#1f3b4d") == "#ffffff"
    assert legible_ink("#eeeeee", "#f6f1e7") == "#000000"


def test_the_title_panel_goes_where_the_picture_is_quiet(tmp_path):
    busy_top = Image.new("RGB", (160, 256), "#203040")
    draw = ImageDraw.Draw(busy_top)
    for x in range(0, 160, 8):
        draw.rectangle([x, 0, x + 3, 100], fill="#f0e0a0")
    busy_top.save(tmp_path / "top.png")
    assert quiet_end(tmp_path / "top.png") == "bottom"
    busy_top.transpose(Image.Transpose.FLIP_TOP_BOTTOM).save(tmp_path / "bottom.png")
    assert quiet_end(tmp_path / "bottom.png") == "top"
    (tmp_path / "broken.png").write_bytes(b"not a picture")
    assert quiet_end(tmp_path / "broken.png") == "top"
