"""Where the print book may break a word: soft hyphens placed by the rules of a typesetter.

WeasyPrint's own ``hyphens: auto`` breaks any word its dictionary allows, names included,
with as little as two letters on a line. The print document instead carries soft hyphens
(U+00AD) that this module places, and the print CSS sets ``hyphens: manual``:

- at least MIN_BEFORE letters before a break and MIN_AFTER after it (CSS
  ``hyphenate-limit-chars: 6 3 3``), in words of at least MIN_WORD letters;
- never in a word with a capital initial (a name, most often), except in the languages
  that capitalise every noun (German, Luxembourgish);
- never inside a ligature (between an f and the f, i, j, l or t after it);
- never in words with digits, in words already holding a hyphen or a soft hyphen, in code,
  or in text outside the body's paragraphs, lists and quotations.

Breaks come from the language's pyphen dictionary (the one WeasyPrint uses); a language
without one gets no soft hyphens, so its text is never hyphenated.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pyphen
from lxml import etree, html

MIN_WORD, MIN_BEFORE, MIN_AFTER = 6, 3, 3
SOFT_HYPHEN = "\u00ad"
WORD_JOINER = "\u2060"
SKIPPED = {"code", "pre", "kbd", "samp", "var", "script", "style", "math", "svg", "abbr", "bdi"}
CAPITALISED_NOUNS = {"de", "lb"}
LIGATURE_SECONDS = set("fijlt")  # after an f: letters the text face may join to it
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@lru_cache(maxsize=32)
def dictionary(lang: str) -> pyphen.Pyphen | None:
    """The language's hyphenation dictionary, or None when pyphen has none."""
    for code in (lang, lang.replace("-", "_"), lang.split("-")[0]):
        if code and code in pyphen.LANGUAGES:
            return pyphen.Pyphen(lang=code, left=MIN_BEFORE, right=MIN_AFTER)
    return None


def hyphenate_html(fragment: str, lang: str, capitals: bool = False) -> str:
    """The XHTML fragment with soft hyphens in the words the rules allow."""
    words = dictionary(lang or "en")
    if words is None or not fragment.strip():
        return fragment
    root = html.fragment_fromstring(fragment, create_parent="div")
    _walk(root, lang, capitals)
    inner = (root.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in root
    )
    return inner


def _walk(element, lang: str, capitals: bool) -> None:
    """Soft hyphens in this element's text and its children's, in their own language."""
    own = element.get("lang") or element.get("{http://www.w3.org/XML/1998/namespace}lang")
    lang = own or lang
    words = dictionary(lang)
    skip = not isinstance(element.tag, str) or element.tag in SKIPPED or words is None
    if not skip and element.text:
        element.text = hyphenate_text(element.text, words, lang, capitals)
    for child in element:
        if isinstance(child.tag, str):
            _walk(child, lang, capitals)
        if child.tail and words is not None and not skip:
            child.tail = hyphenate_text(child.tail, words, lang, capitals)


def hyphenate_text(text: str, words: pyphen.Pyphen, lang: str, capitals: bool = False) -> str:
    """Soft hyphens in each word of ``text`` the rules allow (see the module docstring)."""
    nouns = lang.lower().split("-")[0] in CAPITALISED_NOUNS

    def one(match: re.Match[str]) -> str:
        word = match.group(0)
        if len(word) < MIN_WORD or (word[0].isupper() and not capitals and not nouns):
            return word
        start, end = match.span()
        if text[end : end + 1] in "-\u2010" + SOFT_HYPHEN and end < len(text):
            return word
        if start and text[start - 1] in "-\u2010" + SOFT_HYPHEN:
            return word
        return _inserted(words, word)

    held = _SHORT_AT_HYPHEN.sub(lambda m: m.group(0) + WORD_JOINER, _WORD.sub(one, text))
    return _NAME_AT_HYPHEN.sub(_held_if_name, held)


# a hard hyphen with fewer than three letters on one side ("V-notching", "co-op") holds
# its word together: a word joiner after it forbids the break there
_SHORT_AT_HYPHEN = re.compile(
    r"(?<![^\W\d_])[^\W\d_]{1,2}[-\u2010](?=[^\W\d_])"
    r"|[^\W\d_][-\u2010](?=[^\W\d_]{1,2}(?![^\W\d_]))"
)


# a hard hyphen after a capitalised part holds too: a double-barrelled name
# ("Köhler-Steinbach", "Wilkes-Ibarra") or a compound on a name ("Saturday-only") is not
# broken at a line end, where it would read as a hyphenated name
_NAME_AT_HYPHEN = re.compile(r"(?<![^\W\d_])([^\W\d_]+)[-\u2010](?=[^\W\d_])")


def _held_if_name(match: re.Match[str]) -> str:
    return match.group(0) + (WORD_JOINER if match.group(1)[0].isupper() else "")


def _inserted(words: pyphen.Pyphen, word: str) -> str:
    """The word with its soft hyphens, none inside a ligature (f-f, f-i, f-l): a soft
    hyphen within one glyph breaks the text a reader or a search gets back."""
    parts = words.inserted(word, hyphen=SOFT_HYPHEN).split(SOFT_HYPHEN)
    out = parts[0]
    for part in parts[1:]:
        ligature = out[-1:].lower() == "f" and part[:1].lower() in LIGATURE_SECONDS
        out += ("" if ligature else SOFT_HYPHEN) + part
    return out
