"""gap: what each dimension alone must reach, and the cheapest plan, worked out by hand."""

from decimal import Decimal

import attrs
import pytest

import tmall_service as ts

D = Decimal
RULES = ts.example_rulebook()
JULY = ts.AssessmentPeriod.month(2024, 7)
FOUR = ts.DimensionScores(product=4, logistics=4, after_sales=4, dispute=4, consultation=4)
PRODUCT, LOGISTICS, DISPUTE = ts.Dimension.PRODUCT, ts.Dimension.LOGISTICS, ts.Dimension.DISPUTE


def assess(scores=FOUR, category="服饰", rules=RULES, **facts):
    return ts.assess(scores, category=category, period=JULY, rules=rules, **facts)


def needed(report):
    return {entry.dimension.value: entry.needed for entry in report}


def changes(plan):
    return {dimension.value: score for dimension, score in plan.changes.items()}


class TestAlreadyMet:
    @pytest.mark.parametrize("target", ["4", "4.00", 0, "3.5"])
    def test_a_shop_at_or_above_the_target(self, target):
        shop = assess()
        report = ts.gap(shop, target, rules=RULES)
        assert report.met is True
        assert report.target == D(target)
        assert report.assessment is shop
        assert needed(report) == dict.fromkeys(
            ("product", "logistics", "after_sales", "dispute", "consultation"), D(4)
        )
        assert report.plan is not None
        assert report.plan.changes == {}
        assert report.plan.cost == 0
        assert report.plan.after is shop

    @pytest.mark.parametrize(
        "shop",
        [
            assess(ts.DimensionScores()),  # no data
            assess(category="汽车"),  # category excluded
            assess(region="河南"),  # exempt
        ],
    )
    def test_a_shop_that_is_not_assessed_meets_every_target(self, shop):
        report = ts.gap(shop, 5, rules=RULES)
        assert report.met is True
        assert report.plan.changes == {}
        assert report.plan.cost == 0
        assert [entry.current for entry in report] == [
            shop.scores[dimension] for dimension in ts.Dimension
        ]

    def test_a_purpose_a_shop_not_assessed_fails_by_setting_is_refused(self):
        strict = attrs.evolve(RULES, passes_by_default={ts.Purpose.MARKETING_ACCESS})
        shop = assess(ts.DimensionScores(), rules=strict)
        assert ts.gap(shop, ts.Purpose.MARKETING_ACCESS, rules=strict).met is True
        assert ts.gap(shop, "4.2", rules=strict).met is True  # a number: the 99 meets it
        with pytest.raises(
            ts.RuleBookError,
            match=r"^target: a shop that is not assessed \(status 'no_data'\) fails "
            r"'merchant_assessment' under this edition \(passes_by_default\), "
            r"and no change of its scores changes that$",
        ):
            ts.gap(shop, ts.Purpose.MERCHANT_ASSESSMENT, rules=strict)


class TestEachDimensionAlone:
    def test_the_least_score_on_the_grid(self):
        report = ts.gap(assess(), "4.2", rules=RULES)
        # 4.00 now; 4.195 rounds up to 4.20. The example's 服饰 weights 0.2, 0.3, 0.2, 0.2, 0.1:
        # logistics 2.8 + 0.3x ≥ 4.195 → x ≥ 4.65; product 3.2 + 0.2x ≥ 4.195 → 4.975 → 4.98;
        # consultation 3.6 + 0.1x ≥ 4.195 → 5.95: unreachable.
        assert report.met is False
        assert needed(report) == {
            "product": D("4.98"),
            "logistics": D("4.65"),
            "after_sales": D("4.98"),
            "dispute": D("4.98"),
            "consultation": None,
        }

    def test_reachable_and_increase(self):
        report = ts.gap(assess(), "4.2", rules=RULES)
        assert report[LOGISTICS].reachable is True
        assert report[LOGISTICS].increase == D("0.65")
        assert report["consultation"].reachable is False
        assert report["consultation"].increase is None
        assert report["consultation"].current == 4

    def test_one_step_less_does_not_meet_the_target(self):
        report = ts.gap(assess(), "4.2", rules=RULES)
        for entry in report:
            if entry.needed is None:
                continue
            for score, meets in ((entry.needed, True), (entry.needed - D("0.01"), False)):
                given = {d.value: FOUR[d] for d in ts.Dimension}
                scores = ts.DimensionScores(**given | {entry.dimension.value: score})
                assert (assess(scores).score >= D("4.2")) is meets

    def test_the_worked_example_against_merchant_assessment(self):
        seed = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)
        report = ts.gap(assess(seed), ts.Purpose.MERCHANT_ASSESSMENT, rules=RULES)
        # 3.30 to 3.5, i.e. 3.495: logistics 2.4 + 0.3x → 3.65; dispute 3.1 + 0.2x → 1.975.
        assert report.target == D("3.5")
        assert needed(report) == {
            "product": None,  # already 5
            "logistics": D("3.65"),
            "after_sales": D("4.98"),
            "dispute": D("1.98"),
            "consultation": None,  # 2.9 + 0.1x ≥ 3.495 → 5.95
        }


class TestPurposes:
    def test_a_category_with_its_own_standard(self):
        report = ts.gap(assess(category="食品"), ts.Purpose.MARKETING_ACCESS, rules=RULES)
        # Food's marketing standard is 4.2 (the general one 4.0). Weights 0.25, 0.35, 0.15,
        # 0.15, 0.1: product 3 + 0.25x ≥ 4.195 → 4.78; logistics 2.6 + 0.35x → 4.557… → 4.56.
        assert report.target == D("4.2")
        assert needed(report) == {
            "product": D("4.78"),
            "logistics": D("4.56"),
            "after_sales": None,  # 3.4 + 0.15x ≥ 4.195 → 5.3
            "dispute": None,
            "consultation": None,
        }
        assert changes(report.plan) == {"logistics": D("4.56")}
        assert report.plan.cost == D("0.56")

    def test_the_general_standard_elsewhere(self):
        report = ts.gap(assess(), ts.Purpose.MARKETING_ACCESS, rules=RULES)
        assert (report.target, report.met) == (D("4.0"), True)

    def test_an_edition_without_the_standard(self):
        book = ts.RuleBook(profiles=RULES.profiles)
        with pytest.raises(ts.RuleBookError, match="target: this edition sets no standard for"):
            ts.gap(assess(rules=book), ts.Purpose.MARKETING_ACCESS, rules=book)

    def test_a_category_standard_does_not_serve_another_category(self):
        book = ts.RuleBook(
            profiles=RULES.profiles,
            category_thresholds={"食品": {ts.Purpose.MARKETING_ACCESS: "4.2"}},
        )
        assert ts.gap(
            assess(category="食品", rules=book), ts.Purpose.MARKETING_ACCESS, rules=book
        ).target == D("4.2")
        with pytest.raises(ts.RuleBookError, match="'marketing_access' in '服饰'"):
            ts.gap(assess(rules=book), ts.Purpose.MARKETING_ACCESS, rules=book)


class TestPlans:
    def test_every_point_costs_one_by_default(self):
        plan = ts.gap(assess(), "4.2", rules=RULES).plan
        # The heaviest dimension gains most per point: logistics to 4.65.
        assert changes(plan) == {"logistics": D("4.65")}
        assert plan.cost == D("0.65")
        assert plan.after.score == D("4.20")

    def test_costs_choose_the_cheapest_gain(self):
        plan = ts.gap(
            assess(), "4.2", rules=RULES, costs={"logistics": 2, PRODUCT: 1, "dispute": "0.5"}
        ).plan
        # Per point of score gained: dispute 0.5/0.2 = 2.5, cheaper than product or
        # after-sales (5), logistics (6.67) and consultation (10). Dispute to 4.98 gains
        # 0.196 ≥ 0.195 for 0.98 × 0.5.
        assert changes(plan) == {"dispute": D("4.98")}
        assert plan.cost == D("0.49")
        assert plan.after.score == D("4.20")
        assert plan.after.scores.dispute == D("4.98")

    def test_a_free_dimension_costs_nothing(self):
        plan = ts.gap(assess(), "4.2", rules=RULES, costs={"logistics": 0}).plan
        assert changes(plan) == {"logistics": D("4.65")}
        assert plan.cost == 0

    def test_all_free(self):
        free = dict.fromkeys(ts.Dimension, 0)
        plan = ts.gap(assess(), "4.2", rules=RULES, costs=free).plan
        assert plan.cost == 0
        assert plan.after.score >= D("4.2")

    def test_several_dimensions_when_one_is_not_enough(self):
        book = ts.RuleBook(profiles=RULES.profiles, missing_data=ts.MissingDataPolicy.ZERO)
        shop = assess(
            ts.DimensionScores(product=4, logistics=4, after_sales=4, dispute=4), rules=book
        )
        assert shop.score == D("3.60")  # consultation counts 0
        report = ts.gap(shop, 4, rules=book)
        # Need 3.995: consultation alone 3.6 + 0.1x → 3.95 (from nothing); logistics alone
        # would need 5.32. Cheapest per point: logistics (1/0.3), then product, after-sales
        # and dispute (1/0.2). Logistics to 5 gains 0.3 for 1; the other 0.095 costs
        # 0.475 → 0.48 on the grid. Any mix of cents 3a + 2b ≥ 395, a ≤ 100 costs ≥ 148.
        assert needed(report)["consultation"] == D("3.95")
        assert report["consultation"].increase == D("3.95")
        assert needed(report)["logistics"] is None
        assert report.plan.cost == D("1.48")
        assert report.plan.after.score >= 4
        assert len(report.plan.changes) >= 2

    def test_taobao_unreachable_alone_but_together(self):
        taobao = ts.example_rulebook(ts.Scheme.TAOBAO)
        scores = ts.TaobaoScores(
            description=4, logistics=3, customer_service=4, transaction_security=2, after_sales=4
        )
        shop = assess(scores, category="女装", rules=taobao)
        assert shop.score == D("3.60")
        report = ts.gap(shop, ts.Purpose.MERCHANT_ASSESSMENT, rules=taobao)
        assert report.target == D("4.4")
        assert [entry.needed for entry in report] == [None] * 5
        # Need 0.795 in thousandths-of-a-point: description (0.3) to 5 gains 0.3 for 1;
        # the remaining 0.495 at 0.2 per point needs 2.48 points → 3.48 in all.
        assert report.plan.cost == D("3.48")
        assert report.plan.after.score >= D("4.4")
        assert report[ts.TaobaoDimension.DESCRIPTION].current == 4


class TestBonusesAndMissingData:
    def test_a_bonus_lowers_the_bar(self):
        shop = assess(bonuses=["special_service"])
        assert shop.score == D("4.25")
        report = ts.gap(shop, "4.5", rules=RULES)
        # The composite must round to 4.25: 2.8 + 0.3x ≥ 4.245 → x ≥ 4.8167 → 4.82.
        assert needed(report)["logistics"] == D("4.82")
        assert needed(report)["product"] is None  # 3.2 + 0.2x ≥ 4.245 → 5.225
        assert changes(report.plan) == {"logistics": D("4.82")}
        assert report.plan.after.score == D("4.50")
        assert report.plan.after.bonuses == frozenset({"special_service"})

    def test_renormalise_with_a_missing_dimension(self):
        shop = assess(ts.DimensionScores(product=4, logistics=4, after_sales=4, dispute=4))
        assert shop.score == D("4.00")
        report = ts.gap(shop, "4.2", rules=RULES)
        # Over the weights with data, 0.9: (2.4 + 0.3x) / 0.9 ≥ 4.195 → x ≥ 4.585 → 4.59;
        # (2.8 + 0.2x) / 0.9 ≥ 4.195 → 4.8775 → 4.88. Consultation brings its weight back:
        # 3.6 + 0.1x ≥ 4.195 → 5.95.
        assert needed(report) == {
            "product": D("4.88"),
            "logistics": D("4.59"),
            "after_sales": D("4.88"),
            "dispute": D("4.88"),
            "consultation": None,
        }
        assert report["consultation"].current is None
        assert changes(report.plan) == {"logistics": D("4.59")}
        assert report.plan.cost == D("0.59")
        assert report.plan.after.score == D("4.20")

    def test_a_missing_dimension_can_be_given_a_score(self):
        shop = assess(ts.DimensionScores(product=4, logistics=4, after_sales=4, dispute=4))
        report = ts.gap(shop, "4.05", rules=RULES)
        # 3.6 + 0.1x ≥ 4.045 → x ≥ 4.45; at 4.44 the composite 4.044 shows 4.04.
        assert report["consultation"].needed == D("4.45")
        assert report["consultation"].increase == D("4.45")
        assert "consultation" not in changes(report.plan)  # the plan leaves it out


class TestBadInput:
    @pytest.mark.parametrize(
        ("target", "message"),
        [
            ("5.01", r"target: '5.01' is outside \[0, 5\]"),
            (-1, r"target: -1 is outside \[0, 5\]"),
            (99, r"target: 99 is outside \[0, 5\]"),
            (True, "target: True is a bool"),
            ("四", "target: '四' is neither a score nor a purpose"),
            (None, "target: None is a NoneType"),
            (float("nan"), "target: nan is not a finite number"),
            (
                "marketing",
                (
                    "target: 'marketing' is neither a score nor a purpose; write a score such as "
                    "'4.2', or a purpose: 'marketing_access', 'merchant_assessment', "
                    "'annual_fee_refund'"
                ),
            ),
        ],
    )
    def test_a_bad_target_is_refused(self, target, message):
        with pytest.raises(ts.InvalidScoreError, match=message):
            ts.gap(assess(), target, rules=RULES)

    def test_a_purpose_may_be_named_by_its_value(self):
        named = ts.gap(assess(), " marketing_access", rules=RULES)
        assert named == ts.gap(assess(), ts.Purpose.MARKETING_ACCESS, rules=RULES)

    @pytest.mark.parametrize(
        ("costs", "message"),
        [
            ({"logistics": -1}, r"costs.logistics: -1 is outside \[0, 1000000000000\]"),
            ({"logistics": True}, "costs.logistics: True is a bool"),
            ({"logistics": "x"}, "costs.logistics: 'x' is not a number"),
            ({"logistics": float("inf")}, "costs.logistics: inf is not a finite number"),
            ({"logistics": None}, "costs.logistics: None is a NoneType"),
            (["logistics"], "costs: .* is not a mapping of dimension to cost per point"),
            ("logistics=1", "costs: .* is not a mapping"),
        ],
    )
    def test_bad_costs_are_refused(self, costs, message):
        with pytest.raises(ts.InvalidScoreError, match=message):
            ts.gap(assess(), "4.2", rules=RULES, costs=costs)

    @pytest.mark.parametrize("key", ["price", ts.TaobaoDimension.DESCRIPTION, 0])
    def test_costs_of_an_unknown_dimension_are_refused(self, key):
        with pytest.raises(ts.UnknownDimensionError):
            ts.gap(assess(), "4.2", rules=RULES, costs={key: 1})

    def test_the_assessment_and_rules_must_be_ones(self):
        with pytest.raises(ts.RuleBookError, match=r"assessment: .* is not an Assessment"):
            ts.gap(FOUR, "4.2", rules=RULES)
        with pytest.raises(ts.RuleBookError, match=r"rules: .* is not a RuleBook"):
            ts.gap(assess(), "4.2", rules=None)

    def test_an_unknown_dimension_is_refused_by_index(self):
        with pytest.raises(ts.UnknownDimensionError):
            ts.gap(assess(), "4.2", rules=RULES)["price"]


def test_every_dimension_of_a_met_target_is_reachable_with_nothing_to_increase():
    report = ts.gap(assess(ts.DimensionScores()), 5, rules=RULES)
    assert [(entry.needed, entry.reachable, entry.increase) for entry in report] == [
        (None, True, D(0))
    ] * 5


def test_rules_that_do_not_assess_the_scored_category_are_refused():
    other = ts.RuleBook(
        profiles={"美妆": RULES.profile("美妆")}, excluded_categories=["服饰"], name="beauty only"
    )
    with pytest.raises(ts.RuleBookError, match="'服饰' is not assessed under 'beauty only'"):
        ts.gap(assess(), "4.5", rules=other)


def test_rules_that_do_not_know_the_scored_category_are_refused():
    other = ts.RuleBook(profiles={"美妆": RULES.profile("美妆")}, name="beauty only")
    with pytest.raises(
        ts.UnknownCategoryError,
        match=r"^category: '服饰' is not a category of the edition 'beauty only'; "
        r"its categories, closest first: 美妆$",
    ):
        ts.gap(assess(), "4.5", rules=other)
