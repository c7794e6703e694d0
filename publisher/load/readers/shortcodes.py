"""Hugo shortcodes and Jekyll (Liquid) tags found in a Markdown body.

``{{< figure src="…" caption="…" >}}`` becomes a Markdown image with its caption, which the
converter turns into a real figure. Hugo's ``ref``/``relref`` and Jekyll's ``post_url`` and
``link`` become the path of the article they name, so the link works in the book
(load/book/links.py). Every other shortcode or Liquid tag stays in the text as
written, visible to the reader, with a warning naming its line: a book never loses words
silently, and the editor sees where the blog's templates did work that a book cannot do.
Code blocks and code spans are left alone (a post may be about Hugo itself).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from publisher.load.body.locate import mask_code

_SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)\s*([\w./-]+)(.*?)[>%]\}\}", re.S)
_LIQUID = re.compile(r"\{%-?\s*(\w+).*?-?%\}|\{\{-?\s*([\w.|\[\]'\" ]+?)\s*-?\}\}", re.S)
_POST_URL = re.compile(r"\{%-?\s*(post_url|link)\s+([^\s%]+)\s*-?%\}")
_ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+))')


@dataclass(frozen=True)
class Leftover:
    """A shortcode or tag kept as text: its 0-based line in the body and what it is."""

    line: int
    message: str


def expand(body: str) -> tuple[str, list[Leftover]]:
    """The body with figure shortcodes turned into Markdown images (line count unchanged),
    and the shortcodes and Liquid tags left as text."""
    if "{{" not in body and "{%" not in body:
        return body, []
    body = _outside_code(body, _POST_URL, _jekyll_link)
    masked = mask_code(body)
    pieces: list[str] = []
    leftovers: list[Leftover] = []
    done = 0
    spans: list[range] = []
    for match in _SHORTCODE.finditer(masked):
        spans.append(range(match.start(), match.end()))
        line = masked.count("\n", 0, match.start())
        original = body[match.start() : match.end()]
        name = match.group(3)
        if name in REPLACED and not match.group(2):
            pieces += [body[done : match.start()], REPLACED[name](original)]
            done = match.end()
            continue
        if not match.group(2):
            leftovers.append(Leftover(line, _kept("Hugo shortcode", name)))
    pieces.append(body[done:])
    for match in _LIQUID.finditer(masked):
        if any(match.start() in span for span in spans):
            continue
        name = match.group(1) or (match.group(2) or "").split(".")[0].split("|")[0].strip()
        if not name.startswith("end"):
            line = masked.count("\n", 0, match.start())
            leftovers.append(Leftover(line, _kept("Liquid tag", name)))
    leftovers.sort(key=lambda found: found.line)
    return "".join(pieces), leftovers


def _outside_code(body: str, pattern: re.Pattern, replace: Callable[[re.Match], str]) -> str:
    masked = mask_code(body)
    pieces, done = [], 0
    for match in pattern.finditer(masked):
        original = pattern.match(body, match.start())
        if original:
            pieces += [body[done : match.start()], replace(original)]
            done = match.end()
    return "".join(pieces) + body[done:]


def _kept(kind: str, name: str) -> str:
    return f"{kind} '{name}' is not supported and is left in the text as written"


def _figure(shortcode: str) -> str:
    """``{{< figure … >}}`` → ``![alt](src "caption")``, padded to the same number of lines."""
    attributes = {
        key.lower(): (quoted if quoted is not None else ticked if ticked is not None else bare)
        for key, quoted, ticked, bare in _ATTRIBUTE.findall(shortcode)
    }
    src = attributes.get("src", "").replace('\\"', '"')
    caption = _caption(attributes.get("title", ""), attributes.get("caption", ""))
    alt = _escape_brackets(attributes.get("alt", "").replace('\\"', '"'))
    title = f' "{_quote_entities(caption)}"' if caption else ""
    target = f"<{src}>" if re.search(r"\s", src) else src
    return f"![{alt}]({target}{title})" + "\n" * shortcode.count("\n")


def _reference(shortcode: str) -> str:
    """``{{< ref "post.md#x" >}}`` → ``post.md#x``; a name without a suffix gets ``.md``."""
    found = re.search(r'"([^"]*)"|`([^`]*)`|\s([^\s">%]+)\s*[>%]\}\}', shortcode)
    target = next((g for g in found.groups() if g), "") if found else ""
    return _with_suffix(target.strip()) + "\n" * shortcode.count("\n")


def _jekyll_link(match: re.Match) -> str:
    """``{% post_url 2019-06-14-slug %}`` → ``2019-06-14-slug.md`` (found by name)."""
    return _with_suffix(match.group(2))


def _with_suffix(target: str) -> str:
    path, hash_, anchor = target.partition("#")
    if path and not re.search(r"\.(md|markdown|txt)$", path, re.I):
        path = path.rstrip("/") + ".md"
    return path + hash_ + anchor


def _caption(title: str, caption: str) -> str:
    """Hugo prints a figure's title above its caption; a book's caption holds both."""
    title, caption = (" ".join(t.replace('\\"', '"').split()) for t in (title, caption))
    if title and caption:
        return f"{title}{'' if title[-1] in '.!?:' else '.'} {caption}"
    return title or caption


def _escape_brackets(text: str) -> str:
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _quote_entities(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;")


# Shortcodes that become Markdown: name → converter of the whole shortcode text.
REPLACED: dict[str, Callable[[str], str]] = {
    "figure": _figure,
    "ref": _reference,
    "relref": _reference,
}
