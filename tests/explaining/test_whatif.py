"""what_if: a shop assessed again with other scores or indicator readings."""

import datetime as dt
from decimal import Decimal

import pytest

import tmall_service as ts

D = Decimal
RULES = ts.example_rulebook()
JULY = ts.AssessmentPeriod.month(2024, 7)
SEED = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)
LOGISTICS, DISPUTE = ts.Dimension.LOGISTICS, ts.Dimension.DISPUTE


def assess(scores=SEED, **facts):
    return ts.assess(scores, category="服饰", period=JULY, rules=RULES, **facts)


class TestScores:
    def test_the_difference_of_two_scores(self):
        change = ts.what_if(assess(), rules=RULES, scores={"logistics": 4})
        # 3.30 + 1 × 0.3
        assert (change.before.score, change.after.score) == (D("3.30"), D("3.60"))
        assert change.difference == D("0.30")
        assert change.changes == {LOGISTICS: (D(3), D(4))}
        assert change.status_changed is False
        assert change.before == assess()

    def test_a_score_may_fall(self):
        change = ts.what_if(assess(), rules=RULES, scores={ts.Dimension.PRODUCT: "4.5"})
        assert change.difference == D("-0.10")  # 0.5 × 0.2 less

    def test_several_changes_and_a_cleared_score(self):
        change = ts.what_if(assess(), rules=RULES, scores={DISPUTE: 3, "logistics": None})
        # Logistics left out, the rest rescaled: (1.0 + 0.8 + 0.6 + 0.4) / 0.7 = 4.
        assert change.after.score == D("4.00")
        assert change.difference == D("0.70")
        assert change.changes == {LOGISTICS: (D(3), None), DISPUTE: (D(1), D(3))}

    def test_no_change_is_a_difference_of_zero(self):
        change = ts.what_if(assess(), rules=RULES)
        assert change.difference == 0
        assert change.changes == {}
        assert change.after == change.before

    def test_the_same_score_again_is_no_change(self):
        change = ts.what_if(assess(), rules=RULES, scores={"logistics": "3.0"})
        assert change.changes == {}
        assert change.difference == 0

    def test_bonuses_are_kept(self):
        change = ts.what_if(
            assess(bonuses=["special_service"]), rules=RULES, scores={"logistics": 4}
        )
        assert (change.before.score, change.after.score) == (D("3.55"), D("3.85"))
        assert change.after.bonuses == frozenset({"special_service"})
        assert change.after.bonus == D("0.25")
        assert change.difference == D("0.30")

    def test_the_star_level_follows(self):
        change = ts.what_if(assess(), rules=RULES, scores={"dispute": 5})
        assert change.after.score == D("4.10")  # 3.30 + 4 × 0.2
        assert (change.before.stars, change.after.stars) == (D(3), D(4))


class TestStatus:
    def test_no_data_to_scored(self):
        change = ts.what_if(assess(ts.DimensionScores()), rules=RULES, scores={"product": 4})
        assert change.before.status is ts.Status.NO_DATA
        assert change.after.status is ts.Status.SCORED
        assert change.after.score == D("4.00")  # the only dimension with data
        assert change.status_changed is True
        assert change.difference is None  # 99 is not a score

    def test_scored_to_no_data(self):
        change = ts.what_if(
            assess(ts.DimensionScores(product=4, logistics=0)), rules=RULES, scores={"product": 0}
        )
        assert change.before.score == D("1.60")  # 4 × 0.2 + 0 × 0.3, over 0.5
        assert change.after.status is ts.Status.NO_DATA
        assert change.after.score == 99
        assert change.status_changed is True
        assert change.difference is None

    def test_exempt_stays_exempt(self):
        change = ts.what_if(assess(region="河南"), rules=RULES, scores={"product": 1})
        assert change.after.status is ts.Status.EXEMPT
        assert change.after.exemption == change.before.exemption
        assert change.status_changed is False
        assert change.difference is None
        assert change.changes == {ts.Dimension.PRODUCT: (D(5), D(1))}

    def test_category_excluded_stays_excluded(self):
        result = ts.assess(SEED, category="汽车", period=JULY, rules=RULES)
        change = ts.what_if(result, rules=RULES, scores={"product": 1})
        assert change.after.status is ts.Status.CATEGORY_EXCLUDED
        assert change.difference is None

    def test_a_new_shop_stays_new(self):
        change = ts.what_if(assess(opened=dt.date(2024, 7, 1)), rules=RULES, scores={"product": 4})
        assert change.after.status is ts.Status.NEW_SHOP
        assert change.after.scores.product == 4
        assert change.difference is None

    def test_the_rules_given_decide(self):
        # The same shop under an edition with a higher weight on logistics.
        heavy = ts.WeightProfile(
            product="0.1", logistics="0.6", after_sales="0.1", dispute="0.1", consultation="0.1"
        )
        book = ts.RuleBook(profiles={"服饰": heavy})
        change = ts.what_if(assess(), rules=book, scores={"logistics": 4})
        # Before is as given (3.30); after is 0.5 + 2.4 + 0.4 + 0.1 + 0.4 = 3.8 under book.
        assert change.after.score == D("3.80")
        assert change.difference == D("0.50")


class TestIndicators:
    def test_a_reading_rescores_its_dimension(self):
        change = ts.what_if(assess(), rules=RULES, indicators=ts.IndicatorValues(pickup_24h=96))
        assert change.changes == {LOGISTICS: (D(3), D("5.00"))}  # at least 95%: 5
        assert change.after.score == D("3.90")  # 3.30 + 2 × 0.3
        assert change.difference == D("0.60")

    def test_two_readings_of_one_dimension_are_averaged(self):
        readings = ts.IndicatorValues(dispute_refund_rate="0.05", complaint_rate="0.2")
        change = ts.what_if(assess(), rules=RULES, indicators=readings)
        assert change.changes == {DISPUTE: (D(1), D("3.00"))}  # (4 + 2) / 2
        assert change.after.score == D("3.70")

    def test_one_reading_of_two_is_refused(self):
        readings = ts.IndicatorValues(complaint_rate=0)
        with pytest.raises(ts.RuleBookError, match="give dispute_refund_rate too"):
            ts.what_if(assess(), rules=RULES, indicators=readings)

    def test_both_readings_of_a_dimension_rescore_it(self):
        readings = ts.IndicatorValues(complaint_rate=0, dispute_refund_rate="0.2")
        change = ts.what_if(assess(), rules=RULES, indicators=readings)
        assert change.changes == {DISPUTE: (D(1), D("3.50"))}  # (5 + 2) / 2

    def test_the_categorys_scales_are_used(self):
        food = ts.assess(SEED, category="食品", period=JULY, rules=RULES)
        change = ts.what_if(food, rules=RULES, indicators=ts.IndicatorValues(pickup_24h=93))
        assert change.after.scores.logistics == D("3.00")  # food: at least 90%: 3

    def test_indicators_and_scores_together(self):
        change = ts.what_if(
            assess(),
            rules=RULES,
            indicators=ts.IndicatorValues(pickup_24h=96),
            scores={"dispute": 5},
        )
        assert change.changes == {LOGISTICS: (D(3), D("5.00")), DISPUTE: (D(1), D(5))}
        assert change.after.score == D("4.70")  # 3.30 + 0.6 + 0.8

    def test_indicators_can_bring_data_to_a_shop_without(self):
        change = ts.what_if(
            assess(ts.DimensionScores()), rules=RULES, indicators=ts.IndicatorValues(dsr="4.5")
        )
        assert change.after.status is ts.Status.SCORED
        assert change.after.score == D("4.00")  # linear scale: 4.5 → 4

    def test_an_edition_without_scales_refuses_readings(self):
        book = ts.RuleBook(profiles=RULES.profiles)
        with pytest.raises(ts.RuleBookError, match="indicator_scales: this edition sets no"):
            ts.what_if(assess(), rules=book, indicators=ts.IndicatorValues(dsr=4))


class TestBadInput:
    def test_a_dimension_changed_both_ways_is_refused(self):
        with pytest.raises(ts.RuleBookError, match="scores: logistics is changed by its"):
            ts.what_if(
                assess(),
                rules=RULES,
                indicators=ts.IndicatorValues(pickup_24h=96),
                scores={LOGISTICS: 4},
            )

    @pytest.mark.parametrize("key", ["price", ts.TaobaoDimension.DESCRIPTION, 1, "Product"])
    def test_an_unknown_dimension_is_refused(self, key):
        with pytest.raises(ts.UnknownDimensionError):
            ts.what_if(assess(), rules=RULES, scores={key: 4})

    @pytest.mark.parametrize(
        ("score", "message"),
        [
            (6, r"product: 6 is outside \[0, 5\]"),
            (-1, r"product: -1 is outside \[0, 5\]"),
            (True, "product: True is a bool"),
            ("四", "product: '四' is not a number"),
            (float("nan"), "product: nan is not a finite number"),
        ],
    )
    def test_a_bad_score_is_refused(self, score, message):
        with pytest.raises(ts.InvalidScoreError, match=message):
            ts.what_if(assess(), rules=RULES, scores={"product": score})

    def test_a_bad_reading_is_refused_where_it_is_made(self):
        with pytest.raises(ts.InvalidScoreError, match="pickup_24h: 120 is outside"):
            ts.what_if(assess(), rules=RULES, indicators=ts.IndicatorValues(pickup_24h=120))

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"scores": [("product", 4)]}, "scores: .* is not a mapping"),
            ({"scores": "product=4"}, "scores: .* is not a mapping"),
            ({"indicators": {"dsr": 4}}, "indicators: .* is not an IndicatorValues"),
        ],
    )
    def test_bad_shapes_are_refused(self, kwargs, message):
        with pytest.raises(ts.InvalidScoreError, match=message):
            ts.what_if(assess(), rules=RULES, **kwargs)

    def test_the_assessment_and_rules_must_be_ones(self):
        with pytest.raises(ts.RuleBookError, match=r"assessment: .* is not an Assessment"):
            ts.what_if(SEED, rules=RULES)
        with pytest.raises(ts.RuleBookError, match=r"rules: .* is not a RuleBook"):
            ts.what_if(assess(), rules=None)
