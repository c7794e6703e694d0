"""Accessibility metadata (schema.org + EPUB Accessibility 1.1) derived from the rendered book.

Nothing here is declared by hand: the XHTML pages are inspected with lxml and each claim is
made only when the content supports it — ``visual`` only when there are images besides the
cover, ``alternativeText`` only when every one of them has alt text, ``MathML`` only when
there is MathML, a conformance claim only when nothing known breaks it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree
from PIL import Image

from publisher.model import Asset
from publisher.render.html import Page
from publisher.render.labels import ENGLISH_LABELS

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
MATHML = "http://www.w3.org/1998/Math/MathML"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
CONFORMANCE = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"


@dataclass(frozen=True)
class ContentFacts:
    """What the pages of a book contain, as far as accessibility claims are concerned."""

    images: int = 0  # content images (the cover is not counted)
    images_without_alt: int = 0
    tables: int = 0
    tables_without_headers: int = 0
    math: int = 0
    footnotes: int = 0
    has_toc: bool = False
    has_landmarks: bool = False
    headed_documents: int = 0  # reading-order documents with a heading (the cover is exempt)
    documents: int = 0
    aria_roles: bool = False
    languages: tuple[str, ...] = ()  # languages other than the book's, in order of appearance
    animated_images: int = 0
    page_breaks: int = 0  # print page-break markers in the reading order
    has_page_list: bool = False

    @property
    def all_images_described(self) -> bool:
        """True when every content image has non-empty alt text (vacuously true with none)."""
        return self.images_without_alt == 0


def survey(pages: Iterable[Page], book_language: str, assets: Iterable[Asset] = ()) -> ContentFacts:
    """Inspect every rendered XHTML page (and the image files) and count what matters."""
    counts = _Counts(book_language)
    for page in pages:
        counts.add(page)
    animated = sum(1 for asset in assets if asset.kind != "cover" and _is_animated(asset))
    return counts.facts(animated)


def metadata(facts: ContentFacts, book_language: str) -> list[tuple[str, str]]:
    """The package metadata as (property, value) pairs, in the order they are written."""
    pairs = [("schema:accessMode", "textual")]
    if facts.images:
        pairs.append(("schema:accessMode", "visual"))
    pairs += [("schema:accessModeSufficient", mode) for mode in sufficient_modes(facts)]
    pairs += [("schema:accessibilityFeature", feature) for feature in features(facts)]
    pairs += [("schema:accessibilityHazard", hazard) for hazard in hazards(facts)]
    pairs.append(("schema:accessibilitySummary", summary(facts, book_language)))
    if conforms(facts):
        pairs.append(("dcterms:conformsTo", CONFORMANCE))
    return pairs


def sufficient_modes(facts: ContentFacts) -> list[str]:
    """Text alone suffices unless some image has no text alternative."""
    if not facts.images:
        return ["textual"]
    if facts.all_images_described:
        return ["textual", "textual,visual"]
    return ["textual,visual"]


def features(facts: ContentFacts) -> list[str]:
    """accessibilityFeature values the content actually supports."""
    found = []
    if facts.has_toc:
        found.append("tableOfContents")
    if facts.documents and facts.headed_documents == facts.documents:
        found.append("structuralNavigation")
    found += ["readingOrder", "displayTransformability"]
    if facts.images and facts.all_images_described:
        found.append("alternativeText")
    if facts.aria_roles:
        found.append("ARIA")
    if facts.math:
        found.append("MathML")
    if facts.page_breaks and facts.has_page_list:
        found += ["printPageNumbers", "pageBreakMarkers"]
    return found


def hazards(facts: ContentFacts) -> list[str]:
    """``none``, unless an animated image might flash (we cannot tell whether it does)."""
    if facts.animated_images:
        return ["unknownFlashingHazard", "noMotionSimulationHazard", "noSoundHazard"]
    return ["none"]


def conforms(facts: ContentFacts) -> bool:
    """Claim WCAG AA only when nothing we can detect breaks it (an undescribed image does)."""
    return facts.all_images_described and facts.has_toc and not facts.animated_images


def summary(facts: ContentFacts, book_language: str) -> str:
    """A plain-English accessibility summary built from the facts."""
    sentences = [_conformance_sentence(facts), _navigation_sentence(facts)]
    sentences.append(
        "The reading order is the order of the text, and the reading system can change the "
        "font, size, spacing and colours."
    )
    if facts.images:
        sentences.append(_image_sentence(facts))
    if facts.tables:
        sentences.append(_table_sentence(facts))
    if facts.math:
        sentences.append("Mathematics is written in MathML.")
    if facts.footnotes:
        sentences.append(
            f"{_count(facts.footnotes, 'footnote')}, linked both ways with the text "
            "and marked up so reading systems can show them as pop-ups."
        )
    if facts.page_breaks and facts.has_page_list:
        sentences.append(
            "The page numbers of the print edition are marked in the text and listed in a "
            "page list."
        )
    if facts.languages:
        names = _join([ENGLISH_LABELS.language_name(code) for code in facts.languages])
        sentences.append(f"Passages in {names} are marked with their language.")
    sentences.append(_hazard_sentence(facts))
    return " ".join(sentence for sentence in sentences if sentence)


def _conformance_sentence(facts: ContentFacts) -> str:
    if conforms(facts):
        return (
            "This publication meets the EPUB Accessibility 1.1 requirements at WCAG 2.2 Level AA."
        )
    reasons = []
    if not facts.all_images_described:
        reasons.append("some images have no text alternative")
    if not facts.has_toc:
        reasons.append("it has no table of contents")
    if facts.animated_images:
        reasons.append("animated images have not been checked for flashing")
    return f"This publication does not claim WCAG conformance, because {_join(reasons)}."


def _navigation_sentence(facts: ContentFacts) -> str:
    parts = ["a table of contents"] if facts.has_toc else []
    if facts.has_landmarks:
        parts.append("landmarks")
    if "structuralNavigation" in features(facts):
        parts.append("headings that start every section")
    return f"It has {_join(parts)} for navigation." if parts else ""


def _table_sentence(facts: ContentFacts) -> str:
    if not facts.tables_without_headers:
        return (
            "There is 1 table, with header cells."
            if facts.tables == 1
            else f"There are {facts.tables} tables, all with header cells."
        )
    return f"{_count(facts.tables, 'table')}; {facts.tables_without_headers} without header cells."


def _image_sentence(facts: ContentFacts) -> str:
    if facts.all_images_described:
        return (
            f"{_count(facts.images, 'image')} with a text alternative."
            if facts.images == 1
            else f"All {facts.images} images have text alternatives."
        )
    one = facts.images_without_alt == 1
    return (
        f"{facts.images_without_alt} of {facts.images} images {'has' if one else 'have'} "
        f"no text alternative, so {'it' if one else 'they'} cannot be understood without sight."
    )


def _hazard_sentence(facts: ContentFacts) -> str:
    if facts.animated_images:
        return (
            f"{_count(facts.animated_images, 'image')} animated; it has not been checked "
            "for flashing. There is no sound and no motion simulation."
        )
    return "There is no flashing content, no motion simulation and no sound."


def _count(n: int, noun: str) -> str:
    verb = "is" if noun == "image" and n == 1 else "are"
    if noun == "image":
        return f"There {verb} {n} image" if n == 1 else f"There are {n} images"
    return f"There {'is' if n == 1 else 'are'} {n} {noun}{'' if n == 1 else 's'}"


def _join(items: list[str]) -> str:
    if len(items) <= 2:
        return " and ".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


class _Counts:
    """Running totals while the pages are read."""

    def __init__(self, book_language: str) -> None:
        self.book_language = book_language.lower()
        self.values = dict.fromkeys(
            (
                "images",
                "images_without_alt",
                "tables",
                "tables_without_headers",
                "math",
                "footnotes",
                "headed_documents",
                "documents",
                "page_breaks",
            ),
            0,
        )
        self.flags = dict.fromkeys(
            ("has_toc", "has_landmarks", "aria_roles", "has_page_list"), False
        )
        self.languages: dict[str, None] = {}

    def add(self, page: Page) -> None:
        """Count one page's images, tables, notes, headings, roles and languages."""
        values, flags, languages = page_counts(page)
        for name, value in values.items():
            self.values[name] += value
        for name, flag in flags.items():
            self.flags[name] |= flag
        for code in languages:
            self._language(code)

    def _language(self, code: str | None) -> None:
        """Remember a language whose primary subtag differs from the book's."""
        if code and code.split("-")[0].lower() != self.book_language.split("-")[0]:
            self.languages.setdefault(code, None)

    def facts(self, animated: int) -> ContentFacts:
        """The totals as frozen ContentFacts."""
        return ContentFacts(
            **self.values,
            **self.flags,
            languages=tuple(self.languages),
            animated_images=animated,
        )


PageCounts = tuple[dict[str, int], dict[str, bool], tuple[str, ...]]
# Each page's counts by a digest of the page: a process that builds again (``publisher
# serve``) parses only the changed pages (5 of a 1,000-article EPUB rebuild's 49 seconds
# went to parsing every page, measured). Bounded: cleared when full.
_COUNTED: dict[bytes, PageCounts] = {}
_COUNTED_KEPT = 20_000


def page_counts(page: Page) -> PageCounts:
    """One page's counts, flags and languages (every ``lang``, in order of appearance)."""
    digest = hashlib.sha256(page.html.encode("utf-8", "surrogatepass"))
    digest.update(repr((sorted(page.properties), page.landmark)).encode())
    key = digest.digest()
    if key not in _COUNTED:
        if len(_COUNTED) >= _COUNTED_KEPT:
            _COUNTED.clear()
        _COUNTED[key] = _page_counted(page)
    return _COUNTED[key]


def _page_counted(page: Page) -> PageCounts:
    root = etree.fromstring(page.html.encode("utf-8"))
    values: dict[str, int] = {}
    flags: dict[str, bool] = {}
    if "nav" in page.properties:
        for nav in root.iter(f"{{{XHTML}}}nav"):
            types = _types(nav)
            has_toc = "toc" in types and nav.find(f".//{{{XHTML}}}a") is not None
            flags["has_toc"] = flags.get("has_toc", False) or has_toc
            flags["has_landmarks"] = flags.get("has_landmarks", False) or "landmarks" in types
            flags["has_page_list"] = flags.get("has_page_list", False) or "page-list" in types
        return values, flags, ()
    if page.landmark != "cover":
        images = list(root.iter(f"{{{XHTML}}}img"))
        values["images"] = len(images)
        values["images_without_alt"] = sum(not (i.get("alt") or "").strip() for i in images)
    values["documents"] = 1
    values["headed_documents"] = int(_has_heading(root))
    tables = root.findall(f".//{{{XHTML}}}table")
    values["tables"] = len(tables)
    values["tables_without_headers"] = sum(
        1 for table in tables if table.find(f".//{{{XHTML}}}th") is None
    )
    values["math"] = len(root.findall(f".//{{{MATHML}}}math"))
    values["footnotes"] = sum(
        1 for el in root.iter(f"{{{XHTML}}}aside") if "footnote" in _types(el)
    )
    flags["aria_roles"] = any(el.get("role") for el in root.iter())
    values["page_breaks"] = sum(1 for el in root.iter() if "pagebreak" in _types(el))
    languages = (el.get("lang") or el.get(XML_LANG) for el in root.iter())
    return values, flags, tuple(dict.fromkeys(code for code in languages if code))


def _types(el: etree._Element) -> list[str]:
    return (el.get(f"{{{OPS}}}type") or "").split()


def _has_heading(root: etree._Element) -> bool:
    """Every document in the reading order has a heading, except the cover page."""
    body = root.find(f"{{{XHTML}}}body")
    if body is None:
        return False
    headings = {f"{{{XHTML}}}h{n}" for n in range(1, 7)}
    return any(el.tag in headings or "cover" in _types(el) for el in body.iter())


def _is_animated(asset: Asset) -> bool:
    """Whether an image file has more than one frame (GIF, APNG, WebP)."""
    if asset.media_type not in ("image/gif", "image/png", "image/webp"):
        return False
    try:
        with Image.open(asset.source) as image:
            return bool(getattr(image, "is_animated", False))
    except OSError:
        return False
