"""An MkDocs site read as MkDocs reads it: the ``nav`` of ``mkdocs.yml`` gives the pages,
their order and titles; its top-level sections are the book's parts.

Without a ``nav``, MkDocs lists every page: ``index.md`` (or ``README.md``) first, then the
others by name, a folder's pages as a section after the pages beside it. Pages the nav
does not list are not in the site's navigation: left out, with a note. Links to other
sites in the nav are not pages. The Material theme's blog plugin adds its posts (oldest
first, as a book reads) after the blog's index page, and names their authors in
``.authors.yml``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from publisher.config.site import read_settings
from publisher.errors import Notice
from publisher.load.discover import manuscript_files
from publisher.load.projects.layout import Entry, Project, Section, inside, note

CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml")
_INDEX = ("index.md", "readme.md")


def read(root: Path, language: str | None = None) -> Project | None:
    """The site whose ``mkdocs.yml`` is in ``root`` (or whose docs folder ``root`` is)."""
    found = _config(root)
    if found is None:
        return None
    config_path, settings, docs = found
    blog = _blog(settings, docs)
    pages = [p for p in manuscript_files(docs, subfolders=True) if not _is_post(p, blog)]
    nav = settings.get("nav")
    notes: list[Notice] = []
    if isinstance(nav, list):
        sections = _from_nav(nav, docs, root, config_path, notes)
    else:
        sections = _by_folder(pages, docs)
    listed = {entry.path.resolve() for section in sections for entry in section.entries}
    if blog is not None:
        sections = _with_posts(sections, blog, docs)
    left_out = [p for p in pages if p.resolve() not in listed]
    if left_out:
        names = ", ".join(p.relative_to(docs).as_posix() for p in left_out[:3])
        more = ", …" if left_out[3:] else ""
        message = f"{len(left_out)} page(s) not in the nav left out ({names}{more})"
        notes.append(note(message, config_path))
    authors = _authors(blog) if blog is not None else ()
    folders = settings.get("use_directory_urls", True) is not False
    style = "folders" if folders else "html"
    return Project(
        "mkdocs", tuple(sections), tuple(notes), authors=authors, pages=docs, addresses=style
    )


def _config(root: Path) -> tuple[Path, dict[str, Any], Path] | None:
    for folder in (root, root.resolve().parent):
        for name in CONFIG_FILES:
            path = folder / name
            if not path.is_file():
                continue
            settings = read_settings(path)
            docs_dir = settings.get("docs_dir")
            docs = folder / (docs_dir if isinstance(docs_dir, str) and docs_dir else "docs")
            if folder == root and docs.is_dir():
                return path, settings, docs
            if folder != root and docs.resolve() == root.resolve():
                return path, settings, root
    return None


def _from_nav(
    nav: list, docs: Path, root: Path, config_path: Path, notes: list[Notice]
) -> list[Section]:
    sections: list[Section] = []
    loose: list[Entry] = []
    for item in nav:
        title, value = _item(item)
        if isinstance(value, list):
            if loose:
                sections.append(Section(None, tuple(loose)))
                loose = []
            entries = _flatten(value, docs, root, config_path, notes)
            if entries:
                sections.append(Section(title, tuple(entries)))
        else:
            loose += _flatten([item], docs, root, config_path, notes)
    if loose:
        sections.append(Section(None, tuple(loose)))
    return sections


def _flatten(
    items: list, docs: Path, root: Path, config_path: Path, notes: list[Notice]
) -> list[Entry]:
    """A nav section's pages in reading order, nested sections included."""
    entries: list[Entry] = []
    for item in items:
        title, value = _item(item)
        if isinstance(value, list):
            entries += _flatten(value, docs, root, config_path, notes)
        elif isinstance(value, str) and "://" not in value and not value.startswith("mailto:"):
            path = docs / value.split("#")[0]
            if inside(path, root) and path.suffix.lower() in (".md", ".markdown"):
                entries.append(Entry(path, title))
            elif not path.is_dir():
                notes.append(
                    note(
                        f"nav entry '{value}' is not a page in the folder: left out",
                        config_path,
                        _line(config_path, value),
                    )
                )
    return entries


def _item(item: Any) -> tuple[str | None, Any]:
    if isinstance(item, dict) and len(item) == 1:
        title, value = next(iter(item.items()))
        return (str(title) if title is not None else None), value
    return None, item


def _by_folder(pages: list[Path], docs: Path) -> list[Section]:
    """MkDocs' own order without a nav: index first, then by name; a folder is a section."""
    top = sorted((p for p in pages if p.parent == docs), key=_page_order)
    sections = [Section(None, tuple(Entry(p) for p in top))] if top else []
    folders = sorted({p.relative_to(docs).parts[0] for p in pages if p.parent != docs})
    for folder in folders:
        inner = sorted(
            (p for p in pages if p.is_relative_to(docs / folder)),
            key=lambda p: (
                [_page_order(Path(part)) for part in p.relative_to(docs / folder).parts[:-1]],
                _page_order(p),
            ),
        )
        title = folder.replace("-", " ").replace("_", " ").strip().capitalize()
        sections.append(Section(title, tuple(Entry(p) for p in inner)))
    return sections


def _page_order(path: Path) -> tuple[bool, str]:
    return (path.name.lower() not in _INDEX, path.name.lower())


def _blog(settings: dict[str, Any], docs: Path) -> Path | None:
    """The blog folder of Material's blog plugin, if the site uses it."""
    plugins = settings.get("plugins")
    for plugin in plugins if isinstance(plugins, list) else [plugins] if plugins else []:
        name, options = _item(plugin) if isinstance(plugin, dict) else (plugin, {})
        if isinstance(name, str) and name.split("/")[-1] == "blog":
            options = options if isinstance(options, dict) else {}
            folder = options.get("blog_dir")
            return docs / (folder if isinstance(folder, str) and folder else "blog")
    return None


def _is_post(path: Path, blog: Path | None) -> bool:
    return blog is not None and path.is_relative_to(blog / "posts")


def _with_posts(sections: list[Section], blog: Path, docs: Path) -> list[Section]:
    """The blog's posts (by date, see load/__init__) after its index page, or at the end."""
    posts = tuple(Entry(p, by_date=True) for p in manuscript_files(blog / "posts", subfolders=True))
    if not posts:
        return sections
    index = next(
        (blog / name for name in ("index.md", "README.md") if (blog / name).is_file()), None
    )
    for number, section in enumerate(sections):
        at = [i for i, entry in enumerate(section.entries) if index and entry.path == index]
        if at:
            entries = section.entries[: at[0] + 1] + posts + section.entries[at[0] + 1 :]
            return [*sections[:number], Section(section.title, entries), *sections[number + 1 :]]
    return [*sections, Section("Blog", posts)]


def _authors(blog: Path) -> tuple[tuple[str, str], ...]:
    """Author ids → names, from the blog's ``.authors.yml``."""
    data = read_settings(blog / ".authors.yml")
    table = data.get("authors") if isinstance(data.get("authors"), dict) else {}
    found = []
    for key, value in table.items():
        name = value.get("name") if isinstance(value, dict) else None
        if isinstance(name, str) and name.strip():
            found.append((str(key), " ".join(name.split())))
    return tuple(found)


def _line(path: Path, text: str) -> int | None:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return next((n for n, line in enumerate(lines, 1) if text in line), None)
