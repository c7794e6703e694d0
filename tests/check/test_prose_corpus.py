"""The prose corpus (tests/fixtures/prose): a book of ordinary prose the print typography is
measured on (benchmarks/print_quality.py). Built once; what holds of it now must keep holding.

The preflight's error-level counts (credits-only pages, stranded captions) are not asserted
here: the make-up work is bringing them to 0, and the benchmark reports them.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pikepdf
import pytest

from publisher.check.pdf import check as preflight
from tests.conftest import FIXTURES
from tests.helpers import build_at_epoch, epubcheck_messages, problems

PROSE = FIXTURES / "prose"
ALWAYS_NONE = ("short fragments", "orphans", "widows", "stranded headings")  # none now, ever


@pytest.fixture(scope="module")
def prose_build(tmp_path_factory):
    """The corpus built once as EPUB and PDF."""
    return build_at_epoch(PROSE, ["epub", "pdf"], tmp_path_factory.mktemp("prose") / "build")


@pytest.fixture(scope="module")
def prose_pdf(prose_build) -> Path:
    return next(o.path for o in prose_build.outputs if o.path.suffix == ".pdf")


@pytest.fixture(scope="module")
def prose_preflight(prose_pdf):
    return preflight(prose_pdf)


def _planned_files() -> list[str]:
    """The article files in the order publication.toml's parts give them."""
    config = tomllib.loads((PROSE / "publication.toml").read_text(encoding="utf-8"))
    return [name for part in config["parts"] for name in part["articles"]]


def _articles(build) -> list:
    """The book's articles, in book order."""
    return [c.article for part in build.publication.parts for c in part.chapters]


def _outline(path: Path) -> list[tuple[str, int]]:
    """Every bookmark (title, 0-based page), depth first."""
    with pikepdf.open(path) as book, book.open_outline() as outline:
        found: list[tuple[str, int]] = []

        def walk(items) -> None:
            for item in items:
                found.append((str(item.title), book.pages.index(pikepdf.Page(item.destination[0]))))
                walk(item.children)

        walk(outline.root)
        return found


def test_the_corpus_builds_without_warnings(prose_build):
    assert [str(w) for w in prose_build.warnings] == []
    files = [a.origin.path.name for a in _articles(prose_build)]
    assert files == _planned_files() and len(files) >= 14


def test_the_epub_passes_epubcheck_clean(prose_build):
    epub = next(o.path for o in prose_build.outputs if o.path.suffix == ".epub")
    assert problems(epubcheck_messages(epub)) == []


def test_every_article_is_in_the_outline_in_order(prose_build, prose_pdf):
    bookmarks = _outline(prose_pdf)
    pages = {}
    for title in (a.title for a in _articles(prose_build)):
        found = [page for name, page in bookmarks if title in name]
        assert found, f"no bookmark for {title!r}"
        pages[title] = found[0]
    in_book = list(pages.values())
    assert in_book == sorted(in_book) and len(set(in_book)) == len(in_book)


def test_the_book_is_long_enough_to_measure(prose_preflight):
    typography = prose_preflight.facts["typography"]
    assert typography["body pages"] >= 40
    assert typography["body lines"] >= 800


def test_the_preflight_finds_nothing_but_typography(prose_preflight):
    found = [f for f in prose_preflight.findings if f.severity in ("error", "warning")]
    assert [str(f) for f in found if f.checker != "typography"] == []  # fonts, images, boxes


@pytest.mark.parametrize("kind", ALWAYS_NONE)
def test_what_the_corpus_never_has(prose_preflight, kind):
    typography = prose_preflight.facts["typography"]
    assert typography["counts"][kind] == 0, typography["pages"].get(kind)
