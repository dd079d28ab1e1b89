"""explain: the account of an assessment, in English and Chinese."""

import datetime as dt

import pytest

import tmall_service as ts

RULES = ts.example_rulebook()
JULY = ts.AssessmentPeriod.month(2024, 7)
SEED = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)
HEAD_EN = "服饰, 2024-07-01..2024-07-31: "
HEAD_ZH = "服饰，2024-07-01..2024-07-31："
NOT_ASSESSED_EN = "not assessed: shown as 99, passes by default (显示99分, 默认通过)."
NOT_ASSESSED_ZH = "不参与考核，显示99分，默认通过。"
BY_DEFAULT_EN = [
    "Standards of Example edition (illustrative, not official):",
    "  marketing access (营销准入) ≥ 4.00: passes by default",
    "  merchant assessment (商家考核) ≥ 3.50: passes by default",
    "  annual fee refund (年费返还) ≥ 4.20: passes by default",
]
BY_DEFAULT_ZH = [
    "考核标准（Example edition (illustrative, not official)）：",
    "  营销准入 ≥ 4.00：默认通过",
    "  商家考核 ≥ 3.50：默认通过",
    "  年费返还 ≥ 4.20：默认通过",
]


def assess(scores=SEED, category="服饰", rules=RULES, period=JULY, **facts):
    return ts.assess(scores, category=category, period=period, rules=rules, **facts)


def lines(assessment, rules=RULES, lang="en"):
    return ts.explain(assessment, rules=rules, lang=lang).splitlines()


def profile(**weights):
    return ts.WeightProfile(
        **dict.fromkeys(("product", "logistics", "after_sales", "dispute", "consultation"), 0)
        | weights
    )


class TestScored:
    def test_the_worked_example_in_english(self):
        assert lines(assess()) == [
            HEAD_EN + "score 3.30, 3 stars.",
            "Basic service score = Σ dimension score × weight of 服饰:",
            "  product       5.00 × 0.20 = 1.00",
            "  logistics     3.00 × 0.30 = 0.90",
            "  after_sales   4.00 × 0.20 = 0.80",
            "  dispute       1.00 × 0.20 = 0.20",
            "  consultation  4.00 × 0.10 = 0.40",
            "  sum 3.30, rounded half up to 2 places: 3.30",
            "Most points lost: dispute (0.80), logistics (0.60), after_sales (0.20).",
            "Standards of Example edition (illustrative, not official):",
            "  marketing access (营销准入) ≥ 4.00: fails; not eligible for campaigns while below",
            (
                "  merchant assessment (商家考核) ≥ 3.50: fails; "
                "consecutive failures put the shop at risk of clearance"
            ),
            "  annual fee refund (年费返还) ≥ 4.20: fails; the fee year's refund is forfeited",
        ]

    def test_the_worked_example_in_chinese(self):
        assert lines(assess(), lang="zh") == [
            HEAD_ZH + "得分 3.30，3 星。",
            "基础服务考核分 = Σ 维度得分 × 类目权重（服饰）：",
            "  商品体验  5.00 × 0.20 = 1.00",
            "  物流体验  3.00 × 0.30 = 0.90",
            "  售后体验  4.00 × 0.20 = 0.80",
            "  纠纷体验  1.00 × 0.20 = 0.20",
            "  咨询体验  4.00 × 0.10 = 0.40",
            "  合计 3.30，四舍五入保留两位小数：3.30",
            "失分最多：纠纷体验（0.80）、物流体验（0.60）、售后体验（0.20）。",
            "考核标准（Example edition (illustrative, not official)）：",
            "  营销准入 ≥ 4.00：未达标，达标之前不能参加营销活动",
            "  商家考核 ≥ 3.50：未达标，连续不达标将面临清退风险",
            "  年费返还 ≥ 4.20：未达标，该结算期的年费不予返还",
        ]

    def test_a_score_below_the_lowest_star_has_no_stars(self):
        weak = ts.DimensionScores(product=2, logistics=2, after_sales=2, dispute=2, consultation=2)
        assert lines(assess(weak))[0] == HEAD_EN + "score 2.00."
        assert lines(assess(weak), lang="zh")[0] == HEAD_ZH + "得分 2.00。"

    def test_a_perfect_shop_loses_nothing(self):
        perfect = ts.DimensionScores(
            product=5, logistics=5, after_sales=5, dispute=5, consultation=5
        )
        text = lines(assess(perfect))
        assert text[0] == HEAD_EN + "score 5.00, 5 stars."
        assert not any(line.startswith("Most points lost") for line in text)
        assert text[-3:] == [
            "  marketing access (营销准入) ≥ 4.00: passes",
            "  merchant assessment (商家考核) ≥ 3.50: passes",
            "  annual fee refund (年费返还) ≥ 4.20: passes",
        ]

    def test_a_category_standard_is_the_one_shown(self):
        four = ts.DimensionScores(product=4, logistics=4, after_sales=4, dispute=4, consultation=4)
        assert (
            "  marketing access (营销准入) ≥ 4.20: fails; not eligible for campaigns while below"
            in lines(assess(four, category="食品"))
        )
        assert "  marketing access (营销准入) ≥ 4.00: passes" in lines(assess(four))

    def test_only_the_three_biggest_losses_are_named(self):
        four = ts.DimensionScores(product=4, logistics=4, after_sales=4, dispute=4, consultation=4)
        # Losses 0.2, 0.3, 0.2, 0.2, 0.1: logistics first, then the ties in scheme order.
        assert "Most points lost: logistics (0.30), product (0.20), after_sales (0.20)." in lines(
            assess(four)
        )


class TestFormula:
    def test_renormalise_shows_the_rescaling(self):
        book = ts.RuleBook(
            profiles={"x": profile(product="0.3", logistics="0.3", after_sales="0.4")}
        )
        result = assess(ts.DimensionScores(product=4, logistics=3), category="x", rules=book)
        assert lines(result, rules=book) == [
            "x, 2024-07-01..2024-07-31: score 3.50, 3.5 stars.",
            "Basic service score = Σ dimension score × weight of x:",
            "  product       4.00 × 0.30 = 1.20",
            "  logistics     3.00 × 0.30 = 0.90",
            (
                "  after_sales   no data × 0.40: left out, the other weights rescaled "
                "(missing-data policy: renormalise)"
            ),
            "  dispute       no data × 0.00",
            "  consultation  no data × 0.00",
            "  sum 2.10 ÷ 0.60 (the weights with data) = 3.50, rounded half up to 2 places: 3.50",
            "Most points lost: logistics (0.60), product (0.30).",
            "This edition sets no standard for x.",
        ]
        zh = lines(result, rules=book, lang="zh")
        rescaled = "不计入，其余权重按比例放大（缺失数据规则：renormalise）"
        assert f"  售后体验  无数据 × 0.40：{rescaled}" in zh
        assert "  合计 2.10 ÷ 0.60（有数据的权重） = 3.50，四舍五入保留两位小数：3.50" in zh
        assert zh[-1] == "本版规则未对 x 设定考核标准。"

    def test_a_rescaled_sum_that_does_not_end_is_cut_to_six_places(self):
        book = ts.RuleBook(
            profiles={"x": profile(product="0.3", logistics="0.3", after_sales="0.4")}
        )
        exact = assess(ts.DimensionScores(product=4), category="x", rules=book)
        assert (
            "  sum 1.20 ÷ 0.30 (the weights with data) = 4.00, rounded half up to 2 places: 4.00"
            in lines(exact, rules=book)
        )
        # A real 0 in after-sales counts: 1.2 ÷ 0.7 = 1.714285 714285…
        endless = assess(ts.DimensionScores(product=4, after_sales=0), category="x", rules=book)
        assert (
            "  sum 1.20 ÷ 0.70 (the weights with data) = 1.714286…, "
            "rounded half up to 2 places: 1.71"
        ) in lines(endless, rules=book)

    def test_zero_policy_counts_a_gap_as_zero(self):
        book = ts.RuleBook(
            profiles={"x": profile(product="0.5", logistics="0.5")},
            missing_data=ts.MissingDataPolicy.ZERO,
        )
        result = assess(ts.DimensionScores(product=4, consultation=3), category="x", rules=book)
        assert lines(result, rules=book)[:9] == [
            "x, 2024-07-01..2024-07-31: score 2.00.",
            "Basic service score = Σ dimension score × weight of x:",
            "  product       4.00 × 0.50 = 2.00",
            "  logistics     no data × 0.50: counted as 0 (missing-data policy: zero)",
            "  after_sales   no data × 0.00",
            "  dispute       no data × 0.00",
            "  consultation  3.00 × 0.00 = 0.00",
            "  sum 2.00, rounded half up to 2 places: 2.00",
            "Most points lost: logistics (2.50), product (0.50).",
        ]
        zh = lines(result, rules=book, lang="zh")
        assert "  物流体验  无数据 × 0.50：按 0 分计入（缺失数据规则：zero）" in zh
        assert "  咨询体验  3.00 × 0.00 = 0.00" in zh

    def test_a_bonus_is_added_after_the_rounding(self):
        result = assess(bonuses=["special_service"])
        text = lines(result)
        assert text[0] == HEAD_EN + "score 3.55, 3.5 stars."
        assert text[7:9] == [
            "  sum 3.30, rounded half up to 2 places: 3.30",
            "  plus bonuses special_service (+0.25), capped at 5: 3.55",
        ]
        assert "  merchant assessment (商家考核) ≥ 3.50: passes" in text
        zh = lines(result, lang="zh")
        assert "  加分项 special_service（+0.25），最高 5 分：3.55" in zh

    def test_a_bonus_is_capped_at_five(self):
        near = ts.DimensionScores(product=5, logistics=5, after_sales=5, dispute=5, consultation=4)
        text = lines(assess(near, bonuses=["special_service"]))
        assert text[0] == HEAD_EN + "score 5.00, 5 stars."
        assert "  plus bonuses special_service (+0.25), capped at 5: 5.00" in text


class TestNotAssessed:
    def test_category_excluded(self):
        result = assess(category="汽车")
        assert lines(result) == [
            "汽车, 2024-07-01..2024-07-31: " + NOT_ASSESSED_EN,
            "Why: its main category 汽车 is not in this edition's assessment.",
            *BY_DEFAULT_EN,
        ]
        assert lines(result, lang="zh") == [
            "汽车，2024-07-01..2024-07-31：" + NOT_ASSESSED_ZH,
            "原因：主营类目 汽车 不在本版规则的考核范围内。",
            *BY_DEFAULT_ZH,
        ]

    def test_exempt_by_region(self):
        result = assess(region="河南")
        assert lines(result) == [
            HEAD_EN + NOT_ASSESSED_EN,
            (
                "Why: an announced exemption covers it: Example: flood in 河南 (特大灾害) "
                "(2024-07-15..2024-07-31; categories: all; regions: 河南)."
            ),
            *BY_DEFAULT_EN,
        ]
        assert lines(result, lang="zh")[1] == (
            "原因：适用公告豁免（特大灾害或特殊事件）：Example: flood in 河南 (特大灾害)"
            "（2024-07-15..2024-07-31；类目：全部；地区：河南）。"
        )

    def test_exempt_by_category_lists_its_categories_and_regions(self):
        storm = ts.Exemption(
            start=dt.date(2024, 7, 3),
            end=dt.date(2024, 7, 9),
            reason="台风",
            categories=["服饰", "食品"],
            regions=["浙江", "福建"],
        )
        book = ts.RuleBook(profiles=RULES.profiles, exemptions=[storm])
        result = assess(rules=book, region="浙江")
        assert lines(result, rules=book)[1] == (
            "Why: an announced exemption covers it: 台风 (2024-07-03..2024-07-09; "
            "categories: 服饰, 食品; regions: 浙江, 福建)."
        )
        assert lines(result, rules=book, lang="zh")[1] == (
            "原因：适用公告豁免（特大灾害或特殊事件）：台风（2024-07-03..2024-07-09；"
            "类目：服饰、食品；地区：浙江、福建）。"
        )

    @pytest.mark.parametrize(
        "scores",
        [
            ts.DimensionScores(),
            ts.DimensionScores(product=0, logistics=0, after_sales=0, dispute=0, consultation=0),
            ts.DimensionScores(product=0, dispute=0),
        ],
    )
    def test_no_data_at_all(self, scores):
        result = assess(scores)
        assert result.status is ts.Status.NO_DATA
        assert lines(result)[:2] == [
            HEAD_EN + NOT_ASSESSED_EN,
            "Why: no data in the period: every dimension is empty or 0.",
        ]
        assert lines(result, lang="zh")[1] == (
            "原因：考核期内无商品、物流、售后、纠纷、咨询数据（各维度为空或 0）。"
        )

    def test_no_data_in_the_dimensions_with_weight(self):
        book = ts.RuleBook(profiles={"x": profile(product=1)})
        result = assess(ts.DimensionScores(consultation=4), category="x", rules=book)
        assert result.status is ts.Status.NO_DATA
        assert lines(result, rules=book) == [
            "x, 2024-07-01..2024-07-31: " + NOT_ASSESSED_EN,
            "Why: no data in the period for the dimensions that carry weight in x.",
            "This edition sets no standard for x.",
        ]
        assert lines(result, rules=book, lang="zh")[1] == "原因：考核期内 x 有权重的维度均无数据。"

    def test_new_shop(self):
        result = assess(opened=dt.date(2024, 6, 1))
        assert lines(result)[1] == (
            "Why: a new shop, within this edition's grace period of 3 months."
        )
        assert lines(result, lang="zh")[1] == "原因：新开店铺，在本版规则 3 个月的宽限期内。"
        assert lines(result)[2:] == BY_DEFAULT_EN

    def test_below_minimum_volume(self):
        result = assess(orders=29)
        assert lines(result)[1] == (
            "Why: fewer orders in the period than this edition's minimum of 30."
        )
        assert lines(result, lang="zh")[1] == "原因：考核期内订单数低于本版规则的最低要求 30 单。"
        assert lines(result, lang="zh")[2:] == BY_DEFAULT_ZH


class TestStandards:
    def test_an_edition_without_thresholds(self):
        book = ts.RuleBook(profiles=RULES.profiles)
        text = lines(assess(rules=book), rules=book)
        assert text[-1] == "This edition sets no standard for 服饰."
        assert not any("Standards" in line for line in text)

    def test_an_edition_without_a_name_says_standards_only(self):
        book = ts.RuleBook(
            profiles=RULES.profiles, thresholds={ts.Purpose.MERCHANT_ASSESSMENT: "3.3"}
        )
        assert lines(assess(rules=book), rules=book)[-2:] == [
            "Standards:",
            "  merchant assessment (商家考核) ≥ 3.30: passes",
        ]
        assert lines(assess(rules=book), rules=book, lang="zh")[-2:] == [
            "考核标准：",
            "  商家考核 ≥ 3.30：达标",
        ]

    def test_a_category_standard_alone_is_listed_for_its_category_only(self):
        book = ts.RuleBook(
            profiles=RULES.profiles,
            category_thresholds={"食品": {ts.Purpose.MARKETING_ACCESS: "4.2"}},
        )
        assert (
            lines(assess(rules=book), rules=book)[-1] == "This edition sets no standard for 服饰."
        )
        assert lines(assess(rules=book, category="食品"), rules=book)[-2:] == [
            "Standards:",
            "  marketing access (营销准入) ≥ 4.20: fails; not eligible for campaigns while below",
        ]


class TestBadInput:
    @pytest.mark.parametrize("lang", ["fr", "EN", "", None, 1, "zh-CN"])
    def test_an_unknown_language_is_refused(self, lang):
        with pytest.raises(ts.InvalidOptionError, match=r"lang: .* is not a language of the"):
            ts.explain(assess(), rules=RULES, lang=lang)

    @pytest.mark.parametrize("assessment", [None, SEED, "3.30", {"score": 3.3}])
    def test_an_assessment_must_be_one(self, assessment):
        with pytest.raises(ts.RuleBookError, match=r"assessment: .* is not an Assessment"):
            ts.explain(assessment, rules=RULES)

    @pytest.mark.parametrize("rules", [None, "example", {"profiles": {}}])
    def test_rules_must_be_a_rule_book(self, rules):
        with pytest.raises(ts.RuleBookError, match=r"rules: .* is not a RuleBook"):
            ts.explain(assess(), rules=rules)


def test_a_taobao_shop_without_data_is_explained_with_taobaos_areas():
    rules = ts.example_rulebook(ts.Scheme.TAOBAO)
    category = next(iter(rules.profiles))
    empty = ts.assess(
        ts.TaobaoScores(), category=category, period=ts.AssessmentPeriod.month(2024, 7), rules=rules
    )
    reason = ts.explain(empty, rules=rules, lang="zh").splitlines()[1]
    areas = "描述相符、物流服务、客户服务、交易安全、售后服务"
    assert reason == f"原因：考核期内无{areas}数据（各维度为空或 0）。"
