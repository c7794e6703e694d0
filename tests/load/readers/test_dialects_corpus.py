"""Markdown written for other tools loads unchanged: Jekyll, Hugo, pandoc and bare files.

The corpus in tests/fixtures/dialects/blog/ is a folder as a user would copy it from a
blog, with no publication.toml. Every expected value below was read off the fixture files
by eye, the way a careful editor would read them, not taken from the loader's output.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from lxml import etree

from publisher.load.article import ArticleContext
from publisher.load.discover import manuscript_files
from publisher.load.read import load_article
from publisher.model import Article
from tests.conftest import FIXTURES
from tests.helpers import body_html

BLOG = FIXTURES / "dialects" / "blog"
NS = {"h": "http://www.w3.org/1999/xhtml"}
HEADINGS = " | ".join(f"//h:h{level}" for level in range(1, 7))
_PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def plain(text: str | None) -> str | None:
    """Typographic quotes back to typewriter ones, spaces collapsed (titles are smartened)."""
    return " ".join(text.translate(_PLAIN).split()) if text is not None else None


@dataclass(frozen=True)
class Expected:
    """What a human reads in one manuscript of the blog folder."""

    file: str
    title: str
    first_words: str  # how the body's first paragraph begins (front matter fully removed)
    published: date | None = None
    updated: date | None = None
    authors: tuple[str, ...] = ()
    translators: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    lang: str | None = None
    source: str | None = None
    subtitle: str | None = None
    summary: str | None = None
    draft: bool = False


ARTICLES = [
    Expected(  # Jekyll: date from the file name, tags a space-separated string
        file="2019-06-14-harbour-ferries.md",
        title="The Harbour's Three Ferries, and the Timetable Nobody Reads",
        first_words="Every weekday morning at ten past seven, three ferries",
        published=date(2019, 6, 14),
        authors=("Marguerite Okafor",),
        tags=("ferries", "harbour", "transport", "city"),
    ),
    Expected(  # Jekyll: front-matter date (as written, not UTC) beats the file name
        file="2020-01-03-night-market.md",
        title="Night Market: Where the Lanterns Stay Lit",
        first_words="By half past six on a Sunday in January",
        published=date(2020, 1, 5),
        updated=date(2020, 2, 10),
        authors=("Tomasz Reyes-Lindqvist",),
        tags=("food", "markets"),
        summary="A winter night market on Calder Street has outlived three landlords and one "
        "flood.",
    ),
    Expected(  # Hugo TOML: 00:30 at +02:00 is still the 3rd; [params] credits and source
        file="cable-car-strike.md",
        title="Cable Car Drivers Walk Out Over Night Shifts",
        first_words="The last car up the hill left the lower station",
        published=date(2022, 9, 3),
        updated=date(2022, 9, 5),
        authors=("Inês Carvalho", "Rui Montenegro"),
        translators=("Helen Ashworth",),
        tags=("strike", "transport", "labour"),
        source="Diário da Encosta",
        summary="The hillside cable cars stopped at midnight as drivers protested a new rota.",
    ),
    Expected(  # Hugo YAML draft: 23:50 at -08:00 is the 14th as written (UTC: the 15th)
        file="library-hours.md",
        title="Library to Stay Open Until Midnight During Exams",
        first_words="The central library will stay open until midnight",
        published=date(2023, 3, 14),
        updated=date(2023, 3, 16),
        authors=("Priya Castellanos",),
        draft=True,
    ),
    Expected(  # Hugo page bundle: a singular translator in [params]
        file="posts/river-cleanup/index.md",
        title="Volunteers Pull 400 Kilos of Rubbish from the Mill Race",
        first_words="Sixty volunteers in waders spent Saturday morning",
        published=date(2021, 4, 18),
        authors=("Oluwaseun Bright",),
        translators=("Camille Aubertin",),
    ),
    Expected(  # pandoc: YAML closed by '...', author a list of strings
        file="water-tariffs.md",
        title="Water Tariffs Rise for the Third Year Running",
        first_words="The regional water company confirmed on Tuesday",
        published=date(2021, 11, 30),
        authors=("Gwen Talbot", "Farid Nasser"),
        tags=("water", "prices"),
        lang="en-GB",
        subtitle="Households in the valley will pay nine per cent more from April",
        summary="The regional water company will raise household charges again in April, "
        "blaming the cost of replacing Victorian mains under the old town.",
    ),
    Expected(  # pandoc: author mappings with roles, keywords a comma-separated string
        file="border-clinic.md",
        title="The Clinic at the Edge of Two Countries",
        first_words="The clinic sits in a former customs shed",
        published=date(2018, 5, 30),
        authors=("Lucía Benavides",),
        translators=("Martin Kowalczyk",),
        editors=("Aisha Rahman",),
        tags=("health", "borders"),
        lang="en",
    ),
    Expected(  # bare: '# Title #' with closing hashes
        file="first-snow.md",
        title="First Snow on the Ridge",
        first_words="It came overnight, earlier than anyone on the ridge expected",
    ),
    Expected(  # bare: a blank line before the title, a second '#' heading further down
        file="notes-from-the-dock.md",
        title="Notes from the Dock",
        first_words="I spent a week at the container dock this month",
    ),
]
BY_FILE = {e.file: e for e in ARTICLES}


def load(name: str, warnings: list | None = None) -> Article:
    """Load one fixture manuscript the way the publication loader would."""
    sink = warnings if warnings is not None else []
    return load_article(BLOG / name, ArticleContext(root=BLOG, slug="x", warn=sink.append))


def body_tree(article: Article) -> etree._Element:
    """The article's XHTML fragment, parsed inside a wrapper element."""
    wrapped = (
        '<div xmlns="http://www.w3.org/1999/xhtml" '
        'xmlns:epub="http://www.idpf.org/2007/ops">' + body_html(article) + "</div>"
    )
    return etree.fromstring(wrapped.encode())


def text_of(element: etree._Element) -> str:
    """All text inside an element, spaces collapsed."""
    return " ".join("".join(element.itertext()).split())


def line_of(name: str, needle: str) -> int:
    """The 1-based line of a fixture file on which ``needle`` is written."""
    lines = (BLOG / name).read_text(encoding="utf-8").splitlines()
    return next(number for number, line in enumerate(lines, 1) if needle in line)


def test_the_folder_is_a_plain_blog_copy_without_a_publication_file():
    assert not (BLOG / "publication.toml").exists()
    assert (BLOG / "README.md").is_file()
    assert (BLOG / "posts" / "_index.md").is_file()
    assert {e.file for e in ARTICLES} == {
        p.relative_to(BLOG).as_posix()
        for p in BLOG.rglob("*.md")
        if p.name not in ("README.md", "_index.md")
    }


def test_discovery_is_recursive_and_skips_section_pages_and_readme():
    found = manuscript_files(BLOG, subfolders=True)
    assert found == sorted(found)
    assert BLOG / "README.md" not in found
    assert BLOG / "posts" / "_index.md" not in found
    assert BLOG / "posts" / "river-cleanup" / "index.md" in found
    # whether a draft is listed here or dropped later is the loader's choice; the rest is not
    listed = [p for p in found if p.name != "library-hours.md"]
    assert listed == sorted(BLOG / e.file for e in ARTICLES if not e.draft)


@pytest.mark.parametrize("expected", ARTICLES, ids=lambda e: e.file)
def test_metadata_as_a_reader_sees_it(expected: Expected):
    article = load(expected.file)
    assert plain(article.title) == expected.title
    assert article.published == expected.published
    assert article.updated == expected.updated
    assert [c.contributor.name for c in article.authors] == list(expected.authors)
    assert [c.contributor.name for c in article.translators] == list(expected.translators)
    editors = [c.contributor.name for c in article.credits if c.role.name == "EDITOR"]
    assert editors == list(expected.editors)
    assert article.tags == expected.tags
    assert article.lang == expected.lang
    assert (article.source.name if article.source else None) == expected.source
    assert plain(article.subtitle) == expected.subtitle
    assert plain(article.summary) == expected.summary


@pytest.mark.parametrize("expected", ARTICLES, ids=lambda e: e.file)
def test_body_starts_after_the_front_matter(expected: Expected):
    article = load(expected.file)
    first = body_tree(article).find(".//h:p", NS)
    assert first is not None
    assert plain(text_of(first)).startswith(expected.first_words)
    for key in ("layout:", "permalink", "title =", "title:", "+++", "abstract:"):
        assert key not in text_of(body_tree(article))


@pytest.mark.parametrize("expected", ARTICLES, ids=lambda e: e.file)
def test_only_the_draft_is_marked_draft(expected: Expected):
    assert load(expected.file).draft is expected.draft


def test_hugo_figure_shortcode_becomes_a_figure_with_alt_and_caption():
    warnings: list = []
    article = load("cable-car-strike.md", warnings)
    figures = body_tree(article).findall(".//h:figure", NS)
    assert len(figures) == 1
    img = figures[0].find(".//h:img", NS)
    assert img is not None
    assert img.get("alt") == "A yellow cable car parked at an empty station under a grey sky."
    assert img.get("src", "").endswith("tram.png")
    caption = figures[0].find(".//h:figcaption", NS)
    assert caption is not None
    expected = "The lower station of the Encosta line, closed on the first night of the strike."
    assert expected in plain(text_of(caption))
    assert [a.source.name for a in article.images] == ["tram.png"]
    assert "{{<" not in text_of(body_tree(article))
    assert not [w for w in warnings if "shortcode" in w.message.lower()]


def test_a_video_shortcode_becomes_a_link_reported_with_its_line():
    warnings: list = []
    article = load("library-hours.md", warnings)
    shortcode = "{{< youtube 7hG2kLq9xYw >}}"
    assert "{{" not in text_of(body_tree(article))
    links = [a.get("href") for a in body_tree(article).iter("{http://www.w3.org/1999/xhtml}a")]
    assert "https://www.youtube.com/watch?v=7hG2kLq9xYw" in links
    about = [w for w in warnings if "shortcode" in w.message.lower()]
    assert len(about) == 1
    assert about[0].location.path.name == "library-hours.md"
    assert about[0].location.line == line_of("library-hours.md", shortcode)


def test_page_bundle_image_beside_index_is_resolved():
    article = load("posts/river-cleanup/index.md")
    assert [a.source.name for a in article.images] == ["river.png"]
    img = body_tree(article).find(".//h:img", NS)
    assert img is not None
    alt = "Volunteers in waders hauling a rusty shopping trolley out of shallow brown water."
    assert img.get("alt") == alt


@pytest.mark.parametrize("name", ["first-snow.md", "notes-from-the-dock.md"])
def test_bare_file_title_is_not_repeated_as_a_heading(name: str):
    article = load(name)
    title = BY_FILE[name].title
    headings = [plain(text_of(h)) for h in body_tree(article).xpath(HEADINGS, namespaces=NS)]
    assert title not in headings
    assert title not in [plain(h.text) for h in article.headings]
    if name == "notes-from-the-dock.md":  # the later '#' heading is an ordinary subhead
        assert headings == ["Morning", "Afternoon", "After Dark", "What changes next year"]
    else:
        assert headings == []
