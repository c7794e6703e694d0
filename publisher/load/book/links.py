"""Links from one article to another: ``[see](other.md#tides)`` works in the book.

While an article loads, a link to another manuscript (a relative path, a path from the
folder's root, a bare file name as Hugo's ``ref`` and Jekyll's ``post_url`` give it, or the
address a blog published it at, such as ``/2019/06/14/ferries/`` or ``/posts/ferries/``, or
one its front matter gives: ``slug``, ``permalink``, ``url``, ``aliases``, ``redirect_from``) is
a ``CrossLink`` to ``<path from the root>#<anchor>`` (the converter passes it on as
``publisher-article:…``): the loader does not know yet where that article lands in the
book. Once every article is loaded, ``resolve_links`` points each one at the target
chapter (or its heading); the PDF writes it ``#<id>``, the EPUB names that chapter's file
(render/footnotes.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from publisher.errors import ManuscriptError, PublisherError, SourceLocation
from publisher.load.readers.frontmatter import split
from publisher.load.readers.text import read_manuscript
from publisher.model import Chapter, CrossLink, Element, Node, NoteSection, Part, walk

PREFIX = "publisher-article:"
SUFFIXES = (".md", ".markdown", ".txt")
_PAGE_SUFFIXES = (".html", ".htm")  # the page a site (mdBook, MkDocs, Jekyll) made of one
_DATE_PATH = re.compile(r"/(\d{4})/(\d{2})/(\d{2})/")
_JEKYLL_POST = re.compile(r"(\d{4}-\d{2}-\d{2})-(.+)")
ADDRESS_KEYS = ("permalink", "url", "aliases", "redirect_from")  # where a post says its address


def is_manuscript_link(href: str) -> bool:
    """A relative link whose path names a manuscript (``other.md``, ``../b.txt#x``) or has
    the shape of a blog post's address (``/2019/06/14/ferries/``, ``../ferries.html``)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return False
    path = parts.path.lower()
    return (
        path.endswith(SUFFIXES + _PAGE_SUFFIXES)
        or _permalink_slug(parts.path) is not None
        or (path.endswith("/") and not path.startswith("/"))  # a pretty address: ../other/
    )


def _permalink_slug(path: str) -> str | None:
    """The post name a site address ends in: ``/2019/06/14/ferries/`` → ``ferries``; None
    for anything else (a file such as ``/images/a.png``, or a same-folder ``page/``)."""
    if not path.startswith(("/", "../")):
        return None
    segments = [s for s in unquote(path).split("/") if s and s not in (".", "..")]
    folder = path.endswith("/")
    if segments and segments[-1].lower() in ("index.html", "index.htm"):
        segments.pop()
        folder = True
    if not segments:
        return None
    last = segments[-1]
    for ending in (".html", ".htm"):
        if last.lower().endswith(ending):
            return last[: -len(ending)].lower()
    return last.lower() if folder and "." not in last else None


def _permalink_date(path: str) -> str | None:
    """``2019-06-14`` for an address holding /2019/06/14/ (Jekyll's default), else None."""
    found = _DATE_PATH.search(path)
    return "-".join(found.groups()) if found else None


def manuscript_link(
    href: str, article: Path, root: Path, site_url: str | None = None
) -> str | None:
    """The placeholder for a link to another manuscript in ``root``, or None if there is
    no such manuscript (the link is then removed with a warning). A web address under
    ``site_url`` (the blog's own) is read as the site-absolute path it names; when it is no
    post of the book, None leaves it a web link."""
    own = _without_scheme(site_url) if site_url else None
    if own and "://" in href and _without_scheme(href).lower().startswith(own.lower()):
        href = "/" + _without_scheme(href)[len(own) :]  # http or https alike
    if not is_manuscript_link(href):
        return None  # another site's page, or a file of this one
    parts = urlsplit(href)
    written = unquote(parts.path)
    candidates = [root / written.lstrip("/")] if written.startswith("/") else []
    candidates += [article.parent / written, root / written]
    if not written.startswith("/") and article.stem.lower() not in ("index", "readme"):
        candidates.append(article.parent / article.stem / written)  # MkDocs: page/ is a folder
    for candidate in [c for found in candidates for c in _as_manuscript(found)]:
        target = candidate.resolve()
        if target.is_file() and target.is_relative_to(root.resolve()):
            return _placeholder(target.relative_to(root.resolve()).as_posix(), parts.fragment)
    if "/" not in written:
        found = _by_name(root.resolve()).get(written.lower())
        if found:
            return _placeholder(found, parts.fragment)
    elif written.lower().endswith(SUFFIXES):  # Hugo's ref "routes/loop.md": from content/
        ending = "/" + written.strip("/").lower()
        ends = [p for p in _all_paths(root.resolve()) if f"/{p.lower()}".endswith(ending)]
        if len(ends) == 1:
            return _placeholder(ends[0], parts.fragment)
    claimed = _by_address(root.resolve()).get(_address(written), [])
    if len(claimed) == 1:  # a permalink, url, alias or redirect_from in its front matter
        return _placeholder(claimed[0], parts.fragment)
    slug = _permalink_slug(parts.path)
    if slug:
        posts = _by_slug(root.resolve()).get(slug, [])
        date = _permalink_date(written)
        dated = [path for day, path in posts if day == date] if date else []
        named = dated or [path for _, path in posts]
        if len(named) == 1:
            return _placeholder(named[0], parts.fragment)
    return _on_site(href, article, root, site_url)


def _as_manuscript(candidate: Path) -> list[Path]:
    """The files a site address may have been made from: ``ch01.html`` from ``ch01.md``,
    ``guide/`` from ``guide.md`` or ``guide/index.md``; a manuscript's path as it is."""
    name = candidate.name.lower()
    if name.endswith(SUFFIXES):
        return [candidate]
    if name in ("index.html", "index.htm", ""):
        folder = candidate.parent if name else candidate
        return [
            folder / f"{stem}{suffix}"
            for stem in ("index", "README")
            for suffix in (".md", ".markdown")
        ] + [folder.with_suffix(".md")]
    if name.endswith(_PAGE_SUFFIXES):
        stem = candidate.with_suffix("")
        return [stem.with_suffix(".md"), stem.with_suffix(".markdown")]
    if str(candidate).endswith("/") or not candidate.suffix:
        return [
            candidate.with_suffix(".md"),
            candidate / "index.md",
            candidate / "README.md",
            candidate / "_index.md",
        ]
    return [candidate]


def _on_site(href: str, article: Path, root: Path, site_url: str | None) -> str | None:
    """A page of the site that is no manuscript here, as a web link when the site's
    address is known (else None: the link loses its target, with a warning)."""
    if not site_url or "://" in href or urlsplit(href).path.lower().endswith(SUFFIXES):
        return None  # a manuscript's file name is no address on the site
    if href.startswith("/"):
        return site_url.rstrip("/") + href
    try:
        folder = article.parent.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return None
    base = site_url if folder == "." else f"{site_url.rstrip('/')}/{folder}/"
    return urljoin(base, href)


def _without_scheme(url: str) -> str:
    return url.split("://", 1)[1] if "://" in url else url


def _placeholder(path: str, fragment: str) -> str:
    return PREFIX + path + (f"#{fragment}" if fragment else "")


@cache
def _all_paths(root: Path) -> tuple[str, ...]:
    """Every manuscript a build would find, as paths from the root."""
    from publisher.load.discover import manuscript_files

    return tuple(p.relative_to(root).as_posix() for p in manuscript_files(root, subfolders=True))


@cache
def _by_name(root: Path) -> dict[str, str]:
    """Manuscript file names → paths from the root (Hugo's ``ref "post.md"``), among the
    files a build would find (so never inside a theme or node_modules)."""
    from publisher.load.discover import manuscript_files

    found: dict[str, str] = {}
    for path in manuscript_files(root, subfolders=True):
        relative = path.relative_to(root).as_posix()
        found.setdefault(path.name.lower(), relative)
        if path.stem.lower() == "index":  # a page bundle: its folder's name
            found.setdefault(path.parent.name.lower() + path.suffix.lower(), relative)
    return found


@cache
def _by_slug(root: Path) -> dict[str, list[tuple[str | None, str]]]:
    """Post names → (date from a Jekyll file name, path from the root) of the manuscripts
    that a blog would publish under that name: ``2019-06-14-ferries.md``, ``ferries.md``
    and the page bundle ``ferries/index.md`` are all ``ferries``."""
    from publisher.load.discover import manuscript_files

    found: dict[str, list[tuple[str | None, str]]] = {}
    for path in manuscript_files(root, subfolders=True):
        _, day, name = _post_name(path)
        relative = path.relative_to(root).as_posix()
        slug = _front_matter(path, root).get("slug")  # Hugo's and Jekyll's own name for the post
        for each in {name.lower(), str(slug).lower()} if slug else {name.lower()}:
            found.setdefault(each, []).append((day, relative))
    return found


@cache
def _by_address(root: Path) -> dict[str, list[str]]:
    """Site addresses → paths from the root of the manuscripts whose front matter claims
    them: Jekyll's ``permalink`` and ``redirect_from``, Hugo's ``url`` and ``aliases``."""
    from publisher.load.discover import manuscript_files

    found: dict[str, list[str]] = {}
    for path in manuscript_files(root, subfolders=True):
        meta = _front_matter(path, root)
        for key in ADDRESS_KEYS:
            values = meta.get(key)
            for value in values if isinstance(values, list) else [values]:
                if isinstance(value, str) and ":" not in value:  # not a /:year/:title/ pattern
                    found.setdefault(_address(value), []).append(path.relative_to(root).as_posix())
    return found


def _front_matter(path: Path, root: Path) -> dict[str, object]:
    """A manuscript's front matter, or nothing when it has none or cannot be read (the
    loader reports that file's problems itself)."""
    if path.suffix.lower() == ".txt":
        return {}
    try:  # read as the loader reads: never past the size limit, never outside the folder
        return split(read_manuscript(path, root), path).meta
    except (OSError, PublisherError):
        return {}


def _address(path: str) -> str:
    """A site address reduced for comparison: ``/Ferries/index.html`` → ``ferries``."""
    segments = [s for s in unquote(path).lower().split("/") if s and s not in (".", "..")]
    if segments and segments[-1] in ("index.html", "index.htm"):
        segments.pop()
    return "/".join(segments)


def resolve_links(
    parts: list[Part],
    root: Path,
    warn: Callable[[PublisherError], None],
    site_url: str | None = None,
    address: Callable[[Path], str | None] | None = None,
) -> list[Part]:
    """Point every link to another article at the chapter (or heading) it names. A link to
    a page that is not in the book goes to that page on the web when ``address`` (the
    project's Project.web_address, given when the site's base URL is known) says where;
    else it loses its target, with a warning."""
    if not any(_links_in(ch) for part in parts for ch in part.chapters):
        return parts
    top = root.resolve()
    chapters = {_key(ch, top): ch for part in parts for ch in part.chapters}
    ids = {ch.slug: set(ch.article.anchors) for ch in chapters.values()}

    def fix(chapter: Chapter) -> Chapter:
        if not _links_in(chapter):
            return chapter

        def target(link: CrossLink) -> Node:
            path, anchor = link.path, link.fragment
            found = chapters.get(path)
            web = _claimed(top / path, site_url) if found is None and address else None
            web = web or (address(top / path) if found is None and address else None)
            if web:
                href = web + (f"#{anchor}" if anchor else "")
                attributes = tuple((k, href if k == "href" else v) for k, v in link.attributes)
                return Element("a", attributes, link.children)
            if found is None:
                message = (
                    f"link to '{path}' removed (its text is kept): that page is not in the "
                    "book, and the site's address is not known to link to it on the web"
                )
                _warn(warn, chapter, message, *_names(Path(path)))
                attributes = tuple(a for a in link.attributes if a[0] != "href")
                return Element("a", attributes, link.children)
            wanted = (f"{found.slug}-{anchor}", anchor)
            inside = [a for a in wanted if anchor and a in ids[found.slug]]
            if anchor and not inside:
                _warn(
                    warn,
                    chapter,
                    f"link to '{path}#{anchor}': no such anchor; it goes to "
                    "the start of that article",
                    f"#{anchor}",
                    exact=True,
                )
            return replace(link, chapter=found.slug, anchor=inside[0] if inside else found.slug)

        article = chapter.article
        body = _each_link(article.body, target)
        notes = tuple(replace(n, body=_each_link(n.body, target)) for n in article.notes)
        return replace(chapter, article=replace(article, body=body, notes=notes))

    return [replace(p, chapters=tuple(fix(ch) for ch in p.chapters)) for p in parts]


def _claimed(path: Path, site_url: str | None) -> str | None:
    """The address a page's front matter gives itself (Jekyll's ``permalink``, Hugo's
    ``url``) under ``site_url``, if it gives one."""
    for key in ("permalink", "url"):
        value = _front_matter(path, path.parent).get(key)
        if site_url and isinstance(value, str) and value.startswith("/") and ":" not in value:
            return site_url.rstrip("/") + value
    return None


def _links_in(chapter: Chapter) -> bool:
    """Whether an article links to another one (a link the book pass has to resolve)."""
    article = chapter.article
    return any(isinstance(n, CrossLink) for n in walk(article.body, article.notes))


def _each_link(nodes: tuple[Node, ...], change: Callable[[CrossLink], Node]) -> tuple[Node, ...]:
    """The nodes with every unresolved CrossLink among them replaced by ``change(link)``."""
    changed: list[Node] = []
    for node in nodes:
        if isinstance(node, CrossLink) and not node.chapter:
            node = change(replace(node, children=_each_link(node.children, change)))
        elif isinstance(node, Element | CrossLink | NoteSection):
            node = replace(node, children=_each_link(node.children, change))
        changed.append(node)
    return tuple(changed)


def _key(chapter: Chapter, top: Path) -> str:
    return chapter.article.origin.path.resolve().relative_to(top).as_posix()


def _warn(
    warn: Callable[[PublisherError], None],
    chapter: Chapter,
    message: str,
    *needles: str,
    exact: bool = False,
) -> None:
    """Warn about a link of ``chapter`` at the first line of its file that names the link's
    target (one of ``needles``: as written when ``exact``, else as a name in a link)."""
    path = chapter.article.origin.path
    warn(ManuscriptError(message, SourceLocation(path, _line_naming(path, needles, exact))))


def _line_naming(path: Path, needles: tuple[str, ...], exact: bool) -> int | None:
    """The first line of ``path`` holding one of ``needles`` (read only for a warning)."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    for needle in needles:
        pattern = re.escape(needle) if exact else rf"(?<![\w-]){re.escape(needle)}(?=[./\"')#\s%])"
        line = next((n for n, text in enumerate(lines, 1) if re.search(pattern, text)), None)
        if line:
            return line
    return None


def _names(path: Path) -> tuple[str, ...]:
    """What a link may call the manuscript at ``path``: its file name's stem and, for a
    Jekyll post, its post name."""
    stem, day, name = _post_name(path)
    return (stem, name) if day else (stem,)


def _post_name(path: Path) -> tuple[str, str | None, str]:
    """(stem, date, post name) of a manuscript as a blog names it: a page bundle
    (``ferries/index.md``) by its folder, a Jekyll post without its date."""
    stem = path.parent.name if path.stem.lower() == "index" else path.stem
    jekyll = _JEKYLL_POST.fullmatch(stem)
    return (stem, *jekyll.groups()) if jekyll else (stem, None, stem)
