"""Rewrite a ZIP archive so that the same content always gives the same bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import datetime

# The years a ZIP entry's (MS-DOS) time can hold; a book dated outside them gets the nearest.
ZIP_FIRST = datetime(1980, 1, 1)
ZIP_LAST = datetime(2107, 12, 31, 23, 59, 58)


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
            stored = name == "mimetype"
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name), compresslevel=None if stored else 6)
    return out.getvalue()
