"""The WeasyPrint toolbox every part of the PDF backend uses: the offline URL fetcher, the
print stylesheet and options, the finisher that sets bleed boxes, quiet logging, the
deflate level and the paragraph line breaker (``line_breaking``). The rest of the package
(the single render, chunks, the cover) imports this.
"""

from __future__ import annotations

import logging
import re
import uuid
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin

import pydyf
import weasyprint
from weasyprint.urls import URLFetcher, URLFetcherResponse

from publisher.backends.pdf.cmyk import RASTER, cmyk_css, press
from publisher.backends.pdf.linebreak.hook import Breaker, optimal_lines
from publisher.config.printing import PrintSettings
from publisher.errors import ConfigError, SourceLocation
from publisher.model import Asset, Publication
from publisher.render.direction import direction
from publisher.render.fonts import book_font_css, book_fonts
from publisher.render.html import context
from publisher.render.theme import Theme
from publisher.safety.css import data_url_bytes

BOOK_BASE = "file:///publisher-book/"
PRESS_PROFILE = "--press"  # the CSS @color-profile name of the PDF/X output intent
PRESS_HREF = "color/press-cmyk.icc"
# CMYK output intent for PDF/X: Ghostscript's default CMYK profile (Debian's libgs-common)
CMYK_PROFILES = (Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"),)
MARKS_SLUG_PT = 18.0  # room outside the bleed for crop marks, so marks never enter the bleed


class OfflineFetcher(URLFetcher):
    """Serves only the book's own files (assets, theme fonts, the press profile); with
    ``settings`` for a CMYK job, pictures come converted to CMYK (cmyk.py)."""

    def __init__(self, files: dict[str, Asset], settings: PrintSettings | None = None) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.files = files
        self.refused: list[str] = []
        self.press = press(CMYK_PROFILES[0]) if settings is not None and settings.cmyk else None

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        """Return a known file's bytes, or refuse: building never touches the network.
        A ``data:`` image or font (inside an SVG or a stylesheet, checked while loading)
        is its own content, served as written."""
        inline = _data_url(url)
        if inline is not None:
            return URLFetcherResponse(url, body=inline[1], headers={"Content-Type": inline[0]})
        asset = self.files.get(url)
        if asset is None:
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url}: only the book's own files are used")
        body, media_type = asset.source.read_bytes(), asset.media_type
        if self.press is not None and media_type in RASTER:
            converted = self.press.image(body)
            if converted is not None:
                body = converted
                media_type = "image/jpeg" if converted[:2] == b"\xff\xd8" else "image/png"
        return URLFetcherResponse(url, body=body, headers={"Content-Type": media_type})


_INLINE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml")
_INLINE_TYPES += ("font/woff", "font/woff2", "font/ttf", "font/otf", "application/font-woff")


def _data_url(url: str) -> tuple[str, bytes] | None:
    """(media type, bytes) of a ``data:`` image or font address, else None."""
    if url[:5].lower() != "data:":
        return None
    media_type = url[5:].split(",", 1)[0].split(";", 1)[0].strip().lower()
    body = data_url_bytes(url, _INLINE_TYPES)
    return None if body is None else (media_type, body)


def served_files(pub: Publication, theme: Theme, settings: PrintSettings) -> dict[str, Asset]:
    """URL → file for everything the book document may load.

    Fonts are reachable both as ``fonts/…`` and as ``../fonts/…`` (how the shared CSS,
    written for the EPUB's ``css/`` folder, refers to them).
    """
    files = {BOOK_BASE + asset.href: asset for asset in pub.assets}
    for font in book_fonts(pub, theme):
        files[BOOK_BASE + font.href] = font
        files[urljoin(BOOK_BASE, "../" + font.href)] = font
    if settings.variant.startswith("pdf/x"):
        profile = cmyk_profile(pub)
        files[BOOK_BASE + PRESS_HREF] = Asset(PRESS_HREF, "application/vnd.iccprofile", profile)
    return files


def cmyk_profile(pub: Publication) -> Path:
    """The CMYK ICC profile for a PDF/X output intent; a ConfigError if none is installed."""
    for path in CMYK_PROFILES:
        if path.is_file():
            return path
    raise ConfigError(
        "variant 'pdf/x-4' needs a CMYK output profile: install Debian's libgs-common "
        "(scripts/install-system-deps.sh does)",
        SourceLocation(pub.root / "publication.toml"),
    )


def css_bleed(settings: PrintSettings) -> float:
    """The CSS ``bleed`` in points: the bleed, plus a slug for the marks when there are any."""
    bleed = settings.bleed_points
    if settings.marks:
        return bleed + max(MARKS_SLUG_PT, bleed + 6)
    return bleed


def stylesheet(pub: Publication, theme: Theme, settings: PrintSettings) -> str:
    """Theme CSS for print, then the page settings generated from ``[pdf]``; for a CMYK job
    (IngramSpark's PDF/X-1a) the CMYK sheet joins them and every colour becomes CMYK."""
    page = theme.render(
        "print/settings.css.j2",
        page_size=settings.page_size,
        css_bleed=f"{css_bleed(settings):.3f}pt",
        press_profile=PRESS_PROFILE if settings.variant == "pdf/x-4" else None,
        press_href=PRESS_HREF,
        **context(pub, pdf=settings),
    )
    if settings.cmyk:
        sheets = theme.css("base.css", "print.css", "print-cmyk.css")
        return book_font_css(pub) + "\n" + cmyk_css(sheets, press(CMYK_PROFILES[0])) + "\n" + page
    return book_font_css(pub) + "\n" + theme.css("base.css", "print.css") + "\n" + page


def pdf_options(pub: Publication, settings: PrintSettings) -> dict[str, object]:
    """WeasyPrint options: the PDF standard, tags, identifier and output intent."""
    options: dict[str, object] = {
        "pdf_identifier": pub.metadata.identifier.encode("utf-8"),
        "uncompressed_pdf": False,
        "presentational_hints": True,  # honour <img width height> as the EPUB does
    }
    variant = settings.variant
    if variant != "none":
        options["pdf_variant"] = variant
        options["pdf_tags"] = settings.tagged  # tagged (accessible) but a printer's master
    if variant == "pdf/x-4":
        options["output_intent"] = PRESS_PROFILE
    return options


def print_finisher(settings: PrintSettings, identifier: bytes):
    """A WeasyPrint finisher: every page's BleedBox is TrimBox + the bleed, and the XMP
    document id (PDF/X) comes from the book's identifier.

    WeasyPrint puts the BleedBox at most 10 pt outside the trim, and with marks the CSS
    bleed also holds the marks' slug; printers want the BleedBox to be the bleed itself.
    WeasyPrint's PDF/X metadata carries a random ``xmpMM:DocumentID``, which would make two
    builds of one book differ; the id names the document, so the book's identifier fits.
    A right-to-left book also tells viewers to lay its spreads out right to left.
    """
    bleed = settings.bleed_points
    document_id = f"xmp.did:{uuid.uuid5(uuid.NAMESPACE_URL, identifier.decode())}".encode()

    def finish(document: weasyprint.Document, pdf: pydyf.PDF) -> None:
        for obj in pdf.objects:
            if isinstance(obj, pydyf.Dictionary) and obj.get("Type") == "/Page":
                left, bottom, right, top = (float(v) for v in obj["TrimBox"])
                obj["BleedBox"] = pydyf.Array(
                    [left - bleed, bottom - bleed, right + bleed, top + bleed]
                )
            elif isinstance(obj, pydyf.Stream) and obj.extra.get("Type") == "/Metadata":
                obj.stream = [_RANDOM_DOCUMENT_ID.sub(document_id, part) for part in obj.stream]
        if direction(document.metadata.lang) == "rtl":  # viewers show spreads right to left
            preferences = pdf.catalog.get("ViewerPreferences") or pydyf.Dictionary()
            preferences["Direction"] = "/R2L"
            pdf.catalog["ViewerPreferences"] = preferences

    return finish


_RANDOM_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f]{8}-[0-9a-f-]{27}")


class quiet_weasyprint:
    """Silence WeasyPrint's own logging while we render (we report problems ourselves)."""

    def __enter__(self) -> None:
        self.logger = logging.getLogger("weasyprint")
        self.level = self.logger.level
        self.logger.setLevel(logging.CRITICAL)

    def __exit__(self, *exc: object) -> None:
        self.logger.setLevel(self.level)


PAGES_PER_REPORT = 100  # a progress line per this many pages of a single render


class LayoutProgress(logging.Handler):
    """While one render runs, WeasyPrint's own progress log becomes a line per hundred
    pages laid out, so a long single render does not look stuck. (When page numbers
    change, WeasyPrint lays out again only the pages they touch: no new line for those.)"""

    def __init__(self, say: Callable[[str], None]) -> None:
        super().__init__(logging.INFO)
        self.say = say
        self.reported = 0
        self.log = logging.getLogger("weasyprint.progress")

    def __enter__(self) -> None:
        self.saved = self.log.level, self.log.propagate
        self.log.setLevel(logging.INFO)
        self.log.propagate = False  # ours to show, not the application's log
        self.log.addHandler(self)

    def __exit__(self, *exc: object) -> None:
        self.log.removeHandler(self)
        self.log.level, self.log.propagate = self.saved

    def emit(self, record: logging.LogRecord) -> None:
        """Report each PAGES_PER_REPORT-th page the first time it is laid out."""
        message = str(record.msg)
        if message == "Step 5 - Creating layout - Page %d" and record.args:
            page = int(record.args[0])  # type: ignore[index]
            if page % PAGES_PER_REPORT == 0 and page > self.reported:
                self.reported = page
                self.say(f"laid out {page} pages")


@contextmanager
def line_breaking(settings: PrintSettings | None) -> Iterator[Breaker | None]:
    """While one render lays out, justified paragraphs get the lines the optimiser chooses
    (backends/pdf/linebreak/), unless ``[pdf] line_breaking = "greedy"``."""
    with optimal_lines(settings is None or settings.line_breaking == "optimal") as breaker:
        yield breaker


# pydyf deflates every content stream and font at level 9; level 6 writes a page in about
# 80 % of the time for files 2 % larger (docs/decisions.md, "Deflate level of the PDF").
FLATE_LEVEL = 6


class _Flate:
    """The ``zlib`` that pydyf sees: the real one, with streams deflated at FLATE_LEVEL."""

    def __getattr__(self, name: str) -> object:
        return getattr(zlib, name)

    @staticmethod
    def compressobj(level: int = FLATE_LEVEL, *args: object, **kwargs: object) -> object:
        """A compressor at FLATE_LEVEL, whatever level pydyf asks for."""
        return zlib.compressobj(FLATE_LEVEL, *args, **kwargs)


@contextmanager
def deflate_level() -> Iterator[None]:
    """While a PDF is written, pydyf deflates at FLATE_LEVEL; its own zlib is put back after.

    Only around our own writes: importing this module changes nothing in pydyf."""
    if getattr(pydyf, "zlib", None) is not zlib:  # a pydyf that no longer uses zlib
        yield
        return
    pydyf.zlib = _Flate()
    try:
        yield
    finally:
        pydyf.zlib = zlib
