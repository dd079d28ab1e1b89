"""Taobao's service guarantee score, expressed with the same machinery."""

import datetime as dt
import io
import json
from decimal import Decimal

import pytest

import tmall_service as ts
from tmall_service._cli.main import main

WEIGHTS = ts.TaobaoWeights(
    description="0.3",
    logistics="0.2",
    customer_service="0.2",
    transaction_security="0.1",
    after_sales="0.2",
)
SCORES = ts.TaobaoScores(
    description="4.8",
    logistics="4.6",
    customer_service="4.9",
    transaction_security=5,
    after_sales="4.7",
)
BOOK = ts.RuleBook(
    profiles={"女装": WEIGHTS},
    excluded_categories={"男装"},
    scheme=ts.Scheme.TAOBAO,
    thresholds={ts.Purpose.MARKETING_ACCESS: "4.8", ts.Purpose.MERCHANT_ASSESSMENT: "4.5"},
    clearance_after=2,
)
JULY = ts.AssessmentPeriod.month(2024, 7)


def test_the_composite_is_the_weighted_sum():
    # 4.8×0.3 + 4.6×0.2 + 4.9×0.2 + 5×0.1 + 4.7×0.2 = 1.44 + 0.92 + 0.98 + 0.5 + 0.94 = 4.78
    assert ts.composite_score(SCORES, WEIGHTS) == Decimal("4.78")


def test_dimensions_and_labels():
    assert [d.value for d in ts.Scheme.TAOBAO.dimensions] == [
        "description",
        "logistics",
        "customer_service",
        "transaction_security",
        "after_sales",
    ]
    assert ts.Scheme.TMALL.dimensions is ts.Dimension
    assert ts.Scheme.TAOBAO.scores is ts.TaobaoScores
    assert ts.Scheme.TAOBAO.weights is ts.TaobaoWeights
    assert ts.Scheme.TMALL.label_zh == "天猫基础服务考核分"
    assert SCORES["after_sales"] == Decimal("4.7")


def test_assess_and_the_99_rule_apply_alike():
    assert ts.assess(SCORES, category="女装", period=JULY, rules=BOOK).score == Decimal("4.78")
    assert (
        ts.assess(SCORES, category="男装", period=JULY, rules=BOOK).status
        is ts.Status.CATEGORY_EXCLUDED
    )
    with pytest.raises(ts.UnknownCategoryError, match=r"^category: '童装' is not a category of"):
        ts.assess(SCORES, category="童装", period=JULY, rules=BOOK)
    empty = ts.TaobaoScores(description=0, logistics=0)
    assert ts.assess(empty, category="女装", period=JULY, rules=BOOK).status is ts.Status.NO_DATA


def test_standing_applies_alike():
    weak = ts.TaobaoScores(
        description=4, logistics=4, customer_service=4, transaction_security=4, after_sales=4
    )
    history = [
        ts.assess(weak, category="女装", period=ts.AssessmentPeriod.month(2024, m), rules=BOOK)
        for m in (5, 6)
    ]
    standing = ts.standing(history, BOOK)
    assert standing[ts.Purpose.MARKETING_ACCESS].verdict is ts.Verdict.NOT_ELIGIBLE
    assert standing[ts.Purpose.MERCHANT_ASSESSMENT].verdict is ts.Verdict.CLEARANCE


def test_scores_of_the_other_scheme_are_refused():
    tmall = ts.DimensionScores(product=4)
    with pytest.raises(ts.InvalidScoreError, match="expected TaobaoScores"):
        ts.composite_score(tmall, WEIGHTS)  # type: ignore[arg-type]
    with pytest.raises(ts.InvalidScoreError, match=r"scores: .* is not a TaobaoScores"):
        ts.assess(tmall, category="女装", period=JULY, rules=BOOK)
    with pytest.raises(ts.InvalidScoreError, match="is not a DimensionScores"):
        ts.assess(SCORES, category="服饰", period=JULY, rules=ts.example_rulebook())


def test_weights_of_the_other_scheme_are_refused_in_a_rule_book():
    with pytest.raises(
        ts.RuleBookError, match=r"profiles\.女装: a TaobaoWeights in a rule book of scheme 'tmall'"
    ):
        ts.RuleBook(profiles={"女装": WEIGHTS})


def test_taobao_values_are_validated_like_tmall_ones():
    with pytest.raises(ts.InvalidWeightsError, match=r"weights sum to 0\.9"):
        ts.TaobaoWeights(
            description="0.2",
            logistics="0.2",
            customer_service="0.2",
            transaction_security="0.1",
            after_sales="0.2",
        )
    with pytest.raises(ts.InvalidWeightsError, match="after_sales: missing"):
        ts.TaobaoWeights(description=1, logistics=0, customer_service=0, transaction_security=0)  # type: ignore[call-arg]
    with pytest.raises(ts.InvalidScoreError, match="description: 'NaN'"):
        ts.TaobaoScores(description="NaN")
    with pytest.raises(ts.UnknownDimensionError, match="'product' is not a dimension"):
        SCORES["product"]


def test_converter_round_trips_taobao_values():
    result = ts.assess(SCORES, category="女装", period=JULY, rules=BOOK)
    for value in (SCORES, WEIGHTS, BOOK, result):
        data = json.loads(json.dumps(ts.converter.unstructure(value)))
        assert ts.converter.structure(data, type(value)) == value


def test_the_example_taobao_edition_loads_and_scores():
    book = ts.example_rulebook(ts.Scheme.TAOBAO)
    assert book.scheme is ts.Scheme.TAOBAO
    assert "illustrative" in book.name
    assert book.period_for(dt.date(2024, 7, 31)).days == 90
    with pytest.raises(ts.RuleBookError, match="scheme: 'taobao' is not a Scheme"):
        ts.example_rulebook("taobao")  # type: ignore[arg-type]


def test_the_command_line_reads_taobao_columns(tmp_path):
    path = tmp_path / "shops.csv"
    path.write_text(
        "shop,category,description,logistics,customer_service,transaction_security,after_sales\n"
        "小店,女装,4.8,4.6,4.9,5,4.7\n",
        encoding="utf-8",
    )
    out = io.StringIO()
    assert main(["assess", str(path), "--scheme", "taobao", "--period", "2024-07"], out=out) == 0
    assert " 4.78 " in out.getvalue()
    assert "1 shop: 1 scored" in out.getvalue()
