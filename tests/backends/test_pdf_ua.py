"""PDF/UA-1 as outloud (an independent checker) reads the built PDFs: no errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest

OUTLOUD = str(Path(sys.executable).with_name("outloud"))  # installed with the test extra


def outloud(path: Path) -> dict:
    """outloud's JSON result for one PDF."""
    run = subprocess.run(
        [OUTLOUD, "--json", "-", "--fail-on", "never", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return json.loads(run.stdout)["results"][0]


@pytest.fixture(scope="session")
def hard_pdf(hard_build) -> Path:
    return next(o.path for o in hard_build.outputs if o.path.suffix == ".pdf")


@pytest.mark.parametrize("book", ["sample_pdf", "hard_pdf"])
def test_outloud_finds_no_pdf_ua_error(book, request):
    result = outloud(request.getfixturevalue(book))
    errors = [f for f in result["findings"] if f["severity"] == "error"]
    assert result["counts"]["error"] == 0, errors


def test_folios_and_running_heads_are_pagination_artifacts(sample_pdf):
    with pikepdf.open(sample_pdf) as pdf:
        page = pdf.pages[12]
        marks = [
            operands
            for operands, operator in pikepdf.parse_content_stream(page.obj)
            if str(operator) == "BDC"
        ]
        artifacts = [m for m in marks if m[0] == "/Artifact" and m[1].get("/Type") == "/Pagination"]
        assert len(artifacts) >= 2  # the folio and the running head of a text page
