"""Notebook display: HTML tables and one-line reprs of the main values."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import attrs
import pytest

import tmall_service as ts
from views import facts, read, table, title

RULES = ts.example_rulebook()
EDITIONS = Path(__file__).parents[2] / "docs" / "examples" / "editions"
JULY = ts.AssessmentPeriod.month(2024, 7)
SEED = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)


def assess(scores=SEED, category="服饰", rules=RULES, **facts):
    return ts.assess(scores, category=category, period=JULY, rules=rules, **facts)


def test_scores_and_weights_show_one_row_of_their_values():
    shown = table(SEED._repr_html_())
    assert shown["header"] == ["product", "logistics", "after-sales", "dispute", "consultation"]
    assert shown["rows"] == [["5.00", "3.00", "4.00", "1.00", "4.00"]]
    assert table(ts.DimensionScores(product="4.5")._repr_html_())["rows"] == [
        ["4.50", "—", "—", "—", "—"]
    ]
    assert table(RULES.profile("服饰")._repr_html_())["rows"] == [
        ["0.20", "0.30", "0.20", "0.20", "0.10"]
    ]
    with ts.display_options(lang="zh"):
        assert table(SEED._repr_html_())["header"] == [d.label_zh for d in ts.Dimension]


def test_taobao_values_show_their_own_dimensions():
    taobao = ts.example_rulebook(ts.Scheme.TAOBAO)
    weights = next(iter(taobao.profiles.values()))
    assert table(weights._repr_html_())["header"] == [
        "description",
        "logistics",
        "customer service",
        "transaction security",
        "after-sales",
    ]
    assert table(ts.TaobaoScores(description=4)._repr_html_())["rows"][0][0] == "4.00"


def test_an_assessment_shows_its_facts_and_scores():
    shown = assess()._repr_html_()
    assert title(shown) == "服饰 · 2024-07-01..2024-07-31"
    assert facts(shown) == {"status": "scored", "score": "3.30", "stars": "3"}
    assert table(shown)["caption"] == "scores"
    assert table(shown)["rows"] == [["5.00", "3.00", "4.00", "1.00", "4.00"]]
    with ts.display_options(lang="zh"):
        assert facts(assess()._repr_html_()) == {"状态": "已考核", "得分": "3.30", "星级": "3"}


def test_an_exempt_assessment_names_its_exemption():
    shown = facts(assess(region="河南")._repr_html_())
    assert shown == {
        "status": "exempt",
        "score": "99",
        "region": "河南",
        "exemption": "Example: flood in 河南 (特大灾害)",
    }


def test_text_from_the_data_is_escaped_never_markup():
    book = ts.RuleBook(
        profiles={"<script>x</script>": RULES.profile("服饰")}, extra_regions={"<i>"}, name="<b>"
    )
    shop = assess(category="<script>x</script>", rules=book, region="<i>")
    for fragment in (
        shop._repr_html_(),
        ts.AssessmentTable([shop], shops=["<b>"], rules=book)._repr_html_(),
        book._repr_html_(),
        ts.what_if(shop, rules=book, scores={"product": 1})._repr_html_(),
    ):
        assert {"script", "b", "i"}.isdisjoint(read(fragment).tags)
        assert "&lt;" in fragment


def test_one_line_reprs():
    assert repr(assess()) == "<Assessment 服饰 2024-07-01..2024-07-31: scored, score 3.30, 3 stars>"
    assert repr(assess(ts.DimensionScores())) == (
        "<Assessment 服饰 2024-07-01..2024-07-31: no_data, score 99>"
    )
    parts = ts.breakdown(
        ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1),
        RULES.profile("服饰"),
        missing_data=ts.MissingDataPolicy.RENORMALISE,
    )
    assert repr(parts) == (
        "<Breakdown 3.22 = (5.00×0.20 + 3.00×0.30 + 4.00×0.20 + 1.00×0.20) / 0.90>"
    )
    change = ts.what_if(assess(), rules=RULES, scores={"logistics": 4})
    assert repr(change) == "<WhatIf 3.30 → 3.60 (+0.30): logistics 3.00→4.00>"
    same = ts.what_if(assess(), rules=RULES)
    assert repr(same) == "<WhatIf 3.30 → 3.30 (+0.00): no change>"
    to_data = ts.what_if(assess(ts.DimensionScores()), rules=RULES, scores={"product": 4})
    assert repr(to_data) == "<WhatIf 99 → 4.00: product —→4.00>"
    assert repr(ts.gap(assess(), "3", rules=RULES)) == "<Gap to 3.00 from 3.30: met>"
    gap = ts.gap(assess(), "3.5", rules=RULES)
    assert repr(gap) == "<Gap to 3.50 from 3.30: <Plan logistics→3.65: cost 0.65, score 3.50>>"
    assert repr(RULES).startswith("<RuleBook 'Example edition (illustrative, not official)'")
    assert repr(RULES).endswith("2024-01-01..2024-12-31: 5 categories, 2 exemptions>")
    assert repr(ts.RuleBook(profiles={})) == "<RuleBook '' …..…: 0 categories, 0 exemptions>"
    one = ts.RuleBook(profiles={"服饰": RULES.profile("服饰")}, exemptions=RULES.exemptions[:1])
    assert repr(one).endswith(": 1 category, 1 exemption>")
    advice = ts.advise(assess(), rules=RULES)
    assert repr(advice[0]) == "<Advice complaints (dispute): loses 0.80; 3 tips>"


def test_a_breakdown_table_sums_up():
    shown = ts.breakdown(SEED, RULES.profile("服饰"))._repr_html_()
    assert title(shown) == "score 3.30"
    rows = table(shown)["rows"]
    assert rows[0] == ["product", "5.00", "0.20", "1.00", "0.00", "30.30%"]
    assert rows[-1] == ["Σ", "—", "1.00", "3.30", "1.70", "—"]


def test_a_gap_shows_each_dimension_alone_and_the_plan():
    shown = ts.gap(assess(), ts.Purpose.MERCHANT_ASSESSMENT, rules=RULES)._repr_html_()
    assert title(shown) == "target 3.50 · score 3.30 · not met"
    alone = table(shown)
    assert alone["header"] == ["dimension", "now", "needed alone", "increase"]
    assert alone["rows"][:2] == [
        ["product", "5.00", "unreachable", "—"],
        ["logistics", "3.00", "3.65", "0.65"],
    ]
    assert read(shown).titles[1] == "cheapest plan"
    assert table(shown, 1) == {
        "class": "ts",
        "caption": "",
        "header": ["dimension", "now", "new score"],
        "rows": [["logistics", "3.00", "3.65"]],
    }
    assert facts(shown) == {"cost": "0.65", "score": "3.50"}
    met = ts.gap(assess(), "3", rules=RULES)._repr_html_()
    assert title(met) == "target 3.00 · score 3.30 · met"
    with ts.display_options(lang="zh"):
        zh = ts.gap(assess(), "3.5", rules=RULES)._repr_html_()
    assert title(zh) == "目标 3.50 · 得分 3.30 · 未达到"
    assert table(zh)["rows"][0] == ["商品体验", "5.00", "无法达到", "—"]


def test_a_plan_shows_its_new_scores_cost_and_score():
    plan = ts.gap(assess(), "3.5", rules=RULES).plan._repr_html_()
    assert title(plan) == "cheapest plan"
    assert table(plan)["rows"] == [["logistics", "3.65"]]
    assert facts(plan) == {"cost": "0.65", "score": "3.50"}


def test_a_what_if_table_shows_before_and_after():
    change = ts.what_if(assess(ts.DimensionScores()), rules=RULES, scores={"product": 4})
    shown = change._repr_html_()
    assert title(shown) == "服饰 · 2024-07-01..2024-07-31"
    assert table(shown)["rows"] == [
        ["status", "no data", "scored"],
        ["score", "99", "4.00"],
        ["stars", "—", "4"],
        ["product", "—", "4.00"],
    ]
    better = ts.what_if(assess(), rules=RULES, scores={"logistics": 4})._repr_html_()
    assert title(better) == "服饰 · 2024-07-01..2024-07-31 · change +0.30"


def test_a_rule_book_shows_every_setting_standard_weight_and_exemption():
    shown = RULES._repr_html_()
    assert title(shown) == "Example edition (illustrative, not official)"
    settings = facts(shown)
    assert settings["minimum orders"] == "30"
    assert settings["new-shop grace"] == "3 calendar months"
    assert settings["bonuses"] == "special_service +0.25"
    assert settings["not assessed"] == "图书, 文具, 汽车, 汽车配件"
    assert settings["a shop not assessed"] == "passes every standard by default"
    standards = table(shown, 0)
    assert standards["rows"][0] == [
        "marketing access",
        "4.00",
        "食品 4.20",
        "not eligible for campaigns while below",
    ]
    assert standards["rows"][1][3].endswith("clearance after 3 failing periods in a row")
    weights = table(shown, 1)
    assert weights["rows"][0] == ["服饰", "0.20", "0.30", "0.20", "0.20", "0.10"]
    exemptions = table(shown, 2)
    assert exemptions["rows"][0][2] == "河南"


def test_a_rule_book_is_shown_as_rules_show_prints_it(capsys):
    from tmall_service._cli.main import main

    main(["rules", "show"])
    printed = capsys.readouterr().out
    shown = RULES._repr_html_()
    for what, value in facts(shown).items():
        assert f"  {what}: {value}" in printed
    for index in range(3):
        for row in table(shown, index)["rows"]:
            assert any(all(cell in line for cell in row) for line in printed.splitlines()), row


def test_a_rule_book_in_chinese_is_all_chinese():
    with ts.display_options(lang="zh"):
        shown = RULES._repr_html_()
    assert facts(shown)["最低订单数"] == "30"
    assert table(shown, 0)["header"] == ["考核项", "分数 ≥", "类目标准", "未达标的后果"]
    assert table(shown, 0)["rows"][0][0] == "营销准入"
    assert table(shown, 1)["header"] == ["类目", *(d.label_zh for d in ts.Dimension)]


def test_a_standing_shows_each_verdict():
    weak = ts.DimensionScores(product=3, logistics=3, after_sales=3, dispute=3, consultation=3)
    history = [
        ts.assess(weak, category="服饰", period=ts.AssessmentPeriod.month(2024, m), rules=RULES)
        for m in (4, 6)
    ]
    shown = ts.standing(history, RULES)._repr_html_()
    assert facts(shown) == {
        "latest period": "2024-06-01..2024-06-30",
        "gaps": "2024-05-01..2024-05-31",
    }
    rows = {row[0]: row[1:] for row in table(shown)["rows"]}
    assert rows["merchant assessment"] == [
        "✗ at risk of clearance",
        "failed the latest period: at risk of clearance",
        "2024-06-01..2024-06-30",
    ]
    assert rows["annual fee refund"] == [
        "✗ refund forfeited",
        (
            "below the standard in 2 periods of the fee year 2024-01-01..2024-12-31: "
            "its refund is forfeited"
        ),
        "2024-04-01..2024-04-30; 2024-06-01..2024-06-30",
    ]
    with ts.display_options(lang="zh"):
        zh = table(ts.standing(history, RULES)._repr_html_())
    assert zh["rows"][1][:2] == ["商家考核", "✗ 面临清退风险"]


def test_advice_shows_as_one_table_in_its_own_language():
    shown = ts.advise(assess(), rules=RULES, lang="zh")._repr_html_()
    assert title(shown) == "建议（按失分从多到少）"
    rows = table(shown)["rows"]
    assert rows[0][:4] == ["1", "及时处理投诉与纠纷", "纠纷体验", "0.80"]
    assert rows[0][4].startswith("对客户的投诉要及时处理。")
    one = ts.advise(assess(), rules=RULES)[0]._repr_html_()
    assert table(one)["header"] == ["", "area", "dimension", "points lost", "what to do", "sources"]


def test_every_display_has_the_one_design():
    shop = assess()
    values = [
        shop,
        SEED,
        RULES.profile("服饰"),
        ts.breakdown(SEED, RULES.profile("服饰")),
        ts.gap(shop, "3.5", rules=RULES),
        ts.gap(shop, "3.5", rules=RULES).plan,
        ts.what_if(shop, rules=RULES, scores={"product": 4}),
        ts.standing([shop], RULES),
        ts.AssessmentTable([shop]),
        ts.advise(shop, rules=RULES),
        ts.advise(shop, rules=RULES)[0],
        RULES,
        ts.load_editions(EDITIONS),
    ]
    for value in values:
        shown = value._repr_html_()
        assert shown.startswith('<div class="tmall-service"><style>'), type(value)
        if not isinstance(value, ts.DimensionScores | ts.WeightProfile):
            assert read(shown).titles, type(value)


class TestAssessmentTable:
    def test_it_is_a_sequence_of_its_assessments(self):
        shops = [assess(), assess(category="汽车"), assess(ts.DimensionScores())]
        table = ts.AssessmentTable(shops)
        assert len(table) == 3
        assert list(table) == shops
        assert table[1] is shops[1]
        assert isinstance(table[1:], ts.AssessmentTable)
        assert list(table[1:]) == shops[1:]
        assert table == ts.AssessmentTable(iter(shops))

    def test_one_row_per_assessment_in_html_and_text(self):
        table_ = ts.AssessmentTable([assess(), assess(category="汽车", region="浙江")])
        shown = table(table_._repr_html_())
        assert shown["header"] == [
            "category", "period", "region", "status", "score", "stars",
            "product", "logistics", "after-sales", "dispute", "consultation",
        ]  # fmt: skip
        assert shown["rows"][0] == [
            "服饰", "2024-07-01..2024-07-31", "—", "scored", "3.30", "3",
            "5.00", "3.00", "4.00", "1.00", "4.00",
        ]  # fmt: skip
        assert shown["rows"][1][:6] == [
            "汽车",
            "2024-07-01..2024-07-31",
            "浙江",
            "category excluded",
            "99",
            "—",
        ]
        text = repr(table_).splitlines()
        assert len(text) == 3
        columns = [re.split(r"\s*\|\s*", line.strip()) for line in text]
        assert columns[1][:6] == ["服饰", "2024-07-01..2024-07-31", "—", "scored", "3.30", "3"]

    def test_shops_and_standards_when_given(self):
        shops = [assess(), assess(ts.DimensionScores(product=5, logistics=5, after_sales=5,
                                                     dispute=5, consultation=5))]  # fmt: skip
        table_ = ts.AssessmentTable(shops, shops=["云裳", "锦衣坊"], rules=RULES)
        shown = table(table_._repr_html_())
        assert shown["header"][:1] + shown["header"][7:10] == [
            "shop", "marketing access", "merchant assessment", "annual fee refund",
        ]  # fmt: skip
        assert shown["rows"][0][:1] + shown["rows"][0][7:10] == [
            "云裳", "✗ fails", "✗ fails", "✗ fails",
        ]  # fmt: skip
        assert shown["rows"][1][7:10] == ["✓ passes"] * 3
        text = [cell.strip() for cell in repr(table_).splitlines()[2].split(" | ")]
        assert text[7:10] == ["pass", "pass", "pass"]
        assert table(table_[1:]._repr_html_())["rows"][0][0] == "锦衣坊"
        with ts.display_options(lang="zh"):
            zh = table(table_._repr_html_())
        assert zh["header"][:2] == ["店铺", "类目"]
        assert zh["rows"][0][7] == "✗ 未达标"

    def test_rules_that_cannot_judge_a_row_are_refused_when_the_table_is_made(self):
        later = attrs.evolve(RULES, effective_from=dt.date(2025, 1, 1), effective_to=None)
        with pytest.raises(ts.InvalidPeriodError, match="outside the edition"):
            ts.AssessmentTable([assess()], rules=later)

    @pytest.mark.parametrize(
        ("arguments", "message"),
        [
            ({"shops": ["one"]}, "shops: 1 name for 2 assessments; give one name per assessment"),
            ({"shops": "ab"}, "shops: 'ab' is not a sequence of str"),
            ({"rules": "book"}, "rules: 'book' is not a RuleBook or Editions"),
        ],
    )
    def test_bad_shops_or_rules_are_refused(self, arguments, message):
        with pytest.raises(ts.RuleBookError) as error:
            ts.AssessmentTable([assess(), assess()], **arguments)
        assert str(error.value) == message

    def test_text_columns_line_up_with_chinese_names(self):
        table = ts.AssessmentTable([assess(), assess(category="数码")])
        lines = repr(table).splitlines()
        bars = {
            tuple(
                m.start()
                for m in re.finditer(r"\|", line.replace("服饰", "xxxx").replace("数码", "xxxx"))
            )
            for line in lines
        }
        assert len(bars) == 1  # every | at the same terminal column

    def test_taobao_and_tmall_side_by_side_show_both_schemes_columns(self):
        taobao = ts.example_rulebook(ts.Scheme.TAOBAO)
        category = next(iter(taobao.profiles))
        other = ts.assess(
            ts.TaobaoScores(description=4), category=category, period=JULY, rules=taobao
        )
        header = table(ts.AssessmentTable([assess(), other])._repr_html_())["header"]
        assert header[6:] == [
            "product", "logistics", "after-sales", "dispute", "consultation",
            "description", "customer service", "transaction security",
        ]  # fmt: skip

    @pytest.mark.parametrize("bad", ["shops", 3, None, [assess(), "x"], assess()])
    def test_anything_but_assessments_is_refused(self, bad):
        with pytest.raises(ts.RuleBookError, match="assessments"):
            ts.AssessmentTable(bad)


def test_numbers_have_two_places_or_their_own():
    shop = assess(ts.DimensionScores(product="4.5", logistics=Decimal("3.125")))
    assert table(shop._repr_html_())["rows"][0][:2] == ["4.50", "3.125"]


def test_the_99_written_as_such_is_the_score_of_a_shop_not_assessed():
    from tmall_service._values import text as _display

    assert ts.NOT_ASSESSED_SCORE == _display._NOT_ASSESSED  # noqa: SLF001 - the private constant is what is compared
    assert repr(assess(ts.DimensionScores())).endswith("score 99>")


def test_editions_show_each_edition_with_its_dates_and_size():
    shown = ts.load_editions(EDITIONS)._repr_html_()
    assert title(shown) == "Editions of the rules"
    assert table(shown)["rows"] == [
        ["2023 (example)", "2023-01-01..2023-12-31", "1", "0"],
        ["2024 (example)", "2024-01-01..2024-12-31", "2", "0"],
    ]


def test_a_rule_book_in_a_notebook_cell_by_cell():
    apparel = RULES.profile("服饰")
    book = ts.RuleBook(
        profiles={"服饰": apparel},
        excluded_categories=["食品"],
        exemptions=[
            ts.Exemption(
                start=dt.date(2024, 7, 1),
                end=dt.date(2024, 7, 9),
                reason="台风",
                categories=["服饰", "食品"],
            ),
        ],
        thresholds={ts.Purpose.MERCHANT_ASSESSMENT: "3.5"},
        name="mine",
        source="our own",
        effective_from=dt.date(2024, 1, 1),
    )
    shown = book._repr_html_()
    assert title(shown) == "mine"
    assert facts(shown) == {
        "source": "our own",
        "in force": "2024-01-01..until replaced",
        "scheme": "tmall (天猫基础服务考核分)",
        "assessment period": "month",
        "missing data": "renormalise (the other weights rescaled)",
        "star bands": "3, 3.5, 4, 4.5, 5",
        "not assessed": "食品",
        "a shop not assessed": "passes every standard by default",
    }
    assert [table(shown, i)["rows"] for i in range(3)] == [
        [
            [
                "merchant assessment",
                "3.50",
                "—",
                "consecutive failures put the shop at risk of clearance",
            ]
        ],
        [["服饰", "0.20", "0.30", "0.20", "0.20", "0.10"]],
        [["2024-07-01..2024-07-09", "服饰, 食品", "all", "台风"]],
    ]


def test_a_rule_book_without_exemptions_shows_no_exemptions_table():
    book = ts.RuleBook(profiles={}, name="", effective_to=dt.date(2024, 12, 31))
    shown = book._repr_html_()
    assert [t["caption"] for t in read(shown).tables[1:]] == []
    assert title(shown) == "unnamed edition"
    assert facts(shown)["in force"] == "since ever..2024-12-31"


def test_an_assessment_shows_its_region_and_bonus():
    book = ts.RuleBook(profiles={"服饰": RULES.profile("服饰")}, bonuses={"extra": "0.25"})
    shop = ts.assess(ts.DimensionScores(product=4, logistics=4, after_sales=4, dispute=4,
                                        consultation=4),
                     category="服饰", period=JULY, rules=book, region="浙江",
                     bonuses=["extra"])  # fmt: skip
    assert facts(shop._repr_html_()) == {
        "region": "浙江",
        "status": "scored",
        "score": "4.25",
        "stars": "4",
        "bonus": "+0.25",
    }


def test_an_exemption_for_every_category_in_several_regions():
    book = ts.RuleBook(
        profiles={},
        exemptions=[
            ts.Exemption(start=dt.date(2024, 7, 1), end=dt.date(2024, 7, 2), reason="洪水",
                         regions=["河南", "安徽"]),
        ],
    )  # fmt: skip
    assert table(book._repr_html_())["rows"] == [
        ["2024-07-01..2024-07-02", "all", "安徽, 河南", "洪水"]
    ]


def test_a_rule_book_without_exemptions_ends_with_its_weights():
    html = ts.RuleBook(profiles={"服饰": RULES.profile("服饰")})._repr_html_()
    assert table(html, -1)["caption"] == "weights"
