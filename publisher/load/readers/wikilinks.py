"""Obsidian's wiki links and embeds, as Obsidian shows them, in Markdown the engine reads.

Obsidian finds a file by its name anywhere in the vault (``[[Note]]``, ``![[photo.png]]``),
so each target is looked up by name (or by the end of its path) among the vault's files:

- ``![[photo.png]]``, ``![[photo.png|caption]]``, ``![[photo.png|300]]`` (a width) → the image;
- ``[[Note]]``, ``[[Note|shown text]]``, ``[[Note#Heading]]``, ``[[#Heading]]`` → a link to that
  article (and heading), which the book's link pass resolves like any other;
- ``![alt](photo.png#class)``, a Markdown image named by a bare file name that is not beside
  the note → the vault's file of that name (the ``#…`` Obsidian Publish reads is dropped);
- ``![[Note]]`` (a note embedded in another) → a link to that note, with a warning;
- a target the vault does not hold, or a file a book cannot show (a PDF, a video) → its
  name as text, with a warning. Nothing inside code changes.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from publisher.load.body.locate import mask_code

Report = Callable[[int, str], None]
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".bmp")
_WIKI = re.compile(r"(!?)\[\[([^\[\]\n|#^]*)((?:#[^\[\]\n|]*)?)(?:\|([^\[\]\n]*))?\]\]")
_IMAGE = re.compile(
    r"""(!\[[^\]\n]*\])\(\s*<?([^\s<>()]+)>?((?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*)\)"""
)
_SIZE = re.compile(r"^\s*\d+(?:\s*x\s*\d+)?\s*$")
_SKIPPED = {".git", ".obsidian", ".trash", "node_modules"}


def expand(body: str, path: Path, root: Path, report: Report) -> str:
    """The body with every wiki link and embed outside code written as Markdown, and
    Markdown images named by a bare file name found where Obsidian finds them."""
    if "[[" in body:
        body = _outside_code(body, _WIKI, lambda m, line: _written(m, path, root, line, report))
    if "](" in body:
        body = _outside_code(body, _IMAGE, lambda m, line: _by_name(m, path, root))
    return body


def _outside_code(body: str, pattern: re.Pattern, write: Callable[[re.Match, int], str]) -> str:
    masked = mask_code(body)
    pieces, done = [], 0
    for match in pattern.finditer(masked):
        original = pattern.match(body, match.start())
        if original is None or original.end() != match.end():
            continue
        line = masked.count("\n", 0, match.start())
        pieces += [body[done : match.start()], write(original, line)]
        done = match.end()
    return "".join(pieces) + body[done:]


def _by_name(match: re.Match, path: Path, root: Path) -> str:
    """``![alt](photo.png)`` with no such file beside the note: the vault's ``photo.png``."""
    address = match.group(2)
    local = unquote(address.split("#")[0].split("?")[0])
    if not local or re.match(r"[a-z][\w+.-]*:|/", local, re.I) or (path.parent / local).exists():
        return match.group(0)
    target = find(root, local)
    if target is None:
        return match.group(0)  # the resolver says it does not exist
    return f"{match.group(1)}(<{_relative(target, path)}>{match.group(3)})"


def _written(match: re.Match, path: Path, root: Path, line: int, report: Report) -> str:
    embed, name, fragment, shown = match.group(1), match.group(2).strip(), match.group(3), None
    shown = (match.group(4) or "").strip() or None
    heading = fragment[1:].strip() if fragment and not fragment.startswith("#^") else ""
    if not name:  # [[#Heading]]: this note's own heading
        text = shown or heading
        return f"[{_escape(text)}](#{_anchor(heading)})" if heading else _escape(text)
    target = find(root, name)
    if embed and name.lower().endswith(IMAGE_SUFFIXES):
        alt = shown if shown and not _SIZE.match(shown) else Path(name).stem
        address = _relative(target, path) if target else name
        return f"![{_escape(alt)}](<{address}>)"  # a missing image is the resolver's error
    text = shown or (f"{Path(name).name} > {heading}" if heading else Path(name).name)
    if target is None or target.suffix.lower() not in (".md", ".markdown"):
        why = "no such note in the vault" if target is None else "a book cannot show that file"
        report(line, f"link to '{match.group(0)}' printed as its text: {why}")
        return _escape(text)
    if embed:
        report(line, f"embedded note '{name}' printed as a link to it")
    address = _relative(target, path) + (f"#{_anchor(heading)}" if heading else "")
    return f"[{_escape(text)}](<{address}>)"


def find(root: Path, name: str) -> Path | None:
    """The vault file ``name`` (with or without ``.md``, or the end of a path) names."""
    root = root.resolve()
    files = _vault(root, root.stat().st_mtime_ns)  # a file added at the top: looked again
    key = name.strip("/").lower()
    for candidate in (key, f"{key}.md"):
        found = files.get(Path(candidate).name)
        if found:
            exact = [f for f in found if f.as_posix().lower().endswith(candidate)]
            return (exact or found)[0]
    return None


@lru_cache(maxsize=8)
def _vault(root: Path, stamp: int) -> dict[str, list[Path]]:
    """File name (lower case) → the vault's files of that name, shortest path first."""
    files: dict[str, list[Path]] = {}
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(s for s in subfolders if s not in _SKIPPED)
        for name in names:
            files.setdefault(name.lower(), []).append(Path(folder, name))
    for found in files.values():
        found.sort(key=lambda f: (len(f.parts), f.as_posix()))
    return files


def _relative(target: Path, path: Path) -> str:
    return Path(os.path.relpath(target, path.resolve().parent)).as_posix()


def _anchor(heading: str) -> str:
    from markdown.extensions.toc import slugify_unicode

    return slugify_unicode(heading, "-") or "section"


def _escape(text: str) -> str:
    return re.sub(r"([\\\[\]*_`<>])", r"\\\1", text)
