"""Liquid in a Jekyll page, done as Jekyll does what a book can show.

``{{ site.x }}`` takes its value from the site's ``_config.yml`` (``site.data.x`` from
``_data/x.yml``), ``{{ page.x }}`` from the page's front matter, a quoted string is itself;
the common filters apply (``relative_url``, ``upcase``, ``default``, ``append``…).
``{% highlight lang %}…{% endhighlight %}`` is a code block, ``{% raw %}…{% endraw %}``
text shown as written (see shortcodes.py), ``{% comment %}`` prints nothing, ``{% assign %}``
names a value. What only a running site can decide (``{% if %}``, ``{% for %}``, a variable
with no value here) is removed, its text kept, with a warning naming the line: a book never
shows template syntax, and never loses words silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from publisher.config.site import read_settings

Report = Callable[[int, str], None]
_OUTPUT = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
_TAG = re.compile(r"\{%-?\s*(\w+)(.*?)-?%\}", re.S)
_HIGHLIGHT = re.compile(
    r"\{%-?\s*highlight\s+([\w+#.-]+)?[^%]*?-?%\}[ \t]*\n?(.*?)\n?[ \t]*"
    r"\{%-?\s*endhighlight\s*-?%\}",
    re.S,
)
_COMMENT = re.compile(r"\{%-?\s*comment\s*-?%\}.*?\{%-?\s*endcomment\s*-?%\}", re.S)
_ASSIGN = re.compile(r"""^\s*([\w-]+)\s*=\s*(.+?)\s*$""", re.S)
_STRING = re.compile(r"""^(?:"([^"]*)"|'([^']*)')$""")
_QUIET_TAGS = {"assign", "endraw", "raw"}


def highlights(body: str) -> str:
    """``{% highlight ruby %}…{% endhighlight %}`` → a fenced block in that language."""

    def fence(match: re.Match) -> str:
        code = match.group(2)
        ticks = "~~~~" if "```" in code else "```"
        return f"{ticks}{match.group(1) or ''}\n{code}\n{ticks}"

    return _HIGHLIGHT.sub(fence, body)


def comments(body: str) -> str:
    """Comments print nothing; their lines stay, blank, so line numbers stay right."""
    return _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body)


@cache
def site_values(folder: Path | None) -> dict[str, Any]:
    """``site``: the site's ``_config.yml`` values, and its ``_data`` files as ``site.data``."""
    if folder is None:
        return {}
    values: dict[str, Any] = {}
    for name in ("_config.yml", "_config.yaml", "_config.toml"):
        values = read_settings(folder / name)
        if values:
            break
    data = {}
    if (folder / "_data").is_dir():
        for path in sorted((folder / "_data").iterdir()):
            if path.suffix.lower() in (".yml", ".yaml", ".json", ".toml"):
                data[path.stem] = read_settings(path)
    return {**values, "data": data}


def render(
    body: str, masked: str, site: dict[str, Any], page: dict[str, Any], report: Report
) -> str:
    """Outputs and tags outside code (``masked`` is the body with code blanked) resolved."""
    names: dict[str, Any] = {"site": site, "page": page}
    spans = [(m.start(), m.end(), "output", m) for m in _OUTPUT.finditer(masked)]
    spans += [(m.start(), m.end(), "tag", m) for m in _TAG.finditer(masked)]
    pieces, done = [], 0
    for start, end, kind, _match in sorted(spans, key=lambda s: s[0]):
        if start < done:
            continue
        line = masked.count("\n", 0, start)
        original = body[start:end]
        pieces.append(body[done:start])
        done = end
        if kind == "output":
            pieces.append(_output(_OUTPUT.match(original).group(1), names, report, line))
        else:
            pieces.append(_tag(_TAG.match(original), names, report, line))
    return "".join(pieces) + body[done:]


def _tag(match: re.Match, names: dict[str, Any], report: Report, line: int) -> str:
    name, rest = match.group(1), match.group(2).strip()
    if name == "assign":
        found = _ASSIGN.match(rest)
        if found:
            names[found.group(1)] = _evaluate(found.group(2), names)
        return ""
    if name in _QUIET_TAGS or name.startswith("end"):
        return ""
    report(line, f"Liquid tag '{name}' removed (only the site can run it; its text is kept)")
    return ""


def _output(expression: str, names: dict[str, Any], report: Report, line: int) -> str:
    value = _evaluate(expression, names)
    if value is None:
        report(
            line,
            f"'{{{{ {' '.join(expression.split())} }}}}' has no value outside the site: removed",
        )
        return ""
    return _text(value)


def _evaluate(expression: str, names: dict[str, Any]) -> Any:
    head, *filters = [part.strip() for part in _split_filters(expression)]
    value = _value(head, names)
    for item in filters:
        name, _, argument = item.partition(":")
        value = _filter(name.strip(), value, _value(argument.strip(), names) if argument else None)
    return value


def _split_filters(expression: str) -> list[str]:
    return re.findall(r"""(?:"[^"]*"|'[^']*'|[^|])+""", expression) or [""]


def _value(text: str, names: dict[str, Any]) -> Any:
    literal = _STRING.match(text)
    if literal:
        return literal.group(1) if literal.group(1) is not None else literal.group(2)
    if re.fullmatch(r"-?\d+(?:\.\d+)?", text):
        return text
    value: Any = names
    for found in re.finditer(r"([\w-]+)|\[\s*['\"]?([^'\"\]]+)['\"]?\s*\]", text):
        key = found.group(1) or found.group(2)
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value if value is not names else None


def _filter(name: str, value: Any, argument: Any) -> Any:
    text = _text(value) if value is not None else None
    if name == "default":
        return value if value not in (None, "", False) else argument
    if text is None:
        return None
    simple: dict[str, Callable[[str], str]] = {
        "upcase": str.upper,
        "downcase": str.lower,
        "capitalize": str.capitalize,
        "strip": str.strip,
        "lstrip": str.lstrip,
        "rstrip": str.rstrip,
    }
    if name in simple:
        return simple[name](text)
    if name == "append":
        return text + _text(argument or "")
    if name == "prepend":
        return _text(argument or "") + text
    if name == "replace" and isinstance(argument, str):
        return text  # Liquid's second argument is lost in this small parser: unchanged
    return text  # relative_url, absolute_url, escape, markdownify, date…: the value itself


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return ""
    return str(value)
