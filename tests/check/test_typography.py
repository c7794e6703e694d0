"""The typographic preflight on pages made by hand (each rule alone) and on built books."""

from __future__ import annotations

from publisher.check.pdflines import Block, Line, Page, Word
from publisher.check.typography import KINDS, analyse, check_typography

LEFT, RIGHT, SIZE, LEADING = 50.0, 350.0, 10.0, 14.0


def line(page, key, text, row, *, x1=RIGHT, x0=LEFT, size=SIZE, kind="P", space=None):
    """A line of ``text`` on ``row`` (0 = top of the text block), its words spread from
    ``x0`` to ``x1`` (justified) or set with a ``space`` (in em) between them."""
    words = text.split()
    width = sum(len(w) for w in words) * size * 0.5
    gap = space * size if space is not None else (x1 - x0 - width) / max(len(words) - 1, 1)
    placed, x = [], x0
    for word in words:
        placed.append(Word(word, x, x + len(word) * size * 0.5))
        x += len(word) * size * 0.5 + gap
    top = 60 + row * LEADING
    return Line(page, Block(key, kind, 0, 0), tuple(placed), top, top + size, size)


def page(number, *lines, images=()):
    return Page(number, tuple(lines), tuple(images), 700.0)


FULL = "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp"


def filler(number, key, rows, start=0, last_short=True):
    """A paragraph of ``rows`` justified lines, its last line short."""
    lines = [line(number, key, FULL, start + r) for r in range(rows)]
    if last_short:
        lines[-1] = line(number, key, "aaaa bbbb", start + rows - 1, space=0.25)
    return lines


def opener(number, key=1):
    return line(number, key, "An Article", 0, kind="H1", size=17, x1=200)


def counts(*pages):
    return analyse(list(pages)).counts()["counts"]


def test_a_clean_book_has_nothing_to_report():
    found = counts(page(1, opener(1), *filler(1, 2, 30, start=2)))
    assert set(found) == {kind for kind, _ in KINDS}
    assert not any(found.values())


def test_a_line_with_wide_word_spaces_is_loose_but_the_last_line_is_not():
    loose = line(1, 2, "few words spread wide", 3)
    last = line(1, 2, "end of it", 4, x1=120, space=1.0)
    report = analyse([page(1, opener(1), *filler(1, 3, 20, start=5), loose, last)])
    assert report.counts()["counts"]["loose lines"] == 1
    assert report.counts()["pages"]["loose lines"] == [1]


def test_hyphenated_lines_short_fragments_capitals_and_ladders():
    body = filler(1, 2, 30, start=2)
    body[3] = line(1, 2, FULL + " elev-", 5)
    body[4] = line(1, 2, "en " + FULL, 6)
    body[10] = line(1, 2, FULL + " Car-", 12)
    body[11] = line(1, 2, "men " + FULL, 13)
    for row in (20, 21, 22):
        body[row - 2] = line(1, 2, FULL + " hyphen-", row)
    found = counts(page(1, opener(1), *body))
    assert found["short fragments"] == 1  # elev-en; Car-men has three letters either side
    assert found["capitalised hyphenation"] == 1
    assert found["hyphen ladders"] == 1


def test_a_hyphen_on_the_last_line_of_a_right_hand_page():
    first = filler(3, 2, 30, start=2, last_short=False)
    first[-1] = line(3, 2, FULL + " hun-", 31)
    second = [line(4, 5, "dred " + FULL, 0), *filler(4, 5, 30, start=1)]
    found = counts(page(3, opener(3), *first), page(4, *second), page(5, opener(5, 9)))
    assert found["hyphen at a leaf turn"] == 1
    second_verso = [line(2, 2, "x", 0)]  # the same on a left-hand page is no turn
    assert counts(page(2, *second_verso))["hyphen at a leaf turn"] == 0


def test_orphans_and_widows_across_a_page_break():
    first = [opener(1), *filler(1, 2, 29, start=2), line(1, 3, FULL, 31, x0=LEFT + 15)]
    second = [line(2, 4, "aaaa bbbb", 0, space=0.25), *filler(2, 5, 30, start=1)]
    found = counts(page(1, *first), page(2, *second), page(3, opener(3, 9)))
    assert found["orphans"] == 1 and found["widows"] == 1


def test_a_heading_last_on_its_page_is_stranded():
    first = [opener(1), *filler(1, 2, 29, start=2), line(1, 3, "A Subhead", 31, kind="H2")]
    second = filler(2, 4, 30)
    found = counts(page(1, *first), page(2, *second))
    assert found["stranded headings"] == 1


def test_a_caption_away_from_its_figure_is_stranded():
    caption = line(1, 3, "The map of the bay.", 31, kind="Caption", size=8.2, x1=200)
    first = [opener(1), *filler(1, 2, 29, start=2), caption]
    assert counts(page(1, *first))["stranded captions"] == 1
    near = page(1, *first, images=[(440.0, 490.0)])
    assert counts(near)["stranded captions"] == 0


def test_credits_alone_a_short_end_and_a_nearly_empty_page():
    credits = line(3, 9, "Photographs by A. N. Other.", 0, size=8, x1=200)
    found = counts(
        page(1, opener(1), *filler(1, 2, 30, start=2)),
        page(2, *filler(2, 3, 10)),  # mid-article, a third full
        page(3, credits),
    )
    assert found["nearly empty pages"] == 1
    assert found["credits-only pages"] == 1
    tail = counts(page(1, opener(1), *filler(1, 2, 30, start=2)), page(2, *filler(2, 3, 2)))
    assert tail["short article ends"] == 1


def test_facing_pages_must_end_on_the_same_line():
    found = counts(
        page(1, opener(1), *filler(1, 2, 30, start=2)),
        page(2, *filler(2, 3, 30, last_short=False)),
        page(3, *filler(3, 4, 28, last_short=False)),
        page(4, *filler(4, 5, 30)),
    )
    assert found["unequal facing pages"] == 1


def test_the_sample_book_is_measured(sample_pdf):
    report = check_typography(sample_pdf).counts()
    assert report["body pages"] >= 20
    assert report["body lines"] > 400


def test_german_nouns_broken_at_a_line_end_are_not_names():
    german = "Die Wagen sind voll mit Familien und Kindern aus dem oberen Tal am"
    english = "The carriages are full of families and children from the valley"
    rows = []
    for key, text in ((2, german), (3, english)):
        start = len(rows) + 2
        rows += [
            line(1, key, text + " Dampf-", start),
            line(1, key, "lokomotive " + text, start + 1),
            line(1, key, "und so weiter", start + 2, x1=150, space=0.25),
        ]
    found = counts(page(1, opener(1), *rows, *filler(1, 9, 20, start=10)))
    assert found["capitalised hyphenation"] == 1  # the English paragraph's only


def test_a_table_ending_an_article_is_its_text_not_a_short_end():
    credits = line(2, 9, "Photographs by A. N. Other.", 6, size=8, x1=200)
    rows = [line(2, 8, f"Row {r} 4.5 62", r, kind="TD", x1=200) for r in range(1, 5)]
    head = line(2, 7, "The numbers", 0, kind="H2", x1=200)
    found = counts(page(1, opener(1), *filler(1, 2, 30, start=2)), page(2, head, *rows, credits))
    assert found["short article ends"] == 0 and found["credits-only pages"] == 0


def test_a_contents_list_running_over_pages_has_no_orphans():
    entry = "Un cable submarino unira las islas con el continente . . . . . . . 31"
    contents = [line(1, 10 + r, entry, r, kind="LI") for r in range(2, 32)]  # an entry a line
    following = [line(2, 50 + r, entry, r, kind="LI") for r in range(0, 12)]
    found = counts(page(1, line(1, 1, "Contents", 0, kind="H1", size=17, x1=200), *contents),
                   page(2, *following))  # fmt: skip
    assert found["orphans"] == 0 and found["widows"] == 0 and found["unequal facing pages"] == 0
