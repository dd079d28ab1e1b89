"""Many shops on many workers: assess_frame per Dask partition equals the whole frame."""

import datetime as dt
import pickle
from decimal import Decimal

import pytest

import tmall_service as ts

dd = pytest.importorskip("dask.dataframe")
dask = pytest.importorskip("dask")
np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

RULES = ts.example_rulebook()
# July 2024: the example edition's flood exemption covers shops in 河南.
JULY = ts.AssessmentPeriod.month(2024, 7)
DIMENSIONS = ("product", "logistics", "after_sales", "dispute", "consultation")
ADDED = ["score", "status", "stars"]
SHOPS = 300
PARTITIONS = 7


def shops():
    """A few hundred shops, with every case the rules tell apart."""
    rng = np.random.default_rng(20240701)
    frame = pd.DataFrame(
        {
            "category": rng.choice([*RULES.profiles, "图书"], SHOPS),  # 图书 is not assessed
            "region": rng.choice(["河南", "浙江", "广东", None], SHOPS),
            **{name: rng.integers(0, 501, SHOPS) / 100 for name in DIMENSIONS},
            "orders": rng.choice([5.0, 29.0, 30.0, 800.0, np.nan], SHOPS),
            "opened": pd.to_datetime(
                rng.choice([dt.date(2019, 3, 1), dt.date(2024, 5, 20), None], SHOPS)
            ),
        },
        index=pd.Index([f"shop-{i:04d}" for i in range(SHOPS)], name="shop"),
    )
    frame.iloc[10:20, frame.columns.get_indexer(DIMENSIONS)] = 0.0  # the dashboard's "no data"
    frame.iloc[40:45, frame.columns.get_indexer(DIMENSIONS)] = np.nan
    frame.iloc[60:90:3, frame.columns.get_loc("product")] = np.nan  # one dimension missing
    # Finer than millionths: these rows take the scalar path inside their partition.
    frame.iloc[100:300:50, frame.columns.get_loc("logistics")] = 4.1234567
    return frame


def assess_partitions(ddf, **options):
    meta = ts.assess_frame(dd.utils.make_meta(ddf), rules=RULES, period=JULY, **options)
    return ddf.map_partitions(ts.assess_frame, rules=RULES, period=JULY, meta=meta, **options)


def cells(series):
    return [None if pd.isna(value) else value for value in series.tolist()]


def one_by_one(row):
    """The same shop through ts.assess, one Python call."""
    scores = ts.DimensionScores(
        **{name: None if pd.isna(row[name]) else row[name] for name in DIMENSIONS}
    )
    return ts.assess(
        scores,
        category=row["category"],
        period=JULY,
        rules=RULES,
        region=None if pd.isna(row["region"]) else row["region"],
        orders=None if pd.isna(row["orders"]) else int(row["orders"]),
        opened=None if pd.isna(row["opened"]) else row["opened"].date(),
    )


def test_the_shops_cover_every_status():
    whole = ts.assess_frame(shops(), rules=RULES, period=JULY)
    assert set(whole["status"]) == {
        "scored",
        "category_excluded",
        "exempt",
        "new_shop",
        "below_minimum_volume",
        "no_data",
    }


@pytest.mark.parametrize("scheduler", ["synchronous", "threads"])
def test_partitions_give_what_the_whole_frame_gives(scheduler):
    frame = shops()
    ddf = dd.from_pandas(frame, npartitions=PARTITIONS)
    assert ddf.npartitions == PARTITIONS
    lazy = assess_partitions(ddf)
    with dask.config.set(scheduler=scheduler):
        result = lazy.compute()
    whole = ts.assess_frame(frame, rules=RULES, period=JULY)

    assert list(result.index) == list(frame.index)
    assert list(result.columns) == [*frame.columns, *ADDED]
    for name in ADDED:
        assert result[name].dtype == whole[name].dtype
        assert cells(result[name]) == cells(whole[name]), name
    # The input columns come back as they went in.
    for name in frame.columns:
        assert cells(result[name]) == cells(frame[name]), name


def test_the_meta_is_what_every_partition_returns():
    ddf = dd.from_pandas(shops(), npartitions=PARTITIONS)
    lazy = assess_partitions(ddf)
    with dask.config.set(scheduler="synchronous"):
        parts = [part.compute() for part in lazy.partitions]
    assert len(parts) == PARTITIONS
    for part in parts:
        assert dict(part.dtypes) == dict(lazy.dtypes)
    assert str(lazy.dtypes["score"]) == "decimal128(4, 2)[pyarrow]"
    assert str(lazy.dtypes["stars"]) == "decimal128(3, 1)[pyarrow]"


def test_a_sample_of_rows_equals_assess_row_by_row():
    frame = shops()
    ddf = dd.from_pandas(frame, npartitions=PARTITIONS)
    with dask.config.set(scheduler="synchronous"):
        result = assess_partitions(ddf).compute()
    sample = [*range(0, SHOPS, 7), 10, 40, 60, 100, 150, 200, 250]
    checked = set()
    for position in sample:
        expected = one_by_one(frame.iloc[position])
        row = result.iloc[position]
        assert row["score"] == expected.score, position
        assert row["status"] == expected.status.value, position
        assert (None if pd.isna(row["stars"]) else row["stars"]) == expected.stars, position
        checked.add(expected.status.value)
    assert {"scored", "exempt", "category_excluded", "no_data"} <= checked


def test_empty_partitions_give_empty_parts():
    frame = shops()
    ddf = dd.from_pandas(frame, npartitions=PARTITIONS)
    few = ddf[ddf["category"] == "服饰"]
    few = few[few.index < "shop-0100"]  # the later partitions are left empty
    lazy = assess_partitions(few)
    with dask.config.set(scheduler="synchronous"):
        sizes = lazy.map_partitions(len).compute().tolist()
        result = lazy.compute()
    assert 0 in sizes
    assert sum(sizes) > 0
    chosen = frame[(frame["category"] == "服饰") & (frame.index < "shop-0100")]
    whole = ts.assess_frame(chosen, rules=RULES, period=JULY)
    assert list(result.index) == list(chosen.index)
    for name in ADDED:
        assert result[name].dtype == whole[name].dtype
        assert cells(result[name]) == cells(whole[name]), name


def test_a_bad_cell_is_flagged_in_its_partition_and_the_others_are_scored():
    frame = shops()
    bad = "shop-0205"
    frame.loc[bad, "product"] = 7.5
    ddf = dd.from_pandas(frame, npartitions=PARTITIONS)
    lazy = assess_partitions(ddf, errors="flag")
    assert list(lazy.columns) == [*frame.columns, *ADDED, "error"]
    with dask.config.set(scheduler="synchronous"):
        result = lazy.compute()
    assert dict(result.dtypes) == dict(lazy.dtypes)

    flagged = result.loc[bad]
    assert flagged["error"] == "product: 7.5 is outside [0, 5]"
    assert all(pd.isna(flagged[name]) for name in ADDED)

    others = result.drop(index=bad)
    assert others["error"].isna().all()
    clean = ts.assess_frame(frame.drop(index=bad), rules=RULES, period=JULY)
    for name in ADDED:
        assert cells(others[name]) == cells(clean[name]), name


def test_a_bad_cell_fails_the_computation_when_errors_raise():
    frame = shops()
    frame.loc["shop-0205", "product"] = 7.5
    ddf = dd.from_pandas(frame, npartitions=PARTITIONS)
    lazy = assess_partitions(ddf)  # building the graph reads no partition
    with (
        dask.config.set(scheduler="synchronous"),
        pytest.raises(ts.InvalidScoreError, match=r"product: 7\.5 is outside \[0, 5\]"),
    ):
        lazy.compute()


def test_the_rule_book_and_period_travel_by_pickle():
    rules = pickle.loads(pickle.dumps(RULES))  # noqa: S301 - our own bytes, just made
    period = pickle.loads(pickle.dumps(JULY))  # noqa: S301 - likewise
    assert rules == RULES
    assert period == JULY
    frame = shops()
    here = ts.assess_frame(frame, rules=RULES, period=JULY)
    there = ts.assess_frame(frame, rules=rules, period=period)
    for name in ADDED:
        assert cells(there[name]) == cells(here[name])


def test_a_result_is_exact_not_a_float():
    frame = shops().iloc[:30]
    ddf = dd.from_pandas(frame, npartitions=3)
    with dask.config.set(scheduler="synchronous"):
        result = assess_partitions(ddf).compute()
    scores = result["score"].tolist()
    assert all(type(score) is Decimal for score in scores)
    assert Decimal("99.00") in scores
