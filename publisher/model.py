"""The document model: plain frozen data, built by the loader and only read by backends.

Nothing here does I/O. Paths are kept so that backends can copy asset bytes, but reading
them is the backend's business.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path

from publisher.errors import SourceLocation


class Role(Enum):
    """A contributor's role, as a MARC relator code (what EPUB metadata uses)."""

    AUTHOR = "aut"
    TRANSLATOR = "trl"
    EDITOR = "edt"
    PHOTOGRAPHER = "pht"
    ILLUSTRATOR = "ill"
    CONTRIBUTOR = "ctb"
    REPORTER = "rpt"  # not MARC: shown as "reporting", written as ctb in EPUB
    COMPILER = "com"
    DESIGNER = "dsr"
    CARTOGRAPHER = "ctg"

    @property
    def label(self) -> str:
        """The English term for this role, as printed in credits."""
        return _LABELS[self]

    @property
    def marc(self) -> str:
        """The MARC relator code for metadata (every role has one)."""
        return "ctb" if self is Role.REPORTER else self.value

    @classmethod
    def parse(cls, text: str) -> Role:
        """Accept a relator code (``trl``) or its English term (``translator``)."""
        key = text.strip().lower()
        for role in cls:
            if key in (role.value, role.label, role.name.lower()):
                return role
        raise ValueError(f"unknown role {text!r}")


_LABELS = {
    Role.AUTHOR: "author",
    Role.TRANSLATOR: "translator",
    Role.EDITOR: "editor",
    Role.PHOTOGRAPHER: "photographer",
    Role.ILLUSTRATOR: "illustrator",
    Role.CONTRIBUTOR: "contributor",
    Role.REPORTER: "reporter",
    Role.COMPILER: "compiler",
    Role.DESIGNER: "designer",
    Role.CARTOGRAPHER: "cartographer",
}


@dataclass(frozen=True)
class Contributor:
    """A person credited somewhere in the book."""

    name: str
    file_as: str | None = None


@dataclass(frozen=True)
class Credit:
    """A contributor in a role; ``note`` keeps the original wording when there was one."""

    contributor: Contributor
    role: Role
    note: str | None = None

    @property
    def name(self) -> str:
        """The contributor's display name."""
        return self.contributor.name


@dataclass(frozen=True)
class Source:
    """Where an article first appeared (``name`` None: only the original's language is known)."""

    name: str | None
    url: str | None = None
    language: str | None = None
    published: date | None = None


@dataclass(frozen=True)
class Asset:
    """A file packaged with the book: ``href`` inside the book, ``source`` on disk."""

    href: str
    media_type: str
    source: Path
    kind: str = "image"  # image | cover | font | stylesheet
    alt: str | None = None


@dataclass(frozen=True)
class Heading:
    """A subhead inside an article, for bookmarks and structural navigation."""

    level: int
    text: str
    anchor: str


@dataclass(frozen=True)
class Element:
    """An XHTML element of an article body: its local name, attributes in order, children.

    Attribute names are written as in XHTML (``xml:lang``); children are text (``str``)
    and nodes, in document order."""

    tag: str
    attributes: tuple[tuple[str, str], ...] = ()
    children: tuple[Node, ...] = ()

    def get(self, name: str, default: str | None = None) -> str | None:
        """The value of an attribute, or ``default`` when the element has none."""
        return next((value for key, value in self.attributes if key == name), default)


@dataclass(frozen=True)
class CrossLink:
    """A link to another article of the book (``[see](other.md#tides)``).

    The loader knows the manuscript it names (``path``, from the folder's root, and the
    ``fragment`` as written); the whole-book pass fills in the ``chapter`` (its slug) and
    the ``anchor`` (an id in it, or the slug itself for the article's start). Backends
    write the address: ``#anchor`` in one document, the chapter's file in the EPUB.
    ``attributes`` are the link's own, in order; ``("href", "")`` marks the address's place."""

    path: str
    fragment: str = ""
    attributes: tuple[tuple[str, str], ...] = (("href", ""),)
    children: tuple[Node, ...] = ()
    chapter: str = ""
    anchor: str = ""


@dataclass(frozen=True)
class NoteRef:
    """A call to a note in the text: the number it shows, the note's id, the call's own id
    (where the note leads back to). ``sup``: the call stands alone in a superscript."""

    number: int
    note: str
    id: str = ""
    sup: bool = True


@dataclass(frozen=True)
class Note:
    """A footnote: its id, number and content (blocks, the first a paragraph); ``backlink``
    is the id of its first call. EPUB shows it as a pop-up, print at the foot of the page."""

    id: str
    number: int
    body: tuple[Node, ...]
    backlink: str = ""


@dataclass(frozen=True)
class NoteSection:
    """Where an article lists its notes (the ids of ``Article.notes`` it holds), with
    anything else the manuscript put there (``children``)."""

    notes: tuple[str, ...]
    children: tuple[Node, ...] = ()


Node = str | Element | CrossLink | NoteRef | NoteSection
BODY_TYPES = (Element, CrossLink, NoteRef, Note, NoteSection)  # what a body is made of


def walk(nodes: tuple[Node, ...], notes: tuple[Note, ...] = ()) -> Iterator[Node | Note]:
    """Every node of a body in document order, descending into elements and links; with
    ``notes``, each note's content where its section lists it."""
    by_id = {note.id: note for note in notes}
    stack = list(reversed(nodes))
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, (Element, CrossLink)):
            stack.extend(reversed(node.children))
        elif isinstance(node, NoteSection):
            held = [by_id[n] for n in node.notes if n in by_id]
            stack.extend(reversed((*node.children, *held)))
        elif isinstance(node, Note):
            stack.extend(reversed(node.body))


@dataclass(frozen=True)
class Article:
    """One manuscript, loaded: metadata, credits, the body as XHTML nodes and its notes."""

    slug: str
    title: str
    origin: SourceLocation
    body: tuple[Node, ...]
    subtitle: str | None = None
    short_title: str | None = None  # for the running head, when the title is too long
    lang: str | None = None
    dir: str | None = None  # "ltr", "rtl" or "auto" as the front matter says; None: lang's
    published: date | None = None
    updated: date | None = None
    credits: tuple[Credit, ...] = ()
    source: Source | None = None
    partners: tuple[str, ...] = ()  # outlets it was produced with ("in partnership with")
    place: str | None = None  # where it was filed, as its dateline writes it ("KYIV, Ukraine")
    agency: str | None = None  # the news agency that filed it ("Reuters", "EFE")
    tags: tuple[str, ...] = ()
    summary: str | None = None
    headings: tuple[Heading, ...] = ()
    images: tuple[Asset, ...] = ()
    notes: tuple[Note, ...] = ()
    draft: bool = False  # left out of the book unless --include-drafts

    @property
    def footnote_count(self) -> int:
        """How many notes the article has."""
        return len(self.notes)

    @property
    def anchors(self) -> tuple[str, ...]:
        """Every id the body holds (its elements', its notes' and their calls'), in order."""
        found = []
        for node in walk(self.body, self.notes):
            if isinstance(node, Element | CrossLink):
                found += [value for key, value in node.attributes if key == "id" and value]
            elif isinstance(node, NoteRef | Note) and node.id:
                found.append(node.id)
        return tuple(found)

    @property
    def link_targets(self) -> tuple[str, ...]:
        """The ids its links point at, in this article or (resolved links) another one."""
        found = []
        for node in walk(self.body, self.notes):
            if isinstance(node, Element):
                href = node.get("href") or ""
                found += [href[1:]] if href.startswith("#") and len(href) > 1 else []
            elif isinstance(node, CrossLink) and node.anchor:
                found.append(node.anchor)
            elif isinstance(node, NoteRef) and node.note:
                found.append(node.note)
        return tuple(found)

    @property
    def text(self) -> str:
        """The body's text, notes included, with a space for every element boundary."""
        pieces = []
        for node in walk(self.body, self.notes):
            pieces.append(node if isinstance(node, str) else " ")
            if isinstance(node, NoteRef | Note):
                pieces.append(str(node.number))
        return "".join(pieces)

    def credited(self, role: Role) -> tuple[Credit, ...]:
        """The credits in one role, in manuscript order."""
        return tuple(c for c in self.credits if c.role is role)

    @property
    def authors(self) -> tuple[Credit, ...]:
        """The article's authors."""
        return self.credited(Role.AUTHOR)

    @property
    def translators(self) -> tuple[Credit, ...]:
        """The article's translators."""
        return self.credited(Role.TRANSLATOR)

    @property
    def other_credits(self) -> tuple[Credit, ...]:
        """Credits that are neither author nor translator (editors, photographers…)."""
        return tuple(c for c in self.credits if c.role not in (Role.AUTHOR, Role.TRANSLATOR))


class Matter(Enum):
    """Where a chapter sits in the book."""

    FRONT = "front"
    BODY = "body"
    BACK = "back"


@dataclass(frozen=True)
class Chapter:
    """An article placed in the book: its number and unique slug."""

    slug: str
    number: int | None
    article: Article
    matter: Matter = Matter.BODY


@dataclass(frozen=True)
class Part:
    """A titled group of chapters; a book without parts has one untitled part."""

    title: str | None
    chapters: tuple[Chapter, ...]
    slug: str = ""


@dataclass(frozen=True)
class Metadata:
    """Book-level metadata from publication.toml."""

    title: str
    language: str
    identifier: str
    published: date
    modified: str  # ISO 8601 UTC timestamp, e.g. 2026-11-01T00:00:00Z
    subtitle: str | None = None
    short_title: str | None = None  # for the running head, when the title is too long
    publisher: str | None = None
    rights: str | None = None
    description: str | None = None
    editors: tuple[Contributor, ...] = ()
    subjects: tuple[str, ...] = ()
    cover: Asset | None = None
    series: str | None = None
    series_index: int | None = None
    edition: str | None = None


@dataclass(frozen=True)
class Publication:
    """The whole book: metadata, parts of chapters, and every asset to package."""

    metadata: Metadata
    parts: tuple[Part, ...]
    assets: tuple[Asset, ...] = ()
    output_name: str = "book"
    root: Path = field(default=Path("."))
    labels: tuple[tuple[str, str], ...] = ()  # [labels] of publication.toml: (key, text)

    def chapters(self) -> tuple[Chapter, ...]:
        """Every chapter in reading order."""
        return tuple(ch for part in self.parts for ch in part.chapters)

    def contributors(
        self,
    ) -> tuple[tuple[Contributor, tuple[tuple[Role, tuple[Chapter, ...]], ...]], ...]:
        """Every person in the book with their roles and the chapters they worked on."""
        index: dict[str, dict[Role, list[Chapter]]] = {}
        people: dict[str, Contributor] = {}
        for chapter in self.chapters():
            for credit in chapter.article.credits:
                people.setdefault(credit.name, credit.contributor)
                roles = index.setdefault(credit.name, {})
                chapters = roles.setdefault(credit.role, [])
                if chapter not in chapters:
                    chapters.append(chapter)
        for editor in self.metadata.editors:
            people.setdefault(editor.name, editor)
            index.setdefault(editor.name, {}).setdefault(Role.EDITOR, [])
        ordered = sorted(index, key=lambda n: _sort_key(people[n]))
        return tuple(
            (people[n], tuple((r, tuple(chs)) for r, chs in index[n].items())) for n in ordered
        )


def _sort_key(person: Contributor) -> tuple[str, str]:
    """Sort people by file-as name, else by the last word of their name; accents count only
    between names that are otherwise equal (Río sorts with Rio, before Ruiz)."""
    words = person.name.split()
    name = (person.file_as or " ".join(words[-1:] + words[:-1])).casefold()
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return bare, name
