"""The errors: each leaf is a TmallServiceError and a ValueError, caught as either."""

from __future__ import annotations

import pytest

import tmall_service as ts
from contract_values import SEED_WEIGHTS, _exemption


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
