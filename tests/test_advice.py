"""advise: advice ranked by the points each dimension gives away."""

from decimal import Decimal

import pytest

import tmall_service as ts

D = Decimal
RULES = ts.example_rulebook()
JULY = ts.AssessmentPeriod.month(2024, 7)
SEED = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)
GENERAL = ["rating_management", "promotions"]


def assess(scores=SEED, category="服饰", rules=RULES, **facts):
    return ts.assess(scores, category=category, period=JULY, rules=rules, **facts)


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
