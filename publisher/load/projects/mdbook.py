"""An mdBook read as mdBook reads it: ``SUMMARY.md`` gives the chapters, their order, titles
and parts; ``SUMMARY.md`` itself is no chapter.

The summary's first ``# heading`` is its own title; later ``# headings`` start parts.
Links before the first list are prefix chapters (front matter, unnumbered), links after the
numbered list are suffix chapters (back matter); nested list items follow their parent in
reading order (the book's contents are two levels deep: parts and chapters). A chapter
with an empty link (``- [Soon]()``) is a draft: left out with a note, as mdBook prints no
page for it. The source folder is ``book.toml``'s ``[book] src`` (default ``src``).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from publisher.config.site import read_settings
from publisher.errors import Notice
from publisher.load.projects.layout import Entry, Project, Section, inside, note
from publisher.model import Matter

SUMMARY = "SUMMARY.md"
_ITEM = re.compile(r"^(\s*)[-*+]\s+\[(.*)\]\((.*)\)\s*$")
_LINK = re.compile(r"^(\s*)\[(.*)\]\((.*)\)\s*$")
_PART = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
_SEPARATOR = re.compile(r"^\s*(-{3,}|\*{3,}|_{3,})\s*$")


def source_folder(root: Path) -> Path | None:
    """The folder holding SUMMARY.md: ``book.toml``'s source folder, or ``root`` itself."""
    if (root / "book.toml").is_file():
        book = read_settings(root / "book.toml").get("book")
        src = book.get("src") if isinstance(book, dict) else None
        folder = root / (src if isinstance(src, str) and src.strip() else "src")
        if inside(folder / SUMMARY, root):
            return folder
    return root if (root / SUMMARY).is_file() else None


def read(root: Path, language: str | None = None) -> Project | None:
    """The book in ``root`` (the folder with book.toml, or its source folder), or None."""
    src = source_folder(root)
    if src is None:
        return None
    summary = src / SUMMARY
    lines = summary.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    sections: list[tuple[str | None, list[Entry]]] = [(None, [])]
    notes: list[Notice] = []
    seen_title = seen_list = False
    for number, line in enumerate(_without_comments(lines), 1):
        part = _PART.match(line)
        item = _ITEM.match(line) or _LINK.match(line)
        if part and not seen_title and not seen_list and not _any(sections):
            seen_title = True  # "# Summary": the summary's own title
        elif part:
            sections.append((_plain(part.group(1)), []))
        elif item:
            listed = _ITEM.match(line) is not None
            seen_list = seen_list or listed
            matter = Matter.BODY if listed else (Matter.BACK if seen_list else Matter.FRONT)
            entry = _entry(item, src, root, summary, number, matter, notes)
            if entry:
                sections[-1][1].append(entry)
        elif _SEPARATOR.match(line):
            continue
    found = tuple(Section(title, tuple(entries)) for title, entries in sections if entries)
    return Project("mdbook", found, tuple(notes), pages=src, addresses="html")


def _entry(
    item: re.Match,
    src: Path,
    root: Path,
    summary: Path,
    number: int,
    matter: Matter,
    notes: list[Notice],
) -> Entry | None:
    title, target = _plain(item.group(2)), item.group(3).strip().strip("<>")
    target = unquote(target.split("#")[0].split(" ")[0])
    if not target:
        notes.append(
            note(f"draft chapter '{title}' left out (it has no file yet)", summary, number)
        )
        return None
    path = src / target
    if not inside(path, root):
        notes.append(
            note(f"chapter '{title}' left out: '{target}' is not in the folder", summary, number)
        )
        return None
    return Entry(path, title or None, matter, numbered=matter is Matter.BODY)


def _any(sections: list[tuple[str | None, list[Entry]]]) -> bool:
    return any(entries for _, entries in sections)


def _without_comments(lines: list[str]) -> list[str]:
    """The lines with HTML comments blanked (line numbers kept)."""
    text = re.sub(
        r"<!--.*?-->", lambda m: "\n" * m.group(0).count("\n"), "\n".join(lines), flags=re.S
    )
    return text.split("\n")


def _plain(text: str) -> str:
    """A summary title as plain text: ``The `match` Construct`` → ``The match Construct``."""
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!])", r"\1", text)
    text = re.sub(r"`([^`]*)`", r"\1", text)
    text = re.sub(r"(?<![\w*])(\*\*|__|\*|_)(\S(?:.*?\S)?)\1(?![\w*])", r"\2", text)
    return " ".join(text.split())
