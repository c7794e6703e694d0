"""Formulas for print: each MathML ``<math>`` drawn as an SVG image (WeasyPrint has no MathML).

The loader gives every formula as MathML (load/body/math.py); the EPUB carries it as it is.
For the print document only, ziamath (pure Python, its own STIX Two Math face) draws each
formula as SVG, inline in the document (the fetcher loads nothing from ``data:``), sized in
``em`` so it scales with the text around it and sits on its baseline. The formula's TeX
is its accessible name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

MATHML = "http://www.w3.org/1998/Math/MathML"
SIZE = 20.0  # the size ziamath draws at; the image is scaled back to 1em per SIZE
_VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')


def drawn_formula(mathml: str, label: str, display: bool) -> str:
    """A formula (its MathML ``<math>`` element, written as XHTML) as an inline ``svg``
    drawing of it named ``label``, as XHTML; a display formula is centred on its own line."""
    svg = etree.fromstring(_drawing(mathml))
    svg.set("class", "math-drawn")
    svg.set("role", "img")
    svg.set("aria-label", label)
    if display:
        svg.set("style", svg.get("style", "") + ";display:block;margin:0.4em auto")
    return etree.tostring(svg, encoding="unicode", with_tail=False)


@lru_cache(maxsize=512)
def _drawing(markup: str) -> str:
    """One formula's SVG, sized in em and lowered to sit on the baseline."""
    import ziamath  # imported on the first formula only: it loads a font

    svg = ziamath.Math(markup, size=SIZE).svg()
    box = _VIEWBOX.search(svg)
    if not box:
        return svg
    _, top, width, height = (float(v) for v in box.groups())
    depth = height + top  # the viewBox starts above the baseline (y = 0)
    size = f'width="{width / SIZE:.3f}em" height="{height / SIZE:.3f}em"'
    style = f'style="vertical-align:{-depth / SIZE:.3f}em"'
    return re.sub(r'width="[^"]*" height="[^"]*"', f"{size} {style}", svg, count=1)
