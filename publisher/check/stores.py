"""What each ebook store would reject in a finished EPUB, by the stores' published rules.

Run by ``publisher check`` (and ``build --check``) after EPUBCheck, so that one run says
which store would refuse the file and why. The rules, as the stores publish them
(docs/distribution.md keeps the sources):

- **Apple Books** (Apple Books Asset Guide, "Prepare your book"): passes the current
  EPUBCheck; EPUB 3; at most 2 GB; no image inside the book over 4 million pixels.
- **Google Play Books** (Partner Center help, "Files and uploading"): the EPUB holds its front
  cover; the cover's shorter side at least 640 px and neither side over 7,200 px; under 2 GB.
- **Kobo** (Kobo Writing Life): files that fail EPUBCheck are rejected.
- **Kindle Direct Publishing** (KDP help, eBook manuscript formats): EPUB accepted, at most
  650 MB, a cover image.

Each broken rule is a warning naming the store (a book need not go to every store); the
report's ``stores`` fact lists the reasons per store, empty when a store would take the file.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

from lxml import etree
from PIL import Image

from publisher.check import Finding

OPF = "{http://www.idpf.org/2007/opf}"
GIB, MIB = 1 << 30, 1 << 20
STORES = ("Apple Books", "Google Play Books", "Kobo", "Kindle Direct Publishing")
APPLE_MAX_PIXELS = 4_000_000
GOOGLE_COVER_MIN, GOOGLE_COVER_MAX = 640, 7200
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")


def store_findings(path: Path, epubcheck_errors: int, facts: dict[str, object]) -> list[Finding]:
    """Warnings for each store that would reject ``path``; ``facts["stores"]`` gets the
    reasons per store."""
    reasons: dict[str, list[str]] = {store: [] for store in STORES}
    size = path.stat().st_size
    with zipfile.ZipFile(path) as archive:
        package, images, cover = _package(archive)
    if epubcheck_errors:
        failed = f"EPUBCheck reports {epubcheck_errors} error(s)"
        for store in ("Apple Books", "Google Play Books", "Kobo"):
            reasons[store].append(failed)
    if not package.get("version", "").startswith("3"):
        reasons["Apple Books"].append("not an EPUB 3 package")
    if size > 2 * GIB:
        reasons["Apple Books"].append("larger than 2 GB")
        reasons["Google Play Books"].append("larger than 2 GB")
    if size > 650 * MIB:
        reasons["Kindle Direct Publishing"].append("larger than 650 MB")
    for name, (width, height) in images.items():
        if width * height > APPLE_MAX_PIXELS:
            reasons["Apple Books"].append(f"{name} has {width} x {height} px, over 4 million")
    reasons["Google Play Books"] += _google_cover(cover)
    if cover is None:
        reasons["Kindle Direct Publishing"].append("no cover image")
    facts["stores"] = reasons
    return [
        Finding("warning", f"{store} would reject this file: {reason}", "stores")
        for store, found in reasons.items()
        for reason in found
    ]


def _google_cover(cover: tuple[str, tuple[int, int]] | None) -> list[str]:
    if cover is None:
        return ["no front cover image inside the EPUB"]
    name, (width, height) = cover
    if min(width, height) < GOOGLE_COVER_MIN:
        return [f"cover {name} is {width} x {height} px, under {GOOGLE_COVER_MIN} px"]
    if max(width, height) > GOOGLE_COVER_MAX:
        return [f"cover {name} is {width} x {height} px, over {GOOGLE_COVER_MAX:,} px"]
    return []


def _package(
    archive: zipfile.ZipFile,
) -> tuple[etree._Element, dict[str, tuple[int, int]], tuple[str, tuple[int, int]] | None]:
    """The package element, every raster image's size, and the cover image with its size."""
    container = etree.fromstring(archive.read("META-INF/container.xml"))
    opf_name = container.find(".//{*}rootfile").get("full-path")
    package = etree.fromstring(archive.read(opf_name))
    base = PurePosixPath(opf_name).parent
    images: dict[str, tuple[int, int]] = {}
    cover = None
    for item in package.iter(f"{OPF}item"):
        if item.get("media-type") not in IMAGE_TYPES:
            continue
        name = str(base / item.get("href"))
        try:
            with Image.open(io.BytesIO(archive.read(name))) as image:
                images[name] = image.size
        except (OSError, KeyError):
            continue  # EPUBCheck reports a missing or broken image
        if "cover-image" in (item.get("properties") or "").split():
            cover = (name, images[name])
    return package, images, cover
