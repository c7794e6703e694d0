"""The model is plain frozen data; its only helpers are pure."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from publisher.errors import SourceLocation
from publisher.model import (
    Article,
    Chapter,
    Contributor,
    Credit,
    Metadata,
    Part,
    Publication,
    Role,
)


def article(slug: str, *credits: Credit) -> Article:
    return Article(
        slug=slug,
        title=slug.title(),
        origin=SourceLocation(Path(f"{slug}.md")),
        body_html="<p>x</p>",
        credits=credits,
    )


def test_role_parses_codes_and_terms():
    assert Role.parse("trl") is Role.TRANSLATOR
    assert Role.parse("Translator") is Role.TRANSLATOR
    assert Role.parse("pht") is Role.PHOTOGRAPHER
    with pytest.raises(ValueError):
        Role.parse("chef")


def test_reporter_is_written_as_marc_contributor():
    assert Role.REPORTER.marc == "ctb"
    assert Role.TRANSLATOR.marc == "trl"


def test_model_is_frozen():
    a = article("one")
    with pytest.raises(dataclasses.FrozenInstanceError):
        a.title = "changed"  # type: ignore[misc]


def test_contributors_index_groups_roles_and_chapters():
    ann = Credit(Contributor("Ann Lee"), Role.AUTHOR)
    bo = Credit(Contributor("Bo Chen"), Role.TRANSLATOR)
    ann_trl = Credit(Contributor("Ann Lee"), Role.TRANSLATOR)
    one = Chapter("one", 1, article("one", ann, bo))
    two = Chapter("two", 2, article("two", ann_trl))
    meta = Metadata(
        title="T",
        language="en",
        identifier="x",
        published=date(2024, 1, 1),
        modified="2024-01-01T00:00:00Z",
        editors=(Contributor("Zed Adams"),),
    )
    pub = Publication(metadata=meta, parts=(Part(None, (one, two)),))
    index = {person.name: dict(roles) for person, roles in pub.contributors()}
    assert list(index) == ["Zed Adams", "Bo Chen", "Ann Lee"]  # sorted by surname
    assert index["Ann Lee"][Role.AUTHOR] == (one,)
    assert index["Ann Lee"][Role.TRANSLATOR] == (two,)
    assert index["Zed Adams"] == {Role.EDITOR: ()}
    assert pub.chapters() == (one, two)


def test_contributors_index_sorts_accented_names_with_their_letters():
    people = ["Ana Ruiz", "Olga Río", "Íñigo Úbeda", "Tom Ubbink", "Eve Rio"]
    credits = [Credit(Contributor(name), Role.AUTHOR) for name in people]
    meta = Metadata("T", "es", "x", date(2024, 1, 1), "2024-01-01T00:00:00Z")
    pub = Publication(
        metadata=meta, parts=(Part(None, (Chapter("one", 1, article("one", *credits)),)),)
    )
    order = [person.name for person, _ in pub.contributors()]
    assert order == ["Eve Rio", "Olga Río", "Ana Ruiz", "Tom Ubbink", "Íñigo Úbeda"]
