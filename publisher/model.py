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
    file_as: str | None = None  # from front matter: wins over the language's default

    def sort_name(self, language: str = "en") -> str:
        """The name as filed in indexes and metadata ("Berg, Jan van der")."""
        return self.file_as or file_as(self.name, language)


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
    """A file packaged with the book: ``href`` inside the book, ``source`` on disk.

    For an image the loader checked, ``source`` is the build's private copy of the bytes it
    checked, ``origin`` the file they were read from and ``digest`` their SHA-256: the
    backends package what was checked, whatever happens to ``origin`` meanwhile. Where the
    copy lies is no part of what the asset is (not compared, not in its repr): two builds
    of one book make equal publications, so keys made from them stay stable.
    """

    href: str
    media_type: str
    source: Path = field(compare=False, repr=False)
    kind: str = "image"  # image | cover | font | stylesheet
    alt: str | None = None
    origin: Path | None = None
    digest: str | None = None


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
    intro: str | None = None  # text printed on the part's opener, paragraphs by blank lines
    label: str | None = None  # the label above its title ("Part One"); None: the default


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
    cover_credit: str | None = None  # who made the cover's art, for the copyright page


@dataclass(frozen=True)
class Publication:
    """The whole book: metadata, parts of chapters, and every asset to package."""

    metadata: Metadata
    parts: tuple[Part, ...]
    assets: tuple[Asset, ...] = ()
    output_name: str = "book"
    root: Path = field(default=Path("."))
    labels: tuple[tuple[str, str], ...] = ()  # [labels] of publication.toml: (key, text)
    nav_subheads: bool = False  # nav_subheads of publication.toml: subheads in the contents

    def chapters(self) -> tuple[Chapter, ...]:
        """Every chapter in reading order."""
        return tuple(ch for part in self.parts for ch in part.chapters)

    def contributors(
        self,
    ) -> tuple[tuple[Contributor, tuple[tuple[Role, tuple[Chapter, ...]], ...]], ...]:
        """Every person in the book with their roles and the chapters they worked on, in
        filing order."""
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
        filed = self.filing_names()
        ordered = sorted(index, key=lambda n: _sort_key(filed[n]))
        return tuple(
            (people[n], tuple((r, tuple(chs)) for r, chs in index[n].items())) for n in ordered
        )

    def subjects(self) -> tuple[str, ...]:
        """The book's subjects, then every article tag in reading order, each once (compared
        without case or extra spaces: "Ferries" and "ferries" are one subject)."""
        seen: dict[str, str] = {}
        tags = (t for ch in self.chapters() for t in ch.article.tags)
        for subject in (*self.metadata.subjects, *tags):
            text = " ".join(subject.split())
            if text:
                seen.setdefault(text.casefold(), text)
        return tuple(seen.values())

    def filing_names(self) -> dict[str, str]:
        """Each person's file-as name: front matter's, else the default for the language of
        the first article crediting them (see ``_name_language``; the book's for editors)."""
        filed = {e.name: e.sort_name(self.metadata.language) for e in self.metadata.editors}
        for chapter in self.chapters():
            for credit in chapter.article.credits:
                if credit.contributor.file_as or credit.name not in filed:
                    lang = _name_language(chapter.article, credit.role, self.metadata.language)
                    filed[credit.name] = credit.contributor.sort_name(lang)
        return filed


def _name_language(article: Article, role: Role, book: str) -> str:
    """The language whose filing rules a credited name follows: for the author of a
    translation, the original's (a Spanish writer translated into English keeps both
    surnames); else the article's, else the book's."""
    original = article.source.language if article.source else None
    if role is Role.AUTHOR and original:
        return original
    return article.lang or book


def _sort_key(filed: str) -> tuple[str, str]:
    """Sort by file-as name; accents count only between names that are otherwise equal
    (Río sorts with Rio, before Ruiz)."""
    name = filed.casefold()
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return bare, name


# Name filing rules (docs/decisions.md, "Filing names"). A particle is a word that may stand
# before a surname; where it files depends on the language and, in English, French and Italian
# usage, on its case ("Ludwig van Beethoven" under B, "Martin Van Buren" under V).
_PARTICLES = frozenset(
    [
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "delle",
        "degli",
        "dei",
        "di",
        "da",
        "das",
        "dos",
        "do",
        "du",
        "des",
        "la",
        "las",
        "los",
        "le",
        "lo",
        "von",
        "zu",
        "vom",
        "zum",
        "und",
        "ter",
        "ten",
        "te",
        "'t",
        "d'",
        "y",
        "e",
        "i",
    ]
)
_PARTICLES_ANY_CASE = frozenset({"nl", "de", "af", "es", "pt", "ca", "gl"})
_CONJUNCTIONS = frozenset({"y", "e", "i"})  # Ortega y Gasset; only between surnames
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "v", "junior", "senior"})
_KIN = frozenset({"filho", "filha", "neto", "neta", "sobrinho", "sobrinha", "júnior", "junior"})
_FAMILY_FIRST = frozenset({"zh", "ja", "ko", "hu"})
# Second given names that make a three-word Spanish name "given given surname" (Jorge Luis
# Borges) rather than "given surname surname" (Gabriel García Márquez).
_GIVEN_ES = frozenset(
    [
        "josé",
        "luis",
        "carlos",
        "maría",
        "maria",
        "antonio",
        "manuel",
        "miguel",
        "ángel",
        "angel",
        "juan",
        "ana",
        "isabel",
        "pablo",
        "francisco",
        "javier",
        "jesús",
        "pedro",
        "rosa",
        "teresa",
        "josefa",
        "carmen",
        "elena",
        "inés",
        "ignacio",
        "alberto",
        "andrés",
        "alfonso",
        "esteban",
        "felipe",
        "fernando",
        "gabriel",
        "jorge",
        "ramón",
        "rafael",
        "vicente",
        "enrique",
    ]
)


def file_as(name: str, language: str = "en") -> str:
    """The default file-as form of a personal name ("Surname, Given"), by the filing rules
    of the name's language (the article's, else the book's)."""
    words = name.split()
    lang = language.split("-")[0].lower()
    if len(words) < 2 or ("," in name and not _suffix(words)):
        return name
    suffix = ""
    if _suffix(words):
        suffix = words.pop().strip(",")
        words[-1] = words[-1].rstrip(",")
    if lang in _FAMILY_FIRST:
        inverted = f"{words[0]}, {' '.join(words[1:])}"
    else:
        given, surname, trailing = _split(words, lang)
        inverted = ", ".join(p for p in (" ".join(surname), " ".join(given + trailing)) if p)
    return f"{inverted}, {suffix}" if suffix else inverted


def _suffix(words: list[str]) -> bool:
    return len(words) > 2 and words[-1].strip(",").lower() in _SUFFIXES


def _split(words: list[str], lang: str) -> tuple[list[str], list[str], list[str]]:
    """Given names, surname, and the particles filed after the given names."""
    units = _units(words, lang)
    count = 1
    if lang in ("es", "ca", "gl") and len(units) >= 3:
        middle = units[-2].split()
        two_given = len(units) == 3 and len(middle) == 1 and middle[0].lower() in _GIVEN_ES
        count = 1 if two_given else 2
    elif lang == "pt" and len(units) >= 3 and units[-1].lower() in _KIN:
        count = 2
    given = [w for u in units[:-count] for w in u.split()]
    surname = " ".join(units[-count:]).split()
    trailing: list[str] = []
    while len(surname) > 1 and _is_particle(surname[0], lang):
        trailing.append(surname.pop(0))
    return given, surname, trailing


def _units(words: list[str], lang: str) -> list[str]:
    """Words grouped into name units: particles of any case join the word after them (a
    capitalised one stays in the surname: "Van Buren"), and a conjunction joins two
    surnames (Ortega y Gasset)."""
    units: list[str] = []
    pending: list[str] = []
    for index, word in enumerate(words):
        last = index == len(words) - 1
        if index and not last and word.lower() in _PARTICLES:
            pending.append(word)
            continue
        if pending and pending[-1].lower() in _CONJUNCTIONS and units:
            units[-1] = " ".join([units[-1], *pending, word])
        else:
            units.append(" ".join([*pending, word]))
        pending = []
    return units


def _is_particle(word: str, lang: str) -> bool:
    if word.lower() not in _PARTICLES:
        return False
    return lang in _PARTICLES_ANY_CASE or word[:1].islower()
