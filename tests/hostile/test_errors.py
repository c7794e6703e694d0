"""Broken manuscripts: one `path:line: error: message` each, all in one run, nothing written.

The CLI runs as a user runs it (a subprocess) on ``tests/fixtures/broken/mixed``, a
publication in which nearly every manuscript is broken in its own way, plus the cases that
need this run's own folder (symbolic links). The previous output folder must come through
untouched.
"""

from __future__ import annotations

import pytest

from tests.hostile.support import copy_fixture, error_lines, png_bytes, run_cli

EXPECTED = {
    "02-unclosed-quote.md:3": "front matter: a quoted value is not closed",
    "03-list-front-matter.md:2": (
        "front matter must be a mapping of keys to values (key: value lines), not a list"
    ),
    "04-toml-front-matter.md:4": "front matter (TOML): Unclosed array",
    "05-missing-title.md:1": "missing required front-matter key 'title'",
    "06-impossible-date.md:3": "front matter: impossible date (month must be in 1..12)",
    "07-legacy-encoding.md:2": "not valid UTF-8; it looks like Windows-1252, convert it to UTF-8",
    "09-picture-saved-as-text.md": "this is a PNG image, not a text manuscript",
    "10-nul-byte.md:5": "NUL byte in the text (a damaged or binary file?)",
    "11-missing-image.md:6": "image 'images/slipway.jpg' does not exist",
    "12-image-outside.md:6": "image '../../../etc/passwd' is outside the publication folder",
    "13-absolute-image.md:6": (
        "image path '/home/editor/Pictures/harbour-map.png' is absolute and not in the "
        "publication folder (looked for it there and in static/); use a path inside the folder"
    ),
    "15-unclosed-script.md:6": (
        "<script> is never closed, so everything after it would be lost; "
        "close it with </script> or remove it"
    ),
    "16-deep-quote.md:6": "block quotes or lists nested more than 20 levels deep",
    "18-file-url.md:6": "image 'file:///etc/hostname' is outside the publication folder",
    "19-symlinked-image.md:4": (
        "image 'images/harbour.png' is a symbolic link to a file outside the publication folder"
    ),
    "20-linked-manuscript.md": "this is a symbolic link to a file outside the publication folder",
}


# Not errors since issue 17: an empty file is left out, a remote image printed as its alt text.
WARNED = {
    "08-empty.md": "the file is empty: left out",
    "14-remote-image.md:6": (
        "remote image 'https://images.example.invalid/lighthouse.jpg' not fetched: its alt "
        "text is printed instead (--allow-remote fetches https images)"
    ),
}


@pytest.fixture(scope="module")
def mixed_run(tmp_path_factory):
    """The mixed folder built once over a previous build: (folder, out, run, before)."""
    base = tmp_path_factory.mktemp("mixed")
    folder = copy_fixture("mixed", base / "mixed")
    outside = base / "outside"
    outside.mkdir()
    (outside / "harbour.png").write_bytes(png_bytes())
    (outside / "article.md").write_text("---\ntitle: Not Ours\n---\nPrivate.\n", "utf-8")
    (folder / "images").mkdir()
    (folder / "images" / "harbour.png").symlink_to(outside / "harbour.png")
    (folder / "19-symlinked-image.md").write_text(
        "---\ntitle: A Link Out\n---\n![The harbour](images/harbour.png)\n", "utf-8"
    )
    (folder / "20-linked-manuscript.md").symlink_to(outside / "article.md")
    out = base / "build"
    out.mkdir()
    (out / "broken-on-purpose.epub").write_bytes(b"the previous EPUB")
    (out / "broken-on-purpose.pdf").write_bytes(b"the previous PDF")
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    run = run_cli("build", str(folder), "--output", str(out), "--no-cache")
    return folder, out, run, before


def test_every_broken_manuscript_gets_exactly_its_line(mixed_run):
    folder, _, run, _ = mixed_run
    expected = sorted(f"{folder}/{where}: error: {message}" for where, message in EXPECTED.items())
    assert sorted(error_lines(run.stderr)) == expected


def test_an_empty_file_and_a_remote_image_are_warnings(mixed_run):
    folder, _, run, _ = mixed_run
    for where, message in WARNED.items():
        assert f"{folder}/{where}: warning: {message}" in run.stderr.splitlines()


def test_the_run_fails_cleanly(mixed_run):
    _, _, run, _ = mixed_run
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    assert f"{len(EXPECTED)} errors; nothing was written" in run.stderr
    assert "wrote " not in run.stdout + run.stderr


def test_the_previous_build_is_untouched(mixed_run):
    _, out, _, before = mixed_run
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in out.iterdir()}
    assert after == before
    assert not [p for p in out.parent.iterdir() if "staging" in p.name]


def test_an_unknown_config_key_names_its_line(tmp_path):
    folder = copy_fixture("bad-config", tmp_path / "bad-config")
    run = run_cli("build", str(folder), "--output", str(tmp_path / "out"), "--no-cache")
    assert run.returncode == 1
    assert "Traceback" not in run.stderr
    [line] = error_lines(run.stderr)
    assert line.startswith(f"{folder}/publication.toml:3: error: unknown key 'langauge' (known: ")
    assert not (tmp_path / "out").exists()
