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


@pytest.mark.parametrize("book", ["sample_pdf", "hard_pdf", "rtl_pdf"])
def test_outloud_finds_no_pdf_ua_error(book, request):
    result = outloud(request.getfixturevalue(book))
    errors = [f for f in result["findings"] if f["severity"] == "error"]
    assert result["counts"]["error"] == 0, errors


def test_folios_and_running_heads_are_pagination_artifacts(sample_pdf):
    with pikepdf.open(sample_pdf) as pdf:
        per_page = [_pagination_artifacts(page) for page in pdf.pages]
    assert max(per_page) >= 2  # a text page: its folio and its running head
    assert sum(1 for count in per_page if count) > len(per_page) / 2


def _pagination_artifacts(page: pikepdf.Page) -> int:
    return sum(
        1
        for operands, operator in pikepdf.parse_content_stream(page.obj)
        if str(operator) == "BDC"
        and operands[0] == "/Artifact"
        and isinstance(operands[1], pikepdf.Dictionary)
        and operands[1].get("/Type") == "/Pagination"
    )
