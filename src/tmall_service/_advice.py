"""Advice on what to improve first, drawn from the sources' advice."""

from __future__ import annotations

import functools
import tomllib
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs

from ._assessment import Assessment, check_inputs
from ._breakdown import breakdown
from ._errors import MissingDataError, RuleBookError, shown
from ._language import Language, check_language
from ._rules import RuleBook
from ._schemes import AnyDimension
from ._scoring import has_no_data

__all__ = ["Advice", "advise"]


@attrs.frozen
class Advice:
    """What to do in one area, and why it comes where it does in the list.

    ``lost`` is what the area's dimension gives away against a perfect 5
    (weight × (5 − score)); general advice, for no one dimension, has
    ``dimension`` ``None`` and ``lost`` 0.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> shop = ts.assess(ts.DimensionScores(product=5, logistics=3, after_sales=4,
    ...                                     dispute=1, consultation=4),
    ...                  category="服饰", period=ts.AssessmentPeriod.month(2024, 7),
    ...                  rules=rules)
    >>> first = ts.advise(shop, rules=rules)[0]
    >>> first.area, first.dimension, first.lost
    ('complaints', <Dimension.DISPUTE: 'dispute'>, Decimal('0.8'))
    >>> first.tips[0]
    "Handle customers' complaints promptly."
    """

    #: The area's name: ``customer_service``, ``logistics``, ...
    area: str
    #: The dimension the advice improves; ``None`` for general advice.
    dimension: AnyDimension | None
    #: The area's title, in the language asked for.
    title: str
    #: What to do, in the language asked for.
    tips: tuple[str, ...]
    #: Weight × (5 − score): the points the dimension gives away.
    lost: Decimal


@attrs.frozen
class _Area:
    name: str
    dimensions: frozenset[str]
    title: dict[str, str]
    tips: tuple[dict[str, str], ...]


@functools.cache
def _areas() -> tuple[_Area, ...]:
    text = resources.files(__package__).joinpath("data", "advice.toml").read_text("utf-8")
    table: dict[str, Any] = tomllib.loads(text)["areas"]
    return tuple(
        _Area(name, frozenset(area["dimensions"]), area["title"], tuple(area["tips"]))
        for name, area in table.items()
    )


def advise(
    assessment: Assessment,
    *,
    rules: RuleBook,
    lang: Language = "en",
    limit: int | None = None,
) -> tuple[Advice, ...]:
    """Advice for *assessment*, the dimension that loses the most points first.

    The points a dimension gives away are its weight × (5 − its score), so
    a weak dimension that weighs much comes before a weak one that weighs
    little; the losses are those of :func:`~tmall_service.breakdown`, so a
    dimension without data loses points only where the edition counts it
    as 0 (``ZERO``). A dimension that loses nothing gets no advice of its
    own, nor does a shop without data; the sources' general advice
    (reviewing the ratings, promotions) comes last. The tips come from the sources, in English
    (``lang="en"``) or Chinese (``lang="zh"``); *limit* keeps the first few.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> shop = ts.assess(ts.DimensionScores(product=5, logistics=3, after_sales=4,
    ...                                     dispute=1, consultation=4),
    ...                  category="服饰", period=ts.AssessmentPeriod.month(2024, 7),
    ...                  rules=rules)
    >>> [(advice.title, str(advice.lost)) for advice in ts.advise(shop, rules=rules, lang="zh")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('及时处理投诉与纠纷', '0.8'), ('提升物流服务', '0.6'), ('提升售后体验', '0.2'),
     ('优化客服服务', '0.1'), ('积极管理店铺评分', '0'), ('促销活动策划', '0')]
    """
    check_inputs(assessment, rules)
    language = check_language(lang)
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        msg = f"limit: {shown(limit)} is not a number of pieces of advice"
        raise RuleBookError(msg)
    losses = _losses(assessment, rules)
    ranked = sorted(losses.items(), key=lambda item: -item[1])  # stable: scheme order on ties
    result = []
    for dimension, lost in ranked:
        area = next((a for a in _areas() if dimension.value in a.dimensions), None)
        if area is not None:
            result.append(_advice(area, dimension, lost, language))
    result += [
        _advice(area, None, Decimal(0), language) for area in _areas() if not area.dimensions
    ]
    return tuple(result if limit is None else result[:limit])


def _losses(assessment: Assessment, rules: RuleBook) -> dict[AnyDimension, Decimal]:
    profile = rules.profile(assessment.category)
    if profile is None or type(assessment.scores) is not rules.scheme.scores:
        return {}
    if has_no_data(assessment.scores, profile):  # all zeros are no data, not zero scores
        return {}
    try:
        parts = breakdown(assessment.scores, profile, missing_data=rules.missing_data)
    except MissingDataError:  # no data to lose points on
        return {}
    return {part.dimension: part.lost for part in parts if part.lost}


def _advice(area: _Area, dimension: AnyDimension | None, lost: Decimal, lang: Language) -> Advice:
    return Advice(
        area=area.name,
        dimension=dimension,
        title=area.title[lang],
        tips=tuple(tip[lang] for tip in area.tips),
        lost=lost,
    )
