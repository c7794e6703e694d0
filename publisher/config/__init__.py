"""publication.toml → a frozen Config, with every problem reported at once.

The schema is the tables ``FIELDS``, ``PART_FIELDS`` and ``PDF_FIELDS`` below: one entry per
key, with its documentation (docs/configuration.md is generated from them).
Unknown keys and wrong types are errors naming the file, the line and the key.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from publisher.config.printing import (
    LINE_BREAKING,
    MARKS,
    PAPERS,
    PDF_VARIANTS,
    TRIM_SIZES,
    PrintSettings,
    css_points,
)
from publisher.config.site import site_settings
from publisher.errors import ConfigError, PublisherError, SourceLocation, raise_if_any
from publisher.release import pattern_problem
from publisher.render.display.isbn import isbn_problem
from publisher.render.labels import label_problem
from publisher.safety.data import toml_depth_problem
from publisher.safety.files import FileRefused, TooLarge, read_regular
from publisher.xmlutil.chars import forbidden_char_line

CONFIG_NAME = "publication.toml"
MAX_CONFIG_BYTES = 1 * 2**20  # a book's settings are a few KiB; a description a page


@dataclass(frozen=True)
class PartConfig:
    """A titled group of articles, given by file name in reading order."""

    title: str
    articles: tuple[str, ...]
    intro: str | None = None
    label: str | None = None


@dataclass(frozen=True)
class Config:
    """The publication's settings, validated."""

    root: Path
    path: Path
    title: str
    identifier: str
    language: str = "en"
    subtitle: str | None = None
    short_title: str | None = None
    publisher: str | None = None
    rights: str | None = None
    date: date | None = None
    editors: tuple[str, ...] = ()
    description: str | None = None
    subjects: tuple[str, ...] = ()
    cover: str | None = None
    series: str | None = None
    series_index: int | None = None
    edition: str | None = None
    cover_credit: str | None = None
    output: str = "book"
    version: str | None = None
    output_pattern: str = "{slug}.{ext}"
    parts: tuple[PartConfig, ...] = ()
    order: tuple[str, ...] = ()
    sort: str = "file"  # chapter order without an explicit one: "file" (name) or "date"
    subfolders: bool = False  # manuscripts in subfolders too (always, without a config)
    nav_subheads: bool = False  # the EPUB contents list each article's subheads too
    pdf: PrintSettings = field(default_factory=PrintSettings)
    labels: tuple[tuple[str, str], ...] = ()  # the book's own words (publisher/render/labels.py)
    implicit: str | None = None  # no publication.toml: where the defaults came from
    site: Path | None = None  # ... and the folder of the blog settings found, if any
    site_url: str | None = None  # ... and the address the blog is published at


def _is_str(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(_is_str(v) for v in value)


def _is_date(value: Any) -> bool:
    return isinstance(value, date) and not hasattr(value, "hour")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# The schema of publication.toml: key → (check, expected type in words, documentation).
# The documentation is Markdown and becomes docs/configuration.md (python -m
# publisher.config.reference --write); tests/test_docs.py fails on a key without it.
FIELDS: dict[str, tuple[Callable[[Any], bool], str, str]] = {
    "title": (_is_str, "a string", "The book's title. Required."),
    "subtitle": (_is_str, "a string", "Shown under the title on the title page and the cover."),
    "short_title": (
        _is_str,
        "a string",
        "The book's running head in print, when the title is too long for one line of the "
        "head (about 64 characters of small capitals on a 6 × 9 in page). Without it a long "
        'title is cut at a colon or dash, else at a word, ending with "…".',
    ),
    "language": (
        _is_str,
        "a string",
        "The book's language as a BCP 47 tag (`en`, `pt-BR`, `ar`). It chooses the built-in "
        "labels (English, Spanish, French, German, Portuguese, Italian), hyphenation, and the "
        "direction of the pages: a right-to-left language turns them right to left.",
    ),
    "identifier": (
        _is_str,
        "a string",
        "An ISBN (`urn:isbn:9780000000000`) or a fixed URN; never random. When absent, a "
        "stable `urn:uuid:` is derived from the title and the publisher, so the same book "
        "keeps the same identifier from build to build.",
    ),
    "publisher": (_is_str, "a string", "The publishing house, on the title and copyright pages."),
    "rights": (
        _is_str,
        "a string",
        'The copyright line, e.g. `"© 2026 Larrow Sound Press. All rights reserved."`.',
    ),
    "date": (
        _is_date,
        "a date (YYYY-MM-DD)",
        "The publication date (a TOML date, unquoted: `2026-11-01`). It is also the "
        "reproducible build date when `SOURCE_DATE_EPOCH` is not set.",
    ),
    "editors": (_is_str_list, "a list of strings", "The book's editors, in the order given."),
    "description": (
        _is_str,
        "a string",
        "A one-paragraph blurb: the EPUB's description and the back of the print cover.",
    ),
    "subjects": (_is_str_list, "a list of strings", "Subject keywords for catalogues."),
    "cover": (
        _is_str,
        "a string",
        "The cover image, relative to the folder (`images/cover.png`). Without one, the EPUB "
        "gets a generated cover in the theme's colours.",
    ),
    "series": (
        _is_str,
        "a string",
        "The series the book belongs to (EPUB `belongs-to-collection`).",
    ),
    "series_index": (_is_int, "an integer", "The book's number in its `series`."),
    "edition": (
        _is_str,
        "a string",
        'The edition statement on the copyright page, e.g. `"First edition"`.',
    ),
    "cover_credit": (
        _is_str,
        "a string",
        "Who made the cover, as the copyright page prints it, e.g. "
        '`"Cover illustration © 2026 Mira Sand"`.',
    ),
    "output": (
        _is_str,
        "a string",
        "Base name of the output files (`{slug}` in `output_pattern`). Default: the title "
        "as a slug (`Harbour Lights` → `harbour-lights`).",
    ),
    "version": (
        _is_str,
        "a string",
        'The version label (`{version}` in `output_pattern`), e.g. `"2026.1"`. '
        "`--version-label` wins over it; without either, the tag being built or "
        "`git describe` is used (see [CI](ci.md#release-naming)).",
    ),
    "output_pattern": (
        _is_str,
        "a string",
        "The output file names, from `{slug}`, `{version}` and `{ext}`, e.g. "
        '`"{slug}-{version}.{ext}"`. A pattern that needs a version when none is found is '
        "an error.",
    ),
    "parts": (
        lambda v: isinstance(v, list),
        "an array of tables",
        "`[[parts]]` tables group the articles into parts, in this order (see "
        "[`[[parts]]`](#parts-tables)). Manuscripts found in the folder but listed in no part "
        "give a warning.",
    ),
    "order": (
        _is_str_list,
        "a list of strings",
        "The chapter order when there are no parts, as file names (`posts/ferry.md` for one "
        "in a subfolder). Default: file-name order.",
    ),
    "sort": (
        lambda v: v in ("file", "date"),
        "'file' or 'date'",
        'The order within each part (or the book) when no `order` is given: `"file"` by '
        'file name, `"date"` by date, oldest first, undated ones last. It cannot be '
        "combined with `order`.",
    ),
    "subfolders": (
        lambda v: isinstance(v, bool),
        "true or false",
        "Also find manuscripts in subfolders (Markdown only; `.txt` copy only at the top "
        "level), in path order. Always on in a folder without `publication.toml`.",
    ),
    "nav_subheads": (
        lambda v: isinstance(v, bool),
        "true or false",
        "List each article's subheads (its level-2 headings) under it in the EPUB's contents, "
        "for reference books navigated by section. Off by default: the contents list the "
        "articles with their authors, as a printed contents page does.",
    ),
    "pdf": (
        lambda v: isinstance(v, dict),
        "a table",
        "Print settings: see [`[pdf]`](#pdf-table).",
    ),
    "labels": (
        lambda v: isinstance(v, dict),
        "a table",
        "The words the book itself prints, replacing the built-in ones: see "
        "[`[labels]`](#labels-table).",
    ),
}

# The keys of each [[parts]] table.
PART_FIELDS: dict[str, str] = {
    "title": 'The part\'s title (required), e.g. `"Part One: Working Waters"`.',
    "articles": ("The part's articles, in reading order, as file names (required, at least one)."),
    "intro": (
        "Text printed on the part's opener under its title (paragraphs separated by a blank "
        "line; plain text)."
    ),
    "label": (
        'The label printed above the part\'s title in print. Default: `"Part One"`, '
        '`"Part Two"`… in the book\'s language (a title that starts with its own label, '
        '`"Part One: Working Waters"`, keeps it as written); `""` for none.'
    ),
}

# The keys of the [pdf] table: key → documentation; defaults are PrintSettings' own.
PDF_FIELDS: dict[str, str] = {
    "trim": (
        "The page (trim) size: a preset (`6x9in`, `5.5x8.5in`, `5x8in`, `a5`, `b5`, `letter`, "
        '`a4`, `royal` = 156 × 234 mm) or two lengths `"W H"`, e.g. `"140mm 216mm"`, '
        "each at least 1in."
    ),
    "bleed": ('Bleed beyond the trim on every side, e.g. `"3mm"` or `"0.125in"` (at most 0.5in).'),
    "marks": (
        'Printer\'s marks, drawn outside the bleed: `[]`, `["crop"]` or '
        '`["crop", "cross"]`. With marks the page (MediaBox) grows by a slug for them.'
    ),
    "variant": (
        "The PDF standard: `pdf/ua-1` (accessible), `pdf/a-2b`, `pdf/a-3b` (archival), "
        "`pdf/x-4` (press, with a CMYK output intent) or `none`. Every variant but `none` "
        "is tagged."
    ),
    "font_size": "The body text size, from 5pt to 36pt.",
    "margin_inner": "The inner (gutter) margin of facing pages.",
    "margin_outer": "The outer margin of facing pages (the outside edge).",
    "margin_top": "The head margin.",
    "margin_bottom": "The foot margin.",
    "chapter_start": (
        '`"right"`: the title page, contents, parts, articles and the index open on a '
        'right-hand page (a blank verso left truly blank before them); `"any"`: on the '
        "next page."
    ),
    "line_breaking": (
        '`"optimal"`: the lines of each justified paragraph are chosen together (Knuth–Plass '
        "over WeasyPrint's measurements), for even word spaces, at most two hyphens in a row "
        'and no hyphen at the foot of a right-hand page; `"greedy"`: WeasyPrint\'s own '
        "line breaking, each line as full as it goes; see [Print](print.md#line-breaking)."
    ),
    "printing": (
        "Which printing this is (1–99): the copyright page's line `10 9 8 … 1` counts down to it."
    ),
    "cover": (
        "`true`: also write the print cover (back, spine and front on one sheet) as "
        "`NAME-cover.pdf`; see [Print](print.md#the-print-cover)."
    ),
    "cover_text": (
        "`true`: the print cover's front carries the title, subtitle and editors (over the "
        "cover image, on a panel in the theme's colours); `false`: the front is the image "
        "alone. Default: `false` when `cover` (the image) is given, since a designed cover "
        "usually carries its own type; `true` for the generated cover."
    ),
    "isbn": (
        "The print edition's ISBN (`978-0-…`, hyphens optional; the check digit is checked), "
        "on the copyright page and as the barcode on the back of the cover. Default: the "
        "book's `identifier` when it is an ISBN (`urn:isbn:…`); when both are given and "
        "differ, the copyright page lists the print ISBN and the ebook's (`identifier`)."
    ),
    "page_thickness": (
        "Paper thickness per page, for the width of the cover's spine (at most 0.01in; KDP: "
        "white `0.002252in`, cream `0.0025in`)."
    ),
    "paper": (
        'The interior paper, `"white"`, `"cream"` or `"color"`: the spine is the page count '
        "times its thickness as KDP gives it (0.002252in, 0.0025in, 0.002347in a page); "
        "instead of `page_thickness`. The `kdp` and `ingramspark` profiles use `white` when "
        "it is not given; see [Print](print.md#printer-profiles)."
    ),
}
# The tables of publication.toml with keys of their own (``[labels]`` takes its keys from
# publisher/render/labels.py): docs/configuration.md gives each a section.
TABLES: dict[str, dict[str, str]] = {"parts": PART_FIELDS, "pdf": PDF_FIELDS}
# Paper is thin: up to six decimals (KDP's white paper is 0.002252in a page).
THICKNESS = re.compile(r"(?:0?\.\d{1,6})(?:in|mm|pt)", re.I)
# A CSS length with an absolute unit; values are written into CSS, so nothing else passes.
LENGTH = re.compile(r"(?:\d{1,4}(?:\.\d{1,4})?|\.\d{1,4})(?:pt|pc|in|mm|cm|q|px)|0", re.I)
PDF_LENGTHS = ("bleed", "font_size", "margin_inner", "margin_outer", "margin_top", "margin_bottom")


def load_config(folder: Path) -> Config:
    """Read and validate ``folder/publication.toml``; raise every problem together."""
    path = folder / CONFIG_NAME
    if not folder.is_dir():
        raise ConfigError(
            "no such folder: give the folder that holds publication.toml", SourceLocation(folder)
        )
    if not os.path.lexists(path):
        return implicit_config(folder)
    text = _read_text(path)
    deep = toml_depth_problem(text)
    if deep:
        raise ConfigError(deep.message, SourceLocation(path, deep.line))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_error_line(str(exc))
        raise ConfigError(f"invalid TOML: {exc}", SourceLocation(path, line)) from None
    return _validate(data, folder, path, text)


def implicit_config(folder: Path) -> Config:
    """The settings of a folder without publication.toml (a blog's content, copied): the
    title from the blog's site settings or the folder name, chapters in date order."""
    site = site_settings(folder)
    values: dict[str, Any] = {"title": site.title}
    if site.language:
        values["language"] = site.language
    if site.description:
        values["description"] = site.description
    return Config(
        root=folder,
        path=folder / CONFIG_NAME,
        identifier=_derived_identifier(values),
        output=_slug(site.title),
        sort="date",
        subfolders=True,
        implicit=site.source,
        site=site.folder,
        site_url=site.url,
        **values,
    )


def _read_text(path: Path) -> str:
    """The config's text, read once within MAX_CONFIG_BYTES (a huge file is refused unread)."""
    try:
        data = read_regular(path, MAX_CONFIG_BYTES)
    except TooLarge as exc:
        message = f"file is {exc.size / 2**20:.1f} MiB; {CONFIG_NAME} may be at most 1 MiB"
        raise ConfigError(message, SourceLocation(path)) from None
    except FileRefused as exc:
        raise ConfigError(f"this {exc.message}", SourceLocation(path)) from None
    except OSError as exc:
        raise ConfigError(f"cannot be read: {exc.strerror or exc}", SourceLocation(path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ConfigError(f"not UTF-8 text ({exc.reason})", SourceLocation(path)) from None


def _toml_error_line(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None


def _key_line(text: str, key: str) -> int | None:
    pattern = re.compile(rf"^[ \t]*(\[\[?[ \t]*)?{re.escape(key)}[ \t]*(=|\])", re.MULTILINE)
    match = pattern.search(text)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _validate(data: dict[str, Any], folder: Path, path: Path, text: str) -> Config:
    errors: list[PublisherError] = []

    def problem(key: str, message: str) -> None:
        errors.append(ConfigError(message, SourceLocation(path, _key_line(text, key))))

    for key, value in data.items():
        if key not in FIELDS:
            problem(key, f"unknown key '{key}' (known: {', '.join(sorted(FIELDS))})")
        elif not FIELDS[key][0](value):
            problem(key, f"'{key}' must be {FIELDS[key][1]}, not {_describe(value)}")
        elif _has_control_character(value):
            problem(key, f"'{key}' holds a control character (an escape such as \\b?)")
    if "title" not in data:
        errors.append(ConfigError("missing required key 'title'", SourceLocation(path)))
    if _is_str(data.get("output_pattern")):
        pattern_error = pattern_problem(data["output_pattern"])
        if pattern_error:
            problem("output_pattern", pattern_error)
    if data.get("sort") == "date" and "order" in data:
        problem("sort", "'sort = \"date\"' contradicts the explicit 'order'; keep one of them")
    parts = _parse_parts(data.get("parts"), problem)
    pdf = _parse_pdf(data.get("pdf"), problem)
    labels = _parse_labels(data.get("labels"), problem)
    raise_if_any(errors)
    values = {k: v for k, v in data.items() if k not in ("parts", "pdf", "labels")}
    for key in ("editors", "subjects", "order"):
        if key in values:
            values[key] = tuple(values[key])
    values.setdefault("identifier", _derived_identifier(values))
    values.setdefault("output", _slug(values["title"]))
    return Config(root=folder, path=path, parts=parts, pdf=pdf, labels=labels, **values)


def _parse_labels(raw: Any, problem: Callable[[str, str], None]) -> tuple[tuple[str, str], ...]:
    """The ``[labels]`` table: known keys, each a string with the placeholders it needs."""
    if not isinstance(raw, dict):
        return ()
    labels = []
    for key, text in raw.items():
        message = label_problem(key, text) if _is_str(text) else f"label '{key}' must be a string"
        if message:
            problem(key, message)
        else:
            labels.append((key, text))
    return tuple(labels)


def _has_control_character(value: Any) -> bool:
    """Whether a value holds, anywhere, a character no XHTML page can carry."""
    if isinstance(value, str):
        return forbidden_char_line(value) is not None
    if isinstance(value, list):
        return any(_has_control_character(item) for item in value)
    if isinstance(value, dict):
        return any(_has_control_character(item) for item in value.values())
    return False


def _describe(value: Any) -> str:
    """What a wrong value is, in words: ``an empty string``, ``a list holding an integer``."""
    if isinstance(value, str) and not value.strip():
        return "an empty string"
    if isinstance(value, list) and not all(_is_str(item) for item in value):
        return "a list holding " + _describe(next(v for v in value if not _is_str(v)))
    names = {
        str: "a string",
        int: "an integer",
        float: "a number",
        bool: "a boolean",
        list: "a list",
        dict: "a table",
        date: "a date",
    }
    return names.get(type(value), type(value).__name__)


def _parse_parts(raw: Any, problem: Callable[[str, str], None]) -> tuple[PartConfig, ...]:
    if not isinstance(raw, list):
        return ()
    parts = []
    for number, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            problem("parts", f"parts[{number}] must be a table with 'title' and 'articles'")
            continue
        unknown = set(item) - set(PART_FIELDS)
        if unknown:
            problem("parts", f"parts[{number}]: unknown key '{sorted(unknown)[0]}'")
        title, articles = item.get("title"), item.get("articles")
        if not _is_str(title):
            problem("parts", f"parts[{number}].title must be a string")
        if not _is_str_list(articles) or not articles:
            problem("parts", f"parts[{number}].articles must be a non-empty list of file names")
        elif _is_str(title):
            extra = {k: item[k] for k in ("intro", "label") if k in item}
            for key, value in extra.items():
                if not isinstance(value, str):
                    problem("parts", f"parts[{number}].{key} must be a string")
            if all(isinstance(value, str) for value in extra.values()):
                parts.append(PartConfig(title=title, articles=tuple(articles), **extra))
    return tuple(parts)


def _parse_pdf(raw: Any, problem: Callable[[str, str], None]) -> PrintSettings:
    if not isinstance(raw, dict):
        return PrintSettings()
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in PDF_FIELDS:
            problem(key, f"unknown key 'pdf.{key}' (known: {', '.join(sorted(PDF_FIELDS))})")
            continue
        message = _pdf_value_problem(key, value)
        if message:
            problem(key, f"'pdf.{key}' {message}")
        else:
            values[key] = tuple(value) if key == "marks" else value
    if "paper" in values and "page_thickness" in values:
        problem("paper", "give 'pdf.paper' or 'pdf.page_thickness', not both")
    return PrintSettings(**values)


def _pdf_value_problem(key: str, value: Any) -> str | None:
    """Why a ``[pdf]`` value is unacceptable, or None when it is fine."""
    if key == "marks":
        ok = isinstance(value, list) and all(m in MARKS for m in value)
        return None if ok else f"must be a list of {' and '.join(MARKS)} (or [])"
    if key == "printing":
        return None if _is_int(value) and 1 <= value <= 99 else "must be a whole number 1-99"
    if key in ("cover", "cover_text"):
        return None if isinstance(value, bool) else "must be true or false"
    if key == "isbn":
        problem = isbn_problem(value) if _is_str(value) else "not a string"
        return None if problem is None else f"must be a valid ISBN ({problem}), not {value!r}"
    if key == "paper":
        return None if value in PAPERS else f"must be one of {', '.join(PAPERS)}"
    if key == "page_thickness":
        ok = isinstance(value, str) and THICKNESS.fullmatch(value.strip()) is not None
        if ok and 0 < css_points(value) <= 0.72:
            return None
        return f"must be a thickness like '0.0025in' or '0.064mm' (at most 0.01in), not {value!r}"
    if not _is_str(value):
        return "must be a string"
    if key == "trim":
        return None if _is_trim(value) else _TRIM_HELP
    if key == "variant":
        return None if value in PDF_VARIANTS else f"must be one of {', '.join(PDF_VARIANTS)}"
    if key == "chapter_start":
        return None if value in ("right", "any") else "must be 'right' or 'any'"
    if key == "line_breaking":
        return None if value in LINE_BREAKING else "must be 'optimal' or 'greedy'"
    if not LENGTH.fullmatch(value):
        return f"must be a length like '0.125in', '3mm' or '10pt', not {value!r}"
    if key == "font_size" and not 5 <= css_points(value) <= 36:
        return "must be between 5pt and 36pt"
    if key == "bleed" and css_points(value) > 36:
        return "must be at most 0.5in"
    return None


_TRIM_HELP = f"must be a preset ({', '.join(TRIM_SIZES)}) or two lengths 'W H', e.g. '6in 9in'"


def _is_trim(value: str) -> bool:
    """A preset name, or width and height lengths of at least one inch each."""
    if value.lower() in TRIM_SIZES:
        return True
    sides = value.split(" ")
    return len(sides) == 2 and all(LENGTH.fullmatch(s) and css_points(s) >= 72 for s in sides)


def _derived_identifier(values: dict[str, Any]) -> str:
    """A stable URN from the title and publisher, so the same book keeps the same id."""
    seed = f"{values.get('title', '')}\n{values.get('publisher', '')}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'publisher:' + seed)}"


def _slug(text: str) -> str:
    """``Crónicas do Cais`` → ``cronicas-do-cais``: accents dropped, not the letters."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
    return slug or "book"
