"""Resolve image references to local Assets, refusing anything outside the publication."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, unquote, urlsplit

from publisher.errors import AssetError, SourceLocation
from publisher.load.assets.images import check_image_file
from publisher.model import Asset

if TYPE_CHECKING:
    from publisher.load.assets.remote import RemoteImages

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
    remote: RemoteImages | None = None,
    site: Path | None = None,
) -> Asset:
    """Turn an image reference written in ``base`` into an Asset inside ``root``.

    Paths that escape the publication folder (``..``, absolute paths, ``file:`` URLs and
    symbolic links pointing out) are errors; a site-absolute ``/images/x.png``, as blogs
    write it, is looked for inside the folder, or inside ``site`` (the blog the folder was
    copied from, when its settings were read; see _site_absolute). Remote URLs are errors
    unless ``remote`` is given (``--allow-remote``), which then fetches https images only.
    Building never reaches the network or the rest of the disk by default.
    """
    src = src.strip()
    if not src:
        raise AssetError("image without an address (empty, or removed as unsafe)", where)
    try:
        parts = urlsplit(src)
    except ValueError:
        raise AssetError(f"image address '{src}' is not valid", where) from None
    scheme = parts.scheme.lower()
    if scheme == "file":
        return _local(_file_url_path(parts, src, base, where), src, root, where, kind, alt)
    if scheme == "data":
        raise AssetError(
            "images written as data: URLs are not accepted; save the image as a file "
            "in the publication folder",
            where,
        )
    if len(scheme) > 1:
        if remote is None:
            raise AssetError(
                f"remote image '{src}' is not fetched; copy it into the publication folder "
                "(or build with --allow-remote to download https images)",
                where,
            )
        return remote.fetch(src, where, kind, alt)
    relative = unquote(parts.path) if not scheme else src
    if scheme or Path(relative).is_absolute():
        found = None if scheme else _site_absolute(relative, root, site)
        if found is None:
            raise AssetError(
                f"image path '{src}' is absolute and not in the publication folder "
                "(looked for it there and in static/); use a path inside the folder",
                where,
            )
        return _local(found[0], src, root, where, kind, alt, within=found[1])
    return _local(base / relative, src, root, where, kind, alt)


def _site_absolute(path: str, root: Path, site: Path | None) -> tuple[Path, Path] | None:
    """A blog's ``/images/x.png`` means the site's root, never the disk's: look for it in
    the publication folder and its ``static/`` folder (where Hugo keeps such files), then
    in the site's. Returns the file and the folder it must stay inside."""
    inside = path.lstrip("/")
    for top in (root, site) if site else (root,):
        for candidate in (top / inside, top / "static" / inside):
            if inside and candidate.is_file():
                return candidate, top
    return None


def _file_url_path(parts: SplitResult, src: str, base: Path, where: SourceLocation) -> Path:
    """The local path a ``file:`` URL names; ``file:`` URLs on other hosts are refused."""
    if parts.netloc not in ("", "localhost"):
        raise AssetError(f"image '{src}' is on another computer; copy it into the folder", where)
    path = Path(unquote(parts.path))
    return path if path.is_absolute() else base / path


def _local(
    candidate: Path,
    src: str,
    root: Path,
    where: SourceLocation,
    kind: str,
    alt: str | None,
    within: Path | None = None,
) -> Asset:
    boundary = within or root  # the site's root, for a site-absolute path found there
    root_real = boundary.resolve()
    target = candidate.resolve()
    if not target.is_relative_to(root_real):
        lexical = Path(os.path.normpath(candidate.absolute()))
        if lexical.is_relative_to(os.path.normpath(boundary.absolute())):
            message = f"image '{src}' is a symbolic link to a file outside the publication folder"
        else:
            message = f"image '{src}' is outside the publication folder"
        raise AssetError(message, where)
    if not target.is_file():
        raise AssetError(f"image '{src}' does not exist", where)
    media_type = MEDIA_TYPES.get(target.suffix.lower()) or mimetypes.guess_type(target.name)[0]
    if media_type not in MEDIA_TYPES.values():
        raise AssetError(f"image '{src}' is not a PNG, JPEG, GIF, SVG or WebP file", where)
    check_image_file(target, media_type, f"image '{src}'", where)
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
