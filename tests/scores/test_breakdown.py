"""breakdown: each dimension's points, share and loss, worked out by hand."""

from decimal import Decimal
from fractions import Fraction

import pytest

import tmall_service as ts

D = Decimal
APPAREL = ts.WeightProfile(
    product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
)
SEED = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)
NO_CONSULTATION = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1)
POLICY = ts.MissingDataPolicy


def facts(parts):
    return {
        part.dimension.value: (part.points, part.lost, part.share, part.counted) for part in parts
    }


class TestTheWorkedExample:
    def test_points_loss_and_share_of_each_dimension(self):
        parts = ts.breakdown(SEED, APPAREL)
        # 5×0.2, 3×0.3, 4×0.2, 1×0.2, 4×0.1; loss is weight × (5 − score); share of 3.3.
        assert facts(parts) == {
            "product": (D("1.0"), D("0.0"), D("0.3030"), True),
            "logistics": (D("0.9"), D("0.6"), D("0.2727"), True),
            "after_sales": (D("0.8"), D("0.2"), D("0.2424"), True),
            "dispute": (D("0.2"), D("0.8"), D("0.0606"), True),
            "consultation": (D("0.4"), D("0.1"), D("0.1212"), True),
        }

    def test_totals(self):
        parts = ts.breakdown(SEED, APPAREL)
        assert parts.weighted_sum == D("3.3")
        assert parts.divisor == 1
        assert parts.exact == Fraction(33, 10)
        assert parts.score == D("3.30")
        assert parts.lost == D("1.7")
        assert parts.missing_data is POLICY.REFUSE

    def test_the_contributions_keep_the_scheme_order_and_the_given_scores(self):
        parts = ts.breakdown(SEED, APPAREL)
        assert [part.dimension for part in parts] == list(ts.Dimension)
        assert [part.score for part in parts] == [D(5), D(3), D(4), D(1), D(4)]
        assert [part.weight for part in parts] == [D("0.2"), D("0.3"), D("0.2"), D("0.2"), D("0.1")]

    def test_by_loss_puts_the_biggest_loss_first(self):
        order = [part.dimension.value for part in ts.breakdown(SEED, APPAREL).by_loss()]
        assert order == ["dispute", "logistics", "after_sales", "consultation", "product"]

    def test_a_contribution_is_found_by_member_or_value(self):
        parts = ts.breakdown(SEED, APPAREL)
        assert parts["logistics"] is parts[ts.Dimension.LOGISTICS]
        assert parts["logistics"].points == D("0.9")

    @pytest.mark.parametrize("key", ["price", ts.TaobaoDimension.DESCRIPTION, 3])
    def test_an_unknown_dimension_is_refused(self, key):
        with pytest.raises(ts.UnknownDimensionError):
            ts.breakdown(SEED, APPAREL)[key]


class TestPolicies:
    def test_renormalise_leaves_the_missing_dimension_out(self):
        parts = ts.breakdown(NO_CONSULTATION, APPAREL, missing_data=POLICY.RENORMALISE)
        assert parts["consultation"].counted is False
        assert parts["consultation"].points == 0
        assert parts["consultation"].lost == 0
        assert parts["consultation"].score is None
        assert parts.weighted_sum == D("2.9")
        assert parts.divisor == D("0.9")
        assert parts.exact == Fraction(29, 9)  # 3.222…
        assert parts.score == D("3.22")
        # Shares are of 2.9: 1.0/2.9, 0.9/2.9, 0.8/2.9, 0.2/2.9.
        assert [parts[d].share for d in ("product", "logistics", "after_sales", "dispute")] == [
            D("0.3448"),
            D("0.3103"),
            D("0.2759"),
            D("0.0690"),
        ]
        assert [part.dimension.value for part in parts.by_loss()] == [
            "dispute",
            "logistics",
            "after_sales",
            "product",
        ]

    def test_zero_counts_the_missing_dimension_as_zero(self):
        parts = ts.breakdown(NO_CONSULTATION, APPAREL, missing_data=POLICY.ZERO)
        consultation = parts["consultation"]
        assert (consultation.counted, consultation.points, consultation.lost) == (
            True,
            0,
            D("0.5"),
        )
        assert consultation.share == 0
        assert parts.weighted_sum == D("2.9")
        assert parts.divisor == 1
        assert parts.score == D("2.90")
        assert parts.lost == D("2.1")  # 1.7 of the seed, less its 0.1, plus 0.5

    def test_refuse_raises_as_composite_score_does(self):
        with pytest.raises(ts.MissingDataError, match="consultation: no score"):
            ts.breakdown(NO_CONSULTATION, APPAREL)

    @pytest.mark.parametrize("policy", list(POLICY))
    def test_the_score_is_composite_scores(self, policy):
        for scores in (SEED, NO_CONSULTATION):
            try:
                expected = ts.composite_score(scores, APPAREL, missing_data=policy)
            except ts.MissingDataError:
                continue
            assert ts.breakdown(scores, APPAREL, missing_data=policy).score == expected

    def test_all_zero_scores_have_no_share(self):
        zeros = ts.DimensionScores(product=0, logistics=0, after_sales=0, dispute=0, consultation=0)
        parts = ts.breakdown(zeros, APPAREL)
        assert parts.score == 0
        assert {part.share for part in parts} == {D(0)}
        assert parts.lost == 5


class TestZeroWeights:
    PRODUCT_ONLY = ts.WeightProfile(
        product=1, logistics=0, after_sales=0, dispute=0, consultation=0
    )

    def test_a_dimension_without_weight_is_not_counted_whatever_its_score(self):
        parts = ts.breakdown(ts.DimensionScores(product=4, consultation=3), self.PRODUCT_ONLY)
        assert facts(parts) == {
            "product": (D(4), D(1), D("1.0000"), True),
            "logistics": (D(0), D(0), D(0), False),
            "after_sales": (D(0), D(0), D(0), False),
            "dispute": (D(0), D(0), D(0), False),
            "consultation": (D(0), D(0), D(0), False),
        }
        assert parts["consultation"].score == 3
        assert parts.score == D("4.00")
        assert [part.dimension.value for part in parts.by_loss()] == ["product"]

    def test_a_missing_dimension_without_weight_is_not_missing(self):
        # REFUSE does not object: only a dimension with weight can be missing.
        parts = ts.breakdown(ts.DimensionScores(product="4.5"), self.PRODUCT_ONLY)
        assert parts.score == D("4.50")
        assert parts.lost == D("0.5")


class TestTaobao:
    WOMENSWEAR = ts.TaobaoWeights(
        description="0.3",
        logistics="0.2",
        customer_service="0.2",
        transaction_security="0.1",
        after_sales="0.2",
    )
    SCORES = ts.TaobaoScores(
        description=4, logistics=3, customer_service=4, transaction_security=2, after_sales=4
    )

    def test_points_and_losses(self):
        parts = ts.breakdown(self.SCORES, self.WOMENSWEAR)
        # 4×0.3 + 3×0.2 + 4×0.2 + 2×0.1 + 4×0.2 = 3.6
        assert [part.dimension for part in parts] == list(ts.TaobaoDimension)
        assert [part.points for part in parts] == [D("1.2"), D("0.6"), D("0.8"), D("0.2"), D("0.8")]
        assert [part.lost for part in parts] == [D("0.3"), D("0.4"), D("0.2"), D("0.3"), D("0.2")]
        assert parts.score == D("3.60")
        assert parts["customer_service"] is parts[ts.TaobaoDimension.CUSTOMER_SERVICE]

    def test_ties_in_loss_keep_the_scheme_order(self):
        order = [
            part.dimension.value for part in ts.breakdown(self.SCORES, self.WOMENSWEAR).by_loss()
        ]
        assert order == [
            "logistics",
            "description",
            "transaction_security",
            "customer_service",
            "after_sales",
        ]

    def test_a_tmall_dimension_is_not_a_taobao_one(self):
        with pytest.raises(ts.UnknownDimensionError):
            ts.breakdown(self.SCORES, self.WOMENSWEAR)[ts.Dimension.DISPUTE]


class TestErrorsAreComposites:
    @pytest.mark.parametrize(
        ("scores", "profile", "policy"),
        [
            (NO_CONSULTATION, APPAREL, POLICY.REFUSE),
            (ts.DimensionScores(), APPAREL, POLICY.RENORMALISE),
            (ts.DimensionScores(), APPAREL, POLICY.REFUSE),
            (TestTaobao.SCORES, APPAREL, POLICY.REFUSE),
            (SEED, TestTaobao.WOMENSWEAR, POLICY.REFUSE),
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
