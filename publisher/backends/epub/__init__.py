"""EPUB 3 backend: rendered XHTML pages + metadata → a reproducible .epub via ebooklib.

The book is accessible by construction (EPUB Accessibility 1.1): the accessibility metadata
is derived from the rendered pages (``accessibility.py``), every document carries its
language, and a book without a configured cover gets a generated one with alt text.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ebooklib import epub
from lxml import etree

from publisher.backends import Output
from publisher.backends.epub import accessibility
from publisher.backends.epub.image_fit import fitted_image
from publisher.backends.epub.onix import write_onix
from publisher.backends.epub.pagelist import mark_pages
from publisher.backends.epub.zipfile_repro import reproducible_epub
from publisher.cache import BlobCache
from publisher.config.printing import PrintSettings
from publisher.errors import BackendError, SourceLocation
from publisher.model import Asset, Contributor, Metadata, Publication, Role
from publisher.options import BuildOptions
from publisher.render.cover import CoverDesign, cover_design, cover_key, render_cover
from publisher.render.direction import direction
from publisher.render.fonts import book_font_css, book_fonts
from publisher.render.html import CSS_HREF, Page, book_labels, epub_pages
from publisher.render.labels import Labels
from publisher.render.pagemap import PageMap
from publisher.render.theme import Theme

GENERATED_COVER = "cover.png"  # outside images/, so it never collides with a book's image
COVER_BUDGET = 64 << 20  # bytes of generated covers kept in the cache
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCALABLE = ("image/png", "image/jpeg", "image/webp")  # raster images scaled to the stores


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


class _Writer(epub.EpubWriter):
    """ebooklib's writer, plus ``xml:lang`` on the package element (Ace requires it)."""

    def __init__(self, target: io.BytesIO, book: epub.EpubBook, options: dict, lang: str) -> None:
        super().__init__(target, book, options)
        self.lang = lang

    def _write_opf_file(self, root: etree._Element) -> None:
        root.set(XML_LANG, self.lang)
        super()._write_opf_file(root)


def build(
    pub: Publication,
    theme: Theme,
    out_dir: Path,
    options: BuildOptions,
    settings: PrintSettings,
    progress: Callable[[str], None] | None = None,
    page_map: PageMap | None = None,
) -> Output:
    """Write ``<output_name>.epub`` into ``out_dir`` and return its path.

    With ``options.cache``, a generated cover drawn by an earlier build comes from the cache.
    With ``page_map`` (the print edition's page starts, from the PDF backend), the EPUB gets
    a page-break marker where each print page begins and a page-list (pagelist.py).
    (``settings`` and ``progress`` are the backends' common signature.)
    """
    target = out_dir / f"{pub.output_name}.epub"
    book = write_epub(pub, theme, target, options.cache, page_map=page_map)
    if not options.onix:
        return book
    record = write_onix(book.path, theme, out_dir / f"{pub.output_name}.onix.xml")
    return replace(book, extras=(Output(record),))


def write_epub(
    pub: Publication,
    theme: Theme,
    target: Path,
    cache: bool = False,
    flavour: Callable[[Page], Page] | None = None,
    page_map: PageMap | None = None,
) -> Output:
    """Write the EPUB to ``target``; ``flavour`` may rewrite each reading-order page (the
    kepub's Kobo markup, kobo.py) before it is packaged; ``page_map`` marks the print
    edition's pages."""
    modified = datetime.strptime(pub.metadata.modified, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    with tempfile.TemporaryDirectory(prefix="publisher-epub-") as scratch:
        pub = with_cover(pub, theme, Path(scratch), cache)
        data = _write(_book(pub, theme, flavour, page_map), pub, modified)
    target.write_bytes(reproducible_epub(data, modified.replace(tzinfo=None)))
    return Output(target)


def with_cover(pub: Publication, theme: Theme, scratch: Path, cache: bool = False) -> Publication:
    """The publication with a cover: its own, or one drawn from the theme into ``scratch``
    (or, with ``cache``, the same drawing kept by an earlier build)."""
    meta = pub.metadata
    if meta.cover:
        return pub
    css = theme.css("base.css", "epub.css")
    design = cover_design(css, [font.source for font in book_fonts(pub, theme)])
    path = scratch / GENERATED_COVER
    store = BlobCache("covers", COVER_BUDGET) if cache else None
    labels = book_labels(pub)
    path.write_bytes(_cover_png(meta, design, labels, store))
    cover = Asset(
        href=GENERATED_COVER,
        media_type="image/png",
        source=path,
        kind="cover",
        alt=labels.text("cover_of", title=meta.title),
    )
    return replace(pub, metadata=replace(meta, cover=cover), assets=(cover, *pub.assets))


def _cover_png(
    meta: Metadata, design: CoverDesign, labels: Labels, store: BlobCache | None
) -> bytes:
    key = cover_key(meta, design, labels) if store else ""
    found = store.get(key) if store else None
    if found is not None:
        return found[0]
    png = render_cover(meta, design, labels)
    if store:
        store.put(key, png)
    return png


def _book(
    pub: Publication,
    theme: Theme,
    flavour: Callable[[Page], Page] | None = None,
    page_map: PageMap | None = None,
) -> epub.EpubBook:
    book = epub.EpubBook()
    book.FOLDER_NAME = "EPUB"
    _metadata(book, pub)
    mark = None
    if page_map is not None and page_map.pages:
        _print_source(book, pub, len(page_map.pages))
        mark = partial(mark_pages, page_map=page_map)
    pages = epub_pages(pub, theme, mark)
    items = [XhtmlItem(flavour(page) if flavour else page) for page in pages]
    for item in items:
        book.add_item(item)
    css = book_font_css(pub) + "\n" + theme.css("base.css", "epub.css")
    book.add_item(
        epub.EpubItem(
            uid="css", file_name=CSS_HREF, media_type="text/css", content=css.encode("utf-8")
        )
    )
    for asset in (*pub.assets, *book_fonts(pub, theme)):
        book.add_item(_asset_item(book, asset))
    book.spine = list(items)
    book.toc = _ncx_toc(pub)
    book.add_item(epub.EpubNcx())
    _accessibility(book, pub, pages)
    return book


def _print_source(book: epub.EpubBook, pub: Publication, pages: int) -> None:
    """``dc:source`` and ``pageBreakSource`` (EPUB 3.3's default vocabulary): the print
    edition the page numbers come from."""
    source = f"{pub.metadata.title}, print edition ({pages} pages)"
    book.add_metadata("DC", "source", source)
    book.add_metadata(None, "meta", source, {"property": "pageBreakSource"})


def _asset_item(book: epub.EpubBook, asset: Asset) -> epub.EpubItem:
    content = asset.source.read_bytes()
    item = epub.EpubItem(
        uid=_item_id(asset.href),
        file_name=asset.href,
        media_type=asset.media_type,
        content=fitted_image(content) if asset.media_type in SCALABLE else content,
    )
    if asset.kind == "cover":
        item.properties = ["cover-image"]
        book.add_metadata(None, "meta", "", {"name": "cover", "content": item.id})
    return item


def _write(book: epub.EpubBook, pub: Publication, modified: datetime) -> bytes:
    buffer = io.BytesIO()
    options = {
        "raise_exceptions": True,
        "mtime": modified,
        "epub3_pages": False,
        "epub2_guide": False,
        "compresslevel": 0,  # this archive is re-packed (and compressed) by reproducible_epub
    }
    writer = _Writer(buffer, book, options, pub.metadata.language)
    try:
        writer.process()
        writer.write()
    except Exception as exc:  # ebooklib raises bare exceptions of many kinds
        raise BackendError(f"ebooklib failed: {exc}", SourceLocation(pub.root)) from exc
    return buffer.getvalue()


def _item_id(file_name: str) -> str:
    stem = "".join(ch if ch.isalnum() or ch in "-_." else "-" for ch in file_name)
    return f"item-{stem}"


def _accessibility(book: epub.EpubBook, pub: Publication, pages: list[Page]) -> None:
    """schema.org accessibility metadata and the conformance claim, from the content."""
    language = pub.metadata.language
    facts = accessibility.survey(pages, language, pub.assets)
    for prop, value in accessibility.metadata(facts, language):
        attributes = {"property": prop}
        if prop == "schema:accessibilitySummary" and not language.lower().startswith("en"):
            attributes[XML_LANG] = "en"  # the summary is written in English
        book.add_metadata(None, "meta", value, attributes)


def _metadata(book: epub.EpubBook, pub: Publication) -> None:
    meta = pub.metadata
    book.set_identifier(meta.identifier)
    book.title = meta.title
    book.add_metadata("DC", "title", meta.title, {"id": "title"})
    book.add_metadata(None, "meta", "main", {"refines": "#title", "property": "title-type"})
    if meta.subtitle:
        book.add_metadata("DC", "title", meta.subtitle, {"id": "subtitle"})
        book.add_metadata(
            None, "meta", "subtitle", {"refines": "#subtitle", "property": "title-type"}
        )
    book.set_language(meta.language)
    if direction(meta.language) == "rtl":  # pages turn the other way; the OPF says so
        book.set_direction("rtl")
    book.add_metadata("DC", "date", meta.published.isoformat())
    for key, value in (
        ("publisher", meta.publisher),
        ("rights", meta.rights),
        ("description", meta.description),
    ):
        if value:
            book.add_metadata("DC", key, value)
    for subject in pub.subjects():
        book.add_metadata("DC", "subject", subject)
    filed = pub.filing_names()
    for number, (person, element, roles) in enumerate(_people(pub), 1):
        _person(book, element, f"{element}-{number}", person, roles, filed[person.name])
    _series(book, pub)
    book.set_unique_metadata(
        "OPF", "generator", "", {"name": "generator", "content": f"publisher {_version()}"}
    )


def _series(book: epub.EpubBook, pub: Publication) -> None:
    """``belongs-to-collection`` for a book in a series, with its position when known."""
    meta = pub.metadata
    if not meta.series:
        return
    book.add_metadata(
        None, "meta", meta.series, {"property": "belongs-to-collection", "id": "series"}
    )
    book.add_metadata(None, "meta", "series", {"refines": "#series", "property": "collection-type"})
    if meta.series_index is not None:
        book.add_metadata(
            None,
            "meta",
            str(meta.series_index),
            {"refines": "#series", "property": "group-position"},
        )


def _people(pub: Publication) -> list[tuple[Contributor, str, list[Role]]]:
    """Who goes in the metadata, and how. The editors are the book's creators (role ``edt``
    only, so reading systems list them as its authors); everyone credited in an article is a
    contributor, once, with all their roles — an editor who also wrote an article too. In a
    book without editors, the article authors are the creators."""
    editors = pub.metadata.editors
    credited: dict[str, list[Role]] = {}
    people: dict[str, Contributor] = {}
    for chapter in pub.chapters():
        for credit in chapter.article.credits:
            if credit.role is Role.EDITOR and credit.name in {e.name for e in editors}:
                continue
            people.setdefault(credit.name, credit.contributor)
            roles = credited.setdefault(credit.name, [])
            if credit.role not in roles:
                roles.append(credit.role)
    found = [(editor, "creator", [Role.EDITOR]) for editor in editors]
    for name, roles in credited.items():
        lead = not editors and Role.AUTHOR in roles
        found.append((people[name], "creator" if lead else "contributor", roles))
    return sorted(found, key=lambda entry: entry[1] != "creator")  # stable: creators first


def _person(
    book: epub.EpubBook,
    element: str,
    uid: str,
    person: Contributor,
    roles: list[Role],
    file_as: str,
) -> None:
    """One dc:creator or dc:contributor with its roles and its file-as name (every person has
    one: front matter's, else the default of the language's filing rules)."""
    book.add_metadata("DC", element, person.name, {"id": uid})
    for role in dict.fromkeys(role.marc for role in roles):
        book.add_metadata(
            None,
            "meta",
            role,
            {"refines": f"#{uid}", "property": "role", "scheme": "marc:relators"},
        )
    book.add_metadata(None, "meta", file_as, {"refines": f"#{uid}", "property": "file-as"})


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


def _version() -> str:
    try:
        return version("publisher")
    except PackageNotFoundError:
        return "dev"
