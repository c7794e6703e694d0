"""Datelines as newsrooms write them → published and updated dates. Pure functions.

A line is a dateline only when nothing is left after removing its dates, times, time zones,
weekdays, labels (``Published:``, ``Updated``, ``Last updated``) and separators, so a body
sentence that merely mentions a date is never taken for one. Relative forms (``Updated 3 hours
ago``) are recognised but carry no usable date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_MONTH = (
    r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_ORD = r"(?:st|nd|rd|th)?"
_DATE_FORMS = {
    "mdy": rf"\b{_MONTH}\s+(?P<d>\d{{1,2}}){_ORD},?\s+(?P<y>\d{{4}})\b",
    "dmy": rf"\b(?P<d>\d{{1,2}}){_ORD}\s+(?:of\s+)?{_MONTH},?\s+(?P<y>\d{{4}})\b",
    "iso": r"\b(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)",
    "num": r"(?<![\d/.])(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4}|\d{2})(?![\d/.])",
    "cjk": r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日",
}
_DATE = re.compile(
    "|".join(f"(?P<{k}>{re.sub(r'[?]P<[a-z]+>', '?:', v)})" for k, v in _DATE_FORMS.items()),
    re.I,
)
_FORM_RES = {k: re.compile(v, re.I) for k, v in _DATE_FORMS.items()}

_UPDATE_LABEL = r"(?:last\s+)?(?:updated|modified|revised|edited)|更新(?:时间|於|于)?|最后更新"
_LABEL = re.compile(
    rf"\b(?:{_UPDATE_LABEL})\b|(?:{_UPDATE_LABEL})"
    r"|\b(?:first\s+)?(?:published|posted|date[ds]?|on|at)\b|发布(?:时间|於|于)?|发表(?:于|於)?",
    re.I,
)
_UPDATE = re.compile(_UPDATE_LABEL, re.I)
_RELATIVE = re.compile(
    r"\b(?:\d+|an?|one|a\s+few)\s+(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?"
    r"\s+ago\b|\bjust\s+now\b|\byesterday\b|\btoday\b|\d+\s*(?:秒|分钟|小时|天)前|刚刚|昨天|今天",
    re.I,
)
_TIME = re.compile(
    r"\b\d{1,2}[:.：]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?\s?m\.?)?(?![\w])|\b\d{1,2}\s*[ap]\.?m\.?(?!\w)"
    r"|\bnoon\b|\bmidnight\b",
    re.I,
)
_ZONE = re.compile(
    r"\b(?:UTC|GMT)(?:\s*[+-−]\s*\d{1,2}(?::?\d{2})?)?\b|(?<![\w])[+-]\d{2}:?\d{2}\b"
    r"|\b(?:[ECMP][SD]?T|HKT|BST|CES?T|EES?T|WES?T|IST|JST|KST|SGT|AES[DT]|AEDT|NZ[SD]T)\b"
)
_WEEKDAY = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?"
    r"|星期[一二三四五六日天]|周[一二三四五六日]",
    re.I,
)
_LEFTOVER = re.compile(r"[\s|·•,;:：｜()（）\[\]\-–—/]*")


@dataclass(frozen=True)
class Dateline:
    """What a dateline says: dates found, relative phrases that carry no date, doubts."""

    published: date | None = None
    updated: date | None = None
    relative: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()


def parse_dateline(line: str) -> Dateline | None:
    """Read a whole line as a dateline, or return None if it is anything else."""
    text = " ".join(line.split())
    if not text or len(text) > 160:
        return None
    found = list(_DATE.finditer(text))
    relative = [m.group(0) for m in _RELATIVE.finditer(text)]
    if not found and not relative:
        return None
    if not _only_dateline_words(text):
        return None
    convention = _named_convention(found)
    published: date | None = None
    updated: date | None = None
    ambiguous: list[str] = []
    for match in found:
        value, doubt = _resolve(match, convention, published)
        if value is None:
            return None  # an impossible date (31/02/2020) is not a dateline
        if doubt:
            ambiguous.append(match.group(0))
        if _is_update(text, match.start()) or published is not None:
            updated = updated or value
        else:
            published = value
    return Dateline(published, updated, tuple(relative), tuple(ambiguous))


def find_date(text: str) -> tuple[date, str] | None:
    """The first unambiguous-enough date written anywhere in a text, with its wording."""
    for match in _DATE.finditer(text):
        value, _ = _resolve(match, _named_convention([match]), None)
        if value:
            return value, match.group(0)
    return None


def _only_dateline_words(text: str) -> bool:
    rest = text
    for pattern in (_DATE, _RELATIVE, _TIME, _ZONE, _WEEKDAY, _LABEL):
        rest = pattern.sub(" ", rest)
    return _LEFTOVER.fullmatch(rest) is not None


def _is_update(text: str, position: int) -> bool:
    """True when the nearest label before ``position`` says updated/modified."""
    labels = [m for m in _LABEL.finditer(text, 0, position) if not _is_joiner(m.group(0))]
    return bool(labels) and _UPDATE.fullmatch(labels[-1].group(0)) is not None


def _is_joiner(word: str) -> bool:
    return word.lower() in ("on", "at")


def _named_convention(found: list[re.Match]) -> str | None:
    """'mdy' or 'dmy' when the line spells a month name in that order, to settle 04/05."""
    for match in found:
        if match.group("mdy"):
            return "mdy"
        if match.group("dmy"):
            return "dmy"
    return None


def _resolve(
    match: re.Match, convention: str | None, published: date | None
) -> tuple[date | None, bool]:
    """The date a match stands for, and whether its day/month order had to be guessed."""
    kind = match.lastgroup or ""
    parts = _FORM_RES[kind].fullmatch(match.group(0))
    if parts is None:
        return None, False
    groups = parts.groupdict()
    year = int(groups["y"])
    if kind in ("mdy", "dmy"):
        return _make(year, _MONTHS[groups["mon"][:3].lower()], int(groups["d"])), False
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
