"""Each project fixture (an mdBook, an MkDocs site with a Material blog, a Hugo site in two
languages, a Jekyll blog) builds as it is: exit 0, EPUBCheck clean, the chapters and parts
in the order and with the titles the home tool's navigation shows, no template syntax left.

Each fixture is built once per session, through the command line, into EPUB (the Jekyll
blog into PDF as well).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from publisher.cli import main
from tests.helpers import epubcheck_messages, pdf_page_texts, problems

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
XHTML = {"x": "http://www.w3.org/1999/xhtml"}
# Template syntax that must never reach a book, in the text and in code alike ...
NOWHERE = ("{{#", "{{<", "{{%", "{%", "%}", "!!!", "--8<--")
# ... and outside code (code may show ``{{ x }}`` when the page says so: Jekyll's raw).
OUTSIDE_CODE = ("{{", "}}")


@dataclass(frozen=True)
class Built:
    """One fixture built: the command's exit code and output, the EPUB's chapters."""

    code: int
    output: str
    epub: Path
    pages: dict[str, str]  # spine file name → XHTML text, in reading order

    def titles(self) -> list[str]:
        """The title of every page of the spine after the front pages, in reading order (the
        book's own contributors index, after the articles, left out)."""
        found, after_contents = [], False
        for href, text in self.pages.items():
            title = re.search(r"<title>(.*?)</title>", text, re.S)
            if after_contents and not href.endswith("contributors.xhtml"):
                found.append(" ".join(title.group(1).split()) if title else "")
            after_contents = after_contents or 'epub:type="toc"' in text
        return found

    def page(self, title: str) -> str:
        """The XHTML of the page with that title."""
        for text in self.pages.values():
            if f"<title>{title}</title>" in text:
                return text
        raise AssertionError(f"no page titled {title!r}; pages: {self.titles()}")


def _build(folder: Path, out: Path, *arguments: str) -> Built:
    run = CliRunner().invoke(
        main,
        ["build", str(folder), "--output", str(out), "--no-cache", *arguments],
        catch_exceptions=False,
    )
    epubs = sorted(out.glob("*.epub"))
    return (
        Built(run.exit_code, run.output, epubs[0], _spine(epubs[0]))
        if epubs
        else Built(run.exit_code, run.output, out, {})
    )


def _spine(epub: Path) -> dict[str, str]:
    with zipfile.ZipFile(epub) as archive:
        opf_name = next(n for n in archive.namelist() if n.endswith(".opf"))
        opf = etree.fromstring(archive.read(opf_name))
        ns = {"o": "http://www.idpf.org/2007/opf"}
        items = {i.get("id"): i.get("href") for i in opf.iterfind(".//o:manifest/o:item", ns)}
        folder = opf_name.rpartition("/")[0]
        order = [items[r.get("idref")] for r in opf.iterfind(".//o:spine/o:itemref", ns)]
        return {href: archive.read(f"{folder}/{href}").decode() for href in order}


@pytest.fixture(scope="session")
def mdbook(tmp_path_factory) -> Built:
    return _build(
        FIXTURES / "projects-mdbook", tmp_path_factory.mktemp("mdbook"), "--format", "epub"
    )


@pytest.fixture(scope="session")
def mkdocs(tmp_path_factory) -> Built:
    return _build(
        FIXTURES / "projects-mkdocs", tmp_path_factory.mktemp("mkdocs"), "--format", "epub"
    )


@pytest.fixture(scope="session")
def hugo(tmp_path_factory) -> Built:
    return _build(FIXTURES / "projects-hugo", tmp_path_factory.mktemp("hugo"), "--format", "epub")


@pytest.fixture(scope="session")
def jekyll(tmp_path_factory) -> Built:
    return _build(
        FIXTURES / "projects-jekyll", tmp_path_factory.mktemp("jekyll"), "--format", "all"
    )


@pytest.mark.parametrize("name", ["mdbook", "mkdocs", "hugo", "jekyll"])
def test_builds_clean_with_no_template_syntax(name: str, request):
    built: Built = request.getfixturevalue(name)
    assert built.code == 0, built.output
    assert problems(epubcheck_messages(built.epub)) == []
    for href, text in built.pages.items():
        for marker in NOWHERE:
            assert marker not in text, f"{name} {href}: {marker!r} left in the book"
        prose = re.sub(r"<(pre|code)\b.*?</\1>", "", text, flags=re.S)
        for marker in OUTSIDE_CODE:
            assert marker not in prose, f"{name} {href}: {marker!r} left in the text"


def test_mdbook_summary_order_parts_drafts_and_includes(mdbook: Built):
    assert mdbook.titles() == [
        "Foreword",
        "Getting Started",
        "Lighting the Lamp",
        "Trimming the Wick",  # SUMMARY.md's title, its code span as plain text
        "Fuel Stores",
        "Fog Signals",
        "Keeping Records",
        "The Logbook",
        "Glossary",
    ]
    assert "SUMMARY.md:15: note: draft chapter 'Storm Drills' left out" in mdbook.output
    assert "Storm Drills" not in "".join(mdbook.pages.values())
    wick = mdbook.page("Trimming the Wick")
    listings = re.findall(r"<pre><code[^>]*>(.*?)</code></pre>", wick, re.S)
    assert listings[0].startswith("fn trim_wick(") and listings[0].rstrip().endswith("}")
    assert listings[1].splitlines() == [  # lines 3 to 5 of the file
        "    let flame_height = length_mm / 3;",
        "    let spare = length_mm - flame_height;",
        "    spare.min(12)",
    ]
    assert "ANCHOR" not in wick and "sensor_reading = 42" not in wick  # the hidden line
    assert "Safety first:" in mdbook.page("Lighting the Lamp")  # a Markdown file included


def test_mkdocs_nav_admonitions_tabs_snippets_and_blog(mkdocs: Built):
    assert mkdocs.titles() == [
        "Home",
        "Field Guide",
        "Reading the Tides",
        "Tide Gauges",  # listed without a title in the nav: the page's heading
        "Sampling Kits",
        "Blog",
        "Blog",
        "Winter Counts",  # the blog's posts after its index, oldest first
        "The First Survey of the Season",
        "A New Boat for the Station",
        "About",
    ]
    tides = mkdocs.page("Reading the Tides")
    assert "Slippery Rocks" in tides and "Checking the time of high water" in tides
    assert tides.index("Spring tides") < tides.index("largest") < tides.index("Neap tides")
    assert "shore checklist" in tides  # the snippet, from base_path docs/snippets
    boat = mkdocs.page("A New Boat for the Station")
    assert 'datetime="2024-05-10"' in boat  # date: {created: …, updated: …}
    assert "Tomás Ferreira" in boat and "Mara Quennell" in boat  # from .authors.yml
    assert "tomas" not in boat
    assert 'datetime="2023-12-14"' in mkdocs.page("Winter Counts")
    home = mkdocs.page("Home")  # roster.md is a page of the site, left out of the book
    assert 'href="https://fieldstation.example.org/roster/"' in home
    assert "not in the nav left out (roster.md" in mkdocs.output


def test_hugo_sections_weights_bundles_shortcodes_and_one_language(hugo: Built):
    assert hugo.titles() == [
        "About These Notes",
        "Routes",
        "The Harbour Loop",  # weight 1
        "The North Crossing",  # weight 2
        "Night Boats",  # no weight: after the weighted pages
        "Logbook",
        "Logbook",  # the section's _index.md has text: it opens the section
        "A Timetable Written in Code",
        "In the Engine Room",
    ]
    text = "".join(hugo.pages.values())
    assert "Hero banner" not in text and "Ride the harbour" not in text  # headless
    assert "Parts list" not in text and "Gaskets" not in text  # a bundle's resource
    assert "propos" not in text and "horaire" not in text  # the French pages
    assert "also written in fr" in hugo.output
    timetable = hugo.page("A Timetable Written in Code")
    assert '<code class="language-go">type Departure struct {' in timetable
    assert "&lt;Quay 1&gt;" in timetable  # code kept as code, its markup escaped
    assert re.search(r'href="harbour-loop\.xhtml#[^"]+">the harbour loop', timetable)
    assert re.search(r'href="north-crossing\.xhtml#[^"]+">the north crossing', timetable)
    assert '<a href="https://www.youtube.com/watch?v=w7Ft2ymGmfc">Crossing in a westerly gale' in (
        timetable
    )
    assert "timetable.md:22: warning: Hugo shortcode 'youtube'" in hugo.output
    engine = hugo.page("In the Engine Room")
    assert re.search(r"<figure><img [^>]*engine\.png", engine)
    assert "<figcaption>The engine. Rebuilt over the winter of 2022.</figcaption>" in engine
    assert "the Blue Line runs" in hugo.page("Night Boats")  # {{< param ferryLine >}}


def test_hugo_other_language_on_request(tmp_path: Path):
    french = _build(FIXTURES / "projects-hugo", tmp_path, "--format", "epub", "--language", "fr")
    assert french.code == 0, french.output
    assert french.titles() == [
        "À propos de ces carnets",
        "Posts",  # the section has no _index.fr.md: Hugo names it after its folder
        "Un horaire écrit en code",
    ]
    assert 'xml:lang="fr"' in french.page("Un horaire écrit en code")


def test_jekyll_liquid_includes_posts_and_badge(jekyll: Built):
    assert jekyll.titles() == [
        "Winter Chowder",
        "Smoked Mackerel on Rye",
        "Printing the Menu Board",
    ]
    mackerel = jekyll.page("Smoked Mackerel on Rye")
    assert "every Saturday at six in the morning" in mackerel  # site and site.data values
    assert '<code class="language-ruby">' in mackerel
    assert '"Brine: #{salt} g/l -- soak for 2 hours"' in mackerel  # code: no smart dashes
    assert "Smoke over oak chips, never pine." in mackerel  # {% include %} with a parameter
    assert "shields.io" not in mackerel and "Recipes tested" not in mackerel
    assert "2023-04-02-smoked-mackerel.md:6: warning: badge 'Recipes tested' dropped" in (
        jekyll.output
    )
    menu = jekyll.page("Printing the Menu Board")
    assert "{{ dish.name }} -- {{ dish.price }}" in menu  # raw: shown as written
    assert re.search(r'href="[^"]*smoked-mackerel\.xhtml#[^"]*">the first recipe', menu)
    assert "the best seller at Quayside Kitchen" in menu
    assert 'href="https://quayside.example.com/kitchen/about/"' in menu  # its permalink
    assert "on a saturday" in jekyll.page("Winter Chowder")
    assert "Eel Pie" not in "".join(jekyll.pages.values())  # _drafts


def test_jekyll_pdf_prints_the_same_posts(jekyll: Built):
    pdf = next(jekyll.epub.parent.glob("*.pdf"))
    text = " ".join(pdf_page_texts(pdf))
    assert "Smoked Mackerel on Rye" in text and "every Saturday at six in the morning" in text
    assert "{{" not in text.replace("{{ dish.name }}", "").replace("{{ dish.price }}", "")
    assert "{%" not in text


@pytest.mark.parametrize("tag", ["en_US", "fr!", "e", "english language"])
def test_language_must_be_a_bcp47_tag(tag: str, tmp_path: Path):
    run = CliRunner().invoke(
        main, ["build", str(FIXTURES / "projects-hugo"), "-o", str(tmp_path), "--language", tag]
    )
    assert run.exit_code == 2
    lines = run.output.strip().splitlines()
    assert len(lines) == 1 and "BCP 47" in lines[0] and tag in lines[0]
    assert not list(tmp_path.iterdir())
