"""Invariant: a history's rows and standings, at once, equal each shop's through the scalar path.

It holds in every declared scheme: each example draws its scheme, and the
history has a column per dimension of it.
"""

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tmall_service as ts
from strategies import categories, dimension_names, regions, rulebooks, schemes

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

score = st.one_of(st.none(), st.integers(0, 500).map(lambda n: n / 100))
MONTHS = [ts.AssessmentPeriod.month(2024, m) for m in range(1, 13)]
SPLIT = dt.date(2024, 7, 1)  # the second edition comes into force mid-history


@st.composite
def editions(draw, scheme):
    """One edition of *scheme*, or two that replace each other on 1 July 2024."""
    first = draw(rulebooks(scheme=scheme))
    first = attrs.evolve(first, effective_from=None, effective_to=None)
    if not draw(st.booleans()):
        return first
    second = draw(rulebooks(scheme=scheme))
    return ts.Editions(
        [
            attrs.evolve(first, name="first", effective_to=SPLIT - dt.timedelta(days=1)),
            attrs.evolve(second, name="second", effective_from=SPLIT, effective_to=None),
        ]
    )


@st.composite
def histories(draw, names):
    """A few shops, each with some months of 2024 (gaps allowed), in any order."""
    rows = []
    for shop in draw(st.lists(st.sampled_from(["甲", "乙", "丙", "丁"]), min_size=1, unique=True)):
        category = draw(categories)
        region = draw(regions)
        for month in draw(st.sets(st.integers(0, 11), min_size=1, max_size=12)):
            row = {"shop": shop, "period": f"2024-{month + 1:02d}", "category": category}
            row["region"] = region
            row.update({name: draw(score) for name in names})
            if draw(st.booleans()):  # a shop not assessed this month: every dimension 0
                row.update(dict.fromkeys(names, 0.0))
            row["orders"] = draw(st.one_of(st.none(), st.integers(0, 100)))
            rows.append(row)
    return draw(st.permutations(rows))


@st.composite
def cases(draw):
    """Any declared scheme, its editions, and a history with a column per dimension of it."""
    scheme = draw(schemes)
    return scheme, draw(editions(scheme)), draw(histories(dimension_names(scheme)))


def scalar(row, rules):
    period = ts.AssessmentPeriod.parse(row["period"])
    book = rules if isinstance(rules, ts.RuleBook) else rules.for_period(period)
    return ts.assess(
        book.scheme.scores(**{name: row[name] for name in dimension_names(book.scheme)}),
        category=row["category"],
        region=row["region"],
        period=period,
        rules=book,
        orders=row["orders"],
    )


def native(rows, library, names):
    schema = {
        "shop": pl.String,
        "period": pl.String,
        "category": pl.String,
        "region": pl.String,
        **dict.fromkeys(names, pl.Float64),
        "orders": pl.Int64,
    }
    frame = pl.DataFrame(rows, schema=schema)
    return frame if library == "polars" else frame.to_pandas()


def records(frame):
    """The frame's rows as dictionaries, nulls as None, whichever the library."""
    if isinstance(frame, pl.DataFrame):
        return frame.to_dicts()
    return [
        {k: None if v is None or v is pd.NA or v != v else v for k, v in row.items()}  # noqa: PLR0124 - NaN is the one value not equal to itself
        for row in frame.to_dict("records")
    ]


def expected_standings(rows, rules):
    """Each shop's standing and latest assessment, through the scalar path."""
    by_shop = {}
    for row in rows:
        by_shop.setdefault(row["shop"], []).append(scalar(row, rules))
    return {
        shop: (ts.standing(history, rules), max(history, key=lambda a: a.period.start))
        for shop, history in sorted(by_shop.items())
    }


@pytest.mark.parametrize("library", ["pandas", "polars"])
@settings(deadline=None)
@given(case=cases())
def test_history_equals_each_row_and_each_shop_through_the_scalar_path(library, case):
    scheme, rules, rows = case
    names = dimension_names(scheme)
    try:
        expected = expected_standings(rows, rules)
    except ts.MissingDataError:  # the refuse policy meets a missing dimension
        with pytest.raises(ts.MissingDataError):
            ts.standing_frame(native(rows, library, names), rules=rules)
        return

    assessed = records(ts.assess_history(native(rows, library, names), rules=rules))
    for row, got in zip(rows, assessed, strict=True):
        one = scalar(row, rules)
        book = rules if isinstance(rules, ts.RuleBook) else rules.for_period(one.period)
        assert got["score"] == one.score
        assert got["status"] == one.status.value
        assert (None if got["stars"] is None else Decimal(str(got["stars"]))) == one.stars
        assert got["edition"] == book.name
        for purpose in ts.Purpose:
            assert got[f"meets_{purpose.value}"] == ts.standards(one, book).get(purpose)

    result = records(ts.standing_frame(native(rows, library, names), rules=rules))
    wanted = [
        (shop, standing, latest, purpose)
        for shop, (standing, latest) in expected.items()
        for purpose in standing.purposes.values()
    ]
    assert len(result) == len(wanted)
    for got, (shop, standing, latest, purpose) in zip(result, wanted, strict=True):
        book = rules if isinstance(rules, ts.RuleBook) else rules.for_period(latest.period)
        assert got["shop"] == shop
        assert got["purpose"] == purpose.purpose.value
        assert got["verdict"] == purpose.verdict.value
        assert got["severity"] == purpose.verdict.severity
        assert got["failures"] == purpose.failures
        assert got["limit"] == purpose.limit
        assert got["periods"] == ", ".join(map(str, purpose.periods))
        assert got["fee_year"] == (str(purpose.fee_year) if purpose.fee_year else None)
        assert got["consequence"] == purpose.consequence()
        assert got["latest"] == str(standing.latest)
        assert got["gaps"] == ", ".join(map(str, standing.gaps))
        assert got["score"] == latest.score
        assert got["status"] == latest.status.value
        assert got["edition"] == book.name
