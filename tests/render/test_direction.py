"""Which way a language's text runs (render/direction.py)."""

from __future__ import annotations

import markupsafe
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


def test_runs_of_arabic_or_hebrew_in_left_to_right_text_are_isolated() -> None:
    from publisher.render.direction import isolate_rtl_runs

    markup = markupsafe.Markup(
        '<p id="سوق">The <em>سوق السمك</em>, then מעבורת הבוקר.<br>'
        '<code>سوق</code> <span lang="ar">سوق</span> <span dir="auto">سوق</span></p>'
    )
    assert isolate_rtl_runs(markup, "ltr") == (
        '<p id="سوق">The <em><bdi dir="rtl">سوق السمك</bdi></em>, then '
        '<bdi dir="rtl">מעבורת הבוקר</bdi>.<br>'
        '<code>سوق</code> <span lang="ar">سوق</span> <span dir="auto">سوق</span></p>'
    )
    assert isolate_rtl_runs(markup, "rtl") == markup  # nothing to isolate in RTL text
    inner = markupsafe.Markup('<p dir="rtl">עברית <span dir="ltr">and עברית</span></p>')
    assert isolate_rtl_runs(inner, "ltr") == markupsafe.Markup(
        '<p dir="rtl">עברית <span dir="ltr">and <bdi dir="rtl">עברית</bdi></span></p>'
    )
    assert isolate_rtl_runs("a < b סוף", "ltr") == 'a &lt; b <bdi dir="rtl">סוף</bdi>'


def test_each_name_of_a_list_is_isolated_on_its_own() -> None:
    from publisher.render.direction import isolated_list
    from publisher.render.labels import labels_for

    hebrew = labels_for("he").names
    listed = isolated_list(hebrew, ["Mara Lind", "Tom <Berg>", "נועה כהן"])
    assert listed == (
        '<bdi dir="ltr">Mara Lind</bdi>, <bdi dir="ltr">Tom &lt;Berg&gt;</bdi> '
        'ו<bdi dir="rtl">נועה כהן</bdi>'
    )
    assert isolated_list(hebrew, ["נועה כהן", "Mara Lind"]) == (  # ו־ before a foreign name
        '<bdi dir="rtl">נועה כהן</bdi> ו\u05be<bdi dir="ltr">Mara Lind</bdi>'
    )
    assert isolated_list(hebrew, []) == ""
