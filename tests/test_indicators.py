"""Indicators, their readings, and the scales from readings to dimension scores."""

import json
from decimal import Decimal
from fractions import Fraction

import pytest

import tmall_service as ts

D = Decimal
IND = ts.Indicator
P = ts.ScalePoint
LINEAR = ts.ScaleKind.LINEAR
LOWER = ts.Direction.LOWER_IS_BETTER


def scale(kind, *points, weight=1):
    return ts.IndicatorScale(
        kind=kind, points=[P(value=v, score=s) for v, s in points], weight=weight
    )


class TestLinearScales:
    def test_interpolation_is_exact_however_far_apart_the_points(self):
        # Decimal arithmetic would round 1e20 − 1e-10 to 28 digits.
        wide = scale(LINEAR, ("1e-10", 5), ("1e20", 0))
        low, high = Fraction(D("1e-10")), Fraction(10**20)
        expected = 5 - 5 * (1 - low) / (high - low)
        assert wide.exact(D(1), LOWER) == expected

    def test_a_point_with_a_huge_exponent_does_not_overflow(self):
        # Decimal's default context overflows past 1e999999.
        huge = scale(LINEAR, (0, 5), ("1e1000000", 0))
        assert huge.exact(D(1), LOWER) == 5 - Fraction(5, 10**1000000)
        assert huge.score(1, IND.RESPONSE_TIME) == D("5.00")


class TestMessages:
    @pytest.mark.parametrize(
        ("readings", "message"),
        [
            ({"response_time": -1}, r"response_time: -1 is outside \[0, ∞\)"),
            ({"pickup_24h": "100.01"}, r"pickup_24h: '100.01' is outside \[0, 100\]"),
        ],
    )
    def test_an_open_range_reads_as_infinity(self, readings, message):
        with pytest.raises(ts.InvalidScoreError, match=message):
            ts.IndicatorValues(**readings)

    def test_a_scale_point_out_of_a_closed_range_shows_it_closed(self):
        with pytest.raises(
            ts.RuleBookError, match=r"points\[0\].value: 101 is outside \[0, 100\]$"
        ):
            ts.IndicatorScales(default={IND.PICKUP_24H: scale(LINEAR, (101, 5), (102, 5))})

    def test_an_unknown_indicator_in_a_file_reads_as_english(self):
        data = ts.converter.unstructure(ts.example_rulebook())
        data["indicator_scales"]["default"]["price"] = data["indicator_scales"]["default"]["dsr"]
        with pytest.raises(ts.RuleBookError, match="'price' is not an Indicator; expected"):
            ts.converter.structure(json.loads(json.dumps(data)), ts.RuleBook)
