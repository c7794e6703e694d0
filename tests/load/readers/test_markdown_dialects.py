"""Markdown as its home tool renders it: engines, titles, language (fixtures in dialects/cases)."""

from __future__ import annotations

import pytest

from publisher.errors import Notice
from publisher.load.article import ArticleContext
from publisher.load.body.nested_lists import renest
from publisher.load.read import load_article
from publisher.load.readers.titles import readable_name, shared_opening
from tests.conftest import FIXTURES
from tests.helpers import body_html, build_with

CASES = FIXTURES / "dialects" / "cases"


def load(name: str, language: str | None = "en", **extra):
    notes: list = []
    ctx = ArticleContext(CASES, "case", notes.append, language=language, **extra)
    return load_article(CASES / name, ctx), notes


def test_own_dialect_nests_lists_by_two_spaces():
    article, _ = load("own-two-space-lists.md")
    body = body_html(article)
    assert body.index("<li>Deckhands<ul>") < body.index("Morning watch<ul>")
    assert body.index("<li>Ines Calder</li></ul>") < body.index("<li>Engineers</li>")


def test_four_space_nesting_reads_as_before():
    assert renest(["- a", "    - b", "", "    para"]) == ["- a", "    - b", "", "      para"]
    assert renest(["- a", "  - b", "    - c"]) == ["- a", "    - b", "        - c"]
    assert renest(["```", "  - not a list", "```"]) == ["```", "  - not a list", "```"]


def test_pandoc_title_block_gives_title_authors_and_date():
    article, _ = load("pandoc-title-block.md")
    assert article.title == "Tide Tables for Beginners"
    assert [c.contributor.name for c in article.authors] == ["Maren Holt", "Oskar Lind"]
    assert article.published.isoformat() == "2022-05-17"
    assert "%" not in body_html(article) and "Maren" not in body_html(article)


def test_mkdocs_meta_data_and_admonitions():
    article, _ = load("mkdocs-meta.md", tool="mkdocs")
    assert article.title == "Harbour Services"
    assert [c.contributor.name for c in article.authors] == ["Petra Vos"]
    assert "title:" not in body_html(article)
    assert 'class="admonition note"' in body_html(article)
    assert "Opening hours" in body_html(article)


def test_an_opening_heading_of_any_level_after_a_comment_is_the_title():
    article, notes = load("comment-then-h2.md")
    assert article.title == "Mooring Fees"
    assert "Mooring Fees" not in body_html(article)
    assert not [n for n in notes if "title" in n.message]


def test_no_heading_takes_the_navigation_title_first():
    article, notes = load("appendix-02-tide-terms.md", title="Terms of the Tide")
    assert article.title == "Terms of the Tide" and notes == []


def test_no_heading_and_no_navigation_take_the_file_name_with_a_note():
    article, notes = load("appendix-02-tide-terms.md")
    assert article.title == "Appendix 02: Tide Terms"
    assert any(isinstance(n, Notice) and "after its name" in n.message for n in notes)


@pytest.mark.parametrize(
    ("stem", "title"),
    [
        ("appendix-01-keywords", "Appendix 01: Keywords"),
        ("03_getting_started", "Getting Started"),
        ("chapter-7", "Chapter 7"),
    ],
)
def test_file_names_made_readable(stem, title):
    assert readable_name(stem) == title


def test_a_heading_most_chapters_open_with_is_the_books_name():
    assert shared_opening(["Almanac", "almanac", "Almanac", None]) == "Almanac"
    assert shared_opening(["Almanac", "Almanac", "Other", "More", "Last"]) is None
    assert shared_opening(["A", "A"]) is None  # two chapters prove nothing


def test_the_books_name_gives_way_to_the_next_heading(tmp_path):
    (tmp_path / "publication.toml").write_text('title = "Almanac"\n', encoding="utf-8")
    for number, name in enumerate(["Spring Tides", "Neap Tides", "Storm Surges"], 1):
        text = f"# The Harbour Almanac\n\n## {name}\n\nText of chapter {number}.\n"
        (tmp_path / f"{number:02d}.md").write_text(text, encoding="utf-8")
    result = build_with(tmp_path, ["epub"], tmp_path / "out")
    titles = [ch.article.title for ch in result.publication.chapters()]
    assert titles == ["Spring Tides", "Neap Tides", "Storm Surges"]
    assert all(
        "Harbour Almanac" not in body_html(ch.article) for ch in result.publication.chapters()
    )


def test_stated_language_and_direction_in_front_matter():
    article, notes = load("arabic-stated.md")
    assert article.lang == "ar"
    assert not [n for n in notes if "unknown front-matter key" in n.message]


def test_a_confident_detection_marks_the_article_with_a_note():
    article, notes = load("arabic-detected.md")
    assert article.lang == "ar"
    assert any(isinstance(n, Notice) and "'ar'" in n.message for n in notes)


def test_detection_leaves_the_books_language_alone():
    article, notes = load("chinese-name.md")
    assert article.lang is None and not [n for n in notes if "written in" in n.message]


def test_a_run_in_another_script_gets_its_language():
    article, _ = load("chinese-name.md")
    assert '<span lang="zh" xml:lang="zh">林小雨</span>' in body_html(article)


def test_math_becomes_mathml_and_a_broken_formula_a_warning_on_its_line():
    article, notes = load("math-github.md")
    body = body_html(article)
    assert body.count("<math ") == 2 and 'alttext="\\pi r^2"' in body
    assert "$" not in body.replace("\\frac{1}{", "")
    [warning] = [n for n in notes if "formula" in n.message]
    assert warning.location.line == 11


def test_footnote_ending_in_a_space_builds_a_pdf(tmp_path):
    """WeasyPrint stopped on "' \\n' between two lines" for a note whose line ended so."""
    (tmp_path / "publication.toml").write_text('title = "Notes"\n', encoding="utf-8")
    text = (CASES / "footnote-trailing-space.md").read_text(encoding="utf-8")
    (tmp_path / "note.md").write_text(text, encoding="utf-8")
    result = build_with(tmp_path, ["pdf"], tmp_path / "out")
    assert result.outputs and result.outputs[0].pages >= 1


def test_a_direction_that_contradicts_the_language_is_reported(tmp_path):
    path = tmp_path / "mixed.md"
    path.write_text("---\ntitle: Mixed\nlang: en\ndir: rtl\n---\nText.\n", encoding="utf-8")
    notes: list = []
    load_article(path, ArticleContext(tmp_path, "mixed", notes.append, language="en"))
    [problem] = notes
    assert "disagrees" in problem.message and problem.location.line == 4


def test_a_stated_direction_is_kept_in_the_model():
    article, notes = load("arabic-stated.md")
    assert article.dir == "rtl"
    article, notes = load("direction-only.md")  # no language: the book's is only a default
    assert (article.lang, article.dir) == (None, "rtl")
    assert not [n for n in notes if "dir" in n.message]


def test_a_direction_agrees_with_every_language_the_pages_know():
    """N'Ko is written right to left: 'dir: rtl' on it is no contradiction."""
    article, notes = load("nko-stated.md")
    assert (article.lang, article.dir) == ("nqo", "rtl")
    assert not [n for n in notes if "disagrees" in n.message]


def test_the_loader_and_the_pages_agree_on_direction():
    from publisher.load.language import written_direction
    from publisher.render.direction import RTL_LANGUAGES, RTL_SCRIPTS, direction

    tags = [*RTL_LANGUAGES, *(f"xx-{s.title()}" for s in RTL_SCRIPTS)]
    tags += ["en", "zh-Hant", "az-Arab", "sd-Deva", "pa-Arab", "ur-Latn", "he-IL"]
    assert {tag: written_direction(tag) for tag in tags} == {tag: direction(tag) for tag in tags}


def test_a_stated_direction_reaches_the_chapter_in_epub_and_pdf(tmp_path):
    import zipfile

    from publisher.backends.pdf.weasy import stylesheet
    from publisher.render.html import print_document
    from publisher.render.theme import load_theme

    (tmp_path / "publication.toml").write_text('title = "Sea Villages"\n', encoding="utf-8")
    text = (CASES / "direction-only.md").read_text(encoding="utf-8")
    (tmp_path / "village.md").write_text(text, encoding="utf-8")
    result = build_with(tmp_path, ["epub"], tmp_path / "out")
    with zipfile.ZipFile(result.outputs[0].path) as archive:
        pages = [archive.read(n).decode() for n in archive.namelist() if n.endswith("html")]
    chapter = next(page for page in pages if '<section class="chapter"' in page)
    section = chapter[chapter.index('<section class="chapter"') :].split(">", 1)[0]
    assert 'dir="rtl"' in section and "lang=" not in section
    pub, theme = result.publication, load_theme(tmp_path)
    settings = result.config.pdf
    printed = print_document(pub, theme, stylesheet(pub, theme, settings), settings)
    section = printed[printed.index('<section class="chapter"') :].split(">", 1)[0]
    assert 'dir="rtl"' in section


def test_an_article_wholly_in_another_script_is_detected():
    """Its runs of Han are not marked before detection: then nothing was left to detect."""
    article, notes = load("chinese-detected.md")
    assert article.lang == "zh"
    assert any(isinstance(n, Notice) and "'zh'" in n.message for n in notes)
    assert 'lang="zh"' not in body_html(article)  # the article is Chinese: no Chinese runs


def test_an_article_mostly_in_han_is_chinese_when_detection_is_unsure():
    """Traditional Chinese with English names read as Cantonese or Mandarin, unsure: its
    script says Chinese (and not the book's English)."""
    article, notes = load("traditional-chinese.md")
    assert article.lang == "zh"
    assert any(isinstance(n, Notice) and "its script" in n.message for n in notes)
    english, _ = load("own-two-space-lists.md")
    assert english.lang is None
