"""Invariants of explaining and improving a score: exact parts, exact gaps, cheapest plans.

They hold for every declared scheme. The cheap properties run once per
scheme; those that search by brute force draw the scheme with the rest.
The scales of indicators are Tmall's alone.
"""

from __future__ import annotations

import itertools
import math
from decimal import Decimal
from fractions import Fraction

import attrs
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import tmall_service as ts
from strategies import (
    SCHEMES,
    dimension_names,
    dimension_scores,
    every_scheme,
    indicator_scales,
    readings,
    scale_sets,
    schemes,
    scores_2dp,
    weight_profiles,
)

JULY = ts.AssessmentPeriod.month(2024, 7)
policies = st.sampled_from(list(ts.MissingDataPolicy))
bonus_points = st.sampled_from([None, "0.25", "0.333", "1"])


@st.composite
def shops(draw: st.DrawFn):
    """Any declared scheme, a shop's scores and a category's weights of that scheme."""
    scheme = draw(schemes)
    return scheme, draw(dimension_scores(scheme=scheme)), draw(weight_profiles(scheme=scheme))


def _rules(profile, policy: ts.MissingDataPolicy, bonus: str | None) -> ts.RuleBook:
    """A book of one category weighted by *profile*, in the scheme of its weights."""
    return ts.RuleBook(
        profiles={"服饰": profile},
        missing_data=policy,
        bonuses={} if bonus is None else {"extra": bonus},
        scheme=next(s for s in SCHEMES if s.weights is type(profile)),
    )


def _assess(scores, rules: ts.RuleBook) -> ts.Assessment:
    return ts.assess(scores, category="服饰", period=JULY, rules=rules, bonuses=list(rules.bonuses))


def _with(scores, **changes: Decimal | None):
    return attrs.evolve(scores, **changes)


def _scored(scores, profile, policy, bonus):
    rules = _rules(profile, policy, bonus)
    try:
        shop = _assess(scores, rules)
    except ts.MissingDataError:
        assume(condition=False)
    assume(shop.status is ts.Status.SCORED)
    return shop, rules


@every_scheme
@given(data=st.data(), policy=policies)
def test_contributions_add_up_to_the_composite_before_rounding(scheme, data, policy):
    scores = data.draw(dimension_scores(scheme=scheme), label="scores")
    profile = data.draw(weight_profiles(scheme=scheme), label="profile")
    try:
        expected = ts.composite_score(scores, profile, missing_data=policy)
    except ts.MissingDataError:
        assume(condition=False)
    parts = ts.breakdown(scores, profile, missing_data=policy)
    assert sum((part.points for part in parts), Decimal(0)) == parts.weighted_sum
    assert parts.score == expected
    assert math.floor(parts.exact * 100 + Fraction(1, 2)) == expected * 100
    for part in parts:
        assert part.lost >= 0
        if part.counted:
            assert part.points + part.lost == 5 * part.weight
        else:
            assert part.points == part.lost == 0


@settings(deadline=None)
@given(shops(), policies, bonus_points, scores_2dp, st.data())
def test_each_dimension_alone_reaches_the_target_and_one_step_less_does_not(
    shop_of, policy, bonus, target, data
):
    scheme, scores, profile = shop_of
    shop, rules = _scored(scores, profile, policy, bonus)
    report = ts.gap(shop, target, rules=rules)
    assert report.met == ts.passes(shop, target)
    assume(not report.met)
    dimension = data.draw(st.sampled_from(list(scheme.dimensions)))
    entry = report[dimension]
    current = scores[dimension]
    start = 0 if current is None else math.ceil(current * 100)
    # Brute force on the dashboard's 0.01 grid: the first score that passes.
    brute = next(
        (
            Decimal(cents).scaleb(-2)
            for cents in range(start, 501)
            if ts.passes(
                _assess(_with(scores, **{dimension.value: Decimal(cents).scaleb(-2)}), rules),
                target,
            )
        ),
        None,
    )
    if profile[dimension] == 0:
        brute = None  # a dimension without weight cannot move the score
    assert entry.needed == brute
    if entry.needed is not None:
        lower = entry.needed - Decimal("0.01")
        if (current is not None and lower >= current) or (current is None and lower >= 0):
            before = _assess(_with(scores, **{dimension.value: lower}), rules)
            assert not ts.passes(before, target)


@given(shops(), policies, bonus_points, scores_2dp, st.data())
def test_the_plan_reaches_the_target_and_costs_no_more_than_any_single_dimension(
    shop_of, policy, bonus, target, data
):
    scheme, scores, profile = shop_of
    shop, rules = _scored(scores, profile, policy, bonus)
    costs = data.draw(
        st.dictionaries(
            st.sampled_from(dimension_names(scheme)),
            st.integers(0, 300).map(lambda n: Decimal(n).scaleb(-2)),
        )
    )
    report = ts.gap(shop, target, rules=rules, costs=costs)
    assume(not report.met)
    levers = [
        d
        for d in scheme.dimensions
        if profile[d] and (scores[d] is not None or policy is ts.MissingDataPolicy.ZERO)
    ]
    plan = report.plan
    assert ts.passes(plan.after, target)
    assert plan.after == _assess(plan.after.scores, rules)
    assert set(plan.changes) <= set(levers)
    for dimension, new in plan.changes.items():
        assert new > (scores[dimension] or 0)
        assert new == new.quantize(Decimal("0.01"))
    for dimension in levers:
        entry = report[dimension]
        if entry.needed is not None:
            alone = Decimal(costs.get(dimension.value, 1)) * entry.increase
            assert plan.cost <= alone


# Small shops: up to three dimensions with room to rise (the rest at 5),
# close enough to 5 that every combination on the 0.01 grid can be tried,
# in whole numbers: weights in ten-thousandths, scores in cents, so the
# weighted sum is in millionths.
near_top = st.integers(480, 500)


@st.composite
def small_shops(draw: st.DrawFn):
    """A scheme's weights, the first three of its dimensions, and their cents and prices."""
    scheme = draw(schemes)
    names = dimension_names(scheme)[:3]
    near = draw(st.lists(near_top, min_size=len(names), max_size=len(names)))
    prices = draw(st.lists(st.integers(0, 40), min_size=len(names), max_size=len(names)))
    return scheme, draw(weight_profiles(scheme=scheme)), names, near, prices


@settings(deadline=None)
@given(small_shops(), st.data())
def test_the_plan_is_the_cheapest_on_the_grid(small_shop, data):
    scheme, profile, names, near, prices = small_shop
    rest = [n for n in dimension_names(scheme) if n not in names]
    scores = scheme.scores(
        **{n: Decimal(c).scaleb(-2) for n, c in zip(names, near, strict=True)},
        **dict.fromkeys(rest, 5),
    )
    rules = _rules(profile, ts.MissingDataPolicy.REFUSE, None)
    shop = _assess(scores, rules)
    assume(shop.score < 5)
    target = data.draw(st.integers(int(shop.score * 100) + 1, 500), label="target in cents")
    costs = {n: Decimal(p).scaleb(-1) for n, p in zip(names, prices, strict=True)}
    report = ts.gap(shop, Decimal(target).scaleb(-2), rules=rules, costs=costs)
    assert not report.met
    weights = [int(profile[n] * 10_000) for n in names]
    fixed = int(sum((profile[n] for n in rest), Decimal(0)) * 5 * 1_000_000)
    # The order gap documents: the least cost (in thousandths: price tenths x
    # score cents), then the fewest dimensions changed, then the fewest points.
    best: tuple[int, int, int] | None = None
    for combo in itertools.product(*(range(c, 501) for c in near)):
        total = fixed + sum(w * c for w, c in zip(weights, combo, strict=True))
        if (total + 5_000) // 10_000 >= target:  # the score in cents, rounded half up
            cost = sum(p * (c - n) for p, c, n in zip(prices, combo, near, strict=True))
            changed = sum(c != n for c, n in zip(combo, near, strict=True))
            key = (cost, changed, sum(combo) - sum(near))
            best = key if best is None else min(best, key)
    assert best is not None  # every score at 5 meets any target
    plan = report.plan
    points = sum(new - scores[d] for d, new in plan.changes.items())
    assert (plan.cost, len(plan.changes), points) == (
        Decimal(best[0]).scaleb(-3),
        best[1],
        Decimal(best[2]).scaleb(-2),
    )


@every_scheme
@given(data=st.data(), policy=policies)
def test_what_if_with_no_change_changes_nothing(scheme, data, policy):
    scores = data.draw(dimension_scores(scheme=scheme), label="scores")
    profile = data.draw(weight_profiles(scheme=scheme), label="profile")
    rules = _rules(profile, policy, None)
    try:
        shop = _assess(scores, rules)
    except ts.MissingDataError:
        assume(condition=False)
    same = {d: scores[d] for d in data.draw(st.lists(st.sampled_from(list(scheme.dimensions))))}
    result = ts.what_if(shop, rules=rules, scores=same)
    assert result.after == shop
    assert not result.status_changed
    assert result.changes == {}


@every_scheme
@given(data=st.data(), policy=policies, value=scores_2dp)
def test_what_if_equals_assessing_the_changed_scores(scheme, data, policy, value):
    scores = data.draw(dimension_scores(scheme=scheme), label="scores")
    profile = data.draw(weight_profiles(scheme=scheme), label="profile")
    name = data.draw(st.sampled_from(dimension_names(scheme)), label="name")
    rules = _rules(profile, policy, "0.25")
    try:
        shop = _assess(scores, rules)
        expected = _assess(_with(scores, **{name: value}), rules)
    except ts.MissingDataError:
        assume(condition=False)
    result = ts.what_if(shop, rules=rules, scores={name: value})
    assert result.after == expected
    if shop.assessed and expected.assessed:
        assert result.difference == expected.score - shop.score
    else:
        assert result.difference is None


@given(st.sampled_from(list(ts.Indicator)), st.data())
def test_a_better_reading_never_scores_less(indicator, data):
    scale = data.draw(indicator_scales(indicator))
    top = 600 if indicator.high is None else int(indicator.high * 100)
    a, b = sorted(data.draw(st.lists(st.integers(0, top), min_size=2, max_size=2)))
    low, high = Decimal(a).scaleb(-2), Decimal(b).scaleb(-2)
    worse, better = (
        (low, high) if indicator.direction is ts.Direction.HIGHER_IS_BETTER else (high, low)
    )
    assert 0 <= scale.score(worse, indicator) <= scale.score(better, indicator) <= 5


@given(scale_sets(), readings(), st.sampled_from(["服饰", "美妆", "汽车"]))
def test_dimension_scores_from_readings_are_scores_and_follow_the_readings(
    scales, values, category
):
    scores = scales.dimension_scores(values, category=category)
    given_dimensions = {indicator.dimension for indicator in values.given()}
    for dimension in ts.Dimension:
        score = scores[dimension]
        if dimension in given_dimensions:
            assert score is not None
            assert 0 <= score <= 5
            assert score == score.quantize(Decimal("0.01"))
        else:
            assert score is None
