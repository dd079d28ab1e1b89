"""The frame path: inputs it accepts, errors it names, and what it returns."""

import datetime as dt
import subprocess
import sys
from decimal import Decimal

import pytest

import tmall_service as ts
from tmall_service._frames import assessing as _frames
from tmall_service._frames import columns as _columns

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

RULES = ts.example_rulebook()
JUNE = ts.AssessmentPeriod.month(2024, 6)
ROW = {
    "category": "服饰",
    "product": 5,
    "logistics": 3,
    "after_sales": 4,
    "dispute": 1,
    "consultation": 4,
}


def both(columns):
    return [pd.DataFrame(columns), pl.DataFrame(columns, strict=False)]


def column(native, name):
    return [None if v is None or v is pd.NA else v for v in native[name].to_list()]


@pytest.mark.parametrize("native", both({k: [v] for k, v in ROW.items()}), ids=["pandas", "polars"])
def test_the_seed_example_gives_exactly_3_30_in_a_decimal_column(native):
    result = ts.assess_frame(native, rules=RULES, period=JUNE)
    assert type(result) is type(native)
    assert column(result, "score") == [Decimal("3.30")]
    assert column(result, "status") == ["scored"]
    assert column(result, "stars") == [Decimal(3)]
    assert "decimal" in str(result["score"].dtype).lower()


def test_the_input_frame_is_not_changed():
    native = pd.DataFrame({k: [v] for k, v in ROW.items()})
    before = native.copy()
    ts.assess_frame(native, rules=RULES, period=JUNE)
    pd.testing.assert_frame_equal(native, before)


def test_the_pandas_index_is_kept():
    native = pd.DataFrame({k: [v, v] for k, v in ROW.items()}, index=["shop-a", "shop-b"])
    result = ts.assess_frame(native, rules=RULES, period=JUNE)
    assert list(result.index) == ["shop-a", "shop-b"]
    assert column(result, "score") == [Decimal("3.30")] * 2


@pytest.mark.parametrize(
    ("cells", "pattern"),
    [
        ({"product": [float("nan")]}, r"row 0, product: nan is not a finite number"),
        ({"product": [7.5]}, r"row 0, product: 7\.5 is outside \[0, 5\]"),
        ({"product": ["abc"]}, r"row 0, product: 'abc' is not a number"),
        ({"product": [True]}, r"row 0, product: True is a bool"),
        ({"category": [None]}, r"row 0, category: missing"),
        ({"category": [3]}, r"row 0, category: 3 is not a name \(a text\)"),
        ({"orders": [-4]}, r"row 0: orders: -4 is not a number of orders"),
        ({"orders": ["many"]}, r"row 0, orders: 'many' is not a whole number"),
    ],
    ids=[
        "nan",
        "range",
        "text",
        "bool",
        "no-category",
        "number-category",
        "negative-orders",
        "text-orders",
    ],
)
def test_bad_cells_are_named_by_row_and_column(cells, pattern):
    columns = {k: [v] for k, v in ROW.items()} | cells
    book = RULES  # the example edition sets a minimum order count
    native = pl.DataFrame(columns, strict=False)
    with pytest.raises(ts.TmallServiceError, match=pattern):
        ts.assess_frame(native, rules=book, period=JUNE)


def test_flagged_rows_are_never_scored():
    native = pl.DataFrame(
        {k: [v, v] for k, v in ROW.items()} | {"product": [5.0, float("nan")]}, strict=False
    )
    result = ts.assess_frame(native, rules=RULES, period=JUNE, errors="flag")
    assert column(result, "score") == [Decimal("3.30"), None]
    assert column(result, "status") == ["scored", None]
    assert column(result, "error") == [None, "product: nan is not a finite number"]


def test_many_bad_rows_are_summarised():
    native = pl.DataFrame({k: [v] * 30 for k, v in ROW.items()} | {"product": [9.0] * 30})
    with pytest.raises(
        ts.InvalidScoreError,
        match=r"30 rows with bad cells: row 0, .*row 19, [^;]* … and 10 more$",
    ):
        ts.assess_frame(native, rules=RULES, period=JUNE)


def test_text_and_decimal_columns_are_read_exactly():
    native = pl.DataFrame(
        {k: [str(v)] for k, v in ROW.items() if k != "category"} | {"category": ["服饰"]}
    )
    assert column(ts.assess_frame(native, rules=RULES, period=JUNE), "score") == [Decimal("3.30")]
    decimals = pl.DataFrame({"category": ["服饰"], "product": [Decimal("4.1234567")]})
    expected = ts.assess(
        ts.DimensionScores(product=Decimal("4.1234567")), category="服饰", period=JUNE, rules=RULES
    )
    assert column(ts.assess_frame(decimals, rules=RULES, period=JUNE), "score") == [expected.score]


def test_a_region_column_or_argument_decides_exemptions():
    july = ts.AssessmentPeriod.month(2024, 7)
    native = pl.DataFrame({k: [v, v] for k, v in ROW.items()} | {"region": ["河南", None]})
    assert column(ts.assess_frame(native, rules=RULES, period=july), "status") == [
        "exempt",
        "scored",
    ]
    no_region = pl.DataFrame({k: [v] for k, v in ROW.items()})
    result = ts.assess_frame(no_region, rules=RULES, period=july, region="河南")
    assert column(result, "status") == ["exempt"]


def test_optional_rules_apply_to_frames():
    native = pl.DataFrame(
        {k: [v, v, v] for k, v in ROW.items()}
        | {"orders": [5, 500, None], "opened": [dt.date(2020, 1, 1), dt.date(2024, 5, 1), None]}
    )
    result = ts.assess_frame(native, rules=RULES, period=JUNE)
    assert column(result, "status") == ["below_minimum_volume", "new_shop", "scored"]


def test_taobao_frames_use_taobao_columns():
    book = ts.example_rulebook(ts.Scheme.TAOBAO)
    native = pd.DataFrame(
        {
            "category": ["女装"],
            "description": [4.8],
            "logistics": [4.6],
            "customer_service": [4.9],
            "transaction_security": [5],
            "after_sales": [4.7],
        }
    )
    assert column(ts.assess_frame(native, rules=book, period=JUNE), "score") == [Decimal("4.78")]


def test_an_empty_frame_gives_an_empty_frame():
    native = pl.DataFrame(schema={"category": pl.String, "product": pl.Float64})
    result = ts.assess_frame(native, rules=RULES, period=JUNE)
    assert result.height == 0
    assert {"score", "status", "stars"} <= set(result.columns)


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (
            lambda: ts.assess_frame([1, 2], rules=RULES, period=JUNE),
            "frame: .* is not a pandas or polars",
        ),
        (
            lambda: ts.assess_frame(pl.DataFrame({"x": [1]}), rules=RULES, period=JUNE),
            "no 'category' column",
        ),
        (
            lambda: ts.assess_frame(
                pl.DataFrame({"category": ["a"], "score": [1]}), rules=RULES, period=JUNE
            ),
            "already has column",
        ),
        (
            lambda: ts.assess_frame(pl.DataFrame({"category": ["a"]}), rules=None, period=JUNE),
            "rules: None",
        ),
    ],
)
def test_bad_arguments_are_refused(call, pattern):
    with pytest.raises(ts.RuleBookError, match=pattern):
        call()


def test_an_unknown_way_with_bad_rows_is_an_option_error_that_lists_the_ways():
    with pytest.raises(ts.InvalidOptionError) as error:
        ts.assess_frame(pl.DataFrame({"category": ["a"]}), rules=RULES, period=JUNE, errors="skip")
    assert str(error.value) == (
        "errors: 'skip' is not a way to meet bad rows; write 'raise' or 'flag'"
    )


def test_importing_the_library_loads_no_frame_library():
    heavy = "('numpy', 'pandas', 'polars', 'pyarrow', 'narwhals')"
    code = f"import sys, tmall_service; print(sorted(m for m in {heavy} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_many_categories_times_many_regions_give_what_assess_gives():
    profile = ts.WeightProfile(
        product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
    )
    # Half the categories are assessed, the others excluded; some regions are exempt.
    exemption = ts.Exemption(
        start=dt.date(2024, 6, 10),
        end=dt.date(2024, 6, 20),
        reason="flood",
        regions=[f"r{i}" for i in range(0, 2000, 3)],
    )
    rules = ts.RuleBook(
        profiles={f"c{i}": profile for i in range(0, 3000, 2)},
        exclude_unknown_categories=True,
        extra_regions=[f"r{i}" for i in range(2000)],
        exemptions=[exemption],
    )
    rows = 600
    native = pl.DataFrame(
        {
            "category": [f"c{(i * 7) % 3000}" for i in range(rows)],
            "region": [f"r{(i * 13) % 2000}" for i in range(rows)],
            "product": [(i % 501) / 100 for i in range(rows)],
            "logistics": [4.0] * rows,
        }
    )
    result = ts.assess_frame(native, rules=rules, period=JUNE)
    for row, out in zip(native.iter_rows(named=True), result.iter_rows(named=True), strict=True):
        expected = ts.assess(
            ts.DimensionScores(product=row["product"], logistics=row["logistics"]),
            category=row["category"],
            region=row["region"],
            period=JUNE,
            rules=rules,
        )
        assert (out["score"], out["status"]) == (expected.score, expected.status.value)


def test_bad_rows_are_named_by_their_pandas_index_label():
    native = pd.DataFrame(
        {k: [v, v] for k, v in ROW.items()} | {"product": [5.0, 9.0]}, index=["shop-a", "shop-b"]
    )
    with pytest.raises(ts.InvalidScoreError, match=r"row 1 \(index 'shop-b'\), product: 9\.0"):
        ts.assess_frame(native, rules=RULES, period=JUNE)


def test_opened_as_text_is_read_as_iso_dates_in_both_libraries():
    columns = {k: [v, v, v] for k, v in ROW.items()} | {
        "opened": ["2024-05-01", None, "2020-01-01"]
    }
    for native in both(columns):
        assert column(ts.assess_frame(native, rules=RULES, period=JUNE), "status") == [
            "new_shop",
            "scored",
            "scored",
        ]
    bad = pl.DataFrame({k: [v] for k, v in ROW.items()} | {"opened": ["soon"]})
    with pytest.raises(ts.TmallServiceError, match="row 0, opened: 'soon' is not an ISO date"):
        ts.assess_frame(bad, rules=RULES, period=JUNE)


def test_a_bonuses_column_applies_as_in_assess():
    columns = {k: [v, v] for k, v in ROW.items()} | {"bonuses": ["special_service", None]}
    for native in both(columns):
        result = ts.assess_frame(native, rules=RULES, period=JUNE)
        assert column(result, "score") == [Decimal("3.55"), Decimal("3.30")]
    unknown = pl.DataFrame({k: [v] for k, v in ROW.items()} | {"bonuses": ["vip"]})
    with pytest.raises(ts.RuleBookError, match="row 0: bonuses: 'vip' is not a bonus"):
        ts.assess_frame(unknown, rules=RULES, period=JUNE)
    flagged = ts.assess_frame(unknown, rules=RULES, period=JUNE, errors="flag")
    assert column(flagged, "score") == [None]


def test_chunks_give_the_same_rows_and_name_rows_by_their_place_in_the_frame(monkeypatch):
    rows = 23
    columns = {k: [v] * rows for k, v in ROW.items()} | {
        "product": [(i * 37 % 501) / 100 for i in range(rows)],
        "category": ["服饰", "汽车", "美妆"] * 7 + ["食品", "服饰"],
    }
    native = pl.DataFrame(columns)
    whole = ts.assess_frame(native, rules=RULES, period=JUNE)
    monkeypatch.setattr(_frames, "_CHUNK_ROWS", 5)
    chunked = ts.assess_frame(native, rules=RULES, period=JUNE)
    assert chunked.equals(whole)
    broken = native.with_columns(pl.Series("product", [4.0] * 17 + [9.0] + [4.0] * 5))
    with pytest.raises(ts.InvalidScoreError, match=r"row 17, product: 9\.0"):
        ts.assess_frame(broken, rules=RULES, period=JUNE)
    flagged = ts.assess_frame(broken, rules=RULES, period=JUNE, errors="flag")
    assert [i for i, e in enumerate(column(flagged, "error")) if e] == [17]


def test_decimal_columns_keep_every_digit():
    # 4.0249999999999999999 is below the half that 4.025 would round up: as a
    # float it would be 4.025.
    value = Decimal("4.0249999999999999999")
    expected = ts.assess(
        ts.DimensionScores(product=value, logistics=4, after_sales=4, dispute=4, consultation=4),
        category="服饰",
        period=JUNE,
        rules=RULES,
    )
    assert expected.score == Decimal("4.00")
    native = pl.DataFrame(
        {k: [v] for k, v in ROW.items()}
        | {"product": pl.Series([value], dtype=pl.Decimal(38, 19)), "logistics": [4]}
        | {"after_sales": [4], "dispute": [4], "consultation": [4]}
    )
    assert column(ts.assess_frame(native, rules=RULES, period=JUNE), "score") == [expected.score]


CATEGORIES = {"category": ["服饰", None, "汽车", "美妆"]}


@pytest.mark.parametrize(
    "native",
    [
        pd.DataFrame(CATEGORIES).astype("category"),
        pl.DataFrame(CATEGORIES).cast(pl.Categorical),
        pl.DataFrame(CATEGORIES).cast(pl.Enum(["汽车", "美妆", "服饰"])),
        pd.concat(  # a text column in two Arrow chunks
            [pd.DataFrame(CATEGORIES)[:2], pd.DataFrame(CATEGORIES)[2:]], ignore_index=True
        ),
        pd.DataFrame(CATEGORIES),
        pl.DataFrame(CATEGORIES),
    ],
    ids=[
        "pandas-categorical",
        "polars-categorical",
        "polars-enum",
        "pandas-two-chunks",
        "pandas-text",
        "polars-text",
    ],
)
def test_categories_read_from_any_kind_of_column(native):
    scores = {"product": [4.0, 4.0, 4.0, 4.5]}
    if isinstance(native, pl.DataFrame):
        native = native.with_columns(pl.Series("product", scores["product"]))
    else:
        native = native.assign(**scores)
    result = ts.assess_frame(native, rules=RULES, period=JUNE, errors="flag")
    assert column(result, "score") == [Decimal("4.00"), None, Decimal("99.00"), Decimal("4.50")]
    assert column(result, "status") == ["scored", None, "category_excluded", "scored"]
    assert column(result, "error") == [None, "category: missing", None, None]


def test_weights_finer_than_millionths_send_every_row_through_assess():
    finer = ts.WeightProfile(
        product="0.1234567", logistics="0.2765433", after_sales="0.2", dispute="0.2",
        consultation="0.2",
    )  # fmt: skip
    rules = ts.RuleBook(profiles={"服饰": finer}, excluded_categories=["汽车"])
    rows = [ROW, ROW | {"product": 4.37, "logistics": None}, ROW | {"category": "汽车"}]
    native = pl.DataFrame(rows)
    result = ts.assess_frame(native, rules=rules, period=JUNE)
    for row, score in zip(rows, column(result, "score"), strict=True):
        scores = ts.DimensionScores(**{k: v for k, v in row.items() if k != "category"})
        expected = ts.assess(scores, category=row["category"], period=JUNE, rules=rules)
        assert score == expected.score


def test_a_frame_of_another_library_is_refused():
    with pytest.raises(ts.RuleBookError, match="is not a pandas or polars DataFrame"):
        ts.assess_frame({"category": ["服饰"]}, rules=RULES, period=JUNE)


@pytest.mark.parametrize("chunks", [1, 3])
def test_an_arrow_table_is_assessed_as_its_polars_frame_is(chunks):
    pa = pytest.importorskip("pyarrow")
    pl = pytest.importorskip("polars")
    data = mixed_rows(60)
    frame = pl.DataFrame(data)
    table = pa.Table.from_batches(pa.table(data).to_batches(max_chunksize=60 // chunks))
    result = ts.assess_frame(table, rules=RULES, period=JUNE, errors="flag")
    expected = ts.assess_frame(frame, rules=RULES, period=JUNE, errors="flag")
    assert isinstance(result, pa.Table)
    for name in ("score", "status", "stars", "error"):
        assert result.column(name).to_pylist() == expected[name].to_list()


def mixed_rows(rows):
    """Rows with gaps, zeros, bad cells and scores finer than millionths."""
    cells = [4.37, None, 0.0, 5.0, 3.1234567, 7.0, 4.05, None, 2.5, 0.0, float("nan")]
    categories = ["服饰", "美妆", "汽车", "食品", None, "家电", "数码"]
    return {
        "category": [categories[i % 7] for i in range(rows)],
        **{
            name: [cells[(i * (3 + k)) % len(cells)] for i in range(rows)]
            for k, name in enumerate(ROW)
            if name != "category"
        },
    }


@pytest.mark.parametrize("library", ["pandas", "polars"])
@pytest.mark.parametrize("chunk", [1, 3, 8, 1 << 16])
def test_any_chunk_size_gives_the_same_frame(monkeypatch, library, chunk):
    columns = mixed_rows(61)
    native = pd.DataFrame(columns) if library == "pandas" else pl.DataFrame(columns)
    whole = ts.assess_frame(native, rules=RULES, period=JUNE, errors="flag")
    monkeypatch.setattr(_frames, "_CHUNK_ROWS", chunk)
    chunked = ts.assess_frame(native, rules=RULES, period=JUNE, errors="flag")
    for name in ("score", "status", "stars", "error"):
        assert column(chunked, name) == column(whole, name)


def test_a_sliced_polars_frame_is_read_from_its_own_rows():
    native = pl.DataFrame(mixed_rows(40))
    whole = ts.assess_frame(native, rules=RULES, period=JUNE, errors="flag")
    part = ts.assess_frame(native.slice(13, 20), rules=RULES, period=JUNE, errors="flag")
    for name in ("score", "status", "stars", "error"):
        assert column(part, name) == column(whole, name)[13:33]


def test_a_category_column_of_mixed_objects_names_each_bad_cell():
    native = pd.DataFrame(
        {"category": pd.Series([3, "服饰", b"x", None], dtype=object), "product": [4.0] * 4}
    )
    result = ts.assess_frame(native, rules=RULES, period=JUNE, errors="flag")
    assert column(result, "score") == [None, Decimal("4.00"), None, None]
    assert column(result, "error") == [
        "category: 3 is not a name (a text)",
        None,
        "category: b'x' is not a name (a text)",
        "category: missing",
    ]


@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_statuses_are_the_same_without_string_views(monkeypatch, library):
    columns = mixed_rows(30)
    native = pd.DataFrame(columns) if library == "pandas" else pl.DataFrame(columns)
    with_views = ts.assess_frame(native, rules=RULES, period=JUNE, errors="flag")
    monkeypatch.setattr(_columns, "_VIEWS", False)  # as with pyarrow before 16
    without = ts.assess_frame(native, rules=RULES, period=JUNE, errors="flag")
    assert column(without, "status") == column(with_views, "status")
    assert str(without["status"].dtype) == str(with_views["status"].dtype)
