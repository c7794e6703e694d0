"""publisher: a folder of articles → an EPUB 3 ebook and a print-ready PDF.

Pipeline: ``config`` (publication.toml) → ``load`` (manuscripts → model) → ``render``
(shared Jinja2 templates + CSS) → ``backends`` (EPUB via ebooklib, PDF via WeasyPrint).
"""

from publisher.config import load_config
from publisher.errors import PublisherError
from publisher.load import load_publication
from publisher.options import BuildOptions
from publisher.pipeline import build

__all__ = ["BuildOptions", "PublisherError", "build", "load_config", "load_publication"]
