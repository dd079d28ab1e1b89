"""A scheme declared in one place works everywhere: the made-up scheme of toy_scheme.py.

Nothing in the library names the toy scheme. Each test here takes it
through one more part — assessing, the converter, rule-book files, frames,
histories, explanations, what-ifs and charts — and checks the answer
against the scalar path or against the declaration itself.
"""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import pytest

import tmall_service as ts
from tmall_service._values.declaring import SchemeDimension, SchemeWeights, declared
from toy_scheme import TOY, ToyArea, ToyScores, ToyWeights

JULY = ts.AssessmentPeriod.month(2024, 7)
BOOK = ts.RuleBook(
    profiles={
        "玩具": ToyWeights(speed="0.5", care="0.3", accuracy="0.2"),
        "文具": ToyWeights(speed="0.2", care="0.2", accuracy="0.6"),
    },
    excluded_categories={"图书"},
    thresholds={ts.Purpose.MERCHANT_ASSESSMENT: "4.0"},
    scheme=TOY,
    name="toy edition",
)
SHOP = ToyScores(speed="4.8", care=4, accuracy="3.5")


def test_the_declaration_is_the_scheme():
    assert TOY in declared()
    assert [d.value for d in TOY.dimensions] == ["speed", "care", "accuracy"]
    assert ToyArea.CARE.label_zh == "售后关怀"
    assert ToyScores.DIMENSIONS is ToyArea
    assert BOOK.scheme is TOY


def test_assess_scores_a_toy_shop_exactly():
    result = ts.assess(SHOP, category="玩具", period=JULY, rules=BOOK)
    # 4.8 × 0.5 + 4 × 0.3 + 3.5 × 0.2 = 2.4 + 1.2 + 0.7
    assert result.score == Decimal("4.30")
    assert result.status is ts.Status.SCORED
    assert ts.composite_score(SHOP, BOOK.profiles["文具"]) == Decimal("3.86")


def test_the_rules_of_no_data_and_exclusion_hold_for_the_toy_scheme():
    empty = ts.assess(ToyScores(speed=0, care=0), category="玩具", period=JULY, rules=BOOK)
    assert (empty.status, empty.score) == (ts.Status.NO_DATA, ts.NOT_ASSESSED_SCORE)
    excluded = ts.assess(SHOP, category="图书", period=JULY, rules=BOOK)
    assert excluded.status is ts.Status.CATEGORY_EXCLUDED
    with pytest.raises(ts.UnknownCategoryError, match="服装"):
        ts.assess(SHOP, category="服装", period=JULY, rules=BOOK)


def test_toy_values_are_checked_as_any_schemes_are():
    with pytest.raises(ts.InvalidScoreError, match="care"):
        ToyScores(care="5.1")
    with pytest.raises(ts.InvalidWeightsError, match=r"accuracy: missing; .* all three weights"):
        ToyWeights(speed="0.5", care="0.5")
    with pytest.raises(ts.InvalidWeightsError, match="not exactly 1"):
        ToyWeights(speed="0.5", care="0.5", accuracy="0.1")
    with pytest.raises(ts.InvalidScoreError, match="not scores of the scheme of ToyWeights"):
        ts.composite_score(ts.DimensionScores(product=5), BOOK.profiles["玩具"])
    with pytest.raises(ts.RuleBookError, match="WeightProfile in a rule book of scheme 'toy'"):
        ts.RuleBook(profiles={"x": ts.example_rulebook().profiles["服饰"]}, scheme=TOY)


def test_the_converter_round_trips_a_toy_rule_book_through_json():
    data = ts.converter.unstructure(BOOK)
    assert data["scheme"] == "toy"
    assert data["profiles"]["玩具"] == {"speed": "0.5", "care": "0.3", "accuracy": "0.2"}
    assert ts.converter.structure(json.loads(json.dumps(data)), ts.RuleBook) == BOOK
    scores = ts.converter.unstructure(SHOP)
    assert ts.converter.structure(scores, ToyScores) == SHOP


def test_a_rule_book_file_names_the_toy_scheme(tmp_path):
    path = tmp_path / "toy.toml"
    path.write_text(
        'name = "toy edition"\nscheme = "toy"\nexcluded_categories = ["图书"]\n'
        '[thresholds]\nmerchant_assessment = "4.0"\n'
        '[profiles."玩具"]\nspeed = "0.5"\ncare = "0.3"\naccuracy = "0.2"\n'
        '[profiles."文具"]\nspeed = "0.2"\ncare = "0.2"\naccuracy = "0.6"\n',
        encoding="utf-8",
    )
    assert ts.load_rulebook(path) == BOOK


def test_a_file_naming_an_undeclared_scheme_lists_the_declared_ones():
    with pytest.raises(ts.RuleBookError, match=r"'jd' is not a Scheme; expected one of .*'toy'"):
        ts.loads_rulebook('scheme = "jd"\n[profiles]\n')


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_a_frame_of_toy_shops_takes_the_toy_columns_and_equals_assess(library):
    frames = pytest.importorskip(library)
    rows = {
        "shop": ["a", "b", "c", "d"],
        "category": ["玩具", "文具", "图书", "玩具"],
        "speed": [4.8, 3.0, 5.0, 0.0],
        "care": [4.0, None, 5.0, 0.0],
        "accuracy": [3.5, 4.5, 5.0, None],
    }
    result = ts.assess_frame(frames.DataFrame(rows), rules=BOOK, period=JULY)
    scores = list(result["score"])
    for i, category in enumerate(rows["category"]):
        scalar = ts.assess(
            ToyScores(**{d.value: rows[d.value][i] for d in ToyArea}),
            category=category,
            period=JULY,
            rules=BOOK,
        )
        assert Decimal(str(scores[i])) == scalar.score, rows["shop"][i]
        assert list(result["status"])[i] == scalar.status.value


def test_a_frame_without_a_toy_column_has_no_data_there_as_assess_does():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"shop": ["a"], "category": ["玩具"], "speed": [4.0], "care": [3.0]})
    result = ts.assess_frame(frame, rules=BOOK, period=JULY)
    scalar = ts.assess(ToyScores(speed=4, care=3), category="玩具", period=JULY, rules=BOOK)
    assert Decimal(str(result["score"][0])) == scalar.score == Decimal("3.63")


def test_a_history_of_toy_shops_stands_as_the_scalar_standing():
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    months = [ts.AssessmentPeriod.month(2024, m) for m in (5, 6, 7)]
    speeds = [3.0, 2.0, 4.9]
    history = pd.DataFrame(
        {
            "shop": ["a"] * 3,
            "period": ["2024-05", "2024-06", "2024-07"],
            "category": ["玩具"] * 3,
            "speed": speeds,
            "care": [3.0] * 3,
            "accuracy": [3.0] * 3,
        }
    )
    frame = ts.standing_frame(history, rules=BOOK)
    scalar = ts.standing(
        [
            ts.assess(ToyScores(speed=s, care=3, accuracy=3), category="玩具", period=m, rules=BOOK)
            for s, m in zip(speeds, months, strict=True)
        ],
        BOOK,
    )
    row = frame[frame["purpose"] == "merchant_assessment"].iloc[0]
    assert row["verdict"] == scalar[ts.Purpose.MERCHANT_ASSESSMENT].verdict.value


def test_explain_names_the_toy_areas_in_each_language():
    result = ts.assess(SHOP, category="玩具", period=JULY, rules=BOOK)
    english = ts.explain(result, rules=BOOK)
    assert all(d.value in english for d in ToyArea)
    chinese = ts.explain(result, rules=BOOK, lang="zh")
    assert all(d.label_zh in chinese for d in ToyArea)
    assert "商品体验" not in chinese


def test_explaining_a_toy_shop_without_data_names_the_toy_areas_not_tmalls():
    empty = ts.assess(ToyScores(), category="玩具", period=JULY, rules=BOOK)
    chinese = ts.explain(empty, rules=BOOK, lang="zh")
    assert "发货速度、售后关怀、描述准确" in chinese
    assert "商品" not in chinese


def test_what_if_gap_and_breakdown_work_on_toy_areas():
    result = ts.assess(SHOP, category="玩具", period=JULY, rules=BOOK)
    after = ts.what_if(result, rules=BOOK, scores={"accuracy": 5}).after
    assert (
        after.score
        == ts.assess(
            ToyScores(speed="4.8", care=4, accuracy=5), category="玩具", period=JULY, rules=BOOK
        ).score
    )
    parts = ts.breakdown(SHOP, BOOK.profiles["玩具"])
    assert [part.dimension for part in parts] == list(ToyArea)
    assert sum(part.points for part in parts) == result.score
    low = ts.assess(
        ToyScores(speed=3, care=3, accuracy=3), category="玩具", period=JULY, rules=BOOK
    )
    needed = ts.gap(low, ts.Purpose.MERCHANT_ASSESSMENT, rules=BOOK)
    # 0.5 × speed + 1.5 must reach 3.995, which rounds half up to the standard 4.00
    assert needed[ToyArea.SPEED].needed == Decimal("4.99")


def test_the_radar_has_a_spoke_per_toy_area_with_its_label():
    pytest.importorskip("matplotlib")
    result = ts.assess(SHOP, category="玩具", period=JULY, rules=BOOK)
    ax = ts.plot_radar(result, rules=BOOK, lang="zh")
    labels = [label.get_text() for label in ax.get_xticklabels()]
    assert len(labels) == len(ToyArea)
    assert [label.split("\n")[0] for label in labels] == [d.label_zh for d in ToyArea]
    trend = ts.plot_trend([result], rules=BOOK)
    assert trend.get_lines()


def test_a_bad_toy_cell_is_named_once_and_in_the_rows_order():
    from tmall_service._frames.cells import column_order, problem_of

    problem = problem_of(ts.InvalidScoreError("care: 'N/A' is not a number"), "care")
    assert str(problem) == "care: 'N/A' is not a number"
    order = column_order()
    assert order.index("speed") < order.index("care") < order.index("accuracy")
    assert order.index("accuracy") < order.index("orders")


def test_weights_of_a_scheme_never_declared_refuse_other_scores_by_name():
    class Corner(SchemeDimension):
        ONLY = "only", "唯一"

    @attrs.frozen(init=False)
    class CornerWeights(SchemeWeights, dimensions=Corner):
        only: Decimal

    weights = CornerWeights(only=1)
    with pytest.raises(ts.InvalidScoreError, match=r"expected scores of Corner$"):
        ts.composite_score(ts.DimensionScores(product=1), weights)
