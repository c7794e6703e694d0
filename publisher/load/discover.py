"""Which files of a folder are manuscripts: the first step of loading a book.

A folder read as it is (a blog's content folder) holds a site's machinery beside its
articles; only the articles count.
"""

from __future__ import annotations

import os
from pathlib import Path

MANUSCRIPT_SUFFIXES = (".md", ".markdown", ".txt")  # the readers in load/readers

_NOT_ARTICLES = ("README", "LICENSE", "CHANGELOG", "CONTRIBUTING")
_KEPT_FOLDERS = ("_posts",)  # Jekyll's posts; every other _folder is a tool's own
# A site's machinery, not its articles: Hugo's templates, themes and output, packages.
_TOOL_FOLDERS = ("archetypes", "layouts", "themes", "public", "resources", "node_modules", "vendor")


def manuscript_files(root: Path, subfolders: bool = False) -> list[Path]:
    """The manuscripts in a folder (and, with ``subfolders``, below it), in path order.

    With ``subfolders`` (a blog's content folder, read as it is), Markdown in subfolders
    (Hugo's sections and page bundles, Jekyll's ``_posts``) counts; names starting with
    ``.`` or ``_`` (Hugo's ``_index.md`` section pages, ``_drafts``, ``_layouts``), a site's
    machinery (_TOOL_FOLDERS) and README or LICENSE files do not. Plain-text copy counts only at the
    top level, where no tool keeps other .txt files. Links to folders are not followed.
    """
    found = []
    for folder, below, files in os.walk(root):
        here = Path(folder)
        below[:] = sorted(d for d in below if subfolders and _wanted_folder(here / d))
        for name in files:
            path = here / name
            suffix = path.suffix.lower()
            if (
                suffix in MANUSCRIPT_SUFFIXES
                and _wanted_file(path)
                and (here == root or suffix != ".txt")
            ):
                found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).parts)


def _wanted_folder(path: Path) -> bool:
    hidden = path.name.startswith((".", "_")) and path.name not in _KEPT_FOLDERS
    return not hidden and path.name not in _TOOL_FOLDERS and not path.is_symlink()


def _wanted_file(path: Path) -> bool:
    return (
        path.is_file()
        and not path.name.startswith(("_", "."))
        and not path.stem.upper().startswith(_NOT_ARTICLES)
    )
