"""A printer's rules, checked on a finished PDF (``publisher check FILE --profile kdp``).

Each finding names the rule it breaks. The figures come from config/printers.py, where
the backend reads them too; docs/print.md names the printers' pages they come from.

- KDP (paperback submission guidelines; trim size, bleed and margins): no crop or trim
  marks (no page area outside the bleed), no bookmarks, annotations or document metadata,
  a bleed of 0.125in on the top, bottom and outside edges only (a cover: all round), 24 to
  828 pages, text no nearer the binding than the gutter table allows for the page count,
  nor nearer the other edges than 0.25in (0.375in with bleed).
- IngramSpark (File Creation Guide): PDF/X-1a (2001 or 2003) with a CMYK output intent,
  colour in CMYK or grey only (no RGB operators, colour spaces or pictures), no
  transparency, no annotations or bookmarks, no marks, a bleed of 0 or 0.125in all round,
  at most 240 % total ink.

The common rules (fonts embedded, pictures at 300 ppi) are check/pdf.py's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pikepdf

from publisher.check import Finding
from publisher.config.printers import (
    BLEED_PT,
    INGRAM_MAX_INK,
    KDP_OUTSIDE,
    KDP_PAGES,
    PRINTER_NAMES,
    kdp_gutter,
)
from publisher.config.printing import css_points

CHECKER = "printer"
TOLERANCE = 0.05  # points
RGB_OPERATORS = {"rg", "RG"}
SPACE_OPERATORS = {"cs", "CS"}
CMYK_OPERATORS = {"k", "K"}
OPERATORS = "rg RG cs CS k K sc scn SC SCN sh Do gs"
PDFX_1A = ("PDF/X-1a:2001", "PDF/X-1a:2003")


def printer_findings(pdf: pikepdf.Pdf, path: Path, printer: str) -> list[Finding]:
    """What in ``pdf`` breaks ``printer``'s rules (each finding says which)."""
    cover = is_cover(pdf)
    rules = _kdp(pdf, path, cover) if printer == "kdp" else _ingramspark(pdf, cover)
    name = PRINTER_NAMES[printer]
    return [Finding(f.severity, f"{name}: {f.message}", CHECKER, f.location) for f in rules]


def is_cover(pdf: pikepdf.Pdf) -> bool:
    """A cover: one page, wider than tall (back, spine and front on one sheet)."""
    if len(pdf.pages) != 1:
        return False
    x0, y0, x1, y1 = _box(pdf.pages[0], "/TrimBox")
    return x1 - x0 > y1 - y0


# KDP -----------------------------------------------------------------------------------


def _kdp(pdf: pikepdf.Pdf, path: Path, cover: bool) -> list[Finding]:
    findings = [*_navigation(pdf), *_marks_area(pdf)]
    info = pdf.trailer.get("/Info")
    if info is not None and len(info.keys()):
        keys = ", ".join(sorted(str(k).lstrip("/") for k in info))
        findings.append(_error(f"document metadata is not allowed (Info: {keys})"))
    if "/Metadata" in pdf.Root:
        findings.append(_error("document metadata is not allowed (XMP metadata stream)"))
    findings += _kdp_bleed(pdf, cover)
    if not cover:
        pages = len(pdf.pages)
        if not KDP_PAGES[0] <= pages <= KDP_PAGES[1]:
            low, high = KDP_PAGES
            findings.append(_error(f"{pages} pages: a paperback has {low} to {high} pages"))
        findings += _kdp_margins(pdf, path)
    return findings


def _kdp_bleed(pdf: pikepdf.Pdf, cover: bool) -> list[Finding]:
    """Bleed 0 or 0.125in: on the top, bottom and outside edges of an interior page (the
    binding edge has none), on every edge of a cover; the same on every page."""
    findings, bleeds = [], False
    for index, page in enumerate(pdf.pages):
        left, bottom, right, top = _margins(_box(page, "/TrimBox"), _box(page, "/BleedBox"))
        bleeds = bleeds or max(left, bottom, right, top) > TOLERANCE
        binding, outside = (left, right) if index % 2 == 0 else (right, left)
        edges = (top, bottom, outside) if not cover else (top, bottom, left, right)
        wanted = BLEED_PT if bleeds else 0.0
        where = f"page {index + 1}"
        if any(abs(edge - wanted) > TOLERANCE for edge in edges):
            shown = "/".join(f"{e:g}" for e in edges)
            findings.append(
                _error(f"bleed must be {wanted:g} pt (0.125in) or none, not {shown} pt", where)
            )
        elif not cover and binding > TOLERANCE:
            findings.append(
                _error(f"{binding:g} pt of bleed on the binding edge (KDP: none there)", where)
            )
        if len(findings) >= 3:
            break
    return findings


def _kdp_margins(pdf: pikepdf.Pdf, path: Path) -> list[Finding]:
    """Text inside the trim: at least the gutter for the page count from the binding edge,
    and KDP's least margin from the other three."""
    gutter = css_points(kdp_gutter(len(pdf.pages)))
    bleeds = any(_margins(_box(p, "/TrimBox"), _box(p, "/BleedBox"))[1] > 0 for p in pdf.pages)
    outside = css_points(KDP_OUTSIDE[bleeds])
    findings = []
    for number, words in _word_boxes(path):
        page = pdf.pages[number - 1]
        trim, media = _box(page, "/TrimBox"), _box(page, "/MediaBox")
        for x0, y0, x1, y1 in words:  # pdftotext: from the MediaBox's top-left corner
            left, right = media[0] + x0 - trim[0], trim[2] - (media[0] + x1)
            top, bottom = trim[3] - (media[3] - y0), (media[3] - y1) - trim[1]
            binding, side = (left, right) if number % 2 == 1 else (right, left)
            least = min(side, top, bottom)
            if binding < gutter - TOLERANCE or least < outside - TOLERANCE:
                message = (
                    f"text {binding:.1f} pt from the binding edge and {least:.1f} pt from "
                    f"another (least: {gutter:g} pt for {len(pdf.pages)} pages, {outside:g} pt)"
                )
                findings.append(_error(message, f"page {number}"))
                break
        if len(findings) >= 3:
            break
    return findings


_WORD = re.compile(rb'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">')


def _word_boxes(path: Path) -> Iterator[tuple[int, list[tuple[float, ...]]]]:
    """Each page's word boxes from poppler's ``pdftotext -bbox`` (none without it)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return
    done = subprocess.run(
        [tool, "-bbox", str(path), "-"], capture_output=True, check=False, timeout=300
    )
    for number, page in enumerate(done.stdout.split(b"<page ")[1:], 1):
        yield number, [tuple(float(v) for v in m) for m in _WORD.findall(page)]


# IngramSpark ---------------------------------------------------------------------------


def _ingramspark(pdf: pikepdf.Pdf, cover: bool) -> list[Finding]:
    findings = [*_navigation(pdf), *_marks_area(pdf), *_pdfx_1a(pdf)]
    for index, page in enumerate(pdf.pages):
        edges = _margins(_box(page, "/TrimBox"), _box(page, "/BleedBox"))
        if any(abs(e - BLEED_PT) > TOLERANCE for e in edges) and max(edges) > TOLERANCE:
            shown = "/".join(f"{e:g}" for e in edges)
            findings.append(
                _error(
                    f"bleed must be 9 pt (0.125in) all round or none, not {shown} pt",
                    f"page {index + 1}",
                )
            )
            break
    colours = colour_use(pdf)
    rgb = sum(colours[k] for k in ("rgb operators", "rgb spaces", "rgb images"))
    if rgb:
        found = ", ".join(
            f"{colours[k]} {k}" for k in ("rgb operators", "rgb spaces", "rgb images") if colours[k]
        )
        findings.append(_error(f"RGB colour is not allowed (CMYK or grey only): {found}"))
    if colours["transparency"]:
        findings.append(
            _error(f"transparency is not allowed in PDF/X-1a: {colours['transparency']} uses")
        )
    if colours["over ink limit"]:
        findings.append(
            _error(f"{colours['over ink limit']} colours over {INGRAM_MAX_INK:.0%} total ink")
        )
    if colours["rich black"]:
        findings.append(
            Finding(
                "warning",
                f"{colours['rich black']} near-black colours use C, M or Y "
                "(black text should be K only)",
                CHECKER,
            )
        )
    return findings


def _pdfx_1a(pdf: pikepdf.Pdf) -> list[Finding]:
    """PDF/X-1a declared (2001 or 2003), with an output intent holding a CMYK profile."""
    info = pdf.trailer.get("/Info") or {}
    version = str(info.get("/GTS_PDFXVersion", ""))
    findings = []
    if version not in PDFX_1A:
        claimed = f"it declares {version}" if version else "it declares no PDF/X version"
        findings.append(_error(f"the file must be PDF/X-1a:2001 or PDF/X-1a:2003; {claimed}"))
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFX"]
    if not intents:
        findings.append(_error("no PDF/X output intent"))
    elif not any(
        "/DestOutputProfile" in i and int(i.DestOutputProfile.get("/N", 0)) == 4 for i in intents
    ):
        findings.append(_error("the PDF/X output intent has no CMYK (4-component) profile"))
    return findings


def colour_use(pdf: pikepdf.Pdf) -> Counter:
    """Counts of what a CMYK job must not hold: RGB colour operators (rg, RG), RGB colour
    spaces set (cs/CS on DeviceRGB, CalRGB, a 3-component ICC profile or Lab), RGB pictures
    and shadings, transparency (soft masks, alpha below 1, transparency groups), and CMYK
    colours over the ink limit or rich blacks."""
    counts: Counter = Counter()
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        if "/Group" in page.obj and page.obj.Group.get("/S") == "/Transparency":
            counts["transparency"] += 1
        _scan(page.obj, page.obj.get("/Resources") or pikepdf.Dictionary(), counts, seen, 0)
    return counts


def _scan(
    stream: pikepdf.Object,
    resources: pikepdf.Dictionary,
    counts: Counter,
    seen: set[tuple[int, int]],
    depth: int,
) -> None:
    spaces = resources.get("/ColorSpace") or {}
    xobjects = resources.get("/XObject") or {}
    states = resources.get("/ExtGState") or {}
    for operands, operator in pikepdf.parse_content_stream(stream, OPERATORS):
        op = str(operator)
        if op in RGB_OPERATORS:
            counts["rgb operators"] += 1
        elif op in SPACE_OPERATORS and _is_rgb(spaces.get(str(operands[0]), operands[0])):
            counts["rgb spaces"] += 1
        elif op in CMYK_OPERATORS or op in ("sc", "scn", "SC", "SCN"):
            _ink(tuple(float(v) for v in operands if isinstance(v, (int, float, Decimal))), counts)
        elif op == "gs" and _translucent(states.get(str(operands[0]))):
            counts["transparency"] += 1
        elif op == "sh":
            shading = (resources.get("/Shading") or {}).get(str(operands[0]))
            if shading is not None and _is_rgb(shading.get("/ColorSpace")):
                counts["rgb spaces"] += 1
        elif op == "Do":
            _drawn(xobjects.get(str(operands[0])), resources, counts, seen, depth)
    for pattern in (resources.get("/Pattern") or {}).values():
        shading = pattern.get("/Shading")
        if shading is not None and _is_rgb(shading.get("/ColorSpace")):
            counts["rgb spaces"] += 1


def _drawn(xobject, resources, counts: Counter, seen: set, depth: int) -> None:
    """An image or form drawn with Do: RGB or masked pictures; forms scanned inside."""
    if xobject is None or (xobject.objgen != (0, 0) and xobject.objgen in seen):
        return
    seen.add(xobject.objgen)
    if xobject.get("/Subtype") == "/Image":
        if _is_rgb(xobject.get("/ColorSpace")):
            counts["rgb images"] += 1
        if "/SMask" in xobject or "/SMaskInData" in xobject:
            counts["transparency"] += 1
    elif xobject.get("/Subtype") == "/Form" and depth < 8:
        if "/Group" in xobject and xobject.Group.get("/S") == "/Transparency":
            counts["transparency"] += 1
        inner = xobject.get("/Resources", resources)
        _scan(xobject, inner, counts, seen, depth + 1)


def _is_rgb(space: object) -> bool:
    """DeviceRGB, CalRGB, Lab, a 3-component ICC profile, or an indexed space on one."""
    if isinstance(space, pikepdf.Name):
        return space in ("/DeviceRGB", "/CalRGB", "/Lab")
    if isinstance(space, pikepdf.Array) and len(space):
        family = space[0]
        if family == "/Indexed" and len(space) > 1:
            return _is_rgb(space[1])
        if family == "/ICCBased":
            return int(space[1].get("/N", 0)) == 3
        return family in ("/CalRGB", "/Lab")
    return False


def _translucent(state: object) -> bool:
    if not isinstance(state, pikepdf.Dictionary):
        return False
    alpha = min(float(state.get("/CA", 1)), float(state.get("/ca", 1)))
    mask = state.get("/SMask")
    return alpha < 1 or (mask is not None and mask != pikepdf.Name.None_)


def _ink(inks: tuple[float, ...], counts: Counter) -> None:
    if len(inks) != 4:
        return
    if sum(inks) > INGRAM_MAX_INK + 1e-6:
        counts["over ink limit"] += 1
    if inks[3] >= 0.9 and max(inks[:3]) > 0:
        counts["rich black"] += 1


# Both ----------------------------------------------------------------------------------


def _navigation(pdf: pikepdf.Pdf) -> list[Finding]:
    """No annotations (links, comments) and no bookmarks."""
    findings = []
    annotated = [n for n, page in enumerate(pdf.pages, 1) if len(page.obj.get("/Annots", []))]
    if annotated:
        count = sum(len(pdf.pages[n - 1].obj.Annots) for n in annotated)
        findings.append(
            _error(
                f"annotations are not allowed: {count} on {len(annotated)} pages "
                f"(first: page {annotated[0]})"
            )
        )
    outlines = pdf.Root.get("/Outlines")
    if outlines is not None and "/First" in outlines:
        findings.append(_error("bookmarks are not allowed (the PDF has an outline)"))
    return findings


def _marks_area(pdf: pikepdf.Pdf) -> list[Finding]:
    """No printer's marks: nothing of the page lies outside its bleed (MediaBox = BleedBox)."""
    for number, page in enumerate(pdf.pages, 1):
        media, bleed = _box(page, "/MediaBox"), _box(page, "/BleedBox")
        if max(_margins(bleed, media)) > TOLERANCE:
            return [
                _error(
                    "printer's marks are not allowed: the page reaches "
                    f"{max(_margins(bleed, media)):g} pt past its bleed",
                    f"page {number}",
                )
            ]
    return []


def _box(page: pikepdf.Page, key: str) -> tuple[float, float, float, float]:
    obj = page.obj
    array = obj.get(key) or obj.get("/CropBox") or obj.get("/MediaBox") or page.mediabox
    x0, y0, x1, y1 = (float(v) for v in array)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _margins(inner: tuple[float, ...], outer: tuple[float, ...]) -> tuple[float, ...]:
    """How far ``outer`` reaches past ``inner`` on the left, bottom, right and top."""
    return inner[0] - outer[0], inner[1] - outer[1], outer[2] - inner[2], outer[3] - inner[3]


def _error(message: str, where: str | None = None) -> Finding:
    return Finding("error", message, CHECKER, where)
