"""Exit codes as docs/ci.md documents them, from the CLI run as CI runs it (no TTY, CI=true).

0 ok · 1 a content, config or check failure · 2 usage · 70 a bug (traceback printed).
"""

from __future__ import annotations

import json
import re
import struct
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

import publisher.check
import publisher.cli
from publisher.cli import main
from tests.ci.support import ROOT, run_ci, schema_errors, terminal_garbage
from tests.helpers import write_folder

CONFIG = 'title = "T"\nidentifier = "urn:uuid:00000000-0000-4000-8000-000000000000"\n'


def tiny_png() -> bytes:
    """A valid 2 × 2 grey PNG."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", 2, 2, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x80\x80\x00\x80\x80")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


WARNINGS = {
    "image without alt text": {"a.md": "---\ntitle: A\n---\nText.\n\n![](pic.png)\n"},
    "unknown front-matter key": {"a.md": "---\ntitle: A\nflavour: mint\n---\nText.\n"},
}


def assert_plain(run) -> None:
    """No colour codes, carriage-return animations or other control characters in the logs."""
    assert terminal_garbage(run.stdout) == [], run.stdout
    assert terminal_garbage(run.stderr) == [], run.stderr


def test_success_exits_0(tmp_path):
    folder = write_folder(
        tmp_path / "src", {"publication.toml": CONFIG, "a.md": "---\ntitle: A\n---\nText.\n"}
    )
    run = run_ci("build", str(folder), "-o", str(tmp_path / "out"), "--format", "epub")
    assert run.returncode == 0, run.stderr
    assert_plain(run)
    progress = [line for line in run.stderr.splitlines() if line.startswith("… ")]
    assert progress and len(progress) == len(run.stderr.splitlines())  # one plain line each


def test_content_error_exits_1(tmp_path):
    folder = write_folder(
        tmp_path / "src",
        {"publication.toml": CONFIG, "a.md": "---\ntitle: A\ndate: 2026-13-45\n---\nText.\n"},
    )
    run = run_ci("build", str(folder), "-o", str(tmp_path / "out"))
    assert run.returncode == 1
    assert f"{folder / 'a.md'}:3: error:" in run.stderr
    assert "Traceback" not in run.stderr
    assert_plain(run)


@pytest.mark.parametrize("kind", sorted(WARNINGS))
def test_strict_fails_on_a_warning(tmp_path, kind):
    folder = write_folder(
        tmp_path / "src", {"publication.toml": CONFIG, "pic.png": tiny_png(), **WARNINGS[kind]}
    )
    out = tmp_path / "out"
    lenient = run_ci("build", str(folder), "-o", str(out), "--format", "epub")
    assert lenient.returncode == 0, lenient.stderr
    assert re.search(rf"{re.escape(str(folder / 'a.md'))}:\d+: warning: ", lenient.stderr)
    report = tmp_path / "strict.json"
    strict = run_ci(
        "build", str(folder), "-o", str(tmp_path / "strict"), "--strict", "--report", str(report)
    )
    assert strict.returncode == 1, strict.stderr
    assert re.search(
        rf"{re.escape(str(folder / 'a.md'))}:\d+: error: .*\(--strict\)", strict.stderr
    )
    assert not (tmp_path / "strict").exists()
    data = json.loads(report.read_text(encoding="utf-8"))
    assert schema_errors(data) == [] and data["exit_code"] == 1
    assert [e["kind"] for e in data["errors"]] == ["ManuscriptError"]


@pytest.mark.parametrize(
    "args",
    [
        ["build", "--format", "docx"],
        ["build", "--no-such-option"],
        ["build", "--report", "."],  # a folder, not a file
        ["check", "does-not-exist.epub"],
        ["publish"],
    ],
)
def test_usage_errors_exit_2(args, tmp_path):
    run = run_ci(*args, cwd=tmp_path)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert_plain(run)


def test_a_bug_exits_70_with_a_traceback_and_a_report(tmp_path, monkeypatch):
    def broken_build(*args, **kwargs):
        raise RuntimeError("deliberately broken")

    monkeypatch.setattr(publisher.cli, "build", broken_build)
    report = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--report", str(report)])
    assert result.exit_code == 70
    assert "Traceback" in result.stderr and "RuntimeError: deliberately broken" in result.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    assert schema_errors(data) == []
    assert data["exit_code"] == 70
    assert data["errors"][0]["message"] == "internal error: RuntimeError: deliberately broken"


def test_a_bug_in_a_checker_exits_70_not_1(tmp_path, monkeypatch):
    def broken_check(path: Path, publication=None, profile="print"):
        raise KeyError("checker bug")

    monkeypatch.setattr(publisher.check, "check_file", broken_check)
    book = tmp_path / "book.epub"
    book.write_bytes(b"PK")
    result = CliRunner().invoke(main, ["check", str(book)])
    assert result.exit_code == 70
    assert "KeyError: 'checker bug'" in result.stderr


def test_the_docs_document_the_exit_codes():
    page = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    section = page.split("## Exit codes", 1)[1]
    for code in ("0", "1", "2", "70", "130", "143"):
        assert re.search(rf"^\| `{code}` \|", section, re.MULTILINE), code
    cli = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code in ("0", "1", "2", "70", "130", "143"):
        assert f"`{code}`" in cli and f"`{code}`" in readme, code
