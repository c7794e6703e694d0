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

from publisher.model import (
    Article,
    Chapter,
    CrossLink,
    Element,
    Node,
    Note,
    NoteRef,
    NoteSection,
    Part,
)

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
    ids = article.anchors
    clashes = [i for i in ids if i in used]
    if clashes:
        article = _renamed(article, _new_names(clashes, used | set(ids)))
        ids = article.anchors
    used.update(ids)
    return replace(chapter, article=article) if clashes else chapter


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
    """The article with ids renamed, and every link inside it to them (calls and notes
    included); links to other articles are not resolved yet, so none point here."""
    rename = _Renamer(names)
    headings = tuple(replace(h, anchor=names.get(h.anchor, h.anchor)) for h in article.headings)
    return replace(
        article,
        body=rename.nodes(article.body),
        notes=tuple(rename.note(note) for note in article.notes),
        headings=headings,
    )


class _Renamer:
    """Renames ids (``id`` attributes, notes, calls) and ``#`` links to them in nodes."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names

    def nodes(self, nodes: tuple[Node, ...]) -> tuple[Node, ...]:
        return tuple(self.node(node) for node in nodes)

    def node(self, node: Node) -> Node:
        name = self.names.get
        if isinstance(node, Element | CrossLink):
            return replace(
                node,
                attributes=self.attributes(node.attributes),
                children=self.nodes(node.children),
            )
        if isinstance(node, NoteRef):
            return replace(node, note=name(node.note, node.note), id=name(node.id, node.id))
        if isinstance(node, NoteSection):
            notes = tuple(name(n, n) for n in node.notes)
            return replace(node, notes=notes, children=self.nodes(node.children))
        return node

    def note(self, note: Note) -> Note:
        name = self.names.get
        return replace(
            note,
            id=name(note.id, note.id),
            backlink=name(note.backlink, note.backlink),
            body=self.nodes(note.body),
        )

    def attributes(self, attributes: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
        renamed = []
        for key, value in attributes:
            if key == "id":
                value = self.names.get(value, value)
            elif key == "href" and value.startswith("#"):
                value = "#" + self.names.get(value[1:], value[1:])
            renamed.append((key, value))
        return tuple(renamed)
