"""Resolve image references to local Assets, refusing anything outside the publication."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, unquote, urlsplit

from publisher.errors import AssetError, SourceLocation
from publisher.load.assets.images import check_image_data
from publisher.load.assets.snapshots import Snapshots
from publisher.load.limits import MAX_IMAGE_BYTES
from publisher.model import Article, Asset
from publisher.safety.files import FileRefused, Outside, TooLarge, read_checked

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
    snapshots: Snapshots | None = None,
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
    local = _Local(src, root, where, kind, alt, snapshots)
    if scheme == "file":
        return local.read(_file_url_path(parts, src, base, where))
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
        return local.read(found[0], within=found[1])
    return local.read(base / relative)


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


@dataclass(frozen=True)
class _Local:
    """One reference to a local image: what was written, where, and how to keep it."""

    src: str
    root: Path
    where: SourceLocation
    kind: str
    alt: str | None
    snapshots: Snapshots | None

    def read(self, candidate: Path, within: Path | None = None) -> Asset:
        """Open the file once, check the handle and the bytes, and make the Asset."""
        boundary = within or self.root  # the site's root, for a site-absolute path found there
        root_real = boundary.resolve()
        label = f"image '{self.src}'"
        media_type = _media_type(candidate)
        try:
            contents = read_checked(candidate, MAX_IMAGE_BYTES, root_real)
        except Outside:
            raise AssetError(self._outside(candidate, boundary), self.where) from None
        except TooLarge:
            message = f"{label} is larger than {MAX_IMAGE_BYTES // 2**20} MiB"
            raise AssetError(message, self.where) from None
        except FileRefused as exc:
            raise AssetError(f"{label} {exc.message}", self.where) from None
        except FileNotFoundError:
            if not candidate.resolve().is_relative_to(root_real):
                raise AssetError(self._outside(candidate, boundary), self.where) from None
            raise AssetError(f"{label} does not exist", self.where) from None
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise AssetError(f"{label} cannot be read: {reason}", self.where) from None
        if media_type not in MEDIA_TYPES.values():
            raise AssetError(f"{label} is not a PNG, JPEG, GIF, SVG or WebP file", self.where)
        check_image_data(contents.data, media_type, label, self.where)
        real = contents.real
        keep = self.snapshots.keep(contents.data, real.suffix.lower()) if self.snapshots else real
        return Asset(
            href=_book_href(real, root_real),
            media_type=media_type,
            source=keep,
            kind=self.kind,
            alt=self.alt,
            origin=real,
            digest=hashlib.sha256(contents.data).hexdigest(),
        )

    def _outside(self, candidate: Path, boundary: Path) -> str:
        lexical = Path(os.path.normpath(candidate.absolute()))
        if lexical.is_relative_to(os.path.normpath(boundary.absolute())):
            return f"image '{self.src}' is a symbolic link to a file outside the publication folder"
        return f"image '{self.src}' is outside the publication folder"


def _media_type(path: Path) -> str | None:
    return MEDIA_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]


def refresh_images(
    article: Article, root: Path, site: Path | None, snapshots: Snapshots | None
) -> Article | None:
    """A cached article with its images read and checked afresh, or None when any of them
    vanished, changed, or now lies outside the folder (the hit becomes a miss, and the
    loader reports the problem with its line). Remote images are never cached."""
    images = []
    boundaries = [place.resolve() for place in (root, site) if place]
    for image in article.images:
        if image.origin is None or image.digest is None:
            return None
        try:
            contents = read_checked(image.origin, MAX_IMAGE_BYTES)
        except (OSError, FileRefused):
            return None
        fresh = hashlib.sha256(contents.data).hexdigest() == image.digest
        if not fresh or not any(contents.real.is_relative_to(b) for b in boundaries):
            return None
        keep = (
            snapshots.keep(contents.data, contents.real.suffix.lower())
            if snapshots
            else contents.real
        )
        images.append(replace(image, source=keep, origin=contents.real))
    return replace(article, images=tuple(images))


def _book_href(target: Path, root: Path) -> str:
    """A stable, URL-safe path for the image inside the book."""
    relative = target.relative_to(root).as_posix()
    if _SAFE_HREF.match(relative) and not relative.startswith("."):
        return f"images/{relative.removeprefix('images/')}"
    digest = hashlib.sha1(relative.encode()).hexdigest()[:10]
    return f"images/{digest}{target.suffix.lower()}"
