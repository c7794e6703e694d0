"""The two renderings of an article's notes, and the template function that writes a body.

A note (publisher/model.py ``Note``) is one piece of data; how it looks is the output's:

- **pop-up** (the EPUB): each call is a ``noteref`` link, and the notes are listed where the
  article lists them, as ``aside`` footnotes that link back to their first call;
- **page-foot** (print): the note's text stands at its first call, as a ``span.footnote``
  the print stylesheet floats to the foot of the page (``float: footnote``); later calls
  link to it, and a note never called stays in the list.

The markup of both comes from the macros of ``partials/notes.html.j2``, which a theme can
override. Templates write a body with ``article_body(chapter, "pop-up" | "page-foot")``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2
from markupsafe import Markup

from publisher.model import (
    Article,
    Chapter,
    CrossLink,
    Element,
    Node,
    Note,
    NoteRef,
    NoteSection,
    walk,
)
from publisher.render.body import BodyWriter, local_href, start_tag
from publisher.render.math import drawn_formula

NOTES_TEMPLATE = "partials/notes.html.j2"
STYLES = ("pop-up", "page-foot")


class PopUpNotes(BodyWriter):
    """Notes as EPUB pop-ups: calls link to asides listed in the notes' section."""

    def __init__(self, article: Article, href: Callable[[CrossLink], str], macros: Any) -> None:
        super().__init__(article.notes, href)
        self.macros = macros

    def noteref(self, ref: NoteRef) -> str:
        """The call: a ``noteref`` link to the note."""
        return str(self.macros.noteref(ref))

    def section(self, section: NoteSection) -> str:
        """The list of notes, each an ``aside``."""
        return self.listed(section, section.notes)

    def listed(self, section: NoteSection, ids: tuple[str, ...]) -> str:
        """The notes' section holding the notes ``ids``, after what else it holds."""
        content = self.write(section.children)
        content += "".join(self.popup(self.notes[i]) for i in ids if i in self.notes)
        return str(self.macros.notes_section(Markup(content)))

    def popup(self, note: Note) -> str:
        """One note as an ``aside``: its number, linking back, leads its first paragraph."""
        first, rest = _first_paragraph(note)
        start = Markup(start_tag(first.tag, first.attributes))
        paragraph, others = Markup(self.write(first.children)), Markup(self.write(rest))
        return str(self.macros.popup(note, start, paragraph, others))


class PageFootNotes(PopUpNotes):
    """The body for print: each note at its first call, as a span the stylesheet floats
    down; each formula drawn (render/math.py), since WeasyPrint has no MathML."""

    def __init__(self, article: Article, href: Callable[[CrossLink], str], macros: Any) -> None:
        super().__init__(article, href, macros)
        self.display = False  # writing the content of a display formula's wrapper
        self.first_calls: dict[str, NoteRef] = {}
        for node in walk(article.body, article.notes):
            if isinstance(node, NoteRef) and node.note in self.notes and node.note:
                self.first_calls.setdefault(node.note, node)

    def noteref(self, ref: NoteRef) -> str:
        """The note itself at its first call; a link to it at any other."""
        if self.first_calls.get(ref.note) is not ref:
            return super().noteref(ref)
        note = self.notes[ref.note]
        return str(self.macros.page_foot(note, Markup(self.blocks(note))))

    def element(
        self,
        tag: str,
        attributes: tuple[tuple[str, str], ...],
        children: tuple[Node, ...],
        out: list[str],
    ) -> None:
        """An element; a formula as its drawing."""
        if tag == "math":
            mathml: list[str] = []
            super().element(tag, attributes, children, mathml)
            label = dict(attributes).get("alttext") or "formula"
            out.append(drawn_formula("".join(mathml), label, self.display))
            return
        outer, self.display = self.display, tag == "div" and ("class", "math-display") in attributes
        super().element(tag, attributes, children, out)
        self.display = outer

    def section(self, section: NoteSection) -> str:
        """Only the notes never called (and whatever else the section holds), if any."""
        left = tuple(i for i in section.notes if i not in self.first_calls)
        if not left and not any(not isinstance(n, str) for n in section.children):
            return ""
        return self.listed(section, left)

    def blocks(self, note: Note) -> str:
        """The note's blocks as ``span.footnote-para`` (a span may stand inside a line)."""
        out: list[str] = []
        for index, block in enumerate(note.body):
            if not isinstance(block, Element):
                self.write_into((block,), out)
                continue
            children = block.children
            if index == 0 and children and isinstance(children[0], str):
                children = (children[0].lstrip(), *children[1:])
            attributes = _with_class(block.attributes, "footnote-para")
            self.element("span", attributes, children, out)
        return "".join(out)


def _first_paragraph(note: Note) -> tuple[Element, tuple[Node, ...]]:
    """The paragraph the note's number leads, and the rest of the note."""
    first = note.body[0] if note.body else None
    if isinstance(first, Element) and first.tag == "p":
        return first, note.body[1:]
    return Element("p"), note.body


def _with_class(attributes: tuple[tuple[str, str], ...], name: str) -> tuple[tuple[str, str], ...]:
    """The attributes with ``class`` set to ``name`` (in its place, or added last)."""
    if any(key == "class" for key, _ in attributes):
        return tuple((k, name if k == "class" else v) for k, v in attributes)
    return (*attributes, ("class", name))


@jinja2.pass_context
def article_body(
    context: jinja2.runtime.Context,
    chapter: Chapter,
    notes: str = "pop-up",
    chapter_files: dict[str, str] | None = None,
) -> Markup:
    """A chapter's body as XHTML, its notes as ``notes`` says ("pop-up" or "page-foot").

    With ``chapter_files`` (slug → file, as the EPUB has them), a link to another chapter
    names that chapter's file; without, the book is one document and it is ``#anchor``."""
    if notes not in STYLES:
        raise ValueError(f"article_body: notes must be one of {', '.join(STYLES)}, not {notes!r}")
    macros = context.environment.get_template(NOTES_TEMPLATE).module
    files = chapter_files
    href = local_href if files is None else _file_href(files, files.get(chapter.slug, ""))
    return Markup(write_body(chapter.article, macros, notes, href))


def write_body(
    article: Article, macros: Any, notes: str = "pop-up", href: Callable = local_href
) -> str:
    """An article's body as XHTML with the macros of ``partials/notes.html.j2`` (a template
    module), its notes in the style ``notes`` and its links to other articles by ``href``."""
    writer = PageFootNotes if notes == "page-foot" else PopUpNotes
    return writer(article, href, macros).write(article.body)


def _file_href(files: dict[str, str], here: str) -> Callable[[CrossLink], str]:
    """Links to other chapters name their file; links within this one stay ``#anchor``."""

    def href(link: CrossLink) -> str:
        target = files.get(link.chapter, here)
        if not link.chapter or target == here:
            return local_href(link)
        return f"{target}#{link.anchor}"

    return href
