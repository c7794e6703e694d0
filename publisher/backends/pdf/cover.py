"""The print cover: back, spine and front on one sheet, as print-on-demand services want it.

The spine's width comes from the interior's page count and the paper's thickness
(``[pdf] page_thickness``), so the cover is written after the book. Its design follows the
EPUB cover's colours (``--cover-*`` in the theme's CSS); a configured cover image fills the
front to the bleed. A right-to-left book is bound on the right, so its front is on the left.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import weasyprint

from publisher.backends import Output
from publisher.backends.pdf.cmyk import cmyk_colour, cmyk_css, press
from publisher.backends.pdf.refusals import raise_refused
from publisher.backends.pdf.weasy import (
    BOOK_BASE,
    CMYK_PROFILES,
    PRESS_HREF,
    PRESS_PROFILE,
    OfflineFetcher,
    css_bleed,
    deflate_level,
    pdf_options,
    print_finisher,
    served_files,
)
from publisher.config.printing import PrintSettings, css_points
from publisher.errors import BackendError, SourceLocation
from publisher.model import Publication
from publisher.render.cover import CoverDesign, cover_design, legible_ink, quiet_end
from publisher.render.direction import direction
from publisher.render.fonts import book_font_css, book_fonts
from publisher.render.html import context
from publisher.render.theme import Theme

MIN_BLEED = "0.125in"  # printers want a cover's art to run this far past the trim
SPINE_TEXT_MIN = 18.0  # points: a narrower spine carries no text (too thin to print on)
SAFE = 36.0  # points: text stays this far inside the trim and the folds
WRAP = 4.5  # points (1/16 in): the spine's colour runs this far past each fold


@dataclass(frozen=True)
class CoverGeometry:
    """Where the panels lie on the sheet, in points from its trimmed top-left corner."""

    width: float  # trim width of one panel (the book's page)
    height: float
    spine: float
    bleed: float
    front_left: float  # x of the front panel's trimmed left edge
    back_left: float

    @property
    def sheet_width(self) -> float:
        """The trimmed sheet: two panels and the spine."""
        return 2 * self.width + self.spine

    @property
    def spine_left(self) -> float:
        """x of the spine's left fold: one panel in from the sheet's trimmed edge."""
        return self.width


def geometry(settings: PrintSettings, pages: int, rtl: bool) -> CoverGeometry:
    """The sheet for a book of ``pages`` pages with these print settings."""
    width, height = settings.trim_points
    spine = settings.spine_width(pages)
    bleed = max(settings.bleed_points, css_points(MIN_BLEED))
    front, back = (0.0, width + spine) if rtl else (width + spine, 0.0)
    return CoverGeometry(width, height, spine, bleed, front, back)


def front_text(settings: PrintSettings, has_image: bool) -> bool:
    """Whether the front carries the title: ``[pdf] cover_text`` when given, else only on a
    generated front (a cover image usually carries its own type)."""
    return not has_image if settings.cover_text is None else settings.cover_text


def cmyk_cover(css: str, design: CoverDesign) -> tuple[str, CoverDesign]:
    """The cover's stylesheet and design colours in the press's CMYK (cmyk.py)."""
    converter = press(CMYK_PROFILES[0])
    colours = {
        name: cmyk_colour(getattr(design, name), converter)
        for name in ("background", "ink", "accent")
    }
    return cmyk_css(css, converter), replace(design, **colours)


def build_cover(
    pub: Publication, theme: Theme, book: PrintSettings, out_dir: Path, pages: int
) -> Output:
    """Write ``<output_name>-cover.pdf`` for a book of ``pages`` pages set with ``book``."""
    rtl = direction(pub.metadata.language) == "rtl"
    sheet = geometry(book, pages, rtl)
    settings = replace(book, bleed=f"{sheet.bleed:.3f}pt")
    fonts = [f.source for f in book_fonts(pub, theme)]  # the theme's, then the scripts'
    design = cover_design(theme.css("base.css", "epub.css"), fonts)
    design = replace(design, ink=legible_ink(design.ink, design.background))  # contrast
    css = theme.css("base.css", "cover.css", *(("print-cmyk.css",) if book.cmyk else ()))
    css = book_font_css(pub) + "\n" + css
    if book.cmyk:  # IngramSpark's PDF/X-1a: the cover's colours in CMYK too
        css, design = cmyk_cover(css, design)
    art = pub.metadata.cover
    html = theme.render(
        "print/cover.html.j2",
        css=css,
        sheet=sheet,
        css_bleed=f"{css_bleed(settings):.3f}pt",
        design=design,
        safe=SAFE,
        wrap=WRAP,
        front_text=front_text(book, art is not None),
        text_place=quiet_end(art.source) if art else "top",
        panel_ink=design.ink,
        spine_text=sheet.spine >= SPINE_TEXT_MIN,
        press_profile=PRESS_PROFILE if book.variant == "pdf/x-4" else None,
        press_href=PRESS_HREF,
        **context(pub, pdf=book),
    )
    target = out_dir / f"{pub.output_name}-cover.pdf"
    fetcher = OfflineFetcher(served_files(pub, theme, book), book)
    options = pdf_options(pub, book)
    finish = print_finisher(settings, pub.metadata.identifier.encode("utf-8"))
    try:
        source = weasyprint.HTML(string=html, base_url=BOOK_BASE, url_fetcher=fetcher)
        with deflate_level():
            source.write_pdf(target, finisher=finish, **options)
    except Exception as exc:
        message = f"WeasyPrint failed on the cover: {exc}"
        raise BackendError(message, SourceLocation(pub.root)) from exc
    if fetcher.refused:
        raise_refused(tuple(fetcher.refused), pub.root, theme.folders, BOOK_BASE)
    return Output(target, pages=1)
