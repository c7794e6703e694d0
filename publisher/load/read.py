"""One reader per source format: a manuscript's text → an Article.

Markdown in every dialect goes through ``readers/markdown.py``; raw newsroom copy through
``load/newsroom``. Both hand their front matter and body to the shared builder
(``load/article.py``). A new source format is one more entry in READERS.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from publisher.load.article import ArticleContext
from publisher.load.newsroom.plaintext import load_plaintext
from publisher.load.readers.markdown import load_markdown
from publisher.load.readers.text import read_manuscript
from publisher.model import Article

Reader = Callable[[str, Path, ArticleContext], Article]

READERS: dict[str, Reader] = {
    ".md": load_markdown,
    ".markdown": load_markdown,
    ".txt": load_plaintext,
}


def load_article(path: Path, ctx: ArticleContext) -> Article:
    """Read one manuscript with the loader its suffix calls for."""
    text = read_manuscript(path, ctx.root)
    return READERS[path.suffix.lower()](text, path, ctx)
