"""`publisher check FILE.epub`: EPUBCheck and Ace, findings placed in the article files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from PIL import Image

from publisher.check import epub as epub_check
from publisher.check.epub import Raw, SourceMap, check
from publisher.cli import main
from tests.helpers import build_with, write_folder

ARTICLE = """\
---
title: Broken on Purpose
---

The first paragraph is fine and says nothing of note.

A small map of the quay ![A map of the quay](images/quay.png) sits inside this line.

The last paragraph mentions the harbour notes for later.
"""


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> tuple[Path, Path, object]:
    """A one-article EPUB tampered with after the build: the image loses its alt text and
    the link points at a page that does not exist. Returns (folder, epub, publication)."""
    root = tmp_path_factory.mktemp("broken")
    folder = write_folder(root / "src", {"publication.toml": 'title = "Broken"\n', "a.md": ARTICLE})
    (folder / "images").mkdir()
    Image.new("RGB", (600, 400), "navy").save(folder / "images" / "quay.png")
    result = build_with(folder, ["epub"], root / "out")
    built = result.outputs[0].path
    tampered = root / "tampered.epub"
    with zipfile.ZipFile(built) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "EPUB/a.xhtml":
                data = data.replace(b' alt="A map of the quay"', b"")
                data = data.replace(b"the harbour notes", b'<a href="gone.xhtml">gone</a>')
            dst.writestr(info, data)
    return folder, tampered, result.publication


@pytest.fixture(scope="module")
def broken_check(broken):
    _, tampered, publication = broken
    return check(tampered, publication)


def test_sample_and_hard_publications_pass(sample_epub_check, hard_epub_check):
    for result in (sample_epub_check, hard_epub_check):
        assert result.ok, [str(f) for f in result.findings if f.severity == "error"]
        assert result.facts["epubcheck"].startswith("5.")
        assert set(result.facts["ace"]) == {"critical", "serious", "moderate", "minor"}


def test_ace_error_is_placed_on_the_article_line(broken, broken_check):
    folder, _, _ = broken
    (alt,) = [f for f in broken_check.findings if "image-alt" in f.message]
    assert alt.severity == "error" and alt.checker == "ace"
    assert alt.location == f"{folder / 'a.md'}:7"  # the line with the image
    assert "[in EPUB/a.xhtml]" in alt.message
    assert not broken_check.ok


def test_epubcheck_error_is_placed_in_the_article(broken, broken_check):
    folder, _, _ = broken
    links = [
        f for f in broken_check.findings if f.checker == "epubcheck" and "RSC-007" in f.message
    ]
    assert links, [str(f) for f in broken_check.findings]
    assert links[0].severity == "error"
    assert links[0].location.startswith(str(folder / "a.md"))
    assert "[in EPUB/a.xhtml:" in links[0].message


def test_without_the_publication_findings_keep_the_epub_path(broken):
    _, tampered, _ = broken
    places = SourceMap.build(tampered, None)
    finding = places.finding(Raw("error", "ace", "critical image-alt: x", "a.xhtml"))
    assert finding.location == "EPUB/a.xhtml"
    finding = places.finding(Raw("error", "epubcheck", "RSC-007: x", "EPUB/a.xhtml", 12, 4))
    assert finding.location == "EPUB/a.xhtml:12:4"
    assert places.finding(Raw("error", "epubcheck", "PKG-001: x")).location is None


def test_package_findings_are_placed_in_publication_toml(broken):
    folder, tampered, publication = broken
    places = SourceMap.build(tampered, publication)
    finding = places.finding(Raw("error", "ace", "serious epub-lang: x", "EPUB/content.opf"))
    assert finding.location == str(folder / "publication.toml")


def test_missing_ace_is_a_clear_error_not_a_crash(monkeypatch, tmp_path):
    monkeypatch.setattr(epub_check, "ace_script", lambda: None)
    (raw,) = epub_check.run_ace(tmp_path / "x.epub", {})
    assert raw.severity == "error" and "Ace by DAISY is not installed" in raw.message
    assert "make setup" in raw.message


def test_missing_java_is_a_clear_error_not_a_crash(monkeypatch, tmp_path):
    real_which = epub_check.shutil.which
    monkeypatch.setattr(
        epub_check.shutil, "which", lambda n: None if n == "java" else real_which(n)
    )
    (raw,) = epub_check.run_epubcheck(tmp_path / "x.epub", {})
    assert raw.severity == "error" and "Java 17" in raw.message


def test_chromium_launcher_adds_offline_flags(tmp_path):
    script = epub_check._launcher(tmp_path, "/usr/bin/chromium")
    text = script.read_text()
    assert text.startswith("#!/bin/sh\nexec /usr/bin/chromium ") and text.endswith('"$@"\n')
    for flag in ("--no-sandbox", "--disable-background-networking", "--disable-component-update"):
        assert flag in text
    assert script.stat().st_mode & 0o111


def canned(*raws: Raw):
    """Stand-ins for the two tools, so CLI behaviour is tested without running them."""
    return lambda path, facts, usage=False: list(raws), lambda path, facts: []


def test_check_command_exits_1_on_an_error(monkeypatch, broken):
    _, tampered, _ = broken
    epubcheck, ace = canned(Raw("error", "epubcheck", "RSC-007: gone", "EPUB/a.xhtml", 3, 1))
    monkeypatch.setattr(epub_check, "run_epubcheck", epubcheck)
    monkeypatch.setattr(epub_check, "run_ace", ace)
    result = CliRunner().invoke(main, ["check", str(tampered)])
    assert result.exit_code == 1
    assert "EPUB/a.xhtml:3:1: error: [epubcheck] RSC-007: gone" in result.output


def test_check_command_exits_0_with_warnings_only(monkeypatch, broken):
    _, tampered, _ = broken
    epubcheck, ace = canned(Raw("warning", "epubcheck", "OPF-085: odd", "EPUB/content.opf"))
    monkeypatch.setattr(epub_check, "run_epubcheck", epubcheck)
    monkeypatch.setattr(epub_check, "run_ace", ace)
    result = CliRunner().invoke(main, ["check", str(tampered)])
    assert result.exit_code == 0, result.output
    assert "1 warning" in result.output


def test_build_check_places_findings_in_the_article(monkeypatch, broken, tmp_path):
    folder, _, _ = broken
    epubcheck, ace = canned(Raw("error", "ace", "serious link-name: empty link", "a.xhtml"))
    monkeypatch.setattr(epub_check, "run_epubcheck", epubcheck)
    monkeypatch.setattr(epub_check, "run_ace", ace)
    args = ["build", str(folder), "--format", "epub", "-o", str(tmp_path / "o"), "--check"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert f"{folder / 'a.md'}: error: [ace] serious link-name" in result.output
