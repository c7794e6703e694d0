"""An ONIX 3.0 product record for the EPUB, read back from the finished file.

Distributors exchange a book's description, and since the European Accessibility Act its
accessibility claims, as ONIX. Everything in the record comes from the EPUB's own package
document (and files), so the record never claims what the book does not carry: the
accessibility codes (ONIX code list 196) follow the W3C crosswalk from the EPUB's
``schema:accessibilityFeature``, ``accessModeSufficient``, ``dcterms:conformsTo`` and
summary; "language tagging" only when the package and every XHTML document state their
language; "no accessibility options disabled" only when nothing is encrypted.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import pycountry
from lxml import etree

from publisher.render.theme import Theme

OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML_TYPE = "application/xhtml+xml"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# ONIX code list 17 (contributor role) for MARC relator codes.
ROLES = {
    "aut": "A01",
    "edt": "B01",
    "trl": "B06",
    "pht": "A13",
    "ill": "A12",
    "ctb": "A32",
    "com": "C01",
    "dsr": "A11",
    "ctg": "A39",
}
# EPUB accessibilityFeature → ONIX code list 196 (the W3C crosswalk).
FEATURES = {
    "tableOfContents": "11",
    "index": "12",
    "readingOrder": "13",
    "alternativeText": "14",
    "longDescription": "15",
    "MathML": "17",
    "ChemML": "18",
    "printPageNumbers": "19",
    "pageBreakMarkers": "19",
    "pageNavigation": "19",
    "synchronizedAudioText": "20",
    "ttsMarkup": "21",
    "highContrastDisplay": "26",
    "structuralNavigation": "29",
    "ARIA": "30",
    "latex": "35",
    "displayTransformability": "36",
}
CONFORMANCE = re.compile(r"EPUB Accessibility 1\.1 - WCAG 2\.([012]) Level (A{1,3})")
WCAG_VERSION = {"0": "80", "1": "81", "2": "82"}
WCAG_LEVEL = {"A": "84", "AA": "85", "AAA": "86"}


@dataclass
class Person:
    """A contributor as ONIX names one: display name, inverted name, role codes."""

    name: str
    inverted: str | None = None
    roles: list[str] = field(default_factory=list)


@dataclass
class Record:
    """What the ONIX template needs, all of it read from the EPUB."""

    reference: str
    sent: str
    sender: str
    title: str
    subtitle: str | None = None
    identifiers: list[tuple[str, str | None, str]] = field(default_factory=list)
    contributors: list[Person] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    description: str | None = None
    publisher: str | None = None
    published: str | None = None
    accessibility: list[tuple[str, str | None]] = field(default_factory=list)


def write_onix(epub_path: Path, theme: Theme, target: Path) -> Path:
    """Write the ONIX record of the EPUB at ``epub_path`` to ``target``."""
    target.write_text(theme.render("onix/product.xml.j2", record=read_record(epub_path)))
    return target


def read_record(epub_path: Path) -> Record:
    """The ONIX record's content, from the EPUB's package document and files."""
    with zipfile.ZipFile(epub_path) as archive:
        opf_name = _package_name(archive)
        opf = etree.fromstring(archive.read(opf_name))
        tagged = _languages_tagged(archive, opf, PurePosixPath(opf_name).parent)
        encrypted = "META-INF/encryption.xml" in archive.namelist()
    meta = opf.find(f"{OPF}metadata")
    refines = _refinements(meta)
    title, subtitle = _titles(meta, refines)
    record = Record(
        reference=_text(meta, "identifier") or title,
        sent=_sent(meta),
        sender=_text(meta, "publisher") or title,
        title=title,
        subtitle=subtitle,
        identifiers=_identifiers(_text(meta, "identifier") or ""),
        contributors=_contributors(meta, refines),
        languages=[_onix_language(el.text or "") for el in meta.iter(f"{DC}language")],
        keywords=[el.text.strip() for el in meta.iter(f"{DC}subject") if el.text],
        description=_text(meta, "description"),
        publisher=_text(meta, "publisher"),
        published=(_text(meta, "date") or "")[:10].replace("-", "") or None,
    )
    record.accessibility = accessibility_codes(meta, tagged, encrypted)
    return record


def accessibility_codes(
    meta: etree._Element, tagged: bool, encrypted: bool
) -> list[tuple[str, str | None]]:
    """(code of list 196, description) for each claim the package metadata makes."""
    props = [(el.get("property"), (el.text or "").strip()) for el in meta.iter(f"{OPF}meta")]
    codes: dict[str, str | None] = {}
    for prop, value in props:
        if prop == "dcterms:conformsTo" and (match := CONFORMANCE.fullmatch(value)):
            codes |= {"04": None, WCAG_VERSION[match[1]]: None, WCAG_LEVEL[match[2]]: None}
    for prop, value in props:
        if prop == "schema:accessibilityFeature" and value in FEATURES:
            codes.setdefault(FEATURES[value], None)
        elif prop == "schema:accessModeSufficient" and value == "textual":
            codes.setdefault("52", None)
    if tagged:
        codes.setdefault("22", None)
    if not encrypted:
        codes.setdefault("10", None)
    summary = next((value for prop, value in props if prop == "schema:accessibilitySummary"), "")
    found = sorted(codes.items())
    return [("00", summary), *found] if summary else found


def _package_name(archive: zipfile.ZipFile) -> str:
    container = etree.fromstring(archive.read("META-INF/container.xml"))
    return container.find(".//{*}rootfile").get("full-path")


def _languages_tagged(archive: zipfile.ZipFile, opf: etree._Element, base: PurePosixPath) -> bool:
    """True when the package names a language and every XHTML document states its own."""
    if opf.find(f"{OPF}metadata/{DC}language") is None:
        return False
    for item in opf.iter(f"{OPF}item"):
        if item.get("media-type") == XHTML_TYPE:
            root = etree.fromstring(archive.read(str(base / item.get("href"))))
            if not (root.get("lang") or root.get(XML_LANG)):
                return False
    return True


def _refinements(meta: etree._Element) -> dict[str, dict[str, list[str]]]:
    """``refines`` metadata by the id it refines: property → values."""
    found: dict[str, dict[str, list[str]]] = {}
    for el in meta.iter(f"{OPF}meta"):
        target = (el.get("refines") or "").lstrip("#")
        if target and el.get("property"):
            found.setdefault(target, {}).setdefault(el.get("property"), []).append(el.text or "")
    return found


def _titles(meta: etree._Element, refines: dict) -> tuple[str, str | None]:
    main, subtitle = "", None
    for el in meta.iter(f"{DC}title"):
        kind = refines.get(el.get("id") or "", {}).get("title-type", ["main"])[0]
        if kind == "subtitle":
            subtitle = el.text
        elif not main:
            main = el.text or ""
    return main, subtitle


def _contributors(meta: etree._Element, refines: dict) -> list[Person]:
    """Creators, then contributors; a person listed twice (an editor who also wrote) is one
    ONIX contributor with every role."""
    people: dict[str, Person] = {}
    for el in [*meta.iter(f"{DC}creator"), *meta.iter(f"{DC}contributor")]:
        facts = refines.get(el.get("id") or "", {})
        roles = [ROLES.get(code, "Z99") for code in facts.get("role", [])] or ["Z99"]
        name = (el.text or "").strip()
        person = people.setdefault(name, Person(name, (facts.get("file-as") or [None])[0]))
        person.roles = list(dict.fromkeys([*person.roles, *roles]))
    return list(people.values())


def _identifiers(identifier: str) -> list[tuple[str, str | None, str]]:
    """ISBN-13 (list 5 code 15) when the identifier is one, else a proprietary id (01)."""
    digits = re.sub(r"[^0-9X]", "", identifier.removeprefix("urn:isbn:").upper())
    if len(digits) == 13 and digits.startswith(("978", "979")) and _isbn13_ok(digits):
        return [("15", None, digits), ("03", None, digits)]
    kind = "UUID" if identifier.startswith("urn:uuid:") else "URN"
    return [("01", kind, identifier)]


def _isbn13_ok(digits: str) -> bool:
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == int(digits[12])


def _onix_language(tag: str) -> str:
    """A BCP 47 tag (``fr-CA``) as ONIX's ISO 639-2/B code (``fre``)."""
    primary = tag.split("-")[0].lower()
    found = pycountry.languages.get(alpha_2=primary) if len(primary) == 2 else None
    found = found or pycountry.languages.get(alpha_3=primary)
    if found is None:
        return "und"
    return getattr(found, "bibliographic", None) or found.alpha_3


def _sent(meta: etree._Element) -> str:
    """The record's date: the EPUB's ``dcterms:modified``, as ONIX writes date-times."""
    for el in meta.iter(f"{OPF}meta"):
        if el.get("property") == "dcterms:modified" and el.text:
            return re.sub(r"[-:]", "", el.text.strip())
    return ""


def _text(meta: etree._Element, name: str) -> str | None:
    el = meta.find(f"{DC}{name}")
    return el.text.strip() if el is not None and el.text else None
