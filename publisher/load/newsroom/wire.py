"""Wire datelines that open a story's first paragraph → the place it was filed and the agency.

"KYIV, Ukraine (Reuters) — …", "WASHINGTON (AP) — …", "LONDON — …", "Madrid, 3 mar (EFE).- …",
"Berlin (dpa) - …", "(ANSA) - ROMA, 3 MAR - …", "Lisboa, 03 mar 2024 (Lusa) - …",
"NEW YORK, March 3 (Reuters) - …", "Barbate (Cádiz), 14 mar (EFE).- …" (a province or
département in brackets is part of the place), "Hamburg (dpa/lno) - …". The paragraph
itself is kept whole: this only reads it.
A place in capitals needs no agency; a place in ordinary case needs an agency or a date after
it, so that a sentence such as "Maria (not her real name) — …" is never read as a dateline.
Pure functions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from publisher.load.newsroom.roles import AGENCIES
from publisher.load.newsroom.wording import alternation, month_numbers

_UP = "A-ZÀ-ÖØ-Þ"
_CAPS_PLACE = rf"[{_UP}][{_UP}'’.\-]+(?:[ /][{_UP}][{_UP}'’.\-]*){{0,3}}"
_PARTICLE = r"(?:de|do|da|dos|del|de\s+la|am|an|der|im|sur|upon|on|el|la|les?|di|al)"
_TITLE_WORD = rf"[{_UP}][\w'’.\-]*"
_TITLE_PLACE = rf"{_TITLE_WORD}(?:(?:[ /]|\s{_PARTICLE}\s){_TITLE_WORD}){{0,3}}"
_REGION = rf"{_TITLE_WORD}(?:(?:\s|\s{_PARTICLE}\s){_TITLE_WORD}){{0,3}}"
_AREA = rf"{_TITLE_WORD}(?:(?:\s|\s{_PARTICLE}\s|-){_TITLE_WORD}){{0,3}}"  # "Cádiz", "Finistère"
_DASH = r"\s*(?:\.?\s*[-–—]{1,2}|:)\s+"
_AGENCY_WORDS = re.compile(
    r"\b(?:press|news|agency|agencia|agence|agência|agenzia|nachrichtenagentur|presse|service"
    r"|wire|conteúdo|reuters)\b",
    re.I,
)
_KNOWN = {a.lower() for a in AGENCIES}
# Capitals that open a paragraph without being a place.
_LABELS = {"UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "FACTBOX"}
_LABELS |= {"EXPLAINER", "WATCH", "CORRECTION", "URGENT", "URGENTE", "EILMELDUNG", "ÚLTIMA HORA"}
_LABELS |= {"ULTIM'ORA", "ULTIMA ORA", "DERNIÈRE MINUTE", "EXKLUSIV", "EXCLUSIVO", "AVISO"}


@dataclass(frozen=True)
class WireDateline:
    """Where a story was filed and the agency that filed it, as the copy writes them."""

    place: str
    agency: str | None = None


def parse_wire_dateline(paragraph: str) -> WireDateline | None:
    """The dateline opening a first paragraph, or None if it does not open with one."""
    text = " ".join(paragraph.split())
    first = _agency_first().match(text)
    if first and _is_agency(first.group("agency")):
        return WireDateline(_place(first), first.group("agency"))
    match = _place_first().match(text)
    if not match:
        return None
    agency, area = match.group("agency"), match.group("area")
    if area and agency is None and _is_agency(area):
        agency, area = area, None  # "Hamburg (dpa) - …": the brackets hold the agency
    if agency is not None and not _is_agency(agency):
        return None
    if area is not None and not re.fullmatch(_AREA, area):
        return None
    caps = re.fullmatch(_CAPS_PLACE, match.group("place")) is not None
    if not (caps or agency or match.group("date")):
        return None
    if not agency and (text[match.end()].islower() or match.group("place") in _LABELS):
        return None  # "NASA — the agency — said", "BREAKING — …"
    if not caps and not re.fullmatch(_TITLE_PLACE, match.group("place")):
        return None
    return WireDateline(_place(match, area), agency)


def _place(match: re.Match, area: str | None = None) -> str:
    place = f"{match.group('place')} ({area})" if area else match.group("place")
    region = match.group("region")
    return f"{place}, {region}" if region else place


def _is_agency(text: str) -> bool:
    """'Reuters', 'AP', 'EFE', 'dts Nachrichtenagentur', 'Agência Brasil'; not 'not her name'."""
    words = text.split()
    desk = re.fullmatch(r"(?P<agency>[^/\s]+)/[a-z]{2,4}", text)  # "dpa/lno": a regional desk
    if desk and desk.group("agency").lower() in _KNOWN:
        return True
    if text.lower() in _KNOWN or (words and words[0].lower() in _KNOWN):
        return True
    if re.fullmatch(r"[A-Z][A-Z&-]{1,7}", text):
        return True
    capitalised = all(w[0].isupper() or w.lower() in ("de", "do", "da", "of") for w in words)
    return 1 <= len(words) <= 4 and capitalised and bool(_AGENCY_WORDS.search(text))


@cache
def _short_date() -> str:
    month = rf"(?i:{alternation(month_numbers())})\.?"
    return (
        rf"(?:\d{{1,2}}(?:\.|º|°|er)?\s*(?:de\s+)?{month}(?:\s+(?:de\s+)?\d{{4}})?"
        rf"|{month}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}})"
    )


@cache
def _place_first() -> re.Pattern[str]:
    return re.compile(
        rf"^(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE})(?:\s*\((?P<area>[^()]{{1,30}})\))?"
        rf"(?:,\s*(?P<region>{_REGION}))??"
        rf"(?:,\s*(?P<date>{_short_date()}))?"
        rf"(?:\s*\((?P<agency>[^()]{{1,40}})\))?{_DASH}(?=\S)"
    )


@cache
def _agency_first() -> re.Pattern[str]:
    return re.compile(
        rf"^\((?P<agency>[^()]{{1,40}})\){_DASH}(?P<place>{_CAPS_PLACE}|{_TITLE_PLACE})"
        rf"(?:,\s*(?P<region>{_REGION}))??(?:,\s*(?P<date>{_short_date()}))?{_DASH}(?=\S)"
    )
