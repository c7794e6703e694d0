"""``$…$`` and ``$$…$$`` formulas → MathML, the one form every output can start from.

The CommonMark engines mark formulas as ``span.math`` (inline) and ``div.math`` (display)
holding the TeX; here each becomes a MathML ``<math>`` element (latex2mathml) that keeps its
TeX as ``alttext`` for screen readers. The EPUB carries the MathML; the PDF renderer, which
has no MathML, draws the same element as SVG (render/math.py). A formula that cannot be
converted stays as its TeX in a ``code`` element, with a warning naming its line: never
silently raw.
"""

from __future__ import annotations

from lxml import etree

from publisher.load.body.sanitise import Finding

MATHML = "http://www.w3.org/1998/Math/MathML"
_LIMIT = 2000  # characters of TeX in one formula


def typeset_math(root: etree._Element) -> list[Finding]:
    """Replace every marked formula under ``root`` by MathML; findings for the failures."""
    findings: list[Finding] = []
    for el in list(root.iter("span", "div")):
        classes = (el.get("class") or "").split()
        if "math" not in classes:
            continue
        tex = "".join(el.itertext()).strip()
        display = el.tag == "div" or "display" in classes
        math = to_mathml(tex, display)
        if math is None:
            findings.append(Finding(f"formula could not be typeset: ${tex[:40]}$", tex[:40]))
            _as_code(el, tex, el.tag == "div")
            continue
        math.tail = el.tail
        if el.tag == "div":
            wrapper = etree.Element("div")
            wrapper.set("class", "math-display")
            wrapper.append(math)
            math.tail = None
            wrapper.tail = el.tail
            math = wrapper
        el.getparent().replace(el, math)
    return findings


def to_mathml(tex: str, display: bool) -> etree._Element | None:
    """TeX → a MathML element, or None when latex2mathml cannot read it."""
    if not tex or len(tex) > _LIMIT:
        return None
    from latex2mathml.converter import convert  # imported on the first formula only

    try:
        markup = convert(tex, display="block" if display else "inline")
        math = etree.fromstring(markup)
    except Exception:
        return None
    for el in math.iter():
        if isinstance(el.tag, str) and not el.tag.startswith("{"):
            el.tag = f"{{{MATHML}}}{el.tag}"
    math.set("alttext", tex)
    return math


def _as_code(el: etree._Element, tex: str, display: bool) -> None:
    """The TeX kept visibly as code, where a formula could not be typeset."""
    for child in list(el):
        el.remove(child)
    el.attrib.clear()
    el.tag = "pre" if display else "code"
    el.set("class", "math-source")
    el.text = tex
