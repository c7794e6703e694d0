"""Remote images, fetched only when the user passes ``--allow-remote``.

Policy: ``https`` only (never ``http``, ``ftp`` or ``file``, and no redirect to them), a
timeout for the whole download, a size cap, and the content must be an image format a
book may carry. Each image is downloaded once per build, while the articles load, into a
temporary folder the build removes afterwards; the backends then read it like a local
file, so nothing is fetched while writing the EPUB or the PDF.
"""

from __future__ import annotations

import hashlib
import http.client
import ssl
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from publisher.errors import AssetError, SourceLocation
from publisher.load.assets.images import check_image_bytes
from publisher.model import Asset

REMOTE_TIMEOUT = 20.0  # seconds for one image, connection to last byte
MAX_REMOTE_BYTES = 10 * 2**20
MAX_REDIRECTS = 3


class RemoteImages:
    """Downloads https images for one build into ``folder``; the same URL is fetched once."""

    def __init__(
        self,
        folder: Path,
        *,
        timeout: float = REMOTE_TIMEOUT,
        max_bytes: int = MAX_REMOTE_BYTES,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.folder = folder
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.ssl_context = ssl_context or ssl.create_default_context()
        self.fetched: dict[str, Asset] = {}

    def fetch(self, url: str, where: SourceLocation, kind: str, alt: str | None) -> Asset:
        """Download ``url`` (https only) and return it as an Asset, or raise AssetError."""
        if url in self.fetched:
            return replace(self.fetched[url], kind=kind, alt=alt)
        scheme = urlsplit(url).scheme.lower()
        if scheme != "https":
            raise AssetError(
                f"remote image '{url}' is not fetched: only https images are, even with "
                "--allow-remote",
                where,
            )
        data = self._download(url, where)
        media_type, suffix = check_image_bytes(data, f"remote image '{url}'", where)
        digest = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
        target = self.folder / f"remote-{digest}{suffix}"
        target.write_bytes(data)
        asset = Asset(
            href=f"images/remote-{digest}{suffix}",
            media_type=media_type,
            source=target,
            kind=kind,
            alt=alt,
        )
        self.fetched[url] = asset
        return asset

    def _download(self, url: str, where: SourceLocation) -> bytes:
        opener = urllib.request.build_opener(
            urllib.request.HTTPSHandler(context=self.ssl_context), _HttpsOnlyRedirects()
        )
        request = urllib.request.Request(url, headers={"User-Agent": "publisher"})
        started = time.monotonic()
        try:
            with opener.open(request, timeout=self.timeout) as response:
                declared = int(response.headers.get("Content-Length") or 0)
                if declared > self.max_bytes:
                    raise self._too_big(url, where)
                return self._read(response, url, where, started)
        except AssetError:
            raise
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", None) or exc
            raise AssetError(f"could not fetch remote image '{url}': {reason}", where) from None

    def _read(
        self, response: http.client.HTTPResponse, url: str, where: SourceLocation, started: float
    ) -> bytes:
        chunks, size = [], 0
        while chunk := response.read(65536):
            size += len(chunk)
            if size > self.max_bytes:
                raise self._too_big(url, where)
            if time.monotonic() - started > self.timeout:
                raise AssetError(
                    f"remote image '{url}' took more than {self.timeout:.0f} s to download", where
                )
            chunks.append(chunk)
        return b"".join(chunks)

    def _too_big(self, url: str, where: SourceLocation) -> AssetError:
        limit = self.max_bytes / 2**20
        return AssetError(f"remote image '{url}' is larger than {limit:g} MiB", where)


class _HttpsOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow at most MAX_REDIRECTS redirects, and only to https."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        """Refuse a redirect that leaves https; otherwise follow it as urllib would."""
        if urlsplit(newurl).scheme.lower() != "https":
            raise urllib.error.URLError(f"redirected to a non-https address ({newurl})")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@contextmanager
def remote_images(allowed: bool) -> Iterator[RemoteImages | None]:
    """A RemoteImages with a temporary folder for one build, or None when not allowed."""
    if not allowed:
        yield None
        return
    with tempfile.TemporaryDirectory(prefix="publisher-remote-") as folder:
        yield RemoteImages(Path(folder))
