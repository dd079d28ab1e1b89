"""The basic service score (基础服务考核分) and the star level."""

from __future__ import annotations

import decimal
import operator
from collections.abc import Callable
from decimal import Decimal
from typing import Final, TypeAlias

from tmall_service._values.errors import MissingDataError, RuleBookError, shown
from tmall_service._values.numbers import EXACT, ratio_half_up, round_half_up
from tmall_service._values.schemes import AnyScores, AnyWeights, check_fit

from .book import MissingDataPolicy

__all__ = [
    "NOT_ASSESSED_SCORE",
    "composite",
    "composite_score",
    "dimension_rows",
    "has_no_data",
    "no_data",
    "scored",
]

NOT_ASSESSED_SCORE: Final = Decimal(99)
"""The score shown when a shop is not assessed: "显示99分, 默认通过".

Seed 002 ties the 99 and its passing by default to the basic assessment
(基础营销考核). That a shop shown as 99 meets the standard of every purpose
is the library's rule, and an edition's setting (``passes_by_default``).

>>> import tmall_service as ts
>>> ts.NOT_ASSESSED_SCORE
Decimal('99')
"""


Table = list[tuple[str, Decimal | None, Decimal]]
"""``(dimension, score, weight)`` for each dimension of a scheme."""


def dimension_rows(scores: AnyScores, profile: AnyWeights) -> Table:
    """``(dimension, score, weight)`` for each dimension of *profile*'s scheme."""
    check_fit(scores, profile)
    return [(name, getattr(scores, name), getattr(profile, name)) for name in profile.FIELDS]


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
    return no_data(dimension_rows(scores, profile))


def no_data(table: Table) -> bool:
    """:func:`has_no_data` of a table made by :func:`dimension_rows`."""
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
    return composite(dimension_rows(scores, profile), missing_data)


def composite(table: Table, missing_data: MissingDataPolicy) -> Decimal:
    """:func:`composite_score` of a table made by :func:`dimension_rows`."""
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
    return ratio_half_up(numerator, denominator)


def scored(
    scores: AnyScores, profile: AnyWeights, missing_data: MissingDataPolicy
) -> Decimal | None:
    """The composite of a shop, or ``None`` when it has no data.

    The same as :func:`no_data` and then :func:`composite` of
    ``dimension_rows(scores, profile)``, in one pass over the scores, with what only
    depends on the profile (its weighted dimensions and their sum) worked
    out once. A missing weighted dimension is left out of the sum of weights
    (``RENORMALISE``); under the other policies, the rarer case, the shop
    takes the longer road itself.
    """
    plan = _PLANS.get(id(profile))
    if plan is None or plan[0] is not profile:
        plan = _plan(profile)
    _, dimensions, read, weighted, total = plan
    if getattr(scores, "DIMENSIONS", None) is not dimensions or type(missing_data) is not (
        MissingDataPolicy
    ):
        table = dimension_rows(scores, profile)  # refuses scores of another scheme
        return None if no_data(table) else composite(table, missing_data)
    values = read(scores)
    if not any(values):  # each is None or zero
        return None
    numerator = _ZERO
    denominator = total
    for index, weight in weighted:
        score = values[index]
        if score is not None:
            numerator = _fma(score, weight, numerator)
        elif missing_data is _RENORMALISE:
            denominator = _subtract(denominator, weight)
        else:  # the policy counts it as 0 or refuses the shop
            table = dimension_rows(scores, profile)
            return None if no_data(table) else composite(table, missing_data)
    if denominator == 1:
        return numerator.quantize(_CENT, rounding=decimal.ROUND_HALF_UP)
    if not denominator:  # every weighted dimension is missing: no data
        return None
    return ratio_half_up(numerator, denominator)


Plan: TypeAlias = tuple[
    AnyWeights,
    type,
    Callable[[AnyScores], tuple[Decimal | None, ...]],
    tuple[tuple[int, Decimal], ...],
    Decimal,
]
"""A profile, its dimensions, how to read a shop's scores in their order, the
weighted dimensions (index, weight), and the sum of their weights."""

_PLANS: Final[dict[int, Plan]] = {}
"""Plans by the ``id`` of their profile; each holds its profile, so the id stays its own."""
_MAX_PLANS: Final = 1024
_ZERO: Final = Decimal(0)
_CENT: Final = Decimal("0.01")
_fma: Final = EXACT.fma
_subtract: Final = EXACT.subtract
_RENORMALISE: Final = MissingDataPolicy.RENORMALISE


def _plan(profile: AnyWeights) -> Plan:
    check_fit(profile, profile)  # refuses weights that are none
    names = profile.FIELDS
    weights: tuple[Decimal, ...] = operator.attrgetter(*names)(profile)
    weighted = tuple((index, weight) for index, weight in enumerate(weights) if weight)
    total = Decimal(0)
    for _, weight in weighted:
        total = EXACT.add(total, weight)
    plan: Plan = (profile, profile.DIMENSIONS, operator.attrgetter(*names), weighted, total)
    if len(_PLANS) >= _MAX_PLANS:
        _PLANS.clear()
    _PLANS[id(profile)] = plan
    return plan
