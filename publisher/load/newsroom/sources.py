"""Where an article first appeared, as newsroom copy says it. Pure functions, no I/O.

``This article first published by X``, ``Originally published in X on 3 March 2020``,
``A version of this story appeared in X (https://…)``, ``本文首发于《X》`` → the outlet, and
pointer lines such as ``Read the original Chinese article.`` → the original's language. A line
with anything more (``… under a Creative Commons licence``) is not taken: it stays body text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from publisher.load.language import LANGUAGE_NAME, language_code
from publisher.load.newsroom.dates import find_date

_LEAD = re.compile(
    r"^(?:(?:this|the)\s+(?:article|story|piece|report|essay|interview|feature)\s+"
    r"(?:was\s+|is\s+|has\s+been\s+)?(?:first|originally)\s+(?:published|appeared|ran)"
    r"|(?:first|originally)\s+(?:published|appeared|ran)"
    r"|a\s+version\s+of\s+this\s+(?:article|story|piece|report)\s+(?:was\s+)?"
    r"(?:first\s+|originally\s+)?(?:published|appeared|ran)"
    r"|(?:this\s+(?:article|story|piece)\s+(?:is|was)\s+)?republished(?:\s+with\s+permission)?)"
    rf"(?:\s+in\s+(?P<lang>{LANGUAGE_NAME}))?"
    r"\s+(?:by|in|on|from|at)\s+(?P<rest>.+)$",
    re.I,
)
_CJK_LEAD = re.compile(r"^本文(?:首发|原载|最初发表|首次发表|原文刊登)(?:于|在|於)\s*(?P<rest>.+)$")
_URL = re.compile(r"\(?\s*(?:at\s+|:\s*)?(?P<url>https?://[^\s)]+)\s*\)?")
_DATE_TAIL = re.compile(r"(?:,\s*|\s+on\s+|\s+)(?P<when>.+)$", re.I)


@dataclass(frozen=True)
class SourceLine:
    """A first-publication line: outlet name, and the url, language and date if given."""

    name: str | None
    url: str | None = None
    language: str | None = None
    published: date | None = None


def parse_source_line(line: str) -> SourceLine | None:
    """``This article first published by X on <date>`` → SourceLine, or None."""
    text = " ".join(line.split()).rstrip(".。")
    match = _LEAD.match(text) or _CJK_LEAD.match(text)
    if not match:
        return None
    rest = match.group("rest")
    url = None
    found = _URL.search(rest)
    if found:
        url = found.group("url").rstrip(".,;")
        rest = (rest[: found.start()] + rest[found.end() :]).strip(" ,")
    name, published = _name_and_date(rest)
    if not name or not _is_outlet(name):
        return None
    lang = match.groupdict().get("lang")
    return SourceLine(name, url, language_code(lang) if lang else None, published)


def parse_pointer(line: str) -> str | None:
    """``Read the original Chinese article.`` → 'zh'; None for any other line."""
    text = " ".join(line.split()).rstrip(".。")
    match = re.match(
        rf"^(?:click here to |you can )?read (?:the )?original(?: (?P<a>{LANGUAGE_NAME}))?"
        rf"(?: (?:article|story|version|piece|text|report))?(?: in (?P<b>{LANGUAGE_NAME}))?"
        r"(?: here)?$",
        text,
        re.I,
    )
    if match and (match.group("a") or match.group("b")):
        return language_code(match.group("a") or match.group("b"))
    cjk = re.match(r"^(?:点击)?阅读(?P<l>中文|英文|日文|韩文)?原文$", text)
    return language_code(cjk.group("l")) if cjk and cjk.group("l") else None


def _name_and_date(rest: str) -> tuple[str, date | None]:
    """'El Faro on 3 March 2020' → ('El Faro', 2020-03-03); the date must end the line."""
    found = find_date(rest)
    if not found:
        return _strip_title(rest), None
    value, wording = found
    cut = rest.rfind(wording)
    if rest[cut + len(wording) :].strip(" ,.。"):
        return "", None  # text after the date: not a plain source line
    head = rest[:cut]
    tail = _DATE_TAIL.search(head + wording)
    name = head.rstrip()
    for joiner in (" on", ","):
        name = name.removesuffix(joiner).rstrip()
    return (_strip_title(name), value) if tail else ("", None)


def _strip_title(name: str) -> str:
    """Drop the marks around an outlet's name: *El Faro*, “El Faro”, 《海岸观察》."""
    return name.strip().strip("*_\"'“”‘’《》「」").strip()


_CLAUSE = re.compile(
    r"\b(?:under|licen[cs]e[ds]?|with|permission|which|who|where|when|because|after|before|"
    r"was|were|is|are|has|have|had)\b",
    re.I,
)


def _is_outlet(name: str) -> bool:
    """An outlet name: short, and no clause after it (' under a licence', ' which …')."""
    words = name.split()
    return 1 <= len(words) <= 8 and len(name) <= 80 and not _CLAUSE.search(name)
