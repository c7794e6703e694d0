"""Where each chapter starts in the served PDF, so the preview links a chapter to its pages.

WeasyPrint writes every element id as a named destination; chapters' ids are their slugs.
"""

from __future__ import annotations

from pathlib import Path

import pikepdf


def first_pages(path: Path) -> dict[str, int]:
    """Named destination → page number (1-based) in the PDF at ``path``; empty if unreadable."""
    try:
        with pikepdf.open(path) as pdf:
            index = {page.objgen: number for number, page in enumerate(pdf.pages, 1)}
            return dict(_destinations(pdf, index))
    except (OSError, pikepdf.PdfError):
        return {}


def _destinations(pdf: pikepdf.Pdf, index: dict[tuple[int, int], int]) -> list[tuple[str, int]]:
    found = []
    names = pdf.Root.get("/Names")
    if names is not None and "/Dests" in names:
        for name, target in pikepdf.NameTree(names.Dests).items():
            found.append((str(name), target))
    dests = pdf.Root.get("/Dests")
    if dests is not None:
        found.extend((str(key).lstrip("/"), dests[key]) for key in dests)
    pages = []
    for name, target in found:
        array = target.get("/D") if isinstance(target, pikepdf.Dictionary) else target
        if isinstance(array, pikepdf.Array) and len(array) and array[0].objgen in index:
            pages.append((name, index[array[0].objgen]))
    return pages
