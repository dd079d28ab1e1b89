"""Invariant: the same cells give the same result on every path.

The command line, ``assess_frame`` on pandas and on polars, and ``assess``
read a table's cells by one rule: blanks, ``N/A``-style text, surrounding
and ideographic spaces, full-width digits and points, provinces' full names,
typos of categories. Row by row they agree on the status, the score and,
for a bad row, the reason.
"""

import csv
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tmall_service as ts
from readers import command_results
from tmall_service._cli.main import main

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")

RULES = ts.example_rulebook()
JULY = ts.AssessmentPeriod.month(2024, 7)  # the example's 河南 flood exemption is on
NAMES = [d.value for d in ts.Dimension]
SPACES = st.sampled_from(["", " ", "  ", "\u3000", "\t"])


def padded(names):
    return st.tuples(SPACES, st.sampled_from(names), SPACES).map("".join)


known_categories = padded(["服饰", "美妆", "食品", "汽车", "图书"])  # assessed, and excluded
known_regions = padded(["河南", "河南省", "浙江", "浙江省", "内蒙古自治区", "北京市"])
blanks = st.sampled_from(["", " ", "\u3000"])
numbers = st.one_of(
    padded(["4", "4.5", "３", "４．５", "5.0", "0", "1e0", "0.25", "3.1234567"]), blanks
)
categories = st.one_of(known_categories, padded(["服装", "食物", "x"]), blanks)
regions = st.one_of(known_regions, padded(["火星", "浙州"]), blanks)
scores = st.one_of(
    numbers, st.sampled_from(["N/A", "-", "nan", "inf", "7", "-1", "无", "1_0", "٣"])
)


@st.composite
def rows(draw):
    """A row of hostile cells; half the rows hold only cells that can be read."""
    if draw(st.booleans()):
        row = {"category": draw(known_categories), "region": draw(st.one_of(known_regions, blanks))}
        row.update({name: draw(numbers) for name in NAMES})
        return row
    row = {"category": draw(categories), "region": draw(regions)}
    row.update({name: draw(scores) for name in NAMES})
    return row


def blank(cell):
    return not cell.strip()


def through_assess(row):
    """``assess`` on the cells read by the documented rule: a blank is none."""
    if blank(row["category"]):
        return ("bad", "category")
    try:
        result = ts.assess(
            ts.DimensionScores(**{n: None if blank(row[n]) else row[n] for n in NAMES}),
            category=row["category"],
            region=None if blank(row["region"]) else row["region"],
            period=JULY,
            rules=RULES,
        )
    except ts.TmallServiceError as error:
        return ("bad", str(error).split(":")[0])
    return (result.status.value, result.score)


def through_cli(table, folder):
    source, output, rejects = folder / "shops.csv", folder / "out.json", folder / "rejects.csv"
    for path in (output, rejects):
        path.unlink(missing_ok=True)
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=["shop", *table[0]])
        writer.writeheader()
        writer.writerows({"shop": f"s{i}", **row} for i, row in enumerate(table))
    argv = ["assess", str(source), "--period", "2024-07", "--output", str(output)]
    code = main([*argv, "--rejects", str(rejects), "--progress", "never"])
    assert code in {0, 3}
    return command_results(output, rejects, len(table))


def through_frame(native):
    result = ts.assess_frame(native, rules=RULES, period=JULY, errors="flag")
    if isinstance(result, pa.Table):
        result = {name: result.column(name).to_pylist() for name in result.column_names}
    else:
        result = {name: result[name].to_list() for name in ("score", "status", "error")}
    out = []
    for score, status, error in zip(
        result["score"], result["status"], result["error"], strict=True
    ):
        good = error is None or error is pd.NA
        out.append((status, Decimal(score)) if good else ("bad", error))
    return out


@settings(deadline=None)
@given(st.lists(rows(), min_size=1, max_size=12))
def test_every_path_gives_the_same_row(tmp_path_factory, table):
    folder = tmp_path_factory.mktemp("paths")
    columns = {key: [row[key] for row in table] for key in table[0]}
    cli = through_cli(table, folder)
    pandas = through_frame(pd.DataFrame(columns, dtype=object))
    polars = through_frame(pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String)))
    categorical = through_frame(
        pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String)).cast(pl.Categorical)
    )
    arrow = through_frame(pa.table(columns))
    for index, row in enumerate(table):
        context = (index, row)
        assert cli[index] == pandas[index] == polars[index] == categorical[index], context
        assert arrow[index] == cli[index], context
        scalar = through_assess(row)
        if scalar[0] == "bad":
            # assess stops at the first bad cell; the tables name every one.
            assert cli[index][0] == "bad", context
            named = [part.split(":")[0] for part in cli[index][1].split("; ")]
            assert scalar[1] in named, context
        else:
            assert cli[index] == (scalar[0], Decimal(scalar[1])), context
