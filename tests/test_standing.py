"""Standards per purpose, and a shop's standing over its history."""

import datetime as dt
from decimal import Decimal

import attrs
import pytest

import tmall_service as ts

D = dt.date
APPAREL = ts.WeightProfile(
    product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
)
RULES = ts.RuleBook(
    profiles={"服饰": APPAREL, "美妆": APPAREL},
    thresholds={ts.Purpose.MARKETING_ACCESS: "4.0", ts.Purpose.MERCHANT_ASSESSMENT: "3.5"},
    category_thresholds={"美妆": {ts.Purpose.MARKETING_ACCESS: "4.5"}},
    clearance_after={ts.Purpose.MERCHANT_ASSESSMENT: 3},
)


def uniform(score):
    return ts.DimensionScores(
        product=score, logistics=score, after_sales=score, dispute=score, consultation=score
    )


def month(m, score, category="服饰", rules=RULES, year=2024):
    scores = ts.DimensionScores() if score is None else uniform(score)
    return ts.assess(
        scores, category=category, period=ts.AssessmentPeriod.month(year, m), rules=rules
    )


class TestStandards:
    def test_each_purpose_with_a_standard_is_judged(self):
        verdicts = ts.standards(month(1, "3.8"), RULES)
        assert verdicts == {
            ts.Purpose.MARKETING_ACCESS: False,
            ts.Purpose.MERCHANT_ASSESSMENT: True,
        }

    def test_a_category_override_replaces_the_general_standard(self):
        assert ts.standards(month(1, "4.2", "美妆"), RULES)[ts.Purpose.MARKETING_ACCESS] is False
        assert ts.standards(month(1, "4.2", "服饰"), RULES)[ts.Purpose.MARKETING_ACCESS] is True
        assert RULES.threshold(ts.Purpose.MERCHANT_ASSESSMENT, "美妆") == Decimal("3.5")
        assert RULES.threshold(ts.Purpose.ANNUAL_FEE_REFUND) is None

    def test_a_shop_not_assessed_passes_every_standard(self):
        assert all(ts.standards(month(1, None), RULES).values())


class TestStanding:
    def test_six_months_ending_in_three_failures_is_clearance(self):
        history = [month(m, s) for m, s in enumerate(["4.2", "3.9", "4.1", "3.4", "3.2", "3.0"], 1)]
        standing = ts.standing(history, RULES)
        merchant = standing[ts.Purpose.MERCHANT_ASSESSMENT]
        assert merchant.verdict is ts.Verdict.CLEARANCE
        assert merchant.failures == 3
        assert merchant.limit == 3
        assert merchant.periods == tuple(ts.AssessmentPeriod.month(2024, m) for m in (4, 5, 6))
        marketing = standing[ts.Purpose.MARKETING_ACCESS]
        assert marketing.verdict is ts.Verdict.AT_RISK  # no clearance limit for this purpose
        assert marketing.failures == 3
        assert marketing.limit is None
        assert standing.latest == ts.AssessmentPeriod.month(2024, 6)
        assert standing.gaps == ()

    def test_a_gap_is_reported_and_stops_the_run(self):
        history = [month(m, "3.0") for m in (1, 2, 4, 5)]  # March is missing
        standing = ts.standing(history, RULES)
        assert standing.gaps == (ts.AssessmentPeriod.month(2024, 3),)
        merchant = standing[ts.Purpose.MERCHANT_ASSESSMENT]
        assert merchant.failures == 2
        assert merchant.verdict is ts.Verdict.AT_RISK

    def test_a_passing_latest_period_is_good_standing(self):
        history = [month(1, "3.0"), month(2, "3.0"), month(3, "4.5")]
        merchant = ts.standing(history, RULES)[ts.Purpose.MERCHANT_ASSESSMENT]
        assert merchant.verdict is ts.Verdict.GOOD
        assert merchant.failures == 0
        assert merchant.periods == ()

    def test_a_not_assessed_period_ends_the_run(self):
        history = [month(1, "3.0"), month(2, None), month(3, "3.0")]
        assert ts.standing(history, RULES)[ts.Purpose.MERCHANT_ASSESSMENT].failures == 1

    def test_an_empty_history_stands_well(self):
        standing = ts.standing([], RULES)
        assert standing.latest is None
        assert standing[ts.Purpose.MERCHANT_ASSESSMENT].verdict is ts.Verdict.GOOD

    def test_a_purpose_without_a_standard_is_absent(self):
        standing = ts.standing([month(1, "3.0")], RULES)
        assert set(standing.purposes) == {
            ts.Purpose.MARKETING_ACCESS,
            ts.Purpose.MERCHANT_ASSESSMENT,
        }
        with pytest.raises(ts.RuleBookError, match="annual_fee_refund"):
            standing[ts.Purpose.ANNUAL_FEE_REFUND]

    def test_each_period_is_judged_by_its_own_edition(self):
        strict = attrs.evolve(
            RULES,
            name="2024",
            effective_from=D(2024, 1, 1),
            thresholds={ts.Purpose.MERCHANT_ASSESSMENT: "4.0"},
            clearance_after={ts.Purpose.MERCHANT_ASSESSMENT: 2},
        )
        lenient = attrs.evolve(
            RULES, name="2023", effective_from=D(2023, 1, 1), effective_to=D(2023, 12, 31)
        )
        editions = ts.Editions([lenient, strict])
        # 3.8 passes 2023's 3.5 but fails 2024's 4.0.
        history = [month(12, "3.8", year=2023), month(1, "3.8"), month(2, "3.8")]
        merchant = ts.standing(history, editions)[ts.Purpose.MERCHANT_ASSESSMENT]
        assert merchant.failures == 2
        assert merchant.limit == 2
        assert merchant.verdict is ts.Verdict.CLEARANCE

    def test_rules_of_the_wrong_type_are_refused(self):
        with pytest.raises(ts.RuleBookError, match="rules: 'x' is not a RuleBook or Editions"):
            ts.standing([month(1, "3.0")], "x")  # type: ignore[arg-type]
