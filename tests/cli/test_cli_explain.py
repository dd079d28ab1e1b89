"""The command line's explain: one shop's account, gaps and advice."""

import io
import pathlib

import pytest

import tmall_service as ts
from tmall_service._cli.main import main

SHOPS = pathlib.Path(__file__).parents[2] / "examples" / "shops.csv"
RULES = ts.example_rulebook()
JUNE = ts.AssessmentPeriod.month(2024, 6)


def run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def northern():
    scores = ts.DimensionScores(product="4.2", logistics="4.0", after_sales="4.1", dispute="3.9",
                                consultation="4.3")  # fmt: skip
    return ts.assess(scores, category="服饰", region="河南", period=JUNE, rules=RULES)


def test_it_prints_the_account_the_gap_to_each_failed_standard_and_advice():
    code, text = run("explain", str(SHOPS), "--shop", "北纬时装", "--period", "2024-06")
    assert code == 0
    shop = northern()
    assert text.startswith("北纬时装\n" + ts.explain(shop, rules=RULES) + "\n\n")
    report = ts.gap(shop, ts.Purpose.ANNUAL_FEE_REFUND, rules=RULES)
    assert "To reach annual fee refund (年费返还) ≥ 4.20:" in text
    assert "To reach marketing access" not in text  # passed: nothing to reach
    for entry in report:
        if entry.needed is None:
            assert f"  {entry.dimension.value} alone: unreachable" in text
        else:
            assert f"  {entry.dimension.value} alone: {entry.needed} (+{entry.increase})" in text
    assert "cheapest plan: logistics→4.42, raising 0.42 points in all → score 4.20" in text
    titles = [a.title for a in ts.advise(shop, rules=RULES, limit=3)]
    numbered = [line for line in text.splitlines() if line[:2] in {"1.", "2.", "3.", "4."}]
    assert [line.split(". ", 1)[1].split(" (")[0] for line in numbered] == titles


def test_advice_can_be_fewer_or_none():
    _, one = run(
        "explain", str(SHOPS), "--shop", "北纬时装", "--period", "2024-06", "--advice", "1"
    )
    assert "1. Logistics (loses 0.30)" in one
    assert "2. " not in one
    _, none = run(
        "explain", str(SHOPS), "--shop", "北纬时装", "--period", "2024-06", "--advice", "0"
    )
    assert "Advice" not in none


def test_chinese():
    code, text = run(
        "explain", str(SHOPS), "--shop", "北纬时装", "--period", "2024-06", "--lang", "zh"
    )
    assert code == 0
    assert ts.explain(northern(), rules=RULES, lang="zh") in text
    assert "达到年费返还 ≥ 4.20：" in text
    assert "  单独提升物流体验至 4.42（+0.42）" in text
    assert "建议（按失分从多到少）：" in text


def test_a_shop_not_assessed_gets_its_reason_and_no_gap():
    code, text = run("explain", str(SHOPS), "--shop", "驰骋汽配", "--period", "2024-06")
    assert code == 0
    assert "Why: its main category 汽车配件 is not in this edition's assessment." in text
    assert "To reach" not in text


def test_an_unknown_shop_is_an_error_listing_the_names(capsys):
    code, text = run("explain", str(SHOPS), "--shop", "无名小店", "--period", "2024-06")
    assert code == 1
    assert text == ""
    message = capsys.readouterr().err
    assert "no shop named '无名小店'; it has 云裳服饰旗舰店, 锦衣坊" in message


def test_a_bad_row_of_the_shop_is_named(tmp_path, capsys):
    shops = tmp_path / "shops.csv"
    shops.write_text(
        "shop,category,product,logistics,after_sales,dispute,consultation\n"
        "好店,服饰,4,4,4,4,4\n"
        "坏店,服饰,4,9,4,4,4\n",
        encoding="utf-8",
    )
    assert run("explain", str(shops), "--shop", "好店", "--period", "2024-06")[0] == 0
    code, _ = run("explain", str(shops), "--shop", "坏店", "--period", "2024-06")
    assert code == 1
    assert "row 3" in capsys.readouterr().err


def test_a_shop_on_two_rows_is_explained_twice(tmp_path):
    shops = tmp_path / "shops.csv"
    shops.write_text(
        "shop,category,product,logistics,after_sales,dispute,consultation\n"
        "两店,服饰,4,4,4,4,4\n"
        "两店,美妆,5,5,5,5,5\n",
        encoding="utf-8",
    )
    code, text = run("explain", str(shops), "--shop", "两店", "--period", "2024-06")
    assert code == 0
    assert text.count("两店\n") == 2
    assert "服饰, 2024-06-01..2024-06-30: score 4.00" in text
    assert "美妆, 2024-06-01..2024-06-30: score 5.00" in text


@pytest.mark.parametrize(
    "argv",
    [
        ["explain", str(SHOPS), "--shop", "x", "--lang", "fr"],
        ["explain", str(SHOPS), "--shop", "x", "--advice", "x"],
        ["explain", str(SHOPS)],  # no --shop
    ],
)
def test_usage_errors_exit_2(argv, capsys):
    with pytest.raises(SystemExit) as stop:
        main(argv, out=io.StringIO())
    assert stop.value.code == 2
    assert "usage: tmall-service explain" in capsys.readouterr().err
