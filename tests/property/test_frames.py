"""Invariant: a frame assessed at once equals each row assessed alone, in every scheme.

Each example draws its scheme, and the frame has a column per dimension of it.
"""

import datetime as dt
from decimal import Decimal
from unittest import mock

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tmall_service as ts
from strategies import categories, dimension_names, regions, rulebooks, schemes
from tmall_service._frames import assessing as _frames

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")

cell = st.one_of(
    st.none(),
    st.just(0.0),
    st.integers(0, 500).map(lambda n: n / 100),
    st.integers(0, 5_000_000).map(lambda n: n / 1_000_000),
    st.decimals(0, 5, places=9).map(float),  # finer than the integer grid: the exact path
)


@st.composite
def shop_rows(draw, names):
    row = {"category": draw(categories), "region": draw(regions)}
    row.update({name: draw(cell) for name in names})
    row["orders"] = draw(st.one_of(st.none(), st.integers(0, 100)))
    row["opened"] = draw(st.one_of(st.none(), st.dates(dt.date(2023, 1, 1), dt.date(2024, 12, 31))))
    return row


@st.composite
def cases(draw):
    """Any declared scheme, a rule book of it, and rows with a column per dimension of it."""
    scheme = draw(schemes)
    rows = draw(st.lists(shop_rows(dimension_names(scheme)), min_size=1, max_size=25))
    return draw(rulebooks(scheme=scheme)), rows


def scalar(row, rules, period):
    scores = rules.scheme.scores(**{name: row[name] for name in dimension_names(rules.scheme)})
    return ts.assess(
        scores,
        category=row["category"],
        region=row["region"],
        period=period,
        rules=rules,
        orders=row["orders"],
        opened=row["opened"],
    )


def frames(rows, names):
    columns = {key: [row[key] for row in rows] for key in rows[0]}
    pandas_columns = dict(columns)
    pandas_columns["orders"] = pd.array(columns["orders"], dtype="Int64")
    pandas_columns["opened"] = pd.to_datetime(pd.Series(columns["opened"], dtype="object"))
    polars_frame = pl.DataFrame(
        columns,
        schema={
            "category": pl.String,
            "region": pl.String,
            **dict.fromkeys(names, pl.Float64),
            "orders": pl.Int64,
            "opened": pl.Date,
        },
    )
    pieces = [polars_frame.slice(start, 2) for start in range(0, len(polars_frame), 2)]
    return {
        "pandas": pd.DataFrame(pandas_columns),
        "polars": polars_frame,
        # As read_parquet gives it: each column in several chunks.
        "polars in chunks": pl.concat(pieces, rechunk=False),
        # Scores as text: read by Arrow's cast, exactly.
        "polars text": polars_frame.with_columns(pl.col(names).cast(pl.String)),
        "arrow": pa.Table.from_batches(polars_frame.to_arrow().to_batches(max_chunksize=3)),
    }


def cells_of(native, column):
    values = (
        native[column].to_pylist() if isinstance(native, pa.Table) else native[column].to_list()
    )
    return [
        None if v is None or v is pd.NA else v if column in {"status", "error"} else Decimal(str(v))
        for v in values
    ]


@settings(deadline=None)
@given(cases(), st.integers(1, 12))
def test_frame_equals_scalar_on_both_libraries(case, month):
    rules, rows = case
    # The edition's dates are their own property (tests/rulebooks/test_known_names_paths.py).
    rules = attrs.evolve(rules, effective_from=None, effective_to=None)
    period = ts.AssessmentPeriod.month(2024, month)
    expected = []
    for row in rows:
        try:
            expected.append(scalar(row, rules, period))
        except ts.MissingDataError:
            expected.append(None)
    for library, native in frames(rows, dimension_names(rules.scheme)).items():
        if None in expected:
            with pytest.raises(ts.MissingDataError):
                ts.assess_frame(native, rules=rules, period=period)
            flagged = ts.assess_frame(native, rules=rules, period=period, errors="flag")
            errors = cells_of(flagged, "error")
            assert [e is not None and e is not pd.NA for e in errors] == [
                e is None for e in expected
            ]
            continue
        for chunk in (1 << 16, 3):  # one chunk, and rows split over several
            with mock.patch.object(_frames, "_CHUNK_ROWS", chunk):
                result = ts.assess_frame(native, rules=rules, period=period)
            scores, statuses, stars = (cells_of(result, c) for c in ("score", "status", "stars"))
            for index, assessment in enumerate(expected):
                context = (library, chunk, index, rows[index])
                assert scores[index] == assessment.score, context
                assert statuses[index] == assessment.status.value, context
                assert stars[index] == assessment.stars, context
