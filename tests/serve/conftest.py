"""One small publication served once per test session by a real ``publisher serve`` process.

The server runs as a subprocess (as a user runs it) on a free port of 127.0.0.1, with a
fixed SOURCE_DATE_EPOCH so its outputs can be compared with a clean build byte for byte.
When the session ends it is stopped with Ctrl-C (SIGINT), and must exit cleanly, leaving
no child process behind.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.helpers import EPOCH

ROOT = Path(__file__).resolve().parents[2]

ARTICLES = {
    "01-harbour-wall.md": """\
        ---
        title: The Harbour Wall Gets Its Stones Back
        authors: [Morwen Tate]
        date: 2026-03-02
        ---
        Masons from three villages spent the spring lifting granite blocks back onto the
        harbour wall, one by one, after the February storms had thrown them onto the slipway.

        The work is slow: every stone is numbered, photographed and set in lime mortar.
        """,
    "02-ferry-timetable.md": """\
        ---
        title: A Timetable Written in Chalk
        authors: [Ines Calloway]
        date: 2026-03-09
        ---
        The ferry office still writes its winter sailings on a blackboard by the gangway,
        and regular passengers check it before they check the weather.
        """,
    "03-lamp-room.md": """\
        ---
        title: Inside the Lamp Room
        authors: [Tobias Rennick]
        date: 2026-03-16
        ---
        Above the last turn of the lighthouse stair, the lamp room smells of brass polish
        and paraffin, although the light has been electric for forty years.
        """,
}
CONFIG = """\
    title = "Notes from the Breakwater"
    language = "en"
    publisher = "Tidewater Test Press"
    date = 2026-04-01
    editors = ["Alba Kerrow"]
    """


def write_publication(folder: Path) -> Path:
    """The small test publication: three short articles and a publication.toml."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "publication.toml").write_text(textwrap.dedent(CONFIG), encoding="utf-8")
    for name, text in ARTICLES.items():
        (folder / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@dataclass
class Served:
    """A running ``publisher serve``: its process, address, folders and its output so far."""

    process: subprocess.Popen
    url: str
    folder: Path
    output: Path
    lines: list[str] = field(default_factory=list)

    def get(self, path: str, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
        """GET ``path``: status, headers and body."""
        try:
            with urllib.request.urlopen(self.url + path.lstrip("/"), timeout=timeout) as answer:
                return answer.status, dict(answer.headers), answer.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def status(self) -> dict:
        """The server's /status.json."""
        return json.loads(self.get("/status.json")[2])

    def wait_for(self, generation: int, timeout: float = 120) -> dict:
        """Wait until a finished build newer than ``generation`` is served; its status."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.status()
            if state["generation"] > generation and not state["building"]:
                return state
            time.sleep(0.1)
        raise AssertionError(f"no build after generation {generation}: {self.lines[-20:]}")


def _children(pid: int) -> set[int]:
    """Every descendant of ``pid`` (from /proc)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                kids = (task / "children").read_text().split()
            except OSError:
                continue
            for kid in map(int, kids):
                if kid not in found:
                    found.add(kid)
                    todo.append(kid)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _as_a_background_job() -> None:
    """Start the server as a shell starts ``publisher serve &``: with SIGINT ignored, which
    Python would keep; Ctrl-C (SIGINT) must stop it all the same."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.fixture(scope="session")
def served(tmp_path_factory) -> Served:
    """``publisher serve`` on the test publication (EPUB and PDF), after its first build."""
    base = tmp_path_factory.mktemp("serve")
    folder = write_publication(base / "book")
    output = base / "served"
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "publisher", "serve", str(folder), "--port", "0"]
    command += ["--output", str(output), "--jobs", "2"]
    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
        env=env,
        cwd=base,
        preexec_fn=_as_a_background_job,
    )
    lines: list[str] = []
    ready = threading.Event()
    url: list[str] = []

    def read() -> None:
        for line in process.stderr:
            lines.append(line.rstrip("\n"))
            found = re.search(r"serving (http://\S+)", line)
            if found:
                url.append(found.group(1))
                ready.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    if not ready.wait(60):
        process.kill()
        raise AssertionError(f"publisher serve did not start: {lines}")
    server = Served(process, url[0], folder, output, lines)
    server.wait_for(0)
    yield server
    children = _children(process.pid)
    process.send_signal(signal.SIGINT)
    code = process.wait(30)
    reader.join(5)
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [pid for pid in children if _alive(pid)]
    assert code == 0, lines[-20:]
    assert "stopping" in lines
    assert not left, f"child processes left running after Ctrl-C: {left}"
