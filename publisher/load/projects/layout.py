"""What a project reader finds: the book's sections and chapters in the home tool's order."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from publisher.errors import Notice, SourceLocation
from publisher.model import Matter


@dataclass(frozen=True)
class Entry:
    """One chapter: its file, the title the tool's navigation gives it, where it sits."""

    path: Path
    title: str | None = None  # None: the page's own title (front matter or first heading)
    matter: Matter = Matter.BODY  # mdBook's prefix and suffix chapters are front and back
    numbered: bool = True
    by_date: bool = False  # a post: ordered by date among the posts beside it (oldest first)


@dataclass(frozen=True)
class Section:
    """A part of the book (None: chapters outside any part)."""

    title: str | None
    entries: tuple[Entry, ...]


@dataclass(frozen=True)
class Project:
    """A folder read as its home tool reads it."""

    tool: str  # "mdbook", "mkdocs", "hugo", "jekyll"
    sections: tuple[Section, ...]
    notes: tuple[Notice, ...] = ()
    language: str | None = None  # the language of the pages chosen (a multilingual site)
    authors: tuple[tuple[str, str], ...] = field(default=())  # author id → name (MkDocs blog)

    def paths(self) -> list[Path]:
        """Every chapter's file, in order."""
        return [entry.path for section in self.sections for entry in section.entries]


def note(message: str, where: Path, line: int | None = None) -> Notice:
    """A note naming the file (and line) it is about."""
    return Notice(message, SourceLocation(where, line))


def inside(path: Path, root: Path) -> bool:
    """Whether ``path`` is a file inside ``root`` once links are followed."""
    try:
        return path.is_file() and path.resolve().is_relative_to(root.resolve())
    except OSError:
        return False
