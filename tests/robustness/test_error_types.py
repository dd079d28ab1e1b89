"""The errors: each leaf is a TmallServiceError and a ValueError, caught as either."""

from __future__ import annotations

from datetime import date

import pytest

import tmall_service as ts

SEED_WEIGHTS = ts.WeightProfile(
    product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
)


def _exemption(
    start: date = date(2024, 7, 10),
    end: date = date(2024, 7, 20),
    *,
    reason: str = "特大灾害",
    categories: object = None,
    regions: object = None,
) -> ts.Exemption:
    return ts.Exemption(start=start, end=end, reason=reason, categories=categories, regions=regions)


class TestErrors:
    @pytest.mark.parametrize(
        "leaf",
        [
            ts.InvalidScoreError,
            ts.InvalidWeightsError,
            ts.InvalidPeriodError,
            ts.MissingDataError,
            ts.RuleBookError,
        ],
        ids=lambda leaf: leaf.__name__,
    )
    def test_leaf_is_base_and_value_error(self, leaf):
        assert issubclass(leaf, ts.TmallServiceError)
        assert issubclass(leaf, ValueError)

    def test_base_is_an_exception(self):
        assert issubclass(ts.TmallServiceError, Exception)

    @pytest.mark.parametrize(
        "call",
        [
            pytest.param(lambda: ts.DimensionScores(product="x"), id="score"),
            pytest.param(lambda: ts.AssessmentPeriod.month(2024, 13), id="month"),
            pytest.param(
                lambda: ts.composite_score(ts.DimensionScores(), SEED_WEIGHTS),
                id="missing",
            ),
            pytest.param(lambda: _exemption(categories="服饰"), id="bare-string"),
        ],
    )
    def test_caught_as_base_and_value_error(self, call):
        with pytest.raises(ts.TmallServiceError):
            call()
        with pytest.raises(ValueError):  # noqa: PT011 - the base class is the point
            call()
