"""Exact texts no other test pins: a rule book's HTML, the facts of an assessment, messages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

import tmall_service as ts
from tmall_service._rules.assessment import bonus_points
from tmall_service._values.numbers import round_half_up
from views import facts, read, table, title

RULES = ts.example_rulebook()
JULY = ts.AssessmentPeriod.month(2024, 7)


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


def test_no_bonus_is_a_decimal_zero():
    points = bonus_points(RULES, frozenset())
    assert repr(points) == "Decimal('0')"


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (Decimal("0.12345"), 4, "0.1235"),
        (Decimal("0.12344"), 4, "0.1234"),
        (Decimal("2.5"), 0, "3"),
        (Decimal("3.305"), 2, "3.31"),
        (Decimal("3.3"), 3, "3.300"),
        (Fraction(1, 8), 2, "0.13"),
        (Fraction(1, 8), 3, "0.125"),
    ],
)
def test_rounding_half_up_to_any_number_of_places(value, places, expected):
    assert str(round_half_up(value, places)) == expected


def test_a_missing_data_policy_that_is_not_one_is_named_with_the_valid_ones():
    profile = RULES.profile("服饰")
    scores = ts.DimensionScores(product=4)
    with pytest.raises(ts.RuleBookError) as error:
        ts.composite_score(scores, profile, missing_data="renormalise")  # type: ignore[arg-type]
    assert str(error.value) == (
        "missing_data: 'renormalise' is not a MissingDataPolicy; "
        "expected one of 'renormalise', 'zero', 'refuse'"
    )


def test_messages_about_indicator_scales_in_a_rule_book():
    with pytest.raises(ts.RuleBookError) as error:
        ts.RuleBook(profiles={}, indicator_scales="scales")  # type: ignore[arg-type]
    assert str(error.value) == "indicator_scales: 'scales' is not an IndicatorScales"
    with pytest.raises(ts.RuleBookError) as error:
        ts.RuleBook(profiles={}, scheme=ts.Scheme.TAOBAO, indicator_scales=RULES.indicator_scales)
    assert str(error.value) == (
        "indicator_scales: the indicators are those of Tmall's dimensions; "
        "a rule book of scheme 'taobao' cannot scale them"
    )
    with pytest.raises(ts.RuleBookError) as error:
        ts.RuleBook(profiles={}).dimension_scores(ts.IndicatorValues(dsr=4), category="服饰")
    assert str(error.value) == (
        "indicator_scales: this edition sets no scales from indicators to scores"
    )


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
