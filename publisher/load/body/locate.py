"""Find the file line of a piece of raw HTML or a link in a Markdown body.

The converter does not keep source positions, so a finding carries a text (``<script``,
``onclick``, a URL) that is searched for here. Code blocks and code spans are blanked out
first: a ``<script>`` shown as code is text, not the element that was removed. Repeated
findings of the same text take successive occurrences.
"""

from __future__ import annotations

import re

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)[^\n]+?\1")


class SourceIndex:
    """Where texts occur in a Markdown body, ignoring code, as 1-based file lines."""

    def __init__(self, body: str, body_line: int) -> None:
        self.text = mask_code(body).lower()
        self.body_line = body_line
        self.after: dict[str, int] = {}

    def line(self, needle: str) -> int | None:
        """The file line of the next occurrence of ``needle`` (case-insensitive), if any."""
        key = needle.lower()
        if not key:
            return None
        start = self.after.get(key, 0)
        index = self.text.find(key, start)
        if index < 0 and start:
            index = self.text.find(key)  # more findings than occurrences: reuse the first
        if index < 0:
            return None
        self.after[key] = index + len(key)
        return self.body_line + self.text.count("\n", 0, index)

    def reference_line(self, address: str) -> int | None:
        """The file line of the next place ``address`` is written as a reference: in
        ``](…)``, ``src="…"`` or a ``[label]: …`` definition, where a bare occurrence of
        the same text elsewhere (a word ``x``, ``/etc/passwd`` inside ``../etc/passwd``)
        does not count. Falls back to the next occurrence of the text at all."""
        key = address.strip().lower()
        if not key:
            return None
        pattern = re.compile(
            rf"(?:\]\(\s*<?|src\s*=\s*[\"']?|^[ ]{{0,3}}\[[^\]\n]+\]:[ \t]*<?)"
            rf"({re.escape(key)})(?=[\s\"')>]|$)",
            re.MULTILINE,
        )
        slot = "ref:" + key
        start = self.after.get(slot, 0)
        match = pattern.search(self.text, start) or (pattern.search(self.text) if start else None)
        if match is None:
            return self.line(address)
        self.after[slot] = match.end(1)
        return self.body_line + self.text.count("\n", 0, match.start(1))


def mask_code(body: str) -> str:
    """The body with fenced code blocks and code spans blanked out by spaces (same length)."""
    lines = body.split("\n")
    fence = ""
    for number, line in enumerate(lines):
        opened = _FENCE.match(line)
        if fence:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = ""
            lines[number] = " " * len(line)  # same length: offsets stay valid
        elif opened:
            fence = opened.group(1)
    masked = "\n".join(lines)
    return _CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), masked)
