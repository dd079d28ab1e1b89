"""The five experience dimensions, a shop's scores in them, and their weights."""

from __future__ import annotations

import enum
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar, Final, TypeVar

import attrs

from .errors import (
    InvalidScoreError,
    InvalidWeightsError,
    UnknownDimensionError,
    shown,
)
from .numbers import EXACT, NumberLike, to_decimal
from .text import display_language, fields_table, view, word

__all__ = [
    "MAX_SCORE",
    "Dimension",
    "DimensionScores",
    "WeightProfile",
    "dimension_of",
    "scores_of",
    "weights_of",
]

MAX_SCORE: Final = Decimal(5)
"""The best score of a dimension, and of the composite."""


class Dimension(enum.Enum):
    """One of the five experience dimensions of the New Lighthouse (新灯塔).

    The members come in the order the rules list them; ``.value`` is the
    lower-case member name and ``.label_zh`` the Chinese name.

    >>> import tmall_service as ts
    >>> [d.value for d in ts.Dimension]
    ['product', 'logistics', 'after_sales', 'dispute', 'consultation']
    >>> ts.Dimension.AFTER_SALES.label_zh
    '售后体验'
    """

    PRODUCT = "product"
    LOGISTICS = "logistics"
    AFTER_SALES = "after_sales"
    DISPUTE = "dispute"
    CONSULTATION = "consultation"

    @property
    def label_zh(self) -> str:
        """The dimension's Chinese name, as the rules write it."""
        return _LABELS_ZH[self]


D = TypeVar("D", bound=enum.Enum)


def dimension_of(key: object, dimensions: type[D] = Dimension) -> D:  # type: ignore[assignment]
    """*key* as a member of *dimensions*: a member, or a member's value."""
    if isinstance(key, dimensions):
        return key
    try:
        return dimensions(key)
    except ValueError:
        valid = ", ".join(d.value for d in dimensions)
        msg = f"dimension: {shown(key)} is not a dimension; expected one of {valid}"
        raise UnknownDimensionError(msg) from None


def scores_of(given: dict[str, object]) -> dict[str, Decimal | None]:
    """Each given dimension score validated: ``None`` or in ``[0, 5]``."""
    return {name: _score(value, name) for name, value in given.items()}


def weights_of(given: dict[str, object]) -> dict[str, Decimal]:
    """Each given weight validated, and all of them summing to exactly 1."""
    weights = {name: _weight(value, name) for name, value in given.items()}
    total = EXACT.create_decimal(0)
    for weight in weights.values():
        total = EXACT.add(total, weight)
    if total != 1:
        shown_weights = ", ".join(f"{name}={value}" for name, value in weights.items())
        msg = f"weights sum to {total}, not exactly 1 ({shown_weights})"
        raise InvalidWeightsError(msg)
    return weights


_LABELS_ZH: Final = {
    Dimension.PRODUCT: "商品体验",
    Dimension.LOGISTICS: "物流体验",
    Dimension.AFTER_SALES: "售后体验",
    Dimension.DISPUTE: "纠纷体验",
    Dimension.CONSULTATION: "咨询体验",
}


def _score(value: object, field: str) -> Decimal | None:
    if value is None:
        return None
    return to_decimal(value, field=field, error=InvalidScoreError, low=_ZERO, high=MAX_SCORE)


_ZERO: Final = Decimal(0)


class Marker:
    """A named default that no caller passes by accident; it shows by its name."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name


REQUIRED: Final[Any] = Marker("REQUIRED")
"""The default of an argument that must be given, so that leaving it out is
reported as the library's own error rather than a ``TypeError``."""


def _weight(value: object, field: str) -> Decimal:
    if value is REQUIRED:
        msg = f"{field}: missing; a weight profile needs all five weights"
        raise InvalidWeightsError(msg)
    return to_decimal(
        value, field=field, error=InvalidWeightsError, low=Decimal(0), high=Decimal(1)
    )


@attrs.frozen(init=False)
class DimensionScores:
    """A shop's scores in the five dimensions for one period.

    Each score lies in ``[0, 5]``, or is ``None`` when the dashboard has no
    data for that dimension. Values are immutable, hashable and equal by
    value; index them by :class:`Dimension`.

    >>> import tmall_service as ts
    >>> scores = ts.DimensionScores(product=5, logistics="3", after_sales=4.0,
    ...                             dispute=1, consultation=4)
    >>> scores[ts.Dimension.LOGISTICS]
    Decimal('3')
    >>> ts.DimensionScores(product=5)[ts.Dimension.DISPUTE] is None
    True
    """

    #: 商品体验, the product experience score; ``None`` without data.
    product: Decimal | None
    #: 物流体验, the logistics experience score; ``None`` without data.
    logistics: Decimal | None
    #: 售后体验, the after-sales experience score; ``None`` without data.
    after_sales: Decimal | None
    #: 纠纷体验, the dispute experience score; ``None`` without data.
    dispute: Decimal | None
    #: 咨询体验, the consultation experience score; ``None`` without data.
    consultation: Decimal | None

    def __init__(
        self,
        *,
        product: NumberLike | None = None,
        logistics: NumberLike | None = None,
        after_sales: NumberLike | None = None,
        dispute: NumberLike | None = None,
        consultation: NumberLike | None = None,
    ) -> None:
        # Each checked in turn, as scores_of checks them, without the table.
        self.__attrs_init__(
            None if product is None else _score(product, "product"),
            None if logistics is None else _score(logistics, "logistics"),
            None if after_sales is None else _score(after_sales, "after_sales"),
            None if dispute is None else _score(dispute, "dispute"),
            None if consultation is None else _score(consultation, "consultation"),
        )

    #: The dimensions of the scheme these scores belong to.
    DIMENSIONS: ClassVar[type[Dimension]] = Dimension

    def _repr_html_(self) -> str:
        """The scores as a one-row table, for notebooks."""
        return view(word("scores", display_language()), fields_table(self))

    def __getitem__(self, dimension: Dimension) -> Decimal | None:
        """The score of *dimension*, or ``None`` when it has no data."""
        value: Decimal | None = getattr(self, dimension_of(dimension, self.DIMENSIONS).value)
        return value


@attrs.frozen(init=False)
class WeightProfile:
    """A category's weight for each dimension (类目权重).

    All five weights are required, each in ``[0, 1]``, and they sum to
    exactly 1 — an exact decimal sum, no tolerance.

    >>> import tmall_service as ts
    >>> profile = ts.WeightProfile(product="0.2", logistics="0.3",
    ...                            after_sales="0.2", dispute="0.2",
    ...                            consultation="0.1")
    >>> profile[ts.Dimension.LOGISTICS]
    Decimal('0.3')
    """

    #: The weight of product experience (商品体验).
    product: Decimal
    #: The weight of logistics experience (物流体验).
    logistics: Decimal
    #: The weight of after-sales experience (售后体验).
    after_sales: Decimal
    #: The weight of dispute experience (纠纷体验).
    dispute: Decimal
    #: The weight of consultation experience (咨询体验).
    consultation: Decimal

    if TYPE_CHECKING:  # to a type checker all five weights are required

        def __init__(
            self,
            *,
            product: NumberLike,
            logistics: NumberLike,
            after_sales: NumberLike,
            dispute: NumberLike,
            consultation: NumberLike,
        ) -> None: ...

    def __init__(  # type: ignore[no-redef]  # at run time a missing one is named
        self,
        *,
        product: NumberLike = REQUIRED,
        logistics: NumberLike = REQUIRED,
        after_sales: NumberLike = REQUIRED,
        dispute: NumberLike = REQUIRED,
        consultation: NumberLike = REQUIRED,
    ) -> None:
        weights = weights_of(
            {
                "product": product,
                "logistics": logistics,
                "after_sales": after_sales,
                "dispute": dispute,
                "consultation": consultation,
            }
        )
        self.__attrs_init__(**weights)

    #: The dimensions of the scheme these weights belong to.
    DIMENSIONS: ClassVar[type[Dimension]] = Dimension

    def _repr_html_(self) -> str:
        """The weights as a one-row table, for notebooks."""
        return view(word("weights", display_language()), fields_table(self))

    def __getitem__(self, dimension: Dimension) -> Decimal:
        """The weight of *dimension*."""
        value: Decimal = getattr(self, dimension_of(dimension, self.DIMENSIONS).value)
        return value
