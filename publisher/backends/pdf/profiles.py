"""A printer's PDF (``--pdf-profile kdp|ingramspark``): the book laid out with the printer's
settings (config/printers.py), again with a wider inside margin when the page count asks
for one (KDP's gutter table), then the file made to the printer's rules.

Both printers bar printer's marks (the settings have none), bookmarks and annotations; KDP
also bars document metadata, and wants a bleed only on the top, bottom and outside edges
of interior pages, so the inside edge of every page is cut back to the trim. The files
are finished with pikepdf, which writes only what is still referenced: the dropped links
and bookmarks leave nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf

from publisher.backends import Output
from publisher.config.printers import KDP_GUTTERS, with_pages
from publisher.config.printing import PrintSettings

Render = Callable[[PrintSettings], Output]


def build_for_printer(render: Render, settings: PrintSettings, rtl: bool) -> Output:
    """Render with ``settings``; while the page count needs a wider inside margin than
    the settings have, render again with it (at most once per row of the gutter table,
    since a wider margin only ever adds pages); then finish the book and its cover."""
    output = render(settings)
    for _ in KDP_GUTTERS:
        wider = with_pages(settings, output.pages or 0)
        if wider == settings:
            break
        settings = wider
        output = render(settings)
    finish(output.path, settings, rtl, interior=True)
    for extra in output.extras:
        finish(extra.path, settings, rtl, interior=False)
    return output


def finish(path: Path, settings: PrintSettings, rtl: bool, interior: bool) -> None:
    """Rewrite the PDF at ``path`` to the printer's rules (see the module's docstring)."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        strip_navigation(pdf)
        if settings.profile == "kdp":
            strip_metadata(pdf)
            if interior and settings.bleed_points > 0:
                cut_inside_bleed(pdf, rtl)
        pdf.save(
            path,
            deterministic_id=True,  # the same book gives the same bytes
            fix_metadata_version=False,  # the PDF/X metadata stays as WeasyPrint wrote it
            object_stream_mode=pikepdf.ObjectStreamMode.disable,  # PDF 1.4 has none
        )


def strip_navigation(pdf: pikepdf.Pdf) -> None:
    """No annotations (links) on any page, no bookmarks, no named destinations."""
    for page in pdf.pages:
        if "/Annots" in page.obj:
            del page.obj["/Annots"]
    root = pdf.Root
    for key in ("/Outlines", "/OpenAction"):
        if key in root:
            del root[key]
    if root.get("/PageMode") == pikepdf.Name.UseOutlines:
        del root["/PageMode"]
    names = root.get("/Names")
    if names is not None and "/Dests" in names:
        del names["/Dests"]
        if not names.keys():
            del root["/Names"]
    if "/Dests" in root:
        del root["/Dests"]


def strip_metadata(pdf: pikepdf.Pdf) -> None:
    """No document information dictionary and no XMP metadata (KDP's rules)."""
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
    if "/Metadata" in pdf.Root:
        del pdf.Root["/Metadata"]


def cut_inside_bleed(pdf: pikepdf.Pdf, rtl: bool) -> None:
    """Bring each page's MediaBox and BleedBox (and CropBox) in to the TrimBox on the
    binding side: the first page is a recto, bound on its left (on its right in a
    right-to-left book)."""
    for index, page in enumerate(pdf.pages):
        trim = [float(v) for v in page.obj["/TrimBox"]]
        bound_left = (index % 2 == 0) != rtl
        for key in ("/MediaBox", "/BleedBox", "/CropBox"):
            if key not in page.obj:
                continue
            box = [float(v) for v in page.obj[key]]
            if bound_left:
                box[0] = trim[0]
            else:
                box[2] = trim[2]
            page.obj[key] = pikepdf.Array(box)
