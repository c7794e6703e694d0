"""The documentation: every config key documented, the generated reference current, the
README short, every link and picture there, and the examples the pages show really build."""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path

import pytest

from publisher.config import FIELDS, PART_FIELDS, PDF_FIELDS, TABLES, load_config, reference
from publisher.config.printing import PrintSettings
from tests.helpers import build_at_epoch, pdf_page_texts

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
README = ROOT / "README.md"
EXAMPLE = DOCS / "examples" / "end-mark"
REGENERATE = "python -m publisher.config.reference --write"
PAGES = ("configuration", "manuscripts", "themes", "print", "ci", "safety", "performance",
         "architecture", "cli", "epub")  # fmt: skip
MIN_WORDS = 3


def _undocumented(doc: object) -> bool:
    """A documentation string too thin to tell a user anything."""
    return not isinstance(doc, str) or len(doc.split()) < MIN_WORDS


def _how_to_document(where: str, key: str) -> str:
    return (
        f"publication.toml key {key!r} is undocumented. In publisher/config/__init__.py give "
        f"{where} a description of at least {MIN_WORDS} words: what it does, its values and "
        f"default, in full sentences (Markdown). Then run `{REGENERATE}` and commit "
        "docs/configuration.md."
    )


@pytest.mark.parametrize("key", sorted(FIELDS))
def test_every_top_level_key_is_documented(key):
    entry = FIELDS[key]
    assert len(entry) == 3 and not _undocumented(entry[2]), _how_to_document(
        f"FIELDS[{key!r}] a third element (check, expected type in words, documentation) with",
        key,
    )


@pytest.mark.parametrize(
    ("table", "key"), [(table, key) for table, keys in TABLES.items() for key in keys]
)
def test_every_key_of_every_table_is_documented(table, key):
    name = {"parts": "PART_FIELDS", "pdf": "PDF_FIELDS"}.get(table, f"TABLES[{table!r}]")
    assert not _undocumented(TABLES[table][key]), _how_to_document(
        f"{name}[{key!r}]", f"{table}.{key}"
    )


def test_every_table_key_has_its_keys_documented():
    tables = {key for key, (_, kind, _) in FIELDS.items() if "table" in kind}
    missing = tables - set(TABLES) - {"labels"}
    assert not missing, (
        f"tables {sorted(missing)} have no documented keys: define a dict of key → "
        "documentation for each (like PDF_FIELDS) in publisher/config/__init__.py, use it to "
        f"check the table's keys, and add it to TABLES there; then run `{REGENERATE}`."
    )
    assert TABLES["parts"] is PART_FIELDS and TABLES["pdf"] is PDF_FIELDS


def test_every_print_setting_is_a_pdf_key_and_back():
    fields = {f.name for f in dataclasses.fields(PrintSettings)} - {"profile"}
    assert fields == set(PDF_FIELDS), (
        "PrintSettings fields and PDF_FIELDS keys differ: "
        f"{sorted(fields ^ set(PDF_FIELDS))}. A [pdf] key needs both, documented in PDF_FIELDS."
    )


def test_the_configuration_page_is_current():
    page = DOCS / "configuration.md"
    assert page.read_text(encoding="utf-8") == reference.configuration_page(), (
        f"docs/configuration.md is stale: run `{REGENERATE}` and commit it "
        "(never edit it by hand: edit the documentation next to the key in publisher/config/)."
    )


def test_the_configuration_page_lists_every_key_with_its_default():
    page = reference.configuration_page()
    for key in [*FIELDS, *PDF_FIELDS, *PART_FIELDS]:
        assert f"| `{key}` |" in page, key
    assert '| `trim` | a string | `"6x9in"` |' in page
    assert '| `bleed` | a length | `"0in"` |' in page
    assert "| `sort` | 'file' or 'date' | `\"file\"` |" in page
    assert "| `cover_of` | Cover of {title} |" in page  # a label and its English text


def test_the_check_command_tells_stale_from_current(tmp_path, capsys):
    page = tmp_path / "configuration.md"
    assert reference.main(["--check", "--page", str(page)]) == 1
    assert "stale" in capsys.readouterr().err
    assert reference.main(["--write", "--page", str(page)]) == 0
    assert reference.main(["--check", "--page", str(page)]) == 0
    page.write_text(page.read_text() + "edited by hand\n")
    assert reference.main(["--check", "--page", str(page)]) == 1


def test_the_configuration_example_is_a_valid_config(tmp_path):
    (tmp_path / "publication.toml").write_text(reference.EXAMPLE, encoding="utf-8")
    config = load_config(tmp_path)
    assert config.title == "Harbour Lights" and config.series_index == 2
    assert config.pdf.marks == ("crop",) and config.labels == (("contents", "Table of Contents"),)


# --- the README and the pages -------------------------------------------------------------


def test_readme_is_short_and_has_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) <= 200
    assert "make build" in text and "make test" in text
    for name in PAGES:
        assert f"(docs/{name}.md)" in text, f"the README does not link docs/{name}.md"


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces → hyphens."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    return {_slug(h) for h in re.findall(r"^#{1,6} (.+)$", text, re.MULTILINE)}


def _links(path: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", path.read_text(encoding="utf-8"), flags=re.DOTALL)
    text = re.sub(r"`[^`\n]*`", "", text)
    return re.findall(r"\]\(([^)\s]+)\)", text)


@pytest.mark.parametrize("page", [README, *sorted(DOCS.glob("*.md"))], ids=lambda p: p.name)
def test_every_relative_link_and_anchor_resolves(page):
    for link in _links(page):
        if re.match(r"[a-z]+:", link):
            continue
        target, _, anchor = link.partition("#")
        path = (page.parent / target) if target else page
        assert path.exists(), f"{page.name}: link to missing {link}"
        if anchor and path.suffix == ".md":
            assert anchor in _anchors(path), f"{page.name}: no heading for #{anchor} in {path.name}"


def test_pictures_exist_and_are_png():
    for page in [README, *DOCS.glob("*.md")]:
        for picture in re.findall(r"!\[[^\]]+\]\(([^)]+)\)", page.read_text(encoding="utf-8")):
            data = (page.parent / picture).read_bytes()
            assert data.startswith(b"\x89PNG"), picture


def test_the_architecture_page_has_one_diagram_that_fits_a_screen_and_real_paths():
    text = (DOCS / "architecture.md").read_text(encoding="utf-8")
    diagrams = re.findall(r"```mermaid\n(.*?)```", text, re.DOTALL)
    assert len(diagrams) == 1 and len(diagrams[0].splitlines()) <= 30
    for heading in ("A new Markdown reader", "A new backend", "A new print feature"):
        assert f"**{heading}" in text, heading
    for path in set(re.findall(r"`((?:publisher|styles|tests)/[\w/.]*)`", text)):
        if any(part.isupper() for part in path.split("/")):
            continue  # a placeholder: publisher/backends/NAME/
        assert (ROOT / path.rstrip("/")).exists(), f"architecture.md names missing {path}"


# --- the examples the pages show ----------------------------------------------------------


def _shown_files(page: Path) -> dict[str, str]:
    """Files a page shows as ``<!-- file: PATH -->`` followed by a code block."""
    text = page.read_text(encoding="utf-8")
    return dict(re.findall(r"<!-- file: (\S+) -->\n```\w*\n(.*?)```", text, re.DOTALL))


def test_the_themes_page_shows_the_example_files_as_they_are():
    shown = _shown_files(DOCS / "themes.md")
    assert set(shown) == {"styles/templates/partials/credits.html.j2", "styles/css/extra.css"}
    for name, text in shown.items():
        assert (EXAMPLE / name).read_text(encoding="utf-8") == text, name


@pytest.fixture(scope="module")
def themed(tmp_path_factory):
    out = tmp_path_factory.mktemp("themed")
    build_at_epoch(EXAMPLE, ["epub", "pdf"], out, strict=True, cache=False)
    return out


def test_the_themes_example_puts_the_end_mark_after_the_credits_in_the_epub(themed):
    with zipfile.ZipFile(themed / "tide-clock.epub") as book:
        names = book.namelist()
        chapter = book.read(next(n for n in names if n.endswith("ch-02-night-ferry.xhtml")))
        css = b"".join(book.read(n) for n in names if n.endswith(".css"))
    page = chapter.decode()
    assert page.index("Translated by") < page.index('<p class="end-mark">■</p>')
    assert page.index("</footer>") < page.index("end-mark")
    assert b".end-mark { text-align: right" in css and b"#8a3b12" in css


def test_the_themes_example_prints_the_end_mark_at_the_end_of_each_article(themed):
    texts = pdf_page_texts(themed / "tide-clock.pdf")
    ledger = next(t for t in texts if "missed one day" in t)
    ferry = next(t for t in texts if "never once been late" in t)
    for text, last_words in ((ledger, "remembers why."), (ferry, "been late.")):
        assert "■" in text and text.index(last_words) < text.index("■")
    assert sum(t.count("■") for t in texts) == 2


def _readme_block(after: str, language: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"{re.escape(after)}\n\n```{language}\n(.*?)```", text, re.DOTALL)
    assert match, after
    return match.group(1)


def test_the_readme_five_minute_example_builds_as_it_says(tmp_path):
    folder = tmp_path / "my-book"
    folder.mkdir()
    (folder / "publication.toml").write_text(_readme_block("`publication.toml`:", "toml"))
    (folder / "01-first-light.md").write_text(_readme_block("`01-first-light.md`:", "markdown"))
    result = build_at_epoch(folder, ["epub", "pdf"], tmp_path / "build", strict=True, cache=False)
    assert not result.warnings
    said = README.read_text(encoding="utf-8")
    pdf = tmp_path / "build" / "notes-from-the-quay.pdf"
    texts = pdf_page_texts(pdf)
    assert re.search(
        rf"wrote build/notes-from-the-quay.pdf \([\d.]+ KiB, {len(texts)} pages\)", said
    )
    assert (tmp_path / "build" / "notes-from-the-quay.epub").is_file()
    opener = next(t for t in texts if "First Light at the Fish Market" in t and "auction" in t)
    assert "By Ana Lima" in opener and "storm of 1987" in opener  # the footnote, on its page
