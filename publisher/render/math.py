"""Formulas for print: each MathML ``<math>`` drawn as an SVG image (WeasyPrint has no MathML).

The loader gives every formula as MathML (load/body/math.py); the EPUB carries it as it is.
For the print document only, ziamath (pure Python, its own STIX Two Math face) draws each
formula as SVG, inline in the document (the fetcher loads nothing from ``data:``), sized in
``em`` so it scales with the text around it and sits on its baseline. The formula's TeX
is its accessible name.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from lxml import etree

from publisher.model import Chapter, Part, Publication

MATHML = "http://www.w3.org/1998/Math/MathML"
XHTML = "http://www.w3.org/1999/xhtml"
_OPEN = f'<div xmlns="{XHTML}" xmlns:epub="http://www.idpf.org/2007/ops">'
SIZE = 20.0  # the size ziamath draws at; the image is scaled back to 1em per SIZE
_VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"')


def math_for_print(pub: Publication) -> Publication:
    """The publication with every formula drawn as an image."""
    parts = tuple(replace(part, chapters=_chapters(part)) for part in pub.parts)
    return replace(pub, parts=parts)


def _chapters(part: Part) -> tuple[Chapter, ...]:
    return tuple(
        replace(ch, article=replace(ch.article, body_html=draw_formulas(ch.article.body_html)))
        if "<math" in ch.article.body_html
        else ch
        for ch in part.chapters
    )


def draw_formulas(body_html: str) -> str:
    """Replace each ``<math>`` element of a body by an inline ``svg`` drawing of it."""
    root = etree.fromstring(_OPEN + body_html + "</div>")
    for math in list(root.iter(f"{{{MATHML}}}math")):
        markup = etree.tostring(math, encoding="unicode", with_tail=False)
        svg = etree.fromstring(_drawing(markup))
        svg.set("class", "math-drawn")
        svg.set("role", "img")
        svg.set("aria-label", math.get("alttext") or "formula")
        parent = math.getparent()
        if parent.get("class") == "math-display":
            svg.set("style", svg.get("style", "") + ";display:block;margin:0.4em auto")
        svg.tail = math.tail
        parent.replace(math, svg)
    xml = etree.tostring(root, encoding="unicode")
    return xml[xml.index(">") + 1 : -len("</div>")]


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
