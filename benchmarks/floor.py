"""The 'bare floor': the least work the same libraries can do on a corpus.

    python benchmarks/floor.py epub|pdf CORPUS_DIR OUT_FILE

EPUB: Python-Markdown + ebooklib, one chapter per article, nothing else.
PDF: Python-Markdown + one WeasyPrint render of all articles with minimal CSS.
It is the reference publisher's own times are compared with (see bench.py).
"""

from __future__ import annotations

import sys
from pathlib import Path

import markdown
import yaml


def articles(corpus: Path) -> list[tuple[str, str]]:
    """(title, HTML body) of every article, in file-name order."""
    md = markdown.Markdown(extensions=["footnotes", "tables", "smarty"])
    found = []
    for path in sorted(corpus.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.load(front, Loader=yaml.CSafeLoader)
        md.reset()
        found.append((meta["title"], md.convert(body)))
    return found


def floor_epub(corpus: Path, out: Path) -> None:
    """A minimal EPUB of the corpus with ebooklib."""
    from ebooklib import epub

    book = epub.EpubBook()
    book.set_identifier("urn:uuid:00000000-0000-4000-8000-000000000001")
    book.set_title("Floor")
    book.set_language("en")
    chapters = []
    for number, (title, html) in enumerate(articles(corpus), 1):
        chapter = epub.EpubHtml(title=title, file_name=f"c{number}.xhtml", lang="en")
        chapter.content = f"<h1>{title}</h1>{html}"
        book.add_item(chapter)
        chapters.append(chapter)
    book.toc = chapters
    book.spine = ["nav", *chapters]
    book.add_item(epub.EpubNcx())
    book.add_item(epub.EpubNav())
    epub.write_epub(str(out), book)


def floor_pdf(corpus: Path, out: Path) -> None:
    """One WeasyPrint render of every article, A5 pages, a page break per article."""
    import weasyprint

    body = "".join(
        f'<section style="break-before: page"><h1>{t}</h1>{h}</section>'
        for t, h in articles(corpus)
    )
    css = "@page { size: A5; margin: 2cm } body { font-family: serif; font-size: 10pt }"
    html = f"<html lang='en'><head><style>{css}</style></head><body>{body}</body></html>"
    weasyprint.HTML(string=html).write_pdf(out)


if __name__ == "__main__":
    kind, corpus_dir, target = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    (floor_epub if kind == "epub" else floor_pdf)(corpus_dir, target)
