"""Histories on many workers: each shop whole in one Dask partition, judged where it lies.

standing_frame judges each shop from its own rows alone, so a history
partitioned by shop can be judged a partition at a time; assess_history
assesses each row alone, so any partitioning will do. Either way the
partitions together give what the whole pandas frame gives, and every
partition (an empty one too) has the types of the meta Dask is told.
"""

import datetime as dt
from decimal import Decimal

import attrs
import pytest

import tmall_service as ts

dd = pytest.importorskip("dask.dataframe")
dask = pytest.importorskip("dask")
np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

BASE = ts.example_rulebook()
RULES = ts.Editions(
    [
        attrs.evolve(BASE, name="H1", effective_to=dt.date(2024, 6, 30)),
        attrs.evolve(
            BASE,
            name="H2",
            effective_from=dt.date(2024, 7, 1),
            clearance_after=2,
            star_bands=(Decimal("3.25"), Decimal("4.25")),
        ),
    ]
)
"""Two editions: from July, clearance after two periods, and star bands of two places."""
DIMENSIONS = tuple(d.value for d in ts.Dimension)
PURPOSE_ORDER = {p.value: i for i, p in enumerate(ts.Purpose)}
SHOPS = 300
PARTITIONS = 7


@pytest.fixture(autouse=True)
def as_pandas_has_them():
    """Dask keeps text columns as pandas has them, so the whole and the parts are alike."""
    with dask.config.set({"dataframe.convert-string": False, "scheduler": "synchronous"}):
        yield


def history():
    """A few hundred shops over 2024, with gaps, in any order: every verdict the rules reach."""
    rng = np.random.default_rng(20240701)
    rows = []
    for shop in range(SHOPS):
        months = np.sort(rng.choice(12, size=int(rng.integers(1, 13)), replace=False)) + 1
        category = str(rng.choice(["服饰", "美妆", "食品", "汽车"]))  # 汽车 is not assessed
        region = [None, "河南", "浙江"][shop % 3]  # 河南 is exempt in late July
        level = rng.uniform(2.8, 5.0)
        for month in months.tolist():
            scores = np.clip(np.round(rng.normal(level, 0.3, len(DIMENSIONS)), 2), 0, 5)
            rows.append(
                {
                    "shop": f"shop-{shop:04d}",
                    "period": f"2024-{month:02d}",
                    "category": category,
                    "region": region,
                    **dict(zip(DIMENSIONS, scores.tolist(), strict=True)),
                    "orders": int(rng.choice([5, 50, 500])),
                }
            )
    frame = pd.DataFrame(rows)
    frame.loc[frame.index % 41 == 0, list(DIMENSIONS)] = 0.0  # the dashboard's "no data"
    return frame.sample(frac=1, random_state=7).reset_index(drop=True)


def by_shop(frame, how):
    """*frame* in partitions that each hold some shops whole."""
    if how == "shuffle":
        return dd.from_pandas(frame, npartitions=PARTITIONS).shuffle(on="shop")
    keyed = frame.assign(key=frame["shop"])
    return dd.from_pandas(keyed, npartitions=PARTITIONS).set_index("key")


def standings(ddf, **options):
    meta = ts.standing_frame(dd.utils.make_meta(ddf), rules=RULES, **options)
    return ddf.map_partitions(ts.standing_frame, rules=RULES, meta=meta, **options)


def assessed(ddf, **options):
    meta = ts.assess_history(dd.utils.make_meta(ddf), rules=RULES, **options)
    return ddf.map_partitions(ts.assess_history, rules=RULES, meta=meta, **options)


def in_order(result):
    """Standings by shop, then purpose in Purpose order, indexed afresh."""
    ordered = result.assign(_purpose=result["purpose"].map(PURPOSE_ORDER))
    ordered = ordered.sort_values(["shop", "_purpose"], kind="stable")
    return ordered.drop(columns="_purpose").reset_index(drop=True)


def test_the_history_reaches_every_verdict_and_status():
    whole = ts.standing_frame(history(), rules=RULES)
    assert set(whole["verdict"]) == {v.value for v in ts.Verdict}
    rows = ts.assess_history(history(), rules=RULES)
    assert set(rows["status"]) >= {"scored", "category_excluded", "exempt", "no_data"}
    assert set(rows["status"]) >= {"below_minimum_volume"}
    assert set(rows["edition"]) == {"H1", "H2"}
    assert whole["gaps"].str.len().gt(0).any()


@pytest.mark.parametrize("how", ["shuffle", "set_index"])
def test_each_shop_in_one_partition(how):
    ddf = by_shop(history(), how)
    parts = [part.compute() for part in ddf.partitions]
    shops = [set(part["shop"]) for part in parts]
    assert sum(map(len, shops)) == len(set().union(*shops)) == SHOPS
    assert sum(1 for found in shops if found) > 1


@pytest.mark.parametrize("how", ["shuffle", "set_index"])
@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_standings_by_partition_equal_the_whole(how, scheduler):
    frame = history()
    lazy = standings(by_shop(frame, how))
    with dask.config.set(scheduler=scheduler):
        result = lazy.compute()
    whole = ts.standing_frame(frame, rules=RULES)
    assert len(whole) >= SHOPS * 2
    pd.testing.assert_frame_equal(in_order(result), whole)
    assert dict(result.dtypes) == dict(lazy.dtypes)


@pytest.mark.parametrize("how", ["shuffle", "set_index"])
def test_assessed_rows_by_partition_equal_the_whole(how):
    frame = history()
    lazy = assessed(by_shop(frame, how))
    result = lazy.compute()
    assert dict(result.dtypes) == dict(lazy.dtypes)
    whole = ts.assess_history(frame, rules=RULES)
    if how == "set_index":
        result = result.reset_index(drop=True)
        whole = whole.set_index(whole["shop"].rename("key")).reset_index(drop=True)
    # Row for row by shop and period, whatever order the partitions put them in.
    result = result.sort_values(["shop", "period"]).reset_index(drop=True)
    whole = whole.sort_values(["shop", "period"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(result, whole)


def test_assessed_rows_need_no_partitioning_by_shop():
    frame = history()
    lazy = assessed(dd.from_pandas(frame, npartitions=PARTITIONS))
    result = lazy.compute()
    pd.testing.assert_frame_equal(result, ts.assess_history(frame, rules=RULES))


@pytest.mark.parametrize("function", [standings, assessed])
def test_every_partition_has_the_types_of_the_meta_even_an_empty_one(function):
    frame = history()
    ddf = by_shop(frame, "set_index")
    # The later shops only from July: some partitions hold one edition's
    # periods, whose star bands have fewer places; and some none at all.
    early = ddf["shop"] < "shop-0100"
    chosen = ddf[early | (ddf["period"] >= "2024-07")]
    chosen = chosen[~(ddf["shop"] >= "shop-0250")]
    lazy = function(chosen)
    parts = [part.compute() for part in lazy.partitions]
    assert any(len(part) == 0 for part in parts)
    assert sum(len(part) for part in parts) > 0
    for part in parts:
        assert dict(part.dtypes) == dict(lazy.dtypes)
    if function is assessed:
        assert str(lazy.dtypes["stars"]) == "decimal128(4, 2)[pyarrow]"
        assert str(lazy.dtypes["score"]) == "decimal128(4, 2)[pyarrow]"
        assert str(lazy.dtypes["meets_merchant_assessment"]) == "bool[pyarrow]"
    else:
        assert str(lazy.dtypes["severity"]) == "int8[pyarrow]"
        assert str(lazy.dtypes["failures"]) == "int64[pyarrow]"


def test_a_bad_row_is_flagged_in_its_partition_and_the_other_shops_are_judged():
    frame = history()
    bad = frame.index[frame["shop"] == "shop-0205"][0]
    frame.loc[bad, "product"] = 7.5
    lazy = standings(by_shop(frame, "shuffle"), errors="flag")
    assert list(lazy.columns)[-1] == "error"
    result = in_order(lazy.compute())
    whole = ts.standing_frame(frame, rules=RULES, errors="flag")
    pd.testing.assert_frame_equal(result.drop(columns="error"), whole.drop(columns="error"))
    assert result["error"].notna().tolist() == whole["error"].notna().tolist()

    flagged = result[result["shop"] == "shop-0205"]
    assert len(flagged) == 1
    assert flagged["verdict"].isna().all()
    # The whole frame names the row by its place; a partition by its place
    # there, and by its index label, which is its place in the whole frame.
    assert whole["error"].dropna().tolist() == [f"row {bad}: product: 7.5 is outside [0, 5]"]
    error = flagged["error"].iloc[0]
    assert error.startswith("row ")
    assert error.endswith(f" (index {bad}): product: 7.5 is outside [0, 5]")

    others = result[result["shop"] != "shop-0205"].reset_index(drop=True)
    assert others["error"].isna().all()
    clean = ts.standing_frame(frame[frame["shop"] != "shop-0205"], rules=RULES)
    pd.testing.assert_frame_equal(others.drop(columns="error"), clean)


def test_a_bad_row_fails_the_computation_naming_it_by_its_index_label():
    frame = history()
    frame.loc[frame["shop"] == "shop-0042", "period"] = "2024-13"
    lazy = standings(by_shop(frame, "set_index"))  # building the graph reads no partition
    with pytest.raises(
        ts.InvalidPeriodError,
        match=r"^\d+ rows? with bad cells: row \d+ \(index 'shop-0042'\), period: '2024-13'",
    ):
        lazy.compute()


def test_overlapping_periods_fail_the_partition_that_holds_the_shop():
    frame = history()
    twice = frame[frame["shop"] == "shop-0017"].iloc[:1]
    frame = pd.concat([frame, twice], ignore_index=True)
    period = str(ts.AssessmentPeriod.parse(twice["period"].iloc[0]))
    lazy = standings(by_shop(frame, "shuffle"))
    with pytest.raises(ts.InvalidPeriodError) as error:
        lazy.compute()
    assert str(error.value) == (
        f"shop 'shop-0017': period: {period} and {period} overlap; "
        "a history holds one assessment per period"
    )
    flagged = in_order(standings(by_shop(frame, "shuffle"), errors="flag").compute())
    assert flagged[flagged["shop"] == "shop-0017"]["error"].notna().all()
    assert flagged["error"].notna().sum() == 1


def test_chinese_consequences_travel_to_the_workers():
    frame = history()
    result = in_order(standings(by_shop(frame, "shuffle"), lang="zh").compute())
    pd.testing.assert_frame_equal(result, ts.standing_frame(frame, rules=RULES, lang="zh"))
    assert result["consequence"].str.contains("清退").any()


def test_dasks_own_text_columns_give_the_same_standings():
    frame = history()
    with dask.config.set({"dataframe.convert-string": True}):
        lazy = standings(by_shop(frame, "shuffle"))
        result = lazy.compute()
    assert dict(result.dtypes) == dict(lazy.dtypes)
    whole = ts.standing_frame(frame, rules=RULES)
    assert result["shop"].dtype != whole["shop"].dtype  # Dask's text, not pandas' own
    pd.testing.assert_frame_equal(
        in_order(result).astype({"shop": object}), whole.astype({"shop": object})
    )
