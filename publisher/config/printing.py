"""Print settings: the ``[pdf]`` table of publication.toml as frozen data, with the page
geometry derived from it (trim in points, text block, spine, the screen profile).

CSS lengths are kept as written; ``css_points`` turns one into PDF points.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

TRIM_SIZES = {
    "6x9in": "6in 9in",
    "5.5x8.5in": "5.5in 8.5in",
    "5x8in": "5in 8in",
    "a5": "148mm 210mm",
    "b5": "176mm 250mm",
    "letter": "8.5in 11in",
    "a4": "210mm 297mm",
    "royal": "156mm 234mm",
}
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-2b", "pdf/a-3b", "pdf/x-4", "none")
# Paper per page for the spine, as KDP's cover calculator has it (IngramSpark's stocks are
# within a hair of these; its cover template generator is the final word).
PAPERS = {"white": "0.002252in", "cream": "0.0025in", "color": "0.002347in"}
MARKS = ("crop", "cross")
PROFILES = ("print", "screen", "kdp", "ingramspark")
LINE_BREAKING = ("optimal", "greedy")
_POINTS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "pc": 12.0, "px": 0.75}
_POINTS["q"] = _POINTS["mm"] / 4


def css_points(length: str) -> float:
    """A CSS length with an absolute unit ('0.125in', '3mm', '0') in PDF points."""
    text = length.strip().lower()
    number = text.rstrip("abcdefghijklmnopqrstuvwxyz")
    unit = text[len(number) :] or "pt"
    return float(number) * _POINTS[unit]


@dataclass(frozen=True)
class PrintSettings:
    """Print settings from ``[pdf]`` in publication.toml; CSS lengths as written.

    ``profile`` says which job they describe: ``print`` (as configured) or ``screen``
    (derived by ``for_screen``: no bleed or marks, symmetric margins, any-page starts).
    """

    trim: str = "6x9in"
    bleed: str = "0in"
    marks: tuple[str, ...] = ()  # "crop", "cross"
    variant: str = "pdf/ua-1"  # one of PDF_VARIANTS
    font_size: str = "10.5pt"
    margin_inner: str = "0.875in"
    margin_outer: str = "0.625in"
    margin_top: str = "0.75in"
    margin_bottom: str = "0.8in"
    chapter_start: str = "right"  # "right" | "any"
    printing: int = 1  # the printing line on the copyright page counts down to this
    cover: bool = False  # also write the print cover: back, spine and front on one sheet
    cover_text: bool | None = None  # title on the cover's front; None: only without an image
    isbn: str | None = None  # the print edition's ISBN; None: the identifier's, if an ISBN
    page_thickness: str = "0.0025in"  # paper per page, for the spine's width
    paper: str | None = None  # one of PAPERS: its thickness wins over page_thickness
    profile: str = "print"  # one of PROFILES
    line_breaking: str = "optimal"  # one of LINE_BREAKING: paragraphs or greedy lines

    @property
    def page_size(self) -> str:
        """The trim as CSS page-size lengths: a preset name resolved, or 'W H' as written."""
        return TRIM_SIZES.get(self.trim.lower(), self.trim)

    @property
    def trim_points(self) -> tuple[float, float]:
        """Trim width and height in PDF points."""
        width, height = self.page_size.split()
        return css_points(width), css_points(height)

    @property
    def text_width(self) -> float:
        """The width of the text block in PDF points: the trim less both side margins."""
        return self.trim_points[0] - css_points(self.margin_inner) - css_points(self.margin_outer)

    @property
    def text_height(self) -> float:
        """The height of the text block in PDF points: the trim less top and bottom margins."""
        return self.trim_points[1] - css_points(self.margin_top) - css_points(self.margin_bottom)

    @property
    def thickness(self) -> str:
        """Paper per page: the named ``paper``'s, else ``page_thickness``."""
        return PAPERS[self.paper] if self.paper else self.page_thickness

    def spine_width(self, pages: int) -> float:
        """The spine of a book of ``pages`` pages, in PDF points (pages × page thickness)."""
        return pages * css_points(self.thickness)

    @property
    def tagged(self) -> bool:
        """Whether the PDF is tagged: every variant but ``none``, except for a printer's
        master (its rules bar the annotations a tagged link needs; docs/decisions.md)."""
        return self.variant != "none" and self.profile in ("print", "screen")

    @property
    def cmyk(self) -> bool:
        """Whether every colour is written as CMYK (or grey): IngramSpark's PDF/X-1a."""
        return self.variant == "pdf/x-1a"

    @property
    def bleed_points(self) -> float:
        """The bleed in PDF points."""
        return css_points(self.bleed)

    def for_screen(self) -> PrintSettings:
        """The reading-on-screen profile: same page and type, no bleed, marks or blank pages,
        margins equal on both sides, and no PDF/X (a press standard) for a screen file."""
        side = (css_points(self.margin_inner) + css_points(self.margin_outer)) / 2
        return replace(
            self,
            bleed="0in",
            marks=(),
            chapter_start="any",
            cover=False,  # a cover is for the press
            margin_inner=f"{side:.2f}pt",
            margin_outer=f"{side:.2f}pt",
            variant="pdf/ua-1" if self.variant.startswith("pdf/x") else self.variant,
            profile="screen",
        )
