"""Invariant: a better dimension score never lowers the result."""

from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

import tmall_service as ts
from strategies import dimension_scores, months, score_values, weight_profiles

dimensions = st.sampled_from(list(ts.Dimension))


@given(dimension_scores(allow_none=False), weight_profiles(), dimensions, score_values)
def test_composite_is_monotone_in_each_dimension(scores, profile, dimension, other):
    before = scores[dimension]
    assert before is not None
    low, high = sorted([before, other])
    lower = ts.DimensionScores(**{**_as_dict(scores), dimension.value: low})
    higher = ts.DimensionScores(**{**_as_dict(scores), dimension.value: high})
    assert ts.composite_score(lower, profile) <= ts.composite_score(higher, profile)


@given(
    dimension_scores(),
    weight_profiles(),
    dimensions,
    score_values,
    st.sampled_from(list(ts.MissingDataPolicy)),
    months,
)
def test_assessed_score_is_monotone_under_every_policy(
    scores, profile, dimension, other, policy, period
):
    before = scores[dimension]
    assume(before is not None)
    low, high = sorted([before, other])
    assume(low > 0)  # lowering to 0 may turn the shop into NO_DATA
    rules = ts.RuleBook(profiles={"服饰": profile}, missing_data=policy)
    results = []
    for value in (low, high):
        changed = ts.DimensionScores(**{**_as_dict(scores), dimension.value: value})
        try:
            results.append(ts.assess(changed, category="服饰", period=period, rules=rules))
        except ts.MissingDataError:
            assert policy is ts.MissingDataPolicy.REFUSE
            return
    # Raising a non-zero score never changes whether the shop has data.
    assert results[0].status is results[1].status
    if results[0].status is ts.Status.SCORED:
        assert results[0].score <= results[1].score


@given(dimension_scores(allow_none=False), weight_profiles(), st.decimals(0, 5, places=2))
def test_passing_is_monotone_in_the_threshold(scores, profile, threshold):
    rules = ts.RuleBook(profiles={"服饰": profile})
    assessment = ts.assess(
        scores, category="服饰", period=ts.AssessmentPeriod.month(2024, 1), rules=rules
    )
    if ts.passes(assessment, threshold):
        assert all(ts.passes(assessment, t) for t in (threshold / 2, Decimal(0)))
    else:
        assert not ts.passes(assessment, min(threshold + Decimal("0.01"), Decimal(5)))


def _as_dict(scores: ts.DimensionScores) -> dict[str, Decimal | None]:
    return {d.value: scores[d] for d in ts.Dimension}
