"""Property test: whatever publication.toml holds, a build gives a valid book or one of
publisher's own errors (never a traceback), and every page of the EPUB is well-formed XML.

The file is random TOML: known keys (top level, ``[pdf]``, ``[labels]``, ``[[parts]]``) and
random ones,
with values of every TOML type, strings with any Unicode, control characters and escapes
included (TOML's "\\b" put a backspace into the title page once).
"""

from __future__ import annotations

import datetime
import json
import math
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from publisher.config import FIELDS, PDF_FIELDS
from publisher.errors import PublisherError
from publisher.render.labels import ENGLISH
from tests.helpers import build_with

ARTICLE = "---\ntitle: A Quiet Harbour\nauthors: [Mara Lind]\n---\n\nThe harbour was quiet.\n"

printable = st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=30)
anything = st.text(st.characters(exclude_characters="\x00"), max_size=30)
text = st.one_of(printable, printable, printable, anything)  # mostly a string that can build
scalars = st.one_of(
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    text,
    st.sampled_from(["a5", "6x9in", "3mm", "0.125in", "pdf/x-4", "none", "right", "any", "a.md"]),
    st.dates(min_value=datetime.date(1000, 1, 1)),
)
values = st.one_of(scalars, st.lists(scalars, max_size=3))


def toml(value: object) -> str:
    """``value`` written as a TOML value (strings as basic strings with escapes)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "inf" if math.isinf(value) else repr(value)
    if isinstance(value, (int, datetime.date)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml(item) for item in value) + "]"
    # JSON's escapes (\b, \u0007, \") are TOML's too; TOML wants DEL escaped as well.
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def table(pairs: dict[str, object]) -> str:
    return "".join(f"{toml(key)} = {toml(value)}\n" for key, value in pairs.items())


# A label's text: random words around a placeholder, right, wrong or malformed.
placeholder = st.sampled_from(["{names}", "{date}", "{language}", "{title}", "", "{", "{names!x}"])
label_texts = st.builds(lambda a, b, c: a + b + c, text, placeholder, text)

# Keys whose strings end up on the book's pages and in its package document.
SHOWN = ["subtitle", "publisher", "rights", "description", "series", "edition", "identifier"]


@st.composite
def configs(draw) -> str:
    """A publication.toml: a plausible book with random strings, sometimes random keys and
    values of any type on top, sometimes a [pdf] table and [[parts]]."""
    top: dict[str, object] = {"title": draw(text)}
    for key in draw(st.sets(st.sampled_from(SHOWN))):
        top[key] = draw(text)
    for key in draw(st.sets(st.sampled_from(["editors", "subjects"]))):
        top[key] = draw(st.lists(text, max_size=3))
    if draw(st.booleans()):
        languages = ["en", "pt-BR", "zh-Hant", "ar", "es", "fr-CA", "de", "he", "tlh"]
        top["language"] = draw(st.sampled_from(languages) | text)
    if draw(st.booleans()):
        top["date"] = draw(st.dates(min_value=datetime.date(1000, 1, 1)))
    if draw(st.integers(0, 3)) == 0:  # anything at all, valid or not
        known = st.sampled_from(sorted(set(FIELDS) - {"pdf", "parts"}))
        top |= draw(st.dictionaries(st.one_of(known, text), values, max_size=3))
    written = table(top)
    if draw(st.integers(0, 2)) == 0:  # the book's own words
        keys = st.sampled_from(sorted(ENGLISH))
        labels = draw(
            st.dictionaries(st.one_of(keys, keys, text), label_texts | values, max_size=4)
        )
        written += "[labels]\n" + table(labels)
    if draw(st.integers(0, 3)) == 0:
        pdf_keys = st.sampled_from(sorted(PDF_FIELDS))
        pdf = draw(st.dictionaries(st.one_of(pdf_keys, pdf_keys, text), values, max_size=4))
        written += "[pdf]\n" + table(pdf)
    for _ in range(draw(st.integers(0, 2))):
        part = {"title": draw(text), "articles": draw(st.just(["a.md"]) | values)}
        written += "[[parts]]\n" + table(part)
    return written


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(configs())
def test_any_publication_toml_gives_a_book_or_our_error(config):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "publication.toml").write_text(config, "utf-8", errors="surrogatepass")
        (folder / "a.md").write_text(ARTICLE, encoding="utf-8")
        try:
            result = build_with(folder, ["epub"], folder / "out")
        except PublisherError as error:
            assert str(error)  # reportable as one line
            return
        with zipfile.ZipFile(result.outputs[0].path) as epub:
            for name in epub.namelist():
                if name.endswith((".xhtml", ".opf", ".ncx")):
                    etree.fromstring(epub.read(name))  # raises unless well-formed XML
