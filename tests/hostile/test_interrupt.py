"""Nothing half-written: Ctrl-C or kill in the middle of a build leaves the previous outputs
exactly as they were and no staging folder behind; a signal during the final moves waits.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from publisher import pipeline
from publisher.interrupts import Interrupted
from tests.helpers import build_with, write_folder

CONFIG = 'title = "Long Book"\nidentifier = "urn:uuid:a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d"\n'
SENTENCE = "The tide came in over the flats and the boats lifted one by one. "


def long_book(folder: Path, articles: int = 24) -> Path:
    """A publication whose PDF takes several seconds, so a signal lands mid-build."""
    files = {"publication.toml": CONFIG}
    for n in range(1, articles + 1):
        body = "\n\n".join(f"Paragraph {p} of article {n}. " + SENTENCE * 8 for p in range(25))
        files[f"{n:02d}-article.md"] = f"---\ntitle: Article {n}\n---\n{body}\n"
    return write_folder(folder, files)


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def staging_dirs(parent: Path) -> list[Path]:
    return [p for p in parent.iterdir() if "-staging-" in p.name]


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_mid_build_keeps_the_previous_outputs(tmp_path, signum, status):
    folder = long_book(tmp_path / "src")
    out = tmp_path / "out"
    out.mkdir()
    (out / "long-book.epub").write_bytes(b"previous EPUB")
    (out / "long-book.pdf").write_bytes(b"previous PDF")
    (out / "SHA256SUMS").write_bytes(b"previous sums\n")
    before = snapshot(out)
    command = [sys.executable, "-m", "publisher", "build", str(folder), "-o", str(out)]
    child = subprocess.Popen(
        [*command, "--no-cache", "--jobs", "1"],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not staging_dirs(tmp_path) and child.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert staging_dirs(tmp_path), "the build never reached the backends"
    time.sleep(0.5)  # well inside the backends: they take several seconds here
    child.send_signal(signum)
    stdout, stderr = child.communicate(timeout=120)
    assert child.returncode == status, stderr
    assert "interrupted: previous outputs left as they were" in stderr
    assert "Traceback" not in stderr and "wrote" not in stdout + stderr
    assert snapshot(out) == before
    assert staging_dirs(tmp_path) == []


def test_a_signal_while_moving_outputs_waits_until_all_are_in_place(tmp_path, monkeypatch):
    folder = write_folder(
        tmp_path / "src", {"publication.toml": CONFIG, "a.md": "---\ntitle: A\n---\nText.\n"}
    )
    out = tmp_path / "out"
    moves = []
    real_move = pipeline._move

    def move_then_get_killed(output, output_dir):
        if not moves:
            os.kill(os.getpid(), signal.SIGTERM)  # arrives in the middle of publishing
        moves.append(output.path.name)
        return real_move(output, output_dir)

    monkeypatch.setattr(pipeline, "_move", move_then_get_killed)
    with pytest.raises(Interrupted) as info:
        build_with(folder, ["epub", "pdf"], out)
    assert info.value.signum == signal.SIGTERM
    assert sorted(p.name for p in out.iterdir()) == [
        "SHA256SUMS",
        "long-book.epub",
        "long-book.pdf",
    ]
    assert moves == ["long-book.epub", "long-book.pdf"]
    assert staging_dirs(tmp_path) == []
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL  # the handler was put back


def test_staging_folders_of_dead_builds_are_cleared(tmp_path):
    folder = write_folder(
        tmp_path / "src", {"publication.toml": CONFIG, "a.md": "---\ntitle: A\n---\nText.\n"}
    )
    dead = tmp_path / ".out-staging-999999999-abcd"
    alive = tmp_path / f".out-staging-{os.getppid()}-efgh"
    for stale in (dead, alive):
        stale.mkdir()
        (stale / "half.epub").write_bytes(b"half")
    build_with(folder, ["epub"], tmp_path / "out")
    assert not dead.exists()
    assert alive.exists()  # its build may still be running


def test_a_signal_whose_exception_python_drops_still_stops_the_build():
    """A signal landing in a ``__del__`` or weakref callback (an import's lock clean-up, say)
    raises where Python only prints and drops the exception: the build must stop anyway,
    without a traceback."""
    guard = pipeline.SignalGuard()
    printed: list = []

    class Dropper:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGTERM)
            time.sleep(0.01)  # the handler runs here, inside __del__

    previous = sys.unraisablehook
    sys.unraisablehook = printed.append
    try:
        with guard.installed():
            Dropper()  # collected at once: its exception is "ignored"
            with pytest.raises(Interrupted):
                guard.check()
    finally:
        sys.unraisablehook = previous
    assert printed == []  # nothing reported as an ignored exception
