"""The command line: parse arguments, call the library, print one line per problem.

Exit codes: 0 success, 1 a problem in the publication (content, config, checks),
2 a usage error, 70 a bug in publisher (a traceback is printed).
"""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from publisher.errors import BuildFailed, PublisherError
from publisher.pipeline import all_formats, build

EXIT_PROBLEM = 1
EXIT_BUG = 70


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="publisher")
def main() -> None:
    """Turn a folder of articles into an EPUB 3 ebook and a print-ready PDF."""


@main.command("build")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["epub", "pdf", "all"]),
    default="all",
    show_default=True,
    help="Which output to build.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder for the outputs.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option(
    "--check",
    "run_checks",
    is_flag=True,
    help="Check the outputs afterwards (EPUBCheck, Ace, PDF preflight).",
)
def build_command(
    folder: Path | None, fmt: str, output: Path, strict: bool, run_checks: bool
) -> None:
    """Build the publication in FOLDER (default: ./manuscripts, else .) into --output."""
    folder = folder or _default_folder()
    formats = all_formats() if fmt == "all" else [fmt]
    try:
        result = build(folder, formats, output, strict=strict, progress=_progress)
    except PublisherError as exc:
        _report(exc)
        sys.exit(EXIT_PROBLEM)
    except KeyboardInterrupt:
        click.echo("interrupted: previous outputs left as they were", err=True)
        sys.exit(130)
    except Exception:
        traceback.print_exc()
        click.echo("publisher: internal error (a bug); please report the traceback above", err=True)
        sys.exit(EXIT_BUG)
    for warning in result.warnings:
        click.echo(_line(warning, "warning"), err=True)
    for out in result.outputs:
        size = out.path.stat().st_size
        pages = f", {out.pages} pages" if out.pages else ""
        click.echo(f"wrote {out.path} ({_human(size)}{pages})")
    n = len(result.publication.chapters()) if result.publication else 0
    click.echo(
        f"built {n} articles in {result.seconds:.1f} s with {len(result.warnings)} warning(s)"
    )
    if run_checks and not _check_all([out.path for out in result.outputs]):
        sys.exit(EXIT_PROBLEM)


@main.command("check")
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def check_command(files: tuple[Path, ...]) -> None:
    """Check finished EPUB and PDF FILES; exit 1 if any has an error."""
    if not _check_all(list(files)):
        sys.exit(EXIT_PROBLEM)


def _check_all(paths: list[Path]) -> bool:
    """Run the checker for each file, print its findings; False if any error was found."""
    from publisher.check import check_file

    ok = True
    for path in paths:
        _progress(f"checking {path}")
        try:
            result = check_file(path)
        except PublisherError as exc:
            _report(exc)
            ok = False
            continue
        for finding in result.findings:
            click.echo(str(finding), err=True)
        errors = sum(f.severity == "error" for f in result.findings)
        warnings = sum(f.severity == "warning" for f in result.findings)
        click.echo(f"checked {path}: {errors} error(s), {warnings} warning(s)")
        ok = ok and result.ok
    return ok


def _default_folder() -> Path:
    if Path("publication.toml").is_file():
        return Path(".")
    return Path("manuscripts")


def _progress(message: str) -> None:
    click.echo(f"… {message}", err=True)


def _report(exc: PublisherError) -> None:
    errors = exc.errors if isinstance(exc, BuildFailed) else (exc,)
    for error in errors:
        click.echo(_line(error, "error"), err=True)
    if len(errors) > 1:
        click.echo(f"{len(errors)} errors; nothing was written", err=True)


def _line(problem: PublisherError, severity: str) -> str:
    prefix = f"{problem.location}: " if problem.location else ""
    return f"{prefix}{severity}: {problem.message}"


def _human(size: int) -> str:
    for unit in ("B", "KiB", "MiB"):
        if size < 1024 or unit == "MiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"
