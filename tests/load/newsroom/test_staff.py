"""Bylines that name a newsroom desk or an agency instead of people, and lines that do not."""

from __future__ import annotations

import pytest

from publisher.load.newsroom.plaintext import parse_copy
from publisher.load.newsroom.staff import parse_staff_byline


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        ("Redazione ANSA", [("Redazione ANSA", "aut", None)]),
        ("Redacción", [("Redacción", "aut", None)]),
        ("Redacción | Cádiz", [("Redacción", "aut", "Cádiz")]),
        ("La rédaction", [("La rédaction", "aut", None)]),
        ("La rédaction avec AFP", [("La rédaction", "aut", None), ("AFP", "ctb", "avec")]),
        ("Da Redação", [("Redação", "aut", None)]),
        ("Von unserer Redaktion", [("Redaktion", "aut", None)]),
        ("Dalla redazione", [("redazione", "aut", None)]),
        ("Staff Reporter", [("Staff Reporter", "aut", None)]),
        ("Staff", [("Staff", "aut", None)]),
        ("Our Correspondent", [("Our Correspondent", "aut", None)]),
        ("Courier staff and agencies", [("Courier staff and agencies", "aut", None)]),
        ("Associated Press", [("Associated Press", "aut", None)]),
        ("EFE", [("EFE", "aut", None)]),
        ("dpa", [("dpa", "aut", None)]),
        ("dpa/lno", [("dpa/lno", "aut", None)]),
        ("AFP/Reuters", [("AFP", "aut", None), ("Reuters", "aut", None)]),
        ("EFE y Europa Press", [("EFE", "aut", None), ("Europa Press", "aut", None)]),
    ],
)
def test_staff_and_agency_bylines(line, credits):
    found = parse_staff_byline(line)
    assert found is not None
    assert [(c.name, c.role.value, c.note) for c in found] == credits


@pytest.mark.parametrize(
    "line",
    [
        "Reporters Without Borders",  # an organisation, not a desk
        "Digital Edition",
        "Staff cuts hit the newsroom",
        "Agencias de viaje",
        "EFE y Reuters informan",
        "La rédaction a refusé",
        "Redazione: chiusa per ferie.",
        "The Harbour Courier",
        "Ana Lima",
        "La rédaction avec des lecteurs",
        "Redacción | Cádiz | Sevilla",
        "Words by the Newsroom Staff of the Harbour Courier Weekly",
    ],
)
def test_lines_that_are_not_staff_bylines(line):
    assert parse_staff_byline(line) is None


@pytest.mark.parametrize(
    "deck",
    [
        "Reporters Without Borders",
        "Staff shortages close the ferry office",
        "Digital Edition",
    ],
)
def test_a_deck_that_mentions_staff_stays_the_deck(deck):
    meta = parse_copy(f"A Headline\n{deck}\nBy Ana Lima\n\nBody text of the story.\n", "en").meta
    assert meta["subtitle"] == deck and meta["authors"] == ["Ana Lima"]
