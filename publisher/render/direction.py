"""Which way a language's text runs: Arabic, Hebrew, Persian, Urdu… right to left.

Pages say it with ``dir`` wherever they say ``lang``, so that reading systems and the PDF
renderer order lines, align paragraphs and place list markers on the right side; an RTL
book also turns its pages the other way (EPUB page progression, PDF reading direction).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

import markupsafe

# Primary language subtags written right to left by default (their usual script is
# Arabic, Hebrew, Thaana, Syriac or N'Ko).
RTL_LANGUAGES = frozenset(
    {"ar", "arc", "azb", "bal", "ckb", "dv", "fa", "glk", "he", "iw", "ji", "khw", "ks"}
    | {"lrc", "mzn", "nqo", "pnb", "prs", "ps", "sd", "sdh", "syr", "ug", "ur", "yi"}
)
# Script subtags that settle it either way (``az-Arab`` is RTL, ``sd-Deva`` is not).
RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr"})


def direction(lang: str | None) -> str:
    """``rtl`` or ``ltr`` for a BCP 47 language tag (``ltr`` when there is none)."""
    if not lang:
        return "ltr"
    subtags = lang.lower().replace("_", "-").split("-")
    script = next((s for s in subtags[1:] if len(s) == 4 and s.isalpha()), None)
    if script:
        return "rtl" if script in RTL_SCRIPTS else "ltr"
    return "rtl" if subtags[0] in RTL_LANGUAGES else "ltr"


def text_direction(text: str | None) -> str:
    """``rtl`` or ``ltr`` for a run of text by its first strong character (Unicode's rule,
    as ``dir="auto"`` applies it), so a name or title can be isolated in the other
    direction's text; ``ltr`` when it has none."""
    for char in text or "":
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def isolated(text: str) -> markupsafe.Markup:
    """``text`` in a ``<bdi>`` of its own direction: a run the surrounding text's direction
    cannot reorder (WeasyPrint lays the element out as one box, reading systems isolate it)."""
    return markupsafe.Markup('<bdi dir="{}">{}</bdi>').format(text_direction(text), text)


def isolated_list(join: Callable[[list[str]], str], people: Iterable[Any]) -> markupsafe.Markup:
    """A list of names joined the book's way (``join``, the labels' ``names``: 'A, B and C',
    'A, B ו-C'), each name isolated on its own: one isolate round the whole list would carry
    the conjunction of a Hebrew list of English names into the English run, and reverse the
    names' order."""
    names = [getattr(person, "name", person) for person in people]
    tokens = [f"\x00{index}\x00" for index in range(len(names))]
    joined = markupsafe.escape(join(tokens))
    for token, name in zip(tokens, names, strict=True):
        joined = markupsafe.Markup(joined.replace(token, isolated(name)))
    return markupsafe.Markup(joined)
