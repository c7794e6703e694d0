"""The raw-HTML policy: what may reach a book, and a description of what was taken out.

nh3 (the Rust ``ammonia`` sanitiser) does the removing. Before it runs we describe what it
is about to drop, so each removal can be reported as a warning naming file and line, and
we refuse a ``<script>``, ``<style>`` or ``<template>`` that is never closed: the HTML
parser would take everything after it as that element's content, and the rest of the
article would silently vanish with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import nh3
from lxml import etree

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
}
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "ol": {"start", "reversed"},
    "time": {"datetime"},
    "abbr": {"title"},
}
# Schemes nh3 lets through; images then go to the asset resolver (which refuses all but
# local files) and links to the link policy in repair.py (http, https, mailto only).
URL_SCHEMES = {"http", "https", "mailto", "ftp", "file", "data"}
# Elements whose whole content goes with them (nh3's default); the rest keep their text.
CONTENT_REMOVED = ("script", "style", "template")
UNSAFE_TAGS = {
    "script",
    "style",
    "template",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "link",
    "meta",
    "base",
    "form",
    "input",
    "button",
    "textarea",
    "select",
    "svg",
    "math",
    "noscript",
}
_EMPTY = {"embed", "input", "link", "meta", "base", "frame"}  # elements without content
_UNCLOSED = re.compile(r"<(script|style|template)\b", re.IGNORECASE)
_SCRIPT_URL = re.compile(r"\s*(javascript|vbscript|livescript)\s*:", re.IGNORECASE)


@dataclass(frozen=True)
class Finding:
    """Something the conversion removed or refused, and a text to find it by in the source.

    ``error`` findings stop the build; the others are warnings.
    """

    message: str
    needle: str
    error: bool = False


def sanitise(raw_html: str) -> tuple[str, list[Finding]]:
    """Clean HTML with the policy above; return it with what was removed or refused."""
    unclosed = unclosed_elements(raw_html)
    refused = {f.needle.lower() for f in unclosed}
    removed = [f for f in removed_markup(raw_html) if f.needle.lower() not in refused]
    findings = unclosed + removed
    clean = nh3.clean(
        raw_html,
        tags=ALLOWED_TAGS,
        clean_content_tags=set(CONTENT_REMOVED),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
        filter_style_properties={"text-align"},
    )
    return clean, findings


def unclosed_elements(raw_html: str) -> list[Finding]:
    """A ``<script>``, ``<style>`` or ``<template>`` with no closing tag after it."""
    lower = raw_html.lower()
    found = []
    for match in _UNCLOSED.finditer(raw_html):
        tag = match.group(1).lower()
        if lower.find(f"</{tag}", match.end()) < 0:
            message = (
                f"<{tag}> is never closed, so everything after it would be lost; "
                f"close it with </{tag}> or remove it"
            )
            found.append(Finding(message, match.group(0), error=True))
    return found


def removed_markup(raw_html: str) -> list[Finding]:
    """Describe each element, attribute and URL the sanitiser is going to drop."""
    if "<" not in raw_html:
        return []
    try:
        parser = lxml.html.HTMLParser(huge_tree=True)
        root = lxml.html.fragment_fromstring(raw_html, create_parent="div", parser=parser)
    except (etree.ParserError, ValueError):
        return []
    found: list[Finding] = []
    for el in root.iter():
        if isinstance(el.tag, str) and el is not root:
            found.extend(_element_findings(el))
    return found


def _element_findings(el: etree._Element) -> list[Finding]:
    tag = el.tag.lower()
    if tag not in ALLOWED_TAGS:
        if tag in UNSAFE_TAGS:
            kept = "" if tag in CONTENT_REMOVED or tag in _EMPTY else " (its text is kept)"
            return [Finding(f"unsafe HTML removed: <{tag}> element{kept}", f"<{tag}")]
        return [Finding(f"unsupported HTML removed: <{tag}> element (its text is kept)", f"<{tag}")]
    allowed = ALLOWED_ATTRIBUTES["*"] | ALLOWED_ATTRIBUTES.get(tag, set())
    found = []
    for name, value in el.attrib.items():
        lower = name.lower()
        if lower.startswith("on"):
            message = f"unsafe HTML removed: '{lower}' event handler on <{tag}>"
            found.append(Finding(message, f"{name}="))
        elif lower == "style" and lower not in allowed:
            message = f"unsafe HTML removed: 'style' attribute on <{tag}> (it could hide text)"
            found.append(Finding(message, f"{name}="))
        elif lower not in allowed:
            message = f"unsupported HTML removed: '{lower}' attribute on <{tag}>"
            found.append(Finding(message, f"{name}="))
        elif lower in ("href", "src") and _SCRIPT_URL.match(value):
            scheme = value.split(":")[0].strip().lower()
            found.append(Finding(f"unsafe HTML removed: {scheme}: URL on <{tag}>", value.strip()))
    return found
