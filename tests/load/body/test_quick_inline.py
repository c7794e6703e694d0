"""The quick inline pass must turn every Markdown text into exactly what the stock one does."""

from __future__ import annotations

import re

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from publisher.load.body.quick_inline import QuickInlineExtension, QuickInlineProcessor, needles
from publisher.load.body.xhtml import _MARKDOWN_EXTENSIONS, make_markdown
from tests.conftest import FIXTURES, ROOT

STOCK = [name for name in _MARKDOWN_EXTENSIONS if isinstance(name, str)]
# Inline syntax of every kind the patterns look for, in pieces a generator can mix up.
PIECES = [
    "word",
    " ",
    "  \n",
    "\n",
    "*",
    "**",
    "_",
    "__",
    "`",
    "``",
    "[",
    "]",
    "(",
    ")",
    "!",
    "<",
    ">",
    "&",
    "&amp;",
    "&#169;",
    "\\",
    "'",
    '"',
    "--",
    "---",
    "...",
    "<<",
    ">>",
    "[^1]",
    "\n\n[^1]: a note\n",
    "<https://example.org>",
    "<a@b.org>",
    "<em>x</em>",
    "[link](http://e.org 'title')",
    "![alt](pic.png)",
    "[ref][r]",
    "\n\n[r]: /target\n",
    "*[ABBR]: an abbreviation\n",
    "ABBR",
    "{: .cls }",
    "'90s",
    "rock 'n' roll",
]


def stock_html(text: str) -> str:
    return markdown.Markdown(extensions=STOCK).convert(text)


def quick_html(text: str) -> str:
    return markdown.Markdown(extensions=[*STOCK, QuickInlineExtension()]).convert(text)


def test_publisher_converter_uses_the_quick_passes() -> None:
    md = make_markdown()
    assert isinstance(md.treeprocessors["inline"], QuickInlineProcessor)
    assert isinstance(md.treeprocessors["smarty"], QuickInlineProcessor)
    # each keeps its own patterns: smarty's quotes are not the main pass's links
    assert md.treeprocessors["smarty"].inlinePatterns is not md.inlinePatterns
    assert md.treeprocessors["inline"].inlinePatterns is md.inlinePatterns


def test_needles_are_characters_every_match_must_hold() -> None:
    assert needles(re.compile(r"(?<!\!)\[")) == {"["}  # a lookbehind needs nothing
    assert needles(re.compile(r"a?b")) == {"b"}  # an optional part is no needle
    assert needles(re.compile(r"(?:\\{2})+|`")) == {"\\", "`"}  # either branch
    assert needles(re.compile(r"(\s|--)'(?=\w)")) == {"'"}
    assert needles(re.compile(r"[*_]x")) == {"*", "_"}
    assert needles(re.compile(r"\.{3}")) == {"."}


def test_expressions_without_known_needles_are_searched() -> None:
    assert needles(re.compile(r"\w+|x")) == set()  # one branch needs no known character
    assert needles(re.compile(r"[^a]b?")) == set()
    assert needles(re.compile(r"x", re.IGNORECASE)) == set()  # X matches too
    assert needles(re.compile(r"(?i:x)y")) == {"y"}  # only the group ignores case


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_mixed_inline_syntax_converts_as_stock(text: str) -> None:
    assert quick_html(text) == stock_html(text)


def test_every_fixture_manuscript_converts_as_stock() -> None:
    manuscripts = sorted(FIXTURES.rglob("*.md"))
    assert len(manuscripts) > 20
    for path in manuscripts:
        text = path.read_text(encoding="utf-8", errors="replace")
        assert quick_html(text) == stock_html(text), path


def test_the_sample_publication_converts_as_stock() -> None:
    sample = ROOT / "manuscripts"
    for path in sorted(sample.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert quick_html(text) == stock_html(text), path
