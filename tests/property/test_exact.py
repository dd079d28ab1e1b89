"""Invariant: the composite equals an exact rational reference, rounded half up, in every scheme."""

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

import tmall_service as ts
from strategies import dimension_names, dimension_scores, every_scheme, weight_profiles


def reference(scores, profile, policy):
    """Σ score × weight over Fractions, then round half up at the second place."""
    total = Fraction(0)
    weight_sum = Fraction(0)
    for dimension in profile.DIMENSIONS:
        weight = Fraction(profile[dimension])
        score = scores[dimension]
        if weight == 0:
            continue
        if score is None:
            if policy is ts.MissingDataPolicy.RENORMALISE:
                continue
            score = Decimal(0)
        total += Fraction(score) * weight
        weight_sum += weight
    value = total / weight_sum
    hundredths = (value * 100 + Fraction(1, 2)).__floor__()
    return Decimal(hundredths) / 100


@every_scheme
@given(data=st.data())
def test_full_data_composite_matches_the_fraction_reference(scheme, data):
    scores = data.draw(dimension_scores(allow_none=False, scheme=scheme), label="scores")
    profile = data.draw(weight_profiles(scheme=scheme), label="profile")
    expected = reference(scores, profile, ts.MissingDataPolicy.REFUSE)
    assert ts.composite_score(scores, profile) == expected


@every_scheme
@given(
    data=st.data(),
    policy=st.sampled_from([ts.MissingDataPolicy.RENORMALISE, ts.MissingDataPolicy.ZERO]),
)
def test_partial_data_composite_matches_the_fraction_reference(scheme, data, policy):
    scores = data.draw(dimension_scores(scheme=scheme), label="scores")
    profile = data.draw(weight_profiles(scheme=scheme), label="profile")
    weighted = [d for d in scheme.dimensions if profile[d]]
    if all(scores[d] is None for d in weighted):
        return  # no data: not a composite at all
    expected = reference(scores, profile, policy)
    assert ts.composite_score(scores, profile, missing_data=policy) == expected


@every_scheme
@given(data=st.data())
def test_float_str_and_decimal_inputs_give_the_same_score(scheme, data):
    names = dimension_names(scheme)
    count = len(names)
    hundredths = data.draw(st.lists(st.integers(0, 500), min_size=count, max_size=count))
    profile = data.draw(weight_profiles(scheme=scheme), label="profile")
    as_decimal = [Decimal(n).scaleb(-2) for n in hundredths]
    forms = [
        as_decimal,
        [str(v) for v in as_decimal],
        [float(v) for v in as_decimal],  # repr of the float is the 2-place text
    ]
    results = {
        ts.composite_score(scheme.scores(**dict(zip(names, form, strict=True))), profile)
        for form in forms
    }
    assert len(results) == 1
