"""EPUB 3 backend: rendered XHTML pages + metadata → a reproducible .epub via ebooklib."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path

from ebooklib import epub

from publisher.backends import Output
from publisher.backends.zipfile_repro import reproducible_epub
from publisher.errors import BackendError, SourceLocation
from publisher.model import Publication, Role
from publisher.render.html import CSS_HREF, Page, epub_pages
from publisher.render.theme import Theme


class XhtmlItem(epub.EpubItem):
    """An XHTML document written exactly as our templates rendered it."""

    def __init__(self, page: Page) -> None:
        super().__init__(
            uid=_item_id(page.file_name),
            file_name=page.file_name,
            media_type="application/xhtml+xml",
            content=page.html.encode("utf-8"),
        )
        self.properties = list(page.properties)
        self.title = page.title


def build(pub: Publication, theme: Theme, out_dir: Path) -> Output:
    """Write ``<output_name>.epub`` into ``out_dir`` and return its path."""
    book = epub.EpubBook()
    book.FOLDER_NAME = "EPUB"
    _metadata(book, pub)
    pages = epub_pages(pub, theme)
    items = [XhtmlItem(page) for page in pages]
    for item in items:
        book.add_item(item)
    css = theme.css("base.css", "epub.css")
    book.add_item(
        epub.EpubItem(
            uid="css", file_name=CSS_HREF, media_type="text/css", content=css.encode("utf-8")
        )
    )
    for asset in (*pub.assets, *theme.fonts):
        asset_item = epub.EpubItem(
            uid=_item_id(asset.href),
            file_name=asset.href,
            media_type=asset.media_type,
            content=asset.source.read_bytes(),
        )
        if asset.kind == "cover":
            asset_item.properties = ["cover-image"]
            book.add_metadata(None, "meta", "", {"name": "cover", "content": asset_item.id})
        book.add_item(asset_item)
    book.spine = list(items)
    book.toc = _ncx_toc(pub)
    book.add_item(epub.EpubNcx())
    modified = datetime.strptime(pub.metadata.modified, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    buffer = io.BytesIO()
    try:
        epub.write_epub(
            buffer,
            book,
            {
                "raise_exceptions": True,
                "mtime": modified,
                "epub3_pages": False,
                "epub2_guide": False,
            },
        )
    except Exception as exc:  # ebooklib raises bare exceptions of many kinds
        raise BackendError(f"ebooklib failed: {exc}", SourceLocation(pub.root)) from exc
    target = out_dir / f"{pub.output_name}.epub"
    target.write_bytes(reproducible_epub(buffer.getvalue(), modified.replace(tzinfo=None)))
    return Output(target)


def _item_id(file_name: str) -> str:
    stem = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in file_name)
    return f"item-{stem}"


def _metadata(book: epub.EpubBook, pub: Publication) -> None:
    meta = pub.metadata
    book.set_identifier(meta.identifier)
    book.set_title(meta.title)
    book.set_language(meta.language)
    if meta.subtitle:
        book.add_metadata("DC", "title", meta.subtitle, {"id": "subtitle"})
        book.add_metadata(
            None, "meta", "subtitle", {"refines": "#subtitle", "property": "title-type"}
        )
    book.add_metadata("DC", "date", meta.published.isoformat())
    for key, value in (
        ("publisher", meta.publisher),
        ("rights", meta.rights),
        ("description", meta.description),
    ):
        if value:
            book.add_metadata("DC", key, value)
    for subject in meta.subjects:
        book.add_metadata("DC", "subject", subject)
    for number, editor in enumerate(meta.editors, 1):
        _person(book, "creator", f"editor-{number}", editor.name, Role.EDITOR)
    _article_contributors(book, pub)
    if meta.series:
        book.add_metadata(
            None, "meta", meta.series, {"property": "belongs-to-collection", "id": "series"}
        )
        book.add_metadata(
            None, "meta", "series", {"refines": "#series", "property": "collection-type"}
        )
        if meta.series_index is not None:
            book.add_metadata(
                None,
                "meta",
                str(meta.series_index),
                {"refines": "#series", "property": "group-position"},
            )


def _article_contributors(book: epub.EpubBook, pub: Publication) -> None:
    """Authors of the articles as dc:contributor (the editors are the book's creators)."""
    seen: set[tuple[str, str]] = set()
    number = 0
    editors = {e.name for e in pub.metadata.editors}
    for chapter in pub.chapters():
        for credit in chapter.article.credits:
            key = (credit.name, credit.role.marc)
            if key in seen or (credit.role is Role.EDITOR and credit.name in editors):
                continue
            seen.add(key)
            number += 1
            element = "creator" if not editors and credit.role is Role.AUTHOR else "contributor"
            _person(book, element, f"contrib-{number}", credit.name, credit.role)


def _person(book: epub.EpubBook, element: str, uid: str, name: str, role: Role) -> None:
    book.add_metadata("DC", element, name, {"id": uid})
    book.add_metadata(
        None,
        "meta",
        role.marc,
        {"refines": f"#{uid}", "property": "role", "scheme": "marc:relators"},
    )


def _ncx_toc(pub: Publication) -> list:
    toc: list = []
    for part in pub.parts:
        links = [
            epub.Link(f"{ch.slug}.xhtml", ch.article.title, f"toc-{ch.slug}")
            for ch in part.chapters
        ]
        if part.title:
            section = epub.Section(part.title, href=f"{part.slug}.xhtml")
            toc.append((section, links))
        else:
            toc.extend(links)
    return toc
