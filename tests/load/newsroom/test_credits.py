"""Credit phrases → structured credits; bylines; source and pointer lines."""

from __future__ import annotations

from datetime import date

import pytest

from publisher.load.newsroom.credits import is_name, parse_byline, parse_credit_line, split_names
from publisher.load.newsroom.sources import parse_pointer, parse_source_line


def credits(line: str) -> list[str]:
    found = parse_credit_line(line)
    assert found is not None, line
    return [f"{c.name}/{c.role.value}" for c in found.credits]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Translation by Ana Lima and Ben Cho.", ["Ana Lima/trl", "Ben Cho/trl"]),
        ("Translated by Zoë Ó Súilleabháin.", ["Zoë Ó Súilleabháin/trl"]),
        ("Written in English by Callum Frew.", ["Callum Frew/aut"]),
        ("Edited by Dana Ortiz.", ["Dana Ortiz/edt"]),
        ("Reporting by Eli Moss; editing by Fay Kerr.", ["Eli Moss/rpt", "Fay Kerr/edt"]),
        ("Gil Hart contributed reporting.", ["Gil Hart/rpt"]),
        (
            "Gil Hart and Ivo Pax contributed reporting from Lisbon.",
            ["Gil Hart/rpt", "Ivo Pax/rpt"],
        ),
        ("With additional reporting by Tobias Wren.", ["Tobias Wren/rpt"]),
        ("Photos by Davi Okafor.", ["Davi Okafor/pht"]),
        ("Illustrations by Nell Castellan.", ["Nell Castellan/ill"]),
        ("Maps by Oskar Lind.", ["Oskar Lind/ctg"]),
        ("Edited and translated by Mary J. Smith.", ["Mary J. Smith/edt", "Mary J. Smith/trl"]),
        (
            "Translation by Ana Lima and Ben Cho. Written in English by Callum Frew.",
            ["Ana Lima/trl", "Ben Cho/trl", "Callum Frew/aut"],
        ),
        (
            "Edited by Ana Lima, Ben Cho, and Callum Frew.",
            ["Ana Lima/edt", "Ben Cho/edt", "Callum Frew/edt"],
        ),
        ("Martin Luther King, Jr. contributed to this report.", ["Martin Luther King, Jr./rpt"]),
        ("Translated from the Chinese by Zhou Ning (周宁).", ["Zhou Ning (周宁)/trl"]),
        ("翻译：王芳、陈静", ["王芳/trl", "陈静/trl"]),
        ("编辑：周宁", ["周宁/edt"]),
    ],
)
def test_credit_lines(line, expected):
    assert credits(line) == expected


def test_credit_lines_state_languages():
    assert parse_credit_line("Written in English by Callum Frew.").stated_language == "en"
    found = parse_credit_line("Translated from the Chinese by Wang Fang.")
    assert found.source_language == "zh" and found.stated_language is None


def test_credit_notes_keep_the_wording_for_other_roles():
    (credit,) = parse_credit_line("Gil Hart contributed reporting.").credits
    assert credit.note == "contributed reporting"


@pytest.mark.parametrize(
    "line",
    [
        "Translated by hand.",
        "Editing by the desk.",
        "Photo: Port Ellery at dawn.",
        "edited by Hester Vane, the report ran long.",
        "The ferry was written off by the insurers.",
        "图：渔民在码头",
        "Edited by Dana Ortiz. She lives in Mossby.",
    ],
)
def test_lines_that_are_not_credit_lines(line):
    assert parse_credit_line(line) is None


@pytest.mark.parametrize(
    ("line", "names", "note"),
    [
        ("By Ana Lima and Ben Cho", ["Ana Lima", "Ben Cho"], None),
        ("By A. Lima, B. Cho and Callum Frew", ["A. Lima", "B. Cho", "Callum Frew"], None),
        ("By Ana Lima, Harbour Gazette Staff", ["Ana Lima"], "Harbour Gazette Staff"),
        ("By Harbour Gazette Staff", ["Harbour Gazette Staff"], None),
        ("By Ana Lima | Harbour Gazette", ["Ana Lima"], "Harbour Gazette"),
        ("By Ana Lima in Port Ellery", ["Ana Lima"], "in Port Ellery"),
        ("By Li Ming (李明) and Wang Fang (王芳)", ["Li Ming (李明)", "Wang Fang (王芳)"], None),
        ("BY ANA LIMA", ["ANA LIMA"], None),
        ("作者：李明", ["李明"], None),
    ],
)
def test_bylines(line, names, note):
    found = parse_byline(line)
    assert [c.name for c in found] == names
    assert {c.role.value for c in found} == {"aut"} and found[0].note == note


def test_by_followed_by_lower_case_words_is_not_a_byline():
    assert parse_byline("By the numbers") is None


@pytest.mark.parametrize(
    ("line", "name", "url", "language", "when"),
    [
        ("This article first published by chinadialogue", "chinadialogue", None, None, None),
        (
            "This article was first published by El Faro de Arenillas on 18 July 2026.",
            "El Faro de Arenillas",
            None,
            None,
            date(2026, 7, 18),
        ),
        (
            "Originally published in Gazeta da Ria Pequena (https://example.org/x).",
            "Gazeta da Ria Pequena",
            "https://example.org/x",
            None,
            None,
        ),
        ("Originally published in Spanish by El Faro.", "El Faro", None, "es", None),
        (
            "A version of this story appeared in *Tide Times* on March 3, 2020.",
            "Tide Times",
            None,
            None,
            date(2020, 3, 3),
        ),
        ("本文首发于《海岸观察》。", "海岸观察", None, None, None),
    ],
)
def test_source_lines(line, name, url, language, when):
    found = parse_source_line(line)
    assert (found.name, found.url, found.language, found.published) == (name, url, language, when)


def test_a_source_line_with_more_to_say_stays_body_text():
    line = "This article is republished from The Coast Review under a Creative Commons license."
    assert parse_source_line(line) is None


@pytest.mark.parametrize(
    ("line", "lang"),
    [
        ("Read the original Chinese article.", "zh"),
        ("Read the original article in Spanish.", "es"),
        ("阅读中文原文", "zh"),
        ("Read the original article.", None),
        ("Read the small print.", None),
    ],
)
def test_pointer_lines(line, lang):
    assert parse_pointer(line) == lang


def test_names():
    assert split_names("Ana Lima, Ben Cho and Callum Frew") == [
        "Ana Lima",
        "Ben Cho",
        "Callum Frew",
    ]
    assert split_names("Ana Lima & Ben Cho") == ["Ana Lima", "Ben Cho"]
    assert split_names("the editors") is None
    assert is_name("Ludwig van Beethoven") and is_name("Nguyễn Thị Hoa") and is_name("O'Brien")
    assert not is_name("the editors") and not is_name("Room 101")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Dana Ortiz contributed reporting. Copy edited by Eli Moss.",
            ["Dana Ortiz/rpt", "Eli Moss/edt"],
        ),
        ("Graphics by Ana Lima. Copy editing by Ben Cho.", ["Ana Lima/dsr", "Ben Cho/edt"]),
        (
            "Additional reporting by Ana Lima in Kyiv; editing by Ben Cho",
            ["Ana Lima/rpt", "Ben Cho/edt"],
        ),
        (
            "Data analysis by A. B. Cole. Graphics by Ben Cho. Editing by Cy Dunn.",
            ["A. B. Cole/ctb", "Ben Cho/dsr", "Cy Dunn/edt"],
        ),
        (
            "(Reporting by Ana Lima in Kyiv and Ben Cho in Moscow; Editing by Cy Dunn)",
            ["Ana Lima/rpt", "Ben Cho/rpt", "Cy Dunn/edt"],
        ),
        ("Reporting by Ana Lima, editing by Ben Cho", ["Ana Lima/rpt", "Ben Cho/edt"]),
        (
            "Associated Press writers Ana Lima and Ben Cho contributed to this report.",
            ["Ana Lima/rpt", "Ben Cho/rpt"],
        ),
        ("Photos: Ana Lima & Ben Cho", ["Ana Lima/pht", "Ben Cho/pht"]),
        ("Copy editing: Ben Cho", ["Ben Cho/edt"]),
        ("Traducción de Ana Lima.", ["Ana Lima/trl"]),
        ("Con información de Reuters y EFE.", ["Reuters/rpt", "EFE/rpt"]),
        ("Edición: Ana López", ["Ana López/edt"]),
        ("Fotos: Juan Gómez (EFE)", ["Juan Gómez/pht"]),
        ("Texto y fotos: Ana López", ["Ana López/aut", "Ana López/pht"]),
        ("Ana Pérez colaboró con información desde Lima.", ["Ana Pérez/rpt"]),
        ("Traduction : Jean Dupont", ["Jean Dupont/trl"]),
        ("Propos recueillis par Jean Dupont", ["Jean Dupont/rpt"]),
        ("Avec la collaboration de Marie Curie", ["Marie Curie/ctb"]),
        ("Texte : Jean Dupont. Photos : Marie Curie.", ["Jean Dupont/aut", "Marie Curie/pht"]),
        ("Übersetzt von Hans Müller", ["Hans Müller/trl"]),
        ("Mitarbeit: Eva Roth", ["Eva Roth/ctb"]),
        ("Mit Material von dpa und Reuters", ["dpa/ctb", "Reuters/ctb"]),
        ("Redaktion: Hans Müller", ["Hans Müller/edt"]),
        ("Eva Roth hat zu diesem Bericht beigetragen.", ["Eva Roth/ctb"]),
        ("Com informações da Reuters", ["Reuters/rpt"]),
        ("Colaborou Ana Souza", ["Ana Souza/ctb"]),
        ("Reportagem: Ana Souza; edição: Bruno Lima", ["Ana Souza/rpt", "Bruno Lima/edt"]),
        ("A cura di Mario Rossi", ["Mario Rossi/edt"]),
        ("Hanno collaborato Anna Bianchi e Mario Rossi", ["Anna Bianchi/ctb", "Mario Rossi/ctb"]),
        ("Foto di Mario Rossi", ["Mario Rossi/pht"]),
    ],
)
def test_credit_lines_with_several_credits_and_in_other_languages(line, expected):
    assert credits(line) == expected


@pytest.mark.parametrize(
    ("line", "language"),
    [
        ("Traducción del inglés: Ana Lima", "en"),
        ("Traduit de l'anglais par Jean Dupont", "en"),
        ("Aus dem Englischen von Hans Müller", "en"),
        ("Übersetzung aus dem Spanischen: Eva Roth", "es"),
        ("Traduzido do inglês por Ana Souza", "en"),
        ("Traduzione dall'inglese di Mario Rossi", "en"),
        ("Tradotto dal francese da Anna Bianchi", "fr"),
    ],
)
def test_translation_credits_name_the_original_language(line, language):
    found = parse_credit_line(line)
    assert [c.role.value for c in found.credits] == ["trl"]
    assert found.source_language == language


def test_places_and_affiliations_in_credits_are_notes():
    found = parse_credit_line("Additional reporting by Ana Lima in Kyiv; editing by Ben Cho")
    assert found.credits[0].name == "Ana Lima" and "in Kyiv" in found.credits[0].note
    (photo,) = parse_credit_line("Photographs by Ana Lima for The Coast Review").credits
    assert photo.name == "Ana Lima" and "for The Coast Review" in photo.note


@pytest.mark.parametrize(
    ("line", "names", "note"),
    [
        ("Por Ana Pérez y Juan Gómez", ["Ana Pérez", "Juan Gómez"], None),
        ("Por Ana Pérez, corresponsal en Pekín", ["Ana Pérez"], "corresponsal en Pekín"),
        ("Par Jean Dupont, envoyé spécial à Kiev", ["Jean Dupont"], "envoyé spécial à Kiev"),
        ("Par Jean Dupont et Marie Curie", ["Jean Dupont", "Marie Curie"], None),
        ("Von Hans Müller, Berlin", ["Hans Müller"], "Berlin"),
        ("Von Dr. Eva Roth und Hans Müller", ["Eva Roth", "Hans Müller"], "Dr."),
        ("di Mario Rossi e Anna Bianchi", ["Mario Rossi", "Anna Bianchi"], None),
        ("di MARIO ROSSI, inviato a Kiev", ["MARIO ROSSI"], "inviato a Kiev"),
        ("Por Ana Souza, de Brasília", ["Ana Souza"], "de Brasília"),
        ("By Jane Doe, Reuters", ["Jane Doe"], "Reuters"),
        ("By Jane Doe, The Washington Post", ["Jane Doe"], "The Washington Post"),
        ("By Jane Doe in Kyiv and John Roe in Moscow", ["Jane Doe", "John Roe"], "in Kyiv"),
        ("By Dr. Jane Doe", ["Jane Doe"], "Dr."),
        ("Por José Ortega y Gasset", ["José Ortega y Gasset"], None),
        ("Por Ana Lima e Souza", ["Ana Lima e Souza"], None),
        ("By Ana Lima, Ben Cho, and Callum Frew", ["Ana Lima", "Ben Cho", "Callum Frew"], None),
    ],
)
def test_bylines_in_every_language(line, names, note):
    found = parse_byline(line)
    assert [c.name for c in found] == names and found[0].note == note


@pytest.mark.parametrize(
    "line",
    [
        "Por la mañana, el puerto estaba vacío.",
        "Von Montag an gilt die neue Regel.",
        "Par conséquent, le port restera fermé.",
        "Di notte il porto è silenzioso.",
        "By the time the ferry arrived, the pier was empty.",
        "Por Ana fue difícil decir adiós.",
    ],
)
def test_body_sentences_starting_like_bylines_are_not_bylines(line):
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    "line",
    [
        "Correction: An earlier version of this article misspelled the name of Ana Lima.",
        "Editor's note: This story was updated to include the council's response.",
        "Corrección: Una versión anterior de este artículo daba otra fecha.",
        "Rectificatif : une version précédente indiquait une autre date.",
        "Anmerkung der Redaktion: In einer früheren Version stand ein falsches Datum.",
        "Nota della redazione: una versione precedente riportava una data errata.",
        "Datos de Eurostat muestran que el paro bajó.",
        "Fotos de la boda.",
        "Texto: ver página 3.",
        "Edited by Dana Ortiz, the report ran to forty pages.",
        "Photographs by the harbour master show the damage.",
        "Reporting by phone from the island was impossible.",
        "Ana Lima contributed reporting that the council later disputed, as did others.",
        "Mario Rossi ha collaborato con la polizia per anni.",
        "Traduit par des bénévoles, le texte circule depuis mars.",
        "Übersetzt von einer Maschine, klang der Text seltsam.",
    ],
)
def test_body_sentences_that_look_like_credits_are_not_credit_lines(line):
    assert parse_credit_line(line) is None
