"""Invariant: a better dimension score never lowers the result, in every scheme."""

from decimal import Decimal

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

import tmall_service as ts
from strategies import dimension_scores, every_scheme, months, score_values, weight_profiles


@every_scheme
@given(data=st.data(), other=score_values)
def test_composite_is_monotone_in_each_dimension(scheme, data, other):
    scores = data.draw(dimension_scores(allow_none=False, scheme=scheme), label="scores")
    profile = data.draw(weight_profiles(scheme=scheme), label="profile")
    dimension = data.draw(st.sampled_from(list(scheme.dimensions)), label="dimension")
    before = scores[dimension]
    assert before is not None
    low, high = sorted([before, other])
    lower = attrs.evolve(scores, **{dimension.value: low})
    higher = attrs.evolve(scores, **{dimension.value: high})
    assert ts.composite_score(lower, profile) <= ts.composite_score(higher, profile)


@every_scheme
@given(
    data=st.data(),
    other=score_values,
    policy=st.sampled_from(list(ts.MissingDataPolicy)),
    period=months,
)
def test_assessed_score_is_monotone_under_every_policy(scheme, data, other, policy, period):
    scores = data.draw(dimension_scores(scheme=scheme), label="scores")
    profile = data.draw(weight_profiles(scheme=scheme), label="profile")
    dimension = data.draw(st.sampled_from(list(scheme.dimensions)), label="dimension")
    before = scores[dimension]
    assume(before is not None)
    low, high = sorted([before, other])
    assume(low > 0)  # lowering to 0 may turn the shop into NO_DATA
    rules = ts.RuleBook(profiles={"服饰": profile}, missing_data=policy, scheme=scheme)
    results = []
    for value in (low, high):
        changed = attrs.evolve(scores, **{dimension.value: value})
        try:
            results.append(ts.assess(changed, category="服饰", period=period, rules=rules))
        except ts.MissingDataError:
            assert policy is ts.MissingDataPolicy.REFUSE
            return
    # Raising a non-zero score never changes whether the shop has data.
    assert results[0].status is results[1].status
    if results[0].status is ts.Status.SCORED:
        assert results[0].score <= results[1].score


@every_scheme
@given(data=st.data(), threshold=st.decimals(0, 5, places=2))
def test_passing_is_monotone_in_the_threshold(scheme, data, threshold):
    scores = data.draw(dimension_scores(allow_none=False, scheme=scheme), label="scores")
    profile = data.draw(weight_profiles(scheme=scheme), label="profile")
    rules = ts.RuleBook(profiles={"服饰": profile}, scheme=scheme)
    assessment = ts.assess(
        scores, category="服饰", period=ts.AssessmentPeriod.month(2024, 1), rules=rules
    )
    if ts.passes(assessment, threshold):
        assert all(ts.passes(assessment, t) for t in (threshold / 2, Decimal(0)))
    else:
        assert not ts.passes(assessment, min(threshold + Decimal("0.01"), Decimal(5)))
