"""What a serve session remembers between builds, and which changes the watcher hears."""

from __future__ import annotations

from pathlib import Path

import jinja2

from publisher.cache import Entry
from publisher.errors import SourceLocation
from publisher.model import Article, Chapter, Element
from publisher.render.theme import Theme
from publisher.serve.memory import MemoryCache, RenderMemo, template_reads
from publisher.serve.watch import Watcher

SOFT_HARBOUR = "har\u00adbour"


def _article(title: str) -> Article:
    return Article(slug="a", title=title, origin=SourceLocation(Path("a.md")), body=(Element("p"),))


def _theme(templates: dict[str, str]) -> Theme:
    env = jinja2.Environment(loader=jinja2.DictLoader(templates), autoescape=True)
    return Theme(env=env, folders=(Path("."),))


def test_memory_cache_keeps_what_the_last_build_used_only():
    cache = MemoryCache(disk=False)
    cache.put("old", Entry(_article("Old")))
    cache.put("kept", Entry(_article("Kept")))
    cache.sweep()
    assert cache.get("kept").article.title == "Kept"
    assert cache.get("old").article.title == "Old"
    cache.sweep()  # this build used both
    assert cache.get("kept") is not None
    cache.sweep()  # this one only "kept"
    assert cache.get("old") is None and cache.get("kept") is not None
    assert cache.hits == 1 and cache.misses == 1


def test_memory_cache_reads_and_writes_the_disk_cache_behind_it():
    first = MemoryCache(disk=True)
    first.put("shared-key-for-this-test", Entry(_article("On disk")))
    second = MemoryCache(disk=True)
    assert second.get("shared-key-for-this-test").article.title == "On disk"
    assert second.hits == 1


def test_template_reads_follow_extends_and_includes():
    theme = _theme(
        {
            "base.html": "<title>{{ meta }}</title>{% block body %}{% endblock %}",
            "page.html": '{% extends "base.html" %}{% block body %}'
            '{% include "part.html" %}{% endblock %}',
            "part.html": "{{ chapter }} {{ lang }}",
            "book.html": "{% for c in pub %}{{ c }}{% endfor %}",
            "dynamic.html": "{% include name %}",
        }
    )
    assert template_reads(theme.env, "page.html") == {"meta", "chapter", "lang", "t"}
    assert template_reads(theme.env, "book.html") is None  # reads the whole publication
    assert template_reads(theme.env, "dynamic.html") is None  # cannot be known


def test_render_memo_renders_a_page_again_only_when_what_it_reads_changed():
    calls = []
    theme = _theme({"page.html": "{{ count() }}:{{ chapter.article.title }}"})
    memo = RenderMemo.empty()
    wrapped = memo.wrap(theme)
    wrapped.env.globals["count"] = lambda: calls.append(1) or len(calls)
    memo.reads.clear()
    one = Chapter(slug="a", number=1, article=_article("First"))
    assert wrapped.render("page.html", chapter=one, other="x") == "1:First"
    same = Chapter(slug="a", number=1, article=_article("First"))  # equal, not identical
    assert wrapped.render("page.html", chapter=same, other="y") == "1:First"
    two = Chapter(slug="a", number=1, article=_article("Second"))
    assert wrapped.render("page.html", chapter=two) == "2:Second"
    memo.sweep()
    memo.sweep()
    assert memo.pages == {}  # nothing used since: forgotten


def test_render_memo_never_keeps_a_page_that_reads_the_publication():
    theme = _theme({"book.html": "{{ pub }}"})
    memo = RenderMemo.empty()
    wrapped = memo.wrap(theme)
    assert wrapped.render("book.html", pub="one") == "one"
    assert wrapped.render("book.html", pub="two") == "two"
    assert memo.pages == {}


def test_the_watcher_hears_the_book_and_ignores_the_rest(tmp_path):
    output = tmp_path / "build"
    watcher = Watcher(tmp_path, [output])
    for heard in ("01-story.md", "publication.toml", "images/map.png", "styles/css/extra.css"):
        assert watcher.relevant(tmp_path / heard), heard
    for ignored in (
        "build/book.epub",
        ".git/index",
        ".build-staging-12/book.pdf",
        "01-story.md~",
        ".01-story.md.swp",
        "01-story.md.swp",
        "#01-story.md#",
        "4913",
    ):
        assert not watcher.relevant(tmp_path / ignored), ignored
    assert not watcher.relevant(tmp_path.parent / "elsewhere.md")


def test_an_unhashable_value_keys_pages_by_what_it_holds():
    theme = _theme({"page.html": "{{ files[chapter] }}"})
    memo = RenderMemo.empty()
    wrapped = memo.wrap(theme)
    files = {"a": "a.xhtml", "b": "b.xhtml"}
    assert wrapped.render("page.html", chapter="a", files=files) == "a.xhtml"
    assert wrapped.render("page.html", chapter="a", files=dict(files)) == "a.xhtml"
    assert len(memo.pages) == 1  # an equal dict: the same page
    moved = dict(files, a="elsewhere.xhtml")
    assert wrapped.render("page.html", chapter="a", files=moved) == "elsewhere.xhtml"


def test_a_page_that_reads_the_whole_book_still_reuses_an_articles_hyphenation():
    calls: list[str] = []

    def hyphenate(text: str, lang: str) -> str:
        calls.append(text)
        return text.replace("harbour", SOFT_HARBOUR) + f"[{lang}]"

    book = "{% for a in pub %}<p>{{ a | hyphenate('en') }}</p>{% endfor %}"
    memo = RenderMemo.empty()
    for texts in (["harbour wall", "ferry"], ["harbour wall", "ferry, edited"]):
        theme = _theme({"book.html": book})  # a fresh environment each build, as load_theme
        theme.env.filters["hyphenate"] = hyphenate
        page = memo.wrap(theme).render("book.html", pub=texts)
        memo.sweep()
        shown = [t.replace("harbour", SOFT_HARBOUR) for t in texts]
        assert page == "".join(f"<p>{t}[en]</p>" for t in shown)
    assert calls == ["harbour wall", "ferry", "ferry, edited"]  # the unchanged one once
    assert len(memo.filtered) == 2  # the edited text's old result is forgotten


def test_remembered_filter_results_are_keyed_by_every_argument():
    memo = RenderMemo.empty()
    theme = _theme({"p.html": "{{ text | hyphenate(lang) }}"})
    theme.env.filters["hyphenate"] = lambda text, lang: f"{text}/{lang}"
    wrapped = memo.wrap(theme)
    assert wrapped.render("p.html", text="tide", lang="en") == "tide/en"
    assert wrapped.render("p.html", text="tide", lang="de") == "tide/de"
    assert wrapped.render("p.html", text="5", lang="en") == "5/en"
    assert wrapped.render("p.html", text=5, lang="en") == "5/en"
    assert len(memo.filtered) == 4  # the text "5" and the number 5 are not confused
    memo.forget_templates()
    assert memo.filtered == {}
