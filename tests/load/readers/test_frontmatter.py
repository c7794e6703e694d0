"""Front matter: YAML or TOML, and an error with the file line for every way it can break."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from publisher.errors import ManuscriptError
from publisher.load.readers.frontmatter import key_line, split

P = Path("a.md")


def error_of(text: str) -> ManuscriptError:
    with pytest.raises(ManuscriptError) as info:
        split(text, P)
    return info.value


def test_toml_front_matter_between_plus_lines():
    doc = split('+++\ntitle = "Hugo"\ndate = 2022-09-03\n+++\nBody\n', P)
    assert doc.meta == {"title": "Hugo", "date": date(2022, 9, 3)}
    assert (doc.body, doc.body_line) == ("Body\n", 5)


def test_no_front_matter_means_the_whole_file_is_body():
    doc = split("# A title\n\nNo front matter here.\n", P)
    assert (doc.meta, doc.fence, doc.body_line) == ({}, None, 1)
    assert doc.body == "# A title\n\nNo front matter here.\n"


def test_pandoc_block_may_close_with_three_dots():
    doc = split("---\ntitle: Dots\n...\nBody --- not a fence\n---\n", P)
    assert (doc.meta, doc.fence, doc.body_line) == ({"title": "Dots"}, "...", 4)
    assert doc.body == "Body --- not a fence\n---\n"


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        (
            '---\ntitle: ok\nsubtitle: "open\n---\nBody\n',
            3,
            "front matter: a quoted value is not closed",
        ),
        ("---\n- a\n- b\n---\nBody\n", 2, "front matter must be a mapping of keys to values"),
        ("---\njust words\n---\nBody\n", 2, "front matter must be a mapping of keys to values"),
        ("---\ntitle: T\ndate: 2013-13-45\n---\nBody\n", 3, "front matter: impossible date"),
        ("---\ntitle: T\nupdated: 2023-02-30\n---\n", 3, "front matter: impossible date"),
        ("---\ntitle: [unclosed\n---\nBody\n", 3, "front matter: "),
        ('+++\ntitle = "T"\nauthors = ["A"\n+++\nBody\n', 3, "front matter (TOML): Unclosed array"),
        ('+++\ntitle = "T"\ndate 2020\n+++\nBody\n', 3, "front matter (TOML): Expected '='"),
        ("---\ntitle: T\n", 1, "front matter is not closed by a '---' line"),
        ("+++\ntitle = 'T'\n---\n", 1, "front matter is not closed by a '+++' line"),
    ],
)
def test_broken_front_matter_names_the_line(text, line, message):
    error = error_of(text)
    assert error.location.line == line
    assert error.message.startswith(message), error.message


def test_python_tags_are_refused_not_executed():
    error = error_of("---\ntitle: !!python/object/apply:os.system ['true']\n---\n")
    assert error.location.line == 2
    assert "could not determine a constructor" in error.message


def test_non_string_keys_become_strings():
    doc = split("---\n2020: year\n3.5: half\ntitle: T\n---\n", P)
    assert set(doc.meta) == {"2020", "3.5", "title"}


def test_key_line_finds_yaml_and_toml_keys():
    assert key_line("title: A\ndate: 2020-01-01\n", "date") == 3
    assert key_line('title = "A"\n', "title") == 2
    assert key_line("title: A\n", 7) is None
