"""A content-addressed cache of loaded articles, so rebuilds skip the Markdown work.

The key is a SHA-256 of everything a loaded article depends on: the manuscript's bytes,
where it sits (path, folder, slug), the book's language, whether remote images may be
downloaded (``--allow-remote``), publisher's version, the loader's own source code and the
versions of the libraries it uses. The value is the Article with the warnings its loading
raised, so a cached article still reports them, written as plain JSON (plaindata.py),
never pickle: an entry planted by whoever can write the cache folder (a CI cache restored
from another branch or a fork) cannot run code. Each entry repeats its key and a digest
of its contents; an entry that is missing, damaged, foreign, of another version or stored
under another key is a miss, and a failure to write one is ignored. The loader checks a
hit's images afresh (``refresh_images`` in load/assets.py): a vanished or changed image,
or one that now lies outside the folder, makes the hit a miss.

Location: ``$PUBLISHER_CACHE_DIR``, else ``$XDG_CACHE_HOME/publisher``, else
``~/.cache/publisher``. Deleting the folder is always safe.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from publisher.errors import PublisherError, SourceLocation, UsageError
from publisher.model import Article
from publisher.safety import plain as plaindata

CACHE_ENV = "PUBLISHER_CACHE_DIR"
FORMAT = b"publisher-article-cache-2"
BLOB_FORMAT = b"publisher-blob-2"
# Libraries whose output ends up in a loaded Article.
LIBRARIES = ("markdown", "nh3", "pyyaml", "charset-normalizer", "py3langid", "lxml", "tinycss2")
CODE = ("load", "model.py", "errors.py", "config", "safety")  # publisher's own code a load runs


def cache_dir() -> Path:
    """Where publisher keeps its caches (see the module docstring)."""
    explicit = os.environ.get(CACHE_ENV, "").strip()
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "publisher"


def check_cache_dir() -> Path:
    """The cache folder, or a UsageError when that path (or a folder above it) is not a
    folder, e.g. ``PUBLISHER_CACHE_DIR`` naming a file: a setting the user must fix."""
    folder = cache_dir()
    for place in (folder, *folder.parents):
        if place.exists():
            if not place.is_dir():
                raise UsageError(
                    f"cannot be used as the cache folder: {place} is not a folder; set "
                    f"{CACHE_ENV} to a folder, or build with --no-cache",
                    SourceLocation(folder),
                )
            break
    return folder


@cache
def code_version() -> bytes:
    """A digest of publisher's loader code and library versions: changing either is a miss."""
    digest = hashlib.sha256(FORMAT)
    package = Path(__file__).resolve().parent
    for name in CODE:
        target = package / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for path in files:
            digest.update(str(path.relative_to(package)).encode())
            digest.update(path.read_bytes())
    for library in ("publisher", *LIBRARIES):
        try:
            digest.update(f"{library}={metadata.version(library)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{library}=none;".encode())
    return digest.digest()


@dataclass
class Entry:
    """What one cache entry holds: the article and the warnings loading it produced."""

    article: Article
    warnings: list[PublisherError] = field(default_factory=list)


class ArticleCache:
    """Loaded articles on disk, keyed by the content they were loaded from."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = (root or cache_dir()) / "articles"
        self.hits = 0
        self.misses = 0

    def key(self, source: bytes, *context: str) -> str:
        """The entry name for a manuscript's bytes in a context (path, slug, language…)."""
        digest = hashlib.sha256(code_version())
        for part in context:
            digest.update(part.encode("utf-8", "surrogateescape") + b"\0")
        digest.update(source)
        return digest.hexdigest()

    def get(self, key: str) -> Entry | None:
        """The stored entry, or None when there is none or it cannot be used."""
        path = self.root / key[:2] / key
        try:
            entry: Entry | None = _decode_entry(_unseal(FORMAT, path.read_bytes()), key)
        except FileNotFoundError:
            entry = None
        except Exception:  # a damaged, foreign or planted entry: forget it
            _forget(path)
            entry = None
        if entry is None:
            self.misses += 1
        else:
            self.hits += 1
        return entry

    def demote(self) -> None:
        """Count a hit as a miss after all (the loader found a hit's images changed)."""
        self.hits -= 1
        self.misses += 1

    def lookup(self, source: bytes, where: tuple[str, ...]) -> tuple[str, Entry | None]:
        """The key a manuscript's bytes would be stored under in a context (``where``: its
        path, place in the book, language…), and its entry if any. The loader reads the
        file once (safety/files.py) and passes its bytes here and to the conversion, so
        what is keyed is what is loaded."""
        key = self.key(source, *where)
        return key, self.get(key)

    def store(self, key: str, entry: Entry) -> None:
        """Keep a freshly loaded article (and its warnings) under its key."""
        self.put(key, entry)

    def put(self, key: str, entry: Entry) -> None:
        """Store an entry atomically; a cache that cannot be written is simply not used."""
        value = {"key": key, "article": entry.article, "warnings": entry.warnings}
        try:
            payload = plaindata.dumps(value).encode("ascii")
        except (TypeError, ValueError):
            return  # not plain data: loaded afresh next time
        _write_atomic(self.root / key[:2], key, _seal(FORMAT, payload))


def _decode_entry(payload: bytes, key: str) -> Entry:
    """The Entry a sealed payload holds, checked against the key it was looked up by."""
    value = plaindata.loads(payload)
    if not isinstance(value, dict) or set(value) != {"key", "article", "warnings"}:
        raise ValueError("not an article entry")
    if value["key"] != key:
        raise ValueError("an entry stored under another key")
    article, warnings = value["article"], value["warnings"]
    if not isinstance(article, Article) or not isinstance(warnings, list):
        raise ValueError("not an article entry")
    if not all(isinstance(w, PublisherError) for w in warnings):
        raise ValueError("not an article entry")
    return Entry(article, warnings)


def _seal(kind: bytes, payload: bytes) -> bytes:
    """The bytes stored: the format, a digest of the payload, then the payload."""
    return kind + b"\n" + hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def _unseal(kind: bytes, stored: bytes) -> bytes:
    """The payload of stored bytes; ValueError when they are not whole or not ours."""
    head, _, rest = stored.partition(b"\n")
    digest, _, payload = rest.partition(b"\n")
    if head != kind or hashlib.sha256(payload).hexdigest().encode() != digest:
        raise ValueError("damaged or foreign cache entry")
    return payload


def _forget(path: Path) -> None:
    with contextlib.suppress(OSError):  # a cache we may not change is simply not trusted
        path.unlink(missing_ok=True)


def _write_atomic(folder: Path, name: str, data: bytes) -> bool:
    """Write ``folder/name`` through a temporary file and a rename; False if it failed."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
    except Exception:
        return False
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, folder / name)
    except Exception:
        Path(tmp).unlink(missing_ok=True)
        return False
    return True


class BlobCache:
    """Bytes on disk by key, each with a small plain-data note, kept to a size budget
    (oldest used dropped first).

    The chunked PDF renderer keeps each chunk's PDF here (its note: page heights,
    bookmarks, anchors), and the EPUB backend its generated cover: what does not change
    is not drawn or laid out again.
    """

    def __init__(self, name: str, budget: int = 1 << 30, root: Path | None = None) -> None:
        self.root = (root or cache_dir()) / name
        self.budget = budget

    def get(self, key: str) -> tuple[bytes, object] | None:
        """The bytes and note stored under ``key``, or None (a damaged entry is forgotten)."""
        path = self.root / key
        try:
            head, _, data = _unseal(BLOB_FORMAT, path.read_bytes()).partition(b"\n")
            value = plaindata.loads(head)
            if not isinstance(value, dict) or value.get("key") != key:
                raise ValueError("an entry stored under another key")
            os.utime(path)
        except FileNotFoundError:
            return None
        except Exception:
            _forget(path)
            return None
        return data, value.get("note")

    def put(self, key: str, data: bytes, note: object = None) -> None:
        """Store ``data`` and its plain-data ``note`` atomically, then drop the least
        recently used entries over budget."""
        try:
            head = plaindata.dumps({"key": key, "note": note}).encode("ascii")
        except (TypeError, ValueError):
            return
        if _write_atomic(self.root, key, _seal(BLOB_FORMAT, head + b"\n" + data)):
            self._prune()

    def _prune(self) -> None:
        try:
            entries = [(p.stat(), p) for p in self.root.iterdir() if not p.name.startswith(".")]
        except OSError:
            return
        total = sum(stat.st_size for stat, _ in entries)
        for stat, path in sorted(entries, key=lambda e: e[0].st_mtime):
            if total <= self.budget:
                break
            _forget(path)
            total -= stat.st_size
