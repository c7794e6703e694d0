"""Ctrl-C, ``kill`` and a closed terminal stop a build cleanly, never half-way through a move.

Python turns Ctrl-C (SIGINT) into KeyboardInterrupt, so ``finally`` blocks remove the
staging folder; SIGTERM and SIGHUP would end the process on the spot and leave it behind.
While a build runs, all three raise ``Interrupted`` (a KeyboardInterrupt) instead. During
the last step, moving the finished files into the output folder, a signal is held until
every file is in place, so the output folder never mixes two builds.
"""

from __future__ import annotations

import contextlib
import multiprocessing.context
import multiprocessing.forkserver
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Executor
from contextlib import contextmanager
from types import FrameType

SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name)
)


class Interrupted(KeyboardInterrupt):
    """The build was stopped by a signal; ``signum`` says which (exit status 128 + signum)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


class SignalGuard:
    """Signal handling for one build: interrupt it, or hold signals during a commit."""

    def __init__(self) -> None:
        self.holding = False
        self.pending: int | None = None
        self.received: int | None = None

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.holding:
            self.pending = self.pending or signum
            return
        self.received = self.received or signum
        raise Interrupted(signum)

    def check(self) -> None:
        """Raise Interrupted if a signal came earlier but its exception was lost.

        Python prints and drops an exception raised while it runs a weakref callback or a
        ``__del__`` (an import's lock clean-up, say), so a signal landing there would not
        stop the build; checking before the outputs are published makes sure it does."""
        if self.received is not None:
            raise Interrupted(self.received)

    @contextmanager
    def installed(self) -> Iterator[SignalGuard]:
        """Route SIGINT, SIGTERM and SIGHUP to this guard (main thread only) for the block."""
        if threading.current_thread() is not threading.main_thread():
            yield self
            return
        previous = {signum: signal.signal(signum, self._handle) for signum in SIGNALS}
        unraisable = sys.unraisablehook
        sys.unraisablehook = _quiet_about_interrupts(unraisable)
        _INSTALLED.append(self)
        try:
            yield self
        finally:
            _INSTALLED.remove(self)
            sys.unraisablehook = unraisable
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Delay signals until the block is done, then raise the first one that came (also
        when the block failed meanwhile: the signal is why, e.g. a worker it killed)."""
        self.holding = True
        try:
            yield
        except Exception:
            if self.pending is None:
                raise
        finally:
            self.holding = False
        if self.pending is not None:
            signum, self.pending = self.pending, None
            raise Interrupted(signum)


_INSTALLED: list[SignalGuard] = []  # the guard of the build running now, if any
_PRELOAD: list[str] = []  # what the fork server imports before it forks any worker


def worker_context(*preload: str) -> multiprocessing.context.ForkServerContext:
    """The multiprocessing context of every worker pool: its fork server, which imports
    ``preload`` (and whatever was asked for before) once, so no worker imports it again.

    One fork server serves the whole process, started by the first pool with the modules
    asked for until then; asking later changes nothing for a running server. So a caller
    that knows a PDF will be rendered asks for WeasyPrint before the loader's pool starts
    the server (pipeline.py, serve), and the chunk workers fork with it imported.
    """
    for module in preload:
        if module not in _PRELOAD:
            _PRELOAD.append(module)
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(list(_PRELOAD))
    return context


def start_workers(executor: Executor, workers: int) -> None:
    """Start all of a process pool's workers now, with signals held until they are up.

    A worker that is still starting when the build stops finds the pool's semaphores
    already gone and prints a multiprocessing traceback; once every worker is running,
    stop_workers ends them silently. (The pool then never starts another.)"""
    guard = _INSTALLED[-1] if _INSTALLED else None
    held = guard.hold() if guard is not None and not guard.holding else contextlib.nullcontext()
    with held:
        for started in [executor.submit(_ready) for _ in range(workers)]:
            started.result()


def end_helper_processes() -> None:
    """Before the command exits: stop multiprocessing's fork server and resource tracker
    and reap them, so that no process of the build outlives it (not even as a zombie
    waiting for init), after the finalizers that release what the tracker guards."""
    from multiprocessing import resource_tracker, util

    with contextlib.suppress(Exception):
        util._exit_function()  # finalizers: semaphores unlinked, unregistered
    for helper in (
        getattr(multiprocessing.forkserver, "_forkserver", None),
        getattr(resource_tracker, "_resource_tracker", None),
    ):
        with contextlib.suppress(Exception):
            helper._stop()


def ignore_interrupts() -> None:
    """A worker process's initializer: Ctrl-C in a terminal signals the whole process group,
    but only the build process acts on it (it ends its workers, stop_workers); a worker
    that took it too would print a traceback, idle ones from the middle of a pipe read."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _ready() -> bool:
    """A task that does nothing: its result says a worker is running."""
    return True


def _quiet_about_interrupts(
    previous: Callable[[sys.UnraisableHookArgs], object],
) -> Callable[[sys.UnraisableHookArgs], object]:
    """An unraisable-exception hook that stays silent about Interrupted (``check`` acts on
    it later) and passes everything else to ``previous``."""

    def hook(args: sys.UnraisableHookArgs) -> object:
        if isinstance(args.exc_value, Interrupted):
            return None
        return previous(args)

    return hook


def stop_workers(executor: Executor) -> None:
    """Shut a process pool down at once after an error or an interrupt: its workers are
    terminated first (SIGTERM, which they die of silently), then the pool is shut down
    without waiting for work. A worker still being started would otherwise fail to
    unpickle what the closing pool already released and print a multiprocessing
    traceback, and running workers would outlive the build."""
    workers = getattr(executor, "_processes", None) or {}  # the pool's own pid → Process
    for process in list(workers.values()):
        with contextlib.suppress(Exception):
            process.terminate()
    executor.shutdown(wait=True, cancel_futures=True)
    server = getattr(multiprocessing.forkserver, "_forkserver", None)
    with contextlib.suppress(Exception):
        server._stop()  # the fork server too, and with it the workers it has not reaped
