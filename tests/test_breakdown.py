"""breakdown: each dimension's points, share and loss, worked out by hand."""

from decimal import Decimal

import pytest

import tmall_service as ts

D = Decimal
APPAREL = ts.WeightProfile(
    product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
)
SEED = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)
NO_CONSULTATION = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1)
POLICY = ts.MissingDataPolicy

TAOBAO_SCORES = ts.TaobaoScores(
    description=4, logistics=3, customer_service=4, transaction_security=2, after_sales=4
)
WOMENSWEAR = ts.TaobaoWeights(
    description="0.3",
    logistics="0.2",
    customer_service="0.2",
    transaction_security="0.1",
    after_sales="0.2",
)


class TestErrorsAreComposites:
    @pytest.mark.parametrize(
        ("scores", "profile", "policy"),
        [
            (NO_CONSULTATION, APPAREL, POLICY.REFUSE),
            (ts.DimensionScores(), APPAREL, POLICY.RENORMALISE),
            (ts.DimensionScores(), APPAREL, POLICY.REFUSE),
            (TAOBAO_SCORES, APPAREL, POLICY.REFUSE),
            (SEED, WOMENSWEAR, POLICY.REFUSE),
            ("5, 3, 4, 1, 4", APPAREL, POLICY.REFUSE),
            (None, APPAREL, POLICY.REFUSE),
            (SEED, {"product": 1}, POLICY.REFUSE),
            (SEED, None, POLICY.REFUSE),
            (SEED, APPAREL, "zero"),
            (NO_CONSULTATION, APPAREL, "renormalise"),
            (SEED, APPAREL, None),
        ],
    )
    def test_breakdown_refuses_what_composite_score_refuses(self, scores, profile, policy):
        with pytest.raises(ts.TmallServiceError) as expected:
            ts.composite_score(scores, profile, missing_data=policy)
        with pytest.raises(type(expected.value)) as got:
            ts.breakdown(scores, profile, missing_data=policy)
        assert str(got.value) == str(expected.value)

    def test_a_profile_that_is_not_one_is_named(self):
        with pytest.raises(ts.InvalidWeightsError, match=r"profile: \{'product': 1\} is not"):
            ts.composite_score(SEED, {"product": 1})

    @pytest.mark.parametrize("policy", ["zero", "renormalise", "refuse", 0, None])
    def test_a_policy_must_be_a_member(self, policy):
        # A string used to fall through to counting the missing dimension as 0.
        with pytest.raises(ts.RuleBookError, match=r"missing_data: .* is not a MissingDataPolicy"):
            ts.composite_score(NO_CONSULTATION, APPAREL, missing_data=policy)
