"""Kobo's kepub rules, read back from a finished ``.kepub.epub``.

Kobo's reader expects (as its own store conversions and kepubify produce them): the file
named ``*.kepub.epub``; in every XHTML document of the reading order, the body's content
inside ``div#book-columns`` > ``div#book-inner``; every piece of text inside a
``span.koboSpan`` whose id is ``kobo.P.S`` (numbers), unique in its document. The navigation
document is exempt. Anything else is a finding naming the document.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import PurePosixPath

from lxml import etree

from publisher.check import Finding

XHTML = "{http://www.w3.org/1999/xhtml}"
OPF = "{http://www.idpf.org/2007/opf}"
SPAN_ID = re.compile(r"kobo\.\d+\.\d+")
UNSPANNED = ("script", "style", "svg", "math", "head", "title", "rp")  # <rp>: text only


def kobo_findings(path: str, archive: zipfile.ZipFile) -> list[Finding]:
    """What in the kepub ``archive`` (the file at ``path``) breaks Kobo's rules."""
    findings = []
    if not path.endswith(".kepub.epub"):
        findings.append(_error("a kepub's name must end in .kepub.epub", None))
    for name in _reading_order(archive):
        root = etree.fromstring(archive.read(name))
        findings += _document_findings(root, name)
    return findings


def _reading_order(archive: zipfile.ZipFile) -> list[str]:
    container = etree.fromstring(archive.read("META-INF/container.xml"))
    opf_name = container.find(".//{*}rootfile").get("full-path")
    opf = etree.fromstring(archive.read(opf_name))
    base = PurePosixPath(opf_name).parent
    items = {item.get("id"): item for item in opf.iter(f"{OPF}item")}
    names = []
    for ref in opf.iter(f"{OPF}itemref"):
        item = items[ref.get("idref")]
        if "nav" not in (item.get("properties") or "").split():
            names.append(str(base / item.get("href")))
    return names


def _document_findings(root: etree._Element, name: str) -> list[Finding]:
    body = root.find(f"{XHTML}body")
    if body is None:
        return [_error("no body", name)]
    findings = []
    wrappers = [child for child in body if isinstance(child.tag, str)]
    inner = wrappers[0].find(f"{XHTML}div") if len(wrappers) == 1 else None
    if (
        len(wrappers) != 1
        or wrappers[0].get("id") != "book-columns"
        or inner is None
        or inner.get("id") != "book-inner"
    ):
        findings.append(
            _error("the body's content is not inside div#book-columns > div#book-inner", name)
        )
    ids = [span.get("id") for span in root.iter(f"{XHTML}span") if span.get("class") == "koboSpan"]
    if len(set(ids)) != len(ids):
        findings.append(_error("koboSpan ids repeat", name))
    if bad := [i for i in ids if not SPAN_ID.fullmatch(i or "")]:
        findings.append(_error(f"koboSpan id {bad[0]!r} is not kobo.N.N", name))
    if loose := _loose_text(body):
        findings.append(_error(f"text outside a koboSpan: {loose[:40]!r}", name))
    return findings


def _loose_text(element: etree._Element, inside: bool = False) -> str | None:
    """The first piece of text below ``element`` that no koboSpan holds."""
    if not isinstance(element.tag, str):
        return None
    local = etree.QName(element).localname
    if local in UNSPANNED:
        return None
    inside = inside or (local == "span" and element.get("class") == "koboSpan")
    if not inside and element.text and element.text.strip():
        return element.text.strip()
    for child in element:
        found = _loose_text(child, inside)
        if found:
            return found
        if not inside and child.tail and child.tail.strip():
            return child.tail.strip()
    return None


def _error(message: str, where: str | None) -> Finding:
    return Finding("error", message, "kobo", where)
