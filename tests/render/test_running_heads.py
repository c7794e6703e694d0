"""Running heads stay on one line: short titles, then colons, then a cut at a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.render.running_heads import article_head, book_head, shorten
from tests.helpers import build_at_epoch, pdf_words, write_folder

LONG = (
    "How the Harbour Commission Spent Eleven Years, Four Public Inquiries and Most of Its "
    "Budget Deciding Where to Put a Single Lighthouse on the North Mole"
)


@pytest.mark.parametrize(
    ("title", "limit", "head"),
    [
        ("Salt, Slowly", 40, "Salt, Slowly"),
        ("The Pilots: A Year on the Bar with the River's Last Four Pilots", 30, "The Pilots"),
        ("Ferries — and What the Island Lost When They Stopped", 20, "Ferries"),
        ("One two three four five six", 15, "One two three…"),
        ("One two three, four five six", 16, "One two three…"),  # no comma before the dots
        ("Donaudampfschifffahrtsgesellschaft", 10, "Donaudamp…"),
        ("  Spaces\n  inside   ", 20, "Spaces inside"),
    ],
)
def test_a_title_is_shortened_only_as_much_as_needed(title, limit, head):
    assert shorten(title, limit) == head
    assert len(shorten(title, limit)) <= limit


def test_a_short_title_wins_and_the_page_width_sets_the_limit():
    assert article_head(LONG, "The Lighthouse Question", 324) == "The Lighthouse Question"
    assert len(article_head(LONG, None, 324)) <= 324 / 3.7
    assert len(book_head(LONG, None, 200)) <= 200 / 5.0 < len(book_head(LONG, None, 324))


def _article(title: str, extra: str = "") -> str:
    paragraph = "The tide came in over the flats and the birds lifted all at once. " * 40
    return f'---\ntitle: "{title}"\n{extra}---\n\n' + "\n\n".join([paragraph] * 4) + "\n"


@pytest.fixture(scope="module")
def long_titles(tmp_path_factory) -> Path:
    root = write_folder(
        tmp_path_factory.mktemp("heads") / "book",
        {
            "publication.toml": (
                f'title = "{LONG}"\nshort_title = "Lighthouse Years"\nlanguage = "en"\n'
                'date = 2026-01-01\n[pdf]\nvariant = "none"\n'
            ),
            "01-long.md": _article(LONG),
            "02-short.md": _article(LONG + " Again", "short_title: The Mole, Again\n"),
        },
    )
    return build_at_epoch(root, ["pdf"], root.parent / "build").outputs[0].path


def test_every_running_head_is_one_line(long_titles):
    heads = {}
    for number, words in enumerate(pdf_words(long_titles), 1):
        top = [w for w in words if w.y1 < 0.75 * 72]  # inside the top margin
        if top:
            assert len({round(w.y0) for w in top}) == 1, (number, [w.text for w in top])
            heads[number] = " ".join(w.text for w in top)
    assert "Lighthouse Years" in heads.values()  # the book's short title, on versos
    assert "The Mole, Again" in heads.values()  # an article's short title, on rectos
    shortened = [h for h in heads.values() if h.startswith("How the Harbour")]
    assert shortened and all(h.endswith("…") for h in shortened)
