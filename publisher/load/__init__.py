"""Manuscripts folder + Config → Publication. The only code that builds the model.

Every article is loaded even when an earlier one failed, so that one run reports every
broken file; then all problems are raised together.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from publisher.cache import ArticleCache
from publisher.config import Config
from publisher.errors import (
    ConfigError,
    ManuscriptError,
    PublisherError,
    SourceLocation,
    raise_if_any,
)
from publisher.load.assets import resolve_image
from publisher.load.ids import book_unique_ids, reserved_names, unique_slug
from publisher.load.markdown import ArticleContext, Warn, load_markdown
from publisher.load.parallel import Job, load_many
from publisher.load.plaintext import load_plaintext
from publisher.load.remote import RemoteImages
from publisher.load.text import read_manuscript
from publisher.load.xhtml import make_markdown
from publisher.model import Article, Asset, Chapter, Contributor, Metadata, Part, Publication

Loader = Callable[[str, Path, ArticleContext], Article]

LOADERS: dict[str, Loader] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_plaintext,
}


def manuscript_files(root: Path) -> list[Path]:
    """The manuscripts in a folder, in file-name order (README and _drafts excluded)."""
    return sorted(
        p
        for p in root.iterdir()
        if p.suffix.lower() in LOADERS
        and p.is_file()
        and not p.name.startswith(("_", "."))
        and not p.stem.upper().startswith("README")
    )


def load_publication(
    config: Config,
    build_time: datetime,
    warn: Warn,
    cache: ArticleCache | None = None,
    remote: RemoteImages | None = None,
    jobs: int = 1,
) -> Publication:
    """Load every manuscript the config places in the book and assemble the Publication.

    With ``cache``, articles whose source and context are unchanged come from it.
    With ``remote`` (``--allow-remote``), https images are downloaded; otherwise any
    remote image is an error. With ``jobs`` > 1, a large book is converted by that many
    processes."""
    errors: list[PublisherError] = []
    layout = _layout(config, errors, warn)
    slugs = reserved_names(len(layout))
    jobs_by_part = [
        [Job(path, _unique_slug(path.stem, slugs)) for path in paths] for _, paths in layout
    ]
    shared = ArticleContext(config.root, "", warn, make_markdown(), config.language, remote)
    flat = [job for part_jobs in jobs_by_part for job in part_jobs]
    outcomes = iter(load_many(flat, shared, load_article, cache, jobs))
    parts: list[Part] = []
    number = 0
    for index, ((title, _), part_jobs) in enumerate(zip(layout, jobs_by_part, strict=True), 1):
        chapters = []
        for job in part_jobs:
            article = next(outcomes)
            if isinstance(article, PublisherError):
                errors.append(article)
                continue
            number += 1
            chapters.append(Chapter(slug=job.slug, number=number, article=article))
        parts.append(Part(title=title, chapters=tuple(chapters), slug=f"part-{index}"))
    parts = book_unique_ids(parts, slugs)
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
        pdf=config.pdf,
    )


def load_article(path: Path, ctx: ArticleContext) -> Article:
    """Read one manuscript with the loader its suffix calls for."""
    text = read_manuscript(path, ctx.root)
    return LOADERS[path.suffix.lower()](text, path, ctx)


def _layout(
    config: Config, errors: list[PublisherError], warn: Warn
) -> list[tuple[str | None, list[Path]]]:
    available = manuscript_files(config.root)
    if not config.parts:
        names = list(config.order) or [p.name for p in available]
        return [(None, _existing(config, names, "order", errors))]
    layout = [
        (part.title, _existing(config, list(part.articles), "articles", errors))
        for part in config.parts
    ]
    placed = {p.name for _, paths in layout for p in paths}
    for path in available:
        if path.name not in placed:
            warn(
                ConfigError(
                    f"'{path.name}' is not listed in any part and is left out",
                    SourceLocation(config.path),
                )
            )
    return layout


def _existing(
    config: Config, names: list[str], key: str, errors: list[PublisherError]
) -> list[Path]:
    found = []
    for name in names:
        path = (config.root / name).resolve()
        if (config.root / name).is_symlink() and not path.is_relative_to(config.root.resolve()):
            message = "this is a symbolic link to a file outside the publication folder"
            errors.append(ManuscriptError(message, SourceLocation(config.root / name)))
        elif not path.is_relative_to(config.root.resolve()) or not path.is_file():
            line = _line_mentioning(config.path, name)
            errors.append(
                ConfigError(
                    f"'{key}' lists '{name}', which does not exist",
                    SourceLocation(config.path, line),
                )
            )
        elif path.suffix.lower() not in LOADERS:
            errors.append(
                ConfigError(
                    f"'{name}' is not a manuscript (.md or .txt)",
                    SourceLocation(config.path, _line_mentioning(config.path, name)),
                )
            )
        else:
            found.append(config.root / name)
    return found


def _line_mentioning(path: Path, text: str) -> int | None:
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
            alt=f"Cover of {config.title}",
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
