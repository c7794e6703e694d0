"""An article body's Markdown → its XHTML, within the limits, with every problem on its line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from publisher.errors import (
    AssetError,
    ManuscriptError,
    PublisherError,
    SourceLocation,
)
from publisher.load.assets.resolve import resolve_image
from publisher.load.body.locate import SourceIndex
from publisher.load.body.xhtml import Fragment, convert_markdown, html_to_xhtml
from publisher.load.book.links import manuscript_link
from publisher.load.limits import CONVERT_SECONDS, ConversionTimeout, check_markdown, deadline
from publisher.model import Asset
from publisher.xmlutil.chars import forbidden_char_line, strip_forbidden

if TYPE_CHECKING:
    from publisher.load.article import ArticleContext

Warn = Callable[[PublisherError], None]


def convert_body(
    body: str, path: Path, ctx: ArticleContext, body_line: int, errors: list[PublisherError]
) -> Fragment:
    """The body's Markdown → its nodes, notes, headings and images (``Fragment``); problems
    go to ``errors`` (fatal) or ``ctx.warn``, each naming its line."""
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
        raw_html = _convert(body, path, body_line, ctx.converter, ctx.dialect)
    except ManuscriptError as exc:
        errors.append(exc)
        return Fragment()
    images: list[Asset] = []
    written = SourceIndex(body, body_line)

    def image(src: str, alt: str | None) -> str:
        where = SourceLocation(path, _image_line(written, src, alt))
        if not alt or not alt.strip():
            ctx.warn(ManuscriptError(f"image '{src}' has no alt text", where))
        try:
            asset = resolve_image(
                src,
                path.parent,
                ctx.root,
                where,
                alt=alt,
                remote=ctx.remote,
                site=ctx.site,
                snapshots=ctx.snapshots,
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
    fragment.images = tuple(images)
    return fragment


def _convert(body: str, path: Path, body_line: int, converter: Any, dialect: str | None) -> str:
    """Run the dialect's engine within CONVERT_SECONDS; its failures become clear errors."""
    try:
        with deadline(CONVERT_SECONDS):
            return convert_markdown(body, converter, dialect)
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


def _image_line(written: SourceIndex, src: str, alt: str | None) -> int | None:
    """The line of an image: its ``![alt`` (the image, not a link or a reference definition
    to the same address), else its address; the same image twice takes the next one."""
    found = written.line(f"![{alt.strip()}") if alt and alt.strip() else None
    return found or written.reference_line(src)  # src="x", not the word x
