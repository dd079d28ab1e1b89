"""passes: an assessment against a threshold."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

import tmall_service as ts

APPAREL = "服饰"


D = Decimal


JULY = ts.AssessmentPeriod.month(2024, 7)


# The seed example: product 5, consultation 4, logistics 3, after-sales 4,
# dispute 1; weights 0.2, 0.1, 0.3, 0.2, 0.2.
SEED_SCORES = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)


# All the weight on product.
SOLO_WEIGHTS = ts.WeightProfile(product=1, logistics=0, after_sales=0, dispute=0, consultation=0)


DIGITAL = "数码"  # a category the books here name as not assessed


SEED_WEIGHTS = ts.WeightProfile(
    product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
)


def _rules(
    profile: ts.WeightProfile = SEED_WEIGHTS,
    *,
    exemptions: tuple[ts.Exemption, ...] = (),
    missing_data: ts.MissingDataPolicy = ts.MissingDataPolicy.RENORMALISE,
) -> ts.RuleBook:
    return ts.RuleBook(
        profiles={APPAREL: profile},
        excluded_categories={DIGITAL},
        exemptions=exemptions,
        missing_data=missing_data,
    )


def _assessment(product, period=JULY, category=APPAREL):
    # Consultation carries no weight; its data makes a product 0 a real score.
    return ts.assess(
        ts.DimensionScores(product=product, consultation=5),
        category=category,
        period=period,
        rules=_rules(SOLO_WEIGHTS),
    )


def _excluded(period=JULY):
    return _assessment(4, period, category=DIGITAL)


def _exemption(
    start: date = date(2024, 7, 10),
    end: date = date(2024, 7, 20),
    *,
    reason: str = "特大灾害",
    categories: object = None,
    regions: object = None,
) -> ts.Exemption:
    return ts.Exemption(start=start, end=end, reason=reason, categories=categories, regions=regions)


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
