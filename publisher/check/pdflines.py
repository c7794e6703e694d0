"""Lines of text read back from a finished PDF, for the typographic preflight.

pdfplumber (on pdfminer.six) gives every glyph with its box, font size and marked-content
id; pikepdf's structure tree tells which block each marked-content id belongs to (a P,
an H2, a Caption, a Figure) and which article (top-level Sect) holds it. Glyphs without a
structure element are page furniture (folios, running heads) and are left out. An untagged
PDF falls back to geometry: each page's glyphs grouped into lines, one block per line run.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pikepdf

WORD_GAP_EM = 0.12  # a gap between glyphs wider than this (in em) separates words
MIN_GRAPHIC = 18.0  # points: images and drawings at least this tall count as figures
BASELINE_TOLERANCE = 1.5  # points: glyphs this close vertically share a line
BLOCK_TYPES = {
    "/P", "/H", "/H1", "/H2", "/H3", "/H4", "/H5", "/H6", "/Caption", "/Figure", "/Table",
    "/TD", "/TH", "/LI", "/LBody", "/Lbl", "/BlockQuote", "/Note", "/Code", "/Formula",
}  # fmt: skip


@dataclass(frozen=True)
class Block:
    """A structure element that holds lines: its id, type and the article it belongs to."""

    key: int
    kind: str  # "P", "H2", "Caption", "Figure", ...
    article: int  # id of the article's section (0 when unknown)
    parent: int  # id of the element above it (a figure's caption and image share one)


@dataclass(frozen=True)
class Word:
    """One word on a line: its text and horizontal extent in points."""

    text: str
    x0: float
    x1: float


@dataclass(frozen=True)
class Line:
    """One line of one block on one page (1-based ``page``), top-down coordinates."""

    page: int
    block: Block
    words: tuple[Word, ...]
    top: float
    bottom: float
    size: float  # the font size most of its glyphs have

    @property
    def x0(self) -> float:
        """The line's left edge."""
        return self.words[0].x0

    @property
    def x1(self) -> float:
        """The line's right edge."""
        return self.words[-1].x1

    @property
    def text(self) -> str:
        """The words, one space apart."""
        return " ".join(w.text for w in self.words)


@dataclass(frozen=True)
class Page:
    """A page's lines in reading order, its images' boxes and its trim box."""

    number: int
    lines: tuple[Line, ...]
    images: tuple[tuple[float, float], ...]  # (top, bottom) of each image or drawing
    height: float


def read_pages(path: Path) -> list[Page]:
    """Every page of the PDF as lines of words grouped by block."""
    blocks = structure_map(path)
    pages: list[Page] = []
    with pdfplumber.open(path) as pdf:
        for index, page in enumerate(pdf.pages):
            lines = tuple(_page_lines(index, page.chars, blocks))
            images = tuple(
                (float(i["top"]), float(i["bottom"]))
                for i in page.images + page.rects + page.curves
                if i["bottom"] - i["top"] >= MIN_GRAPHIC and i.get("tag") != "Artifact"
            )
            pages.append(Page(index + 1, lines, images, float(page.height)))
    return pages


def structure_map(path: Path) -> dict[tuple[int, int], Block] | None:
    """(page index, marked-content id) → block, from the structure tree; None if untagged."""
    with pikepdf.open(path) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None or "/K" not in root:
            return None
        pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        found: dict[tuple[int, int], Block] = {}
        for element in _kids(root.K):
            _walk(element, pages, found, (None, 0, 0), None)
        return found


def _kids(value: object) -> list:
    if isinstance(value, pikepdf.Array):
        return list(value)
    return [] if value is None else [value]


def _walk(element, pages, found, context, page) -> None:
    """Record each marked-content id under ``element`` with its nearest block."""
    if not isinstance(element, pikepdf.Dictionary):
        return
    if element.get("/Type") == "/MCR":
        page = pages.get(element.Pg.objgen, page) if "/Pg" in element else page
        _record(found, page, int(element.MCID), context)
        return
    if "/S" not in element:
        return
    block, article, parent = context
    kind = str(element.S)
    key = element.objgen[0]
    if kind == "/Sect" and not article:
        article = key
    if kind in BLOCK_TYPES:  # the innermost block: a P inside an LI, a Caption in a Figure
        block = Block(key, kind.lstrip("/"), article, parent)
    if "/Pg" in element:
        page = pages.get(element.Pg.objgen, page)
    for kid in _kids(element.get("/K")):
        if isinstance(kid, int):
            _record(found, page, kid, (block, article, key))
        else:
            _walk(kid, pages, found, (block, article, key), page)


def _record(found, page, mcid, context) -> None:
    block, article, parent = context
    if page is not None:
        found[(page, mcid)] = block or Block(parent, "Span", article, parent)


def _page_lines(index: int, chars: list[dict], blocks) -> Iterator[Line]:
    """The page's glyphs as lines, in the order their blocks first appear."""
    groups: dict[tuple[int, int], list[dict]] = defaultdict(list)
    order: dict[int, Block] = {}
    for char in chars:
        if not char["text"].strip():
            continue
        block = _block_of(index, char, blocks)
        if block is None:
            continue  # page furniture: an artifact or untagged content in a tagged file
        order.setdefault(block.key, block)
        groups[(block.key, round(char["bottom"] / BASELINE_TOLERANCE))].append(char)
    merged = _merge_baselines(groups)
    keys = list(order)
    for key, glyphs in sorted(
        merged, key=lambda item: (keys.index(item[0]), min(g["top"] for g in item[1]))
    ):
        yield _line(index + 1, order[key], glyphs)


def _block_of(index: int, char: dict, blocks) -> Block | None:
    if blocks is None:  # untagged: one pseudo-block per page, lines found by geometry
        return Block(index + 1, "P", 0, 0)
    mcid = char.get("mcid")
    return None if mcid is None else blocks.get((index, mcid))


def _merge_baselines(groups) -> list[tuple[int, list[dict]]]:
    """Glyph groups of one block whose baselines round differently but lie close."""
    merged: list[tuple[int, list[dict]]] = []
    for (key, _), glyphs in sorted(groups.items(), key=lambda item: (item[0][0], item[0][1])):
        bottom = max(g["bottom"] for g in glyphs)
        if merged and merged[-1][0] == key:
            last = max(g["bottom"] for g in merged[-1][1])
            if abs(last - bottom) <= BASELINE_TOLERANCE * 1.5 and _small(glyphs, merged[-1][1]):
                merged[-1][1].extend(glyphs)
                continue
        merged.append((key, list(glyphs)))
    return merged


def _small(glyphs: list[dict], others: list[dict]) -> bool:
    """True when one of the two groups is raised or lowered text (a note call, an index)."""
    return min(len(glyphs), len(others)) <= 3


def _line(page: int, block: Block, glyphs: list[dict]) -> Line:
    glyphs.sort(key=lambda g: g["x0"])
    size = Counter(round(g["size"], 1) for g in glyphs).most_common(1)[0][0]
    words: list[Word] = []
    text, x0, x1 = "", glyphs[0]["x0"], glyphs[0]["x0"]
    for glyph in glyphs:
        if text and glyph["x0"] - x1 > WORD_GAP_EM * size:
            words.append(Word(text, x0, x1))
            text, x0 = "", glyph["x0"]
        text += glyph["text"]
        x1 = max(x1, glyph["x1"])
    words.append(Word(text, x0, x1))
    top = min(g["top"] for g in glyphs)
    bottom = max(g["bottom"] for g in glyphs)
    return Line(page, block, tuple(words), top, bottom, size)
