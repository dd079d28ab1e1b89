"""Invariant: every score the library gives is in [0, 5], or is the 99, in every scheme."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

import tmall_service as ts
from strategies import assessments, dimension_scores, every_scheme, schemes, weight_profiles


@every_scheme
@given(data=st.data())
def test_composite_is_between_0_and_5_with_two_places(scheme, data):
    scores = data.draw(dimension_scores(allow_none=False, scheme=scheme), label="scores")
    profile = data.draw(weight_profiles(scheme=scheme), label="profile")
    result = ts.composite_score(scores, profile)
    assert Decimal(0) <= result <= Decimal(5)
    assert result.as_tuple().exponent == -2


@every_scheme
@given(
    data=st.data(),
    policy=st.sampled_from([ts.MissingDataPolicy.RENORMALISE, ts.MissingDataPolicy.ZERO]),
)
def test_composite_with_gaps_stays_between_0_and_5(scheme, data, policy):
    scores = data.draw(dimension_scores(scheme=scheme), label="scores")
    profile = data.draw(weight_profiles(scheme=scheme), label="profile")
    try:
        result = ts.composite_score(scores, profile, missing_data=policy)
    except ts.MissingDataError:
        # Only when no weighted dimension has a score at all.
        assert all(scores[d] is None for d in scheme.dimensions if profile[d])
        return
    assert Decimal(0) <= result <= Decimal(5)


# Drawing a whole rule book is slow: one run draws the scheme too.
@given(schemes.flatmap(lambda scheme: assessments(scheme=scheme)))
def test_an_assessment_is_scored_in_range_or_shows_99(assessment):
    if assessment.status is ts.Status.SCORED:
        assert Decimal(0) <= assessment.score <= Decimal(5)
        assert ts.star_rating(assessment.score) == assessment.stars
    else:
        assert assessment.score == ts.NOT_ASSESSED_SCORE
        assert assessment.stars is None
        assert ts.passes(assessment, 5)


@given(st.decimals(min_value=0, max_value=5, places=2))
def test_star_rating_is_a_known_level_not_above_the_score(score):
    level = ts.star_rating(score)
    if level is None:
        assert score < 3
    else:
        assert level in ts.STAR_LEVELS
        assert level <= score < level + Decimal("0.5") or level == 5
