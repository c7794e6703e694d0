"""Every address a piece of CSS refers to, found by tokenising it (tinycss2), not by pattern.

CSS hides addresses well from a regular expression: escapes (``\\75rl(`` is ``url(``,
``@\\69mport`` is ``@import``), no space (``@import"http://…"``), functions that take plain
strings (``image-set("http://…" 1x)``), addresses without a scheme (``url(//host/x)``) and
comments in odd places. tinycss2 tokenises CSS as browsers and WeasyPrint do, escapes
decoded, so each address is seen as the renderer will see it. The callers decide which
addresses they accept: a theme its own files, an SVG image only ``#fragments``.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote_to_bytes

import tinycss2
from tinycss2 import ast

# Functions whose string arguments are addresses, as well as url() itself.
_URL_FUNCTIONS = {"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade"}
_IMPORTS = {"import"}  # @import "x" and @import url(x); @namespace's address is a name


@dataclass(frozen=True)
class Reference:
    """An address written in CSS, and the 1-based line of the CSS it is on."""

    url: str
    line: int


def stylesheet_references(css: str) -> list[Reference]:
    """The addresses in a whole stylesheet (rules, at-rules, declarations)."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return list(_in_nodes(rules))


def declarations_references(css: str) -> list[Reference]:
    """The addresses in a ``style`` attribute (a list of declarations)."""
    return list(_in_nodes(tinycss2.parse_blocks_contents(css, skip_comments=True)))


def value_references(css: str) -> list[Reference]:
    """The addresses in one property value (an SVG presentation attribute such as fill)."""
    return list(_in_nodes(tinycss2.parse_component_value_list(css, skip_comments=True)))


def _in_nodes(nodes: Iterable[ast.Node]) -> Iterator[Reference]:
    for node in nodes:
        yield from _in_node(node)


def _in_node(node: ast.Node) -> Iterator[Reference]:
    kind = node.type
    if kind == "url":
        yield Reference(node.value, node.source_line)
    elif kind == "at-rule":
        if node.lower_at_keyword in _IMPORTS:
            yield from _strings(node.prelude)
        if node.lower_at_keyword != "namespace":
            yield from _in_nodes(node.prelude)
        yield from _in_nodes(node.content or ())
    elif kind == "qualified-rule":
        yield from _in_nodes(node.prelude)
        yield from _in_nodes(node.content)
    elif kind == "declaration":
        yield from _in_nodes(node.value)
    elif kind == "function":
        if node.lower_name in _URL_FUNCTIONS:
            yield from _strings(node.arguments)
        yield from _in_nodes(node.arguments)
    elif kind in ("() block", "[] block", "{} block"):
        yield from _in_nodes(node.content)


def _strings(nodes: Iterable[ast.Node]) -> Iterator[Reference]:
    """String tokens at this level: an address where url() is not written."""
    for node in nodes:
        if node.type == "string":
            yield Reference(node.value, node.source_line)


def is_fragment(url: str) -> bool:
    """Whether an address only points inside the same document (``#id``)."""
    return url.strip().startswith("#")


def scheme_of(url: str) -> str | None:
    """The address's scheme in lower case (``http``, ``data``), or None for a path.

    ``//host/x`` counts as remote (scheme ``//``): it takes the scheme of the document,
    which for a book is a file and for a reading system may be the web."""
    text = url.strip()
    if text.startswith(("//", "\\\\", "/\\", "\\/")):
        return "//"
    head, sep, _ = text.partition(":")
    if sep and head and head[0].isalpha() and all(c.isalnum() or c in "+.-" for c in head):
        return head.lower()
    return None


def data_url_bytes(url: str, media_types: tuple[str, ...]) -> bytes | None:
    """The bytes of a ``data:`` address of one of ``media_types``, else None."""
    header, sep, body = url.strip()[5:].partition(",")
    if not sep:
        return None
    parts = [p.strip().lower() for p in header.split(";")]
    if parts[0] not in media_types:
        return None
    try:
        if "base64" in parts[1:]:
            return base64.b64decode("".join(body.split()), validate=True)
        return unquote_to_bytes(body)
    except ValueError:
        return None
