"""What a serve session keeps in memory between builds, so a rebuild redoes only what changed.

- ``MemoryCache``: loaded articles, keyed exactly like the disk cache (publisher/cache.py:
  the manuscript's bytes, its place in the book, the loader's code), in front of it. An
  edited article has a new key, so it alone is loaded again.
- ``RenderMemo``: rendered pages, keyed by the template and every value of the context the
  template (with what it extends and includes) actually reads. A template that reads the
  whole publication is never remembered, since any article could change it; but within it
  the costly pure filters are (``hyphenate``: an article's soft hyphens, two thirds of the
  time the print document of a 1,000-article book takes to render), by their arguments.

Both forget, after each build, whatever that build did not use: memory stays flat however
many times the book is rebuilt.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import meta as jinja_meta

from publisher.cache import ArticleCache, Entry
from publisher.model import Metadata
from publisher.render.theme import Theme

# Context values too large (or changing too often) to key a page by: a template reading
# one of them is rendered afresh every time.
UNKEYED = frozenset({"pub", "has_parts", "landmarks"})
# Read by the theme's filters (``names``, ``longdate``…) without the template naming it.
ALWAYS_READ = frozenset({"t"})
# Theme filters that are pure functions of their arguments and cost much per call: their
# results are remembered by a digest of the arguments (render/hyphenate.py).
REMEMBERED_FILTERS = ("hyphenate",)


class MemoryCache(ArticleCache):
    """The article cache of a serve session: this process's memory, then the disk cache."""

    def __init__(self, disk: bool) -> None:
        super().__init__()
        self.disk = disk
        self.entries: dict[str, Entry] = {}
        self.used: set[str] = set()

    def get(self, key: str) -> Entry | None:
        """The entry in memory, else on disk (when the disk cache is on), else None."""
        entry = self.entries.get(key)
        if entry is None and self.disk:
            entry = super().get(key)
            self.hits -= entry is not None  # counted once, below
            self.misses -= entry is None
        if entry is None:
            self.misses += 1
            return None
        self.hits += 1
        self.entries[key] = entry
        self.used.add(key)
        return entry

    def put(self, key: str, entry: Entry) -> None:
        """Keep a freshly loaded article in memory (and on disk when that cache is on)."""
        self.entries[key] = entry
        self.used.add(key)
        if self.disk:
            super().put(key, entry)

    def sweep(self) -> None:
        """Forget the articles the last build did not use (edited or deleted since)."""
        self.entries = {key: self.entries[key] for key in self.used if key in self.entries}
        self.used = set()
        self.hits = self.misses = 0


@dataclass
class RenderMemo:
    """Rendered pages of earlier builds, and which context names each template reads."""

    pages: dict[tuple, str]
    used: set[tuple]
    reads: dict[str, frozenset[str] | None]
    # id → (value, its fingerprint) for unhashable values (a dict of chapter files, say),
    # so one passed to every page is written out once a round; the value is held, so its
    # id is not reused within the round.
    fingerprints: dict[int, tuple[object, object]] = field(default_factory=dict)
    filtered: dict[bytes, object] = field(default_factory=dict)  # digest → filter's result
    filtered_used: set[bytes] = field(default_factory=set)

    @classmethod
    def empty(cls) -> RenderMemo:
        """A memo that remembers nothing yet."""
        return cls({}, set(), {})

    def fingerprint(self, value: object) -> object:
        """``value`` itself when hashable, else a hashable stand-in (None: cannot key)."""
        try:
            hash(value)
            return value
        except TypeError:
            pass
        known = self.fingerprints.get(id(value))
        if known is not None and known[0] is value:
            return known[1]
        text = repr(value)
        stand_in = None if " at 0x" in text else (type(value).__qualname__, text)
        self.fingerprints[id(value)] = (value, stand_in)
        return stand_in

    def wrap(self, theme: Theme) -> Theme:
        """``theme``, rendering through this memo (its environment's REMEMBERED_FILTERS too:
        the environment is this build's own, made by load_theme)."""
        filters = theme.env.filters
        for name in REMEMBERED_FILTERS:
            if name in filters and not isinstance(filters[name], RememberedFilter):
                filters[name] = RememberedFilter(name, filters[name], self)
        return MemoTheme(env=theme.env, folders=theme.folders, fonts=theme.fonts, memo=self)

    def forget_templates(self) -> None:
        """The theme changed: every remembered page may be wrong."""
        self.pages.clear()
        self.reads.clear()
        self.filtered.clear()

    def sweep(self) -> None:
        """Forget the pages and filter results the last build did not use."""
        self.pages = {key: self.pages[key] for key in self.used if key in self.pages}
        self.used = set()
        self.fingerprints = {}
        kept = self.filtered_used
        self.filtered = {key: self.filtered[key] for key in kept if key in self.filtered}
        self.filtered_used = set()


@dataclass(frozen=True)
class RememberedFilter:
    """A pure theme filter whose results a RenderMemo keeps, by a digest of its arguments
    (text as its UTF-8 bytes, anything else by repr): an unchanged article's body is not
    hyphenated again."""

    name: str
    function: Callable[..., object]
    memo: RenderMemo

    def __call__(self, *args: object, **keywords: object) -> object:
        """The result for these arguments: remembered, or computed and remembered."""
        digest = hashlib.sha256(self.name.encode())
        for value in (*args, *sorted(keywords.items())):
            text = value if isinstance(value, str) else repr(value)
            digest.update(f"\0{type(value).__qualname__}\0{len(text)}\0".encode())
            digest.update(text.encode("utf-8", "surrogatepass"))
        key = digest.digest()
        self.memo.filtered_used.add(key)
        if key not in self.memo.filtered:
            self.memo.filtered[key] = self.function(*args, **keywords)
        return self.memo.filtered[key]


@dataclass(frozen=True)
class MemoTheme(Theme):
    """A Theme whose renders are remembered when their context allows (see RenderMemo)."""

    memo: RenderMemo | None = None

    def render(self, name: str, **context: Any) -> str:
        """The page from the memo when the values it reads are unchanged, else rendered."""
        memo = self.memo
        if memo is None:
            return super().render(name, **context)
        if name not in memo.reads:
            memo.reads[name] = template_reads(self.env, name)
        reads = memo.reads[name]
        key = _key(name, reads, context, memo) if reads is not None else None
        if key is None:
            return super().render(name, **context)
        memo.used.add(key)
        page = memo.pages.get(key)
        if page is None:
            page = memo.pages[key] = super().render(name, **context)
        return page


def template_reads(env: jinja2.Environment, name: str) -> frozenset[str] | None:
    """The context names a template and everything it extends or includes read; None when
    that cannot be known (a template named by a variable) or one of them is UNKEYED."""
    names: set[str] = set()
    seen: set[str] = set()
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        try:
            source = env.loader.get_source(env, current)[0] if env.loader else ""
            tree = env.parse(source)
        except jinja2.TemplateError:
            return None
        for referenced in jinja_meta.find_referenced_templates(tree):
            if referenced is None:
                return None
            todo.append(referenced)
        names |= jinja_meta.find_undeclared_variables(tree)
    names -= set(env.globals)
    return None if names & UNKEYED else frozenset(names | ALWAYS_READ)


def _key(
    name: str, reads: frozenset[str], context: dict[str, Any], memo: RenderMemo
) -> tuple | None:
    parts: list[object] = [name]
    for variable in sorted(reads):
        value = memo.fingerprint(_as_page_sees_it(context.get(variable, _Missing)))
        if value is None and variable in context and context[variable] is not None:
            return None  # an identity, not a value (``<object at 0x…>``): cannot key a page
        parts.append((variable, value))
    return tuple(parts)


def _as_page_sees_it(value: object) -> object:
    """A page names a file by its ``href``; where the file sits on disk is no part of it.
    (The EPUB backend draws a generated cover into a new scratch folder on every build.)"""
    if isinstance(value, Metadata) and value.cover is not None:
        return replace(value, cover=replace(value.cover, source=Path()))
    return value


class _Missing:
    """Stands for a context name the caller did not pass."""
