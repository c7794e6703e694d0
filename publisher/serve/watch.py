"""Hear the publication folder change: manuscripts, publication.toml, images, the theme.

watchfiles (the OS's notifications, through Rust's ``notify``) groups the events of a burst:
it waits until the folder has been quiet for ``quiet_ms``, so an editor saving ten files at
once causes one rebuild. What never affects the book is ignored: hidden files and folders
(``.git/``, staging folders), editors' backup and swap files, and the output folder.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable
from pathlib import Path

import watchfiles

QUIET_MS = 50  # a burst ends when nothing changed for this long (watchfiles' own default)
MAX_GROUP_MS = 1600  # a stream of saves is still cut into rebuilds this often
BACKUP_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".bak", ".part", ".crdownload")


class Watcher:
    """A thread that puts each burst of changes (a set of paths) into ``changes``."""

    def __init__(self, folder: Path, ignored: Iterable[Path], quiet_ms: int = QUIET_MS) -> None:
        self.folder = folder.resolve()
        self.ignored = tuple(path.resolve() for path in ignored)
        self.quiet_ms = quiet_ms
        self.changes: queue.Queue[set[Path]] = queue.Queue()
        self.stop_event = threading.Event()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._run, name="publisher-watch", daemon=True)

    def start(self) -> None:
        """Start watching; returns once the watcher is listening."""
        self.thread.start()
        self.ready.wait(5)

    def stop(self) -> None:
        """Stop watching and wait for the thread to end."""
        self.stop_event.set()
        self.thread.join(5)

    def relevant(self, path: Path) -> bool:
        """Whether a change to ``path`` may change the book."""
        try:
            inside = path.resolve().relative_to(self.folder)
        except ValueError:
            return False
        if any(part.startswith(".") for part in inside.parts):
            return False
        name = path.name
        if name.endswith(BACKUP_SUFFIXES) or (name.startswith("#") and name.endswith("#")):
            return False
        if name.isdigit():  # vim's write test file (4913)
            return False
        resolved = path.resolve()
        return not any(resolved.is_relative_to(ignored) for ignored in self.ignored)

    def _run(self) -> None:
        self.ready.set()
        for batch in watchfiles.watch(
            self.folder,
            watch_filter=lambda change, path: self.relevant(Path(path)),
            debounce=MAX_GROUP_MS,
            step=self.quiet_ms,
            stop_event=self.stop_event,
            rust_timeout=200,
            yield_on_timeout=False,
            raise_interrupt=False,
        ):
            paths = {Path(path) for _, path in batch}
            if paths:
                self.changes.put(paths)
