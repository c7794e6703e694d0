"""Page make-up of the print PDF (docs/print.md), read back from the built PDF: captions keep
with their tables, figures head the next page while text fills this one, an article's
credits never stand alone, its last page holds at least three lines.

A small book does the sweeping: on pages a few lines deep, articles one line longer each
end at every depth of the page, so whatever the line metrics, some of them end one or two
lines over a page, or exactly at its foot with their credits left over.
"""

from __future__ import annotations

import statistics
import textwrap
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from publisher.check.pdflines import read_pages
from publisher.check.typography import check_typography
from tests.helpers import build_with

SENTENCES = (
    "The harbour master walks the quay before the boats go out.",
    "Nobody remembers a winter when the ice reached the second bollard.",
    "Crates of langoustines are stacked under the awning, each tagged with a boat's number.",
    "A gull waits on the crane's jib for the moment the fish boxes open.",
    "The tide turns an hour after dawn, and the moorings groan as the hulls swing round.",
    "Diesel, rope and salt: the smell of the slipway has not changed in fifty years.",
    "The cooperative's ledger still records every landing by hand, in blue ink.",
    "When the fog comes in the foghorn on the breakwater sounds twice a minute.",
)
SWEEP = 12  # articles, each one line longer than the one before


def _paragraph(seed: int, sentences: int) -> str:
    return " ".join(SENTENCES[(seed + n) % len(SENTENCES)] for n in range(sentences))


def _article(number: int) -> str:
    body = [_paragraph(number + k, 3 + (k % 2)) for k in range(3)]
    body.insert(2, "## At the fish market")
    body += [_paragraph(number + 5, 2)] + ["One line more." for _ in range(number % 3)]
    body += ["The boats were back by six." if number % 2 else "That was the morning."]
    extra = " ".join(["Then the auction began."] * (number // 3))
    body[-2] = f"{body[-2]} {extra}".strip()
    return (
        textwrap.dedent(f"""\
        ---
        title: Morning {number}
        authors: [Ines Calder]
        contributors:
          - {{name: Tomas Reyes, role: photographer}}
        ---
        """)
        + "\n\n".join(body)
        + "\n"
    )


def _figure_article() -> str:
    text = [_paragraph(k, 4) for k in range(3)]
    after = [_paragraph(k + 3, 4) for k in range(6)]
    figure = "![A tall chart of the harbour approaches.](chart.png)"
    return (
        textwrap.dedent("""\
        ---
        title: The Chart Room
        authors: [Ines Calder]
        ---
        """)
        + "\n\n".join([*text, figure, *after])
        + "\n"
    )


@pytest.fixture(scope="module")
def sweep_pdf(tmp_path_factory) -> Path:
    """A small book of short pages: a sweep of article lengths, and a tall figure that
    cannot fit under the first paragraphs of its article."""
    folder = tmp_path_factory.mktemp("makeup")
    (folder / "publication.toml").write_text(
        textwrap.dedent("""\
        title = "Make-up Sweep"
        language = "en"
        editors = ["Ines Calder"]
        [pdf]
        trim = "4.5in 6in"
        chapter_start = "any"
        """)
    )
    Image.new("RGB", (400, 560), (40, 90, 120)).save(folder / "chart.png")
    (folder / "00-chart-room.md").write_text(_figure_article())
    for number in range(SWEEP):
        (folder / f"{number + 1:02d}-morning.md").write_text(_article(number))
    built = build_with(folder, ["pdf"], tmp_path_factory.mktemp("makeup-out"), jobs=1)
    return built.outputs[0].path


@pytest.fixture(scope="module")
def sweep_sources(sweep_pdf) -> str:
    """The text of the sweep's manuscripts."""
    return _figure_article() + "".join(_article(n) for n in range(SWEEP))


def _compact(text: str) -> str:
    """Text without spaces and hyphens (a word hyphenated at a line end reads whole), its
    apostrophes typewriter ones."""
    return "".join(ch for ch in text.replace("\u2019", "'") if ch.isalnum() or ch in ".,'")


def _reading(pdf: Path) -> str:
    """The PDF's paragraphs in reading order, compacted (running heads and folios left
    out)."""
    return _compact(
        " ".join(x.text for p in read_pages(pdf) for x in p.lines if x.block.kind == "P")
    )


@pytest.fixture(scope="module")
def hard_pdf(hard_build) -> Path:
    return next(o.path for o in hard_build.outputs if o.path.suffix == ".pdf")


def _page_of(pdf: Path, words: str) -> list[int]:
    """The pages (from 1) whose text holds ``words``."""
    with pdfplumber.open(pdf) as doc:
        return [n for n, page in enumerate(doc.pages, 1) if words in (page.extract_text() or "")]


def test_a_table_caption_stays_on_the_page_of_its_table(hard_pdf):
    # hard: "Draught limits at the bar" heads a table the page foot had no room for
    caption, last_row = _page_of(hard_pdf, "Draught limits"), _page_of(hard_pdf, "springs")
    assert caption and caption == last_row[-1:]


def test_no_page_holds_only_an_articles_credits(hard_pdf):
    report = check_typography(hard_pdf).counts()
    assert report["counts"]["credits-only pages"] == 0
    assert report["counts"]["short article ends"] == 0
    assert report["counts"]["stranded captions"] == 0


def _article_pages(pdf: Path) -> set[int]:
    """The pages from the first article's opener on (the contents list comes before)."""
    pages = read_pages(pdf)
    first = next(p.number for p in pages for x in p.lines if x.block.kind == "H1"
                 and x.text.startswith("The Chart Room"))  # fmt: skip
    return {p.number for p in pages if p.number >= first}


def test_every_article_end_has_three_lines_and_credits_never_stand_alone(sweep_pdf):
    report = check_typography(sweep_pdf).counts()
    assert report["body pages"] > SWEEP  # the articles run over pages
    articles = _article_pages(sweep_pdf)
    kinds = ("credits-only pages", "short article ends", "orphans", "widows")
    kinds += ("stranded headings", "stranded captions", "nearly empty pages")
    for kind in kinds:
        assert not articles & set(report["pages"].get(kind, [])), (kind, report["pages"])


def test_full_facing_pages_end_on_the_same_line(sweep_pdf):
    report = check_typography(sweep_pdf).counts()
    assert report["counts"]["unequal facing pages"] == 0, report["pages"]


def test_a_figure_heads_the_next_page_and_text_fills_the_one_before(sweep_pdf, sweep_sources):
    pages = read_pages(sweep_pdf)
    (number,) = [p.number for p in pages if p.images]
    figure_page, before = pages[number - 1], pages[number - 2]
    text = [line for p in pages for line in p.lines if line.block.kind == "P"]
    top, foot = min(x.top for x in text), max(x.bottom for x in text)
    line = statistics.median(x.bottom - x.top for x in text)
    assert min(t for t, _ in figure_page.images) < top + line  # at the head of its page
    filled = max(x.bottom for x in before.lines if x.block.kind == "P")
    assert filled > foot - 2 * line  # the page before is full
    reading = _reading(sweep_pdf)  # nothing lost or repeated
    for sentence in SENTENCES:
        assert reading.count(_compact(sentence)) == sweep_sources.count(sentence), sentence
