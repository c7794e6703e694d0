"""Obsidian's wiki links and embeds (load/readers/wikilinks.py), in a vault of our own."""

from __future__ import annotations

import base64
import zipfile
from pathlib import Path

import pytest

from publisher.errors import PublisherError
from publisher.load.readers.wikilinks import expand, find
from tests.helpers import build_with

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"
)
NOTE = """\
# Low Water

The pier shows at [[Tide Tables|low tide]]; see [[Tide Tables#Spring Tides]] and
[[#The Pier]] below, and [[Harbour Master]], who has no note yet.

![[pier.png|A pier at dawn]]

![[pier.png|320]]

![[Tide Tables]]

![A pier, framed](pier.png#interface "The pier")

`[[not a link]]` stays as it is.

## The Pier

Wooden, and long.
"""
TABLES = "# Tide Tables\n\nTwice a day.\n\n## Spring Tides\n\nHigher than most.\n"


@pytest.fixture(scope="module")
def vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("vault")
    (root / ".obsidian").mkdir()
    (root / "Notes").mkdir()
    (root / "Reference" / "Deep").mkdir(parents=True)
    (root / "Files").mkdir()
    (root / "Notes" / "Low Water.md").write_text(NOTE, encoding="utf-8")
    (root / "Reference" / "Deep" / "Tide Tables.md").write_text(TABLES, encoding="utf-8")
    (root / "Files" / "pier.png").write_bytes(PNG)
    return root


@pytest.fixture(scope="module")
def built(vault: Path, tmp_path_factory: pytest.TempPathFactory):
    out = tmp_path_factory.mktemp("out")
    result = build_with(vault, ["epub"], out)
    with zipfile.ZipFile(result.outputs[0].path) as archive:
        pages = {n: archive.read(n).decode() for n in archive.namelist() if n.endswith("html")}
    low = next(page for page in pages.values() if "Low Water</h1>" in page)
    return result, low


def test_links_to_notes_anywhere_in_the_vault_become_links(built) -> None:
    _, low = built
    assert ">low tide</a>" in low and "[[" not in low.replace("[[not a link]]", "")
    assert "Tide Tables &gt; Spring Tides</a>" in low
    assert ">The Pier</a>" in low
    assert "[[not a link]]" in low  # code is left alone


def test_image_embeds_show_the_image_with_its_caption(built) -> None:
    _, low = built
    assert low.count('src="images/Files/pier.png"') == 3  # also ![…](pier.png#interface)
    assert 'alt="A pier at dawn"' in low and 'alt="pier"' in low  # a width is no caption


def test_what_the_vault_lacks_is_text_with_a_warning_at_its_line(built, vault: Path) -> None:
    result, low = built
    messages = {(w.location.line, w.message) for w in result.warnings}
    path = vault / "Notes" / "Low Water.md"
    assert (4, "link to '[[Harbour Master]]' printed as its text: no such note in the vault") in {
        (line, message) for line, message in messages
    }
    assert any(w.location == type(w.location)(path, 10) for w in result.warnings)
    assert "Harbour Master" in low


def test_find_prefers_the_shortest_path_and_matches_path_ends(vault: Path) -> None:
    assert find(vault, "Tide Tables").name == "Tide Tables.md"
    assert find(vault, "Deep/Tide Tables") == find(vault, "tide tables")
    assert find(vault, "Nowhere") is None


def test_expand_outside_a_vault_reports_missing_notes(tmp_path: Path) -> None:
    said: list = []
    text = expand("A [[Ghost]] here.", tmp_path / "a.md", tmp_path, lambda n, m: said.append(n))
    assert text == "A Ghost here." and said == [0]


def test_an_image_at_the_same_address_as_a_link_is_reported_at_its_own_line(
    tmp_path: Path,
) -> None:
    """Found first by its ``![alt``, then by address; a second one takes the next line."""
    (tmp_path / "publication.toml").write_text('title = "Pictures"\n', encoding="utf-8")
    (tmp_path / "a.md").write_text(
        "---\ntitle: Pictures\n---\nA link: [the pier](/gone/pier.png).\n\n"
        "![The pier](/gone/pier.png)\n\n![The pier](/gone/pier.png)\n\n![Empty]()\n",
        encoding="utf-8",
    )
    with pytest.raises(PublisherError) as caught:
        build_with(tmp_path, ["epub"], tmp_path / "out")
    lines = sorted(e.location.line for e in caught.value.errors)
    assert lines == [6, 8, 10]
