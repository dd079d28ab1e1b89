"""Notebook display: HTML tables and one-line reprs of the main values."""

from __future__ import annotations

import html.parser
import re
from decimal import Decimal

import pytest

import tmall_service as ts

RULES = ts.example_rulebook()
JULY = ts.AssessmentPeriod.month(2024, 7)
SEED = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)


def assess(scores=SEED, category="服饰", rules=RULES, **facts):
    return ts.assess(scores, category=category, period=JULY, rules=rules, **facts)


class _Cells(html.parser.HTMLParser):
    """The text of every cell, and every tag, of an HTML fragment."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.tags: list[str] = []
        self._open = False

    def handle_starttag(self, tag, attrs):  # noqa: ARG002 - the parser's signature
        self.tags.append(tag)
        if tag in {"td", "th", "caption"}:
            self._open = True
            self.cells.append("")

    def handle_endtag(self, tag):
        if tag in {"td", "th", "caption"}:
            self._open = False

    def handle_data(self, data):
        if self._open:
            self.cells[-1] += data


def cells(fragment: str) -> list[str]:
    parser = _Cells()
    parser.feed(fragment)
    parser.close()
    return parser.cells


def tags(fragment: str) -> set[str]:
    parser = _Cells()
    parser.feed(fragment)
    return set(parser.tags)


def test_scores_and_weights_show_one_row_of_their_values():
    assert cells(SEED._repr_html_()) == [
        *(d.value for d in ts.Dimension),
        *("5", "3", "4", "1", "4"),
    ]
    assert cells(ts.DimensionScores(product="4.50")._repr_html_())[5:] == [
        "4.50",
        "—",
        "—",
        "—",
        "—",
    ]
    assert cells(RULES.profile("服饰")._repr_html_())[5:] == ["0.2", "0.3", "0.2", "0.2", "0.1"]


def test_taobao_values_show_their_own_dimensions():
    taobao = ts.example_rulebook(ts.Scheme.TAOBAO)
    weights = next(iter(taobao.profiles.values()))
    assert cells(weights._repr_html_())[:5] == [d.value for d in ts.TaobaoDimension]
    assert cells(ts.TaobaoScores(description=4)._repr_html_())[5] == "4"


def test_an_assessment_shows_its_facts_and_scores():
    shown = cells(assess()._repr_html_())
    assert shown[:2] == ["", ""]
    facts = dict(zip(shown[2:12:2], shown[3:12:2], strict=True))
    assert facts == {
        "category": "服饰",
        "period": "2024-07-01..2024-07-31",
        "status": "scored",
        "score": "3.30",
        "stars": "3",
    }
    assert shown[12] == "scores"
    assert "region" not in shown  # unknown facts are left out
    assert shown[-5:] == ["5", "3", "4", "1", "4"]


def test_an_exempt_assessment_names_its_exemption():
    shown = cells(assess(region="河南")._repr_html_())
    assert "exemption" in shown
    assert shown[shown.index("exemption") + 1] == "Example: flood in 河南 (特大灾害)"
    assert shown[shown.index("score") + 1] == "99"
    assert "stars" not in shown


def test_text_from_the_data_is_escaped_never_markup():
    book = ts.RuleBook(
        profiles={"<script>x</script>": RULES.profile("服饰")}, extra_regions={"<i>"}, name="<b>"
    )
    shop = assess(category="<script>x</script>", rules=book, region="<i>")
    for fragment in (
        shop._repr_html_(),
        ts.AssessmentTable([shop])._repr_html_(),
        book._repr_html_(),
    ):
        assert "script" not in tags(fragment)
        assert "b" not in tags(fragment)
        assert "i" not in tags(fragment)
        assert "&lt;script&gt;" in fragment


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
    assert repr(parts) == "<Breakdown 3.22 = (5×0.2 + 3×0.3 + 4×0.2 + 1×0.2) / 0.9>"
    change = ts.what_if(assess(), rules=RULES, scores={"logistics": 4})
    assert repr(change) == "<WhatIf 3.30 → 3.60 (+0.30): logistics 3→4>"
    same = ts.what_if(assess(), rules=RULES)
    assert repr(same) == "<WhatIf 3.30 → 3.30 (+0.00): no change>"
    to_data = ts.what_if(assess(ts.DimensionScores()), rules=RULES, scores={"product": 4})
    assert repr(to_data) == "<WhatIf 99 → 4.00: product —→4>"
    assert repr(ts.gap(assess(), "3", rules=RULES)) == "<Gap to 3 from 3.30: met>"
    gap = ts.gap(assess(), "3.5", rules=RULES)
    assert repr(gap) == "<Gap to 3.5 from 3.30: <Plan logistics→3.65: cost 0.65, score 3.50>>"
    assert repr(RULES).startswith("<RuleBook 'Example edition (illustrative, not official)'")
    assert repr(RULES).endswith("2024-01-01..2024-12-31: 5 categories, 2 exemptions>")
    assert repr(ts.RuleBook(profiles={})) == "<RuleBook '' …..…: 0 categories, 0 exemptions>"


def test_a_breakdown_table_sums_up():
    shown = cells(ts.breakdown(SEED, RULES.profile("服饰"))._repr_html_())
    assert shown[0] == "score 3.30"
    total = shown[-6:]
    assert total == ["Σ", "—", "1.0", "3.3", "1.7", "—"]


def test_a_gap_table_says_which_dimensions_cannot_reach():
    shown = cells(ts.gap(assess(), ts.Purpose.MERCHANT_ASSESSMENT, rules=RULES)._repr_html_())
    assert shown[0] == "to 3.5 from 3.30"
    rows = [shown[i : i + 4] for i in range(5, len(shown), 4)]
    assert rows[0] == ["product", "5", "unreachable", "—"]
    assert rows[1] == ["logistics", "3", "3.65", "0.65"]
    assert "Plan logistics→3.65" in ts.gap(assess(), "3.5", rules=RULES)._repr_html_()


def test_a_what_if_table_shows_before_and_after():
    change = ts.what_if(assess(ts.DimensionScores()), rules=RULES, scores={"product": 4})
    shown = cells(change._repr_html_())
    rows = [shown[i : i + 3] for i in range(3, len(shown), 3)]
    assert rows == [
        ["status", "no_data", "scored"],
        ["score", "99", "4.00"],
        ["stars", "—", "4"],
        ["product", "—", "4"],
    ]


def test_a_rule_book_shows_its_weights_standards_and_exemptions():
    shown = cells(RULES._repr_html_())
    start = shown.index("服饰")
    assert shown[start : start + 9] == [
        "服饰",
        "0.2",
        "0.3",
        "0.2",
        "0.2",
        "0.1",
        "4.0",
        "3.5",
        "4.2",
    ]
    food = shown.index("食品")
    assert shown[food + 6] == "4.2"  # its own marketing standard
    assert "exemptions" in shown
    assert "河南" in shown


def test_a_standing_shows_each_verdict():
    weak = ts.DimensionScores(product=3, logistics=3, after_sales=3, dispute=3, consultation=3)
    history = [
        ts.assess(weak, category="服饰", period=ts.AssessmentPeriod.month(2024, m), rules=RULES)
        for m in (4, 6)
    ]
    shown = cells(ts.standing(history, RULES)._repr_html_())
    assert shown[0] == "latest 2024-06-01..2024-06-30; gaps 2024-05-01..2024-05-31"
    assert shown[shown.index("商家考核 merchant_assessment") :][:4] == [
        "商家考核 merchant_assessment",
        "面临清退风险 at_risk",
        "failed 1 period in a row: at risk of clearance",
        "2024-06-01..2024-06-30",
    ]
    refund = shown[shown.index("年费返还 annual_fee_refund") :][:4]
    assert refund[1:] == [
        "年费不予返还 forfeited",
        (
            "below the standard in 2 periods of the fee year 2024-01-01..2024-12-31: "
            "its refund is forfeited"
        ),
        "2024-04-01..2024-04-30, 2024-06-01..2024-06-30",
    ]


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
        table = ts.AssessmentTable([assess(), assess(category="汽车", region="浙江")])
        shown = cells(table._repr_html_())
        header = shown[:11]
        assert header == [
            "category", "period", "region", "status", "score", "stars",
            *(d.value for d in ts.Dimension),
        ]  # fmt: skip
        assert shown[11:22] == [
            "服饰", "2024-07-01..2024-07-31", "—", "scored", "3.30", "3", "5", "3", "4", "1", "4",
        ]  # fmt: skip
        assert shown[22:28] == [
            "汽车",
            "2024-07-01..2024-07-31",
            "浙江",
            "category_excluded",
            "99",
            "—",
        ]
        text = repr(table).splitlines()
        assert len(text) == 3
        columns = [re.split(r"\s*\|\s*", line.strip()) for line in text]
        assert columns[1][:6] == ["服饰", "2024-07-01..2024-07-31", "—", "scored", "3.30", "3"]

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
        header = cells(ts.AssessmentTable([assess(), other])._repr_html_())[:14]
        assert header[6:] == [d.value for d in ts.Dimension] + [
            d.value for d in ts.TaobaoDimension if d.value not in {"logistics", "after_sales"}
        ]

    @pytest.mark.parametrize("bad", ["shops", 3, None, [assess(), "x"], assess()])
    def test_anything_but_assessments_is_refused(self, bad):
        with pytest.raises(ts.RuleBookError, match="assessments"):
            ts.AssessmentTable(bad)


def test_numbers_keep_their_places():
    shop = assess(ts.DimensionScores(product="4.50", logistics=Decimal("3.0")))
    assert cells(shop._repr_html_())[-5:-3] == ["4.50", "3.0"]
