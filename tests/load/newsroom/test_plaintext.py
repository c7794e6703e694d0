"""Raw newsroom copy (.txt): the corpus, field by field, and what the loader promises."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from publisher.errors import PublisherError
from publisher.load.article import ArticleContext
from publisher.load.newsroom.plaintext import parse_copy
from publisher.load.read import READERS, load_article
from publisher.model import Article, Role
from tests.conftest import FIXTURES
from tests.helpers import body_html, write_folder

CORPUS = FIXTURES / "newsroom"
ARTICLES = sorted(p.stem for p in CORPUS.glob("*.txt"))
ALWAYS = (
    "title",
    "subtitle",
    "date",
    "updated",
    "authors",
    "translators",
    "contributors",
    "source",
    "lang",
    "headings",
    "warnings",
)
META_KINDS = {"title", "deck", "dateline", "byline", "credit", "source", "partner", "pointer"}


@dataclass(frozen=True)
class Loaded:
    article: Article
    warnings: tuple[PublisherError, ...]


def load_txt(path: Path, language: str | None = "en") -> Loaded:
    sink: list[PublisherError] = []
    ctx = ArticleContext(path.parent, "art", sink.append, None, language)
    return Loaded(load_article(path, ctx), tuple(sink))


@pytest.fixture(scope="module")
def corpus() -> dict[str, Loaded]:
    """Every corpus article loaded once, as a build would load it (book language: en)."""
    return {name: load_txt(CORPUS / f"{name}.txt") for name in ARTICLES}


def body_root(html: str) -> etree._Element:
    wrapped = f'<div xmlns="http://www.w3.org/1999/xhtml">{html}</div>'
    return etree.fromstring(wrapped.encode())


def actual_fields(loaded: Loaded) -> dict[str, Any]:
    """The fields the corpus states, read back from the loaded article."""
    a = loaded.article
    root = body_root(body_html(a))
    ns = {"h": "http://www.w3.org/1999/xhtml"}
    source = None
    if a.source:
        values = {
            "name": a.source.name,
            "url": a.source.url,
            "language": a.source.language,
            "date": a.source.published,
        }
        source = {k: v for k, v in values.items() if v is not None}
    return {
        "title": a.title,
        "subtitle": a.subtitle,
        "date": a.published,
        "updated": a.updated,
        "authors": [c.name for c in a.authors],
        "translators": [c.name for c in a.translators],
        "contributors": [f"{c.name}/{c.role.value}" for c in a.other_credits],
        "source": source,
        "lang": a.lang,
        "headings": [h.text for h in a.headings],
        "warnings": len(loaded.warnings),
        "captions": [" ".join(p.itertext()) for p in root.iterfind("h:p[@class='caption']", ns)],
        "paragraphs": len(root.xpath("h:p[not(@class)]", namespaces=ns)),
        "list_items": len(root.xpath(".//h:li", namespaces=ns)),
        "quotes": len(root.xpath(".//h:blockquote", namespaces=ns)),
        "partners": list(a.partners),
        "place": a.place,
        "agency": a.agency,
    }


def expected_fields(name: str) -> dict[str, Any]:
    expected = yaml.safe_load((CORPUS / f"{name}.yaml").read_text(encoding="utf-8"))
    expected.setdefault("warnings", 0)
    missing = [key for key in ALWAYS if key not in expected]
    assert not missing, f"{name}.yaml must state {missing}"
    return expected


def compare(name: str, loaded: Loaded) -> list[str]:
    """One line per expected field that differs."""
    actual = actual_fields(loaded)
    return [
        f"{name}: {key}: expected {want!r}, got {actual[key]!r}"
        for key, want in expected_fields(name).items()
        if actual[key] != want
    ]


def test_corpus_is_large_enough_and_covers_the_listed_variations():
    assert len(ARTICLES) >= 30
    langs = [expected_fields(name)["lang"] for name in ARTICLES]
    for lang in ("en", "es", "fr", "de", "pt", "it"):
        assert langs.count(lang) >= 4, lang
    raw = {name: (CORPUS / f"{name}.txt").read_bytes() for name in ARTICLES}
    assert any(b"\r\n" in data for data in raw.values()), "a CRLF article"
    assert any(data.startswith(b"\xef\xbb\xbf") for data in raw.values()), "a BOM article"
    text = "\n".join(data.decode("utf-8-sig") for data in raw.values())
    for phrase in (
        "Updated: October 18, 2013",
        "Oct. 3, 2019",
        "Sept. 9, 2022",
        "2021-04-05",
        "Published: March 2, 2020 | Updated: March 3, 2020",
        "21 April 2017 · Last updated 22/04/2017",
        "Updated 3 hours ago",
        "Translation by",
        "Translated by",
        "Written in English by",
        "Edited by",
        "Reporting by E",
        "contributed reporting",
        "This article first published by",
        "Originally published in",
        "Read the original Chinese article.",
        "Photo: ",
        "\n- ",
        "\n• ",
        "，",
        "(李明)",
        "Staff",
        "\nRedazione ANSA\n",  # desks and agencies as bylines, without "By"
        "\nDa Redação\n",
        "\nAssociated Press\n",
        "mis à jour le 6 avril à",  # an update without its year
        "Barbate (Cádiz), 14 mar (EFE)",
        "(dpa/lno)",
        ". (Com informações da",  # credits in brackets closing the last paragraph
        "Fotos / Photos:",
        "van der",
        "dos Santos Ferreira",
    ):
        assert phrase in text, phrase


@pytest.mark.parametrize("name", ARTICLES)
def test_corpus_article(corpus, name):
    assert compare(name, corpus[name]) == []


def test_corpus_accuracy(corpus):
    """Every expected field of every corpus article, counted; printed with -s."""
    total = sum(len(expected_fields(name)) for name in ARTICLES)
    wrong = [line for name in ARTICLES for line in compare(name, corpus[name])]
    ok = total - len(wrong)
    print(f"\nnewsroom corpus: {ok}/{total} fields correct ({100 * ok / total:.1f}%)")
    for line in wrong:
        print("  ", line)
    assert ok == total


@pytest.mark.parametrize("name", ARTICLES)
def test_nothing_is_dropped(corpus, name):
    """Every line of the copy is either metadata (reported as such) or in the body text."""
    text = (CORPUS / f"{name}.txt").read_bytes().decode("utf-8-sig")
    parsed = parse_copy(text.replace("\r\n", "\n"), "en")
    meta_lines = {d.line for d in parsed.decisions if d.kind in META_KINDS}
    body = _letters("".join(body_root(body_html(corpus[name].article)).itertext()))
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and number not in meta_lines:
            assert _letters(line.lstrip("-•0123456789. ")) in body, f"line {number}: {line}"


def _letters(text: str) -> str:
    """Letters and digits only: smart quotes, dashes and list markers do not matter."""
    return re.sub(r"[\W_]+", "", text).lower()


def test_txt_is_a_manuscript_suffix():
    assert ".txt" in READERS


def test_header_credits_become_structured_credits_not_paragraphs(corpus):
    a = corpus["01-harbour-wall"].article
    assert [(c.name, c.role) for c in a.translators] == [
        ("Ana Lima", Role.TRANSLATOR),
        ("Ben Cho", Role.TRANSLATOR),
    ]
    assert "Translation by" not in body_html(a) and "Written in English" not in body_html(a)
    assert "first published" not in body_html(a) and "Read the original" not in body_html(a)


def test_crlf_and_bom_copy_loads_like_unix_copy(tmp_path, corpus):
    unix = (CORPUS / "05-night-buses.txt").read_bytes().replace(b"\r\n", b"\n")
    (tmp_path / "a.txt").write_bytes(unix)
    unix_article = load_txt(tmp_path / "a.txt").article
    assert replace(unix_article, origin=None) == replace(
        corpus["05-night-buses"].article, origin=None
    )
    assert corpus["06-last-keeper"].article.title == "The Last Lighthouse Keeper"


def test_hard_wrapped_lines_are_joined_into_one_paragraph(corpus):
    root = body_root(body_html(corpus["06-last-keeper"].article))
    first = "".join(root[0].itertext())
    assert first.startswith("Ewan Stroud still wakes at dusk.")
    assert "climbed the hundred and twelve steps" in first


def test_warnings_point_at_the_line_of_the_copy(corpus):
    (warning,) = corpus["16-pier-fire"].warnings
    assert warning.location.line == 8 and "credit" in warning.message
    (relative,) = corpus["07-storm-warning"].warnings
    assert relative.location.line == 2 and "gives no date" in relative.message


def test_control_character_warning_points_at_the_txt_line(tmp_path):
    folder = write_folder(tmp_path, {"a.txt": "Title\n\nOne.\n\nTwo \x07 bells.\n"})
    loaded = load_txt(folder / "a.txt")
    assert [w.location.line for w in loaded.warnings] == [5]


def test_markdown_characters_in_copy_are_printed_as_typed(tmp_path):
    copy = "Title\n\n*Not emphasis* and <b>not bold</b> & #1 [sic] 1. fine\n\n1984. A year.\n"
    loaded = load_txt(write_folder(tmp_path, {"a.txt": copy}) / "a.txt")
    text = "".join(body_root(body_html(loaded.article)).itertext())
    assert "*Not emphasis* and <b>not bold</b> & #1 [sic] 1. fine" in text
    assert "1984. A year." in text
    assert "<ol" not in body_html(loaded.article) and "<em" not in body_html(loaded.article)


def test_language_is_stated_else_detected_else_the_books(corpus, tmp_path):
    assert corpus["01-harbour-wall"].article.lang == "en"  # "Written in English by"
    assert corpus["08-oyster-bay"].article.lang == "zh"  # detected, differs from the book
    assert corpus["15-rederas"].article.lang == "es"
    short = write_folder(tmp_path, {"a.txt": "Hola\n\nBuenos días.\n"}) / "a.txt"
    assert load_txt(short, language="fr").article.lang == "fr"  # too short to detect


def test_pointer_without_outlet_records_the_original_language(tmp_path):
    copy = (
        "Title\n\nText of the article.\n\n"
        "Translated by Ana Lima.\nRead the original article in Spanish.\n"
    )
    a = load_txt(write_folder(tmp_path, {"a.txt": copy}) / "a.txt").article
    assert a.source is not None and a.source.name is None and a.source.language == "es"


def test_mid_sentence_wrap_is_never_taken_for_a_credit_line(tmp_path):
    copy = "Title\n\nThe report, which was\nEdited by Hester Vane, ran long.\n"
    a = load_txt(write_folder(tmp_path, {"a.txt": copy}) / "a.txt").article
    assert a.credits == () and "Edited by Hester Vane" in body_html(a)


def test_deck_is_only_taken_when_a_dateline_or_byline_follows(tmp_path, corpus):
    assert corpus["15-rederas"].article.subtitle is None
    copy = "Title\nA deck line.\nBy Ana Lima\n\nBody.\n"
    a = load_txt(write_folder(tmp_path, {"a.txt": copy}) / "a.txt").article
    assert a.subtitle == "A deck line." and [c.name for c in a.authors] == ["Ana Lima"]


def test_a_wire_story_without_byline_has_its_reporters_as_authors():
    copy = (
        "Ferry Strike Ends\n\nThe crews went back to work on Monday.\n\n"
        "Reporting by Ana Lima and Ben Cho; additional reporting by Cy Dunn; editing by Di Eve\n"
    )
    meta = parse_copy(copy, "en").meta
    assert meta["authors"] == ["Ana Lima", "Ben Cho"]
    assert [(c["name"], c["role"]) for c in meta["contributors"]] == [
        ("Cy Dunn", "rpt"),
        ("Di Eve", "edt"),
    ]


def test_with_a_byline_reporters_stay_reporters():
    copy = "Ferry Strike Ends\nBy Eva Roth\n\nThe crews went back.\n\nReporting by Ana Lima\n"
    meta = parse_copy(copy, "en").meta
    assert meta["authors"] == ["Eva Roth"]
    assert [(c["name"], c["role"]) for c in meta["contributors"]] == [("Ana Lima", "rpt")]
