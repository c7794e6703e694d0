"""Filing names: the default file-as form by language, front matter's winning, and the order
of the contributors index and EPUB metadata that follows from it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from publisher.errors import SourceLocation
from publisher.model import (
    Article,
    Chapter,
    Contributor,
    Credit,
    Element,
    Metadata,
    Part,
    Publication,
    Role,
    Source,
    file_as,
)

SHAPES = [
    # Spanish: two surnames, particles after the given names, "y" joins surnames
    ("José Luis Carballo Méndez", "es", "Carballo Méndez, José Luis"),
    ("Gabriel García Márquez", "es", "García Márquez, Gabriel"),
    ("Mario Vargas Llosa", "es", "Vargas Llosa, Mario"),
    ("Jorge Luis Borges", "es", "Borges, Jorge Luis"),  # two given names, one surname
    ("Ana María Matute", "es", "Matute, Ana María"),
    ("Miguel de Cervantes Saavedra", "es", "Cervantes Saavedra, Miguel de"),
    ("Bartolomé de las Casas", "es", "Casas, Bartolomé de las"),
    ("José Ortega y Gasset", "es", "Ortega y Gasset, José"),
    ("Marta Gil", "es", "Gil, Marta"),
    ("María del Carmen Soto Ruiz", "es-MX", "Soto Ruiz, María del Carmen"),
    # Portuguese: the last surname, with a kinship word; particles after the given names
    ("Carlos Drummond de Andrade", "pt", "Andrade, Carlos Drummond de"),
    ("Rui Manuel da Costa Monteiro", "pt-PT", "Monteiro, Rui Manuel da Costa"),
    ("João Ribeiro Filho", "pt-BR", "Ribeiro Filho, João"),
    ("Inês Valadares", "pt", "Valadares, Inês"),
    # Dutch and German: particles of any case follow the given names
    ("Jan van der Berg", "nl", "Berg, Jan van der"),
    ("Anne de Vries", "nl", "Vries, Anne de"),
    ("Piet Ter Horst", "nl", "Horst, Piet Ter"),
    ("Johann Wolfgang von Goethe", "de", "Goethe, Johann Wolfgang von"),
    ("Lena von Arnim", "de-AT", "Arnim, Lena von"),
    # English, French, Italian: a lowercase particle follows, a capitalised one leads
    ("Ludwig van Beethoven", "en", "Beethoven, Ludwig van"),
    ("Jan van der Berg", "en", "Berg, Jan van der"),
    ("Martin Van Buren", "en", "Van Buren, Martin"),
    ("Daphne du Maurier", "en", "Maurier, Daphne du"),
    ("Charles de Gaulle", "fr", "Gaulle, Charles de"),
    ("Jean de La Fontaine", "fr", "La Fontaine, Jean de"),
    ("Maëlle Le Pape", "fr", "Le Pape, Maëlle"),
    ("Giuseppe Di Stefano", "it", "Di Stefano, Giuseppe"),
    ("Leonardo da Vinci", "it", "Vinci, Leonardo da"),
    # suffixes, one-word names, names already inverted, family name first
    ("Martin Luther King Jr.", "en", "King, Martin Luther, Jr."),
    ("Martin Luther King, Jr.", "en", "King, Martin Luther, Jr."),
    ("Henry Ford II", "en", "Ford, Henry, II"),
    ("Colette", "fr", "Colette"),
    ("Reuters", "en", "Reuters"),
    ("Lind, Mara", "en", "Lind, Mara"),
    ("Mao Zedong", "zh", "Mao, Zedong"),
    ("Nagy Imre", "hu", "Nagy, Imre"),
    ("村上春樹", "ja", "村上春樹"),
    ("Mara   Lind", "en", "Lind, Mara"),
    ("سلمى  خوري", "ar", "خوري, سلمى"),
]


@pytest.mark.parametrize(("name", "language", "expected"), SHAPES)
def test_default_file_as_follows_the_language(name: str, language: str, expected: str) -> None:
    assert file_as(name, language) == expected


def test_the_same_name_files_differently_by_language() -> None:
    assert file_as("Ana de Souza Lima", "pt") == "Lima, Ana de Souza"
    assert file_as("Ana de Souza Lima", "es") == "Souza Lima, Ana de"
    assert file_as("Ana de Souza Lima", "en") == "Lima, Ana de Souza"


def test_front_matter_file_as_wins() -> None:
    person = Contributor("José Luis Carballo Méndez", "Carballo, José Luis")
    assert person.sort_name("es") == "Carballo, José Luis"
    assert Contributor("José Luis Carballo Méndez").sort_name("es") == "Carballo Méndez, José Luis"


def _article(slug: str, *credits: Credit, lang: str | None = None, **more) -> Article:
    return Article(
        slug=slug,
        title=slug.title(),
        origin=SourceLocation(Path(f"{slug}.md")),
        body=(Element("p", children=("x",)),),
        credits=credits,
        lang=lang,
        **more,
    )


def _pub(*articles: Article, language: str = "en", **meta) -> Publication:
    metadata = Metadata("T", language, "x", date(2024, 1, 1), "2024-01-01T00:00:00Z", **meta)
    chapters = tuple(Chapter(a.slug, n, a) for n, a in enumerate(articles, 1))
    return Publication(metadata=metadata, parts=(Part(None, chapters),))


def _author(name: str, sort: str | None = None) -> Credit:
    return Credit(Contributor(name, sort), Role.AUTHOR)


def test_index_files_a_spanish_double_surname_under_its_first() -> None:
    spanish = _article("cronica", _author("José Luis Carballo Méndez"), lang="es")
    english = _article("ferry", _author("Dana Lopez"), _author("Sam Moss"))
    order = [p.name for p, _ in _pub(english, spanish).contributors()]
    assert order == ["José Luis Carballo Méndez", "Dana Lopez", "Sam Moss"]


def test_a_translated_author_files_by_the_original_language() -> None:
    original = Source(name="El Faro", language="es")
    translated = _article(
        "salt",
        _author("José Luis Carballo Méndez"),
        Credit(Contributor("Elena Ruiz Thorpe"), Role.TRANSLATOR),
        source=original,
    )
    filed = _pub(translated).filing_names()
    assert filed["José Luis Carballo Méndez"] == "Carballo Méndez, José Luis"
    assert filed["Elena Ruiz Thorpe"] == "Thorpe, Elena Ruiz"  # translated into English


def test_dutch_book_files_particles_after_the_given_names() -> None:
    people = ["Jan van der Berg", "Anne de Vries", "Kees Bakker", "Sanne van Dijk"]
    pub = _pub(_article("a", *map(_author, people)), language="nl")
    order = [p.name for p, _ in pub.contributors()]
    assert order == ["Kees Bakker", "Jan van der Berg", "Sanne van Dijk", "Anne de Vries"]


def test_front_matter_file_as_orders_the_index_and_wins_in_any_article() -> None:
    first = _article("a", _author("Zoë Quinn"), _author("Bea Ames"))
    second = _article("b", _author("Zoë Quinn", "Aardvark, Zoë"))
    pub = _pub(first, second)
    assert [p.name for p, _ in pub.contributors()] == ["Zoë Quinn", "Bea Ames"]
    assert pub.filing_names()["Zoë Quinn"] == "Aardvark, Zoë"


def test_editors_are_filed_by_the_book_language() -> None:
    pub = _pub(
        _article("a", _author("Ana Ruiz")), language="es", editors=(Contributor("Marta Gil Soto"),)
    )
    assert pub.filing_names() == {"Marta Gil Soto": "Gil Soto, Marta", "Ana Ruiz": "Ruiz, Ana"}


def test_subjects_are_the_book_subjects_then_the_tags_each_once() -> None:
    one = _article("a", tags=("ferries", "Islands", "energy"))
    two = _article("b", tags=("Ferries", "tidal  power", "islands"))
    pub = _pub(one, two, subjects=("Islands", "Travel"))
    assert pub.subjects() == ("Islands", "Travel", "ferries", "energy", "tidal power")
    assert replace(pub, parts=()).subjects() == ("Islands", "Travel")
