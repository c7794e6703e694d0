"""The build: config → Publication → every requested backend, all-or-nothing into build/.

Outputs are written into a staging folder beside the output folder and moved into place
only when every format succeeded, so a failed or interrupted build leaves the previous
outputs as they were.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from publisher.backends import (
    DEFAULT_FORMATS,
    EXTENSIONS,
    PAGED_FORMATS,
    PDF_WORKER_IMPORTS,
    Output,
    get_backend,
)
from publisher.cache import ArticleCache, BlobCache, cache_dir, check_cache_dir
from publisher.config import CONFIG_NAME, Config, load_config
from publisher.config.printers import profile_settings
from publisher.config.printing import PrintSettings
from publisher.errors import (
    BuildFailed,
    ConfigError,
    Notice,
    PublisherError,
    SourceLocation,
    UsageError,
)
from publisher.interrupts import SignalGuard, worker_context
from publisher.load import load_publication
from publisher.load.assets.remote import RemoteImages, remote_images
from publisher.load.assets.snapshots import Snapshots, input_snapshots, released
from publisher.model import Publication
from publisher.options import BuildOptions
from publisher.release import (
    CHECKSUMS_NAME,
    VersionLabel,
    listed_names,
    output_filename,
    resolve_version,
    write_checksums,
)
from publisher.render.fonts import missing_glyph_warnings
from publisher.render.pagemap import PageMap, from_data, layout_key, to_data
from publisher.render.theme import Theme, load_theme

Progress = Callable[[str], None]
LAYOUT_CACHE = "page-maps"  # print layouts kept for EPUB-only builds (pipeline.print_layout)


@dataclass
class BuildResult:
    """What a build produced: files, warnings, the loaded publication and timings.

    ``timings`` maps each stage (config, load, one per format, publish) to its seconds.
    """

    outputs: list[Output] = field(default_factory=list)
    warnings: list[PublisherError] = field(default_factory=list)
    publication: Publication | None = None
    seconds: float = 0.0
    config: Config | None = None
    version: VersionLabel | None = None
    checksums: Path | None = None
    timings: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Reuse:
    """What a long-running caller (``publisher serve``) keeps from one build to the next:
    its own article cache (one in memory, say) and a wrapper for each build's theme (one
    that remembers rendered pages). Without it, each build starts from the disk cache."""

    cache: ArticleCache | None = None
    theme: Callable[[Theme], Theme] | None = None
    layouts: dict[str, PageMap] | None = None  # print page maps by layout_key, in memory


def build_time(config: Config) -> datetime:
    """The build's timestamp: SOURCE_DATE_EPOCH, else the config date, else now (UTC)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC)
        except (ValueError, OverflowError, OSError):
            raise ConfigError(f"SOURCE_DATE_EPOCH={epoch!r} is not a Unix timestamp") from None
    if config.date:
        return datetime(config.date.year, config.date.month, config.date.day, tzinfo=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)


def build(
    folder: Path,
    options: BuildOptions,
    *,
    progress: Progress | None = None,
    result: BuildResult | None = None,
    reuse: Reuse | None = None,
) -> BuildResult:
    """Build the publication in ``folder`` as ``options`` say (formats, output folder…).

    Pass ``result`` to keep what the build found (warnings, version, timings) even when
    it raises; ``progress`` hears a line per step; ``reuse``, what to keep between builds.

    SIGTERM and SIGHUP stop the build like Ctrl-C (raising interrupts.Interrupted), and
    signals wait while the finished files are moved into place (see interrupts.py).
    """
    started = time.perf_counter()
    result = BuildResult() if result is None else result
    try:
        say = progress or (lambda message: None)
        guard = SignalGuard()
        with (
            guard.installed(),
            remote_images(options.allow_remote) as remote,
            input_snapshots() as kept,
        ):
            reuse = reuse or Reuse()
            disk = ArticleCache(check_cache_dir()) if options.cache else None
            run = _Run(
                options, reuse.cache or disk, remote, guard, reuse.theme, reuse.layouts, kept
            )
            _build(folder, run, say, result)
    finally:
        if result.publication is not None:
            result.publication = released(result.publication)
        result.seconds = time.perf_counter() - started
    return result


def _build(folder: Path, run: _Run, say: Progress, result: BuildResult) -> None:
    options = run.options
    _staging_place(options.output_dir, probe=True)  # an unwritable output folder stops us here
    with _stage(result, "config"):
        config = result.config = load_config(folder)
        result.version = resolve_version(options.version_label, config.version, folder, os.environ)
    if config.implicit:
        result.warnings.append(_implicit_note(config))
    if renders_pdf(options):  # before the loader's workers start the fork server
        worker_context(*PDF_WORKER_IMPORTS)
    say(f"loading manuscripts from {folder}")
    with _stage(result, "load"):
        warn = result.warnings.append
        pub = load_publication(
            config, options, build_time(config), warn, run.cache, run.remote, run.snapshots
        )
    settings = profile_settings(config.pdf, options.pdf_profile)
    result.publication = pub
    loaded = f"{counted(len(pub.chapters()), 'article')} in {counted(len(pub.parts), 'part')}"
    say(f"loaded {loaded}{_hits(run)}")
    theme = load_theme(folder, cache_dir() / "templates" if options.cache else None)
    theme = run.wrap_theme(theme) if run.wrap_theme else theme
    theme.css("base.css", "epub.css", "print.css", "cover.css")  # all checked before any output
    formats = list(options.formats)
    if "pdf" in formats:  # text the PDF's fonts cannot show would print as empty boxes
        result.warnings.extend(missing_glyph_warnings(pub, theme))
    problems = [w for w in result.warnings if not isinstance(w, Notice)]
    if options.strict and problems:
        raise BuildFailed([_as_error(w) for w in problems])
    pattern = config.output_pattern
    names = [
        output_filename(
            pattern, pub.output_name, EXTENSIONS[f], result.version, SourceLocation(config.path)
        )
        for f in formats
    ]
    output_dir = options.output_dir
    staging = _staging_dir(output_dir)
    try:
        built = _run_backends(pub, theme, settings, staging, say, result, run)
        run.guard.check()  # a signal whose exception Python dropped still stops us
        with _stage(result, "publish"), run.guard.hold():
            result.outputs, result.checksums = _publish(built, names, staging, output_dir)
    finally:
        with run.guard.hold():
            shutil.rmtree(staging, ignore_errors=True)


def renders_pdf(options: BuildOptions) -> bool:
    """Whether the build may lay out the print edition: a PDF, or an EPUB's page-list."""
    formats = options.formats
    return "pdf" in formats or (options.page_list and any(f in PAGED_FORMATS for f in formats))


def _implicit_note(config: Config) -> Notice:
    message = (
        f"no {CONFIG_NAME}: building with defaults (title {config.title!r} from the "
        f"{config.implicit}, language {config.language!r}, articles in date order)"
    )
    return Notice(message, SourceLocation(config.root))


@dataclass(frozen=True)
class _Run:
    """One build's options and what it holds while it runs: caches, downloads, signals."""

    options: BuildOptions
    cache: ArticleCache | None
    remote: RemoteImages | None
    guard: SignalGuard
    wrap_theme: Callable[[Theme], Theme] | None = None
    layouts: dict[str, PageMap] | None = None
    snapshots: Snapshots | None = None


def _hits(run: _Run) -> str:
    cache = run.cache
    return f" ({cache.hits} from the cache)" if cache and cache.hits else ""


def _run_backends(
    pub: Publication,
    theme: Theme,
    settings: PrintSettings,
    staging: Path,
    say: Progress,
    result: BuildResult,
    run: _Run,
) -> list[Output]:
    """Run every backend and return their outputs in ``formats`` order; the first failing
    format (in that order) is the error raised, as when they run one after the other.

    With a page-list (the default), the EPUB needs the print edition's page starts: the PDF
    is written first and the EPUB after it, with its page map; an EPUB-only build takes the
    page map a print build of the same book left in the cache, or lays the print edition out
    once (print_layout). Without one (``--no-page-list``), the EPUB is written in a thread
    while the PDF renders.
    """
    formats = list(run.options.formats)

    def write(name: str, page_map: PageMap | None = None) -> Output:
        say(f"writing {name.upper()}")
        with _stage(result, name):
            backend = get_backend(name)
            if name in PAGED_FORMATS and run.options.page_list:
                return backend(pub, theme, staging, run.options, settings, say, page_map=page_map)
            return backend(pub, theme, staging, run.options, settings, say)

    paged = run.options.page_list and any(name in PAGED_FORMATS for name in formats)
    done: dict[str, Output | BaseException] = {}
    if paged and "pdf" in formats:
        done["pdf"] = _attempt(write, "pdf")
        page_map = getattr(done["pdf"], "page_map", None)
        for name in formats:
            if name != "pdf":
                done[name] = _attempt(write, name, page_map)
    elif paged:
        with _stage(result, "print layout"):
            page_map = print_layout(pub, theme, settings, staging, run, say)
        done = {name: _attempt(write, name, page_map) for name in formats}
    elif len(formats) < 2 or "pdf" not in formats:
        done = {name: _attempt(write, name) for name in formats}
    else:
        for name in formats:  # import every backend here first: a signal that lands while
            get_backend(name)  # two threads import the same modules can deadlock them
        with ThreadPoolExecutor(max_workers=len(formats)) as pool:
            futures = {name: pool.submit(write, name) for name in formats if name != "pdf"}
            done["pdf"] = _attempt(write, "pdf")  # WeasyPrint stays on the main thread
            for name, future in futures.items():
                error = future.exception()
                done[name] = error if error is not None else future.result()
    for name in formats:
        if isinstance(done[name], BaseException):
            result.warnings.extend(_built_but_kept(pub, done))
            raise done[name]
    if isinstance(done.get("pdf"), Output):
        _keep_layout(pub, theme, settings, run, done["pdf"].page_map)  # type: ignore[union-attr]
    return [done[name] for name in formats]  # type: ignore[misc]


def _attempt(write: Callable[..., Output], *args: Any) -> Output | Exception:
    """The backend's output, or the exception it raised (raised later, in formats order)."""
    try:
        return write(*args)
    except Exception as exc:
        return exc


def print_layout(
    pub: Publication, theme: Theme, settings: PrintSettings, staging: Path, run: _Run, say: Progress
) -> PageMap | None:
    """The print edition's page map for an EPUB-only build: from the cache when a print
    build of the same book and settings left one, else laid out once (a PDF written to a
    scratch folder and thrown away: the cost of one PDF build)."""
    key = layout_key(pub, theme, settings)
    if run.layouts is not None and key in run.layouts:
        return run.layouts[key]
    store = BlobCache(LAYOUT_CACHE) if run.options.cache else None
    stored = store.get(key) if store else None
    found = from_data(stored[1], key) if stored else None  # the map is the entry's note
    if found is not None:
        return found
    say("laying out the print edition for the EPUB's page-list (--no-page-list skips it)")
    with tempfile.TemporaryDirectory(prefix="print-layout-", dir=staging) as scratch:
        backend = get_backend("pdf")
        out = backend(pub, theme, Path(scratch), run.options, replace(settings, cover=False), say)
    _keep_layout(pub, theme, settings, run, out.page_map)
    return out.page_map


def _keep_layout(
    pub: Publication, theme: Theme, settings: PrintSettings, run: _Run, page_map: PageMap | None
) -> None:
    """Keep a print build's page map (in the cache, and in memory for ``Reuse.layouts``),
    for later EPUB-only builds."""
    if page_map is None or not (run.options.cache or run.layouts is not None):
        return
    key = layout_key(pub, theme, settings)
    if run.layouts is not None:
        run.layouts.clear()  # only the latest layout is worth keeping in memory
        run.layouts[key] = page_map
    if run.options.cache:
        BlobCache(LAYOUT_CACHE).put(key, b"", to_data(page_map))


def _built_but_kept(pub: Publication, done: dict[str, Output | BaseException]) -> list[Notice]:
    """A note for each format that built when another failed: all or nothing, so it is not
    published, but ``--format`` builds it alone (docs/decisions.md)."""
    return [
        Notice(
            f"the {name.upper()} built, but a build publishes all its formats or none: "
            f"`publisher build --format {name}` publishes it alone",
            SourceLocation(pub.root),
        )
        for name, output in done.items()
        if not isinstance(output, BaseException)
    ]


@contextmanager
def _stage(result: BuildResult, name: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        result.timings[name] = time.perf_counter() - started


def _publish(
    outputs: list[Output], names: list[str], staging: Path, output_dir: Path
) -> tuple[list[Output], Path]:
    """Give outputs their release names, add SHA256SUMS, then move all of them into place.

    Outputs of the previous build that this one did not write (the PDF, after an
    EPUB-only build) are removed: the folder then holds exactly what SHA256SUMS lists
    (docs/decisions.md, "Stale outputs"). Files publisher did not write are left alone.
    """
    named = []
    for output, name in zip(outputs, names, strict=True):
        os.replace(output.path, staging / name)
        named.append(Output(staging / name, output.pages))
        for extra in output.extras:  # book.pdf's book-cover.pdf is named after it
            extra_name = f"{Path(name).stem}{extra.path.stem.removeprefix(output.path.stem)}"
            extra_name += extra.path.suffix
            os.replace(extra.path, staging / extra_name)
            named.append(Output(staging / extra_name, extra.pages))
    sums = write_checksums([out.path for out in named], staging)
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        stale = listed_names(output_dir / CHECKSUMS_NAME) - {out.path.name for out in named}
        moved = [_move(out, output_dir) for out in named]
        os.replace(sums, output_dir / sums.name)
        for name in sorted(stale):
            _remove_stale(output_dir / name)
    except OSError as exc:
        raise _unwritable(output_dir, exc) from None
    return moved, output_dir / sums.name


def _remove_stale(path: Path) -> None:
    """Remove a previous build's output (a plain file publisher wrote), if it is still there."""
    if path.is_file() and not path.is_symlink():
        path.unlink(missing_ok=True)


def _unwritable(output_dir: Path, exc: OSError) -> UsageError:
    reason = exc.strerror or type(exc).__name__
    return UsageError(f"cannot write the outputs here: {reason}", SourceLocation(output_dir))


def _as_error(warning: PublisherError) -> PublisherError:
    error = type(warning)(f"{warning.message} (--strict)", warning.location)
    return error


def _staging_dir(output_dir: Path) -> Path:
    """A new hidden staging folder on the output folder's file system, named with this
    process id (see _staging_place).

    Folders left by a build that was killed outright (SIGKILL, power cut) are removed
    here, once the process that made them is gone.
    """
    place, prefix = _staging_place(output_dir)
    try:
        for stale in place.glob(f"{prefix}*"):
            pid = stale.name[len(prefix) :].split("-")[0]
            if pid.isdigit() and not _alive(int(pid)):
                shutil.rmtree(stale, ignore_errors=True)
        return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=place))
    except OSError as exc:
        raise _unwritable(output_dir, exc) from None


def _staging_place(output_dir: Path, probe: bool = False) -> tuple[Path, str]:
    """Where staging folders go, and their name prefix: beside the output folder, unless
    the output folder is a mount point (a Docker or CI volume), then inside it. Either way
    on its file system, so that moving the outputs into place is a rename. With ``probe``,
    check now that a folder can be made there: a UsageError if not.
    """
    target = output_dir.resolve()
    if target.exists() and not target.is_dir():
        raise UsageError("the output folder is a file; give a folder", SourceLocation(output_dir))
    place, prefix = target.parent, f".{target.name}-staging-"
    try:
        if target.is_dir() and os.stat(target).st_dev != os.stat(target.parent).st_dev:
            place, prefix = target, ".publisher-staging-"
        if probe:
            _probe(place, prefix, target)
        else:
            place.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _unwritable(output_dir, exc) from None
    return place, prefix


def _probe(place: Path, prefix: str, target: Path) -> None:
    """Raise OSError unless staging can be made in ``place`` and the outputs moved into
    ``target``; creates nothing that stays (a folder not there yet is checked through
    the nearest one that is)."""
    existing = next(p for p in (place, *place.parents) if p.exists())
    if not existing.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, f"{existing} is not a folder")
    if existing == place:
        os.rmdir(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-", dir=place))
    elif not os.access(existing, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, "the folder is not writable")
    if target.is_dir() and not os.access(target, os.W_OK | os.X_OK):
        raise PermissionError(errno.EACCES, "the folder is not writable")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _move(output: Output, output_dir: Path) -> Output:
    target = output_dir / output.path.name
    os.replace(output.path, target)
    return Output(target, output.pages)


def counted(number: int, noun: str) -> str:
    """'1 article', '3 articles', '0 warnings': counts in messages read as English."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def all_formats() -> list[str]:
    """The formats ``--format all`` builds, in build order (EPUB and PDF)."""
    return list(DEFAULT_FORMATS)


__all__ = ["BuildResult", "Reuse", "SourceLocation", "build", "build_time"]
