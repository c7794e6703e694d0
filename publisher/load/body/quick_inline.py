"""A faster drop-in for Python-Markdown's inline pass, with the same output.

Python-Markdown tries each of its inline patterns (links, emphasis, code, smart quotes…) on
every run of text, through a method call that does several checks before it searches. Most
patterns find nothing in most runs, so most of the inline pass, itself most of loading, is
spent failing. This version skips a pattern when its expression cannot match — exactly the
case in which the original returns the text unchanged: first when the text lacks every
character one of the expression's mandatory parts needs (a ``[`` for a link, a quote for a
smart quote), else when a search finds nothing. It also reads the pattern list once per
document instead of re-sorting the registry for every lookup.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from markdown import Markdown, util
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor as Pattern
from markdown.treeprocessors import InlineProcessor

# The inline passes Python-Markdown and its smarty extension register, with their priorities.
PASSES = {"inline": 20, "smarty": 6}


class QuickInlineProcessor(InlineProcessor):
    """Python-Markdown's InlineProcessor, searching before trying a pattern."""

    def run(self, tree: Any, ancestors: list[str] | None = None) -> Any:
        """Apply the inline patterns to ``tree`` (see InlineProcessor.run)."""
        self._patterns = list(self.inlinePatterns)
        self._needles = [
            needles(p.compiled_re) if isinstance(p, Pattern) else None for p in self._patterns
        ]  # None: an old-style pattern, applied as Python-Markdown does
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        """Replace what the patterns match in ``data`` with placeholders (same contract)."""
        if isinstance(data, util.AtomicString):
            return data
        patterns = self._patterns
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        start = 0
        while patternIndex < len(patterns):
            pattern, wanted = patterns[patternIndex], self._needles[patternIndex]
            if wanted is not None and (
                (wanted and not any(char in data for char in wanted))
                or pattern.compiled_re.search(data, start) is None
            ):
                patternIndex, start = patternIndex + 1, 0  # what a failed apply returns
                continue
            data, matched, start = apply(pattern, data, patternIndex, start)
            if not matched:
                patternIndex += 1
        return data


class QuickInlineExtension(Extension):
    """Puts QuickInlineProcessor in place of the inline passes; list it last."""

    def extendMarkdown(self, md: Markdown) -> None:
        """Swap each registered inline pass for a quick one sharing its patterns."""
        for name, priority in PASSES.items():
            if name in md.treeprocessors:
                quick = QuickInlineProcessor(md)
                quick.inlinePatterns = md.treeprocessors[name].inlinePatterns
                md.treeprocessors.register(quick, name, priority)


@lru_cache(maxsize=256)
def needles(expression: re.Pattern[str]) -> frozenset[str]:
    """Characters of which every match of ``expression`` holds at least one; empty when
    nothing is known (then the search alone decides)."""
    if expression.flags & re.IGNORECASE:
        return frozenset()
    try:
        from re import _parser  # the standard library's own reading of an expression

        return _sequence(list(_parser.parse(expression.pattern, expression.flags))) or frozenset()
    except Exception:  # an unreadable expression only loses the shortcut
        return frozenset()


def _sequence(items: list) -> frozenset[str] | None:
    """The needles of the first mandatory part of a sequence that has any."""
    for op, value in items:
        found = _part(str(op), value)
        if found:
            return found
    return None


def _part(op: str, value: Any) -> frozenset[str] | None:
    if op == "LITERAL":
        return frozenset(chr(value))
    if op == "IN" and all(str(kind) == "LITERAL" for kind, _ in value):
        return frozenset(chr(code) for _, code in value)
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and value[0] >= 1:
        return _sequence(list(value[2]))
    if op == "SUBPATTERN":
        case_blind = value[1] & re.IGNORECASE  # a group of its own flags: (?i:x)
        return None if case_blind else _sequence(list(value[3]))
    if op == "ATOMIC_GROUP":
        return _sequence(list(value))
    if op == "BRANCH":
        branches = [_sequence(list(branch)) for branch in value[1]]
        if all(branches):
            return frozenset().union(*branches)  # type: ignore[arg-type]
    return None  # lookarounds, classes, anything: no mandatory character known
