"""Resolve image references to local Assets, refusing anything outside the publication."""

from __future__ import annotations

import hashlib
import mimetypes
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from publisher.errors import AssetError, SourceLocation
from publisher.model import Asset

MEDIA_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
}
_SAFE_HREF = re.compile(r"^[A-Za-z0-9._/-]+$")


def resolve_image(
    src: str,
    base: Path,
    root: Path,
    where: SourceLocation,
    kind: str = "image",
    alt: str | None = None,
) -> Asset:
    """Turn an image reference written in ``base`` into an Asset inside ``root``.

    Remote URLs and paths that escape the publication folder (``..``, absolute paths,
    symlinks pointing out) are errors: building never reaches the network or the rest
    of the disk.
    """
    parts = urlsplit(src)
    if parts.scheme and len(parts.scheme) > 1:
        raise AssetError(f"remote image '{src}' is not fetched; copy it into the folder", where)
    if not src.strip():
        raise AssetError("image with an empty path", where)
    relative = unquote(parts.path)
    if Path(relative).is_absolute():
        raise AssetError(f"image path '{src}' is absolute; use a path inside the folder", where)
    root_real = root.resolve()
    target = (base / relative).resolve()
    if not target.is_relative_to(root_real):
        raise AssetError(f"image '{src}' is outside the publication folder", where)
    if not target.is_file():
        raise AssetError(f"image '{src}' does not exist", where)
    media_type = MEDIA_TYPES.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0]
    if media_type not in MEDIA_TYPES.values():
        raise AssetError(f"image '{src}' is not a PNG, JPEG, GIF, SVG or WebP file", where)
    return Asset(
        href=_book_href(target, root_real), media_type=media_type, source=target, kind=kind, alt=alt
    )


def _book_href(target: Path, root: Path) -> str:
    """A stable, URL-safe path for the image inside the book."""
    relative = target.relative_to(root).as_posix()
    if _SAFE_HREF.match(relative) and not relative.startswith("."):
        return f"images/{relative.removeprefix('images/')}"
    digest = hashlib.sha1(relative.encode()).hexdigest()[:10]
    return f"images/{digest}{target.suffix.lower()}"
