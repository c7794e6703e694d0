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


def test_invalid_toml_names_the_line(tmp_path):
    folder = write_folder(tmp_path, {"publication.toml": 'title = "T"\nsubtitle = "open\n'})
    with pytest.raises(ConfigError) as info:
        load_config(folder)
    assert info.value.location.line == 2
    assert "invalid TOML" in info.value.message


def test_missing_config_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match=r"no publication\.toml"):
        load_config(tmp_path)


def test_missing_title_and_unknown_pdf_key(tmp_path):
    folder = write_folder(tmp_path, {"publication.toml": '[pdf]\npaper = "a4"\n'})
    with pytest.raises(BuildFailed) as info:
        load_config(folder)
    messages = " ".join(e.message for e in info.value.errors)
    assert "missing required key 'title'" in messages
    assert "unknown key 'pdf.paper'" in messages


def test_missing_folder_says_so(tmp_path):
    with pytest.raises(ConfigError, match="no such folder") as info:
        load_config(tmp_path / "nope")
    assert info.value.location.path == tmp_path / "nope"
