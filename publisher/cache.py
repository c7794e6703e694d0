"""A content-addressed cache of loaded articles, so rebuilds skip the Markdown work.

The key is a SHA-256 of everything a loaded article depends on: the manuscript's bytes,
where it sits (path, folder, slug), the book's language, whether remote images may be
downloaded (``--allow-remote``), publisher's version, the loader's own source code and the
versions of the libraries it uses. The value is the
pickled Article with the warnings its loading raised, so a cached article still reports
them. Any trouble reading an entry (missing, truncated, from another version) is a miss;
a failure to write one is ignored. Entries whose images have vanished are misses too, so
the loader reports the missing file as usual.

Location: ``$PUBLISHER_CACHE_DIR``, else ``$XDG_CACHE_HOME/publisher``, else
``~/.cache/publisher``. Deleting the folder is always safe.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path

from publisher.errors import PublisherError
from publisher.model import Article

CACHE_ENV = "PUBLISHER_CACHE_DIR"
FORMAT = b"publisher-article-cache-1"
# Libraries whose output ends up in a loaded Article.
LIBRARIES = ("markdown", "nh3", "pyyaml", "charset-normalizer", "py3langid", "lxml")
CODE = ("load", "model.py", "errors.py", "config")  # publisher's own code a load runs


def cache_dir() -> Path:
    """Where publisher keeps its caches (see the module docstring)."""
    explicit = os.environ.get(CACHE_ENV, "").strip()
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "publisher"


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
            entry = pickle.loads(path.read_bytes())
        except FileNotFoundError:
            entry = None
        except Exception:  # a damaged or foreign entry: forget it
            path.unlink(missing_ok=True)
            entry = None
        if not isinstance(entry, Entry) or not _images_exist(entry.article):
            self.misses += 1
            return None
        self.hits += 1
        return entry

    def lookup(
        self, path: Path, where: tuple[str, ...], max_bytes: int
    ) -> tuple[str | None, Entry | None]:
        """The key a manuscript would be stored under in a context (``where``: its path,
        place in the book, language…), and its entry if any. Files over ``max_bytes`` (which
        the loader refuses unread) and unreadable ones are never read here."""
        try:
            if path.stat().st_size > max_bytes:
                return None, None
            source = path.read_bytes()
        except OSError:
            return None, None  # the loader reports it properly
        key = self.key(source, *where)
        return key, self.get(key)

    def store(self, key: str, entry: Entry) -> None:
        """Keep a freshly loaded article (and its warnings) under its key."""
        self.put(key, entry)

    def put(self, key: str, entry: Entry) -> None:
        """Store an entry atomically; a cache that cannot be written is simply not used."""
        folder = self.root / key[:2]
        try:
            folder.mkdir(parents=True, exist_ok=True)
            data = pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL)
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        except Exception:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, folder / key)
        except Exception:
            Path(tmp).unlink(missing_ok=True)


def _images_exist(article: Article) -> bool:
    """Images are checked afresh on every build: a vanished one must be reported."""
    return all(image.source.is_file() for image in article.images)


class BlobCache:
    """Opaque values on disk by key, kept to a size budget (oldest used dropped first).

    The chunked PDF renderer keeps each chunk's PDF here: a chunk whose document, options
    and renderer are unchanged is not laid out again.
    """

    def __init__(self, name: str, budget: int = 1 << 30, root: Path | None = None) -> None:
        self.root = (root or cache_dir()) / name
        self.budget = budget

    def get(self, key: str) -> object | None:
        """The value stored under ``key``, or None (a damaged entry is forgotten)."""
        path = self.root / key
        try:
            value = pickle.loads(path.read_bytes())
            os.utime(path)
        except FileNotFoundError:
            return None
        except Exception:
            path.unlink(missing_ok=True)
            return None
        return value

    def put(self, key: str, value: object) -> None:
        """Store ``value`` atomically, then drop the least recently used entries over budget."""
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.root, prefix=".tmp-")
        except Exception:
            return
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, self.root / key)
        except Exception:
            Path(tmp).unlink(missing_ok=True)
            return
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
            path.unlink(missing_ok=True)
            total -= stat.st_size
