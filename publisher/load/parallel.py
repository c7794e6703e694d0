"""Load many manuscripts at once: cache hits in this process, the rest in worker processes.

Python-Markdown is most of a large EPUB build's time and runs on one core; spreading the
articles over ``jobs`` processes uses the others. Results, warnings and errors come back in
manuscript order, so the outcome is the same as a one-process load.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from publisher.cache import ArticleCache, Entry
from publisher.errors import PublisherError
from publisher.interrupts import (
    ignore_interrupts,
    start_workers,
    stop_workers,
    worker_context,
)
from publisher.load.article import ArticleContext, Warn
from publisher.load.assets.resolve import refresh_images
from publisher.load.readers.text import read_source
from publisher.model import Article

# Below this many articles to convert, starting worker processes costs more than it saves.
PARALLEL_MIN = 200
_CHUNK = 8
# What a worker imports to load an article: imported once by the fork server instead.
WORKER_IMPORTS = ("publisher.load.article", "publisher.load.body.xhtml")

Outcome = Article | PublisherError
LoadOne = Callable[[Path, ArticleContext], Article]


@dataclass(frozen=True)
class Job:
    """One manuscript to load: where it is, the slug it gets and the title a project's
    navigation gives it (None: its own)."""

    path: Path
    slug: str
    title: str | None = None
    source: bytes | None = None  # its bytes, once read for the cache key


def load_many(
    jobs_list: Sequence[Job],
    ctx: ArticleContext,
    load_one: LoadOne,
    cache: ArticleCache | None,
    processes: int,
) -> list[Outcome]:
    """Load every job; each result is the Article or the PublisherError it raised.

    ``ctx`` carries what all articles share (root, language, warn, remote); the slug is
    set per job. Warnings reach ``ctx.warn`` in manuscript order.
    """
    jobs_list = list(jobs_list)
    results: list[Outcome | None] = [None] * len(jobs_list)
    pending: list[tuple[int, str | None]] = []
    for index, job in enumerate(jobs_list):
        one = replace(ctx, slug=job.slug, title=job.title)
        key, entry, source = _cached(job.path, one, cache)
        if entry is not None:
            results[index] = entry
        else:
            pending.append((index, key))
            jobs_list[index] = replace(job, source=source)
    parallel = processes > 1 and ctx.remote is None and len(pending) >= PARALLEL_MIN
    loaded = (_in_workers if parallel else _here)(
        [jobs_list[i] for i, _ in pending], ctx, load_one, processes
    )
    for (index, key), (outcome, warnings) in zip(pending, loaded, strict=True):
        if cache and key and isinstance(outcome, Article):
            cache.store(key, Entry(outcome, warnings))
        results[index] = Entry(outcome, warnings)  # type: ignore[arg-type]
    return [_report(entry, ctx.warn) for entry in results]  # type: ignore[arg-type]


def cache_context(path: Path, ctx: ArticleContext) -> tuple[str, ...]:
    """What besides its bytes decides how a manuscript loads: its path, the folder, its slug,
    the book's language, whether remote images are fetched, the site's address, the home
    tool whose syntax the body may use and the title its navigation gives."""
    remote = "remote" if ctx.remote is not None else "local"
    site = str(ctx.site or "")
    tool = f"{ctx.tool or ''}:{ctx.title or ''}:{ctx.dialect or ''}:{ctx.book_heading or ''}"
    return (str(path), str(ctx.root), ctx.slug, ctx.language or "", remote, site, tool)


def _cached(
    path: Path, ctx: ArticleContext, cache: ArticleCache | None
) -> tuple[str | None, Entry | None, bytes | None]:
    """The cache key, a usable entry (its images checked afresh) and the manuscript's
    bytes, read once here so the loader converts exactly what was keyed."""
    if cache is None:
        return None, None, None
    try:
        source = read_source(path, ctx.root)
    except PublisherError:
        return None, None, None  # the loader reports it properly
    key, entry = cache.lookup(source, cache_context(path, ctx))
    if entry is None:
        return key, None, source
    article = refresh_images(entry.article, ctx.root, ctx.site, ctx.snapshots)
    if article is None:  # an image vanished, changed or moved out: load it afresh
        cache.demote()
        return key, None, source
    return key, Entry(article, entry.warnings), source


def _report(entry: Entry, warn: Warn) -> Outcome:
    for warning in entry.warnings:
        warn(warning)
    return entry.article


def _here(
    jobs_list: list[Job], ctx: ArticleContext, load_one: LoadOne, processes: int
) -> list[tuple[Outcome, list[PublisherError]]]:
    return [_load(job, ctx, load_one) for job in jobs_list]


def _load(job: Job, ctx: ArticleContext, load_one: LoadOne) -> tuple[Outcome, list[PublisherError]]:
    seen: list[PublisherError] = []
    try:
        one = replace(ctx, slug=job.slug, title=job.title, warn=seen.append, source=job.source)
        article: Outcome = load_one(job.path, one)
    except PublisherError as exc:
        article = exc
    return article, seen


def _in_workers(
    jobs_list: list[Job], ctx: ArticleContext, load_one: LoadOne, processes: int
) -> list[tuple[Outcome, list[PublisherError]]]:
    shared = replace(ctx, warn=_discard, converter=None)
    context = worker_context(*WORKER_IMPORTS)
    pool = ProcessPoolExecutor(
        max_workers=processes, mp_context=context, initializer=ignore_interrupts
    )
    try:
        start_workers(pool, processes)
        tasks = [(job, shared, load_one) for job in jobs_list]
        done = list(pool.map(_worker, tasks, chunksize=_CHUNK))
    except BaseException:
        stop_workers(pool)  # no worker outlives an interrupted build
        raise
    pool.shutdown(wait=True)
    return done


_converter = None


def _worker(task: tuple[Job, ArticleContext, LoadOne]) -> tuple[Outcome, list[PublisherError]]:
    """Runs in a worker process; keeps one Markdown converter per process."""
    global _converter
    from publisher.load.body.xhtml import make_markdown

    job, ctx, load_one = task
    if _converter is None:
        _converter = make_markdown()
    return _load(job, replace(ctx, converter=_converter), load_one)


def _discard(warning: PublisherError) -> None:
    """A placeholder: workers collect warnings themselves and send them back."""
