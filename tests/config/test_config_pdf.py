"""The [pdf] table: presets, strict lengths (they are written into CSS), marks, variants,
and the screen profile derived from the print settings."""

from __future__ import annotations

import pytest

from publisher.config import load_config
from publisher.config.printing import PrintSettings, css_points
from publisher.errors import PublisherError
from tests.helpers import write_folder


def config_with(tmp_path, pdf: str):
    folder = write_folder(tmp_path / "book", {"publication.toml": f'title = "T"\n\n[pdf]\n{pdf}\n'})
    return load_config(folder)


def test_full_print_settings_are_read(tmp_path):
    config = config_with(
        tmp_path,
        'trim = "royal"\nbleed = "3mm"\nmarks = ["crop", "cross"]\nvariant = "pdf/x-4"\n'
        'margin_inner = "20mm"\nmargin_outer = "15mm"\nfont_size = "11pt"\n'
        'chapter_start = "any"\nprinting = 2',
    )
    pdf = config.pdf
    assert pdf.page_size == "156mm 234mm"
    assert pdf.marks == ("crop", "cross")
    assert pdf.bleed_points == pytest.approx(8.504, abs=0.001)
    assert (pdf.variant, pdf.chapter_start, pdf.printing) == ("pdf/x-4", "any", 2)


def test_defaults_are_a_tagged_6x9_with_right_hand_starts():
    pdf = PrintSettings()
    assert (pdf.trim_points, pdf.bleed_points) == ((432.0, 648.0), 0.0)
    assert (pdf.variant, pdf.chapter_start, pdf.marks) == ("pdf/ua-1", "right", ())


@pytest.mark.parametrize(
    ("line", "complaint"),
    [
        ('bleed = "3mm; } body { display: none"', "must be a length"),
        ('margin_inner = "calc(1in)"', "must be a length"),
        ('font_size = "10"', "must be a length"),
        ('font_size = "80pt"', "between 5pt and 36pt"),
        ('bleed = "2in"', "at most 0.5in"),
        ('trim = "6in"', "must be a preset"),
        ('trim = "quarto"', "must be a preset"),
        ('trim = "0.5in 9in"', "must be a preset"),
        ('marks = ["crop", "star"]', "must be a list of crop and cross"),
        ('marks = "crop"', "must be a list"),
        ('variant = "pdf/x-1a"', "must be one of"),
        ('chapter_start = "left"', "'right' or 'any'"),
        ("printing = 0", "whole number 1-99"),
        ('paper = "matte"', "must be one of white, cream, color"),
        ('paper = "white"\npage_thickness = "0.0025in"', "not both"),
    ],
)
def test_bad_values_are_errors_naming_the_key_and_line(tmp_path, line, complaint):
    with pytest.raises(PublisherError) as caught:
        config_with(tmp_path, line)
    assert complaint in caught.value.message
    assert caught.value.location.line == 4


def test_every_problem_is_reported_at_once(tmp_path):
    with pytest.raises(PublisherError) as caught:
        config_with(tmp_path, 'bleed = "x"\nvariant = "y"')
    assert len(caught.value.errors) == 2


def test_css_points_units():
    assert css_points("1in") == 72
    assert css_points("25.4mm") == pytest.approx(72)
    assert css_points("12pt") == css_points("1pc") == 12
    assert css_points("0") == 0


def test_screen_profile_has_no_bleed_marks_blanks_or_press_standard():
    press = PrintSettings(
        bleed="0.125in",
        marks=("crop",),
        variant="pdf/x-4",
        margin_inner="1in",
        margin_outer="0.5in",
    )
    screen = press.for_screen()
    assert (screen.bleed_points, screen.marks, screen.chapter_start) == (0, (), "any")
    assert screen.margin_inner == screen.margin_outer == "54.00pt"
    assert (screen.variant, screen.profile, screen.trim) == ("pdf/ua-1", "screen", press.trim)
    assert PrintSettings(variant="pdf/a-3b").for_screen().variant == "pdf/a-3b"
