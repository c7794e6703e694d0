"""A Markdown manuscript (front matter + body) → an Article, rendered as its home tool would.

The dialect (readers/dialects.py) picks the engine: Python-Markdown for publisher's own
front matter and MkDocs, a CommonMark flavour (load/body/commonmark.py) for Hugo, mdBook,
GitHub and bare files, Obsidian, Jekyll (kramdown) and pandoc. The title comes from the
front matter, else a heading, else the project's navigation, else the file name
(readers/titles.py). The language comes from the front matter, else detection
(load/language.py).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from publisher.errors import (
    ManuscriptError,
    Notice,
    SourceLocation,
)
from publisher.load.article import ArticleContext, build_article
from publisher.load.language import article_language, mark_script_runs
from publisher.load.readers import dialects, frontmatter, shortcodes, titles, wikilinks
from publisher.model import Article


def load_markdown(text: str, path: Path, ctx: ArticleContext) -> Article:
    """Parse a Markdown manuscript already read as text, in any dialect dialects.py reads:
    publisher's own front matter, Jekyll, Hugo, pandoc, MkDocs, or none at all."""
    doc = frontmatter.split(text, path, ctx.tool)
    for line in doc.cleaned:
        ctx.warn(ManuscriptError("control characters removed", SourceLocation(path, line)))
    found = dialects.normalise(doc.meta, path, doc.fence)
    meta, origins, body = dict(found.meta), dict(found.origins), doc.body
    if (found.dialect in ("jekyll", "hugo", "pandoc") or ctx.tool) and not body.strip():
        raise Notice(
            "no text after the front matter (a site's listing page?): left out",
            SourceLocation(path, 1),
        )
    if ctx.title:  # the title a project's navigation gives (SUMMARY.md, the mkdocs nav)
        meta["title"], origins["title"] = ctx.title, "title"
    own = found.dialect == "publisher"
    body = _title(meta, origins, body, path, ctx, own, doc.body_line)
    body, leftovers = shortcodes.expand(body, path, ctx, meta)
    for leftover in leftovers:
        line = doc.body_line + leftover.line
        ctx.warn(ManuscriptError(leftover.message, SourceLocation(path, line)))
    stated = meta.pop("markdown", None)
    if (
        stated is not None
        and dialects.HINTS.get(str(stated), str(stated)) not in dialects.ENGINE_NAMES
    ):
        names = ", ".join(dialects.ENGINE_NAMES)
        line = frontmatter.key_line(doc.meta_text, "markdown") or 1
        message = f"'markdown' must name one of {names}, not {str(stated)[:40]!r}: ignored"
        ctx.warn(ManuscriptError(message, SourceLocation(path, line)))
    engine = dialects.engine(found.dialect, ctx.tool, stated)
    if engine == "obsidian":
        body = wikilinks.expand(body, path, ctx.root, _reporter(path, ctx, doc.body_line))
    article = build_article(
        meta,
        body,
        path,
        replace(ctx, dialect=engine),
        doc.meta_text,
        doc.body_line,
        origins,
        found.draft,
        detect_first=True,
    )
    return _language(article, ctx)


def _reporter(path: Path, ctx: ArticleContext, body_line: int):
    """A warning at a line of the body (counted from 0)."""

    def report(line: int, message: str) -> None:
        ctx.warn(ManuscriptError(message, SourceLocation(path, body_line + line)))

    return report


def _title(
    meta: dict, origins: dict, body: str, path: Path, ctx: ArticleContext, own: bool, line: int
) -> str:
    """Set ``meta['title']`` when the front matter has none; return the body without the
    heading that gave it (or that repeats the front matter's title). publisher's own front
    matter must name its title (a missing one is an error, as before)."""
    shared = ctx.book_heading
    if shared and titles.same_title(shared, titles.opening_heading(body) or "\0"):
        message = f"'{shared}' opens most chapters: it is the book's name, not this title"
        ctx.warn(Notice(message, SourceLocation(path, line)))
        body = titles.headings(body)[0].rest
    heading = titles.heading_title(body)
    if "title" not in meta and heading:
        meta["title"], origins["title"] = heading.text, "# heading"
        return heading.rest
    if heading and heading.leading and titles.same_title(meta.get("title"), heading.text):
        return heading.rest  # the title written twice: once is enough
    if "title" in meta or own:
        return body
    if ctx.title:
        meta["title"] = ctx.title
        return body
    stem = path.parent.name if path.stem.lower() in ("index", "readme", "_index") else path.stem
    meta["title"] = titles.readable_name(stem)
    message = f"no title in the file: titled '{meta['title']}' after its name"
    ctx.warn(Notice(message, SourceLocation(path, 1)))
    return body


def _language(article: Article, ctx: ArticleContext) -> Article:
    """The detected language when none is stated and it differs from the book's (with a
    note); runs in another script get their own ``lang``."""
    lang = article.lang
    if not lang:
        found = article_language(article.body, article.notes, ctx.language)
        if found:
            lang = found.lang
            ctx.warn(Notice(f"written in '{lang}' ({found.reason}): marked so", article.origin))
    if article.lang:
        return article  # stated: its runs are marked already (build_article)
    body, notes = mark_script_runs(article.body, article.notes, lang or ctx.language)
    return replace(article, lang=lang, body=body, notes=notes)
