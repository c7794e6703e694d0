"""A faster drop-in for Python-Markdown's inline pass, with the same output.

Python-Markdown tries each of its inline patterns (links, emphasis, code, smart quotes…) on
every run of text, through a method call that does several checks before it searches. Most
patterns find nothing in most runs, so most of the inline pass, itself most of loading, is
spent failing. This version searches first and skips the pattern when its expression cannot
match: exactly the case in which the original returns the text unchanged. It also reads the
pattern list once per document instead of re-sorting the registry for every lookup.
"""

from __future__ import annotations

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
        return super().run(tree, ancestors)

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        """Replace what the patterns match in ``data`` with placeholders (same contract)."""
        if isinstance(data, util.AtomicString):
            return data
        patterns = self._patterns
        apply = self._InlineProcessor__applyPattern  # type: ignore[attr-defined]
        start = 0
        while patternIndex < len(patterns):
            pattern = patterns[patternIndex]
            if isinstance(pattern, Pattern) and pattern.compiled_re.search(data, start) is None:
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
