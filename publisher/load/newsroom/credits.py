"""Credit phrases in newsroom copy → structured credits. Pure functions, no I/O.

Recognised: bylines (``By A, B and C``, ``By A, Outlet Staff``) and credit lines in many
phrasings (``Translation by A and B.``, ``Written in English by C.``, ``Reporting by E; editing
by F.``, ``G contributed reporting.``, ``Photos: H``, ``翻译：王芳``). A line is a credit line
only when *every* part of it is a credit phrase whose names look like names; anything else is
left to be body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publisher.load.language import LANGUAGE_NAME, language_code
from publisher.model import Contributor, Credit, Role

_ROLE_WORDS: dict[str, Role] = {
    "translation": Role.TRANSLATOR,
    "translations": Role.TRANSLATOR,
    "translated": Role.TRANSLATOR,
    "translator": Role.TRANSLATOR,
    "translators": Role.TRANSLATOR,
    "written": Role.AUTHOR,
    "writing": Role.AUTHOR,
    "words": Role.AUTHOR,
    "text": Role.AUTHOR,
    "story": Role.AUTHOR,
    "author": Role.AUTHOR,
    "authors": Role.AUTHOR,
    "writer": Role.AUTHOR,
    "edited": Role.EDITOR,
    "editing": Role.EDITOR,
    "editor": Role.EDITOR,
    "editors": Role.EDITOR,
    "reporting": Role.REPORTER,
    "additional reporting": Role.REPORTER,
    "reported": Role.REPORTER,
    "photo": Role.PHOTOGRAPHER,
    "photos": Role.PHOTOGRAPHER,
    "photographs": Role.PHOTOGRAPHER,
    "photography": Role.PHOTOGRAPHER,
    "photographer": Role.PHOTOGRAPHER,
    "pictures": Role.PHOTOGRAPHER,
    "illustration": Role.ILLUSTRATOR,
    "illustrations": Role.ILLUSTRATOR,
    "illustrated": Role.ILLUSTRATOR,
    "illustrator": Role.ILLUSTRATOR,
    "graphics": Role.DESIGNER,
    "design": Role.DESIGNER,
    "designed": Role.DESIGNER,
    "map": Role.CARTOGRAPHER,
    "maps": Role.CARTOGRAPHER,
    "compiled": Role.COMPILER,
    "research": Role.CONTRIBUTOR,
    "additional research": Role.CONTRIBUTOR,
    "fact-checking": Role.CONTRIBUTOR,
    "fact-checked": Role.CONTRIBUTOR,
    "produced": Role.CONTRIBUTOR,
    "production": Role.CONTRIBUTOR,
    "作者": Role.AUTHOR,
    "文": Role.AUTHOR,
    "记者": Role.AUTHOR,
    "翻译": Role.TRANSLATOR,
    "译者": Role.TRANSLATOR,
    "译": Role.TRANSLATOR,
    "编辑": Role.EDITOR,
    "责任编辑": Role.EDITOR,
    "责编": Role.EDITOR,
    "摄影": Role.PHOTOGRAPHER,
    "图": Role.PHOTOGRAPHER,
}
_ROLE = "|".join(sorted((re.escape(w) for w in _ROLE_WORDS), key=len, reverse=True))
_PREFIX = re.compile(
    rf"^(?:with\s+)?(?:{LANGUAGE_NAME}\s+)?(?P<roles>(?:{_ROLE})(?:(?:\s*,\s*|\s+and\s+|\s*&\s*)"
    rf"(?:{_ROLE}))*)"
    rf"(?:\s+from\s+(?:the\s+)?(?P<src>{LANGUAGE_NAME}))?"
    rf"(?:\s+(?:in|into)\s+(?P<dst>{LANGUAGE_NAME}))?"
    r"(?:\s+by\s+|\s*[:：/｜|]\s*)(?P<names>.+)$",
    re.I,
)
_SUFFIX = re.compile(
    r"^(?P<names>.+?)\s+(?:contributed|provided)\s+(?P<what>(?:additional\s+)?reporting"
    r"(?:\s+(?:from|in)\s+[^.]+)?|to\s+this\s+(?:report|article|story))$",
    re.I,
)
_BYLINE = re.compile(r"^by\s+(?P<names>.+)$|^(?:作者|文|记者)\s*[：:/｜|]\s*(?P<cjk>.+)$", re.I)
_AFFILIATION = re.compile(
    r"\b(?:staff|correspondents?|reporters?|writers?|bureau|contributors?|editors?|desk)\b"
    r"|^(?:for|of|at)\s",
    re.I,
)
_NAME_SEP = re.compile(r"\s*(?:,\s*and\s+|,\s*&\s*|\s+and\s+|\s*&\s*|[,;、，；]|\s+和\s*)\s*")
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_PARTICLES = {
    "al",
    "bin",
    "binti",
    "da",
    "das",
    "de",
    "del",
    "della",
    "der",
    "di",
    "do",
    "dos",
    "du",
    "e",
    "el",
    "la",
    "le",
    "ten",
    "ter",
    "van",
    "von",
    "y",
    "zu",
}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff·]")
_CJK_TOKEN = re.compile(r"[（(]?[\u3400-\u9fff\uf900-\ufaff·]+[)）]?")


@dataclass(frozen=True)
class CreditLine:
    """The credits one line gives, and what it says about languages."""

    credits: tuple[Credit, ...]
    stated_language: str | None = None  # "Written in English by" → the article is in "en"
    source_language: str | None = None  # "Translated from the Chinese by" → original in "zh"


def parse_credit_line(line: str) -> CreditLine | None:
    """A whole line of credit phrases → credits, or None if any part is not one."""
    text = _clean(line)
    if not text or text[0].islower():
        return None
    parts = _segments(text)
    found = [_phrase(part) for part in parts]
    if not all(found):
        return None
    credits = tuple(c for f in found if f for c in f.credits)
    stated = next((f.stated_language for f in found if f and f.stated_language), None)
    source = next((f.source_language for f in found if f and f.source_language), None)
    return CreditLine(credits, stated, source)


def looks_like_credit(line: str) -> bool:
    """True when a line starts like a credit phrase, whether or not its names could be read."""
    text = _clean(line)
    prefix = _PREFIX.match(text)
    by = prefix is not None and text[prefix.start("names") - 3 : prefix.start("names")] == "by "
    return (by and not text[:1].islower()) or bool(_SUFFIX.match(text.rstrip(".")))


def parse_byline(line: str) -> tuple[Credit, ...] | None:
    """``By A, B and C`` / ``By A, Outlet Staff`` → author credits (affiliation as note)."""
    match = _BYLINE.match(_clean(line))
    if not match:
        return None
    rest = match.group("names") or match.group("cjk")
    head, outlet = ([*re.split(r"\s+[|·•]\s+", rest, maxsplit=1), ""])[:2]
    pieces = [p for p in re.split(r"\s*,\s*", head) if p]
    affiliation = [p for p in pieces if _AFFILIATION.search(p)]
    if len(affiliation) == len(pieces):  # "By Harbour Gazette Staff": the staff is the author
        affiliation = []
    named, place = _split_place(", ".join(p for p in pieces if p not in affiliation))
    note = ", ".join([*affiliation, *([outlet.strip()] if outlet.strip() else []), *place])
    names = split_names(named)
    if not names:
        return None
    return tuple(Credit(Contributor(n), Role.AUTHOR, note or None) for n in names)


def split_names(text: str) -> list[str] | None:
    """'A, B and C' → ['A', 'B', 'C'] when every piece looks like a person's name."""
    text = text.strip().rstrip("。;；,，").strip()
    last = text.split()[-1].lower() if text.split() else ""
    if last not in _SUFFIXES and not re.fullmatch(r"\w\.", last):
        text = text.rstrip(".").strip()
    if not text:
        return None
    if _CJK.search(text) and not re.search(r"[A-Za-z]", text):
        pieces = [p for p in re.split(r"[\s、，,；;]+|和", text) if p]
    else:
        pieces = [p for p in _NAME_SEP.split(text) if p]
    names: list[str] = []
    for piece in pieces:
        if piece.lower() in _SUFFIXES and names:
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.append(piece)
    return names if all(is_name(n) for n in names) else None


def is_name(text: str) -> bool:
    """A person's (or an agency's) name: capitalised words, particles, initials, CJK."""
    tokens = text.replace(", ", " ").split()
    if not 1 <= len(tokens) <= 6 or len(text) > 60:
        return False
    if all(_CJK_TOKEN.fullmatch(t) for t in tokens):
        return all(len(t.strip("()（）")) <= 4 or "·" in t for t in tokens)
    capitalised = 0
    for token in tokens:
        if _CJK_TOKEN.fullmatch(token) or token.lower() in _PARTICLES:
            continue
        letters = token.lstrip("'‘\"“(")
        if not letters or not letters[0].isupper() or re.search(r"[\d:;!?/]", token):
            return False
        capitalised += 1
    return capitalised > 0


def _clean(line: str) -> str:
    return " ".join(line.replace("\u00a0", " ").split()).strip()


def _segments(text: str) -> list[str]:
    """Split 'Reporting by E; editing by F.' and 'Translation by A. Written by C.'."""
    parts: list[str] = []
    for chunk in re.split(r"\s*[;；]\s*|\s+\|\s+", text):
        parts.extend(_sentences(chunk))
    return [p.strip() for p in parts if p.strip(" .。")]


def _sentences(chunk: str) -> list[str]:
    """Split at '. ' only where the next sentence itself starts a credit phrase."""
    pieces = re.split(r"(?<=[.。])\s+(?=\S)", chunk)
    merged: list[str] = []
    for piece in pieces:
        if merged and not looks_like_credit(piece):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def _phrase(part: str) -> CreditLine | None:
    match = _PREFIX.match(part.strip())
    if match:
        return _from_prefix(match)
    suffix = _SUFFIX.match(part.strip().rstrip(".。"))
    if suffix:
        names = split_names(suffix.group("names"))
        if names:
            note = f"contributed {' '.join(suffix.group('what').split())}"
            return CreditLine(tuple(Credit(Contributor(n), Role.REPORTER, note) for n in names))
    return None


def _from_prefix(match: re.Match) -> CreditLine | None:
    names = split_names(match.group("names"))
    if not names:
        return None
    words = re.split(r"\s*,\s*|\s+and\s+|\s*&\s*", match.group("roles").lower())
    roles = list(dict.fromkeys(_ROLE_WORDS[w] for w in words if w in _ROLE_WORDS))
    phrase = match.string[: match.start("names")].strip(" :：/｜|")
    credits = tuple(
        Credit(Contributor(n), role, None if role in (Role.AUTHOR, Role.TRANSLATOR) else phrase)
        for role in roles
        for n in names
    )
    dst = match.group("dst")
    src = match.group("src")
    return CreditLine(
        credits,
        stated_language=language_code(dst) if dst else None,
        source_language=language_code(src) if src else None,
    )


def _split_place(named: str) -> tuple[str, list[str]]:
    """'Ana Lima in Port Ellery' → ('Ana Lima', ['in Port Ellery'])."""
    match = re.match(r"^(?P<who>.+?)\s+(?P<where>(?:in|from)\s+[A-Z].*)$", named)
    if match and split_names(match.group("who")):
        return match.group("who"), [match.group("where")]
    return named, []
