"""docs/configuration.md, generated from the schema of publication.toml.

The documentation of every key lives next to its definition (``FIELDS``, ``PART_FIELDS`` and
``PDF_FIELDS`` in publisher/config/__init__.py; the labels in publisher/render/labels.py), so
the reference cannot drift from what the loader accepts. Regenerate the page with
``python -m publisher.config.reference --write`` (or ``make docs``); ``--check`` exits 1
when the page on disk is stale, and tests/test_docs.py runs the same check.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path
from typing import Any

from publisher.config import FIELDS, PART_FIELDS, PDF_FIELDS, PDF_LENGTHS, TABLES, Config
from publisher.config.printing import PrintSettings
from publisher.render.labels import ENGLISH

PAGE = Path("docs") / "configuration.md"
COMMAND = "python -m publisher.config.reference --write"
# Defaults the loader computes instead of taking from the dataclass.
DERIVED = {"identifier": "derived from title and publisher", "output": "the title as a slug"}

HEADER = f"""\
# Configuration: `publication.toml`

<!-- Generated from the schema in publisher/config/ by `{COMMAND}`:
     do not edit by hand; edit the documentation next to the key and regenerate. -->

A publication folder holds one `publication.toml`: the book's title, metadata, parts and
order, print settings and its own words. A folder without one builds too, with defaults
(see [Manuscripts](manuscripts.md#a-folder-without-publicationtoml)).

Unknown keys and wrong types are errors naming the file, line and key; every problem is
reported in one run. Lengths take `pt`, `pc`, `in`, `mm`, `cm`, `q` or `px`; anything else is an
error naming the key and line. A control character (TOML's `"\\b"` escape) in any value is an
error.

## An example

```toml
{{example}}```
"""

EXAMPLE = """\
title = "Harbour Lights"                 # required
subtitle = "Reports from a Changing Coast"
short_title = "Harbour Lights"           # the running head, when the title is long
language = "en"                          # BCP 47, default "en"
identifier = "urn:isbn:9780000000000"    # ISBN or fixed URN; default: derived, stable
publisher = "Larrow Sound Press"
rights = "© 2026 Larrow Sound Press. All rights reserved."
date = 2026-11-01                        # publication date; also the reproducible build date
editors = ["Hester Vane", "Jonah Whitlock"]
description = "One paragraph."
subjects = ["journalism", "coast"]
cover = "images/cover.png"
series = "Coast Reports"                 # EPUB belongs-to-collection
series_index = 2
edition = "First edition"
output = "harbour-lights"                # base name of the output files
version = "2026.1"                       # version label (see docs/ci.md)
output_pattern = "{slug}-{version}.{ext}"
sort = "date"                            # or "file" (default), within each part
subfolders = true                        # also find manuscripts in subfolders

[[parts]]                                # parts group the articles, in this order
title = "Part One: Working Waters"
articles = ["01-cooperative-catch.md", "02-skerran-ferry.md"]

[pdf]                                    # print settings
trim = "6x9in"
bleed = "0.125in"
marks = ["crop"]

[labels]                                 # the book's own words
contents = "Table of Contents"
"""

LABELS = """\
## `[labels]` table

What the book itself prints — "By", "Translated by", "Contents", "Contributors", "First
published … by …", role names, the cover's alt text — is built in for English, Spanish,
French, German, Portuguese, Italian, Hebrew and Arabic, chosen by `language`. A `[labels]`
table replaces any of them, or gives a book in another language its own words. A label keeps the
placeholders of the English one (`by = "מאת {names}"`); an unknown key or a missing
placeholder is an error naming the line. When the labels are in the book's language, so are
dates (`17 de octubre de 2013`), lists of names (`A, B y C`) and language names (`del
inglés`), from CLDR through Babel; a book in a language without built-in labels and without
`[labels]` is written in English throughout (so it never mixes the two; in a right-to-left
book such as Persian or Urdu its bylines and credits run left to right, so give `[labels]`
for words in the book's language), and the
accessibility summary in the EPUB's metadata is always English.

The keys and their English texts (from `ENGLISH` in publisher/render/labels.py):

"""


def toml_value(value: Any) -> str:
    """A default as it would be written in publication.toml."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, tuple | list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return str(value)


def cell(text: str) -> str:
    """Text fit for one cell of a Markdown table."""
    return " ".join(text.split()).replace("|", "\\|")


def _defaults(cls: type) -> dict[str, Any]:
    return {
        f.name: f.default for f in dataclasses.fields(cls) if f.default is not dataclasses.MISSING
    }


def top_level_rows() -> list[str]:
    """One table row per top-level key: key, type, default, documentation."""
    defaults = _defaults(Config)
    rows = []
    for key, (_, kind, doc) in FIELDS.items():
        if key in DERIVED:
            default = DERIVED[key]
        elif key == "title":
            default = "required"
        elif defaults.get(key) not in (None, ()):
            default = f"`{toml_value(defaults[key])}`"
        else:
            default = "—"
        rows.append(f"| `{key}` | {kind} | {default} | {cell(doc)} |")
    return rows


def pdf_rows() -> list[str]:
    """One table row per ``[pdf]`` key, its default from PrintSettings."""
    defaults = _defaults(PrintSettings)
    kinds = {bool: "true or false", int: "an integer", tuple: "a list of strings"}
    rows = []
    for key, doc in PDF_FIELDS.items():
        kind = "a length" if key in PDF_LENGTHS else kinds.get(type(defaults.get(key)), "a string")
        default = f"`{toml_value(defaults[key])}`" if key in defaults else "—"
        rows.append(f"| `{key}` | {kind} | {default} | {cell(doc)} |")
    return rows


def other_tables() -> list[str]:
    """A section for each table of TABLES without one of its own below."""
    sections = []
    for name, keys in TABLES.items():
        if name in ("parts", "pdf"):
            continue
        rows = ["| key | what it does |", "|---|---|"]
        rows += [f"| `{key}` | {cell(doc)} |" for key, doc in keys.items()]
        intro = cell(FIELDS[name][2]) if name in FIELDS else ""
        sections.append(f"## `[{name}]` table\n\n{intro}\n\n" + "\n".join(rows) + "\n")
    return sections


def configuration_page() -> str:
    """The whole of docs/configuration.md."""
    table = ["| key | type | default | what it does |", "|---|---|---|---|"]
    parts = ["| key | what it is |", "|---|---|"]
    parts += [f"| `{key}` | {cell(doc)} |" for key, doc in PART_FIELDS.items()]
    labels = ["| key | English text |", "|---|---|"]
    labels += [f"| `{key}` | {cell(text)} |" for key, text in ENGLISH.items()]
    sections = [
        HEADER.format(example=EXAMPLE),
        "## Top-level keys\n\n" + "\n".join(table + top_level_rows()) + "\n",
        "## `[[parts]]` tables\n\nEach `[[parts]]` table is one part, in reading order.\n\n"
        + "\n".join(parts)
        + "\n",
        *other_tables(),
        "## `[pdf]` table\n\nAll keys are optional; see [Print](print.md) for what the book "
        "looks like and the screen profile.\n\n" + "\n".join(table + pdf_rows()) + "\n",
        LABELS + "\n".join(labels) + "\n",
    ]
    return "\n".join(sections)


def main(argv: list[str] | None = None) -> int:
    """Print the page, write it (``--write``) or check it is current (``--check``)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"write {PAGE}")
    parser.add_argument("--check", action="store_true", help=f"exit 1 if {PAGE} is stale")
    parser.add_argument("--page", type=Path, default=PAGE, help="the page's path")
    args = parser.parse_args(argv)
    text = configuration_page()
    if args.check:
        current = args.page.read_text(encoding="utf-8") if args.page.is_file() else ""
        if current != text:
            print(f"{args.page} is stale: run {COMMAND}", file=sys.stderr)
            return 1
        return 0
    if args.write:
        args.page.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
