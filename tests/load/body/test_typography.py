"""Titles and decks get the same typographic quotes and dashes as article bodies."""

from __future__ import annotations

import pytest

from publisher.load.body.typography import smarten


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("The council's plan", "The council’s plan"),
        ('A "twin" town', "A “twin” town"),
        ("'Quoted' words", "‘Quoted’ words"),
        ("Now -- or never", "Now – or never"),
        ("Wait --- what", "Wait — what"),
        ("And so...", "And so…"),
        ("a < b & c", "a < b & c"),  # not HTML: left as typed
        ("plain", "plain"),
    ],
)
def test_smarten(typed, printed):
    assert smarten(typed) == printed


@pytest.mark.parametrize(
    ("typed", "printed"),
    [
        ("Songs of the '90s", "Songs of the ’90s"),
        ("The '05 vintage", "The ’05 vintage"),
        ("'Tis the season", "’Tis the season"),
        ("Rock 'n' roll", "Rock ’n’ roll"),
        ("A 'quoted' word", "A ‘quoted’ word"),  # a real opening quote stays one
    ],
)
def test_words_that_start_with_an_apostrophe(typed, printed):
    assert smarten(typed) == printed


def test_bodies_get_the_same_apostrophes_but_code_keeps_what_was_typed():
    from publisher.load.body.xhtml import convert_markdown, html_to_xhtml
    from tests.helpers import fragment_html

    fragment = html_to_xhtml(
        convert_markdown("Hits of the '90s, `'90s` and 'tis *'em*."), "s", lambda src, alt: src
    )
    expected = "<p>Hits of the ’90s, <code>'90s</code> and ’tis <em>’em</em>.</p>"
    assert fragment_html(fragment) == expected
