"""The kepub: Kobo's markup on every reading-order page, the same text as the EPUB, valid."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from publisher.backends.epub.kobo import kepub_page, sentences, unwrapped_text
from publisher.check.epub import check
from tests.conftest import HARD
from tests.helpers import build_at_epoch

PAGE = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>T</title></head>
<body><section><h1>A title</h1><p>One sentence. Two <em>with emphasis.</em> Three?</p>
<ul><li>Item</li></ul><pre>code. block</pre></section></body></html>"""


@pytest.fixture(scope="module")
def kepub(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("kepub")
    result = build_at_epoch(HARD, ["epub", "kepub"], out)
    return next(o.path for o in result.outputs if o.path.name.endswith(".kepub.epub"))


def test_sentences_keep_every_character() -> None:
    text = "“Weight, species.” She wrote it down! Then? the end"
    assert "".join(sentences(text)) == text
    assert sentences(text) == ["“Weight, species.” ", "She wrote it down! ", "Then? ", "the end"]
    assert sentences("No end") == ["No end"]


def test_a_page_gets_wrappers_and_numbered_spans() -> None:
    root = etree.fromstring(kepub_page(PAGE).encode())
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    columns = root.xpath("/h:html/h:body/*", namespaces=ns)
    assert [c.get("id") for c in columns] == ["book-columns"]
    assert columns[0][0].get("id") == "book-inner"
    spans = root.xpath("//h:span[@class='koboSpan']", namespaces=ns)
    assert [s.get("id") for s in spans] == [
        "kobo.1.1",  # the heading
        *("kobo.2.1", "kobo.2.2", "kobo.2.3", "kobo.2.4"),  # sentences, and text around <em>
        "kobo.3.1",  # the list item
        *("kobo.4.1", "kobo.4.2"),  # the code block
    ]
    assert [s.text for s in spans][1:5] == ["One sentence. ", "Two ", "with emphasis.", " Three?"]
    assert root.xpath("string(//h:em)", namespaces=ns) == "with emphasis."
    assert unwrapped_text(kepub_page(PAGE)) == unwrapped_text(PAGE)


def test_the_kepub_is_named_for_kobo_and_passes_its_checks(kepub: Path) -> None:
    assert kepub.name.endswith(".kepub.epub")
    result = check(kepub)
    assert [str(f) for f in result.findings if f.severity in ("error", "warning")] == []


def test_the_kepub_reads_exactly_as_the_epub(kepub: Path) -> None:
    epub = kepub.with_name(kepub.name.replace(".kepub.epub", ".epub"))
    with zipfile.ZipFile(epub) as plain, zipfile.ZipFile(kepub) as kobo:
        pages = [n for n in plain.namelist() if n.endswith(".xhtml")]
        assert pages == [n for n in kobo.namelist() if n.endswith(".xhtml")]
        for name in pages:
            assert unwrapped_text(kobo.read(name).decode()) == unwrapped_text(
                plain.read(name).decode()
            ), name


def test_a_plain_epub_named_kepub_fails_the_kobo_check(kepub: Path, tmp_path: Path) -> None:
    plain = kepub.with_name(kepub.name.replace(".kepub.epub", ".epub"))
    fake = tmp_path / "fake.kepub.epub"
    shutil.copy(plain, fake)
    messages = [f.message for f in check(fake).findings if f.checker == "kobo"]
    assert any("book-columns" in m for m in messages)
    assert any("outside a koboSpan" in m for m in messages)
