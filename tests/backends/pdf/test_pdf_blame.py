"""WeasyPrint failures reported at the article they come from (backends/pdf/blame.py)."""

from __future__ import annotations

import pickle
import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import weasyprint.layout.inline

from publisher.backends.pdf import build as build_pdf
from publisher.backends.pdf.blame import (
    Blame,
    RenderFailure,
    bisect,
    blame,
    only,
    source_line,
)
from publisher.backends.pdf.chunks import Task, render
from publisher.config import load_config
from publisher.errors import BackendError, Notice, PublisherError
from publisher.model import Element, Publication
from publisher.options import BuildOptions
from publisher.render.theme import load_theme
from tests.helpers import build_with, load_with

ARTICLES = {
    "01-harbour.md": "---\ntitle: Harbour Lights\n---\nThe lamps came on at six.\n",
    "02-tolls.md": (
        "---\ntitle: The Bridge Tolls\n---\nA first paragraph about the bridge.\n\n"
        "The *Tollbooth* keeper counts “every” coin twice.\n"
    ),
    "03-market.md": "---\ntitle: Market Day\n---\nStalls opened before the rain.\n",
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "publication.toml").write_text('title = "Crossings"\n', encoding="utf-8")
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _loaded(folder: Path) -> tuple[Publication, object]:
    config = load_config(folder)
    return load_with(config, datetime(2026, 5, 1, tzinfo=UTC), lambda w: None), config


def _with_body(pub: Publication, slug: str, body: tuple) -> Publication:
    parts = []
    for part in pub.parts:
        chapters = tuple(
            replace(ch, article=replace(ch.article, body=body)) if ch.slug == slug else ch
            for ch in part.chapters
        )
        parts.append(replace(part, chapters=chapters))
    return replace(pub, parts=tuple(parts))


def test_a_real_weasyprint_crash_names_the_article(folder: Path, tmp_path: Path) -> None:
    """WeasyPrint 70 stops on a space before a line end inside a footnote: the body the
    loader used to make for one; the error is at that article's file, not the folder."""
    pub, config = _loaded(folder)
    slug = pub.chapters()[1].slug
    note = Element("p", (), ("The Tollbooth keeper counts every coin twice. \nHowever, no.",))
    style = (("class", "footnote"), ("style", "float: footnote"))
    crashing = (Element("p", (), ("Tolls rose.", Element("aside", style, (note,)))),)
    broken = _with_body(pub, slug, crashing)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(BackendError) as caught:
        build_pdf(broken, load_theme(folder), out, BuildOptions(), config.pdf)
    error = caught.value
    assert error.location.path.name == "02-tolls.md"
    assert error.location.line == 6  # where "The Tollbooth keeper counts…" starts
    assert "between two lines" in error.message and "Tollbooth keeper" in error.message


@pytest.fixture
def failing_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    """WeasyPrint's line breaking raises for text holding "Tollbooth"."""
    original = weasyprint.layout.inline.split_text_box

    def split_text_box(context, box, *args, **kwargs):
        if "Tollbooth" in box.text:
            raise RuntimeError("line breaking gave up")
        return original(context, box, *args, **kwargs)

    monkeypatch.setattr(weasyprint.layout.inline, "split_text_box", split_text_box)


@pytest.mark.usefixtures("failing_layout")
def test_a_layout_failure_is_reported_at_the_article_and_line(folder: Path) -> None:
    result = None
    with pytest.raises(PublisherError) as caught:
        from publisher.pipeline import BuildResult

        result = BuildResult()
        build_with(folder, ["epub", "pdf"], folder / "out", result=result)
    error = caught.value
    assert str(error).startswith(f"{folder / '02-tolls.md'}:6: error: WeasyPrint failed")
    assert "line breaking gave up" in error.message
    assert not (folder / "out").exists()  # all or nothing
    notes = [w for w in result.warnings if isinstance(w, Notice)]
    assert any("EPUB built" in n.message and "--format epub" in n.message for n in notes)


def test_a_worker_failure_carries_its_chapter_and_pickles(tmp_path: Path) -> None:
    """A chunk's worker cannot see the publication: it sends the section id back."""
    html = (
        '<html><body><section class="chapter" id="the-tolls"><div class="article-body">'
        "<p>Fine text.</p><aside class='footnote' style='float: footnote'>"
        "<p>A toll note. \nSecond line.</p></aside></div></section></body></html>"
    )
    settings = load_config(_empty(tmp_path)).pdf
    with pytest.raises(RenderFailure) as caught:
        render(Task(html, tmp_path / "x.pdf", {}, {"pdf_identifier": b"x"}, settings))
    failure = pickle.loads(pickle.dumps(caught.value))
    assert failure.blame.section == "the-tolls"
    assert failure.blame.text.startswith("A toll note.")
    assert "between two lines" in failure.reason


def _empty(tmp_path: Path) -> Path:
    (tmp_path / "publication.toml").write_text('title = "x"\n', encoding="utf-8")
    return tmp_path


def test_blame_finds_the_innermost_box_of_the_traceback() -> None:
    root = ET.fromstring(
        '<html><body><section class="chapter" id="c2"><div><p>Deep <em>words</em> here'
        "</p></div></section></body></html>"
    )
    paragraph = root.find(".//p")

    class Box:  # what WeasyPrint's boxes look like from outside: an ``element``
        element = paragraph

    def layout(box: object) -> None:
        raise ValueError("no room")

    try:
        layout(Box())
    except ValueError as exc:
        found = blame(exc, root)
    assert found == Blame("c2", "p", "Deep words here")


def test_no_box_no_blame() -> None:
    try:
        raise ValueError("nothing to point at")
    except ValueError as exc:
        assert blame(exc, ET.fromstring("<html/>")) == Blame()


def test_bisect_finds_the_one_failing_article(folder: Path) -> None:
    pub, _ = _loaded(folder)
    bad = pub.chapters()[2]
    rendered: list[int] = []

    def fails(piece: Publication) -> bool:
        rendered.append(len(piece.chapters()))
        return any(ch.slug == bad.slug for ch in piece.chapters())

    assert bisect(pub, fails) is bad.article
    assert rendered[0] == 0  # the book alone, without articles, is tried first


def test_bisect_blames_no_article_when_the_book_itself_fails(folder: Path) -> None:
    pub, _ = _loaded(folder)
    assert bisect(pub, lambda piece: True) is None
    assert bisect(pub, lambda piece: len(piece.chapters()) == 3) is None  # only all together
    assert [ch.slug for ch in only(pub, pub.chapters()[1:2]).chapters()] == [pub.chapters()[1].slug]


def test_source_line_matches_rendered_words_through_markup(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\ntitle: T\n---\nIntro line.\n\nThe *Tollbooth* keeper counts\n“every” coin.\n",
        encoding="utf-8",
    )
    assert source_line(path, "The Tollbooth keeper counts “every” coin.") == 6
    assert source_line(path, "Nowhere to be found at all") is None
    assert source_line(tmp_path / "missing.md", "The Tollbooth keeper") is None
