"""Where each print page begins, in terms both editions share: the EPUB's page-list.

The print document and the EPUB pages are rendered from the same templates and article
bodies, so a place in the book can be named without either format's markup: the **scope**
(the ``id`` of a chapter or part section, or the class of a display page: ``titlepage``,
``colophon``, ``toc``…), the **block** (the index of a text block — paragraph, heading, list
item, figure… — in that scope, in document order, notes left out) and the **offset** (how
many non-space characters of the block come before the page's first one). The PDF backend
reads these from WeasyPrint's laid-out pages (backends/pdf/pagemap.py); the EPUB backend puts
a page-break marker at each (backends/epub/pagelist.py). Both use the helpers below on their
own trees (lxml for the EPUB, ElementTree for WeasyPrint), so both count the same way.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Display pages without an id, by class, as both editions mark them.
SCOPE_CLASSES = ("half-title", "titlepage", "colophon", "toc", "contributors")
SCOPE_TAGS = ("section", "nav", "div")
BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "pre", "figure", "table"}
    | {"figcaption", "caption", "td", "th", "hr", "img"}
)
NOTE_ROLES = ("doc-noteref", "doc-footnote", "doc-endnotes", "doc-backlink")
NOTE_CLASSES = ("footnote", "footnotes", "noteref", "backlink")

Parent = Callable[[Any], Any]  # element → its parent (or None): lxml's getparent, or a map


@dataclass(frozen=True)
class PageStart:
    """Where one print page begins: its label and its place (see the module docstring).

    ``scope`` None: the page holds nothing of the EPUB's (a blank verso); its marker goes
    with the next page's."""

    label: str
    scope: str | None = None
    block: int = 0
    offset: int = 0


@dataclass(frozen=True)
class PageMap:
    """Every print page of the edition, in order, and what it was laid out from (``key``)."""

    pages: tuple[PageStart, ...]
    key: str = ""


def numbered(starts: list[PageStart], key: str = "") -> PageMap:
    """The page map of a whole book: each page labelled with its number, as printed."""
    return PageMap(
        tuple(PageStart(str(n), s.scope, s.block, s.offset) for n, s in enumerate(starts, 1)),
        key,
    )


def local_name(element: Any) -> str:
    """An element's tag without its namespace ('' for comments and the like)."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def scope_name(element: Any) -> str | None:
    """The name an element gives a scope, or None when it is not a scope's root."""
    if local_name(element) not in SCOPE_TAGS:
        return None
    classes = (element.get("class") or "").split()
    for name in SCOPE_CLASSES:
        if name in classes:
            return name
    if (
        local_name(element) == "section"
        and element.get("id")
        and ("chapter" in classes or "part" in classes)
    ):
        return element.get("id")
    return None


def is_note(element: Any) -> bool:
    """Notes and note calls: placed differently in print and EPUB, so never counted."""
    classes = (element.get("class") or "").split()
    return element.get("role") in NOTE_ROLES or any(c in NOTE_CLASSES for c in classes)


def enclosing(element: Any, parent: Parent) -> tuple[str | None, Any | None, bool]:
    """(scope, innermost block, inside a note) for an element, walking up its ancestors."""
    block, noted = None, False
    node = element
    while node is not None:
        if is_note(node):
            noted = True
        if block is None and local_name(node) in BLOCK_TAGS:
            block = node
        name = scope_name(node)
        if name:
            return name, block, noted
        node = parent(node)
    return None, block, noted


def blocks(scope: Any) -> list[Any]:
    """The text blocks of a scope in document order, those inside notes left out."""
    found: list[Any] = []

    def visit(element: Any) -> None:
        if is_note(element):
            return
        if local_name(element) in BLOCK_TAGS:
            found.append(element)
        for child in element:
            visit(child)

    visit(scope)
    return found


def text_runs(block: Any) -> Iterator[tuple[Any, str, bool]]:
    """The text of a block in order, as (element, text, is_tail), notes left out; nested
    blocks are part of their parent's text too (an offset counts them)."""

    def visit(element: Any) -> Iterator[tuple[Any, str, bool]]:
        if not is_note(element):
            if element.text:
                yield element, element.text, False
            for child in element:
                yield from visit(child)
        if element is not block and element.tail:
            yield element, element.tail, True

    yield from visit(block)


def visible(text: str) -> str:
    """The characters an offset counts: no white space, no soft hyphens."""
    return "".join(ch for ch in text if not ch.isspace() and ch != "\u00ad")


def layout_key(pub: Any, theme: Any, settings: Any) -> str:
    """What a print layout depends on, as a cache key: the publication, the theme's files,
    the fonts, the print settings, and publisher's rendering code (no WeasyPrint needed,
    so an EPUB-only build can find the page map of an earlier print build)."""
    digest = hashlib.sha256(b"page-map-1\0" + repr((pub, settings)).encode())
    checked = [asset for asset in pub.assets if asset.digest]  # content known: no path
    digest.update(repr([(asset.href, asset.digest) for asset in checked]).encode())
    files = [asset.source for asset in pub.assets if not asset.digest]
    files += [font.source for font in theme.fonts]
    for folder in theme.folders:
        files += sorted(p for p in folder.rglob("*") if p.is_file())
    package = Path(__file__).resolve().parent.parent
    files += sorted((package / "render").glob("*.py")) + sorted(
        (package / "backends").rglob("*.py")
    )
    for path in files:
        try:
            digest.update(str(path).encode() + b"\0" + path.read_bytes())
        except OSError:
            digest.update(str(path).encode() + b"\0missing")
    return digest.hexdigest()


def to_data(page_map: PageMap) -> list[list[Any]]:
    """The page map as plain lists, for the cache."""
    return [[p.label, p.scope, p.block, p.offset] for p in page_map.pages]


def from_data(data: Any, key: str) -> PageMap | None:
    """A page map back from the cache's lists, or None when they are not one."""
    try:
        return PageMap(tuple(PageStart(str(a), b, int(c), int(d)) for a, b, c, d in data), key)
    except (TypeError, ValueError):
        return None
