"""Builds for a serve session: in this process, one format after the other, last good kept.

Each build goes through ``pipeline.build`` (so a served book is exactly what ``publisher
build`` writes), with the session's memory (memory.py): unchanged articles are not loaded
again, unchanged chapter pages are not rendered again, and unchanged PDF chunks come from
the chunk cache. The EPUB is published (and announced) before the PDF is rendered, so the
ebook shows a change first. A build that fails leaves the served files as they were.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from publisher.backends import PDF_WORKER_IMPORTS
from publisher.errors import BuildFailed, Notice, PublisherError
from publisher.interrupts import worker_context
from publisher.model import Publication
from publisher.options import BuildOptions
from publisher.pipeline import BuildResult, Reuse, build
from publisher.release import CHECKSUMS_NAME, write_checksums
from publisher.render.html import chapter_file
from publisher.serve.memory import MemoryCache, RenderMemo
from publisher.serve.pdfpages import first_pages

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Entry:
    """One line of the preview's contents: a part title, or a chapter with where it is."""

    title: str
    slug: str = ""
    xhtml: str = ""  # the chapter's document inside the EPUB
    page: int | None = None  # its first page in the PDF
    part: bool = False


@dataclass(frozen=True)
class State:
    """What the preview shows: the last good files, and how the last build went."""

    generation: int = 0
    building: bool = True
    ok: bool = True
    problems: tuple[str, ...] = ()
    files: dict[str, str] = field(default_factory=dict)  # format → served file name
    served: tuple[str, ...] = ()  # every file under /build/, SHA256SUMS included
    contents: tuple[Entry, ...] = ()
    title: str = ""
    seconds: float = 0.0
    finished: float = 0.0  # time.time() of the last build's end


class Rebuilder:
    """Runs the session's builds and publishes their files into ``options.output_dir``."""

    def __init__(self, folder: Path, options: BuildOptions, say: Progress) -> None:
        self.folder = folder
        self.options = options
        self.say = say
        self.cache = MemoryCache(disk=options.cache)
        self.memo = RenderMemo.empty()
        self.reuse = Reuse(cache=self.cache, theme=self.memo.wrap, layouts={})
        self.work = Path(tempfile.mkdtemp(prefix=".serve-", dir=_parent(options.output_dir)))
        self.state = State()
        self.listeners: list[Callable[[State], None]] = []
        self._pages = PageNumbers()
        if "pdf" in options.formats:  # the first pass (the EPUB) may start the fork server
            worker_context(*PDF_WORKER_IMPORTS)

    def close(self) -> None:
        """Remove the session's work folder (the served files stay)."""
        shutil.rmtree(self.work, ignore_errors=True)

    def rebuild(self, changed: set[Path] | None = None) -> State:
        """Build every format again (after ``changed`` files changed); return the new state."""
        if changed and any(self._in_theme(path) for path in changed):
            self.memo.forget_templates()
        started = time.perf_counter()
        self._publish(replace(self.state, building=True))
        problems: list[str] = []
        files = dict(self.state.files)
        contents = self.state.contents
        title = self.state.title
        ok = True
        for fmt, page_list in self._passes():
            result = BuildResult()
            try:
                self._build_one(fmt, result, page_list)
            except PublisherError as exc:
                problems = _merged(problems, _lines(result.warnings, exc))
                ok = False
                break
            except Exception as exc:  # a bug: report it in the page, keep serving
                problems.append(f"internal error: {type(exc).__name__}: {exc}")
                self.say("".join(traceback.format_exception(exc)))
                ok = False
                break
            problems = _merged(problems, _lines(result.warnings, None))
            files.update(self._move_in(fmt, result))
            pub = result.publication
            title = pub.metadata.title if pub else title
            contents = self._contents(pub, files) if pub else contents
            self._publish(
                replace(
                    self.state,
                    generation=self.state.generation + 1,
                    files=files,
                    served=self._served(files),
                    contents=contents,
                    title=title,
                    problems=tuple(problems),
                )
            )
        self.cache.sweep()  # forget what this round did not use
        self.memo.sweep()
        seconds = time.perf_counter() - started
        final = replace(
            self.state,
            generation=self.state.generation + 1,
            building=False,
            ok=ok,
            problems=tuple(problems),
            seconds=seconds,
            finished=time.time(),
        )
        self._publish(final)
        verdict = "built" if ok else "build failed (still serving the last good files)"
        self.say(f"{verdict} in {seconds:.2f} s")
        for line in problems:
            self.say(line)
        return final

    def _passes(self) -> list[tuple[str, bool]]:
        """The builds of one round, in order, each with or without the EPUB's page-list.

        The EPUB is served first without the print edition's page numbers (they need the
        PDF's layout); with the PDF too, once the PDF is done the EPUB is made again with
        them (from the page map the PDF build left in ``Reuse.layouts``: no second layout),
        so that the files served at the end are those a clean build makes. Serving only
        the EPUB, it has no page-list (a print layout per save would cost a PDF build)."""
        formats = list(self.options.formats)
        paged = self.options.page_list and "pdf" in formats
        passes = [(fmt, False if fmt != "pdf" else self.options.page_list) for fmt in formats]
        if paged:
            passes += [(fmt, True) for fmt in formats if fmt != "pdf"]
        return passes

    def _build_one(self, fmt: str, result: BuildResult, page_list: bool = True) -> None:
        out = self.work / fmt
        shutil.rmtree(out, ignore_errors=True)
        self.cache.hits = self.cache.misses = 0
        options = replace(self.options, formats=(fmt,), output_dir=out, page_list=page_list)
        progress = self._progress
        build(self.folder, options, progress=progress, result=result, reuse=self.reuse)

    def _progress(self, message: str) -> None:
        self.say(f"… {message}")

    def _move_in(self, fmt: str, result: BuildResult) -> dict[str, str]:
        target = self.options.output_dir
        target.mkdir(parents=True, exist_ok=True)
        moved = {}
        for number, output in enumerate(result.outputs):
            if output.path.name == CHECKSUMS_NAME:
                continue
            os.replace(output.path, target / output.path.name)
            moved[fmt if number == 0 else f"{fmt}-{number}"] = output.path.name
        return moved

    def _served(self, files: dict[str, str]) -> tuple[str, ...]:
        target = self.options.output_dir
        write_checksums([target / name for name in files.values()], target)
        return (*files.values(), CHECKSUMS_NAME)

    def _contents(self, pub: Publication, files: dict[str, str]) -> tuple[Entry, ...]:
        pdf = files.get("pdf")
        return contents(pub, self.options.output_dir / pdf if pdf else None, self._pages)

    def _in_theme(self, path: Path) -> bool:
        return path.resolve().is_relative_to((self.folder / "styles").resolve())

    def _publish(self, state: State) -> None:
        self.state = state
        for listener in self.listeners:
            listener(state)


class PageNumbers:
    """first_pages of the served PDF, read again only when the file is another: each pass
    of a round lists the contents, and reading a 5,000-page PDF's destinations takes a
    second, which the EPUB pass before the PDF's would add to the PDF's latency."""

    def __init__(self) -> None:
        self.identity: tuple | None = None
        self.pages: dict[str, int] = {}

    def __call__(self, pdf: Path) -> dict[str, int]:
        """Named destination → page number (first_pages) of the PDF at ``pdf``."""
        try:
            found = pdf.stat()
        except OSError:
            return {}
        identity = (str(pdf), found.st_ino, found.st_size, found.st_mtime_ns)
        if identity != self.identity:
            self.identity, self.pages = identity, first_pages(pdf)
        return self.pages


def contents(
    pub: Publication,
    pdf: Path | None,
    pages_of: Callable[[Path], dict[str, int]] = first_pages,
) -> tuple[Entry, ...]:
    """The preview's contents: each part title and chapter, with its first page in ``pdf``
    (part openers and chapters are named destinations there, by slug)."""
    pages = pages_of(pdf) if pdf else {}
    entries = []
    for part in pub.parts:
        if part.title:
            entries.append(
                Entry(part.title, part.slug, f"{part.slug}.xhtml", pages.get(part.slug), True)
            )
        for chapter in part.chapters:
            entry = Entry(
                chapter.article.title, chapter.slug, chapter_file(chapter), pages.get(chapter.slug)
            )
            entries.append(entry)
    return tuple(entries)


def _lines(warnings: list[PublisherError], error: PublisherError | None) -> list[str]:
    """The problems as the CLI prints them: ``path:line: severity: message``."""
    lines = [_line(w, "note" if isinstance(w, Notice) else "warning") for w in warnings]
    if error is not None:
        errors = error.errors if isinstance(error, BuildFailed) else (error,)
        lines += [_line(e, "error") for e in errors]
    return lines


def _merged(lines: list[str], more: list[str]) -> list[str]:
    """Each format's build reports the loader's problems again: keep each line once."""
    return list(dict.fromkeys([*lines, *more]))


def _line(problem: PublisherError, severity: str) -> str:
    prefix = f"{problem.location}: " if problem.location else ""
    return f"{prefix}{severity}: {problem.message}"


def _parent(output_dir: Path) -> Path:
    parent = output_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    return parent
