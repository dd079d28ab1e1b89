"""``orders`` and ``opened`` columns held as text: read as a shop file's cells are read.

A frame read with every column as text (``pd.read_csv(..., dtype=str)``,
``pl.read_csv(..., infer_schema=False)``) gives the results of the same
frame with typed columns; a bad cell is named with its value as written;
and for any cells, the frame path (pandas, polars, Arrow), the scalar path
(the row reader's :func:`~tmall_service._frames.shopfile.shop_row`, and the frame
path's own :func:`~tmall_service._frames.assessing._scalar`) and the command line
(both of its readers) agree row for row.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tmall_service as ts
from readers import command_results
from tmall_service._frames import assessing as _frames
from tmall_service._frames import cells as _cells
from tmall_service._frames import shopfile as _shopfile

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")

from tmall_service._cli.main import main
from tmall_service._frames import batches as _batches

EXAMPLES = Path(__file__).parents[2] / "examples"
RULES = ts.example_rulebook()  # a minimum of 30 orders, three months of grace for new shops
PLAIN_RULES = attrs.evolve(RULES, minimum_orders=None, new_shop_grace_months=None)
JULY = ts.AssessmentPeriod.month(2024, 7)  # the example's 河南 flood exemption is on
NAMES = [d.value for d in ts.Dimension]
ROW = {"category": "服饰", **dict(zip(NAMES, ["5", "3", "4", "1", "4"], strict=True))}


def cells_of(result, name):
    """A result column as Python values, ``None`` for a null."""
    values = result.column(name).to_pylist() if isinstance(result, pa.Table) else result[name]
    return [None if v is None or v is pd.NA else v for v in list(values)]


def outcomes(result):
    """Each row's (status, score), or ("bad", reason)."""
    names = ["status", "score", "error"]
    has_error = "error" in (result.column_names if isinstance(result, pa.Table) else result.columns)
    errors = cells_of(result, "error") if has_error else [None] * len(cells_of(result, "status"))
    rows = zip(cells_of(result, names[0]), cells_of(result, names[1]), errors, strict=True)
    return [
        (status, Decimal(score)) if error is None else ("bad", error)
        for status, score, error in rows
    ]


def as_text(columns):
    """The frames of every library, each column held as text."""
    text = {
        name: [None if v is None else str(v) for v in values] for name, values in columns.items()
    }
    strings = dict.fromkeys(text, pl.String)
    return {
        "pandas object": pd.DataFrame(text, dtype=object),
        "pandas string": pd.DataFrame(text, dtype="string"),
        "pandas string[pyarrow]": pd.DataFrame(text, dtype="string[pyarrow]"),
        "polars String": pl.DataFrame(text, schema=strings),
        "polars Categorical": pl.DataFrame(text, schema=strings).with_columns(
            pl.col(*({"orders", "opened"} & set(text))).cast(pl.Categorical)
        ),
        "Arrow": pa.table(text),
        "Arrow, large_string in chunks": pa.concat_tables(
            [pa.table(text).cast(pa.schema([(n, pa.large_string()) for n in text]))] * 2
        ).slice(0, len(next(iter(text.values())))),
    }


# -- the example file ---------------------------------------------------------


def test_the_example_file_read_as_text_gives_the_results_of_its_typed_columns():
    typed = [
        pd.read_csv(EXAMPLES / "shops.csv", parse_dates=["opened"]),  # orders: float64 with NaN
        pl.read_csv(EXAMPLES / "shops.csv", try_parse_dates=True),  # orders: Int64, opened: Date
    ]
    text = [
        pd.read_csv(EXAMPLES / "shops.csv", dtype=str),
        pl.read_csv(EXAMPLES / "shops.csv", infer_schema=False),
        pl.read_csv(EXAMPLES / "shops.csv", infer_schema=False).to_arrow(),
    ]
    results = [
        outcomes(ts.assess_frame(frame, rules=RULES, period=JULY, errors="flag"))
        for frame in (*typed, *text)
    ]
    assert all(result == results[0] for result in results), results
    statuses = {status for status, _ in results[0]}
    assert {"scored", "new_shop", "below_minimum_volume", "exempt"} <= statuses
    # and raising: no bad cell, nothing refused
    for frame in text:
        ts.assess_frame(frame, rules=RULES, period=JULY)


@pytest.mark.parametrize("name", ["pandas", "polars"])
def test_text_cells_with_spaces_and_full_width_digits_are_the_numbers_and_dates(name):
    typed = {
        **{k: [v] * 5 for k, v in ROW.items()},
        "orders": [420, 12, None, 40, 0],
        "opened": [dt.date(2019, 3, 1), None, dt.date(2024, 5, 1), dt.date(2024, 1, 1), None],
    }
    text = {
        **{k: [v] * 5 for k, v in ROW.items()},
        "orders": [" 420 ", "+12", "\u3000", "４０", "-0"],
        "opened": ["2019-03-01", "  ", " 2024-05-01\u3000", "20240101", ""],
    }
    if name == "pandas":
        frames = [pd.DataFrame(typed).astype({"orders": "Int64"}), pd.DataFrame(text, dtype=object)]
    else:
        frames = [pl.DataFrame(typed), pl.DataFrame(text)]
    first, second = (outcomes(ts.assess_frame(f, rules=RULES, period=JULY)) for f in frames)
    assert first == second
    assert [status for status, _ in second] == [
        "scored",
        "below_minimum_volume",
        "new_shop",
        "scored",
        "below_minimum_volume",
    ]


# -- bad cells ----------------------------------------------------------------

BAD_ORDERS = ["4.5", "1e3", "true", "nan", "N/A", "1_000", "١٢", "12 3", "0x1f", "4.0"]
BAD_OPENED = ["2024-02-30", "0000-01-01", "soon", "2024-07", "2024-07-01T08:00", "2024/07/01"]


@pytest.mark.parametrize(
    ("column", "value"),
    [*(("orders", v) for v in BAD_ORDERS), *(("opened", v) for v in BAD_OPENED)],
)
@pytest.mark.parametrize("library", ["pandas", "polars"])
def test_a_bad_text_cell_is_named_with_its_value_as_written(library, column, value):
    columns = {k: [v, v] for k, v in ROW.items()} | {column: ["2020-01-01", value]}
    if column == "orders":
        columns["orders"] = ["100", value]
    native = (
        pd.DataFrame(columns, dtype=object)
        if library == "pandas"
        else pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String))
    )
    reason = (
        f"orders: {value!r} is not a whole number"
        if column == "orders"
        else f"opened: {value!r} is not an ISO date such as 2024-07-01"
    )
    error = ts.InvalidScoreError if column == "orders" else ts.InvalidPeriodError
    with pytest.raises(error) as raised:
        ts.assess_frame(native, rules=RULES, period=JULY)
    assert str(raised.value) == f"1 row with bad cells: row 1, {reason}"
    assert "Decimal(" not in str(raised.value)
    flagged = ts.assess_frame(native, rules=RULES, period=JULY, errors="flag")
    assert cells_of(flagged, "error") == [None, reason]
    assert cells_of(flagged, "status") == ["scored", None]
    # the row reader of the command line gives the same reason
    row = dict(zip(columns, [values[1] for values in columns.values()], strict=True))
    with pytest.raises(_cells.BadRowError) as refused:
        _shopfile.shop_row({"shop": "s", **row}, RULES)
    assert str(refused.value) == reason


def test_bad_cells_are_refused_whether_or_not_the_edition_has_the_rule():
    # As a shop file's cells are: the command line refuses them under any edition.
    columns = {k: [v] for k, v in ROW.items()} | {"orders": ["4.5"], "opened": ["soon"]}
    with pytest.raises(ts.InvalidScoreError, match=r"row 0, orders: '4\.5' is not a whole"):
        ts.assess_frame(pl.DataFrame(columns), rules=PLAIN_RULES, period=JULY)


def test_many_bad_rows_give_the_first_cells_then_a_count():
    columns = {k: [v] * 40 for k, v in ROW.items()} | {"orders": [f"{n}.5" for n in range(40)]}
    with pytest.raises(ts.InvalidScoreError) as raised:
        ts.assess_frame(pd.DataFrame(columns, dtype=object), rules=RULES, period=JULY)
    message = str(raised.value)
    assert message.startswith("40 rows with bad cells: row 0, orders: '0.5' is not a whole number;")
    assert message.endswith("row 19, orders: '19.5' is not a whole number … and 20 more")


def test_a_negative_count_is_refused_only_where_assess_refuses_it():
    columns = {
        **{k: [v] * 4 for k, v in ROW.items()},
        "category": ["服饰", "汽车", "服饰", "服饰"],  # assessed, excluded
        "region": [None, None, "河南", None],  # the flood exemption
        "orders": ["-3", " -3", "-3", "40"],
    }
    for native in as_text(columns).values():
        flagged = ts.assess_frame(native, rules=RULES, period=JULY, errors="flag")
        assert outcomes(flagged) == [
            ("bad", "orders: -3 is not a number of orders"),
            ("category_excluded", Decimal(99)),
            ("exempt", Decimal(99)),
            ("scored", Decimal("3.30")),
        ]
        with pytest.raises(ts.InvalidScoreError, match=r"^row 0: orders: -3 is not a number"):
            ts.assess_frame(native, rules=RULES, period=JULY)
        # without a minimum, a count is never compared: assess takes it
        plain = ts.assess_frame(native, rules=PLAIN_RULES, period=JULY, errors="flag")
        assert cells_of(plain, "status") == ["scored", "category_excluded", "exempt", "scored"]


def test_a_float_column_of_whole_counts_is_counts_on_every_path():
    columns = {k: [v] * 3 for k, v in ROW.items()} | {"orders": [420.0, float("nan"), 12.0]}
    result = ts.assess_frame(pd.DataFrame(columns), rules=RULES, period=JULY)
    assert cells_of(result, "status") == ["scored", "scored", "below_minimum_volume"]
    assert [_cells.orders_cell(v) for v in columns["orders"]] == [420, None, 12]
    # A fraction is no count; in polars NaN is not null, and is a bad cell, as in a score column.
    bad = pl.DataFrame({k: [v] * 2 for k, v in ROW.items()} | {"orders": [4.5, float("nan")]})
    flagged = ts.assess_frame(bad, rules=RULES, period=JULY, errors="flag")
    assert cells_of(flagged, "error") == [
        "orders: 4.5 is not a whole number",
        "orders: nan is not a whole number",
    ]


def test_the_fast_path_reads_typed_columns_without_reading_cells(monkeypatch):
    def refuse(*_):
        raise AssertionError

    monkeypatch.setattr("tmall_service._frames.columns._read_each", refuse)
    columns = {k: [v] * 2 for k, v in ROW.items()} | {
        "orders": [420, None],
        "opened": [dt.date(2019, 3, 1), None],
    }
    for native in (pd.DataFrame(columns).astype({"orders": "Int64"}), pl.DataFrame(columns)):
        ts.assess_frame(native, rules=RULES, period=JULY)
    # plain text is cast at once too
    text = {k: [v] * 2 for k, v in ROW.items()} | {
        "orders": ["420", None],
        "opened": ["2019-03-01", None],
    }
    for native in as_text(text).values():
        ts.assess_frame(native, rules=RULES, period=JULY)


# -- every path agrees --------------------------------------------------------

SPACES = st.sampled_from(["", " ", "\u3000", "\t"])


def padded(texts):
    return st.tuples(SPACES, texts, SPACES).map("".join)


FULL_WIDTH = str.maketrans("0123456789-+", "０１２３４５６７８９－＋")
order_counts = st.integers(-5, 200) | st.integers(-(10**20), 10**20)
order_cells = st.one_of(
    order_counts,  # a Python int, as a pandas object column may hold; text in the CSV
    order_counts.map(str),
    padded(order_counts.map(str)),
    st.integers(0, 99).map(lambda n: f"+{n}"),
    st.integers(0, 999).map(lambda n: str(n).translate(FULL_WIDTH)),
    st.sampled_from(["", " ", "\u3000", None]),
    st.sampled_from([*BAD_ORDERS, "-", "无", "1.", "0.0", "inf", "+", "--1", "١"]),
)
days = st.dates(dt.date(2023, 12, 1), dt.date(2024, 8, 31))
opened_cells = st.one_of(
    days.map(dt.date.isoformat),
    padded(days.map(dt.date.isoformat)),
    days.map(lambda d: d.strftime("%Y%m%d")),
    days.map(lambda d: d.isoformat().translate(FULL_WIDTH)),
    st.sampled_from(["", " ", None]),
    st.sampled_from([*BAD_OPENED, "2024-13-01", "2023-02-29", "9999-12-31", "2024-W27-1"]),
)
score_cells = st.sampled_from(["5", "4.5", " 3 ", "0", "", "４", "N/A", "7"])


@st.composite
def shops(draw):
    return {
        "category": draw(st.sampled_from(["服饰", "食品", "汽车", " 美妆 "])),
        "region": draw(st.sampled_from(["", "河南", "浙江省"])),
        **{name: draw(score_cells) for name in NAMES},
        "orders": draw(order_cells),
        "opened": draw(opened_cells),
    }


def through_scalar(row, rules):
    """The row reader's rules, then assess: what the command line does with a row."""
    try:
        result = _shopfile.shop_row({"shop": "s", **row}, rules).assess(period=JULY, rules=rules)
    except _cells.BadRowError as error:
        return ("bad", str(error))
    except ts.TmallServiceError as error:
        return ("bad", str(_cells.problem_of(error)))
    return (result.status.value, result.score)


def through_own_scalar(row, rules):
    """The frame path's own scalar path: assess on the cells, the first bad one by its column."""
    try:
        result = _frames._scalar(row, NAMES, rules, JULY, None)  # noqa: SLF001 - the frame path's own
    except ts.TmallServiceError as error:
        return ("bad", str(error).split(":")[0])
    return (result.status.value, result.score)


def agree(scalar, own):
    """The two scalar paths give one outcome; of a bad row, the first bad column is named."""
    if scalar[0] != "bad":
        return scalar == own
    return own[0] == "bad" and own[1] in [part.split(":")[0] for part in scalar[1].split("; ")]


def through_cli(table, folder, rules_file, *, row_reader):
    source = folder / "shops.csv"
    output, rejects = folder / f"out{row_reader:d}.json", folder / f"rejects{row_reader:d}.csv"
    with source.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=["shop", *table[0]])
        writer.writeheader()
        writer.writerows(
            {"shop": f"s{i}", **{k: "" if v is None else v for k, v in row.items()}}
            for i, row in enumerate(table)
        )
    argv = ["assess", str(source), "--period", "2024-07", "--rules", str(rules_file)]
    argv += ["--output", str(output), "--rejects", str(rejects), "--progress", "never"]
    with pytest.MonkeyPatch.context() as patched, contextlib.redirect_stderr(io.StringIO()):
        if row_reader:

            def refuse(*_, **__):
                raise _batches.NeedsRowReader

            patched.setattr(_batches, "batches", refuse)
        assert main(argv, out=io.StringIO()) in {0, 3}
    return command_results(output, rejects, len(table))


@pytest.fixture(scope="module")
def rule_files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("rules")
    files = {}
    for name, book in (("example", RULES), ("plain", PLAIN_RULES)):
        files[name] = folder / f"{name}.json"
        files[name].write_text(json.dumps(ts.converter.unstructure(book), ensure_ascii=False))
    return files


@settings(max_examples=60, deadline=None)
@given(
    table=st.lists(shops(), min_size=1, max_size=10), edition=st.sampled_from(["example", "plain"])
)
def test_every_path_reads_orders_and_opened_alike(tmp_path_factory, rule_files, table, edition):
    rules = RULES if edition == "example" else PLAIN_RULES
    columns = {key: [row[key] for row in table] for key in table[0]}
    expected = [through_scalar(row, rules) for row in table]
    own = [through_own_scalar(row, rules) for row in table]
    assert all(map(agree, expected, own)), (expected, own, table)
    folder = tmp_path_factory.mktemp("paths")
    for row_reader in (False, True):
        cli = through_cli(table, folder, rule_files[edition], row_reader=row_reader)
        assert cli == expected, (row_reader, table)
    mixed = pd.DataFrame(columns, dtype=object)  # Python ints beside text, as they are
    for name, native in {"pandas mixed": mixed, **as_text(columns)}.items():
        result = outcomes(ts.assess_frame(native, rules=rules, period=JULY, errors="flag"))
        assert result == expected, (name, table)
        if all(status != "bad" for status, _ in expected):
            ts.assess_frame(native, rules=rules, period=JULY)  # nothing to raise
        else:
            with pytest.raises(ts.TmallServiceError):
                ts.assess_frame(native, rules=rules, period=JULY)
