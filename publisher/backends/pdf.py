"""PDF backend: the book document + print CSS → a PDF via WeasyPrint, strictly offline.

One WeasyPrint render per build, or chunks rendered by several processes and merged for a
large book (pdf_chunks.py). The ``[pdf]`` settings (trim, bleed, marks, margins,
chapter starts) become a generated stylesheet; the PDF variant, tags and output intent
become WeasyPrint options; a finisher sets each page's BleedBox to the configured bleed.
"""

from __future__ import annotations

import logging
import re
import uuid
import zlib
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from urllib.parse import urljoin

import pydyf
import weasyprint
from weasyprint.urls import URLFetcher, URLFetcherResponse

from publisher.backends import Output
from publisher.backends.pdf_chunks import MIN_CHAPTERS, build_chunked, why_single
from publisher.errors import AssetError, BackendError, ConfigError, SourceLocation
from publisher.model import Asset, PrintSettings, Publication
from publisher.render.direction import direction
from publisher.render.footnotes import for_print
from publisher.render.html import context, print_document
from publisher.render.theme import Theme

BOOK_BASE = "file:///publisher-book/"
PRESS_PROFILE = "--press"  # the CSS @color-profile name of the PDF/X output intent
PRESS_HREF = "color/press-cmyk.icc"
# CMYK output intent for PDF/X: Ghostscript's default CMYK profile (Debian's libgs-common)
CMYK_PROFILES = (Path("/usr/share/color/icc/ghostscript/default_cmyk.icc"),)
MARKS_SLUG_PT = 18.0  # room outside the bleed for crop marks, so marks never enter the bleed


class OfflineFetcher(URLFetcher):
    """Serves only the book's own files (assets, theme fonts, the press profile)."""

    def __init__(self, files: dict[str, Asset]) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.files = files
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        """Return a known file's bytes, or refuse: building never touches the network."""
        asset = self.files.get(url)
        if asset is None:
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url}: only the book's own files are used")
        return URLFetcherResponse(
            url, body=asset.source.read_bytes(), headers={"Content-Type": asset.media_type}
        )


def served_files(pub: Publication, theme: Theme) -> dict[str, Asset]:
    """URL → file for everything the book document may load.

    Fonts are reachable both as ``fonts/…`` and as ``../fonts/…`` (how the shared CSS,
    written for the EPUB's ``css/`` folder, refers to them).
    """
    files = {BOOK_BASE + asset.href: asset for asset in pub.assets}
    for font in theme.fonts:
        files[BOOK_BASE + font.href] = font
        files[urljoin(BOOK_BASE, "../" + font.href)] = font
    if pub.pdf.variant == "pdf/x-4":
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


def stylesheet(pub: Publication, theme: Theme) -> str:
    """Theme CSS for print, then the page settings generated from ``[pdf]``."""
    settings = theme.render(
        "print/settings.css.j2",
        pdf=pub.pdf,
        page_size=pub.pdf.page_size,
        css_bleed=f"{css_bleed(pub.pdf):.3f}pt",
        press_profile=PRESS_PROFILE if pub.pdf.variant == "pdf/x-4" else None,
        press_href=PRESS_HREF,
        **context(pub),
    )
    return theme.css("base.css", "print.css") + "\n" + settings


def pdf_options(pub: Publication) -> dict[str, object]:
    """WeasyPrint options: the PDF standard, tags, identifier and output intent."""
    options: dict[str, object] = {
        "pdf_identifier": pub.metadata.identifier.encode("utf-8"),
        "uncompressed_pdf": False,
        "presentational_hints": True,  # honour <img width height> as the EPUB does
    }
    variant = pub.pdf.variant
    if variant != "none":
        options["pdf_variant"] = variant
        options["pdf_tags"] = True  # tagged (accessible) whatever the standard
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


def build(
    pub: Publication,
    theme: Theme,
    out_dir: Path,
    jobs: int = 1,
    progress: Callable[[str], None] | None = None,
    min_chapters: int = MIN_CHAPTERS,
    cache: bool = False,
) -> Output:
    """Write ``<output_name>.pdf`` into ``out_dir`` and return its path.

    With ``jobs`` > 1, a book of at least ``min_chapters`` articles is rendered in chunks
    when its settings allow (backends/pdf_chunks.py); with one job, only a book long enough
    for one render to slow down (ONE_JOB_MIN_CHAPTERS), chunk after chunk. ``progress``
    hears how that goes; ``cache`` lets unchanged chunks come from the chunk cache.
    """
    target = out_dir / f"{pub.output_name}.pdf"
    if why_single(pub, theme, jobs, min_chapters) is None:
        say = progress or _silent
        try:
            pages = build_chunked(pub, theme, target, jobs, say, cache=cache)
        except BrokenProcessPool as exc:
            raise BackendError(
                f"a PDF worker process died: {exc}", SourceLocation(pub.root)
            ) from exc
        return with_cover(Output(target, pages=pages), pub, theme, say)
    files = served_files(pub, theme)
    html = print_document(for_print(pub), theme, stylesheet(pub, theme))
    fetcher = OfflineFetcher(files)
    options = pdf_options(pub)
    say = progress or _silent
    with _quiet_weasyprint(), _LayoutProgress(say):
        try:
            source = weasyprint.HTML(string=html, base_url=BOOK_BASE, url_fetcher=fetcher)
            document = source.render(**options)
            say(f"laid out {len(document.pages)} pages; writing the PDF file")
            finish = print_finisher(pub.pdf, pub.metadata.identifier.encode("utf-8"))
            document.write_pdf(target, finisher=finish, **options)
        except Exception as exc:
            raise BackendError(f"WeasyPrint failed: {exc}", SourceLocation(pub.root)) from exc
    if fetcher.refused:
        raise AssetError(
            f"the PDF referred to a file outside the book: {fetcher.refused[0]}",
            SourceLocation(pub.root),
        )
    return with_cover(Output(target, pages=len(document.pages)), pub, theme, say)


def with_cover(book: Output, pub: Publication, theme: Theme, say: Callable[[str], None]) -> Output:
    """The book's output, with its print cover when ``[pdf] cover`` asks for one."""
    if not pub.pdf.cover or book.pages is None:
        return book
    from publisher.backends.pdf_cover import build_cover

    say("writing the print cover")
    return replace(book, extras=(build_cover(pub, theme, book.path.parent, book.pages),))


def _silent(message: str) -> None:
    """Progress that goes nowhere."""


class _quiet_weasyprint:
    """Silence WeasyPrint's own logging while we render (we report problems ourselves)."""

    def __enter__(self) -> None:
        self.logger = logging.getLogger("weasyprint")
        self.level = self.logger.level
        self.logger.setLevel(logging.CRITICAL)

    def __exit__(self, *exc: object) -> None:
        self.logger.setLevel(self.level)


quiet_weasyprint = _quiet_weasyprint  # also used by the chunk workers (pdf_chunks.py)

PAGES_PER_REPORT = 100  # a progress line per this many pages of a single render


class _LayoutProgress(logging.Handler):
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


if getattr(pydyf, "zlib", None) is zlib:  # a pydyf that no longer uses zlib keeps its own
    pydyf.zlib = _Flate()
