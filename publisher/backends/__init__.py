"""Output backends. Each takes a Publication, a Theme, the BuildOptions and the print
settings, and writes one file (with its extras) into a folder.

Backends are looked up by format name; the PDF backend is imported only when asked for,
because importing WeasyPrint alone costs most of a second.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from publisher.config.printing import PrintSettings
from publisher.model import Publication
from publisher.options import BuildOptions
from publisher.render.pagemap import PageMap
from publisher.render.theme import Theme


@dataclass(frozen=True)
class Output:
    """A file a backend wrote, with its page count when it has pages."""

    path: Path
    pages: int | None = None
    extras: tuple[Output, ...] = ()  # files that go with it (the PDF's print cover)
    page_map: PageMap | None = None  # the PDF's: where each page begins (render/pagemap.py)


# build(pub, theme, out_dir, options, settings, progress) → Output
BackendBuild = Callable[
    [Publication, Theme, Path, BuildOptions, PrintSettings, Callable[[str], None]], Output
]
FORMATS = {
    "epub": "publisher.backends.epub",
    "pdf": "publisher.backends.pdf",
    "kepub": "publisher.backends.epub.kepub",  # Kobo's flavour of the EPUB
}
DEFAULT_FORMATS = ("epub", "pdf")  # what ``--format all`` builds
EXTENSIONS = {"epub": "epub", "pdf": "pdf", "kepub": "kepub.epub"}
PAGED_FORMATS = ("epub", "kepub")  # take the print edition's page map (``page_map=``)
# What a PDF chunk worker imports (WeasyPrint): a build that will render a PDF has the fork
# server import it before any worker pool starts it (interrupts.worker_context).
PDF_WORKER_IMPORTS = ("publisher.backends.pdf.weasy",)


def get_backend(name: str) -> BackendBuild:
    """The ``build`` function of the backend for a format name."""
    return importlib.import_module(FORMATS[name]).build
