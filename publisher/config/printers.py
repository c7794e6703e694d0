"""The print-on-demand printers' published file rules, as data, and the print settings a
printer profile derives from the ``[pdf]`` table (``--pdf-profile kdp|ingramspark``).

The figures are the printers' own (docs/print.md names the pages they come from): the
backend applies them when it writes a printer's PDF, and check/printers.py holds a PDF to
them. Everything here is plain data and arithmetic: no I/O.
"""

from __future__ import annotations

from dataclasses import replace

from publisher.config.printing import PAPERS, PrintSettings, css_points

PRINTERS = ("kdp", "ingramspark")
PRINTER_NAMES = {"kdp": "KDP", "ingramspark": "IngramSpark"}
BLEED = "0.125in"  # both printers: art that bleeds runs this far past the trim
BLEED_PT = css_points(BLEED)
DEFAULT_PAPER = "white"  # a printer profile without [pdf] paper: KDP's and IngramSpark's white
# KDP, "Set trim size, bleed and margins": the least inside (gutter) margin by page count,
# as (last page count of the row, margin); KDP prints 24 to 828 pages.
KDP_GUTTERS = (
    (150, "0.375in"),
    (300, "0.5in"),
    (500, "0.625in"),
    (700, "0.75in"),
    (828, "0.875in"),
)
KDP_PAGES = (24, 828)
# KDP's least outside, top and bottom margin: without bleed, with bleed.
KDP_OUTSIDE = ("0.25in", "0.375in")
# IngramSpark's File Creation Guide recommends half an inch of margin on every side.
INGRAM_MARGIN = "0.5in"
INGRAM_MAX_INK = 2.4  # total area coverage (C + M + Y + K) IngramSpark accepts: 240 %
SPINE_TEXT_PAGES = 79  # KDP: no text on the spine of a book of 79 pages or fewer


def kdp_gutter(pages: int) -> str:
    """KDP's least inside margin for a book of ``pages`` pages (the last row past 828)."""
    for last, margin in KDP_GUTTERS:
        if pages <= last:
            return margin
    return KDP_GUTTERS[-1][1]


def for_printer(settings: PrintSettings, profile: str) -> PrintSettings:
    """The settings of a printer's job: its bleed (0.125in when the book bleeds at all), no
    marks, margins raised to its least ones, its PDF standard (none for KDP, whose rules
    also bar metadata; PDF/X-1a for IngramSpark) and a paper for the spine.

    KDP's inside margin also depends on the page count: ``with_pages`` raises it once the
    book has been laid out.
    """
    bleeds = settings.bleed_points > 0
    least = (KDP_OUTSIDE[bleeds] if profile == "kdp" else INGRAM_MARGIN,) * 3
    top, bottom, outer = (
        _at_least(value, floor)
        for value, floor in zip(
            (settings.margin_top, settings.margin_bottom, settings.margin_outer), least, strict=True
        )
    )
    inner = kdp_gutter(KDP_PAGES[0]) if profile == "kdp" else INGRAM_MARGIN
    return replace(
        settings,
        profile=profile,
        bleed=BLEED if bleeds else "0in",
        marks=(),
        variant="none" if profile == "kdp" else "pdf/x-1a",
        margin_top=top,
        margin_bottom=bottom,
        margin_outer=outer,
        margin_inner=_at_least(settings.margin_inner, inner),
        paper=settings.paper or DEFAULT_PAPER,
    )


def profile_settings(settings: PrintSettings, profile: str) -> PrintSettings:
    """The ``[pdf]`` settings for ``--pdf-profile``: as configured (print), for the screen,
    or for a printer."""
    if profile == "screen":
        return settings.for_screen()
    return for_printer(settings, profile) if profile in PRINTERS else settings


def with_pages(settings: PrintSettings, pages: int) -> PrintSettings:
    """The settings again, with KDP's inside margin for a book of ``pages`` pages when the
    configured one is smaller (other profiles: unchanged)."""
    if settings.profile != "kdp":
        return settings
    return replace(settings, margin_inner=_at_least(settings.margin_inner, kdp_gutter(pages)))


def paper_thickness(paper: str) -> float:
    """One page of a printer's paper, in points."""
    return css_points(PAPERS[paper])


def _at_least(value: str, floor: str) -> str:
    """The CSS length ``value``, or ``floor`` when that is longer."""
    return value if css_points(value) >= css_points(floor) - 1e-6 else floor
