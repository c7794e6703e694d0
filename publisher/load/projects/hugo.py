"""A Hugo site read as Hugo reads it: sections, bundles, weights and languages.

The content folder's top-level folders are sections, and so is any folder below with an
``_index.md``; each top-level section is a part of the book, titled by its ``_index.md``
(pages at the top come first, outside any part). Within a section, pages with a ``weight``
come first in weight order, then the others by date (oldest first, as a book reads), then
its subsections. An ``_index.md`` with text opens its section as a chapter. A folder with
an ``index.md`` is a page bundle: its other Markdown files are the page's resources, not
pages; a headless bundle (``headless: true``) is no page at all; a page whose build options
say ``list: never`` or ``render: never`` is not listed. All of these are left out with a
note. A multilingual site (``post.fr.md``, or a ``contentDir`` per language) gives the book
of one language: the site's default unless one is asked for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publisher.config.site import read_settings
from publisher.errors import Notice, PublisherError
from publisher.load.discover import manuscript_files
from publisher.load.projects.layout import Entry, Project, Section, note
from publisher.load.readers.frontmatter import split
from publisher.load.readers.text import read_manuscript

SETTINGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json", "config.toml", "config.yaml")
_LANG_SUFFIX = re.compile(r"^(.+)\.([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)$")


@dataclass(frozen=True)
class _Page:
    path: Path
    meta: dict[str, Any]
    language: str


def read(root: Path, language: str | None = None) -> Project | None:
    """The Hugo site whose content folder (or site folder) is ``root``, or None."""
    found = _site(root)
    if found is None:
        return None
    settings, content = found
    languages = _languages(settings)
    default = str(settings.get("defaultcontentlanguage") or next(iter(languages), "en")).lower()
    wanted = (language or default).lower()
    notes: list[Notice] = []
    pages = [_page(p, content, languages, default, settings) for p in _files(content)]
    others = sorted({p.language for p in pages} - {wanted})
    if others:
        where = content
        listed = ", ".join(others)
        notes.append(
            note(
                f"the site is also written in {listed}: this book is in {wanted} "
                f"(--language {others[0]} builds another)",
                where,
            )
        )
    pages = [p for p in pages if p.language == wanted]
    pages = _without_unlisted(pages, content, notes)
    sections = _sections(pages, content)
    return Project(
        "hugo",
        tuple(sections),
        tuple(notes),
        language=wanted if others or language else None,
        pages=content,
    )


def _site(root: Path) -> tuple[dict[str, Any], Path] | None:
    for folder in (root, root.resolve().parent):
        for path in _settings_files(folder):
            settings = {k.lower(): v for k, v in read_settings(path).items()}
            if not settings:
                continue
            content_dir = (
                settings.get("contentdir")
                if isinstance(settings.get("contentdir"), str)
                else "content"
            )
            content = folder / content_dir
            if folder == root and content.is_dir():
                return settings, content
            if folder != root and content.resolve() == root.resolve():
                return settings, root
    if (root / "_index.md").is_file():  # a content folder copied on its own
        return {}, root
    return None


def _settings_files(folder: Path) -> list[Path]:
    places = [folder / name for name in SETTINGS]
    places += [folder / "config" / "_default" / name for name in SETTINGS]
    return [p for p in places if p.is_file()]


def _languages(settings: dict[str, Any]) -> dict[str, dict[str, Any]]:
    table = settings.get("languages")
    if not isinstance(table, dict):
        return {}
    return {str(k).lower(): (v if isinstance(v, dict) else {}) for k, v in table.items()}


def _files(content: Path) -> list[Path]:
    """Every Markdown page below the content folder, section pages (``_index``) included."""
    pages = manuscript_files(content, subfolders=True)
    sections = [p for p in content.rglob("_index.*") if p.suffix.lower() in (".md", ".markdown")]
    pages += [p for p in sections if _visible(p, content)]
    return sorted(set(pages), key=lambda p: p.relative_to(content).parts)


def _visible(path: Path, content: Path) -> bool:
    parts = path.relative_to(content).parts[:-1]
    return not any(part.startswith((".", "_")) for part in parts)


def _page(
    path: Path, content: Path, languages: dict, default: str, settings: dict[str, Any]
) -> _Page:
    meta = _front_matter(path, content)
    return _Page(path, meta, _language_of(path, content, languages, default))


def _language_of(path: Path, content: Path, languages: dict, default: str) -> str:
    """A page's language: its language's contentDir, its ``.fr`` suffix, else the default."""
    for name, options in languages.items():
        folder = options.get("contentdir") or options.get("contentDir")
        if isinstance(folder, str) and path.resolve().is_relative_to(
            (content.parent / folder).resolve()
        ):
            return name
    suffix = _LANG_SUFFIX.match(path.stem)
    if suffix:
        code = suffix.group(2).lower()
        if code in languages or (not languages and _has_sibling(path, suffix.group(1))):
            return code
    return default


def _has_sibling(path: Path, base: str) -> bool:
    """Whether another language version of the page is beside it (``post.md``, ``post.fa.md``)."""
    for other in path.parent.glob(f"{base}.*"):
        if other != path and other.suffix.lower() == path.suffix.lower():
            return True
    return False


def _front_matter(path: Path, content: Path) -> dict[str, Any]:
    try:
        return split(read_manuscript(path, content), path).meta
    except (OSError, PublisherError):
        return {}  # the loader reports that file's problems itself


def _base(path: Path) -> str:
    """A page's name without a language suffix: ``index.fr`` → ``index``."""
    suffix = _LANG_SUFFIX.match(path.stem)
    return suffix.group(1).lower() if suffix else path.stem.lower()


def _without_unlisted(pages: list[_Page], content: Path, notes: list[Notice]) -> list[_Page]:
    bundles = {p.path.parent: p for p in pages if _base(p.path) == "index"}
    kept = []
    for page in pages:
        bundle = next(
            (bundles[f] for f in _folders_up(page.path.parent, content) if f in bundles), None
        )
        if bundle is not None and bundle.meta.get("headless") is True:
            why = (
                "is a headless bundle (no page of its own)"
                if bundle is page
                else (f"belongs to the headless bundle {bundle.path.parent.name}/")
            )
            notes.append(note(f"left out: {why}", page.path))
        elif bundle is not None and bundle is not page:
            notes.append(
                note(
                    f"left out: a resource of the page bundle {bundle.path.parent.name}/", page.path
                )
            )
        elif _unlisted(page.meta):
            notes.append(
                note("left out: its build options keep it out of the site's lists", page.path)
            )
        else:
            kept.append(page)
    return kept


def _folders_up(folder: Path, content: Path) -> list[Path]:
    found = []
    while folder != content and folder.is_relative_to(content):
        found.append(folder)
        folder = folder.parent
    return found


def _unlisted(meta: dict[str, Any]) -> bool:
    for key in ("_build", "build"):
        options = meta.get(key)
        if isinstance(options, dict):
            values = {str(k).lower(): v for k, v in options.items()}
            if values.get("list") in ("never", False) or values.get("render") in ("never", False):
                return True
    return False


def _sections(pages: list[_Page], content: Path) -> list[Section]:
    """The book's parts: the top-level pages, then one part per top-level section."""
    index = {p.path.parent: p for p in pages if _base(p.path) == "_index"}
    top = [p for p in pages if p.path.parent == content and _base(p.path) != "_index"]
    sections = [Section(None, _intro(index.get(content)) + tuple(_ordered(top)))]
    tops = sorted({p.path.relative_to(content).parts[0] for p in pages if p.path.parent != content})
    found = []
    for name in tops:
        folder = content / name
        entries = _section_entries(folder, pages, index)
        if entries:
            head = index.get(folder)
            title = _title(head.meta) if head else None
            found.append((_weight(head.meta) if head else 0, title or _humanise(name), entries))
    found.sort(key=lambda item: (item[0] == 0, item[0], item[1].lower()))
    sections += [Section(title, tuple(entries)) for _, title, entries in found]
    return [s for s in sections if s.entries]


def _section_entries(folder: Path, pages: list[_Page], index: dict[Path, _Page]) -> list[Entry]:
    """A section's chapters: its intro, its pages (weight, then date), then subsections."""
    mine = [
        p
        for p in pages
        if _section_of(p.path, index, folder) == folder and _base(p.path) != "_index"
    ]
    subsections = sorted(
        (
            f
            for f in index
            if f != folder
            and f.parent.is_relative_to(folder)
            and _nearest(f.parent, index, folder) == folder
        ),
        key=lambda f: (_weight(index[f].meta) == 0, _weight(index[f].meta), f.name),
    )
    entries = list(_intro(index.get(folder))) + _ordered(mine)
    for sub in subsections:
        entries += _section_entries(sub, pages, index)
    return entries


def _section_of(path: Path, index: dict[Path, _Page], top: Path) -> Path:
    """The folder of the section a page belongs to: the nearest folder with an _index."""
    folder = path.parent
    if _base(path) == "index":
        folder = folder.parent  # a bundle belongs to its folder's section
    return _nearest(folder, index, top)


def _nearest(folder: Path, index: dict[Path, _Page], top: Path) -> Path:
    while folder != top and folder not in index and folder.is_relative_to(top):
        folder = folder.parent
    return folder


def _intro(head: _Page | None) -> tuple[Entry, ...]:
    """A section's ``_index.md`` as its first chapter, when it has text of its own."""
    if head is None or not _has_text(head.path):
        return ()
    return (Entry(head.path, _title(head.meta)),)


def _has_text(path: Path) -> bool:
    try:
        return bool(split(read_manuscript(path, path.parent), path).body.strip())
    except (OSError, PublisherError):
        return True  # let the loader report it


def _ordered(pages: list[_Page]) -> list[Entry]:
    weighted = sorted((p for p in pages if _weight(p.meta)), key=lambda p: _weight(p.meta))
    dated = [p for p in pages if not _weight(p.meta)]
    return [Entry(p.path) for p in weighted] + [Entry(p.path, by_date=True) for p in dated]


def _weight(meta: dict[str, Any]) -> int:
    value = meta.get("weight")
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _title(meta: dict[str, Any]) -> str | None:
    for key in ("linkTitle", "linktitle", "title"):
        value = meta.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def _humanise(name: str) -> str:
    words = re.sub(r"[-_]+", " ", name).split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or name
