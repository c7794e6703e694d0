"""The words newsroom copy is written in: month, weekday and language names in the languages
the book's labels speak (en, es, fr, de, pt, it). Pure functions, no I/O.

Month and weekday names come from CLDR through Babel (wide and abbreviated, format and
stand-alone forms), so that "3 de março", "3. März", "1er févr." and "lun. 3 mars" are read
the way each language writes them; typists' variants CLDR does not list (accents left out,
"Sept", "Mär") are added by folding. Built once per process, on first use.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

COPY_LANGUAGES = ("en", "es", "fr", "de", "pt", "it")
# Abbreviations typists use that CLDR does not list (lower case, no full stop).
_EXTRA_MONTHS = {"sept": 9, "sep": 9, "set": 9, "mär": 3, "mrz": 3, "juil": 7, "févr": 2}


def fold(text: str) -> str:
    """Lower case without accents: 'Févr.' → 'fevr.' (for matching typists' variants)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@cache
def month_numbers() -> dict[str, int]:
    """Every month name and abbreviation (lower case, no full stop, also folded) → 1–12."""
    from babel import dates

    found: dict[str, int] = {}
    for lang in COPY_LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                names = dates.get_month_names(width, context=context, locale=lang)
                for number, name in names.items():
                    _add(found, name, number)
    for name, number in _EXTRA_MONTHS.items():
        _add(found, name, number)
    return found


@cache
def weekday_names() -> frozenset[str]:
    """Every weekday name and abbreviation in the copy languages (lower case, folded too)."""
    from babel import dates

    found: dict[str, int] = {}
    for lang in COPY_LANGUAGES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in dates.get_day_names(width, context, lang).items():
                    _add(found, name, number)
    for name in ("tues", "thur", "thurs", "weds"):
        _add(found, name, 0)
    return frozenset(found)


@cache
def language_names() -> dict[str, str]:
    """Language names as each copy language writes them ('inglés', 'anglais', 'Englisch',
    'inglese'; lower case, folded too) → BCP 47 tag, for the languages copy is translated from."""
    from babel import Locale

    from publisher.load.language import LANGUAGE_CODES

    codes = {code for code in LANGUAGE_CODES.values() if "-" not in code}
    found: dict[str, str] = {}
    for lang in COPY_LANGUAGES[1:]:
        names = Locale.parse(lang).languages
        for code in codes:
            name = names.get(code)
            if name and " " not in name:
                found.setdefault(name.lower(), code)
                found.setdefault(fold(name), code)
    return found


def alternation(words: object) -> str:
    """A regular-expression alternation of words, longest first (so 'sept' beats 'sep')."""
    return "|".join(sorted((re.escape(str(w)) for w in words), key=len, reverse=True))


def _add(found: dict, name: str, number: int) -> None:
    key = name.lower().rstrip(".")
    for variant in (key, fold(key)):
        if variant and variant not in found:
            found[variant] = number
