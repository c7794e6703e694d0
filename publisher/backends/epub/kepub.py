"""The ``kepub`` format: the EPUB with Kobo's markup (kobo.py), as ``NAME.kepub.epub``.

Every reading-order page gets Kobo's wrappers and sentence spans; the navigation document
keeps its plain lists, which reading systems read as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from publisher.backends import Output
from publisher.backends.epub import write_epub
from publisher.backends.epub.kobo import kepub_page
from publisher.config.printing import PrintSettings
from publisher.model import Publication
from publisher.options import BuildOptions
from publisher.render.html import Page
from publisher.render.pagemap import PageMap
from publisher.render.theme import Theme

EXTENSION = "kepub.epub"


def build(
    pub: Publication,
    theme: Theme,
    out_dir: Path,
    options: BuildOptions,
    settings: PrintSettings,
    progress: Callable[[str], None] | None = None,
    page_map: PageMap | None = None,
) -> Output:
    """Write ``<output_name>.kepub.epub`` into ``out_dir`` and return it (with the print
    edition's page-list when ``page_map`` is given, as the EPUB)."""
    target = out_dir / f"{pub.output_name}.{EXTENSION}"
    return write_epub(pub, theme, target, options.cache, kobo_flavour, page_map)


def kobo_flavour(page: Page) -> Page:
    """A page as Kobo wants it; the navigation document stays as it is."""
    if "nav" in page.properties:
        return page
    return replace(page, html=kepub_page(page.html))
