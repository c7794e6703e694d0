"""The body of newsroom copy: lines → blocks → elements → Markdown. Pure functions.

Paragraphs are separated by blank lines; a block of short lines of similar width is one
hard-wrapped paragraph, a block of long lines is one paragraph per line. Elements are
paragraphs, subheads (``##``), captions (``Photo: …``), bullet and numbered lists, pull quotes
and section breaks. Text is escaped so that Markdown never reinterprets it: what was typed is
what is printed.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

WRAP_MAX = 100  # a block line wider than this was not hard-wrapped
SHORT_LINE = 0.6  # a line this much shorter than the block's width ends a paragraph

_BULLET = re.compile(r"^(?:[-*•–·▪◦]|(?P<num>\d{1,2})[.)])\s+(?P<text>\S.*)$")
_CAPTION = re.compile(
    r"^\(?(?:photo(?:graph)?s?|picture|image|caption|pictured|above|below|top|left|right|"
    r"illustration|graphic|chart|map|video|图片?|摄影)(?:\s*\([^)]*\))?\s*[:：|]\s*\S",
    re.I,
)
_RULE = re.compile(r"^(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|⁂|§)$")
_TERMINAL = tuple('.!?…"”’)»」』。！？）')
_QUOTES = {"“": "”", '"': '"', "‘": "’", "«": "»", "「": "」", "『": "』"}
_ATTRIBUTION = re.compile(r"^\s*[—–-]{1,2}\s*\S.{0,60}$")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_CJK_TERMINAL = ("。", "，", "；", "：", "！", "…", "”", "」", "』", "）", ".", ",")
_END_MARKERS = re.compile(r"^(?:ends?|-30-|#+|# # #|xxx)$", re.I)


@dataclass(frozen=True)
class Line:
    """One line of the copy: its 1-based number and its text, trimmed."""

    number: int
    text: str


@dataclass(frozen=True)
class Element:
    """One body element and the line it starts on."""

    kind: str  # paragraph | subhead | caption | quote | list | olist | rule
    line: int
    text: str = ""
    items: tuple[str, ...] = ()
    start: int = 1  # first number of an ordered list


def blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of consecutive non-blank lines."""
    found: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.text:
            current.append(line)
        elif current:
            found.append(current)
            current = []
    if current:
        found.append(current)
    return found


def elements(block: list[Line]) -> list[Element]:
    """A block → its elements (usually one paragraph; several if lines were not wrapped)."""
    return [_classify(chunk) for chunk in _chunks(block)]


def finish(found: list[Element]) -> list[Element]:
    """Final touches on the sequence: a 'subhead' with nothing after it is a paragraph."""
    result = list(found)
    for index, element in enumerate(result):
        later = result[index + 1 :]
        if element.kind == "subhead" and not any(e.kind != "rule" for e in later):
            result[index] = Element("paragraph", element.line, element.text)
    return result


def width(text: str) -> int:
    """Display width: East Asian wide characters count twice."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def join_lines(texts: list[str]) -> str:
    """Join hard-wrapped lines: a space between words, none between CJK characters or
    after a word broken at a hyphen."""
    out = ""
    for text in texts:
        if not out:
            out = text
        elif _CJK.match(out[-1]) or _CJK.match(text[0]) or re.search(r"\w-$", out):
            out += text
        else:
            out += " " + text
    return out


def is_subhead(text: str) -> bool:
    """Short, no closing full stop, starts with a capital: a subhead (may end in '?')."""
    if _CJK.search(text) and not re.search(r"[A-Za-z]{2}", text):
        return width(text) <= 40 and not text.endswith(_CJK_TERMINAL)
    words = text.split()
    if not 1 <= len(words) <= 12 or len(text) > 90 or _END_MARKERS.match(text):
        return False
    if re.search(r"@|://|www\.", text):  # a contact line or an address, not a heading
        return False
    if text.endswith(("?", "？")):
        return text[0].isupper() or text[0].isdigit()
    if text.endswith((*_TERMINAL, ",", ";", ":")) or text.startswith(tuple(_QUOTES)):
        return False
    return text[0].isupper() or text[0].isdigit()


def to_markdown(found: list[Element], align: bool = False) -> str:
    """Markdown for the elements. ``align`` starts each on its own source line number
    (padding with blank lines) so that line numbers in messages match the copy."""
    out: list[str] = []
    for element in found:
        chunk = _markdown(element)
        if align:
            gap = max(1, element.line - len(out) - 1) if out else element.line - 1
            out.extend([""] * gap)
        elif out:
            out.append("")
        out.extend(chunk.split("\n"))
    return "\n".join(out) + "\n"


def escape(text: str) -> str:
    """Plain text → Markdown that renders as exactly that text."""
    text = text.replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;")
    text = re.sub(r"([`*_\[\]{}|#])", r"\\\1", text)
    text = re.sub(r"^([-+>=~])", r"\\\1", text)
    text = re.sub(r"^(\d+)([.)])", r"\1\\\2", text)
    return re.sub(r"^:", "&#58;", text)


def _markdown(element: Element) -> str:
    kind = element.kind
    if kind == "subhead":
        return f"## {escape(element.text)}"
    if kind == "caption":
        return f"{escape(element.text)}\n{{: .caption}}"
    if kind == "quote":
        return f"> {escape(element.text)}"
    if kind == "list":
        return "\n".join(f"- {escape(item)}" for item in element.items)
    if kind == "olist":
        return "\n".join(
            f"{element.start + n}. {escape(item)}" for n, item in enumerate(element.items)
        )
    if kind == "rule":
        return "* * *"
    return escape(element.text)


def _chunks(block: list[Line]) -> list[list[Line]]:
    """Split a block into the lines of each element."""
    if len(block) == 1:
        return [block]
    widths = [width(line.text) for line in block]
    if max(widths[:-1]) > WRAP_MAX:
        return _one_per_line(block)
    wrap = max(widths)
    chunks = [[block[0]]]
    for prev, line in itertools.pairwise(block):
        if _starts_new(prev, line, chunks[-1], wrap):
            chunks.append([line])
        else:
            chunks[-1].append(line)
    return chunks


def _one_per_line(block: list[Line]) -> list[list[Line]]:
    """Unwrapped copy: each line is a paragraph, but consecutive list lines stay one list."""
    chunks: list[list[Line]] = []
    for line in block:
        if chunks and _BULLET.match(line.text) and _BULLET.match(chunks[-1][0].text):
            chunks[-1].append(line)
        else:
            chunks.append([line])
    return chunks


def _starts_new(prev: Line, line: Line, chunk: list[Line], wrap: int) -> bool:
    in_list = bool(_BULLET.match(chunk[0].text))
    ended = prev.text.endswith((*_TERMINAL, ":", "："))
    if _BULLET.match(line.text):
        return not in_list and ended
    if line.text.startswith(">") != prev.text.startswith(">"):
        return True
    short = width(prev.text) < SHORT_LINE * wrap
    if in_list:
        return short and ended
    return short and (ended or (len(chunk) == 1 and is_subhead(prev.text)))


def _classify(chunk: list[Line]) -> Element:
    first = chunk[0]
    texts = [line.text for line in chunk]
    if len(chunk) == 1 and _RULE.match(first.text):
        return Element("rule", first.number)
    if _BULLET.match(first.text):
        return _list(chunk)
    if first.text.startswith(">"):
        quoted = [t.lstrip(">").strip() for t in texts]
        return Element("quote", first.number, join_lines([t for t in quoted if t]))
    text = join_lines(texts)
    if _CAPTION.match(text):
        return Element("caption", first.number, text)
    if len(chunk) == 1 and _is_quoted_subhead(text):
        return Element("subhead", first.number, text)
    if _is_pull_quote(text):
        return Element("quote", first.number, text)
    if len(chunk) == 1 and is_subhead(text):
        return Element("subhead", first.number, text)
    return Element("paragraph", first.number, text)


def _list(chunk: list[Line]) -> Element:
    items: list[list[str]] = []
    numbers: list[int] = []
    for line in chunk:
        match = _BULLET.match(line.text)
        if match:
            items.append([match.group("text")])
            numbers.append(int(match.group("num") or 0))
        else:
            items[-1].append(line.text)
    joined = tuple(join_lines(item) for item in items)
    ordered = all(numbers) and numbers == list(range(numbers[0], numbers[0] + len(numbers)))
    if ordered and len(numbers) > 1:
        return Element("olist", chunk[0].number, items=joined, start=numbers[0])
    if any(numbers):  # "1984. That year…" is a paragraph, not a one-item list
        return Element("paragraph", chunk[0].number, join_lines([c.text for c in chunk]))
    return Element("list", chunk[0].number, items=joined)


def _is_quoted_subhead(text: str) -> bool:
    """'“A Wall That Holds”', '“为什么是现在？”': a short quoted heading, nothing after the
    closing mark, no sentence ending inside (a quoted sentence is a pull quote)."""
    closing = _QUOTES.get(text[:1])
    if not closing or len(text) < 3 or not text.endswith(closing) or closing in text[1:-1]:
        return False
    inner = text[1:-1].strip()
    if not inner or inner.endswith((".", ",", ";", ":", "…", "。", "，", "；", "：")):
        return False
    return is_subhead(inner) and len(inner.split()) <= 10


def _is_pull_quote(text: str) -> bool:
    """A block that is one quotation and nothing else (an attribution dash may follow)."""
    opening = text[:1]
    closing = _QUOTES.get(opening)
    if not closing:
        return False
    end = text.find(closing, 1)
    if end < 0 or (closing == opening and text.count(closing) != 2):
        return False
    if closing != opening and text.count(closing) != 1:
        return False
    tail = text[end + 1 :]
    return not tail.strip() or bool(_ATTRIBUTION.match(tail))
