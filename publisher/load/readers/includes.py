"""Files a page pulls in: mdBook's ``{{#include}}`` family and Jekyll's ``{% include %}``.

The same rules as images: a file is included only from inside the publication folder (or
the site it was copied from, for Jekyll's ``_includes``), never through a link pointing
out, never larger than MAX_INCLUDE_BYTES, at most MAX_DEPTH includes deep. A file that
cannot be included leaves a short note in its place and a warning naming the line.

mdBook: ``{{#include file}}``, with ``:anchor`` (the lines between ``ANCHOR: name`` and
``ANCHOR_END: name``), ``:N``, ``:N:``, ``::M`` or ``:N:M`` (1-based lines);
``{{#rustdoc_include …}}`` shows what mdBook shows before a reader expands the hidden
lines; ``{{#playground file}}`` is the whole file as a Rust code block; ``{{#title …}}``
sets the browser's title and prints nothing. Lines naming an anchor are never shown.
``\\{{#include …}}`` is the syntax written about, kept as text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

MAX_INCLUDE_BYTES = 2 * 2**20
MAX_DEPTH = 10
_MDBOOK = re.compile(
    r"(\\?)\{\{#(include|rustdoc_include|playground|title)\b[ \t]*([^}\n]*?)[ \t]*\}\}"
)
_ANCHOR_LINE = re.compile(r"ANCHOR(?:_END)?:\s*[\w-]+")
_RANGE = re.compile(r"^(\d*)(?::(\d*))?$")

Report = Callable[[int, str], None]  # (0-based line of the body, message)


def read_inside(target: Path, boundaries: tuple[Path, ...]) -> tuple[str | None, str]:
    """The text of ``target`` if it is a file inside one of ``boundaries``, else None and why."""
    try:
        real = target.resolve()
    except OSError:
        return None, "cannot be read"
    if not any(real.is_relative_to(b.resolve()) for b in boundaries):
        return None, "is outside the publication folder"
    if not real.is_file():
        return None, "does not exist"
    if real.stat().st_size > MAX_INCLUDE_BYTES:
        return None, f"is larger than {MAX_INCLUDE_BYTES // 2**20} MiB"
    text = real.read_bytes().decode("utf-8-sig", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n"), ""


def mdbook_includes(body: str, page: Path, root: Path, report: Report, depth: int = 0) -> str:
    """The body with every mdBook include helper replaced by what it includes."""
    if "{{#" not in body:
        return body
    pieces, done = [], 0
    for match in _MDBOOK.finditer(body):
        line = body.count("\n", 0, match.start())
        pieces.append(body[done : match.start()])
        done = match.end()
        if match.group(1):  # escaped: set aside by shortcodes.py, shown as written
            pieces.append(match.group(0))
            continue
        pieces.append(_helper(match.group(2), match.group(3), page, root, report, line, depth))
    return "".join(pieces) + body[done:]


def _helper(
    kind: str, argument: str, page: Path, root: Path, report: Report, line: int, depth: int
) -> str:
    if kind == "title":
        return ""
    words = argument.split()
    if not words:
        report(line, f"{{{{#{kind}}}}} names no file: removed")
        return ""
    name, _, selector = words[0].partition(":")
    text, why = read_inside(page.parent / name, (root,))
    if text is None:
        report(line, f"{{{{#{kind} {words[0]}}}}}: '{name}' {why}; not included")
        return f"(not included: {name})"
    if kind == "playground":
        attributes = ",".join(["rust", *words[1:]])
        return f"```{attributes}\n{_shown(text).rstrip(chr(10))}\n```\n"
    part = _select(text, selector)
    if part is None:
        report(
            line,
            f"{{{{#{kind} {words[0]}}}}}: no anchor '{selector}' in '{name}'; "
            "the whole file is included",
        )
        part = text
    part = _shown(part).rstrip("\n")
    if depth < MAX_DEPTH and kind == "include" and name.lower().endswith((".md", ".markdown")):
        part = mdbook_includes(
            part, page.parent / name, root, lambda n, m: report(line, m), depth + 1
        )
    return part


def _select(text: str, selector: str) -> str | None:
    """The lines a selector names: a range of 1-based lines, or an anchor's lines."""
    lines = text.split("\n")
    if not selector:
        return text
    found = _RANGE.match(selector)
    if found and (found.group(1) or found.group(2)):
        start = int(found.group(1)) if found.group(1) else 1
        if found.group(2) is None:  # ":N": that line alone
            return "\n".join(lines[start - 1 : start])
        end = int(found.group(2)) if found.group(2) else len(lines)
        return "\n".join(lines[max(start, 1) - 1 : end])
    return _anchored(lines, selector)


def _anchored(lines: list[str], anchor: str) -> str | None:
    start = re.compile(rf"ANCHOR:\s*{re.escape(anchor)}\b")
    end = re.compile(rf"ANCHOR_END:\s*{re.escape(anchor)}\b")
    kept: list[str] = []
    inside = False
    for line in lines:
        if inside and end.search(line):
            return "\n".join(kept)
        if inside:
            kept.append(line)
        elif start.search(line):
            inside = True
    return "\n".join(kept) if inside else None


def _shown(text: str) -> str:
    """The text without the lines that mark anchors."""
    return "\n".join(line for line in text.split("\n") if not _ANCHOR_LINE.search(line))


_RUST_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*rust\b.*$")
_HIDDEN = re.compile(r"^(\s*)#(?:\s|$)")


def hide_rust_lines(body: str) -> str:
    """In Rust code blocks, mdBook hides lines starting ``# `` (and shows ``##`` as ``#``):
    the printed book shows what the page shows."""
    if "```" not in body and "~~~" not in body:
        return body
    out: list[str] = []
    fence = ""
    for line in body.split("\n"):
        if fence:
            if line.strip().startswith(fence) and set(line.strip()) == {fence[0]}:
                fence = ""
            elif _HIDDEN.match(line):
                continue
            elif line.lstrip().startswith("##"):
                line = line.replace("##", "#", 1)
        else:
            opened = _RUST_FENCE.match(line)
            if opened:
                fence = opened.group(2)
        out.append(line)
    return "\n".join(out)


_JEKYLL = re.compile(r"\{%-?\s*(include|include_relative)\s+([^\s%]+)(.*?)-?%\}", re.S)
_INCLUDE_PARAM = re.compile(r"\{\{-?\s*include\.([\w-]+)\s*-?\}\}")
_PARAM = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")


def jekyll_includes(
    body: str, page: Path, folders: tuple[Path, ...], report: Report, depth: int = 0
) -> str:
    """The body with ``{% include name k="v" %}`` (from ``_includes``) and
    ``{% include_relative file %}`` replaced by the file, its ``{{ include.k }}`` filled in."""
    if "include" not in body:
        return body
    pieces, done = [], 0
    for match in _JEKYLL.finditer(body):
        line = body.count("\n", 0, match.start())
        pieces.append(body[done : match.start()])
        done = match.end()
        kind, name = match.group(1), match.group(2)
        if kind == "include":
            places = [f / "_includes" / name for f in folders]
        else:
            places = [page.parent / name]
        text, why = None, "does not exist"
        for place in places:
            text, why = read_inside(place, folders)
            if text is not None:
                break
        if text is None or "{{" in name:
            report(line, f"{{% {kind} {name} %}}: '{name}' {why}; not included")
            continue
        params = {m[0]: m[1] or m[2] or m[3] for m in _PARAM.findall(match.group(3))}
        text = _INCLUDE_PARAM.sub(lambda m, given=params: given.get(m.group(1), ""), text)
        if depth < MAX_DEPTH:
            inner = _at_line(report, line)
            text = jekyll_includes(text, places[0], folders, inner, depth + 1)
        pieces.append(text.rstrip("\n"))
    return "".join(pieces) + body[done:]


def _at_line(report: Report, line: int) -> Report:
    """A report that places what an included file's text causes at the include's line."""
    return lambda _, message: report(line, message)
