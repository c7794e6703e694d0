"""Typographic preflight: what a typesetter looks for page by page, read back from the PDF.

Reads words and their positions (check/pdflines.py) and reports, each with its pages:

- loose lines: a justified body line whose mean word space exceeds LOOSE_EM (0.5 em);
- hyphen ladders: more than MAX_LADDER (2) hyphenated lines in a row;
- short fragments: fewer than MIN_FRAGMENT (3) letters before or after a line-end hyphen;
- capitalised hyphenation: a word with a capital initial (a name) broken at a line end,
  except in a paragraph written in a language that capitalises every noun (German,
  Luxembourgish: detected from the paragraph's words, as the PDF does not say);
- a hyphen at a leaf turn: the last line of a right-hand (odd) page ends hyphenated;
- orphans and widows: a paragraph's first line alone at a page foot, its last line alone
  at a page head;
- stranded headings and captions: a heading with nothing of its section after it on the
  page; a caption with no figure or table beside it on its page;
- short pages: a page mid-article filled less than SHORT_PAGE (60 %) of the text block,
  and an article's last page holding only credits or fewer than MIN_TAIL (3) lines (of
  text or of a table's rows: a table ending an article is the article's text);
- facing pages of unequal depth: two full facing pages whose last lines differ by more
  than DEPTH_TOLERANCE points.

The rule for severity: what breaks the reading or the make-up itself (a stranded heading
or caption, a page holding only credits) is an error; everything else a print professional
would send back for correction is a warning. The counts, with the pages of each kind,
are the ``typography`` fact of the PDF check (docs/report-schema.json).
"""

from __future__ import annotations

import itertools
import statistics
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from publisher.check import Finding
from publisher.check.pdflines import Line, Page, read_pages
from publisher.load.language import detect

CHECKER = "typography"
LOOSE_EM = 0.5
MAX_LADDER = 2
MIN_FRAGMENT = 3
SHORT_PAGE = 0.6
MIN_TAIL = 3
PROSE_WORDS = 6  # a paragraph line with fewer words may be a display line, not prose
MIN_ARTICLE = 5  # body lines: fewer make a display page (title, half-title), not an article
DEPTH_TOLERANCE = 1.0  # points
FULL_LINE = 1.0  # points: a line ending this close to the measure's end is full
HYPHENS = ("-", "\u2010")
CAPITALISED_NOUNS = {"de", "lb"}
NOUN_TEXT = 40  # characters of a block below which its language is not guessed
SMALL_TEXT = 0.86  # notes, credits and dates are set below this fraction of the body size
OBJECT_KINDS = {"Caption", "Table", "TD", "TH", "Figure", "LI", "LBody", "Lbl"}
KINDS = (  # count name → severity
    ("loose lines", "warning"),
    ("hyphen ladders", "warning"),
    ("short fragments", "warning"),
    ("capitalised hyphenation", "warning"),
    ("hyphen at a leaf turn", "warning"),
    ("orphans", "warning"),
    ("widows", "warning"),
    ("stranded headings", "error"),
    ("stranded captions", "error"),
    ("credits-only pages", "error"),
    ("short article ends", "warning"),
    ("nearly empty pages", "warning"),
    ("unequal facing pages", "warning"),
)
SEVERITY = dict(KINDS)


@dataclass
class Report:
    """What the preflight found: one entry per problem, and the book's measurements."""

    found: dict[str, list[tuple[int, str]]] = field(
        default_factory=lambda: {kind: [] for kind, _ in KINDS}
    )
    body_pages: int = 0
    body_lines: int = 0

    def add(self, kind: str, page: int, detail: str) -> None:
        """Record one problem of ``kind`` on ``page``."""
        self.found[kind].append((page, detail))

    def counts(self) -> dict[str, object]:
        """The JSON fact: counts and pages per kind, and how much body text there was."""
        return {
            "body pages": self.body_pages,
            "body lines": self.body_lines,
            "counts": {kind: len(items) for kind, items in self.found.items()},
            "pages": {
                kind: sorted({page for page, _ in items})
                for kind, items in self.found.items()
                if items
            },
        }

    def findings(self) -> list[Finding]:
        """One finding per problem, located by page."""
        return [
            Finding(SEVERITY[kind], f"{kind[:-1] if kind.endswith('s') else kind}: {detail}",
                    CHECKER, f"page {page}")
            for kind, items in self.found.items()
            for page, detail in items
        ]  # fmt: skip


def check_typography(path: Path) -> Report:
    """Read the PDF back and measure its typography."""
    return analyse(read_pages(path))


def analyse(pages: list[Page]) -> Report:
    """Every measurement over pages already read."""
    report = Report()
    body = body_size(pages)
    if body is None:
        return report
    is_body = _is_body(body)
    measures = _measures(pages, is_body)
    pages = stitch(pages, measures, is_body)
    runs = _blocks(pages)
    report.body_lines = sum(1 for p in pages for line in p.lines if is_body(line))
    report.body_pages = sum(1 for p in pages if any(is_body(line) for line in p.lines))
    _loose(pages, runs, measures, is_body, report)
    _hyphens(pages, runs, measures, is_body, report)
    _splits(runs, is_body, report)
    _stranded(pages, body, is_body, report)
    _page_fill(pages, body, is_body, report)
    return report


def body_size(pages: list[Page]) -> float | None:
    """The font size of most paragraph text: the book's body size (lines of prose, not the
    short lines of a copyright page or a list of credits)."""
    paragraphs = [line for p in pages for line in p.lines if line.block.kind == "P"]
    sizes = [line.size for line in paragraphs if len(line.words) >= PROSE_WORDS]
    sizes = sizes or [line.size for line in paragraphs] or [x.size for p in pages for x in p.lines]
    return statistics.mode(sizes) if sizes else None


def _is_body(body: float):
    def is_body(line: Line) -> bool:
        return line.block.kind in ("P", "LBody", "LI") and abs(line.size - body) <= 0.3

    return is_body


def stitch(pages: list[Page], measures, is_body) -> list[Page]:
    """The pages with blocks joined across page breaks and articles numbered by openers.

    A tagged PDF gives each page's part of a paragraph its own structure element; a body
    block that ends a page on a full line and a body block that opens the next page are one
    paragraph. Each article (or part, or section of front matter) opens with an H1.
    """
    article, joined = 0, {}
    out: list[Page] = []
    previous: Line | None = None
    for page in pages:
        lines = []
        for index, line in enumerate(page.lines):
            if line.block.kind == "H1" and (not lines or lines[-1].block.kind != "H1"):
                article += 1
            key = joined.get(line.block.key, line.block.key)
            if index == _first_body(page, is_body) and _continues(previous, line, measures):
                key = joined[line.block.key] = previous.block.key
            block = replace(line.block, key=key, article=article)
            lines.append(replace(line, block=block))
        body = [x for x in lines if is_body(x)]
        previous = body[-1] if body else None
        out.append(replace(page, lines=tuple(lines)))
    return out


def _first_body(page: Page, is_body) -> int:
    return next((i for i, line in enumerate(page.lines) if is_body(line)), -1)


def _continues(previous: Line | None, line: Line, measures) -> bool:
    """True when ``line`` goes on with the paragraph ``previous`` ended a page on."""
    if previous is None or previous.page != line.page - 1 or not _is_full(previous, measures):
        return False
    left = measures.get(line.page, (line.x0, 0))[0]
    return line.x0 <= left + FULL_LINE  # not indented: no new paragraph


def _blocks(pages: list[Page]) -> dict[int, list[Line]]:
    """Each block's lines in reading order, across pages."""
    runs: dict[int, list[Line]] = defaultdict(list)
    for page in pages:
        for line in page.lines:
            runs[line.block.key].append(line)
    return runs


def _measures(pages: list[Page], is_body) -> dict[int, tuple[float, float]]:
    """Each page's text measure (left, right) from its body lines."""
    measures = {}
    for page in pages:
        lines = [line for line in page.lines if is_body(line)]
        if lines:
            measures[page.number] = (min(x.x0 for x in lines), max(x.x1 for x in lines))
    return measures


def _is_full(line: Line, measures) -> bool:
    left, right = measures.get(line.page, (line.x0, line.x1))
    return line.x1 >= right - FULL_LINE and line.x0 <= left + FULL_LINE * 20


def _justified(runs, measures, is_body):
    """Body lines set to the full measure that are not the last line of their block."""
    for lines in runs.values():
        for line in lines[:-1]:
            if is_body(line) and _is_full(line, measures):
                yield line


def _loose(pages, runs, measures, is_body, report: Report) -> None:
    for line in _justified(runs, measures, is_body):
        gaps = [b.x0 - a.x1 for a, b in zip(line.words, line.words[1:], strict=False)]
        if len(gaps) >= 2 and statistics.mean(gaps) / line.size > LOOSE_EM:
            space = statistics.mean(gaps) / line.size
            report.add("loose lines", line.page, f"word space {space:.2f} em in “{line.text}”")


def _hyphenated(line: Line) -> bool:
    word = line.words[-1].text
    return len(word) > 1 and word.endswith(HYPHENS) and word[-2].isalpha()


def _hyphens(pages, runs, measures, is_body, report: Report) -> None:
    """Fragments, capitals and leaf turns per hyphenated line; ladders per run of them."""
    for lines in runs.values():
        for line, after in itertools.pairwise(lines):
            if is_body(line) and _hyphenated(line):
                _fragment(line, after, report, lambda lines=lines: _capitalises_nouns(lines))
    last_of_page = {p.number: [x for x in p.lines if is_body(x)][-1:] for p in pages}
    for number, lines in last_of_page.items():
        if (
            number % 2
            and lines
            and _hyphenated(lines[0])
            and lines[0] is not runs[lines[0].block.key][-1]
        ):
            report.add("hyphen at a leaf turn", number, f"“{lines[0].words[-1].text}”")
    for page in pages:
        streak = 0
        body = [x for x in page.lines if is_body(x)]
        for line in body:
            streak = streak + 1 if _hyphenated(line) else 0
            if streak == MAX_LADDER + 1:
                report.add("hyphen ladders", page.number, f"from “{line.text[:30]}…”")


def _fragment(line: Line, after: Line, report: Report, nouns: Callable[[], bool]) -> None:
    head = line.words[-1].text.rstrip("".join(HYPHENS))
    head = _letters_at_end(head)
    tail = _letters_at_start(after.words[0].text)
    word = f"{head}-{tail}"
    if len(head) < MIN_FRAGMENT or (tail and len(tail) < MIN_FRAGMENT):
        report.add("short fragments", line.page, f"“{word}”")
    if head[:1].isupper() and not nouns():
        report.add("capitalised hyphenation", line.page, f"“{word}”")


def _capitalises_nouns(lines: list[Line]) -> bool:
    """True when the block's text reads as German or Luxembourgish, whose nouns all
    carry a capital initial and are hyphenated like any other word."""
    text = " ".join(line.text for line in lines)
    if len(text) < NOUN_TEXT:
        return False
    found = detect(text)
    return found is not None and found.lang in CAPITALISED_NOUNS and found.confidence >= 0.9


def _letters_at_end(text: str) -> str:
    start = len(text)
    while start and (text[start - 1].isalpha() or text[start - 1] in "'’"):
        start -= 1
    return text[start:]


def _letters_at_start(text: str) -> str:
    end = 0
    while end < len(text) and (text[end].isalpha() or text[end] in "'’"):
        end += 1
    return text[:end]


def _splits(runs, is_body, report: Report) -> None:
    """Orphans and widows: a paragraph split with one line alone on either page (in text
    with paragraphs: a contents list's entries run on with their leaders, and are not
    prose)."""
    prose = {x.block.article for lines in runs.values() for x in lines if x.block.kind == "P"}
    for lines in runs.values():
        if len(lines) < 2 or not is_body(lines[0]) or lines[0].block.article not in prose:
            continue
        per_page: dict[int, int] = defaultdict(int)
        for line in lines:
            per_page[line.page] += 1
        numbers = sorted(per_page)
        for first, second in itertools.pairwise(numbers):
            if per_page[first] == 1 and first == numbers[0]:
                report.add("orphans", first, f"“{lines[0].text[:40]}…”")
            if per_page[second] == 1 and second == numbers[-1]:
                report.add("widows", second, f"“{lines[-1].text[:40]}”")


def _stranded(pages: list[Page], body: float, is_body, report: Report) -> None:
    """Headings last on a text page with their section's text going on overleaf (not a
    display page's title); captions alone."""
    for index, page in enumerate(pages):
        flow = [x for x in page.lines if _in_flow(x, body)]
        if not flow:
            continue
        last = flow[-1]
        following = pages[index + 1].lines if index + 1 < len(pages) else ()
        if (
            last.block.kind.startswith("H")
            and any(is_body(x) for x in page.lines)
            and following
            and is_body(following[0])
            and following[0].block.article == last.block.article
        ):
            report.add("stranded headings", page.number, f"“{last.text[:40]}”")
        for line in page.lines:
            if line.block.kind == "Caption" and not _beside_object(line, page):
                report.add("stranded captions", page.number, f"“{line.text[:40]}…”")


def _in_flow(line: Line, body: float) -> bool:
    """Text of the main flow: not footnotes or credits, which are set smaller."""
    return line.size >= body * SMALL_TEXT or line.block.kind in OBJECT_KINDS


def _beside_object(caption: Line, page: Page) -> bool:
    """A figure's image or a table's lines lie close to the caption on its page."""
    near = caption.size * 6
    boxes = list(page.images) + [
        (x.top, x.bottom) for x in page.lines if x.block.kind in ("Table", "TD", "TH", "Figure")
    ]
    return any(top - near <= caption.bottom and bottom + near >= caption.top
               for top, bottom in boxes)  # fmt: skip


def _page_fill(pages: list[Page], body: float, is_body, report: Report) -> None:
    """Short pages mid-article, short or credits-only article ends, unequal spreads."""
    text = [x for p in pages for x in p.lines if is_body(x)]
    if not text:
        return
    top = min(x.top for x in text)
    foot = max(x.bottom for x in text)
    articles = _article_pages(pages, is_body)
    depth: dict[int, float] = {}
    for page in pages:
        lines = [x for x in page.lines if x.block.article in articles]
        if not lines:
            continue
        article = lines[-1].block.article
        ends_here = articles.get(article, (0, 0))[1] == page.number
        starts_here = articles.get(lines[0].block.article, (0, 0))[0] == page.number
        bottom = max(x.bottom for x in [*lines, _image_line(page, lines[0])])
        fill = (bottom - top) / max(foot - top, 1)
        if ends_here:
            _tail(page, lines, article, starts_here, is_body, body, report)
        elif fill < SHORT_PAGE:
            report.add("nearly empty pages", page.number, f"{fill:.0%} of the text block used")
        if not ends_here:
            depth[page.number] = bottom
    for left in range(2, len(pages), 2):
        a, b = depth.get(left), depth.get(left + 1)
        if a is not None and b is not None and abs(a - b) > DEPTH_TOLERANCE:
            report.add(
                "unequal facing pages",
                left,
                f"pages {left}–{left + 1} end {abs(a - b):.1f} pt apart",
            )


def _image_line(page: Page, line: Line) -> Line:
    """A stand-in line at the foot of the page's lowest image (or the given line)."""
    if not page.images:
        return line
    bottom = max(b for _, b in page.images)
    return Line(page.number, line.block, line.words, bottom, bottom, line.size)


def _tail(page: Page, lines: list[Line], article: int, starts_here: bool, is_body, size, report):
    """An article's last page: not only credits, and at least MIN_TAIL lines of text."""
    if starts_here:
        return
    mine = [x for x in lines if x.block.article == article]
    body = [x for x in mine if is_body(x)]
    rows = {round(x.top) for x in mine if x.block.kind in ("TD", "TH")}  # a table's rows
    if all(x.size < SMALL_TEXT * size for x in mine) and not page.images and not rows:
        report.add("credits-only pages", page.number, "only the article's end credits")
    elif len(body) + len(rows) < MIN_TAIL and not page.images:
        report.add("short article ends", page.number, f"{len(body)} line(s) of the article")


def _article_pages(pages: list[Page], is_body) -> dict[int, tuple[int, int]]:
    """Each article's first and last page (articles with body text: not display pages)."""
    spans: dict[int, tuple[int, int]] = {}
    counted = Counter(x.block.article for p in pages for x in p.lines if is_body(x))
    prose = {x.block.article for p in pages for x in p.lines if x.block.kind == "P"}
    with_body = {article for article, lines in counted.items()
                 if lines >= MIN_ARTICLE and article in prose}  # fmt: skip
    for page in pages:
        for line in page.lines:
            article = line.block.article
            if article in with_body:
                first, _ = spans.get(article, (page.number, page.number))
                spans[article] = (first, page.number)
    return spans
