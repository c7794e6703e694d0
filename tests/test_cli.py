"""The command line, run as a user would: exit codes, one line per problem, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.helpers import write_folder

CONFIG = 'title = "T"\nidentifier = "urn:uuid:00000000-0000-4000-8000-000000000000"\n'


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "publisher", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
        check=False,
    )


def test_unclosed_quote_gives_one_line_exit_1_and_no_output(tmp_path):
    folder = write_folder(
        tmp_path / "src",
        {
            "publication.toml": CONFIG,
            "a.md": '---\ntitle: "Unclosed\n---\nBody.\n',
        },
    )
    out = tmp_path / "out"
    result = run("build", str(folder), "--output", str(out), "--format", "epub")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert len(errors) == 1, result.stderr
    assert errors[0].startswith(f"{folder / 'a.md'}:2: error: front matter")
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_every_bad_file_reported_and_previous_output_kept(tmp_path):
    folder = write_folder(
        tmp_path / "src",
        {
            "publication.toml": CONFIG,
            "a.md": "---\ntitle: Good\n---\nFine.\n",
            "b.md": "---\n- a list\n---\nBody\n",
            "c.md": "---\ntitle: T\ndate: 2013-13-45\n---\nBody\n",
        },
    )
    out = tmp_path / "out"
    out.mkdir()
    (out / "t.epub").write_bytes(b"previous build")
    result = run("build", str(folder), "--output", str(out), "--format", "epub")
    assert result.returncode == 1
    assert "b.md:2: error:" in result.stderr
    assert "c.md:3: error:" in result.stderr
    assert (out / "t.epub").read_bytes() == b"previous build"
    assert [p.name for p in out.iterdir()] == ["t.epub"]
    assert not [p for p in tmp_path.iterdir() if "staging" in p.name]


def test_usage_error_exits_2(tmp_path):
    result = run("build", "--format", "docx")
    assert result.returncode == 2


def test_successful_build_prints_summary(tmp_path):
    folder = write_folder(
        tmp_path / "src",
        {
            "publication.toml": CONFIG,
            "a.md": "---\ntitle: Good\n---\nFine.\n",
        },
    )
    out = tmp_path / "out"
    result = run("build", str(folder), "--output", str(out), "--format", "epub")
    assert result.returncode == 0, result.stderr
    assert f"wrote {out / 't.epub'}" in result.stdout
    assert "built 1 article in " in result.stdout and "with 0 warnings" in result.stdout
    assert (out / "t.epub").is_file()
