"""Links from one article to another (load/book/links.py, written by render/footnotes.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from publisher.config import load_config
from publisher.render.html import epub_pages
from publisher.render.theme import load_theme
from tests.helpers import body_html, load_with, write_folder

WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def book(tmp_path, files: dict[str, str]):
    folder = write_folder(
        tmp_path, {"publication.toml": 'title = "T"\nsubfolders = true\n', **files}
    )
    warnings: list = []
    pub = load_with(load_config(folder), WHEN, warnings.append)
    bodies = {ch.slug: body_html(ch.article) for ch in pub.chapters()}
    return pub, bodies, [(w.location.path.name, w.location.line, w.message) for w in warnings]


def post(title: str, body: str, extra: str = "") -> str:
    return f"---\ntitle: {title}\n{extra}---\n\n{body}\n"


def test_every_way_of_naming_another_article_reaches_it(tmp_path):
    _, bodies, warnings = book(
        tmp_path,
        {
            "a.md": post(
                "A",
                "[rel](b.md) [anchor](b.md#tides) [root](/posts/c/index.md) "
                '[ref]({{< ref "b" >}}) [relref]({{< relref "b.md#tides" >}}) '
                "[bundle](c.md) [jekyll]({% post_url 2020-01-01-d %})",
            ),
            "b.md": post("B", "## Tides\n\nBack to [a](./a.md)."),
            "posts/c/index.md": post("C", "Up to [b](../../b.md)."),
            "_posts/2020-01-01-d.md": post("D", "Text."),
        },
    )
    assert warnings == []
    assert bodies["a"].count('href="#b"') == 2
    assert bodies["a"].count('href="#b-tides"') == 2
    assert bodies["a"].count('href="#c"') == 2  # a page bundle is named after its folder
    assert 'href="#ch-2020-01-01-d"' in bodies["a"]
    assert 'href="#a"' in bodies["b"] and 'href="#b"' in bodies["c"]


def test_links_that_cannot_work_lose_their_target_with_a_warning(tmp_path):
    _, bodies, warnings = book(
        tmp_path,
        {
            "a.md": post("A", "Text.\n\n[none](nowhere.md) [draft](d.md) [anchor](b.md#nope)"),
            "b.md": post("B", "Text."),
            "d.md": post("D", "Text.", extra="draft: true\n"),
        },
    )
    assert "<a>none</a>" in bodies["a"] and "<a>draft</a>" in bodies["a"]
    assert 'href="#b"' in bodies["a"]  # the article exists: its start
    assert ("a.md", 7, "link to 'nowhere.md' removed: no such manuscript in the folder") in warnings
    gone = (
        "link to 'd.md' removed (its text is kept): that page is not in the book, "
        "and the site's address is not known to link to it on the web"
    )
    assert ("a.md", 7, gone) in warnings
    anchor = [(line, m) for _, line, m in warnings if m.startswith("link to 'b.md#nope'")]
    assert anchor == [
        (7, "link to 'b.md#nope': no such anchor; it goes to the start of that article")
    ]


def test_epub_links_name_the_file_of_the_other_chapter(tmp_path):
    pub, _, _ = book(
        tmp_path,
        {
            "a.md": post("A", "[b](b.md#tides) and [here](#own)\n\n## Own"),
            "b.md": post("B", "## Tides\n\nText."),
        },
    )
    epub = {page.file_name: page.html for page in epub_pages(pub, load_theme(None))}
    assert 'href="b.xhtml#b-tides"' in epub["a.xhtml"]
    assert 'href="#a-own"' in epub["a.xhtml"]  # in the same file: unchanged
    assert 'href="#b-tides"' in body_html(pub.chapters()[0].article)  # one document: no file


def test_a_blogs_own_addresses_for_its_posts_reach_them(tmp_path):
    _, bodies, warnings = book(
        tmp_path,
        {
            "_posts/2019-06-14-ferries.md": post(
                "Ferries",
                "See [the strike](/2019/07/02/strike/), [its .html](/2019/07/02/strike.html), "
                "[with a category](/news/2019/07/02/strike.html#pickets), "
                "[the clean-up](/posts/cleanup/) and [from here](../cleanup/index.html).",
            ),
            "_posts/2019-07-02-strike.md": post("Strike", "## Pickets\n\nText."),
            "posts/cleanup/index.md": post("Clean-up", "Back to [ferries](/2019/06/14/ferries/)."),
        },
    )
    assert warnings == []
    ferries = bodies["ch-2019-06-14-ferries"]
    assert ferries.count('href="#ch-2019-07-02-strike"') == 2
    assert 'href="#ch-2019-07-02-strike-pickets"' in ferries
    assert ferries.count('href="#cleanup"') == 2
    assert 'href="#ch-2019-06-14-ferries"' in bodies["cleanup"]


def test_an_address_two_posts_could_have_needs_its_date(tmp_path):
    _, bodies, warnings = book(
        tmp_path,
        {
            "a.md": post("A", "[dated](/2020/05/01/tide/) [undated](/tide/) [none](/about/)"),
            "_posts/2020-05-01-tide.md": post("Tide one", "Text."),
            "_posts/2021-05-01-tide.md": post("Tide two", "Text."),
        },
    )
    assert 'href="#ch-2020-05-01-tide"' in bodies["a"]
    assert "<a>undated</a>" in bodies["a"] and "<a>none</a>" in bodies["a"]
    assert ("a.md", 5, "link to '/tide/' removed: no such manuscript in the folder") in warnings
    assert ("a.md", 5, "link to '/about/' removed: no such manuscript in the folder") in warnings


def test_addresses_a_posts_front_matter_gives_reach_it(tmp_path):
    _, bodies, warnings = book(
        tmp_path,
        {
            "a.md": post(
                "A",
                "[slug](/2019/06/14/harbour-at-dawn/) [permalink](/stories/strike/) "
                "[url](/reports/tide.html#ebb) [alias](/old/tide/) [redirect](/strike-2019/) "
                "[hugo slug](/posts/harbour-at-dawn/) [taken twice](/shared/)",
            ),
            "_posts/2019-06-14-ferries.md": post("Ferries", "Text.", "slug: harbour-at-dawn\n"),
            "_posts/2019-07-02-strike.md": post(
                "Strike", "Text.", "permalink: /stories/strike/\nredirect_from: [/strike-2019/]\n"
            ),
            "posts/tide.md": post(
                "Tide", "## Ebb\n\nText.", 'url: /reports/tide.html\naliases: ["/old/tide/"]\n'
            ),
            "posts/one.md": post("One", "Text.", "aliases: [/shared/]\n"),
            "posts/two.md": post("Two", "Text.", "aliases: [/shared/]\n"),
        },
    )
    a = bodies["a"]
    assert a.count('href="#ch-2019-06-14-ferries"') == 2
    assert a.count('href="#ch-2019-07-02-strike"') == 2
    assert 'href="#tide-ebb"' in a and a.count('href="#tide"') == 1
    assert "<a>taken twice</a>" in a  # two posts claim it: neither is guessed
    assert [m for _, _, m in warnings] == [
        "link to '/shared/' removed: no such manuscript in the folder"
    ]


def test_files_and_same_folder_pages_are_not_taken_for_posts(tmp_path):
    from publisher.load.book.links import is_manuscript_link

    assert is_manuscript_link("/2019/06/14/ferries/")
    assert is_manuscript_link("../ferries.html#x")
    assert not is_manuscript_link("/images/tram.png")
    assert not is_manuscript_link("https://example.org/2019/06/14/ferries/")
    assert not is_manuscript_link("#anchor")


def test_warnings_about_links_name_the_line_that_holds_them(tmp_path):
    _, _, warnings = book(
        tmp_path,
        {
            "a.md": post(
                "A",
                "A dinner, a dredger and a draft.\n\n"
                "[draft]({% post_url 2020-02-02-dredge %})\n\n"
                "[nope](/posts/b/#no-such-heading)",
            ),
            "b/index.md": post("B", "Text."),
            "_posts/2020-02-02-dredge.md": post("Dredge", "Text.", extra="draft: true\n"),
        },
    )
    lines = {m.split(":")[0]: line for _, line, m in warnings if m.startswith("link to")}
    assert lines == {
        "link to '_posts/2020-02-02-dredge.md' removed (its text is kept)": 7,
        "link to 'b/index.md#no-such-heading'": 9,
    }


def test_links_to_the_blogs_own_address_reach_its_posts(tmp_path):
    folder = write_folder(
        tmp_path / "blog",
        {
            "_config.yml": "title: Dock Notes\nurl: https://dock.example\nbaseurl: /notes\n",
            "_posts/2019-06-14-ferries.md": post(
                "Ferries",
                "[own](https://dock.example/notes/2019/07/02/strike/) "
                "[own, http](http://dock.example/notes/2019/07/02/strike.html) "
                "[other site](https://elsewhere.example/2019/07/02/strike/) "
                "[own page](https://dock.example/notes/about/) "
                "[own image](https://dock.example/notes/tram.png)",
            ),
            "_posts/2019-07-02-strike.md": post("Strike", "Text."),
            "tram.png": "not really a picture",
        },
    )
    warnings: list = []
    pub = load_with(load_config(folder), WHEN, warnings.append)
    body = {ch.slug: body_html(ch.article) for ch in pub.chapters()}["ch-2019-06-14-ferries"]
    assert body.count('href="#ch-2019-07-02-strike"') == 2
    assert 'href="https://elsewhere.example/2019/07/02/strike/"' in body  # stays a web link
    assert 'href="https://dock.example/notes/about/"' in body  # no such post: still on the web
    assert 'href="https://dock.example/notes/tram.png"' in body
    assert not [w for w in warnings if "link" in w.message]


def test_the_site_address_comes_from_jekyll_or_hugo_settings(tmp_path):
    from publisher.config.site import site_settings

    jekyll = write_folder(tmp_path / "j", {"_config.yml": "title: J\nurl: https://j.example\n"})
    hugo = write_folder(
        tmp_path / "h", {"hugo.toml": 'title = "H"\nbaseURL = "https://h.example/blog"\n'}
    )
    local = write_folder(tmp_path / "l", {"hugo.toml": 'title = "L"\nbaseURL = "/"\n'})
    assert site_settings(jekyll).url == "https://j.example/"
    assert site_settings(hugo).url == "https://h.example/blog/"
    assert site_settings(local).url is None
