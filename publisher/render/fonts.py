"""The theme's fonts, and which characters of the book no installed font can show.

The default text face is Source Serif Pro (SIL Open Font License 1.1), installed with the
project as the ``font-source-serif-pro`` package: the same files on every machine, embedded
and subset in the PDF, packaged in the EPUB. A project can add its own font files in
``styles/fonts/``; they are packaged too (declare them with ``@font-face`` in ``extra.css``).

Arabic and Hebrew have faces of their own that ship inside the package (``faces/``, SIL OFL
1.1, see ``faces/OFL.txt``): Noto Naskh Arabic and Noto Serif Hebrew, regular and bold. A book
gets them only when its text uses the script (``script_faces``): they are declared with
``@font-face`` in its stylesheet, packaged in its EPUB and embedded (subset) in its PDF, and a
Latin book carries none of them. Neither script has an italic, so each face is declared for
italic too: slanted text in those scripts is set upright, never slanted by the renderer.

Characters the theme's fonts lack fall back to any installed font that has them (Pango
asks fontconfig). Characters that no font at all can show are reported per article, so
the PDF never prints empty boxes silently.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from publisher.errors import AssetError, ManuscriptError, PublisherError, SourceLocation
from publisher.model import Article, Asset, Publication
from publisher.render.labels import labels_for

if TYPE_CHECKING:
    from publisher.render.theme import Theme

FONT_DIR = "fonts"  # where font files live inside the EPUB and in the PDF's offline base URL
BUILTIN_FACES = (  # Source Serif Pro: roman, italic, semibold (headings, bold) and its italic
    "SourceSerifPro-Regular.ttf",
    "SourceSerifPro-It.ttf",
    "SourceSerifPro-Semibold.ttf",
    "SourceSerifPro-SemiboldIt.ttf",
)
MEDIA_TYPES = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}
_SKIPPED = {"Cc", "Cf", "Co", "Cs", "Zs", "Zl", "Zp"}  # controls, format marks, spaces


@dataclass(frozen=True)
class ScriptFace:
    """A packaged face for one script: its CSS family, its files by CSS weight, and the
    code points whose presence in a book calls for it."""

    script: str  # ISO 15924 code
    family: str
    files: tuple[tuple[str, int], ...]  # (file name in faces/, CSS font-weight)
    ranges: tuple[tuple[int, int], ...]

    def wanted_by(self, text: str) -> bool:
        """True when ``text`` has a character of this face's script."""
        pattern = "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in self.ranges)
        return re.search(f"[{pattern}]", text) is not None


# The bold files stand for weight 600, the weight the theme uses for bold and headings.
SCRIPT_FACES = (
    ScriptFace(
        "Arab",
        "Noto Naskh Arabic",
        (("NotoNaskhArabic-Regular.ttf", 400), ("NotoNaskhArabic-Bold.ttf", 600)),
        ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    ),
    ScriptFace(
        "Hebr",
        "Noto Serif Hebrew",
        (("NotoSerifHebrew-Regular.ttf", 400), ("NotoSerifHebrew-Bold.ttf", 600)),
        ((0x0590, 0x05FF), (0xFB1D, 0xFB4F)),
    ),
)


def builtin_font_files() -> list[Path]:
    """The default theme's font files, from the installed font package (empty if missing)."""
    try:
        folder = resources.files("font_source_serif_pro") / "files"
    except ModuleNotFoundError:
        return []
    return [Path(str(folder / name)) for name in BUILTIN_FACES if (folder / name).is_file()]


def theme_fonts(folders: Iterable[Path]) -> tuple[Asset, ...]:
    """Font assets for a theme: the built-in faces, then any in a project's ``styles/fonts/``."""
    files = builtin_font_files()
    for folder in folders:
        extra = folder / "fonts"
        if extra.is_dir():
            found = sorted(p for p in extra.iterdir() if p.suffix.lower() in MEDIA_TYPES)
            files += [_own_font(path, folder) for path in found]
    seen: dict[str, Asset] = {}
    for path in files:
        href = f"{FONT_DIR}/{path.name}"
        media_type = MEDIA_TYPES[path.suffix.lower()]
        seen[href] = Asset(href=href, media_type=media_type, source=path, kind="font")
    return tuple(seen.values())


def faces_folder() -> Path:
    """Where the packaged script faces and their licence live."""
    return Path(__file__).resolve().parent / "faces"


def script_faces(pub: Publication) -> tuple[ScriptFace, ...]:
    """The packaged script faces this book's printed text calls for (none for a book in
    Latin script alone), decided on the whole book so every chunk of a PDF agrees."""
    text = book_text(pub)
    return tuple(face for face in SCRIPT_FACES if face.wanted_by(text))


def book_text(pub: Publication) -> str:
    """Everything the book prints: metadata, part titles, articles, and its own labels."""
    meta = pub.metadata
    fields = (meta.title, meta.subtitle, meta.short_title, meta.publisher, meta.rights)
    parts = [
        *(value or "" for value in (*fields, meta.description, meta.series, meta.edition)),
        *(editor.name for editor in meta.editors),
        *(part.title or "" for part in pub.parts),
        *labels_for(meta.language, dict(pub.labels)).texts.values(),
        *(article_text(chapter.article) for chapter in pub.chapters()),
    ]
    return "\n".join(parts)


def book_fonts(pub: Publication, theme: Theme) -> tuple[Asset, ...]:
    """Every font file the book embeds or packages: the theme's, then its scripts'."""
    return (*theme.fonts, *script_assets(script_faces(pub)))


def book_font_css(pub: Publication) -> str:
    """The ``@font-face`` rules of the script faces this book calls for ('' for none)."""
    return script_css(script_faces(pub))


def script_assets(faces: Iterable[ScriptFace]) -> tuple[Asset, ...]:
    """The font files of these faces, as assets beside the theme's (``fonts/…``)."""
    folder = faces_folder()
    return tuple(
        Asset(
            href=f"{FONT_DIR}/{name}",
            media_type=MEDIA_TYPES[".ttf"],
            source=folder / name,
            kind="font",
        )
        for face in faces
        for name, _ in face.files
    )


def script_css(faces: Iterable[ScriptFace]) -> str:
    """``@font-face`` rules for these faces (addresses as base.css writes them). Each file
    is declared for italic too: these scripts have no italic, and a face missing one would
    be slanted by the renderer (a synthetic oblique that garbles Arabic joins)."""
    rules = [
        f'@font-face {{ font-family: "{face.family}"; src: url("../{FONT_DIR}/{name}"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for face in faces
        for name, weight in face.files
        for style in ("normal", "italic")
    ]
    return "\n".join(rules)


def _own_font(path: Path, theme: Path) -> Path:
    """A theme's font file, refused when it is not a regular file inside the theme folder
    (a link to a file elsewhere would be packaged into the book, a FIFO would hang it)."""
    real = path.resolve()
    if not real.is_relative_to(theme.resolve()):
        message = "font file is a symbolic link to a file outside the theme folder"
        raise AssetError(message, SourceLocation(path))
    if not real.is_file():
        raise AssetError("font file is not a regular file", SourceLocation(path))
    return path


def missing_glyph_warnings(pub: Publication, theme: Theme) -> list[PublisherError]:
    """One warning per article whose text has characters that no font can show."""
    faces = script_assets(script_faces(pub))
    covered = theme_coverage(tuple(asset.source for asset in (*theme.fonts, *faces)))
    warnings: list[PublisherError] = []
    for chapter in pub.chapters():
        lacking = needed_characters(article_text(chapter.article)) - covered
        lacking = {ch for ch in lacking if not installed_covers(ord(ch))}
        if lacking:
            warnings.append(_warning(chapter.article, lacking))
    return warnings


def article_text(article: Article) -> str:
    """Everything of an article that is printed: title, deck, names, partners, body text."""
    names = " ".join([*(credit.name for credit in article.credits), *article.partners])
    return " ".join((article.title, article.subtitle or "", names, article.text))


def needed_characters(text: str) -> set[str]:
    """The characters of ``text`` that need a glyph (not spaces, controls or selectors)."""
    found = set(unicodedata.normalize("NFC", text))
    return {
        ch
        for ch in found
        if unicodedata.category(ch) not in _SKIPPED and not 0xFE00 <= ord(ch) <= 0xFE0F
    }


@lru_cache(maxsize=8)
def theme_coverage(paths: tuple[Path, ...]) -> frozenset[str]:
    """Characters mapped by any of the font files (read with fontTools, cmap only)."""
    from fontTools.ttLib import TTFont

    chars: set[str] = set()
    for path in paths:
        try:
            font = TTFont(path, lazy=True, fontNumber=0)
            chars.update(chr(code) for code in font.getBestCmap() or {})
        except Exception:  # an unreadable font covers nothing; WeasyPrint will say why
            continue
    return frozenset(chars)


def installed_covers(code: int) -> bool:
    """True when some installed font (as fontconfig sees them) has this code point."""
    return any(low <= code <= high for low, high in installed_ranges())


@lru_cache(maxsize=1)
def installed_ranges() -> tuple[tuple[int, int], ...]:
    """Code point ranges of every font fontconfig knows (one ``fc-list`` call, cached)."""
    if shutil.which("fc-list") is None:
        return ()
    run = subprocess.run(
        ["fc-list", "--format", "%{charset}\n"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return merge_ranges(parse_charset(line) for line in run.stdout.splitlines())


def parse_charset(text: str) -> list[tuple[int, int]]:
    """fontconfig's charset notation ('20-7e a0-17f 2013') → inclusive ranges."""
    ranges = []
    for item in text.split():
        low, _, high = item.partition("-")
        try:
            ranges.append((int(low, 16), int(high or low, 16)))
        except ValueError:
            continue
    return ranges


def merge_ranges(groups: Iterable[list[tuple[int, int]]]) -> tuple[tuple[int, int], ...]:
    """Union of several lists of ranges, sorted and merged."""
    merged: list[tuple[int, int]] = []
    for low, high in sorted(r for group in groups for r in group):
        if merged and low <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return tuple(merged)


def _warning(article: Article, lacking: set[str]) -> PublisherError:
    shown = ", ".join(f"{ch} (U+{ord(ch):04X})" for ch in sorted(lacking)[:8])
    more = f" and {len(lacking) - 8} more" if len(lacking) > 8 else ""
    message = (
        f"'{article.title}': no installed font has {len(lacking)} character(s) of this "
        f"article: {shown}{more}; the PDF would show empty boxes. Install a font that "
        "covers them (for CJK: Debian's fonts-droid-fallback or fonts-noto-cjk)"
    )
    return ManuscriptError(message, SourceLocation(article.origin.path))
