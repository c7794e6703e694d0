"""A blog's content folder, copied as it is (Jekyll, Hugo, pandoc and bare Markdown, no
publication.toml), builds into an EPUB and a PDF with every article's metadata right."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from publisher.cli import main
from publisher.importer import import_markdown, write
from publisher.load.article import ArticleContext
from publisher.load.discover import manuscript_files
from publisher.load.read import load_article
from tests.helpers import epubcheck_messages, pdf_page_texts, problems, write_folder

BLOG = Path(__file__).resolve().parent / "fixtures" / "dialects" / "blog"
XHTML = {"x": "http://www.w3.org/1999/xhtml"}
OPF = {"o": "http://www.idpf.org/2007/opf"}
# Reading order without publication.toml: by date, undated articles last in file order.
EXPECTED_ORDER = [
    ("The Clinic at the Edge of Two Countries", date(2018, 5, 30)),
    ("The Harbour’s Three Ferries, and the Timetable Nobody Reads", date(2019, 6, 14)),
    ("Night Market: Where the Lanterns Stay Lit", date(2020, 1, 5)),
    ("Volunteers Pull 400 Kilos of Rubbish from the Mill Race", None),
    ("Water Tariffs Rise for the Third Year Running", date(2021, 11, 30)),
    ("Cable Car Drivers Walk Out Over Night Shifts", date(2022, 9, 3)),
    ("First Snow on the Ridge", None),
    ("Notes from the Dock", None),
]


@pytest.fixture(scope="module")
def blog_build(tmp_path_factory):
    """``publisher build --strict`` on a copy of the blog folder, as a new user would."""
    folder = tmp_path_factory.mktemp("blog") / "field-notes"
    shutil.copytree(BLOG, folder)
    out = folder.parent / "out"
    result = CliRunner().invoke(
        main, ["build", str(folder), "-o", str(out), "--strict", "--json", "--no-cache"]
    )
    return folder, out, result


def test_builds_without_publication_toml_even_strict(blog_build):
    _, out, result = blog_build
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "SHA256SUMS",
        "field-notes.epub",
        "field-notes.pdf",
    ]
    report = json.loads(result.stdout)
    notes = [(w["severity"], w["message"]) for w in report["warnings"]]
    assert ("note", "draft left out (--include-drafts to include it)") in notes
    assert any(m.startswith("no publication.toml: building with defaults") for _, m in notes)
    assert all(severity == "note" for severity, _ in notes)  # the draft's warning is dropped


def test_epub_is_valid_and_in_date_order_with_credits(blog_build):
    _, out, _ = blog_build
    epub = out / "field-notes.epub"
    assert problems(epubcheck_messages(epub), "ERROR", "FATAL", "WARNING") == []
    with zipfile.ZipFile(epub) as book:
        opf = book.read("EPUB/content.opf").decode()
        package = etree.fromstring(opf.encode())
        hrefs = {
            item.get("id"): item.get("href")
            for item in package.xpath("//o:manifest/o:item", namespaces=OPF)
        }
        titles = []
        for idref in package.xpath("//o:spine/o:itemref/@idref", namespaces=OPF):
            page = etree.fromstring(book.read(f"EPUB/{hrefs[idref]}"))
            titles += page.xpath("//x:h1[@class='article-title']/text()", namespaces=XHTML)
        assert "Field Notes</dc:title>" in opf
        cable = book.read("EPUB/cable-car-strike.xhtml").decode()
        snow = book.read("EPUB/first-snow.xhtml").decode()
        [(linked, anchor)] = re.findall(r'href="([^"#]+\.xhtml)#([^"]+)"', cable)
        linked_page = book.read(f"EPUB/{linked}").decode()
    assert titles == [title for title, _ in EXPECTED_ORDER]
    assert "Library" not in " ".join(titles)  # the draft is left out
    assert '<time datetime="2022-09-03" dir="ltr">' in cable  # not 2 September (UTC)
    assert "Translated by Helen Ashworth" in re.sub(r"<[^>]+>", "", cable)  # names in <bdi>
    assert "<figcaption>" in cable
    # links between articles ({{< ref >}} and a relative .md link) reach the right page
    assert "Three Ferries" in linked_page and f'id="{anchor}"' in linked_page
    assert 'href="water-tariffs.xhtml#water-tariffs-help-for-low-incomes"' in snow


def test_pdf_has_every_article_in_the_same_order(blog_build):
    _, out, _ = blog_build
    text = "\n".join(pdf_page_texts(out / "field-notes.pdf"))
    flat = " ".join(text.split())
    positions = [flat.find(" ".join(title.split())) for title, _ in EXPECTED_ORDER]
    assert -1 not in positions
    assert "Helen Ashworth" in flat and "Camille Aubertin" in flat  # translators
    assert "What the Library" not in flat


def test_include_drafts_adds_the_draft_with_its_warning(tmp_path):
    folder = tmp_path / "harbour-log"
    shutil.copytree(BLOG, folder)
    result = CliRunner().invoke(
        main,
        [
            "build",
            str(folder),
            "-o",
            str(tmp_path / "o"),
            "--format",
            "epub",
            "--include-drafts",
            "--no-cache",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "library-hours.md:" in result.stderr and "Hugo shortcode 'youtube'" in result.stderr
    with zipfile.ZipFile(tmp_path / "o" / "harbour-log.epub") as book:
        assert "EPUB/library-hours.xhtml" in book.namelist()


def test_site_settings_give_the_title_and_language(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(BLOG, site / "content")
    (site / "hugo.toml").write_text(
        'title = "Notes from the Estuary"\nlanguageCode = "en-gb"\n', encoding="utf-8"
    )
    result = CliRunner().invoke(
        main, ["build", str(site / "content"), "-o", str(tmp_path / "o"), "--format", "epub"]
    )
    assert result.exit_code == 0, result.output
    assert "title 'Notes from the Estuary' from the " in result.stderr
    with zipfile.ZipFile(tmp_path / "o" / "notes-from-the-estuary.epub") as book:
        opf = book.read("EPUB/content.opf").decode()
    assert "<dc:language>en-gb</dc:language>" in opf


@pytest.fixture(scope="module")
def imported_blog(tmp_path_factory) -> dict[str, Path]:
    """Every manuscript of the blog imported into one folder (links between them hold)."""
    into = tmp_path_factory.mktemp("imported")
    written = {}
    for source in manuscript_files(BLOG, subfolders=True):
        imported = import_markdown(source, into)
        write(imported)
        written[source.relative_to(BLOG).as_posix()] = imported.target
    return written


@pytest.mark.parametrize(
    "name",
    [p.relative_to(BLOG).as_posix() for p in manuscript_files(BLOG, subfolders=True)],
)
def test_imported_file_loads_to_the_same_article(imported_blog, name):
    source, target = BLOG / name, imported_blog[name]
    before = load_article(source, ArticleContext(source.parent, "s", lambda _: None))
    after = load_article(target, ArticleContext(target.parent, "s", lambda _: None))
    fields = ("title", "subtitle", "lang", "published", "updated", "credits", "source", "tags")
    fields += ("summary", "body", "notes", "headings", "draft")
    for field in fields:
        assert getattr(after, field) == getattr(before, field), field
    assert [a.href for a in after.images] == [a.href for a in before.images]
    assert target.read_text(encoding="utf-8").startswith("---\n# Imported from ")


def test_import_dry_run_shows_the_mapping_and_writes_nothing(tmp_path):
    result = CliRunner().invoke(
        main,
        ["import", str(BLOG / "cable-car-strike.md"), "--into", str(tmp_path), "--dry-run"],
    )
    assert result.exit_code == 0, result.output
    [entry] = json.loads(result.stdout)
    mapped = {d["outcome"]: d["text"] for d in entry["decisions"] if d["kind"] == "key"}
    assert mapped["updated"] == "lastmod"
    assert mapped["translators"] == "params.translators"
    assert entry["kind"] == "Hugo front matter"
    assert entry["front_matter"]["date"] == "2022-09-03"
    assert "updated ← lastmod" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_import_in_place_is_refused_without_into(tmp_path):
    shutil.copy(BLOG / "first-snow.md", tmp_path / "first-snow.md")
    result = CliRunner().invoke(main, ["import", str(tmp_path / "first-snow.md")])
    assert result.exit_code == 1
    assert "would overwrite the file itself" in result.stderr
    assert (tmp_path / "first-snow.md").read_text(encoding="utf-8").startswith("# First Snow")


def test_page_bundle_import_copies_its_image(tmp_path):
    result = CliRunner().invoke(
        main,
        ["import", str(BLOG / "posts" / "river-cleanup" / "index.md"), "--into", str(tmp_path)],
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["river-cleanup.md", "river.png"]


def png(path: Path, colour: tuple[int, int, int]) -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (1200, 800), colour).save(path)


def test_hugo_site_content_folder_with_static_images_and_tool_folders(tmp_path):
    site = tmp_path / "site"
    files = {
        "hugo.toml": 'title = "Crónicas do Cais"\nlanguageCode = "pt-br"\n',
        "archetypes/default.md": '+++\ntitle = "{{ .Name }}"\ndate = {{ .Date }}\n+++\n',
        "themes/plain/exampleSite/content/demo.md": "---\ntitle: Demo\n---\nDemo.\n",
        "content/_index.md": '+++\ntitle = "Início"\n+++\n',
        "content/about.md": '+++\ntitle = "Sobre"\ntype = "page"\n+++\n',
        "content/posts/crane.md": '+++\ntitle = "O guindaste"\ndate = 2023-01-02\n+++\n\n'
        'Texto.\n\n{{< figure src="/images/crane.png" alt="Um guindaste" caption="Velho" >}}\n',
    }
    write_folder(site, files)
    png(site / "static" / "images" / "crane.png", (40, 90, 120))
    for folder in (site, site / "content"):  # the site's root, or its content folder
        out = tmp_path / f"out-{folder.name}"
        result = CliRunner().invoke(
            main, ["build", str(folder), "-o", str(out), "--format", "epub", "--no-cache"]
        )
        assert result.exit_code == 0, result.output
        assert "about.md:1: note: no text after the front matter" in result.stderr
        with zipfile.ZipFile(out / "cronicas-do-cais.epub") as book:
            names = book.namelist()
            crane = book.read("EPUB/crane.xhtml").decode()
        assert [n for n in names if n.endswith(".png") and "crane" in n]  # the static image
        assert "<figcaption>Velho</figcaption>" in crane
        assert not [n for n in names if "demo" in n or "default" in n]  # theme, archetype


def test_jekyll_site_root_builds_its_posts(tmp_path):
    site = tmp_path / "site"
    files = {
        "_config.yml": "title: Saltmarsh Weekly\nlang: en-GB\n",
        "index.md": "---\nlayout: home\n---\n",
        "about.md": "---\nlayout: page\ntitle: About\n---\n\nTwo neighbours write this.\n",
        "_layouts/post.html": "<article>{{ content }}</article>",
        "_posts/2021-03-04-tide-mill.md": "---\nlayout: post\ntitle: The tide mill turns\n"
        "author: Petra Vance\n---\n\nThe wheel moved.\n\n![The mill wheel](/assets/mill.png)\n",
        "_posts/2021-04-02-ferry-fares.markdown": "---\nlayout: post\ntitle: Ferry fares\n"
        "---\n\nFares rise in May, as [the mill story]({% post_url 2021-03-04-tide-mill %}) "
        "foretold.\n",
    }
    write_folder(site, files)
    png(site / "assets" / "mill.png", (40, 90, 120))
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(site), "-o", str(out), "--format", "epub", "--strict"]
    )
    assert result.exit_code == 0, result.output
    assert "2 page(s) outside _posts left out (about.md, index.md)" in result.stderr
    with zipfile.ZipFile(out / "saltmarsh-weekly.epub") as book:
        opf = book.read("EPUB/content.opf").decode()
        fares = book.read("EPUB/ch-2021-04-02-ferry-fares.xhtml").decode()
        assert any(n.endswith("mill.png") for n in book.namelist())
    chapters = re.findall(r'itemref idref="item-(ch-[^"]+)\.xhtml"', opf)
    assert chapters == ["ch-2021-03-04-tide-mill", "ch-2021-04-02-ferry-fares"]
    assert "about" not in opf and "<dc:language>en-GB</dc:language>" in opf
    assert 'href="ch-2021-03-04-tide-mill.xhtml#ch-2021-03-04-tide-mill"' in fares


def test_importing_a_whole_blog_folder_gives_a_folder_that_builds(tmp_path):
    into = tmp_path / "field-notes"
    result = CliRunner().invoke(main, ["import", str(BLOG), "--into", str(into)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in into.glob("*.md"))
    assert len(written) == len(manuscript_files(BLOG, subfolders=True)) == 9
    assert "river-cleanup.md" in written and "river.png" in {p.name for p in into.iterdir()}
    built = CliRunner().invoke(
        main, ["build", str(into), "-o", str(tmp_path / "out"), "--format", "epub", "--strict"]
    )
    assert built.exit_code == 0, built.output
    assert "library-hours.md:1: note: draft left out" in built.stderr  # still a draft
    with zipfile.ZipFile(tmp_path / "out" / "field-notes.epub") as book:
        pages = [book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml")]
    titles = [t for page in pages for t in re.findall(r'class="article-title"[^>]*>([^<]+)', page)]
    assert sorted(titles) == sorted(title for title, _ in EXPECTED_ORDER)
