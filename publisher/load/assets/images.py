"""Is this file really an image a book may carry? Format, size, and nothing active inside.

A ``.png`` that is really a JPEG (or a text file) makes EPUBCheck fail and WeasyPrint drop
the picture without a word; an enormous image exhausts memory; an SVG can hold scripts,
event handlers and references to outside files, which reading systems would run or fetch.
Each of these is an AssetError naming the image.
"""

from __future__ import annotations

import io
import re
import warnings
from pathlib import Path

from lxml import etree

from publisher.errors import AssetError, SourceLocation
from publisher.load.limits import MAX_IMAGE_BYTES

MAX_PIXELS = 89_478_485  # Pillow's own decompression-bomb warning threshold
RASTER = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
SUFFIXES = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/svg+xml": ".svg",
}
SVG = "http://www.w3.org/2000/svg"
_SVG_ACTIVE = {"script", "foreignObject", "iframe", "embed", "object", "handler", "listener"}
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)|@import", re.IGNORECASE)


def check_image_bytes(data: bytes, label: str, where: SourceLocation) -> tuple[str, str]:
    """The media type and file suffix of image ``data``, or an AssetError saying why not."""
    if len(data) > MAX_IMAGE_BYTES:
        raise AssetError(f"{label} is larger than {MAX_IMAGE_BYTES // 2**20} MiB", where)
    if _looks_like_svg(data):
        check_svg(data, label, where)
        return "image/svg+xml", ".svg"
    media_type = _raster_type(io.BytesIO(data), label, where)
    return media_type, SUFFIXES[media_type]


def check_image_file(path: Path, expected: str, label: str, where: SourceLocation) -> None:
    """Refuse an image file that is too big, unreadable, unsafe or not the type its name says.

    Raster images are identified from their header only, so checking a photo is cheap.
    """
    if path.stat().st_size > MAX_IMAGE_BYTES:
        raise AssetError(f"{label} is larger than {MAX_IMAGE_BYTES // 2**20} MiB", where)
    if expected == "image/svg+xml":
        check_svg(path.read_bytes(), label, where)
        return
    actual = _raster_type(path, label, where)
    if actual != expected:
        raise AssetError(
            f"{label} is named like {_name(expected)} but holds {_name(actual)}; "
            "rename it or convert it",
            where,
        )


def check_svg(data: bytes, label: str, where: SourceLocation) -> None:
    """Refuse SVG that is malformed, declares entities, or holds scripts or outside links."""
    if b"<!ENTITY" in data:
        raise AssetError(f"{label}: SVG with entity declarations is not accepted", where)
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise AssetError(f"{label} is not well-formed SVG ({exc})", where) from None
    for el in root.iter():
        problem = _svg_problem(el)
        if problem:
            raise AssetError(f"{label}: {problem}; remove it from the SVG", where)


def _svg_problem(el: etree._Element) -> str | None:
    if not isinstance(el.tag, str):
        return None
    local = etree.QName(el).localname
    if local in _SVG_ACTIVE:
        return f"it contains a <{local}> element"
    if local == "style" and _CSS_URL.search(el.text or ""):
        return "its style sheet refers to an outside file"
    for name, value in el.attrib.items():
        attr = etree.QName(name).localname
        if attr.lower().startswith("on"):
            return f"it has an '{attr}' event handler"
        if attr == "href" and not value.strip().startswith(("#", "data:image/")):
            return f"it refers to an outside file or address ('{value[:60]}')"
        if attr == "style" and _CSS_URL.search(value):
            return "a style attribute refers to an outside file"
    return None


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in data


def _raster_type(source: Path | io.BytesIO, label: str, where: SourceLocation) -> str:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # MAX_PIXELS below is the limit we report
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                kind, (width, height) = image.format, image.size
    except Image.DecompressionBombError:
        raise AssetError(f"{label} has too many pixels to be safe to open", where) from None
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise AssetError(f"{label} is not a readable image file", where) from None
    if kind not in RASTER:
        raise AssetError(f"{label} is a {kind} image; use PNG, JPEG, GIF, WebP or SVG", where)
    if width * height > MAX_PIXELS:
        raise AssetError(
            f"{label} is {width}×{height} pixels; at most {MAX_PIXELS // 10**6} million "
            "are accepted",
            where,
        )
    return RASTER[kind]


def _name(media_type: str) -> str:
    return {"image/svg+xml": "SVG"}.get(media_type, media_type.split("/")[1].upper())
