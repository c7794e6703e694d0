"""Is this file really an image a book may carry? Format, size, whole, and nothing active.

A ``.png`` that is really a JPEG (or a text file) makes EPUBCheck fail and WeasyPrint drop
the picture without a word; a truncated one prints half blank; an enormous image exhausts
memory; an SVG can hold scripts, event handlers and references to outside files, which
reading systems would run or fetch (safety/svg.py). Each of these is an AssetError naming the
image. The checks work on bytes already read (safety/files.py): what is checked is packaged.
"""

from __future__ import annotations

import io
import warnings
import zlib

from publisher.errors import AssetError, SourceLocation
from publisher.load.limits import MAX_IMAGE_BYTES
from publisher.safety.svg import svg_problem

MAX_EMBEDDED = 3  # data: images inside an SVG inside an SVG…
MAX_PIXELS = 89_478_485  # Pillow's own decompression-bomb warning threshold
RASTER = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}
SUFFIXES = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/svg+xml": ".svg",
}


def check_image_bytes(
    data: bytes, label: str, where: SourceLocation, depth: int = 0
) -> tuple[str, str]:
    """The media type and file suffix of image ``data``, or an AssetError saying why not."""
    if len(data) > MAX_IMAGE_BYTES:
        raise AssetError(f"{label} is larger than {MAX_IMAGE_BYTES // 2**20} MiB", where)
    if _looks_like_svg(data):
        check_svg(data, label, where, depth)
        return "image/svg+xml", ".svg"
    media_type = _raster_type(data, label, where)
    return media_type, SUFFIXES[media_type]


def check_image_data(data: bytes, expected: str, label: str, where: SourceLocation) -> None:
    """Refuse image bytes that are unsafe, damaged, or not the type their name says.

    Raster images are decoded whole, once: a truncated JPEG or PNG is an error here rather
    than a picture printed half blank.
    """
    if expected == "image/svg+xml":
        check_svg(data, label, where)
        return
    actual = _raster_type(data, label, where)
    if actual != expected:
        raise AssetError(
            f"{label} is named like {_name(expected)} but holds {_name(actual)}; "
            "rename it or convert it",
            where,
        )


def check_svg(data: bytes, label: str, where: SourceLocation, depth: int = 0) -> None:
    """Refuse SVG that is malformed or holds anything but a still, self-contained drawing
    (safety/svg.py); a ``data:`` image inside it is checked like an image file, to a few levels."""

    def embedded(inner: bytes) -> str | None:
        if depth >= MAX_EMBEDDED:
            return f"images nested inside images more than {MAX_EMBEDDED} deep"
        try:
            check_image_bytes(inner, "it", where, depth + 1)
        except AssetError as exc:
            return exc.message.removeprefix("it: ").removeprefix("it ")
        return None

    problem = svg_problem(data, embedded)
    if problem:
        raise AssetError(f"{label}: {problem}", where)


def _looks_like_svg(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in data


def _raster_type(data: bytes, label: str, where: SourceLocation) -> str:
    """The media type of raster image bytes, decoded whole (see check_image_data)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():  # MAX_PIXELS below is the limit we report
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind, (width, height) = image.format, image.size
                if kind in RASTER and width * height <= MAX_PIXELS:
                    _decode(image)
    except Image.DecompressionBombError:
        raise AssetError(f"{label} has too many pixels to be safe to open", where) from None
    except UnidentifiedImageError:
        raise AssetError(f"{label} is not a readable image file", where) from None
    except (OSError, ValueError, SyntaxError, EOFError, zlib.error) as exc:
        raise AssetError(
            f"{label} is damaged or truncated ({_reason(exc)}); export it again", where
        ) from None
    if kind not in RASTER:
        raise AssetError(f"{label} is a {kind} image; use PNG, JPEG, GIF, WebP or SVG", where)
    if width * height > MAX_PIXELS:
        raise AssetError(
            f"{label} is {width}×{height} pixels; at most {MAX_PIXELS // 10**6} million "
            "are accepted",
            where,
        )
    return RASTER[kind]


def _decode(image: object) -> None:
    """Decode every byte of the picture (and of each frame of an animation). A JPEG is
    decoded at an eighth of its size: its whole data is still read, in less memory."""
    if image.format == "JPEG":  # type: ignore[attr-defined]
        width, height = image.size  # type: ignore[attr-defined]
        image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))  # type: ignore[attr-defined]
    image.load()  # type: ignore[attr-defined]
    for frame in range(1, getattr(image, "n_frames", 1)):
        image.seek(frame)  # type: ignore[attr-defined]
        image.load()  # type: ignore[attr-defined]


def _reason(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:80]


def _name(media_type: str) -> str:
    return {"image/svg+xml": "SVG"}.get(media_type, media_type.split("/")[1].upper())
