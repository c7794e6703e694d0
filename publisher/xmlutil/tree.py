"""Small lxml tree edits shared by the loader and the renderer."""

from __future__ import annotations

from lxml import etree


def remove_keep_tail(el: etree._Element) -> None:
    """Remove an element but keep the text that followed it (its tail) in place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    previous = el.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)
