"""The document model: plain frozen data, built by the loader and only read by backends.

Nothing here does I/O. Paths are kept so that backends can copy asset bytes, but reading
them is the backend's business.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field, replace
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
PDF_VARIANTS = ("pdf/ua-1", "pdf/a-2b", "pdf/a-3b", "pdf/x-4", "none")
MARKS = ("crop", "cross")
PROFILES = ("print", "screen")
_POINTS = {"pt": 1.0, "in": 72.0, "mm": 72 / 25.4, "cm": 72 / 2.54, "pc": 12.0, "px": 0.75}
_POINTS["q"] = _POINTS["mm"] / 4


def css_points(length: str) -> float:
    """A CSS length with an absolute unit ('0.125in', '3mm', '0') in PDF points."""
    text = length.strip().lower()
    number = text.rstrip("abcdefghijklmnopqrstuvwxyz")
    unit = text[len(number) :] or "pt"
    return float(number) * _POINTS[unit]


@dataclass(frozen=True)
class PrintSettings:
    """Print settings from ``[pdf]`` in publication.toml; CSS lengths as written.

    ``profile`` says which job they describe: ``print`` (as configured) or ``screen``
    (derived by ``for_screen``: no bleed or marks, symmetric margins, any-page starts).
    """

    trim: str = "6x9in"
    bleed: str = "0in"
    marks: tuple[str, ...] = ()  # "crop", "cross"
    variant: str = "pdf/ua-1"  # one of PDF_VARIANTS
    font_size: str = "10.5pt"
    margin_inner: str = "0.875in"
    margin_outer: str = "0.625in"
    margin_top: str = "0.75in"
    margin_bottom: str = "0.8in"
    chapter_start: str = "right"  # "right" | "any"
    printing: int = 1  # the printing line on the copyright page counts down to this
    cover: bool = False  # also write the print cover: back, spine and front on one sheet
    page_thickness: str = "0.0025in"  # paper per page, for the spine's width
    profile: str = "print"  # one of PROFILES

    @property
    def page_size(self) -> str:
        """The trim as CSS page-size lengths: a preset name resolved, or 'W H' as written."""
        return TRIM_SIZES.get(self.trim.lower(), self.trim)

    @property
    def trim_points(self) -> tuple[float, float]:
        """Trim width and height in PDF points."""
        width, height = self.page_size.split()
        return css_points(width), css_points(height)

    @property
    def text_width(self) -> float:
        """The width of the text block in PDF points: the trim less both side margins."""
        return self.trim_points[0] - css_points(self.margin_inner) - css_points(self.margin_outer)

    @property
    def text_height(self) -> float:
        """The height of the text block in PDF points: the trim less top and bottom margins."""
        return self.trim_points[1] - css_points(self.margin_top) - css_points(self.margin_bottom)

    def spine_width(self, pages: int) -> float:
        """The spine of a book of ``pages`` pages, in PDF points (pages × page thickness)."""
        return pages * css_points(self.page_thickness)

    @property
    def bleed_points(self) -> float:
        """The bleed in PDF points."""
        return css_points(self.bleed)

    def for_screen(self) -> PrintSettings:
        """The reading-on-screen profile: same page and type, no bleed, marks or blank pages,
        margins equal on both sides, and no PDF/X (a press standard) for a screen file."""
        side = (css_points(self.margin_inner) + css_points(self.margin_outer)) / 2
        return replace(
            self,
            bleed="0in",
            marks=(),
            chapter_start="any",
            cover=False,  # a cover is for the press
            margin_inner=f"{side:.2f}pt",
            margin_outer=f"{side:.2f}pt",
            variant="pdf/ua-1" if self.variant.startswith("pdf/x") else self.variant,
            profile="screen",
        )


@dataclass(frozen=True)
class Publication:
    """The whole book: metadata, parts of chapters, and every asset to package."""

    metadata: Metadata
    parts: tuple[Part, ...]
    assets: tuple[Asset, ...] = ()
    output_name: str = "book"
    root: Path = field(default=Path("."))
    pdf: PrintSettings = field(default_factory=PrintSettings)
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
