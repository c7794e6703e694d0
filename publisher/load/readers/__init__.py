"""Readers, one per source format or dialect: a manuscript's text → front matter and body.

``markdown.py`` reads Markdown in every dialect (``dialects.py``, ``frontmatter.py``);
raw newsroom copy has its own package, ``load/newsroom``. ``load/read.py`` picks the
reader by suffix.
"""
