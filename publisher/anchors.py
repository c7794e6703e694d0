"""Anchors in an article's serialised XHTML body: the ids it holds, the ``#`` links it makes.

Bodies are XHTML the loader wrote itself (attributes double-quoted, ids unique), so a
regular expression reads them exactly; the loader, the EPUB renderer and the PDF chunker
all ask these two questions when they follow links between articles.
"""

from __future__ import annotations

import re

ID = re.compile(r'\sid="([^"]+)"')
FRAGMENT_HREF = re.compile(r'\shref="#([^"]+)"')


def ids_in(html: str) -> list[str]:
    """Every id an XHTML fragment holds, in document order."""
    return ID.findall(html)


def fragment_links(html: str) -> list[str]:
    """The targets of every ``href="#…"`` in an XHTML fragment, in document order."""
    return FRAGMENT_HREF.findall(html)
