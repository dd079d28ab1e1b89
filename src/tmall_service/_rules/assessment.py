"""Assessing a shop in a period, passing a standard, and runs of failures."""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import itertools
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import Any, Final

import attrs

from tmall_service._values.catalogue import say
from tmall_service._values.declaring import MAX_SCORE, Marker, SchemeScores
from tmall_service._values.errors import (
    InvalidPeriodError,
    InvalidScoreError,
    RuleBookError,
    a_kind,
    shown,
)
from tmall_service._values.exemptions import Exemption
from tmall_service._values.names import name, names
from tmall_service._values.names import region as region_name
from tmall_service._values.numbers import NumberLike, round_half_up, to_decimal
from tmall_service._values.periods import AssessmentPeriod, as_period, check_date
from tmall_service._values.schemes import AnyScores, Scheme
from tmall_service._values.stars import star_rating
from tmall_service._values.text import (
    display_language,
    facts_table,
    fields_table,
    level_text,
    named,
    score_text,
    signed,
    view,
    word,
)

from .book import RuleBook, lookups
from .scoring import NOT_ASSESSED_SCORE, scored

__all__ = [
    "Assessment",
    "Status",
    "assess",
    "bonus_points",
    "check_fits",
    "check_inputs",
    "chronological",
    "consecutive_failures",
    "failing_run",
    "passes",
    "reassess",
    "with_bonus",
]


FROM_SCORE: Final[Any] = Marker("FROM_SCORE")
"""The default of ``Assessment(stars=...)``: the level the score reaches."""


class Status(enum.Enum):
    """Why an assessment has the score it has.

    Every status but ``SCORED`` is a case of "not assessed": the shop shows
    99 and passes by default (显示99分, 默认通过; seed 002, for the basic
    assessment; for each purpose, the edition's ``passes_by_default``).

    >>> import tmall_service as ts
    >>> [s.value for s in ts.Status][:4]
    ['scored', 'category_excluded', 'exempt', 'no_data']
    """

    SCORED = "scored"
    """Assessed: the score is the composite of the dimension scores."""
    CATEGORY_EXCLUDED = "category_excluded"
    """The shop's main category (主营类目) is not in the assessment."""
    EXEMPT = "exempt"
    """An announced exemption (特大灾害或特殊事件) covers the shop."""
    NO_DATA = "no_data"
    """No product, logistics, after-sales, dispute or consultation data."""
    NEW_SHOP = "new_shop"
    """Within the edition's grace period for new shops (optional rule)."""
    BELOW_MINIMUM_VOLUME = "below_minimum_volume"
    """Fewer orders in the period than the edition's minimum (optional rule)."""

    @property
    def label_zh(self) -> str:
        """The status in Chinese: for a shop not assessed, why, in the words of ``explain``.

        >>> import tmall_service as ts
        >>> ts.Status.EXEMPT.label_zh
        '公告豁免'
        """
        return say(f"status.{self.value}", "zh")


def _check_type(
    value: object,
    kind: type | tuple[type, ...],
    field: str,
    error: type[ValueError] = RuleBookError,
) -> None:
    if not isinstance(value, kind):
        kinds = kind if isinstance(kind, tuple) else (kind,)
        names = " or ".join(k.__name__ for k in kinds)
        msg = f"{field}: {shown(value)} is not {a_kind(names)}"
        raise error(msg)


def check_inputs(assessment: object, rules: object) -> None:
    """Refuse an assessment and rules of the wrong kinds, or that do not fit each other.

    *assessment* must be an ``Assessment``, *rules* a ``RuleBook`` that can
    judge it (see :func:`check_fits`).
    """
    _check_type(assessment, Assessment, "assessment")
    _check_type(rules, RuleBook, "rules")
    check_fits(assessment, rules)  # type: ignore[arg-type]


def check_fits(assessment: Assessment, rules: RuleBook) -> None:
    """Refuse an *assessment* of a period outside *rules*' dates, or of names it does not know.

    An assessment made under one edition and judged under another is where
    a silent pass would creep in: a category the other edition does not
    know would meet no standard, and pass.
    """
    rules.check_shop(
        category=assessment.category, region=assessment.region, period=assessment.period
    )


def _threshold(value: NumberLike) -> Decimal:
    return to_decimal(
        value,
        field="threshold",
        error=InvalidScoreError,
        low=Decimal(0),
        high=MAX_SCORE,
    )


@attrs.frozen(init=False, repr=False)
class Assessment:
    """The outcome of assessing one shop in one period.

    ``score`` is the composite for a ``SCORED`` shop, with any ``bonus``
    added, and :data:`~tmall_service.NOT_ASSESSED_SCORE` (99) otherwise;
    ``exemption`` is the exemption that made the shop ``EXEMPT``. ``stars``
    is the star level under the edition's bands (the sources' five levels
    when none is given), read off the score by the library's convention
    (see :func:`star_rating`).

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> result = ts.assess(ts.DimensionScores(product=5, logistics=3, after_sales=4,
    ...                                       dispute=1, consultation=4),
    ...                    category="服饰", period=ts.AssessmentPeriod.month(2024, 6),
    ...                    rules=rules)
    >>> result.status, result.score, result.stars
    (<Status.SCORED: 'scored'>, Decimal('3.30'), Decimal('3'))
    """

    #: The dimension scores assessed.
    scores: AnyScores
    #: The shop's main category (主营类目).
    category: str
    #: The assessment period.
    period: AssessmentPeriod
    #: Why the score is what it is.
    status: Status
    #: The composite score, or 99 when the shop is not assessed.
    score: Decimal
    #: The shop's region, when known.
    region: str | None = None
    #: The exemption that covers the shop, when ``status`` is ``EXEMPT``.
    exemption: Exemption | None = None
    #: The bonus points added to the composite (capped so the score is at most 5).
    bonus: Decimal = Decimal(0)
    #: The names of the bonuses the shop earned.
    bonuses: frozenset[str] = frozenset()
    #: The star level of a scored shop; ``None`` below the lowest or not assessed.
    stars: Decimal | None = None

    def __init__(  # noqa: PLR0913 - the facts of one assessment
        self,
        *,
        scores: AnyScores,
        category: str,
        period: AssessmentPeriod | str,
        status: Status,
        score: NumberLike,
        region: str | None = None,
        exemption: Exemption | None = None,
        bonus: NumberLike = 0,
        bonuses: Iterable[str] = frozenset(),
        stars: NumberLike | None = FROM_SCORE,
    ) -> None:
        if not isinstance(scores, SchemeScores):  # a declared scheme's, named by the shipped ones
            kinds = " or ".join(scheme.scores.__name__ for scheme in Scheme)
            msg = f"scores: {shown(scores)} is not {a_kind(kinds)}"
            raise InvalidScoreError(msg)
        _check_type(category, str, "category")
        period = as_period(period)
        _check_type(status, Status, "status")
        category = name(category, "category", RuleBookError)
        if region is not None:
            _check_type(region, str, "region")
            region = region_name(region, "region", RuleBookError)
        if exemption is not None:
            _check_type(exemption, Exemption, "exemption")
        if (exemption is not None) != (status is Status.EXEMPT):
            msg = f"exemption: {shown(exemption)} does not fit status {status.value!r}"
            raise RuleBookError(msg)
        if status is Status.SCORED:
            value = to_decimal(
                score,
                field="score",
                error=InvalidScoreError,
                low=Decimal(0),
                high=MAX_SCORE,
            )
        else:
            value = to_decimal(score, field="score", error=InvalidScoreError)
            if value != NOT_ASSESSED_SCORE:
                msg = f"score: {shown(score)} must be 99 for status {status.value!r}"
                raise InvalidScoreError(msg)
        added = to_decimal(bonus, field="bonus", error=InvalidScoreError, low=Decimal(0))
        if added and (status is not Status.SCORED or added > value):
            msg = f"bonus: {shown(bonus)} does not fit score {value} and status {status.value!r}"
            raise InvalidScoreError(msg)
        earned = names(bonuses, "bonuses") or frozenset()
        level = _stars(stars, status, value)
        self.__attrs_init__(
            scores, category, period, status, value, region, exemption, added, earned, level
        )

    @classmethod
    def trusted(  # noqa: PLR0913, PLR0917 - every field, in order
        cls,
        scores: AnyScores,
        category: str,
        period: AssessmentPeriod,
        status: Status,
        score: Decimal,
        region: str | None,
        exemption: Exemption | None,
        bonus: Decimal,
        bonuses: frozenset[str],
        stars: Decimal | None,
    ) -> Assessment:
        """An assessment of facts the library has already checked (no checks again)."""
        made = _new(cls)
        made.__attrs_init__(
            scores, category, period, status, score, region, exemption, bonus, bonuses, stars
        )
        return made

    @property
    def assessed(self) -> bool:
        """Whether the shop was scored rather than shown 99."""
        return self.status is Status.SCORED

    def __repr__(self) -> str:
        """The shop, the period and the outcome on one line.

        >>> import tmall_service as ts
        >>> ts.assess(ts.DimensionScores(product=4), category="汽车",
        ...           period=ts.AssessmentPeriod.month(2024, 7), rules=ts.example_rulebook())
        <Assessment 汽车 2024-07-01..2024-07-31: category_excluded, score 99>
        """
        stars = "" if self.stars is None else f", {level_text(self.stars)} stars"
        return (
            f"<Assessment {self.category} {self.period}: {self.status.value}, "
            f"score {score_text(self.score)}{stars}>"
        )

    def _repr_html_(self) -> str:
        """The outcome and the scores as tables, for notebooks, in the display language."""
        lang = display_language()
        facts = [
            (word("status", lang), named(self.status, lang)),
            (word("score", lang), score_text(self.score)),
            (word("stars", lang), None if self.stars is None else level_text(self.stars)),
            (word("region", lang), self.region),
            (word("bonus", lang), signed(self.bonus) if self.bonus else None),
            (word("exemption", lang), None if self.exemption is None else self.exemption.reason),
        ]
        return view(
            f"{self.category} · {self.period}",
            facts_table(facts),
            fields_table(self.scores, caption=word("scores", lang)),
        )


def _stars(stars: object, status: Status, score: Decimal) -> Decimal | None:
    if stars is FROM_SCORE:  # not given: the sources' five levels
        return star_rating(score) if status is Status.SCORED else None
    if stars is None:
        return None
    level = to_decimal(stars, field="stars", error=InvalidScoreError, low=Decimal(0), high=score)
    if status is not Status.SCORED:
        msg = f"stars: {shown(stars)} given, but a shop with status {status.value!r} has none"
        raise InvalidScoreError(msg)
    return level


def assess(  # noqa: PLR0913 - the facts of a shop
    scores: AnyScores,
    *,
    category: str,
    period: AssessmentPeriod | str,
    rules: RuleBook,
    region: str | None = None,
    orders: int | None = None,
    opened: dt.date | None = None,
    bonuses: Iterable[str] = (),
) -> Assessment:
    """Assess a shop of *category* (its main category, 主营类目) in *period*.

    The edition must be in force for the whole *period*
    (:class:`~tmall_service.InvalidPeriodError` otherwise), and must know
    the *category* and the *region*: an unknown category raises
    :class:`~tmall_service.UnknownCategoryError` (unless the edition
    excludes unknown categories), an unknown region
    :class:`~tmall_service.UnknownRegionError`. Names are read by NFKC with
    surrounding spaces stripped, a region's full name as its short one, and
    the assessment holds them so. The rules are then applied in this order:

    1. the category is one the edition excludes → ``CATEGORY_EXCLUDED``, 99;
    2. an exemption of *rules* covers the shop → ``EXEMPT``, 99, and the
       first such exemption is recorded;
    3. the edition grants new shops a grace period, and the shop *opened*
       less than that many calendar months before the period → ``NEW_SHOP``, 99;
    4. the edition sets a minimum volume and the shop had fewer *orders*
       → ``BELOW_MINIMUM_VOLUME``, 99 (unknown *orders* are not counted short);
    5. the shop has no data → ``NO_DATA``, 99;
    6. otherwise ``SCORED`` with the composite score, a missing dimension
       handled by ``rules.missing_data``, plus the points of the *bonuses*
       the shop earned, capped at 5.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> july = ts.AssessmentPeriod.month(2024, 7)
    >>> ts.assess(ts.DimensionScores(), category="服饰", period=july, rules=rules).status
    <Status.NO_DATA: 'no_data'>
    >>> ts.assess(ts.DimensionScores(product=4), category="汽车", period=july,
    ...           rules=rules).score
    Decimal('99')
    """
    # The edition's own cache, read directly: this is the hot path.
    known = rules._lookups if type(rules) is RuleBook else None  # noqa: SLF001 - the book's cache
    if (
        known is not None
        and type(scores) is known.scores
        and type(category) is str
        and type(period) is AssessmentPeriod
        and (region is None or type(region) is str)
    ):  # the usual kinds: what the edition worked out for earlier shops answers at once
        entered = known.period
        if entered[0] is not period:
            entered = known.enter(rules, period)  # check_period, once per period
        shop = known.categories.get(category) or known.category(rules, category)
        if region is not None:
            region = known.regions.get(region) or known.region(rules, region)
    else:  # any other kinds are checked, and refused by name, before the same steps
        period = as_period(period)  # a period's text, such as 2024-07, is read
        _check_kinds(scores, category, period, rules, region)
        known = lookups(rules)
        entered = known.enter(rules, period)
        shop = known.category(rules, category)
        region = known.region(rules, region)
    category, profile = shop
    earned, points = (
        _NONE_EARNED if type(bonuses) is tuple and not bonuses else _earned(rules, bonuses)
    )

    if profile is None:
        return _not_assessed(scores, category, period, Status.CATEGORY_EXCLUDED, region, earned)
    covering = entered[1]
    if covering.exemptions:  # exemptions during the period: the first that covers the shop
        exemption = covering[category, region]
        if exemption is not None:
            return _not_assessed(scores, category, period, Status.EXEMPT, region, earned, exemption)
    if opened is not None and _in_grace(rules, opened, period):
        return _not_assessed(scores, category, period, Status.NEW_SHOP, region, earned)
    if orders is not None and _below_minimum(rules, orders):
        return _not_assessed(scores, category, period, Status.BELOW_MINIMUM_VOLUME, region, earned)
    composed = scored(scores, profile, rules.missing_data)
    if composed is None:
        return _not_assessed(scores, category, period, Status.NO_DATA, region, earned)
    score = with_bonus(composed, points) if points else composed
    bands = rules.star_bands
    reached = _bisect(bands, score)  # level_of, inline: how many bands the score reaches
    made = _new(Assessment)
    _init(
        made, scores, category, period, Status.SCORED, score, region, None,
        score - composed if points else _NO_BONUS, earned, bands[reached - 1] if reached else None,
    )  # fmt: skip
    return made


def _check_kinds(
    scores: object, category: object, period: object, rules: object, region: object
) -> None:
    """Refuse arguments of :func:`assess` of the wrong kinds, the first by name."""
    _check_type(rules, RuleBook, "rules")
    _check_type(scores, rules.scheme.scores, "scores", InvalidScoreError)  # type: ignore[attr-defined]
    _check_type(category, str, "category")
    _check_type(period, AssessmentPeriod, "period", InvalidPeriodError)
    if region is not None:
        _check_type(region, str, "region")


def _earned(rules: RuleBook, bonuses: Iterable[str]) -> tuple[frozenset[str], Decimal]:
    """The bonuses a shop earned, read, and their points under *rules*."""
    earned = names(bonuses, "bonuses") or frozenset()
    return earned, bonus_points(rules, earned)


def _not_assessed(  # noqa: PLR0913, PLR0917 - the facts of one assessment
    scores: AnyScores,
    category: str,
    period: AssessmentPeriod,
    status: Status,
    region: str | None,
    earned: frozenset[str],
    exemption: Exemption | None = None,
) -> Assessment:
    """An assessment of a shop shown 99, of facts :func:`assess` has checked."""
    made = _new(Assessment)
    _init(
        made, scores, category, period, status, NOT_ASSESSED_SCORE, region, exemption,
        _NO_BONUS, earned, None,
    )  # fmt: skip
    return made


def with_bonus(composed: Decimal, points: Decimal) -> Decimal:
    """The shown score of a *composed* score and bonus *points*: capped at 5."""
    return min(round_half_up(composed + points), _TOP_SCORE)


def bonus_points(rules: RuleBook, earned: frozenset[str]) -> Decimal:
    """The points of the bonuses a shop *earned*, under *rules*."""
    return sum((_bonus_points(rules, name) for name in sorted(earned)), Decimal(0))


def reassess(assessment: Assessment, scores: AnyScores, *, rules: RuleBook) -> Assessment:
    """*assessment* again, the same shop in the same period, with other *scores*.

    A new shop or one below the minimum volume stays so: the facts that
    decided it (when it opened, its orders) do not change with its scores.
    """
    if assessment.status in _KEPT_WHATEVER_THE_SCORES:
        return attrs.evolve(assessment, scores=scores)
    return assess(
        scores,
        category=assessment.category,
        period=assessment.period,
        rules=rules,
        region=assessment.region,
        bonuses=assessment.bonuses,
    )


_KEPT_WHATEVER_THE_SCORES: Final = frozenset({Status.NEW_SHOP, Status.BELOW_MINIMUM_VOLUME})


_NO_BONUS: Final = Decimal(0)
_NO_BONUSES: Final[frozenset[str]] = frozenset()
_NONE_EARNED: Final = (_NO_BONUSES, _NO_BONUS)
# An assessment of facts assess has checked is made without checking them again.
_new: Final = object.__new__
_bisect: Final = bisect.bisect_right
_init: Final = Assessment.__attrs_init__
_TOP_SCORE: Final = round_half_up(MAX_SCORE)


def _in_grace(rules: RuleBook, opened: dt.date | None, period: AssessmentPeriod) -> bool:
    months = rules.new_shop_grace_months
    if months is None or opened is None:
        return False
    opened = check_date(opened, "opened")
    month_index = opened.year * 12 + opened.month - 1 + months
    year, month = divmod(month_index, 12)
    if year > dt.MAXYEAR:
        return True
    return period.start < dt.date(year, month + 1, 1)


def _below_minimum(rules: RuleBook, orders: int | None) -> bool:
    if rules.minimum_orders is None or orders is None:
        return False
    if isinstance(orders, bool) or not isinstance(orders, int) or orders < 0:
        msg = f"orders: {shown(orders)} is not a number of orders"
        raise InvalidScoreError(msg)
    return orders < rules.minimum_orders


def _bonus_points(rules: RuleBook, name: str) -> Decimal:
    try:
        return rules.bonuses[name]
    except KeyError:
        valid = ", ".join(sorted(rules.bonuses)) or "none"
        msg = f"bonuses: {shown(name)} is not a bonus of this edition; it has {valid}"
        raise RuleBookError(msg) from None


def passes(assessment: Assessment, threshold: NumberLike) -> bool:
    """Whether *assessment* meets a standard of *threshold*.

    A shop that is not assessed (99) passes by default; a scored shop passes
    when its score is at least the threshold. To judge a purpose by an
    edition, whose ``passes_by_default`` may differ, use :func:`standards`.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> july = ts.AssessmentPeriod.month(2024, 7)
    >>> ts.passes(ts.assess(ts.DimensionScores(), category="服饰", period=july,
    ...                     rules=rules), "4.8")
    True
    """
    _check_type(assessment, Assessment, "assessment")
    return _passes(assessment, _threshold(threshold))


def _passes(assessment: Assessment, limit: Decimal) -> bool:
    return not assessment.assessed or assessment.score >= limit


def consecutive_failures(assessments: Iterable[Assessment], threshold: NumberLike) -> int:
    """How many periods in a row, back from the latest, the shop failed.

    Assessments may come in any order; they are ordered by period. The run
    stops at a pass, at a not-assessed period (it passes by default), and at
    a gap between periods: a missing month is not bridged. Overlapping
    periods raise :class:`~tmall_service.InvalidPeriodError`.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> weak = ts.DimensionScores(product=3, logistics=3, after_sales=3,
    ...                           dispute=3, consultation=3)
    >>> history = [ts.assess(weak, category="服饰", rules=rules,
    ...                      period=ts.AssessmentPeriod.month(2024, m))
    ...            for m in (3, 4, 5, 6)]
    >>> ts.consecutive_failures(history, "3.5")
    4
    """
    limit = _threshold(threshold)
    return len(failing_run(chronological(assessments), lambda a: not _passes(a, limit)))


def chronological(assessments: Iterable[Assessment]) -> list[Assessment]:
    """*assessments* ordered by period, refusing two that overlap."""
    ordered = sorted(assessments, key=_period_of)
    for earlier, later in itertools.pairwise(ordered):
        if earlier.period.overlaps(later.period):
            msg = (
                f"period: {earlier.period} and {later.period} overlap; "
                "a history holds one assessment per period"
            )
            raise InvalidPeriodError(msg)
    return ordered


def failing_run(
    ordered: Sequence[Assessment], fails: Callable[[Assessment], bool]
) -> list[Assessment]:
    """The latest assessments of *ordered* that fail, back to a pass or a gap."""
    run: list[Assessment] = []
    for assessment in reversed(ordered):
        if run and (run[-1].period.start - assessment.period.end).days != 1:
            break
        if not fails(assessment):
            break
        run.append(assessment)
    return run[::-1]


def _period_of(assessment: Assessment) -> AssessmentPeriod:
    _check_type(assessment, Assessment, "assessments")
    return assessment.period
