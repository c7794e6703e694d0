"""Credit phrases in newsroom copy → structured credits. Pure functions, no I/O.

Recognised, in en, es, fr, de, pt and it: bylines (``By A, B and C``, ``Por A y B``, ``Par A
et B``, ``Von A und B``, ``di A e B``; affiliations, places and titles as notes) and credit
lines holding one or several credits (``Reporting by E; editing by F.``, ``G contributed
reporting. Copy edited by H.``, ``Graphics by A. Editing by B.``, ``Traduit de l'anglais par
C``, ``Fotos: D``, ``A cura di E``, ``Com informações da Reuters``, ``Ha collaborato F``,
``翻译：王芳``). A line is a credit line only when *every* part of it is a credit phrase whose
names look like names; anything else is left to be body text. Credits in brackets may also
close the story's last paragraph (``… the council said. (Reporting by A; editing by B)``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from publisher.load.language import LANGUAGE_NAME, language_code
from publisher.load.newsroom.names import Person, is_name, read_people, split_names
from publisher.load.newsroom.roles import (
    AGENCIES,
    CONNECTORS,
    OPENERS,
    ROLE_WORDS,
    SUFFIX_VERBS,
    SUFFIX_WHAT,
    VERB_FIRST,
)
from publisher.load.newsroom.wording import alternation, fold, language_names
from publisher.model import Contributor, Credit, Role

AGENCY_NAMES = {a.lower() for a in AGENCIES}
__all__ = ["CreditLine", "is_name", "looks_like_credit", "parse_byline", "parse_credit_line"]
__all__ += ["split_names", "trailing_credit"]

_BYLINE = re.compile(
    r"^(?:by|por|par|von|di)\s+(?P<names>.+)$|^(?:作者|文|记者)\s*[：:/｜|]\s*(?P<cjk>.+)$", re.I
)
_ROLE_AND = (
    r"(?:\s*,\s*(?:and\s+|y\s+|et\s+|und\s+|e\s+)?|\s+(?:and|y|et|und|e)\s+|\s*&\s*|\s*/\s*)"
)
_COLON = r"\s*[:：｜|]\s*|\s+[–—]\s+"
_SUFFIX = re.compile(
    rf"^(?P<names>.+?)\s+(?:{SUFFIX_VERBS})\s+(?P<what>(?:{SUFFIX_WHAT})"
    r"(?:\s+(?:from|in|desde|en|depuis|à|aus|em|de|da|a)\s+[^.;]+)?)$",
    re.I,
)
_LEADING_AFFILIATION = re.compile(
    r"^(?P<aff>(?:[A-Z][\w.&-]*\s+){1,4}(?:staff\s+)?(?:writers?|reporters?|journalists?"
    r"|correspondents?|photographers?))\s+(?P<rest>[A-Z].+)$"
)
_VERB_FIRST = re.compile(rf"^(?P<verb>{alternation(VERB_FIRST)})\s*:?\s+(?P<names>.+)$", re.I)
_WITH_AGENCY = re.compile(
    r"^(?P<with>with|avec|con|mit|com)\s+(?:l['’]\s*|la\s+|el\s+|der\s+|a\s+|o\s+)?(?P<names>.+)$",
    re.I,
)
_SPLIT_BEFORE_ROLE = "(?:,\\s*|\\s+(?:and|y|et|und|e)\\s+)"


@dataclass(frozen=True)
class CreditLine:
    """The credits one line gives, and what it says about languages."""

    credits: tuple[Credit, ...]
    stated_language: str | None = None  # "Written in English by" → the article is in "en"
    source_language: str | None = None  # "Translated from the Chinese by" → original in "zh"


def parse_credit_line(line: str) -> CreditLine | None:
    """A whole line of credit phrases → credits, or None if any part is not one."""
    text = _unwrap(_clean(line))
    if not text or text[0].islower():
        return None
    found = [_phrase(part) for part in _segments(text)]
    if not found or not all(found):
        return None
    credits = tuple(c for f in found if f for c in f.credits)
    stated = next((f.stated_language for f in found if f and f.stated_language), None)
    source = next((f.source_language for f in found if f and f.source_language), None)
    return CreditLine(credits, stated, source)


@dataclass(frozen=True)
class TrailingCredit:
    """Credits in brackets at the end of a paragraph, and the paragraph without them."""

    kept: str
    bracket: str
    credit: CreditLine


# A bracket after the end of a sentence, closing the paragraph: "… said. (With AFP)".
_TRAILING = re.compile(r"(?<=[.!?…\"”’»])\s+(?P<bracket>\([^()]+\)\.?)$")


def trailing_credit(paragraph: str) -> TrailingCredit | None:
    """'… the council said. (Reporting by A; editing by B)' → the credits and the text
    before them; None when the paragraph does not end with a bracket of credits only."""
    match = _TRAILING.search(paragraph.rstrip())
    credit = parse_credit_line(match.group("bracket")) if match else None
    if not match or credit is None:
        return None
    return TrailingCredit(paragraph[: match.start()].rstrip(), match.group("bracket"), credit)


def looks_like_credit(line: str) -> bool:
    """True when a line starts like a credit phrase with a connector ('by', 'por', 'par' …)
    or a name-first credit, whether or not its names could be read."""
    text = _unwrap(_clean(line))
    if not text or text[0].islower():
        return False
    prefix = _prefix_re().match(text)
    if prefix and (prefix.group("by") or "").lower() in _STRONG_CONNECTORS:
        return True
    return bool(_SUFFIX.match(text.rstrip("."))) or bool(_VERB_FIRST.match(text))


def parse_byline(line: str) -> tuple[Credit, ...] | None:
    """``By A, B and C`` / ``Por A, corresponsal en Pekín`` → author credits (affiliation,
    place and title as note)."""
    match = _BYLINE.match(_clean(line))
    if not match:
        return None
    rest = match.group("names") or match.group("cjk")
    people = read_people(rest)
    if people is None:
        return _staff_byline(rest)
    return tuple(Credit(Contributor(p.name), Role.AUTHOR, p.note) for p in people)


def _staff_byline(rest: str) -> tuple[Credit, ...] | None:
    """'By Harbour Gazette Staff': the staff itself is the author."""
    names = split_names(rest)
    return tuple(Credit(Contributor(n), Role.AUTHOR) for n in names) if names else None


def _clean(line: str) -> str:
    return " ".join(line.replace("\u00a0", " ").replace("\u202f", " ").split()).strip()


def _unwrap(text: str) -> str:
    """'(Reporting by A; editing by B)' → the credits inside the brackets."""
    if text.startswith("(") and text.rstrip(".").endswith(")") and text.count("(") == 1:
        return text.rstrip(".")[1:-1].strip()
    return text


def _segments(text: str) -> list[str]:
    """Split 'Reporting by E; editing by F.', 'Graphics by A. Editing by B.' and 'Reporting
    by A, editing by B' into one part per credit."""
    parts: list[str] = []
    for chunk in re.split(r"\s*[;；]\s*|\s+\|\s+", text):
        for sentence in _sentences(chunk):
            parts.extend(_before_roles(sentence))
    return [p.strip() for p in parts if p.strip(" .。")]


def _sentences(chunk: str) -> list[str]:
    """Split at '. ' only where the next sentence itself starts a credit phrase."""
    pieces = re.split(r"(?<=[.。])\s+(?=\S)", chunk)
    merged: list[str] = []
    for piece in pieces:
        if merged and not _starts_credit(piece):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def _before_roles(sentence: str) -> list[str]:
    """'Reporting by A, editing by B' → two parts (the second starts with a role + 'by');
    'Edited and translated by A' stays one (its first part names nobody)."""
    parts: list[str] = []
    start = 0
    for cut in _role_split_re().finditer(sentence):
        if _prefix_re().match(sentence[start : cut.start()].strip()):
            parts.append(sentence[start : cut.start()])
            start = cut.end()
    parts.append(sentence[start:])
    return [p.strip() for p in parts if p.strip()]


def _starts_credit(piece: str) -> bool:
    text = piece.strip()
    if not text or text[0].islower():
        return False
    return bool(_prefix_re().match(text)) or looks_like_credit(text)


def _phrase(part: str) -> CreditLine | None:
    text = part.strip()
    match = _prefix_re().match(text)
    if match:
        return _from_prefix(match)
    agencies = _agencies_only(text)
    if agencies:
        return agencies
    verb = _VERB_FIRST.match(text.rstrip("."))
    if verb:
        return _credit_line(read_people(verb.group("names")), Role.CONTRIBUTOR, verb.group("verb"))
    suffix = _SUFFIX.match(text.rstrip(".。"))
    if suffix:
        return _from_suffix(suffix)
    return None


def _agencies_only(text: str) -> CreditLine | None:
    """'(Avec AFP)', 'With Reuters', 'Mit dpa': agencies that contributed to the story."""
    match = _WITH_AGENCY.match(text.rstrip("."))
    people = read_people(match.group("names")) if match else None
    if not match or not people or any(p.name.lower() not in AGENCY_NAMES for p in people):
        return None
    return _credit_line(people, Role.CONTRIBUTOR, match.group("with"))


def _from_suffix(match: re.Match) -> CreditLine | None:
    names = match.group("names")
    verb = match.string[len(names) : match.start("what")].strip()
    note = " ".join(f"{verb} {match.group('what')}".split())
    leading = _LEADING_AFFILIATION.match(names)
    if leading:  # "Associated Press writers A and B contributed to this report"
        names, note = leading.group("rest"), f"{leading.group('aff')}; {note}"
    what = match.group("what").lower()
    role = Role.REPORTER if "report" in what or "informa" in what else Role.CONTRIBUTOR
    return _credit_line(read_people(names), role, note)


def _credit_line(people: list[Person] | None, role: Role, phrase: str) -> CreditLine | None:
    if not people:
        return None
    return CreditLine(tuple(Credit(Contributor(p.name), role, _note(phrase, p)) for p in people))


def _note(phrase: str | None, person: Person) -> str | None:
    return "; ".join(n for n in (phrase, person.note) if n) or None


def _from_prefix(match: re.Match) -> CreditLine | None:
    people = read_people(match.group("names"))
    if not people:
        return None
    words = [" ".join(w.split()) for w in re.split(_ROLE_AND, (match.group("roles") or "").lower())]
    roles = list(dict.fromkeys(ROLE_WORDS[w] for w in words if w in ROLE_WORDS))
    if not roles and match.group("src2"):
        roles = [Role.TRANSLATOR]  # "Aus dem Englischen von A"
    if not roles:
        return None
    phrase = match.string[: match.start("names")].strip(" :：/｜|–—")
    credits = tuple(
        Credit(Contributor(p.name), role, _note(None if role in _PLAIN else phrase, p))
        for role in roles
        for p in people
    )
    return CreditLine(credits, _stated(match), _source(match))


_PLAIN = (Role.AUTHOR, Role.TRANSLATOR)
# Connectors that are not also everyday prepositions ("Fotos de la feria …" is a sentence).
_STRONG_CONNECTORS = ("by", "por", "par", "von")


def _stated(match: re.Match) -> str | None:
    dst = match.group("dst")
    return language_code(dst) if dst else None


def _source(match: re.Match) -> str | None:
    if match.group("src"):
        return language_code(match.group("src"))
    other = match.group("src2")
    if not other:
        return None
    names = language_names()
    key = other.lower()
    return names.get(key) or names.get(fold(key)) or names.get(key.removesuffix("en"))


@cache
def _prefix_re() -> re.Pattern[str]:
    """ROLE[S] [from LANGUAGE] [into LANGUAGE] (by|por|par|von|di|…|:) NAMES."""
    role = alternation(ROLE_WORDS)
    foreign = alternation(language_names())
    opener = rf"(?:(?:{alternation(OPENERS)})\s+(?:(?:la|le|a|o|the)\s+|l['’]\s*)?)?"
    src_other = (
        r"(?:del|de\s+l['’]\s*|du|de|d['’]\s*|aus\s+dem|do|dal|dall['’]\s*|dallo|dalla|desde\s+el)"
        rf"\s*(?P<src2>{foreign})(?:en|e)?"
    )
    return re.compile(
        rf"^{opener}(?:{LANGUAGE_NAME}\s+)?(?:(?P<roles>(?:{role})(?:{_ROLE_AND}(?:{role}))*)"
        r"|(?=aus\s+dem\s))"
        r"(?:\s+(?:adicional(?:es)?|additionnel(?:le)?s?|suppl[ée]mentaires?|aggiuntiv[aoe]))?"
        rf"(?:\s*(?:from\s+(?:the\s+)?(?P<src>{LANGUAGE_NAME})|{src_other}))?"
        rf"(?:\s+(?:übersetzt|traduit|traducido|traduzido|tradotto))?"
        rf"(?:\s+(?:in|into)\s+(?P<dst>{LANGUAGE_NAME}))?"
        rf"(?:\s+(?P<by>{alternation(CONNECTORS)})\s+|{_COLON})(?P<names>\S.*)$",
        re.I,
    )


@cache
def _role_split_re() -> re.Pattern[str]:
    role = alternation(ROLE_WORDS)
    return re.compile(
        rf"{_SPLIT_BEFORE_ROLE}(?=(?:{role})\s+(?:{alternation(CONNECTORS)})\s+\S)", re.I
    )
