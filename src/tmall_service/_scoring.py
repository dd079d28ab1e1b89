"""The basic service score (基础服务考核分) and the star level."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final

from ._dimensions import Dimension
from ._errors import MissingDataError, RuleBookError, shown
from ._numbers import EXACT, round_half_up
from ._rules import MissingDataPolicy
from ._schemes import AnyScores, AnyWeights, check_fit
from ._taobao import TaobaoDimension

__all__ = [
    "NOT_ASSESSED_SCORE",
    "composite",
    "composite_score",
    "has_no_data",
    "no_data",
    "pairs",
]

NOT_ASSESSED_SCORE: Final = Decimal(99)
"""The score shown when a shop is not assessed: "显示99分, 默认通过".

>>> import tmall_service as ts
>>> ts.NOT_ASSESSED_SCORE
Decimal('99')
"""


Table = list[tuple[str, Decimal | None, Decimal]]
"""``(dimension, score, weight)`` for each dimension of a scheme."""


def pairs(scores: AnyScores, profile: AnyWeights) -> Table:
    """``(dimension, score, weight)`` for each dimension of *profile*'s scheme."""
    check_fit(scores, profile)
    return [
        (name, getattr(scores, name), getattr(profile, name)) for name in _NAMES[profile.DIMENSIONS]
    ]


_NAMES: Final[dict[type, tuple[str, ...]]] = {
    kind: tuple(d.value for d in kind) for kind in (Dimension, TaobaoDimension)
}


def has_no_data(scores: AnyScores, profile: AnyWeights) -> bool:
    """Whether the shop has no data in the period, for *profile*'s category.

    True when no dimension holds a non-zero score (the dashboard shows a
    period without data as all zeros), or when every dimension that carries
    weight is ``None``.

    >>> import tmall_service as ts
    >>> profile = ts.WeightProfile(product=1, logistics=0, after_sales=0,
    ...                            dispute=0, consultation=0)
    >>> has_no_data(ts.DimensionScores(product=0, consultation=0), profile)
    True
    >>> has_no_data(ts.DimensionScores(product=0, consultation=4), profile)
    False
    """
    return no_data(pairs(scores, profile))


def no_data(table: Table) -> bool:
    """:func:`has_no_data` of a table made by :func:`pairs`."""
    if not any(score for _, score, _ in table):  # each is None or zero
        return True
    return all(score is None for _, score, weight in table if weight)


def composite_score(
    scores: AnyScores,
    profile: AnyWeights,
    *,
    missing_data: MissingDataPolicy = MissingDataPolicy.REFUSE,
) -> Decimal:
    """The basic service score: Σ dimension score × category weight.

    The same holds for Taobao's scheme, with
    :class:`~tmall_service.TaobaoScores` and
    :class:`~tmall_service.TaobaoWeights`. Computed exactly and rounded
    once, to 2 places, halves up (``ROUND_HALF_UP``). A dimension with
    non-zero weight and no score is *missing*: by default that raises
    :class:`~tmall_service.MissingDataError`; *missing_data* may instead
    rescale the other weights (``RENORMALISE``) or count it as 0 (``ZERO``).
    The result lies in ``[0, 5]``.

    The sources' worked example (基础考核得分 = 5×0.2 + 4×0.1 + 3×0.3 + 4×0.2
    + 1×0.2):

    >>> import tmall_service as ts
    >>> scores = ts.DimensionScores(product=5, consultation=4, logistics=3,
    ...                             after_sales=4, dispute=1)
    >>> profile = ts.WeightProfile(product="0.2", consultation="0.1",
    ...                            logistics="0.3", after_sales="0.2",
    ...                            dispute="0.2")
    >>> ts.composite_score(scores, profile)
    Decimal('3.30')
    """
    return composite(pairs(scores, profile), missing_data)


def composite(table: Table, missing_data: MissingDataPolicy) -> Decimal:
    """:func:`composite_score` of a table made by :func:`pairs`."""
    if not isinstance(missing_data, MissingDataPolicy):
        # A bare string would fall through to the ZERO branch below, silently.
        valid = ", ".join(repr(policy.value) for policy in MissingDataPolicy)
        msg = (
            f"missing_data: {shown(missing_data)} is not a MissingDataPolicy; "
            f"expected one of {valid}"
        )
        raise RuleBookError(msg)
    numerator = Decimal(0)
    denominator = Decimal(0)
    for name, given, weight in table:
        if not weight:
            continue
        score = given
        if score is None:
            if missing_data is MissingDataPolicy.RENORMALISE:
                continue
            if missing_data is MissingDataPolicy.REFUSE:
                msg = (
                    f"{name}: no score, but its weight is {weight}; "
                    "give a score or choose a missing-data policy"
                )
                raise MissingDataError(msg)
            score = Decimal(0)
        numerator = EXACT.fma(score, weight, numerator)
        denominator = EXACT.add(denominator, weight)
    if denominator == 1:
        return round_half_up(numerator)
    if not denominator:
        msg = "no dimension with weight has a score; the shop has no data to score"
        raise MissingDataError(msg)
    return round_half_up(Fraction(numerator) / Fraction(denominator))
