"""Re-packing an EPUB with remembered deflated members gives zipfile's own bytes."""

from __future__ import annotations

import io
import os
import zipfile
from datetime import datetime

from publisher.backends.epub import zipfile_repro
from publisher.backends.epub.zipfile_repro import reproducible_epub

WHEN = datetime(2026, 5, 28, 12, 0, 0)


def _archive(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _plain_zipfile(data: bytes) -> bytes:
    """The re-packing done with zipfile.writestr only (what the module did before)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        order = ["mimetype"] + [n for n in src.namelist() if n != "mimetype"]
        for name in order:
            info = zipfile.ZipInfo(name, date_time=WHEN.timetuple()[:6])
            info.create_system = 3
            info.external_attr = 0o644 << 16
            stored = name == "mimetype"
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name), compresslevel=None if stored else 6)
    return out.getvalue()


MEMBERS = {
    "EPUB/ch-1.xhtml": "<p>Ærø — “quoted” text, repeated. </p>".encode() * 400,
    "mimetype": b"application/epub+zip",
    "EPUB/images/noise.bin": os.urandom(50_000),  # does not compress
    "EPUB/empty.css": b"",
    "EPUB/ünïcode-name.xhtml": b"<p>a name outside ASCII</p>",
}


def test_first_and_remembered_packings_equal_zipfiles_own_bytes():
    source = _archive(MEMBERS)
    expected = _plain_zipfile(source)
    assert reproducible_epub(source, WHEN) == expected  # deflated afresh
    assert reproducible_epub(source, WHEN) == expected  # every member remembered
    with zipfile.ZipFile(io.BytesIO(expected)) as archive:
        assert archive.testzip() is None
        assert archive.namelist()[0] == "mimetype"


def test_one_changed_member_changes_only_itself():
    source = _archive(MEMBERS)
    reproducible_epub(source, WHEN)
    changed = dict(MEMBERS, **{"EPUB/ch-1.xhtml": b"<p>new text</p>"})
    assert reproducible_epub(_archive(changed), WHEN) == _plain_zipfile(_archive(changed))


def test_the_memory_keeps_to_its_budget():
    memory = zipfile_repro._Deflated(budget=100)
    for number in range(10):
        memory.put(bytes([number]), b"x" * 30)
    assert memory.size <= 100 and len(memory.members) == 3
    assert memory.get(bytes([9])) == b"x" * 30 and memory.get(bytes([0])) is None
