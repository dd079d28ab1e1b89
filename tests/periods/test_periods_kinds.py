"""Period kinds, generators and gaps."""

import datetime as dt

import pytest

import tmall_service as ts

D = dt.date


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        (ts.AssessmentPeriod.quarter(2024, 1), D(2024, 1, 1), D(2024, 3, 31)),
        (ts.AssessmentPeriod.quarter(2023, 4), D(2023, 10, 1), D(2023, 12, 31)),
        (ts.AssessmentPeriod.half_year(2024, 1), D(2024, 1, 1), D(2024, 6, 30)),
        (ts.AssessmentPeriod.half_year(2024, 2), D(2024, 7, 1), D(2024, 12, 31)),
        (ts.AssessmentPeriod.year(2023), D(2023, 1, 1), D(2023, 12, 31)),
        (ts.AssessmentPeriod.rolling(D(2024, 3, 1), 30), D(2024, 2, 1), D(2024, 3, 1)),
        (ts.AssessmentPeriod.rolling(D(2024, 3, 31), 90), D(2024, 1, 2), D(2024, 3, 31)),
        (ts.AssessmentPeriod.rolling(D(2024, 3, 31), 1), D(2024, 3, 31), D(2024, 3, 31)),
    ],
)
def test_named_periods(period, start, end):
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("call", "pattern"),
    [
        (
            lambda: ts.AssessmentPeriod.quarter(2024, 5),
            r"quarter: 5 is not a quarter; expected 1 to 4",
        ),
        (lambda: ts.AssessmentPeriod.quarter(2024, 0), r"quarter: 0"),
        (lambda: ts.AssessmentPeriod.half_year(2024, 3), r"half: 3 is not a half; expected 1 to 2"),
        (
            lambda: ts.AssessmentPeriod.year(True),  # noqa: FBT003 - a bool is the bad input
            r"year: True is not an int",
        ),
        (lambda: ts.AssessmentPeriod.year(10_000), r"year: 10000 is outside"),
        (lambda: ts.AssessmentPeriod.rolling(D(2024, 1, 1), 0), r"days: 0"),
        (lambda: ts.AssessmentPeriod.rolling("2024-01-01", 30), r"end: '2024-01-01' is not"),
        (lambda: ts.AssessmentPeriod.rolling(D(1, 1, 5), 30), r"days: 30 days before 0001-01-05"),
        (lambda: ts.AssessmentPeriod.month(2024, "7"), r"month: '7' is not an int"),
    ],
)
def test_bad_period_arguments_are_named(call, pattern):
    with pytest.raises(ts.InvalidPeriodError, match=pattern):
        call()


@pytest.mark.parametrize(
    ("kind", "day", "expected"),
    [
        (ts.PeriodKind.MONTH, D(2024, 2, 29), "2024-02-01..2024-02-29"),
        (ts.PeriodKind.QUARTER, D(2024, 12, 31), "2024-10-01..2024-12-31"),
        (ts.PeriodKind.QUARTER, D(2024, 4, 1), "2024-04-01..2024-06-30"),
        (ts.PeriodKind.HALF_YEAR, D(2024, 6, 30), "2024-01-01..2024-06-30"),
        (ts.PeriodKind.HALF_YEAR, D(2024, 7, 1), "2024-07-01..2024-12-31"),
        (ts.PeriodKind.YEAR, D(2024, 5, 5), "2024-01-01..2024-12-31"),
        (ts.PeriodKind.ROLLING_30_DAYS, D(2024, 5, 30), "2024-05-01..2024-05-30"),
        (ts.PeriodKind.ROLLING_90_DAYS, D(2024, 3, 31), "2024-01-02..2024-03-31"),
    ],
)
def test_the_period_containing_a_day(kind, day, expected):
    period = kind.containing(day)
    assert str(period) == expected
    assert day in period


def test_every_calendar_day_of_a_range_is_in_exactly_one_generated_period():
    first, last = D(2023, 11, 15), D(2025, 2, 3)
    for kind in ts.PeriodKind:
        generated = list(ts.periods(kind, first, last))
        assert generated == sorted(generated)
        assert not ts.gaps(generated)
        day = first
        while day <= last:
            assert sum(day in period for period in generated) == 1, (kind, day)
            day += dt.timedelta(days=1)
        if not kind.rolling_days:
            assert generated[0].start <= first
        assert generated[-1].end >= last


def test_rolling_windows_end_on_the_last_day():
    windows = list(ts.periods(ts.PeriodKind.ROLLING_90_DAYS, D(2024, 1, 1), D(2024, 6, 30)))
    assert windows[-1].end == D(2024, 6, 30)
    assert all(window.days == 90 for window in windows)


def test_periods_refuses_a_kind_that_is_not_a_period_kind():
    with pytest.raises(ts.InvalidPeriodError, match="kind: 'month' is not a PeriodKind"):
        list(ts.periods("month", D(2024, 1, 1), D(2024, 2, 1)))  # type: ignore[arg-type]


def test_gaps_are_the_missing_spans_between_periods():
    history = [ts.AssessmentPeriod.month(2024, m) for m in (5, 1, 2, 6)]
    assert ts.gaps(history) == [
        ts.AssessmentPeriod(D(2024, 3, 1), D(2024, 4, 30)),
    ]
    assert ts.gaps([]) == []
    touching = [ts.AssessmentPeriod.rolling(D(2024, 1, 30), 30), ts.AssessmentPeriod.month(2024, 1)]
    assert ts.gaps(touching) == []


def test_rule_book_period_for_follows_its_kind():
    book = ts.RuleBook(profiles={}, period_kind=ts.PeriodKind.QUARTER)
    assert book.period_for(D(2024, 8, 8)) == ts.AssessmentPeriod.quarter(2024, 3)


def test_gaps_see_past_a_period_held_inside_a_longer_one():
    history = [
        ts.AssessmentPeriod.year(2024),
        ts.AssessmentPeriod.month(2024, 3),
        ts.AssessmentPeriod.month(2025, 3),
    ]
    assert ts.gaps(history) == [ts.AssessmentPeriod(D(2025, 1, 1), D(2025, 2, 28))]


@pytest.mark.parametrize(
    ("covered", "pattern"),
    [
        (None, "covered: None is not a collection"),
        ([1, 2], r"covered\[0\]: 1 is not an AssessmentPeriod"),
        (ts.AssessmentPeriod.month(2024, 1), "covered: .* is not a collection"),
    ],
)
def test_gaps_refuses_what_is_not_periods(covered, pattern):
    with pytest.raises(ts.InvalidPeriodError, match=pattern):
        ts.gaps(covered)


JULY = ts.AssessmentPeriod.month(2024, 7)


def test_a_rolling_period_is_at_most_36600_days():
    end = dt.date(2024, 7, 31)
    assert ts.AssessmentPeriod.rolling(end, 36_600).days == 36_600
    with pytest.raises(ts.InvalidPeriodError, match=r"^days: 36601 is not a days; expected 1"):
        ts.AssessmentPeriod.rolling(end, 36_601)


def test_one_day_gives_one_rolling_window_and_one_calendar_period():
    day = dt.date(2024, 7, 15)
    assert list(ts.periods(ts.PeriodKind.ROLLING_30_DAYS, day, day)) == [
        ts.AssessmentPeriod.rolling(day, 30)
    ]
    assert list(ts.periods(ts.PeriodKind.MONTH, day, dt.date(2024, 7, 31))) == [JULY]


def test_a_one_day_gap_is_a_gap():
    history = [
        ts.AssessmentPeriod(dt.date(2024, 7, 1), dt.date(2024, 7, 10)),
        ts.AssessmentPeriod(dt.date(2024, 7, 12), dt.date(2024, 7, 20)),
        ts.AssessmentPeriod(dt.date(2024, 7, 21), dt.date(2024, 7, 31)),
    ]
    assert ts.gaps(history) == [ts.AssessmentPeriod(dt.date(2024, 7, 11), dt.date(2024, 7, 11))]


def test_gaps_names_what_is_not_a_collection():
    with pytest.raises(ts.InvalidPeriodError, match=r"^covered: 5 is not a collection of"):
        ts.gaps(5)  # type: ignore[arg-type]
