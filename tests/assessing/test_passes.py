"""passes: an assessment against a threshold."""

from __future__ import annotations

import pytest

import tmall_service as ts
from contract_values import (
    APPAREL,
    JULY,
    SEED_SCORES,
    D,
    _assessment,
    _excluded,
    _exemption,
    _rules,
)


class TestPasses:
    @pytest.mark.parametrize(
        "threshold",
        [0, "3.5", D("4.2"), 4.5, 5],
        ids=["0", "3.5", "4.2", "4.5-float", "5"],
    )
    @pytest.mark.parametrize(
        "make",
        [
            pytest.param(_excluded, id="excluded"),
            pytest.param(
                lambda: ts.assess(
                    SEED_SCORES,
                    category=APPAREL,
                    period=JULY,
                    rules=_rules(exemptions=(_exemption(),)),
                ),
                id="exempt",
            ),
            pytest.param(
                lambda: ts.assess(
                    ts.DimensionScores(), category=APPAREL, period=JULY, rules=_rules()
                ),
                id="no-data",
            ),
        ],
    )
    def test_not_assessed_passes_any_threshold(self, make, threshold):
        assessment = make()
        assert assessment.score == D(99)
        assert ts.passes(assessment, threshold) is True

    @pytest.mark.parametrize(
        ("score", "threshold", "expected"),
        [
            pytest.param("3.5", "3.5", True, id="at"),
            pytest.param("3.51", "3.5", True, id="just-above"),
            pytest.param("3.49", "3.5", False, id="just-below"),
            pytest.param("3.5", 3.5, True, id="at-float-threshold"),
            pytest.param("3.5", D("3.50"), True, id="at-decimal-threshold"),
            pytest.param("4", 4, True, id="at-int-threshold"),
            pytest.param("3.99", 4, False, id="below-int-threshold"),
            pytest.param("0", 0, True, id="zero-at-zero"),
            pytest.param("5", 5, True, id="five-at-five"),
            pytest.param("4.99", 5, False, id="just-below-five"),
        ],
    )
    def test_scored_passes_at_or_above(self, score, threshold, expected):
        assessment = _assessment(score)
        assert assessment.status is ts.Status.SCORED
        assert ts.passes(assessment, threshold) is expected

    def test_seed_example_against_clearance_figure(self):
        result = ts.assess(SEED_SCORES, category=APPAREL, period=JULY, rules=_rules())
        assert ts.passes(result, "3.5") is False
        assert ts.passes(result, "3.3") is True
