"""PDF backend: the book document + print CSS → a PDF via WeasyPrint, strictly offline.

One WeasyPrint render per build, or chunks rendered by several processes and merged for a
large book (chunks.py). The ``[pdf]`` settings (trim, bleed, marks, margins,
chapter starts) become a generated stylesheet; the PDF variant, tags and output intent
become WeasyPrint options (weasy.py, the toolbox the whole package shares); a finisher
sets each page's BleedBox to the configured bleed; tagging.py makes a tagged file PDF/UA
clean (folios and running heads as artifacts, links in /Link); cover.py draws the cover.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from functools import partial
from pathlib import Path

import weasyprint

from publisher.backends import Output
from publisher.backends.pdf.blame import Blame, RenderFailure, bisect, blame, located
from publisher.backends.pdf.chunks import MIN_CHAPTERS, build_chunked, why_single
from publisher.backends.pdf.cover import build_cover
from publisher.backends.pdf.makeup.passes import make_up
from publisher.backends.pdf.makeup.starts import made_up_starts
from publisher.backends.pdf.profiles import build_for_printer
from publisher.backends.pdf.refusals import RefusedURLs, raise_refused
from publisher.backends.pdf.tagging import finish_tags
from publisher.backends.pdf.weasy import (
    BOOK_BASE,
    LayoutProgress,
    OfflineFetcher,
    deflate_level,
    line_breaking,
    pdf_options,
    print_finisher,
    quiet_weasyprint,
    served_files,
    stylesheet,
)
from publisher.config.printers import PRINTERS
from publisher.config.printing import PrintSettings
from publisher.errors import BackendError, SourceLocation
from publisher.model import Publication
from publisher.options import BuildOptions
from publisher.render.direction import direction
from publisher.render.html import print_document
from publisher.render.pagemap import numbered
from publisher.render.theme import Theme
from publisher.safety.long_runs import with_breakable_runs


def build(
    pub: Publication,
    theme: Theme,
    out_dir: Path,
    options: BuildOptions,
    settings: PrintSettings,
    progress: Callable[[str], None] | None = None,
    min_chapters: int = MIN_CHAPTERS,
) -> Output:
    """Write ``<output_name>.pdf`` into ``out_dir`` and return its path; a printer's
    profile renders through profiles.py (its margins may need a second layout).

    With ``options.jobs`` > 1, a book of at least ``min_chapters`` articles is rendered in chunks
    when its settings allow (backends/pdf/chunks.py); with one job, only a book long enough
    for one render to slow down (ONE_JOB_MIN_CHAPTERS), chunk after chunk. ``progress``
    hears how that goes; ``options.cache`` lets unchanged chunks come from the chunk cache.
    """
    if settings.profile in PRINTERS:
        render = partial(_build, pub, theme, out_dir, options, progress=progress)
        rtl = direction(pub.metadata.language) == "rtl"
        return build_for_printer(partial(render, min_chapters=min_chapters), settings, rtl)
    return _build(pub, theme, out_dir, options, settings, progress, min_chapters)


def _build(
    pub: Publication,
    theme: Theme,
    out_dir: Path,
    options: BuildOptions,
    settings: PrintSettings,
    progress: Callable[[str], None] | None = None,
    min_chapters: int = MIN_CHAPTERS,
) -> Output:
    """One layout of the book with these settings (see ``build``)."""
    target = out_dir / f"{pub.output_name}.pdf"
    jobs = max(1, options.jobs)
    if why_single(pub, theme, settings, jobs, min_chapters) is None:
        say = progress or _silent
        try:
            starts = build_chunked(pub, theme, settings, target, jobs, say, cache=options.cache)
        except RenderFailure as failure:
            if failure.blame.section is None:
                css, files = stylesheet(pub, theme, settings), served_files(pub, theme, settings)
                failure.blame = _bisected(pub, theme, css, settings, files, failure.blame, say)
            raise located(pub, failure.reason, failure.blame) from None
        except BrokenProcessPool as exc:
            raise BackendError(
                f"a PDF worker process died: {exc}", SourceLocation(pub.root)
            ) from exc
        except RefusedURLs as exc:
            raise_refused(exc.urls, pub.root, theme.folders, BOOK_BASE)
            raise
        book = Output(target, pages=len(starts), page_map=numbered(starts))
        return with_cover(book, pub, theme, settings, say)
    files = served_files(pub, theme, settings)
    css = stylesheet(pub, theme, settings)
    html = print_document(with_breakable_runs(pub), theme, css, settings)
    fetcher = OfflineFetcher(files, settings)
    render_options = pdf_options(pub, settings)
    say = progress or _silent
    with quiet_weasyprint(), LayoutProgress(say), deflate_level(), line_breaking(settings):
        tried: list[weasyprint.HTML] = []  # the sources laid out, the last one failing

        def render(source: weasyprint.HTML) -> weasyprint.Document:
            tried.append(source)
            return source.render(**render_options)

        try:
            fresh = partial(weasyprint.HTML, string=html, base_url=BOOK_BASE, url_fetcher=fetcher)
            made = make_up(fresh, render)
            source, document = made.source, made.document
            starts = made_up_starts(document.pages, source.etree_element, made.original)
            say(f"laid out {len(document.pages)} pages; writing the PDF file")
            finish = print_finisher(settings, pub.metadata.identifier.encode("utf-8"))
            document.write_pdf(target, finisher=finish, **render_options)
            finish_tags(target)
        except Exception as exc:
            found = blame(exc, tried[-1].etree_element if tried else None)
            if found.section is None:
                found = _bisected(pub, theme, css, settings, files, found, say)
            raise located(pub, str(exc), found) from exc
    raise_refused(tuple(fetcher.refused), pub.root, theme.folders, BOOK_BASE)
    book = Output(target, pages=len(document.pages), page_map=numbered(starts))
    return with_cover(book, pub, theme, settings, say)


def with_cover(
    book: Output,
    pub: Publication,
    theme: Theme,
    settings: PrintSettings,
    say: Callable[[str], None],
) -> Output:
    """The book's output, with its print cover when ``[pdf] cover`` asks for one."""
    if not settings.cover or book.pages is None:
        return book
    say("writing the print cover")
    cover = build_cover(pub, theme, settings, book.path.parent, book.pages)
    return replace(book, extras=(cover,))


def _bisected(
    pub: Publication,
    theme: Theme,
    css: str,
    settings: PrintSettings,
    files: dict,
    found: Blame,
    say: Callable[[str], None],
) -> Blame:
    """``found``, or the Blame of the one article that fails on its own (blame.bisect)."""
    say("WeasyPrint failed; looking for the article it failed on")

    def fails(piece: Publication) -> bool:
        html = print_document(piece, theme, css, settings)
        fetcher = OfflineFetcher(files, settings)
        with quiet_weasyprint(), line_breaking(settings):
            try:
                source = weasyprint.HTML(string=html, base_url=BOOK_BASE, url_fetcher=fetcher)
                source.render(**pdf_options(piece, settings)).write_pdf()
            except Exception:
                return True
        return False

    culprit = bisect(pub, fails)
    if culprit is None:
        return found
    slug = next(c.slug for c in pub.chapters() if c.article is culprit)
    return replace(found, section=slug)


def _silent(message: str) -> None:
    """Progress that goes nowhere."""
