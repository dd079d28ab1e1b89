"""Known names and the edition in force, checked on every path that judges a shop.

Each case here once passed silently somewhere: a typo of a category shown
99, a region with spaces or its full name missing an exemption on one path
but not another, an edition scoring a period it was never in force for.
"""

import csv
import datetime as dt
import io
import json

import attrs
import pytest

import tmall_service as ts
from tmall_service._cli.main import main

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

RULES = ts.example_rulebook()
JULY = ts.AssessmentPeriod.month(2024, 7)  # the example's 河南 flood exemption is on
SCORES = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)
ROW = {"product": "5", "logistics": "3", "after_sales": "4", "dispute": "1", "consultation": "4"}


def cli_rows(tmp_path, rows, *extra):
    """The command line's JSON records and rejects of *rows*."""
    source = tmp_path / "shops.csv"
    columns = ["shop", *rows[0]]
    lines = [",".join(columns)] + [",".join([f"s{i}", *row.values()]) for i, row in enumerate(rows)]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output, rejects = tmp_path / "out.json", tmp_path / "rejects.csv"
    argv = ["assess", str(source), "--output", str(output), "--rejects", str(rejects)]
    code = main([*argv, "--period", "2024-07", *extra])
    records = json.loads(output.read_text(encoding="utf-8"))
    refused = rejects.read_text(encoding="utf-8-sig") if rejects.exists() else ""
    return code, records, refused


def frames(rows):
    columns = {key: [row[key] for row in rows] for key in rows[0]}
    return [pd.DataFrame(columns, dtype=object), pl.DataFrame(columns)]


@pytest.mark.parametrize("region", [" 河南 ", "河南\u3000", "河南省", "\t河南省 "])
def test_a_region_with_spaces_or_its_full_name_is_exempt_on_every_path(tmp_path, region):
    row = {"category": "服饰", "region": region, **ROW}
    assert ts.assess(SCORES, category="服饰", region=region, period=JULY, rules=RULES).status is (
        ts.Status.EXEMPT
    )
    for native in frames([row]):
        result = ts.assess_frame(native, rules=RULES, period=JULY)
        assert result["status"].to_list() == ["exempt"]
    code, records, _ = cli_rows(tmp_path, [row])
    assert code == 0
    assert [(r["region"], r["status"]) for r in records] == [("河南", "exempt")]


def test_a_typo_of_a_category_is_refused_on_every_path(tmp_path, capsys):
    with pytest.raises(ts.UnknownCategoryError, match=r"'服装' .* did you mean 服饰\?"):
        ts.assess(SCORES, category="服装", period=JULY, rules=RULES)
    rows = [
        {"category": "服装", "region": "浙江", **ROW},
        {"category": "服饰", "region": "", **ROW},
    ]
    reason = "category: '服装' is not a category of this edition; did you mean 服饰?"
    for native in frames(rows):
        flagged = ts.assess_frame(native, rules=RULES, period=JULY, errors="flag")
        assert [e if isinstance(e, str) else None for e in flagged["error"].to_list()] == [
            reason,
            None,
        ]
        with pytest.raises(ts.UnknownCategoryError, match="row 0, category: '服装'"):
            ts.assess_frame(native, rules=RULES, period=JULY)
    code, records, refused = cli_rows(tmp_path, rows)
    assert code == 3
    assert [r["shop"] for r in records] == ["s1"]
    assert f"2,{reason}," in refused
    assert "1 shop in 1 category this edition does not know: 服装 (1)" in capsys.readouterr().err


def test_a_category_with_spaces_is_the_category_on_every_path(tmp_path):
    row = {"category": " 服饰\u3000", "region": "浙江", **ROW}
    result = ts.assess(SCORES, category=" 服饰\u3000", period=JULY, rules=RULES)
    assert (result.category, str(result.score)) == ("服饰", "3.30")
    for native in frames([row]):
        assert [str(s) for s in ts.assess_frame(native, rules=RULES, period=JULY)["score"]] == [
            "3.30"
        ]
    assert cli_rows(tmp_path, [row])[1][0]["score"] == "3.30"


def test_a_reject_names_every_bad_cell_of_its_row(tmp_path):
    row = {"category": "食物", "region": "火星", **ROW, "logistics": "N/A", "dispute": "7"}
    code, _, refused = cli_rows(tmp_path, [row])
    assert code == 3
    [reject] = list(csv.DictReader(io.StringIO(refused)))
    assert reject["reason"] == (
        "category: '食物' is not a category of this edition; did you mean 食品?; "
        "region: '火星' is not a region of this edition; "
        "logistics: 'N/A' is not a number; dispute: '7' is outside [0, 5]"
    )
    assert ts.assess_frame(pl.DataFrame([row]), rules=RULES, period=JULY, errors="flag")[
        "error"
    ].to_list() == [reject["reason"]]


def test_an_edition_judges_only_periods_inside_its_dates_on_every_path(tmp_path):
    old = ts.AssessmentPeriod.month(2023, 7)
    message = r"2023-07-01\.\.2023-07-31 is outside the edition .*\(2024-01-01\.\.2024-12-31\)"
    with pytest.raises(ts.InvalidPeriodError, match=message):
        ts.assess(SCORES, category="服饰", period=old, rules=RULES)
    for native in frames([{"category": "服饰", **ROW}]):
        with pytest.raises(ts.InvalidPeriodError, match=message):
            ts.assess_frame(native, rules=RULES, period=old)
    source = tmp_path / "shops.csv"
    source.write_text("shop,category\na,服饰\n", encoding="utf-8")
    assert main(["assess", str(source), "--period", "2023-07"]) == 1


def judged_elsewhere():
    """An assessment under the example edition, and an edition that does not know its shop."""
    result = ts.assess(SCORES, category="服饰", region="河南", period=JULY, rules=RULES)
    narrow = ts.RuleBook(profiles={"美妆": RULES.profiles["美妆"]}, thresholds=RULES.thresholds)
    return result, narrow


@pytest.mark.parametrize(
    "call",
    [
        lambda a, r: ts.gap(a, ts.Purpose.MERCHANT_ASSESSMENT, rules=r),
        lambda a, r: ts.what_if(a, rules=r, scores={"logistics": 4}),
        lambda a, r: ts.explain(a, rules=r),
        lambda a, r: ts.advise(a, rules=r),
        ts.standards,
        lambda a, r: ts.standing([a], r),
        lambda a, r: ts.standing([a], ts.Editions([r])),
    ],
    ids=["gap", "what_if", "explain", "advise", "standards", "standing", "standing-editions"],
)
def test_judging_a_shop_under_an_edition_that_does_not_know_it_is_refused(call):
    result, narrow = judged_elsewhere()
    with pytest.raises(ts.UnknownCategoryError, match="'服饰' is not a category"):
        call(result, narrow)
    later = attrs.evolve(RULES, effective_from=dt.date(2025, 1, 1), effective_to=None)
    # A rule book names its dates; several editions name the day none covers.
    with pytest.raises(
        ts.TmallServiceError, match=r"is outside the edition|no edition is in force"
    ):
        call(result, later)


def test_the_plots_refuse_an_edition_that_does_not_know_the_shop():
    pytest.importorskip("matplotlib")
    result, narrow = judged_elsewhere()
    with pytest.raises(ts.UnknownCategoryError):
        ts.plot_radar(result, rules=narrow)
    with pytest.raises(ts.UnknownCategoryError):
        ts.plot_trend([result], rules=narrow)


def test_an_assessment_built_by_hand_holds_the_names_as_read():
    result = ts.Assessment(
        scores=SCORES,
        category=" 服饰 ",
        region="河南省",
        period=JULY,
        status=ts.Status.SCORED,
        score="3.30",
    )
    assert (result.category, result.region) == ("服饰", "河南")
