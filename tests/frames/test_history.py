"""Histories of many shops: assess_history and standing_frame on hostile and edge input.

Each row of a history is assessed by the edition in force for its period,
as ``ts.assess`` assesses it; each shop's rows give its standing, as
``ts.standing`` gives it. These tests pin what both functions refuse, how
they name the bad rows, and what they return at the edges: on pandas and
polars, and on Arrow tables where that is cheap.
"""

import datetime as dt
import math
import random
from decimal import Decimal

import attrs
import pytest

import tmall_service as ts
from tmall_service._frames.history import HISTORY_COLUMNS, STANDING_COLUMNS

pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")
pa = pytest.importorskip("pyarrow")

RULES = ts.example_rulebook()
"""In force 2024-01-01..2024-12-31; merchant assessment 3.5, clearance after 3 periods."""
EDITION = RULES.name
DIMENSIONS = tuple(d.value for d in ts.Dimension)
LIBRARIES = ["pandas", "polars"]
ALL_LIBRARIES = [*LIBRARIES, "arrow"]
FORMS = (
    "write 2025-08 (a month), 2025Q3 (a quarter), 2025H1 (a half-year), 2025 (a year) "
    "or 2025-07-01..2025-07-31 (a range)"
)
PURPOSES = [p.value for p in ts.Purpose]
MARKETING, MERCHANT, REFUND = ts.Purpose


def row(shop, period, score=4.8, **changes):
    """One shop's period: every dimension at *score*, in 服饰, unless *changes* say otherwise."""
    return (
        {"shop": shop, "period": period, "category": "服饰"}
        | dict.fromkeys(DIMENSIONS, score)
        | changes
    )


def native(rows, library, **options):
    """*rows* as a frame of *library*; *options* go to pandas (an index, say)."""
    if library == "pandas":
        return pd.DataFrame(rows, **options)
    if library == "polars":
        return pl.DataFrame(rows, strict=False, infer_schema_length=None)
    return pa.Table.from_pylist(rows)


def names(result):
    return list(result.column_names if isinstance(result, pa.Table) else result.columns)


def column(result, name):
    """A column's cells, every kind of null as None."""
    values = result.column(name).to_pylist() if isinstance(result, pa.Table) else result[name]
    values = values if isinstance(values, list) else values.to_list()
    return [None if _null(value) else value for value in values]


def _null(value):
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def records(result, wanted=None):
    """The result's rows as dictionaries of the *wanted* columns (all by default)."""
    wanted = wanted or names(result)
    return [
        dict(zip(wanted, cells, strict=True))
        for cells in zip(*(column(result, name) for name in wanted), strict=True)
    ]


def added(result):
    """What assess_history adds, row by row."""
    return records(result, list(HISTORY_COLUMNS))


def scalar(one, rules=RULES):
    """*one* row through ts.assess, by the edition in force for its period."""
    period = ts.AssessmentPeriod.parse(one["period"])
    book = rules if isinstance(rules, ts.RuleBook) else rules.for_period(period)
    return ts.assess(
        ts.DimensionScores(**{name: one[name] for name in DIMENSIONS}),
        category=one["category"],
        region=one.get("region"),
        period=period,
        rules=book,
    )


def expected_row(one, rules=RULES):
    """What assess_history should add to *one* row."""
    assessment = scalar(one, rules)
    book = rules if isinstance(rules, ts.RuleBook) else rules.for_period(assessment.period)
    met = ts.standards(assessment, book)
    return {
        "score": assessment.score,
        "status": assessment.status.value,
        "stars": assessment.stars,
        "edition": book.name,
        **{f"meets_{p.value}": met.get(p) for p in ts.Purpose},
    }


def expected_standings(rows, rules=RULES, lang="en"):
    """standing_frame's rows, through ts.standing of each shop's assessments."""
    by_shop = {}
    for one in rows:
        by_shop.setdefault(one["shop"], []).append(scalar(one, rules))
    wanted = []
    for shop, history in sorted(by_shop.items()):
        standing = ts.standing(history, rules)
        latest = max(history, key=lambda a: a.period.start)
        book = rules if isinstance(rules, ts.RuleBook) else rules.for_period(latest.period)
        wanted.extend(
            {
                "shop": shop,
                "purpose": p.purpose.value,
                "verdict": p.verdict.value,
                "severity": p.verdict.severity,
                "failures": p.failures,
                "limit": p.limit,
                "periods": ", ".join(map(str, p.periods)),
                "fee_year": str(p.fee_year) if p.fee_year else None,
                "consequence": p.consequence(lang),
                "latest": str(standing.latest),
                "score": latest.score,
                "status": latest.status.value,
                "edition": book.name,
                "gaps": ", ".join(map(str, standing.gaps)),
            }
            for p in standing.purposes.values()
        )
    return wanted


def message(error):
    return str(error.value)


# -- the arguments ---------------------------------------------------------------


BOTH = pytest.mark.parametrize("function", [ts.assess_history, ts.standing_frame])


@BOTH
@pytest.mark.parametrize("library", ALL_LIBRARIES)
@pytest.mark.parametrize(
    ("dropped", "lacking"),
    [
        ("shop", "no column shop"),
        ("category", "no column category"),
        ("period", "no columns period_start, period_end"),
    ],
)
def test_a_missing_column_is_named_with_the_columns_there_are(function, library, dropped, lacking):
    rows = [{k: v for k, v in row("A", "2024-05").items() if k != dropped}]
    with pytest.raises(ts.RuleBookError) as error:
        function(native(rows, library), rules=RULES)
    there = [name for name in row("A", "2024-05") if name != dropped]
    assert message(error) == f"history: {lacking}; the columns are {there}"


@BOTH
@pytest.mark.parametrize("library", LIBRARIES)
def test_a_period_start_without_its_end_is_refused(function, library):
    rows = [{k: v for k, v in row("A", "2024-05").items() if k != "period"}]
    rows[0]["period_start"] = "2024-05-01"
    with pytest.raises(ts.RuleBookError, match=r"^history: no column period_end; the columns"):
        function(native(rows, library), rules=RULES)


@BOTH
@pytest.mark.parametrize("library", ALL_LIBRARIES)
@pytest.mark.parametrize("extra", ["period_start", "period_end"])
def test_a_period_and_a_start_or_end_are_one_form_too_many(function, library, extra):
    rows = [row("A", "2024-05") | {extra: "2024-05-01"}]
    with pytest.raises(ts.RuleBookError) as error:
        function(native(rows, library), rules=RULES)
    assert message(error) == (
        "history: both 'period' and 'period_start'/'period_end' columns; keep one form"
    )


@BOTH
@pytest.mark.parametrize("library", ALL_LIBRARIES)
@pytest.mark.parametrize("taken", [*HISTORY_COLUMNS, "error"])
def test_a_column_the_result_would_add_is_refused(function, library, taken):
    rows = [row("A", "2024-05") | {taken: 1}]
    with pytest.raises(ts.RuleBookError) as error:
        function(native(rows, library), rules=RULES)
    assert message(error) == f"history: already has column {taken}; rename them first"


def test_every_taken_column_is_named_at_once():
    rows = [row("A", "2024-05") | {"score": 1, "meets_annual_fee_refund": True, "error": ""}]
    with pytest.raises(ts.RuleBookError) as error:
        ts.standing_frame(pl.DataFrame(rows), rules=RULES)
    assert message(error) == (
        "history: already has columns score, meets_annual_fee_refund, error; rename them first"
    )


@BOTH
@pytest.mark.parametrize(
    "history",
    [
        {"shop": ["A"], "period": ["2024-05"], "category": ["服饰"]},
        [row("A", "2024-05")],
        None,
        "history.csv",
        pl.DataFrame([row("A", "2024-05")]).lazy(),
    ],
    ids=["dict", "list", "none", "path", "polars-lazy"],
)
def test_what_is_not_a_frame_is_refused(function, history):
    with pytest.raises(ts.RuleBookError) as error:
        function(history, rules=RULES)
    assert message(error) == (
        f"history: {type(history)} is not a pandas or polars DataFrame or an Arrow Table"
    )


@BOTH
@pytest.mark.parametrize(
    ("rules", "shown"),
    [(None, "None"), ("rules.toml", "'rules.toml'"), ({"profiles": {}}, "{'profiles': {}}")],
)
def test_rules_that_are_no_rule_book_or_editions_are_refused(function, rules, shown):
    with pytest.raises(ts.RuleBookError) as error:
        function(pl.DataFrame([row("A", "2024-05")]), rules=rules)
    assert message(error) == f"rules: {shown} is not a RuleBook or Editions"


@BOTH
def test_editions_of_two_schemes_are_refused(function):
    taobao = ts.example_rulebook(ts.Scheme.TAOBAO)
    editions = ts.Editions(
        [
            attrs.evolve(RULES, effective_to=dt.date(2024, 6, 30)),
            attrs.evolve(taobao, effective_from=dt.date(2024, 7, 1), effective_to=None),
        ]
    )
    with pytest.raises(ts.RuleBookError) as error:
        function(pl.DataFrame([row("A", "2024-05")]), rules=editions)
    assert (
        message(error) == "rules: the editions score different schemes; a history is scored by one"
    )


@BOTH
@pytest.mark.parametrize(
    ("errors", "shown"), [("skip", "'skip'"), ("Raise", "'Raise'"), (None, "None")]
)
def test_an_unknown_way_with_bad_rows_is_an_option_error(function, errors, shown):
    with pytest.raises(ts.InvalidOptionError) as error:
        function(pl.DataFrame([row("A", "2024-05")]), rules=RULES, errors=errors)
    assert message(error) == (
        f"errors: {shown} is not a way to meet bad rows; write 'raise' or 'flag'"
    )


@pytest.mark.parametrize(("lang", "shown"), [("fr", "'fr'"), ("ZH", "'ZH'"), (None, "None")])
def test_an_unknown_language_is_an_option_error(lang, shown):
    with pytest.raises(ts.InvalidOptionError) as error:
        ts.standing_frame(pl.DataFrame([row("A", "2024-05")]), rules=RULES, lang=lang)
    assert message(error) == f"lang: {shown} is not a language of the library; write 'en' or 'zh'"


# -- periods ---------------------------------------------------------------------


@pytest.mark.parametrize("library", ALL_LIBRARIES)
@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("2024-13", f"'2024-13' is not a period; {FORMS}"),
        ("soon", f"'soon' is not a period; {FORMS}"),
        ("2024Q5", f"'2024Q5' is not a period; {FORMS}"),
        ("2024-05-31..2024-05-01", f"'2024-05-31..2024-05-01' ends before it starts; {FORMS}"),
        (None, "missing"),
        ("", "missing"),
        (" \u3000", "missing"),
    ],
    ids=["month-13", "soon", "quarter-5", "backwards", "none", "empty", "blank"],
)
def test_a_period_that_is_not_one_is_named_by_row_and_text(library, text, problem):
    rows = [row("A", "2024-05"), row("A", text), row("B", "2024-06")]
    for function in (ts.assess_history, ts.standing_frame):
        with pytest.raises(ts.InvalidPeriodError) as error:
            function(native(rows, library), rules=RULES)
        assert message(error) == f"1 row with bad cells: row 1, period: {problem}"


@pytest.mark.parametrize("library", ALL_LIBRARIES)
def test_flagged_bad_periods_leave_the_other_rows_as_they_are_alone(library):
    rows = [
        row("A", "2024-05"),
        row("A", "2024-13"),
        row("B", "2024-06", score=3.0),
        row("B", "soon"),
        row("C", "2024-07", score=4.1),
    ]
    result = ts.assess_history(native(rows, library), rules=RULES, errors="flag")
    assert names(result) == [*row("A", "x"), *HISTORY_COLUMNS, "error"]
    assert column(result, "error") == [
        None,
        f"period: '2024-13' is not a period; {FORMS}",
        None,
        f"period: 'soon' is not a period; {FORMS}",
        None,
    ]
    for name in HISTORY_COLUMNS:
        assert column(result, name)[1] is None, name
        assert column(result, name)[3] is None, name
    good = [rows[0], rows[2], rows[4]]
    alone = ts.assess_history(native(good, library), rules=RULES)
    assert [added(result)[i] for i in (0, 2, 4)] == added(alone)
    assert added(alone) == [expected_row(one) for one in good]


def test_a_period_outside_the_rule_books_dates_is_a_bad_row():
    rows = [row("A", "2024-12"), row("A", "2025-01")]
    for library in LIBRARIES:
        with pytest.raises(ts.InvalidPeriodError) as error:
            ts.assess_history(native(rows, library), rules=RULES)
        assert message(error) == (
            "1 row with bad cells: row 1, period: 2025-01-01..2025-01-31 is outside the edition "
            f"'{EDITION}' (2024-01-01..2024-12-31); assess it with the edition in force then"
        )
        flagged = ts.assess_history(native(rows, library), rules=RULES, errors="flag")
        assert column(flagged, "edition") == [EDITION, None]
        assert column(flagged, "error")[0] is None
        assert column(flagged, "error")[1].startswith("period: 2025-01-01..2025-01-31 is outside")


GAPPED = ts.Editions(
    [
        attrs.evolve(RULES, name="H1", effective_to=dt.date(2024, 6, 30)),
        attrs.evolve(RULES, name="Q4", effective_from=dt.date(2024, 10, 1)),
    ]
)
"""Two editions with the third quarter of 2024 between them, in force under neither."""
SPLIT = ts.Editions(
    [
        attrs.evolve(RULES, name="H1", effective_to=dt.date(2024, 6, 30)),
        attrs.evolve(RULES, name="H2", effective_from=dt.date(2024, 7, 1), effective_to=None),
    ]
)
"""Two editions that replace each other on 1 July 2024."""


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_period_no_edition_covers_is_a_bad_row_naming_the_editions(library):
    rows = [row("A", "2024-05"), row("A", "2024-08"), row("B", "2024-11")]
    with pytest.raises(ts.RuleBookError) as error:
        ts.assess_history(native(rows, library), rules=GAPPED)
    assert message(error) == (
        "1 row with bad cells: row 1, period: day: no edition is in force on 2024-08-01; "
        "the editions are H1 (2024-01-01..2024-06-30); Q4 (2024-10-01..2024-12-31)"
    )
    flagged = ts.assess_history(native(rows, library), rules=GAPPED, errors="flag")
    assert column(flagged, "edition") == ["H1", None, "Q4"]
    assert column(flagged, "error")[1].startswith("period: day: no edition is in force on 2024-08")
    assert [column(flagged, "error")[i] for i in (0, 2)] == [None, None]
    good = [rows[0], rows[2]]
    assert [added(flagged)[i] for i in (0, 2)] == [expected_row(r, GAPPED) for r in good]


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_period_straddling_two_editions_is_a_bad_row(library):
    rows = [row("A", "2024-06"), row("A", "2024-06-15..2024-07-15"), row("A", "2024-07")]
    with pytest.raises(ts.RuleBookError) as error:
        ts.assess_history(native(rows, library), rules=SPLIT)
    assert message(error) == (
        "1 row with bad cells: row 1, period: 2024-06-15..2024-07-15 straddles "
        "H1 (2024-01-01..2024-06-30) and H2 (2024-07-01..…)"
    )
    flagged = ts.assess_history(native(rows, library), rules=SPLIT, errors="flag")
    assert column(flagged, "edition") == ["H1", None, "H2"]
    assert column(flagged, "error")[1] == (
        "period: 2024-06-15..2024-07-15 straddles "
        "H1 (2024-01-01..2024-06-30) and H2 (2024-07-01..…)"
    )


def test_a_period_is_read_in_every_form_parse_reads():
    forms = ["2024-05", " 2024-05 ", "２０２４－０５", "2024-05-01..2024-05-31"]
    for form in forms:
        result = ts.standing_frame(pl.DataFrame([row("A", form)]), rules=RULES)
        assert column(result, "latest") == ["2024-05-01..2024-05-31"] * 3, form


@pytest.mark.parametrize("library", LIBRARIES)
def test_periods_as_period_objects_give_what_their_text_gives(library):
    months = [ts.AssessmentPeriod.month(2024, m) for m in (3, 4, 6)]
    texts = [row("A", f"2024-{p.start.month:02d}", score=3.0) for p in months]
    objects = [one | {"period": p} for one, p in zip(texts, months, strict=True)]
    frame = pl.DataFrame(objects) if library == "polars" else pd.DataFrame(objects)
    if library == "polars":
        assert frame.schema["period"] == pl.Object
    want = ts.standing_frame(native(texts, library), rules=RULES)
    got = ts.standing_frame(frame, rules=RULES)
    assert records(got) == records(want)
    assert added(ts.assess_history(frame, rules=RULES)) == [expected_row(one) for one in texts]


# -- period_start and period_end ---------------------------------------------------


def ranged(rows, kind):
    """*rows* with period_start and period_end instead of period: dates, or ISO text."""
    result = []
    for one in rows:
        period = ts.AssessmentPeriod.parse(one["period"])
        start, end = period.start, period.end
        if kind == "text":
            start, end = start.isoformat(), end.isoformat()
        elif kind == "datetime":
            start, end = dt.datetime.combine(start, dt.time()), dt.datetime.combine(end, dt.time())
        rest = {k: v for k, v in one.items() if k != "period"}
        result.append(rest | {"period_start": start, "period_end": end})
    return result


MIXED = [
    row("B", "2024-03", score=3.0),
    row("A", "2024-05", score=3.2),
    row("A", "2024-04", score=4.9),
    row("B", "2024-04", score=3.0),
    row("A", "2024-07", score=3.0),  # after a gap in June
    row("C", "2024Q1", score=4.0, category="汽车"),
    row("A", "2024-08", score=3.1),
]


@pytest.mark.parametrize("library", ALL_LIBRARIES)
@pytest.mark.parametrize("kind", ["date", "text", "datetime"])
def test_start_and_end_give_what_the_period_gives(library, kind):
    by_period = native(MIXED, library)
    by_range = native(ranged(MIXED, kind), library)
    assert added(ts.assess_history(by_range, rules=RULES)) == added(
        ts.assess_history(by_period, rules=RULES)
    )
    want = ts.standing_frame(by_period, rules=RULES)
    got = ts.standing_frame(by_range, rules=RULES)
    assert records(got) == records(want) == expected_standings(MIXED)


@pytest.mark.parametrize("library", LIBRARIES)
def test_pandas_and_polars_date_columns_are_read_as_dates(library):
    frame = native(ranged(MIXED, "text"), library)
    if library == "pandas":
        frame = frame.assign(
            period_start=pd.to_datetime(frame["period_start"]),
            period_end=pd.to_datetime(frame["period_end"]).dt.date,
        )
    else:
        frame = frame.with_columns(pl.col("period_start", "period_end").str.to_date())
        assert frame.schema["period_start"] == pl.Date
    assert records(ts.standing_frame(frame, rules=RULES)) == expected_standings(MIXED)


@pytest.mark.parametrize("library", ALL_LIBRARIES)
def test_a_start_after_the_end_is_named(library):
    rows = ranged([row("A", "2024-05"), row("A", "2024-06")], "text")
    rows[1]["period_start"], rows[1]["period_end"] = "2024-06-30", "2024-06-01"
    with pytest.raises(ts.InvalidPeriodError) as error:
        ts.standing_frame(native(rows, library), rules=RULES)
    assert message(error) == (
        "1 row with bad cells: row 1, period: 2024-06-30..2024-06-01 ends before it starts"
    )
    flagged = ts.assess_history(native(rows, library), rules=RULES, errors="flag")
    assert column(flagged, "error") == [
        None,
        "period: 2024-06-30..2024-06-01 ends before it starts",
    ]


@pytest.mark.parametrize("library", ALL_LIBRARIES)
@pytest.mark.parametrize(
    ("start", "end", "problem"),
    [
        (None, "2024-06-30", "period_start: missing"),
        ("2024-06-01", "  ", "period_end: missing"),
        ("junk", "2024-06-30", "period_start: 'junk' is not an ISO date such as 2024-07-01"),
        (
            "2024-06-01",
            "2024-06-31",
            "period_end: '2024-06-31' is not an ISO date such as 2024-07-01",
        ),
    ],
)
def test_a_bad_start_or_end_is_named_by_its_own_column(library, start, end, problem):
    rows = ranged([row("A", "2024-05"), row("A", "2024-06")], "text")
    rows[1]["period_start"], rows[1]["period_end"] = start, end
    with pytest.raises(ts.InvalidPeriodError) as error:
        ts.assess_history(native(rows, library), rules=RULES)
    assert message(error) == f"1 row with bad cells: row 1, {problem}"
    flagged = ts.assess_history(native(rows, library), rules=RULES, errors="flag")
    assert column(flagged, "error") == [None, problem]


# -- shops -------------------------------------------------------------------------


@pytest.mark.parametrize("library", ALL_LIBRARIES)
@pytest.mark.parametrize("shop", [None, "", "   ", "\u3000", "\t\n"], ids=repr)
def test_a_row_without_a_shop_is_a_bad_row(library, shop):
    rows = [row("A", "2024-05"), row(shop, "2024-05"), row("B", "2024-06")]
    for function in (ts.assess_history, ts.standing_frame):
        with pytest.raises(ts.MissingDataError) as error:
            function(native(rows, library), rules=RULES)
        assert message(error) == "1 row with bad cells: row 1, shop: missing"
    flagged = ts.assess_history(native(rows, library), rules=RULES, errors="flag")
    assert column(flagged, "error") == [None, "shop: missing", None]
    assert added(flagged)[1] == dict.fromkeys(HISTORY_COLUMNS)
    assert [added(flagged)[i] for i in (0, 2)] == [expected_row(rows[i]) for i in (0, 2)]

    standing = ts.standing_frame(native(rows, library), rules=RULES, errors="flag")
    errors = [e for e in column(standing, "error") if e]
    assert errors == ["row 1: shop: missing"]
    judged = [r for r in records(standing) if r["error"] is None]
    assert [{k: v for k, v in r.items() if k != "error"} for r in judged] == expected_standings(
        [rows[0], rows[2]]
    )


@pytest.mark.parametrize("library", ALL_LIBRARIES)
def test_nan_in_a_column_of_numbered_shops_is_no_shop(library):
    rows = [row(1.0, "2024-05"), row(float("nan"), "2024-05"), row(2.0, "2024-05")]
    flagged = ts.assess_history(native(rows, library), rules=RULES, errors="flag")
    assert column(flagged, "error") == [None, "shop: missing", None]
    with pytest.raises(ts.MissingDataError, match=r"^1 row with bad cells: row 1, shop: missing$"):
        ts.standing_frame(native(rows, library), rules=RULES)


@pytest.mark.parametrize("library", LIBRARIES)
def test_categorical_shops_are_their_names_and_unused_ones_are_left_out(library):
    rows = [row("B", "2024-05"), row("A", "2024-06"), row("B", "2024-06", score=3.0)]
    if library == "pandas":
        frame = pd.DataFrame(rows).astype({"shop": pd.CategoricalDtype(["Z", "B", "A"])})
    else:
        frame = pl.DataFrame(rows).cast({"shop": pl.Enum(["Z", "B", "A"])})
    result = ts.standing_frame(frame, rules=RULES)
    assert [str(shop) for shop in column(result, "shop")] == ["A"] * 3 + ["B"] * 3
    assert [r | {"shop": str(r["shop"])} for r in records(result)] == expected_standings(rows)


@pytest.mark.parametrize("library", ALL_LIBRARIES)
def test_a_shop_named_zero_is_a_shop(library):
    rows = [row("0", "2024-05"), row("00", "2024-05"), row("A", "2024-05")]
    result = ts.standing_frame(native(rows, library), rules=RULES)
    assert records(result) == expected_standings(rows)
    assert column(result, "shop")[:3] == ["0"] * 3


@pytest.mark.parametrize("library", ALL_LIBRARIES)
def test_shops_given_as_integers_are_shops_in_numeric_order(library):
    rows = [row(10, "2024-05", score=3.0), row(0, "2024-05"), row(2, "2024-06"), row(0, "2024-06")]
    frame = native(rows, library)
    result = ts.standing_frame(frame, rules=RULES)
    assert column(result, "shop") == [0, 0, 0, 2, 2, 2, 10, 10, 10]
    assert records(result) == expected_standings(rows)
    assessed = ts.assess_history(frame, rules=RULES)
    assert column(assessed, "shop") == [10, 0, 2, 0]
    assert added(assessed) == [expected_row(one) for one in rows]


def test_a_pandas_column_of_names_and_numbers_keeps_each_shop_apart():
    rows = [row("B", "2024-05"), row(1, "2024-05"), row("1", "2024-06"), row(1, "2024-06")]
    frame = pd.DataFrame(rows)
    assert frame["shop"].dtype == object
    result = ts.standing_frame(frame, rules=RULES)
    # 1 and "1" are two shops; 1 has two months, "1" one.
    assert len(result) == 9
    assert sorted({r["latest"] for r in records(result)}) == [
        "2024-05-01..2024-05-31",
        "2024-06-01..2024-06-30",
    ]


# -- bad cells -----------------------------------------------------------------------


BAD_CELLS = [
    ("product", float("inf"), ts.InvalidScoreError, "product: inf is not a finite number"),
    ("product", -1.0, ts.InvalidScoreError, "product: -1.0 is outside [0, 5]"),
    ("logistics", 5.01, ts.InvalidScoreError, "logistics: 5.01 is outside [0, 5]"),
    ("dispute", "abc", ts.InvalidScoreError, "dispute: 'abc' is not a number"),
    (
        "category",
        "火星",
        ts.UnknownCategoryError,
        "category: '火星' is not a category of this edition",
    ),
    ("category", None, ts.RuleBookError, "category: missing"),
    ("region", "火星", ts.UnknownRegionError, "region: '火星' is not a region of this edition"),
]

FLAGGED = [(name, value, problem) for name, value, _, problem in BAD_CELLS]


def with_bad_cell(name, value, library):
    """Three shops over two months; shop B's June holds the bad cell."""
    rows = [
        row("A", "2024-05", region="浙江"),
        row("B", "2024-05", score=3.0, region="浙江"),
        row("C", "2024-06", score=4.1, region="浙江"),
        row("B", "2024-06", score=3.0, region="浙江"),
        row("A", "2024-06", region="浙江"),
    ]
    bad = [dict(one) for one in rows]
    bad[3][name] = value
    if library != "pandas" and isinstance(value, str) and name in DIMENSIONS:
        for one in bad:  # a text column, as a file read without a schema gives it
            one[name] = str(one[name])
    return rows, bad


@pytest.mark.parametrize("library", ALL_LIBRARIES)
@pytest.mark.parametrize(("name", "value", "error", "problem"), BAD_CELLS)
def test_a_bad_cell_is_named_by_row_and_column(library, name, value, error, problem):
    _, bad = with_bad_cell(name, value, library)
    for function in (ts.assess_history, ts.standing_frame):
        with pytest.raises(error) as raised:
            function(native(bad, library), rules=RULES)
        assert message(raised) == f"1 row with bad cells: row 3, {problem}"


@pytest.mark.parametrize("library", ALL_LIBRARIES)
@pytest.mark.parametrize(("name", "value", "problem"), FLAGGED)
def test_a_flagged_bad_cell_spoils_only_its_row(library, name, value, problem):
    rows, bad = with_bad_cell(name, value, library)
    flagged = ts.assess_history(native(bad, library), rules=RULES, errors="flag")
    assert column(flagged, "error") == [None, None, None, problem, None]
    assert added(flagged)[3] == dict.fromkeys(HISTORY_COLUMNS)
    others = [0, 1, 2, 4]
    assert [added(flagged)[i] for i in others] == [expected_row(rows[i]) for i in others]


@pytest.mark.parametrize("library", ALL_LIBRARIES)
@pytest.mark.parametrize(("name", "value", "problem"), FLAGGED)
def test_a_shop_with_a_bad_row_is_not_judged_and_the_others_are_as_without_it(
    library, name, value, problem
):
    rows, bad = with_bad_cell(name, value, library)
    result = ts.standing_frame(native(bad, library), rules=RULES, errors="flag")
    assert names(result) == [*STANDING_COLUMNS, "error"]
    got = records(result)
    assert [r["shop"] for r in got] == ["A", "A", "A", "B", "C", "C", "C"]
    assert got[3] == dict.fromkeys(STANDING_COLUMNS) | {"shop": "B", "error": f"row 3: {problem}"}
    without = [one for one in rows if one["shop"] != "B"]
    alone = ts.standing_frame(native(without, library), rules=RULES, errors="flag")
    assert got[:3] + got[4:] == records(alone)
    assert [{k: v for k, v in r.items() if k != "error"} for r in records(alone)] == (
        expected_standings(without)
    )


@pytest.mark.parametrize("library", ["polars", "arrow"])
def test_nan_is_a_bad_score_where_the_library_tells_it_from_null(library):
    rows = [row("A", "2024-05"), row("A", "2024-06", product=float("nan"))]
    with pytest.raises(ts.InvalidScoreError) as error:
        ts.assess_history(native(rows, library), rules=RULES)
    assert message(error) == "1 row with bad cells: row 1, product: nan is not a finite number"


def test_nan_in_pandas_is_no_data_as_in_assess_frame():
    rows = [row("A", "2024-05"), row("A", "2024-06", score=4.0, product=float("nan"))]
    result = ts.assess_history(pd.DataFrame(rows), rules=RULES)
    none = rows[1] | {"product": None}
    assert added(result) == [expected_row(rows[0]), expected_row(none)]
    june = ts.assess_frame(
        pd.DataFrame(rows[1:]), rules=RULES, period=ts.AssessmentPeriod.month(2024, 6)
    )
    assert column(result, "score")[1] == column(june, "score")[0]


@pytest.mark.parametrize("library", LIBRARIES)
def test_every_bad_row_is_counted_whatever_its_period(library):
    rows = [
        row("A", "2024-06", product=9.0),
        row("A", "2024-05"),
        row("B", "2024-05", logistics=7.0),
        row("C", "2024-13"),
        row("C", "2024-07", category="火星"),
    ]
    with pytest.raises(ts.InvalidScoreError) as error:
        ts.standing_frame(native(rows, library), rules=RULES)
    assert message(error) == (
        "4 rows with bad cells: row 0, product: 9.0 is outside [0, 5]; "
        "row 2, logistics: 7.0 is outside [0, 5]; "
        f"row 3, period: '2024-13' is not a period; {FORMS}; "
        "row 4, category: '火星' is not a category of this edition"
    )


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_row_with_several_bad_cells_lists_each_in_the_rows_order(library):
    rows = [
        row(None, "2024-05", product=9.0, category="火星"),
        row(None, "2024-13", product=9.0),  # no edition reads the rest of the row
    ]
    flagged = ts.assess_history(native(rows, library), rules=RULES, errors="flag")
    assert column(flagged, "error") == [
        (
            "shop: missing; category: '火星' is not a category of this edition; "
            "product: 9.0 is outside [0, 5]"
        ),
        f"shop: missing; period: '2024-13' is not a period; {FORMS}",
    ]


# -- overlapping periods ------------------------------------------------------------


@pytest.mark.parametrize("library", ALL_LIBRARIES)
@pytest.mark.parametrize(
    ("one", "other", "shown"),
    [
        ("2024-05", "2024-05", "2024-05-01..2024-05-31 and 2024-05-01..2024-05-31"),
        ("2024-05", "2024-05-01..2024-05-31", "2024-05-01..2024-05-31 and 2024-05-01..2024-05-31"),
        ("2024-05", "2024Q2", "2024-04-01..2024-06-30 and 2024-05-01..2024-05-31"),
        ("2024-06-20..2024-07-10", "2024-07", "2024-06-20..2024-07-10 and 2024-07-01..2024-07-31"),
    ],
)
def test_two_rows_of_a_shop_for_overlapping_periods_are_refused(library, one, other, shown):
    rows = [row("A", "2024-01"), row("B", one), row("A", "2024-02"), row("B", other)]
    with pytest.raises(ts.InvalidPeriodError) as error:
        ts.standing_frame(native(rows, library), rules=RULES)
    assert message(error) == (
        f"shop 'B': period: {shown} overlap; a history holds one assessment per period"
    )
    # Each row is assessed on its own: assess_history has nothing to refuse.
    assessed = ts.assess_history(native(rows, library), rules=RULES)
    assert added(assessed) == [expected_row(r) for r in rows]


@pytest.mark.parametrize("library", ALL_LIBRARIES)
def test_a_shop_with_overlapping_periods_is_flagged_and_the_others_are_judged(library):
    rows = [row("A", "2024-01"), row("B", "2024-05"), row("C", "2024-05"), row("B", "2024Q2")]
    result = ts.standing_frame(native(rows, library), rules=RULES, errors="flag")
    got = records(result)
    assert [r["shop"] for r in got] == ["A", "A", "A", "B", "C", "C", "C"]
    assert got[3] == dict.fromkeys(STANDING_COLUMNS) | {
        "shop": "B",
        "error": "period: 2024-04-01..2024-06-30 and 2024-05-01..2024-05-31 overlap; "
        "a history holds one assessment per period",
    }
    without = [r for r in rows if r["shop"] != "B"]
    assert got[:3] + got[4:] == records(
        ts.standing_frame(native(without, library), rules=RULES, errors="flag")
    )


def test_two_shops_in_the_same_period_do_not_overlap():
    rows = [row(shop, "2024-05") for shop in "ABC"]
    assert records(ts.standing_frame(pl.DataFrame(rows), rules=RULES)) == expected_standings(rows)


def test_the_overlap_is_named_by_the_shop_as_its_column_holds_it():
    rows = [row(7, "2024-05"), row(7, "2024-05")]
    with pytest.raises(ts.InvalidPeriodError, match=r"^shop 7: period: 2024-05-01"):
        ts.standing_frame(pl.DataFrame(rows), rules=RULES)


# -- many bad rows ------------------------------------------------------------------


MANY = 10_000


@pytest.mark.parametrize("library", LIBRARIES)
@pytest.mark.parametrize(
    ("change", "error", "problem"),
    [
        ({"product": 9.0}, ts.InvalidScoreError, "product: 9.0 is outside [0, 5]"),
        ({"period": "soon"}, ts.InvalidPeriodError, f"period: 'soon' is not a period; {FORMS}"),
        ({"shop": " "}, ts.MissingDataError, "shop: missing"),
    ],
    ids=["score", "period", "shop"],
)
def test_the_message_for_many_bad_rows_stays_short(library, change, error, problem):
    months = [f"2024-{m:02d}" for m in range(1, 13)]  # bad rows in every period
    rows = [row(f"shop-{i:05d}", months[i % 12]) | change for i in range(MANY)]
    first = "; ".join(f"row {i}, {problem}" for i in range(20))
    for function in (ts.assess_history, ts.standing_frame):
        with pytest.raises(error) as raised:
            function(native(rows, library), rules=RULES)
        assert message(raised) == f"{MANY} rows with bad cells: {first} … and {MANY - 20} more"
        assert len(message(raised)) < 21 * len(f"row {MANY}, {problem}; ") + 50


def test_flagging_many_bad_rows_flags_each():
    rows = [row(f"s{i}", "2024-05", product=9.0 if i % 2 else 4.0) for i in range(MANY)]
    flagged = ts.assess_history(pl.DataFrame(rows), rules=RULES, errors="flag")
    errors = column(flagged, "error")
    assert errors[1::2] == ["product: 9.0 is outside [0, 5]"] * (MANY // 2)
    assert errors[::2] == [None] * (MANY // 2)
    result = ts.standing_frame(pl.DataFrame(rows), rules=RULES, errors="flag")
    assert result.height == MANY // 2 * 3 + MANY // 2
    assert result["error"].null_count() == MANY // 2 * 3


# -- empty and small histories -------------------------------------------------------


def empty(library):
    schema = {"shop": pl.String, "period": pl.String, "category": pl.String}
    schema |= dict.fromkeys(DIMENSIONS, pl.Float64)
    frame = pl.DataFrame(schema=schema)
    if library == "pandas":
        return frame.to_pandas()
    return frame.to_arrow() if library == "arrow" else frame


@pytest.mark.parametrize("library", ALL_LIBRARIES)
@pytest.mark.parametrize("errors", ["raise", "flag"])
def test_an_empty_history_gives_empty_results_with_every_column(library, errors):
    flag = ["error"] if errors == "flag" else []
    history = empty(library)
    assessed = ts.assess_history(history, rules=RULES, errors=errors)
    assert names(assessed) == [*names(history), *HISTORY_COLUMNS, *flag]
    assert len(assessed) == 0
    standing = ts.standing_frame(history, rules=RULES, errors=errors)
    assert names(standing) == [*STANDING_COLUMNS, *flag]
    assert len(standing) == 0


def test_an_empty_pandas_history_of_python_objects_is_empty():
    history = pd.DataFrame({name: pd.Series([], dtype=object) for name in row("A", "2024-05")})
    assert len(ts.assess_history(history, rules=RULES)) == 0
    assert names(ts.standing_frame(history, rules=GAPPED)) == list(STANDING_COLUMNS)


@pytest.mark.parametrize("library", ALL_LIBRARIES)
def test_the_columns_keep_their_types_whatever_part_of_the_history(library):
    """Partitions of a history (Dask's, say) and its empty meta agree on every type."""
    rows = [row("A", "2024-05"), row("B", "2024-08")]
    whole = native(rows, library)
    types = [
        _types(ts.assess_history(part, rules=SPLIT_BANDS))
        for part in (whole, whole[:1], whole[1:], whole[:0])
    ]
    assert types[1:] == types[:1] * 3


def _types(result):
    if isinstance(result, pa.Table):
        return [str(t) for t in result.schema.types]
    if isinstance(result, pl.DataFrame):
        return [str(t) for t in result.dtypes]
    return [str(t) for t in result.dtypes]


@pytest.mark.parametrize("library", ALL_LIBRARIES)
def test_a_single_row_is_a_history(library):
    one = row("A", "2024-05", score=3.0)
    assessed = ts.assess_history(native([one], library), rules=RULES)
    assert added(assessed) == [expected_row(one)]
    result = ts.standing_frame(native([one], library), rules=RULES)
    assert records(result) == expected_standings([one])
    assert column(result, "verdict") == ["not_eligible", "at_risk", "forfeited"]


# -- order, and the input left alone ------------------------------------------------


def a_year_of_shops():
    """Twelve shops over 2024, some failing, some with gaps, some not assessed."""
    rows = []
    for shop in range(12):
        for month in range(1, 13):
            if (shop + month) % 5 == 0:
                continue  # a gap
            score = [4.9, 3.0, 4.1, 3.6][(shop * month) % 4]
            category = "汽车" if shop == 11 else "服饰"
            rows.append(row(f"shop-{shop:02d}", f"2024-{month:02d}", score, category=category))
    return rows


@pytest.mark.parametrize("library", ALL_LIBRARIES)
def test_the_order_of_the_rows_does_not_matter(library):
    rows = a_year_of_shops()
    shuffled = list(rows)
    random.Random(20240701).shuffle(shuffled)
    want = ts.standing_frame(native(rows, library), rules=RULES)
    got = ts.standing_frame(native(shuffled, library), rules=RULES)
    assert records(got) == records(want) == expected_standings(rows)
    assessed = ts.assess_history(native(shuffled, library), rules=RULES)
    assert column(assessed, "period") == [one["period"] for one in shuffled]
    assert added(assessed) == [expected_row(one) for one in shuffled]


@pytest.mark.parametrize("errors", ["raise", "flag"])
def test_the_input_frame_is_not_changed(errors):
    rows = [*a_year_of_shops()[:30], row("Z", "2024-05", product=9.0 if errors == "flag" else 4)]
    frame = pd.DataFrame(rows, index=[f"r{i}" for i in range(len(rows))])
    before = frame.copy(deep=True)
    ts.assess_history(frame, rules=RULES, errors=errors)
    ts.standing_frame(frame, rules=RULES, errors=errors)
    pd.testing.assert_frame_equal(frame, before)
    polars = pl.DataFrame(rows)
    kept = polars.clone()
    ts.assess_history(polars, rules=RULES, errors=errors)
    ts.standing_frame(polars, rules=RULES, errors=errors)
    assert polars.equals(kept)
    assert polars.columns == kept.columns


@pytest.mark.parametrize("library", ALL_LIBRARIES)
def test_shops_come_out_in_order_and_purposes_in_purpose_order(library):
    rows = [row(shop, "2024-05") for shop in ["b", "B", "阿里", "a", "A10", "A2"]]
    result = ts.standing_frame(native(rows, library), rules=RULES)
    shops = sorted({one["shop"] for one in rows})
    assert column(result, "shop") == [shop for shop in shops for _ in PURPOSES]
    assert column(result, "purpose") == PURPOSES * len(shops)


def verdicts_of_every_kind():
    return [
        *(row("clear", f"2024-{m:02d}", 3.0) for m in (4, 5, 6)),  # clearance
        *(row("risk", f"2024-{m:02d}", s) for m, s in ((4, 4.9), (5, 3.0), (6, 3.0))),
        row("eligible-not", "2024-06", 3.8),  # below marketing 4.0, above merchant 3.5
        *(row("forfeit", f"2024-{m:02d}", s) for m, s in ((5, 4.1), (6, 4.9))),  # below 4.2 once
        row("fine", "2024-06", 4.9),
    ]


@pytest.mark.parametrize("library", LIBRARIES)
def test_severity_is_the_verdicts_and_sorts_by_attention(library):
    result = ts.standing_frame(native(verdicts_of_every_kind(), library), rules=RULES)
    got = records(result)
    for one in got:
        assert one["severity"] == ts.Verdict(one["verdict"]).severity
    assert {one["verdict"] for one in got} == {v.value for v in ts.Verdict}
    worst = sorted(got, key=lambda one: -one["severity"])
    assert (worst[0]["shop"], worst[0]["verdict"]) == ("clear", "clearance")
    if library == "polars":
        ordered = result.sort("severity", descending=True, maintain_order=True)
        assert ordered["verdict"].to_list()[:2] == ["clearance", "at_risk"]
        assert ordered["severity"].to_list() == sorted(ordered["severity"].to_list(), reverse=True)
    else:
        ordered = result.sort_values("severity", ascending=False, kind="stable")
        assert ordered["verdict"].tolist()[:2] == ["clearance", "at_risk"]


@pytest.mark.parametrize("library", ALL_LIBRARIES)
def test_consequences_in_chinese_are_the_scalar_paths(library):
    rows = verdicts_of_every_kind()
    result = ts.standing_frame(native(rows, library), rules=RULES, lang="zh")
    assert records(result) == expected_standings(rows, lang="zh")
    by_shop = {}
    for one in rows:
        by_shop.setdefault(one["shop"], []).append(scalar(one))
    got = records(result)
    for one in got:
        standing = ts.standing(by_shop[one["shop"]], RULES)
        assert one["consequence"] == standing[ts.Purpose(one["purpose"])].consequence("zh")
    assert any("清退" in one["consequence"] for one in got)


# -- gaps ------------------------------------------------------------------------------


@pytest.mark.parametrize("library", ALL_LIBRARIES)
def test_a_run_of_failures_stops_at_a_gap(library):
    rows = [row("A", f"2024-{m:02d}", 3.0) for m in (1, 2, 4, 5)]  # no March
    result = ts.standing_frame(native(rows, library), rules=RULES)
    got = {one["purpose"]: one for one in records(result)}
    assessments = [scalar(one) for one in rows]
    standing = ts.standing(assessments, RULES)
    assert standing.gaps == (ts.AssessmentPeriod.month(2024, 3),)
    for one in got.values():
        assert one["gaps"] == "2024-03-01..2024-03-31"
        assert one["latest"] == "2024-05-01..2024-05-31"
    merchant = got["merchant_assessment"]
    assert (merchant["verdict"], merchant["failures"], merchant["limit"]) == ("at_risk", 2, 3)
    assert merchant["periods"] == "2024-04-01..2024-04-30, 2024-05-01..2024-05-31"
    assert merchant["failures"] == standing[ts.Purpose.MERCHANT_ASSESSMENT].failures
    # The fee year counts every failing period in it, gap or not.
    assert (got["annual_fee_refund"]["failures"], got["annual_fee_refund"]["verdict"]) == (
        4,
        "forfeited",
    )
    assert records(result) == expected_standings(rows)


def test_gaps_are_listed_in_order_and_none_is_an_empty_text():
    rows = [row("A", p) for p in ("2024-01", "2024-03", "2024Q3", "2024-12")]
    rows.append(row("B", "2024-05"))
    result = ts.standing_frame(pl.DataFrame(rows), rules=RULES)
    assert result.filter(pl.col("shop") == "A")["gaps"].unique().to_list() == [
        "2024-02-01..2024-02-29, 2024-04-01..2024-06-30, 2024-10-01..2024-11-30"
    ]
    assert result.filter(pl.col("shop") == "B")["gaps"].unique().to_list() == [""]


# -- editions that differ ----------------------------------------------------------------


SPLIT_BANDS = ts.Editions(
    [
        attrs.evolve(RULES, name="H1", effective_to=dt.date(2024, 6, 30)),
        attrs.evolve(
            RULES,
            name="H2",
            effective_from=dt.date(2024, 7, 1),
            effective_to=None,
            clearance_after=2,
            thresholds={
                MARKETING: Decimal("4.5"),
                MERCHANT: Decimal("4.0"),
                REFUND: Decimal("4.6"),
            },
            star_bands=(Decimal("3.25"), Decimal("4.25")),
        ),
    ]
)
"""From July: a higher bar, clearance after two failing periods, and other star bands."""


@pytest.mark.parametrize("library", ALL_LIBRARIES)
def test_limit_and_edition_follow_the_latest_periods_edition(library):
    rows = [
        *(row("across", f"2024-{m:02d}", 3.8) for m in (5, 6, 7, 8)),
        *(row("before", f"2024-{m:02d}", 3.8) for m in (5, 6)),
        *(row("after", f"2024-{m:02d}", 4.3) for m in (7, 8)),
    ]
    result = ts.standing_frame(native(rows, library), rules=SPLIT_BANDS)
    got = {(one["shop"], one["purpose"]): one for one in records(result)}
    across = got["across", "merchant_assessment"]
    # 3.8 passes H1's 3.5 and fails H2's 4.0: the run is July and August.
    assert (across["verdict"], across["failures"], across["limit"], across["edition"]) == (
        "clearance",
        2,
        2,
        "H2",
    )
    before = got["before", "merchant_assessment"]
    assert (before["verdict"], before["limit"], before["edition"]) == ("good", 3, "H1")
    assert records(result) == expected_standings(rows, SPLIT_BANDS)

    assessed = ts.assess_history(native(rows, library), rules=SPLIT_BANDS)
    assert column(assessed, "edition") == ["H1", "H1", "H2", "H2", "H1", "H1", "H2", "H2"]
    assert column(assessed, "stars") == [scalar(one, SPLIT_BANDS).stars for one in rows]
    assert column(assessed, "stars")[:4] == [Decimal("3.5")] * 2 + [Decimal("3.25")] * 2
    assert column(assessed, "meets_merchant_assessment")[:4] == [True, True, False, False]
    assert added(assessed) == [expected_row(one, SPLIT_BANDS) for one in rows]


def test_a_purpose_is_listed_for_a_shop_when_an_edition_of_its_periods_sets_it():
    editions = ts.Editions(
        [
            attrs.evolve(
                RULES,
                name="H1",
                effective_to=dt.date(2024, 6, 30),
                thresholds={MARKETING: Decimal("4.0"), MERCHANT: Decimal("3.5")},
            ),
            attrs.evolve(RULES, name="H2", effective_from=dt.date(2024, 7, 1)),
        ]
    )
    rows = [
        *(row("before", p, 3.0) for p in ("2024-05", "2024-06")),
        *(row("across", p, 3.0) for p in ("2024-06", "2024-07")),
    ]
    result = ts.standing_frame(pl.DataFrame(rows), rules=editions)
    assert result.select("shop", "purpose").rows() == [
        ("across", "marketing_access"),
        ("across", "merchant_assessment"),
        ("across", "annual_fee_refund"),
        ("before", "marketing_access"),
        ("before", "merchant_assessment"),
    ]
    assert records(result) == expected_standings(rows, editions)
    assessed = ts.assess_history(pl.DataFrame(rows), rules=editions)
    assert column(assessed, "meets_annual_fee_refund") == [None, None, None, False]


@pytest.mark.parametrize("library", LIBRARIES)
def test_a_run_of_failures_goes_on_across_periods_of_other_kinds_that_follow(library):
    rows = [
        row("A", "2024Q1", 3.0),
        row("A", "2024-04", 3.0),
        row("A", "2024-05-01..2024-05-20", 3.0),
    ]
    rows.append(row("A", "2024-05-21..2024-05-31", 3.0))
    result = ts.standing_frame(native(rows, library), rules=RULES)
    merchant = records(result)[1]
    assert (merchant["verdict"], merchant["failures"], merchant["gaps"]) == ("clearance", 4, "")
    assert records(result) == expected_standings(rows)


def test_editions_with_none_in_them_leave_every_row_bad():
    rows = [row("A", "2024-05")]
    nothing = ts.Editions([])
    with pytest.raises(ts.RuleBookError) as error:
        ts.assess_history(pl.DataFrame(rows), rules=nothing)
    assert message(error) == (
        "1 row with bad cells: row 0, period: day: no edition is in force on 2024-05-01; "
        "the editions are no editions"
    )
    flagged = ts.standing_frame(pl.DataFrame(rows), rules=nothing, errors="flag")
    assert flagged.select("shop", "verdict").rows() == [("A", None)]
    assert ts.assess_history(pl.DataFrame(rows), rules=nothing, errors="flag")[
        "status"
    ].to_list() == [None]


# -- pandas index labels ------------------------------------------------------------------


def test_bad_rows_of_pandas_are_named_by_their_index_labels():
    rows = [row("A", "2024-05"), row("A", "2024-13"), row("B", "2024-05", product=9.0)]
    frame = pd.DataFrame(rows, index=["x", "y", "z"])
    with pytest.raises(ts.InvalidPeriodError) as error:
        ts.assess_history(frame, rules=RULES)
    assert message(error) == (
        "2 rows with bad cells: row 1 (index 'y'), period: '2024-13' is not a period; "
        f"{FORMS}; row 2 (index 'z'), product: 9.0 is outside [0, 5]"
    )
    # As assess_frame names them.
    with pytest.raises(ts.InvalidScoreError, match=r"row 0 \(index 'z'\), product: 9\.0"):
        ts.assess_frame(frame.iloc[2:], rules=RULES, period="2024-05")
    flagged = ts.standing_frame(frame, rules=RULES, errors="flag")
    assert column(flagged, "error") == [
        f"row 1 (index 'y'): period: '2024-13' is not a period; {FORMS}",
        "row 2 (index 'z'): product: 9.0 is outside [0, 5]",
    ]
    assert list(flagged.index) == [0, 1]


def test_a_pandas_history_keeps_its_index_and_its_standings_get_a_fresh_one():
    rows = [row("B", "2024-05"), row("A", "2024-06")]
    frame = pd.DataFrame(rows, index=pd.Index([30, 10], name="row"))
    assessed = ts.assess_history(frame, rules=RULES)
    assert list(assessed.index) == [30, 10]
    assert assessed.index.name == "row"
    standing = ts.standing_frame(frame, rules=RULES)
    assert list(standing.index) == list(range(6))
    assert column(standing, "shop") == ["A"] * 3 + ["B"] * 3


def test_a_missing_shop_in_pandas_is_named_by_its_index_label():
    frame = pd.DataFrame([row("A", "2024-05"), row(None, "2024-05")], index=["x", "y"])
    with pytest.raises(ts.MissingDataError) as error:
        ts.standing_frame(frame, rules=RULES)
    assert message(error) == "1 row with bad cells: row 1 (index 'y'), shop: missing"
