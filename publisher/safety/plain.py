"""The model (and the problems found while loading it) as plain JSON, and back.

The article cache keeps loaded articles on disk. Whoever can write that folder (a CI
cache restored from another branch or a fork) must not be able to run code in the next
build, so entries are JSON built only from the types named here: strings, numbers,
booleans, lists, tuples, dates, paths, the model's frozen dataclasses, its enums and the
project's own exceptions. Decoding anything else (an unknown type tag, a missing or
extra field, a value of the wrong shape) raises ValueError, which the cache treats as a
miss.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from publisher.errors import (
    AssetError,
    BackendError,
    ConfigError,
    ManuscriptError,
    Notice,
    PublisherError,
    SourceLocation,
    TemplateError,
)
from publisher.model import (
    BODY_TYPES,
    Article,
    Asset,
    Contributor,
    Credit,
    Heading,
    Role,
    Source,
)

_CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (
        Contributor,
        Credit,
        Source,
        Asset,
        Heading,
        Article,
        SourceLocation,
        *BODY_TYPES,
    )
}
_ENUMS: dict[str, type[Enum]] = {"Role": Role}
_ERRORS: dict[str, type[PublisherError]] = {
    cls.__name__: cls
    for cls in (
        PublisherError,
        ConfigError,
        ManuscriptError,
        AssetError,
        TemplateError,
        BackendError,
        Notice,
    )
}


def dumps(value: object) -> str:
    """``value`` as JSON text (see the module docstring for what it may hold)."""
    return json.dumps(_encode(value), ensure_ascii=True, separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    """The value ``dumps`` wrote; ValueError for anything it would not have written."""
    try:
        return _decode(json.loads(text))
    except (TypeError, KeyError, AttributeError, RecursionError) as exc:
        raise ValueError(f"not a cache value: {exc}") from None


def _encode(value: object) -> object:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, tuple):
        return {"tuple": [_encode(item) for item in value]}
    if isinstance(value, dict):
        return {"dict": [[_encode(k), _encode(v)] for k, v in value.items()]}
    if isinstance(value, Enum) and type(value).__name__ in _ENUMS:
        return {"enum": type(value).__name__, "value": value.value}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Path):
        return {"path": str(value)}
    if isinstance(value, PublisherError) and type(value).__name__ in _ERRORS:
        where = _encode(value.location)
        return {"error": type(value).__name__, "message": value.message, "location": where}
    if dataclasses.is_dataclass(value) and type(value).__name__ in _CLASSES:
        fields = {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"class": type(value).__name__, "fields": fields}
    raise TypeError(f"cannot store a {type(value).__name__} in the cache")


def _decode(value: object) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if not isinstance(value, dict) or len(value) not in (1, 2, 3):
        raise ValueError("unexpected value")
    if set(value) == {"tuple"}:
        return tuple(_decode(item) for item in _list(value["tuple"]))
    if set(value) == {"dict"}:
        return {_decode(k): _decode(v) for k, v in _list(value["dict"])}
    if set(value) == {"date"}:
        return date.fromisoformat(_str(value["date"]))
    if set(value) == {"path"}:
        return Path(_str(value["path"]))
    if set(value) == {"enum", "value"}:
        return _ENUMS[_str(value["enum"])](value["value"])
    if set(value) == {"error", "message", "location"}:
        location = _decode(value["location"])
        if location is not None and not isinstance(location, SourceLocation):
            raise ValueError("a problem's location must be a SourceLocation")
        return _ERRORS[_str(value["error"])](_str(value["message"]), location)
    if set(value) == {"class", "fields"}:
        return _instance(_CLASSES[_str(value["class"])], value["fields"])
    raise ValueError("unexpected value")


def _instance(cls: type, fields: object) -> object:
    if not isinstance(fields, dict):
        raise ValueError("fields must be a mapping")
    names = {f.name for f in dataclasses.fields(cls) if f.init}
    if set(fields) - names:
        raise ValueError(f"unknown fields for {cls.__name__}")
    values = {name: _decode(item) for name, item in fields.items()}
    hints = _hints(cls)
    for name, item in values.items():
        if not _conforms(item, hints[name]):
            raise ValueError(f"{cls.__name__}.{name} has the wrong type")
    return cls(**values)


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _conforms(value: object, hint: Any) -> bool:
    """Whether a decoded value has the type its dataclass field declares."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (types.UnionType, typing.Union):
        return any(_conforms(value, arg) for arg in args)
    if origin is tuple:
        item = args[0] if args else object
        return isinstance(value, tuple) and all(_conforms(v, item) for v in value)
    if hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is Path:
        return isinstance(value, Path)
    return isinstance(value, hint) if isinstance(hint, type) else True


def _list(value: object) -> list:
    if not isinstance(value, list):
        raise ValueError("expected a list")
    return value


def _str(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError("expected a string")
    return value
