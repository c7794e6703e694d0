"""Manuscripts folder + Config → Publication. The only code that builds the model.

Every article is loaded even when an earlier one failed, so that one run reports every
broken file; then all problems are raised together.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from functools import partial
from pathlib import Path

from publisher.cache import ArticleCache
from publisher.config import Config
from publisher.errors import (
    ConfigError,
    ManuscriptError,
    Notice,
    PublisherError,
    SourceLocation,
    raise_if_any,
)
from publisher.load.article import ArticleContext, Warn
from publisher.load.assets.remote import RemoteImages
from publisher.load.assets.resolve import resolve_image
from publisher.load.assets.snapshots import Snapshots
from publisher.load.body.xhtml import make_markdown
from publisher.load.book.ids import book_unique_ids, reserved_names, unique_slug
from publisher.load.book.links import resolve_links
from publisher.load.discover import MANUSCRIPT_SUFFIXES, manuscript_files
from publisher.load.parallel import Job, load_many
from publisher.load.projects.find import read_project
from publisher.load.projects.layout import Entry, Project, Section
from publisher.load.read import load_article
from publisher.load.readers.dialects import project_dialect
from publisher.load.readers.titles import book_heading
from publisher.model import Article, Asset, Chapter, Contributor, Metadata, Part, Publication
from publisher.options import BuildOptions
from publisher.safety.files import FileRefused, read_regular


def load_publication(
    config: Config,
    options: BuildOptions,
    build_time: datetime,
    warn: Warn,
    cache: ArticleCache | None = None,
    remote: RemoteImages | None = None,
    snapshots: Snapshots | None = None,
) -> Publication:
    """Load every manuscript the config places in the book and assemble the Publication.

    A blog, docs site or mdBook is read as its home tool reads it (load/projects): its
    order, parts and titles, in one language. With ``cache``, articles whose source and
    context are unchanged come from it. With ``remote`` (``--allow-remote``), https images
    are downloaded; otherwise a remote image is replaced by its alt text, with a warning.
    With ``options.jobs`` > 1, a large book is converted by that many processes. Drafts
    (``draft: true``) are left out with a Notice unless ``options.include_drafts``;
    ``sort = "date"`` puts each part's articles in date order.
    With ``snapshots``, images are packaged from private copies of the bytes that were
    checked (assets/snapshots.py)."""
    errors: list[PublisherError] = []
    project = _project(config, options)
    if project is not None or options.language:
        config = replace(config, language=options.language or project.language or config.language)
    layout = _layout(config, project, errors, warn)
    slugs = reserved_names(sum(len(section.entries) for section in layout))
    jobs_by_part = [
        [Job(e.path, _unique_slug(_stem(e.path), slugs), e.title) for e in section.entries]
        for section in layout
    ]
    held: list[PublisherError] = []  # a draft left out keeps its warnings to itself
    shared = ArticleContext(
        config.root,
        "",
        held.append,
        make_markdown(),
        config.language,
        remote,
        config.site,
        config.site_url,
        tool=project.tool if project else project_dialect(config.root),
        snapshots=snapshots,
    )
    flat = [job for part_jobs in jobs_by_part for job in part_jobs]
    shared = replace(shared, book_heading=book_heading([job.path for job in flat]))
    outcomes = iter(load_many(flat, shared, load_article, cache, max(1, options.jobs)))
    parts: list[Part] = []
    drafts: list[Article] = []
    number = 0
    authors = dict(project.authors) if project else {}
    for index, (section, part_jobs) in enumerate(zip(layout, jobs_by_part, strict=True), 1):
        loaded = [
            (job, entry, next(outcomes))
            for job, entry in zip(part_jobs, section.entries, strict=True)
        ]
        for _, _, outcome in loaded:
            if isinstance(outcome, Notice):  # a page with nothing to print: left out
                held.append(outcome)
            elif isinstance(outcome, PublisherError):
                errors.append(outcome)
        kept = [(job, entry, a) for job, entry, a in loaded if isinstance(a, Article)]
        if not options.include_drafts:
            drafts += [article for _, _, article in kept if article.draft]
            kept = [item for item in kept if not item[2].draft]
        kept = _in_order(kept, config.sort == "date" and project is None)
        chapters = []
        for job, entry, article in kept:
            number += 1
            chapters.append(
                Chapter(
                    slug=job.slug,
                    number=number if entry.numbered else None,
                    article=_with_authors(article, authors),
                    matter=entry.matter,
                )
            )
        own = config.parts[index - 1] if project is None and config.parts else None
        parts.append(
            Part(
                title=section.title,
                chapters=tuple(chapters),
                slug=f"part-{index}",
                intro=own.intro if own else None,
                label=own.label if own else None,
            )
        )
    _pass_on(held, drafts, warn)
    parts = [part for part in parts if part.chapters] or parts[:1]
    parts = book_unique_ids(parts, slugs)
    address = partial(_web_address, project, config.site_url) if project else None
    parts = resolve_links(parts, config.root, warn, config.site_url, address)
    cover = _cover(config, errors, remote, snapshots)
    if not errors and number == 0:
        errors.append(ConfigError("no manuscripts (.md, .txt) found", SourceLocation(config.root)))
    raise_if_any(errors)
    assets = _assets(parts, cover)
    return Publication(
        metadata=_metadata(config, build_time, cover),
        parts=tuple(parts),
        assets=assets,
        output_name=config.output,
        root=config.root,
        labels=config.labels,
        nav_subheads=config.nav_subheads,
    )


def _project(config: Config, options: BuildOptions) -> Project | None:
    """The folder read as its home tool reads it, unless publication.toml gives the order.
    A folder with publication.toml follows only a tool's explicit table of contents
    (SUMMARY.md, the mkdocs.yml nav): its other files are its own business."""
    if config.order or config.parts:
        return None
    project = read_project(config.root, options.language)
    if project is None or (not config.implicit and project.tool not in ("mdbook", "mkdocs")):
        return None
    return project


def _web_address(project: Project, site_url: str | None, path: Path) -> str | None:
    """Where the site publishes a page left out of the book, when its address is known."""
    return project.web_address(path, site_url) if site_url else None


def _in_order(kept: list, by_date: bool) -> list:
    """Each run of posts (by_date entries, or every entry with ``sort = "date"``) in date
    order; the rest where the navigation put them."""
    result: list = []
    run: list = []
    for item in kept:
        if by_date or item[1].by_date:
            run.append(item)
            continue
        result += sorted(run, key=lambda i: _date_key(i[2], i[0].path))
        run = []
        result.append(item)
    return result + sorted(run, key=lambda i: _date_key(i[2], i[0].path))


def _with_authors(article: Article, authors: dict[str, str]) -> Article:
    """An MkDocs blog names its authors by id (``authors: [jo]``): the names from
    ``.authors.yml``."""
    if not authors or not any(c.contributor.name in authors for c in article.credits):
        return article
    credits = tuple(
        replace(c, contributor=Contributor(authors[c.contributor.name]))
        if c.contributor.name in authors
        else c
        for c in article.credits
    )
    return replace(article, credits=credits)


def _stem(path: Path) -> str:
    """A page bundle (``river-cleanup/index.md``) is named after its folder."""
    return path.parent.name if path.stem.lower() == "index" and path.parent.name else path.stem


def _pass_on(held: list[PublisherError], drafts: list[Article], warn: Warn) -> None:
    """Report the loaders' warnings, except those about drafts left out, then the drafts."""
    left_out = {draft.origin.path for draft in drafts}
    for warning in held:
        if not (warning.location and warning.location.path in left_out):
            warn(warning)
    for draft in drafts:
        warn(Notice("draft left out (--include-drafts to include it)", draft.origin))


def _date_key(article: Article, path: Path) -> tuple:
    """Oldest first; undated articles after the dated ones, in file order."""
    return (article.published is None, article.published or date.min, path.parts)


def _layout(
    config: Config, project: Project | None, errors: list[PublisherError], warn: Warn
) -> list[Section]:
    """The book's parts and their chapters: publication.toml's, the project's, or every
    manuscript; empty files are left out with a warning."""
    if project is not None:
        for notice in project.notes:
            warn(notice)
        sections = list(project.sections)
    elif not config.parts:
        available = manuscript_files(config.root, config.subfolders)
        names = list(config.order) or [_relative(config, p) for p in available]
        sections = [_section(None, _existing(config, names, "order", errors))]
    else:
        sections = [
            _section(part.title, _existing(config, list(part.articles), "articles", errors))
            for part in config.parts
        ]
        _warn_unplaced(config, sections, warn)
    return [
        replace(s, entries=tuple(e for e in s.entries if _has_text(e.path, warn))) for s in sections
    ]


def _section(title: str | None, paths: list[Path]) -> Section:
    return Section(title, tuple(Entry(path) for path in paths))


def _warn_unplaced(config: Config, sections: list[Section], warn: Warn) -> None:
    placed = {_relative(config, e.path) for s in sections for e in s.entries}
    listed = [name for part in config.parts for name in part.articles]
    placed |= {Path(name).as_posix() for name in listed}  # listed but refused: one message
    for path in manuscript_files(config.root, config.subfolders):
        if _relative(config, path) not in placed:
            warn(
                ConfigError(
                    f"'{_relative(config, path)}' is not listed in any part and is left out",
                    SourceLocation(config.path),
                )
            )


def _has_text(path: Path, warn: Warn) -> bool:
    """False, with a warning, for an empty or whitespace-only manuscript (left out)."""
    try:
        blank = not read_regular(path, 4096).decode("utf-8-sig", errors="replace").strip()
    except (OSError, FileRefused):
        return True  # larger than that, or not a file the loader will take: it reports it
    if blank:
        warn(ManuscriptError("the file is empty: left out", SourceLocation(path)))
    return not blank


def _existing(
    config: Config, names: list[str], key: str, errors: list[PublisherError]
) -> list[Path]:
    found = []
    root = config.root.resolve()
    for name in names:
        path = (config.root / name).resolve()
        if (config.root / name).is_symlink() and not path.is_relative_to(root):
            message = "this is a symbolic link to a file outside the publication folder"
            errors.append(ManuscriptError(message, SourceLocation(config.root / name)))
        elif path.is_relative_to(root) and path.exists() and not path.is_file():
            kind = "a folder" if path.is_dir() else "a FIFO (named pipe)"
            kind = kind if path.is_dir() or path.is_fifo() else "a socket or device"
            errors.append(
                ConfigError(
                    f"'{key}' lists '{name}', which is {kind}, not a manuscript file",
                    SourceLocation(config.path, _line_mentioning(config.path, name)),
                )
            )
        elif not path.is_relative_to(root) or not path.is_file():
            line = _line_mentioning(config.path, name)
            errors.append(
                ConfigError(
                    f"'{key}' lists '{name}', which does not exist",
                    SourceLocation(config.path, line),
                )
            )
        elif path.suffix.lower() not in MANUSCRIPT_SUFFIXES:
            errors.append(
                ConfigError(
                    f"'{name}' is not a manuscript (.md or .txt)",
                    SourceLocation(config.path, _line_mentioning(config.path, name)),
                )
            )
        else:
            found.append(config.root / name)
    return found


def _relative(config: Config, path: Path) -> str:
    return path.relative_to(config.root).as_posix()


def _line_mentioning(path: Path, text: str) -> int | None:
    if not path.is_file():
        return None
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if f'"{text}"' in line or f"'{text}'" in line:
            return number
    return None


def _unique_slug(stem: str, taken: set[str]) -> str:
    return unique_slug(stem, taken)


def _cover(
    config: Config,
    errors: list[PublisherError],
    remote: RemoteImages | None = None,
    snapshots: Snapshots | None = None,
) -> Asset | None:
    if not config.cover:
        return None
    try:
        return resolve_image(
            config.cover,
            config.root,
            config.root,
            SourceLocation(config.path, _line_mentioning(config.path, config.cover)),
            kind="cover",
            remote=remote,
            snapshots=snapshots,
        )
    except PublisherError as exc:
        errors.append(exc)
        return None


def _assets(parts: list[Part], cover: Asset | None) -> tuple[Asset, ...]:
    seen: dict[str, Asset] = {}
    if cover:
        seen[cover.href] = cover
    for part in parts:
        for chapter in part.chapters:
            for image in chapter.article.images:
                seen.setdefault(image.href, image)
    return tuple(seen.values())


def _metadata(config: Config, build_time: datetime, cover: Asset | None) -> Metadata:
    return Metadata(
        title=config.title,
        subtitle=config.subtitle,
        short_title=config.short_title,
        language=config.language,
        identifier=config.identifier,
        publisher=config.publisher,
        rights=config.rights,
        description=config.description,
        subjects=config.subjects,
        published=config.date or build_time.date(),
        modified=build_time.strftime("%Y-%m-%dT%H:%M:%SZ"),
        editors=tuple(Contributor(name) for name in config.editors),
        cover=cover,
        series=config.series,
        series_index=config.series_index,
        edition=config.edition,
        cover_credit=config.cover_credit,
    )
