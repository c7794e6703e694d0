"""A Markdown manuscript (YAML front matter + body) → an Article."""

from __future__ import annotations

from pathlib import Path

from publisher.errors import (
    ManuscriptError,
    Notice,
    SourceLocation,
)
from publisher.load.article import ArticleContext, build_article
from publisher.load.readers import dialects, frontmatter, shortcodes, titles
from publisher.model import Article


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
    if ctx.title:  # the title a project's navigation gives (SUMMARY.md, the mkdocs nav)
        meta["title"], origins["title"] = ctx.title, "title"
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
    body, leftovers = shortcodes.expand(body, path, ctx, meta)
    for leftover in leftovers:
        line = doc.body_line + leftover.line
        ctx.warn(ManuscriptError(leftover.message, SourceLocation(path, line)))
    return build_article(meta, body, path, ctx, doc.meta_text, doc.body_line, origins, found.draft)
