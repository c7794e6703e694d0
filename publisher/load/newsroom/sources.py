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
from functools import cache

from publisher.load.language import LANGUAGE_NAME, language_code
from publisher.load.newsroom.dates import find_date
from publisher.load.newsroom.wording import alternation, language_names

_ENGLISH_LEAD = (
    r"(?:(?:this|the)\s+(?:article|story|piece|report|essay|interview|feature)\s+"
    r"(?:was\s+|is\s+|has\s+been\s+)?(?:first|originally)\s+(?:published|appeared|ran)"
    r"|(?:first|originally)\s+(?:published|appeared|ran)"
    r"|a\s+version\s+of\s+this\s+(?:article|story|piece|report)\s+(?:was\s+)?"
    r"(?:first\s+|originally\s+)?(?:published|appeared|ran)"
    r"|(?:this\s+(?:article|story|piece)\s+(?:is|was)\s+)?republished(?:\s+with\s+permission)?)"
)
_FIRST = r"(?:originalmente|originariamente|por\s+primera\s+vez|inicialmente|primeiro)"
_OTHER_LEADS = (
    # es
    r"(?:(?:este|esta)\s+(?:art[ií]culo|reportaje|nota|historia|texto|cr[oó]nica|entrevista)\s+"
    rf"(?:fue|ha\s+sido|se)\s+)?publicad[oa]\s+{_FIRST}"
    rf"|(?:este|esta)\s+\w+\s+se\s+public[oó]\s+{_FIRST}"
    # fr
    r"|(?:cet|l['’])\s*(?:article|enqu[êe]te|reportage|entretien)\s+a\s+(?:d['’]abord\s+|initialement\s+"
    r"|originellement\s+)?(?:été|[ée]t[ée])\s+(?:d['’]abord\s+|initialement\s+|originellement\s+"
    r"|publi[ée]e?\s+)?(?:publi[ée]e?|paru)(?:\s+(?:à\s+l['’]origine|initialement|d['’]abord"
    r"|pour\s+la\s+premi[eè]re\s+fois))?"
    r"|(?:publi[ée]e?|paru)\s+(?:à\s+l['’]origine|initialement|d['’]abord|pour\s+la\s+premi[eè]re"
    r"\s+fois)|initialement\s+publi[ée]e?|d['’]abord\s+publi[ée]e?"
    # de
    r"|(?:dieser|der)\s+(?:artikel|beitrag|text|bericht)\s+(?:erschien|ist)\s+(?:zuerst|erstmals"
    r"|urspr[üu]nglich)|(?:zuerst|erstmals|urspr[üu]nglich)\s+(?:erschienen|ver[öo]ffentlicht)"
    # pt
    r"|(?:(?:este|esta)\s+(?:artigo|reportagem|texto|mat[ée]ria|entrevista)\s+foi\s+)?"
    rf"publicad[oa]\s+{_FIRST}|originalmente\s+publicad[oa]"
    # it
    r"|(?:(?:questo|quest['’])\s*(?:articolo|reportage|pezzo|testo)\s+(?:è\s+stato\s+)?)?"
    r"pubblicat[oa]\s+(?:originariamente|originalmente|per\s+la\s+prima\s+volta|inizialmente)"
    r"|articolo\s+pubblicato\s+originariamente"
)
_CONNECTOR = (
    r"by|in|on|from|at|en|por|el|la|par|dans|sur|chez|bei|im|auf|von|em|no|na|pelo|pela"
    r"|su|da|sul|sulla|nel|nella|de|del"
)


@cache
def _lead() -> re.Pattern[str]:
    foreign = alternation(language_names())
    return re.compile(
        rf"^(?:{_ENGLISH_LEAD}|{_OTHER_LEADS})"
        rf"(?:\s+in\s+(?P<lang>{LANGUAGE_NAME}))?"
        rf"(?:\s+(?:en|in|em|auf)\s+(?P<lang2>{foreign}))?"
        rf"\s+(?:{_CONNECTOR})\s+(?P<rest>.+?)(?:\s+(?:erschienen|ver[öo]ffentlicht))?$",
        re.I,
    )


_CJK_LEAD = re.compile(r"^本文(?:首发|原载|最初发表|首次发表|原文刊登)(?:于|在|於)\s*(?P<rest>.+)$")
_URL = re.compile(r"\(?\s*(?:at\s+|:\s*)?(?P<url>https?://[^\s)]+)\s*\)?")
_DATE_TAIL = re.compile(r"(?:,\s*|\s+(?:on|el|le|am|em|il|o|del|vom)\s+|\s+)(?P<when>.+)$", re.I)


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
    match = _lead().match(text) or _CJK_LEAD.match(text)
    if not match:
        return None
    rest = re.sub(r"^(?:der|dem|den)\s+(?=[A-ZÄÖÜ])", "", match.group("rest"))
    url = None
    found = _URL.search(rest)
    if found:
        url = found.group("url").rstrip(".,;")
        rest = (rest[: found.start()] + rest[found.end() :]).strip(" ,")
    name, published = _name_and_date(rest)
    if not name or not _is_outlet(name):
        return None
    return SourceLine(name, url, _language(match.groupdict()), published)


def _language(groups: dict) -> str | None:
    if groups.get("lang"):
        return language_code(groups["lang"])
    other = groups.get("lang2")
    return language_names().get(other.lower()) if other else None


_PARTNER = re.compile(
    r"^(?:(?:this|the)\s+(?:story|article|report|piece|investigation|project|series|feature)\s+"
    r"(?:was|is|has\s+been)\s+)?(?:(?:produced|published|reported|written|done|made|created)\s+)?"
    r"(?:in\s+(?:partnership|collaboration|association|cooperation)\s+with"
    r"|(?:a|part\s+of\s+a)\s+(?:collaboration|partnership)\s+(?:between|with))"
    # es
    r"|^(?:(?:este|esta)\s+\w+\s+(?:fue|ha\s+sido|se)\s+)?(?:(?:realizad[oa]|producid[oa]"
    r"|elaborad[oa]|publicad[oa]|publica|hizo|realiz[oó])\s+)?en\s+(?:colaboraci[oó]n|alianza"
    r"|asociaci[oó]n)\s+con"
    # fr
    r"|^(?:(?:cet|cette|l['’])\s*\w+\s+a\s+[ée]t[ée]\s+)?(?:(?:r[ée]alis[ée]e?|produite?|publi[ée]e?"
    r"|men[ée]e?)\s+)?en\s+(?:partenariat|collaboration)\s+avec"
    # de
    r"|^(?:(?:dieser|diese|dieses|der|die|das)\s+\w+\s+(?:entstand|ist|wurde|erscheint)\s+)?"
    r"in\s+(?:zusammenarbeit|kooperation|partnerschaft)\s+mit"
    # pt
    r"|^(?:(?:este|esta)\s+\w+\s+(?:foi|é)\s+)?(?:(?:produzid[oa]|realizad[oa]|publicad[oa]"
    r"|feit[oa])\s+)?em\s+(?:parceria|colabora[çc][ãa]o)\s+com"
    # it
    r"|^(?:(?:questo|questa|quest['’])\s*\w+\s+(?:è|e)\s+stat[oa]\s+)?(?:(?:realizzat[oa]"
    r"|prodott[oa]|pubblicat[oa]|scritt[oa])\s+)?in\s+(?:collaborazione|partnership|partenariato)"
    r"\s+con",
    re.I,
)
_PARTNER_TAIL = re.compile(
    r"\s+(?:entstanden|erstellt|produziert|realisiert|ver[öo]ffentlicht)$", re.I
)
_ARTICLE = re.compile(
    r"^(?:the|el|la|los|las|le|les|l['’]|der|dem|den|o|a|os|as|il|lo)\s*(?=[A-ZÀ-Þ])"
)
_PARTNER_SEP = re.compile(r"\s*,\s*(?:and|y|et|und|e)\s+|\s*,\s*|\s+(?:and|y|et|und|e)\s+|\s*&\s*")


def parse_partner_line(line: str) -> tuple[str, ...] | None:
    """``This story was produced in partnership with X and Y.`` → ('X', 'Y'), or None.

    A partner produced the story with the outlet; it is not where the story first
    appeared (that is the source line)."""
    text = " ".join(line.split()).rstrip(".。")
    match = _PARTNER.match(text)
    if not match:
        return None
    rest = _PARTNER_TAIL.sub("", text[match.end() :].strip())
    names = [_strip_title(_ARTICLE.sub("", n)) for n in _PARTNER_SEP.split(rest) if n.strip()]
    if not names or not all(_is_outlet(n) and n[:1].isupper() for n in names):
        return None
    return tuple(names)


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
    for joiner in (" on", " el", " le", " am", " em", " il", " o", " del", " vom", ","):
        name = name.removesuffix(joiner).rstrip()
    return (_strip_title(name), value) if tail else ("", None)


def _strip_title(name: str) -> str:
    """Drop the marks around an outlet's name: *El Faro*, “El Faro”, 《海岸观察》."""
    return name.strip().strip("*_\"'“”‘’《》「」").strip()


_CLAUSE = re.compile(
    r"\b(?:under|licen[cs]e[ds]?|with|permission|which|who|where|when|because|after|before|"
    r"was|were|is|are|has|have|had|bajo|licencia|sous|licence|unter|lizenz|sob|licen[çc]a|licenza"
    r"|permiso|autorizaci[oó]n|autorisation|genehmigung|erlaubnis|permiss[aã]o|permesso|que|qui"
    r"|donde|onde|dove|cuando|quand|wenn|weil|quando)\b",
    re.I,
)


def _is_outlet(name: str) -> bool:
    """An outlet name: short, and no clause after it (' under a licence', ' which …')."""
    words = name.split()
    return 1 <= len(words) <= 8 and len(name) <= 80 and not _CLAUSE.search(name)
