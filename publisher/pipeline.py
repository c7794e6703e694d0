"""The build: config → Publication → every requested backend, all-or-nothing into build/.

Outputs are written into a staging folder beside the output folder and moved into place
only when every format succeeded, so a failed or interrupted build leaves the previous
outputs as they were.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from publisher.backends import FORMATS, Output, get_backend
from publisher.config import Config, load_config
from publisher.errors import BuildFailed, ConfigError, PublisherError, SourceLocation
from publisher.load import load_publication
from publisher.model import Publication
from publisher.release import VersionLabel, output_filename, resolve_version, write_checksums
from publisher.render.fonts import missing_glyph_warnings
from publisher.render.theme import load_theme

Progress = Callable[[str], None]


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
    formats: list[str],
    output_dir: Path,
    *,
    strict: bool = False,
    progress: Progress | None = None,
    version_label: str | None = None,
    result: BuildResult | None = None,
    pdf_profile: str = "print",
) -> BuildResult:
    """Build the publication in ``folder`` into ``output_dir`` in each of ``formats``.

    Pass ``result`` to keep what the build found (warnings, version, timings) even when
    it raises. ``version_label`` overrides the version found in config, CI tag or git.
    ``pdf_profile`` is ``print`` (the ``[pdf]`` settings) or ``screen`` (see PrintSettings).
    """
    started = time.perf_counter()
    result = BuildResult() if result is None else result
    try:
        say = progress or (lambda message: None)
        _build(folder, formats, output_dir, strict, say, result, version_label, pdf_profile)
    finally:
        result.seconds = time.perf_counter() - started
    return result


def _build(
    folder: Path,
    formats: list[str],
    output_dir: Path,
    strict: bool,
    say: Progress,
    result: BuildResult,
    version_label: str | None = None,
    pdf_profile: str = "print",
) -> None:
    with _stage(result, "config"):
        config = result.config = load_config(folder)
        result.version = resolve_version(version_label, config.version, folder, os.environ)
    say(f"loading manuscripts from {folder}")
    with _stage(result, "load"):
        pub = load_publication(config, build_time(config), result.warnings.append)
    if pdf_profile == "screen":
        pub = replace(pub, pdf=pub.pdf.for_screen())
    result.publication = pub
    say(f"loaded {len(pub.chapters())} articles in {len(pub.parts)} part(s)")
    theme = load_theme(folder)
    if "pdf" in formats:  # text the PDF's fonts cannot show would print as empty boxes
        result.warnings.extend(missing_glyph_warnings(pub, theme))
    if strict and result.warnings:
        raise BuildFailed([_as_error(w) for w in result.warnings])
    pattern = config.output_pattern
    names = [
        output_filename(pattern, pub.output_name, f, result.version, SourceLocation(config.path))
        for f in formats
    ]
    staging = _staging_dir(output_dir)
    try:
        built = []
        for name in formats:
            say(f"writing {name.upper()}")
            with _stage(result, name):
                built.append(get_backend(name)(pub, theme, staging))
        with _stage(result, "publish"):
            result.outputs, result.checksums = _publish(built, names, staging, output_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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
    """Give outputs their release names, add SHA256SUMS, then move all of them into place."""
    named = []
    for output, name in zip(outputs, names, strict=True):
        os.replace(output.path, staging / name)
        named.append(Output(staging / name, output.pages))
    sums = write_checksums([out.path for out in named], staging)
    output_dir.mkdir(parents=True, exist_ok=True)
    moved = [_move(out, output_dir) for out in named]
    os.replace(sums, output_dir / sums.name)
    return moved, output_dir / sums.name


def _as_error(warning: PublisherError) -> PublisherError:
    error = type(warning)(f"{warning.message} (--strict)", warning.location)
    return error


def _staging_dir(output_dir: Path) -> Path:
    parent = output_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{output_dir.name}-staging-", dir=parent))


def _move(output: Output, output_dir: Path) -> Output:
    target = output_dir / output.path.name
    os.replace(output.path, target)
    return Output(target, output.pages)


def all_formats() -> list[str]:
    """Every output format, in build order."""
    return list(FORMATS)


__all__ = ["BuildResult", "SourceLocation", "build", "build_time"]
