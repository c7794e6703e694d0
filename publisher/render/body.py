"""An article's body nodes (publisher/model.py) → XHTML text, for both outputs.

Elements and text are written the way an XML serialiser writes them (escaped, attributes
double-quoted, ``<p></p>`` for an empty paragraph, since an HTML parser reads ``<p/>`` as an
open tag); what only a backend can decide (the address of a link to another article, how
a note and its call look) is a method that the two flavours in render/footnotes.py fill in.
"""

from __future__ import annotations

from collections.abc import Callable

from publisher.model import CrossLink, Element, Node, Note, NoteRef, NoteSection

VOID = frozenset({"br", "hr", "img", "wbr", "col"})  # written <br/>; others <p></p>
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\n": "&#10;",
        "\r": "&#13;",
        "\t": "&#9;",
    }
)


def escape_text(text: str) -> str:
    """Text content as XHTML writes it."""
    return text.translate(_TEXT)


def start_tag(tag: str, attributes: tuple[tuple[str, str], ...]) -> str:
    """``<tag a="v" …>``, values escaped."""
    written = "".join(f' {key}="{value.translate(_ATTRIBUTE)}"' for key, value in attributes)
    return f"<{tag}{written}>"


class BodyWriter:
    """Writes body nodes as XHTML; ``href`` gives the address of a link to another article.

    Subclasses say how a note's call and the notes' section look (render/footnotes.py)."""

    def __init__(self, notes: tuple[Note, ...], href: Callable[[CrossLink], str]) -> None:
        self.notes = {note.id: note for note in notes}
        self.href = href

    def write(self, nodes: tuple[Node, ...]) -> str:
        """The nodes as one XHTML string."""
        out: list[str] = []
        self.write_into(nodes, out)
        return "".join(out)

    def write_into(self, nodes: tuple[Node, ...], out: list[str]) -> None:
        """Append the XHTML of ``nodes`` to ``out``."""
        for node in nodes:
            if isinstance(node, str):
                out.append(escape_text(node))
            elif isinstance(node, Element):
                self.element(node.tag, node.attributes, node.children, out)
            elif isinstance(node, CrossLink):
                href = self.href(node)
                attributes = tuple((k, href if k == "href" else v) for k, v in node.attributes)
                self.element("a", attributes, node.children, out)
            elif isinstance(node, NoteRef):
                out.append(self.noteref(node))
            elif isinstance(node, NoteSection):
                out.append(self.section(node))

    def element(
        self,
        tag: str,
        attributes: tuple[tuple[str, str], ...],
        children: tuple[Node, ...],
        out: list[str],
    ) -> None:
        """Append one element, its children written by this writer."""
        if not children and tag in VOID:
            out.append(start_tag(tag, attributes)[:-1] + "/>")
            return
        out.append(start_tag(tag, attributes))
        self.write_into(children, out)
        out.append(f"</{tag}>")

    def noteref(self, ref: NoteRef) -> str:
        """A note's call, as this output shows it."""
        raise NotImplementedError

    def section(self, section: NoteSection) -> str:
        """The place where notes are listed, as this output shows it."""
        raise NotImplementedError


def local_href(link: CrossLink) -> str:
    """A link to another article in a book that is one document: ``#`` and its anchor."""
    if not link.chapter:  # not resolved by the book pass: the manuscript, as written
        return link.path + (f"#{link.fragment}" if link.fragment else "")
    return f"#{link.anchor}"
