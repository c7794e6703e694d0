"""MkDocs snippets (``pymdownx.snippets``): ``--8<-- "file.md"`` replaced by the file.

As the extension reads them: a line ``--8<-- "name"`` (indented or not: the included lines
take its indent), or a block of names, one per line, between two ``--8<--`` lines. A name is
looked up in each ``base_path`` of the site's ``mkdocs.yml`` in turn (default: the folder
of ``mkdocs.yml``); ``name:3:5`` (or ``:3``, ``::5``, several ranges joined by commas)
takes those lines, ``name:section`` the lines between ``--8<-- [start:section]`` and
``--8<-- [end:section]``, whose marker lines are never shown. ``;--8<--`` is the syntax
written about, shown without its ``;``. Snippet lines work inside code blocks too (that is
how a listing is pulled in), as the extension runs before anything else. Files named in
``auto_append`` follow every page.

The same safety rules as every include (includes.read_inside): only files inside the site's
folder, never through a link pointing out, never too large or too deep. Addresses on the
web are not fetched. What cannot be included is reported with its line and leaves a
short note in its place.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from publisher.config.site import read_settings
from publisher.load.readers.includes import MAX_DEPTH, read_inside

Report = Callable[[int, str], None]
MARK = "--8<--"
_LINE = re.compile(r"^([ \t]*)(;?)-{1,}8<-{1,}[ \t]+(['\"])([^'\"\n]+)\3[ \t]*$")
_BLOCK = re.compile(r"^([ \t]*)-{1,}8<-{1,}[ \t]*$")
_SECTION = re.compile(r"-{1,}8<-{1,}\s*\[\s*(start|end)\s*:\s*([\w-]+)\s*\]")
_RANGES = re.compile(r"^(?:\d*(?::\d*)?)(?:,\d*(?::\d*)?)*$")


@dataclass(frozen=True)
class SnippetSettings:
    """Where snippets are looked up, and what follows every page."""

    site: Path  # the folder of mkdocs.yml: nothing outside it is included
    base_paths: tuple[Path, ...]
    auto_append: tuple[str, ...] = ()


@cache
def snippet_settings(folders: tuple[Path, ...]) -> SnippetSettings | None:
    """The snippets options of the first ``mkdocs.yml`` in ``folders``, or None."""
    for folder in folders:
        for name in ("mkdocs.yml", "mkdocs.yaml"):
            settings = read_settings(folder / name)
            if settings:
                return _options(folder, settings.get("markdown_extensions"))
    return None


def _options(site: Path, extensions: object) -> SnippetSettings:
    options: dict = {}
    for item in extensions if isinstance(extensions, list) else []:
        if isinstance(item, dict) and "pymdownx.snippets" in item:
            found = item["pymdownx.snippets"]
            options = found if isinstance(found, dict) else {}
    bases = options.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else bases if isinstance(bases, list) else ["."]
    appended = options.get("auto_append", [])
    appended = [appended] if isinstance(appended, str) else appended
    return SnippetSettings(
        site,
        tuple(site / str(b) for b in bases),
        tuple(str(a) for a in appended if isinstance(a, str)),
    )


def snippets(body: str, settings: SnippetSettings, report: Report, depth: int = 0) -> str:
    """The body with every snippet line and block replaced by the files it names, then the
    ``auto_append`` files."""
    if "8<" in body:
        body = _expand(body, settings, report, depth)
    if depth == 0:
        for name in settings.auto_append:
            text = _include(name, settings, report, body.count("\n"), depth)
            if text:
                body = body.rstrip("\n") + "\n\n" + text + "\n"
    return body


def _expand(body: str, settings: SnippetSettings, report: Report, depth: int) -> str:
    out: list[str] = []
    block: list[str] | None = None
    block_indent = ""
    for number, line in enumerate(body.split("\n")):
        if block is not None:
            if _BLOCK.match(line):
                for name in block:
                    out += _indented(_include(name, settings, report, number, depth), block_indent)
                block = None
            elif line.strip() and not line.strip().startswith(";"):
                block.append(line.strip())
            continue
        single = _LINE.match(line)
        opening = _BLOCK.match(line)
        if single and single.group(2):  # escaped: shown as written, without its ";"
            out.append(line.replace(";", "", 1))
        elif single:
            text = _include(single.group(4).strip(), settings, report, number, depth)
            out += _indented(text, single.group(1))
        elif opening:
            block, block_indent = [], opening.group(1)
        else:
            out.append(line)
    if block is not None:
        report(body.count("\n"), f"a '{MARK}' block is not closed: its names are not included")
    return "\n".join(out)


def _indented(text: str | None, indent: str) -> list[str]:
    if text is None:
        return []
    return [indent + line if line.strip() else line for line in text.split("\n")]


def _include(
    name: str, settings: SnippetSettings, report: Report, line: int, depth: int
) -> str | None:
    """The text a snippet name stands for (its lines or section chosen), or a short note."""
    if re.match(r"[a-z][\w+.-]*://", name, re.I):
        report(line, f"snippet '{name}' is on the web: not fetched, not included")
        return f"(not included: {name})"
    file, selector = _split(name)
    why = "does not exist"
    for base in settings.base_paths:
        text, why = read_inside(base / file, (settings.site,))
        if text is not None:
            break
    else:
        report(line, f"snippet '{file}' {why}; not included")
        return f"(not included: {file})"
    chosen = _select(text, selector)
    if chosen is None:
        report(line, f"snippet '{file}' has no section '{selector}': the whole file is included")
        chosen = text
    kept = [text_line for text_line in chosen.split("\n") if not _SECTION.search(text_line)]
    chosen = "\n".join(kept).strip("\n")
    if depth < MAX_DEPTH:
        chosen = snippets(chosen, settings, lambda _, m: report(line, m), depth + 1)
    return chosen


def _split(name: str) -> tuple[str, str]:
    """``file.md:3:5`` → (``file.md``, ``3:5``); a Windows-looking ``C:`` stays a name."""
    file, colon, selector = name.partition(":")
    return (file, selector) if colon and selector else (name, "")


def _select(text: str, selector: str) -> str | None:
    lines = text.split("\n")
    if not selector:
        return text
    if _RANGES.match(selector):
        chosen: list[str] = []
        for piece in selector.split(","):
            start, _, end = piece.partition(":")
            first = max(int(start), 1) if start else 1
            last = int(end) if end else (len(lines) if ":" in piece else first)
            chosen += lines[first - 1 : last]
        return "\n".join(chosen)
    return _section(lines, selector)


def _section(lines: list[str], name: str) -> str | None:
    kept: list[str] = []
    inside = False
    for line in lines:
        marker = _SECTION.search(line)
        if marker and marker.group(2) == name:
            if marker.group(1) == "end" and inside:
                return "\n".join(kept)
            inside = marker.group(1) == "start"
            continue
        if inside:
            kept.append(line)
    return "\n".join(kept) if inside else None
