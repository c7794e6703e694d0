"""Ids and slugs unique across the whole book, not only within one article.

The EPUB has one file per chapter, but the PDF is one document: an id used twice there
sends a link or a bookmark to the wrong place. Chapter slugs avoid the names of the
book's own pages and ids; article bodies prefix their ids with the slug, and the few that
still collide with an id elsewhere in the book (``ferry.md``'s heading "Timetable" and a
chapter ``ferry-timetable.md``) get a numbered suffix.
"""

from __future__ import annotations

import re
from dataclasses import replace

from publisher.model import Article, Chapter, Part

# File stems and ids the book's own pages use (render/html.py and the templates).
RESERVED = {
    "colophon",
    "colophon-title",
    "contributors",
    "contributors-title",
    "cover",
    "css",
    "fonts",
    "images",
    "landmarks",
    "landmarks-title",
    "nav",
    "titlepage",
    "toc",
    "toc-title",
}
_TAG = re.compile(r"<[^<>]+>")
_ATTR = re.compile(r'(\s(?:id|href)=")(#?)([^"]*)(")')


def reserved_names(part_count: int) -> set[str]:
    """Names no chapter slug may take: the book's pages, their ids, the part ids."""
    parts = {f"part-{n}{end}" for n in range(1, part_count + 1) for end in ("", "-title")}
    return RESERVED | parts


def unique_slug(stem: str, taken: set[str]) -> str:
    """A slug for a file stem: URL- and id-safe, unused, and so is ``<slug>-title``."""
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "chapter"
    if not slug[0].isalpha():
        slug = f"ch-{slug}"
    candidate, n = slug, 2
    while candidate in taken or f"{candidate}-title" in taken:
        candidate, n = f"{slug}-{n}", n + 1
    taken.update((candidate, f"{candidate}-title"))
    return candidate


def book_unique_ids(parts: list[Part], taken: set[str]) -> list[Part]:
    """Rename body ids that collide with ``taken`` or with an earlier chapter's ids."""
    used = set(taken)
    result = []
    for part in parts:
        chapters = [_unique_in_book(chapter, used) for chapter in part.chapters]
        result.append(replace(part, chapters=tuple(chapters)))
    return result


def _unique_in_book(chapter: Chapter, used: set[str]) -> Chapter:
    article = chapter.article
    ids = _ids(article.body_html)
    clashes = [i for i in ids if i in used]
    if clashes:
        article = _renamed(article, _new_names(clashes, used | set(ids)))
        ids = _ids(article.body_html)
    used.update(ids)
    return replace(chapter, article=article) if clashes else chapter


def _ids(html: str) -> list[str]:
    return [
        m.group(3) for tag in _TAG.findall(html) for m in _ATTR.finditer(tag) if "id=" in m.group(1)
    ]


def _new_names(clashes: list[str], avoid: set[str]) -> dict[str, str]:
    names = {}
    for old in clashes:
        n = 2
        while f"{old}-{n}" in avoid:
            n += 1
        names[old] = f"{old}-{n}"
        avoid.add(names[old])
    return names


def _renamed(article: Article, names: dict[str, str]) -> Article:
    def attr(match: re.Match) -> str:
        start, hash_, value, end = match.groups()
        is_id = "id=" in start
        if (is_id and not hash_) or (not is_id and hash_):
            value = names.get(value, value)
        return f"{start}{hash_}{value}{end}"

    html = _TAG.sub(lambda tag: _ATTR.sub(attr, tag.group(0)), article.body_html)
    headings = tuple(replace(h, anchor=names.get(h.anchor, h.anchor)) for h in article.headings)
    return replace(article, body_html=html, headings=headings)
