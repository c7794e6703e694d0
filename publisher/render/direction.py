"""Which way a language's text runs: Arabic, Hebrew, Persian, Urdu… right to left.

Pages say it with ``dir`` wherever they say ``lang``, so that reading systems and the PDF
renderer order lines, align paragraphs and place list markers on the right side; an RTL
book also turns its pages the other way (EPUB page progression, PDF reading direction).
"""

from __future__ import annotations

import re
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
        if text_direction(name) == "ltr":  # Hebrew joins ו to a foreign name with a maqaf
            joined = markupsafe.Markup(joined.replace("\u05d5" + token, "\u05d5\u05be" + token))
        joined = markupsafe.Markup(joined.replace(token, isolated(name)))
    return markupsafe.Markup(joined)


# Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan,
# Mandaic, and their presentation forms), and what may join them into one run.
_RTL_LETTERS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
_RTL_RUN = re.compile(f"[{_RTL_LETTERS}]+(?:[\\s\u200c\u200d\u00a0]+[{_RTL_LETTERS}]+)*")
_TAG = re.compile(r"(<!--.*?-->|<[^>]*>)", re.DOTALL)
_ATTRIBUTE = re.compile(r"""\s([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
# Elements whose text stays as it is: code, formulas, pictures, and runs already isolated.
_KEPT = frozenset({"code", "pre", "kbd", "samp", "var", "script", "style", "math", "svg"})
_KEPT |= {"bdi", "bdo", "textarea", "title"}
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})
_VOID |= {"source", "track", "wbr"}


def isolate_rtl_runs(markup: str, base: str) -> markupsafe.Markup:
    """XHTML (or plain text, escaped) with every run of right-to-left letters inside
    left-to-right text wrapped in ``<bdi dir="rtl">``; ``base`` is the direction around it.

    The run is isolated from the punctuation around it, and base.css sets it upright: an
    Arabic or Hebrew word in English italics has no italic to take, and a slanted one would
    garble its joins. Only text changes; tags are copied as they are."""
    if not isinstance(markup, markupsafe.Markup):
        markup = markupsafe.escape(markup)
    stack: list[str | None] = [base]  # per open element: its direction, or "kept"
    out: list[str] = []
    for piece in _TAG.split(str(markup)):
        if piece.startswith("<"):
            _follow(piece, stack)
            out.append(piece)
        elif stack[-1] == "ltr" and piece:
            out.append(_RTL_RUN.sub(lambda run: f'<bdi dir="rtl">{run[0]}</bdi>', piece))
        else:
            out.append(piece)
    return markupsafe.Markup("".join(out))


def _follow(tag: str, stack: list[str | None]) -> None:
    """Keep ``stack`` in step with one tag: an element opens in its own direction (its
    ``dir``, else its ``lang``'s), or "kept" for the elements whose text is left alone."""
    if tag.startswith(("<!", "<?")):
        return
    if tag.startswith("</"):
        if len(stack) > 1:
            stack.pop()
        return
    name = tag[1:].split(None, 1)[0].rstrip("/>").lower() if len(tag) > 2 else ""
    if tag.endswith("/>") or name in _VOID:
        return
    attributes = {key.lower(): a or b for key, a, b in _ATTRIBUTE.findall(tag)}
    lang = attributes.get("lang") or attributes.get("xml:lang")
    here = attributes.get("dir") or (direction(lang) if lang else stack[-1])
    stack.append("kept" if name in _KEPT or stack[-1] == "kept" else here)
