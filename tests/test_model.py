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
    CrossLink,
    Element,
    Metadata,
    Note,
    NoteRef,
    NoteSection,
    Part,
    Publication,
    Role,
    walk,
)


def article(slug: str, *credits: Credit) -> Article:
    return Article(
        slug=slug,
        title=slug.title(),
        origin=SourceLocation(Path(f"{slug}.md")),
        body=(Element("p", children=("x",)),),
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


def test_an_article_says_which_ids_it_holds_and_links_to_and_what_it_reads():
    note = Note("a-fn-1", 1, (Element("p", children=("A note ", Element("em", children=("é",)))),))
    link = CrossLink("b.md", "x", (("href", ""),), ("to b",), chapter="b", anchor="b-x")
    body = (
        Element("h2", (("id", "a-head"),), ("Head",)),
        Element("p", children=("See ", link, NoteRef(1, "a-fn-1", "a-ref-1"), ".")),
        Element("p", children=(Element("a", (("href", "#a-head"),), ("up",)),)),
        NoteSection(("a-fn-1",)),
    )
    a = dataclasses.replace(article("a"), body=body, notes=(note,))
    assert a.anchors == ("a-head", "a-ref-1", "a-fn-1")
    assert set(a.link_targets) == {"b-x", "a-fn-1", "a-head"}
    assert "A note" in a.text and "é" in a.text and "to b" in a.text and "Head" in a.text
    assert a.footnote_count == 1
    walked = list(walk(body, (note,)))
    assert walked.index(note) > walked.index(body[2])  # notes where their section lists them
