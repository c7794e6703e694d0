"""Bylines that name a newsroom or an agency instead of people. Pure functions.

Newsrooms sign copy nobody in particular wrote with the desk itself, on a line of its own and
usually without "By": ``Redazione ANSA``, ``Redacción``, ``La rédaction``, ``Da Redação``,
``Von unserer Redaktion``, ``Staff Reporter``, ``Harbour Courier staff and agencies``; or with
the agency alone: ``Associated Press``, ``EFE``, ``dpa``, ``AFP/Reuters``. The desk (or
agency) is the author, as it is in ``By Harbour Gazette Staff``; an agency after ``with`` is a
contributor (``La rédaction avec AFP``); a place after ``|`` is the credit's note. A line is
read so only when every word is a capitalised word, a particle, a desk word or an agency,
with at least one desk word or agency, and no sentence punctuation: a deck never is.
"""

from __future__ import annotations

import re

from publisher.load.newsroom.roles import AGENCIES
from publisher.model import Contributor, Credit, Role

MAX_WORDS = 6
# Words that name a newsroom's own desk in the copy languages.
DESK_WORDS = frozenset(
    {
        *("staff", "newsroom", "desk", "reporter", "reporters", "writer", "writers", "agencies"),
        *("correspondent", "redacción", "redaccion", "agencias", "rédaction", "redaction"),
        *("agences", "redaktion", "nachrichtenredaktion", "agenturen", "redação", "redacao"),
        *("redacção", "agências", "redazione", "agenzie", "web", "online", "digital"),
    }
)
# A desk word alone is not enough when it is one of these (a "Digital" deck line).
_WEAK = frozenset(
    {"web", "online", "digital", "reporter", "reporters", "writer", "writers", "correspondent"}
)
_LINKS = frozenset(
    {"the", "our", "la", "le", "il", "el", "der", "die", "das", "de", "del", "du", "des"}
    | {"and", "y", "et", "und", "e", "&", "of", "di", "della", "do", "da", "dos", "das"}
)
# What stands before the desk and is not part of its name: "Da Redação", "Von unserer
# Redaktion", "From our correspondent", "Dalla redazione".
_FROM = re.compile(
    r"^(?:by|from|por|par|von|da|do|dalla|della|dalla|de\s+la|de|del)"
    r"(?:\s+(?:our|unserer|unserem|nuestra|nuestro|notre|nostra|nostro|nossa|nosso))?\s+",
    re.I,
)
_WITH = re.compile(r"\s+(?P<with>with|avec|con|mit|com)\s+(?P<agencies>.+)$", re.I)
_AGENCY_SEP = re.compile(r"\s*(?:/|,|&|\s(?:and|y|et|und|e)\s)\s*")
_KNOWN = {a.lower() for a in AGENCIES}
_REGIONAL = re.compile(r"^(?P<agency>[^/\s]+)/[a-z]{2,4}$")  # "dpa/lno": dpa's desk in the north


def parse_staff_byline(line: str) -> tuple[Credit, ...] | None:
    """``Redazione ANSA`` → the desk as author; ``EFE`` → the agency; None for anything else."""
    text = " ".join(line.replace("\u00a0", " ").split())
    head, _, place = (part.strip() for part in text.partition(" | "))
    if " | " in place or not head:
        return None
    helpers: tuple[Credit, ...] = ()
    joined = _WITH.search(head)
    if joined:
        helpers = _agency_credits(joined.group("agencies"), Role.CONTRIBUTOR, joined.group("with"))
        if not helpers:
            return None
        head = head[: joined.start()]
    agencies = _agency_credits(head, Role.AUTHOR, place or None)
    if agencies:
        return agencies + helpers
    desk = _desk(head)
    if desk is None:
        return None
    return (Credit(Contributor(desk), Role.AUTHOR, place or None), *helpers)


def _desk(text: str) -> str | None:
    """The desk's name as written, without what stands before it ("Da", "Von unserer")."""
    name = _FROM.sub("", text, count=1) if _FROM.match(text) else text
    words = name.split()
    if not 1 <= len(words) <= MAX_WORDS or re.search(r"[\d.,;:!?()\"“”«»]", name):
        return None
    desk = {w.lower() for w in words} & DESK_WORDS
    said = {w.lower() for w in words} & {"staff", "our"}
    if not desk - _WEAK and not (desk and said):  # "Digital" alone is a word, not a desk
        return None
    for word in words:
        known = word.lower() in DESK_WORDS or word.lower() in _LINKS or word.lower() in _KNOWN
        if not known and not word[0].isupper():
            return None
    if words[0].lower() in _LINKS - {"the", "our", "la", "le", "il", "el", "der", "die", "das"}:
        return None
    return name


def _agency_credits(text: str, role: Role, note: str | None) -> tuple[Credit, ...]:
    """'AFP', 'AFP/Reuters', 'EFE y Europa Press', 'dpa/lno': only known agencies."""
    whole = _REGIONAL.match(text.strip())
    if whole and whole.group("agency").lower() in _KNOWN:
        return (Credit(Contributor(text.strip()), role, note),)
    names = [n for n in _AGENCY_SEP.split(text.strip()) if n]
    if not names or any(n.lower() not in _KNOWN for n in names):
        return ()
    return tuple(Credit(Contributor(n), role, note) for n in names)
