"""How far a shop is from a standard, and the cheapest way to close the gap."""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from tmall_service._values.declaring import MAX_SCORE, dimension_of
from tmall_service._values.errors import InvalidScoreError, RuleBookError, shown
from tmall_service._values.language import Language
from tmall_service._values.mapping import FrozenMapping
from tmall_service._values.numbers import EXACT, NumberLike, to_decimal
from tmall_service._values.schemes import AnyDimension, AnyScores, dimensions_of
from tmall_service._values.text import (
    display_language,
    facts_table,
    html_table,
    named,
    number,
    score_text,
    view,
    word,
)

from .assessment import Assessment, bonus_points, check_inputs, reassess, with_bonus
from .book import MissingDataPolicy, Purpose, RuleBook
from .scoring import dimension_rows

__all__ = ["DimensionGap", "Gap", "Plan", "gap"]

_CENTS: Final = 100
_TOP: Final = int(MAX_SCORE) * _CENTS
_FIVE: Final = Fraction(MAX_SCORE)
_MOST_COST: Final = Decimal(10) ** 12
"""The highest cost per point a cost model may give: far above any budget,
and low enough that exact fractions of costs stay small."""


@attrs.frozen
class DimensionGap:
    """What one dimension alone must reach for the shop to meet a target.

    ``needed`` is the smallest score on the dashboard's 0.01 grid that meets
    the target with every other dimension as it is, or ``None`` when no
    score up to 5 in this dimension is enough ("unreachable through this
    dimension"). When the target is already met, ``needed`` is the score
    the shop has (``None`` where it has none) and every dimension is
    ``reachable``, with nothing to increase.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> shop = ts.assess(ts.DimensionScores(product=4, logistics=4, after_sales=4,
    ...                                     dispute=4, consultation=4),
    ...                  category="服饰", period=ts.AssessmentPeriod.month(2024, 7),
    ...                  rules=rules)
    >>> report = ts.gap(shop, "4.2", rules=rules)
    >>> report[ts.Dimension.LOGISTICS].needed, report[ts.Dimension.CONSULTATION].needed
    (Decimal('4.65'), None)
    """

    #: The dimension.
    dimension: AnyDimension
    #: The shop's score in it now (``None``: no data).
    current: Decimal | None
    #: The smallest score that meets the target alone; ``None``: unreachable.
    needed: Decimal | None
    #: Whether the target is met, or this dimension alone can meet it.
    reachable: bool

    @property
    def increase(self) -> Decimal | None:
        """How much the score must rise (from 0 when there is none now).

        0 when the target is met already; ``None`` when it is unreachable
        through this dimension.
        """
        if not self.reachable:
            return None
        if self.needed is None:
            return Decimal(0)
        return self.needed - (self.current or 0)


@attrs.frozen(repr=False)
class Plan:
    """The cheapest set of new dimension scores that meets a target.

    Each changed dimension gets a score on the 0.01 grid; ``cost`` is Σ cost
    per point × points raised, under the cost model given to
    :func:`~tmall_service.gap`; ``after`` is the shop assessed with the new
    scores.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> shop = ts.assess(ts.DimensionScores(product=4, logistics=4, after_sales=4,
    ...                                     dispute=4, consultation=4),
    ...                  category="服饰", period=ts.AssessmentPeriod.month(2024, 7),
    ...                  rules=rules)
    >>> plan = ts.gap(shop, "4.2", rules=rules,
    ...               costs={"logistics": 3, "product": 1}).plan
    >>> {dimension.value: str(score) for dimension, score in plan.changes.items()}
    {'product': '4.98'}
    >>> plan.cost, plan.after.score
    (Decimal('0.98'), Decimal('4.20'))
    """

    #: The new score of each dimension the plan raises.
    changes: Mapping[AnyDimension, Decimal]
    #: What the plan costs under the cost model.
    cost: Decimal
    #: The shop assessed with the plan's scores.
    after: Assessment

    def __repr__(self) -> str:
        """The new scores, the cost and the score they reach, on one line."""
        moves = ", ".join(f"{d.value}→{number(s)}" for d, s in self.changes.items()) or "no change"
        return f"<Plan {moves}: cost {number(self.cost)}, score {score_text(self.after.score)}>"

    def _repr_html_(self) -> str:
        """The plan's new scores, its cost and the score it reaches, for notebooks."""
        lang = display_language()
        return view(word("plan", lang), self._table(lang, None))

    def _table(self, lang: Language, before: Assessment | None) -> str:
        """The changes (from *before*'s scores when given), the cost and the score reached."""
        header = [word("dimension", lang), word("new", lang)]
        rows: list[list[object]] = [[named(d, lang), new] for d, new in self.changes.items()]
        if before is not None:
            header.insert(1, word("now", lang))
            for row, dimension in zip(rows, self.changes, strict=True):
                row.insert(1, getattr(before.scores, dimension.value))
        facts = facts_table(
            [
                (word("cost", lang), number(self.cost)),
                (word("score", lang), score_text(self.after.score)),
            ]
        )
        if not rows:
            return f"<p>{word('no change', lang)}</p>" + facts
        return html_table(header, rows) + facts


@attrs.frozen(repr=False)
class Gap:
    """How far a shop is from a target score, and how to close the gap.

    ``met`` says whether the shop already meets the target (a shop that is
    not assessed meets every target by default; :func:`~tmall_service.gap`
    refuses a purpose the edition's ``passes_by_default`` leaves out, which
    no change of scores can meet). ``dimensions`` gives, for
    each dimension alone, the score that would meet it; ``plan`` is the
    cheapest combination under the cost model (there always is one: 5 in
    every dimension meets any target), and changes nothing when the target
    is met.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> shop = ts.assess(ts.DimensionScores(product=4, logistics=4, after_sales=4,
    ...                                     dispute=4, consultation=4),
    ...                  category="服饰", period=ts.AssessmentPeriod.month(2024, 7),
    ...                  rules=rules)
    >>> report = ts.gap(shop, ts.Purpose.ANNUAL_FEE_REFUND, rules=rules)
    >>> report.target, report.met
    (Decimal('4.2'), False)
    """

    #: The score to reach.
    target: Decimal
    #: The assessment the gap is measured from.
    assessment: Assessment
    #: Whether the assessment already meets the target.
    met: bool
    #: One entry per dimension of the scheme, in the scheme's order.
    dimensions: tuple[DimensionGap, ...]
    #: The cheapest way to meet the target (no change when it is met).
    plan: Plan

    def __getitem__(self, dimension: AnyDimension | str) -> DimensionGap:
        """The gap of *dimension* (a member or its value)."""
        wanted = dimension_of(dimension, type(self.dimensions[0].dimension))
        return next(entry for entry in self.dimensions if entry.dimension is wanted)

    def __iter__(self) -> Iterator[DimensionGap]:
        """The dimensions' gaps, in the scheme's order."""
        return iter(self.dimensions)

    def __repr__(self) -> str:
        """The target, where the shop is, and the plan, on one line.

        >>> import tmall_service as ts
        >>> rules = ts.example_rulebook()
        >>> shop = ts.assess(ts.DimensionScores(product=4, logistics=4, after_sales=4,
        ...                                     dispute=4, consultation=4),
        ...                  category="服饰", period=ts.AssessmentPeriod.month(2024, 7),
        ...                  rules=rules)
        >>> ts.gap(shop, "4.2", rules=rules)
        <Gap to 4.20 from 4.00: <Plan logistics→4.65: cost 0.65, score 4.20>>
        """
        where = "met" if self.met else repr(self.plan)
        return f"<Gap to {number(self.target)} from {score_text(self.assessment.score)}: {where}>"

    def _repr_html_(self) -> str:
        """Each dimension's gap and the cheapest plan, for notebooks, in the display language."""
        lang = display_language()
        title = (
            f"{word('target', lang)} {number(self.target)} · "
            f"{word('score', lang)} {score_text(self.assessment.score)} · "
            f"{word('met' if self.met else 'not met', lang)}"
        )
        if self.met:
            return view(title)
        rows = [
            (
                named(e.dimension, lang),
                e.current,
                e.needed if e.reachable else word("unreachable", lang),
                e.increase,
            )
            for e in self.dimensions
        ]
        header = [word(key, lang) for key in ("dimension", "now", "needed alone", "increase")]
        return view(
            title,
            html_table(header, rows, caption=word("alone", lang)),
            f'<div class="ts-title">{word("plan", lang)}</div>',
            self.plan._table(lang, self.assessment),  # noqa: SLF001 - the plan's own table
        )


def gap(
    assessment: Assessment,
    target: NumberLike | Purpose,
    *,
    rules: RuleBook,
    costs: Mapping[AnyDimension | str, NumberLike] | None = None,
) -> Gap:
    """How far *assessment* is from *target*, and the cheapest way there.

    *target* is a score, or a :class:`~tmall_service.Purpose` (or its
    value, ``"marketing_access"``) whose standard for the shop's category
    *rules* set. Scores move on the
    dashboard's 0.01 grid, and the shop is assessed again exactly as
    :func:`~tmall_service.assess` would, its bonuses and the edition's
    missing-data policy included. For each dimension alone, the gap gives
    the smallest score that meets the target; the plan raises several
    dimensions at the least total cost, where *costs* gives the cost of
    raising each dimension by one point (1 for every dimension not named);
    among plans of that cost it is the one that changes the fewest
    dimensions, then the one that raises the fewest points in all, then the
    first in the scheme's order.
    A dimension with no data under ``RENORMALISE`` is left out of the plan:
    give it a score to plan with it.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> shop = ts.assess(ts.DimensionScores(product=5, logistics=3, after_sales=4,
    ...                                     dispute=1, consultation=4),
    ...                  category="服饰", period=ts.AssessmentPeriod.month(2024, 7),
    ...                  rules=rules)
    >>> report = ts.gap(shop, ts.Purpose.MERCHANT_ASSESSMENT, rules=rules)
    >>> [(entry.dimension.value, str(entry.needed)) for entry in report]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('product', 'None'), ('logistics', '3.65'), ('after_sales', '4.98'),
     ('dispute', '1.98'), ('consultation', 'None')]
    >>> {d.value: str(s) for d, s in report.plan.changes.items()}, report.plan.cost
    ({'logistics': '3.65'}, Decimal('0.65'))
    """
    check_inputs(assessment, rules)
    target = _purpose_named(target)
    goal = _target(target, assessment.category, rules)
    dimensions = dimensions_of(rules.scheme)
    prices = _costs(costs, dimensions)
    if (
        isinstance(target, Purpose)
        and target not in rules.passes_by_default
        and not assessment.assessed
    ):
        msg = (
            f"target: a shop that is not assessed (status {assessment.status.value!r}) "
            f"fails {shown(target.value)} under this edition (passes_by_default), "
            "and no change of its scores changes that"
        )
        raise RuleBookError(msg)
    if not assessment.assessed or assessment.score >= goal:
        return _already(goal, assessment, dimensions)
    if rules.profile(assessment.category) is None:
        msg = (
            f"rules: {assessment.category!r} is not assessed under {rules.name or 'these rules'!r},"
            " but the shop was scored; pass the edition that scored it"
        )
        raise RuleBookError(msg)
    shop = _Shop.of(assessment, rules, goal)
    entries = tuple(shop.gap(d) for d in dimensions)
    # Every dimension the plan may raise at 5 makes the composite 5, which
    # meets any target: there is always a plan.
    changes = shop.cheapest(prices)
    after = reassess(assessment, shop.with_scores(changes), rules=rules)
    cost = Decimal(0)
    for dimension, score in changes.items():
        raised = EXACT.subtract(score, shop.scores[dimension] or Decimal(0))
        cost = EXACT.fma(prices[dimension], raised, cost)
    plan = Plan(changes=FrozenMapping(changes), cost=cost, after=after)
    return Gap(target=goal, assessment=assessment, met=False, dimensions=entries, plan=plan)


def _purpose_named(target: NumberLike | Purpose) -> NumberLike | Purpose:
    """*target*, or the purpose a text names by its value (``"marketing_access"``)."""
    if isinstance(target, str):
        try:
            return Purpose(target.strip().lower())
        except ValueError:
            return target
    return target


def _target(target: object, category: str, rules: RuleBook) -> Decimal:
    if isinstance(target, Purpose):
        threshold = rules.threshold(target, category)
        if threshold is None:
            msg = f"target: this edition sets no standard for {target.value!r} in {category!r}"
            raise RuleBookError(msg)
        return threshold
    try:
        return to_decimal(
            target, field="target", error=InvalidScoreError, low=Decimal(0), high=MAX_SCORE
        )
    except InvalidScoreError as error:
        if not isinstance(target, str) or "is not a number" not in str(error):
            raise
        purposes = ", ".join(repr(p.value) for p in Purpose)
        msg = (
            f"target: {shown(target)} is neither a score nor a purpose; "
            f"write a score such as '4.2', or a purpose: {purposes}"
        )
        raise InvalidScoreError(msg) from None


def _costs(
    costs: Mapping[AnyDimension | str, NumberLike] | None, dimensions: tuple[AnyDimension, ...]
) -> dict[AnyDimension, Decimal]:
    prices: dict[AnyDimension, Decimal] = dict.fromkeys(dimensions, Decimal(1))
    if costs is None:
        return prices
    if not isinstance(costs, Mapping):
        msg = f"costs: {shown(costs)} is not a mapping of dimension to cost per point"
        raise InvalidScoreError(msg)
    for key, value in costs.items():
        dimension = dimension_of(key, type(dimensions[0]))
        prices[dimension] = to_decimal(
            value,
            field=f"costs.{dimension.value}",
            error=InvalidScoreError,
            low=Decimal(0),
            high=_MOST_COST,
        )
    return prices


def _already(goal: Decimal, assessment: Assessment, dimensions: tuple[AnyDimension, ...]) -> Gap:
    scores = [getattr(assessment.scores, d.value) for d in dimensions]
    entries = tuple(
        DimensionGap(dimension=d, current=score, needed=score, reachable=True)
        for d, score in zip(dimensions, scores, strict=True)
    )
    plan = Plan(changes=FrozenMapping({}), cost=Decimal(0), after=assessment)
    return Gap(target=goal, assessment=assessment, met=True, dimensions=entries, plan=plan)


@attrs.frozen
class _Shop:
    """A scored shop's composite as exact fractions, and the bar it must clear.

    The composite is N / D, Σ weight × score over the dimensions that count
    divided by their weights. It meets the target when N / D reaches
    ``bar``: the lowest exact composite whose shown score (rounded half up,
    bonuses added) is at least the target.
    """

    assessment: Assessment
    scores: dict[AnyDimension, Decimal | None]
    weights: dict[AnyDimension, Fraction]
    counted: dict[AnyDimension, bool]
    numerator: Fraction
    divisor: Fraction
    bar: Fraction

    @classmethod
    def of(cls, assessment: Assessment, rules: RuleBook, goal: Decimal) -> _Shop:
        profile = rules.profile(assessment.category)
        assert profile is not None  # noqa: S101 - gap() checked the category is assessed
        zero = rules.missing_data is MissingDataPolicy.ZERO
        dimensions = dimensions_of(rules.scheme)
        table = dimension_rows(assessment.scores, profile)
        scores = {d: given for d, (_, given, _) in zip(dimensions, table, strict=True)}
        weights = {d: Fraction(w) for d, (_, _, w) in zip(dimensions, table, strict=True)}
        counted = {d: bool(weights[d]) and (scores[d] is not None or zero) for d in dimensions}
        numerator = sum(
            (weights[d] * Fraction(scores[d] or 0) for d in dimensions if counted[d]), Fraction(0)
        )
        divisor = sum((weights[d] for d in dimensions if counted[d]), Fraction(0))
        points = bonus_points(rules, assessment.bonuses)
        # The shown score rises with the composite, so the lowest composite (in
        # cents) whose shown score reaches the goal is found by bisection.
        cents = bisect.bisect_left(
            range(_TOP + 1), goal, key=lambda c: with_bonus(Decimal(c).scaleb(-2), points)
        )
        bar = Fraction(cents, _CENTS) - Fraction(1, 2 * _CENTS)
        return cls(assessment, scores, weights, counted, numerator, divisor, bar)

    def gap(self, dimension: AnyDimension) -> DimensionGap:
        """The gap of *dimension* alone."""
        needed = self.alone(dimension)
        return DimensionGap(
            dimension=dimension,
            current=self.scores[dimension],
            needed=needed,
            reachable=needed is not None,
        )

    def alone(self, dimension: AnyDimension) -> Decimal | None:
        """The least score of *dimension* alone that clears the bar."""
        weight = self.weights[dimension]
        if not weight:
            return None
        current = Fraction(self.scores[dimension] or 0)
        if self.counted[dimension]:
            rest, divisor = self.numerator - weight * current, self.divisor
        else:  # no data under RENORMALISE: a score brings its weight back in
            rest, divisor = self.numerator, self.divisor + weight
        cents = max(math.ceil((self.bar * divisor - rest) / weight * _CENTS), 0)
        return None if cents > _TOP else Decimal(cents).scaleb(-2)

    def cheapest(self, prices: Mapping[AnyDimension, Decimal]) -> dict[AnyDimension, Decimal]:
        """The new scores that clear the bar at the least cost, and the simplest such.

        Among plans of the least cost, the one that changes the fewest
        dimensions, then the one that raises the fewest points in all;
        among those, the first in the scheme's order.
        """
        movable = [
            _Lever(d, self.weights[d], Fraction(prices[d]), Fraction(self.scores[d] or 0))
            for d in self.weights
            if self.counted[d] and (self.scores[d] or 0) < MAX_SCORE
        ]
        need = self.bar * self.divisor - self.numerator
        raised = _simplest(movable, need, _plan(movable, need))
        return {
            dimension: Decimal(cents).scaleb(-2)
            for dimension in self.scores  # in the scheme's order
            if (cents := raised.get(dimension)) is not None
        }

    def with_scores(self, changes: Mapping[AnyDimension, Decimal]) -> AnyScores:
        """The shop's scores with *changes* made."""
        values = {d.value: self.scores[d] for d in self.scores}
        values.update({d.value: score for d, score in changes.items()})
        return type(self.assessment.scores)(**values)


@attrs.frozen
class _Lever:
    """A dimension a plan may raise: its weight, its price per point, its score now."""

    dimension: AnyDimension
    weight: Fraction
    price: Fraction
    current: Fraction

    def first_cents(self) -> int:
        """The first grid score above the current one."""
        return math.floor(self.current * _CENTS) + 1

    def gain(self, cents: int) -> Fraction:
        """What moving to *cents* adds to the weighted sum."""
        return self.weight * (Fraction(cents, _CENTS) - self.current)

    def cost(self, cents: int) -> Fraction:
        """What moving to *cents* costs."""
        return self.price * (Fraction(cents, _CENTS) - self.current)


class _Search:
    """Branch and bound over the levers, cheapest per point of gain first.

    The bound is the continuous relaxation: fill the remaining need from the
    cheapest levers onward, fractionally. Walking a lever's score down from
    the most that is useful, the bound can only rise once the lever no
    longer meets the need alone (what it no longer gives must come from
    dearer levers), so from there the walk stops at the first score whose
    bound is no better than the best plan found.

    When every lever's score is on the 0.01 grid, every plan costs a whole
    number of ``granule`` (the greatest common divisor of the prices of a
    cent), so a bound rounds up to one: among levers of equal price per
    point, the walk then stops at the first plan instead of trying every
    split of the same cost.
    """

    def __init__(self, levers: list[_Lever], ceiling: Fraction | None = None) -> None:
        """Search *levers* for plans that cost less than *ceiling*, if given."""
        self.levers = levers
        self.best_cost: Fraction | None = ceiling
        self.best: list[int | None] | None = None
        self.granule = _granule(levers)

    def run(self, need: Fraction) -> list[int | None] | None:
        if need <= 0:
            return [None] * len(self.levers)
        self._walk(0, need, Fraction(0), [])
        return self.best

    def relaxed(self, start: int, need: Fraction) -> Fraction | None:
        """The least cost of *need* from levers *start* on, fractionally."""
        cost = Fraction(0)
        for lever in self.levers[start:]:
            if need <= 0:
                break
            room = lever.weight * (_FIVE - lever.current)
            used = min(room, need)
            cost += used * lever.price / lever.weight
            need -= used
        return cost if need <= 0 else None

    def _worse(self, bound: Fraction | None) -> bool:
        if bound is None:
            return True
        if self.best_cost is None:
            return False
        if self.granule:
            bound = math.ceil(bound / self.granule) * self.granule
        return bound >= self.best_cost

    def _walk(self, index: int, need: Fraction, cost: Fraction, chosen: list[int | None]) -> None:
        if need <= 0:
            if self.best_cost is None or cost < self.best_cost:
                self.best_cost = cost
                self.best = chosen + [None] * (len(self.levers) - len(chosen))
            return
        if index == len(self.levers) or self._worse(self.relaxed(index, need)):
            return
        lever = self.levers[index]
        most = min(_TOP, math.ceil((lever.current + need / lever.weight) * _CENTS))
        options: list[int | None] = [*range(most, lever.first_cents() - 1, -1), None]
        if not lever.price:
            options = [most]  # a free lever: its most useful score costs no more than less
        for cents in options:
            gain = Fraction(0) if cents is None else lever.gain(cents)
            spent = cost + (Fraction(0) if cents is None else lever.cost(cents))
            if self._worse(self._bound(index + 1, need - gain, spent)):
                if need - gain <= 0:
                    # Only the first score can meet the need alone, and it may
                    # overshoot it: its bound is its whole cost, and a lower
                    # score topped up by dearer levers may still be cheaper.
                    continue
                break
            self._walk(index + 1, need - gain, spent, [*chosen, cents])

    def _bound(self, start: int, need: Fraction, spent: Fraction) -> Fraction | None:
        if need <= 0:
            return spent
        rest = self.relaxed(start, need)
        return None if rest is None else spent + rest


_Raised = dict[AnyDimension, int]
"""A plan: the new score of each dimension it raises, in cents."""


def _plan(levers: Sequence[_Lever], need: Fraction) -> _Raised:
    """The cheapest plan that gains *need* with *levers*."""
    found = _plan_below(levers, need, None)
    if found is None:  # pragma: no cover - every lever at 5 clears any bar
        msg = "no plan meets the target; every score at 5 should"
        raise AssertionError(msg)
    return found


def _plan_below(
    levers: Sequence[_Lever], need: Fraction, ceiling: Fraction | None
) -> _Raised | None:
    """The cheapest plan that gains *need* with *levers* for less than *ceiling*, if any."""
    ordered = sorted(levers, key=lambda lever: lever.price / lever.weight)
    found = _Search(ordered, ceiling).run(need)
    if found is None:
        return None
    return {lever.dimension: c for lever, c in zip(ordered, found, strict=True) if c is not None}


def _cost(levers: Sequence[_Lever], plan: _Raised) -> Fraction:
    return sum(
        (lever.cost(plan[lever.dimension]) for lever in levers if lever.dimension in plan),
        Fraction(0),
    )


def _points(levers: Sequence[_Lever], plan: _Raised) -> Fraction:
    return sum(
        (
            Fraction(plan[lever.dimension], _CENTS) - lever.current
            for lever in levers
            if lever.dimension in plan
        ),
        Fraction(0),
    )


def _simplest(levers: Sequence[_Lever], need: Fraction, cheapest: _Raised) -> _Raised:
    """Among the plans that cost what *cheapest* costs, the fewest dimensions, then points.

    Subsets of the levers are tried by size, in the scheme's order: the
    first size at which some subset reaches the least cost is the fewest
    dimensions. A subset's search looks only below the least cost and a
    hair (any plan dearer is of no use), so most end at once. Within a
    subset, points come second to cost by pricing each point a little
    above what its cost says: ``price × scale + 1``, where one step of cost
    (the granule) outweighs every point there is.
    """
    least = _cost(levers, cheapest)
    granule = _granule(list(levers))
    scale: Fraction | None = None
    if granule is not None:
        scale = (_FIVE * len(levers) + 1) / granule
    elif not any(lever.price for lever in levers):
        scale = Fraction(0)  # every plan is free: the points alone decide
    step = granule or Fraction(1, 10**9)  # any plan dearer than the least by less is no plan
    for size in range(1, len(cheapest) + 1):
        found: tuple[Fraction, _Raised] | None = None
        for subset in itertools.combinations(levers, size):
            plan = _plan_below(subset, need, least + step)
            if plan is None or _cost(subset, plan) != least:
                continue
            prices = {lever.price for lever in subset}
            if scale is not None and (len(prices) > 1 or not any(prices)):
                # Plans of one cost may raise different points (at one price
                # above 0 they cannot): price a point too.
                priced = [attrs.evolve(lever, price=lever.price * scale + 1) for lever in subset]
                ceiling = None if not scale else (least + step) * scale
                plan = _plan_below(priced, need, ceiling) or plan
            points = _points(subset, plan)
            if found is None or points < found[0]:
                found = (points, plan)
        if found is not None:
            return found[1]
    return cheapest


def _granule(levers: list[_Lever]) -> Fraction | None:
    """The step every plan's cost is a whole number of, or ``None`` if there is none."""
    if any((lever.current * _CENTS).denominator != 1 for lever in levers):
        return None  # a score off the grid: its first step is not a whole cent
    prices = [lever.price / _CENTS for lever in levers if lever.price]
    if not prices:
        return None
    common = math.lcm(*(price.denominator for price in prices))
    return Fraction(math.gcd(*(int(price * common) for price in prices)), common)
