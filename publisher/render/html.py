"""Publication → HTML: XHTML pages for the EPUB and one book document for the PDF.

Both come from the same partial templates (title page, colophon, article, credits), so the
two outputs always say the same thing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from publisher.model import Article, Chapter, Element, Publication, Role, walk
from publisher.render.labels import Labels, labels_for
from publisher.render.theme import Theme

CSS_HREF = "css/book.css"


@dataclass(frozen=True)
class Page:
    """One XHTML document of the EPUB, in reading order."""

    file_name: str
    title: str
    html: str
    landmark: str | None = None  # epub:type used in the landmarks nav
    properties: tuple[str, ...] = ()
    in_toc: bool = False


def context(pub: Publication, **extra: Any) -> dict[str, Any]:
    """What every template receives: the publication, its metadata, its labels (``t``,
    publisher/render/labels.py) and the Role enum."""
    meta = pub.metadata
    return {
        "pub": pub,
        "meta": meta,
        "lang": meta.language,
        "t": book_labels(pub),
        "Role": Role,
        "css_href": CSS_HREF,
        "has_parts": any(p.title for p in pub.parts),
        **extra,
    }


def chapter_file(chapter: Chapter) -> str:
    """The EPUB file name of a chapter."""
    return f"{chapter.slug}.xhtml"


def book_labels(pub: Publication) -> Labels:
    """The words of this book: its language's, with the publication's own ``[labels]``."""
    return labels_for(pub.metadata.language, dict(pub.labels))


# The EPUB's contributors index: its last page, as in print (partials/contributors.html.j2).
CONTRIBUTORS = "contributors.xhtml"
# The EPUB's front pages in spine order: (file and template name, title label, landmark type).
FRONT_PAGES = (
    ("cover", "cover", "cover"),
    ("titlepage", "title_page", "titlepage"),
    ("colophon", "copyright", "copyright-page"),
)


def epub_pages(
    pub: Publication,
    theme: Theme,
    paginate: Callable[[list[Page]], tuple[list[Page], Sequence[Any]]] | None = None,
) -> list[Page]:
    """Every XHTML document of the EPUB, rendered, in spine order (nav included).

    ``paginate`` may change the reading-order pages before the navigation document is made
    and return entries for its page-list (the print edition's page breaks, backends/epub)."""
    files = {chapter.slug: chapter_file(chapter) for chapter in pub.chapters()}
    ctx = context(pub, chapter_file=chapter_file, chapter_files=files)
    meta, t = pub.metadata, ctx["t"]
    pages = [
        Page(f"{name}.xhtml", t.texts[title], theme.render(f"epub/{name}.xhtml.j2", **ctx), mark)
        for name, title, mark in FRONT_PAGES
        if meta.cover or name != "cover"
    ]
    nav_index = len(pages)
    first_body = True
    for part in pub.parts:
        if part.title:
            pages.append(
                Page(
                    f"{part.slug}.xhtml",
                    part.title,
                    theme.render("epub/part.xhtml.j2", part=part, **ctx),
                    landmark="bodymatter" if first_body else None,
                    in_toc=True,
                )
            )
            first_body = False
        for chapter in part.chapters:
            html = theme.render("epub/chapter.xhtml.j2", chapter=chapter, **ctx)
            pages.append(
                Page(
                    chapter_file(chapter),
                    chapter.article.title,
                    html,
                    landmark="bodymatter" if first_body else None,
                    in_toc=True,
                    properties=("mathml",) if _has_formulas(chapter.article) else (),
                )
            )
            first_body = False
    if pub.contributors():
        html = theme.render("epub/contributors.xhtml.j2", chunk=None, **ctx)
        pages.append(Page(CONTRIBUTORS, t.texts["contributors"], html, landmark="index"))
    page_list: Sequence[Any] = ()
    if paginate is not None:
        pages, page_list = paginate(pages)
    landmarks = [
        *pages[:nav_index],
        Page("nav.xhtml", t.texts["contents"], "", landmark="toc"),
        *pages[nav_index:],
    ]
    marks = [p for p in landmarks if p.landmark]
    index = CONTRIBUTORS if any(p.file_name == CONTRIBUTORS for p in pages) else None
    nav = theme.render(
        "epub/nav.xhtml.j2", landmarks=marks, page_list=page_list, contributors_page=index, **ctx
    )
    nav_page = Page("nav.xhtml", t.texts["contents"], nav, landmark="toc", properties=("nav",))
    pages.insert(nav_index, nav_page)
    return pages


def _has_formulas(article: Article) -> bool:
    """Whether an article holds MathML (the EPUB says so of its file)."""
    return any(
        isinstance(n, Element) and n.tag == "math" for n in walk(article.body, article.notes)
    )


def print_document(pub: Publication, theme: Theme, css: str, settings: Any) -> str:
    """The whole book as one HTML document for WeasyPrint; ``settings`` are the print
    settings (config/printing.py) the templates see as ``pdf``."""
    return theme.render("print/book.html.j2", css=css, **context(pub, pdf=settings))
