"""The copyright page's lines: the book's own, then one for every piece and translation.

A piece's copyright dates from its first publication: the source's date, else the article's
own, else the book's. Its translation dates from the article's date when the article names a
dated source it was translated from, else from the book's (a translation made for the book).
Only pieces with authors get a line, and only translated pieces a translation line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import markupsafe

from publisher.model import Article, Publication
from publisher.render.direction import isolated_list

Names = Callable[[Iterable[Any]], str]  # Labels.names: 'A, B and C' in the book's words


@dataclass(frozen=True)
class PieceRights:
    """One piece's rights: what the copyright page says of it."""

    title: str
    lang: str | None
    year: int
    authors: markupsafe.Markup  # the names, each isolated in a <bdi> of its direction
    source: str | None  # where it was first published: "El Faro de Arenillas"
    source_year: int | None
    translators: markupsafe.Markup | None
    translation_year: int | None


def piece_rights(pub: Publication, names: Names) -> tuple[PieceRights, ...]:
    """Every piece with authors, in reading order; ``names`` joins a list of names in the
    book's words (Labels.names)."""
    year = pub.metadata.published.year
    return tuple(
        _rights(chapter.article, year, names)
        for chapter in pub.chapters()
        if chapter.article.authors
    )


def holder(pub: Publication, names: Names) -> markupsafe.Markup | str:
    """Whose the book's copyright is when ``rights`` does not say: its editors', else its
    publisher's."""
    meta = pub.metadata
    if meta.editors:
        return isolated_list(names, meta.editors)
    return meta.publisher or meta.title


def _rights(article: Article, book_year: int, names: Names) -> PieceRights:
    source = article.source
    dated = source.published if source and source.published else article.published
    year = dated.year if dated else book_year
    first = source.name if source and source.name else None
    translators = isolated_list(names, article.translators) if article.translators else None
    translated = None
    if translators:
        own = source is not None and source.published is not None
        translated = article.published.year if own and article.published else book_year
        translated = max(translated, year)
    return PieceRights(
        title=article.title,
        lang=article.lang,
        year=year,
        authors=isolated_list(names, article.authors),
        source=first,
        source_year=year if first and dated else None,
        translators=translators,
        translation_year=translated,
    )
