"""The document model: plain frozen data, built by the loader and only read by backends.

Nothing here does I/O. Paths are kept so that backends can copy asset bytes, but reading
them is the backend's business.
"""

from __future__ import annotations

import unicodedata
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
class Article:
    """One manuscript, loaded: metadata, credits and a well-formed XHTML body fragment."""

    slug: str
    title: str
    origin: SourceLocation
    body_html: str
    subtitle: str | None = None
    short_title: str | None = None  # for the running head, when the title is too long
    lang: str | None = None
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
    footnote_count: int = 0
    draft: bool = False  # left out of the book unless --include-drafts

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
