"""A Markdown body's first level-1 heading, as the title of an article that has none.

Bare Markdown (no front matter) names its article in its first ``# Heading``; files with
front matter often repeat their title there. Either way the heading leaves the body, so the
book does not print the title twice. Line numbers are kept: the heading's lines become blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publisher.load.body.locate import mask_code

_ATX_TITLE = re.compile(r"^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_SETEXT_RULE = re.compile(r"^ {0,3}=+[ \t]*$")


@dataclass(frozen=True)
class TitleHeading:
    """A level-1 heading that can serve as the title, and the body without it."""

    text: str
    line: int  # 0-based line in the body
    rest: str  # the body with the heading blanked out (line numbers stay right)
    leading: bool  # the body's first block


def heading_title(body: str) -> TitleHeading | None:
    """The first level-1 heading: ``# Title``, ``# Title #``, or a line over ``===``."""
    if "#" not in body and "=" not in body:
        return None
    lines = mask_code(body).split("\n")
    leading = True
    for number, line in enumerate(lines):
        if not line.strip():
            continue
        match = _ATX_TITLE.match(line)
        if match and match.group(1).strip().strip("#").strip():
            return TitleHeading(match.group(1).strip(), number, _blank(body, number, 1), leading)
        below = lines[number + 1] if number + 1 < len(lines) else ""
        after_blank = number == 0 or not lines[number - 1].strip()
        if after_blank and _SETEXT_RULE.match(below) and not line.startswith((" " * 4, "\t")):
            return TitleHeading(line.strip(), number, _blank(body, number, 2), leading)
        leading = False
    return None


def same_title(a: object, b: str) -> bool:
    """Two spellings of one title: case, quotes, dashes and spacing aside."""

    def key(text: object) -> str:
        return re.sub(r"[\W_]+", " ", str(text).casefold()).strip()

    return isinstance(a, (str, int, float)) and key(a) == key(b)


def _blank(body: str, number: int, count: int) -> str:
    lines = body.split("\n")
    lines[number : number + count] = [""] * count
    return "\n".join(lines)
