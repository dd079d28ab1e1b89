"""An Assessment's facts agree with each other; functions take assessments only."""

import datetime as dt
from decimal import Decimal

import pytest

import tmall_service as ts

APPAREL = ts.WeightProfile(
    product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
)


FLOOD = ts.Exemption(start=dt.date(2024, 7, 1), end=dt.date(2024, 7, 2), reason="flood")


JULY = ts.AssessmentPeriod.month(2024, 7)


class TestAssessmentConsistency:
    def make(self, **changes):
        arguments = {
            "scores": ts.DimensionScores(product=4),
            "category": "服饰",
            "period": JULY,
            "status": ts.Status.SCORED,
            "score": "4.00",
            **changes,
        }
        return ts.Assessment(**arguments)

    def test_a_consistent_assessment_is_accepted(self):
        assert self.make().score == Decimal("4.00")

    @pytest.mark.parametrize(
        ("changes", "error", "pattern"),
        [
            ({"score": 99}, ts.InvalidScoreError, r"score: 99 is outside"),
            ({"status": ts.Status.NO_DATA}, ts.InvalidScoreError, r"must be 99 for status"),
            ({"status": "scored"}, ts.RuleBookError, r"status: 'scored' is not a Status"),
            ({"exemption": FLOOD}, ts.RuleBookError, r"does not fit status 'scored'"),
            (
                {"status": ts.Status.EXEMPT, "score": 99},
                ts.RuleBookError,
                r"exemption: None does not fit status 'exempt'",
            ),
            ({"exemption": "flood"}, ts.RuleBookError, r"exemption: 'flood' is not an Exemption"),
            ({"region": 3}, ts.RuleBookError, r"region: 3 is not a str"),
            ({"category": None}, ts.RuleBookError, r"category: None is not a str"),
            ({"scores": {}}, ts.InvalidScoreError, r"scores: \{\} is not a DimensionScores"),
            ({"period": "2024-13"}, ts.InvalidPeriodError, r"period: '2024-13' is not a period"),
        ],
    )
    def test_inconsistent_facts_are_refused(self, changes, error, pattern):
        with pytest.raises(error, match=pattern):
            self.make(**changes)

    def test_functions_refuse_things_that_are_not_assessments(self):
        with pytest.raises(ts.RuleBookError, match=r"assessment: 3\.5 is not an Assessment"):
            ts.passes(3.5, 3)  # type: ignore[arg-type]
        with pytest.raises(ts.RuleBookError, match="assessments: 'x' is not an Assessment"):
            ts.consecutive_failures(["x"], 3)  # type: ignore[list-item]

    def test_assess_refuses_a_bad_rule_book_or_period(self):
        with pytest.raises(ts.RuleBookError, match=r"rules: .* is not a RuleBook"):
            ts.assess(ts.DimensionScores(), category="服饰", period=JULY, rules={})  # type: ignore[arg-type]
        book = ts.RuleBook(profiles={"服饰": APPAREL})
        with pytest.raises(ts.InvalidPeriodError, match="period: 7 is not an AssessmentPeriod"):
            ts.assess(ts.DimensionScores(), category="服饰", period=7, rules=book)  # type: ignore[arg-type]
