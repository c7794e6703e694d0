"""The project's own exceptions. Every expected failure is one of these.

    PublisherError(message, location=None)     any problem a user can act on
    ├── ConfigError                            publication.toml: unknown key, wrong type
    ├── ManuscriptError                        front matter, encoding, body of an article
    ├── AssetError                             missing image, path outside the folder, remote URL
    ├── TemplateError                          a theme template failed to render
    ├── BackendError                           ebooklib or WeasyPrint failed
    ├── BuildFailed(errors)                    several of the above, collected in one run
    └── Notice                                 not a problem: something the user should know
                                               (a draft left out); --strict lets it pass

Anything else that escapes is a bug: the CLI shows its traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SourceLocation:
    """Where a problem is: a file and, when known, a 1-based line."""

    path: Path
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else str(self.path)


class PublisherError(Exception):
    """A problem in the user's input or environment, reported as one line."""

    severity = "error"

    def __init__(self, message: str, location: SourceLocation | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        prefix = f"{self.location}: " if self.location else ""
        return f"{prefix}{self.severity}: {self.message}"


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
