"""Markdown manuscripts: front matter → metadata and credits; body → well-formed XHTML."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from lxml import etree

from publisher.errors import BuildFailed, ManuscriptError, PublisherError
from publisher.load.article import ArticleContext
from publisher.load.read import load_article
from publisher.model import Role
from tests.helpers import body_html, write_folder


def load(folder: Path, name: str, warnings: list | None = None):
    sink = warnings if warnings is not None else []
    return load_article(folder / name, ArticleContext(folder, "art", sink.append))


def parse_fragment(html: str) -> etree._Element:
    wrapped = (
        '<div xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops">' + html + "</div>"
    )
    return etree.fromstring(wrapped.encode())


FULL = """
---
title: The Ferry
subtitle: A deck line
date: 2024-03-01
updated: 2024-03-05
authors: [Ann Lee, Bo Chen]
translators: [Cy Díaz]
contributors:
  - {name: Dee Evans, role: pht}
  - {name: Eve Fox, role: editor}
source: {name: El Faro, url: "https://example.org/x", language: es, date: 2024-02-28}
lang: en-GB
tags: [sea, boats]
summary: Short.
---
Intro with "quotes" & an ampersand -- and a note.[^1]

## First section

| a | b |
|---|---|
| 1 | 2 |

[^1]: The note.
"""


def test_front_matter_becomes_metadata_and_credits(tmp_path):
    folder = write_folder(tmp_path, {"a.md": FULL})
    a = load(folder, "a.md")
    assert (a.title, a.subtitle, a.lang) == ("The Ferry", "A deck line", "en-GB")
    assert (a.published, a.updated) == (date(2024, 3, 1), date(2024, 3, 5))
    assert [c.name for c in a.authors] == ["Ann Lee", "Bo Chen"]
    assert [c.name for c in a.translators] == ["Cy Díaz"]
    assert [(c.name, c.role) for c in a.other_credits] == [
        ("Dee Evans", Role.PHOTOGRAPHER),
        ("Eve Fox", Role.EDITOR),
    ]
    assert a.source.name == "El Faro" and a.source.language == "es"
    assert a.source.published == date(2024, 2, 28)
    assert a.tags == ("sea", "boats")


def test_body_is_well_formed_xhtml_without_named_entities(tmp_path):
    folder = write_folder(tmp_path, {"a.md": FULL})
    a = load(folder, "a.md")
    assert "&ldquo;" not in body_html(a) and "&ndash;" not in body_html(a)
    root = parse_fragment(body_html(a))  # raises if not well-formed
    assert "“quotes”" in "".join(root.itertext())
    assert a.headings[0].text == "First section"
    assert a.headings[0].anchor.startswith("art-")


def test_footnotes_become_epub_noterefs_with_prefixed_ids(tmp_path):
    folder = write_folder(tmp_path, {"a.md": FULL})
    a = load(folder, "a.md")
    root = parse_fragment(body_html(a))
    ns = {"h": "http://www.w3.org/1999/xhtml", "epub": "http://www.idpf.org/2007/ops"}
    ref = root.xpath("//h:a[@epub:type='noteref']", namespaces=ns)[0]
    note = root.xpath("//h:aside[@epub:type='footnote']", namespaces=ns)[0]
    assert ref.get("href") == f"#{note.get('id')}"
    assert note.get("id").startswith("art-")
    assert a.footnote_count == 1


def test_unclosed_quote_names_file_and_line(tmp_path):
    folder = write_folder(tmp_path, {"a.md": '---\ntitle: ok\nsubtitle: "open\n---\nBody\n'})
    with pytest.raises(ManuscriptError) as info:
        load(folder, "a.md")
    assert info.value.location.path.name == "a.md"
    assert info.value.location.line in (3, 4)


def test_missing_title_and_bad_date_are_reported_together(tmp_path):
    folder = write_folder(tmp_path, {"a.md": "---\nupdated: someday\n---\nBody\n"})
    with pytest.raises(BuildFailed) as info:
        load(folder, "a.md")
    messages = [str(e) for e in info.value.errors]
    assert any("missing required front-matter key 'title'" in m for m in messages)
    assert any("a.md:2: error: 'updated' must be a date" in m for m in messages)


def test_impossible_date_is_a_clear_error(tmp_path):
    folder = write_folder(tmp_path, {"a.md": "---\ntitle: T\ndate: 2013-13-45\n---\nBody\n"})
    with pytest.raises(ManuscriptError, match="impossible date") as info:
        load(folder, "a.md")
    assert info.value.location.line == 3


def test_missing_image_is_an_error_and_missing_alt_a_warning(tmp_path):
    folder = write_folder(tmp_path, {"a.md": "---\ntitle: T\n---\n\n![](nope.png)\n"})
    warnings: list[PublisherError] = []
    with pytest.raises(PublisherError, match="does not exist"):
        load(folder, "a.md", warnings)
    assert any("no alt text" in w.message for w in warnings)


def test_image_outside_folder_is_refused(tmp_path):
    folder = write_folder(tmp_path / "pub", {"a.md": "---\ntitle: T\n---\n\n![x](../x.png)\n"})
    (tmp_path / "x.png").write_bytes(b"\x89PNG")
    with pytest.raises(PublisherError, match="outside the publication folder"):
        load(folder, "a.md")


def test_remote_image_is_not_fetched_but_printed_as_its_alt_text(tmp_path):
    text = (
        "---\ntitle: T\n---\n\n![A gull](https://e.org/x.png)\n\n<img src='https://e.org/y.png'>\n"
    )
    folder = write_folder(tmp_path, {"a.md": text})
    warnings: list = []
    article = load(folder, "a.md", warnings)
    assert article.images == ()
    assert "A gull" in body_html(article) and "image: https://e.org/y.png" in body_html(article)
    assert [(w.location.line, "not fetched" in w.message) for w in warnings] == [
        (5, True),
        (7, True),
    ]


def test_control_characters_written_as_escapes_in_front_matter_are_removed(tmp_path):
    # The file holds only backslashes; YAML turns "\b" and "\x07" into control characters
    # that XML cannot carry (found by tests/test_fuzz.py).
    text = (
        '---\ntitle: "Tide\\x07 tables"\nauthors: ["Ana\\b Lima"]\n'
        'contributors:\n  - {name: "Bo\\x01 Chen", role: pht, note: "the\\x02 map"}\n---\n\nText.\n'
    )
    folder = write_folder(tmp_path, {"a.md": text})
    warnings: list = []
    article = load(folder, "a.md", warnings)
    assert [(w.location.line, w.message) for w in warnings] == [
        (2, "control characters removed"),
        (3, "control characters removed"),
        (4, "control characters removed"),
    ]
    assert article.title == "Tide tables"
    names = {(c.contributor.name, c.note) for c in article.credits}
    assert names == {("Ana Lima", None), ("Bo Chen", "the map")}


def test_a_name_made_only_of_control_characters_is_an_error(tmp_path):
    folder = write_folder(tmp_path, {"a.md": '---\nauthors: "\\b"\ntitle: T\n---\n\nText.\n'})
    with pytest.raises(PublisherError) as caught:
        load(folder, "a.md")
    errors = getattr(caught.value, "errors", (caught.value,))
    assert [(e.location.line, e.message) for e in errors] == [
        (2, "'authors' must be a list of names")
    ]


@pytest.mark.parametrize(
    ("name", "text", "empty"),
    [
        ("a.md", "---\ntitle: T\n---\n", True),
        ("b.md", "---\ntitle: T\n---\n\n  \n\n", True),
        ("c.md", "---\ntitle: T\n---\n\nOne word.\n", False),
        ("d.txt", "Only a headline\n", True),
    ],
)
def test_an_article_without_text_is_a_warning_naming_where_text_should_be(
    tmp_path, name, text, empty
):
    folder = write_folder(tmp_path, {name: text})
    warnings: list[PublisherError] = []
    load(folder, name, warnings)
    found = [w for w in warnings if w.message == "the article has no text"]
    assert len(found) == int(empty)
    assert all(w.location.path == folder / name and w.location.line for w in found)
