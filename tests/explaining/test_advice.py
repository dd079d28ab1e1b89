"""advise: advice ranked by the points each dimension gives away."""

import datetime as dt
from decimal import Decimal

import pytest

import tmall_service as ts
from tmall_service._explain.advice import _area, _areas, _checked

D = Decimal
RULES = ts.example_rulebook()
TAOBAO = ts.example_rulebook(ts.Scheme.TAOBAO)
JULY = ts.AssessmentPeriod.month(2024, 7)
SEED = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)
GENERAL = ["rating_management", "compliance", "promotions"]
TITLE = {"en": "A", "zh": "甲"}


def assess(scores=SEED, category="服饰", rules=RULES, **facts):
    return ts.assess(scores, category=category, period=JULY, rules=rules, **facts)


def ranked(advice):
    return [(item.area, item.lost) for item in advice]


class TestRanking:
    def test_by_weight_times_the_points_below_five(self):
        # 服饰: product 0.2 × 0, logistics 0.3 × 2, after-sales 0.2 × 1, dispute 0.2 × 4,
        # consultation 0.1 × 1. Product loses nothing and gets no advice of its own.
        assert ranked(ts.advise(assess(), rules=RULES)) == [
            ("complaints", D("0.8")),
            ("logistics", D("0.6")),
            ("after_sales", D("0.2")),
            ("customer_service", D("0.1")),
            *[(area, 0) for area in GENERAL],
        ]

    def test_the_weight_decides_between_equal_scores(self):
        four = ts.DimensionScores(product=4, logistics=4, after_sales=4, dispute=4, consultation=4)
        # Food weighs logistics 0.35 and product 0.25, consultation 0.1.
        assert [area for area, _ in ranked(ts.advise(assess(four, category="食品"), rules=RULES))][
            :2
        ] == [
            "logistics",
            "product_information",
        ]

    def test_ties_keep_the_scheme_order(self):
        four = ts.DimensionScores(product=4, logistics=4, after_sales=4, dispute=4, consultation=4)
        assert ranked(ts.advise(assess(four), rules=RULES)) == [
            ("logistics", D("0.3")),
            ("product_information", D("0.2")),
            ("after_sales", D("0.2")),
            ("complaints", D("0.2")),
            ("customer_service", D("0.1")),
            *[(area, 0) for area in GENERAL],
        ]

    def test_each_piece_names_its_dimension(self):
        advice = ts.advise(assess(), rules=RULES)
        assert [item.dimension for item in advice] == [
            ts.Dimension.DISPUTE,
            ts.Dimension.LOGISTICS,
            ts.Dimension.AFTER_SALES,
            ts.Dimension.CONSULTATION,
            None,
            None,
            None,
        ]

    def test_general_advice_comes_last_even_for_a_perfect_shop(self):
        perfect = ts.DimensionScores(
            product=5, logistics=5, after_sales=5, dispute=5, consultation=5
        )
        assert [item.area for item in ts.advise(assess(perfect), rules=RULES)] == GENERAL

    def test_a_dimension_without_weight_gets_no_advice(self):
        only_product = ts.WeightProfile(
            product=1, logistics=0, after_sales=0, dispute=0, consultation=0
        )
        book = ts.RuleBook(profiles={"x": only_product})
        result = assess(ts.DimensionScores(product=3, consultation=1), category="x", rules=book)
        assert ranked(ts.advise(result, rules=book)) == [
            ("product_information", D(2)),
            *[(area, 0) for area in GENERAL],
        ]

    def test_a_missing_dimension_under_renormalise_gets_none(self):
        result = assess(ts.DimensionScores(product=4, logistics=3))
        assert [item.area for item in ts.advise(result, rules=RULES)] == [
            "logistics",
            "product_information",
            *GENERAL,
        ]

    def test_a_missing_dimension_under_zero_loses_its_whole_weight(self):
        book = ts.RuleBook(profiles=RULES.profiles, missing_data=ts.MissingDataPolicy.ZERO)
        result = assess(ts.DimensionScores(product=4, logistics=3), rules=book)
        # After-sales and dispute 0.2 × 5 = 1 each; logistics 0.6; consultation 0.5.
        assert ranked(ts.advise(result, rules=book))[:5] == [
            ("after_sales", D(1)),
            ("complaints", D(1)),
            ("logistics", D("0.6")),
            ("customer_service", D("0.5")),
            ("product_information", D("0.2")),
        ]


class TestNotAssessed:
    @pytest.mark.parametrize(
        "scores",
        [
            ts.DimensionScores(),
            ts.DimensionScores(product=0, logistics=0, after_sales=0, dispute=0, consultation=0),
        ],
    )
    def test_a_shop_without_data_gets_general_advice_only(self, scores):
        result = assess(scores)
        assert result.status is ts.Status.NO_DATA
        advice = ts.advise(result, rules=RULES)
        assert [item.area for item in advice] == GENERAL
        assert {item.lost for item in advice} == {D(0)}

    def test_an_excluded_category_gets_general_advice_only(self):
        advice = ts.advise(assess(category="汽车"), rules=RULES)
        assert [item.area for item in advice] == GENERAL


class TestLanguagesAndLimit:
    def test_english(self):
        first = ts.advise(assess(), rules=RULES)[0]
        assert first.title == "Complaints and disputes"
        assert first.tips == (
            "Handle customers' complaints promptly.",
            "Give complete after-sales service.",
            (
                "Meet a negative review by talking it through with the buyer and seeking a fair "
                "settlement."
            ),
        )
        assert first.sources == ("000", "000", "003")
        assert first.quotes == (
            "对客户的投诉要及时处理",
            "提供完善的售后服务",
            "积极与买家沟通协商,寻求妥善的解决方案",
        )

    def test_chinese(self):
        advice = ts.advise(assess(), rules=RULES, lang="zh")
        assert [item.title for item in advice] == [
            "及时处理投诉与纠纷",
            "提升物流服务",
            "提升售后体验",
            "优化客服服务",
            "积极管理店铺评分",
            "遵守规则，诚信经营",
            "促销活动策划",
        ]
        assert advice[0].tips[0] == "对客户的投诉要及时处理。"
        assert advice[0].area == "complaints"  # the area's name is not translated

    def test_the_same_advice_in_both_languages(self):
        english = ts.advise(assess(), rules=RULES)
        chinese = ts.advise(assess(), rules=RULES, lang="zh")
        assert [(a.area, a.dimension, a.lost, len(a.tips)) for a in english] == [
            (a.area, a.dimension, a.lost, len(a.tips)) for a in chinese
        ]
        # The sources and quotes are the articles' own, whatever the language.
        assert [(a.sources, a.quotes) for a in english] == [(a.sources, a.quotes) for a in chinese]

    @pytest.mark.parametrize("limit", [0, 1, 2, 7, 100])
    def test_limit_keeps_the_first_few(self, limit):
        everything = ts.advise(assess(), rules=RULES)
        assert ts.advise(assess(), rules=RULES, limit=limit) == everything[:limit]

    def test_limit_none_keeps_everything(self):
        assert len(ts.advise(assess(), rules=RULES, limit=None)) == 7


class TestTaobao:
    SCORES = ts.TaobaoScores(
        description=4, logistics=3, customer_service=4, transaction_security=5, after_sales="4.5"
    )

    def test_taobao_dimensions_map_to_the_same_areas(self):
        result = assess(self.SCORES, category="女装", rules=TAOBAO)
        # 女装: description 0.3 × 1, logistics 0.2 × 2, customer service 0.2 × 1,
        # transaction security 0.1 × 0, after-sales 0.2 × 0.5.
        advice = ts.advise(result, rules=TAOBAO)
        assert ranked(advice) == [
            ("logistics", D("0.4")),
            ("product_information", D("0.3")),
            ("customer_service", D("0.2")),
            ("after_sales", D("0.10")),
            *[(area, 0) for area in GENERAL],
        ]
        assert advice[0].dimension is ts.TaobaoDimension.LOGISTICS
        assert advice[1].dimension is ts.TaobaoDimension.DESCRIPTION

    def test_transaction_security_has_an_area_of_its_own(self):
        weak = ts.TaobaoScores(
            description=5, logistics=5, customer_service=5, transaction_security=1, after_sales=5
        )
        advice = ts.advise(assess(weak, category="女装", rules=TAOBAO), rules=TAOBAO)
        # 女装 weighs transaction security 0.1: 0.1 × (5 − 1).
        assert ranked(advice) == [("transaction_security", D("0.4")), *[(a, 0) for a in GENERAL]]
        assert advice[0].dimension is ts.TaobaoDimension.TRANSACTION_SECURITY
        assert advice[0].sources == ("003", "003", "003")
        chinese = ts.advise(assess(weak, category="女装", rules=TAOBAO), rules=TAOBAO, lang="zh")
        assert chinese[0].title == "保障交易安全"
        assert chinese[0].tips[1] == "加强店铺的安全防护措施，防止诈骗。"


class TestSources:
    """Every tip says which source article it restates, in the article's own words."""

    AREAS = _areas()
    TIPS = tuple((area.name, tip) for area in AREAS for tip in area.tips)

    def test_every_tip_names_a_source_article_and_quotes_it(self):
        assert len(self.TIPS) == 31
        for name, tip in self.TIPS:
            assert tip.source in {"000", "001", "002", "003"}, name
            assert tip.quote.strip(), name
            assert tip.quote == tip.quote.strip(), name

    def test_the_quotes_are_the_articles_words_not_the_tips(self):
        # A quote is the article's text (ASCII commas and all), never the tip itself.
        for name, tip in self.TIPS:
            assert tip.quote not in (tip.text["zh"], tip.text["en"]), name

    def test_each_areas_dimensions_are_real_dimensions(self):
        real = {d.value for d in ts.Dimension} | {d.value for d in ts.TaobaoDimension}
        for area in self.AREAS:
            assert area.dimensions <= real, area.name

    @pytest.mark.parametrize("dimension", [*ts.Dimension, *ts.TaobaoDimension])
    def test_every_dimension_of_both_schemes_has_one_area(self, dimension):
        owners = [area.name for area in self.AREAS if dimension.value in area.dimensions]
        assert len(owners) == 1

    def test_chinese_tips_use_full_width_punctuation(self):
        for name, tip in self.TIPS:
            text = tip.text["zh"]
            assert text.endswith("。"), (name, text)
            assert not set(text) & set(",;:()"), (name, text)

    def test_english_tips_are_sentences(self):
        for name, tip in self.TIPS:
            assert tip.text["en"][0].isupper(), name
            assert tip.text["en"].endswith("."), name

    def test_the_advice_carries_one_source_and_one_quote_per_tip(self):
        weak = ts.DimensionScores(product=1, logistics=1, after_sales=1, dispute=1, consultation=1)
        advice = ts.advise(assess(weak), rules=RULES, lang="zh")
        assert len(advice) == 8  # five dimensions' areas and three general ones
        for item in advice:
            assert len(item.sources) == len(item.quotes) == len(item.tips)
        by_area = {item.area: item for item in advice}
        service = by_area["customer_service"]
        assert ("003", "提供7x24小时不间断的服务") in zip(
            service.sources, service.quotes, strict=True
        )
        assert by_area["compliance"].quotes == (
            "商家应严格遵循淘宝的各项规定,避免违规操作",
            "同时还需要维护资质",
        )

    @pytest.mark.parametrize(
        ("table", "message"),
        [
            ({"dimensions": ["speed"]}, r"areas\.x\.dimensions: \['speed'\] are not dimensions"),
            ({"dimensions": [], "tips": []}, r"areas\.x\.tips: \[\] is not a list of tips"),
            (
                {"dimensions": [], "title": TITLE, "tips": ["a"]},
                r"areas\.x\.tips\[0\]: 'a' is not a table",
            ),
            (
                {
                    "dimensions": [],
                    "title": TITLE,
                    "tips": [{"en": "a", "zh": "甲", "source": "004", "quote": "乙"}],
                },
                r"areas\.x\.tips\[0\]\.source: '004' is not one of 000, 001, 002, 003",
            ),
            (
                {
                    "dimensions": [],
                    "title": TITLE,
                    "tips": [{"en": "a", "zh": "甲", "source": "000", "quote": " "}],
                },
                r"areas\.x\.tips\[0\]\.quote: ' ' is not a quote",
            ),
            (
                {
                    "dimensions": [],
                    "title": TITLE,
                    "tips": [{"en": "a", "source": "000", "quote": "乙"}],
                },
                r"areas\.x\.tips\[0\]\.zh: None is not a text",
            ),
            (
                {
                    "dimensions": [],
                    "title": {"en": "A"},
                    "tips": [{"en": "a", "zh": "甲", "source": "000", "quote": "乙"}],
                },
                r"areas\.x\.title\.zh: None is not a text",
            ),
        ],
    )
    def test_a_bad_area_in_the_file_is_refused(self, table, message):
        with pytest.raises((TypeError, ValueError), match=message):
            _area("x", table)

    def test_a_dimension_without_an_area_or_with_two_is_refused(self):
        areas = self.AREAS
        without = tuple(area for area in areas if area.name != "transaction_security")
        with pytest.raises(ValueError, match=r"'transaction_security' is in 0 areas, not 1"):
            _checked(without)
        with pytest.raises(ValueError, match=r"'logistics' is in 2 areas, not 1"):
            _checked((*areas, areas[1]))


class TestBadInput:
    @pytest.mark.parametrize("lang", ["fr", "ZH", None, ""])
    def test_an_unknown_language_is_refused(self, lang):
        with pytest.raises(ts.InvalidOptionError, match=r"lang: .* is not a language"):
            ts.advise(assess(), rules=RULES, lang=lang)

    @pytest.mark.parametrize("limit", [-1, True, 1.5, "2"])
    def test_a_bad_limit_is_refused(self, limit):
        with pytest.raises(ts.InvalidOptionError, match=r"limit: .* is not a number of pieces"):
            ts.advise(assess(), rules=RULES, limit=limit)

    def test_the_assessment_and_rules_must_be_ones(self):
        with pytest.raises(ts.RuleBookError, match=r"assessment: .* is not an Assessment"):
            ts.advise(SEED, rules=RULES)
        with pytest.raises(ts.RuleBookError, match=r"rules: .* is not a RuleBook"):
            ts.advise(assess(), rules="example")

    def test_a_new_shop_is_advised_on_its_scores(self):
        # The shop is not assessed, but its scores still say where it is weak.
        result = assess(opened=dt.date(2024, 7, 1))
        assert result.status is ts.Status.NEW_SHOP
        assert ts.advise(result, rules=RULES)[0].area == "complaints"
