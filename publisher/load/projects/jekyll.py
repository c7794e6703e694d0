"""A Jekyll site read as Jekyll reads it: its posts (``_posts``, in date order) are the book.

Jekyll names a post by its file (``2019-06-14-ferries.md``) and lists posts by date; pages
outside ``_posts`` (about, contact, the home page) are the site's, not the blog's, and are
left out with a note; ``_drafts`` are unpublished. A site is recognised by ``_config.yml``
or a ``_posts`` folder.
"""

from __future__ import annotations

from pathlib import Path

from publisher.load.discover import manuscript_files
from publisher.load.projects.layout import Entry, Project, Section, note

CONFIG_FILES = ("_config.yml", "_config.yaml", "_config.toml")


def read(root: Path, language: str | None = None) -> Project | None:
    """The site in ``root``, or None when it is no Jekyll site."""
    posts = root / "_posts"
    if not posts.is_dir() and not any((root / name).is_file() for name in CONFIG_FILES):
        return None
    found = manuscript_files(root, subfolders=True)
    pages = [p for p in found if not p.is_relative_to(posts)]
    entries = tuple(Entry(p, by_date=True) for p in found if p.is_relative_to(posts))
    notes = []
    if entries and pages:
        names = ", ".join(p.relative_to(root).as_posix() for p in pages[:3])
        more = ", …" if pages[3:] else ""
        message = (
            f"{len(pages)} page(s) outside _posts left out ({names}{more}); "
            "list them in a publication.toml to include them"
        )
        notes.append(note(message, root))
    elif not entries:  # a site without posts: its pages are what it has
        entries = tuple(Entry(p) for p in pages)
    return Project(
        "jekyll", (Section(None, entries),), tuple(notes), pages=root, addresses="jekyll"
    )
