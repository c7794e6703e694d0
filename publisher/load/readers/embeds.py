"""What a web page shows and a book cannot: embeds, remote images, tabs.

An embedded player or page (``<iframe>``, ``<video>``, ``<audio>``, ``<embed>``,
``<object>``) becomes a link to it, titled by its ``title`` or its address. A remote image
is not fetched unless the build allows it (``--allow-remote``): it is replaced by its alt
text (or "image: ADDRESS"), and a badge (an image inside a link, as READMEs show build
status) is dropped. Content tabs (``=== "Title"``, MkDocs Material) are printed one after
another, each under its title. Each change is reported with its line.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from publisher.load.body.locate import mask_code

Report = Callable[[int, str], None]
_EMBED = re.compile(r"<(iframe|video|audio|embed|object)\b([^>]*)>(?:(.*?)</\1\s*>)?", re.S | re.I)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_REMOTE = r"(?:(?![Ff][Ii][Ll][Ee]:)[A-Za-z][\w+.-]*:)?//[^\s)<>\"']+"
_BADGE = re.compile(rf"\[\s*!\[([^\]]*)\]\(\s*<?({_REMOTE})>?(?:\s+\"[^\"]*\")?\s*\)\s*\]\([^)]*\)")
_IMAGE = re.compile(rf"!\[([^\]]*)\]\(\s*<?({_REMOTE})>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
_HTML_IMAGE = re.compile(r"<img\b([^>]*)>", re.I)
_REFERENCE = re.compile(rf"^ {{0,3}}\[([^\]]+)\]:\s*<?({_REMOTE})>?.*$", re.M)
_TAB = re.compile(r'^(\s*)===[!+]?\s+"(.*)"\s*$')


def embeds(body: str, report: Report) -> str:
    """Each embed outside code → a link to what it shows."""

    def link(match: re.Match, line: int) -> str:
        attributes = _attributes(match.group(2))
        inner = match.group(3) or ""
        address = attributes.get("src") or attributes.get("data")
        if not address:
            source = re.search(r"""<source\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)""", inner, re.I)
            address = source.group(1) if source else None
        if not address or not re.match(r"(?:https?:)?//", address, re.I):
            return match.group(0)  # nothing on the web to point at: the sanitiser's business
        title = attributes.get("title") or attributes.get("aria-label")
        kind = match.group(1).lower()
        report(line, f"<{kind}> cannot be printed: replaced by a link to {address}")
        fallback = re.sub(r"<source\b[^>]*>|<track\b[^>]*>", "", inner).strip()
        return f"[{_escape(title or address)}](<{address}>)" + (f" {fallback}" if fallback else "")

    return _outside_code(body, _EMBED, link)


def remote_images(body: str, report: Report) -> str:
    """Remote images (not fetched) → their alt text; badges dropped."""

    def badge(match: re.Match, line: int) -> str:
        report(
            line,
            f"badge '{match.group(1) or match.group(2)}' dropped: remote images are not "
            "fetched (--allow-remote fetches them)",
        )
        return ""

    def image(match: re.Match, line: int) -> str:
        return _instead(match.group(1), match.group(2), report, line)

    def html(match: re.Match, line: int) -> str:
        attributes = _attributes(match.group(1))
        src = attributes.get("src", "")
        if not re.match(_REMOTE, src):
            return match.group(0)
        return _instead(attributes.get("alt", ""), src, report, line)

    body = _outside_code(body, _BADGE, badge)
    body = _outside_code(body, _IMAGE, image)
    body = _outside_code(body, _HTML_IMAGE, html)
    references = {m.group(1).lower(): m.group(2) for m in _REFERENCE.finditer(mask_code(body))}
    if references:
        used = re.compile(r"!\[([^\]]*)\](?:\[([^\]]*)\])?")

        def by_reference(match: re.Match, line: int) -> str:
            key = (match.group(2) or match.group(1)).lower()
            if key not in references:
                return match.group(0)
            return _instead(match.group(1), references[key], report, line)

        body = _outside_code(body, used, by_reference)
    return body


def _instead(alt: str, address: str, report: Report, line: int) -> str:
    report(
        line,
        f"remote image '{address}' not fetched: its alt text is printed instead "
        "(--allow-remote fetches https images)",
    )
    text = " ".join(alt.split())
    return _escape(text) if text else f"image: {address}"


def tabs(body: str) -> str:
    """``=== "Title"`` and its indented content → the title in bold, then the content."""
    if "===" not in body:
        return body
    lines = body.split("\n")
    depth: int | None = None
    for number, line in enumerate(lines):
        tab = _TAB.match(line)
        if tab:
            indent = tab.group(1)
            lines[number] = f"{indent}**{tab.group(2)}**"
            depth = len(indent.expandtabs(4)) + 4
        elif depth is not None:
            expanded = line.expandtabs(4)
            if not expanded.strip():
                continue
            if len(expanded) - len(expanded.lstrip()) >= depth:
                lines[number] = expanded[: depth - 4] + expanded[depth:]
            else:
                depth = None
    return "\n".join(lines)


def _attributes(text: str) -> dict[str, str]:
    return {m[0].lower(): m[1] or m[2] or m[3] for m in _ATTR.findall(text)}


def _escape(text: str) -> str:
    return re.sub(r"([\\\[\]*_`<>])", r"\\\1", text)


def _outside_code(body: str, pattern: re.Pattern, replace: Callable[[re.Match, int], str]) -> str:
    masked = mask_code(body)
    pieces, done = [], 0
    for match in pattern.finditer(masked):
        original = pattern.match(body, match.start())
        if original is None or original.end() != match.end():
            continue
        pieces += [
            body[done : match.start()],
            replace(original, masked.count("\n", 0, match.start())),
        ]
        done = match.end()
    return "".join(pieces) + body[done:]
