"""The indicators behind the dimensions, and scales from readings to scores.

The sources name indicators behind the dimensions, though not cleanly, and
the library's Chinese names are reconstructed from them. Article 002 lists
商品DSR, 24小時收款率 (a garbling: the library reads 24小时揽收率, the pickup
rate, which article 001 calls 揽收及时率), 糾紛退款率 and 投訴成立率 (in a
garbled list with no item 4, under after-sales; the library puts both under
dispute), 阿里巴巴旺旺響應率 and 阿里巴巴旺旺人工響應時間 (the library's
旺旺响应率 and 人工响应时长); article 001 names 退款完结时长 for after-sales.
Neither says how a reading becomes a 0–5 dimension score. That is an
edition's setting: a scale per indicator, banded or piecewise-linear, with
overrides per category.
"""

from __future__ import annotations

import bisect
import enum
import itertools
from collections.abc import Iterable, Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from .declaring import MAX_SCORE, member_of
from .dimensions import Dimension, DimensionScores
from .errors import InvalidScoreError, RuleBookError, UnknownDimensionError, instances, shown
from .mapping import FrozenMapping
from .names import name, unique_name
from .numbers import NumberLike, round_half_up, to_decimal

__all__ = [
    "Direction",
    "Indicator",
    "IndicatorScale",
    "IndicatorScales",
    "IndicatorValues",
    "ScaleKind",
    "ScalePoint",
]


class Direction(enum.Enum):
    """Which way an indicator improves.

    >>> import tmall_service as ts
    >>> ts.Indicator.REFUND_DURATION.direction
    <Direction.LOWER_IS_BETTER: 'lower_is_better'>
    """

    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


@attrs.frozen
class _Facts:
    label_zh: str
    dimension: Dimension
    unit: str
    direction: Direction
    low: Decimal
    high: Decimal | None


class Indicator(enum.Enum):
    """An indicator behind one of the five dimensions, named from the sources.

    Each has a unit, a direction (higher or lower is better) and a valid
    range; ``high`` is ``None`` where a reading has no upper bound (a
    duration). The units, directions and ranges are the library's reading of
    the names. The Chinese names (``label_zh``) are the library's
    reconstruction: each member says how its name stands in the sources.

    >>> import tmall_service as ts
    >>> indicator = ts.Indicator.PICKUP_24H
    >>> indicator.label_zh, indicator.dimension, indicator.unit
    ('24小时揽收率', <Dimension.LOGISTICS: 'logistics'>, 'percent')
    >>> indicator.low, indicator.high
    (Decimal('0'), Decimal('100'))
    """

    DSR = "dsr"
    """商品DSR: the detailed seller rating of the product, 0–5 points (002: 商品DSR)."""
    PICKUP_24H = "pickup_24h"
    """24小时揽收率: the share of orders picked up by the carrier within 24 hours.

    Reconstructed: article 002 writes 24小時收款率 (收款, "collecting payment", a
    garbling of 揽收, "pickup"); article 001 speaks of 揽收及时率.
    """
    REFUND_DURATION = "refund_duration"
    """退款完结时长: the average days from a refund request to its completion.

    Named in article 001; article 002's entry for after-sales is garbled.
    """
    DISPUTE_REFUND_RATE = "dispute_refund_rate"
    """纠纷退款率: the dispute refund rate, in percent of orders.

    Article 002 writes 糾紛退款率 in a garbled entry under after-sales, with no
    item 4; putting it under dispute is the library's reading.
    """
    COMPLAINT_RATE = "complaint_rate"
    """投诉成立率: the share of orders with an upheld complaint.

    Article 002 writes 投訴成立率 in the same garbled entry as 糾紛退款率;
    putting it under dispute is the library's reading.
    """
    RESPONSE_RATE = "response_rate"
    """旺旺响应率: the share of Wangwang enquiries answered.

    Shortened from article 002's 阿里巴巴旺旺響應率; article 001 writes
    旺旺客服回复率.
    """
    RESPONSE_TIME = "response_time"
    """人工响应时长: the average seconds before a person answers on Wangwang.

    The library's name for article 002's 阿里巴巴旺旺人工響應時間.
    """

    @property
    def label_zh(self) -> str:
        """The indicator's Chinese name, as the library reconstructs it from the sources."""
        return _FACTS[self].label_zh

    @property
    def dimension(self) -> Dimension:
        """The dimension the indicator is behind."""
        return _FACTS[self].dimension

    @property
    def unit(self) -> str:
        """The unit of a reading: ``points``, ``percent``, ``days`` or ``seconds``."""
        return _FACTS[self].unit

    @property
    def direction(self) -> Direction:
        """Whether a higher or a lower reading is better."""
        return _FACTS[self].direction

    @property
    def low(self) -> Decimal:
        """The lowest valid reading."""
        return _FACTS[self].low

    @property
    def high(self) -> Decimal | None:
        """The highest valid reading, or ``None`` when there is no bound."""
        return _FACTS[self].high


_HIGHER, _LOWER = Direction.HIGHER_IS_BETTER, Direction.LOWER_IS_BETTER
_ZERO, _HUNDRED = Decimal(0), Decimal(100)
_FACTS: Final = {
    Indicator.DSR: _Facts("商品DSR", Dimension.PRODUCT, "points", _HIGHER, _ZERO, MAX_SCORE),
    Indicator.PICKUP_24H: _Facts(
        "24小时揽收率", Dimension.LOGISTICS, "percent", _HIGHER, _ZERO, _HUNDRED
    ),
    Indicator.REFUND_DURATION: _Facts(
        "退款完结时长", Dimension.AFTER_SALES, "days", _LOWER, _ZERO, None
    ),
    Indicator.DISPUTE_REFUND_RATE: _Facts(
        "纠纷退款率", Dimension.DISPUTE, "percent", _LOWER, _ZERO, _HUNDRED
    ),
    Indicator.COMPLAINT_RATE: _Facts(
        "投诉成立率", Dimension.DISPUTE, "percent", _LOWER, _ZERO, _HUNDRED
    ),
    Indicator.RESPONSE_RATE: _Facts(
        "旺旺响应率", Dimension.CONSULTATION, "percent", _HIGHER, _ZERO, _HUNDRED
    ),
    Indicator.RESPONSE_TIME: _Facts(
        "人工响应时长", Dimension.CONSULTATION, "seconds", _LOWER, _ZERO, None
    ),
}


def indicator_of(key: object) -> Indicator:
    """*key* as an :class:`Indicator`: a member, or a member's value."""
    return member_of(key, Indicator, "indicator")


def _reading(value: object, indicator: Indicator) -> Decimal | None:
    if value is None:
        return None
    return to_decimal(
        value,
        field=indicator.value,
        error=InvalidScoreError,
        low=indicator.low,
        high=indicator.high,
    )


_NO_READING: Final[Any] = None


@attrs.frozen(init=False)
class IndicatorValues:
    """A shop's readings of the indicators in one period; ``None``: no reading.

    Each reading must lie in its indicator's valid range, else
    :class:`~tmall_service.InvalidScoreError` names it.

    >>> import tmall_service as ts
    >>> readings = ts.IndicatorValues(dsr="4.8", pickup_24h=96, response_time=25)
    >>> readings[ts.Indicator.PICKUP_24H], readings["refund_duration"]
    (Decimal('96'), None)
    >>> ts.IndicatorValues(pickup_24h=120)
    Traceback (most recent call last):
    ...
    tmall_service.InvalidScoreError: pickup_24h: 120 is outside [0, 100]
    """

    #: 商品DSR, points.
    dsr: Decimal | None = None
    #: 24小时揽收率, percent.
    pickup_24h: Decimal | None = None
    #: 退款完结时长, days.
    refund_duration: Decimal | None = None
    #: 纠纷退款率, percent.
    dispute_refund_rate: Decimal | None = None
    #: 投诉成立率, percent.
    complaint_rate: Decimal | None = None
    #: 旺旺响应率, percent.
    response_rate: Decimal | None = None
    #: 人工响应时长, seconds.
    response_time: Decimal | None = None

    def __init__(  # noqa: PLR0913 - one keyword per indicator
        self,
        *,
        dsr: NumberLike | None = _NO_READING,
        pickup_24h: NumberLike | None = _NO_READING,
        refund_duration: NumberLike | None = _NO_READING,
        dispute_refund_rate: NumberLike | None = _NO_READING,
        complaint_rate: NumberLike | None = _NO_READING,
        response_rate: NumberLike | None = _NO_READING,
        response_time: NumberLike | None = _NO_READING,
    ) -> None:
        given = (
            dsr,
            pickup_24h,
            refund_duration,
            dispute_refund_rate,
            complaint_rate,
            response_rate,
            response_time,
        )
        self.__attrs_init__(
            *(_reading(value, indicator) for value, indicator in zip(given, Indicator, strict=True))
        )

    def __getitem__(self, indicator: Indicator | str) -> Decimal | None:
        """The reading of *indicator* (a member or its value)."""
        value: Decimal | None = getattr(self, indicator_of(indicator).value)
        return value

    def given(self) -> dict[Indicator, Decimal]:
        """The readings there are, by indicator."""
        return {i: value for i in Indicator if (value := getattr(self, i.value)) is not None}


class ScaleKind(enum.Enum):
    """How a scale turns a reading into a score.

    >>> import tmall_service as ts
    >>> [kind.value for kind in ts.ScaleKind]
    ['banded', 'linear']
    """

    BANDED = "banded"
    """Steps: a reading gets the score of the best point it reaches."""
    LINEAR = "linear"
    """Straight lines between points, flat beyond the first and the last."""


def _point_value(value: NumberLike) -> Decimal:
    return to_decimal(value, field="value", error=RuleBookError)


def _point_score(value: NumberLike) -> Decimal:
    return to_decimal(value, field="score", error=RuleBookError, low=_ZERO, high=MAX_SCORE)


@attrs.frozen
class ScalePoint:
    """A point of a scale: a reading and the score it is worth.

    >>> import tmall_service as ts
    >>> ts.ScalePoint(value="95", score="5")
    ScalePoint(value=Decimal('95'), score=Decimal('5'))
    """

    #: The reading.
    value: Decimal = attrs.field(converter=_point_value)
    #: The score in ``[0, 5]`` it is worth.
    score: Decimal = attrs.field(converter=_point_score)


def _points(value: Iterable[ScalePoint]) -> tuple[ScalePoint, ...]:
    points = instances(value, ScalePoint, "points")
    if not points:
        msg = "points: a scale needs at least one point"
        raise RuleBookError(msg)
    for index in range(1, len(points)):
        if points[index].value <= points[index - 1].value:
            msg = (
                f"points[{index}]: reading {points[index].value} does not rise above "
                f"{points[index - 1].value}; list the points by rising reading"
            )
            raise RuleBookError(msg)
    return points


def _kind(value: ScaleKind) -> ScaleKind:
    if not isinstance(value, ScaleKind):
        msg = f"kind: {shown(value)} is not a ScaleKind; expected 'banded' or 'linear'"
        raise RuleBookError(msg)
    return value


def _indicator_weight(value: NumberLike) -> Decimal:
    weight = to_decimal(value, field="weight", error=RuleBookError, low=_ZERO, high=Decimal(1))
    if not weight:
        msg = "weight: 0 leaves the indicator out; drop its scale instead"
        raise RuleBookError(msg)
    return weight


@attrs.frozen(kw_only=True)
class IndicatorScale:
    """How one indicator's reading becomes a 0–5 score.

    The points are listed by rising reading. A ``BANDED`` scale gives a
    reading the score of the best point it reaches: for an indicator where
    higher is better, the last point at or below the reading (below the
    first point: 0); where lower is better, the first point at or above it
    (above the last point: 0). A ``LINEAR`` scale draws straight lines
    between the points and stays flat beyond the ends. ``weight`` is the
    indicator's share of its dimension when the dimension has several.

    >>> import tmall_service as ts
    >>> pickup = ts.IndicatorScale(kind=ts.ScaleKind.BANDED, points=[
    ...     ts.ScalePoint(value=80, score=3), ts.ScalePoint(value=90, score=4),
    ...     ts.ScalePoint(value=95, score=5)])
    >>> pickup.score(92, ts.Indicator.PICKUP_24H)
    Decimal('4.00')
    >>> linear = ts.IndicatorScale(kind=ts.ScaleKind.LINEAR, points=[
    ...     ts.ScalePoint(value=80, score=3), ts.ScalePoint(value=95, score=5)])
    >>> linear.score(92, ts.Indicator.PICKUP_24H)
    Decimal('4.60')
    """

    #: Steps or lines.
    kind: ScaleKind = attrs.field(converter=_kind)
    #: The points, by rising reading.
    points: tuple[ScalePoint, ...] = attrs.field(converter=_points)
    #: The indicator's weight within its dimension, in ``(0, 1]``.
    weight: Decimal = attrs.field(default=Decimal(1), converter=_indicator_weight)

    def __attrs_post_init__(self) -> None:
        if self.kind is ScaleKind.LINEAR and len(self.points) < 2:  # noqa: PLR2004 - a line needs two points
            msg = "points: a linear scale needs at least two points"
            raise RuleBookError(msg)

    def exact(self, reading: NumberLike, indicator: Indicator | str) -> Decimal | Fraction:
        """The score of *reading* of *indicator* before rounding: a fraction on a line."""
        which = indicator_of(indicator)
        value = _reading(reading, which)
        if value is None:
            msg = f"{which.value}: None is not a reading"
            raise InvalidScoreError(msg)
        return _exact(self, value, which.direction)

    def score(self, reading: NumberLike, indicator: Indicator | str) -> Decimal:
        """The score of *reading* of *indicator*, rounded half up to 2 places."""
        which = indicator_of(indicator)
        value = _reading(reading, which)
        if value is None:
            msg = f"{which.value}: None is not a reading"
            raise InvalidScoreError(msg)
        return round_half_up(Fraction(_exact(self, value, which.direction)))


def _exact(scale: IndicatorScale, value: Decimal, direction: Direction) -> Decimal | Fraction:
    """The score of a checked reading, before any rounding."""
    values = [point.value for point in scale.points]
    if scale.kind is ScaleKind.BANDED:
        if direction is Direction.HIGHER_IS_BETTER:
            index = bisect.bisect_right(values, value) - 1
            return scale.points[index].score if index >= 0 else _ZERO
        index = bisect.bisect_left(values, value)
        return scale.points[index].score if index < len(values) else _ZERO
    if value <= values[0]:
        return scale.points[0].score
    if value >= values[-1]:
        return scale.points[-1].score
    right = bisect.bisect_right(values, value)
    left_point, right_point = scale.points[right - 1], scale.points[right]
    if value == left_point.value:
        return left_point.score
    # In fractions, not decimals: a decimal difference is rounded to the
    # context's 28 digits, and overflows for readings with huge exponents.
    left_value = Fraction(left_point.value)
    slope = (Fraction(right_point.score) - Fraction(left_point.score)) / (
        Fraction(right_point.value) - left_value
    )
    return Fraction(left_point.score) + slope * (Fraction(value) - left_value)


def _check(scale: IndicatorScale, indicator: Indicator, field: str) -> None:
    """Refuse a scale unfit for *indicator*.

    A reading must lie in the indicator's range, and a better reading
    must never score less.
    """
    for index, point in enumerate(scale.points):
        if point.value < indicator.low or (
            indicator.high is not None and point.value > indicator.high
        ):
            bounds = (
                f"[{indicator.low}, {indicator.high}]"
                if indicator.high is not None
                else f"[{indicator.low}, ∞)"
            )
            msg = f"{field}.points[{index}].value: {point.value} is outside {bounds}"
            raise RuleBookError(msg)
    scores = [point.score for point in scale.points]
    if indicator.direction is Direction.LOWER_IS_BETTER:
        scores.reverse()
    if any(later < earlier for earlier, later in itertools.pairwise(scores)):
        better = "higher" if indicator.direction is Direction.HIGHER_IS_BETTER else "lower"
        msg = (
            f"{field}.points: a {better} {indicator.value} must never score less; "
            f"scores {[str(s) for s in scores]}"
        )
        raise RuleBookError(msg)


Scales = Mapping[Indicator, IndicatorScale]


def _scales(
    value: Mapping[Indicator, IndicatorScale], field: str
) -> FrozenMapping[Indicator, IndicatorScale]:
    if not isinstance(value, Mapping):
        msg = f"{field}: {shown(value)} is not a mapping of indicator to IndicatorScale"
        raise RuleBookError(msg)
    result = {}
    for key, scale in value.items():
        try:
            indicator = indicator_of(key)
        except UnknownDimensionError as error:
            msg = f"{field}: {error}"
            raise RuleBookError(msg) from None
        if not isinstance(scale, IndicatorScale):
            msg = f"{field}.{indicator.value}: {shown(scale)} is not an IndicatorScale"
            raise RuleBookError(msg)
        _check(scale, indicator, f"{field}.{indicator.value}")
        result[indicator] = scale
    return FrozenMapping(result)


def _default_scales(value: Scales) -> FrozenMapping[Indicator, IndicatorScale]:
    return _scales(value, "default")


def _category_scales(
    value: Mapping[str, Scales],
) -> FrozenMapping[str, FrozenMapping[Indicator, IndicatorScale]]:
    if not isinstance(value, Mapping):
        msg = f"categories: {shown(value)} is not a mapping of category to scales"
        raise RuleBookError(msg)
    result: dict[str, FrozenMapping[Indicator, IndicatorScale]] = {}
    for category, scales in value.items():
        known = unique_name(category, result, "categories")
        result[known] = _scales(scales, f"categories.{known}")
    return FrozenMapping(result)


@attrs.frozen(kw_only=True)
class IndicatorScales:
    """An edition's scales from indicator readings to dimension scores.

    ``default`` holds a scale per indicator; ``categories`` replaces some of
    them for a category (类目). A dimension's score is the weighted mean of
    the scores of its indicators that have a reading, rounded half up to 2
    places as the dashboard shows it; a dimension none of whose indicators
    has a reading has no score (``None``). A reading of an indicator the
    edition has no scale for is refused.

    >>> import tmall_service as ts
    >>> scales = ts.example_rulebook().indicator_scales
    >>> readings = ts.IndicatorValues(dsr="4.8", pickup_24h=93, refund_duration="1.5",
    ...                               dispute_refund_rate="0.02", complaint_rate="0.01",
    ...                               response_rate=99, response_time=20)
    >>> scores = scales.dimension_scores(readings, category="服饰")
    >>> [str(score) for score in (scores.product, scores.logistics, scores.consultation)]
    ['4.75', '4.00', '4.40']
    """

    #: A scale per indicator.
    default: Mapping[Indicator, IndicatorScale] = attrs.field(converter=_default_scales)
    #: Scales that differ for a category, replacing the default one by one.
    categories: Mapping[str, Mapping[Indicator, IndicatorScale]] = attrs.field(
        default=FrozenMapping({}), converter=_category_scales
    )

    def for_category(self, category: str | None) -> dict[Indicator, IndicatorScale]:
        """The scale of each indicator for *category* (the default ones for ``None``)."""
        if category is not None:
            category = name(category, "category", RuleBookError)
        scales = dict(self.default)
        if category is not None:
            scales.update(self.categories.get(category, {}))
        return scales

    def dimension_scores(
        self, values: IndicatorValues, *, category: str | None = None
    ) -> DimensionScores:
        """The dimension scores of a shop's *values* in *category*."""
        return DimensionScores(
            **{d.value: score for d, score in self._by_dimension(values, category).items()}
        )

    def _by_dimension(
        self, values: IndicatorValues, category: str | None
    ) -> dict[Dimension, Decimal | None]:
        """The score of each dimension, ``None`` where no indicator has a reading."""
        if not isinstance(values, IndicatorValues):
            msg = f"values: {shown(values)} is not an IndicatorValues"
            raise InvalidScoreError(msg)
        scales = self.for_category(category)
        sums: dict[Dimension, tuple[Fraction, Fraction]] = {}
        for indicator, reading in values.given().items():
            scale = scales.get(indicator)
            if scale is None:
                where = f" for {category}" if category is not None else ""
                msg = f"{indicator.value}: this edition has no scale for it{where}"
                raise RuleBookError(msg)
            weight = Fraction(scale.weight)
            total, weights = sums.get(indicator.dimension, (Fraction(0), Fraction(0)))
            score = Fraction(_exact(scale, reading, indicator.direction))
            sums[indicator.dimension] = (total + weight * score, weights + weight)
        result: dict[Dimension, Decimal | None] = dict.fromkeys(Dimension)
        for dimension, (total, weights) in sums.items():
            result[dimension] = round_half_up(total / weights)
        return result
