"""Lists nested by their content column (two spaces under ``- ``) in publisher's own dialect.

Python-Markdown nests a list only when it is indented by four spaces; people, and every
CommonMark tool, indent a nested list to where the item's text starts (``- a`` then
``  - b``). This preprocessor re-indents list lines the CommonMark way before Python-Markdown
reads them: an item's content moves to four spaces per level, keeping any extra indentation
(so code inside an item stays code). Four-space nesting reads as before. Line count and
order are unchanged, so every line number stays right.
"""

from __future__ import annotations

import re

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_MARKER = re.compile(r"^( *)([-*+]|\d{1,9}[.)])( +|$)")
_BREAK = re.compile(r"^ *([-*_])(?: *\1){2,} *$")
_FENCE = re.compile(r"^ *(`{3,}|~{3,})")


def renest(lines: list[str]) -> list[str]:
    """The lines with list content re-indented to four spaces per nesting level."""
    columns: list[int] = []  # the content column of each open item, outermost first
    fence: str | None = None
    previous_blank = True
    out = []
    for raw in lines:
        line = raw.expandtabs(4)
        indent = len(line) - len(line.lstrip(" "))
        if not line.strip():
            out.append(raw)
            previous_blank = True
            continue
        fenced = _FENCE.match(line)
        if fence is not None or fenced:
            if fence is None and fenced:
                fence = fenced.group(1)
            elif fenced and fenced.group(1).startswith(fence or "\0"):
                fence = None
            out.append(_shift(line, indent, columns) if columns else raw)
            previous_blank = False
            continue
        marker = _MARKER.match(line)
        if marker and not _BREAK.match(line) and (columns or indent < 4):
            while columns and indent < columns[-1]:
                columns.pop()
            gap = len(marker.group(3))
            width = len(marker.group(2)) + (gap if 0 < gap <= 4 else 1)
            out.append(" " * 4 * len(columns) + line.lstrip(" "))
            columns.append(indent + width)
        elif columns and indent < columns[-1] and not previous_blank:
            out.append(" " * 4 * len(columns) + line.lstrip(" "))  # a lazy continuation
        else:
            while columns and indent < columns[-1] and previous_blank:
                columns.pop()
            out.append(_shift(line, indent, columns) if columns else raw)
        previous_blank = False
    return out


def _shift(line: str, indent: int, columns: list[int]) -> str:
    """Content of the innermost item: its content column becomes 4 × depth."""
    extra = max(indent - columns[-1], 0)
    return " " * (4 * len(columns) + extra) + line.lstrip(" ")


class _Renest(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return renest(lines)


class NestedListsExtension(Extension):
    """Registers the preprocessor before fenced code and raw HTML are taken out."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Renest(md), "nested_lists", 29)
