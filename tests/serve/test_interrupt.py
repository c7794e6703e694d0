"""Stopping ``publisher serve`` while a PDF rebuild's chunk workers are laying pages out:
it exits at once, cleanly, and leaves no process behind (workers, fork server).

The book has enough articles (MIN_CHAPTERS) for its PDF to be rendered in chunks by worker
processes, as a large book is. Two ways to stop it: SIGTERM to the serve process alone (a
service manager, ``kill``), and SIGINT to its whole process group (Ctrl-C in a terminal,
which reaches the workers too).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from publisher.backends.pdf.chunks import MIN_CHAPTERS
from tests.helpers import EPOCH, write_folder
from tests.serve.conftest import ROOT, _alive, _children

SENTENCE = "The pilot boat waited at the bar for the tide to turn. "
STOPPED_WITHIN_S = 15  # generous for a loaded machine; measured well under a second


def _chunked_book(folder: Path) -> Path:
    files = {"publication.toml": 'title = "Pilot Boats"\nlanguage = "en"\ndate = 2026-05-01\n'}
    for n in range(1, MIN_CHAPTERS + 1):
        body = "\n\n".join(f"Paragraph {p} of report {n}. " + SENTENCE * 6 for p in range(4))
        files[f"{n:03d}-report.md"] = f"---\ntitle: Report {n}\n---\n{body}\n"
    return write_folder(folder, files)


def _wait_for(lines: list[str], pattern: str, since: int, timeout: float) -> int:
    """Index of the first line from ``since`` on matching ``pattern``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for index in range(since, len(lines)):
            if re.search(pattern, lines[index]):
                return index
        time.sleep(0.02)
    raise AssertionError(f"never saw {pattern!r}: {lines[-15:]}")


@pytest.mark.parametrize("how", ["SIGTERM to the process", "SIGINT to the process group"])
def test_stopping_during_a_pdf_rebuild_is_quick_and_leaves_no_process(tmp_path, how):
    folder = _chunked_book(tmp_path / "book")
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "publisher", "serve", str(folder), "--port", "0"]
    command += ["--output", str(tmp_path / "served"), "--format", "pdf", "--jobs", "2"]
    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=tmp_path,
        start_new_session=True,  # its own process group, as a terminal's job is
    )
    lines: list[str] = []

    def read() -> None:
        for line in process.stderr:
            lines.append(line.rstrip("\n"))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        _wait_for(lines, r"^built in ", 0, 300)
        article = folder / "030-report.md"
        article.write_text(article.read_text("utf-8") + "\nOne more line.\n", "utf-8")
        since = _wait_for(lines, r"^changed: 030-report\.md", 0, 60)
        _wait_for(lines, r"rendering \d+ chunks on 2 processes", since, 120)
        workers = _children(process.pid)
        assert len(workers) >= 3, workers  # the fork server and its two chunk workers
        stopped = time.monotonic()
        if how.startswith("SIGTERM"):
            process.send_signal(signal.SIGTERM)
        else:
            os.killpg(process.pid, signal.SIGINT)
        code = process.wait(60)
        took = time.monotonic() - stopped
        reader.join(5)
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        left = [pid for pid in workers if _alive(pid)]
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert code == 0, lines[-20:]
    assert "stopping" in lines
    assert not any("Traceback" in line for line in lines), lines
    assert not left, f"left running after {how}: {left}"
    assert took < STOPPED_WITHIN_S, f"{took:.1f} s from the signal to the exit"
    assert not list(tmp_path.glob("**/.chunks-*")), "a chunk folder was left behind"
    assert not list(tmp_path.glob(".serve-*")), "the session's work folder was left behind"
