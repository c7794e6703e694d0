"""Which way a language's text runs (render/direction.py)."""

from __future__ import annotations

import pytest

from publisher.render.direction import direction, text_direction


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        *(("ar", "rtl"), ("he", "rtl"), ("fa", "rtl"), ("ur", "rtl"), ("yi", "rtl")),
        *(("ar-EG", "rtl"), ("HE_il", "rtl"), ("az-Arab", "rtl"), ("ku-Arab-IQ", "rtl")),
        *(("en", "ltr"), ("zh-Hant", "ltr"), ("ru", "ltr"), ("sd-Deva", "ltr")),
        *(("ug-Cyrl", "ltr"), ("", "ltr"), (None, "ltr")),
    ],
)
def test_direction_of_a_language_tag(lang, expected) -> None:
    assert direction(lang) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mara Lind", "ltr"),
        ("נועה כהן", "rtl"),
        ("ليلى حداد", "rtl"),
        ("«ليلى» and Mara", "rtl"),  # the first strong character decides
        ("1984: Mara", "ltr"),
        ("2026 — נועה", "rtl"),
        ("", "ltr"),
        (None, "ltr"),
        ("— 42 —", "ltr"),
    ],
)
def test_direction_of_a_run_of_text(text, expected) -> None:
    assert text_direction(text) == expected
