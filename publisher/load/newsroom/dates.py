"""Datelines as newsrooms write them → published and updated dates. Pure functions.

A line is a dateline only when nothing is left after removing its dates, times, time zones,
weekdays, labels (``Published:``, ``Updated``, ``Last updated``) and separators, so a body
sentence that merely mentions a date is never taken for one. Relative forms (``Updated 3 hours
ago``) are recognised but carry no usable date. A date without its year (``mis à jour le 6
avril à 07h02``, ``Actualizado el 16 de marzo a las 12:40``) takes the year of the published
date before it; on a line of its own it counts only with a label or a time, so that a subhead
such as "March 3" is never taken for a dateline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from functools import cache

from publisher.load.newsroom.wording import alternation, fold, month_numbers, weekday_names

_ORD = r"(?:st|nd|rd|th|er|ᵉʳ|º|°|ª|\.)?"
_NUMERIC_FORMS = {
    "iso": r"\b(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)",
    "num": r"(?<![\d/.])(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})(?![\d/.])",
    "cjk": r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日",
}

# Labels before or between dates, in the copy languages: what a dateline may hold besides
# dates, times, zones and weekdays. Update labels make the next date the updated one.
_UPDATE_LABEL = (
    r"(?:last\s+)?(?:updated|modified|revised|edited)|actualizad[oa]|actualizaci[oó]n"
    r"|[uú]ltima\s+(?:actualizaci[oó]n|atualiza[cç][aã]o|modificaci[oó]n)|modificad[oa]"
    r"|(?:derni[eè]re\s+)?mise?\s+[aà]\s+jour|modifi[ée]e?|(?:zuletzt\s+)?aktualisiert"
    r"|ge[aä]ndert|stand|atualizad[oa]|atualiza[cç][aã]o|(?:ultimo\s+)?aggiornamento"
    r"|aggiornat[oa]|modificat[oa]|更新(?:时间|於|于)?|最后更新"
)
_PUBLISH_LABEL = (
    r"(?:first\s+)?(?:published|posted)|date[ds]?|publicad[oa]|fecha|publicaci[oó]n"
    r"|publi[ée]e?|mis\s+en\s+ligne|ver[oö]ffentlicht|erschienen|erstellt|datum"
    r"|pubblicat[oa]|data|发布(?:时间|於|于)?|发表(?:于|於)?"
)
_JOINER = (
    r"on|at|el|a\s+las|a\s+la|de|del|le|[aà]|am|um|vom|em|[aà]s|il|alle|ore|del|dalle|h|hrs?"
    r"|hs|uhr|horas?|heures?|hora\s+(?:local|peninsular|de\s+bras[ií]lia)|hor[aá]rio\s+de"
    r"\s+bras[ií]lia|heure\s+de\s+paris|ortszeit|ora\s+(?:locale|italiana)|y|et|und|e"
)
_RELATIVE_UNIT = (
    r"sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|days?|weeks?|months?|years?|segundos?|minutos?"
    r"|horas?|d[ií]as|semanas?|meses|mes|secondes?|heures?|jours?|semaines?|mois|ans?"
    r"|sekunden|minuten|stunden?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?|secondi|minuti"
    r"|ore|ora|giorni|giorno|settimane?|mesi|anni|dias?"
)
_AMOUNT = r"(?:\d+|an?|one|a\s+few|una?|une?|einer|einem|um|uma|un'|pochi|poche|unos|unas|quelques)"
_RELATIVE = re.compile(
    rf"\b{_AMOUNT}\s*(?:{_RELATIVE_UNIT})\s+(?:ago|atr[aá]s|fa)\b"
    rf"|\b(?:hace|il\s+y\s+a|vor|h[aá])\s+{_AMOUNT}\s*(?:{_RELATIVE_UNIT})\b"
    r"|\bjust\s+now\b|\byesterday\b|\btoday\b|\bayer\b|\bhoy\b|\bhier\b"
    r"|\baujourd'hui\b|\bgestern\b|\bheute\b|\bontem\b|\bhoje\b|\bieri\b|\boggi\b"
    r"|\d+\s*(?:秒|分钟|小时|天)前|刚刚|昨天|今天",
    re.I,
)
_TIME = re.compile(
    r"\b\d{1,2}[:.：]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?\s?m\.?)?(?![\w])|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)"
    r"|\b\d{1,2}\s?h\s?\d{2}(?:min)?\b|\b\d{1,2}\s?(?:h|hs|hrs|uhr)\b|\bnoon\b|\bmidnight\b"
    r"|\bmediod[ií]a\b|\bmidi\b|\bmittag\b",
    re.I,
)
_ZONE = re.compile(
    r"\b(?:UTC|GMT)(?:\s*[+-−]\s*\d{1,2}(?::?\d{2})?)?\b|(?<![\w])[+-]\d{2}:?\d{2}\b"
    r"|\b(?:[ECMP][SD]?T|HKT|BST|CES?T|EES?T|WES?T|IST|JST|KST|SGT|AES[DT]|AEDT|NZ[SD]T|MES?Z"
    r"|OES?Z|WES?Z|HN[EC]|HA[EC]|BRT|BRST|ART|CLST|CLT|COT|PET|UYT|VET|BOT|PYT|AST)\b"
)
_LEFTOVER = re.compile(r"[\s|·•,;:：｜()（）\[\]\-–—/.]*")
# "MADRID, 3 de marzo de 2024": a place before the date (read only when the rest is a date).
_PLACE = re.compile(
    r"^(?P<place>[A-ZÀ-ÖØ-Þ][\w'’.\-]*(?:[ /\-][A-ZÀ-ÖØ-Þa-zß-ÿ][\w'’.\-]*){0,3}"
    r"(?:\s*\([A-ZÀ-Þ][\w .\-]+\))?),\s+(?P<rest>.+)$"
)
# Words of a dateline in a language that writes numeric dates day first (es, fr, de, pt, it).
_DAY_FIRST = re.compile(
    r"actualiz|atualiz|mise?\s+[aà]\s+jour|aktualisiert|aggiorn|publicad|publi[ée]|ver[oö]ffentl"
    r"|pubblicat|modificad|modifi[ée]|modificat|ge[aä]ndert|\b(?:stand|uhr|fecha|data|datum|el"
    r"|a\s+las|[aà]s|em|am|um|le|il|alle|ore)\b",
    re.I,
)


@cache
def _forms() -> dict[str, str]:
    """The date forms, spelled-out months in every copy language (CLDR through Babel)."""
    month = rf"(?P<mon>{alternation(month_numbers())})\.?(?!\w)"
    return {
        "mdy": rf"(?<!\w){month}\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})\b",
        "dmy": rf"\b(?P<d>\d{{1,2}}){_ORD}\s*(?:of\s+|de\s+)?{month},?\s*(?:de\s+|del\s+)?"
        r"(?P<y>\d{4})\b",
        **_NUMERIC_FORMS,
        # without a year: tried last, so a date with its year always wins
        "md": rf"(?<!\w){month}\s+(?P<d>\d{{1,2}}){_ORD}(?![\d:.h])",
        "dm": rf"\b(?P<d>\d{{1,2}}){_ORD}\s*(?:of\s+|de\s+)?{month}",
    }


@cache
def _date_re() -> re.Pattern[str]:
    forms = _forms()
    return re.compile(
        "|".join(f"(?P<{k}>{re.sub(r'[?]P<[a-z]+>', '?:', v)})" for k, v in forms.items()), re.I
    )


@cache
def _form_res() -> dict[str, re.Pattern[str]]:
    return {k: re.compile(v, re.I) for k, v in _forms().items()}


@cache
def _label_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?<!\w)(?:{_UPDATE_LABEL}|{_PUBLISH_LABEL}|{_JOINER})(?!\w)|(?:{_UPDATE_LABEL})", re.I
    )


@cache
def _weekday_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?<!\w)(?:{alternation(weekday_names())})(?!\w)\.?|星期[一二三四五六日天]|周[一二三四五六日]",
        re.I,
    )


_UPDATE = re.compile(_UPDATE_LABEL, re.I)


@dataclass(frozen=True)
class Dateline:
    """What a dateline says: dates found, relative phrases that carry no date, doubts, and
    the place written before the date ("MADRID, 3 de marzo de 2024")."""

    published: date | None = None
    updated: date | None = None
    relative: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()
    place: str | None = None
    yearless: tuple[Yearless, ...] = ()  # dates written without a year and no year before them


@dataclass(frozen=True)
class Yearless:
    """A day and month written without a year ("16 de marzo"), for the year of another line."""

    wording: str
    month: int
    day: int
    updated: bool

    def in_year_of(self, known: date) -> date | None:
        """The date in ``known``'s year, or the next year's if that would come before it."""
        value = _make(known.year, self.month, self.day)
        if value is not None and value < known:
            value = _make(known.year + 1, self.month, self.day)
        return value


def parse_dateline(line: str) -> Dateline | None:
    """Read a whole line as a dateline, or return None if it is anything else."""
    text = " ".join(line.split())
    if not text or len(text) > 160:
        return None
    found = _dates_only(text)
    if found is not None:
        return found
    placed = _PLACE.match(text)
    if placed:
        rest = _dates_only(placed.group("rest"))
        if rest is not None and (rest.published or rest.updated):
            return replace(rest, place=placed.group("place"))
    return None


def _dates_only(text: str) -> Dateline | None:
    """A line holding nothing but dates, times, zones, weekdays and labels."""
    found = list(_date_re().finditer(text))
    relative = [m.group(0) for m in _RELATIVE.finditer(text)]
    if not found and not relative:
        return None
    if not _only_dateline_words(text):
        return None
    if not relative and all(m.lastgroup in _YEARLESS for m in found) and not _is_labelled(text):
        return None  # "March 3" alone is a subhead; "Updated March 3, 12:40" is a dateline
    convention = _named_convention(found) or ("dmy" if _DAY_FIRST.search(text) else None)
    published: date | None = None
    updated: date | None = None
    ambiguous: list[str] = []
    yearless: list[Yearless] = []
    for match in found:
        if match.lastgroup in _YEARLESS:
            late = _yearless(match, _is_update(text, match.start()) or published is not None)
            if late is None:
                return None  # "31 February"
            value = late.in_year_of(published) if published else None
            if value is None:
                yearless.append(late)
            elif late.updated:
                updated = updated or value
            else:
                published = value
            continue
        value, doubt = _resolve(match, convention, published)
        if value is None:
            return None  # an impossible date (31/02/2020) is not a dateline
        if doubt:
            ambiguous.append(match.group(0))
        if _is_update(text, match.start()) or published is not None:
            updated = updated or value
        else:
            published = value
    return Dateline(published, updated, tuple(relative), tuple(ambiguous), None, tuple(yearless))


_YEARLESS = ("md", "dm")


def _yearless(match: re.Match, updated: bool) -> Yearless | None:
    """A day and month without a year; None when no year has that day (31 February)."""
    parts = _form_res()[match.lastgroup or ""].fullmatch(match.group(0))
    if parts is None:
        return None
    month, day = _month(parts.group("mon")), int(parts.group("d"))
    if _make(2000, month, day) is None:  # 2000 was a leap year: 29 February exists
        return None
    return Yearless(match.group(0), month, day, updated)


def _is_labelled(text: str) -> bool:
    """A label (Updated, Publicado, Stand …) or a clock time on the line."""
    labels = [m.group(0) for m in _label_re().finditer(text) if not _is_joiner(m.group(0))]
    return bool(labels) or _TIME.search(text) is not None


def find_date(text: str) -> tuple[date, str] | None:
    """The first unambiguous-enough date written anywhere in a text, with its wording."""
    for match in _date_re().finditer(text):
        if match.lastgroup in _YEARLESS:
            continue
        value, _ = _resolve(match, _named_convention([match]), None)
        if value:
            return value, match.group(0)
    return None


def _only_dateline_words(text: str) -> bool:
    rest = text
    for pattern in (_date_re(), _RELATIVE, _TIME, _ZONE, _weekday_re(), _label_re()):
        rest = pattern.sub(" ", rest)
    return _LEFTOVER.fullmatch(rest) is not None


def _is_update(text: str, position: int) -> bool:
    """True when the nearest label before ``position`` says updated/modified."""
    labels = [m for m in _label_re().finditer(text, 0, position) if not _is_joiner(m.group(0))]
    return bool(labels) and _UPDATE.fullmatch(labels[-1].group(0)) is not None


def _is_joiner(word: str) -> bool:
    return re.fullmatch(_JOINER, word, re.I) is not None


def _named_convention(found: list[re.Match]) -> str | None:
    """'mdy' or 'dmy' when the line spells a month name in that order, to settle 04/05."""
    for match in found:
        if match.group("mdy") or match.group("md"):
            return "mdy"
        if match.group("dmy") or match.group("dm"):
            return "dmy"
    return None


def _resolve(
    match: re.Match, convention: str | None, published: date | None
) -> tuple[date | None, bool]:
    """The date a match stands for, and whether its day/month order had to be guessed."""
    kind = match.lastgroup or ""
    parts = _form_res()[kind].fullmatch(match.group(0))
    if parts is None:
        return None, False
    groups = parts.groupdict()
    year = int(groups["y"])
    if kind in ("mdy", "dmy"):
        return _make(year, _month(groups["mon"]), int(groups["d"])), False
    if kind in ("iso", "cjk"):
        return _make(year, int(groups["m"]), int(groups["d"])), False
    return _numeric(int(groups["a"]), int(groups["b"]), year, convention, published)


def _numeric(
    a: int, b: int, year: int, convention: str | None, published: date | None
) -> tuple[date | None, bool]:
    """22/04/2017 (day first), 04/22/2017 (month first), 04/05/2017 (ambiguous)."""
    year = year + 2000 if year < 100 else year
    dmy, mdy = _make(year, b, a), _make(year, a, b)
    if dmy is None or mdy is None or dmy == mdy:
        return dmy or mdy, False
    if convention:
        return (mdy if convention == "mdy" else dmy), False
    if published is not None:
        later = [d for d in (dmy, mdy) if d >= published]
        if len(later) == 1:
            return later[0], False
        if later:
            return min(later), False
    return dmy, True


def _make(year: int, month: int, day: int) -> date | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month(name: str) -> int:
    key = name.lower().rstrip(".")
    return month_numbers().get(key) or month_numbers()[fold(key)]
