"""Worker pools share one fork server: what any caller asked to preload before it started is
imported there once, and workers fork with it (interrupts.worker_context)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# Run in a fresh interpreter: the test process may have a fork server running already.
SCRIPT = """
import sys
from concurrent.futures import ProcessPoolExecutor

from publisher.interrupts import end_helper_processes, worker_context

if __name__ == "__main__":
    for modules in sys.argv[1:]:
        context = worker_context(*modules.split(","))
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        loaded = pool.submit(eval, "sorted(__import__('sys').modules)").result()
    print(" ".join(m for m in loaded if m in ("weasyprint", "markdown", "publisher.load.article")))
    end_helper_processes()
"""


def _preloaded_in_a_worker(tmp_path: Path, *asked: str) -> set[str]:
    script = tmp_path / "pool.py"
    script.write_text(textwrap.dedent(SCRIPT), encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    run = subprocess.run(
        [sys.executable, str(script), *asked], capture_output=True, text=True, env=env, timeout=120
    )
    assert run.returncode == 0, run.stderr
    return set(run.stdout.split())


def test_what_an_earlier_caller_asked_for_is_imported_before_workers_fork(tmp_path):
    # The pipeline asks for WeasyPrint; the loader's pool then starts the server.
    found = _preloaded_in_a_worker(
        tmp_path, "publisher.backends.pdf.weasy", "publisher.load.article,publisher.load.body.xhtml"
    )
    assert found == {"weasyprint", "markdown", "publisher.load.article"}


def test_nothing_heavy_is_imported_unless_asked(tmp_path):
    found = _preloaded_in_a_worker(tmp_path, "publisher.load.article")
    assert "weasyprint" not in found and "publisher.load.article" in found
