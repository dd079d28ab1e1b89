"""Assessment periods: their days, their bounds and the messages of a period that is no period."""

from __future__ import annotations

import datetime as dt
from datetime import date

import pytest

import tmall_service as ts

JULY = ts.AssessmentPeriod.month(2024, 7)


RULES = ts.example_rulebook()


class TestAssessmentPeriod:
    def test_month_is_first_to_last_day(self):
        assert ts.AssessmentPeriod(date(2024, 7, 1), date(2024, 7, 31)) == JULY

    def test_keyword_arguments(self):
        period = ts.AssessmentPeriod(start=date(2024, 7, 1), end=date(2024, 7, 31))
        assert period == JULY

    @pytest.mark.parametrize(
        ("year", "month", "last"),
        [
            pytest.param(2024, 2, date(2024, 2, 29), id="feb-leap-2024"),
            pytest.param(2023, 2, date(2023, 2, 28), id="feb-2023"),
            pytest.param(2000, 2, date(2000, 2, 29), id="feb-leap-2000"),
            pytest.param(1900, 2, date(1900, 2, 28), id="feb-1900-not-leap"),
            pytest.param(2024, 12, date(2024, 12, 31), id="december"),
            pytest.param(2024, 1, date(2024, 1, 31), id="january"),
            pytest.param(2024, 4, date(2024, 4, 30), id="april"),
        ],
    )
    def test_month_lengths(self, year, month, last):
        period = ts.AssessmentPeriod.month(year, month)
        assert period == ts.AssessmentPeriod(date(year, month, 1), last)
        assert last in period
        assert date(year, month, 1) in period

    def test_december_does_not_reach_into_january(self):
        period = ts.AssessmentPeriod.month(2024, 12)
        assert date(2025, 1, 1) not in period
        assert date(2024, 11, 30) not in period

    @pytest.mark.parametrize("month", [0, 13, -1], ids=["0", "13", "-1"])
    def test_month_outside_1_to_12(self, month):
        with pytest.raises(ts.InvalidPeriodError):
            ts.AssessmentPeriod.month(2024, month)

    def test_end_before_start(self):
        with pytest.raises(ts.InvalidPeriodError):
            ts.AssessmentPeriod(date(2024, 7, 31), date(2024, 7, 1))

    def test_single_day_period(self):
        period = ts.AssessmentPeriod(date(2024, 7, 4), date(2024, 7, 4))
        assert date(2024, 7, 4) in period
        assert date(2024, 7, 3) not in period
        assert date(2024, 7, 5) not in period

    @pytest.mark.parametrize(
        ("day", "inside"),
        [
            pytest.param(date(2024, 6, 30), False, id="day-before"),
            pytest.param(date(2024, 7, 1), True, id="first-day"),
            pytest.param(date(2024, 7, 15), True, id="middle"),
            pytest.param(date(2024, 7, 31), True, id="last-day"),
            pytest.param(date(2024, 8, 1), False, id="day-after"),
        ],
    )
    def test_in_is_inclusive_at_both_ends(self, day, inside):
        assert (day in JULY) is inside

    def test_equal_and_hashable(self):
        a = ts.AssessmentPeriod.month(2024, 7)
        assert a == JULY
        assert hash(a) == hash(JULY)
        assert a != ts.AssessmentPeriod.month(2024, 8)


@pytest.mark.parametrize(
    "call",
    [
        lambda: "2024-07-01" in JULY,
        lambda: ts.PeriodKind.MONTH.containing("2024-07-01"),  # type: ignore[arg-type]
        lambda: RULES.in_force("2024-07-01"),  # type: ignore[arg-type]
    ],
    ids=["in", "containing", "in_force"],
)
def test_a_day_that_is_no_date_is_named_day(call):
    with pytest.raises(ts.InvalidPeriodError, match=r"^day: '2024-07-01' is not a datetime\.date$"):
        call()


def test_periods_sharing_one_day_overlap():
    first = ts.AssessmentPeriod(dt.date(2024, 7, 1), dt.date(2024, 7, 10))
    second = ts.AssessmentPeriod(dt.date(2024, 7, 10), dt.date(2024, 7, 20))
    assert first.overlaps(second)
    assert second.overlaps(first)
    assert not first.overlaps(ts.AssessmentPeriod(dt.date(2024, 7, 11), dt.date(2024, 7, 20)))


def test_the_first_year_of_the_calendar_has_periods():
    assert str(ts.AssessmentPeriod.month(1, 1)) == "0001-01-01..0001-01-31"
    assert ts.AssessmentPeriod.year(9999).days == 365
    with pytest.raises(ts.InvalidPeriodError, match=r"^year: 0 is outside 1 to 9999$"):
        ts.AssessmentPeriod.month(0, 1)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("2024-07-01", dt.date(2024, 7, 2), r"^start: '2024-07-01' is not a datetime\.date$"),
        (dt.date(2024, 7, 1), "2024-07-02", r"^end: '2024-07-02' is not a datetime\.date$"),
    ],
)
def test_a_period_names_the_end_that_is_no_date(start, end, message):
    with pytest.raises(ts.InvalidPeriodError, match=message):
        ts.AssessmentPeriod(start, end)


@pytest.mark.parametrize("year", [0, 10_000])
def test_a_year_outside_the_calendar_is_refused(year):
    with pytest.raises(ts.InvalidPeriodError, match=f"year: {year} is outside"):
        ts.AssessmentPeriod.month(year, 1)
