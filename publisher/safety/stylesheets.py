"""A theme's stylesheets, read once and refused when they would reach beyond the book.

Neither output may depend on, or reach, the network or the rest of the disk: a theme's
CSS may refer to its own files (fonts, images) and to ``data:`` images and fonts, nothing
else. Addresses are found by tokenising the CSS (safety/css.py), as WeasyPrint and reading
systems read it, so no escape, missing space or ``image-set()`` can hide one.
"""

from __future__ import annotations

from pathlib import Path

from publisher.errors import AssetError, SourceLocation, printable, raise_if_any
from publisher.safety.css import data_url_bytes, scheme_of, stylesheet_references
from publisher.safety.files import FileRefused, read_regular
from publisher.safety.svg import svg_problem


def checked_stylesheet(path: Path) -> str:
    """A stylesheet, refused if it refers to anything but the book's own files: no scheme
    but ``data:`` (whose image is checked like any), no ``//host``, no absolute path.
    Addresses are found by tokenising the CSS (safety/css.py), so escapes, spacing and
    ``image-set()`` cannot hide one; every refused address is reported with its line.
    The file is read once: what was checked is what is used."""
    css = _read_css(path)
    problems = [
        AssetError(problem, SourceLocation(path, ref.line))
        for ref in stylesheet_references(css)
        if (problem := _reference_problem(ref.url))
    ]
    raise_if_any(problems)
    return css


_DATA_TYPES = (
    "image/png",
    "image/jpeg",
    "image/gif",
    "image/webp",
    "font/woff",
    "font/woff2",
    "font/ttf",
    "font/otf",
    "application/font-woff",
    "application/x-font-ttf",
)


def _data_problem(url: str) -> str | None:
    """A ``data:`` address in a stylesheet: an image or a font, an SVG checked like one."""
    svg = data_url_bytes(url, ("image/svg+xml",))
    if svg is not None:
        problem = svg_problem(svg, lambda inner: _data_problem_bytes(inner))
        return f"stylesheet holds an SVG image that is refused: {problem}" if problem else None
    if data_url_bytes(url, _DATA_TYPES) is None:
        shown = printable(url[:40])
        return f"stylesheet holds a data: address that is not an image or font ('{shown}')"
    return None


def _data_problem_bytes(data: bytes) -> str | None:
    """An image inside an SVG inside a stylesheet: SVG is checked again, pixels pass."""
    if data.lstrip()[:5].lower() in (b"<?xml", b"<svg ") or b"<svg" in data[:1024]:
        return svg_problem(data, lambda inner: "images nested too deep")
    return None


def _reference_problem(url: str) -> str | None:
    scheme = scheme_of(url)
    shown = printable(url.strip()[:80])
    if scheme == "data":
        return _data_problem(url)
    if scheme == "//":
        return (
            f"stylesheet refers to '{shown}', on another host; keep fonts and images "
            "in the theme folder"
        )
    if scheme:
        return (
            f"stylesheet refers to a '{scheme}:' URL ('{shown}'); keep fonts and images "
            "in the theme folder"
        )
    if url.strip().startswith(("/", "\\")):
        return (
            f"stylesheet refers to the absolute path '{shown}'; use a path inside the theme folder"
        )
    return None


MAX_CSS_BYTES = 4 * 2**20


def _read_css(path: Path) -> str:
    """A theme stylesheet's text, read once (safety/files.py); problems name the file."""
    try:
        return read_regular(path, MAX_CSS_BYTES).decode("utf-8-sig")
    except FileRefused as exc:
        raise AssetError(f"this stylesheet {exc.message}", SourceLocation(path)) from None
    except UnicodeDecodeError as exc:
        line = exc.object[: exc.start].count(b"\n") + 1
        raise AssetError("stylesheet is not valid UTF-8", SourceLocation(path, line)) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise AssetError(f"stylesheet cannot be read: {reason}", SourceLocation(path)) from None
