"""Make a sanitised HTML tree valid XHTML for EPUB: content models, attribute values, links.

An HTML parser accepts trees that the XHTML schema EPUBCheck validates against refuses:
a list inside a ``<span>``, text straight inside ``<ul>``, ``<li>`` outside a list,
``colspan="wide"``, links with spaces or to files that are not in the book. Each is
repaired in the least surprising way (block elements inside inline ones become spans,
stray list items become divisions, bad attribute values are dropped); links that cannot
work in a book lose their target and are reported.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from lxml import etree

from publisher.load.body.sanitise import Finding
from publisher.load.book.links import is_manuscript_link

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Elements that hold phrasing content only (inline text), so no block may sit inside them.
PHRASING_ONLY = {
    "abbr",
    "b",
    "bdi",
    "bdo",
    "caption",
    "cite",
    "code",
    "dfn",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "i",
    "kbd",
    "mark",
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
    "th",
    "time",
    "u",
    "var",
}
TRANSPARENT = {"a", "del", "ins"}  # content model of the parent
# Elements allowed where only phrasing content is (rt and rp are checked against ruby later).
PHRASING = {
    *TRANSPARENT,
    *("abbr", "b", "bdi", "bdo", "br", "cite", "code", "dfn", "em", "i", "img", "kbd"),
    *("mark", "q", "rp", "rt", "ruby", "s", "samp", "small", "span", "strong", "sub"),
    *("sup", "time", "u", "var", "wbr"),
}
KEEP_ON_SPAN = ("id", "class", "title", "lang", "dir", XML_LANG)
LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
_DATETIME = re.compile(
    r"\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?"
    r"|\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?"
)
_TEXT_ALIGN = re.compile(r"\s*text-align:\s*(left|right|center|justify|start|end)\s*;?\s*")
_HOST_LABEL = re.compile(r"[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?")
_BAD_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_URL_SAFE = "!#$%&'()*+,-./:;=?@[]~_"


def repair(root: etree._Element) -> list[Finding]:
    """Repair ``root``'s descendants in place; return the links that had to go."""
    _content_models(root, phrasing=False)
    _structure(root)
    for el in root.iter():
        if isinstance(el.tag, str):
            _attribute_values(el)
    return _links(root)


def _content_models(el: etree._Element, phrasing: bool) -> None:
    """Turn block elements found in phrasing-only context into spans, recursively."""
    for child in list(el):
        if not isinstance(child.tag, str):
            continue
        if phrasing and child.tag not in PHRASING:
            if child.tag == "hr":
                _remove_keep_tail(child)
                continue
            _to_span(child)
        inner = phrasing if child.tag in TRANSPARENT else phrasing or child.tag in PHRASING_ONLY
        _content_models(child, inner)


def _structure(root: etree._Element) -> None:
    """Lists hold list items, definition lists hold terms and definitions, and so on."""
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        parent = el.getparent()
        parent_tag = parent.tag if parent is not None else None
        if el.tag in ("ul", "ol"):
            _wrap_strays(el, {"li"}, "li")
        elif el.tag == "dl":
            _wrap_strays(el, {"dt", "dd"}, "dd")
        elif el.tag == "li" and parent_tag not in ("ul", "ol"):
            el.tag = "div"
        elif el.tag in ("dt", "dd") and parent_tag != "dl":
            el.tag = "div" if el.tag == "dd" else "p"
        elif _misplaced_ruby(el, parent_tag):
            _to_span(el)
        elif el.tag == "figcaption" and not _first_or_last(el):
            el.tag = "div"


def _misplaced_ruby(el: etree._Element, parent_tag: str | None) -> bool:
    """An rt or rp outside ruby, or a ruby without any rt."""
    if el.tag in ("rt", "rp"):
        return parent_tag != "ruby"
    return el.tag == "ruby" and el.find("rt") is None


def _wrap_strays(el: etree._Element, allowed: set[str], wrapper: str) -> None:
    """Gather text and children a list may not hold into new items of type ``wrapper``."""
    pending: list[etree._Element] = []
    text = (el.text or "").strip()
    el.text = None
    items: list[etree._Element] = []
    if text:
        items.append(_new(wrapper, text))
    for child in list(el):
        el.remove(child)
        if isinstance(child.tag, str) and child.tag in allowed:
            items.extend(_flush(pending, wrapper))
            tail, child.tail = (child.tail or "").strip(), None
            items.append(child)
            if tail:
                items.append(_new(wrapper, tail))
        elif isinstance(child.tag, str):
            pending.append(child)
    items.extend(_flush(pending, wrapper))
    if el.tag == "dl" and items and items[0].tag == "dd":
        items.insert(0, _new("dt", ""))
    if el.tag == "dl" and items and items[-1].tag == "dt":
        items.append(_new("dd", ""))
    for item in items:
        el.append(item)


def _flush(pending: list[etree._Element], wrapper: str) -> list[etree._Element]:
    if not pending:
        return []
    item = etree.Element(wrapper)
    for child in pending:
        item.append(child)
    pending.clear()
    return [item]


def _new(tag: str, text: str) -> etree._Element:
    el = etree.Element(tag)
    el.text = text
    return el


def _first_or_last(el: etree._Element) -> bool:
    parent = el.getparent()
    if parent is None or parent.tag != "figure":
        return False
    elements = [c for c in parent if isinstance(c.tag, str)]
    return el is elements[0] or el is elements[-1]


def _to_span(el: etree._Element) -> None:
    el.tag = "span"
    for name in list(el.attrib):
        if name not in KEEP_ON_SPAN:
            del el.attrib[name]


def _remove_keep_tail(el: etree._Element) -> None:
    parent = el.getparent()
    previous = el.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + (el.tail or "")
    else:
        parent.text = (parent.text or "") + (el.tail or "")
    parent.remove(el)


def _attribute_values(el: etree._Element) -> None:
    """Drop attribute values the XHTML schema refuses; fix the ones with one right form."""
    checks = {
        "width": r"\d{1,5}",
        "height": r"\d{1,5}",
        "start": r"-?\d{1,9}",
        "colspan": r"[1-9]\d{0,2}",
        "rowspan": r"\d{1,4}",
        "scope": r"row|col|rowgroup|colgroup",
        "dir": r"ltr|rtl|auto",
    }
    for name, pattern in checks.items():
        value = el.get(name)
        if value is not None:
            value = value.strip().lower()
            if re.fullmatch(pattern, value):
                el.set(name, value)
            else:
                del el.attrib[name]
    if el.get("reversed") is not None:
        el.set("reversed", "reversed")
    _language(el)
    style = el.get("style")
    if style is not None and not _TEXT_ALIGN.fullmatch(style):
        del el.attrib["style"]
    if el.tag == "bdo" and el.get("dir") not in ("ltr", "rtl"):
        _to_span(el)
    if el.tag == "time" and not _DATETIME.fullmatch(el.get("datetime") or (el.text or "").strip()):
        _to_span(el)


def _language(el: etree._Element) -> None:
    lang = el.get("lang")
    if lang is None:
        return
    lang = lang.strip()
    if lang == "" or LANGUAGE_TAG.fullmatch(lang):
        el.set("lang", lang)
        el.set(XML_LANG, lang)
    else:
        del el.attrib["lang"]


def _links(root: etree._Element) -> list[Finding]:
    """Keep web, mailto, in-article and article links (made valid URLs); drop and report
    the rest."""
    findings = []
    for a in root.iter("a"):
        href = a.get("href")
        if href is None or href.startswith("#") or is_manuscript_link(href):
            continue  # in-article and article-to-article links: see xhtml.py
        reason, fixed = link_problem(href)
        if reason:
            del a.attrib["href"]
            findings.append(Finding(f"link to '{_short(href)}' removed: {reason}", href))
        else:
            a.set("href", fixed)
    return findings


def link_problem(href: str) -> tuple[str | None, str]:
    """Why a link target cannot be kept (or None), and the target as a valid URL."""
    try:
        parts = urlsplit(href.strip())
        port_ok = parts.port is None or 0 < parts.port < 65536
    except ValueError:
        return "it is not a valid address", href
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        host = _ascii_host(parts.hostname or "")
        if not host or not port_ok or any(c in href for c in "\\\n\r\t"):
            return "it is not a valid web address", href
    elif scheme == "mailto":
        if "@" not in parts.path or any(c in href for c in "\\\n\r\t"):
            return "it is not a valid e-mail address", href
    elif scheme:
        return f"{scheme}: links cannot be followed from a book", href
    else:
        return "only web, mailto:, #anchor and other-article links work in a book", href
    return None, quote(_BAD_PERCENT.sub("%25", href.strip()), safe=_URL_SAFE)


def _ascii_host(host: str) -> str | None:
    """The host name in ASCII (IDNA for non-ASCII names), or None if it is not a name."""
    if host.startswith("[") or (re.fullmatch(r"[0-9a-fA-F:.]+", host) and ":" in host):
        return host  # an IPv6 literal: urlsplit has checked the brackets
    try:
        ascii_host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        return None
    labels = ascii_host.rstrip(".").split(".")
    if not all(_HOST_LABEL.fullmatch(label) for label in labels):
        return None
    return ascii_host.lower()


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
