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
