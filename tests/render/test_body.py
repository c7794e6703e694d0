"""Body nodes → XHTML: written exactly as an XML serialiser writes the same tree."""

from __future__ import annotations

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from publisher.load.body.nodes import body_nodes
from publisher.model import CrossLink, Element
from publisher.render.body import BodyWriter, local_href

XHTML = "http://www.w3.org/1999/xhtml"


def lxml_written(root: etree._Element) -> str:
    """What lxml writes for a fragment's children: the reference our writer must match."""
    wrapper = etree.Element(f"{{{XHTML}}}div", nsmap={None: XHTML})
    wrapper.text = root.text
    for child in list(root):
        wrapper.append(child)
    for el in wrapper.iter():
        if not el.tag.startswith("{"):
            el.tag = f"{{{XHTML}}}{el.tag}"
        if el.text is None and len(el) == 0 and etree.QName(el).localname not in ("br", "img"):
            el.text = ""
    xml = etree.tostring(wrapper, encoding="unicode")
    return xml[xml.index(">") + 1 : -len("</div>")]


def ours(html: str) -> str:
    body, notes = body_nodes(lxml.html.fragment_fromstring(html, create_parent="div"))
    return BodyWriter(notes, local_href).write(body)


def theirs(html: str) -> str:
    return lxml_written(lxml.html.fragment_fromstring(html, create_parent="div"))


CASES = [
    "<p>plain</p>",
    "<p>a &amp; b &lt; c &gt; d \"quoted\" 'single'</p>",
    '<p title="a &quot;b&quot; &amp; &lt;c&gt;\'">x</p>',
    '<p title="tab\there&#10;line&#13;end">x</p>',
    "<p>carriage&#13;return</p>",
    "<p>one<br>two<img src='a.png' alt=''></p>",
    "<p></p><div><span></span></div>",
    '<p lang="fr">bonjour <em>à</em> tous</p> tail text',
    "text before <b>bold</b> and after",
    "<table><tr><td>1</td><td></td></tr></table>",
    "<p>海上的风 — “quotes” ‘and’ … emoji 🌊</p>",
]


def test_the_writer_matches_an_xml_serialiser_on_varied_markup():
    for html in CASES:
        assert ours(html) == theirs(html), html


TAGS = st.sampled_from(["p", "em", "span", "div", "br", "b", "td", "a"])
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x00"))


@st.composite
def fragments(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 3))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(TAGS)
            title = draw(TEXT)
            inner = "" if tag == "br" else draw(fragments(depth + 1))
            parts.append(f'<{tag} title="{escape(title)}">{inner}</{tag}>')
        else:
            parts.append(escape(draw(TEXT)))
    return "".join(parts)


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


@settings(max_examples=150, deadline=None)
@given(fragments())
def test_the_writer_matches_an_xml_serialiser_on_any_tree(html):
    assert ours(html) == theirs(html)


def test_a_link_to_another_article_gets_its_address_from_the_backend():
    link = CrossLink(
        "b.md",
        "tides",
        (("title", "B"), ("href", ""), ("class", "x")),
        ("see",),
        chapter="b",
        anchor="b-tides",
    )
    writer = BodyWriter((), lambda lk: f"{lk.chapter}.xhtml#{lk.anchor}")
    assert writer.write((link,)) == '<a title="B" href="b.xhtml#b-tides" class="x">see</a>'
    assert (
        BodyWriter((), local_href).write((link,))
        == '<a title="B" href="#b-tides" class="x">see</a>'
    )
    nested = Element("p", children=("a ", link))
    assert BodyWriter((), local_href).write((nested,)).startswith("<p>a <a ")
