"""The library's cattrs converter: every public value to and from JSON-safe data."""

from __future__ import annotations

import datetime as dt
import enum
import operator
import re
import types
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Any, Final, TypeVar, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import is_mapping, mapping_structure_factory
from cattrs.dispatch import StructureHook
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, override

from tmall_service._rules.book import Purpose, RuleBook
from tmall_service._values.declaring import SchemeDefinition, declared
from tmall_service._values.errors import RuleBookError, TmallServiceError, a_kind, shown
from tmall_service._values.exemptions import names
from tmall_service._values.numbers import to_decimal
from tmall_service._values.schemes import AnyScores, AnyWeights, Scheme, scheme_of

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


def _structure_flag(value: object, _: type) -> bool:
    # bool() would read "false" as true: a setting is written true or false.
    if not isinstance(value, bool):
        msg = f"{shown(value)} is not true or false"
        raise RuleBookError(msg)
    return value


def _structure_text(value: object, _: type) -> str:
    if not isinstance(value, str):
        msg = f"{shown(value)} is not a text"
        raise RuleBookError(msg)
    return value


def _rulebook_factory(kind: Any, conv: cattrs.Converter) -> StructureHook:
    """A rule book's hook: ``clearance_after`` may be the table per purpose of earlier versions.

    Such a table is structured as any table of purposes, and left to
    :class:`~tmall_service.RuleBook` to read or refuse.
    """
    table = conv.get_structure_hook(Mapping[Purpose, int])
    optional = int | None
    limit = conv.get_structure_hook(optional)

    def clearance_after(value: object, _: type) -> object:
        return (
            table(value, Mapping[Purpose, int])
            if isinstance(value, Mapping)
            else limit(value, optional)
        )

    return make_dict_structure_fn(kind, conv, clearance_after=override(struct_hook=clearance_after))


def _is_members(kind: object) -> bool:
    return get_origin(kind) is frozenset and _is_enum(get_args(kind)[0])


def _unstructure_members(members: frozenset[enum.Enum]) -> list[object]:
    """A set of enum members as their values, in the enum's order."""
    kinds = {type(member) for member in members}
    return [m.value for kind in sorted(kinds, key=str) for m in kind if m in members]


def _members_factory(kind: Any, conv: cattrs.Converter) -> StructureHook:
    """A hook for a set of enum members, written as a list of their values."""
    items = _items_factory(types.GenericAlias(tuple, (get_args(kind)[0], ...)), conv)
    return lambda value, _: frozenset(items(value, kind))


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


def _structure_scheme(value: object, kind: type[Scheme]) -> Scheme:
    """A scheme's name as its :class:`Scheme` member, or as a scheme declared beside them."""
    if isinstance(value, str) and value in {d.value for d in declared()}:
        return scheme_of(value)
    valid = ", ".join(repr(d.value) for d in declared())
    msg = f"{shown(value)} is not {a_kind(kind.__name__)}; expected one of {valid}"
    raise RuleBookError(msg)


def _shape_guard(
    expected: type | tuple[type, ...],
    what: str,
    factory: Callable[[Any, cattrs.Converter], StructureHook],
) -> Callable[[Any, cattrs.Converter], StructureHook]:
    """Wrap a cattrs hook factory so that data of the wrong shape is named."""

    def guarded_factory(kind: Any, conv: cattrs.Converter) -> StructureHook:
        inner = factory(kind, conv)

        def structure(value: object, cl: Any) -> Any:
            if not isinstance(value, expected):
                msg = f"{shown(value)} is not {what}"
                raise RuleBookError(msg)
            return inner(value, cl)

        return structure

    return guarded_factory


def _by_keys(kind: Callable[[SchemeDefinition], type]) -> Callable[[object, Any], object]:
    """Structure a table as the *kind* of the declared scheme its keys fit.

    The first scheme (in the order of declaration) whose dimensions include
    every key; failing that, the one sharing the most keys, so that the
    unknown keys are named against the closest scheme.
    """

    def structure(value: object, _: object) -> object:
        keys = set(value) if isinstance(value, Mapping) else set()
        schemes = declared()
        fits = [s for s in schemes if keys.issubset(s.scores.FIELDS)]
        best = (
            fits[0] if fits else max(schemes, key=lambda s: len(keys.intersection(s.scores.FIELDS)))
        )
        chosen = kind(best)
        return converter.get_structure_hook(chosen)(value, chosen)

    return structure


def _describe(error: BaseException, _: object) -> str:
    if isinstance(error, ForbiddenExtraKeysError):
        return _unknown_keys(error.extra_fields)
    if isinstance(error, KeyError):
        return "required field missing"
    if isinstance(error, TmallServiceError):
        return str(error)
    return f"{type(error).__name__}: {error}"


_FIELD_FIRST = re.compile(r"(?P<field>[a-z_]\w*(?:\.\w+|\[\d+\])*): (?P<rest>.*)", re.DOTALL)
_PLAIN_KEY = re.compile(r"\w+")


def _dotted(path: str) -> str:
    """The path cattrs writes, ``$.profiles['服饰']``, as ``$.profiles.服饰``.

    A key that is not a plain word (``a.b``, ``x y``) keeps its brackets.
    """
    return _PATH_KEY.sub(
        lambda m: (
            f".{m[1]}" if _PLAIN_KEY.fullmatch(m[1]) and len(m[1]) <= _LONG_KEY_CHARS else m[0]
        ),
        path,
    )


def _joined(path: str, problem: str) -> str:
    """*problem* at *path*, a field the problem names first joined to the path.

    >>> _joined("$", "thresholds.marketing_access: 43 is outside [0, 5]")
    '$.thresholds.marketing_access: 43 is outside [0, 5]'
    >>> _joined("$.profiles['服饰']", "weights sum to 1.7, not exactly 1")
    '$.profiles.服饰: weights sum to 1.7, not exactly 1'
    """
    path = _dotted(path)
    named = _FIELD_FIRST.fullmatch(problem)
    if named:
        field = named["field"]
        return f"{path}{'' if field.startswith('[') else '.'}{field}: {named['rest']}"
    return f"{path}: {problem}"


def _path_first(line: str) -> str:
    # cattrs writes "problem @ $.path"; a reader scans for the path first.
    problem, _, path = line.rpartition(" @ ")
    return _joined(path, problem) if problem else line


_PATH_KEY = re.compile(r"\['([^']*)'\]")
_LONG_KEY_CHARS: Final = 80
_SHOWN_KEY_CHARS: Final = 60


def _cut(key: str) -> str:
    """*key*, or its start and its length when it is very long (a 10,000-character name)."""
    if len(key) <= _LONG_KEY_CHARS:
        return key
    return f"{key[:_SHOWN_KEY_CHARS]}…({len(key)} characters)"


def _capped(line: str) -> str:
    """*line* with each very long key of its path cut short.

    Values are cut short where the message is made; a key in a path is not.
    """
    return _PATH_KEY.sub(lambda m: f"['{_cut(m[1])}']", line)


_SHOWN_PROBLEMS: Final = 20
"""The problems a message spells out; it counts the rest.

A file with 200,000 bad entries is better told by its first few problems
and their number than by 200,000 lines: nobody reads past the first few,
and building the rest cost seconds and tens of megabytes.
"""


def _unknown_keys(keys: Iterable[object]) -> str:
    """The unknown keys of a table, sorted, the first few spelled out, long ones cut short."""
    # Data given to the converter may have keys of any kind; a file's are texts.
    found = sorted(key if isinstance(key, str) else shown(key) for key in keys)
    listed = ", ".join(map(_cut, found[:_SHOWN_PROBLEMS]))
    more = len(found) - _SHOWN_PROBLEMS
    return f"unknown key {listed}" + (f" and {more} more" if more > 0 else "")


_GROUPS: Final = (ClassValidationError, IterableValidationError)


class _CountedError(IterableValidationError):
    """A collection's failing items: the first kept whole, the rest only counted.

    cattrs keeps every failure, with its traceback, until the message is
    made. With 200,000 of them the garbage collector walks them again and
    again, and that, not the entries, is most of the time a refusal takes.
    """

    #: The problems of the failing items that were counted and not kept.
    not_kept: int = 0


def _problems(error: BaseException) -> int:
    """How many problems *error* holds, those counted and not kept included.

    It walks the exception as ``cattrs.transform_error`` does, which gives
    one line to each problem of the failures kept.
    """
    if not isinstance(error, _GROUPS):
        return 1
    noted, others = error.group_exceptions()
    not_kept = error.not_kept if isinstance(error, _CountedError) else 0
    return sum(_problems(inner) for inner, _ in noted) + len(others) + not_kept


class _Failures:
    """The failing items of one collection, gathered as cattrs gathers them, but bounded.

    Items are kept, with the note cattrs gives them, until they hold as many
    problems as a message spells out; later ones are only counted. So the
    first lines of a message are those it would have if every item were kept.
    """

    def __init__(self) -> None:
        self.kept: list[Exception] = []
        self.kept_problems = 0
        self.not_kept = 0

    def add(self, error: Exception, where: str, index: int | str, kind: object) -> None:
        """Keep or count *error*, the failure of the item at *index*."""
        problems = _problems(error)
        if self.kept_problems >= _SHOWN_PROBLEMS:
            self.not_kept += problems
            return
        note = IterableValidationNote(f"{where} {index!r}", index, kind)
        error.__notes__ = [*getattr(error, "__notes__", []), note]
        self.kept.append(error)
        self.kept_problems += problems

    def check(self, kind: Any) -> None:
        """Raise the failures as one error, if there are any."""
        if self.kept:
            error = _CountedError(f"While structuring {kind!r}", self.kept, kind)
            error.not_kept = self.not_kept
            raise error


def _items_factory(kind: Any, conv: cattrs.Converter) -> StructureHook:
    """A hook for ``tuple[X, ...]``: each item structured, the failures bounded."""
    item_type = get_args(kind)[0]
    hook = conv.get_structure_hook(item_type)
    where = f"Structuring {kind} @ index"

    def structure(value: Iterable[object], _: object) -> tuple[object, ...]:
        result = []
        failures = _Failures()
        for index, item in enumerate(value):
            try:
                result.append(hook(item, item_type))
            except Exception as error:  # noqa: BLE001 - any failure of a hook is named, not raised bare - any failure is the item's, as in cattrs
                failures.add(error, where, index, item_type)
        failures.check(kind)
        return tuple(result)

    return structure


def _table_factory(kind: Any, conv: cattrs.Converter) -> StructureHook:
    """A hook for ``Mapping[K, V]``: each value, then its key, structured, the failures bounded."""
    try:
        key_type, value_type = get_args(kind)
    except ValueError:  # a bare mapping, or a Counter of one type: no library type is one
        return mapping_structure_factory(kind, conv)
    key_hook = conv.get_structure_hook(key_type)
    value_hook = conv.get_structure_hook(value_type)

    def structure(value: Mapping[Any, object], _: object) -> dict[object, object]:
        result = {}
        failures = _Failures()
        for key, item in value.items():
            try:
                structured = value_hook(item, value_type)
            except Exception as error:  # noqa: BLE001 - any failure of a hook is named, not raised bare - any failure is the item's, as in cattrs
                failures.add(error, "Structuring mapping value @ key", key, value_type)
                continue
            try:
                result[key_hook(key, key_type)] = structured
            except Exception as error:  # noqa: BLE001 - any failure of a hook is named, not raised bare
                failures.add(error, "Structuring mapping key @ key", key, key_type)
        failures.check(kind)
        return result

    return structure


def _listed(error: ClassValidationError | IterableValidationError) -> list[str]:
    """The first problems of *error*, path first, then how many more there are."""
    lines = cattrs.transform_error(error, format_exception=_describe)[:_SHOWN_PROBLEMS]
    more = _problems(error) - len(lines)
    return [_path_first(line) for line in lines] + ([f"… and {more} more"] if more else [])


class Converter(cattrs.Converter):
    """A ``cattrs.Converter`` that speaks the library's data formats.

    Decimals become strings, dates ISO strings, enums their values, and
    collections of names sorted lists, so the unstructured form is JSON-safe
    and the same on every run. Unknown keys are refused. A structuring
    failure raises :class:`~tmall_service.RuleBookError` naming the bad
    fields by their paths: the first 20 problems, then how many more.
    """

    def __init__(self) -> None:
        super().__init__(forbid_extra_keys=True, detailed_validation=True)
        self.register_unstructure_hook(Decimal, str)
        self.register_structure_hook(Decimal, _structure_decimal)
        self.register_unstructure_hook(dt.date, dt.date.isoformat)
        self.register_structure_hook(dt.date, _structure_date)
        self.register_unstructure_hook_func(_is_names, sorted)
        self.register_structure_hook_func(_is_names, _structure_names)
        self.register_unstructure_hook_func(_is_members, _unstructure_members)
        self.register_structure_hook(str, _structure_text)
        self.register_structure_hook(int, _structure_whole)
        self.register_structure_hook(bool, _structure_flag)
        self.register_structure_hook_func(_is_enum, _structure_enum)
        self.register_structure_hook(Scheme, _structure_scheme)
        self.register_unstructure_hook(SchemeDefinition, operator.attrgetter("value"))
        self.register_structure_hook_factory(
            attrs.has,
            _shape_guard(Mapping, "a table of fields", make_dict_structure_fn),
        )
        self.register_structure_hook_factory(
            _is_members, _shape_guard((list, tuple), "a list", _members_factory)
        )
        self.register_structure_hook_factory(
            lambda kind: kind is RuleBook,
            _shape_guard(Mapping, "a table of fields", _rulebook_factory),
        )
        # Scores and weights of any declared scheme: the keys tell which.
        self.register_unstructure_hook_func(
            lambda kind: kind is AnyWeights or kind is AnyScores,
            lambda value: self.unstructure(value, type(value)),
        )
        self.register_structure_hook_func(
            lambda kind: kind is AnyWeights, _by_keys(lambda scheme: scheme.weights)
        )
        self.register_structure_hook_func(
            lambda kind: kind is AnyScores, _by_keys(lambda scheme: scheme.scores)
        )
        self.register_structure_hook_factory(
            is_mapping, _shape_guard(Mapping, "a table", _table_factory)
        )
        self.register_structure_hook_factory(
            _is_tuple_of, _shape_guard((list, tuple), "a list", _items_factory)
        )

    def structure(self, obj: Any, cl: type[T]) -> T:
        """Structure *obj* into *cl*, or raise ``RuleBookError`` naming the fields."""
        name = getattr(cl, "__name__", str(cl))
        try:
            return super().structure(obj, cl)
        except (ClassValidationError, IterableValidationError) as error:
            problems = _listed(error)
            cause: BaseException = error
        except (TmallServiceError, TypeError, ValueError, RecursionError) as error:
            problems = [_joined("$", _describe(error, cl))]
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
