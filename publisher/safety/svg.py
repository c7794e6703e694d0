"""Is this SVG a still, self-contained drawing? Checked by parsing, against allowlists.

An SVG is a document: it can run scripts, react to events, animate an attribute into a
``javascript:`` address, pull in style sheets, fonts and images from anywhere, and hide all
of that from a pattern match (an entity, a CSS escape, an ``<?xml-stylesheet?>``
instruction, an address in ``fill="url(…)"``, another SVG inside a ``data:`` image). So
the file is parsed by a real XML parser that loads no DTD, expands no entity and reaches
no network, and then:

- no document type declaration, entity or processing instruction may appear at all;
- every element must be one of ``ELEMENTS`` (drawing, text, gradients, filters; no
  script, foreignObject, animation), and every attribute one of ``ATTRIBUTES`` (or
  ``data-*``/``aria-*``, or an editor's own namespace such as Inkscape's);
- every value that can hold an address (``href``, presentation attributes, ``style``
  attributes and elements, tokenised as CSS by safety/css.py) may point only inside the file
  (``#id``) or to a ``data:`` image, which is checked in turn like any image.

The first problem found is returned as a sentence; None means the drawing is safe.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from publisher.safety.css import (
    Reference,
    data_url_bytes,
    declarations_references,
    is_fragment,
    stylesheet_references,
    value_references,
)

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# Namespaces drawing programs add for their own bookkeeping; nothing renders them.
EDITORS = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://web.resource.org/cc/",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/Graphs/1.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
    "http://www.bohemiancoding.com/sketch/ns",
}
_ELEMENT_NAMES = """a circle clipPath defs desc ellipse feBlend feColorMatrix feComponentTransfer
    feComposite feConvolveMatrix feDiffuseLighting feDisplacementMap feDistantLight
    feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR feGaussianBlur feImage feMerge
    feMergeNode feMorphology feOffset fePointLight feSpecularLighting feSpotLight feTile
    feTurbulence filter g image line linearGradient marker mask metadata path pattern
    polygon polyline radialGradient rect stop style svg switch symbol text textPath title
    tspan use view"""
ELEMENTS = set(_ELEMENT_NAMES.split())
_ATTRIBUTE_NAMES = """id class style lang tabindex role focusable version baseProfile
    x y width height
    cx cy r rx ry fx fy fr x1 y1 x2 y2 points d pathLength transform viewBox
    preserveAspectRatio zoomAndPan href offset gradientUnits gradientTransform
    spreadMethod patternUnits patternContentUnits patternTransform maskUnits
    maskContentUnits clipPathUnits markerWidth markerHeight markerUnits refX refY orient
    dx dy rotate textLength lengthAdjust startOffset method spacing side path
    filterUnits primitiveUnits in in2 result stdDeviation mode operator k1 k2 k3 k4 type
    values tableValues slope intercept amplitude exponent order kernelMatrix divisor bias
    targetX targetY edgeMode kernelUnitLength preserveAlpha surfaceScale diffuseConstant
    specularConstant specularExponent azimuth elevation z pointsAtX pointsAtY pointsAtZ
    limitingConeAngle scale xChannelSelector yChannelSelector radius baseFrequency
    numOctaves seed stitchTiles requiredFeatures requiredExtensions systemLanguage
    enable-background media title
    alignment-baseline baseline-shift clip clip-path clip-rule color color-interpolation
    color-interpolation-filters color-profile color-rendering cursor direction display
    dominant-baseline fill fill-opacity fill-rule filter flood-color flood-opacity font
    font-family font-size font-size-adjust font-stretch font-style font-variant
    font-weight glyph-orientation-horizontal glyph-orientation-vertical image-rendering
    kerning letter-spacing lighting-color marker-end marker-mid marker-start mask
    mask-type opacity overflow paint-order pointer-events shape-rendering stop-color
    stop-opacity stroke stroke-dasharray stroke-dashoffset stroke-linecap
    stroke-linejoin stroke-miterlimit stroke-opacity stroke-width text-anchor
    text-decoration text-rendering transform-origin unicode-bidi vector-effect
    visibility white-space word-spacing writing-mode"""
ATTRIBUTES = set(_ATTRIBUTE_NAMES.split())
XML_ATTRIBUTES = {"lang", "space", "base"}
XLINK_ATTRIBUTES = {"href", "title", "type", "role", "arcrole", "show", "actuate"}
_DATA_IMAGES = ("image/png", "image/jpeg", "image/gif", "image/webp", "image/svg+xml")

# Checks a data: image's bytes as an image file; returns the problem, or None.
Embedded = Callable[[bytes], str | None]


def svg_problem(data: bytes, embedded: Embedded) -> str | None:
    """Why this SVG may not go in a book, or None. ``embedded`` checks ``data:`` images."""
    parser = etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_pis=False,
        remove_comments=True,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        return f"it is not well-formed SVG ({' '.join(str(exc).split())})"
    tree = root.getroottree()
    if b"<!ENTITY" in data:
        return "SVG with entity declarations is not accepted; remove them"
    if tree.docinfo.doctype or tree.docinfo.internalDTD is not None:
        return "SVG with a document type declaration (DTD) is not accepted; remove it"
    if etree.QName(root).namespace != SVG or etree.QName(root).localname != "svg":
        return "it is not an SVG drawing (its root is not <svg>)"
    for node in (*root.itersiblings(preceding=True), *root.itersiblings(), *root.iter()):
        problem = _node_problem(node, embedded)
        if problem:
            return f"{problem}; remove it from the SVG"
    return None


def _node_problem(node: etree._Element, embedded: Embedded) -> str | None:
    if isinstance(node, etree._ProcessingInstruction):
        return f"it contains a processing instruction (<?{node.target} …?>)"
    if isinstance(node, etree._Entity):
        return f"it contains an entity reference (&{node.name};)"
    if not isinstance(node.tag, str):
        return None
    name = etree.QName(node)
    if name.namespace in EDITORS:
        return _editor_problem(node)
    if name.namespace != SVG or name.localname not in ELEMENTS:
        return f"it contains a <{name.localname}> element, which SVG images may not hold"
    for key, value in node.attrib.items():
        problem = _attribute_problem(etree.QName(key), value, embedded)
        if problem:
            return problem
    if name.localname == "style":
        refs = stylesheet_references("".join(node.itertext()))
        return _references_problem(refs, "its style sheet", embedded)
    return None


def _editor_problem(node: etree._Element) -> str | None:
    """An editor's bookkeeping element may not link anywhere either."""
    for key in node.attrib:
        local = etree.QName(key).localname.lower()
        if local.startswith("on") or etree.QName(key).namespace == XLINK:
            return f"it has an '{etree.QName(key).localname}' attribute on an editor's element"
    return None


def _attribute_problem(key: etree.QName, value: str, embedded: Embedded) -> str | None:
    local, space = key.localname, key.namespace
    if local.lower().startswith("on"):
        return f"it has an '{local}' event handler"
    if space in EDITORS:
        return None
    allowed = (
        (space is None and (local in ATTRIBUTES or local.startswith(("data-", "aria-"))))
        or (space == XML and local in XML_ATTRIBUTES)
        or (space == XLINK and local in XLINK_ATTRIBUTES)
    )
    if not allowed:
        return f"it has an attribute '{local}' that SVG images may not use"
    if local == "href":
        return _address_problem(
            value, f"it refers to an outside file or address ('{value[:60]}')", embedded
        )
    if local == "base":
        return "it sets xml:base"
    if local == "style":
        return _references_problem(declarations_references(value), "a style attribute", embedded)
    if "(" in value or "\\" in value:
        return _references_problem(value_references(value), f"its '{local}' attribute", embedded)
    return None


def _references_problem(refs: list[Reference], where: str, embedded: Embedded) -> str | None:
    for ref in refs:
        problem = _address_problem(
            ref.url, f"{where} refers to an outside file or address ('{ref.url[:60]}')", embedded
        )
        if problem:
            return problem
    return None


def _address_problem(url: str, refused: str, embedded: Embedded) -> str | None:
    """None for ``#id`` and for a safe ``data:`` image; else the problem."""
    text = url.strip()
    if is_fragment(text):
        return None
    if not text.lower().startswith("data:"):
        return refused
    payload = data_url_bytes(text, _DATA_IMAGES)
    if payload is None:
        return f"it holds a data: address that is not an image ('{text[:40]}')"
    problem = embedded(payload)
    return f"an image inside it is refused: {problem}" if problem else None
