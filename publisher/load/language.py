"""Which language an article is in: stated in the copy, detected, or the book's.

Detection uses py3langid, whose model ships inside the wheel (no download at run time). The
model is loaded on first use only, so builds without plain-text articles never pay for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

# English names of languages as newsroom copy writes them ("Read the original Chinese
# article", "Translated from the Spanish by") → BCP 47 tags.
LANGUAGE_CODES = {
    "arabic": "ar",
    "basque": "eu",
    "bengali": "bn",
    "burmese": "my",
    "cantonese": "yue",
    "catalan": "ca",
    "chinese": "zh",
    "czech": "cs",
    "danish": "da",
    "dutch": "nl",
    "english": "en",
    "farsi": "fa",
    "filipino": "fil",
    "finnish": "fi",
    "french": "fr",
    "galician": "gl",
    "german": "de",
    "greek": "el",
    "hebrew": "he",
    "hindi": "hi",
    "hungarian": "hu",
    "indonesian": "id",
    "italian": "it",
    "japanese": "ja",
    "khmer": "km",
    "korean": "ko",
    "malay": "ms",
    "mandarin": "zh",
    "mongolian": "mn",
    "nepali": "ne",
    "norwegian": "no",
    "persian": "fa",
    "polish": "pl",
    "portuguese": "pt",
    "romanian": "ro",
    "russian": "ru",
    "spanish": "es",
    "swahili": "sw",
    "swedish": "sv",
    "tagalog": "tl",
    "thai": "th",
    "tibetan": "bo",
    "turkish": "tr",
    "ukrainian": "uk",
    "urdu": "ur",
    "uyghur": "ug",
    "vietnamese": "vi",
    "welsh": "cy",
    "中文": "zh",
    "英文": "en",
    "英语": "en",
    "日文": "ja",
    "韩文": "ko",
    "西班牙文": "es",
}
LANGUAGE_NAME = r"(?:simplified |traditional )?(?:" + "|".join(LANGUAGE_CODES) + r")"

MIN_CONFIDENCE = 0.95  # below this a detected language is not recorded
MIN_LETTERS = 40  # too little text to detect anything reliably

_LETTER = re.compile(r"\w", re.UNICODE)


def language_code(name: str) -> str | None:
    """The BCP 47 tag for an English language name ('Chinese' → 'zh'), or None."""
    key = " ".join(name.lower().split())
    if key.startswith("simplified "):
        return "zh-Hans" if key.endswith("chinese") else LANGUAGE_CODES.get(key[11:])
    if key.startswith("traditional "):
        return "zh-Hant" if key.endswith("chinese") else LANGUAGE_CODES.get(key[12:])
    return LANGUAGE_CODES.get(key)


@dataclass(frozen=True)
class Detection:
    """A language guessed from the text, and how sure the model is (0–1)."""

    lang: str
    confidence: float


def detect(text: str) -> Detection | None:
    """Guess the language of a text; None when there is too little text to try."""
    if len(_LETTER.findall(text)) < MIN_LETTERS:
        return None
    lang, confidence = _identifier().classify(text)
    return Detection(str(lang), float(confidence))


@dataclass(frozen=True)
class LanguageDecision:
    """The language recorded for an article (None: leave it to the book) and why."""

    lang: str | None
    reason: str


def decide_language(
    stated: str | None, book_language: str | None, body_text: str
) -> LanguageDecision:
    """Stated in the copy wins; else a confident detection that differs from the book's
    language; else the book's language (or, with no book, the detection if confident)."""
    if stated:
        return LanguageDecision(stated, "stated in the copy")
    found = detect(body_text)
    sure = found is not None and found.confidence >= MIN_CONFIDENCE
    if sure and found and (not book_language or _primary(found.lang) != _primary(book_language)):
        return LanguageDecision(
            found.lang, f"detected in the text (confidence {found.confidence:.2f})"
        )
    if book_language:
        why = "the publication's language" + (", confirmed by detection" if sure else "")
        return LanguageDecision(book_language, why)
    if found:
        return LanguageDecision(None, f"not recorded: detection unsure ({found.lang})")
    return LanguageDecision(None, "not recorded: too little text to detect")


def _primary(tag: str) -> str:
    return tag.split("-")[0].lower()


@cache
def _identifier() -> Any:
    """The py3langid model with normalised probabilities, loaded once per process, limited to
    the languages copy is written in (LANGUAGE_CODES): otherwise a short Spanish article
    shares its probability with Extremaduran and Aragonese and falls under MIN_CONFIDENCE."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    known = set(identifier.nb_classes)
    identifier.set_languages(sorted({c for c in LANGUAGE_CODES.values() if c in known}))
    return identifier


# --- Markdown articles: the language of the whole text, and runs in another script ---

ARTICLE_MIN_LETTERS = 120  # an article shorter than this keeps the book's language
XHTML_NS = "http://www.w3.org/1999/xhtml"
_OPS_NS = "http://www.idpf.org/2007/ops"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SKIP = {"code", "pre", "kbd", "samp", "script", "style"}
# Scripts whose runs can be given a language with confidence from the script alone, and
# the languages written in each (a run is not marked in an article in one of them).
SCRIPTS: dict[str, tuple[str, str, frozenset[str]]] = {
    # name: (character class, language of a run, languages written in the script)
    "kana": ("\u3040-\u30ff\u31f0-\u31ff", "ja", frozenset({"ja"})),
    "han": ("\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff", "zh", frozenset({"zh", "ja", "yue"})),
    "hangul": ("\u1100-\u11ff\u3130-\u318f\uac00-\ud7af", "ko", frozenset({"ko"})),
    "hebrew": ("\u0590-\u05ff", "he", frozenset({"he", "iw", "yi"})),
    "greek": ("\u0370-\u03ff\u1f00-\u1fff", "el", frozenset({"el", "grc"})),
    "thai": ("\u0e00-\u0e7f", "th", frozenset({"th"})),
    "georgian": ("\u10a0-\u10ff", "ka", frozenset({"ka"})),
    "armenian": ("\u0530-\u058f", "hy", frozenset({"hy"})),
}
_RUN = re.compile(
    "|".join(
        f"(?P<{name}>[{chars}](?:[{chars}\\s\u00b7\u30fb-]*[{chars}])?)"
        for name, (chars, _, _) in SCRIPTS.items()
    )
)


def article_language(body_html: str, book_language: str | None) -> LanguageDecision | None:
    """The language detected in an article's text, when detection is confident and it
    differs from the book's; None otherwise (the article keeps the book's language)."""
    if not book_language:
        return None
    text = " ".join(_texts(_parse(body_html)))
    if len(_LETTER.findall(text)) < ARTICLE_MIN_LETTERS:
        return None
    decision = decide_language(None, book_language, text)
    if decision.lang and decision.reason.startswith("detected"):
        return decision
    return None


def mark_script_runs(body_html: str, lang: str | None) -> str:
    """Wrap runs of another script (a Chinese name in English text) in ``span lang``."""
    if not body_html or not _RUN.search(body_html):
        return body_html
    own = _primary(lang or "")
    root = _parse(body_html)
    kana = any(True for _ in re.finditer(f"[{SCRIPTS['kana'][0]}]", body_html))
    changed = False
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or _skipped(el):
            continue
        changed |= _mark(el, "text", own, kana)
        for child in list(el):
            if isinstance(child.tag, str) and child.tail:
                changed |= _mark(child, "tail", own, kana)
    return _unparse(root) if changed else body_html


def _mark(el: Any, where: str, own: str, kana: bool) -> bool:
    """Split ``el.text`` (or ``el.tail``) around the runs of other scripts."""
    from lxml import etree

    text = getattr(el, where)
    runs = [m for m in _RUN.finditer(text or "") if _run_language(m, own, kana)]
    if not runs:
        return False
    parent, index = (el, 0) if where == "text" else (el.getparent(), el.getparent().index(el) + 1)
    setattr(el, where, text[: runs[0].start()])
    spans = []
    for number, match in enumerate(runs):
        span = etree.Element(f"{{{XHTML_NS}}}span")
        code = _run_language(match, own, kana) or ""
        span.set("lang", code)
        span.set(_XML_LANG, code)
        if code == "he":
            span.set("dir", "rtl")
        span.text = match.group(0)
        end = runs[number + 1].start() if number + 1 < len(runs) else len(text)
        span.tail = text[match.end() : end]
        spans.append(span)
    for offset, span in enumerate(spans):
        parent.insert(index + offset, span)
    return True


def _run_language(match: re.Match, own: str, kana: bool) -> str | None:
    name = match.lastgroup or ""
    _, code, written = SCRIPTS[name]
    if name == "han" and kana:
        code = "ja"
    if own in written or (name == "greek" and len(match.group(0)) < 2):
        return None  # the article's own script, or a lone Greek letter (a symbol)
    return code


def _skipped(el: Any) -> bool:
    from lxml import etree

    for node in (el, *el.iterancestors()):
        local = etree.QName(node).localname
        if local in _SKIP or local == "math" or (node.get("lang") and node is not el):
            return True
    return bool(el.get("lang"))


def _texts(root: Any) -> list[str]:
    return [
        t
        for el in root.iter()
        if isinstance(el.tag, str) and not _skipped(el)
        for t in (el.text or "", *(c.tail or "" for c in el))
    ]


def _parse(body_html: str) -> Any:
    from lxml import etree

    wrapped = f'<div xmlns="{XHTML_NS}" xmlns:epub="{_OPS_NS}">{body_html}</div>'
    return etree.fromstring(wrapped, etree.XMLParser(resolve_entities=False, huge_tree=True))


def _unparse(root: Any) -> str:
    from lxml import etree

    xml = etree.tostring(root, encoding="unicode")
    start = xml.index(">") + 1
    return xml[start : -len("</div>")]


_RTL = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi"}
)


def stated_direction_problem(direction: object, lang: str | None) -> str | None:
    """Why a front matter's ``dir`` cannot stand, or None: it must be ``ltr``, ``rtl`` or
    ``auto``, and agree with the language (pages take their direction from ``lang``)."""
    if direction not in ("ltr", "rtl", "auto"):
        return f"'dir' must be 'ltr', 'rtl' or 'auto', not {str(direction)[:20]!r}: ignored"
    if direction == "auto" or not lang:
        return None
    written = "rtl" if _primary(lang) in _RTL else "ltr"
    if "-" in lang and lang.split("-")[1].lower() in ("arab", "hebr", "thaa", "syrc"):
        written = "rtl"
    if written != direction:
        return f"'dir: {direction}' disagrees with language '{lang}', written {written}: ignored"
    return None
