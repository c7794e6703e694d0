"""Property test: whatever raw newsroom copy (.txt) holds, loading gives a well-formed Article
or one of publisher's own errors, and rendering it gives XHTML.

The copy is made of lines a newsroom pastes (headlines, decks, datelines in many forms,
bylines, subheads, lists, credit lines, source lines) mixed with random Unicode lines,
control characters included, in random order.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from publisher.errors import PublisherError
from publisher.load.article import ArticleContext
from publisher.load.read import load_article
from publisher.render.html import epub_pages
from tests.test_fuzz import THEME, check_article, publication

NEWSROOM = [
    *("Cracks in the Harbour Wall", "Engineers say the breakwater needs repairs.", ""),
    *("October 17, 2013 Updated: October 18, 2013", "17 October 2013", "2013-10-17 09:30"),
    *("Oct. 17, 2013", "Updated: 31 February 2013", "March 3 2021 | Updated March 4 2021"),
    *("By Maren Holt and Tobias Wren", "By Ann Lee, Bo Chen and", "By", "BY STAFF"),
    *("Translation by Ana Lima and Ben Cho.", "Written in English by Callum Frew.", "Edited by"),
    *("This article first published by The Larrow Courier.", "Photo: Dee Evans", "Photos by"),
    *("Read the original Chinese article.", "Originally published in Spanish by El Faro.", ""),
    *("THE NEXT CREW", "What comes next", "- a list item", "* another", "1. first", "•  bullet"),
    *('"A quote," she said.', "“Curly quotes” and ‘single’", "Caption: the quay at dawn"),
    *("http://example.org/story", "<script>alert(1)</script>", "**not bold**", "# hash", "> q"),
    *("   indented line", "\t", "---", "* * *", "[1] a note", "Tags: sea, ferries"),
]
lines = st.sampled_from(NEWSROOM) | st.text(st.characters(exclude_characters="\x00"), max_size=50)


@st.composite
def copies(draw) -> str:
    """A pasted article: usually a headline first, then any mix of lines."""
    head = draw(st.sampled_from(NEWSROOM[:2]) | lines)
    return "\n".join([head, *draw(st.lists(lines, max_size=25))]) + "\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(copies())
def test_loading_any_copy_gives_an_article_or_our_error(text):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "a.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            article = load_article(path, ArticleContext(folder, "a", lambda warning: None))
        except PublisherError as error:
            assert str(error)  # reportable as one line
            return
        check_article(article)
        for page in epub_pages(publication(article, folder), THEME):
            etree.fromstring(page.html.encode("utf-8"))  # raises unless well-formed XML
