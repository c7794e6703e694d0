"""The book's own words in its language: built-in labels, [labels] in publication.toml, and
dates, lists and language names that follow them."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

import pypdf
import pytest

from publisher.config import load_config
from publisher.errors import BuildFailed, ConfigError
from publisher.model import Role
from publisher.render.labels import BUILT_IN, ENGLISH, label_problem, labels_for, placeholders
from tests.helpers import build_at_epoch, epubcheck_messages, pdf_page_texts, problems, write_folder

DAY = date(2013, 10, 17)

ARTICLE = """\
---
title: {title}
date: 2013-10-17
updated: 2013-10-18
authors: [Ana Ruiz, Berta Gil, Carmen Sol]
translators: [Dora Paz]
contributors:
  - {{name: Eva Luz, role: pht}}
source: {{name: The Quay Gazette, language: en, date: 2013-10-16}}
---

{body}
"""


def spanish_book(root: Path, config: str = "") -> Path:
    """A Spanish book of two translated articles, edited by two people."""
    toml = (
        'title = "Mareas"\nlanguage = "es"\npublisher = "Prensa del Muelle"\n'
        'date = 2026-05-01\neditors = ["Inés Mar", "Olga Río"]\n' + config
    )
    return write_folder(
        root,
        {
            "publication.toml": toml,
            "01-faro.md": ARTICLE.format(title="El faro", body="La luz gira toda la noche."),
            "02-red.md": ARTICLE.format(title="La red", body="Las redes se secan al sol."),
        },
    )


@pytest.fixture(scope="module")
def spanish(tmp_path_factory) -> dict[str, Path]:
    """The Spanish book built once as EPUB and PDF."""
    root = spanish_book(tmp_path_factory.mktemp("es") / "mareas")
    result = build_at_epoch(root, ["epub", "pdf"], root.parent / "build")
    return {o.path.suffix[1:]: o.path for o in result.outputs}


def pages(epub: Path) -> dict[str, str]:
    with zipfile.ZipFile(epub) as archive:
        return {
            Path(n).name: archive.read(n).decode() for n in archive.namelist() if n.endswith("html")
        }


def test_english_is_written_as_before():
    t = labels_for("en-GB")
    assert (t.date(DAY), t.names(["A", "B", "C"]), t.names(["A", "B"])) == (
        "17 October 2013",
        "A, B and C",
        "A and B",
    )
    assert (t.language_name("es"), t("by", names="A & B")) == ("Spanish", "By A &amp; B")
    assert t.date_direction == "ltr"


def test_a_built_in_language_writes_dates_lists_and_language_names_its_way():
    t = labels_for("es-MX")
    assert t.date(DAY) == "17 de octubre de 2013"
    assert t.names(["Ana", "Berta", "Carmen"]) == "Ana, Berta y Carmen"
    assert t.language_name("zh") == "chino"
    assert t("translated_from", language="inglés", names="Dora") == (
        "Traducido del inglés por Dora"
    )
    assert labels_for("de").date(DAY) == "17. Oktober 2013"


def test_a_language_without_labels_stays_english_throughout():
    t = labels_for("fi")
    assert (t("contents"), t.date(DAY), t.names(["A", "B"])) == (
        "Contents",
        "17 October 2013",
        "A and B",
    )
    assert labels_for("yi").date_direction == "ltr"  # English dates in a Yiddish book


def test_hebrew_and_arabic_books_speak_their_language():
    he, ar = labels_for("he"), labels_for("ar")
    assert (he("contents"), he("by", names="דנה לוי"), he.date(DAY)) == (
        "תוכן העניינים",
        "מאת דנה לוי",
        "17 באוקטובר 2013",
    )
    assert he.names(["דנה", "יואב"]) == "דנה ויואב" and he.date_direction == "rtl"
    spanish = he.language_name("es")
    assert he("translated_from", language=spanish, names="נועה") == "תורגם מספרדית בידי נועה"
    assert (ar("contents"), ar("by", names="سلمى خوري"), ar.date_direction) == (
        "المحتويات",
        "بقلم سلمى خوري",
        "rtl",
    )
    assert ar.role(Role.EDITOR) == "تحرير" and ar.credit(Role.TRANSLATOR) == "ترجمة"


def test_own_labels_make_the_book_speak_its_language():
    t = labels_for("he", {"contents": "תוכן העניינים", "by": "מאת {names}"})
    assert (t("contents"), t("by", names="דנה")) == ("תוכן העניינים", "מאת דנה")
    assert t.date(DAY) == "17 באוקטובר 2013"
    assert t.date_direction == "rtl"


@pytest.mark.parametrize("language", sorted(BUILT_IN))
def test_every_built_in_language_has_every_label_with_its_placeholders(language):
    texts = BUILT_IN[language]
    assert texts.keys() == ENGLISH.keys()
    for key, text in texts.items():
        assert placeholders(text) == placeholders(ENGLISH[key]), key
        assert text.strip() == text and text


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("by", "Por {names}", None),
        ("contents", "Índice", None),
        ("byline", "Por {names}", "unknown label 'byline'"),
        ("by", "Por", "label 'by' must hold {names}"),
        ("by", "Por {nombres}", "label 'by' must hold {names}"),
        ("contents", "Índice {names}", "label 'contents' must hold no placeholders"),
        ("by", "Por {names", "label 'by': "),
        ("by", "Por {names!x}", "label 'by': "),
        ("by", "Por {names:d}", "label 'by': "),
    ],
)
def test_a_label_must_be_known_and_fill_what_it_fills(key, text, message):
    found = label_problem(key, text)
    assert found == message if message is None else found.startswith(message)


def test_wrong_labels_in_the_config_name_the_file_and_line(tmp_path):
    folder = write_folder(
        tmp_path,
        {
            "publication.toml": (
                'title = "T"\n[labels]\ncontents = "Índice"\nbyline = "Por {names}"\n'
            )
        },
    )
    with pytest.raises((ConfigError, BuildFailed)) as info:
        load_config(folder)
    assert "publication.toml:4: error: unknown label 'byline'" in str(info.value)


def test_labels_from_the_config_reach_the_publication(tmp_path):
    folder = write_folder(
        tmp_path, {"publication.toml": 'title = "T"\n[labels]\nby = "Door {names}"\n'}
    )
    assert load_config(folder).labels == (("by", "Door {names}"),)


def test_the_spanish_epub_speaks_spanish(spanish):
    found = pages(spanish["epub"])
    chapter, nav, colophon = found["ch-01-faro.xhtml"], found["nav.xhtml"], found["colophon.xhtml"]
    bdi = '<bdi dir="ltr">{}</bdi>'
    names = f"{bdi.format('Ana Ruiz')}, {bdi.format('Berta Gil')} y {bdi.format('Carmen Sol')}"
    assert names in chapter  # each name isolated, the list in the book's words
    chapter, colophon = (re.sub(r"</?bdi[^>]*>", "", page) for page in (chapter, colophon))
    assert "Por Ana Ruiz, Berta Gil y Carmen Sol" in chapter
    assert "Traducido por Dora Paz" in chapter  # the byline
    assert ">17 de octubre de 2013</time> · Actualizado el <time" in chapter
    assert "Traducido del inglés por Dora Paz." in chapter  # the closing credits
    assert "Fotografías de Eva Luz." in chapter
    assert (
        "Publicado originalmente el 16 de octubre de 2013 por <cite>The Quay Gazette</cite>, "
        "en inglés." in chapter
    )
    assert '<h1 id="toc-title">Índice</h1>' in nav and ">Portada</a>" in nav
    assert "Publicado por Prensa del Muelle, 1 de mayo de 2026." in colophon
    assert "Editado por Inés Mar y Olga Río." in colophon
    assert "Made with" not in colophon and "By " not in chapter


def test_the_spanish_epub_is_valid(spanish):
    assert problems(epubcheck_messages(spanish["epub"])) == []


def test_the_spanish_pdf_speaks_spanish(spanish):
    text = " ".join(pdf_page_texts(spanish["pdf"]))
    for phrase in (
        "Índice",
        "Colaboradores",
        "Por Ana Ruiz, Berta Gil y Carmen Sol",
        "Editado por Inés Mar y Olga Río",
    ):
        assert phrase in text
    assert "traductor, La red" in text  # the contributors index names roles in Spanish
    bookmarks = [
        item.title for item in pypdf.PdfReader(spanish["pdf"]).outline if not isinstance(item, list)
    ]
    assert "Índice" in bookmarks


def test_own_labels_in_a_language_cldr_does_not_know_keep_english_dates():
    t = labels_for("tlh", {"by": "{names} ghItlh"})
    assert (t("by", names="Qapla"), t.date(DAY), t.names(["A", "B"])) == (
        "Qapla ghItlh",
        "17 October 2013",
        "A and B",
    )
