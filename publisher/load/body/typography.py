"""Typographic quotes and dashes for metadata text (titles, decks, summaries).

Article bodies get them from Python-Markdown's smarty extension; titles and decks come from
front matter or raw copy and would otherwise keep typewriter quotes next to curly ones.
"""

from __future__ import annotations

import html
import re

import smartypants

# quotes, backticks, "--" en dash / "---" em dash, ellipses; Unicode characters, not entities
_ATTRS = (
    smartypants.Attr.q
    | smartypants.Attr.b
    | smartypants.Attr.D
    | smartypants.Attr.e
    | smartypants.Attr.u
)


# An apostrophe that opens a word is not an opening quote: '90s, '05, 'tis, 'em, rock 'n' roll
_ELISION = re.compile(r"‘(?=(?:\d\d(?:s\b|\b)|tis\b|twas\b|em\b|n’))", re.IGNORECASE)


def smarten(text: str) -> str:
    """Curly quotes, apostrophes, dashes and ellipses in a line of plain text."""
    if not any(ch in text for ch in "'\"`-."):
        return text
    # smartypants skips anything that looks like an HTML tag: escape the text first
    curly = html.unescape(smartypants.smartypants(html.escape(text, quote=False), _ATTRS))
    return elisions(curly)


def elisions(text: str) -> str:
    """Turn opening quotes that start an elided word ('90s, 'tis) into apostrophes, which
    both smartypants and Python-Markdown's smarty get wrong."""
    return _ELISION.sub("’", text) if "‘" in text else text
