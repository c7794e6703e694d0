"""What a project reader finds: the book's sections and chapters in the home tool's order."""

from __future__ import annotations

import re
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
    pages: Path | None = None  # the folder the site's addresses start from (docs/, content/)
    addresses: str = "folders"  # how the tool names a page's address: see web_address

    def web_address(self, path: Path, site_url: str) -> str | None:
        """Where the site publishes the page at ``path`` under ``site_url``, or None when
        it is no page of the site: ``folders`` (MkDocs, Hugo) ``guide/tides.md`` →
        ``guide/tides/``, ``html`` (mdBook) → ``guide/tides.html``, ``jekyll`` a post at
        ``/2019/06/14/ferries.html`` and a page at ``about.html``."""
        pages = (self.pages or path.parent).resolve()
        try:
            relative = path.resolve().relative_to(pages)
        except ValueError:
            return None
        return site_url.rstrip("/") + "/" + _address(relative, self.addresses)

    def paths(self) -> list[Path]:
        """Every chapter's file, in order."""
        return [entry.path for section in self.sections for entry in section.entries]


_INDEX = ("index", "readme", "_index")
_JEKYLL_POST = re.compile(r"(\d{4})-(\d{2})-(\d{2})-(.+)")
_LANGUAGE = re.compile(r"\.[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$")


def _address(relative: Path, style: str) -> str:
    """A page's address below the site's root (see Project.web_address)."""
    folder = "/".join(relative.parts[:-1])
    stem = _LANGUAGE.sub("", relative.stem) if style == "folders" else relative.stem
    if style == "jekyll" and relative.parts[0] == "_posts":
        post = _JEKYLL_POST.fullmatch(stem)
        return "/".join(post.groups()[:3]) + f"/{post.group(4)}.html" if post else f"{stem}.html"
    if stem.lower() in _INDEX:
        name = "index.html" if style == "html" else ""
    else:
        name = f"{stem}/" if style == "folders" else f"{stem}.html"
    return f"{folder}/{name}" if folder else name


def note(message: str, where: Path, line: int | None = None) -> Notice:
    """A note naming the file (and line) it is about."""
    return Notice(message, SourceLocation(where, line))


def inside(path: Path, root: Path) -> bool:
    """Whether ``path`` is a file inside ``root`` once links are followed."""
    try:
        return path.is_file() and path.resolve().is_relative_to(root.resolve())
    except OSError:
        return False
