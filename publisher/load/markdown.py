"""A Markdown manuscript (YAML front matter + body) → an Article."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import markdown as pymarkdown

from publisher.errors import (
    AssetError,
    ManuscriptError,
    Notice,
    PublisherError,
    SourceLocation,
)
from publisher.load import dialects, frontmatter, shortcodes, titles
from publisher.load.assets import resolve_image
from publisher.load.dates import parse_dateline
from publisher.load.dialects import KNOWN_KEYS
from publisher.load.limits import CONVERT_SECONDS, ConversionTimeout, check_markdown, deadline
from publisher.load.links import manuscript_link
from publisher.load.locate import SourceIndex
from publisher.load.remote import RemoteImages
from publisher.load.repair import LANGUAGE_TAG, link_problem
from publisher.load.typography import smarten
from publisher.load.xhtml import Fragment, convert_markdown, html_to_xhtml
from publisher.model import Article, Asset, Contributor, Credit, Role, Source
from publisher.xmlchars import forbidden_char_line, strip_forbidden

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


def load_markdown(text: str, path: Path, ctx: ArticleContext) -> Article:
    """Parse a Markdown manuscript already read as text, in any dialect dialects.py reads:
    publisher's own front matter, Jekyll, Hugo, pandoc, or none at all."""
    doc = frontmatter.split(text, path)
    found = dialects.normalise(doc.meta, path, doc.fence)
    meta, origins, body = dict(found.meta), dict(found.origins), doc.body
    if found.dialect in ("jekyll", "hugo", "pandoc") and not body.strip():
        raise Notice(
            "no text after the front matter (a site's listing page?): left out",
            SourceLocation(path, 1),
        )
    heading = titles.heading_title(body)
    if "title" not in meta and heading:
        meta["title"], origins["title"], body = heading.text, "# heading", heading.rest
    elif heading and heading.leading and titles.same_title(meta.get("title"), heading.text):
        body = heading.rest  # the title written twice: once is enough
    elif "title" not in meta and doc.fence is None:
        raise ManuscriptError(
            "no title: start the file with a '# Title' heading, or add front matter with a 'title'",
            SourceLocation(path, 1),
        )
    body, leftovers = shortcodes.expand(body)
    for leftover in leftovers:
        line = doc.body_line + leftover.line
        ctx.warn(ManuscriptError(leftover.message, SourceLocation(path, line)))
    return build_article(meta, body, path, ctx, doc.meta_text, doc.body_line, origins, found.draft)


def build_article(
    meta: dict[str, Any],
    body: str,
    path: Path,
    ctx: ArticleContext,
    meta_text: str = "",
    body_line: int = 1,
    origins: dict[str, str] | None = None,
    draft: bool = False,
) -> Article:
    """Validate metadata and convert the body; shared by the Markdown and plain-text loaders.

    ``origins`` names the key each value was written under in the file (``lastmod`` for
    ``updated``), so that an error points at the right line."""
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
        "credits": _credits(meta, bad),
    }
    body_html, headings, images, notes = _body(body, path, ctx, body_line, errors)
    if errors:
        from publisher.errors import raise_if_any

        raise_if_any(errors)
    return Article(
        slug=ctx.slug,
        title=title or "",
        origin=SourceLocation(path, 1),
        body_html=body_html,
        headings=headings,
        images=images,
        footnote_count=notes,
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
        credits.append(Credit(Contributor(" ".join(item["name"].split())), role, note))
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


def _body(
    body: str, path: Path, ctx: ArticleContext, body_line: int, errors: list[PublisherError]
) -> tuple[str, tuple, tuple[Asset, ...], int]:
    bad_line = forbidden_char_line(body)
    if bad_line:
        ctx.warn(
            ManuscriptError(
                "control characters removed", SourceLocation(path, body_line + bad_line - 1)
            )
        )
        body = strip_forbidden(body)
    if not body.strip():
        ctx.warn(ManuscriptError("the article has no text", SourceLocation(path, body_line)))
    try:
        check_markdown(body, path, body_line)
        raw_html = _convert(body, path, body_line, ctx.converter)
    except ManuscriptError as exc:
        errors.append(exc)
        return "", (), (), 0
    images: list[Asset] = []

    def image(src: str, alt: str | None) -> str:
        where = SourceLocation(path, _line_of(body, src, body_line))
        if not alt or not alt.strip():
            ctx.warn(ManuscriptError(f"image '{src}' has no alt text", where))
        try:
            asset = resolve_image(
                src, path.parent, ctx.root, where, alt=alt, remote=ctx.remote, site=ctx.site
            )
        except AssetError as exc:
            errors.append(exc)
            return ""
        images.append(asset)
        return asset.href

    def link(href: str) -> str | None:
        return manuscript_link(href, path, ctx.root, ctx.site_url)

    fragment = html_to_xhtml(raw_html, ctx.slug, image, link)
    if fragment.findings:
        _report(fragment, SourceIndex(body, body_line), path, ctx.warn, errors)
    return fragment.html, tuple(fragment.headings), tuple(images), fragment.footnotes


def _convert(body: str, path: Path, body_line: int, converter: Any) -> str:
    """Run Python-Markdown within CONVERT_SECONDS; its own failures become clear errors."""
    try:
        with deadline(CONVERT_SECONDS):
            return convert_markdown(body, converter)
    except ConversionTimeout:
        message = (
            f"converting the body took more than {CONVERT_SECONDS} s; "
            "simplify its markup or split the article"
        )
    except RecursionError:
        message = "the body is nested too deeply to convert"
    raise ManuscriptError(message, SourceLocation(path, body_line))


def _report(fragment: Fragment, index: SourceIndex, path: Path, warn: Warn, errors: list) -> None:
    """Each finding once, as an error or a warning naming the line it came from."""
    seen: set[tuple[str, int | None]] = set()
    for finding in fragment.findings:
        line = index.line(finding.needle)
        if (finding.message, line) in seen:
            continue
        seen.add((finding.message, line))
        problem = ManuscriptError(finding.message, SourceLocation(path, line))
        if finding.error:
            errors.append(problem)
        else:
            warn(problem)


def _line_of(body: str, needle: str, body_line: int) -> int | None:
    index = body.find(needle) if needle else -1
    return body_line + body.count("\n", 0, index) if index >= 0 else None
