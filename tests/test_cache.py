"""The article cache: rebuilds reuse loaded articles, yet outputs and warnings are the same."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from publisher.cache import CACHE_ENV, ArticleCache, cache_dir
from publisher.config import load_config
from publisher.errors import AssetError, PublisherError
from publisher.render.cover import cover_design, cover_key
from tests.conftest import EPOCH, HARD
from tests.helpers import build_with, load_with, write_folder

WARNED = """
---
title: A Piece With a Stray Key
date: 2026-02-02
authors: [Mina Okafor]
flavour: salty
---

The tide came in twice today, which the harbour master called ordinary.
"""


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    """The hard fixture plus one article whose front matter earns a warning."""
    root = tmp_path_factory.mktemp("cached") / "book"
    shutil.copytree(HARD, root)
    write_folder(root, {"05-stray-key.md": WARNED})
    toml = root / "publication.toml"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        text.replace(
            '"04-pilots-notebook.md",', '"04-pilots-notebook.md",\n    "05-stray-key.md",'
        ),
        encoding="utf-8",
    )
    return root


def _build(folder: Path, out: Path, cache: bool, formats: tuple[str, ...] = ("epub",)):
    said: list[str] = []
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        result = build_with(folder, list(formats), out, cache=cache, progress=said.append)
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return result, said


def _messages(warnings: list[PublisherError]) -> list[str]:
    return [str(w) for w in warnings]


@pytest.fixture(scope="module")
def builds(book: Path, tmp_path_factory) -> dict:
    """A clean build without the cache, then a cold and a warm build with one."""
    base = tmp_path_factory.mktemp("cache-builds")
    previous = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(base / "cache")
    try:
        found = {
            "clean": _build(book, base / "clean", cache=False),
            "cold": _build(book, base / "cold", cache=True),
            "warm": _build(book, base / "warm", cache=True),
        }
    finally:
        os.environ.pop(CACHE_ENV) if previous is None else os.environ.update({CACHE_ENV: previous})
    found["cache"] = base / "cache"
    return found


def test_warm_build_takes_every_article_from_the_cache(builds) -> None:
    assert not any("from the cache" in line for line in builds["cold"][1])
    assert any("loaded 5 articles in 1 part (5 from the cache)" in x for x in builds["warm"][1])


def test_cached_output_is_byte_identical_to_a_clean_build(builds) -> None:
    clean, cold, warm = (
        builds[k][0].outputs[0].path.read_bytes() for k in ("clean", "cold", "warm")
    )
    assert clean == cold == warm


def test_cached_articles_still_report_their_warnings(builds) -> None:
    clean = _messages(builds["clean"][0].warnings)
    assert any("unknown front-matter key 'flavour'" in m for m in clean)
    assert _messages(builds["warm"][0].warnings) == clean
    assert _messages(builds["cold"][0].warnings) == clean


def test_changing_one_article_misses_only_that_one(
    book: Path, builds, tmp_path: Path, monkeypatch
) -> None:
    changed = tmp_path / "book"
    shutil.copytree(book, changed)
    path = changed / "05-stray-key.md"
    path.write_text(path.read_text(encoding="utf-8").replace("twice", "three times"), "utf-8")
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    shutil.copytree(builds["cache"], tmp_path / "cache")
    _build(changed, tmp_path / "first", cache=True)  # warms the copied folder's own entries
    path.write_text(path.read_text(encoding="utf-8").replace("three", "four"), "utf-8")
    warm, said = _build(changed, tmp_path / "warm", cache=True)
    clean, _ = _build(changed, tmp_path / "clean", cache=False)
    assert any("(4 from the cache)" in line for line in said)
    assert warm.outputs[0].path.read_bytes() == clean.outputs[0].path.read_bytes()
    assert b"four times" in _chapter_bytes(warm.outputs[0].path)


def _chapter_bytes(epub: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(epub) as archive:
        return b"".join(archive.read(n) for n in archive.namelist() if n.endswith(".xhtml"))


def test_damaged_entries_are_misses_and_get_rewritten(
    book: Path, builds, tmp_path, monkeypatch
) -> None:
    cache = tmp_path / "cache"
    shutil.copytree(builds["cache"], cache)
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert len([p for p in entries if p.parent.parent.name == "articles"]) == 5
    assert {"covers", "templates"} <= {p.parent.name for p in entries}
    for entry in entries:  # articles, the cover and compiled templates alike
        entry.write_bytes(entry.read_bytes()[:40])
    monkeypatch.setenv(CACHE_ENV, str(cache))
    result, said = _build(book, tmp_path / "out", cache=True)
    assert not any("from the cache" in line for line in said)
    assert result.outputs[0].path.read_bytes() == builds["clean"][0].outputs[0].path.read_bytes()
    _, said = _build(book, tmp_path / "again", cache=True)
    assert any("(5 from the cache)" in line for line in said)


def test_a_vanished_image_is_reported_even_when_cached(
    book: Path, builds, tmp_path, monkeypatch
) -> None:
    copy = tmp_path / "book"
    shutil.copytree(book, copy)
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    _build(copy, tmp_path / "first", cache=True)
    (copy / "images" / "mudflat-area.png").unlink()
    with pytest.raises(PublisherError) as caught:
        _build(copy, tmp_path / "second", cache=True)
    errors = getattr(caught.value, "errors", (caught.value,))
    assert any(isinstance(e, AssetError) and "mudflat-area.png" in e.message for e in errors)


def test_key_depends_on_source_and_context(tmp_path: Path) -> None:
    cache = ArticleCache(tmp_path)
    base = cache.key(b"text", "a.md", "/book", "a", "en")
    assert base == cache.key(b"text", "a.md", "/book", "a", "en")
    assert base != cache.key(b"text!", "a.md", "/book", "a", "en")
    assert base != cache.key(b"text", "a.md", "/book", "a", "de")
    assert base != cache.key(b"text", "a.md", "/book", "a-2", "en")


def test_cache_location_follows_the_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "explicit"))
    assert cache_dir() == tmp_path / "explicit"
    monkeypatch.delenv(CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "xdg" / "publisher"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "publisher"


def test_no_cache_flag_neither_reads_nor_writes(book: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {**os.environ, CACHE_ENV: str(cache), "SOURCE_DATE_EPOCH": EPOCH}
    exe = Path(sys.executable).parent / "publisher"
    command = [str(exe), "build", str(book), "--format", "epub", "-o", str(tmp_path / "o")]
    run = subprocess.run([*command, "--no-cache"], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert not cache.exists()
    run = subprocess.run(command, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert len([p for p in (cache / "articles").rglob("*") if p.is_file()]) == 5
    assert len(list((cache / "covers").iterdir())) == 1  # the generated cover
    assert list((cache / "templates").iterdir())  # compiled templates


def test_warm_build_draws_no_cover_and_compiles_no_template(
    book: Path, builds, tmp_path: Path, monkeypatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("drawn or compiled again")

    monkeypatch.setenv(CACHE_ENV, str(builds["cache"]))
    monkeypatch.setattr("publisher.backends.epub.render_cover", refuse)
    monkeypatch.setattr("jinja2.Environment._compile", refuse)
    result, _ = _build(book, tmp_path / "again", cache=True)
    assert result.outputs[0].path.read_bytes() == builds["clean"][0].outputs[0].path.read_bytes()


def test_the_cover_key_is_the_same_in_every_process(book: Path) -> None:
    script = (
        "from datetime import UTC, datetime\n"
        "from pathlib import Path\n"
        "from publisher.config import load_config\n"
        "from publisher.load import load_publication\n"
        "from publisher.options import BuildOptions\n"
        "from publisher.render.cover import cover_design, cover_key\n"
        "from publisher.render.theme import load_theme\n"
        f"root = Path({str(book)!r})\n"
        "when = datetime(2026, 1, 1, tzinfo=UTC)\n"
        "pub = load_publication(load_config(root), BuildOptions(), when, print)\n"
        "fonts = [font.source for font in load_theme(root).fonts]\n"
        "print(cover_key(pub.metadata, cover_design('', fonts)))\n"
    )
    keys = set()
    for seed in ("1", "2", "3"):  # string hashing (set and dict order) differs per process
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run(
            [sys.executable, "-c", script], env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, run.stderr
        keys.add(run.stdout.split()[-1])
    assert len(keys) == 1


def test_the_cover_key_follows_what_the_cover_shows(book: Path) -> None:
    pub = load_with(load_config(book), datetime(2026, 1, 1, tzinfo=UTC), lambda w: None)
    meta, design = pub.metadata, cover_design("")
    assert cover_key(meta, design) == cover_key(
        replace(meta, modified="2030-01-01T00:00:00Z"), design
    )
    assert cover_key(replace(meta, title=meta.title + " II"), design) != cover_key(meta, design)
    assert cover_key(meta, replace(design, ink="#123456")) != cover_key(meta, design)


def _epub_only_modules(book: Path, out: Path, cache: Path, page_list: bool = True) -> list[str]:
    """Which of weasyprint, pydyf and babel an EPUB-only build imports, in a new process."""
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from publisher.options import BuildOptions\n"
        "from publisher.pipeline import build\n"
        f"out, paged = Path({str(out)!r}), {page_list}\n"
        "options = BuildOptions(('epub',), out, cache=True, page_list=paged)\n"
        f"build(Path({str(book)!r}), options)\n"
        "print('weasyprint' in sys.modules, 'pydyf' in sys.modules, 'babel' in sys.modules)\n"
    )
    env = {**os.environ, CACHE_ENV: str(cache)}
    run = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    return run.stdout.split()


def test_epub_only_build_never_imports_weasyprint_nor_babel_in_english(
    book: Path, tmp_path: Path
) -> None:
    """Without a page-list, and with the page map an earlier build left in the cache, an
    EPUB-only build needs no print engine; the first one lays the print edition out."""
    assert _epub_only_modules(book, tmp_path / "a", tmp_path / "c1", page_list=False) == [
        "False",
        "False",
        "False",
    ]
    first = _epub_only_modules(book, tmp_path / "b", tmp_path / "c2")
    assert first[:2] == ["True", "True"]  # laid out once, for the page-list
    assert _epub_only_modules(book, tmp_path / "c", tmp_path / "c2") == ["False", "False", "False"]


def test_an_oversized_manuscript_is_never_read_for_the_cache(tmp_path: Path, monkeypatch) -> None:
    import publisher.safety.files as files
    from publisher.load.article import ArticleContext
    from publisher.load.limits import MAX_MANUSCRIPT_BYTES
    from publisher.load.parallel import _cached

    big = tmp_path / "big.md"
    with big.open("wb") as out:  # sparse: large on paper, nothing to read in practice
        out.truncate(MAX_MANUSCRIPT_BYTES + 1)
    monkeypatch.setattr(files.os, "read", lambda *a: pytest.fail(f"{big} was read"))
    ctx = ArticleContext(tmp_path, "big", lambda w: None)
    assert _cached(big, ctx, ArticleCache(tmp_path / "cache")) == (None, None, None)
