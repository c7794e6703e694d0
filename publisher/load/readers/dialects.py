"""Front matter written for other tools (Jekyll, Hugo, pandoc) → publisher's own keys.

People turn blogs and archives into books, and their files already carry metadata in the
dialect of the tool they came from. ``normalise`` recognises the dialect and maps its keys
to the documented front matter, so that the rest of the loader and ``publisher import`` only
ever see one vocabulary. Keys that mean nothing to a book (layouts, permalinks, menus, theme
parameters) are kept out of the way. Pure data in, data out: validation stays in markdown.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from publisher.load.newsroom.credits import split_names
from publisher.model import Role

# The documented front matter (README, "Front matter").
KNOWN_KEYS = frozenset(
    {
        "title",
        "subtitle",
        "short_title",
        "date",
        "updated",
        "authors",
        "translators",
        "contributors",
        "source",
        "partners",
        "place",
        "agency",
        "lang",
        "dir",
        "tags",
        "summary",
        "draft",
        "markdown",
    }
)

# publisher key → the keys other tools write it under, in order of preference.
SCALARS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "subtitle": ("subtitle",),
    "short_title": ("short_title", "running_head", "shorttitle", "linkTitle"),
    "summary": ("summary", "description", "excerpt", "abstract"),
    "date": ("date", "publishDate", "pubDate"),
    "updated": ("updated", "lastmod", "last_modified_at", "modified", "dateModified"),
    "lang": ("lang", "language", "languageCode", "locale"),
    "dir": ("dir", "direction"),
    "source": ("source", "original_source"),
}
# publisher's own keys that no other tool gives another meaning: kept as written, any dialect
# (a Hugo page naming its partners, or copy imported once and edited as a blog post).
OWN_KEYS = ("partners", "place", "agency")
TAG_KEYS = ("tags", "categories", "category", "keywords")
PEOPLE: dict[str, Role] = {
    "authors": Role.AUTHOR,
    "author": Role.AUTHOR,
    "translators": Role.TRANSLATOR,
    "translator": Role.TRANSLATOR,
    "editors": Role.EDITOR,
    "editor": Role.EDITOR,
    "photographers": Role.PHOTOGRAPHER,
    "photographer": Role.PHOTOGRAPHER,
    "illustrators": Role.ILLUSTRATOR,
    "illustrator": Role.ILLUSTRATOR,
}
# Tables where Hugo (params) and Zola (extra, taxonomies) keep a page's custom keys.
NESTED = ("params", "extra", "taxonomies")

# Keys that give a dialect away (a file may mix; the most telling dialect wins).
MARKERS: dict[str, frozenset[str]] = {
    "hugo": frozenset(
        {"lastmod", "draft", "params", "aliases", "weight", "publishDate", "expiryDate", "menu"}
        | {"outputs", "type", "slug", "images", "series", "extra", "taxonomies"}
    ),
    "jekyll": frozenset(
        {"layout", "categories", "category", "permalink", "published", "last_modified_at"}
        | {"excerpt", "redirect_from", "excerpt_separator"}
    ),
    "pandoc": frozenset(
        {"author", "keywords", "abstract", "header-includes", "documentclass", "bibliography"}
        | {"csl", "toc-title", "geometry", "mainfont", "fontsize", "classoption"}
    ),
}
DIALECT_NAMES = {
    "publisher": "publisher front matter",
    "jekyll": "Jekyll front matter",
    "hugo": "Hugo front matter",
    "pandoc": "pandoc metadata block",
    "mkdocs": "MkDocs meta-data",
    "bare": "no front matter",
}
# The engine each front-matter dialect's tool renders with (load/body/commonmark.py).
ENGINES = {"bare": "github", "hugo": "hugo", "jekyll": "kramdown", "pandoc": "pandoc"}
# A project's own file, which says which tool renders every page of it.
PROJECT_MARKERS = (
    ("book.toml", "mdbook"),
    ("mkdocs.yml", "mkdocs"),
    ("mkdocs.yaml", "mkdocs"),
    (".obsidian", "obsidian"),
    ("hugo.toml", "hugo"),
    ("hugo.yaml", "hugo"),
    ("_config.yml", "jekyll"),
)
HINTS = {"jekyll": "kramdown", "github": "github", "gfm": "github", "commonmark": "github"}
_DATED_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-")
_LANGUAGE_SUFFIX = re.compile(r"\.([a-z]{2,3}(?:-[A-Za-z]{2,4})?)$")


@dataclass(frozen=True)
class Normalised:
    """Front matter in publisher's keys, and how it was obtained from the file's own."""

    dialect: str  # publisher, jekyll, hugo, pandoc or bare
    meta: dict[str, Any]
    origins: dict[str, str] = field(default_factory=dict)  # publisher key → key in the file
    draft: bool = False
    ignored: tuple[str, ...] = ()  # the file's keys kept out of the way


def normalise(meta: dict[str, Any], path: Path, fence: str | None) -> Normalised:
    """Map a manuscript's front matter to publisher's keys, whatever tool it was written for.

    Files in publisher's own dialect pass through untouched, so that the loader can still
    warn about their unknown keys (usually typos). Other dialects are read leniently.
    """
    meta = _blog_dates(meta)
    dialect = detect(meta, path, fence)
    if dialect == "publisher":
        own = dict(meta)
        if "language" in own and "lang" not in own:  # the spelled-out key, in any dialect
            own["lang"] = own.pop("language")
            return Normalised(
                dialect, own, {**{k: k for k in own}, "lang": "language"}, _is_draft(meta)
            )
        return Normalised(dialect, own, {k: k for k in own}, _is_draft(meta))
    mapped: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for key, names in SCALARS.items():
        found = _first(meta, names)
        if found:
            origins[key], mapped[key] = found
    for table, prefix in reversed(_tables(meta)):  # the top level wins over a nested table
        for key in OWN_KEYS:
            if table.get(key) not in (None, "", []):
                origins[key], mapped[key] = prefix + key, table[key]
    _dates(mapped, origins, path)
    _language(mapped, origins, path)
    _tags(meta, dialect, mapped, origins)
    _people(meta, mapped, origins)
    used = {part for origin in origins.values() for part in origin.split(" + ")}
    ignored = _all_keys(meta) - used - {"draft", "published", *NESTED}
    return Normalised(dialect, mapped, origins, _is_draft(meta), tuple(sorted(ignored)))


ENGINE_NAMES = ("publisher", "mkdocs", "github", "hugo", "mdbook", "obsidian", "kramdown", "pandoc")


def engine(dialect: str, project: str | None, stated: object = None) -> str:
    """The engine an article is rendered with: the ``markdown`` key of its front matter
    (``publisher import`` writes it); else its project's tool when the project says
    (book.toml, mkdocs.yml, …); else its front matter's tool; publisher's own otherwise."""
    if isinstance(stated, str) and HINTS.get(stated, stated) in ENGINE_NAMES:
        return HINTS.get(stated, stated)
    if project:
        return HINTS.get(project, project)
    return ENGINES.get(dialect, "mkdocs" if dialect == "mkdocs" else "publisher")


def project_dialect(root: Path) -> str | None:
    """The tool a folder was written for, from its own files (or its parent's: an mdBook's
    ``src`` or a MkDocs ``docs`` folder given alone); None for a publisher project."""
    if (root / "publication.toml").is_file():
        return None
    for folder in (root, root.parent):
        for name, tool in PROJECT_MARKERS:
            if (folder / name).exists():
                return tool
    return None


def _blog_dates(meta: dict[str, Any]) -> dict[str, Any]:
    """MkDocs Material's blog writes ``date`` as a table (``created:``, ``updated:``): its
    ``created`` is the date, its ``updated`` the update (unless one is given beside it)."""
    table = meta.get("date")
    if not isinstance(table, dict) or "created" not in table:
        return meta
    found = {**meta, "date": table["created"]}
    if table.get("updated") is not None and "updated" not in meta:
        found["updated"] = table["updated"]
    return found


def detect(meta: dict[str, Any], path: Path, fence: str | None) -> str:
    """Which tool the front matter was written for (see DIALECT_NAMES)."""
    if fence is None:
        return "bare"
    if fence == "+++":
        return "hugo"
    if fence in ("...", "%"):
        return "pandoc"
    if fence == "meta":
        return "mkdocs"
    scores = {name: len(keys & meta.keys()) for name, keys in MARKERS.items()}
    if _DATED_NAME.match(path.name):
        scores["jekyll"] += 1
    best = max(scores, key=lambda name: scores[name])  # ties: the order of MARKERS
    return best if scores[best] else "publisher"


def _first(meta: dict[str, Any], names: tuple[str, ...]) -> tuple[str, Any] | None:
    """The first of ``names`` that has a value, at the top level or in a nested table."""
    for table, prefix in _tables(meta):
        for name in names:
            value = table.get(name)
            if value not in (None, "", []):
                return prefix + name, _scalar(value)
    return None


def _tables(meta: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    tables = [(meta, "")]
    tables += [(meta[n], f"{n}.") for n in NESTED if isinstance(meta.get(n), dict)]
    return tables


def _all_keys(meta: dict[str, Any]) -> set[str]:
    keys = set(meta)
    for table, prefix in _tables(meta)[1:]:
        keys |= {prefix + str(key) for key in table}
    return keys


def _scalar(value: Any) -> Any:
    """A one-item list is its item (pandoc writes ``title: [A title]`` now and then)."""
    if isinstance(value, list) and len(value) == 1 and not isinstance(value[0], (list, dict)):
        return value[0]
    return value


def _dates(mapped: dict[str, Any], origins: dict[str, str], path: Path) -> None:
    """Dates keep the calendar day as written; a Jekyll file name supplies a missing one."""
    for key in ("date", "updated"):
        value = mapped.get(key)
        if isinstance(value, str):
            mapped[key] = value.strip()
    if "date" not in mapped:
        match = _DATED_NAME.match(path.name) or _DATED_NAME.match(path.parent.name)
        if match:
            try:
                mapped["date"] = date(*(int(g) for g in match.groups()))
                origins["date"] = "file name"
            except ValueError:
                pass


def _language(mapped: dict[str, Any], origins: dict[str, str], path: Path) -> None:
    """``en_US`` (a locale) → ``en-US``; Hugo's ``post.fr.md`` names its language."""
    value = mapped.get("lang")
    if isinstance(value, str):
        mapped["lang"] = value.strip().replace("_", "-")
        return
    match = _LANGUAGE_SUFFIX.search(path.stem)
    if match and path.stem != match.group(0):
        mapped["lang"], origins["lang"] = match.group(1), "file name"


def _tags(meta: dict[str, Any], dialect: str, mapped: dict, origins: dict) -> None:
    """Tags, categories and keywords together, in that order, each once."""
    tags: list[str] = []
    sources: list[str] = []
    for table, prefix in _tables(meta):
        for key in TAG_KEYS:
            words = _words(table.get(key), split_spaces=dialect == "jekyll")
            if words:
                sources.append(prefix + key)
                tags += [w for w in words if w not in tags]
    if tags:
        mapped["tags"], origins["tags"] = tags, " + ".join(sources)


def _words(value: Any, split_spaces: bool) -> list[str]:
    """A list of tags, or one string of them: comma-separated, or (Jekyll) space-separated."""
    if isinstance(value, str):
        if "," in value:
            return [w.strip() for w in value.split(",") if w.strip()]
        return value.split() if split_spaces else [value.strip()] if value.strip() else []
    if isinstance(value, list):
        return [" ".join(str(v).split()) for v in value if str(v).strip() and v is not None]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [str(value)]
    return []


def _people(meta: dict[str, Any], mapped: dict, origins: dict) -> None:
    """Everyone credited, from ``author(s)``, ``translator(s)``, … and role objects."""
    found: dict[tuple[str, Role, str | None], str] = {}  # credit → the key it came from
    for table, prefix in _tables(meta):
        for key, role in PEOPLE.items():
            for credit in _credits(table.get(key), role):
                found.setdefault(credit, prefix + key)
        for name, role_text, note in _contributor_items(table.get("contributors")):
            credit = (name, _role(role_text), note or _unknown_role(role_text))
            found.setdefault(credit, prefix + "contributors")
    groups: dict[str, list[tuple[str, Role, str | None]]] = {}
    for credit in found:
        key = {Role.AUTHOR: "authors", Role.TRANSLATOR: "translators"}.get(
            credit[1], "contributors"
        )
        groups.setdefault(key, []).append(credit)
    for key, credits in groups.items():
        if key == "contributors":
            mapped[key] = [
                {"name": name, "role": role.value, **({"note": note} if note else {})}
                for name, role, note in credits
            ]
        else:
            mapped[key] = [name for name, _, _ in credits]
        origins[key] = " + ".join(dict.fromkeys(found[c] for c in credits))


def _credits(value: Any, default: Role) -> list[tuple[str, Role, str | None]]:
    """A name, a list of names, ``{name, role}`` objects, or a mix of them."""
    items = value if isinstance(value, list) else [value] if value is not None else []
    found: list[tuple[str, Role, str | None]] = []
    for item in items:
        if isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, str) and name.strip():
                role_text = item.get("role")
                role = _role(role_text) if isinstance(role_text, str) else default
                note = _unknown_role(role_text) or _text(item.get("affiliation"))
                found.append((" ".join(name.split()), role, note))
        elif isinstance(item, (str, int, float)) and str(item).strip():
            found += [(name, default, None) for name in _split_people(str(item))]
    return found


def _contributor_items(value: Any) -> list[tuple[str, Any, str | None]]:
    if not isinstance(value, list):
        return []
    found = []
    for item in value:
        if isinstance(item, dict) and isinstance(item.get("name"), str) and item["name"].strip():
            note = _text(item.get("note"))
            found.append((" ".join(item["name"].split()), item.get("role", "ctb"), note))
    return found


def _split_people(text: str) -> list[str]:
    """'Ana Ruiz and Li Wei' → two names; 'Ruiz, Ana' stays one (no 'and', no split)."""
    text = " ".join(text.split())
    if re.search(r"\s(?:and|&)\s|;", text):
        names = split_names(text.replace(";", ","))
        if names:
            return names
    return [text]


def _role(text: Any) -> Role:
    try:
        return Role.parse(str(text))
    except ValueError:
        return Role.CONTRIBUTOR


def _unknown_role(text: Any) -> str | None:
    """An unrecognised role word is kept as the credit's note (``reviewer``)."""
    if not isinstance(text, str) or not text.strip():
        return None
    try:
        Role.parse(text)
    except ValueError:
        return text.strip()
    return None


def _text(value: Any) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def _is_draft(meta: dict[str, Any]) -> bool:
    """Hugo's ``draft: true`` or Jekyll's ``published: false`` (also as strings)."""
    draft, published = meta.get("draft"), meta.get("published")
    return _truth(draft) is True or _truth(published) is False


def _truth(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "yes"):
        return True
    if isinstance(value, str) and value.strip().lower() in ("false", "no"):
        return False
    return None
