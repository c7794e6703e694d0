"""`publisher import`: .txt copy → an editable Markdown manuscript that builds the same article."""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from lxml import etree

from publisher.cli import main
from publisher.importer import import_copy, render_markdown
from publisher.load.article import ArticleContext
from publisher.load.newsroom.plaintext import parse_copy
from publisher.load.read import load_article
from publisher.load.readers.dialects import KNOWN_KEYS
from publisher.load.readers.frontmatter import split
from tests.helpers import build_with, write_folder

CORPUS = Path(__file__).resolve().parent / "fixtures" / "newsroom"
ARTICLES = sorted(p.stem for p in CORPUS.glob("*.txt"))

PASTED = """\
Harbour Seals Return to Mossby Sands
After a decade away, a small colony has hauled out on the sandbank again.
Published: May 4, 2026 | Updated: May 6, 2026
By Ana Lima

Walkers on the coast path spotted the first seals in March. By May there were eleven,
lying on the sandbank at low tide like a row of grey sacks.

Why Now?

Nobody is quite sure. The warden thinks the quieter harbour has helped.

Translation by Ben Cho and Dana Ortiz.
Written in English by Callum Frew.
"""


def load(path: Path, language: str | None = "en"):
    return load_article(path, ArticleContext(path.parent, "art", lambda _: None, None, language))


@pytest.mark.parametrize("name", ARTICLES)
def test_imported_markdown_builds_the_same_article_as_the_txt(tmp_path, name):
    source = CORPUS / f"{name}.txt"
    imported = import_copy(source, tmp_path)
    target = tmp_path / f"{name}.md"
    target.write_text(imported.markdown, encoding="utf-8")
    from_txt = load(source)
    from_md = load(target)
    assert replace(from_md, origin=None) == replace(from_txt, origin=None)


@pytest.mark.parametrize("name", ARTICLES)
def test_front_matter_is_the_documented_format_and_keeps_metadata_lines(name):
    text = (CORPUS / f"{name}.txt").read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    parsed = parse_copy(text, "en")
    markdown = render_markdown(parsed, f"{name}.txt")
    doc = split(markdown, Path("x.md"))
    assert set(doc.meta) <= KNOWN_KEYS
    for decision in parsed.decisions:
        if decision.kind in ("dateline", "byline", "credit", "source", "partner", "pointer"):
            assert f"#   line {decision.line}: {decision.text}" in doc.meta_text


def test_dry_run_prints_json_and_a_report_and_writes_nothing(tmp_path):
    folder = write_folder(tmp_path, {"seals.txt": PASTED})
    run = CliRunner().invoke(main, ["import", "--dry-run", str(folder / "seals.txt")])
    assert run.exit_code == 0, run.output
    (entry,) = json.loads(run.stdout)
    front = entry["front_matter"]
    assert front["subtitle"].startswith("After a decade away")
    assert front["date"] == "2026-05-04" and front["updated"] == "2026-05-06"
    assert front["authors"] == ["Ana Lima", "Callum Frew"]
    assert front["translators"] == ["Ben Cho", "Dana Ortiz"]
    report = run.stderr
    assert "line 2: deck: After a decade away" in report
    assert "line 13: credit: Translation by Ben Cho and Dana Ortiz." in report
    assert "translator (trl): Ben Cho; translator (trl): Dana Ortiz" in report
    assert "line 14: credit: Written in English by Callum Frew. → author (aut)" in report
    assert list(folder.iterdir()) == [folder / "seals.txt"]


def test_import_writes_one_markdown_file_per_input_and_refuses_to_overwrite(tmp_path):
    folder = write_folder(tmp_path, {"a.txt": PASTED, "b.txt": "Second\n\nBody text.\n"})
    out = tmp_path / "out"
    args = ["import", str(folder / "a.txt"), str(folder / "b.txt"), "--into", str(out)]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "b.md"]
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 1 and "already exists" in again.stderr
    forced = CliRunner().invoke(main, [*args, "--force"])
    assert forced.exit_code == 0


def test_import_preserves_every_line_of_the_copy(tmp_path):
    folder = write_folder(tmp_path, {"a.txt": PASTED})
    assert CliRunner().invoke(main, ["import", str(folder / "a.txt")]).exit_code == 0
    written = (folder / "a.md").read_text(encoding="utf-8")
    for line in PASTED.splitlines():
        words = line.replace("Why Now?", "## Why Now?").strip()
        assert words in written, line


@pytest.fixture(scope="module")
def new_user_epub(tmp_path_factory) -> Path:
    """As a new user: paste copy into a publication folder, import it, edit, rebuild."""
    root = tmp_path_factory.mktemp("newuser")
    folder = write_folder(
        root / "book",
        {
            "publication.toml": 'title = "Shore Notes"\nlanguage = "en"\n'
            'identifier = "urn:uuid:0d7e35a4-5a52-4f0a-9d2e-0d8c1c7e2b11"\n'
            'order = ["seals.md"]\n',
            "seals.txt": PASTED,
        },
    )
    run = CliRunner().invoke(main, ["import", str(folder / "seals.txt")])
    assert run.exit_code == 0, run.output
    assert "move the .txt out of the folder" in run.stderr
    shutil.move(folder / "seals.txt", root / "seals.txt")
    md = folder / "seals.md"
    md.write_text(md.read_text(encoding="utf-8").replace("eleven", "twelve"), encoding="utf-8")
    result = build_with(folder, ["epub"], root / "out")
    assert result.warnings == []
    return result.outputs[0].path


def test_imported_and_edited_article_rebuilds_with_its_credits(new_user_epub):
    ns = {
        "opf": "http://www.idpf.org/2007/opf",
        "dc": "http://purl.org/dc/elements/1.1/",
        "h": "http://www.w3.org/1999/xhtml",
    }
    with zipfile.ZipFile(new_user_epub) as z:
        opf = etree.fromstring(z.read("EPUB/content.opf"))
        page = etree.fromstring(z.read("EPUB/seals.xhtml"))
    meta = opf.find("opf:metadata", ns)
    roles = {m.get("refines")[1:]: m.text for m in meta.findall("opf:meta[@property='role']", ns)}
    people = {
        el.text: roles[el.get("id")]
        for el in meta.findall("dc:contributor", ns) + meta.findall("dc:creator", ns)
    }
    assert people == {
        "Ana Lima": "aut",
        "Callum Frew": "aut",
        "Ben Cho": "trl",
        "Dana Ortiz": "trl",
    }
    text = " ".join("".join(page.itertext()).split())
    assert "By Ana Lima and Callum Frew" in text and "Translated by Ben Cho and Dana Ortiz" in text
    assert "there were twelve" in text and "Translation by" not in text
    assert page.xpath("//h:h2/text()", namespaces=ns) == ["Why Now?"]


def test_written_front_matter_reads_back_as_yaml(tmp_path):
    folder = write_folder(tmp_path, {"a.txt": PASTED})
    markdown = import_copy(folder / "a.txt").markdown
    meta = yaml.safe_load(markdown.split("---\n")[1])
    assert meta["title"] == "Harbour Seals Return to Mossby Sands" and meta["lang"] == "en"


WIRE = """\
Ferry Crews End Strike
March 4, 2024

PORT ELLERY, Larrow Sound (Reuters) — Ferry crews went back to work on Monday after the
operator agreed to a pay rise.

The strike had cut the islands off for a week.

This report was produced in partnership with Harbour Radio and the Tidewater Trust.
(Reporting by Ana Lima; Editing by Cy Dunn)
"""


def test_import_keeps_partners_place_and_agency_in_the_front_matter(tmp_path):
    folder = write_folder(tmp_path, {"ferry.txt": WIRE})
    run = CliRunner().invoke(main, ["import", str(folder / "ferry.txt")])
    assert run.exit_code == 0, run.output
    written = (folder / "ferry.md").read_text(encoding="utf-8")
    meta = split(written, Path("ferry.md")).meta
    assert meta["partners"] == ["Harbour Radio", "Tidewater Trust"]
    assert (meta["place"], meta["agency"]) == ("PORT ELLERY, Larrow Sound", "Reuters")
    article = load(folder / "ferry.md")
    assert article.partners == ("Harbour Radio", "Tidewater Trust")
    assert (article.place, article.agency) == ("PORT ELLERY, Larrow Sound", "Reuters")
    assert "#   line 9: This report was produced in partnership with" in written


def test_importing_markdown_keeps_partners_place_and_agency(tmp_path):
    hugo = (
        "---\ntitle: Dunes\nlastmod: 2024-03-05\npartners: [Coastal Lab]\n"
        "place: Ostend\nagency: Belga\n---\n\nThe dunes move.\n"
    )
    folder = write_folder(tmp_path, {"src/dunes.md": hugo})
    run = CliRunner().invoke(
        main, ["import", str(folder / "src" / "dunes.md"), "--into", str(folder / "out")]
    )
    assert run.exit_code == 0, run.output
    meta = split((folder / "out" / "dunes.md").read_text(encoding="utf-8"), Path("x.md")).meta
    assert (meta["partners"], meta["place"], meta["agency"]) == (["Coastal Lab"], "Ostend", "Belga")
