"""Which language an article is in: stated in the copy, detected, or the book's.

Detection uses py3langid, whose model ships inside the wheel (no download at run time). The
model is loaded on first use only, so builds without plain-text articles never pay for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from publisher.load.body.typography import french_spacing
from publisher.model import CrossLink, Element, Node, Note, NoteRef, NoteSection, walk

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


def article_language(
    body: tuple[Node, ...], notes: tuple[Note, ...], book_language: str | None
) -> LanguageDecision | None:
    """The language detected in an article's text, when detection is confident and it
    differs from the book's; None otherwise (the article keeps the book's language)."""
    if not book_language:
        return None
    text = " ".join(_texts(body, notes))
    if len(_LETTER.findall(text)) < ARTICLE_MIN_LETTERS:
        return None
    decision = decide_language(None, book_language, text)
    if decision.lang and decision.reason.startswith("detected"):
        return decision
    return _by_script(text, book_language)


SCRIPT_SHARE = 0.6  # of an article's letters in one script that names one language


def _by_script(text: str, book_language: str) -> LanguageDecision | None:
    """When detection is unsure (Traditional Chinese read as Cantonese or Mandarin), an
    article mostly in a script that names its language (Han → zh, with kana → ja; Hangul,
    Hebrew, Greek, Thai…) is in that language. Shares count words: a Han or kana character
    is one, as a word in an alphabet is."""
    counts = dict.fromkeys(SCRIPTS, 0)
    total = 0
    for word in re.findall(r"\w+", text):
        ideographs = len(re.findall(f"[{SCRIPTS['han'][0]}{SCRIPTS['kana'][0]}]", word))
        if ideographs:
            kana = len(re.findall(f"[{SCRIPTS['kana'][0]}]", word))
            counts["han"] += ideographs - kana
            counts["kana"] += kana
            total += ideographs
            continue
        total += 1
        name = next(
            (n for n, (chars, _, _) in SCRIPTS.items() if re.match(f"[{chars}]", word)), None
        )
        if name:
            counts[name] += 1
    name = max(counts, key=lambda n: counts[n])
    share = (counts[name] + (counts["kana"] if name == "han" else 0)) / max(1, total)
    if share < SCRIPT_SHARE:
        return None
    code = "ja" if counts["kana"] and name in ("han", "kana") else SCRIPTS[name][1]
    if _primary(code) == _primary(book_language):
        return None
    return LanguageDecision(code, f"its script: {share:.0%} of its words")


def mark_script_runs(
    body: tuple[Node, ...], notes: tuple[Note, ...], lang: str | None
) -> tuple[tuple[Node, ...], tuple[Note, ...]]:
    """Wrap runs of another script (a Chinese name in English text) in ``span lang``, in
    the body and its notes, and give a French text its no-break spaces; code, formulas
    and text already in a language are left."""
    texts = [n for n in walk(body, notes) if isinstance(n, str)]
    french = _primary(lang or "") == "fr"
    if not french and not any(_RUN.search(text) for text in texts):
        return body, notes
    kana = any(re.search(f"[{SCRIPTS['kana'][0]}]", text) for text in texts)
    runs = _Runs(_primary(lang or ""), kana, french)
    marked = tuple(replace(n, body=runs.mark(n.body, False)) for n in notes)
    return runs.mark(body, False), marked


@dataclass(frozen=True)
class _Runs:
    own: str
    kana: bool
    french: bool = False  # French spacing: no-break spaces before ; ! ? : and in « »

    def mark(self, nodes: tuple[Node, ...], skip: bool) -> tuple[Node, ...]:
        """``nodes`` (the content of an element, ``skip``-ped or not) with the runs in
        their text marked. Code, formulas and anything in a stated language, with all
        they hold, are skipped."""
        found: list[Node] = []
        for node in nodes:
            if isinstance(node, str):
                found += [node] if skip else self.split(self.spaced(node))
            elif isinstance(node, Element | CrossLink | NoteSection):
                tag = node.tag if isinstance(node, Element) else "a"
                inner = skip or _skips(tag, node)
                found.append(replace(node, children=self.mark(node.children, inner)))
            else:
                found.append(node)
        return tuple(found)

    def spaced(self, text: str) -> str:
        """The text with French spacing when the article is French."""
        return french_spacing(text) if self.french else text

    def split(self, text: str) -> list[Node]:
        """A text as text and ``span lang`` around each run of another script."""
        runs = [m for m in _RUN.finditer(text) if _run_language(m, self.own, self.kana)]
        if not runs:
            return [text]
        pieces: list[Node] = [text[: runs[0].start()]]
        for number, match in enumerate(runs):
            code = _run_language(match, self.own, self.kana) or ""
            direction = (("dir", "rtl"),) if code == "he" else ()
            attributes = (("lang", code), ("xml:lang", code), *direction)
            pieces.append(Element("span", attributes, (match.group(0),)))
            end = runs[number + 1].start() if number + 1 < len(runs) else len(text)
            pieces.append(text[match.end() : end])
        return [piece for piece in pieces if piece != ""]


def _run_language(match: re.Match, own: str, kana: bool) -> str | None:
    name = match.lastgroup or ""
    _, code, written = SCRIPTS[name]
    if name == "han" and kana:
        code = "ja"
    if own in written or (name == "greek" and len(match.group(0)) < 2):
        return None  # the article's own script, or a lone Greek letter (a symbol)
    return code


def _skips(tag: str, node: Node) -> bool:
    """Whether an element's text is left as it is: code, a formula, a stated language."""
    return tag in _SKIP or tag == "math" or bool(_lang_of(node))


def _lang_of(node: Node) -> str | None:
    return node.get("lang") if isinstance(node, Element) else _attribute(node, "lang")


def _attribute(node: Node, name: str) -> str | None:
    attributes = getattr(node, "attributes", ())
    return next((value for key, value in attributes if key == name), None)


def _texts(body: tuple[Node, ...], notes: tuple[Note, ...]) -> list[str]:
    """The text of every element not skipped (code, formulas, text in a stated language),
    element by element: its own text, then what follows each child (as XHTML holds it)."""
    found: list[str] = []
    by_id = {note.id: note for note in notes}
    _element_texts(body, False, by_id, found)
    return found


def _element_texts(
    children: tuple[Node, ...], skip: bool, notes: dict[str, Note], found: list[str]
) -> None:
    """One element's slots (its text, each child's tail) unless skipped, then its children.

    A note's call is a ``sup`` holding an ``a``; a note is an ``aside`` whose first
    paragraph starts with the number linking back, as the EPUB writes them."""
    slots = [""]
    inner: list[tuple[tuple[Node, ...], bool]] = []
    for node in children:
        if isinstance(node, str):
            slots[-1] = node
            continue
        slots.append("")
        if isinstance(node, Element | CrossLink):
            tag = node.tag if isinstance(node, Element) else "a"
            inner.append((node.children, skip or _skips(tag, node)))
        elif isinstance(node, NoteRef):
            call = (str(node.number),)
            inner.append(((Element("a", (), call),) if node.sup else call, skip))
        elif isinstance(node, NoteSection):
            asides = tuple(_as_aside(notes[i]) for i in node.notes if i in notes)
            inner.append(((*node.children, *asides), skip))
    if not skip:
        found.extend(slots)
    for content, inner_skip in inner:
        _element_texts(content, inner_skip, notes, found)


def _as_aside(note: Note) -> Element:
    """A note as the EPUB holds it, for the order of its texts."""
    first, *rest = note.body or (Element("p"),)
    if isinstance(first, Element) and first.tag == "p":
        lead = first.children[0] if first.children and isinstance(first.children[0], str) else ""
        after = first.children[1:] if lead else first.children
        number = Element("a", (), (str(note.number),))
        first = replace(first, children=(number, ". " + lead, *after))
    return Element("aside", (), (first, *rest))


# Written right to left, as render/direction.py says (a test keeps the two in step).
_RTL = frozenset(
    {"ar", "arc", "azb", "bal", "ckb", "dv", "fa", "glk", "he", "iw", "ji", "khw", "ks"}
    | {"lrc", "mzn", "nqo", "pnb", "prs", "ps", "sd", "sdh", "syr", "ug", "ur", "yi"}
)
_RTL_SCRIPTS = frozenset({"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg", "mand", "samr"})


def stated_direction_problem(direction: object, lang: str | None) -> str | None:
    """Why a front matter's ``dir`` cannot stand, or None: it must be ``ltr``, ``rtl`` or
    ``auto``, and agree with the language (pages take their direction from ``lang``)."""
    if direction not in ("ltr", "rtl", "auto"):
        return f"'dir' must be 'ltr', 'rtl' or 'auto', not {str(direction)[:20]!r}: ignored"
    if direction == "auto" or not lang:
        return None
    written = written_direction(lang)
    if written != direction:
        return f"'dir: {direction}' disagrees with language '{lang}', written {written}: ignored"
    return None


def written_direction(lang: str) -> str:
    """``rtl`` or ``ltr``: how a BCP 47 language tag is written (its script subtag first)."""
    subtags = lang.lower().replace("_", "-").split("-")
    script = next((s for s in subtags[1:] if len(s) == 4 and s.isalpha()), None)
    if script:
        return "rtl" if script in _RTL_SCRIPTS else "ltr"
    return "rtl" if subtags[0] in _RTL else "ltr"
