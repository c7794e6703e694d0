"""Markdown and raw HTML → XHTML: sanitised, repaired to the schema, ids unique, findings named."""

from __future__ import annotations

import pytest
from lxml import etree

from publisher.load.body.xhtml import Fragment, html_to_xhtml, markdown_to_xhtml
from publisher.load.limits import MAX_DEPTH
from tests.helpers import fragment_html

NS = {"h": "http://www.w3.org/1999/xhtml"}


def convert(markdown: str) -> Fragment:
    return markdown_to_xhtml(markdown, "art", lambda src, alt: src)


def tree(fragment: Fragment) -> etree._Element:
    wrapped = (
        '<div xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops">'
        f"{fragment_html(fragment)}</div>"
    )
    return etree.fromstring(wrapped.encode())  # raises unless well-formed


def text_of(fragment: Fragment) -> str:
    return " ".join("".join(tree(fragment).itertext()).split())


def messages(fragment: Fragment) -> list[str]:
    return [f.message for f in fragment.findings]


@pytest.mark.parametrize(
    ("markdown", "message", "needle"),
    [
        ("<script>alert(1)</script>\n", "unsafe HTML removed: <script> element", "<script"),
        ("<iframe src='x'>fallback</iframe>\n", "unsafe HTML removed: <iframe> element", "<iframe"),
        (
            "<object data='m.swf'>movie</object>\n",
            "unsafe HTML removed: <object> element",
            "<object",
        ),
        ("<embed src='m.swf'>\n", "unsafe HTML removed: <embed> element", "<embed"),
        ("<style>p{display:none}</style>\n", "unsafe HTML removed: <style> element", "<style"),
        (
            "<p onclick='x()'>t</p>\n",
            "unsafe HTML removed: 'onclick' event handler on <p>",
            "onclick=",
        ),
        (
            "<p style='display:none'>t</p>\n",
            "unsafe HTML removed: 'style' attribute on <p>",
            "style=",
        ),
        (
            "<a href='javascript:x()'>t</a>\n",
            "unsafe HTML removed: javascript: URL on <a>",
            "javascript:x()",
        ),
        (
            "<blink>t</blink>\n",
            "unsupported HTML removed: <blink> element (its text is kept)",
            "<blink",
        ),
    ],
)
def test_each_removal_is_a_finding_with_a_needle(markdown, message, needle):
    fragment = convert(markdown)
    found = [f for f in fragment.findings if f.message.startswith(message)]
    assert found, messages(fragment)
    assert found[0].needle == needle and not found[0].error


def test_nothing_dangerous_survives():
    fragment = convert(
        "Text <script>alert('a')</script> more.\n\n"
        "<iframe src='https://example.org/'>frame text</iframe>\n\n"
        "<p onmouseover='steal()' style='display:none'>Hidden by style.</p>\n\n"
        "[click](javascript:alert('b')) <a href=' JaVaScRiPt:alert(1)'>raw</a>\n\n"
        "<style>p { display: none }</style>\n\n"
        "<svg><script>alert(2)</script></svg><math><mi>x</mi></math>\n\n"
        "<form><input value='q'><button>go</button></form>\n"
    )
    html = fragment_html(fragment).lower()
    for bad in (
        "<script",
        "<iframe",
        "<style",
        "<svg",
        "<form",
        "<input",
        "onmouseover",
        "javascript",
    ):
        assert bad not in html, bad
    assert "style=" not in html
    assert "alert(" not in html  # script bodies go with the element
    assert "Hidden by style." in text_of(fragment)  # the text a style hid is now visible
    assert "frame text" in text_of(fragment)


def test_code_keeps_script_visible_as_text():
    fragment = convert(
        "```html\n<script>alert('code')</script>\n```\n\nInline `<script>x</script>`.\n"
    )
    assert fragment.findings == []
    codes = tree(fragment).xpath("//h:code", namespaces=NS)
    assert [c.text for c in codes] == ["<script>alert('code')</script>\n", "<script>x</script>"]
    assert "&lt;script&gt;" in fragment_html(fragment)


@pytest.mark.parametrize("tag", ["script", "style", "template"])
def test_unclosed_element_that_would_swallow_the_rest_is_an_error(tag):
    fragment = convert(f"Before.\n\n<{tag}>\nstuff\n\nThe rest of the article.\n")
    errors = [f for f in fragment.findings if f.error]
    assert [f.message for f in errors] == [
        f"<{tag}> is never closed, so everything after it would be lost; "
        f"close it with </{tag}> or remove it"
    ]
    assert fragment.body == ()
    assert not [f for f in fragment.findings if not f.error and f.needle == f"<{tag}"]


@pytest.mark.parametrize(
    ("html", "xpath"),
    [
        ("<span><div>block in inline</div></span>", "//h:span/h:span[.='block in inline']"),
        (
            "<em><ul><li>list in emphasis</li></ul></em>",
            "//h:em/h:span/h:span[.='list in emphasis']",
        ),
        ("<ul>loose text<b>bold</b><li>item</li></ul>", "//h:ul[count(*)=3]/h:li[2]/h:b"),
        ("<div><li>stray item</li></div>", "//h:div/h:div[.='stray item']"),
        ("<dl><dd>definition first</dd></dl>", "//h:dl/h:dt[1][.='']/following-sibling::h:dd"),
        ("<dl><dt>term only</dt></dl>", "//h:dl/h:dt/following-sibling::h:dd"),
        ("<p><rt>ruby text alone</rt></p>", "//h:p/h:span[.='ruby text alone']"),
        ("<p><time>next Tuesday</time></p>", "//h:p/h:span[.='next Tuesday']"),
        ("<p><time datetime='2024-05-01'>May Day</time></p>", "//h:time[@datetime='2024-05-01']"),
        ("<p><bdo>no direction</bdo></p>", "//h:p/h:span[.='no direction']"),
        ("<figure><p>a</p><figcaption>mid</figcaption><p>b</p></figure>", "//h:figure/h:div"),
    ],
)
def test_structures_the_schema_refuses_are_repaired(html, xpath):
    fragment = html_to_xhtml(html, "art", lambda src, alt: src)
    assert tree(fragment).xpath(xpath, namespaces=NS), fragment_html(fragment)


@pytest.mark.parametrize(
    ("html", "gone"),
    [
        ("<table><tr><td colspan='wide'>x</td></tr></table>", "colspan"),
        ("<table><tr><td rowspan='-2'>x</td></tr></table>", "rowspan"),
        ("<table><tr><th scope='everything'>x</th></tr></table>", "scope"),
        ("<ol start='first'><li>x</li></ol>", "start"),
        ("<p dir='sideways'>x</p>", "dir"),
        ("<p lang='not a language!'>x</p>", "lang"),
        ("<img src='a.png' alt='a' width='100%'>", "width"),
        ("<table><tr><td style='color: red'>x</td></tr></table>", "style"),
    ],
)
def test_invalid_attribute_values_are_dropped(html, gone):
    fragment = html_to_xhtml(html, "art", lambda src, alt: src)
    assert f"{gone}=" not in fragment_html(fragment)


def test_valid_attribute_values_are_kept_and_lang_gets_xml_lang():
    fragment = html_to_xhtml(
        "<ol start='3' reversed><li lang='de-CH'>x</li></ol>"
        "<table><tr><td colspan='2' style='text-align: right;'>y</td></tr></table>",
        "art",
        lambda src, alt: src,
    )
    assert 'start="3"' in fragment_html(fragment) and 'reversed="reversed"' in fragment_html(
        fragment
    )
    assert 'lang="de-CH" xml:lang="de-CH"' in fragment_html(fragment)
    assert 'colspan="2"' in fragment_html(fragment) and 'style="text-align:right"' in fragment_html(
        fragment
    )


@pytest.mark.parametrize(
    ("markdown", "href"),
    [
        ("[w](https://example.org/a b)", "https://example.org/a%20b"),
        ("<https://example.org/ça?q=ü>", "https://example.org/%C3%A7a?q=%C3%BC"),
        ("[m](mailto:desk@example.org)", "mailto:desk@example.org"),
        ("[p](http://example.org/100%)", "http://example.org/100%25"),
    ],
)
def test_web_links_are_kept_as_valid_urls(markdown, href):
    fragment = convert(markdown + "\n")
    assert tree(fragment).xpath("//h:a/@href", namespaces=NS) == [href]
    assert fragment.findings == []


@pytest.mark.parametrize(
    ("markdown", "reason"),
    [
        ("[f](other-article.md)", "no such manuscript in the folder"),
        ("[f](notes.docx)", "only web, mailto:, #anchor and other-article links work in a book"),
        ("[f](/etc/passwd)", "only web, mailto:, #anchor and other-article links work in a book"),
        ("[f](ftp://example.org/x)", "ftp: links cannot be followed from a book"),
        ("[f](file:///etc/passwd)", "file: links cannot be followed from a book"),
        ("[f](https://../)", "it is not a valid web address"),
        ("[f](#nowhere)", "no such anchor in this article"),
    ],
)
def test_links_that_cannot_work_lose_their_target_with_a_finding(markdown, reason):
    fragment = convert(markdown + "\n")
    assert tree(fragment).xpath("//h:a/@href", namespaces=NS) == []
    assert "f" in text_of(fragment)
    assert [m.endswith(reason) for m in messages(fragment)] == [True], messages(fragment)


def test_ids_are_prefixed_unique_and_clear_of_the_title_id():
    fragment = convert(
        '<p id="title">one</p>\n\n<p id="x">two</p>\n\n<p id="x">three</p>\n\n'
        "## x\n\n[to two](#x)\n"
    )
    ids = tree(fragment).xpath("//@id")
    assert len(ids) == len(set(ids)) == 4
    assert "art-title" not in ids and "art" not in ids
    assert all(i.startswith("art-") for i in ids)
    assert tree(fragment).xpath("//h:a/@href", namespaces=NS) == ["#art-x"]


def test_nesting_deeper_than_the_limit_is_an_error_not_a_truncation():
    depth = MAX_DEPTH + 5
    fragment = html_to_xhtml("<div>" * depth + "deep" + "</div>" * depth, "a", lambda s, a: s)
    assert [f.message for f in fragment.findings if f.error] == [
        f"elements nested {depth} levels deep; at most {MAX_DEPTH} are allowed"
    ]


def test_nesting_at_the_limit_is_kept_whole():
    depth = MAX_DEPTH
    fragment = html_to_xhtml("<div>" * depth + "deep" + "</div>" * depth, "a", lambda s, a: s)
    assert fragment.findings == []
    assert fragment_html(fragment).count("<div") == depth


def test_character_references_to_control_characters_cannot_break_the_xml():
    fragment = convert("a &#1; b &#xFFFE; c &#0; d &#x1F; e &#xD800;\n")
    assert text_of(fragment).startswith("a")
    assert "\x01" not in fragment_html(fragment) and "\x1f" not in fragment_html(fragment)


def test_non_ascii_headings_keep_readable_ids():
    fragment = markdown_to_xhtml("## 海上的风 Ação\n", "ch-x", lambda src, alt: src)
    assert fragment.headings[0].anchor == "ch-x-海上的风-ação"


def test_note_cited_twice_returns_to_its_first_call():
    body = "One[^n] and two[^n].\n\n[^n]: A note.\n"
    fragment = markdown_to_xhtml(body, "ch-x", lambda src, alt: src)
    assert 'href="#ch-x-fnref-n"' in fragment_html(fragment)
    assert "A note.</p>" in fragment_html(fragment)  # no trailing space before the end of the note


def _table(columns: int, first_cell: str = "<td>a</td>", attrs: str = "") -> str:
    cells = first_cell + "<td>x</td>" * (columns - 1)
    return f"<table{attrs}><tr>{cells}</tr><tr><td>short row</td></tr></table>\n"


@pytest.mark.parametrize(
    ("html", "classes"),
    [
        (_table(6), None),
        (_table(7), "table-wide"),
        (_table(12), "table-wide"),
        (_table(13), "table-very-wide"),
        (_table(6, '<td colspan="2">a</td>'), "table-wide"),  # a spanning cell counts twice
        (_table(7, attrs=' class="tides"'), "tides table-wide"),  # the author's class stays
        (_table(2, '<td colspan="99999">a</td>'), None),  # an absurd span is one column
    ],
)
def test_tables_of_many_columns_are_marked_for_the_theme(html, classes):
    (table,) = tree(html_to_xhtml(html, "art", lambda src, alt: src)).iterfind(".//h:table", NS)
    assert table.get("class") == classes


@pytest.mark.parametrize(
    ("html", "tag", "long"),
    [
        ("<table>" + "<tr><td>x</td></tr>" * 12 + "</table>", "table", False),
        ("<table>" + "<tr><td>x</td></tr>" * 13 + "</table>", "table", True),
        ("<pre>" + "line\n" * 12 + "</pre>", "pre", False),
        ("<pre>" + "line\n" * 13 + "</pre>", "pre", True),
        ("<blockquote><p>" + "w" * 800 + "</p></blockquote>", "blockquote", False),
        ("<blockquote><p>" + "w" * 801 + "</p></blockquote>", "blockquote", True),
    ],
)
def test_blocks_longer_than_a_third_of_a_page_are_marked_to_break(html, tag, long):
    (el,) = tree(html_to_xhtml(html + "\n", "art", lambda src, alt: src)).iterfind(
        f".//h:{tag}", NS
    )
    assert ("long-block" in (el.get("class") or "").split()) is long
