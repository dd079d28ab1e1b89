"""A JSON Schema of rule book files, generated from the types themselves."""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import attrs

from tmall_service._rules.book import RuleBook
from tmall_service._values.declaring import SchemeScores, SchemeWeights
from tmall_service._values.schemes import Scheme

__all__ = ["json_schema"]

_NUMBER = {
    "anyOf": [
        {"type": "string", "pattern": r"^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$"},
        {"type": "number"},
    ],
    "description": 'an exact decimal, best written as a string such as "0.2"',
}


_SCALARS: dict[object, dict[str, Any]] = {
    Decimal: _NUMBER,
    dt.date: {"type": "string", "format": "date"},
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer", "minimum": 1},  # the counts of an edition
}


def _schema(kind: Any, definitions: dict[str, Any]) -> dict[str, Any]:  # noqa: ANN401, PLR0911 - one return per kind of type
    origin = typing.get_origin(kind)
    arguments = typing.get_args(kind)
    if origin in (types.UnionType, typing.Union):
        options = [_schema(a, definitions) for a in arguments if a is not type(None)]
        if type(None) in arguments:
            options.append({"type": "null"})
        return {"anyOf": options}
    if kind in _SCALARS:
        return dict(_SCALARS[kind])
    if kind is SchemeScores or kind is SchemeWeights:  # of the schemes the library ships
        which = "scores" if kind is SchemeScores else "weights"
        return {"anyOf": [_schema(getattr(scheme, which), definitions) for scheme in Scheme]}
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return {"enum": [member.value for member in kind]}
    if origin is frozenset:
        return {"type": "array", "items": _schema(arguments[0], definitions), "uniqueItems": True}
    if origin is tuple:
        return {"type": "array", "items": _schema(arguments[0], definitions)}
    if origin is Mapping:
        key, value = arguments
        table: dict[str, Any] = {
            "type": "object",
            "additionalProperties": _schema(value, definitions),
        }
        if isinstance(key, type) and issubclass(key, enum.Enum):
            table["propertyNames"] = _schema(key, definitions)
        return table
    return _definition(kind, definitions)


def _definition(kind: type, definitions: dict[str, Any]) -> dict[str, Any]:
    name = kind.__name__
    if name not in definitions:
        definitions[name] = {}  # a placeholder while the fields are walked
        hints = typing.get_type_hints(kind)
        fields = attrs.fields(kind)
        definitions[name] = {
            "type": "object",
            "description": (kind.__doc__ or "").strip().splitlines()[0],
            "properties": {f.name: _schema(hints[f.name], definitions) for f in fields},
            "required": [f.name for f in fields if f.default is attrs.NOTHING],
            "additionalProperties": False,
        }
    return {"$ref": f"#/$defs/{name}"}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a rule book file: one edition or several."""
    definitions: dict[str, Any] = {}
    edition = _definition(RuleBook, definitions)
    editions = {
        "type": "object",
        "description": "Several editions, each in force on its own dates.",
        "properties": {"editions": {"type": "array", "items": edition}},
        "required": ["editions"],
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "tmall_service rule book",
        "description": "One edition of the rules, or a table `editions` listing several.",
        "anyOf": [edition, editions],
        "$defs": definitions,
    }
