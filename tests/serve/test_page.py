"""The preview's contents from a built book with parts: part titles and chapters both lead
to their print pages."""

from __future__ import annotations

import re

import pikepdf

from publisher.serve.page import render_page
from publisher.serve.rebuild import State, contents


def _opener_text(pdf: pikepdf.Pdf, page: int) -> bytes:
    """The raw content of a (1-based) page: enough to tell it is not blank."""
    return pdf.pages[page - 1].obj.Contents.read_bytes()


def test_part_titles_and_chapters_have_their_print_pages(sample_build, sample_pdf):
    pub = sample_build.publication
    entries = contents(pub, sample_pdf)
    parts = [e for e in entries if e.part]
    assert [p.title for p in parts] == [p.title for p in pub.parts if p.title]
    assert len(parts) == 2
    assert all(isinstance(e.page, int) for e in entries), entries
    pages = [e.page for e in entries]
    assert pages == sorted(pages) and len(set(pages)) == len(pages), pages
    with pikepdf.open(sample_pdf) as pdf:
        assert all(0 < page <= len(pdf.pages) for page in pages)
        assert all(_opener_text(pdf, p.page) for p in parts)
    # A part opener comes just before its first article (a recto, a blank verso between).
    for index, entry in enumerate(entries):
        if entry.part:
            following = entries[index + 1]
            assert not following.part and 0 < following.page - entry.page <= 2


def test_the_page_links_part_titles_to_their_print_pages(sample_build, sample_pdf):
    entries = contents(sample_build.publication, sample_pdf)
    state = State(building=False, files={"pdf": sample_pdf.name}, contents=entries, title="T")
    page = render_page(state)
    for part in (e for e in entries if e.part):
        item = re.search(rf'<li class="part">.*?data-slug="{part.slug}".*?</li>', page, re.S)
        assert item, part.slug
        assert f'href="/build/{sample_pdf.name}#page={part.page}"' in item.group(0)


def test_without_a_pdf_entries_have_no_pages(sample_build):
    entries = contents(sample_build.publication, None)
    assert entries and all(e.page is None for e in entries)
    page = render_page(State(building=False, files={"epub": "b.epub"}, contents=entries))
    assert 'class="print"' not in page


def test_page_numbers_are_read_again_only_from_another_file(sample_pdf, tmp_path, monkeypatch):
    from publisher.serve import rebuild

    reads: list = []
    monkeypatch.setattr(rebuild, "first_pages", lambda path: reads.append(path) or {"a": 1})
    served = tmp_path / "book.pdf"
    served.write_bytes(sample_pdf.read_bytes())
    pages = rebuild.PageNumbers()
    assert pages(served) == {"a": 1} and pages(served) == {"a": 1}
    assert len(reads) == 1  # the same file: read once
    fresh = tmp_path / "new.pdf"
    fresh.write_bytes(sample_pdf.read_bytes())
    fresh.replace(served)  # a rebuild moves a new file into place
    pages(served)
    assert len(reads) == 2
    assert pages(tmp_path / "missing.pdf") == {} and len(reads) == 2
