"""CommonMark engines (markdown-it-py + mdit-py-plugins), one flavour per home tool.

Hugo (Goldmark), mdBook (pulldown-cmark), GitHub and bare files, Obsidian, Jekyll (kramdown
with its GFM input, Jekyll's default) and pandoc all start from CommonMark's block and list
rules; they differ in the extensions they switch on. Each flavour here switches on what its
tool does by default (docs/decisions.md, "Markdown dialects"). The HTML they produce has the
shape Python-Markdown gives (footnotes, heading ids), so the one sanitise/repair path
(xhtml.py) serves both engines: same notes, ids and figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html import escape
from typing import Any

from markdown.extensions.toc import slugify_unicode
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.attrs import attrs_block_plugin, attrs_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.gfm_autolink import gfm_autolink_plugin


@dataclass(frozen=True)
class Flavour:
    """The extensions one home tool switches on by default."""

    tables: bool = True
    strikethrough: bool = True
    tasklists: bool = True
    autolinks: bool = False  # bare www. and https:// addresses become links (GFM)
    deflists: bool = False
    attributes: bool = False  # {#id .class} after headings, inline elements, blocks
    math: str = ""  # "": none; "dollars": $…$ and $$…$$; "double": $$…$$ only (kramdown)
    inline_notes: bool = False  # ^[a note written in place] (pandoc)
    alerts: bool = False  # > [!NOTE] (GitHub, Obsidian callouts)


FLAVOURS: dict[str, Flavour] = {
    "github": Flavour(autolinks=True, math="dollars", alerts=True),
    "hugo": Flavour(autolinks=True, deflists=True, attributes=True),
    "mdbook": Flavour(deflists=True, attributes=True),
    "obsidian": Flavour(autolinks=True, math="dollars", alerts=True),
    "kramdown": Flavour(tasklists=False, deflists=True, attributes=True, math="double"),
    "pandoc": Flavour(deflists=True, attributes=True, math="dollars", inline_notes=True),
}
# A heading's trailing attribute block: ``## Title {#id .class}`` (kramdown: ``{: #id}``).
_HEADING_ATTRS = re.compile(r"\s*\{:?\s*((?:[#.][\w:.-]+\s*)+)\}\s*$")


def convert_commonmark(text: str, flavour: str) -> str:
    """Markdown → raw HTML with the named flavour (unsanitised; callers bound its time)."""
    return _CHECKBOX.sub(_task_box, engine(flavour).render(text, {}))


# A task list's checkbox: a form control has no place in a book; a ballot box does.
_CHECKBOX = re.compile(r'<input class="task-list-item-checkbox"[^>]*>')


def _task_box(match: re.Match) -> str:
    box = "\u2611" if " checked" in match.group(0) else "\u2610"
    return f'<span class="task-box">{box}</span>'


@cache
def engine(flavour: str) -> MarkdownIt:
    """A configured parser per flavour, made once per process (parsing keeps no state)."""
    spec = FLAVOURS[flavour]
    md = MarkdownIt("commonmark", {"typographer": True, "html": True})
    md.enable(["smartquotes"])
    if spec.tables:
        md.enable("table")
    if spec.strikethrough:
        md.enable("strikethrough")
        md.options["strikethrough_single_tilde"] = flavour in ("github", "hugo")
    md.options["tasklists"] = spec.tasklists
    md.options["alerts"] = spec.alerts
    if spec.autolinks:
        md.use(gfm_autolink_plugin)
    md.use(footnote_plugin, inline=spec.inline_notes)
    if spec.deflists:
        md.use(deflist_plugin)
    if spec.attributes:
        md.use(attrs_plugin)
        md.use(attrs_block_plugin)
        md.core.ruler.after("inline", "heading_attributes", _heading_attributes)
    if spec.math:
        md.use(
            dollarmath_plugin,
            allow_space=False,
            allow_digits=False,
            allow_blank_lines=False,
            double_inline=True,
            allow_labels=False,
        )
        if spec.math == "double":
            md.inline.ruler.at("math_inline", _only_double(md.inline.ruler))
        md.add_render_rule("math_inline_double", _display_in_line)
    md.core.ruler.push("dashes", _dashes)
    md.use(anchors_plugin, min_level=1, max_level=6, slug_func=_slug)
    _python_markdown_notes(md)
    return md


def _only_double(ruler: Any) -> Any:
    """kramdown writes math between ``$$`` only: a single ``$`` is just a dollar sign."""
    rule = next(r for r in ruler.__rules__ if r.name == "math_inline").fn

    def double_only(state: Any, silent: bool) -> bool:
        src, pos = state.src, state.pos
        return src.startswith("$$", pos) and rule(state, silent)

    return double_only


def _display_in_line(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
    """``$$…$$`` inside a paragraph: a displayed formula that stays phrasing content."""
    return f'<span class="math display">{escape(tokens[idx].content.strip())}</span>'


def _heading_attributes(state: StateCore) -> None:
    """``## Title {#id .class}``: the braces set the heading's id and classes."""
    tokens = state.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        last = inline.children[-1] if inline.children else None
        match = _HEADING_ATTRS.search(last.content) if last and last.type == "text" else None
        if not match or last is None:
            continue
        last.content = last.content[: match.start()]
        inline.content = inline.content[: len(inline.content) - len(match.group(0))]
        for word in match.group(1).split():
            if word.startswith("#"):
                token.attrSet("id", word[1:])
            else:
                token.attrJoin("class", word[1:])


_DASHES = (("---", "\u2014"), ("--", "\u2013"), ("...", "\u2026"))


def _dashes(state: StateCore) -> None:
    """``--`` en dash, ``---`` em dash, ``...`` ellipsis, outside code and raw HTML (as
    Python-Markdown's smarty does; markdown-it's own replacements also turn ``(c)`` into ©)."""
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        depth = 0
        for child in token.children:
            if child.type == "link_open" and child.info == "auto":
                depth += 1
            elif child.type == "link_close" and depth:
                depth -= 1
            elif child.type == "text" and not depth:
                for plain, curly in _DASHES:
                    child.content = child.content.replace(plain, curly)


def _python_markdown_notes(md: MarkdownIt) -> None:
    """Footnotes written as Python-Markdown writes them, the shape xhtml.py turns into
    EPUB notes: ``sup > a.footnote-ref``, ``div.footnote > ol > li``, ``a.footnote-backref``."""

    def number(tokens: Any, idx: int) -> str:
        return str(tokens[idx].meta["id"] + 1)

    def ref(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        n, sub = number(tokens, idx), tokens[idx].meta.get("subId", 0)
        ref_id = f"fnref{sub + 1 if sub else ''}:{n}"
        link = f'<a class="footnote-ref" href="#fn:{n}">{n}</a>'
        return f'<sup id="{ref_id}">{link}</sup>'

    def anchor(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        n, sub = number(tokens, idx), tokens[idx].meta.get("subId", 0)
        ref_id = f"fnref{sub + 1 if sub else ''}:{n}"
        return f' <a class="footnote-backref" href="#{escape(ref_id)}">\u21a9</a>'

    def block_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        return '<div class="footnote">\n<hr>\n<ol>\n'

    def block_close(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        return "</ol>\n</div>\n"

    def note_open(self: Any, tokens: Any, idx: int, options: Any, env: Any) -> str:
        return f'<li id="fn:{number(tokens, idx)}">'

    md.add_render_rule("footnote_ref", ref)
    md.add_render_rule("footnote_anchor", anchor)
    md.add_render_rule("footnote_block_open", block_open)
    md.add_render_rule("footnote_block_close", block_close)
    md.add_render_rule("footnote_open", note_open)


def _slug(title: str) -> str:
    """Heading ids as Python-Markdown's toc makes them (readable in any script)."""
    return slugify_unicode(title, "-") or "section"
