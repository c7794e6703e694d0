"""Partners ("produced in partnership with …") are printed with the article's credits, in
the EPUB and in the PDF, in the book's language: the line taken out of newsroom copy and the
``partners:`` key of a Markdown manuscript give the same printed line."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from publisher.render.labels import BUILT_IN, labels_for
from tests.helpers import build_at_epoch, epubcheck_messages, pdf_page_texts, problems, write_folder

COPY = """\
The Mangroves That Hold the Tide
By Lucas Pereira

The planting began in January, with a school and two fishing cooperatives.

By June the first seedlings stood knee-high along the channel.

This story was produced in partnership with the Tidewater Trust and Harbour Radio.
"""
MARKDOWN = """\
---
title: {title}
lang: {lang}
partners: [{partners}]
---

{body}
"""


def book(root: Path, language: str) -> Path:
    """A book of one raw-copy article and one Markdown article naming partners only."""
    files = {
        "publication.toml": f'title = "Tides"\nlanguage = "{language}"\n',
        "01-mangroves.txt": COPY,
        "02-dunas.md": MARKDOWN.format(
            title="Las dunas",
            lang="es",
            partners="Laboratorio Costero, Radio Faro",
            body="Las dunas avanzan tres metros cada invierno.",
        ),
    }
    return write_folder(root, files)


@pytest.fixture(scope="module", params=["en", "es"])
def built(request, tmp_path_factory) -> dict[str, Path]:
    """The book built once per language as EPUB and PDF."""
    root = book(tmp_path_factory.mktemp(request.param) / "tides", request.param)
    result = build_at_epoch(root, ["epub", "pdf"], root.parent / "build")
    return {"lang": request.param, **{o.path.suffix[1:]: o.path for o in result.outputs}}


EXPECTED = {
    "en": (
        "Produced in partnership with Tidewater Trust and Harbour Radio.",
        "Produced in partnership with Laboratorio Costero and Radio Faro.",
    ),
    "es": (
        "Producido en colaboración con Tidewater Trust y Harbour Radio.",
        "Producido en colaboración con Laboratorio Costero y Radio Faro.",
    ),
}


def chapters(epub: Path) -> dict[str, str]:
    with zipfile.ZipFile(epub) as archive:
        names = [n for n in archive.namelist() if Path(n).name.startswith("ch-")]
        return {Path(n).stem: archive.read(n).decode() for n in names}


def test_the_epub_prints_the_partners_in_the_credits(built):
    found = chapters(built["epub"])
    from_copy, from_markdown = EXPECTED[built["lang"]]
    for slug, line in (("ch-01-mangroves", from_copy), ("ch-02-dunas", from_markdown)):
        footer = found[slug].split('<footer class="article-credits"', 1)
        assert len(footer) == 2, f"{slug}: no credits footer"
        credit = re.search(r'<p class="credit partners">(.*?)</p>', footer[1])
        assert credit and re.sub(r"<[^>]+>", "", credit[1]) == line
        assert credit[1].count('<bdi dir="ltr">') == 2  # each partner isolated
    assert "partnership with the Tidewater" not in found["ch-01-mangroves"]  # not in the body


def test_the_pdf_prints_the_partners(built):
    text = " ".join(pdf_page_texts(built["pdf"]))
    for line in EXPECTED[built["lang"]]:
        assert line in text


def test_the_epub_with_partners_is_valid(built):
    if built["lang"] == "en":  # one EPUBCheck run is enough: both books share the markup
        assert problems(epubcheck_messages(built["epub"])) == []


@pytest.mark.parametrize("language", sorted(BUILT_IN))
def test_every_language_names_the_partners(language):
    line = labels_for(language)("produced_with", names="A & B")
    assert "A &amp; B" in line and not line.split()[0][0].islower()  # Hebrew has no case
    assert line != labels_for("en")("produced_with", names="A & B") or language == "en"
