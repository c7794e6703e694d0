"""Loading in worker processes gives exactly what loading in one process gives."""

from __future__ import annotations

from datetime import UTC, datetime

from publisher.config import load_config
from publisher.errors import PublisherError
from publisher.load.parallel import PARALLEL_MIN
from tests.helpers import load_with, write_folder

WHEN = datetime(2026, 1, 1, tzinfo=UTC)


def test_parallel_load_equals_serial_load_with_warnings_in_order(tmp_path):
    files = {"publication.toml": 'title = "Many"\n'}
    for n in range(PARALLEL_MIN + 4):
        extra = "colour: blue\n" if n % 10 == 3 else ""  # an unknown key: a warning
        files[f"a{n:03d}.md"] = (
            f"---\ntitle: Article {n}\n{extra}---\n\nBody {n} with a note.[^1]\n\n"
            f"## Part {n}\n\n[^1]: Note {n}.\n"
        )
    folder = write_folder(tmp_path, files)
    config = load_config(folder)
    serial: list[PublisherError] = []
    parallel: list[PublisherError] = []
    one = load_with(config, WHEN, serial.append, jobs=1)
    two = load_with(config, WHEN, parallel.append, jobs=2)
    assert one == two
    assert [str(w) for w in serial] == [str(w) for w in parallel]
    expected = len([n for n in range(PARALLEL_MIN + 4) if n % 10 == 3])
    assert len(serial) == expected > 0


def test_errors_from_workers_keep_file_and_line(tmp_path):
    files = {"publication.toml": 'title = "Many"\n'}
    for n in range(PARALLEL_MIN + 1):
        files[f"a{n:03d}.md"] = f"---\ntitle: Article {n}\n---\n\nBody.\n"
    files["a007.md"] = "---\ntitle: Bad\ndate: 2013-13-45\n---\n\nBody.\n"
    folder = write_folder(tmp_path, files)
    try:
        load_with(load_config(folder), WHEN, lambda w: None, jobs=2)
    except PublisherError as exc:
        assert str(exc).startswith(f"{folder / 'a007.md'}:3: error:")
    else:
        raise AssertionError("the impossible date was not reported")
