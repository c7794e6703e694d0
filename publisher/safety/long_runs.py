"""Very long unbroken runs of text, given break opportunities before the print engine sees them.

WeasyPrint lays out a run of text with no place to break (a pasted hash, a DNA sequence, a
URL of thousands of characters) in time that grows faster than its length: measured on
a 300 pt column, 3,000 characters take 1 s, 6,000 take 6 s, 20,000 over a minute; with
an invisible break opportunity (U+200B ZERO WIDTH SPACE) every 40 characters, 100,000
take 9 s, about as long as ordinary prose of that length. So for print only, every run
of more than LONG_RUN characters without white space gets one every PIECE characters;
shorter runs (every real word, nearly every address) are untouched, and the EPUB and
the model keep the text as written. Reading systems break such runs themselves.
"""

from __future__ import annotations

import re
from dataclasses import replace

from publisher.model import (
    Article,
    Chapter,
    CrossLink,
    Element,
    Node,
    Note,
    NoteSection,
    Part,
    Publication,
)

LONG_RUN = 200  # characters without white space before a run counts as unbreakable
PIECE = 40  # characters between the break opportunities added to such a run
BREAK = "\u200b"
_RUN = re.compile(rf"[^\s{BREAK}]{{{LONG_RUN + 1},}}")


def with_breakable_runs(pub: Publication) -> Publication:
    """The publication with break opportunities in every very long run of its articles."""
    return replace(pub, parts=tuple(replace(p, chapters=_chapters(p)) for p in pub.parts))


def _chapters(part: Part) -> tuple[Chapter, ...]:
    return tuple(replace(ch, article=_article(ch.article)) for ch in part.chapters)


def _article(article: Article) -> Article:
    if not _RUN.search(article.text):
        return article
    notes = tuple(replace(note, body=breakable(note.body)) for note in article.notes)
    return replace(article, body=breakable(article.body), notes=notes)


def breakable(nodes: tuple[Node, ...]) -> tuple[Node, ...]:
    """Body nodes with BREAK every PIECE characters of each long run in their text (never
    in an attribute: addresses and ids stay as written)."""
    return tuple(_node(node) for node in nodes)


def _node(node: Node | Note) -> Node:
    if isinstance(node, str):
        return _RUN.sub(_pieces, node) if _RUN.search(node) else node
    if isinstance(node, (Element, CrossLink, NoteSection)):
        return replace(node, children=breakable(node.children))
    return node


def _pieces(match: re.Match[str]) -> str:
    run = match.group(0)
    return BREAK.join(run[i : i + PIECE] for i in range(0, len(run), PIECE))
