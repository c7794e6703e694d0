"""The project's own exceptions. Every expected failure is one of these.

    PublisherError(message, location=None)     any problem a user can act on
    ├── ConfigError                            publication.toml: unknown key, wrong type
    ├── ManuscriptError                        front matter, encoding, body of an article
    ├── AssetError                             missing image, path outside the folder, remote URL
    ├── TemplateError                          a theme template failed to render
    ├── BackendError                           ebooklib or WeasyPrint failed
    ├── UsageError                             the command cannot run as given: an output
    │                                          folder that cannot be written, a cache path
    │                                          that is a file (exit 2, like a bad option)
    ├── BuildFailed(errors)                    several of the above, collected in one run
    └── Notice                                 not a problem: something the user should know
                                               (a draft left out); --strict lets it pass

Anything else that escapes is a bug: the CLI shows its traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Characters that would break a message line or reorder it on screen: controls (a newline
# in a file name could forge a line of its own), line separators and bidi overrides.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` with controls, line separators and bidi controls written as escapes
    (``\\n``, ``\\u202e``), so that one message is always one honest line."""
    return _UNPRINTABLE.sub(lambda m: _escape(m.group(0)), text)


def _escape(char: str) -> str:
    named = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
    code = ord(char)
    return named.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


@dataclass(frozen=True)
class SourceLocation:
    """Where a problem is: a file and, when known, a 1-based line."""

    path: Path
    line: int | None = None

    def __str__(self) -> str:
        path = printable(str(self.path))
        return f"{path}:{self.line}" if self.line else path


class PublisherError(Exception):
    """A problem in the user's input or environment, reported as one line."""

    severity = "error"

    def __init__(self, message: str, location: SourceLocation | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        prefix = f"{self.location}: " if self.location else ""
        return f"{prefix}{self.severity}: {printable(self.message)}"


class ConfigError(PublisherError):
    """publication.toml is malformed or holds an unknown key or a wrong type."""


class ManuscriptError(PublisherError):
    """An article cannot be read: front matter, encoding, dates, body."""


class AssetError(PublisherError):
    """An image or other file is missing, outside the publication, or remote."""


class TemplateError(PublisherError):
    """A theme template failed to render."""


class BackendError(PublisherError):
    """An output library (ebooklib, WeasyPrint) failed."""


class UsageError(PublisherError):
    """The command cannot run as given (exit 2): where it must write is not writable, or
    a setting names a file where a folder belongs."""


class Notice(PublisherError):
    """Worth telling, not a problem: reported as ``note:``; never fails a --strict build."""

    severity = "note"


class BuildFailed(PublisherError):
    """Several problems found in one run; the build stops after reporting them all."""

    def __init__(self, errors: Iterable[PublisherError]) -> None:
        self.errors = tuple(errors)
        super().__init__(f"{len(self.errors)} problem(s) found")


def raise_if_any(errors: list[PublisherError]) -> None:
    """Raise one BuildFailed carrying every collected problem, if there are any."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        flat: list[PublisherError] = []
        for error in errors:
            flat.extend(error.errors if isinstance(error, BuildFailed) else [error])
        raise BuildFailed(flat)
