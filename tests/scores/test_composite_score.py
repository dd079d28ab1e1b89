"""The composite score: weighted, rounded half up, and when there is no data to score."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

import tmall_service as ts
from contract_values import HALF_WEIGHTS, SEED_WEIGHTS, D
from tmall_service._rules.scoring import has_no_data
from tmall_service._values.numbers import round_half_up

RULES = ts.example_rulebook()


class TestCompositeScore:
    @pytest.mark.parametrize(
        ("scores", "weights"),
        [
            pytest.param(
                {"product": 5, "logistics": 3, "after_sales": 4},
                {"product": "0.2", "logistics": "0.3", "after_sales": "0.2"},
                id="int-scores-str-weights",
            ),
            pytest.param(
                {"product": "5", "logistics": "3", "after_sales": "4.0"},
                {"product": "0.2", "logistics": "0.30", "after_sales": "0.2"},
                id="strs",
            ),
            pytest.param(
                {"product": D(5), "logistics": D("3"), "after_sales": D("4")},
                {"product": D("0.2"), "logistics": D("0.3"), "after_sales": D("0.2")},
                id="decimals",
            ),
            pytest.param(
                {"product": 5.0, "logistics": 3.0, "after_sales": 4.0},
                {"product": 0.2, "logistics": 0.3, "after_sales": 0.2},
                id="floats",
            ),
        ],
    )
    def test_seed_example_is_3_30(self, scores, weights):
        # 5×0.2 + 4×0.1 + 3×0.3 + 4×0.2 + 1×0.2 = 1 + 0.4 + 0.9 + 0.8 + 0.2 = 3.3
        s = ts.DimensionScores(dispute=1, consultation=4, **scores)
        w = ts.WeightProfile(dispute="0.2", consultation="0.1", **weights)
        result = ts.composite_score(s, w)
        assert isinstance(result, Decimal)
        assert result == D("3.30")
        assert str(result) == "3.30"

    @pytest.mark.parametrize(
        ("product", "logistics", "expected"),
        [
            # 0.5×3.01 + 0.5×3.00 = 3.005 → 3.01 (half-even would give 3.00)
            pytest.param("3.01", "3.00", "3.01", id="3.005-up"),
            # 0.5×0.01 + 0.5×2 = 1.005 → 1.01 (a float sum would give 1.00)
            pytest.param("0.01", "2", "1.01", id="1.005-up"),
            # 0.5×4.99 + 0.5×4.98 = 4.985 → 4.99 (half-even would give 4.98)
            pytest.param("4.99", "4.98", "4.99", id="4.985-up"),
            # 0.5×3.02 + 0.5×3 = 3.01 exactly
            pytest.param("3.02", "3", "3.01", id="exact"),
            # 0.5×0.03 + 0.5×0 = 0.015 → 0.02
            pytest.param("0.03", "0", "0.02", id="0.015-up"),
        ],
    )
    def test_round_half_up_at_second_place(self, product, logistics, expected):
        scores = ts.DimensionScores(product=product, logistics=logistics)
        result = ts.composite_score(scores, HALF_WEIGHTS)
        assert result == D(expected)
        assert str(result) == expected

    def test_weighted_dimension_without_score_raises(self):
        scores = ts.DimensionScores(product=5, logistics=3, dispute=1, consultation=4)
        with pytest.raises(ts.MissingDataError):
            ts.composite_score(scores, SEED_WEIGHTS)

    def test_no_scores_at_all_raises(self):
        with pytest.raises(ts.MissingDataError):
            ts.composite_score(ts.DimensionScores(), SEED_WEIGHTS)

    def test_zero_weight_dimension_may_be_none(self):
        # 0.5×4 + 0.5×3 = 3.5
        scores = ts.DimensionScores(product=4, logistics=3)
        assert ts.composite_score(scores, HALF_WEIGHTS) == D("3.50")

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            pytest.param(5, "5.00", id="all-5"),
            pytest.param(0, "0.00", id="all-0"),
        ],
    )
    def test_result_within_0_and_5(self, value, expected):
        scores = ts.DimensionScores(
            product=value,
            logistics=value,
            after_sales=value,
            dispute=value,
            consultation=value,
        )
        result = ts.composite_score(scores, SEED_WEIGHTS)
        assert str(result) == expected

    def test_not_assessed_score_is_99(self):
        assert D("99") == ts.NOT_ASSESSED_SCORE
        assert isinstance(ts.NOT_ASSESSED_SCORE, Decimal)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        (ts.DimensionScores(), True),
        (ts.DimensionScores(product=0, consultation=0), True),
        (ts.DimensionScores(consultation=4), True),  # weight 0 there: nothing weighted
        (ts.DimensionScores(product=0, consultation=4), False),
        (ts.DimensionScores(product="0.01"), False),
    ],
)
def test_has_no_data_looks_at_every_dimension_and_at_the_weighted_ones(scores, expected):
    product_only = ts.WeightProfile(
        product=1, logistics=0, after_sales=0, dispute=0, consultation=0
    )
    assert has_no_data(scores, product_only) is expected


def test_has_no_data_refuses_scores_of_the_other_scheme():
    with pytest.raises(ts.TmallServiceError):
        has_no_data(ts.TaobaoScores(description=4), RULES.profiles["服饰"])


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("0.12345"), 4, "0.1235"),
        (Decimal("0.12344"), 4, "0.1234"),
        (Decimal("2.5"), 0, "3"),
        (Decimal("3.305"), 2, "3.31"),
        (Decimal("3.3"), 3, "3.300"),
        (Fraction(1, 8), 2, "0.13"),
        (Fraction(1, 8), 3, "0.125"),
    ],
)
def test_rounding_half_up_to_any_number_of_places(value, places, expected):
    assert str(round_half_up(value, places)) == expected


def test_round_half_up_of_a_fraction_is_exact():
    assert round_half_up(Fraction(1, 200)) == Decimal("0.01")
    assert round_half_up(Fraction(1, 201)) == Decimal("0.00")
    with pytest.raises(ValueError, match="negative"):
        round_half_up(Fraction(-1, 3))
