"""How a scoring scheme is declared: its dimensions, and the value types of its scores.

A scheme is data: a name, a Chinese label, and its dimensions in order,
each with its value and Chinese label. Its scores and weights are classes
that name one field per dimension and take everything else — checking,
indexing by dimension, the notebook view — from :class:`SchemeScores` and
:class:`SchemeWeights`. :func:`declare` registers the scheme, and from then
on rule books, files, frames, explanations and charts know it.

>>> import enum
>>> from decimal import Decimal
>>> import attrs
>>> class Area(SchemeDimension):
...     SPEED = "speed", "速度"
...     CARE = "care", "关怀"
>>> @attrs.frozen(init=False)
... class AreaScores(SchemeScores, dimensions=Area):
...     speed: Decimal | None
...     care: Decimal | None
>>> @attrs.frozen(init=False)
... class AreaWeights(SchemeWeights, dimensions=Area):
...     speed: Decimal
...     care: Decimal
>>> AreaScores(speed=4)[Area.SPEED], Area.CARE.label_zh
(Decimal('4'), '关怀')
>>> AreaWeights(speed="0.5", care="0.4")
Traceback (most recent call last):
...
tmall_service.InvalidWeightsError: weights sum to 0.9, not exactly 1 (speed=0.5, care=0.4)
"""

from __future__ import annotations

import enum
import inspect
from collections.abc import Callable
from decimal import Decimal
from typing import Any, ClassVar, Final, TypeVar

import attrs

from .errors import (
    InvalidScoreError,
    InvalidWeightsError,
    RuleBookError,
    UnknownDimensionError,
    shown,
)
from .numbers import EXACT, NumberLike, to_decimal
from .text import display_language, fields_table, view, word

__all__ = [
    "MAX_SCORE",
    "NOT_GIVEN",
    "Marker",
    "SchemeDefinition",
    "SchemeDimension",
    "SchemeScores",
    "SchemeWeights",
    "declare",
    "declared",
    "definition_named",
    "dimension_of",
    "member_of",
]

MAX_SCORE: Final = Decimal(5)
"""The best score of a dimension, and of the composite."""

_ZERO: Final = Decimal(0)


class Marker:
    """A named default that no caller passes by accident; it shows by its name."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name


NOT_GIVEN: Final[Any] = Marker("REQUIRED")
"""The default of an argument that must be given, so that leaving it out is
reported as the library's own error rather than a ``TypeError``."""


class SchemeDimension(enum.Enum):
    """The base of a scheme's dimensions: each member is ``VALUE = "value", "中文"``.

    ``.value`` is the first item, ``.label_zh`` the second; the members come
    in the order they are declared.
    """

    _value_: str
    _label_zh: str

    def __new__(cls, value: str, label_zh: str) -> SchemeDimension:  # noqa: PYI034 - enum members are made here
        """A member whose value is *value* and whose Chinese label is *label_zh*."""
        member = object.__new__(cls)
        member._value_ = value
        member._label_zh = label_zh
        return member

    @property
    def label_zh(self) -> str:
        """The dimension's Chinese name, as the scheme declares it."""
        return self._label_zh


D = TypeVar("D", bound=enum.Enum)


def dimension_of(key: object, dimensions: type[D]) -> D:
    """*key* as a member of *dimensions*: a member, or a member's value."""
    return member_of(key, dimensions, "dimension")


def member_of(key: object, kind: type[D], noun: str) -> D:
    """*key* as a member of *kind*, or :class:`UnknownDimensionError` listing the members.

    *noun* names what the members are (``dimension``, ``indicator``): the
    field of the message, and the thing *key* is not.
    """
    if isinstance(key, kind):
        return key
    try:
        return kind(key)
    except ValueError:
        valid = ", ".join(member.value for member in kind)
        article = "an" if noun[0] in "aeiou" else "a"
        msg = f"{noun}: {shown(key)} is not {article} {noun}; expected one of {valid}"
        raise UnknownDimensionError(msg) from None


class _SchemeValue:
    """What a scheme's scores and weights share: one field per dimension, in order."""

    __slots__ = ()

    #: The dimensions of the scheme these values belong to.
    DIMENSIONS: ClassVar[type[SchemeDimension]]
    #: The names of the fields, the dimensions' values, in order.
    FIELDS: ClassVar[tuple[str, ...]]
    _KIND: ClassVar[str]
    _ANNOTATION: ClassVar[tuple[str, object]]
    """How the signature shows each keyword, and its default."""
    _ANNOTATES: ClassVar[object]
    """What that annotation stands for."""

    def __init_subclass__(cls, *, dimensions: type[SchemeDimension] | None = None) -> None:
        super().__init_subclass__()
        if dimensions is None:  # attrs re-making the class keeps what was declared
            return
        cls.DIMENSIONS = dimensions
        cls.FIELDS = tuple(d.value for d in dimensions)
        cls.__init__ = cls._keyword_init()  # type: ignore[method-assign]

    @classmethod
    def _keyword_init(cls) -> Callable[..., None]:
        """An ``__init__`` whose signature names each dimension: ``(*, a=..., b=...)``."""
        fields, allowed, values = cls.FIELDS, frozenset(cls.FIELDS), cls._values
        name = cls.__name__

        def init(self: _SchemeValue, **given: object) -> None:
            if not allowed.issuperset(given):
                unknown = min(given.keys() - allowed)
                msg = f"{name}() got an unexpected keyword argument {unknown!r}"
                raise TypeError(msg)
            self.__attrs_init__(*values(fields, given))  # type: ignore[attr-defined]

        annotation, default = cls._ANNOTATION
        keyword = inspect.Parameter.KEYWORD_ONLY
        parameters = [inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        parameters += [
            inspect.Parameter(n, keyword, default=default, annotation=annotation)
            for n in cls.FIELDS
        ]
        init.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            parameters, return_annotation="None"
        )
        # What the annotations stand for, for tools that evaluate them.
        init.__annotations__ = dict.fromkeys(cls.FIELDS, cls._ANNOTATES) | {"return": None}
        init.__name__, init.__qualname__ = "__init__", f"{cls.__qualname__}.__init__"
        init.__doc__ = cls.__init__.__doc__
        return init

    @staticmethod
    def _values(fields: tuple[str, ...], given: dict[str, object]) -> list[Any]:
        """The checked value of each field, in order, from the keywords *given*."""
        raise NotImplementedError

    def _repr_html_(self) -> str:
        """The values as a one-row table, for notebooks."""
        return view(word(self._KIND, display_language()), fields_table(self))  # type: ignore[arg-type]


class SchemeScores(_SchemeValue):
    """The base of a scheme's scores: each in ``[0, 5]``, or ``None`` without data."""

    __slots__ = ()
    _KIND = "scores"
    _ANNOTATION = ("NumberLike | None", None)
    _ANNOTATES = NumberLike | None

    def __init__(self, **given: object) -> None:
        """Each score checked in turn: ``None``, or a number in ``[0, 5]``."""
        raise NotImplementedError  # each scheme's scores get their own (see _keyword_init)

    @staticmethod
    def _values(fields: tuple[str, ...], given: dict[str, object]) -> list[Any]:
        return [None if (v := given.get(n)) is None else _score(v, n) for n in fields]

    def __getitem__(self, dimension: SchemeDimension) -> Decimal | None:
        """The score of *dimension*, or ``None`` when it has no data."""
        value: Decimal | None = getattr(self, dimension_of(dimension, self.DIMENSIONS).value)
        return value


class SchemeWeights(_SchemeValue):
    """The base of a scheme's weights: each in ``[0, 1]``, summing to exactly 1."""

    __slots__ = ()
    _KIND = "weights"
    _ANNOTATION = ("NumberLike", NOT_GIVEN)
    _ANNOTATES = NumberLike

    def __init__(self, **given: object) -> None:
        """Every weight given, each in ``[0, 1]``, and their exact sum 1."""
        raise NotImplementedError  # each scheme's weights get their own (see _keyword_init)

    @staticmethod
    def _values(fields: tuple[str, ...], given: dict[str, object]) -> list[Any]:
        weights = [_weight(given.get(n, NOT_GIVEN), n, len(fields)) for n in fields]
        total = EXACT.create_decimal(0)
        for weight in weights:
            total = EXACT.add(total, weight)
        if total != 1:
            listed = ", ".join(f"{n}={w}" for n, w in zip(fields, weights, strict=True))
            msg = f"weights sum to {total}, not exactly 1 ({listed})"
            raise InvalidWeightsError(msg)
        return weights

    def __getitem__(self, dimension: SchemeDimension) -> Decimal:
        """The weight of *dimension*."""
        value: Decimal = getattr(self, dimension_of(dimension, self.DIMENSIONS).value)
        return value


def _score(value: object, field: str) -> Decimal:
    return to_decimal(value, field=field, error=InvalidScoreError, low=_ZERO, high=MAX_SCORE)


def _weight(value: object, field: str, count: int) -> Decimal:
    if value is NOT_GIVEN:
        msg = f"{field}: missing; a weight profile needs all {_COUNTS.get(count, count)} weights"
        raise InvalidWeightsError(msg)
    return to_decimal(value, field=field, error=InvalidWeightsError, low=_ZERO, high=Decimal(1))


_COUNTS: Final = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven"}


@attrs.frozen
class SchemeDefinition:
    """A scoring scheme as data: what :class:`~tmall_service.Scheme` members are.

    It answers what a ``Scheme`` member answers (``value``, ``label_zh``,
    ``dimensions``, ``scores``, ``weights``), so a rule book holds either.
    """

    #: The scheme's name in files and on the command line.
    value: str
    #: The scheme's Chinese name.
    label_zh: str
    #: The scheme's dimensions, in order.
    dimensions: type[SchemeDimension]
    #: The type of a shop's scores under the scheme.
    scores: type[SchemeScores]
    #: The type of a category's weights under the scheme.
    weights: type[SchemeWeights]


_DECLARED: dict[str, SchemeDefinition] = {}


def declare(
    value: str,
    *,
    label_zh: str,
    scores: type[SchemeScores],
    weights: type[SchemeWeights],
) -> SchemeDefinition:
    """Register the scheme named *value*, whose values are *scores* and *weights*.

    Both must be declared over the same dimensions; a name is declared once.
    """
    if scores.DIMENSIONS is not weights.DIMENSIONS:
        msg = f"scheme {value!r}: {scores.__name__} and {weights.__name__} differ in dimensions"
        raise RuleBookError(msg)
    if value in _DECLARED:
        msg = f"scheme {value!r} is declared already"
        raise RuleBookError(msg)
    definition = SchemeDefinition(value, label_zh, scores.DIMENSIONS, scores, weights)
    _DECLARED[value] = definition
    return definition


def declared() -> tuple[SchemeDefinition, ...]:
    """Every scheme declared so far, in the order of declaration."""
    return tuple(_DECLARED.values())


def definition_named(value: str) -> SchemeDefinition:
    """The scheme declared as *value*; :class:`RuleBookError` naming it if none is."""
    definition = _DECLARED.get(value)
    if definition is None:
        known = ", ".join(_DECLARED)
        msg = f"scheme: {shown(value)} is not a scheme; expected one of {known}"
        raise RuleBookError(msg)
    return definition
