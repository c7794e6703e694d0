"""Links between chapters in the EPUB, where every chapter is a file of its own.

In the model a link to another article is ``#<id>`` (load/book/links.py): right for the PDF,
which is one document. In the EPUB the id lives in another file, so the link must name it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from publisher.anchors import FRAGMENT_HREF, ids_in
from publisher.model import Chapter, Publication


def epub_cross_links(pub: Publication, file_of: Callable[[Chapter], str]) -> Publication:
    """The publication with links to other chapters pointing at their files."""
    owner: dict[str, str] = {}
    for chapter in pub.chapters():
        for anchor in (chapter.slug, *ids_in(chapter.article.body_html)):
            owner.setdefault(anchor, file_of(chapter))

    def fix(chapter: Chapter) -> Chapter:
        here = file_of(chapter)

        def href(match: re.Match) -> str:
            target = owner.get(match.group(1), here)
            return match.group(0) if target == here else f' href="{target}#{match.group(1)}"'

        body = FRAGMENT_HREF.sub(href, chapter.article.body_html)
        if body == chapter.article.body_html:
            return chapter
        return replace(chapter, article=replace(chapter.article, body_html=body))

    parts = tuple(replace(p, chapters=tuple(fix(ch) for ch in p.chapters)) for p in pub.parts)
    return replace(pub, parts=parts)
