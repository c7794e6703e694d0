"""Which home tool a folder was written for, and its project read as that tool reads it.

Each tool's reader is asked in turn; the first whose marker files are in the folder
(``book.toml`` or ``SUMMARY.md``, ``mkdocs.yml``, Hugo's settings or ``_index.md``, Jekyll's
``_config.yml`` or ``_posts``) reads it. The loader then loads the chapters it lists, in
that order (load/__init__.py).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from publisher.load.projects import hugo, jekyll, mdbook, mkdocs
from publisher.load.projects.layout import Project

Reader = Callable[[Path, str | None], Project | None]
READERS: tuple[Reader, ...] = (mdbook.read, mkdocs.read, hugo.read, jekyll.read)


def read_project(root: Path, language: str | None = None) -> Project | None:
    """The project in ``root`` as its home tool reads it, or None for a plain folder.
    ``language`` picks one language of a multilingual site (else its default)."""
    for reader in READERS:
        project = reader(root, language)
        if project is not None:
            return project
    return None
