"""Rewrite a ZIP archive so that the same content always gives the same bytes.

Deflating every member is most of the re-packing's time, and a rebuild (``publisher serve``)
packs mostly the same members again: the deflated bytes of recent members are kept in a
small memory (by the SHA-256 of their content, at most DEFLATED_BUDGET bytes) and written
as they are, into exactly the bytes ``zipfile`` itself writes (tested).
"""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from collections import OrderedDict
from datetime import datetime

# The years a ZIP entry's (MS-DOS) time can hold; a book dated outside them gets the nearest.
ZIP_FIRST = datetime(1980, 1, 1)
ZIP_LAST = datetime(2107, 12, 31, 23, 59, 58)
LEVEL = 6
DEFLATED_BUDGET = 64 << 20  # bytes of deflated members remembered between builds


class _Deflated:
    """Deflated members by the digest of their content, least recently used dropped first."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.size = 0
        self.members: OrderedDict[bytes, bytes] = OrderedDict()

    def get(self, key: bytes) -> bytes | None:
        raw = self.members.get(key)
        if raw is not None:
            self.members.move_to_end(key)
        return raw

    def put(self, key: bytes, raw: bytes) -> None:
        self.members[key] = raw
        self.size += len(raw)
        while self.size > self.budget:
            self.size -= len(self.members.popitem(last=False)[1])


_deflated = _Deflated(DEFLATED_BUDGET)


def reproducible_epub(data: bytes, timestamp: datetime) -> bytes:
    """Re-pack an EPUB: ``mimetype`` first and stored, fixed times and attributes, stable order.

    ebooklib stamps every entry with the current time; this makes the archive depend only on
    its content and the build date.
    """
    stamp = min(max(timestamp, ZIP_FIRST), ZIP_LAST).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        order = ["mimetype"] + [n for n in names if n != "mimetype"]
        for name in order:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.create_system = 3
            info.external_attr = 0o644 << 16
            content = src.read(name)
            if name == "mimetype" or not _write_deflated(dst, info, content):
                stored = name == "mimetype"
                info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
                dst.writestr(info, content, compresslevel=None if stored else LEVEL)
    return out.getvalue()


def _write_deflated(dst: zipfile.ZipFile, info: zipfile.ZipInfo, content: bytes) -> bool:
    """Write one deflated member as ``writestr`` would, reusing remembered deflated bytes;
    False (nothing written) where ``zipfile`` would need ZIP64 or a data descriptor."""
    if len(content) > 1 << 30 or not hasattr(dst, "start_dir") or not dst.fp.seekable():
        return False
    key = hashlib.sha256(content).digest()
    raw = _deflated.get(key)
    if raw is None:
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)  # as zipfile deflates
        raw = compressor.compress(content) + compressor.flush()
        _deflated.put(key, raw)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.file_size = len(content)
    info.compress_size = len(raw)
    info.CRC = zlib.crc32(content)
    info.header_offset = dst.fp.tell()
    dst.fp.write(info.FileHeader(False))
    dst.fp.write(raw)
    dst.filelist.append(info)
    dst.NameToInfo[info.filename] = info
    dst.start_dir = dst.fp.tell()
    dst._didModify = True
    return True
