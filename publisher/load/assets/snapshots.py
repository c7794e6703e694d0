"""Private copies of the input files a build checked, so that the checked bytes are packaged.

An image is read once (safety/files.py), checked, and its bytes written here; the Asset points
at the copy. Replacing the image in the publication folder afterwards, by another file or
a symbolic link to one outside, changes nothing in this build: the backends read only the
copy. The folder is private to the build (mode 0700) and removed when it ends. Copies are
named by their content, so parallel loaders may write the same one.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from publisher.model import Asset, Publication


@dataclass(frozen=True)
class Snapshots:
    """Where one build keeps its copies; plain data, so worker processes can use it too."""

    folder: Path

    def keep(self, data: bytes, suffix: str) -> Path:
        """A private file holding ``data``, named by its digest and ``suffix``."""
        target = self.folder / f"{hashlib.sha256(data).hexdigest()[:32]}{suffix}"
        if not target.exists():
            fd, temp = tempfile.mkstemp(dir=self.folder, prefix=".part-")
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temp, target)
        return target


@contextmanager
def input_snapshots() -> Iterator[Snapshots]:
    """A Snapshots in a fresh temporary folder for the length of one build."""
    with tempfile.TemporaryDirectory(prefix="publisher-inputs-") as folder:
        yield Snapshots(Path(folder))


def released(pub: Publication) -> Publication:
    """The publication with each asset's source back at the file it was read from: the
    private copies are gone once the build ends, the originals are what a caller knows."""

    def back(asset: Asset) -> Asset:
        return replace(asset, source=asset.origin) if asset.origin else asset

    parts = tuple(
        replace(
            part,
            chapters=tuple(
                replace(
                    ch,
                    article=replace(ch.article, images=tuple(map(back, ch.article.images))),
                )
                for ch in part.chapters
            ),
        )
        for part in pub.parts
    )
    cover = back(pub.metadata.cover) if pub.metadata.cover else None
    metadata = replace(pub.metadata, cover=cover)
    return replace(pub, parts=parts, metadata=metadata, assets=tuple(map(back, pub.assets)))
