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
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from publisher.backends import FORMATS, Output, get_backend
from publisher.config import Config, load_config
from publisher.errors import BuildFailed, ConfigError, PublisherError, SourceLocation
from publisher.load import load_publication
from publisher.model import Publication
from publisher.render.theme import load_theme

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    """What a build produced: files, warnings, the loaded publication and timings."""

    outputs: list[Output] = field(default_factory=list)
    warnings: list[PublisherError] = field(default_factory=list)
    publication: Publication | None = None
    seconds: float = 0.0


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
) -> BuildResult:
    """Build the publication in ``folder`` into ``output_dir`` in each of ``formats``."""
    started = time.perf_counter()
    say = progress or (lambda message: None)
    result = BuildResult()
    config = load_config(folder)
    say(f"loading manuscripts from {folder}")
    pub = load_publication(config, build_time(config), result.warnings.append)
    result.publication = pub
    say(f"loaded {len(pub.chapters())} articles in {len(pub.parts)} part(s)")
    if strict and result.warnings:
        raise BuildFailed([_as_error(w) for w in result.warnings])
    theme = load_theme(folder)
    staging = _staging_dir(output_dir)
    try:
        for name in formats:
            say(f"writing {name.upper()}")
            result.outputs.append(get_backend(name)(pub, theme, staging))
        output_dir.mkdir(parents=True, exist_ok=True)
        result.outputs = [_move(out, output_dir) for out in result.outputs]
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.seconds = time.perf_counter() - started
    return result


def _as_error(warning: PublisherError) -> PublisherError:
    error = PublisherError(f"{warning.message} (--strict)", warning.location)
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
