"""What the display pages say, as data: part headings, copyright lines, ISBNs, barcodes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from publisher.errors import SourceLocation
from publisher.model import (
    Article,
    Chapter,
    Contributor,
    Credit,
    Metadata,
    Part,
    Publication,
    Role,
    Source,
)
from publisher.render.display.isbn import ean13_bars, hyphenated, isbn_digits, isbn_lines
from publisher.render.display.parts import part_heading, split_label
from publisher.render.display.rights import holder, piece_rights
from publisher.render.labels import labels_for

BOOK_DAY = date(2027, 3, 1)


def _article(slug: str, credits=(), source=None, published=None) -> Article:
    return Article(
        slug=slug,
        title=slug.title(),
        origin=SourceLocation(Path(f"{slug}.md")),
        body=("Text.",),
        credits=tuple(Credit(Contributor(name), role) for name, role in credits),
        source=source,
        published=published,
    )


def _book(*parts: Part, editors=("Ines Mar",)) -> Publication:
    meta = Metadata(
        title="Tides",
        language="en",
        identifier="urn:uuid:0",
        published=BOOK_DAY,
        modified="2027-03-01T00:00:00Z",
        publisher="Quay Press",
        editors=tuple(Contributor(name) for name in editors),
    )
    return Publication(metadata=meta, parts=parts)


def _part(number: int, title: str | None, *articles: Article, **keys) -> Part:
    chapters = tuple(Chapter(a.slug, i, a) for i, a in enumerate(articles, 1))
    return Part(title=title, chapters=chapters, slug=f"part-{number}", **keys)


@pytest.mark.parametrize(
    ("language", "first", "third"),
    [
        ("en", "Part One", "Part Three"),
        ("es", "Primera parte", "Tercera parte"),
        ("de", "Erster Teil", "Dritter Teil"),
        ("he", "חלק ראשון", "חלק שלישי"),
        ("ar", "الجزء الأول", "الجزء الثالث"),
    ],
)
def test_parts_are_numbered_in_the_books_language(language, first, third):
    parts = [_part(n, f"Title {n}", _article(f"a{n}")) for n in (1, 2, 3)]
    pub = _book(*parts)
    labels = labels_for(language)
    headings = [part_heading(pub, part, labels) for part in parts]
    assert [h.label for h in headings] == [first, headings[1].label, third]
    assert headings[0].title == "Title 1"
    assert headings[2].text == f"{third}: Title 3"


def test_a_part_title_with_its_own_label_is_split_there():
    labels = labels_for("en")
    assert split_label("Part One: Working Waters", labels) == ("Part One", "Working Waters")
    assert split_label("PART 2 — Lights", labels) == ("PART 2", "Lights")
    assert split_label("Primera parte: Aguas", labels_for("es")) == ("Primera parte", "Aguas")
    # a colon that is not a part label's: the whole title stays
    assert split_label("Harbours: A History of Their Parts", labels) is None
    assert split_label("Working Waters", labels) is None


def test_past_the_number_words_a_part_takes_digits():
    parts = [_part(n, f"T{n}", _article(f"a{n}")) for n in range(1, 14)]
    pub = _book(*parts)
    assert part_heading(pub, parts[12], labels_for("en")).label == "Part 13"


def test_a_part_label_and_intro_from_the_config_win():
    part = _part(1, "Prologue", _article("a"), label="", intro="First.\n\nSecond para.")
    heading = part_heading(_book(part), part, labels_for("en"))
    assert (heading.label, heading.title, heading.text) == ("", "Prologue", "Prologue")
    assert heading.intro == ("First.", "Second para.")


def test_a_copyright_line_for_every_piece_and_translation():
    original = _article("own", [("Ana Lima", Role.AUTHOR)], published=date(2026, 5, 2))
    translated = _article(
        "far",
        [("Jose Mar", Role.AUTHOR), ("Eve Ray", Role.TRANSLATOR), ("Bo Li", Role.TRANSLATOR)],
        source=Source("El Faro", language="es", published=date(2025, 7, 18)),
        published=date(2026, 7, 25),
    )
    undated = _article("undated", [("Kai Moe", Role.AUTHOR)], source=Source("The Gull"))
    anonymous = _article("anon", [("Pat Doe", Role.PHOTOGRAPHER)])
    pub = _book(_part(1, None, original, translated, undated, anonymous))
    lines = piece_rights(pub, labels_for("en").names)
    assert [p.title for p in lines] == ["Own", "Far", "Undated"]  # no authors: no line
    own, far, loose = lines
    assert (own.year, own.authors.striptags(), own.source) == (2026, "Ana Lima", None)
    assert own.translators is None
    assert own.translation_year is None
    assert (far.year, far.source, far.source_year) == (2025, "El Faro", 2025)
    assert (far.translators.striptags(), far.translation_year) == ("Eve Ray and Bo Li", 2026)
    assert far.translators.count("<bdi") == 2  # each name isolated
    # no date anywhere: the piece dates from the book, its source is named without a year
    assert (loose.year, loose.source, loose.source_year) == (2027, "The Gull", None)


def test_the_books_copyright_holder_is_its_editors_else_its_publisher():
    names = labels_for("en").names
    assert holder(_book(_part(1, None, _article("a"))), names).striptags() == "Ines Mar"
    assert holder(_book(_part(1, None, _article("a")), editors=()), names) == "Quay Press"


def test_isbns_are_read_checked_and_hyphenated():
    assert isbn_digits("urn:isbn:9780306406157") == "9780306406157"
    assert isbn_digits("978-0-306-40615-7") == "9780306406157"
    assert isbn_digits("0-306-40615-2") == "9780306406157"  # ISBN-10
    assert isbn_digits("urn:isbn:9780306406158") is None  # wrong check digit
    assert isbn_digits("urn:uuid:5f0c2a9e-7b3d-4e1a-9c64-2d8e1f3a6b70") is None
    assert hyphenated("9780306406157") == "978-0-306-40615-7"


def test_a_print_isbn_and_an_ebook_isbn_are_both_listed():
    ebook, paper = "urn:isbn:9780306406157", "978-0-9999999-1-2"
    assert isbn_lines(ebook, None) == (("isbn", "978-0-306-40615-7"),)
    assert isbn_lines("urn:uuid:x", paper) == (("isbn", "978-0-9999999-1-2"),)
    assert isbn_lines(ebook, paper) == (
        ("isbn_print", "978-0-9999999-1-2"),
        ("isbn_ebook", "978-0-306-40615-7"),
    )
    assert isbn_lines("urn:uuid:x", None) == ()


def test_the_ean13_barcode_follows_the_symbology():
    bars = ean13_bars("9780306406157")
    modules = "".join(
        "1" if any(start <= i < start + width for start, width in bars) else "0" for i in range(95)
    )
    assert modules.startswith("101") and modules.endswith("101")
    assert modules[45:50] == "01010"  # centre guard
    # first digit 9 sets L G G L G L for digits 2–7: '7' in L code is 0111011, '8' in G is 0001001
    assert modules[3:10] == "0111011" and modules[10:17] == "0001001"
    # the right half is the R code: '7' (last digit) is 1000100
    assert modules[85:92] == "1000100"
    assert sum(width for _, width in bars) == modules.count("1")
