"""Folios drawn straight into a chunked book's pages, from one small rendered sample.

The chunks of a book are rendered without folios (their page numbers are known only once
every chunk before them is done). Rendering a folio-only page for every page of the book
costs about 5 ms of CPU a page; instead WeasyPrint renders, for each page name the book
uses, a short sample (SAMPLE_PAGES pages numbered from SAMPLE_FIRST: every digit appears,
and each side shows an 8- and a 9-digit number). From the sample we learn, per page name
and side, how the folio is drawn (the whole content stream: font, size, colour, position),
each digit's glyph and width, and where the number is anchored (its start, end or centre:
two numbers of different lengths tell). Each book page then gets a form XObject holding
its own number, drawn exactly as the sample draws its own.

A sample this cannot read (a kerned or letter-spaced number, two text runs, glyphs that
do not match the digits) gives no template, and the caller renders folio pages instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

SAMPLE_FIRST = 99_999_990
SAMPLE_PAGES = 12
MARKS = ("BDC", "BMC", "EMC")  # marked content of an unmerged structure tree: dropped
TOLERANCE = 0.01  # how far apart (in the page's units) two anchors may be and still agree
Place = Callable[[pikepdf.Page, int, pikepdf.Object], None]


class _Unreadable(Exception):
    """A sample page whose folio is not one plain run of digit glyphs."""


@dataclass
class _Run:
    """The one text run of a sample page: its instructions and what they say."""

    instructions: list[pikepdf.ContentStreamInstruction]
    matrix: int  # index of the Tm instruction
    show: int  # index of the TJ/Tj instruction
    text: str  # the number shown
    x: float  # where it starts
    width: float = 0.0  # how far it reaches


@dataclass(frozen=True)
class FolioTemplate:
    """How pages of one name and side draw their folio, with the number left open."""

    run: _Run
    anchor: str  # "start", "end" or "centre": the point that stays put
    codes: dict[str, bytes]  # digit → glyph code
    widths: dict[str, float]  # digit → advance, in the run's units

    def content(self, number: int) -> bytes:
        """The content stream that draws ``number`` where the sample drew its own."""
        text = str(number)
        width = sum(self.widths[digit] for digit in text)
        ops = list(self.run.instructions)
        matrix = list(ops[self.run.matrix].operands)
        matrix[4] = self._start(width)
        ops[self.run.matrix] = pikepdf.ContentStreamInstruction(matrix, pikepdf.Operator("Tm"))
        glyphs = pikepdf.String(b"".join(self.codes[digit] for digit in text))
        ops[self.run.show] = pikepdf.ContentStreamInstruction([glyphs], pikepdf.Operator("Tj"))
        return pikepdf.unparse_content_stream(ops)

    def _start(self, width: float) -> float:
        run = self.run
        if self.anchor == "start":
            return run.x
        if self.anchor == "end":
            return run.x + run.width - width
        return run.x + (run.width - width) / 2


@dataclass
class DrawnFolios:
    """Everything needed to draw a book's folios: each page's name, and per page name its
    open sample and its templates by side (0 = recto, 1 = verso; None: no folio)."""

    names: list[str]
    samples: dict[str, pikepdf.Pdf] = field(default_factory=dict)
    templates: dict[str, dict[int, FolioTemplate | None]] = field(default_factory=dict)

    def close(self) -> None:
        """Close the samples (only once the book that uses them is saved)."""
        for sample in self.samples.values():
            sample.close()


def read_samples(names: list[str], paths: dict[str, Path]) -> DrawnFolios | None:
    """The folios of a book whose pages are named ``names``, from a sample per name;
    None when some sample cannot be read (then folio pages must be rendered)."""
    drawn = DrawnFolios(names)
    for name, path in paths.items():
        drawn.samples[name] = pikepdf.open(path)
        try:
            drawn.templates[name] = read_sample(drawn.samples[name])
        except Exception:  # _Unreadable, or a sample shaped unlike WeasyPrint's: the old way
            drawn.close()
            return None
    return drawn


def read_sample(sample: pikepdf.Pdf) -> dict[int, FolioTemplate | None]:
    """Templates by side from one sample; raises _Unreadable when it cannot be read."""
    if len(sample.pages) != SAMPLE_PAGES:
        raise _Unreadable(f"{len(sample.pages)} pages")
    runs = [_run(page, SAMPLE_FIRST + n) for n, page in enumerate(sample.pages)]
    found = [run for run in runs if run is not None]
    if not found:
        return {0: None, 1: None}
    if len(found) != len(runs):
        raise _Unreadable("some pages of one name have folios, others not")
    codes: dict[str, bytes] = {}
    widths: dict[str, float] = {}
    for run, page in zip(found, sample.pages, strict=True):
        _learn(run, page, codes, widths)
    if len(codes) != 10:
        raise _Unreadable("not every digit was seen")
    templates: dict[int, FolioTemplate | None] = {}
    for side in (0, 1):
        mine = found[side::2]
        templates[side] = FolioTemplate(mine[0], _anchor(mine[0], mine[-1]), codes, widths)
    return templates


def _run(page: pikepdf.Page, number: int) -> _Run | None:
    """The page's one text run, which shows ``number``; None if the page shows nothing."""
    ops = [op for op in pikepdf.parse_content_stream(page) if str(op.operator) not in MARKS]
    names = [str(op.operator) for op in ops]
    shows = [n for n, name in enumerate(names) if name in ("TJ", "Tj")]
    if not shows:
        return None
    matrices = [n for n, name in enumerate(names) if name == "Tm"]
    if len(shows) != 1 or len(matrices) != 1 or names.count("Tf") != 1:
        raise _Unreadable("more than one text run")
    matrix = [float(v) for v in ops[matrices[0]].operands]
    if matrix[1] != 0 or matrix[2] != 0:
        raise _Unreadable("a rotated or skewed folio")
    return _Run(ops, matrices[0], shows[0], str(number), matrix[4])


def _learn(run: _Run, page: pikepdf.Page, codes: dict[str, bytes], widths: dict) -> None:
    """Add the run's digit glyphs and advances to ``codes`` and ``widths``; set its width."""
    show = run.instructions[run.show]
    parts = list(show.operands[0]) if str(show.operator) == "TJ" else [show.operands[0]]
    if any(not isinstance(p, pikepdf.String) and float(p) != 0 for p in parts):
        raise _Unreadable("a kerned or spaced number")
    data = b"".join(bytes(p) for p in parts if isinstance(p, pikepdf.String))
    font_name, size = next(
        (op.operands[0], float(op.operands[1]))
        for op in run.instructions
        if str(op.operator) == "Tf"
    )
    advances = _advances(page.obj.Resources.Font.get(font_name))
    if len(data) != 2 * len(run.text):
        raise _Unreadable("not one glyph per digit")
    scale = size * float(run.instructions[run.matrix].operands[0]) / 1000
    for n, digit in enumerate(run.text):
        code = data[2 * n : 2 * n + 2]
        if codes.setdefault(digit, code) != code:
            raise _Unreadable(f"two glyphs for {digit}")
        widths[digit] = advances.get(int.from_bytes(code, "big"), advances[-1]) * scale
        run.width += widths[digit]


def _advances(font: pikepdf.Object | None) -> dict[int, float]:
    """Glyph advances (1/1000 em) of a Type0, Identity-H font; the default under -1."""
    if font is None or font.get("/Subtype") != "/Type0" or font.get("/Encoding") != "/Identity-H":
        raise _Unreadable("not a CID font with two-byte glyph codes")
    cid_font = font.DescendantFonts[0]
    advances: dict[int, float] = {-1: float(cid_font.get("/DW", 1000))}
    entries = list(cid_font.get("/W", []))
    n = 0
    while n < len(entries):
        first = int(entries[n])
        if isinstance(entries[n + 1], pikepdf.Array):
            for offset, width in enumerate(entries[n + 1]):
                advances[first + offset] = float(width)
            n += 2
        else:
            for cid in range(first, int(entries[n + 1]) + 1):
                advances[cid] = float(entries[n + 2])
            n += 3
    return advances


def _anchor(short: _Run, long: _Run) -> str:
    """Which point of the number stays put from an 8- to a 9-digit number."""
    points = {
        "start": (short.x, long.x),
        "end": (short.x + short.width, long.x + long.width),
        "centre": (short.x + short.width / 2, long.x + long.width / 2),
    }
    for anchor, (a, b) in points.items():
        if abs(a - b) <= TOLERANCE:
            return anchor
    raise _Unreadable("the folio is neither start-, end- nor centre-aligned")


def draw_folios(
    book: pikepdf.Pdf, pages: list[pikepdf.Page], drawn: DrawnFolios, place: Place
) -> None:
    """Draw every page's folio (``pages``: the book's, in order); ``place(page, number,
    form)`` puts a form on a page."""
    shapes: dict[tuple[str, int], pikepdf.Object] = {}
    for number, name in enumerate(drawn.names):
        side = number % 2
        template = drawn.templates.get(name, {}).get(side)
        if template is None:
            continue
        if (name, side) not in shapes:  # the sample page as a form, in the book once
            shape = book.copy_foreign(drawn.samples[name].pages[side].as_form_xobject())
            shape.Resources = book.make_indirect(shape.Resources)
            shapes[name, side] = shape
        form = pikepdf.Stream(book, template.content(number + 1))
        for entry, value in shapes[name, side].items():
            if entry not in ("/Length", "/Filter", "/DecodeParms"):
                form[entry] = value
        place(pages[number], number, form)
