"""Defaults for a folder without publication.toml, from the blog it was copied from.

Pointing ``publisher build`` at a copy of a blog's content folder should just work. The
book's title, description and language then come from the blog's own site settings when
they are found in the folder or the one above it (Jekyll's ``_config.yml``, Hugo's
``hugo.toml`` / ``config.toml`` / ``hugo.yaml`` / ``config.yaml``, mdBook's ``book.toml``,
MkDocs' ``mkdocs.yml``), else from the folder's name. A site file that cannot be read is
passed over: it was written for another tool.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from publisher.safety.data import DataLimit, load_yaml, toml_depth_problem
from publisher.safety.files import FileRefused, read_regular
from publisher.xmlutil.chars import strip_forbidden

MAX_SITE_BYTES = 2**20  # a site's settings are a few KiB
SITE_FILES = (
    "book.toml",
    "mkdocs.yml",
    "mkdocs.yaml",
    "_config.yml",
    "_config.yaml",
    "hugo.toml",
    "config.toml",
    "hugo.yaml",
    "config.yaml",
)
# Folder names that say where the content sits, not what the book is called.
_GENERIC = {"content", "_posts", "posts", "manuscripts", "articles", "src", "docs", "blog"}
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class SiteSettings:
    """What a folder without publication.toml says about the book, and where it said it."""

    title: str
    source: str  # the site file the title came from, or "folder name"
    language: str | None = None
    description: str | None = None
    folder: Path | None = None  # the site's root: where its settings file is
    url: str | None = None  # where the blog is published (links to it may be links to posts)


def site_settings(folder: Path) -> SiteSettings:
    """The book's title, language and description for a folder with no publication.toml."""
    for place in (folder, folder.resolve().parent):
        for name in SITE_FILES:
            data = _flattened(read_settings(place / name))
            title = _string(data.get("title")) or _string(data.get("name"))  # older Jekyll
            if title:
                return SiteSettings(
                    title=title,
                    source=str(place / name),
                    language=_language(data),
                    description=_string(data.get("description"))
                    or _string(_table(data, "params").get("description")),
                    folder=place,
                    url=_site_url(data),
                )
    return SiteSettings(title=_title_from_folder(folder), source="folder name")


def read_settings(path: Path) -> dict[str, Any]:
    """A site's settings file (TOML, YAML or JSON) as a table, or {} when it is missing or
    cannot be read. MkDocs files hold Python tags (``!!python/name:…``, ``!ENV``): read as
    plain values, never executed."""
    if not path.is_file():
        return {}
    try:
        text = read_regular(path, MAX_SITE_BYTES).decode("utf-8-sig")
        if path.suffix == ".toml":
            data = None if toml_depth_problem(text) else tomllib.loads(text)
        elif path.suffix == ".json":
            data = json.loads(text)
        else:
            data = load_yaml(text, _TolerantLoader)
    except (FileRefused, DataLimit, RecursionError):
        return {}
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, yaml.YAMLError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads any other tag as the plain value it is written as."""


def _plain(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_TolerantLoader.add_multi_constructor("!", _plain)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _plain)


def _flattened(data: dict[str, Any]) -> dict[str, Any]:
    """The settings with each tool's names for title, language and address read as Jekyll's
    and Hugo's: mdBook's ``[book]`` table, MkDocs' ``site_name`` and ``site_url``."""
    book = _table(data, "book")
    if book:  # book.toml
        return {
            "title": book.get("title"),
            "description": book.get("description"),
            "language": book.get("language"),
        }
    if "site_name" in data:  # mkdocs.yml
        theme = _table(data, "theme")
        return {
            "title": data.get("site_name"),
            "description": data.get("site_description"),
            "language": theme.get("language") or _table(data, "extra").get("language"),
            "baseURL": data.get("site_url"),
        }
    return data


def _site_url(data: dict[str, Any]) -> str | None:
    """The blog's address: Jekyll's ``url`` + ``baseurl``, Hugo's ``baseURL`` (or
    ``baseurl``), MkDocs' ``site_url``."""
    base = _string(data.get("baseURL")) or (
        _string(data.get("baseurl")) if "url" not in data else None
    )
    url = _string(data.get("url"))
    if base is None and url:
        base = url.rstrip("/") + "/" + (_string(data.get("baseurl")) or "").strip("/")
    if not base or not base.lower().startswith(("http://", "https://")):
        return None
    return base.rstrip("/") + "/"


def _language(data: dict[str, Any]) -> str | None:
    for key in ("lang", "language", "languageCode", "defaultContentLanguage", "locale"):
        value = _string(data.get(key))
        if value and _TAG.match(value):
            return value.replace("_", "-")
    return None


def _table(data: dict[str, Any], key: str) -> dict[str, Any]:
    value = data.get(key)
    return value if isinstance(value, dict) else {}


def _string(value: Any) -> str | None:
    """A one-line string without characters XML cannot hold (a blog's settings are read
    leniently: what cannot be used is left out), or None."""
    text = " ".join(strip_forbidden(value).split()) if isinstance(value, str) else ""
    return text or None


def _title_from_folder(folder: Path) -> str:
    """``my-field-notes`` → ``My Field Notes``; a generic name defers to its parent's."""
    resolved = folder.resolve()
    name = resolved.name
    if name.lower() in _GENERIC and resolved.parent.name:
        name = resolved.parent.name
    words = re.sub(r"[-_.]+", " ", strip_forbidden(name)).split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or "Untitled"


@cache
def site_params(folder: Path) -> dict[str, Any]:
    """A Hugo site's ``params`` (what ``{{< param name >}}`` prints), from its settings in
    ``folder`` or the folder above; {} when there are none."""
    for place in (folder, folder.resolve().parent):
        for name in ("hugo.toml", "hugo.yaml", "config.toml", "config.yaml", "hugo.json"):
            data = {str(k).lower(): v for k, v in read_settings(place / name).items()}
            if data:
                return _table(data, "params")
    return {}
