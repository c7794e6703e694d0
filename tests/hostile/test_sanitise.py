"""Raw HTML pasted from anywhere: nothing active reaches the EPUB or the PDF, every removal
is a warning naming file and line, hidden text becomes visible, code still shows `<script>`.
"""

from __future__ import annotations

import zipfile

from lxml import etree

from tests.helpers import epubcheck_messages, problems

PASTED = "01-pasted-from-the-web.md"
EXPECTED_WARNINGS = [
    (4, "unsafe HTML removed: <script> element"),
    (6, "unsafe HTML removed: <script> element"),
    (8, "<iframe> cannot be printed: replaced by a link to https://video.example.invalid/embed/7"),
    (10, "unsafe HTML removed: <object> element (its text is kept)"),
    (12, "unsafe HTML removed: 'onclick' event handler on <p>"),
    (12, "unsafe HTML removed: 'onmouseover' event handler on <p>"),
    (14, "unsafe HTML removed: javascript: URL on <a>"),
    (16, "unsafe HTML removed: javascript: URL on <a>"),
    (18, "unsafe HTML removed: <style> element"),
    (20, "unsafe HTML removed: 'style' attribute on <p> (it could hide text)"),
    (22, "unsafe HTML removed: 'style' attribute on <div> (it could hide text)"),
    (24, "unsafe HTML removed: 'onerror' event handler on <img>"),
    (26, "unsafe HTML removed: <form> element (its text is kept)"),
    (26, "unsafe HTML removed: <input> element"),
    (26, "unsafe HTML removed: <button> element (its text is kept)"),
]
ACTIVE = ("script", "iframe", "object", "embed", "form", "input", "button", "style", "svg")


def xhtml_documents(epub) -> dict[str, etree._Element]:
    with zipfile.ZipFile(epub) as archive:
        return {
            name: etree.fromstring(archive.read(name))
            for name in archive.namelist()
            if name.endswith(".xhtml")
        }


def test_every_removal_is_a_warning_with_its_line(inert_book):
    found = [
        (w.location.line, w.message)
        for w in inert_book.result.warnings
        if w.location and w.location.path.name == PASTED
    ]
    assert sorted(found) == sorted(EXPECTED_WARNINGS)


def test_nothing_active_is_left_in_any_page(inert_book):
    for name, root in xhtml_documents(inert_book.epub).items():
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            assert etree.QName(el).localname not in ACTIVE, (name, el.tag)
            for attr, value in el.attrib.items():
                assert not etree.QName(attr).localname.lower().startswith("on"), (name, attr)
                assert "javascript:" not in value.lower(), (name, attr, value)
                if etree.QName(attr).localname == "style":
                    assert value.startswith("text-align"), (name, value)


def test_hidden_text_is_shown_and_code_shows_the_script(inert_book):
    page = xhtml_documents(inert_book.epub)["EPUB/ch-01-pasted-from-the-web.xhtml"]
    text = " ".join("".join(page.itertext()).split())
    for words in (
        "Words someone tried to hide with an inline style.",
        "Words pushed off the page.",
        "Fallback words inside the frame.",
        "Inline code keeps <script>too</script> visible as well.",
        '<script>alert("shown as code")</script>',
    ):
        assert words in text, words
    assert 'alert("inline script")' not in text and "tracker" not in text


def test_the_pdf_shows_the_same_and_runs_nothing(inert_book):
    from tests.helpers import pdf_page_texts

    text = " ".join(pdf_page_texts(inert_book.pdf))
    assert "Words someone tried to hide with an inline style." in text
    assert '<script>alert("shown as code")</script>' in text
    assert 'alert("inline script")' not in text


def test_awkward_unicode_survives_and_control_characters_are_reported(inert_book):
    page = xhtml_documents(inert_book.epub)["EPUB/ch-03-awkward-unicode.xhtml"]
    text = "".join(page.itertext())
    assert "\u05d4\u05e0\u05de\u05dc" in text and "\U0001f468\u200d\U0001f469" in text
    assert not any(ch in text for ch in "\x07\x1b\x0c\x0b\ufffe")
    warnings = [w for w in inert_book.result.warnings if "03-awkward" in str(w.location)]
    assert any(w.message == "control characters removed" and w.location.line == 9 for w in warnings)


def test_the_book_passes_epubcheck_without_a_warning(inert_book):
    assert problems(epubcheck_messages(inert_book.epub)) == []
