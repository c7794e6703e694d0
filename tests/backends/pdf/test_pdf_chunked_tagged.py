"""Chunked rendering of a tagged book: the sample (PDF/UA-1, two parts, a table, a figure)
rendered in chunks and merged must carry the structure tree its single render carries.

The single render is the session's ``sample_pdf``; the chunked one is built once here, in
chunks of two articles. WeasyPrint tags margin boxes (running heads, folios) as elements
that hang off the Document without being among its kids; the merged book stamps its folios
as pagination artifacts instead, so only the running heads stay outside the tree.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

import pikepdf
import pytest

from publisher.backends.pdf.chunks import MERGED_VARIANTS, build_chunked, why_single
from publisher.backends.pdf.merge import Piece, merge
from publisher.check import check_file
from publisher.render.theme import load_theme
from tests.backends.pdf.test_pdf_chunked import _links, _outline, _texts
from tests.conftest import SAMPLE

CHUNK = 2  # articles per body chunk: the sample's eight articles make four body chunks
CHUNKED_STARTS: list = []  # where each page of the chunked render begins (its page map)


@pytest.fixture(scope="session")
def tagged_chunked(sample_build, tmp_path_factory) -> Path:
    """The sample rendered in chunks of two articles on two processes, then merged."""
    target = tmp_path_factory.mktemp("tagged-chunks") / "chunked.pdf"
    said: list[str] = []
    theme = load_theme(SAMPLE)
    pub, settings = sample_build.publication, sample_build.config.pdf
    CHUNKED_STARTS[:] = build_chunked(
        pub, theme, settings, target, 2, said.append, chunk_chapters=CHUNK
    )
    assert any("chunk 4/4 done" in line for line in said)
    return target


def test_the_chunked_page_map_is_the_single_renders(tagged_chunked, sample_build, tmp_path):
    """The EPUB's page-list is the same whether the print edition was rendered in one go
    or in chunks (each chunk reads its own pages; the merge numbers them)."""
    from publisher.backends import pdf
    from publisher.options import BuildOptions
    from publisher.render.pagemap import numbered

    pub, settings = sample_build.publication, sample_build.config.pdf
    single = pdf.build(pub, load_theme(SAMPLE), tmp_path, BuildOptions(jobs=1), settings)
    assert single.page_map is not None and len(single.page_map.pages) == single.pages
    assert numbered(CHUNKED_STARTS) == single.page_map


@dataclass
class Tagged:
    """What a tagged PDF's structure tree says, read from the root down."""

    types: list[str] = field(default_factory=list)  # /S of each element, document order
    problems: list[str] = field(default_factory=list)
    marks: Counter = field(default_factory=Counter)  # (page, MCID) → times the tree names it
    objects: dict = field(default_factory=dict)  # annotation → element naming it (OBJR)
    reached: set = field(default_factory=set)  # elements reached from the root
    elements: list = field(default_factory=list)


def _kids(element: pikepdf.Object) -> list:
    kids = element.get("/K", [])
    return list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _read(pdf: pikepdf.Pdf) -> Tagged:
    pages = {page.obj.objgen: n for n, page in enumerate(pdf.pages)}
    found = Tagged()

    def visit(element: pikepdf.Dictionary, parent: pikepdf.Object) -> None:
        found.types.append(str(element.S))
        found.elements.append(element)
        found.reached.add(element.objgen)
        if element.P.objgen != parent.objgen:
            found.problems.append(f"{element.S}: /P is not its parent")
        page = element.get("/Pg")
        if page is not None and page.objgen not in pages:
            found.problems.append(f"{element.S}: /Pg is not a page of the book")
        for kid in _kids(element):
            if isinstance(kid, int):
                found.marks[(pages.get(page.objgen), kid)] += 1
            elif kid.get("/Type") == "/OBJR":
                found.objects[kid.Obj.objgen] = element.objgen
            elif kid.get("/Type") == "/MCR":
                found.marks[(pages[kid.Pg.objgen], int(kid.MCID))] += 1
            else:
                visit(kid, element)

    root = pdf.Root.StructTreeRoot
    for top in _kids(root):
        visit(top, root)
    return found


def _parent_tree(pdf: pikepdf.Pdf) -> tuple[list[int], dict[int, pikepdf.Object]]:
    nums = list(pdf.Root.StructTreeRoot.ParentTree.Nums)
    keys = [int(key) for key in nums[::2]]
    return keys, dict(zip(keys, nums[1::2], strict=True))


def _marked(stream: pikepdf.Object) -> list[int]:
    """The MCIDs a content stream marks, in order."""
    return [
        int(operands[1].MCID)
        for operands, operator in pikepdf.parse_content_stream(stream)
        if str(operator) == "BDC"
        and isinstance(operands[1], pikepdf.Dictionary)
        and "/MCID" in operands[1]
    ]


@dataclass
class Both:
    """The single render (``one``, its tree ``single``) and the chunked one (``many``,
    ``chunked``), open."""

    one: pikepdf.Pdf
    single: Tagged
    many: pikepdf.Pdf
    chunked: Tagged


@pytest.fixture(scope="module")
def both(sample_pdf, tagged_chunked):
    """The single and the chunked render, open, with their trees read."""
    with pikepdf.open(sample_pdf) as one, pikepdf.open(tagged_chunked) as many:
        yield Both(one, _read(one), many, _read(many))


def test_every_tagged_variant_is_chunked(sample_build) -> None:
    pub, theme = sample_build.publication, load_theme(SAMPLE)
    settings = sample_build.config.pdf
    for variant in ("pdf/ua-1", "pdf/a-2b", "pdf/a-3b", "pdf/x-4"):
        assert variant in MERGED_VARIANTS
        tagged = replace(settings, variant=variant)
        assert why_single(pub, theme, tagged, 2, 2) is None, variant
    unknown = replace(settings, variant="pdf/ua-2")  # PDF 2.0 namespaces
    assert "not merged" in why_single(pub, theme, unknown, 2, 2)


def test_one_document_with_the_elements_of_one_render(both) -> None:
    root = both.many.Root.StructTreeRoot
    assert [str(kid.S) for kid in _kids(root)] == ["/Document"]
    # the ferry map (article 2) and the tidal pilot's table (article 3) are in the book
    assert both.single.types.count("/Figure") == 1 and both.single.types.count("/Table") == 1
    # the anchor stubs and padding of the chunks would show up here as extra empty Divs
    assert both.chunked.types == both.single.types
    assert both.chunked.problems == both.single.problems == []


def test_every_page_maps_its_marked_content(both) -> None:
    entries = _parent_tree(both.many)[1]
    for number, page in enumerate(both.many.pages):
        assert page.obj.StructParents == number  # as one render numbers them
        entry = entries[number]
        marked = _marked(page)
        assert len(entry) == len(marked), f"page {number + 1}"
        for mcid in marked:
            element = entry[mcid]
            assert mcid in [k for k in _kids(element) if isinstance(k, int)]
            assert element.Pg.objgen == page.obj.objgen
            assert _top(element).objgen == both.many.Root.StructTreeRoot.objgen


def _top(element: pikepdf.Object) -> pikepdf.Object:
    """Where an element's chain of /P ends (the root, unless one dangles)."""
    while "/P" in element:
        element = element.P
    return element


def test_the_tree_names_each_marked_content_once(both) -> None:
    content = {(n, mcid) for n, page in enumerate(both.many.pages) for mcid in _marked(page)}
    assert set(both.chunked.marks) <= content
    assert set(both.chunked.marks.values()) == {1}


def test_no_marked_content_stays_outside_the_tree(both) -> None:
    """Running heads and folios are pagination artifacts in one render and in the merged
    book alike (backends/pdf/tagging.py): every marked-content id is in the tree."""

    def outside(pdf: pikepdf.Pdf, tagged: Tagged) -> list[int]:
        return [
            sum((n, mcid) not in tagged.marks for mcid in _marked(page))
            for n, page in enumerate(pdf.pages)
        ]

    folios = [_folio_shows_text(page, n) for n, page in enumerate(both.many.pages)]
    assert sum(folios) > len(both.many.pages) / 2
    assert outside(both.one, both.single) == [0] * len(both.one.pages)
    assert outside(both.many, both.chunked) == [0] * len(both.many.pages)


def _folio_shows_text(page: pikepdf.Page, number: int) -> bool:
    """Whether the folio stamped on page ``number`` prints anything (a blank page's is empty)."""
    form = page.obj.Resources.XObject.get(f"/Folio{number}")
    return form is not None and any(
        str(operator) in ("Tj", "TJ") for _, operator in pikepdf.parse_content_stream(form)
    )


def _all(pdf: pikepdf.Pdf) -> list[pikepdf.Page]:
    """Pages with one content stream each (stamping joined them into an array)."""
    for page in pdf.pages:
        page.contents_coalesce()
    return list(pdf.pages)


def test_folios_are_pagination_artifacts(both) -> None:
    stamped = 0
    for page in _all(both.many):
        open_marks: list[pikepdf.Object] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            if str(operator) in ("BDC", "BMC"):
                open_marks.append(operands)
            elif str(operator) == "EMC":
                open_marks.pop()
            elif str(operator) == "Do" and str(operands[0]).startswith("/Folio"):
                tag, properties = open_marks[-1]
                assert tag == "/Artifact" and properties.Type == "/Pagination"
                form = page.obj.Resources.XObject[operands[0]]
                assert not [op for _, op in pikepdf.parse_content_stream(form) if "MC" in str(op)]
                stamped += 1
    assert stamped > len(both.many.pages) / 2


def test_links_are_in_the_tree_after_the_pages(both) -> None:
    keys, entries = _parent_tree(both.many)
    annotations = [a for page in both.many.pages for a in page.obj.get("/Annots", [])]
    assert len(annotations) == sum(len(p.obj.get("/Annots", [])) for p in both.one.pages) > 20
    pages = len(both.many.pages)
    assert [int(a.StructParent) for a in annotations] == list(range(pages, len(keys)))
    assert keys == list(range(len(keys)))
    assert both.many.Root.StructTreeRoot.ParentTreeNextKey == len(keys)
    for annotation in annotations:
        element = entries[int(annotation.StructParent)]
        assert element.objgen in both.chunked.reached
        assert both.chunked.objects[annotation.objgen] == element.objgen


def _headers(tagged: Tagged, ids: dict[str, int]) -> list[tuple[int, list[int]]]:
    """(cell position, positions of its header cells) for each cell that names headers."""
    found = []
    for position, element in enumerate(tagged.elements):
        attributes = element.get("/A")
        if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
            found.append((position, [ids[str(name)] for name in attributes.Headers]))
    return found


def _ids(tagged: Tagged) -> dict[str, int]:
    """Element id → position in document order; ids must be unique."""
    named = [(str(e.ID), n) for n, e in enumerate(tagged.elements) if "/ID" in e]
    assert len(dict(named)) == len(named)
    return dict(named)


def test_table_headers_stay_with_their_cells(both) -> None:
    cells = _headers(both.chunked, _ids(both.chunked))
    # the tidal pilot's table: five data rows of four cells, each under its column's header
    assert len(cells) == 5 * 4 and all(len(headers) == 1 for _, headers in cells)
    assert cells == _headers(both.single, _ids(both.single))
    listed = dict(pikepdf.NameTree(both.many.Root.StructTreeRoot.IDTree).items())
    assert {name: e.objgen for name, e in listed.items()} == {
        str(e.ID): e.objgen for e in both.chunked.elements if "/ID" in e
    }


def test_text_links_and_bookmarks_match_the_single_render(sample_pdf, tagged_chunked) -> None:
    one, many = _texts(sample_pdf), _texts(tagged_chunked)
    assert len(one) == len(many) > 30
    for number, (a, b) in enumerate(zip(one, many, strict=True), 1):
        assert a == b, f"page {number} differs"
    assert _links(tagged_chunked) == _links(sample_pdf)
    assert _outline(tagged_chunked) == _outline(sample_pdf)


def test_catalogue_and_metadata_are_the_single_renders(both) -> None:
    for key in ("/Lang", "/MarkInfo", "/ViewerPreferences"):
        assert repr(both.many.Root[key]) == repr(both.one.Root[key])
    assert both.many.Root.MarkInfo.Marked is True
    assert b"pdfuaid:part" in both.many.Root.Metadata.read_bytes()
    assert both.many.Root.Metadata.read_bytes() == both.one.Root.Metadata.read_bytes()
    assert dict(both.many.docinfo.items()) == dict(both.one.docinfo.items())


def test_tagged_chunked_pdf_passes_preflight(sample_build, tagged_chunked) -> None:
    result = check_file(tagged_chunked, sample_build.publication)
    assert not [f for f in result.findings if f.severity == "error"], result.findings


TIDES = """<!DOCTYPE html><html lang="en"><head><title>Tides at {place}</title></head><body>
<table><tr><th>Tide</th><th>Height</th></tr><tr><td>High at {place}</td><td>4.2 m</td></tr>
<tr><td>Low at {place}</td><td>0.6 m</td></tr></table>{stubs}</body></html>"""


def _tides(folder: Path, place: str, stubs: int) -> Path:
    """A one-page tagged PDF holding a tide table, then ``stubs`` empty anchor stand-ins."""
    import weasyprint

    html = TIDES.format(place=place, stubs="".join(f'<div id="s{n}"></div>' for n in range(stubs)))
    target = folder / f"{place}.pdf"
    weasyprint.HTML(string=html).write_pdf(target, pdf_variant="pdf/ua-1", pdf_tags=True)
    return target


def test_merge_keeps_each_chunks_table_headers_apart(tmp_path) -> None:
    """Two chunks laid out alike number their header ids alike; the merged book must not."""
    first, second = _tides(tmp_path, "Mossby", 0), _tides(tmp_path, "Ellery", 3)
    merge(
        [Piece(first), Piece(second, stubs=("s0", "s1", "s2"))],
        [],
        [800.0] * 2,
        [[], []],
        tmp_path / "b.pdf",
    )
    with pikepdf.open(tmp_path / "b.pdf") as book:
        tagged = _read(book)
        ids = _ids(tagged)  # unique
        assert len(ids) == 2 + 2  # two header cells per table
        tables = [n for n, kind in enumerate(tagged.types) if kind == "/Table"]
        assert len(tables) == 2
        cells = _headers(tagged, ids)
        assert len(cells) == 2 * 4  # two rows of two cells per table
        for cell, headers in cells:  # each under a header of its own table
            assert len(headers) == 1 and (cell > tables[1]) == (headers[0] > tables[1])
        assert "/Div" not in tagged.types  # the three stubs are gone
        assert tagged.problems == []
