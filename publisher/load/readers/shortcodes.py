"""Template syntax in a Markdown body, done as the site's tool does what a book can show.

In order: mdBook's includes (includes.py); text meant to be shown as written (Jekyll's
``{% raw %}``, Hugo's ``{{</* x */>}}``) set aside; Jekyll's includes, highlights and
comments; Hugo's shortcodes (below); Liquid outputs and tags (liquid.py); embeds, remote
images and content tabs (embeds.py). Hugo: ``{{< highlight go >}}`` is a code block,
``{{< figure >}}`` a Markdown image with its caption (so the converter makes a real
figure), ``ref``/``relref`` (and Jekyll's ``post_url`` and ``link``) the path of the
article they name, so the link works in the book (load/book/links.py); ``param`` its value;
a video, tweet or gist a link to it; ``details`` its summary and text. Any other shortcode
is removed and the text between its tags kept, with a warning naming its line: a book
never shows template syntax, and never loses words silently. Code blocks and code spans
are left alone (a post may be about Hugo itself). Liquid runs only for a Jekyll site (or a
plain folder): MkDocs, mdBook and Hugo print ``{{ x }}`` and ``{% x %}`` as written. MkDocs
snippets (``--8<--``, snippets.py) are pulled in first, as pymdownx.snippets does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from publisher.config.site import site_params
from publisher.load.body.locate import mask_code
from publisher.load.readers import embeds, includes, liquid, snippets

if TYPE_CHECKING:
    from publisher.load.article import ArticleContext

_SHORTCODE = re.compile(r"\{\{([<%])\s*(/?)\s*([\w./-]+)(.*?)[>%]\}\}", re.S)
_ESCAPED = re.compile(r"\{\{([<%])/\*(.*?)\*/([>%])\}\}", re.S)
_ESCAPED_MDBOOK = re.compile(r"\\\{\{#[^}\n]*\}\}")
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
_POST_URL = re.compile(r"\{%-?\s*(post_url|link)\s+([^\s%]+)\s*-?%\}")
_ATTRIBUTE = re.compile(r'([\w-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|`([^`]*)`|(\S+))')
_POSITIONAL = re.compile(r'"((?:[^"\\]|\\.)*)"|`([^`]*)`|([^\s"`=]+)(?!\s*=)')
_KEEP = "\x00{}\x00"  # a piece set aside, restored at the end


@dataclass(frozen=True)
class Leftover:
    """A change worth a warning: its 0-based line in the body and what was done."""

    line: int
    message: str


def expand(
    body: str,
    path: Path | None = None,
    ctx: ArticleContext | None = None,
    meta: dict[str, Any] | None = None,
) -> tuple[str, list[Leftover]]:
    """The body with every template construct done or removed, and the warnings."""
    found: list[Leftover] = []

    def report(line: int, message: str) -> None:
        found.append(Leftover(line, message))

    tool = ctx.tool if ctx else None
    root = ctx.root if ctx else (path.parent if path else Path("."))
    if path is not None and "{{#" in body:
        body = includes.mdbook_includes(body, path, root, report)
    if tool == "mdbook":
        body = includes.hide_rust_lines(body)
    if tool == "mkdocs":
        body = _snippets(body, ctx, report)
        body = _html_from_page_address(body, path) if path is not None and "<img" in body else body
    kept: list[str] = []
    body = _set_aside(body, kept)
    liquid_site = tool in (None, "jekyll")  # MkDocs, mdBook, Hugo never run Liquid
    if "{%" in body and liquid_site:
        site = (ctx.site if ctx else None) or root
        if path is not None:
            body = includes.jekyll_includes(body, path, tuple(dict.fromkeys((root, site))), report)
        body = _set_aside(liquid.comments(liquid.highlights(body)), kept)
        body = _outside_code(body, _POST_URL, _jekyll_link)
    if "{{<" in body or "{{%" in body:
        body = _hugo(body, report, _site_params(ctx))
    if ("{{" in body or "{%" in body) and liquid_site:
        site_folder = (ctx.site if ctx else None) or root
        body = liquid.render(
            body, mask_code(body), liquid.site_values(site_folder), meta or {}, report
        )
    if "<" in body:
        body = embeds.embeds(body, report)
    if ctx is None or ctx.remote is None:
        body = embeds.remote_images(body, report)
    if tool == "mkdocs":
        body = re.sub(r"(?m)^(\s*)\?\?\?\+?(?=\s)", r"\1!!!", embeds.tabs(body))
    body = _restore(body, kept)
    found.sort(key=lambda leftover: leftover.line)
    return body, found


def _snippets(body: str, ctx: ArticleContext | None, report: Callable[[int, str], None]) -> str:
    """MkDocs snippets, looked up as the site's ``mkdocs.yml`` says (readers/snippets.py)."""
    if ctx is None:
        return body
    folders = tuple(dict.fromkeys(f for f in (ctx.site, ctx.root, ctx.root.parent) if f))
    settings = snippets.snippet_settings(folders)
    return snippets.snippets(body, settings, report) if settings else body


_HTML_SRC = re.compile(r"""(<img\b[^>]*?\bsrc\s*=\s*["'])(\.\./[^"']+)(["'])""", re.I)


def _html_from_page_address(body: str, path: Path) -> str:
    """MkDocs rewrites Markdown's image paths but not raw HTML's, whose relative addresses
    count from the page's address (``page/`` for ``page.md``): one ``../`` more than from
    the file. Such a path that only works from the address is read as the file's."""
    if path.stem.lower() in ("index", "readme"):
        return body

    def fix(match: re.Match) -> str:
        src = match.group(2)
        if (path.parent / src).exists() or not (path.parent / src[3:]).exists():
            return match.group(0)
        return match.group(1) + src[3:] + match.group(3)

    return _HTML_SRC.sub(fix, body)


def _set_aside(body: str, kept: list[str]) -> str:
    """Raw blocks and escaped shortcodes → placeholders, restored as written at the end."""

    def keep(text: str) -> str:
        kept.append(text)
        return _KEEP.format(len(kept) - 1)

    body = _RAW.sub(lambda m: keep(m.group(1)), body)
    body = _ESCAPED_MDBOOK.sub(lambda m: keep(m.group(0)[1:]), body)
    return _ESCAPED.sub(lambda m: keep("{{" + m.group(1) + m.group(2) + m.group(3) + "}}"), body)


def _restore(body: str, kept: list[str]) -> str:
    for _ in range(3):  # a raw block may hold an escaped shortcode
        if "\x00" not in body:
            break
        body = re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], body)
    return body


def _site_params(ctx: ArticleContext | None) -> dict[str, Any]:
    return site_params(ctx.site or ctx.root) if ctx is not None else {}


def _hugo(body: str, report: Callable[[int, str], None], params: dict[str, Any]) -> str:
    """Every shortcode outside code done, paired ones with the text between their tags."""
    masked = mask_code(body)
    pieces: list[str] = []
    done = 0
    for match in _SHORTCODE.finditer(masked):
        if match.start() < done:
            continue
        line = masked.count("\n", 0, match.start())
        name, closing = match.group(3), bool(match.group(2))
        pieces.append(body[done : match.start()])
        done = match.end()
        if closing:
            continue  # a closing tag whose opening was handled (or stray): nothing to print
        original = body[match.start() : match.end()]
        end = _closing(masked, name, match.end())
        inner = body[match.end() : end.start()] if end else None
        if end:
            done = end.end()
        pieces.append(_shortcode(name, original, inner, line, report, params))
    return "".join(pieces) + body[done:]


def _closing(masked: str, name: str, start: int) -> re.Match | None:
    """The closing tag of a paired shortcode, if there is one before the next opening."""
    closing = re.compile(r"\{\{[<%]\s*/\s*" + re.escape(name) + r"\s*[>%]\}\}")
    return closing.search(masked, start)


def _shortcode(
    name: str,
    original: str,
    inner: str | None,
    line: int,
    report: Callable[[int, str], None],
    params: dict[str, Any],
) -> str:
    arguments = _arguments(original)
    padding = "\n" * original.count("\n")
    if name in REPLACED and inner is None:
        return REPLACED[name](original)
    if name == "highlight" and inner is not None:
        language = arguments.get("0", "")
        code = inner.strip("\n")
        ticks = "~~~~" if "```" in code else "```"
        return f"{padding}{ticks}{language}\n{code}\n{ticks}"
    if name in EMBEDS:
        address, title = EMBEDS[name](arguments)
        report(line, f"Hugo shortcode '{name}' cannot be printed: replaced by a link to {address}")
        return f"[{_escape_brackets(title or address)}](<{address}>){padding}" + (inner or "")
    if name == "param":
        value = _param(params, arguments.get("name") or arguments.get("0", ""))
        if value is None:
            report(
                line, f"Hugo shortcode 'param {arguments.get('0', '')}' has no value here: removed"
            )
            return padding
        return str(value) + padding
    if name.endswith(".inline"):
        report(line, f"Hugo inline shortcode '{name}' is a template: its template code is removed")
        return padding + re.sub(r"\{\{-?.*?-?\}\}", "", inner or "", flags=re.S)
    if name == "details" and inner is not None:
        summary = arguments.get("summary") or arguments.get("0") or ""
        return f"{padding}**{summary}**\n\n{inner.strip(chr(10))}" if summary else inner
    if inner is not None:
        report(
            line,
            f"Hugo shortcode '{name}' removed: only Hugo can run it; the text inside it is kept",
        )
        return padding + inner
    report(line, f"Hugo shortcode '{name}' removed: only Hugo can run it")
    return padding


def _arguments(shortcode: str) -> dict[str, str]:
    """Named arguments by name, positional ones by position ("0", "1", …)."""
    inside = re.sub(r"^\{\{[<%]\s*[\w./-]+|[>%]\}\}$", "", shortcode.strip())
    found = {
        key.lower(): (
            quoted if quoted is not None else ticked if ticked is not None else bare
        ).replace('\\"', '"')
        for key, quoted, ticked, bare in _ATTRIBUTE.findall(inside)
    }
    bare_text = _ATTRIBUTE.sub("", inside)
    for number, (quoted, ticked, bare) in enumerate(_POSITIONAL.findall(bare_text)):
        found[str(number)] = quoted or ticked or bare
    return found


def _param(params: dict[str, Any], name: str) -> Any:
    value: Any = params
    for key in name.split("."):
        lowered = {str(k).lower(): v for k, v in value.items()} if isinstance(value, dict) else {}
        if key.lower() not in lowered:
            return None
        value = lowered[key.lower()]
    return value if not isinstance(value, (dict, list)) else None


def _outside_code(body: str, pattern: re.Pattern, replace: Callable[[re.Match], str]) -> str:
    masked = mask_code(body)
    pieces, done = [], 0
    for match in pattern.finditer(masked):
        original = pattern.match(body, match.start())
        if original:
            pieces += [body[done : match.start()], replace(original)]
            done = match.end()
    return "".join(pieces) + body[done:]


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


def _youtube(arguments: dict[str, str]) -> tuple[str, str | None]:
    video = arguments.get("id") or arguments.get("0", "")
    return f"https://www.youtube.com/watch?v={video}", arguments.get("title")


def _vimeo(arguments: dict[str, str]) -> tuple[str, str | None]:
    video = arguments.get("id") or arguments.get("0", "")
    return f"https://vimeo.com/{video}", arguments.get("title")


def _gist(arguments: dict[str, str]) -> tuple[str, str | None]:
    user = arguments.get("user") or arguments.get("0", "")
    gist = arguments.get("id") or arguments.get("1", "")
    file = arguments.get("file") or arguments.get("2")
    return f"https://gist.github.com/{user}/{gist}", f"Gist {file}" if file else None


def _tweet(arguments: dict[str, str]) -> tuple[str, str | None]:
    user = arguments.get("user") or (
        "i" if "0" in arguments and "1" not in arguments else arguments.get("0", "i")
    )
    post = arguments.get("id") or arguments.get("1") or arguments.get("0", "")
    return f"https://x.com/{user}/status/{post}", arguments.get("title")


def _instagram(arguments: dict[str, str]) -> tuple[str, str | None]:
    post = arguments.get("id") or arguments.get("0", "")
    return f"https://www.instagram.com/p/{post}/", arguments.get("title")


# Embeds: name → (address, title) from the shortcode's arguments.
EMBEDS: dict[str, Callable[[dict[str, str]], tuple[str, str | None]]] = {
    "youtube": _youtube,
    "youtube_simple": _youtube,
    "vimeo": _vimeo,
    "vimeo_simple": _vimeo,
    "gist": _gist,
    "tweet": _tweet,
    "twitter": _tweet,
    "twitter_simple": _tweet,
    "x": _tweet,
    "x_simple": _tweet,
    "instagram": _instagram,
    "instagram_simple": _instagram,
}
