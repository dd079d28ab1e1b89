"""Dimensions, dimension scores and weight profiles: their values, checks and messages."""

from __future__ import annotations

import enum
import inspect
from decimal import Decimal

import pytest

import tmall_service as ts
from contract_values import SEED_WEIGHTS, D, P
from tmall_service._values.declaring import Marker

SCORES = ts.DimensionScores(product=4, logistics=4, after_sales=4, dispute=4, consultation=4)


class TestDimension:
    def test_five_members_in_order(self):
        assert [d.name for d in ts.Dimension] == [
            "PRODUCT",
            "LOGISTICS",
            "AFTER_SALES",
            "DISPUTE",
            "CONSULTATION",
        ]

    def test_is_an_enum(self):
        assert issubclass(ts.Dimension, enum.Enum)

    @pytest.mark.parametrize(
        ("member", "value", "label"),
        [
            pytest.param(P.PRODUCT, "product", "商品体验", id="product"),
            pytest.param(P.LOGISTICS, "logistics", "物流体验", id="logistics"),
            pytest.param(P.AFTER_SALES, "after_sales", "售后体验", id="after_sales"),
            pytest.param(P.DISPUTE, "dispute", "纠纷体验", id="dispute"),
            pytest.param(P.CONSULTATION, "consultation", "咨询体验", id="consultation"),
        ],
    )
    def test_value_and_chinese_label(self, member, value, label):
        assert member.value == value
        assert member.label_zh == label
        assert ts.Dimension(value) is member


class TestDimensionScores:
    def test_indexing_by_dimension(self):
        scores = ts.DimensionScores(
            product=1, logistics="2", after_sales=D("3"), dispute=4.5, consultation=0
        )
        assert scores[P.PRODUCT] == D(1)
        assert scores[P.LOGISTICS] == D(2)
        assert scores[P.AFTER_SALES] == D(3)
        assert scores[P.DISPUTE] == D("4.5")
        assert scores[P.CONSULTATION] == D(0)
        assert all(isinstance(scores[d], Decimal) for d in ts.Dimension)

    def test_missing_dimension_is_none(self):
        scores = ts.DimensionScores(product=4)
        assert scores[P.PRODUCT] == D(4)
        for dimension in [P.LOGISTICS, P.AFTER_SALES, P.DISPUTE, P.CONSULTATION]:
            assert scores[dimension] is None

    def test_all_default_to_none(self):
        scores = ts.DimensionScores()
        assert [scores[d] for d in ts.Dimension] == [None] * 5

    @pytest.mark.parametrize(
        "value",
        [
            pytest.param(0, id="int-0"),
            pytest.param(5, id="int-5"),
            pytest.param("5.00", id="str-5.00"),
            pytest.param(D("0.00"), id="decimal-0.00"),
            pytest.param(5.0, id="float-5.0"),
        ],
    )
    def test_range_ends_are_inclusive(self, value):
        assert ts.DimensionScores(product=value)[P.PRODUCT] == D(value)

    @pytest.mark.parametrize(
        "value",
        [
            pytest.param(-1, id="int-minus-1"),
            pytest.param("5.01", id="str-5.01"),
            pytest.param(D("-0.01"), id="decimal-minus-0.01"),
            pytest.param(5.1, id="float-5.1"),
            pytest.param("four", id="non-numeric"),
        ],
    )
    def test_out_of_range_or_non_numeric_is_invalid(self, value):
        with pytest.raises(ts.InvalidScoreError):
            ts.DimensionScores(logistics=value)

    def test_float_taken_by_shortest_repr(self):
        score = ts.DimensionScores(product=4.3)[P.PRODUCT]
        assert score == D("4.3")
        assert str(score) == "4.3"

    def test_float_0_1_is_exactly_one_tenth(self):
        # Decimal(0.1) would be 0.1000000000000000055511151231257827...
        assert ts.DimensionScores(dispute=0.1)[P.DISPUTE] == D("0.1")

    def test_immutable(self):
        scores = ts.DimensionScores(product=4)
        with pytest.raises(AttributeError):
            scores.product = D(3)  # type: ignore[misc]
        assert scores[P.PRODUCT] == D(4)

    def test_equal_by_value_whatever_the_input_type(self):
        a = ts.DimensionScores(product=4.3, dispute=1)
        b = ts.DimensionScores(product="4.3", dispute=D(1))
        c = ts.DimensionScores(product=D("4.3"), dispute="1")
        assert a == b == c
        assert hash(a) == hash(b) == hash(c)
        assert len({a, b, c}) == 1

    def test_different_values_are_unequal(self):
        assert ts.DimensionScores(product=4) != ts.DimensionScores(product=3)
        assert ts.DimensionScores(product=4) != ts.DimensionScores(logistics=4)
        assert ts.DimensionScores(product=0) != ts.DimensionScores()

    def test_usable_as_dict_key(self):
        table = {ts.DimensionScores(product=4): "a"}
        assert table[ts.DimensionScores(product="4")] == "a"


class TestWeightProfile:
    def test_indexing_returns_decimals(self):
        assert SEED_WEIGHTS[P.PRODUCT] == D("0.2")
        assert SEED_WEIGHTS[P.LOGISTICS] == D("0.3")
        assert SEED_WEIGHTS[P.AFTER_SALES] == D("0.2")
        assert SEED_WEIGHTS[P.DISPUTE] == D("0.2")
        assert SEED_WEIGHTS[P.CONSULTATION] == D("0.1")
        assert all(isinstance(SEED_WEIGHTS[d], Decimal) for d in ts.Dimension)

    def test_floats_sum_exactly_by_their_shortest_repr(self):
        # As binary floats 0.2+0.3+0.2+0.2+0.1 is not exactly 1; as decimals it is.
        profile = ts.WeightProfile(
            product=0.2, logistics=0.3, after_sales=0.2, dispute=0.2, consultation=0.1
        )
        assert profile == SEED_WEIGHTS
        assert profile[P.LOGISTICS] == D("0.3")

    @pytest.mark.parametrize(
        "weights",
        [
            pytest.param((1, 0, 0, 0, 0), id="all-on-one"),
            pytest.param(("0.25", "0.25", "0.25", "0.25", "0"), id="quarters"),
            pytest.param(("0.05", "0.15", "0.35", "0.4", "0.05"), id="two-places"),
        ],
    )
    def test_valid_profiles(self, weights):
        names = [d.value for d in ts.Dimension]
        profile = ts.WeightProfile(**dict(zip(names, weights, strict=True)))
        assert [profile[d] for d in ts.Dimension] == [D(w) for w in weights]

    @pytest.mark.parametrize(
        "weights",
        [
            pytest.param(("0.2", "0.3", "0.2", "0.2", "0.2"), id="sum-1.1"),
            pytest.param(("0.2", "0.3", "0.2", "0.2", "0.0999999999"), id="sum-just-under"),
            pytest.param(("0.2", "0.3", "0.2", "0.2", "0.1000000001"), id="sum-just-over"),
            pytest.param(("1.1", "-0.1", "0", "0", "0"), id="out-of-range-sum-1"),
            pytest.param(("0.2", "0.3", "0.2", "0.2", "x"), id="non-numeric"),
        ],
    )
    def test_invalid_profiles(self, weights):
        names = [d.value for d in ts.Dimension]
        with pytest.raises(ts.InvalidWeightsError):
            ts.WeightProfile(**dict(zip(names, weights, strict=True)))

    def test_all_five_required(self):
        with pytest.raises(ts.InvalidWeightsError):
            ts.WeightProfile(  # type: ignore[call-arg]
                product="0.2", logistics="0.3", after_sales="0.3", dispute="0.2"
            )

    def test_equal_by_value(self):
        other = ts.WeightProfile(
            product=D("0.20"),
            logistics="0.3",
            after_sales=0.2,
            dispute="0.2",
            consultation="0.1",
        )
        assert other == SEED_WEIGHTS
        assert hash(other) == hash(SEED_WEIGHTS)


def test_an_unknown_dimension_is_refused_listing_the_valid_ones():
    message = (
        r"^dimension: 'price' is not a dimension; "
        r"expected one of product, logistics, after_sales, dispute, consultation$"
    )
    with pytest.raises(ts.UnknownDimensionError, match=message):
        SCORES["price"]  # type: ignore[index]


def test_a_marker_shows_by_its_name():
    assert repr(Marker("FROM_SCORE")) == "FROM_SCORE"
    assert "= REQUIRED" in str(inspect.signature(ts.WeightProfile))


def test_weights_that_do_not_sum_to_1_are_shown_each():
    message = (
        "weights sum to 1.1, not exactly 1 "
        "(product=0.2, logistics=0.3, after_sales=0.2, dispute=0.2, consultation=0.2)"
    )
    with pytest.raises(ts.InvalidWeightsError) as caught:
        ts.WeightProfile(
            product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.2"
        )
    assert str(caught.value) == message


def test_a_weight_above_1_is_refused_on_its_own():
    with pytest.raises(ts.InvalidWeightsError, match=r"^product: '1\.5' is outside \[0, 1\]$"):
        ts.WeightProfile(product="1.5", logistics="-0.5", after_sales=0, dispute=0, consultation=0)


@pytest.mark.parametrize(
    "value",
    ["1E-28", "0." + "0" * 27 + "1", "1." + "0" * 40, "0E-50", "4.1000000000000000000000000000000"],
)
def test_28_places_or_trailing_zeros_are_a_score(value):
    assert ts.DimensionScores(product=value).product == Decimal(value)


@pytest.mark.parametrize("value", ["1E-29", "0." + "0" * 28 + "1", "1." + "0" * 40 + "1"])
def test_more_than_28_places_are_refused(value):
    with pytest.raises(ts.InvalidScoreError, match="more than 28 decimal places"):
        ts.DimensionScores(product=value)


def test_missing_weights_show_as_required_in_the_signature():
    signature = inspect.signature(ts.WeightProfile)
    assert repr(signature.parameters["product"].default) == "REQUIRED"
