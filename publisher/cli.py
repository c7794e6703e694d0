"""The command line: parse arguments, call the library, print one line per problem.

Exit codes: 0 success, 1 a problem in the publication (content, config, checks),
2 a usage error, 70 a bug in publisher (a traceback is printed).
"""

from __future__ import annotations

import os
import re
import sys
import time
import traceback
from pathlib import Path

import click

from publisher.check import CheckResult, Finding
from publisher.errors import BuildFailed, Notice, PublisherError, UsageError, printable
from publisher.interrupts import end_helper_processes
from publisher.model import Publication
from publisher.options import PDF_PROFILES, BuildOptions
from publisher.pipeline import BuildResult, all_formats, build, counted
from publisher.report import Run, build_report, dumps, warning_severity, write_report

EXIT_PROBLEM = 1
EXIT_USAGE = 2
EXIT_BUG = 70


class _Group(click.Group):
    """A command group where any unexpected exception exits 70 (a bug), never 1."""

    def invoke(self, ctx: click.Context) -> object:
        """Run the command; show a traceback and exit 70 if it raised something unexpected."""
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            sys.exit(130)
        except Exception as exc:
            _bug(exc)
            sys.exit(EXIT_BUG)


class _OneLineUsageError(click.UsageError):
    """A usage error told in one line (exit 2), for a value that is plainly wrong."""

    def show(self, file: object = None) -> None:
        """Print ``error: …`` on stderr, without the usage text."""
        click.echo(f"error: {self.format_message()}", err=True)


# A well-formed BCP 47 tag (RFC 5646 section 2.1): language, script, region, variants,
# extensions, private use; or a private-use tag alone.
_BCP47 = re.compile(
    r"(?:(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})"
    r"(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?"
    r"(?:-(?:[a-z0-9]{5,8}|\d[a-z0-9]{3}))*"
    r"(?:-[0-9a-wyz](?:-[a-z0-9]{2,8})+)*"
    r"(?:-x(?:-[a-z0-9]{1,8})+)?|x(?:-[a-z0-9]{1,8})+)",
    re.IGNORECASE,
)


def _language_tag(value: str | None) -> str | None:
    """``--language`` as given, if it is a BCP 47 tag; else a one-line usage error."""
    if value is None or _BCP47.fullmatch(value):
        return value
    hint = f" (did you mean {value.replace('_', '-')}?)" if "_" in value else ""
    raise _OneLineUsageError(
        f"--language {value!r} is not a BCP 47 language tag such as en, fr or pt-BR{hint}"
    )


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="publisher")
def main() -> None:
    """Turn a folder of articles into an EPUB 3 ebook and a print-ready PDF."""


@main.command("build")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["epub", "pdf", "kepub", "all"]),
    default="all",
    show_default=True,
    help="Which output to build (all: EPUB and PDF; kepub: the EPUB for Kobo readers).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),  # a file there: our own one-line usage error
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
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the JSON build report to this file (also when the build fails).",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the JSON build report on stdout (rest: stderr)."
)
@click.option(
    "--version-label",
    metavar="LABEL",
    help="Version for output names (default: config 'version', CI tag, git describe).",
)
@click.option(
    "--pdf-profile",
    type=click.Choice(PDF_PROFILES),
    default="print",
    show_default=True,
    help="PDF for the press ([pdf] settings), for reading on screen (no bleed, marks, blanks), "
    "or for a printer's rules (kdp, ingramspark).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Processes for rendering a large PDF in chunks [default: the number of cores].",
)
@click.option(
    "--no-cache", is_flag=True, help="Load every article afresh; neither read nor write the cache."
)
@click.option(
    "--allow-remote",
    is_flag=True,
    help="Download https images that articles refer to (timeout and size cap; never http).",
)
@click.option(
    "--include-drafts",
    is_flag=True,
    help="Include articles marked as drafts (draft: true, published: false).",
)
@click.option(
    "--onix",
    is_flag=True,
    help="Also write NAME.onix.xml: the EPUB's ONIX 3.0 record with its accessibility codes.",
)
@click.option(
    "--no-page-list",
    is_flag=True,
    help="Leave the print edition's page numbers out of the EPUB (an EPUB-only build then "
    "needs no print layout).",
)
@click.option(
    "--language",
    metavar="TAG",
    callback=lambda ctx, param, value: _language_tag(value),
    help="Of a multilingual site, build the pages in this language, a BCP 47 tag such as "
    "fr or pt-BR (default: the site's).",
)
def build_command(
    folder: Path | None,
    fmt: str,
    output: Path,
    strict: bool,
    run_checks: bool,
    report_path: Path | None,
    as_json: bool,
    version_label: str | None,
    pdf_profile: str,
    jobs: int | None,
    no_cache: bool,
    allow_remote: bool,
    include_drafts: bool,
    onix: bool,
    no_page_list: bool,
    language: str | None,
) -> None:
    """Build the publication in FOLDER into --output (default FOLDER: . if it holds
    publication.toml, else ./manuscripts if it exists, else .)."""
    folder = folder or _default_folder()
    formats = all_formats() if fmt == "all" else [fmt]
    result = BuildResult()
    errors: tuple[PublisherError, ...] = ()
    checks: list[CheckResult] | None = None
    code = 0
    try:
        options = BuildOptions(
            formats=tuple(formats),
            output_dir=output,
            strict=strict,
            version_label=version_label,
            pdf_profile=pdf_profile,
            jobs=jobs or os.cpu_count() or 1,
            cache=not no_cache,
            allow_remote=allow_remote,
            include_drafts=include_drafts,
            onix=onix,
            page_list=not no_page_list,
            language=language,
        )
        build(folder, options, progress=_progress, result=result)
        _summary(result, err=as_json)
        if run_checks:
            outputs = [out.path for out in result.outputs]
            checks = _check_all(outputs, result.timings, as_json, result.publication, pdf_profile)
            code = 0 if all(check.ok for check in checks) else EXIT_PROBLEM
    except UsageError as exc:
        click.echo(_line(exc, "error"), err=True)
        sys.exit(EXIT_USAGE)  # like a bad option: no report is written
    except PublisherError as exc:
        errors, code = _report(exc, [] if strict else result.warnings), EXIT_PROBLEM
    except KeyboardInterrupt as exc:
        click.echo("interrupted: previous outputs left as they were", err=True)
        end_helper_processes()
        sys.exit(128 + getattr(exc, "signum", 2))  # 130 for Ctrl-C, 143 for SIGTERM
    except Exception as exc:
        errors, code = (_bug(exc),), EXIT_BUG
    if report_path or as_json:
        run = Run(folder, output, formats, strict, code, errors, checks)
        code = _emit_report(build_report(run, result), report_path, as_json) or code
    sys.exit(code)


@main.command("serve")
@click.argument("folder", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but a loopback address shows the book to the network.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("build"),
    show_default=True,
    help="Folder for the served outputs.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["epub", "pdf", "all"]),
    default="all",
    show_default=True,
    help="Which outputs to build and preview.",
)
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, help="As for build.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the disk cache.")
@click.option("--include-drafts", is_flag=True, help="Include articles marked as drafts.")
def serve_command(
    folder: Path | None,
    port: int,
    host: str,
    output: Path,
    fmt: str,
    strict: bool,
    jobs: int | None,
    no_cache: bool,
    include_drafts: bool,
) -> None:
    """Build FOLDER, preview it at http://127.0.0.1:PORT/ and rebuild on every save."""
    from publisher.serve.session import is_loopback, serve

    folder = folder or _default_folder()
    if not folder.is_dir():
        raise click.UsageError(f"{folder}: no such folder")
    options = BuildOptions(
        formats=tuple(all_formats() if fmt == "all" else [fmt]),
        output_dir=output,
        strict=strict,
        jobs=jobs or os.cpu_count() or 1,
        cache=not no_cache,
        include_drafts=include_drafts,
    )
    if not is_loopback(host):
        click.echo(
            f"warning: listening on {host}: anyone who can reach this machine can read the "
            "book and its problems",
            err=True,
        )
    try:
        serve(folder, options, (host, port), lambda line: click.echo(line, err=True))
    except OSError as exc:
        click.echo(f"error: cannot listen on {host}:{port}: {exc.strerror or exc}", err=True)
        sys.exit(EXIT_PROBLEM)


def _summary(result: BuildResult, err: bool) -> None:
    for warning in result.warnings:
        click.echo(_line(warning, warning_severity(warning)), err=True)
    for out in result.outputs:
        size = out.path.stat().st_size
        pages = f", {counted(out.pages, 'page')}" if out.pages else ""
        click.echo(printable(f"wrote {out.path} ({_human(size)}{pages})"), err=err)
    n = len(result.publication.chapters()) if result.publication else 0
    notes = sum(isinstance(w, Notice) for w in result.warnings)
    found = counted(len(result.warnings) - notes, "warning")
    found += f", {counted(notes, 'note')}" if notes else ""
    click.echo(f"built {counted(n, 'article')} in {result.seconds:.1f} s with {found}", err=err)


def _emit_report(report: dict, path: Path | None, as_json: bool) -> int:
    """Write and/or print the report; a non-zero exit code if the file cannot be written."""
    if as_json:
        click.echo(dumps(report), nl=False)
    if path is None:
        return 0
    try:
        write_report(report, path)
    except OSError as exc:
        click.echo(f"{path}: error: cannot write the report: {exc.strerror}", err=True)
        return EXIT_PROBLEM
    return 0


@main.command("check")
@click.option(
    "--profile",
    type=click.Choice(PDF_PROFILES),
    default="print",
    show_default=True,
    help="Hold PDFs to this profile's rules: print, screen, or a printer's (kdp, ingramspark).",
)
@click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
def check_command(profile: str, files: tuple[Path, ...]) -> None:
    """Check finished EPUB and PDF FILES; exit 1 if any has an error."""
    if not all(result.ok for result in _check_all(list(files), {}, profile=profile)):
        sys.exit(EXIT_PROBLEM)


@main.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--into",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the Markdown files (default: next to each .txt; required for .md).",
)
@click.option("--dry-run", is_flag=True, help="Print what was extracted as JSON; write nothing.")
@click.option("--force", is_flag=True, help="Replace Markdown files that already exist.")
def import_command(files: tuple[Path, ...], into: Path | None, dry_run: bool, force: bool) -> None:
    """Turn raw newsroom copy (.txt FILES) or Markdown written for Jekyll, Hugo or pandoc
    (.md FILES) into Markdown manuscripts with publisher's front matter. A folder stands
    for every manuscript in it and below it (a blog's content folder)."""
    from publisher.importer import expand_folders, run

    if not run(expand_folders(files), into, dry_run=dry_run, force=force, echo=click.echo):
        sys.exit(EXIT_PROBLEM)


def _check_all(
    paths: list[Path],
    timings: dict[str, float],
    err: bool = False,
    publication: Publication | None = None,
    profile: str = "print",
) -> list[CheckResult]:
    """Run the checker for each file and print its findings; time each in ``timings``.
    ``profile`` is the PDF profile the files were made with."""
    results = []
    for path in paths:
        _progress(f"checking {path}")
        started = time.perf_counter()
        result = _check_one(path, publication, profile)
        timings[f"check-{path.suffix.lstrip('.').lower()}"] = time.perf_counter() - started
        for finding in result.findings:
            click.echo(str(finding), err=True)
        errors = sum(f.severity == "error" for f in result.findings)
        warnings = sum(f.severity == "warning" for f in result.findings)
        found = f"{counted(errors, 'error')}, {counted(warnings, 'warning')}"
        click.echo(f"checked {path}: {found}", err=err)
        results.append(result)
    return results


def _check_one(
    path: Path, publication: Publication | None = None, profile: str = "print"
) -> CheckResult:
    """The checker's result; a checker that cannot run at all gives one error finding.
    With the publication, EPUB findings are placed in the article files they came from."""
    from publisher.check import check_file

    try:
        return check_file(path, publication, profile)
    except PublisherError as exc:
        where = str(exc.location) if exc.location else str(path)
        return CheckResult(path, [Finding("error", exc.message, "publisher", where)])


def _default_folder() -> Path:
    """Here if this is a publication; else ./manuscripts; else here (a blog's content)."""
    if Path("publication.toml").is_file() or not Path("manuscripts").is_dir():
        return Path(".")
    return Path("manuscripts")


def _progress(message: str) -> None:
    click.echo(f"… {printable(message)}", err=True)


def _report(exc: PublisherError, warnings: list[PublisherError]) -> tuple[PublisherError, ...]:
    """Print the warnings so far and every error of a failed build; return the errors."""
    errors = exc.errors if isinstance(exc, BuildFailed) else (exc,)
    for warning in warnings:
        click.echo(_line(warning, warning_severity(warning)), err=True)
    for error in errors:
        click.echo(_line(error, "error"), err=True)
    if len(errors) > 1:
        click.echo(f"{len(errors)} errors; nothing was written", err=True)
    return errors


def _bug(exc: Exception) -> PublisherError:
    """Print the traceback of an unexpected exception; return it as a report error."""
    traceback.print_exception(exc)
    click.echo("publisher: internal error (a bug); please report the traceback above", err=True)
    return PublisherError(f"internal error: {type(exc).__name__}: {exc}")


def _line(problem: PublisherError, severity: str) -> str:
    """``path:line: severity: message`` on one line, whatever the names and message hold."""
    prefix = f"{problem.location}: " if problem.location else ""
    return f"{prefix}{severity}: {printable(problem.message)}"


def _human(size: int) -> str:
    for unit in ("B", "KiB", "MiB"):
        if size < 1024 or unit == "MiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{size} B"
