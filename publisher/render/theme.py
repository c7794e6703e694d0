"""The theme: where templates and CSS come from, and the Jinja environment that renders them.

Search order: the publication's own ``styles/`` folder first, then the built-in theme that
ships with the package. A user template can extend a built-in one as ``builtin/<name>``.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from jinja2.sandbox import SandboxedEnvironment

from publisher.errors import SourceLocation, TemplateError
from publisher.model import Asset, Role
from publisher.render.direction import direction, isolate_rtl_runs, isolated_list, text_direction
from publisher.render.display.template import display_globals
from publisher.render.fonts import theme_fonts
from publisher.render.footnotes import article_body
from publisher.render.hyphenate import hyphenate_html
from publisher.render.labels import ENGLISH_LABELS, Labels
from publisher.render.running_heads import article_head, book_head
from publisher.safety.stylesheets import checked_stylesheet


def builtin_styles() -> Path:
    """The default theme: inside the installed package, or ``styles/`` in a source checkout."""
    packaged = Path(__file__).resolve().parent.parent / "styles"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent.parent / "styles"


@dataclass(frozen=True)
class Theme:
    """Templates and stylesheets for one build."""

    env: jinja2.Environment
    folders: tuple[Path, ...]
    fonts: tuple[Asset, ...] = ()  # font files both backends embed (EPUB packages them)

    def render(self, name: str, **context: Any) -> str:
        """Render one template, turning Jinja failures into a TemplateError with its line."""
        try:
            return self.env.get_template(name).render(**context)
        except jinja2.TemplateSyntaxError as exc:
            where = SourceLocation(Path(exc.filename or name), exc.lineno)
            raise TemplateError(exc.message or "template syntax error", where) from None
        except jinja2.TemplateError as exc:
            raise TemplateError(f"template {name}: {exc}", SourceLocation(Path(name))) from None

    def css(self, *names: str) -> str:
        """Concatenate stylesheets from ``css/``, each from the first folder that has it;
        a project's ``css/extra.css`` comes last."""
        chunks = []
        for name in (*names, "extra.css"):
            for folder in self.folders:
                path = folder / "css" / name
                if path.is_file():
                    chunks.append(checked_stylesheet(path))
                    break
        return "\n".join(chunks)


def load_theme(project_root: Path | None, compiled: Path | None = None) -> Theme:
    """The theme for a publication folder (its ``styles/`` overrides the built-in one).

    With ``compiled``, templates compiled by an earlier build are kept in that folder and
    reused while their source is unchanged (Jinja's bytecode cache checks it).
    """
    builtin = builtin_styles()
    folders = [builtin]
    if project_root and (project_root / "styles").is_dir():
        folders.insert(0, project_root / "styles")
    loader = jinja2.ChoiceLoader(
        [
            jinja2.FileSystemLoader([str(f / "templates") for f in folders]),
            jinja2.PrefixLoader({"builtin": jinja2.FileSystemLoader(str(builtin / "templates"))}),
        ]
    )
    env = SandboxedEnvironment(  # a theme is input too: its templates may not reach Python
        loader=loader,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(compiled),
    )
    env.filters.update(
        names=_names,
        isolated_names=_isolated_names,
        isolate_rtl=isolate_rtl_runs,
        longdate=_long_date,
        language=_language,
        credit_phrase=_credit_phrase,
        role_name=_role_name,
        css_string=css_string,
        direction=direction,
        text_dir=text_direction,
        hyphenate=hyphenate_html,
    )
    env.globals.update(article_head=article_head, book_head=book_head, article_body=article_body)
    env.globals.update(display_globals())
    return Theme(env=env, folders=tuple(folders), fonts=theme_fonts(reversed(folders)))


def _bytecode_cache(folder: Path | None) -> jinja2.BytecodeCache | None:
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # a cache that cannot be written is simply not used
    return _CompiledTemplates(str(folder))


class _CompiledTemplates(jinja2.FileSystemBytecodeCache):
    """Jinja's on-disk cache of compiled templates, where a damaged or unwritable file is
    only a miss (Jinja itself would raise)."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(Exception):
            super().dump_bytecode(bucket)


@jinja2.pass_context
def _names(context: jinja2.runtime.Context, credits: Any) -> str:
    return _labels(context).names(credits)


@jinja2.pass_context
def _isolated_names(context: jinja2.runtime.Context, credits: Any) -> markupsafe.Markup:
    """The list of names as ``names`` writes it, each name isolated in a ``<bdi>`` of its
    own direction, so a Hebrew list of English names keeps its order and punctuation."""
    return isolated_list(_labels(context).names, credits)


@jinja2.pass_context
def _long_date(context: jinja2.runtime.Context, value: date | None) -> str:
    return _labels(context).date(value)


@jinja2.pass_context
def _language(context: jinja2.runtime.Context, code: str | None) -> str:
    return _labels(context).language_name(code)


@jinja2.pass_context
def _credit_phrase(context: jinja2.runtime.Context, role: Role) -> str:
    return _labels(context).credit(role)


@jinja2.pass_context
def _role_name(context: jinja2.runtime.Context, role: Role) -> str:
    return _labels(context).role(role)


def _labels(context: jinja2.runtime.Context) -> Labels:
    """The book's labels from the template's context (``t``), else English."""
    labels = context.get("t")
    return labels if isinstance(labels, Labels) else ENGLISH_LABELS


def css_string(value: str) -> str:
    """A value quoted as a CSS string literal, safe inside a stylesheet."""
    escaped = "".join(
        ch if ch.isalnum() or ch in " .,:;!?'-()&" else f"\\{ord(ch):x} " for ch in value
    )
    return markupsafe.Markup(f'"{escaped}"')
