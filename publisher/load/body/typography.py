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


# French sets a no-break space before the high signs and inside guillemets: a thin one
# (U+202F) before ; ! ? and inside « », a word space (U+00A0) before the colon. Only spaces
# already typed there change kind, so the line never breaks before the sign and the
# sign never starts a line; nothing is inserted where the writer put no space.
_FR_BEFORE_HIGH = re.compile(r"(?<=\S)[ \t\u00a0]+(?=[;!?»])")
_FR_BEFORE_COLON = re.compile(r"(?<=\S)[ \t\u202f]+(?=:)")
_FR_AFTER_OPEN = re.compile(r"(?<=«)[ \t\u00a0]+(?=\S)")


def french_spacing(text: str) -> str:
    """The text with the spaces French typography holds to their sign made no-break."""
    if not any(sign in text for sign in ";!?:«»"):
        return text
    text = _FR_BEFORE_HIGH.sub("\u202f", text)
    text = _FR_BEFORE_COLON.sub("\u00a0", text)
    return _FR_AFTER_OPEN.sub("\u202f", text)
