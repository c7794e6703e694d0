"""Addresses the PDF renderer refused, each reported where it is written.

WeasyPrint asks the offline fetcher (pdf.py) for every address the print document and its
stylesheets use; the fetcher serves the book's own files and refuses the rest. What
reaches it is written in a theme's own templates or stylesheets (articles and their
images are checked while loading), so each refused address is looked for in the files of
the publication's ``styles/`` folder and reported at its line; all of them, at once.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

from publisher.errors import AssetError, BackendError, PublisherError, SourceLocation, raise_if_any

THEME_SUFFIXES = (".css", ".j2", ".html", ".xhtml", ".svg")


class RefusedURLs(BackendError):
    """Raised by a render that asked for addresses outside the book; ``urls`` lists them
    in the order asked, each once. It crosses process boundaries (chunk workers)."""

    def __init__(self, urls: tuple[str, ...]) -> None:
        self.urls = tuple(dict.fromkeys(urls))
        super().__init__(f"the PDF referred to files outside the book: {', '.join(self.urls)}")

    def __reduce__(self) -> tuple[type, tuple[tuple[str, ...]]]:
        return RefusedURLs, (self.urls,)


def located(
    urls: tuple[str, ...], folders: tuple[Path, ...], root: Path, base: str
) -> list[PublisherError]:
    """One AssetError per refused address, at the theme file and line that writes it (else
    at the publication folder). ``folders`` are the theme's own folders, ``base`` the
    document's base URL."""
    files = [
        p for folder in folders for p in sorted(folder.rglob("*")) if p.suffix in THEME_SUFFIXES
    ]
    texts = {path: _lines(path) for path in files}
    errors: list[PublisherError] = []
    for url in urls:
        message = (
            f"the PDF would fetch '{url}', which is not one of the book's own files; "
            "refer only to files inside the publication folder"
        )
        errors.append(AssetError(message, _where(url, texts, base) or SourceLocation(root)))
    return errors


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return []


def _where(url: str, texts: dict[Path, list[str]], base: str) -> SourceLocation | None:
    tail = url.removeprefix(base)
    needles = [n for n in dict.fromkeys((url, unquote(url), tail, unquote(tail))) if n]
    for needle in needles:
        for path, lines in texts.items():
            for number, line in enumerate(lines, 1):
                if needle in line:
                    return SourceLocation(path, number)
    return None


def raise_refused(urls: tuple[str, ...], root: Path, folders: tuple[Path, ...], base: str) -> None:
    """Raise every refused address as an error at the file and line of the publication's
    own theme (``folders`` inside ``root``) that writes it."""
    own = tuple(f for f in folders if f.resolve().is_relative_to(root.resolve()))
    raise_if_any(located(tuple(dict.fromkeys(urls)), own, root, base))
