"""One hostile-but-valid publication, built once as EPUB and PDF for every test that reads it.

It is ``tests/fixtures/broken/unsafe`` (pasted scripts, frames, handlers, hiding styles)
plus articles made here: nesting right at the limits, awkward Unicode, and file names that
collide with the book's own pages and ids.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from publisher.load.limits import MAX_DEPTH, MAX_NESTING
from publisher.pipeline import BuildResult
from tests.conftest import EPOCH
from tests.helpers import build_with
from tests.hostile.support import copy_fixture

AT_THE_LIMITS = (
    "---\ntitle: Right at the Limits\n---\nLists and quotes as deep as allowed.\n\n"
    + "".join("    " * i + f"- level {i + 1}\n" for i in range(MAX_NESTING))
    + "\n"
    + "".join(">" * i + f" quoted {i}\n" for i in range(1, MAX_NESTING + 1))
    + "\n"
    + "<div>" * (MAX_DEPTH - 1)
    + "<p>The innermost of the raw divisions.</p>"
    + "</div>" * (MAX_DEPTH - 1)
    + "\n"
)
AWKWARD_UNICODE = (
    "---\ntitle: \u202eAwkward\u202c Unicode \U0001f30a\ntags: [\u200b, 'ok']\n---\n"
    "Right-to-left: \u05d4\u05e0\u05de\u05dc \u0627\u0644\u0645\u064a\u0646\u0627\u0621.\n\n"
    "Combining: e\u0301\u0301\u0301 and a family \U0001f468\u200d\U0001f469\u200d\U0001f467.\n\n"
    "Controls: bell\x07, escape\x1b[31m, form feed\x0c and vertical tab\x0b are dropped.\n\n"
    "Separators: line\u2028separator, next\u0085line, nonchar\ufdd0 and private\ue000use.\n\n"
    "References: &#1; &#xFFFE; &#xD800; &#0; &nbsp; &bogus; &#x110000;\n"
)
COLLIDING = {
    "toc.md": "---\ntitle: A Chapter Called Toc\n---\nIts file name is the contents page's.\n",
    "nav.md": "---\ntitle: A Chapter Called Nav\n---\nIts file name is the navigation's.\n",
    "cover.md": "---\ntitle: A Chapter Called Cover\n---\nIts file name is the cover's.\n",
    "part-1.md": "---\ntitle: A Chapter Called Part One\n---\nIts name is a part's id.\n",
    "ferry.md": (
        "---\ntitle: The Ferry\n---\n"
        '<p id="title">A raw paragraph with the id "title".</p>\n\n'
        "## Timetable\n\nIts heading id would be ferry-timetable, a chapter's slug.\n\n"
        "[Back to the timetable](#timetable)\n"
    ),
    "ferry-timetable.md": "---\ntitle: The Ferry Timetable\n---\nA chapter of its own.\n",
}


@dataclass(frozen=True)
class InertBook:
    """The built hostile publication: its folder, the build result, the two outputs."""

    folder: Path
    result: BuildResult
    epub: Path
    pdf: Path


@pytest.fixture(scope="session")
def inert_book(tmp_path_factory) -> InertBook:
    base = tmp_path_factory.mktemp("inert")
    folder = copy_fixture("unsafe", base / "unsafe")
    files = {"02-at-the-limits.md": AT_THE_LIMITS, "03-awkward-unicode.md": AWKWARD_UNICODE}
    for name, text in {**files, **COLLIDING}.items():
        (folder / name).write_text(text, encoding="utf-8")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        result = build_with(folder, ["epub", "pdf"], base / "out")
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    paths = {out.path.suffix: out.path for out in result.outputs}
    return InertBook(folder, result, paths[".epub"], paths[".pdf"])
