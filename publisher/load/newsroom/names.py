"""The names in a byline or credit phrase → people, with what surrounds them as notes.

"Ana Lima in Kyiv and Ben Cho, Reuters", "Dr. Eva Roth, Korrespondentin in Peking",
"Mario Rossi e Anna Bianchi", "Ana Lima, Ben Cho, and Callum Frew": names are split at commas
and at "and" in every copy language; places ("in Kyiv", "desde Lima", "à Lyon"), honorifics,
job titles, outlets and agencies are kept as the credit's note, never taken for names. A part
that is neither a name nor such a note makes the whole text unreadable (None), so body text
is never read as names. Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from publisher.load.newsroom.roles import AFFILIATION_WORDS, AGENCIES, HONORIFICS

_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_PARTICLES = {
    *("al", "bin", "binti", "da", "das", "de", "del", "della", "der", "di", "do", "dos", "du"),
    *("e", "el", "la", "le", "ten", "ter", "van", "von", "y", "zu", "dal", "degli", "des", "ibn"),
}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff·]")
_CJK_TOKEN = re.compile(r"[（(]?[\u3400-\u9fff\uf900-\ufaff·]+[)）]?")
_SEP = re.compile(
    r"(\s*,\s*(?:and|y|et|und|e|&)\s+|\s*,\s*|\s+(?:and|y|et|und|e)\s+|\s*&\s*|\s*[;、，；]\s*"
    r"|\s+和\s*)"
)
_NAME_SEP = re.compile(r"\s*(?:,\s*and\s+|,\s*&\s*|\s+and\s+|\s*&\s*|[,;、，；]|\s+和\s*)\s*")
_PLACE_WORD = (
    r"in|from|at|for|pour|für|per|en|desde|à|a|depuis|aus|em|de|da|dal|dalla|dallo|para|nach|to"
)
_PLACE = re.compile(rf"^(?P<who>.+?)\s+(?P<where>(?:{_PLACE_WORD})\s+[A-ZÀ-ÖØ-Þ].*)$")
_LONE_PLACE = re.compile(rf"^(?:{_PLACE_WORD})\s+[A-ZÀ-ÖØ-Þ]")
_AFFILIATION = re.compile(rf"\b(?:{AFFILIATION_WORDS})\b", re.I)
_OUTLET = re.compile(r"^(?:for|of|at|para|pour|für|per|del|de\s+la|do|da|the|The)\s+(?P<rest>.+)$")
_AGENCY = {a.lower() for a in AGENCIES}
_HONORIFIC = re.compile(
    r"^(?P<title>" + "|".join(re.escape(h) for h in HONORIFICS) + r")(?:\s+|(?<=\.))(?=\S)"
)


@dataclass(frozen=True)
class Person:
    """One name read from a byline or credit, and what was written around it."""

    name: str
    note: str | None = None


def read_people(text: str) -> list[Person] | None:
    """'A in Kyiv and B, Reuters' → people with notes; None unless every part is a name or
    a note (place, title, outlet, agency, affiliation)."""
    text = _trim(text)
    head, outlets = _outlets(text)
    head, bracket = _bracket(head)
    pieces = _pieces(head)
    if not pieces:
        return None
    shared = [*outlets, *([bracket] if bracket else [])]
    people: list[tuple[str, list[str]]] = []
    and_list = len(pieces) > 1 and any(sep.strip(" ,") for sep, _ in pieces[1:])
    for sep, piece in pieces:
        if piece.lower().rstrip(".") in {s.rstrip(".") for s in _SUFFIXES} and people:
            people[-1] = (f"{people[-1][0]}, {piece}", people[-1][1])
            continue
        if _is_affiliation(piece) or _LONE_PLACE.match(piece):
            shared.append(piece)
            continue
        if people and not and_list and sep.strip() == "," and len(piece.split()) == 1:
            shared.append(piece)  # "Von Hans Müller, Berlin": a place or an outlet
            continue
        name, notes = _name_and_notes(piece)
        if name is None:
            return None
        people.append((name, notes))
    if not people:
        agencies = [p for p in shared if p.lower() in _AGENCY]
        if agencies and len(agencies) == len(shared):  # "Con información de Reuters y EFE"
            return [Person(a) for a in agencies]
        return None
    return [Person(name, "; ".join([*notes, *shared]) or None) for name, notes in people]


def split_names(text: str) -> list[str] | None:
    """'A, B and C' → ['A', 'B', 'C'] when every piece looks like a person's name."""
    text = _trim(text)
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


def _trim(text: str) -> str:
    """Drop the closing punctuation, but not the full stop of an initial or 'Jr.'."""
    text = text.strip().rstrip("。;；,，").strip()
    last = text.split()[-1].lower() if text.split() else ""
    if last not in _SUFFIXES and not re.fullmatch(r"\w\.", last):
        text = text.rstrip(".").strip()
    return text


def _outlets(text: str) -> tuple[str, list[str]]:
    """'Ana Lima | Harbour Gazette' → ('Ana Lima', ['Harbour Gazette'])."""
    parts = [p.strip() for p in re.split(r"\s+[|·•]\s+|\s+[–—]\s+|\s+-\s+", text)]
    return parts[0], [p for p in parts[1:] if p]


def _bracket(text: str) -> tuple[str, str | None]:
    """'Ana López (EFE)' → ('Ana López', 'EFE'); a CJK name in brackets stays the name's."""
    match = re.search(r"\s*\((?P<inner>[^()]+)\)$", text)
    if not match or _CJK.search(match.group("inner")):
        return text, None
    return text[: match.start()].strip(), match.group("inner").strip()


def _pieces(text: str) -> list[tuple[str, str]]:
    """Split at commas and 'and' in any language → (separator before, piece)."""
    if _CJK.search(text) and not re.search(r"[A-Za-z]", text):
        return [("", p) for p in re.split(r"[\s、，,；;]+|和", text) if p]
    parts = _SEP.split(text)
    pieces = [("", parts[0].strip())]
    for sep, piece in zip(parts[1::2], parts[2::2], strict=True):
        piece = piece.strip()
        left = pieces[-1][1]
        if sep.strip() in ("y", "e") and len(piece.split()) == 1 and len(left.split()) > 1:
            pieces[-1] = (pieces[-1][0], f"{left}{sep}{piece}")  # "Ortega y Gasset"
        else:
            pieces.append((sep, piece))
    return [(sep, piece) for sep, piece in pieces if piece]


def _is_affiliation(piece: str) -> bool:
    """An agency, a job title ('corresponsal en Pekín') or an outlet ('The Washington Post',
    'for The Coast Review'); never a clause ('the report ran long')."""
    if piece.lower() in _AGENCY:
        return True
    if len(piece.split()) <= 8 and _AFFILIATION.search(piece):
        return True
    outlet = _OUTLET.match(piece)
    return bool(outlet) and is_name(outlet.group("rest"))


def _name_and_notes(piece: str) -> tuple[str | None, list[str]]:
    """'Dr. Eva Roth in Bonn' → ('Eva Roth', ['Dr.', 'in Bonn'])."""
    notes: list[str] = []
    honorific = _HONORIFIC.match(piece)
    if honorific and piece[honorific.end() :].strip():
        notes.append(honorific.group("title"))
        piece = piece[honorific.end() :].strip()
    if is_name(piece):
        return piece, notes
    placed = _PLACE.match(piece)
    if placed and is_name(placed.group("who")):
        return placed.group("who"), [*notes, placed.group("where")]
    return None, notes
