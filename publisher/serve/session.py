"""One ``publisher serve`` session: build, serve, then rebuild after every burst of saves.

Builds run on the main thread (WeasyPrint and the signal handling of ``pipeline.build``
need it); the HTTP server and the watcher run in threads. Ctrl-C (or SIGTERM, SIGHUP)
stops everything: the server and the watcher threads end, PDF worker pools are shut down
by the build they belong to, and the fork server multiprocessing started ends with us.
"""

from __future__ import annotations

import ipaddress
import queue
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from publisher.interrupts import Interrupted
from publisher.options import BuildOptions
from publisher.serve.rebuild import Rebuilder
from publisher.serve.server import Hub, Server
from publisher.serve.watch import QUIET_MS, Watcher

Say = Callable[[str], None]
# SIGINT too: a shell starts a background job with SIGINT ignored, and Python keeps that.
STOP_SIGNALS = tuple(
    getattr(signal, n) for n in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, n)
)


def is_loopback(host: str) -> bool:
    """Whether ``host`` is reachable from this machine only."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    folder: Path,
    options: BuildOptions,
    address: tuple[str, int],
    say: Say,
    quiet_ms: int = QUIET_MS,
) -> None:
    """Serve ``folder``'s book on ``address`` until interrupted (returns normally then).

    Raises OSError when the address cannot be listened on.
    """
    server = Server(address, Hub(options.output_dir))
    rebuilder = Rebuilder(folder, options, say)
    rebuilder.listeners.append(server.hub.publish)
    watcher = Watcher(folder, [options.output_dir, rebuilder.work], quiet_ms)
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="publisher-http"
    )
    try:
        with _stop_signals():
            thread.start()
            say(f"serving {server.url} (Ctrl-C to stop)")
            watcher.start()
            rebuilder.rebuild()
            _loop(watcher, rebuilder, say)
    except KeyboardInterrupt:
        say("stopping")
    finally:  # each thread told to stop before any is waited for: they end together
        watcher.stop_event.set()
        server.hub.close()
        server.shutdown()
        server.server_close()
        watcher.stop()
        thread.join(5)
        rebuilder.close()


def _loop(watcher: Watcher, rebuilder: Rebuilder, say: Say) -> None:
    """Rebuild once per burst; changes that arrive during a build make one more build."""
    while True:
        try:
            changed = watcher.changes.get(timeout=0.5)
        except queue.Empty:
            continue
        while not watcher.changes.empty():
            changed |= watcher.changes.get_nowait()
        shown = ", ".join(sorted(_shown(path, rebuilder.folder) for path in changed)[:5])
        more = f" and {len(changed) - 5} more" if len(changed) > 5 else ""
        say(f"changed: {shown}{more}")
        rebuilder.rebuild(changed)


def _shown(path: Path, folder: Path) -> str:
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return str(path)


@contextmanager
def _stop_signals() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP stop the session (a build installs its own handlers for
    its duration, to the same effect)."""

    def stop(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    previous = {signum: signal.signal(signum, stop) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
