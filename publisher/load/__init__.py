"""Manuscripts folder + Config → Publication. The only code that builds the model.

Every article is loaded even when an earlier one failed, so that one run reports every
broken file; then all problems are raised together.
"""

from __future__ import annotations

from datetime import date, datetime
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
from publisher.load.body.xhtml import make_markdown
from publisher.load.book.ids import book_unique_ids, reserved_names, unique_slug
from publisher.load.book.links import resolve_links
from publisher.load.discover import MANUSCRIPT_SUFFIXES, manuscript_files
from publisher.load.parallel import Job, load_many
from publisher.load.read import load_article
from publisher.model import Article, Asset, Chapter, Contributor, Metadata, Part, Publication
from publisher.options import BuildOptions


def load_publication(
    config: Config,
    options: BuildOptions,
    build_time: datetime,
    warn: Warn,
    cache: ArticleCache | None = None,
    remote: RemoteImages | None = None,
) -> Publication:
    """Load every manuscript the config places in the book and assemble the Publication.

    With ``cache``, articles whose source and context are unchanged come from it.
    With ``remote`` (``--allow-remote``), https images are downloaded; otherwise any
    remote image is an error. With ``options.jobs`` > 1, a large book is converted by that
    many processes. Drafts (``draft: true``) are left out with a Notice unless
    ``options.include_drafts``; ``sort = "date"`` puts each part's articles in date order."""
    errors: list[PublisherError] = []
    layout = _layout(config, errors, warn)
    slugs = reserved_names(len(layout))
    jobs_by_part = [
        [Job(path, _unique_slug(_stem(path), slugs)) for path in paths] for _, paths in layout
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
    )
    flat = [job for part_jobs in jobs_by_part for job in part_jobs]
    outcomes = iter(load_many(flat, shared, load_article, cache, max(1, options.jobs)))
    parts: list[Part] = []
    drafts: list[Article] = []
    number = 0
    for index, ((title, _), part_jobs) in enumerate(zip(layout, jobs_by_part, strict=True), 1):
        loaded = [(job, next(outcomes)) for job in part_jobs]
        for _, outcome in loaded:
            if isinstance(outcome, Notice):  # a page with nothing to print: left out
                held.append(outcome)
            elif isinstance(outcome, PublisherError):
                errors.append(outcome)
        kept = [(job, a) for job, a in loaded if isinstance(a, Article)]
        if not options.include_drafts:
            drafts += [article for _, article in kept if article.draft]
            kept = [(job, article) for job, article in kept if not article.draft]
        if config.sort == "date":
            kept.sort(key=lambda item: _date_key(item[1], item[0].path))
        chapters = []
        for job, article in kept:
            number += 1
            chapters.append(Chapter(slug=job.slug, number=number, article=article))
        parts.append(Part(title=title, chapters=tuple(chapters), slug=f"part-{index}"))
    _pass_on(held, drafts, warn)
    parts = book_unique_ids(parts, slugs)
    parts = resolve_links(parts, config.root, warn)
    cover = _cover(config, errors, remote)
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
    )


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
    config: Config, errors: list[PublisherError], warn: Warn
) -> list[tuple[str | None, list[Path]]]:
    available = manuscript_files(config.root, config.subfolders)
    if config.implicit and (config.root / "_posts").is_dir():
        available = _only_posts(config, available, warn)
    if not config.parts:
        names = list(config.order) or [_relative(config, p) for p in available]
        return [(None, _existing(config, names, "order", errors))]
    layout = [
        (part.title, _existing(config, list(part.articles), "articles", errors))
        for part in config.parts
    ]
    placed = {_relative(config, p) for _, paths in layout for p in paths}
    for path in available:
        if _relative(config, path) not in placed:
            warn(
                ConfigError(
                    f"'{_relative(config, path)}' is not listed in any part and is left out",
                    SourceLocation(config.path),
                )
            )
    return layout


def _only_posts(config: Config, available: list[Path], warn: Warn) -> list[Path]:
    """A Jekyll site copied without publication.toml: its posts are the book; its pages
    (about, contact, the home page) are the site's, and are left out with a note."""
    posts = config.root / "_posts"
    pages = [p for p in available if not p.is_relative_to(posts)]
    if pages:
        names = ", ".join(_relative(config, p) for p in pages[:3]) + (", …" if pages[3:] else "")
        message = (
            f"{len(pages)} page(s) outside _posts left out ({names}); "
            "list them in a publication.toml to include them"
        )
        warn(Notice(message, SourceLocation(config.root)))
    return [p for p in available if p.is_relative_to(posts)]


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
    config: Config, errors: list[PublisherError], remote: RemoteImages | None = None
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
    )
