"""Tmall's scheme: the five experience dimensions, a shop's scores in them, and their weights."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from .declaring import SchemeDimension, SchemeScores, SchemeWeights, declare

if TYPE_CHECKING:
    from .numbers import NumberLike

__all__ = ["TMALL", "Dimension", "DimensionScores", "WeightProfile"]


class Dimension(SchemeDimension):
    """One of the five experience dimensions of the New Lighthouse (新灯塔).

    The members come in the order the rules list them; ``.value`` is the
    lower-case member name and ``.label_zh`` the Chinese name.

    >>> import tmall_service as ts
    >>> [d.value for d in ts.Dimension]
    ['product', 'logistics', 'after_sales', 'dispute', 'consultation']
    >>> ts.Dimension.AFTER_SALES.label_zh
    '售后体验'
    """

    PRODUCT = "product", "商品体验"
    LOGISTICS = "logistics", "物流体验"
    AFTER_SALES = "after_sales", "售后体验"
    DISPUTE = "dispute", "纠纷体验"
    CONSULTATION = "consultation", "咨询体验"


@attrs.frozen(init=False)
class DimensionScores(SchemeScores, dimensions=Dimension):
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

    if TYPE_CHECKING:  # to a type checker the five scores are named

        def __init__(
            self,
            *,
            product: NumberLike | None = None,
            logistics: NumberLike | None = None,
            after_sales: NumberLike | None = None,
            dispute: NumberLike | None = None,
            consultation: NumberLike | None = None,
        ) -> None: ...


@attrs.frozen(init=False)
class WeightProfile(SchemeWeights, dimensions=Dimension):
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


TMALL = declare(
    "tmall", label_zh="天猫基础服务考核分", scores=DimensionScores, weights=WeightProfile
)
"""Tmall's basic service score (天猫基础服务考核分), the New Lighthouse dimensions."""
