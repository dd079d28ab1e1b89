"""Star levels from a composite score."""

from __future__ import annotations

from decimal import Decimal

import pytest

import tmall_service as ts
from contract_values import D


class TestStarRating:
    @pytest.mark.parametrize(
        ("score", "expected"),
        [
            pytest.param(0, None, id="0"),
            pytest.param("2.99", None, id="2.99"),
            pytest.param(3, "3", id="3"),
            pytest.param("3.49", "3", id="3.49"),
            pytest.param("3.5", "3.5", id="3.5"),
            pytest.param("3.99", "3.5", id="3.99"),
            pytest.param(4, "4", id="4"),
            pytest.param("4.49", "4", id="4.49"),
            pytest.param(D("4.50"), "4.5", id="4.50"),
            pytest.param("4.99", "4.5", id="4.99"),
            pytest.param(5, "5", id="5"),
            pytest.param(4.3, "4", id="float-4.3"),
            pytest.param(D("3.30"), "3", id="seed-3.30"),
        ],
    )
    def test_levels(self, score, expected):
        result = ts.star_rating(score)
        if expected is None:
            assert result is None
        else:
            assert isinstance(result, Decimal)
            assert result == D(expected)

    @pytest.mark.parametrize(
        "score",
        [99, D("99"), "-0.01", -1, "5.01", 5.01],
        ids=["99", "decimal-99", "-0.01", "-1", "5.01", "float-5.01"],
    )
    def test_outside_0_to_5(self, score):
        with pytest.raises(ts.InvalidScoreError):
            ts.star_rating(score)

    def test_not_assessed_score_has_no_stars(self):
        with pytest.raises(ts.InvalidScoreError):
            ts.star_rating(ts.NOT_ASSESSED_SCORE)


def test_a_score_outside_the_scores_has_no_star_level():
    with pytest.raises(ts.InvalidScoreError, match=r"^score: 99 is outside \[0, 5\]$"):
        ts.star_rating(99)
