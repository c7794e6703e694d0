"""Includes, Liquid and shortcodes done as the home tool does, each change reported."""

from __future__ import annotations

from pathlib import Path

from publisher.load.article import ArticleContext
from publisher.load.readers.shortcodes import expand
from tests.helpers import write_folder

LISTING = 'fn main() {\n    // ANCHOR: greet\n    println!("hi");\n    // ANCHOR_END: greet\n}\n'


def _ctx(root: Path, tool: str | None = None) -> ArticleContext:
    return ArticleContext(root, "x", lambda _: None, tool=tool, site=root)


def test_mdbook_includes_anchors_ranges_and_the_folder_boundary(tmp_path: Path):
    root = write_folder(tmp_path / "book", {"src/a.md": "", "listings/main.rs": LISTING})
    (tmp_path / "secret.rs").write_text("secret", "utf-8")
    body = (
        "```rust\n{{#include ../listings/main.rs:greet}}\n```\n\n"
        "```rust\n{{#rustdoc_include ../listings/main.rs:1:1}}\n```\n\n"
        "{{#include ../../secret.rs}}\n\\{{#include kept.rs}}\n"
    )
    out, found = expand(body, root / "src" / "a.md", _ctx(root, "mdbook"))
    assert '```rust\n    println!("hi");\n```' in out
    assert "```rust\nfn main() {\n```" in out
    assert "secret" not in out.replace("secret.rs", "") and "ANCHOR" not in out
    assert "{{#include kept.rs}}" in out  # escaped: shown as written
    assert [(f.line, "outside the publication folder" in f.message) for f in found] == [(8, True)]


def test_jekyll_highlight_raw_site_variables_and_includes(tmp_path: Path):
    root = write_folder(
        tmp_path / "site",
        {
            "_config.yml": "title: Quay Notes\nauthor:\n  name: Ines\n",
            "_includes/note.html": "<p>Note: {{ include.text }}</p>\n",
        },
    )
    body = (
        "By {{ site.author.name | upcase }} on {{ site.title }}.\n\n"
        "{% highlight ruby %}\ngem install jekyll --pre\n{% endhighlight %}\n\n"
        "{% raw %}{{ page.title }}{% endraw %}\n\n"
        '{% include note.html text="tides" %}\n\n{{ site.missing }}\n'
        "{% comment %}x{% endcomment %}\n"
    )
    out, found = expand(body, root / "p.md", _ctx(root, "jekyll"), {"title": "P"})
    assert out.startswith("By INES on Quay Notes.")
    assert "```ruby\ngem install jekyll --pre\n```" in out
    assert "{{ page.title }}" in out  # raw: shown as written
    assert "<p>Note: tides</p>" in out
    assert "x" not in out.split("tides")[1]
    assert [(f.line, "site.missing" in f.message) for f in found] == [(10, True)]


def test_hugo_highlight_param_details_and_unknown_shortcodes(tmp_path: Path):
    root = write_folder(tmp_path / "site", {"hugo.toml": '[params]\nport = "Larrow"\n'})
    body = (
        '{{< highlight html >}}\n<b>bold</b>\n{{< /highlight >}}\n\nPort {{< param "port" >}}.\n\n'
        '{{< details summary="More" >}}Hidden words{{< /details >}}\n\n{{< gist ana 42 >}}\n'
        "{{< unknown >}}\n"
    )
    out, found = expand(body, root / "p.md", _ctx(root, "hugo"))
    assert "```html\n<b>bold</b>\n```" in out and "Port Larrow." in out
    assert "**More**" in out and "Hidden words" in out
    assert "(<https://gist.github.com/ana/42>)" in out and "{{" not in out
    assert [f.line for f in found] == [8, 9]


def test_mkdocs_tabs_are_titled_one_after_another(tmp_path: Path):
    body = '=== "Python"\n\n    print(1)\n\n=== "Shell"\n\n    echo 1\n\nAfter.\n'
    out, found = expand(body, tmp_path / "p.md", _ctx(tmp_path, "mkdocs"))
    assert out == "**Python**\n\nprint(1)\n\n**Shell**\n\necho 1\n\nAfter.\n"
    assert found == []


def test_remote_images_become_alt_text_and_badges_go(tmp_path: Path):
    body = (
        "[![build](https://img.shields.io/b.svg)](https://ci.example.org)\n\n"
        "![A gull](https://e.org/g.png)\n\n![](https://e.org/n.png)\n"
    )
    out, found = expand(body, tmp_path / "p.md", _ctx(tmp_path))
    assert out == "\n\nA gull\n\nimage: https://e.org/n.png\n"
    assert [f.line for f in found] == [0, 2, 4]
    assert "badge" in found[0].message


def test_mkdocs_pages_run_no_liquid_and_pull_in_snippets(tmp_path: Path):
    root = write_folder(
        tmp_path / "site",
        {
            "mkdocs.yml": "site_name: S\nmarkdown_extensions:\n  - pymdownx.snippets:\n"
            "      base_path: [parts]\n",
            "parts/notes.txt": "one\n--8<-- [start:mid]\ntwo\n--8<-- [end:mid]\nthree\n",
            "docs/a.md": "# A\n",
        },
    )
    body = (
        "!!! tip\n\n    ```html\n    {% if page.meta.comments %}\n    ```\n\n"
        'Set {{ x }} here.\n\n--8<-- "notes.txt:mid"\n\n```\n--8<-- "notes.txt:1:1"\n```\n'
        ';--8<-- "notes.txt"\n--8<-- "../../outside.txt"\n'
    )
    out, found = expand(body, root / "docs" / "a.md", _ctx(root, "mkdocs"))
    assert "{% if page.meta.comments %}" in out and "Set {{ x }} here." in out
    assert "\ntwo\n" in out and "[start:mid]" not in out  # a section, its markers hidden
    assert "```\none\n```" in out  # a line range, inside a code block
    assert '\n--8<-- "notes.txt"\n' in out  # escaped: shown as written
    assert [(f.line, "outside the publication folder" in f.message) for f in found] == [(14, True)]
