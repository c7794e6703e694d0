"""Markdown (with any raw HTML in it) → a sanitised, well-formed XHTML fragment.

Python-Markdown produces HTML with named entities and whatever raw HTML the author typed.
We sanitise it (sanitise.py), repair what the XHTML schema refuses (repair.py), give every
id a per-article prefix so ids are unique book-wide, turn footnotes into notes and their
calls, resolve images through a callback, and hand the tree over as the model's nodes
(nodes.py), which backends write as well-formed XHTML. What was removed or refused comes
back as findings, which the loader reports with file and line.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import lxml.html
import markdown
from lxml import etree
from markdown.extensions.toc import slugify_unicode

from publisher.load.body.commonmark import FLAVOURS, convert_commonmark
from publisher.load.body.math import typeset_math
from publisher.load.body.nested_lists import NestedListsExtension
from publisher.load.body.nodes import BACKLINK, NOTE, NOTE_LEAD, NOTEREF, NOTES, body_nodes
from publisher.load.body.quick_inline import QuickInlineExtension
from publisher.load.body.repair import repair
from publisher.load.body.sanitise import ALLOWED_TAGS, Finding, sanitise
from publisher.load.body.typography import elisions
from publisher.load.book.links import is_manuscript_link
from publisher.load.limits import MAX_DEPTH, html_depth
from publisher.model import Asset, Heading, Node, Note
from publisher.xmlutil.chars import strip_forbidden
from publisher.xmlutil.tree import remove_keep_tail

_MARKDOWN_EXTENSIONS = [
    "footnotes",
    "tables",
    "attr_list",
    "fenced_code",
    "def_list",
    "smarty",
    "toc",
    "abbr",
    "sane_lists",
    QuickInlineExtension(),  # last: it replaces the inline passes the others set up
]
# MkDocs is Python-Markdown as MkDocs sets it up: four-space nesting, admonitions.
_MKDOCS_EXTENSIONS = [*_MARKDOWN_EXTENSIONS[:-1], "admonition", QuickInlineExtension()]
PYTHON_MARKDOWN_DIALECTS = ("publisher", "mkdocs")
# Characters an XML name (NCName) may hold after its first one: ASCII letters, digits and
# ``_.-``, plus the non-ASCII ranges XML 1.0 (5th edition) allows, so Chinese or accented
# headings keep readable ids.
_NCNAME_BAD = re.compile(
    "[^A-Za-z0-9_.\\-\u00b7\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u037d\u037f-\u1fff"
    "\u200c\u200d\u203f\u2040\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff"
    "\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff]"
)

ImageResolver = Callable[[str, str | None], str]
_VERBATIM = {"code", "pre", "kbd", "samp"}
# Blocks longer than about a third of a printed page may break across pages (class "long-block");
# shorter ones move whole to the next page rather than leave a row or two behind.
LONG_ROWS, LONG_LINES, LONG_CHARACTERS = 12, 12, 800
WIDE_TABLE = 7  # columns from which a table is set smaller (class "table-wide")
VERY_WIDE_TABLE = 13  # ... and smaller still ("table-very-wide")

__all__ = ["ALLOWED_TAGS", "Finding", "Fragment", "html_to_xhtml", "markdown_to_xhtml"]


@dataclass
class Fragment:
    """A converted article body (nodes.py) and what was learned while converting it."""

    body: tuple[Node, ...] = ()
    notes: tuple[Note, ...] = ()
    headings: list[Heading] = field(default_factory=list)
    images: tuple[Asset, ...] = ()  # filled in by convert.py, which resolves them
    findings: list[Finding] = field(default_factory=list)


def make_markdown(dialect: str = "publisher") -> markdown.Markdown:
    """A Python-Markdown converter with the extensions the manuscript format promises
    (publisher's own dialect: lists nest by their content column too) or MkDocs's."""
    own = dialect != "mkdocs"
    extensions = [NestedListsExtension(), *_MARKDOWN_EXTENSIONS] if own else _MKDOCS_EXTENSIONS
    return markdown.Markdown(
        extensions=extensions,
        extension_configs={"toc": {"slugify": slugify_unicode, "permalink": False}},
        output_format="html",
    )


def convert_markdown(
    text: str, converter: markdown.Markdown | None = None, dialect: str | None = None
) -> str:
    """Markdown → raw HTML, unsanitised (the slow step: callers bound its time).

    ``dialect`` picks the engine: a CommonMark flavour (commonmark.py) or Python-Markdown
    (publisher's own dialect through ``converter``, or MkDocs's)."""
    if dialect in FLAVOURS:
        return convert_commonmark(text, dialect)
    md = _mkdocs_markdown() if dialect == "mkdocs" else converter or make_markdown()
    md.reset()
    return md.convert(text)


@cache
def _mkdocs_markdown() -> markdown.Markdown:
    return make_markdown("mkdocs")


def markdown_to_xhtml(
    text: str,
    id_prefix: str,
    resolve_image: ImageResolver,
    converter: markdown.Markdown | None = None,
) -> Fragment:
    """Convert a Markdown body to a safe XHTML fragment whose ids start with ``id_prefix``."""
    return html_to_xhtml(convert_markdown(text, converter), id_prefix, resolve_image)


def html_to_xhtml(
    raw_html: str,
    id_prefix: str,
    resolve_image: ImageResolver,
    resolve_link: Callable[[str], str | None] | None = None,
) -> Fragment:
    """Sanitise HTML, repair it and re-serialise it as a well-formed XHTML fragment.

    ``resolve_link`` turns a link to another manuscript into its placeholder (links.py),
    or returns None when there is no such manuscript.

    Returns an empty fragment when a finding is an error (nested too deeply, a
    ``<script>`` never closed): the caller reports the errors and the build stops.
    """
    clean, findings = sanitise(strip_forbidden(raw_html))
    clean = strip_forbidden(clean)  # character references may decode to control characters
    depth = html_depth(clean)
    if depth > MAX_DEPTH:
        message = f"elements nested {depth} levels deep; at most {MAX_DEPTH} are allowed"
        findings.append(Finding(message, "", error=True))
    if any(f.error for f in findings):
        return Fragment(findings=findings)
    root = lxml.html.fragment_fromstring(clean or "", create_parent="div")
    findings += repair(root)
    findings += typeset_math(root)
    _demote_headings(root)
    findings += _prefix_ids(root, id_prefix)
    findings += _article_links(root, resolve_link)
    fragment = Fragment(findings=findings)
    _footnotes(root, id_prefix)
    _figures(root)
    _wide_tables(root)
    _long_blocks(root)
    _elided_words(root)
    _collapse_line_ends(root)
    for img in root.iter("img"):
        img.set("src", resolve_image(img.get("src", ""), img.get("alt")))
    fragment.headings = _headings(root)
    fragment.body, fragment.notes = body_nodes(root)
    return fragment


def _demote_headings(root: etree._Element) -> None:
    """The article title is the only h1: body headings start at h2 and nest without gaps.

    Each heading goes one level below the nearest earlier heading of a higher rank, so
    ``## A`` ``# B`` ``## C`` gives h2 h2 h3, and a body that starts at ``###`` starts at
    h2: readers and assistive technology never meet a skipped level."""
    open_levels: list[int] = []  # the written levels of the sections still open
    for el in root.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        written = int(el.tag[1])
        while open_levels and open_levels[-1] >= written:
            open_levels.pop()
        el.tag = f"h{min(len(open_levels) + 2, 6)}"
        open_levels.append(written)


def _prefix_ids(root: etree._Element, prefix: str) -> list[Finding]:
    """Prefix every id with the article's slug, keep them unique, fix in-article links.

    The template's own ids for the article (``prefix`` and ``prefix-title``) are taken.
    """
    renamed: dict[str, str] = {}
    seen: set[str] = {prefix, f"{prefix}-title"}
    findings = []
    for el in root.iter():
        old = el.get("id") if isinstance(el.tag, str) else None
        if old is None:
            continue
        new = f"{prefix}-{_NCNAME_BAD.sub('-', old)}"
        while new in seen:
            new += "-x"
        seen.add(new)
        renamed.setdefault(old, new)
        el.set("id", new)
    for el in root.iter("a"):
        href = el.get("href", "")
        if href.startswith("#"):
            target = renamed.get(href[1:])
            if target:
                el.set("href", f"#{target}")
            else:  # a link to nowhere would fail EPUBCheck
                del el.attrib["href"]
                message = f"link to '{href[:60]}' removed: no such anchor in this article"
                findings.append(Finding(message, href))
    return findings


def _article_links(
    root: etree._Element, resolve: Callable[[str], str | None] | None
) -> list[Finding]:
    """Links to other manuscripts become placeholders; links to missing ones go. Web links
    are offered too (one to the blog's own post becomes a placeholder) and otherwise kept."""
    findings = []
    for el in root.iter("a"):
        href = el.get("href", "")
        ours = is_manuscript_link(href)
        if not ours and not href.lower().startswith(("http://", "https://")):
            continue
        target = resolve(href) if resolve else None
        if target:
            el.set("href", target)
        elif ours:
            del el.attrib["href"]
            message = f"link to '{href[:60]}' removed: no such manuscript in the folder"
            findings.append(Finding(message, href))
    return findings


def _footnotes(root: etree._Element, prefix: str) -> int:
    """Python-Markdown's footnotes → the loader's note markers (nodes.py makes them
    NoteRef, Note and NoteSection; how a note looks is the backends' business)."""
    for ref in root.iterfind(".//a[@class='footnote-ref']"):
        if not ref.get("href", "").startswith("#") or len(ref) or not (ref.text or "").isdigit():
            continue  # not a call Python-Markdown wrote: left a plain link
        ref.tag = NOTEREF
        sup = ref.getparent()
        if sup is not None and sup.tag == "sup" and sup.get("id"):
            ref.set("id", sup.attrib.pop("id"))
    count = 0
    for block in root.iterfind(".//div[@class='footnote']"):
        block.tag = NOTES
        del block.attrib["class"]
        for hr in block.findall("hr"):
            block.remove(hr)
        for ol in block.findall("ol"):
            for li in ol.findall("li"):
                count += 1
                block.append(_footnote(li, count))
            block.remove(ol)
    return count


def _footnote(li: etree._Element, number: int) -> etree._Element:
    """A note marker: its paragraphs, the first led by a back-link marker whose tail is
    the paragraph's first text (so the typography passes see the text as printed)."""
    note = etree.Element(NOTE, id=li.get("id", ""), number=str(number))
    for back in li.iterfind(".//a[@class='footnote-backref']"):
        if not note.get("backlink") and back.get("href", "").startswith("#"):
            note.set("backlink", back.get("href", "")[1:])  # a note cited twice: the first call
        remove_keep_tail(back)
    for child in list(li):
        note.append(child)
    if len(note) == 0 or note[0].tag != "p":
        para = etree.Element("p")
        para.text = li.text
        note.insert(0, para)
    first = note[0]
    link = etree.Element(BACKLINK)
    link.text = str(number)
    link.tail = NOTE_LEAD + (first.text or "").lstrip()
    first.text = None
    first.insert(0, link)
    for para in note.iter("p"):
        _trim_trailing_space(para)
    return note


def _trim_trailing_space(el: etree._Element) -> None:
    if len(el):
        last = el[-1]
        last.tail = (last.tail or "").rstrip("\u00a0 ") or None
    else:
        el.text = (el.text or "").rstrip("\u00a0 ")


def _elided_words(root: etree._Element) -> None:
    """'90s and 'tis begin with an apostrophe, not an opening quote (typography.py); code
    keeps what was typed."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.text and el.tag not in _VERBATIM and not _in_code(el):
            el.text = elisions(el.text)
        parent = el.getparent()
        if el.tail and parent is not None and not _in_code(parent):
            el.tail = elisions(el.tail)


_LINE_END = re.compile(r"[ \t]+\n[ \t]*|\n[ \t]+")


def _collapse_line_ends(root: etree._Element) -> None:
    """Spaces around a line end are one line end (HTML collapses them anyway). WeasyPrint
    stops on "' \\n' between two lines" when a space ends a line of a footnote; outside
    code, no text keeps such a space."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.text and "\n" in el.text and not _in_code(el):
            el.text = _LINE_END.sub("\n", el.text)
        parent = el.getparent()
        if el.tail and "\n" in el.tail and parent is not None and not _in_code(parent):
            el.tail = _LINE_END.sub("\n", el.tail)


def _in_code(el: etree._Element) -> bool:
    return any(a.tag in _VERBATIM for a in el.iterancestors()) or el.tag in _VERBATIM


def _figures(root: etree._Element) -> None:
    """A paragraph holding only an image becomes a figure; its title or a following
    all-italic paragraph becomes the caption."""
    for para in list(root.iter("p")):
        kids = list(para)
        if len(kids) != 1 or kids[0].tag != "img" or (para.text or "").strip():
            continue
        if (kids[0].tail or "").strip():
            continue
        para.tag = "figure"
        img = kids[0]
        caption_text = img.attrib.pop("title", None)
        following = para.getnext()
        caption = etree.SubElement(para, "figcaption")
        if caption_text:
            caption.text = caption_text
        elif following is not None and _is_caption(following):
            em = following[0]
            caption.text = em.text
            for child in em:
                caption.append(child)
            following.getparent().remove(following)
        else:
            para.remove(caption)


def _wide_tables(root: etree._Element) -> None:
    """Mark tables too wide for a page of text, so the theme can set them smaller.

    CSS cannot count columns; the class does it once, here, for both outputs.
    """
    for table in root.iter("table"):
        columns = max((_row_width(row) for row in table.iter("tr")), default=0)
        if columns >= VERY_WIDE_TABLE:
            label = "table-very-wide"
        elif columns >= WIDE_TABLE:
            label = "table-wide"
        else:
            continue
        _add_class(table, label)


def _long_blocks(root: etree._Element) -> None:
    """Mark tables, code and quotations long enough to break across printed pages
    (class "long-block")."""
    for el in root.iter("table", "pre", "blockquote"):
        if el.tag == "table":
            long = sum(1 for _ in el.iter("tr")) > LONG_ROWS
        elif el.tag == "pre":
            long = "".join(el.itertext()).strip("\n").count("\n") + 1 > LONG_LINES
        else:
            long = len("".join(el.itertext())) > LONG_CHARACTERS
        if long:
            _add_class(el, "long-block")


def _add_class(el: etree._Element, name: str) -> None:
    """Add a class for the theme, keeping the author's own."""
    el.set("class", " ".join([*(el.get("class") or "").split(), name]))


def _row_width(row: etree._Element) -> int:
    total = 0
    for cell in row:
        if cell.tag in ("td", "th"):
            span = cell.get("colspan", "1")
            total += int(span) if span.isdigit() and 0 < int(span) < 1000 else 1
    return total


def _is_caption(el: etree._Element) -> bool:
    return (
        el.tag == "p"
        and len(el) == 1
        and el[0].tag == "em"
        and not (el.text or "").strip()
        and not (el[0].tail or "").strip()
    )


def _headings(root: etree._Element) -> list[Heading]:
    found = []
    for el in root.iter("h2", "h3"):
        text = " ".join("".join(el.itertext()).split())
        if el.get("id") and text:
            found.append(Heading(level=int(el.tag[1]), text=text, anchor=el.get("id")))
    return found
