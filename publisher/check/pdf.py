"""PDF preflight: what a printer checks before accepting a file, read back with pikepdf.

Reports page count and size, TrimBox and BleedBox, fonts (embedded or not), the PDF
standard the file claims in its XMP metadata, images whose effective resolution at their
printed size is low (under 300 ppi a warning, under 150 an error), RGB images in a
PDF/X job, and the typography of the running text (check/typography.py). Never changes
the file.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pikepdf

from publisher.check import CheckResult, Finding
from publisher.check.printers import printer_findings
from publisher.check.typography import check_typography

CHECKER = "preflight"
WARN_PPI = 300
ERROR_PPI = 150
TOLERANCE = 0.01  # points
XMP_NS = {
    "pdfaid": "{http://www.aiim.org/pdfa/ns/id/}",
    "pdfuaid": "{http://www.aiim.org/pdfua/ns/id/}",
    "pdfxid": "{http://www.npes.org/pdfx/ns/id/}",
}
Box = tuple[float, float, float, float]
Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def check(path: Path, print_profile: bool = True, printer: str | None = None) -> CheckResult:
    """Preflight one PDF file; image resolution only matters for print (``print_profile``);
    ``printer`` (kdp, ingramspark) adds that printer's rules (check/printers.py)."""
    result = CheckResult(path)
    try:
        pdf = pikepdf.open(path)
    except (pikepdf.PdfError, OSError) as exc:
        result.findings.append(Finding("error", f"not a readable PDF: {exc}", CHECKER, str(path)))
        return result
    with pdf:
        standards = claimed_standards(pdf)
        result.facts["pages"] = len(pdf.pages)
        result.facts["standard"] = ", ".join(standards) or "none"
        add = result.findings.extend
        add(_box_findings(pdf, result.facts, is_pdfx=any("PDF/X" in s for s in standards)))
        add(_font_findings(pdf, result.facts))
        add(_standard_findings(pdf, standards))
        add(_image_findings(pdf, any("PDF/X" in s for s in standards), print_profile))
        if printer is not None:
            add(printer_findings(pdf, path, printer))
    if not _is_cover(result.facts):
        typography = check_typography(path)
        result.facts["typography"] = typography.counts()
        add(typography.findings())
    result.findings = [_located(f, path) for f in result.findings]
    facts = [
        Finding("info", f"{k}: {_fact(v)}", CHECKER, str(path)) for k, v in result.facts.items()
    ]
    result.findings[:0] = facts
    return result


def _fact(value: object) -> str:
    """A fact as one line: the typography counts as 'loose lines 2, widows 0, …'."""
    if isinstance(value, dict) and "counts" in value:
        counts = ", ".join(f"{k} {v}" for k, v in value["counts"].items() if v)
        return f"{value['body pages']} body pages, {value['body lines']} body lines; " + (
            counts or "no problems"
        )
    return str(value)


def _is_cover(facts: dict[str, object]) -> bool:
    """A one-page file (a print cover) has no running text to measure."""
    return facts.get("pages") == 1


def _located(finding: Finding, path: Path) -> Finding:
    """The finding with the file's path in front of its location (a page, or nothing)."""
    where = f"{path}: {finding.location}" if finding.location else str(path)
    return Finding(finding.severity, finding.message, finding.checker, where)


# Standards -----------------------------------------------------------------------------


def claimed_standards(pdf: pikepdf.Pdf) -> list[str]:
    """The PDF standards the XMP metadata claims, e.g. ['PDF/UA-1'] or ['PDF/X-4']."""
    try:
        meta = pdf.open_metadata()
    except Exception:  # unreadable XMP claims nothing
        return []
    found = []
    part = meta.get(XMP_NS["pdfaid"] + "part")
    if part:
        found.append(f"PDF/A-{part}{meta.get(XMP_NS['pdfaid'] + 'conformance', '').lower()}")
    part = meta.get(XMP_NS["pdfuaid"] + "part")
    if part:
        found.append(f"PDF/UA-{part}")
    version = meta.get(XMP_NS["pdfxid"] + "GTS_PDFXVersion")
    if version:
        found.append(str(version))
    return found


def _standard_findings(pdf: pikepdf.Pdf, standards: list[str]) -> list[Finding]:
    """A claimed PDF/A or PDF/X needs its output intent; PDF/UA needs tags."""
    intents = [str(i.get("/S")) for i in pdf.Root.get("/OutputIntents", [])]
    missing = {
        "PDF/X": ("/GTS_PDFX" not in intents, "no PDF/X output intent"),
        "PDF/A": ("/GTS_PDFA1" not in intents, "no PDF/A output intent"),
        "PDF/UA": ("/StructTreeRoot" not in pdf.Root, "the PDF is not tagged"),
    }
    return [
        Finding("error", f"{standard} claimed but {why}", CHECKER)
        for standard in standards
        for prefix, (lacking, why) in missing.items()
        if standard.startswith(prefix) and lacking
    ]


# Page boxes ----------------------------------------------------------------------------


def page_boxes(page: pikepdf.Page) -> dict[str, Box]:
    """MediaBox, TrimBox and BleedBox of a page (defaults as the PDF spec gives them)."""
    media = _box(page.obj.get("/MediaBox") or page.mediabox)
    crop = _box(page.obj["/CropBox"]) if "/CropBox" in page.obj else media
    trim = _box(page.obj["/TrimBox"]) if "/TrimBox" in page.obj else crop
    bleed = _box(page.obj["/BleedBox"]) if "/BleedBox" in page.obj else crop
    return {"media": media, "trim": trim, "bleed": bleed}


def _box(array: pikepdf.Array) -> Box:
    x0, y0, x1, y1 = (float(v) for v in array)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def _inside(inner: Box, outer: Box) -> bool:
    return (
        inner[0] >= outer[0] - TOLERANCE
        and inner[1] >= outer[1] - TOLERANCE
        and inner[2] <= outer[2] + TOLERANCE
        and inner[3] <= outer[3] + TOLERANCE
    )


def describe_size(width: float, height: float) -> str:
    """'432 x 648 pt (6 x 9 in, 152.4 x 228.6 mm)'."""
    return (
        f"{width:g} x {height:g} pt ({width / 72:.4g} x {height / 72:.4g} in, "
        f"{width / 72 * 25.4:.1f} x {height / 72 * 25.4:.1f} mm)"
    )


def _box_findings(pdf: pikepdf.Pdf, facts: dict[str, object], is_pdfx: bool) -> list[Finding]:
    """Trim and bleed on every page: consistent, nested, present where PDF/X needs them."""
    findings: list[Finding] = []
    first: dict[str, Box] | None = None
    for number, page in enumerate(pdf.pages, 1):
        boxes = page_boxes(page)
        first = first or boxes
        where = f"page {number}"
        if is_pdfx and "/TrimBox" not in page.obj and "/ArtBox" not in page.obj:
            findings.append(Finding("error", "PDF/X needs a TrimBox on every page", CHECKER, where))
        if not _inside(boxes["trim"], boxes["bleed"]) or not _inside(
            boxes["bleed"], boxes["media"]
        ):
            findings.append(
                Finding("error", "boxes not nested (Trim ⊂ Bleed ⊂ Media)", CHECKER, where)
            )
        if _size(boxes["trim"]) != _size(first["trim"]):
            findings.append(Finding("warning", "trim size differs from page 1", CHECKER, where))
    if first:
        trim, bleed = first["trim"], first["bleed"]
        facts["trim size"] = describe_size(*_size(trim))
        facts["TrimBox"] = _show(trim)
        facts["BleedBox"] = _show(bleed)
        facts["bleed"] = f"{min(t - b for t, b in zip(trim[:2], bleed[:2], strict=True)):g} pt"
    return findings


def _size(box: Box) -> tuple[float, float]:
    return round(box[2] - box[0], 2), round(box[3] - box[1], 2)


def _show(box: Box) -> str:
    return "[" + " ".join(f"{v:g}" for v in box) + "]"


# Fonts ---------------------------------------------------------------------------------


def iter_fonts(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every font dictionary used by the pages and the forms they draw, once each."""
    seen: set[tuple[int, int]] = set()
    for resources in _all_resources(pdf):
        for font in (resources.get("/Font") or {}).values():
            key = font.objgen
            if key != (0, 0) and key in seen:
                continue
            seen.add(key)
            yield font


def _all_resources(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    seen: set[tuple[int, int]] = set()
    stack = [page.obj.get("/Resources") for page in pdf.pages]
    while stack:
        resources = stack.pop()
        if resources is None or (resources.objgen != (0, 0) and resources.objgen in seen):
            continue
        seen.add(resources.objgen)
        yield resources
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                stack.append(xobject.Resources)


def font_is_embedded(font: pikepdf.Dictionary) -> bool:
    """True when the font program is in the file (Type 3 fonts always are)."""
    if font.get("/Subtype") == "/Type3":
        return True
    if "/DescendantFonts" in font:
        font = font.DescendantFonts[0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(
        key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def _font_findings(pdf: pikepdf.Pdf, facts: dict[str, object]) -> list[Finding]:
    names, findings = [], []
    for font in iter_fonts(pdf):
        name = str(font.get("/BaseFont", "(unnamed)")).lstrip("/")
        embedded = font_is_embedded(font)
        names.append(f"{name}{'' if embedded else ' (NOT embedded)'}")
        if not embedded:
            findings.append(Finding("error", f"font not embedded: {name}", CHECKER))
    facts["fonts"] = ", ".join(sorted(set(names))) or "none"
    return findings


# Images --------------------------------------------------------------------------------


def _image_findings(pdf: pikepdf.Pdf, is_pdfx: bool, resolution: bool = True) -> list[Finding]:
    """Low effective resolution at printed size (with ``resolution``), and RGB images in
    a PDF/X job."""
    worst: dict[tuple[int, int], tuple[float, int, pikepdf.Stream]] = {}
    for number, page in enumerate(pdf.pages, 1):
        for image, ppi in placed_images(page):
            key = image.objgen
            if key not in worst or ppi < worst[key][0]:
                worst[key] = (ppi, number, image)
    findings = []
    for ppi, number, image in worst.values():
        where = f"page {number}"
        size = f"{int(image.get('/Width', 0))}x{int(image.get('/Height', 0))} px"
        if not resolution:
            pass
        elif ppi < ERROR_PPI:
            message = (
                f"image {size} printed at {ppi:.0f} ppi (under {ERROR_PPI}: will look blurred)"
            )
            findings.append(Finding("error", message, CHECKER, where))
        elif ppi < WARN_PPI:
            message = f"image {size} printed at {ppi:.0f} ppi (under {WARN_PPI} recommended)"
            findings.append(Finding("warning", message, CHECKER, where))
        rgb = rgb_kind(image)
        if is_pdfx and rgb == "device":
            message = f"DeviceRGB image {size} in a PDF/X job (needs CMYK, gray or ICC colour)"
            findings.append(Finding("error", message, CHECKER, where))
        elif is_pdfx and rgb == "icc":
            message = f"RGB image {size} in a PDF/X job: the printer converts it; check a proof"
            findings.append(Finding("warning", message, CHECKER, where))
    return findings


def rgb_kind(image: pikepdf.Stream) -> str | None:
    """'device' for DeviceRGB (or indexed on it), 'icc' for 3-component ICC, else None."""
    space = image.get("/ColorSpace")
    if isinstance(space, pikepdf.Array) and len(space) and space[0] == "/Indexed":
        space = space[1]
    if space == "/DeviceRGB":
        return "device"
    if isinstance(space, pikepdf.Array) and len(space) > 1 and space[0] == "/ICCBased":
        return "icc" if int(space[1].get("/N", 0)) == 3 else None
    return None


def placed_images(page: pikepdf.Page) -> Iterator[tuple[pikepdf.Stream, float]]:
    """Each image drawn on the page with its effective resolution (pixels per inch)."""
    resources = page.obj.get("/Resources")
    if resources is None or not (resources.get("/XObject") or {}):
        return
    yield from _walk(page.obj, resources, IDENTITY, depth=0)


def _walk(
    stream: pikepdf.Object, resources: pikepdf.Dictionary, ctm: Matrix, depth: int
) -> Iterator[tuple[pikepdf.Stream, float]]:
    stack: list[Matrix] = []
    xobjects = resources.get("/XObject") or {}
    for operands, operator in pikepdf.parse_content_stream(stream, "q Q cm Do"):
        op = str(operator)
        if op == "q":
            stack.append(ctm)
        elif op == "Q" and stack:
            ctm = stack.pop()
        elif op == "cm":
            ctm = _multiply(tuple(float(v) for v in operands), ctm)
        elif op == "Do":
            xobject = xobjects.get(str(operands[0]))
            if xobject is None:
                continue
            if xobject.get("/Subtype") == "/Image":
                yield xobject, _ppi(xobject, ctm)
            elif xobject.get("/Subtype") == "/Form" and depth < 8:
                inner = _multiply(_form_matrix(xobject), ctm)
                yield from _walk(xobject, xobject.get("/Resources", resources), inner, depth + 1)


def _form_matrix(form: pikepdf.Stream) -> Matrix:
    matrix = form.get("/Matrix")
    return tuple(float(v) for v in matrix) if matrix is not None else IDENTITY


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """m × n for PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _ppi(image: pikepdf.Stream, ctm: Matrix) -> float:
    """The lower of the horizontal and vertical pixel densities at the drawn size."""
    a, b, c, d, _, _ = ctm
    width_in, height_in = math.hypot(a, b) / 72, math.hypot(c, d) / 72
    if not width_in or not height_in:
        return math.inf
    return min(int(image.get("/Width", 0)) / width_in, int(image.get("/Height", 0)) / height_in)
