"""Property test: whatever a manuscript holds, loading gives a well-formed Article or one of
publisher's own errors (never anything else), and rendering the Article gives XHTML.

Front matter is random YAML or TOML (random keys, values of every type, sometimes plain
garbage), the body random Markdown: any Unicode including control characters, Markdown
syntax and raw HTML fragments, dangerous ones included.
"""

from __future__ import annotations

import datetime
import json
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from publisher.errors import PublisherError
from publisher.load.article import ArticleContext
from publisher.load.read import load_article
from publisher.load.readers.dialects import KNOWN_KEYS
from publisher.model import Chapter, Metadata, Part, Publication
from publisher.render.html import epub_pages
from publisher.render.theme import load_theme
from tests.helpers import body_html

XHTML = "http://www.w3.org/1999/xhtml"
OPS = "http://www.idpf.org/2007/ops"
MATHML = "http://www.w3.org/1998/Math/MathML"
ACTIVE = {"script", "style", "iframe", "object", "embed", "form", "input", "svg", "math"}
THEME = load_theme(None)

unicode_text = st.text(st.characters(), max_size=40)
body_text = st.text(st.characters(exclude_characters="\x00"), max_size=40)  # NUL: test_text.py
titles = st.text(st.characters(exclude_characters="\x00"), min_size=1, max_size=30)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    unicode_text,
    st.dates(),
    st.datetimes(timezones=st.none() | st.just(datetime.UTC)),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(unicode_text, inner, max_size=4),
    max_leaves=12,
)
keys = st.sampled_from(sorted(KNOWN_KEYS)) | unicode_text
SYNTAX = [
    *("# ", "## ", "### Heading {#id}", "\n", "\n\n", "    ", "> ", "- ", "1. ", "* ", "+ "),
    *("*", "**", "_", "__", "`", "```", "~~~", "---", "***", "| a | b |\n|---|---|\n"),
    *("[", "]", "(", ")", "![", "](", "[^1]", "[^1]: note\n", "[ref]: /url\n", "[ref]"),
    *("<", ">", "&", "&amp;", "&#0;", "&#x1F;", "&bogus;", "&nbsp;", "\\", "{: .c #i }"),
    *("Term\n: Definition\n", "*[HTML]: Hyper\n", '"', "'", "--", "...", "<<", ">>"),
]
HTML = [
    *("<script>alert(1)</script>", "<script>", "<style>p{display:none}</style>", "</div>"),
    *("<div>", "<span>", "</span>", "<p>", "</p>", "<ul>", "<li>", "</ul>", "<table><tr>"),
    *('<a href="javascript:x()">', '<a href="#fn:1">', '<a href="other.md">', "</a>", "<br>"),
    *('<img src="x.png" onerror="y()">', '<img src="https://example.org/i.png">', "<hr>"),
    *('<p style="display:none" onclick="z()">', '<p id="title">', '<ol start="x">', "<dl>"),
    *("<iframe src=x>", "<object>", "<svg><script>1</script></svg>", "<!--", "-->", "<![CDATA["),
    *("<time>", "<ruby>", "<rt>", "<bdo>", "<td colspan=0>", "<h1>", "<em><div>", "<?php x ?>"),
]
bodies = st.lists(st.sampled_from(SYNTAX) | st.sampled_from(HTML) | body_text, max_size=40)


@st.composite
def manuscripts(draw) -> str:
    """Front matter (YAML, TOML or garbage) and a body; mostly with a title, so that the
    body is converted more often than not."""
    body = "".join(draw(bodies))
    kind = draw(st.sampled_from(["titled"] * 6 + ["yaml", "toml", "garbage", "none"]))
    if kind == "none":
        return body
    if kind == "garbage":
        return f"---\n{draw(unicode_text)}\n---\n{body}"
    meta = draw(st.dictionaries(keys, values, max_size=5))
    if kind == "titled" or draw(st.booleans()):
        meta["title"] = draw(titles)
    if kind == "toml":
        lines = "\n".join(f"{json.dumps(str(k))} = {json.dumps(str(v))}" for k, v in meta.items())
        return f"+++\n{lines}\n+++\n{body}"
    return f"---\n{yaml.safe_dump(meta, allow_unicode=True)}---\n{body}"


def publication(article, folder: Path) -> Publication:
    """The smallest book around one article, to render its page."""
    metadata = Metadata(
        title="Fuzz",
        language="en",
        identifier="urn:uuid:00000000-0000-4000-8000-000000000000",
        published=datetime.date(2026, 1, 1),
        modified="2026-01-01T00:00:00Z",
    )
    chapter = Chapter(slug=article.slug, number=1, article=article)
    part = Part(title=None, chapters=(chapter,), slug="part-1")
    return Publication(metadata=metadata, parts=(part,), root=folder)


def check_article(article) -> None:
    """A well-formed model: a title, a body that is XHTML with unique, resolvable ids."""
    assert isinstance(article.title, str) and article.title.strip()
    wrapper = f'<div xmlns="{XHTML}" xmlns:epub="{OPS}">{body_html(article)}</div>'
    root = etree.fromstring(wrapper.encode())
    ids = root.xpath("//@id")
    assert len(ids) == len(set(ids))
    for el in root.iter():
        if etree.QName(el).namespace != MATHML:  # formulas are ours, typeset from $…$
            assert etree.QName(el).localname not in ACTIVE
        assert not any(etree.QName(a).localname.lower().startswith("on") for a in el.attrib)
    for href in root.xpath("//@href"):
        assert href[1:] in ids if href.startswith("#") else href.startswith(("http", "mailto:"))
    assert {h.anchor for h in article.headings} <= set(ids)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(manuscripts())
def test_loading_any_manuscript_gives_an_article_or_our_error(text):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "a.md"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            article = load_article(path, ArticleContext(folder, "a", lambda warning: None))
        except PublisherError as error:
            assert str(error)  # reportable as one line
            return
        check_article(article)
        for page in epub_pages(publication(article, folder), THEME):
            etree.fromstring(page.html.encode("utf-8"))  # raises unless well-formed XML
