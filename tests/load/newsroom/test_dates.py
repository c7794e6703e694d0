"""Datelines in the forms newsrooms write them, and lines that only look like them."""

from __future__ import annotations

from datetime import date

import pytest

from publisher.load.newsroom.dates import find_date, parse_dateline

D = date


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ("October 17, 2013 Updated: October 18, 2013", D(2013, 10, 17), D(2013, 10, 18)),
        ("Oct. 3, 2019", D(2019, 10, 3), None),
        ("Sept. 9, 2022", D(2022, 9, 9), None),
        ("2021-04-05", D(2021, 4, 5), None),
        ("Published: March 2, 2020 | Updated: March 3, 2020", D(2020, 3, 2), D(2020, 3, 3)),
        ("21 April 2017 · Last updated 22/04/2017", D(2017, 4, 21), D(2017, 4, 22)),
        ("Oct. 3, 2019 10:45 a.m. ET", D(2019, 10, 3), None),
        ("Sept. 9, 2022, 6:40 p.m. EDT", D(2022, 9, 9), None),
        (
            "October 17, 2013 3:05 PM EDT Updated: October 18, 2013 9:12 AM EDT",
            D(2013, 10, 17),
            D(2013, 10, 18),
        ),
        ("2021-04-05T09:30:00Z", D(2021, 4, 5), None),
        ("Monday, March 2, 2020, 7:00 pm GMT+8", D(2020, 3, 2), None),
        ("12 May 2024 at 09:00 BST", D(2024, 5, 12), None),
        ("Updated: March 3, 2020", None, D(2020, 3, 3)),
        ("2013年10月17日 更新：2013年10月18日", D(2013, 10, 17), D(2013, 10, 18)),
        ("Posted on Sep 9, 2022 at 14:05 (HKT) · Updated 2 hours ago", D(2022, 9, 9), None),
        ("Updated 3 hours ago", None, None),
        ("April 21, 2017 · Updated 04/22/2017", D(2017, 4, 21), D(2017, 4, 22)),
    ],
)
def test_datelines(line, published, updated):
    found = parse_dateline(line)
    assert found is not None
    assert (found.published, found.updated) == (published, updated)


def test_relative_dates_are_reported_not_guessed():
    found = parse_dateline("Oct. 3, 2019 | Updated 2 hours ago")
    assert found.relative == ("2 hours ago",) and found.updated is None


def test_day_month_order_follows_the_spelled_out_date_on_the_line():
    assert parse_dateline("April 5, 2021 · Updated 04/06/2021").updated == D(2021, 4, 6)
    assert parse_dateline("5 April 2021 · Updated 06/04/2021").updated == D(2021, 4, 6)


def test_an_ambiguous_numeric_date_is_read_day_first_and_flagged():
    found = parse_dateline("04/05/2021")
    assert found.published == D(2021, 5, 4) and found.ambiguous == ("04/05/2021",)


@pytest.mark.parametrize(
    "line",
    [
        "On March 3, 2020, the council voted to close the pier.",
        "March 2020",
        "By Ana Lima",
        "31/02/2020",
        "The 07:15 from Port Ellery leaves at 07:19.",
        "",
    ],
)
def test_lines_that_are_not_datelines(line):
    assert parse_dateline(line) is None


def test_find_date_in_a_sentence():
    assert find_date("first published on 3 March 2020 by X") == (D(2020, 3, 3), "3 March 2020")
    assert find_date("no date here") is None


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ("3 de marzo de 2024", D(2024, 3, 3), None),
        ("Publicado el lunes, 3 de marzo de 2024, a las 08:00", D(2024, 3, 3), None),
        ("Actualizado: 04/03/2024 10:35 CET", None, D(2024, 3, 4)),
        ("Actualizado el 4 de mar. de 2024 a las 12:05 h", None, D(2024, 3, 4)),
        ("Publié le 3 mars 2024 à 10h35", D(2024, 3, 3), None),
        ("Mis à jour le 4 mars 2024 à 12 h 05", None, D(2024, 3, 4)),
        (
            "Publié le 03/03/2024 à 08h00, mis à jour le 04/03/2024 à 12h00",
            D(2024, 3, 3),
            D(2024, 3, 4),
        ),
        ("lun. 1er avr. 2024", D(2024, 4, 1), None),
        ("Montag, 3. März 2024, 10:35 Uhr", D(2024, 3, 3), None),
        ("Aktualisiert am 4. März 2024, 12:05 Uhr MEZ", None, D(2024, 3, 4)),
        ("Stand: 04.03.2024 12:05 Uhr", None, D(2024, 3, 4)),
        ("Sonntag, 31. Mai 2020 | 8 Uhr", D(2020, 5, 31), None),
        ("Publicado em 3 de março de 2024 às 10h35", D(2024, 3, 3), None),
        ("Atualizado em 04/03/2024 às 12h05 (horário de Brasília)", None, D(2024, 3, 4)),
        ("terça-feira, 5 de março de 2024", D(2024, 3, 5), None),
        ("1º de março de 2024", D(2024, 3, 1), None),
        ("Pubblicato il 3 marzo 2024 alle 10:35", D(2024, 3, 3), None),
        ("Ultimo aggiornamento: 4 marzo 2024, 12:05", None, D(2024, 3, 4)),
        ("Martedì 5 marzo 2024", D(2024, 3, 5), None),
        ("1° marzo 2024 - Aggiornato il 2 marzo 2024", D(2024, 3, 1), D(2024, 3, 2)),
        ("3 Mar 2024 ore 10:35", D(2024, 3, 3), None),
    ],
)
def test_datelines_in_other_languages(line, published, updated):
    found = parse_dateline(line)
    assert found is not None, line
    assert (found.published, found.updated) == (published, updated)
    assert found.ambiguous == ()  # day first in these languages: no doubt to report


@pytest.mark.parametrize(
    ("line", "phrase"),
    [
        ("Actualizado hace 3 horas", "hace 3 horas"),
        ("Mis à jour il y a 2 heures", "il y a 2 heures"),
        ("Aktualisiert vor 3 Stunden", "vor 3 Stunden"),
        ("Atualizado há 3 horas", "há 3 horas"),
        ("Aggiornato 3 ore fa", "3 ore fa"),
        ("Updated 10 minutes ago", "10 minutes ago"),
    ],
)
def test_relative_updates_give_no_date_but_are_reported(line, phrase):
    found = parse_dateline(line)
    assert found is not None and found.relative == (phrase,)
    assert found.published is None and found.updated is None


def test_a_place_before_the_date_is_recorded():
    found = parse_dateline("MADRID, 3 de marzo de 2024")
    assert found.place == "MADRID" and found.published == D(2024, 3, 3)
    assert parse_dateline("Berlin, 3. März 2024").place == "Berlin"


@pytest.mark.parametrize(
    "line",
    [
        "El 3 de marzo de 2024 el Gobierno aprobó la ley.",
        "Le 3 mars 2024, le conseil a voté la fermeture.",
        "Am 3. März 2024 beschloss der Rat die Schließung.",
        "Em 3 de março de 2024 o governo anunciou o plano.",
        "Il 3 marzo 2024 il governo ha approvato il piano.",
        "Madrid, la capital, 3 de marzo de 2024",
        "Marzo de 2024",
        "Hace tres años, el puerto cerró.",
        "Vor 3 Stunden kam die Fähre an.",
    ],
)
def test_sentences_with_dates_in_other_languages_are_not_datelines(line):
    assert parse_dateline(line) is None


@pytest.mark.parametrize(
    ("line", "published", "updated"),
    [
        ("Publié le 5 avril 2024, mis à jour le 6 avril à 07h02", D(2024, 4, 5), D(2024, 4, 6)),
        ("Published Dec 31, 2023 · Updated Jan 2, 10:15 GMT", D(2023, 12, 31), D(2024, 1, 2)),
        ("Pubblicato il 3 luglio 2024, aggiornato il 4 luglio", D(2024, 7, 3), D(2024, 7, 4)),
    ],
)
def test_an_update_without_a_year_takes_the_published_year(line, published, updated):
    found = parse_dateline(line)
    assert found is not None and found.yearless == ()
    assert (found.published, found.updated) == (published, updated)


@pytest.mark.parametrize(
    "line",
    [
        "Actualizado el 16 de marzo a las 12:40",
        "Updated March 16, 12:40 p.m.",
        "Aktualisiert am 16. März, 12:40 Uhr",
        "Atualizado em 16 de março às 12h40",
    ],
)
def test_a_date_without_a_year_on_its_own_line_waits_for_another_lines_year(line):
    found = parse_dateline(line)
    assert found is not None and (found.published, found.updated) == (None, None)
    (late,) = found.yearless
    assert (late.month, late.day, late.updated) == (3, 16, True)
    assert late.in_year_of(D(2024, 3, 15)) == D(2024, 3, 16)
    assert late.in_year_of(D(2024, 12, 30)) == D(2025, 3, 16)


@pytest.mark.parametrize(
    "line",
    ["March 16", "16 de marzo", "Le 16 mars", "16. März", "31 April, 12:00", "16 marzo e 17 marzo"],
)
def test_a_day_and_month_alone_is_not_a_dateline(line):
    assert parse_dateline(line) is None
