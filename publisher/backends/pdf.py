"""PDF backend: the book document + print CSS → a PDF via WeasyPrint, strictly offline."""

from __future__ import annotations

import logging
from pathlib import Path

import weasyprint
from weasyprint.urls import URLFetcher, URLFetcherResponse

from publisher.backends import Output
from publisher.errors import AssetError, BackendError, SourceLocation
from publisher.model import Publication
from publisher.render.html import print_document
from publisher.render.theme import Theme

BOOK_BASE = "file:///publisher-book/"

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


class OfflineFetcher(URLFetcher):
    """Serves only the book's own assets; anything else (http, ftp, other files) is refused."""

    def __init__(self, pub: Publication) -> None:
        super().__init__(allowed_protocols=("file",), allow_redirects=False)
        self.files = {BOOK_BASE + asset.href: asset for asset in pub.assets}
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        """Return an asset's bytes, or refuse: building never touches the network."""
        asset = self.files.get(url)
        if asset is None:
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url}: only the book's own files are used")
        return URLFetcherResponse(
            url, body=asset.source.read_bytes(), headers={"Content-Type": asset.media_type}
        )


def page_size(trim: str) -> str:
    """A trim preset name or explicit 'W H' lengths → a CSS page size."""
    return TRIM_SIZES.get(trim.lower(), trim)


def build(pub: Publication, theme: Theme, out_dir: Path) -> Output:
    """Write ``<output_name>.pdf`` into ``out_dir`` and return its path."""
    from publisher.render.html import context

    settings = theme.render(
        "print/settings.css.j2", pdf=pub.pdf, page_size=page_size(pub.pdf.trim), **context(pub)
    )
    css = theme.css("base.css", "print.css") + "\n" + settings
    html = print_document(pub, theme, css)
    fetcher = OfflineFetcher(pub)
    target = out_dir / f"{pub.output_name}.pdf"
    with _quiet_weasyprint():
        try:
            source = weasyprint.HTML(string=html, base_url=BOOK_BASE, url_fetcher=fetcher)
            document = source.render()
            document.write_pdf(
                target,
                pdf_identifier=pub.metadata.identifier.encode("utf-8"),
                uncompressed_pdf=False,
            )
        except Exception as exc:
            raise BackendError(f"WeasyPrint failed: {exc}", SourceLocation(pub.root)) from exc
    if fetcher.refused:
        raise AssetError(
            f"the PDF referred to a file outside the book: {fetcher.refused[0]}",
            SourceLocation(pub.root),
        )
    return Output(target, pages=len(document.pages))


class _quiet_weasyprint:
    """Silence WeasyPrint's own logging while we render (we report problems ourselves)."""

    def __enter__(self) -> None:
        self.logger = logging.getLogger("weasyprint")
        self.level = self.logger.level
        self.logger.setLevel(logging.CRITICAL)

    def __exit__(self, *exc: object) -> None:
        self.logger.setLevel(self.level)
