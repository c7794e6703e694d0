"""The machine-readable build report: what went in, what came out, what was found, how long.

Its shape is documented as a JSON Schema in ``docs/report-schema.json``, which allows no
undocumented field; ``SCHEMA_VERSION`` goes up with any change to that shape.
"""

from __future__ import annotations

import json
import platform
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from publisher.check import CheckResult, Finding
from publisher.errors import Notice, PublisherError
from publisher.load.discover import manuscript_files
from publisher.pipeline import BuildResult
from publisher.release import sha256_file, write_atomically

SCHEMA_VERSION = 1
MEDIA_TYPES = {".epub": "application/epub+zip", ".pdf": "application/pdf"}


@dataclass(frozen=True)
class Run:
    """How the build was asked for, and how it ended."""

    folder: Path
    output_dir: Path
    formats: Sequence[str]
    strict: bool
    exit_code: int
    errors: Sequence[PublisherError] = ()
    checks: Sequence[CheckResult] | None = None  # None: checks were not asked for


def build_report(run: Run, result: BuildResult) -> dict[str, Any]:
    """The report of one build as JSON-ready data (see docs/report-schema.json)."""
    pub = result.publication
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "publisher", "version": _tool_version(), "python": _python()},
        "status": "ok" if run.exit_code == 0 else "failed",
        "exit_code": run.exit_code,
        "strict": run.strict,
        "formats": list(run.formats),
        "folder": _posix(run.folder),
        "output_dir": _posix(run.output_dir),
        "version": _version(result),
        "publication": _publication(result),
        "build_time": pub.metadata.modified if pub else None,
        "inputs": _inputs(run.folder, result),
        "outputs": [_output(out.path, out.pages) for out in result.outputs],
        "checksums": _posix(result.checksums) if result.checksums else None,
        "errors": [problem(error, "error") for error in run.errors],
        "warnings": [problem(warning, warning_severity(warning)) for warning in result.warnings],
        "checks": None if run.checks is None else [check_entry(c) for c in run.checks],
        "timings": {"total": _seconds(result.seconds), "stages": _stages(result.timings)},
    }


def dumps(report: dict[str, Any]) -> str:
    """The report as indented JSON text, ending with a newline."""
    return json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n"


def write_report(report: dict[str, Any], path: Path) -> None:
    """Write the report to ``path`` atomically (a reader never sees half a report)."""
    write_atomically(path, dumps(report).encode("utf-8"))


def warning_severity(warning: PublisherError) -> str:
    """``note`` for a Notice (a draft left out), else ``warning``."""
    return "note" if isinstance(warning, Notice) else "warning"


def problem(error: PublisherError, severity: str) -> dict[str, Any]:
    """One error or warning with its file and line, as the CLI prints it."""
    location = error.location
    return {
        "severity": severity,
        "kind": type(error).__name__,
        "message": error.message,
        "file": _posix(location.path) if location else None,
        "line": location.line if location else None,
        "location": str(location) if location else None,
    }


def check_entry(result: CheckResult) -> dict[str, Any]:
    """One checked file: its verdict, counts, every finding and the checker's facts."""
    return {
        "path": _posix(result.path),
        "ok": result.ok,
        "errors": sum(f.severity == "error" for f in result.findings),
        "warnings": sum(f.severity == "warning" for f in result.findings),
        "findings": [_finding(f) for f in result.findings],
        "facts": json.loads(json.dumps(result.facts, default=str)),
    }


def _finding(finding: Finding) -> dict[str, Any]:
    return {
        "severity": finding.severity,
        "checker": finding.checker,
        "message": finding.message,
        "location": finding.location,
    }


def _inputs(folder: Path, result: BuildResult) -> dict[str, Any]:
    config = result.config
    return {
        "config": _file(config.path) if config and not config.implicit else None,
        "articles": _articles(folder, result),
        "assets": _assets(result),
    }


def _articles(folder: Path, result: BuildResult) -> list[dict[str, Any]]:
    if result.publication is None:  # the build stopped early: list what the folder holds
        config = result.config
        below = config.subfolders if config else not (folder / "publication.toml").is_file()
        paths = manuscript_files(folder, below) if folder.is_dir() else []
        return [{**_file(p), "slug": None, "title": None} for p in paths]
    return [
        {**_file(ch.article.origin.path), "slug": ch.slug, "title": ch.article.title}
        for ch in result.publication.chapters()
    ]


def _assets(result: BuildResult) -> list[dict[str, Any]]:
    if result.publication is None:
        return []
    return [
        {**_file(asset.source), "href": asset.href, "kind": asset.kind}
        for asset in result.publication.assets
    ]


def _output(path: Path, pages: int | None) -> dict[str, Any]:
    return {
        **_file(path),
        "name": path.name,
        "format": path.suffix.lstrip(".").lower(),
        "media_type": MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream"),
        "pages": pages,
    }


def _file(path: Path) -> dict[str, Any]:
    return {"path": _posix(path), "bytes": path.stat().st_size, "sha256": sha256_file(path)}


def _publication(result: BuildResult) -> dict[str, Any] | None:
    pub = result.publication
    if pub is None:
        return None
    meta = pub.metadata
    return {
        "title": meta.title,
        "identifier": meta.identifier,
        "language": meta.language,
        "articles": len(pub.chapters()),
        "parts": len(pub.parts),
    }


def _version(result: BuildResult) -> dict[str, str] | None:
    label = result.version
    if label is None:
        return None
    return {"label": label.value, "file_label": label.file_safe, "source": label.source}


def _stages(timings: dict[str, float]) -> dict[str, float]:
    return {name: _seconds(seconds) for name, seconds in timings.items()}


def _seconds(value: float) -> float:
    return round(value, 3)


def _posix(path: Path) -> str:
    return path.as_posix()


def _tool_version() -> str:
    try:
        return metadata.version("publisher")
    except metadata.PackageNotFoundError:
        return "unknown"


def _python() -> str:
    return platform.python_version()
