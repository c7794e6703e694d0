"""Chunked PDF rendering: a book rendered in chunks on two processes and merged must match
the same book rendered once, page for page: text (folios, running heads, contents and index
numbers included), page boxes, bookmarks, links, embedded fonts."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pikepdf
import pytest

from publisher.backends import pdf
from publisher.backends.pdf.chunks import Task, build_chunked, plan, render, why_single
from publisher.check import check_file
from publisher.config import load_config
from publisher.config.printing import PrintSettings
from publisher.errors import BackendError
from publisher.model import Element, Publication
from publisher.options import BuildOptions
from publisher.render.theme import Theme, load_theme
from tests.helpers import deflate_levels, load_with, pdf_page_texts, pdf_words, write_folder

WORDS = [
    "harbour",
    "tide",
    "ferry",
    "pilot",
    "channel",
    "quay",
    "ledger",
    "cargo",
    "beacon",
    "estuary",
    "gull",
    "rope",
    "salt",
    "dredger",
    "mooring",
    "chart",
    "lantern",
    "shoal",
    "crane",
    "warehouse",
    "inspector",
    "council",
    "weather",
]
ARTICLES = 36


def _paragraph(seed: int, words: int) -> str:
    picked = [WORDS[(seed * 7 + n * (seed % 5 + 3)) % len(WORDS)] for n in range(words)]
    return " ".join(picked).capitalize() + "."


SECOND = "(04-report.md#second-thoughts-on-item-4)."


def _article(n: int) -> str:
    """Article n: lengths vary so that chunks end on both odd and even pages."""
    paragraphs = [_paragraph(n * 13 + k, 40 + (n * 11 + k * 5) % 50) for k in range(3 + n % 9)]
    if n % 4 == 0:
        paragraphs.insert(2, f"## Second thoughts on item {n}")
    if n % 3 == 0:
        paragraphs[1] += f" The council disagreed.[^{n}]"
        paragraphs.append(f"[^{n}]: Minutes of meeting {n}, read aloud at the quay.")
    if n % 10 == 2:  # a link to an article in another chunk, and to a heading in one
        far = (n + 17) % ARTICLES + 1
        paragraphs.append(f"See [report {far}]({far:02d}-report.md) and [item 4]" + SECOND)
    body = "\n\n".join(paragraphs)
    return (
        f"---\ntitle: Report {n} from the Harbour\ndate: 2026-01-{n % 28 + 1:02d}\n"
        f"authors: [Writer {n % 6}]\n---\n\n{body}\n"
    )


def _files() -> dict[str, str]:
    names = [f"{n:02d}-report.md" for n in range(1, ARTICLES + 1)]
    first, second = names[:20], names[20:]
    toml = (
        'title = "Chunked Harbour"\nlanguage = "en"\ndate = 2026-02-01\n'
        'editors = ["Ines Baptiste"]\noutput = "chunked"\n'
        f'[[parts]]\ntitle = "Inner Harbour"\narticles = {first!r}\n'
        f'[[parts]]\ntitle = "Outer Roads"\narticles = {second!r}\n'
        '[pdf]\nvariant = "none"\nbleed = "3mm"\nmarks = ["crop"]\n'
    ).replace("'", '"')
    return {"publication.toml": toml} | {name: _article(n) for n, name in enumerate(names, 1)}


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> tuple[Publication, Theme, PrintSettings]:
    """The publication, theme and print settings of a 36-article, two-part book."""
    root = write_folder(tmp_path_factory.mktemp("chunked") / "book", _files())
    config = load_config(root)
    pub = load_with(config, datetime(2026, 2, 1, tzinfo=UTC), lambda w: None)
    return pub, load_theme(root), config.pdf


@pytest.fixture(scope="module")
def single(book, tmp_path_factory) -> Path:
    """The book rendered once."""
    pub, theme, settings = book
    return pdf.build(
        pub, theme, tmp_path_factory.mktemp("single"), BuildOptions(jobs=1), settings
    ).path


@pytest.fixture(scope="module")
def chunked(book, tmp_path_factory) -> Path:
    """The book rendered in chunks of 8 articles on two processes, then merged."""
    pub, theme, settings = book
    target = tmp_path_factory.mktemp("chunks") / "chunked.pdf"
    said: list[str] = []
    build_chunked(pub, theme, settings, target, 2, said.append, chunk_chapters=8)
    assert any("chunk 5/5 done" in line for line in said)
    return target


def _texts(path: Path) -> list[str]:
    # A hyphen glyph serves both U+002D and U+2010; which one a subset font's ToUnicode
    # names depends on which the chunk met first. The printed glyph is the same.
    return [page.replace("\u2010", "-") for page in pdf_page_texts(path)]


def test_chunked_text_matches_the_single_render_page_for_page(single, chunked) -> None:
    one, many = _texts(single), _texts(chunked)
    assert len(one) == len(many) > ARTICLES * 2
    for number, (a, b) in enumerate(zip(one, many, strict=True), 1):
        assert a == b, f"page {number} differs"


def test_contents_numbers_lead_to_the_articles(chunked) -> None:
    pages = _texts(chunked)
    contents = " ".join(  # the contents pages, not the copyright page's lines per piece
        page for page in pages[:14] if "Contents" in page or ("Report" in page and "©" not in page)
    )
    for n in (1, 9, 17, 25, 36):  # the first article of every chunk, and the last one
        title = f"Report {n} from the Harbour"
        number = int(re.match(r"[\s.]*(\d+)", contents.split(title, 1)[1]).group(1))
        assert number > 6
        assert title in pages[number - 1][:80]
        assert pages[number - 1].split()[-1] == str(number)  # its folio agrees


def _outline(path: Path) -> list[tuple]:
    with pikepdf.open(path) as book, book.open_outline() as outline:
        found = []

        def walk(items, depth: int) -> None:
            for item in items:
                dest = item.destination
                page = book.pages.index(pikepdf.Page(dest[0]))
                found.append((depth, str(item.title), page, round(float(dest[3]), 1)))
                walk(item.children, depth + 1)

        walk(outline.root, 0)
        return found


def test_bookmarks_match(single, chunked) -> None:
    expected = _outline(single)
    assert len(expected) > ARTICLES + 2
    assert [e[0] for e in expected].count(0) >= 4  # contents, 2 parts, contributors
    assert _outline(chunked) == expected


def _links(path: Path) -> list[tuple]:
    with pikepdf.open(path) as book:
        dests = dict(pikepdf.NameTree(book.Root.Names.Dests).items())
        index = {page.obj.objgen: n for n, page in enumerate(book.pages)}
        found = []
        for number, page in enumerate(book.pages):
            for annot in page.obj.get("/Annots", []):
                if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                    dest = dests[str(annot.Dest)]
                    rect = tuple(round(float(v), 1) for v in annot.Rect)
                    found.append((number, rect, index[dest[0].objgen], round(float(dest[3]), 1)))
        return found


def test_internal_links_lead_to_the_same_places(single, chunked) -> None:
    expected = _links(single)
    assert len(expected) > ARTICLES * 2  # contents + index + footnote calls and back-links
    assert _links(chunked) == expected


def test_links_between_articles_cross_chunks(book, chunked) -> None:
    pub, _, _ = book
    with pikepdf.open(chunked) as merged:
        dests = dict(pikepdf.NameTree(merged.Root.Names.Dests).items())
        index = {page.obj.objgen: n for n, page in enumerate(merged.pages)}
        starts = [index[dests[ch.slug][0].objgen] for ch in pub.chapters()]
    found = {(page, target) for page, _, target, _ in _links(chunked)}
    for n in (2, 12, 22, 32):  # chunks of 8: each of these links leaves its chunk
        far = (n + 17) % ARTICLES + 1
        pages = range(starts[n - 1], starts[n])
        assert any(s in pages and t == starts[far - 1] for s, t in found), n


def test_page_boxes_match(single, chunked) -> None:
    with pikepdf.open(single) as one, pikepdf.open(chunked) as many:
        for a, b in zip(one.pages, many.pages, strict=True):
            for box in ("/MediaBox", "/TrimBox", "/BleedBox"):
                assert [float(v) for v in a.obj[box]] == [float(v) for v in b.obj[box]]


def _folio_boxes(path: Path) -> list[tuple[str, float, float, float, float] | None]:
    """Per page, the lowest word when it is a number (the folio) and its box, from poppler."""
    found = []
    for words in pdf_words(path):
        low = max(words, key=lambda word: word.y0, default=None)
        found.append((low.text, *low[:4]) if low and low.text.isdigit() else None)
    return found


def _folios_as_drawn(path: Path) -> set[str]:
    """How the folios of a chunked PDF were drawn: text operators of the /Folio forms."""
    seen = set()
    with pikepdf.open(path) as merged:
        for n, page in enumerate(merged.pages):
            form = page.obj.Resources.get("/XObject", {}).get(f"/Folio{n}")
            if form is not None:
                seen |= {str(o) for _, o in pikepdf.parse_content_stream(form) if "T" in str(o)}
    return seen


def test_folios_sit_where_the_single_render_puts_them(single, chunked) -> None:
    one, many = _folio_boxes(single), _folio_boxes(chunked)
    numbered = [box for box in one if box]
    assert len(numbered) > len(one) / 2
    folios = {int(box[0]) for box in numbered}
    assert 10 in folios and max(folios) >= 100  # two- and three-digit numbers
    for number, (a, b) in enumerate(zip(one, many, strict=True), 1):
        assert (a is None) == (b is None), f"page {number}"
        if a:
            assert a[0] == b[0], f"page {number}"
            assert all(abs(x - y) < 0.01 for x, y in zip(a[1:], b[1:], strict=True)), (number, a, b)


def test_folios_are_drawn_from_the_sample_not_rendered_page_by_page(chunked) -> None:
    assert "Tj" in _folios_as_drawn(chunked)  # a rendered folio page shows text with TJ
    assert "TJ" not in _folios_as_drawn(chunked)


def test_unreadable_samples_fall_back_to_rendered_folio_pages(
    book, single, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr("publisher.backends.pdf.folios.read_samples", lambda names, paths: None)
    pub, theme, settings = book
    target = tmp_path / "rendered-folios.pdf"
    build_chunked(pub, theme, settings, target, 2, lambda m: None, chunk_chapters=12)
    assert "TJ" in _folios_as_drawn(target)
    assert _texts(target) == _texts(single)


def test_every_font_is_embedded(chunked) -> None:
    rows = subprocess.run(
        ["pdffonts", str(chunked)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert rows
    assert all(row.split()[-5] == "yes" for row in rows), rows


def test_chunk_pages_are_deflated_at_level_6(chunked) -> None:
    # The workers write as the single render does (docs/decisions.md); the merge keeps it.
    counts = deflate_levels(chunked)
    assert counts["level 6"] == counts["streams"]
    assert counts["level 9"] < counts["streams"]


def test_chunked_pdf_passes_preflight(book, chunked) -> None:
    result = check_file(chunked, book[0])
    assert not [f for f in result.findings if f.severity == "error"], result.findings


def test_plan_cuts_only_between_articles(book) -> None:
    pub, _, _ = book
    groups = plan(pub, 8)
    assert len(groups) == 5
    slugs = [c.slug for group in groups for part in group for c in part.chapters]
    assert slugs == [c.slug for c in pub.chapters()]
    titled = [part.title for group in groups for part in group if part.title]
    assert titled == ["Inner Harbour", "Outer Roads"]  # each opener printed once


def test_what_is_rendered_once(book) -> None:
    pub, theme, settings = book
    assert why_single(pub, theme, settings, 2, 10) is None
    assert why_single(pub, theme, settings, 1, 10) == "one job and fewer than 200 articles"
    many = replace(pub, parts=pub.parts * 6)  # 216 articles: chunked even with one job
    assert why_single(many, theme, settings, 1, 10) is None
    assert "fewer than" in why_single(pub, theme, settings, 2, 60)
    tagged = replace(settings, variant="pdf/ua-1")
    assert why_single(pub, theme, tagged, 2, 10) is None  # structure trees are merged
    anyside = replace(settings, chapter_start="any")
    assert "chapter_start" in why_single(pub, theme, anyside, 2, 10)


def test_chunk_cache_reuses_chunks_and_changes_nothing(
    book, chunked, tmp_path, monkeypatch
) -> None:
    pub, theme, settings = book
    monkeypatch.setenv("PUBLISHER_CACHE_DIR", str(tmp_path / "cache"))
    said: list[str] = []
    cold, warm = tmp_path / "cold.pdf", tmp_path / "warm.pdf"
    build_chunked(pub, theme, settings, cold, 2, said.append, chunk_chapters=8, cache=True)
    assert not any("from the cache" in line for line in said)
    build_chunked(pub, theme, settings, warm, 2, said.append, chunk_chapters=8, cache=True)
    # five body chunks, the contents twice (a first guess, then the real numbers), the
    # index, and a run of folios for the body and one for the index
    assert "10 chunk(s) taken from the cache" in said
    assert cold.read_bytes() == warm.read_bytes() == chunked.read_bytes()


def test_chunk_cache_renders_a_changed_chunk_again(book, tmp_path, monkeypatch) -> None:
    pub, theme, settings = book
    chapter = pub.chapters()[12]
    body = (Element("p", children=("HARBOUR",)), *chapter.article.body)
    changed_article = replace(chapter.article, body=body)
    parts = tuple(
        replace(
            part,
            chapters=tuple(
                replace(c, article=changed_article) if c.slug == chapter.slug else c
                for c in part.chapters
            ),
        )
        for part in pub.parts
    )
    changed = replace(pub, parts=parts)
    monkeypatch.setenv("PUBLISHER_CACHE_DIR", str(tmp_path / "cache"))
    build_chunked(
        pub,
        theme,
        settings,
        tmp_path / "first.pdf",
        2,
        lambda m: None,
        chunk_chapters=8,
        cache=True,
    )
    said: list[str] = []
    build_chunked(
        changed,
        theme,
        settings,
        tmp_path / "cached.pdf",
        2,
        said.append,
        chunk_chapters=8,
        cache=True,
    )
    build_chunked(
        changed, theme, settings, tmp_path / "clean.pdf", 2, lambda m: None, chunk_chapters=8
    )
    assert "9 chunk(s) taken from the cache" in said  # all but the changed article's chunk
    assert (tmp_path / "cached.pdf").read_bytes() == (tmp_path / "clean.pdf").read_bytes()
    assert "HARBOUR" in " ".join(_texts(tmp_path / "cached.pdf"))


def test_a_failing_chunk_is_a_backend_error(book, tmp_path) -> None:
    settings = book[2]
    task = Task("<p>x</p>", tmp_path / "x.pdf", {}, {"pdf_variant": "pdf/none-such"}, settings)
    with pytest.raises(BackendError, match="WeasyPrint failed"):
        render(task)
