"""Ctrl-C, ``kill`` and a closed terminal stop a build cleanly, never half-way through a move.

Python turns Ctrl-C (SIGINT) into KeyboardInterrupt, so ``finally`` blocks remove the
staging folder; SIGTERM and SIGHUP would end the process on the spot and leave it behind.
While a build runs, all three raise ``Interrupted`` (a KeyboardInterrupt) instead. During
the last step, moving the finished files into the output folder, a signal is held until
every file is in place, so the output folder never mixes two builds.
"""

from __future__ import annotations

import signal
import sys
import threading
from collections.abc import Callable, Iterator
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
        try:
            yield self
        finally:
            sys.unraisablehook = unraisable
            for signum, handler in previous.items():
                signal.signal(signum, handler)

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Delay signals until the block is done, then raise the first one that came."""
        self.holding = True
        try:
            yield
        finally:
            self.holding = False
        if self.pending is not None:
            signum, self.pending = self.pending, None
            raise Interrupted(signum)


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
