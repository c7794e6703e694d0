"""A justified paragraph's boxes as Knuth–Plass items, measured as WeasyPrint measures.

The paragraph is its line box's text boxes in order (inline boxes such as ``em``, ``a``
and note calls only add their text, in their own style, and their edges' padding). Where
a line may break comes from Pango, as for WeasyPrint: each break opportunity is a space
(glue), a soft hyphen (a flagged penalty as wide as the hyphen WeasyPrint adds) or another
opportunity (after a hard hyphen or a dash, between ideographs: a penalty of no width).

Widths come from Pango layouts made with WeasyPrint's own ``create_layout`` and each text
box's style: every run of text between two spaces is measured whole (so kerning and
ligatures inside a word count), and at each break inside it the part before the break.
Measurements are cached per font and text for the whole render.

A paragraph this module cannot model exactly is not touched (``paragraph`` returns None
and says why): atomic inlines (images, inline SVG, inline blocks), floats or positioned
boxes inside the text, text that does not wrap normally, letter or word spacing, a first
letter or first line style.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from math import inf
from typing import Any

from weasyprint.formatting_structure import boxes
from weasyprint.layout.percent import percentage
from weasyprint.text.line_break import (
    _font_style_cache_key,
    create_layout,
    get_log_attrs,
    line_size,
)

from publisher.backends.pdf.linebreak.knuth_plass import FORCED, Item, Measure, box, glue, penalty
from publisher.render.hyphenate import CAPITALISED_NOUNS

SOFT_HYPHEN = "\u00ad"
NO_BREAK_SPACE = "\u00a0"
HARD_HYPHENS = "-\u2010"
HYPHEN_PENALTY = 50.0  # TeX's \hyphenpenalty and \exhyphenpenalty
LOOSE_EM = 0.45  # a space this wide (in ems of the paragraph) makes a ratio of 1
LOOSE_LINE_EM = 0.46  # a line whose mean space is wider counts as loose (the preflight: 0.5)
SHRINK_EM = 0.08  # how much narrower than its natural width a space may get
MARGIN = 0.5  # points kept free at each line's end against measuring differences


@dataclass(frozen=True)
class Point:
    """Where a break item sits in the text: ``kind`` is "space", "soft" or "other";
    ``leaf`` and ``offset`` name the character after the break (for a soft hyphen: the
    soft hyphen itself)."""

    kind: str
    leaf: int
    offset: int


@dataclass
class Paragraph:
    """A paragraph ready for the line breaker: its text boxes, items and break points."""

    leaves: list[Any]
    items: list[Item]
    points: dict[int, Point]
    measure: Measure
    texts: list[str] = field(default_factory=list)  # the leaves' text as WeasyPrint made it
    styles: list[Any] = field(default_factory=list)  # and their styles
    tracking: float = 0.0  # letter spacing the paragraph is measured with (points)


class Widths:
    """Pango widths of text in a style, cached for one render."""

    def __init__(self) -> None:
        self.cache: dict[tuple[str, float, Any, str], float] = {}
        self.keys: dict[int, tuple[Any, str]] = {}
        self.layouts: dict[tuple[str, float, Any], Any] = {}  # one Pango layout per face

    def key(self, style: Any) -> str:
        """The font of ``style`` as WeasyPrint's own caches name it."""
        known = self.keys.get(id(style))
        if known is None or known[0] is not style:
            known = self.keys[id(style)] = (style, _font_style_cache_key(style, True))
        return known[1]

    def width(self, text: str, style: Any) -> float:
        """The width WeasyPrint gives ``text`` set on one line in ``style``."""
        face = (self.key(style), style["word_spacing"], style["letter_spacing"])
        key = (*face, text)
        found = self.cache.get(key)
        if found is None:
            layout = self.layouts.get(face)
            if layout is None:
                layout = self.layouts[face] = create_layout(text, style, None, None, 0)
            else:
                layout.set_text(text)
            line, _ = layout.get_first_line()
            # (with letter spacing, Pango spaces the letters inside the text and
            # line_size adds the last one: a piece's width, so the pieces add up)
            found = self.cache[key] = line_size(line, style)[0]
        return found


def paragraph(
    block: Any, line_box: Any, widths: Widths, width: float, tracking: float = 0.0
) -> tuple[Paragraph | None, str]:
    """The items of the paragraph in ``line_box`` (a child of ``block``) set ``width``
    wide, with ``tracking`` ems of letter spacing, or None and the reason it is left to
    WeasyPrint."""
    leaves, edges, why = _leaves(line_box)
    if why:
        return None, why
    texts = [leaf.text for leaf in leaves]
    text = "".join(texts)
    if not text.strip():
        return None, "empty"
    style = block.style
    indent = percentage(line_box.style["text_indent"], line_box.style, width) or 0.0
    em = style["font_size"]
    letters = tracking * em
    margin = MARGIN + 2 * abs(letters)  # a little more room for spaced letters
    measure = Measure(width, margin, SHRINK_EM * em, LOOSE_LINE_EM * em)
    opportunities = _opportunities(text, style["lang"])
    nouns = (style["lang"] or "").lower().split("-")[0] in CAPITALISED_NOUNS
    styles = [leaf.style for leaf in leaves]
    measured = [_tracked(s, letters) for s in styles] if letters else styles
    builder = _Builder(leaves, measured, texts, edges, widths, opportunities, LOOSE_EM * em, nouns)
    items = builder.items(indent)
    items.append(penalty(0.0, FORCED))  # the last line is filled, never stretched
    return Paragraph(leaves, items, builder.points, measure, texts, styles, letters), ""


def _tracked(style: Any, letters: float) -> Any:
    """A copy of ``style`` with ``letters`` of letter spacing."""
    tracked = style.copy()
    tracked["letter_spacing"] = letters
    return tracked


def _leaves(line_box: Any) -> tuple[list[Any], dict[int, float], str]:
    """The text boxes in order, the inline edges' widths before each leaf (key: leaf
    index; the end edges of the last leaf under ``len``), and why not, if not."""
    leaves: list[Any] = []
    edges: dict[int, float] = {}

    def walk(parent: Any) -> str:
        for child in parent.children:
            if not child.is_in_normal_flow():
                return "out of flow"
            if isinstance(child, boxes.TextBox):
                why = _text_problem(child.style)
                if why:
                    return why
                if child.text:
                    leaves.append(child)
            elif isinstance(child, boxes.InlineBox):
                start, end = _edges(child)
                edges[len(leaves)] = edges.get(len(leaves), 0.0) + start
                why = walk(child)
                if why:
                    return why
                edges[len(leaves)] = edges.get(len(leaves), 0.0) + end
            else:
                return "atomic inline"
        return ""

    why = walk(line_box)
    return leaves, edges, why or ("" if leaves else "empty")


def _text_problem(style: Any) -> str:
    """Why text in this style cannot be broken here, or ''."""
    if style["white_space"] != "normal":
        return "white-space"
    if style["letter_spacing"] not in ("normal", 0) or style["word_spacing"]:
        return "spacing"
    if style["word_break"] != "normal":
        return "word breaking"  # (overflow-wrap only breaks a word wider than the line:
    # the optimiser leaves such a paragraph to WeasyPrint, as no breaks fit it)
    return ""


def _edges(inline: Any) -> tuple[float, float]:
    """Padding, border and margin at the inline's start and end (line-relative)."""
    style = inline.style

    def side(name: str) -> float:
        margin = percentage(style[f"margin_{name}"], style, 0)
        padding = percentage(style[f"padding_{name}"], style, 0)
        return (0.0 if margin == "auto" else margin) + padding + style[f"border_{name}_width"]

    left, right = side("left"), side("right")
    return (right, left) if style["direction"] == "rtl" else (left, right)


def _opportunities(text: str, lang: str | None) -> set[int]:
    """Indexes ``i`` of ``text`` where a line may begin, as Pango decides."""
    attrs = get_log_attrs(text, lang)
    return {i for i in range(1, len(text)) if attrs[i].is_line_break}


class _Builder:
    """Walks the leaves' text once, making items and recording their break points."""

    def __init__(self, leaves, styles, texts, edges, widths, opportunities, loose, nouns):
        self.leaves, self.texts, self.edges, self.widths = leaves, texts, edges, widths
        self.styles = styles  # each leaf's style as measured
        self.loose = loose  # the space width at a ratio of 1
        self.nouns = nouns  # the language capitalises every noun
        self.starts, total = [], 0
        for text in texts:
            self.starts.append(total)
            total += len(text)
        self.text = "".join(texts)
        self.spaces = {i - 1 for i in opportunities if self.text[i - 1] == " "}
        self.cuts = {i for i in opportunities if self.text[i - 1] != " "}
        self.sorted_cuts = sorted(self.cuts)
        self.points: dict[int, Point] = {}
        self._items: list[Item] = []

    def items(self, indent: float) -> list[Item]:
        """The paragraph's items, after a box for the first line's indent."""
        if indent:
            self._items.append(box(indent))
        spaces = sorted(self.spaces)
        for index, text in enumerate(self.texts):
            self._edge(index)
            start, leaf_start = 0, self.starts[index]
            first = bisect_left(spaces, leaf_start)
            last = bisect_left(spaces, leaf_start + len(text))
            for position in spaces[first:last]:
                local = position - leaf_start
                self._run(index, start, local)
                space = self._space(index, start, local)
                self._items.append(glue(space, self._stretch(space)))
                self._point("space", position + 1)
                start = local + 1
            self._run(index, start, len(text))
        self._edge(len(self.texts))
        return self._items

    def _space(self, index: int, start: int, end: int) -> float:
        """The width of the space after ``text[start:end]`` of leaf ``index``, measured
        after the letter before it: Pango sets a space in the face of the text around it
        (a Hebrew text's spaces in the Hebrew face), which a lone space would not show."""
        style = self.styles[index]
        word = self.texts[index][start:end].replace(SOFT_HYPHEN, "")
        if not word:
            return self.widths.width(" ", style)
        last = word[-1]  # the face, and any kerning, of a space come from the letter before
        return self.widths.width(last + " ", style) - self.widths.width(last, style)

    def _stretch(self, space: float) -> float:
        """How far a space this wide stretches for a ratio of 1: to LOOSE_EM (at least a
        third of itself, for a face with wide spaces)."""
        return max(self.loose - space, space / 3)

    def _box(self, width: float, text: str, style) -> Item:
        """A box for this piece of text, with the no-break spaces it holds."""
        spaces = _stretchable(text)
        if not spaces:
            return box(width)
        return box(width, spaces, spaces * self._stretch(self.widths.width(" ", style)))

    def _after(self, text: str, cut: int) -> Item:
        """The penalty of a break opportunity that is not a space or a soft hyphen: after a
        hard hyphen, a flagged one, or none when the word before it has a capital initial
        (a name, as ``Saturday-only``: no capitalised word is broken, but in languages
        that capitalise every noun); elsewhere (after a dash, between ideographs) free."""
        if not (text[cut - 1] in HARD_HYPHENS and cut >= 2 and text[cut - 2].isalpha()):
            return penalty(0.0, 0.0)
        start = cut - 1
        while start and (text[start - 1].isalpha() or text[start - 1] in "'’"):
            start -= 1
        if text[start].isupper() and not self.nouns:
            return penalty(0.0, inf)
        return penalty(0.0, HYPHEN_PENALTY, True)

    def _edge(self, index: int) -> None:
        if self.edges.get(index):
            self._items.append(box(self.edges[index]))

    def _point(self, kind: str, position: int) -> None:
        """Record the last item's break point at global ``position`` (the character after
        the break; for a soft hyphen, the soft hyphen)."""
        leaf = bisect_right(self.starts, position) - 1
        if position >= len(self.text):
            leaf = len(self.texts) - 1
        self.points[len(self._items) - 1] = Point(kind, leaf, position - self.starts[leaf])

    def _run(self, index: int, start: int, end: int) -> None:
        """Items for the text between two spaces of one leaf: its pieces, with a penalty
        at each break opportunity inside it or at its end."""
        if end <= start:
            return
        text, style, base = self.texts[index], self.styles[index], self.starts[index]
        low = bisect_left(self.sorted_cuts, base + start + 1)
        high = bisect_right(self.sorted_cuts, base + end)
        cuts = [cut - base for cut in self.sorted_cuts[low:high]]
        whole = self.widths.width(text[start:end].replace(SOFT_HYPHEN, ""), style)
        before, previous = 0.0, start
        for cut in cuts:
            upto = self.widths.width(text[start:cut].replace(SOFT_HYPHEN, ""), style)
            piece, previous = text[previous:cut], cut
            self._items.append(self._box(upto - before, piece, style))
            before = upto
            if text[cut - 1] == SOFT_HYPHEN:
                hyphen = self.widths.width(style["hyphenate_character"], style)
                self._items.append(penalty(hyphen, HYPHEN_PENALTY, True))
                self._point("soft", base + cut - 1)
            else:
                self._items.append(self._after(text, cut))
                self._point("other", base + cut)
        if not cuts or cuts[-1] < end:
            tail = text[cuts[-1] if cuts else start : end]
            self._items.append(self._box(whole - before, tail, style))


def _stretchable(text: str) -> int:
    """Spaces WeasyPrint's justification widens in ``text`` (spaces and no-break spaces)."""
    return text.count(" ") + text.count(NO_BREAK_SPACE)
