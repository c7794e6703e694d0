"""Chunked PDF rendering: a large book laid out by several processes, merged into one PDF.

WeasyPrint lays a document out in one process, and its cost grows faster than the page
count past about a thousand pages. So a large book is cut, between articles, into chunks
that worker processes render at the same time:

1. **Body chunks** (a few dozen articles each) are rendered with the folios switched off.
   Each one starts on a recto and is padded to an even length, as ``chapter_start =
   "right"`` would have done, so page sides and blank pages fall exactly as in one render.
2. **Front matter** (title pages, contents) and **back matter** (contributors index) are
   rendered once the body's page counts are known, with the page numbers written in
   (``chunk.pages`` in the templates) instead of ``target-counter()``. Anchor stubs let their
   links resolve; the merge points them at the real pages. If the front matter's length
   changed with the real numbers, it is rendered again.
3. **Folios** are drawn into the body and back-matter pages from a small folio sample
   rendered per page name (pdf_folios.py); if a sample cannot be read that way, folio-only
   pages are rendered in runs that start at the right page number and stamped on instead.
4. **Merge** (pdf_merge.py): pages in order, named destinations of every chunk, the
   bookmark tree rebuilt from all chunks with WeasyPrint's own algorithm and, for tagged
   variants, one structure tree from the chunks' trees (folios stamped as artifacts).

Every chunk is rendered with the book's variant and options. Books with recto chapter
starts and the built-in print stylesheet are chunked, tagged or not; everything else is
rendered once (see ``why_single``).
"""

from __future__ import annotations

import functools
import hashlib
import math
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from tempfile import TemporaryDirectory

from publisher.backends import PDF_WORKER_IMPORTS
from publisher.backends.pdf.blame import RenderFailure, blame
from publisher.backends.pdf.makeup.passes import make_up
from publisher.backends.pdf.makeup.starts import made_up_starts
from publisher.backends.pdf.refusals import RefusedURLs
from publisher.backends.pdf.weasy import (
    BOOK_BASE,
    OfflineFetcher,
    deflate_level,
    line_breaking,
    pdf_options,
    print_finisher,
    quiet_weasyprint,
    served_files,
    stylesheet,
)
from publisher.cache import BlobCache
from publisher.config.printing import PrintSettings
from publisher.errors import BackendError, SourceLocation
from publisher.interrupts import (
    ignore_interrupts,
    start_workers,
    stop_workers,
    worker_context,
)
from publisher.model import Asset, Part, Publication
from publisher.render.html import context
from publisher.render.pagemap import PageStart
from publisher.render.running_heads import article_head
from publisher.render.theme import Theme
from publisher.safety.long_runs import with_breakable_runs

MIN_CHAPTERS = 60  # smaller books render faster in one go than split and merged
# With one process, chunks cost as much time as one render up to ~1,500 pages, and save
# memory (150 MiB instead of 760 MiB at 300 articles); past that one render slows down.
ONE_JOB_MIN_CHAPTERS = 200
CHUNK_CHAPTERS = 40  # articles per body chunk (about 160 pages of news copy)
FOLIO_RUN = 250  # pages per folio document (even, so every run starts on a recto)
NO_FOLIO = "front"  # a named page of the print stylesheet that carries no head or folio
# Variants whose chunks pdf_merge.py can join: untagged, and the tagged PDF 1.x variants
# (one StructTreeRoot over one Document element; PDF 2.0 namespaces are not merged).
MERGED_VARIANTS = ("none", "pdf/ua-1", "pdf/a-2b", "pdf/a-3b", "pdf/x-4")
# Added to the print stylesheet of every chunk: no folios (they are stamped afterwards),
# page numbers from data-page where the templates wrote them, stubs and padding.
CHUNK_CSS = """
@page :left { @bottom-left { content: none; } }
@page :right { @bottom-right { content: none; } }
.toc-chapter a[data-page]::after, .toc-back a[data-page]::after,
.person-role a[data-page]::after { content: leader(". ") attr(data-page); }
.toc-part a[data-page]::after { content: leader(" ") attr(data-page); }
.chunk-stub { height: 0; margin: 0; padding: 0; }
.chunk-pad { page: front; break-before: verso; }
.chunk-carry { page: front; }
"""
# Added to the print stylesheet of the folio documents: folios only, no heads or marks.
FOLIO_CSS = """
@page { marks: none; }
@page :left { @top-left { content: none; } }
@page :right { @top-right { content: none; } }
.folio-page { break-before: page; height: 1px; }
@page :first { counter-reset: page %d; }
"""
Progress = Callable[[str], None]


@dataclass(frozen=True)
class Chunk:
    """What one chunk's document holds; the print templates read it as ``chunk``."""

    front: bool = False
    back: bool = False
    parts: tuple[Part, ...] = ()
    stubs: tuple[str, ...] = ()
    pad: bool = False
    carry: str | None = None
    pages: dict[str, int | str] | None = None


@dataclass(frozen=True)
class Task:
    """One WeasyPrint render a worker process does; plain data, so it can be pickled."""

    html: str
    out: Path
    files: dict[str, Asset]
    options: dict[str, object]
    settings: PrintSettings
    drop: int = 0  # leading pages to leave out (the back matter's carry page and blank)
    pad: bool = False  # the document ends with a padding element (see CHUNK_CSS)
    salt: bytes = b""  # digest of the files the document loads, for the chunk cache


@dataclass
class Rendered:
    """A rendered chunk: its PDF, and per page what the merge and the folios need."""

    path: Path
    heights: list[float] = field(default_factory=list)
    bookmarks: list[list] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # page name for the folio document
    starts: list[PageStart] = field(default_factory=list)  # where each page begins
    anchors: dict[str, int] = field(default_factory=dict)  # id → page index

    @property
    def pages(self) -> int:
        """How many pages the chunk has."""
        return len(self.heights)


def why_single(
    pub: Publication, theme: Theme, settings: PrintSettings, jobs: int, min_chapters: int
) -> str | None:
    """Why this book is rendered in one go, or None when it can be rendered in chunks."""
    if jobs < 2 and len(pub.chapters()) < max(min_chapters, ONE_JOB_MIN_CHAPTERS):
        return f"one job and fewer than {max(min_chapters, ONE_JOB_MIN_CHAPTERS)} articles"
    if len(pub.chapters()) < min_chapters:
        return f"fewer than {min_chapters} articles"
    if settings.variant not in MERGED_VARIANTS:
        return f"variant {settings.variant!r}: its chunks' structure trees are not merged"
    if settings.chapter_start != "right":
        return "chapter_start = 'any': page sides depend on every earlier page"
    if len(theme.folders) > 1:
        return "a project stylesheet may place running heads and folios anywhere"
    return None


def build_chunked(
    pub: Publication,
    theme: Theme,
    settings: PrintSettings,
    target: Path,
    jobs: int,
    say: Progress,
    chunk_chapters: int = CHUNK_CHAPTERS,
    cache: bool = False,
) -> list[PageStart]:
    """Render ``pub`` with ``settings`` into ``target`` in chunks on ``jobs`` processes;
    return where each of its pages begins (one entry a page, render/pagemap.py).

    With ``cache``, chunks rendered by an earlier build from the same document come from the
    chunk cache (publisher/cache.py), so a rebuild after one article changed lays out only
    that article's chunk (and the contents and folios, if page numbers moved).
    """
    from publisher.backends.pdf.folios import read_samples
    from publisher.backends.pdf.merge import Piece, merge
    from publisher.backends.pdf.tagging import finish_tags

    pub = with_breakable_runs(pub)  # the print document's long runs, as in one render
    groups = plan(pub, chunk_chapters)
    with (
        TemporaryDirectory(prefix=".chunks-", dir=target.parent) as tmp,
        _pool(jobs) as executor,
    ):
        jobs_ = _Jobs(pub, theme, settings, Path(tmp), executor, cache)
        say(f"rendering {len(groups)} chunks on {jobs} processes")
        front = jobs_.submit("front-0", _front(pub, _placeholders(pub, 4)))
        chunks = [Chunk(parts=g, stubs=foreign_anchors(g), pad=True) for g in groups]
        bodies = [jobs_.submit(f"body-{n}", c) for n, c in enumerate(chunks)]
        body = _gather(bodies, say)
        samples = jobs_.folio_samples([n for b in body for n in b.names], {})
        front_pages = front.result().pages
        for _ in range(3):  # the real numbers may change the contents' length: then again
            numbers = _page_numbers(groups, body, front_pages)
            ends = _front(pub, numbers), _back(pub, settings, numbers)
            front = jobs_.submit("front", ends[0])
            back = jobs_.submit("back", ends[1], drop=2)
            if front.result().pages == front_pages:
                break
            front_pages = front.result().pages
        else:
            raise BackendError("the contents never settled on a length", SourceLocation(pub.root))
        rendered = [front.result(), *body, back.result()]
        numbered = [n for r in rendered[1:] for n in r.names]  # front matter has no folios
        samples = jobs_.folio_samples(rendered[-1].names, samples)
        say("stamping folios")
        paths = {name: future.result().path for name, future in samples.items()}
        drawn = read_samples([NO_FOLIO] * front_pages + numbered, paths)
        folios = jobs_.folios(numbered, front_pages) if drawn is None else []
        say(f"merging {sum(r.pages for r in rendered)} pages")
        if jobs_.pool.hits:
            say(f"{jobs_.pool.hits} chunk(s) taken from the cache")
        chunks = [ends[0], *chunks, ends[1]]
        try:
            pages = merge(
                [Piece(r.path, c.stubs, c.pad) for r, c in zip(rendered, chunks, strict=True)],
                [(first, future.result().path) for first, future in folios],
                [h for r in rendered for h in r.heights],
                [b for r in rendered for b in r.bookmarks],
                target,
                drawn,
            )
            finish_tags(target)  # as a single render's (tagging.py)
            starts = [start for r in rendered for start in r.starts]
            if len(starts) != pages:
                raise BackendError(f"{len(starts)} page starts for {pages} pages")
            return starts
        finally:
            if drawn is not None:
                drawn.close()


class _Jobs:
    """Turns chunks into render tasks for one build and hands them to the pool."""

    def __init__(
        self,
        pub: Publication,
        theme: Theme,
        settings: PrintSettings,
        folder: Path,
        executor: ProcessPoolExecutor,
        cache: bool,
    ) -> None:
        self.pub, self.theme, self.folder = pub, theme, folder
        self.settings = settings
        self.css = stylesheet(pub, theme, settings)
        self.files = served_files(pub, theme, settings)
        self.options = pdf_options(pub, settings)
        store = BlobCache("pdf-chunks") if cache else None
        self.pool = _Renderer(executor, store, _digest(self.files))

    def submit(self, name: str, chunk: Chunk, drop: int = 0) -> Future:
        """Render one chunk of the book (see ``Chunk``)."""
        html = self.theme.render(
            "print/book.html.j2",
            css=self.css + CHUNK_CSS,
            chunk=chunk,
            **context(self.pub, pdf=self.settings),
        )
        return self._task(name, html, drop, chunk.pad)

    def folios(self, names: list[str], before: int) -> list[tuple[int, Future]]:
        """Folio pages for the pages named ``names``, which follow page ``before``; in runs
        of FOLIO_RUN (even, so each run starts on a recto as its first page is)."""
        runs = []
        for start in range(0, len(names), FOLIO_RUN):
            html = self.theme.render(
                "print/folios.html.j2",
                css=self.css + FOLIO_CSS % (before + start + 1),
                names=names[start : start + FOLIO_RUN],
                **context(self.pub, pdf=self.settings),
            )
            runs.append((before + start, self._task(f"folios-{before + start}", html)))
        return runs

    def folio_samples(self, names: list[str], known: dict[str, Future]) -> dict[str, Future]:
        """``known`` plus a folio sample (see pdf_folios.py) for each new page name among
        ``names`` that may carry a folio."""
        from publisher.backends.pdf.folios import SAMPLE_FIRST, SAMPLE_PAGES

        found = dict(known)
        for name in dict.fromkeys(names):
            if name != NO_FOLIO and name not in found:
                html = self.theme.render(
                    "print/folios.html.j2",
                    css=self.css + FOLIO_CSS % SAMPLE_FIRST,
                    names=[name] * SAMPLE_PAGES,
                    **context(self.pub, pdf=self.settings),
                )
                found[name] = self._task(f"folio-sample-{len(found)}", html)
        return found

    def _task(self, name: str, html: str, drop: int = 0, pad: bool = False) -> Future:
        out = self.folder / f"{name}.pdf"
        task = Task(html, out, self.files, self.options, self.settings, drop, pad, self.pool.salt)
        return self.pool.submit(task)


def plan(pub: Publication, size: int) -> list[tuple[Part, ...]]:
    """The book's parts cut into groups of about ``size`` articles, cut only between articles.

    A group that starts inside a part carries that part without its title, so the part's
    opener page is printed once, before its first article.
    """
    units = [
        (index, position)
        for index, part in enumerate(pub.parts)
        for position in range(max(1, len(part.chapters)))
    ]
    count = math.ceil(len(units) / size)
    groups = []
    for n in range(count):
        piece = units[n * len(units) // count : (n + 1) * len(units) // count]
        parts: list[Part] = []
        for index in dict.fromkeys(i for i, _ in piece):
            part = pub.parts[index]
            positions = [p for i, p in piece if i == index]
            title = part.title if positions[0] == 0 else None
            chapters = tuple(part.chapters[p] for p in positions if p < len(part.chapters))
            parts.append(replace(part, title=title, chapters=chapters))
        groups.append(tuple(parts))
    return groups


def foreign_anchors(group: tuple[Part, ...]) -> tuple[str, ...]:
    """The anchors a chunk's articles link to that other chunks hold (links between
    articles): stand-ins for them let WeasyPrint keep the links; the merge repoints them."""
    articles = [ch.article for part in group for ch in part.chapters]
    held = {part.slug for part in group} | {ch.slug for part in group for ch in part.chapters}
    held |= {anchor for article in articles for anchor in article.anchors}
    wanted = {anchor for article in articles for anchor in article.link_targets}
    return tuple(sorted(wanted - held))


def _front(pub: Publication, numbers: dict[str, int | str]) -> Chunk:
    return Chunk(front=True, stubs=tuple(numbers), pad=True, pages=numbers)


def _back(pub: Publication, settings: PrintSettings, numbers: dict[str, int | str]) -> Chunk:
    last = pub.chapters()[-1].article
    carry = article_head(last.title, last.short_title, settings.text_width)
    stubs = tuple(n for n in numbers if n != "contributors")
    return Chunk(back=True, stubs=stubs, carry=carry, pages=numbers)


def _placeholders(pub: Publication, digits: int) -> dict[str, int | str]:
    anchors = [p.slug for p in pub.parts if p.title] + [c.slug for c in pub.chapters()]
    return {anchor: "8" * digits for anchor in (*anchors, "contributors")}


def _page_numbers(
    groups: list[tuple[Part, ...]], body: list[Rendered], front: int
) -> dict[str, int | str]:
    """Page number of every part, article and the index, from the body chunks' lengths."""
    numbers: dict[str, int | str] = {}
    page = front + 1
    for group, rendered in zip(groups, body, strict=True):
        for anchor, offset in rendered_anchors(group, rendered):
            numbers[anchor] = page + offset
        page += rendered.pages
    numbers["contributors"] = page
    return numbers


def rendered_anchors(group: tuple[Part, ...], rendered: Rendered) -> list[tuple[str, int]]:
    """(anchor, page index in the chunk) of every part opener and article in a chunk."""
    starts = rendered.anchors
    found = []
    for part in group:
        if part.title:
            found.append((part.slug, starts[part.slug]))
        found.extend((chapter.slug, starts[chapter.slug]) for chapter in part.chapters)
    return found


def _gather(futures: list[Future], say: Progress) -> list[Rendered]:
    done = []
    for number, future in enumerate(futures, 1):
        done.append(future.result())
        say(f"chunk {number}/{len(futures)} done ({sum(r.pages for r in done)} pages so far)")
    return done


class _Renderer:
    """Hands renders to the worker pool, or answers them from the chunk cache."""

    def __init__(self, pool: ProcessPoolExecutor, cache: BlobCache | None, salt: bytes) -> None:
        self.pool = pool
        self.cache = cache
        self.salt = salt
        self.hits = 0

    def submit(self, task: Task) -> Future:
        """A future Rendered for ``task``; already done when the cache had it."""
        if self.cache is None:
            return self.pool.submit(render, task)
        key = _task_key(task)
        found = self.cache.get(key)
        rendered = _rendered(found[1], task.out) if found else None
        if found and rendered:
            task.out.write_bytes(found[0])
            done: Future = Future()
            done.set_result(rendered)
            self.hits += 1
            return done
        future = self.pool.submit(render, task)
        future.add_done_callback(lambda f: self._store(key, f))
        return future

    def _store(self, key: str, future: Future) -> None:
        if self.cache is not None and future.exception() is None:
            rendered = future.result()
            note = {
                "heights": rendered.heights,
                "bookmarks": rendered.bookmarks,
                "names": rendered.names,
                "starts": [[p.label, p.scope, p.block, p.offset] for p in rendered.starts],
                "anchors": rendered.anchors,
            }
            self.cache.put(key, rendered.path.read_bytes(), note)


_NOTE_KEYS = ("heights", "bookmarks", "names", "starts", "anchors")


def _rendered(note: object, path: Path) -> Rendered | None:
    """The Rendered a cached chunk's note describes, or None when it is not one."""
    if not isinstance(note, dict) or set(note) != set(_NOTE_KEYS):
        return None
    heights, bookmarks, names, starts, anchors = (note[k] for k in _NOTE_KEYS)
    shapes = (
        isinstance(heights, list) and all(isinstance(h, (int, float)) for h in heights),
        isinstance(bookmarks, list) and all(isinstance(b, list) for b in bookmarks),
        isinstance(names, list) and all(isinstance(n, str) for n in names),
        isinstance(starts, list) and all(isinstance(p, list) and len(p) == 4 for p in starts),
        isinstance(anchors, dict) and all(isinstance(v, int) for v in anchors.values()),
    )
    if not all(shapes) or not len(heights) == len(bookmarks) == len(names):
        return None
    try:
        pages = [PageStart(str(a), b, int(c), int(d)) for a, b, c, d in starts]
    except (TypeError, ValueError):
        return None
    return Rendered(
        path, heights=heights, bookmarks=bookmarks, names=names, starts=pages, anchors=anchors
    )


def _digest(files: dict[str, Asset]) -> bytes:
    """What the served files hold: an image replaced under the same name changes chunks."""
    digest = hashlib.sha256()
    for url in sorted(files):
        digest.update(url.encode() + b"\0" + files[url].source.read_bytes())
    return digest.digest()


def _task_key(task: Task) -> str:
    """The chunk cache key: the document, how it is rendered, and by which code."""
    digest = hashlib.sha256(task.salt + _code_version())
    digest.update(task.html.encode("utf-8", "surrogatepass"))
    digest.update(repr((sorted(task.options.items()), task.settings, task.drop, task.pad)).encode())
    return digest.hexdigest()


_LINEBREAK = tuple(f"linebreak/{name}.py" for name in ("knuth_plass", "measure", "apply", "hook"))


@functools.cache
def _code_version() -> bytes:
    """Renderer code and library versions: an upgrade never reuses old chunks."""
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256(b"pdf-chunk-1")
    for name in ("__init__.py", "weasy.py", "chunks.py", "pagemap.py", *_LINEBREAK):
        digest.update((here / name).read_bytes())
    for path in sorted((here / "makeup").glob("*.py")):
        digest.update(path.read_bytes())
    for library in ("weasyprint", "pydyf", "tinycss2", "cssselect2", "pyphen", "fonttools"):
        try:
            digest.update(f"{library}={metadata.version(library)};".encode())
        except metadata.PackageNotFoundError:
            digest.update(library.encode())
    return digest.digest()


@contextmanager
def _pool(jobs: int) -> Iterator[ProcessPoolExecutor]:
    """Worker processes from a fork server that has WeasyPrint imported already.

    Forking the build process itself is unsafe: the EPUB may be being written in a thread.
    On any error (or an interrupt) the chunks not yet started are cancelled.
    """
    ctx = worker_context(*PDF_WORKER_IMPORTS)  # WeasyPrint imported, if the server starts now
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=ignore_interrupts)
    try:
        start_workers(executor, jobs)
        yield executor
    except BaseException:
        stop_workers(executor)
        raise
    executor.shutdown(wait=True)


def render(task: Task) -> Rendered:
    """Render one chunk to a PDF file (in a worker process) and describe its pages."""
    import weasyprint

    fetcher = OfflineFetcher(task.files)
    tried: list[weasyprint.HTML] = []  # the sources laid out, the last one failing

    def lay_out(source: weasyprint.HTML) -> weasyprint.Document:
        tried.append(source)
        return source.render(**task.options)

    with quiet_weasyprint(), deflate_level(), line_breaking(task.settings):
        try:
            fresh = functools.partial(
                weasyprint.HTML, string=task.html, base_url=BOOK_BASE, url_fetcher=fetcher
            )
            made = make_up(fresh, lay_out)
            source, document = made.source, made.document
            pages = document.pages[task.drop :]
            if task.pad and len(pages) >= 2 and pages[-2]._page_box.page_type.blank:
                pages = pages[:-2]  # already even: the padding added a blank page and its own
            document = document.copy(pages)
            finish = print_finisher(task.settings, task.options["pdf_identifier"])
            document.write_pdf(task.out, finisher=finish, **task.options)
        except Exception as exc:  # as in the single render: reported at its article
            failed = tried[-1].etree_element if tried else None
            raise RenderFailure(str(exc), blame(exc, failed)) from None
    if fetcher.refused:
        raise RefusedURLs(tuple(fetcher.refused))
    result = Rendered(task.out)
    result.starts = made_up_starts(document.pages, source.etree_element, made.original)
    for number, page in enumerate(document.pages):
        kind = page._page_box.page_type
        result.heights.append(page.height)
        result.bookmarks.append(list(page.bookmarks))
        result.names.append(NO_FOLIO if kind.blank else (kind.name or "auto"))
        for anchor in page.anchors:
            result.anchors.setdefault(anchor, number)
    return result
