"""Theme fonts (packaged OFL face) and the missing-glyph warning."""

from __future__ import annotations

from datetime import UTC, datetime

from fontTools.ttLib import TTFont

from publisher.config import load_config
from publisher.render.fonts import (
    SCRIPT_FACES,
    faces_folder,
    merge_ranges,
    missing_glyph_warnings,
    needed_characters,
    parse_charset,
    script_css,
    script_faces,
    theme_fonts,
)
from publisher.render.theme import load_theme
from tests.helpers import load_with, write_folder


def test_builtin_face_is_installed_open_font_licence_and_covers_accented_latin(tmp_path):
    fonts = theme_fonts([tmp_path])
    names = [asset.href for asset in fonts]
    assert names == [
        "fonts/SourceSerifPro-Regular.ttf",
        "fonts/SourceSerifPro-It.ttf",
        "fonts/SourceSerifPro-Semibold.ttf",
        "fonts/SourceSerifPro-SemiboldIt.ttf",
    ]
    licence = (fonts[0].source.parent / "LICENSE.txt").read_text()
    assert "SIL Open Font License, Version 1.1" in licence
    for asset in fonts:
        cmap = TTFont(asset.source, lazy=True).getBestCmap()
        assert all(
            ord(ch) in cmap for ch in "ÁáÉéÍíÑñÓóÚúÜüÇçÀàÈèÂâÊêÎîÔôÛûÄäÖöÅåØøÆæŒœßŁłŠšŽžĆćČčĘęŐőŰű"
        )


def test_project_fonts_are_added(tmp_path):
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts" / "Display.otf").write_bytes(b"OTTO")
    (tmp_path / "fonts" / "notes.txt").write_text("not a font")
    extra = theme_fonts([tmp_path])[-1]
    assert (extra.href, extra.media_type, extra.kind) == ("fonts/Display.otf", "font/otf", "font")


def test_fontconfig_charsets_parse_and_merge():
    assert parse_charset("20-7e a0-17f 2013 zz") == [(0x20, 0x7E), (0xA0, 0x17F), (0x2013, 0x2013)]
    assert merge_ranges([[(1, 5), (10, 12)], [(4, 9)]]) == ((1, 12),)


def test_spaces_controls_and_selectors_need_no_glyph():
    assert needed_characters("a\u00a0b\u200b\u00ad\ufe0f\n") == {"a", "b"}


def test_text_no_font_can_show_is_a_warning_naming_the_article(tmp_path):
    folder = write_folder(
        tmp_path / "book",
        {
            "publication.toml": 'title = "Glyphs"\n',
            "01-fine.md": "---\ntitle: Fine\n---\nCafé, naïve, Łódź, Ελλάδα.\n",
            "02-ancient.md": "---\ntitle: Ancient Signs\n---\nThe sign \U00013000 is old.\n",
        },
    )
    config = load_config(folder)
    pub = load_with(config, datetime(2026, 1, 1, tzinfo=UTC), lambda w: None)
    warnings = missing_glyph_warnings(pub, load_theme(folder))
    assert len(warnings) == 1
    warning = warnings[0]
    assert warning.location.path.name == "02-ancient.md"
    assert "'Ancient Signs'" in warning.message and "U+13000" in warning.message


def test_the_packaged_script_faces_are_open_font_licence_and_cover_their_scripts():
    licence = (faces_folder() / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in licence
    letters = {
        "Arab": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" + "پچژگکی" + "،؛؟٠١٢٣٤٥٦٧٨٩",
        "Hebr": "אבגדהוזחטיכלמנסעפצקרשתךםןףץ" + "\u05b0\u05b4\u05bc\u05be",
    }
    for face in SCRIPT_FACES:
        weights = [weight for _, weight in face.files]
        assert weights == [400, 600], face  # regular and the theme's bold weight
        for name, weight in face.files:
            font = TTFont(faces_folder() / name, lazy=True)
            assert font["name"].getDebugName(1).startswith(face.family), name
            assert (font["OS/2"].usWeightClass >= 600) == (weight == 600), name
            assert not font["head"].macStyle & 2, name  # no italic: declared upright for it
            cmap = font.getBestCmap()
            assert all(ord(ch) in cmap for ch in letters[face.script]), name


def test_a_book_gets_the_script_faces_its_text_uses(tmp_path):
    def faces(language: str, text: str) -> list[str]:
        folder = write_folder(
            tmp_path / language,
            {
                "publication.toml": f'title = "T"\nlanguage = "{language}"\n',
                "01-a.md": f"---\ntitle: A\n---\n{text}\n",
            },
        )
        pub = load_with(load_config(folder), datetime(2026, 1, 1, tzinfo=UTC), lambda w: None)
        return [face.family for face in script_faces(pub)]

    assert faces("en", "Plain Latin, Ελληνικά, Русский.") == []
    assert faces("es", "Una palabra: سوق.") == ["Noto Naskh Arabic"]
    assert faces("en", "A word: שלום.") == ["Noto Serif Hebrew"]
    assert faces("he", "Only English text.") == ["Noto Serif Hebrew"]  # the book's own labels
    assert faces("ar", "كلمة و מילה") == ["Noto Naskh Arabic", "Noto Serif Hebrew"]


def test_script_face_rules_declare_each_file_upright_for_italic_too():
    css = script_css(SCRIPT_FACES[:1])
    assert css.count("@font-face") == 4
    for style in ("normal", "italic"):
        assert (
            '@font-face { font-family: "Noto Naskh Arabic"; '
            'src: url("../fonts/NotoNaskhArabic-Bold.ttf"); '
            f"font-weight: 600; font-style: {style}; }}"
        ) in css
    assert script_css(()) == ""
