"""What one parse of newsroom copy found, and the front matter made from it. Pure.

``Found`` collects the decisions and metadata while ``plaintext`` reads the copy;
``front_matter`` turns it into the documented manuscript format: authors and translators as
plain lists (or ``{name, role, note}`` entries when a note must be kept), other credits as
contributors, and for a story without a byline its reporters as authors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from publisher.load.newsroom.plainbody import Line
from publisher.model import Credit, Role


@dataclass(frozen=True)
class Decision:
    """One thing the parser decided about a line, for the import report."""

    line: int
    kind: str  # title, deck, dateline, byline, credit, source, pointer, subhead, …, language
    text: str
    outcome: str


@dataclass
class Found:
    """What one parse has found so far."""

    deck: str | None = None
    published: date | None = None
    updated: date | None = None
    credits: list[Credit] = field(default_factory=list)
    bylined: bool = False  # a byline named the authors
    source: dict[str, Any] = field(default_factory=dict)
    partners: list[str] = field(default_factory=list)
    place: str | None = None
    agency: str | None = None
    stated_lang: str | None = None
    decisions: list[Decision] = field(default_factory=list)
    warnings: list[Decision] = field(default_factory=list)

    def decide(self, line: Line, kind: str, outcome: str) -> None:
        self.decisions.append(Decision(line.number, kind, line.text, outcome))

    def warn(self, line: Line, message: str) -> None:
        self.warnings.append(Decision(line.number, "warning", line.text, message))


def front_matter(title: str, found: Found, lang: str | None) -> dict[str, Any]:
    """The front matter, in the documented manuscript format."""
    meta: dict[str, Any] = {"title": title}
    if found.deck:
        meta["subtitle"] = found.deck
    if found.published:
        meta["date"] = found.published
    if found.updated:
        meta["updated"] = found.updated
    credits = _unique(found.credits if found.bylined else wire_authors(found.credits))
    plain = {Role.AUTHOR: "authors", Role.TRANSLATOR: "translators"}
    for role, key in list(plain.items()):
        if any(c.note for c in credits if c.role is role):
            del plain[role]  # notes need {name, role, note} entries; keep the role's order
            continue
        names = [c.name for c in credits if c.role is role]
        if names:
            meta[key] = names
    others = [c for c in credits if c.role not in plain]
    if others:
        meta["contributors"] = [_contributor(c) for c in others]
    if found.source:
        meta["source"] = dict(found.source)
    if found.partners:
        meta["partners"] = list(found.partners)
    if found.place:
        meta["place"] = found.place
    if found.agency:
        meta["agency"] = found.agency
    if lang:
        meta["lang"] = lang
    return meta


def wire_authors(credits: list[Credit]) -> list[Credit]:
    """A story without a byline: those credited with the reporting are its authors
    ("Reporting by A and B; editing by C" → A and B), not those credited with additional
    reporting or information."""
    return [_as_author(c) if c.role is Role.REPORTER and _primary(c.note) else c for c in credits]


def _as_author(credit: Credit) -> Credit:
    """An author's note keeps what was said about the person ('in Kyiv'), not the phrase."""
    rest = "; ".join((credit.note or "").split("; ")[1:])
    return replace(credit, role=Role.AUTHOR, note=rest or None)


def _primary(note: str | None) -> bool:
    phrase = (note or "").split(";")[0].lower()
    return not re.search(
        r"addition|adicional|suppl|zusätz|aggiunt|contribu|colabor|informa|with\b"
        r"|^con\b|^com\b|^avec\b|^mit\b|material|propos",
        phrase,
    )


def _unique(credits: list[Credit]) -> list[Credit]:
    """One credit per person and role (a byline and 'Written by' name the same author)."""
    seen: set[tuple[str, Role]] = set()
    kept = []
    for credit in credits:
        key = (credit.name, credit.role)
        if key not in seen:
            seen.add(key)
            kept.append(credit)
    return kept


def _contributor(credit: Credit) -> dict[str, str]:
    entry = {"name": credit.name, "role": credit.role.value}
    if credit.note:
        entry["note"] = credit.note
    return entry
