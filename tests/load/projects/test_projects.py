"""Project readers read a folder as its home tool does: order, titles, parts, left-outs."""

from __future__ import annotations

from pathlib import Path

from publisher.load.projects.find import read_project
from publisher.model import Matter
from tests.helpers import write_folder


def _titles(project) -> list[tuple[str | None, list[str]]]:
    return [(s.title, [e.title or e.path.name for e in s.entries]) for s in project.sections]


def test_mdbook_summary_gives_order_titles_parts_and_drafts(tmp_path: Path):
    folder = write_folder(
        tmp_path / "book",
        {
            "book.toml": '[book]\ntitle = "Tide Tables"\n',
            "src/SUMMARY.md": (
                "# Summary\n\n[Preface](preface.md)\n\n# Basics\n\n- [Getting `Wet`](wet.md)\n"
                "    - [Nested Page](deep/nested.md)\n- [Soon]()\n\n# Later\n\n"
                "- [Zeta](zeta.md)\n\n---\n\n[Appendix](appendix.md)\n"
            ),
            "src/preface.md": "# Preface\nP.\n",
            "src/wet.md": "# Wet\nW.\n",
            "src/deep/nested.md": "# N\nN.\n",
            "src/zeta.md": "# Z\nZ.\n",
            "src/appendix.md": "# A\nA.\n",
        },
    )
    project = read_project(folder)
    assert project is not None and project.tool == "mdbook"
    assert _titles(project) == [
        (None, ["Preface"]),
        ("Basics", ["Getting Wet", "Nested Page"]),
        ("Later", ["Zeta", "Appendix"]),
    ]
    matters = [e.matter for s in project.sections for e in s.entries]
    assert matters[0] is Matter.FRONT and matters[-1] is Matter.BACK
    assert [n.location.line for n in project.notes] == [9]  # the draft chapter
    assert "SUMMARY.md" not in [p.name for p in project.paths()]


def test_mkdocs_nav_sections_are_parts_and_unlisted_pages_are_noted(tmp_path: Path):
    folder = write_folder(
        tmp_path / "site",
        {
            "mkdocs.yml": (
                "site_name: Harbour Guide\nnav:\n  - Home: index.md\n  - Guide:\n"
                "    - guide/start.md\n    - Deeper:\n      - Knots: guide/knots.md\n"
                "  - Web: https://example.org/\n"
                "markdown_extensions:\n  - pymdownx.emoji:\n"
                "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n"
            ),
            "docs/index.md": "# Welcome\nHi.\n",
            "docs/guide/start.md": "# Start\nS.\n",
            "docs/guide/knots.md": "# Knots\nK.\n",
            "docs/orphan.md": "# Orphan\nO.\n",
        },
    )
    project = read_project(folder)
    assert project is not None and project.tool == "mkdocs"
    assert _titles(project) == [(None, ["Home"]), ("Guide", ["start.md", "Knots"])]
    assert any("orphan.md" in n.message for n in project.notes)


def test_hugo_sections_weights_headless_bundles_and_languages(tmp_path: Path):
    folder = write_folder(
        tmp_path / "site",
        {
            "hugo.toml": 'title = "Ferry Log"\ndefaultContentLanguage = "en"\n'
            "[languages.en]\nweight = 1\n[languages.fr]\nweight = 2\n",
            "content/about.md": "---\ntitle: About\n---\nA.\n",
            "content/home/index.md": "---\nheadless: true\n---\n",
            "content/home/block.md": "---\ntitle: Block\n---\nB.\n",
            "content/log/_index.md": "---\ntitle: The Log\nweight: 2\n---\n",
            "content/log/b.md": "---\ntitle: B\nweight: 1\n---\nB.\n",
            "content/log/a.md": "---\ntitle: A\ndate: 2020-01-01\n---\nA.\n",
            "content/log/a.fr.md": "---\ntitle: A (fr)\n---\nA.\n",
            "content/docs/_index.md": "---\ntitle: Docs\nweight: 1\n---\nIntro text.\n",
            "content/docs/x.md": "---\ntitle: X\n---\nX.\n",
        },
    )
    project = read_project(folder)
    assert project is not None and project.tool == "hugo"
    names = [(s.title, [e.path.name for e in s.entries]) for s in project.sections]
    assert names == [
        (None, ["about.md"]),
        ("Docs", ["_index.md", "x.md"]),
        ("The Log", ["b.md", "a.md"]),
    ]
    messages = " ".join(n.message for n in project.notes)
    assert "headless" in messages and "also written in fr" in messages
    french = read_project(folder, "fr")
    assert french is not None and french.language == "fr"
    assert [e.path.name for e in french.sections[0].entries] == ["a.fr.md"]


def test_jekyll_posts_are_the_book_and_pages_are_noted(tmp_path: Path):
    folder = write_folder(
        tmp_path / "site",
        {
            "_config.yml": "title: Quay Notes\n",
            "_posts/2020-02-01-b.md": "---\ntitle: B\n---\nB.\n",
            "_posts/2019-01-01-a.md": "---\ntitle: A\n---\nA.\n",
            "about.md": "---\ntitle: About\n---\nA.\n",
        },
    )
    project = read_project(folder)
    assert project is not None and project.tool == "jekyll"
    assert [e.path.name for e in project.sections[0].entries] == [
        "2019-01-01-a.md",
        "2020-02-01-b.md",
    ]
    assert all(e.by_date for e in project.sections[0].entries)
    assert "about.md" in project.notes[0].message


def test_a_plain_folder_is_no_project(tmp_path: Path):
    folder = write_folder(tmp_path / "plain", {"a.md": "# A\nA.\n"})
    assert read_project(folder) is None
