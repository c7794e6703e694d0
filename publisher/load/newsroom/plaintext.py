"""Raw newsroom copy (.txt) → front matter + Markdown body → the same Article as a .md.

The copy is read as pasted: line 1 is the headline; then, in the first few lines, an optional
deck, a dateline and a byline in any order; then the body, where credit lines, source lines and
pointers to the original are taken out wherever they stand as lines of their own. Everything
else stays body text: nothing is dropped. The result is a front-matter mapping in the
documented manuscript format and a Markdown body, handed to the Markdown loader's
``build_article`` so both formats build identical articles, and ``publisher import`` can write
exactly what was loaded.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from publisher.errors import ManuscriptError, SourceLocation
from publisher.load.article import ArticleContext, build_article
from publisher.load.language import decide_language
from publisher.load.newsroom import plainbody
from publisher.load.newsroom.credits import (
    CreditLine,
    looks_like_credit,
    parse_byline,
    parse_credit_line,
    trailing_credit,
)
from publisher.load.newsroom.dates import Dateline, parse_dateline
from publisher.load.newsroom.found import Decision, Found, front_matter
from publisher.load.newsroom.plainbody import Element, Line
from publisher.load.newsroom.sources import (
    SourceLine,
    parse_partner_line,
    parse_pointer,
    parse_source_line,
)
from publisher.load.newsroom.staff import parse_staff_byline
from publisher.load.newsroom.wire import parse_wire_dateline
from publisher.model import Article, Credit

HEADER_LINES = 8  # the deck, dateline and byline are looked for in this many lines
DECK_MAX_WORDS = 80
_SEGMENT = re.compile(r"\s+[|·•]\s+")
_ENDS_SENTENCE = (".", "!", "?", "…", '"', "”", "’", ")", "。", "！", "？", "）", ":")


@dataclass(frozen=True)
class ParsedCopy:
    """Raw copy, understood: front matter, Markdown body, and the decisions taken."""

    meta: dict[str, Any]
    body: str  # Markdown, one blank line between blocks (what `publisher import` writes)
    aligned_body: str  # the same, each block on its line number in the copy
    decisions: tuple[Decision, ...]
    warnings: tuple[Decision, ...]


def load_plaintext(text: str, path: Path, ctx: ArticleContext) -> Article:
    """The loader for ``.txt`` manuscripts (see load/readers READERS)."""
    parsed = parse_copy(text, ctx.language)
    for warning in parsed.warnings:
        ctx.warn(ManuscriptError(warning.outcome, SourceLocation(path, warning.line)))
    return build_article(parsed.meta, parsed.aligned_body, path, ctx, body_line=1)


def parse_copy(text: str, book_language: str | None = None) -> ParsedCopy:
    """Read raw copy (already decoded, Unix newlines) into front matter and a body."""
    lines = [Line(n, _tidy(t)) for n, t in enumerate(text.lstrip("\ufeff").split("\n"), 1)]
    found = Found()
    first = next((i for i, line in enumerate(lines) if line.text), None)
    if first is None:
        raise ManuscriptError("the copy is empty: line 1 should be the headline")
    title = lines[first]
    found.decide(title, "title", "title")
    rest = lines[first + 1 :]
    body_lines = rest[_header(rest, found) :]
    elements = _body(body_lines, found)
    if not elements:
        found.warn(title, "no body text after the headline and credits")
    body_text = " ".join(
        [title.text, found.deck or "", *(e.text or " ".join(e.items) for e in elements)]
    )
    language = decide_language(found.stated_lang, book_language, body_text)
    found.decisions.append(Decision(0, "language", language.lang or "", language.reason))
    return ParsedCopy(
        meta=front_matter(title.text, found, language.lang),
        body=plainbody.to_markdown(elements),
        aligned_body=plainbody.to_markdown(elements, align=True),
        decisions=tuple(sorted(found.decisions, key=lambda d: d.line or len(lines) + 1)),
        warnings=tuple(found.warnings),
    )


def _tidy(text: str) -> str:
    """Trim a line and collapse runs of spaces and tabs (no-break spaces are kept)."""
    return re.sub(r"[ \t\u200b]+", " ", text).strip(" \t\r\ufeff")


# --- header: deck, dateline, byline -------------------------------------------------------


def _header(rest: list[Line], found: Found) -> int:
    """Take the deck, dateline and byline; return the index in ``rest`` where the body starts."""
    seen: list[tuple[int, Line, str, Any]] = []
    for index, line in enumerate(rest):
        if line.text:
            seen.append((index, line, *_header_kind(line.text)))
        if len(seen) == HEADER_LINES:
            break
    last = _last_header_line(seen)
    if last < 0:
        return 0
    deck = [line for _, line, kind, _ in seen[: last + 1] if kind == "other"]
    if deck:
        found.deck = plainbody.join_lines([line.text for line in deck])
        for line in deck:
            found.decide(line, "deck", "subtitle")
    for _, line, kind, value in seen[: last + 1]:
        if kind != "other":
            _take(line, kind, value, found)
    return seen[last][0] + 1


def _last_header_line(seen: list[tuple[int, Line, str, Any]]) -> int:
    """Position of the last dateline/byline such that the other lines before it form one
    unbroken run (the deck); -1 when there is no dateline or byline up there."""
    best = -1
    others: list[int] = []
    for position, (index, _, kind, _) in enumerate(seen):
        if kind == "other":
            others.append(index)
            continue
        if not _is_deck_run(others, seen):
            break
        if kind in ("dateline", "byline", "mixed"):
            best = position
    return best


def _is_deck_run(others: list[int], seen: list[tuple[int, Line, str, Any]]) -> bool:
    if not others:
        return True
    unbroken = others == list(range(others[0], others[0] + len(others)))
    words = sum(len(line.text.split()) for index, line, _, _ in seen if index in others)
    return unbroken and len(others) <= 4 and words <= DECK_MAX_WORDS


def _header_kind(text: str) -> tuple[str, Any]:
    """What a line near the top is: dateline, byline, both, a credit or source line, other."""
    return _first_match(text, _HEADER_KINDS)


def _mixed(text: str) -> tuple[tuple[Credit, ...], Dateline] | None:
    """'By A | Oct. 3, 2019 | Updated 2 hours ago' → (credits, dateline)."""
    parts = _SEGMENT.split(text)
    if len(parts) < 2 or not _any_byline(parts[0]):
        return None
    cut = next((i for i in range(1, len(parts)) if parse_dateline(" | ".join(parts[i:]))), None)
    if cut is None:
        return None
    byline = _any_byline(" | ".join(parts[:cut]))
    dateline = parse_dateline(" | ".join(parts[cut:]))
    return (byline, dateline) if byline and dateline else None


def _any_byline(text: str) -> tuple[Credit, ...] | None:
    """A byline naming people ('By A and B') or a desk or agency ('Redacción', 'EFE')."""
    return parse_byline(text) or parse_staff_byline(text)


def _meta_kind(text: str) -> tuple[str, Any]:
    """What a line anywhere is: a credit, source or pointer line, or other."""
    return _first_match(text, _META_KINDS)


def _first_match(text: str, kinds: tuple[tuple[str, Callable[[str], Any]], ...]) -> tuple[str, Any]:
    """The first (kind, parsed value) whose parser accepts the line, else ('other', None)."""
    for kind, parse in kinds:
        value = parse(text)
        if value:
            return kind, value
    return "other", None


_META_KINDS = (
    ("credit", parse_credit_line),
    ("source", parse_source_line),
    ("partner", parse_partner_line),
    ("pointer", parse_pointer),
)
_HEADER_KINDS = (
    ("dateline", parse_dateline),
    ("mixed", _mixed),
    ("byline", _any_byline),
    *_META_KINDS,
)


# --- body: meta lines out, elements in -----------------------------------------------------


def _body(lines: list[Line], found: Found) -> list[Element]:
    kept = _without_meta_lines(lines, found)
    blocks = plainbody.blocks(kept)
    while blocks and all(parse_dateline(line.text) for line in blocks[-1]):
        for line in blocks.pop():
            _take(line, "dateline", parse_dateline(line.text), found)
    elements = plainbody.finish([e for b in blocks for e in plainbody.elements(b)])
    if elements and elements[0].kind == "paragraph":
        _take_wire_dateline(elements[0], found)
    if elements and elements[-1].kind == "paragraph":
        elements[-1] = _take_trailing_credit(elements[-1], kept, found)
    for element in elements:
        if element.kind != "paragraph":
            line = Line(element.line, element.text or "; ".join(element.items))
            found.decide(line, element.kind, _BODY_OUTCOME[element.kind])
    return elements


_UNREAD_CREDIT = "looks like a credit line, but the names could not be read; kept as body text"
_BODY_OUTCOME = {
    "subhead": "## section heading",
    "caption": "caption paragraph",
    "quote": "block quote",
    "list": "bulleted list",
    "olist": "numbered list",
    "rule": "section break",
}


def _without_meta_lines(lines: list[Line], found: Found) -> list[Line]:
    """Take out credit, source and pointer lines; a removed line leaves a blank, so the text
    around it stays in separate blocks."""
    kept: list[Line] = []
    previous = ""
    for line in lines:
        starts = not previous or previous.endswith(_ENDS_SENTENCE)
        kind, value = _meta_kind(line.text) if line.text and starts else ("other", None)
        if kind != "other":
            _take(line, kind, value, found)
            kept.append(Line(line.number, ""))
            previous = ""  # the next line starts afresh, whatever this one ended with
            continue
        if line.text and starts and looks_like_credit(line.text):
            found.warn(line, _UNREAD_CREDIT)
        kept.append(line)
        previous = line.text
    return kept


# --- recording what a line gave --------------------------------------------------------------


def _take(line: Line, kind: str, value: Any, found: Found) -> None:
    if kind == "dateline":
        _take_dateline(line, value, found)
    elif kind == "byline":
        found.bylined = True
        _take_credits(line, "byline", value, found)
    elif kind == "mixed":
        found.bylined = True
        _take_credits(line, "byline", value[0], found)
        _take_dateline(line, value[1], found)
    elif kind == "credit":
        _take_credit_line(line, value, found)
    elif kind == "source":
        _take_source(line, value, found)
    elif kind == "partner":
        found.partners.extend(p for p in value if p not in found.partners)
        found.decide(line, "partner", f"partner: {', '.join(value)}")
    elif kind == "pointer":
        _set_source_language(line, value, found)
        found.decide(line, "pointer", f"source language: {value}")


def _take_wire_dateline(first: Element, found: Found) -> None:
    """'KYIV, Ukraine (Reuters) — …' opening the first paragraph: place and agency (the
    paragraph stays whole)."""
    wire = parse_wire_dateline(first.text)
    if wire is None:
        return
    found.place, found.agency = wire.place, wire.agency or found.agency
    got = f"place: {wire.place}" + (f"; agency: {wire.agency}" if wire.agency else "")
    found.decide(Line(first.line, first.text), "wire dateline", got)


def _take_trailing_credit(last: Element, lines: list[Line], found: Found) -> Element:
    """'… said the mayor. (Reporting by A; editing by B)' closing the story: the credits
    out, the paragraph kept. Each line the bracket spans is recorded with its part of it."""
    trailing = trailing_credit(last.text)
    if trailing is None:
        return last
    after = [line for line in lines if line.number >= last.line]
    spanned = list(itertools.takewhile(lambda line: line.text, after))  # up to a blank line
    opener = max((i for i, line in enumerate(spanned) if "(" in line.text), default=0)
    for index, line in enumerate(spanned[opener:]):
        part = line.text[line.text.rfind("(") :] if index == 0 else line.text
        if index == 0:
            _take_credit_line(Line(line.number, part), trailing.credit, found)
        else:
            found.decide(Line(line.number, part), "credit", "the credits continue")
    return replace(last, text=trailing.kept)


def _take_dateline(line: Line, dateline: Dateline, found: Found) -> None:
    got = []
    if dateline.place and not found.place:
        found.place = dateline.place
        got.append(f"place {dateline.place}")
    if dateline.published and not found.published:
        found.published = dateline.published
        got.append(f"date {dateline.published.isoformat()}")
    if dateline.updated and not found.updated:
        found.updated = dateline.updated
        got.append(f"updated {dateline.updated.isoformat()}")
    got += _take_yearless(line, dateline, found)
    for phrase in dateline.relative:
        found.warn(line, f"'{phrase}' gives no date; add the date to the front matter by hand")
    for wording in dateline.ambiguous:
        found.warn(line, f"'{wording}' could be day/month or month/day; read as day/month")
    found.decide(line, "dateline", ", ".join(got) or "no usable date")


def _take_yearless(line: Line, dateline: Dateline, found: Found) -> list[str]:
    """Dates written without a year take the year of the published date (another line)."""
    got = []
    for late in dateline.yearless:
        known = found.published or found.updated
        value = late.in_year_of(known) if known else None
        if value is None:
            found.warn(line, f"'{late.wording}' gives no year; add the date to the front matter")
        elif late.updated and not found.updated:
            found.updated = value
            got.append(f"updated {value.isoformat()}")
        elif not late.updated and not found.published:
            found.published = value
            got.append(f"date {value.isoformat()}")
    return got


def _take_credits(line: Line, kind: str, credits: tuple[Credit, ...], found: Found) -> None:
    found.credits.extend(credits)
    found.decide(line, kind, "; ".join(_describe(c) for c in credits))


def _take_credit_line(line: Line, credit: CreditLine, found: Found) -> None:
    _take_credits(line, "credit", credit.credits, found)
    if credit.stated_language and not found.stated_lang:
        found.stated_lang = credit.stated_language
        found.decide(line, "language", f"the article's language: {found.stated_lang}")
    if credit.source_language:
        _set_source_language(line, credit.source_language, found)


def _take_source(line: Line, source: SourceLine, found: Found) -> None:
    if found.source.get("name"):
        found.warn(line, f"a second source line; '{found.source['name']}' is kept")
        return
    found.source["name"] = source.name
    for key, value in (("url", source.url), ("date", source.published)):
        if value:
            found.source[key] = value
    if source.language:
        _set_source_language(line, source.language, found)
    found.decide(line, "source", f"source: {source.name}")


def _set_source_language(line: Line, lang: str, found: Found) -> None:
    known = found.source.get("language")
    if known and known != lang:
        found.warn(
            line, f"original language given as both '{known}' and '{lang}'; '{known}' is kept"
        )
    found.source.setdefault("language", lang)


def _describe(credit: Credit) -> str:
    note = f" ({credit.note})" if credit.note else ""
    return f"{credit.role.label} ({credit.role.value}): {credit.name}{note}"
