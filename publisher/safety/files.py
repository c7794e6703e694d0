"""Read an input file once, through one handle, after checking what that handle is.

Checking a path and then opening it again leaves a gap: between the two, a file can be
replaced by a symbolic link to ``/etc/passwd``, a FIFO that blocks the build forever, or a
file a hundred times larger. Here the file is opened first (non-blocking, so a FIFO cannot
hang the open), and the checks are made on the open handle: that it is a regular file,
where it really is (``/proc/self/fd``, so no path component can be swapped afterwards), and
its size; then its bytes are read from that same handle, at most up to the limit. What
was checked is what is returned, and callers use those bytes, never the path again.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


class FileRefused(Exception):
    """The file is not one an input may be; ``message`` says why, in words for a user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotRegular(FileRefused):
    """A FIFO, socket, device or folder where a file was expected."""


class TooLarge(FileRefused):
    """More bytes than the caller's limit; ``size`` is what the file has (at least)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"is {size / 2**20:.1f} MiB; at most {limit / 2**20:g} MiB")
        self.size = size
        self.limit = limit


class Outside(FileRefused):
    """The file opened lies outside the folder it must stay in (a link out, a swap)."""

    def __init__(self, real: Path) -> None:
        super().__init__("is outside the publication folder")
        self.real = real


@dataclass(frozen=True)
class Contents:
    """What was read: the bytes, and the real path of the file they came from."""

    data: bytes
    real: Path


def read_regular(path: Path, limit: int, within: Path | None = None) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``), or FileRefused/OSError."""
    return read_checked(path, limit, within).data


def read_checked(path: Path, limit: int, within: Path | None = None) -> Contents:
    """Open ``path`` once, check the handle (regular file, inside ``within``, at most
    ``limit`` bytes), and read it through that handle."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a file")
            raise NotRegular(f"is {kind}, not a regular file")
        real = _real_path(fd, path)
        if within is not None and not real.is_relative_to(within.resolve()):
            raise Outside(real)
        if info.st_size > limit:
            raise TooLarge(info.st_size, limit)
        data = _read_all(fd, limit)
    finally:
        os.close(fd)
    return Contents(data, real)


def _real_path(fd: int, path: Path) -> Path:
    """Where the open file really is: the kernel's answer on Linux, else resolve()."""
    try:
        return Path(os.readlink(f"/proc/self/fd/{fd}"))
    except OSError:
        return path.resolve()


def _read_all(fd: int, limit: int) -> bytes:
    chunks, size = [], 0
    while chunk := os.read(fd, min(1 << 20, limit + 1 - size) or 1):
        chunks.append(chunk)
        size += len(chunk)
        if size > limit:  # the file grew after fstat
            raise TooLarge(size, limit)
    return b"".join(chunks)
