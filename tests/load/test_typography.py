"""Titles and decks get the same typographic quotes and dashes as article bodies."""

from __future__ import annotations

import pytest

from publisher.load.typography import smarten


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
