"""The preview page, from the Jinja2 templates in the theme's ``templates/serve/`` folder.

The page is the serve session's own, not the book's: it always comes from the built-in
theme (a project's ``styles/`` styles the book, not the preview).
"""

from __future__ import annotations

import functools

import jinja2

from publisher.render.theme import builtin_styles
from publisher.serve.rebuild import State


@functools.cache
def _environment() -> jinja2.Environment:
    folder = builtin_styles() / "templates" / "serve"
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_page(state: State) -> str:
    """The whole preview page for ``state``: contents, chapter view, print view, problems."""
    first = next((entry for entry in state.contents if not entry.part), None)
    return (
        _environment()
        .get_template("preview.html.j2")
        .render(state=state, first=first, epub_root="/epub/EPUB/")
    )
