"""publication.toml: valid configs load; every problem is reported at once, with key and line."""

from __future__ import annotations

from datetime import date

import pytest

from publisher.config import load_config
from publisher.errors import BuildFailed, ConfigError
from tests.helpers import write_folder


def test_sample_config_loads(tmp_path):
    folder = write_folder(
        tmp_path,
        {
            "publication.toml": """
        title = "A Book"
        language = "fr"
        identifier = "urn:isbn:9780000000002"
        date = 2024-02-03
        editors = ["Ann Lee", "Bo Chen"]
        [[parts]]
        title = "One"
        articles = ["a.md"]
        [pdf]
        trim = "a5"
        chapter_start = "right"
        """
        },
    )
    config = load_config(folder)
    assert config.title == "A Book"
    assert config.language == "fr"
    assert config.date == date(2024, 2, 3)
    assert config.editors == ("Ann Lee", "Bo Chen")
    assert config.parts[0].articles == ("a.md",)
    assert config.pdf.trim == "a5" and config.pdf.chapter_start == "right"
    assert config.output == "a-book"


def test_identifier_is_stable_when_not_given(tmp_path):
    folder = write_folder(tmp_path, {"publication.toml": 'title = "Same"\n'})
    first, second = load_config(folder).identifier, load_config(folder).identifier
    assert first == second and first.startswith("urn:uuid:")


def test_all_problems_reported_together_with_lines(tmp_path):
    folder = write_folder(
        tmp_path,
        {
            "publication.toml": """
        title = "T"
        colour = "blue"
        editors = "not a list"
        date = "yesterday"
        """
        },
    )
    with pytest.raises(BuildFailed) as info:
        load_config(folder)
    lines = [str(e) for e in info.value.errors]
    assert len(lines) == 3
    assert any("publication.toml:2: error: unknown key 'colour'" in line for line in lines)
    assert any(":3: error: 'editors' must be a list of strings" in line for line in lines)
    assert any(":4: error: 'date' must be a date" in line for line in lines)


def test_wrong_values_are_described_as_they_are(tmp_path):
    folder = write_folder(
        tmp_path,
        {"publication.toml": 'title = "  "\neditors = ["Ann Lee", 3]\nsubjects = ["", "sea"]\n'},
    )
    with pytest.raises(BuildFailed) as info:
        load_config(folder)
    assert [str(e).split("publication.toml", 1)[1] for e in info.value.errors] == [
        ":1: error: 'title' must be a string, not an empty string",
        ":2: error: 'editors' must be a list of strings, not a list holding an integer",
        ":3: error: 'subjects' must be a list of strings, not a list holding an empty string",
    ]


def test_control_characters_written_as_escapes_are_refused(tmp_path):
    # TOML turns \b and \u0001 into characters no XHTML page can hold.
    folder = write_folder(
        tmp_path,
        {
            "publication.toml": (
                'title = "Harbour\\bLights"\neditors = ["Ann\\u0001 Lee"]\n'
                '[[parts]]\ntitle = "One\\u0007"\narticles = ["a.md"]\n'
            )
        },
    )
    with pytest.raises(BuildFailed) as info:
        load_config(folder)
    assert [str(e).split("publication.toml", 1)[1] for e in info.value.errors] == [
        ":1: error: 'title' holds a control character (an escape such as \\b?)",
        ":2: error: 'editors' holds a control character (an escape such as \\b?)",
        ":3: error: 'parts' holds a control character (an escape such as \\b?)",
    ]


def test_a_blogs_settings_lose_their_control_characters(tmp_path):
    # A blog's own settings are borrowed leniently: what no page can hold is left out.
    folder = write_folder(
        tmp_path / "blog",
        {"_config.yml": 'title: "Tide\\bLog"\ndescription: "Notes\\a from the quay"\n'},
    )
    config = load_config(folder)
    assert (config.title, config.description) == ("TideLog", "Notes from the quay")


def test_invalid_toml_names_the_line(tmp_path):
    folder = write_folder(tmp_path, {"publication.toml": 'title = "T"\nsubtitle = "open\n'})
    with pytest.raises(ConfigError) as info:
        load_config(folder)
    assert info.value.location.line == 2
    assert "invalid TOML" in info.value.message


def test_missing_config_means_defaults_from_the_folder_name(tmp_path):
    folder = tmp_path / "harbour-field_notes"
    folder.mkdir()
    config = load_config(folder)
    assert (config.title, config.language, config.sort) == ("Harbour Field Notes", "en", "date")
    assert config.output == "harbour-field-notes" and config.implicit == "folder name"
    assert config.identifier.startswith("urn:uuid:")


def test_missing_config_takes_jekyll_site_settings_from_the_folder_above(tmp_path):
    (tmp_path / "_config.yml").write_text(
        "title: Tide Tables\ndescription: Small stories\nlang: pt_BR\n", encoding="utf-8"
    )
    (tmp_path / "_posts").mkdir()
    config = load_config(tmp_path / "_posts")
    assert (config.title, config.language) == ("Tide Tables", "pt-BR")
    assert config.description == "Small stories"
    assert config.implicit == str(tmp_path / "_config.yml")


def test_unreadable_site_settings_fall_back_to_the_folder_name(tmp_path):
    folder = tmp_path / "quay-diary"
    folder.mkdir()
    (folder / "hugo.toml").write_text("title = [unclosed\n", encoding="utf-8")
    assert load_config(folder).title == "Quay Diary"


def test_sort_by_date_contradicts_an_explicit_order(tmp_path):
    folder = write_folder(
        tmp_path, {"publication.toml": 'title = "T"\nsort = "date"\norder = ["a.md"]\n'}
    )
    with pytest.raises(ConfigError, match="contradicts the explicit 'order'") as info:
        load_config(folder)
    assert info.value.location.line == 2


def test_missing_title_and_unknown_pdf_key(tmp_path):
    folder = write_folder(tmp_path, {"publication.toml": '[pdf]\nstock = "a4"\n'})
    with pytest.raises(BuildFailed) as info:
        load_config(folder)
    messages = " ".join(e.message for e in info.value.errors)
    assert "missing required key 'title'" in messages
    assert "unknown key 'pdf.stock'" in messages


def test_missing_folder_says_so(tmp_path):
    with pytest.raises(ConfigError, match="no such folder") as info:
        load_config(tmp_path / "nope")
    assert info.value.location.path == tmp_path / "nope"
