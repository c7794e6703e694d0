"""Titles and decks get the same typographic quotes and dashes as article bodies."""

from __future__ import annotations

import pytest

from publisher.load.body.typography import french_spacing, smarten
from publisher.load.language import mark_script_runs
from publisher.model import Element


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


@pytest.mark.parametrize(
    ("typed", "set"),
    [
        ("Pourquoi ? Parce que !", "Pourquoi\u202f? Parce que\u202f!"),
        ("Il dit : « Oui » ; puis rien.", "Il dit\u00a0: «\u202fOui\u202f»\u202f; puis rien."),
        ("Heure:minute, a;b", "Heure:minute, a;b"),  # no space typed: none added
        (" ? au début", " ? au début"),  # a sign opening the text keeps its space
    ],
)
def test_french_spaces_before_high_signs_hold_to_them(typed, set):
    assert french_spacing(typed) == set


def test_a_french_article_gets_no_break_spaces_but_code_and_english_quotes_do_not():
    body = (
        Element("p", (), ("Voilà : c'est fini ! ", Element("code", (), ("a ; b",)))),
        Element("p", (("lang", "en"),), ("Really ? No.",)),
    )
    marked, _ = mark_script_runs(body, (), "fr-FR")
    assert marked[0].children[0] == "Voilà\u00a0: c'est fini\u202f! "
    assert marked[0].children[1].children == ("a ; b",)
    assert marked[1].children == ("Really ? No.",)
    english, _ = mark_script_runs(body, (), "en")
    assert english[0].children[0] == "Voilà : c'est fini ! "
