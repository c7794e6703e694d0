"""Front matter from Jekyll, Hugo and pandoc mapped to publisher's keys (dialects.py),
titles from headings, and Hugo shortcodes (shortcodes.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from publisher.errors import Notice
from publisher.load.article import ArticleContext
from publisher.load.readers.dialects import detect, normalise
from publisher.load.readers.frontmatter import split
from publisher.load.readers.markdown import load_markdown
from publisher.load.readers.shortcodes import expand
from publisher.load.readers.titles import heading_title
from publisher.model import Role
from tests.helpers import body_html


def load(text: str, name: str = "post.md", warnings: list | None = None):
    ctx = ArticleContext(
        Path("/nowhere"), "post", (warnings if warnings is not None else []).append
    )
    return load_markdown(text, Path("/nowhere") / name, ctx)


def meta_of(text: str, name: str = "post.md"):
    doc = split(text, Path(name))
    return normalise(doc.meta, Path(name), doc.fence)


@pytest.mark.parametrize(
    ("text", "name", "dialect"),
    [
        ("+++\ntitle = 'T'\n+++\n", "a.md", "hugo"),
        ("---\ntitle: T\nlastmod: 2020-01-01\n---\n", "a.md", "hugo"),
        ("---\ntitle: T\nlayout: post\n---\n", "a.md", "jekyll"),
        ("---\ntitle: T\n---\n", "2019-06-14-a.md", "jekyll"),
        ("---\ntitle: T\nauthor: [A B]\n...\n", "a.md", "pandoc"),
        ("---\ntitle: T\nkeywords: [x]\n---\n", "a.md", "pandoc"),
        ("---\ntitle: T\nauthors: [A B]\n---\n", "a.md", "publisher"),
        ("# T\n\nText\n", "a.md", "bare"),
    ],
)
def test_the_dialect_is_recognised(text, name, dialect):
    doc = split(text, Path(name))
    assert detect(doc.meta, Path(name), doc.fence) == dialect


def test_time_zone_trap_keeps_the_calendar_date_as_written():
    hugo = load("+++\ntitle = 'T'\ndate = 2022-09-03T00:30:00+02:00\n+++\nText.\n")
    yaml_late = load("---\ntitle: T\ndate: 2023-03-14T23:50:00-08:00\nlayout: post\n---\nX\n")
    jekyll = load("---\ntitle: T\ndate: 2020-01-05 18:30:00 -0500\nlayout: post\n---\nX\n")
    assert hugo.published == date(2022, 9, 3)  # 2 September in UTC
    assert yaml_late.published == date(2023, 3, 14)  # 15 March in UTC
    assert jekyll.published == date(2020, 1, 5)  # not a YAML timestamp: read as text


def test_jekyll_date_from_the_file_name_unless_front_matter_has_one():
    assert load("---\ntitle: T\n---\nX\n", "2019-06-14-a.md").published == date(2019, 6, 14)
    dated = load("---\ntitle: T\ndate: 2019-07-01\n---\nX\n", "2019-06-14-a.md")
    assert dated.published == date(2019, 7, 1)
    assert load("---\ntitle: T\n---\nX\n", "2019-02-30-a.md").published is None


def test_updated_comes_from_lastmod_or_last_modified_at():
    hugo = load("+++\ntitle = 'T'\nlastmod = 2022-09-05T09:00:00+02:00\n+++\nX\n")
    jekyll = load("---\ntitle: T\nlayout: post\nlast_modified_at: 2020-02-10\n---\nX\n")
    assert hugo.updated == date(2022, 9, 5)
    assert jekyll.updated == date(2020, 2, 10)


def test_written_out_dates_are_read():
    assert load("---\ntitle: T\nauthor: A B\ndate: June 14, 2019\n---\nX\n").published == date(
        2019, 6, 14
    )


def test_pandoc_author_objects_carry_roles_and_unknown_roles_become_notes():
    article = load(
        "---\ntitle: T\nauthor:\n  - name: Ana Lima\n  - name: Bo Chen\n    role: translator\n"
        "  - name: Cy Dorn\n    role: editor\n  - name: Di Egan\n    role: reviewer\n...\nX\n"
    )
    credits = [(c.contributor.name, c.role, c.note) for c in article.credits]
    assert credits == [
        ("Ana Lima", Role.AUTHOR, None),
        ("Bo Chen", Role.TRANSLATOR, None),
        ("Cy Dorn", Role.EDITOR, None),
        ("Di Egan", Role.CONTRIBUTOR, "reviewer"),
    ]


def test_author_strings_with_and_are_split_but_surname_first_is_not():
    both = load("---\ntitle: T\nlayout: post\nauthor: Ana Lima and Bo Chen\n---\nX\n")
    inverted = load("---\ntitle: T\nlayout: post\nauthor: Lima, Ana\n---\nX\n")
    assert [c.contributor.name for c in both.authors] == ["Ana Lima", "Bo Chen"]
    assert [c.contributor.name for c in inverted.authors] == ["Lima, Ana"]


def test_hugo_params_translators_and_source():
    article = load(
        "+++\ntitle = 'T'\nauthors = ['Ana Lima']\n[params]\ntranslator = 'Bo Chen'\n"
        "source = 'The Daily Tide'\nmood = 'calm'\n+++\nX\n"
    )
    assert [c.contributor.name for c in article.translators] == ["Bo Chen"]
    assert article.source.name == "The Daily Tide"


def test_tags_categories_keywords_in_order_once():
    jekyll = meta_of("---\ntitle: T\nlayout: post\ntags: sea boats\ncategories: [Boats]\n---\n")
    pandoc = meta_of("---\ntitle: T\nauthor: A\nkeywords: 'water, prices'\n...\n")
    hugo = meta_of("+++\ntitle = 'T'\ntags = ['a', 'b']\ncategories = ['b', 'c']\n+++\n")
    assert jekyll.meta["tags"] == ["sea", "boats", "Boats"]
    assert pandoc.meta["tags"] == ["water", "prices"]
    assert hugo.meta["tags"] == ["a", "b", "c"]
    assert hugo.origins["tags"] == "tags + categories"


def test_language_from_locale_or_hugo_file_name():
    assert meta_of("---\ntitle: T\nlayout: x\nlocale: pt_BR\n---\n").meta["lang"] == "pt-BR"
    assert meta_of("+++\ntitle = 'T'\n+++\n", "post.fr.md").meta["lang"] == "fr"
    assert "lang" not in meta_of("+++\ntitle = 'T'\n+++\n", "post.md").meta


def test_foreign_keys_are_kept_out_of_the_way_silently():
    warnings: list = []
    load("---\ntitle: T\nlayout: post\npermalink: /t/\nhero: x.png\n---\nX\n", warnings=warnings)
    assert warnings == []
    found = meta_of("+++\ntitle = 'T'\nweight = 3\n[params]\nhero = 'x'\n+++\n")
    assert found.ignored == ("params.hero", "weight")


def test_own_dialect_still_warns_about_an_unknown_key():
    warnings: list = []
    load("---\ntitle: T\nflavour: mint\n---\nX\n", warnings=warnings)
    assert [w.message for w in warnings] == ["unknown front-matter key 'flavour' ignored"]
    assert warnings[0].location.line == 3


@pytest.mark.parametrize(
    ("front", "draft"),
    [
        ("draft = true", True),
        ("draft = false", False),
        ("draft = 'yes'", True),
        ("[params]\npublished = false", False),  # only a top-level published counts
    ],
)
def test_drafts_are_flagged(front, draft):
    assert load(f"+++\ntitle = 'T'\n{front}\n+++\nX\n").draft is draft


def test_jekyll_published_false_is_a_draft():
    assert load("---\ntitle: T\nlayout: post\npublished: false\n---\nX\n").draft is True


def test_error_in_a_mapped_key_points_at_the_key_as_written():
    with pytest.raises(Exception) as info:
        load("---\ntitle: T\nlayout: post\nlast_modified_at: someday\n---\nX\n")
    assert "'updated' must be a date" in info.value.message
    assert info.value.location.line == 4


@pytest.mark.parametrize(
    ("body", "title", "line"),
    [
        ("# First Snow #\n\nText\n", "First Snow", 0),
        ("\n# Spaced   Title\nText\n", "Spaced   Title", 1),
        ("Setext Title\n============\n\nText\n", "Setext Title", 0),
        ("```\n# not a heading\n```\n\n# Real\n", "Real", 4),
        ("## Sub only\n\nText\n", "Sub only", 0),  # any level, when it opens the body
        ("<!-- draft -->\n\n### Opening\n", "Opening", 2),
        ("Text first\n\n## Later\n", None, None),
    ],
)
def test_title_from_the_opening_heading_or_the_first_level_one(body, title, line):
    found = heading_title(body)
    assert (found.text, found.line) == (title, line) if title else found is None
    if found:
        assert found.rest.count("\n") == body.count("\n")  # lines kept for error messages
        assert title not in found.rest


def test_bare_markdown_title_and_a_title_written_twice():
    bare = load("# Harbour Notes #\n\nThe tide was out.\n")
    twice = load("---\ntitle: Harbour Notes\n---\n\n# Harbour notes\n\nThe tide was out.\n")
    for article in (bare, twice):
        assert article.title == "Harbour Notes"
        assert "<h" not in body_html(article)  # no second title in the body
        assert "The tide was out." in body_html(article)


def test_bare_markdown_without_a_heading_is_titled_after_its_file_with_a_note():
    warnings: list = []
    article = load("Just a paragraph.\n", "appendix-01-keywords.md", warnings)
    assert article.title == "Appendix 01: Keywords"
    [note] = warnings
    assert isinstance(note, Notice) and "after its name" in note.message
    assert str(note.location) == "/nowhere/appendix-01-keywords.md:1"


def test_headings_nest_without_skipped_levels():
    article = load("# Title\n\n## Morning\n\nA\n\n# After Dark\n\n## Later\n\nB\n")
    assert [(h.level, h.text) for h in article.headings] == [
        (2, "Morning"),
        (2, "After Dark"),
        (3, "Later"),
    ]


def test_figure_shortcode_becomes_an_image_with_caption_on_the_same_lines():
    body = (
        'Intro.\n\n{{< figure src="tram.png" title="Line 4"\n    caption="A \\"red\\" tram" '
        'alt="Tram [1]" >}}\n\nAfter.\n'
    )
    expanded, leftovers = expand(body)
    assert leftovers == []
    assert expanded.count("\n") == body.count("\n")
    assert '![Tram \\[1\\]](tram.png "Line 4. A &quot;red&quot; tram")' in expanded


def test_shortcodes_and_liquid_are_done_or_removed_with_a_warning_per_line():
    body = (
        "One {{< youtube abc >}}\n\n```\n{{< figure src='x.png' >}}\n```\n\n"
        "{% highlight ruby %}\nx = 1 --pre\n{% endhighlight %}\n{{% notice %}}Hi{{% /notice %}}\n"
    )
    expanded, leftovers = expand(body)
    assert (
        "[https://www.youtube.com/watch?v=abc](<https://www.youtube.com/watch?v=abc>)" in expanded
    )
    assert "```\n{{< figure src='x.png' >}}\n```" in expanded  # code untouched
    assert "```ruby\nx = 1 --pre\n```" in expanded  # a code block, not prose
    assert "Hi" in expanded and "notice" not in expanded
    assert [(left.line, left.message.split(" ")[2]) for left in leftovers] == [
        (0, "'youtube'"),
        (9, "'notice'"),
    ]


def test_a_removed_shortcode_warning_names_the_file_line():
    warnings: list = []
    article = load("+++\ntitle = 'T'\n+++\nText.\n\n{{< qr text='x' >}}\n", warnings=warnings)
    assert "{{" not in body_html(article) and "qr" not in body_html(article)
    assert [(w.location.line, "shortcode 'qr'" in w.message) for w in warnings] == [(6, True)]


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: A Long Title\nshort_title: Short\n---\nX\n",
        "+++\ntitle = 'A Long Title'\nlinkTitle = 'Short'\n+++\nX\n",
        "---\ntitle: A Long Title\nshorttitle: Short\nauthor: A\n...\nX\n",
        "---\ntitle: A Long Title\nrunning_head: Short\nlayout: post\n---\nX\n",
    ],
)
def test_a_short_title_for_the_running_head_from_every_dialect(text):
    warnings: list = []
    assert load(text, warnings=warnings).short_title == "Short"
    assert warnings == []


def test_an_imported_hugo_post_keeps_its_short_title(tmp_path):
    from publisher.importer import import_file

    post = tmp_path / "post.md"
    post.write_text("+++\ntitle = 'A Long Title'\nlinkTitle = 'Short'\n+++\nX\n", encoding="utf-8")
    imported = import_file(post, tmp_path / "out")
    assert "\nshort_title: Short\n" in imported.markdown
