"""Front matter + body → an Article: the one builder every reader shares (Markdown, newsroom copy).

``ArticleContext`` is what a reader knows about where an article sits in the book.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import markdown as pymarkdown

from publisher.errors import (
    ManuscriptError,
    PublisherError,
    SourceLocation,
)
from publisher.load.assets.remote import RemoteImages
from publisher.load.assets.snapshots import Snapshots
from publisher.load.body.convert import convert_body
from publisher.load.body.repair import LANGUAGE_TAG, link_problem
from publisher.load.body.typography import smarten
from publisher.load.language import mark_script_runs, stated_direction_problem
from publisher.load.newsroom.dates import parse_dateline
from publisher.load.readers import frontmatter
from publisher.load.readers.dialects import KNOWN_KEYS
from publisher.model import Article, Contributor, Credit, Role, Source
from publisher.xmlutil.chars import forbidden_char_line, strip_forbidden

Warn = Callable[[PublisherError], None]


@dataclass(frozen=True)
class ArticleContext:
    """What the loader knows about where an article sits: folder, slug, how to warn."""

    root: Path
    slug: str
    warn: Warn
    converter: pymarkdown.Markdown | None = None
    language: str | None = None  # the book's language, for loaders that must decide one
    remote: RemoteImages | None = None  # set only with --allow-remote: https images fetched
    site: Path | None = None  # the blog a folder without publication.toml was copied from
    site_url: str | None = None  # ... and its address: links there may be links to posts
    tool: str | None = None  # the home tool of a project (load/projects): whose syntax it is
    title: str | None = None  # the title that tool's navigation gives this page, if any
    # The engine an article's Markdown is rendered with, set by its reader from the tool,
    # the front matter and its ``markdown`` key (load/body/commonmark.py FLAVOURS, or
    # publisher / mkdocs for Python-Markdown).
    dialect: str | None = None
    book_heading: str | None = None  # the heading most chapters open with: the book's name
    source: bytes | None = None  # the manuscript's bytes, when the cache already read them
    snapshots: Snapshots | None = None  # where checked images are copied (assets/snapshots.py)


def build_article(
    meta: dict[str, Any],
    body: str,
    path: Path,
    ctx: ArticleContext,
    meta_text: str = "",
    body_line: int = 1,
    origins: dict[str, str] | None = None,
    draft: bool = False,
    detect_first: bool = False,
) -> Article:
    """Validate metadata and convert the body; shared by the Markdown and plain-text loaders.

    ``origins`` names the key each value was written under in the file (``lastmod`` for
    ``updated``), so that an error points at the right line. With ``detect_first``, runs in
    another script are marked only under a stated language: the reader detects the language
    first (marked runs are left out of detection, and a whole article in another script
    would be nothing but runs)."""
    errors: list[PublisherError] = []

    def where(key: str) -> SourceLocation:
        if not meta_text:
            return SourceLocation(path)
        line = frontmatter.origin_line(meta_text, (origins or {}).get(key, key))
        return SourceLocation(path, line or 1)  # 1: the fence

    def bad(key: str, message: str) -> None:
        errors.append(ManuscriptError(message, where(key)))

    meta = dict(meta)
    for key in [key for key, value in meta.items() if _has_forbidden(value)]:
        ctx.warn(ManuscriptError("control characters removed", where(key)))
        meta[key] = _without_forbidden(meta[key])
    for key in meta:
        if key not in KNOWN_KEYS:
            ctx.warn(ManuscriptError(f"unknown front-matter key '{key}' ignored", where(key)))
    title = _smart(_text(meta, "title", bad, required=True))
    fields = {
        "subtitle": _smart(_text(meta, "subtitle", bad)),
        "short_title": _smart(_text(meta, "short_title", bad)),
        "lang": _language(meta, "lang", bad),
        "summary": _smart(_text(meta, "summary", bad)),
        "published": _date(meta, "date", bad),
        "updated": _date(meta, "updated", bad),
        "tags": tuple(_names(meta, "tags", bad)),
        "source": _source(meta, bad),
        "partners": tuple(_names(meta, "partners", bad)),
        "place": _text(meta, "place", bad),
        "agency": _text(meta, "agency", bad),
        "credits": _credits(meta, bad),
    }
    if "dir" in meta:  # a stated language must agree; the book's is only a default
        problem = stated_direction_problem(meta["dir"], fields["lang"])
        if problem:
            ctx.warn(ManuscriptError(problem, where("dir")))
        else:
            fields["dir"] = meta["dir"]
    fragment = convert_body(body, path, ctx, body_line, errors)
    marked, notes = fragment.body, fragment.notes
    if fields["lang"] or not detect_first:
        marked, notes = mark_script_runs(marked, notes, fields["lang"] or ctx.language)
    if errors:
        from publisher.errors import raise_if_any

        raise_if_any(errors)
    return Article(
        slug=ctx.slug,
        title=title or "",
        origin=SourceLocation(path, 1),
        body=marked,
        notes=notes,
        headings=tuple(fragment.headings),
        images=fragment.images,
        draft=draft,
        **fields,
    )


def _smart(text: str | None) -> str | None:
    return smarten(text) if text else text


def _has_forbidden(value: Any) -> bool:
    """Whether a front-matter value holds a character XML cannot carry, anywhere in it.
    The file itself may hold none: YAML and TOML write them as escapes such as "\\b"."""
    if isinstance(value, str):
        return forbidden_char_line(value) is not None
    if isinstance(value, list):
        return any(_has_forbidden(item) for item in value)
    if isinstance(value, dict):
        return any(_has_forbidden(item) for item in value.values())
    return False


def _without_forbidden(value: Any) -> Any:
    """The value with those characters removed from every string in it."""
    if isinstance(value, str):
        return strip_forbidden(value)
    if isinstance(value, list):
        return [_without_forbidden(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_forbidden(item) for key, item in value.items()}
    return value


def _text(meta: dict, key: str, bad: Callable, required: bool = False) -> str | None:
    value = meta.get(key)
    if value is None:
        if required:
            bad(key, f"missing required front-matter key '{key}'")
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    text = " ".join(strip_forbidden(value).split()) if isinstance(value, str) else ""
    if not text:  # control characters alone are as empty as spaces
        bad(key, f"'{key}' must be a non-empty string")
        return None
    return text


def _language(meta: dict, key: str, bad: Callable) -> str | None:
    """A BCP 47 language tag such as ``en`` or ``pt-BR`` (it ends up in lang attributes)."""
    value = _text(meta, key, bad)
    if value is not None and not LANGUAGE_TAG.fullmatch(value):
        bad(key, f"'{key}' must be a language tag such as 'en' or 'pt-BR', not {value[:40]!r}")
        return None
    return value


def _date(meta: dict, key: str, bad: Callable) -> date | None:
    value = meta.get(key)
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            written = parse_dateline(value)  # "June 14, 2019", "14 June 2019"
            if written and written.published and not written.ambiguous and not written.updated:
                return written.published
    bad(key, f"'{key}' must be a date written YYYY-MM-DD, not {value!r}")
    return None


def _names(meta: dict, key: str, bad: Callable) -> list[str]:
    value = meta.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        bad(key, f"'{key}' must be a list of names")
        return []
    return [" ".join(v.split()) for v in value]


def _credits(meta: dict, bad: Callable) -> tuple[Credit, ...]:
    credits = [Credit(Contributor(n), Role.AUTHOR) for n in _names(meta, "authors", bad)]
    credits += [Credit(Contributor(n), Role.TRANSLATOR) for n in _names(meta, "translators", bad)]
    raw = meta.get("contributors") or []
    if not isinstance(raw, list):
        bad("contributors", "'contributors' must be a list of {name, role} mappings")
        return tuple(credits)
    for item in raw:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            bad("contributors", "each contributor must be a mapping with 'name' and 'role'")
            continue
        try:
            role = Role.parse(str(item.get("role", "ctb")))
        except ValueError as exc:
            bad("contributors", f"contributor '{item['name']}': {exc}")
            continue
        note = item.get("note") if isinstance(item.get("note"), str) else None
        sort = item.get("file_as")
        sort = " ".join(sort.split()) if isinstance(sort, str) and sort.strip() else None
        person = Contributor(" ".join(item["name"].split()), sort)
        credits.append(Credit(person, role, note))
    return tuple(credits)


def _source(meta: dict, bad: Callable) -> Source | None:
    raw = meta.get("source")
    if raw is None:
        return None
    if isinstance(raw, str) and raw.strip():
        return Source(name=raw.strip())
    named = isinstance(raw, dict) and isinstance(raw.get("name"), str)
    if not named and not (isinstance(raw, dict) and set(raw) == {"language"}):
        bad("source", "'source' must be a name or a mapping {name, url, language, date}")
        return None
    unknown = set(raw) - {"name", "url", "language", "date"}
    if unknown:
        bad("source", f"unknown key 'source.{sorted(unknown)[0]}'")
    url = raw.get("url")
    if url is not None:
        web = isinstance(url, str) and url.strip().lower().startswith(("http://", "https://"))
        problem, url = link_problem(url) if web else ("not a web address", None)
        if problem:
            bad("source", "'source.url' must be an http(s) address")
            url = None
    language = _language(raw, "language", lambda k, m: bad("source", f"source: {m}"))
    return Source(
        name=raw["name"].strip() if named else None,  # {language: zh}: only the original's
        url=url,
        language=language,
        published=_date(raw, "date", lambda k, m: bad("source", f"source: {m}")),
    )
