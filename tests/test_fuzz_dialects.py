"""Property test: random Markdown in every dialect builds through both backends.

Each example is one small book holding the same random body in every dialect's clothes
(publisher's own front matter, Hugo, Jekyll, pandoc's title block, bare, mdBook, Obsidian,
MkDocs), built as EPUB and PDF. The build must succeed or fail with publisher's own errors
naming a file; an engine's exception (WeasyPrint's included) is a bug. Few, small examples:
each one renders a PDF.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from publisher.errors import PublisherError
from tests.helpers import build_with

PIECES = [
    *("# Heading\n", "## Sub {#sub}\n", "\n", "\n\n", "- a\n", "  - b\n", "    - c\n"),
    *("1. one\n", "   - under\n", "> quoted\n", "```\ncode \n```\n", "~~~~\nx\n~~~~\n"),
    *("*em* ", "**strong** ", "~~gone~~ ", "`code` ", "[link](https://example.com) "),
    *("www.example.org ", "text[^n] ", "[^n]: a note (https://example.com/x). \n", "However, "),
    *("| a | b |\n|---|---|\n| 1 | 2 |\n", "- [x] done\n", "- [ ] open\n", "Term\n: Def\n"),
    *("$x^2$ ", "$$\\frac{a}{b}$$ ", "$\\frac{1}{$ ", "$$\n\\sqrt{2}\n$$\n", "!!! note\n    Hi\n"),
    *("王小明 ", "Ελληνικά ", "مرحبا ", "line end  \n", "\\\n", "\t", "word ", "<!-- c -->\n"),
]
bodies = st.lists(st.sampled_from(PIECES), min_size=1, max_size=12).map("".join)
HEADS = {
    "own.md": "---\ntitle: Own\n---\n",
    "hugo.md": '+++\ntitle = "Hugo"\n+++\n',
    "jekyll.md": "---\nlayout: post\ntitle: Jekyll\n---\n",
    "pandoc.md": "% Pandoc\n\n",
    "bare.md": "",
    "gh.md": "---\ntitle: GitHub\nmarkdown: github\n---\n",
    "book.md": "---\ntitle: mdBook\nmarkdown: mdbook\n---\n",
    "vault.md": "---\ntitle: Obsidian\nmarkdown: obsidian\n---\n",
    "site.md": "---\ntitle: MkDocs\nmarkdown: mkdocs\n---\n",
}


@settings(max_examples=4, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=bodies)
def test_random_markdown_in_every_dialect_builds_or_fails_cleanly(body):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "publication.toml").write_text('title = "Fuzz"\n', encoding="utf-8")
        for name, head in HEADS.items():
            (folder / name).write_text(head + "Opening words.\n\n" + body, encoding="utf-8")
        try:
            result = build_with(folder, ["epub", "pdf"], folder / "out")
        except PublisherError as error:
            problems = getattr(error, "errors", [error])
            assert all(p.location and p.location.path for p in problems), problems
            assert not any("WeasyPrint failed" in p.message for p in problems), problems
            return
        assert len(result.publication.chapters()) == len(HEADS)
        assert {out.path.suffix for out in result.outputs} >= {".epub", ".pdf"}
