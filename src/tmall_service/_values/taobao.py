"""Taobao's service guarantee score (淘宝服务保障评分): a second scheme.

Article 003 names five factors that affect the score (影响因素):
商品描述准确性, 物流速度与服务质量, 客户服务水平, 交易安全性 and 售后服务体系.
It names them as factors, not as published scored dimensions, and gives no
weights, formula or thresholds. Modelling the score as five scored areas
with a weight each, as Tmall's score is computed, is the library's setting;
the bundled Taobao edition is an example. The values here mirror
:class:`~tmall_service.DimensionScores` and
:class:`~tmall_service.WeightProfile`, so everything else — rule books,
periods, the 99 rule, standards and standings — works for both.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from .declaring import SchemeDimension, SchemeScores, SchemeWeights, declare

if TYPE_CHECKING:
    from .numbers import NumberLike

__all__ = ["TAOBAO", "TaobaoDimension", "TaobaoScores", "TaobaoWeights"]


class TaobaoDimension(SchemeDimension):
    """One of the five areas of Taobao's service guarantee score.

    Each is one of the five factors (影响因素) that article 003 says affect
    the score; scoring each from 0 to 5 and weighing them is the library's
    setting, not a published scheme. ``label_zh`` is the library's short
    label, not 003's name: each member gives 003's name.

    >>> import tmall_service as ts
    >>> [d.label_zh for d in ts.TaobaoDimension]
    ['描述相符', '物流服务', '客户服务', '交易安全', '售后服务']
    """

    DESCRIPTION = "description", "描述相符"
    """描述相符: the product is as described (003: 商品描述准确性)."""
    LOGISTICS = "logistics", "物流服务"
    """物流服务: logistics speed and quality (003: 物流速度与服务质量)."""
    CUSTOMER_SERVICE = "customer_service", "客户服务"
    """客户服务: the customer service's speed and help (003: 客户服务水平)."""
    TRANSACTION_SECURITY = "transaction_security", "交易安全"
    """交易安全: transaction security (003: 交易安全性)."""
    AFTER_SALES = "after_sales", "售后服务"
    """售后服务: after-sales service (003: 售后服务体系)."""


@attrs.frozen(init=False)
class TaobaoScores(SchemeScores, dimensions=TaobaoDimension):
    """A Taobao shop's scores in the five areas for one period.

    Like :class:`~tmall_service.DimensionScores`: each in ``[0, 5]`` or
    ``None`` without data.

    >>> import tmall_service as ts
    >>> scores = ts.TaobaoScores(description="4.8", logistics="4.7")
    >>> scores[ts.TaobaoDimension.DESCRIPTION]
    Decimal('4.8')
    """

    #: 描述相符, description accuracy; ``None`` without data.
    description: Decimal | None
    #: 物流服务, logistics speed and quality; ``None`` without data.
    logistics: Decimal | None
    #: 客户服务, customer service; ``None`` without data.
    customer_service: Decimal | None
    #: 交易安全, transaction security; ``None`` without data.
    transaction_security: Decimal | None
    #: 售后服务, after-sales service; ``None`` without data.
    after_sales: Decimal | None

    if TYPE_CHECKING:  # to a type checker the five scores are named

        def __init__(
            self,
            *,
            description: NumberLike | None = None,
            logistics: NumberLike | None = None,
            customer_service: NumberLike | None = None,
            transaction_security: NumberLike | None = None,
            after_sales: NumberLike | None = None,
        ) -> None: ...


@attrs.frozen(init=False)
class TaobaoWeights(SchemeWeights, dimensions=TaobaoDimension):
    """The weight of each Taobao area: five in ``[0, 1]`` summing to exactly 1.

    >>> import tmall_service as ts
    >>> weights = ts.TaobaoWeights(description="0.3", logistics="0.2",
    ...                            customer_service="0.2", transaction_security="0.1",
    ...                            after_sales="0.2")
    >>> weights[ts.TaobaoDimension.TRANSACTION_SECURITY]
    Decimal('0.1')
    """

    #: The weight of description accuracy (描述相符).
    description: Decimal
    #: The weight of logistics (物流服务).
    logistics: Decimal
    #: The weight of customer service (客户服务).
    customer_service: Decimal
    #: The weight of transaction security (交易安全).
    transaction_security: Decimal
    #: The weight of after-sales service (售后服务).
    after_sales: Decimal

    if TYPE_CHECKING:  # to a type checker all five weights are required

        def __init__(
            self,
            *,
            description: NumberLike,
            logistics: NumberLike,
            customer_service: NumberLike,
            transaction_security: NumberLike,
            after_sales: NumberLike,
        ) -> None: ...


TAOBAO = declare("taobao", label_zh="淘宝服务保障评分", scores=TaobaoScores, weights=TaobaoWeights)
"""Taobao's service guarantee score (淘宝服务保障评分)."""
