"""EPUB and PDF: errors come out as in a serial build; the EPUB takes the PDF's page map,
or, without a page-list, is written in a thread while the PDF renders."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from publisher import pipeline
from publisher.backends import Output
from publisher.errors import BackendError
from publisher.render.pagemap import PageMap, PageStart
from tests.conftest import HARD
from tests.helpers import build_with

MAP = PageMap((PageStart("1", "ch"),))


def _fake(fail: set[str], seen: dict[str, str], maps: dict | None = None):
    def get_backend(name: str):
        def backend(pub, theme, staging: Path, options, settings, progress, **extra) -> Output:
            seen[name] = threading.current_thread().name
            if maps is not None and "page_map" in extra:
                maps[name] = extra["page_map"]
            if name in fail:
                raise BackendError(f"{name} broke")
            path = staging / f"book.{name}"
            path.write_bytes(name.encode())
            return Output(path, page_map=MAP if name == "pdf" else None)

        return backend

    return get_backend


@pytest.mark.parametrize(
    ("fail", "expected"), [({"epub", "pdf"}, "epub broke"), ({"pdf"}, "pdf broke")]
)
def test_first_failing_format_is_the_error(monkeypatch, tmp_path, fail, expected) -> None:
    seen: dict[str, str] = {}
    monkeypatch.setattr(pipeline, "get_backend", _fake(fail, seen))
    with pytest.raises(BackendError, match=expected):
        build_with(HARD, ["epub", "pdf"], tmp_path / "out")
    assert set(seen) == {"epub", "pdf"}  # both ran
    assert not (tmp_path / "out").exists()  # and nothing was published


def test_the_epub_gets_the_page_map_of_the_pdf_written_first(monkeypatch, tmp_path) -> None:
    seen: dict[str, str] = {}
    maps: dict = {}
    monkeypatch.setattr(pipeline, "get_backend", _fake(set(), seen, maps))
    result = build_with(HARD, ["epub", "pdf"], tmp_path / "out")
    assert [o.path.read_bytes() for o in result.outputs] == [b"epub", b"pdf"]
    assert maps == {"epub": MAP}


def test_without_a_page_list_the_epub_runs_in_a_thread_beside_the_pdf(
    monkeypatch, tmp_path
) -> None:
    seen: dict[str, str] = {}
    monkeypatch.setattr(pipeline, "get_backend", _fake(set(), seen))
    result = build_with(HARD, ["epub", "pdf"], tmp_path / "out", page_list=False)
    assert [o.path.read_bytes() for o in result.outputs] == [b"epub", b"pdf"]
    assert seen["pdf"] == "MainThread" != seen["epub"]
    assert {"epub", "pdf"} <= set(result.timings)


def test_jobs_must_be_positive(tmp_path) -> None:
    from click.testing import CliRunner

    from publisher.cli import main

    run = CliRunner().invoke(main, ["build", str(HARD), "--jobs", "0", "-o", str(tmp_path)])
    assert run.exit_code == 2
    assert "--jobs" in run.output
