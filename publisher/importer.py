"""``publisher import``: raw newsroom copy (.txt) or Markdown written for another tool
(Jekyll, Hugo, pandoc, bare) → a Markdown manuscript in the documented front matter.

The Markdown file holds exactly the front matter and body the loader builds its article
from, so building the written file gives the same article as building the original. For raw
copy, the lines that became metadata are also kept, word for word, as YAML comments at the
top of the front matter, so no text of the copy is lost even where the front matter
normalises it. For another tool's Markdown, the comments say which key became which, and
which keys were left out; Hugo figure shortcodes become Markdown images, and the images a
file refers to are copied along with it.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from publisher.errors import ManuscriptError, PublisherError, SourceLocation
from publisher.load.article import ArticleContext
from publisher.load.newsroom.plaintext import Decision, ParsedCopy, parse_copy
from publisher.load.readers import dialects, frontmatter, shortcodes, titles
from publisher.load.readers.markdown import load_markdown
from publisher.load.readers.text import read_manuscript
from publisher.model import Article

_KEPT_AS_COMMENT = ("dateline", "byline", "credit", "source", "partner", "pointer")


@dataclass(frozen=True)
class Imported:
    """One converted article: where it came from, where it goes, what was decided."""

    source: Path
    target: Path
    markdown: str
    meta: dict[str, Any]
    decisions: tuple[Decision, ...]
    warnings: tuple[Decision, ...] = ()
    kind: str = "raw copy"  # or the dialect's name (dialects.DIALECT_NAMES)
    body: str = ""  # the Markdown body written under the front matter
    images: tuple[tuple[Path, Path], ...] = ()  # (from, to): copied next to the Markdown


def import_file(path: Path, into: Path | None = None, force: bool = False) -> Imported:
    """Convert one .txt or Markdown file (nothing is written yet)."""
    if path.suffix.lower() == ".txt":
        return import_copy(path, into)
    return import_markdown(path, into, force)


def import_copy(path: Path, into: Path | None = None) -> Imported:
    """Read and convert one .txt article (nothing is written yet)."""
    text = read_manuscript(path)
    try:
        parsed = parse_copy(text, book_language(path, into))
    except ManuscriptError as exc:
        raise ManuscriptError(exc.message, SourceLocation(path, 1)) from None
    target = (into or path.parent) / f"{path.stem}.md"
    markdown = render_markdown(parsed, path.name)
    return Imported(path, target, markdown, parsed.meta, parsed.decisions, parsed.warnings)


def import_markdown(path: Path, into: Path | None = None, force: bool = False) -> Imported:
    """Rewrite a Jekyll, Hugo, pandoc or bare Markdown file into publisher's front matter."""
    name = f"{path.parent.name}.md" if path.stem.lower() == "index" else path.name
    target = (into or path.parent) / name
    if target.resolve() == path.resolve() and not force:
        raise PublisherError(
            "importing would overwrite the file itself: give --into FOLDER (or --force)",
            SourceLocation(path),
        )
    converted = convert_dialect(read_manuscript(path), path)
    article = load_markdown(
        converted.markdown, path, ArticleContext(path.parent, "imported", lambda _: None)
    )
    base = path.parent.resolve()
    images = tuple(
        (asset.source, target.parent / asset.source.resolve().relative_to(base))
        for asset in article.images
        if asset.source.resolve().is_relative_to(base)
    )
    meta = dict(converted.meta)
    for key, value in (("date", article.published), ("updated", article.updated)):
        if value:  # the calendar date as the loader read it, never a time or an offset
            meta[key] = value
    markdown = _dialect_markdown(meta, converted.body, path.name, converted.kind)
    return replace(converted, target=target, images=images, meta=meta, markdown=markdown)


def book_language(path: Path, into: Path | None = None) -> str | None:
    """The language of the publication the article is going into, if there is one."""
    for folder in (into, path.parent):
        config = folder / "publication.toml" if folder else None
        if config and config.is_file():
            try:
                data = tomllib.loads(config.read_text(encoding="utf-8-sig"))
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                return None
            language = data.get("language", "en")
            return language if isinstance(language, str) else None
    return None


def render_markdown(parsed: ParsedCopy, origin: str) -> str:
    """Front matter (with the metadata lines as comments) + the Markdown body."""
    comments = [f"# Imported from {origin} by `publisher import`."]
    kept = [d for d in parsed.decisions if d.kind in _KEPT_AS_COMMENT]
    if kept:
        comments.append("# Lines of the copy read as metadata, word for word:")
        comments += [f"#   line {d.line}: {' '.join(d.text.split())}" for d in _unique(kept)]
    front = yaml.safe_dump(
        parsed.meta, sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**6
    )
    return "---\n" + "\n".join(comments) + "\n" + front + "---\n\n" + parsed.body


def convert_dialect(text: str, path: Path) -> Imported:
    """Another tool's Markdown → publisher's front matter and a body it builds the same."""
    doc = frontmatter.split(text, path)
    found = dialects.normalise(doc.meta, path, doc.fence)
    meta, body = dict(found.meta), doc.body
    heading = titles.heading_title(body)
    decisions = [
        Decision(_key_line(doc, origin), "key", origin, key)
        for key, origin in found.origins.items()
    ]
    if "title" not in meta and heading:
        meta["title"], body = heading.text, heading.rest
        decisions.append(Decision(doc.body_line + heading.line, "heading", heading.text, "title"))
    elif heading and heading.leading and titles.same_title(meta.get("title"), heading.text):
        body = heading.rest
    decisions += [
        Decision(_key_line(doc, key), "left out", key, "not used in a book")
        for key in found.ignored
    ]
    if found.draft:
        meta["draft"] = True
    engine = dialects.engine(found.dialect, None)
    if engine != "publisher":
        meta["markdown"] = engine  # the imported file keeps rendering as its tool did
    body, leftovers = shortcodes.expand(body)
    warnings = tuple(
        Decision(doc.body_line + left.line, "shortcode", "", left.message) for left in leftovers
    )
    kind = dialects.DIALECT_NAMES[found.dialect]
    markdown = _dialect_markdown(meta, body, path.name, kind)
    return Imported(path, path, markdown, meta, tuple(decisions), warnings, kind, body)


def _dialect_markdown(meta: dict[str, Any], body: str, origin: str, kind: str) -> str:
    comments = f"# Imported from {origin} ({kind}) by `publisher import`.\n"
    front = yaml.safe_dump(
        _ordered(meta), sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**6
    )
    return "---\n" + comments + front + "---\n\n" + body.lstrip("\n")


def _ordered(meta: dict[str, Any]) -> dict[str, Any]:
    """The documented keys in the README's order, so every imported file reads alike."""
    order = ["title", "subtitle", "short_title", "date", "updated", "authors"]
    order += ["translators", "contributors", "source", "partners", "place", "agency", "lang"]
    order += ["dir", "tags", "summary", "draft", "markdown"]
    return {key: meta[key] for key in order if key in meta}


def _key_line(doc: frontmatter.Document, origin: str) -> int:
    """The line of the key a value came from (0: none, e.g. the file name)."""
    return (frontmatter.origin_line(doc.meta_text, origin) or 0) if doc.meta_text else 0


def check(imported: Imported) -> Article:
    """Load the written Markdown the way a build would, so an import never writes a file
    that fails to build. Raises the loader's errors. Relative image paths are resolved
    from the original's folder, whose layout the copied images keep."""
    ctx = ArticleContext(imported.source.parent, "imported", lambda _: None)
    return load_markdown(imported.markdown, imported.source.parent / imported.target.name, ctx)


def write(imported: Imported, force: bool = False) -> None:
    """Write the Markdown file; refuse to replace an existing one unless ``force``."""
    target = imported.target
    if target.exists() and not force:
        raise PublisherError(
            f"{target} already exists (use --force to replace it)", SourceLocation(imported.source)
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    for origin, copy in imported.images:
        if copy.resolve() != origin.resolve():
            copy.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(origin, copy)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(imported.markdown)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def as_json(imported: Imported) -> dict[str, Any]:
    """What was extracted, as JSON-ready data (for ``--dry-run``)."""
    return {
        "file": str(imported.source),
        "target": str(imported.target),
        "kind": imported.kind,
        "front_matter": _jsonable(imported.meta),
        "decisions": [_decision(d) for d in imported.decisions],
        "warnings": [_decision(d) for d in imported.warnings],
        "images": [str(copy) for _, copy in imported.images],
    }


def dumps(imports: list[Imported]) -> str:
    """The ``--dry-run`` JSON document: a list, one object per input file."""
    return json.dumps([as_json(i) for i in imports], ensure_ascii=False, indent=2)


def report(imported: Imported) -> list[str]:
    """A short human report: one line per decision an editor should check."""
    lines = [f"{imported.source} ({imported.kind}) → {imported.target}"]
    for d in imported.decisions:
        if d.kind == "key":
            lines.append(f"  {d.outcome} ← {d.text}" + (f" (line {d.line})" if d.line else ""))
        elif d.kind == "left out":
            lines.append(f"  left out: {d.text}" + (f" (line {d.line})" if d.line else ""))
        elif d.line:
            lines.append(f"  line {d.line}: {d.kind}: {_short(d.text)} → {d.outcome}")
        else:
            lines.append(f"  {d.kind}: {d.text or 'not recorded'} ({d.outcome})")
    return lines


def warnings(imported: Imported) -> list[PublisherError]:
    """The parser's warnings as located problems (``path:line: warning: …``)."""
    return [
        ManuscriptError(w.outcome, SourceLocation(imported.source, w.line or None))
        for w in imported.warnings
    ]


def _unique(decisions: list[Decision]) -> list[Decision]:
    seen: set[int] = set()
    kept = []
    for decision in decisions:
        if decision.line not in seen:
            seen.add(decision.line)
            kept.append(decision)
    return kept


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def _decision(decision: Decision) -> dict[str, Any]:
    return {
        "line": decision.line or None,
        "kind": decision.kind,
        "text": decision.text,
        "outcome": decision.outcome,
    }


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def expand_folders(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder becomes the manuscripts a build of it would find (its
    subfolders included, Hugo section pages and tool folders not)."""
    from publisher.load.discover import manuscript_files

    found: list[Path] = []
    for path in paths:
        found += manuscript_files(path, subfolders=True) if path.is_dir() else [path]
    return found


def run(
    files: list[Path],
    into: Path | None,
    dry_run: bool,
    force: bool,
    echo: Any,
) -> bool:
    """The ``publisher import`` command: convert, check and write (or, dry, print) each
    file; the report and problems go to stderr. False when any file failed."""
    done: list[Imported] = []
    ok = True
    for path in files:
        try:
            imported = import_file(path, into, force)
            check(imported)
            if not dry_run:
                write(imported, force)
        except PublisherError as exc:
            for error in getattr(exc, "errors", (exc,)):
                echo(str(error), err=True)
            ok = False
            continue
        done.append(imported)
        for line in report(imported):
            echo(line, err=True)
        for warning in warnings(imported):
            echo(f"{warning.location}: warning: {warning.message}", err=True)
        if not dry_run:
            echo(f"wrote {imported.target}")
    if dry_run:
        echo(dumps(done))
    elif done:
        echo(_next_steps(done), err=True)
    return ok


def _next_steps(done: list[Imported]) -> str:
    """Remind the editor that the .txt and the new .md would both be manuscripts."""
    clash = [i for i in done if i.source.parent.resolve() == i.target.parent.resolve()]
    hint = "next: edit the Markdown, list it in publication.toml and rebuild"
    if clash:
        hint += "; move the .txt out of the folder (both files would be loaded)"
    return hint
