"""Page starts of a made-up layout, named in the unchanged document (the EPUB's terms).

The page map (render/pagemap.py) names a page's start by the index of a block in its scope
and the characters before it in that block. The make-up splits paragraphs and moves
figures, so a block's index in the laid-out tree is not the EPUB's: each block is matched
to the unchanged tree's by its article-body number (tree.py) and its place under it; the
second piece of a split paragraph is the same block, its offset counting the first piece's
characters. A moved figure never names a page's start (the text around it does).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from publisher.backends.pdf.makeup.tree import KEY, MOVED, SHOWN, number
from publisher.backends.pdf.pagemap import page_starts
from publisher.render.pagemap import PageStart, blocks, scope_name

Token = tuple[object, ...]


def made_up_starts(pages: Sequence[Any], made: Any, original: Any) -> list[PageStart]:
    """The start of every page laid out from the tree ``made``, in terms of ``original``
    (the same document before the make-up changed it)."""
    moved = {id(e) for m in made.iter() if m.get(MOVED) is not None for e in m.iter()}
    starts = page_starts(pages, made, skip=moved)
    if not moved and not any(e.get(SHOWN) for e in made.iter()):
        return starts
    number(original)
    made_scopes, original_scopes = _scopes(made), _scopes(original)
    out = []
    for start in starts:
        scope = made_scopes.get(start.scope) if start.scope else None
        if scope is None or start.scope not in original_scopes:
            out.append(start)
            continue
        made_blocks = blocks(scope)
        if start.block >= len(made_blocks):
            out.append(start)
            continue
        block = made_blocks[start.block]
        tokens = _tokens(original_scopes[start.scope])
        token = _tokens(scope)[start.block]
        index = tokens.index(token) if token in tokens else start.block
        offset = start.offset + int(block.get(SHOWN, "0"))
        out.append(replace(start, block=index, offset=offset))
    return out


def _scopes(root: Any) -> dict[str, Any]:
    return {name: e for e in root.iter() if (name := scope_name(e))}


def _tokens(scope: Any) -> list[Token]:
    """Each block of the scope as (body number, ordinal under it), or ('', ordinal) outside
    the bodies; a split paragraph's pieces are one block."""
    parents = {child: parent for parent in scope.iter() for child in parent}
    seen: dict[object, int] = {}
    tokens: list[Token] = []
    for block in blocks(scope):
        node, key = block, ""
        while node is not None and node.get(KEY) is None:
            node = parents.get(node)
        if node is not None:
            key = node.get(KEY)
        if node is block:
            tokens.append((key, "self"))
            continue
        seen[key] = seen.get(key, -1) + 1
        tokens.append((key, seen[key]))
    return tokens
