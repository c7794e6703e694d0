"""Assembling the book: discovery in subfolders, drafts, and date order (load/__init__.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from publisher.config import load_config
from publisher.errors import Notice
from publisher.load.discover import manuscript_files
from tests.helpers import load_with, write_folder

WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def post(title: str, day: str | None = None, extra: str = "") -> str:
    dated = f"date: {day}\n" if day else ""
    return f"---\ntitle: {title}\n{dated}{extra}---\nText of {title}.\n"


def titles(folder: Path, **options) -> tuple[list[str], list]:
    warnings: list = []
    pub = load_with(load_config(folder), WHEN, warnings.append, **options)
    return [c.article.title for c in pub.chapters()], warnings


def test_discovery_skips_tool_folders_and_follows_posts(tmp_path):
    folder = write_folder(
        tmp_path,
        {
            "a.md": post("A"),
            "_posts/2020-01-01-b.md": post("B"),
            "_drafts/c.md": post("C"),
            "_layouts/d.md": post("D"),
            ".git/e.md": post("E"),
            "section/_index.md": post("Section"),
            "section/f/index.md": post("F"),
            "section/notes.txt": "not copy\n",
            "LICENSE.md": "# License\n",
        },
    )
    found = [p.relative_to(folder).as_posix() for p in manuscript_files(folder, True)]
    assert found == ["_posts/2020-01-01-b.md", "a.md", "section/f/index.md"]
    assert manuscript_files(folder) == [folder / "a.md"]  # the default: this folder only


def test_drafts_are_left_out_with_a_note_unless_included(tmp_path):
    folder = write_folder(
        tmp_path,
        {
            "publication.toml": 'title = "T"\n',
            "a.md": post("Kept"),
            "b.md": post("Draft", extra="draft: true\nimage_note: x\n")
            + "\n![](missing-alt.png)\n",
        },
    )
    (folder / "missing-alt.png").write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
        )
    )
    left_out, notes = titles(folder)
    assert left_out == ["Kept"]
    assert [(type(n), n.location.path.name) for n in notes] == [(Notice, "b.md")]
    included, warnings = titles(folder, include_drafts=True)
    assert included == ["Kept", "Draft"]
    assert any("no alt text" in w.message for w in warnings)  # its warnings come back


def test_sort_by_date_orders_each_part_oldest_first_undated_last(tmp_path):
    folder = write_folder(
        tmp_path,
        {
            "publication.toml": 'title = "T"\nsort = "date"\n'
            '[[parts]]\ntitle = "One"\narticles = ["a.md", "b.md", "c.md"]\n'
            '[[parts]]\ntitle = "Two"\narticles = ["d.md", "e.md"]\n',
            "a.md": post("A", "2021-05-01"),
            "b.md": post("B"),
            "c.md": post("C", "2020-05-01"),
            "d.md": post("D", "2019-01-01"),
            "e.md": post("E", "2018-01-01"),
        },
    )
    ordered, _ = titles(folder)
    assert ordered == ["C", "A", "B", "E", "D"]  # parts keep their place


def test_file_order_stays_the_default_with_a_config(tmp_path):
    folder = write_folder(
        tmp_path,
        {
            "publication.toml": 'title = "T"\n',
            "a.md": post("A", "2021-05-01"),
            "b.md": post("B", "2020-05-01"),
        },
    )
    assert titles(folder)[0] == ["A", "B"]


def test_subfolders_only_when_the_config_asks_or_there_is_none(tmp_path):
    files = {"a.md": post("A"), "posts/b.md": post("B"), "pandoc/a.md": post("Copy of A")}
    plain = write_folder(tmp_path / "plain", {"publication.toml": 'title = "T"\n', **files})
    deep = write_folder(
        tmp_path / "deep", {"publication.toml": 'title = "T"\nsubfolders = true\n', **files}
    )
    bare = write_folder(tmp_path / "bare", files)
    assert titles(plain)[0] == ["A"]
    assert titles(deep)[0] == ["A", "Copy of A", "B"]  # path order
    assert sorted(titles(bare)[0]) == ["A", "B", "Copy of A"]
