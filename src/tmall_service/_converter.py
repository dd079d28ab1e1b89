"""The library's cattrs converter: every public value to and from JSON-safe data."""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import (
    homogenous_tuple_structure_factory,
    is_mapping,
    mapping_structure_factory,
)
from cattrs.dispatch import StructureHook
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn

from ._dimensions import DimensionScores, WeightProfile
from ._errors import RuleBookError, TmallServiceError, a_kind, shown
from ._exemptions import names
from ._numbers import to_decimal
from ._schemes import AnyScores, AnyWeights
from ._taobao import TaobaoScores, TaobaoWeights

__all__ = ["Converter", "converter"]

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


def _structure_decimal(value: object, _: type) -> Decimal:
    # Range checks belong to the value types; here a number is only a number.
    return to_decimal(value, field="", error=RuleBookError)


def _structure_date(value: object, _: type) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, str | dt.date):
        msg = f"{shown(value)} is not an ISO date such as '2024-07-01'"
        raise RuleBookError(msg)
    if isinstance(value, dt.date):  # TOML has dates of its own
        return value
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        msg = f"{shown(value)} is not an ISO date such as '2024-07-01'"
        raise RuleBookError(msg) from None


def _is_names(kind: object) -> bool:
    return kind == frozenset[str]


def _structure_names(value: object, _: type) -> frozenset[str]:
    result = names(value, "")  # type: ignore[arg-type]
    if result is None:
        msg = "None is not a collection of names"
        raise RuleBookError(msg)
    return result


def _structure_whole(value: object, _: type) -> int:
    # int() would cut 1.5 to 1 and read true as 1: a count is written as a whole number.
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{shown(value)} is not a whole number"
        raise RuleBookError(msg)
    return value


def _structure_text(value: object, _: type) -> str:
    if not isinstance(value, str):
        msg = f"{shown(value)} is not a text"
        raise RuleBookError(msg)
    return value


def _is_tuple_of(kind: object) -> bool:
    return get_origin(kind) is tuple and get_args(kind)[1:] == (Ellipsis,)


def _is_enum(kind: object) -> bool:
    return isinstance(kind, type) and issubclass(kind, enum.Enum)


def _structure_enum(value: object, kind: type[E]) -> E:
    try:
        return kind(value)
    except (ValueError, TypeError):
        valid = ", ".join(repr(member.value) for member in kind)
        msg = f"{shown(value)} is not {a_kind(kind.__name__)}; expected one of {valid}"
        raise RuleBookError(msg) from None


def _shape_guard(
    expected: type | tuple[type, ...],
    what: str,
    factory: Callable[[Any, cattrs.Converter], StructureHook],
) -> Callable[[Any, cattrs.Converter], StructureHook]:
    """Wrap a cattrs hook factory so that data of the wrong shape is named."""

    def guarded_factory(kind: Any, conv: cattrs.Converter) -> StructureHook:  # noqa: ANN401
        inner = factory(kind, conv)

        def structure(value: object, cl: Any) -> Any:  # noqa: ANN401
            if not isinstance(value, expected):
                msg = f"{shown(value)} is not {what}"
                raise RuleBookError(msg)
            return inner(value, cl)

        return structure

    return guarded_factory


def _by_keys(tmall: type, taobao: type) -> Callable[[object, Any], object]:
    """Structure a table as Taobao's type when it has Taobao's own keys, else Tmall's."""
    own = {f.name for f in attrs.fields(taobao)} - {f.name for f in attrs.fields(tmall)}

    def structure(value: object, _: object) -> object:
        chosen = taobao if isinstance(value, Mapping) and own & set(value) else tmall
        return converter.get_structure_hook(chosen)(value, chosen)

    return structure


def _describe(error: BaseException, _: object) -> str:
    if isinstance(error, ForbiddenExtraKeysError):
        keys = ", ".join(sorted(error.extra_fields))
        return f"unknown key {keys}"
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, TmallServiceError):
        return str(error)
    return f"{type(error).__name__}: {error}"


def _path_first(line: str) -> str:
    # cattrs writes "problem @ $.path"; a reader scans for the path first.
    problem, _, path = line.rpartition(" @ ")
    return f"{path}: {problem}" if problem else line


_LONG_KEY = re.compile(r"\['([^']{81,})'\]")


def _capped(line: str) -> str:
    """*line* with each very long key of its path cut short (a 10,000-character name).

    Values are cut short where the message is made; a key in a path is not.
    """
    return _LONG_KEY.sub(lambda m: f"['{m[1][:60]}…({len(m[1])} characters)']", line)


class Converter(cattrs.Converter):
    """A ``cattrs.Converter`` that speaks the library's data formats.

    Decimals become strings, dates ISO strings, enums their values, and
    collections of names sorted lists, so the unstructured form is JSON-safe
    and the same on every run. Unknown keys are refused. A structuring
    failure raises :class:`~tmall_service.RuleBookError` naming every bad
    field by its path.
    """

    def __init__(self) -> None:
        super().__init__(forbid_extra_keys=True, detailed_validation=True)
        self.register_unstructure_hook(Decimal, str)
        self.register_structure_hook(Decimal, _structure_decimal)
        self.register_unstructure_hook(dt.date, dt.date.isoformat)
        self.register_structure_hook(dt.date, _structure_date)
        self.register_unstructure_hook_func(_is_names, sorted)
        self.register_structure_hook_func(_is_names, _structure_names)
        self.register_structure_hook(str, _structure_text)
        self.register_structure_hook(int, _structure_whole)
        self.register_structure_hook_func(_is_enum, _structure_enum)
        self.register_structure_hook_factory(
            attrs.has,
            _shape_guard(Mapping, "a table of fields", make_dict_structure_fn),
        )
        # Scores and weights of either scheme: the keys tell which.
        self.register_structure_hook(AnyWeights, _by_keys(WeightProfile, TaobaoWeights))
        self.register_structure_hook(AnyScores, _by_keys(DimensionScores, TaobaoScores))
        self.register_structure_hook_factory(
            is_mapping, _shape_guard(Mapping, "a table", mapping_structure_factory)
        )
        self.register_structure_hook_factory(
            _is_tuple_of,
            _shape_guard((list, tuple), "a list", homogenous_tuple_structure_factory),
        )

    def structure(self, obj: Any, cl: type[T]) -> T:  # noqa: ANN401 - any data in
        """Structure *obj* into *cl*, or raise ``RuleBookError`` naming the fields."""
        name = getattr(cl, "__name__", str(cl))
        try:
            return super().structure(obj, cl)
        except (ClassValidationError, IterableValidationError) as error:
            problems = [
                _path_first(line)
                for line in cattrs.transform_error(error, format_exception=_describe)
            ]
            cause: BaseException = error
        except (TmallServiceError, TypeError, ValueError, RecursionError) as error:
            problems = [f"$: {_describe(error, cl)}"]
            cause = error
        message = f"invalid {name}:\n  " + "\n  ".join(map(_capped, problems))
        raise RuleBookError(message) from cause


converter = Converter()
"""The library's converter: ``converter.unstructure(x)`` is JSON-safe, and
``converter.structure(converter.unstructure(x), type(x)) == x``.

>>> import json
>>> import tmall_service as ts
>>> scores = ts.DimensionScores(product="4.5", dispute=None)
>>> data = ts.converter.unstructure(scores)
>>> json.dumps(data)
'{"product": "4.5", "logistics": null, "after_sales": null, "dispute": null, "consultation": null}'
>>> ts.converter.structure(data, ts.DimensionScores) == scores
True
"""
