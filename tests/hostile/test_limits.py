"""Resource limits: huge and deeply nested input is refused quickly with a clear error.

Never a RecursionError, a hang or a silent truncation: input within the limits converts
completely, input beyond them is an error naming the file (and the line where known).
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from publisher.errors import BuildFailed, ManuscriptError, PublisherError
from publisher.load import limits
from publisher.load.article import ArticleContext
from publisher.load.body import convert as markdown_loader
from publisher.load.read import load_article
from tests.helpers import body_html
from tests.hostile.support import error_lines, run_cli

FRONT = "---\ntitle: Limits\n---\n"
CONFIG = 'title = "Limits"\nidentifier = "urn:uuid:7d2f5e60-1b3c-4e4d-9f80-2c3d4e5f6071"\n'
WORDS = "The ferry left at dawn and the gulls followed it out past the breakwater. "


def load(folder: Path, body: str) -> tuple[object, list[PublisherError]]:
    (folder / "a.md").write_text(FRONT + body, encoding="utf-8")
    warnings: list[PublisherError] = []
    article = load_article(folder / "a.md", ArticleContext(folder, "a", warnings.append))
    return article, warnings


def load_error(folder: Path, body: str) -> ManuscriptError:
    with pytest.raises(PublisherError) as info:
        load(folder, body)
    error = info.value
    if isinstance(error, BuildFailed):
        [error] = error.errors
    assert isinstance(error, ManuscriptError)
    return error


def test_a_20_mb_single_paragraph_is_refused_at_once(tmp_path):
    folder = tmp_path / "pub"
    folder.mkdir()
    (folder / "publication.toml").write_text(CONFIG, encoding="utf-8")
    (folder / "01-fine.md").write_text(FRONT + "A normal article.\n", encoding="utf-8")
    paragraph = WORDS * (20 * 2**20 // len(WORDS))
    (folder / "02-huge.md").write_text(FRONT + paragraph + "\n", encoding="utf-8")
    started = time.monotonic()
    run = run_cli("build", str(folder), "-o", str(tmp_path / "out"), "--no-cache")
    assert time.monotonic() - started < 30
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert error_lines(run.stderr) == [
        f"{folder}/02-huge.md: error: file is 20.0 MiB; a manuscript may be at most 4 MiB "
        "(split it into several articles)"
    ]


def test_a_paragraph_over_the_limit_names_its_line(tmp_path):
    paragraph = WORDS * (limits.MAX_BLOCK_CHARS // len(WORDS) + 10)
    error = load_error(tmp_path, "Short opening.\n\n" + paragraph + "\n")
    assert error.location.line == 6
    assert error.message == (
        "a paragraph of more than 100,000 characters starts on line 6; break it up with blank lines"
    )


def test_a_long_code_block_is_not_a_paragraph(tmp_path):
    code = "\n".join(f"line {n}: " + "x" * 60 for n in range(3000))
    article, _ = load(tmp_path, f"```\n{code}\n```\n")
    assert body_html(article).count("line ") == 3000


@pytest.mark.parametrize(
    ("kind", "body"),
    [
        ("list, 4 spaces", "".join("    " * i + f"- item {i}\n" for i in range(1000))),
        ("list, 2 spaces", "".join("  " * i + f"- item {i}\n" for i in range(1000))),
        ("numbered list", "".join("    " * i + f"{i}. item\n" for i in range(1000))),
        ("quote", "".join(">" * i + f" level {i}\n" for i in range(1, 1001))),
        ("quote in a list", "".join("- > " * i + "x\n" for i in range(1, 1001))),
    ],
)
def test_a_thousand_levels_of_nesting_is_refused_quickly(tmp_path, kind, body):
    started = time.monotonic()
    error = load_error(tmp_path, "Intro.\n\n" + body)
    assert time.monotonic() - started < 5
    assert error.message == "block quotes or lists nested more than 20 levels deep"
    assert error.location.line is not None and error.location.line > 5


def test_a_thousand_nested_html_elements_is_refused(tmp_path):
    body = "<div>" * 1000 + "deep" + "</div>" * 1000 + "\n"
    error = load_error(tmp_path, body)
    assert error.message == "elements nested 1000 levels deep; at most 50 are allowed"


def test_nesting_within_the_limits_converts_completely(tmp_path):
    levels = limits.MAX_NESTING
    body = "".join("    " * i + f"- item {i}\n" for i in range(levels))
    body += "\n" + "".join(">" * i + f" quote {i}\n" for i in range(1, levels + 1))
    article, _ = load(tmp_path, body)
    assert body_html(article).count("<ul") == levels
    assert body_html(article).count("<blockquote") == levels
    assert f"item {levels - 1}" in body_html(article) and f"quote {levels}" in body_html(article)


def test_a_thematic_break_is_not_nesting(tmp_path):
    article, _ = load(tmp_path, "Above.\n\n" + "* " * 60 + "\n\nBelow.\n")
    assert "<hr" in body_html(article)


def test_a_slow_conversion_is_stopped_by_the_deadline(tmp_path, monkeypatch):
    monkeypatch.setattr(markdown_loader, "CONVERT_SECONDS", 0.5)
    started = time.monotonic()
    error = load_error(tmp_path, "[a " * 25000 + "\n")  # quadratic in Python-Markdown
    assert time.monotonic() - started < 10
    assert error.message == (
        "converting the body took more than 0.5 s; simplify its markup or split the article"
    )
    assert error.location.line == 4


def test_a_megabyte_article_loads_whole_in_bounded_time(tmp_path):
    marked = "Some *emphasis*, a `code span` and [a link](https://example.org/a). "
    paragraphs = [f"Paragraph {n}. " + (WORDS + marked) * 4 for n in range(1800)]
    body = "\n\n".join(paragraphs) + "\n"
    assert len(body) > 2**20
    started = time.monotonic()
    article, _ = load(tmp_path, body)
    assert time.monotonic() - started < 60
    assert body_html(article).count("<p>") == len(paragraphs)
    assert "Paragraph 1799." in body_html(article)
