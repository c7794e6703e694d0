"""Reproducible builds: same input and SOURCE_DATE_EPOCH → byte-identical EPUB and PDF,
whatever the time zone, the working folder, the output folder and where the sources live."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EPOCH, HARD, SAMPLE


def start_build(source: Path, cwd: Path, output: str, tz: str) -> subprocess.Popen:
    """Start ``publisher build`` as a separate process (its own TZ, cwd and output)."""
    cwd.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "TZ": tz}
    command = [sys.executable, "-m", "publisher", "build", str(source), "--output", output]
    return subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def digests(process: subprocess.Popen, folder: Path) -> dict[str, str]:
    """Wait for a build; SHA-256 of each EPUB and PDF it wrote, by suffix."""
    _, stderr = process.communicate(timeout=600)
    assert process.returncode == 0, stderr
    return {
        path.suffix: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.suffix in (".epub", ".pdf")
    }


@pytest.mark.parametrize("source", [SAMPLE, HARD], ids=["sample", "hard"])
def test_two_builds_in_different_time_zones_and_folders_are_identical(source, tmp_path):
    first_source = shutil.copytree(source, tmp_path / "a" / "src")
    second_source = shutil.copytree(source, tmp_path / "b" / "elsewhere" / "manuscripts")
    first = start_build(first_source, tmp_path / "a", "out", "UTC")
    second = start_build(second_source, tmp_path / "b" / "run", "../books/2", "Asia/Tokyo")
    one = digests(first, tmp_path / "a" / "out")
    two = digests(second, tmp_path / "b" / "books" / "2")
    assert sorted(one) == [".epub", ".pdf"]
    assert one == two


@pytest.mark.parametrize(
    ("when", "stamped"),
    [("1970-06-01", (1980, 1, 1, 0, 0, 0)), ("2150-01-01", (2107, 12, 31, 23, 59, 58))],
)
def test_a_book_dated_outside_zip_years_gets_the_nearest_zip_time(when, stamped) -> None:
    # A ZIP entry's time holds the years 1980-2107; publication.toml's date may not.
    import io
    import zipfile
    from datetime import datetime

    from publisher.backends.epub.zipfile_repro import reproducible_epub

    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w") as archive:
        archive.writestr("mimetype", "application/epub+zip")
        archive.writestr("EPUB/a.xhtml", "<html/>")
    out = reproducible_epub(packed.getvalue(), datetime.fromisoformat(when))
    with zipfile.ZipFile(io.BytesIO(out)) as archive:
        assert {info.date_time for info in archive.infolist()} == {stamped}
