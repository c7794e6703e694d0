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
