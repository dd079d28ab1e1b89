"""Assessment periods (考核周期): date ranges with both ends inclusive."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator

import attrs

from ._errors import InvalidPeriodError, shown

__all__ = ["AssessmentPeriod", "PeriodKind", "check_date", "check_range", "gaps", "periods"]


def _whole(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"{name}: {shown(value)} is not an int"
        raise InvalidPeriodError(msg)
    return value


def _part(name: str, value: object, count: int) -> int:
    number = _whole(name, value)
    if not 1 <= number <= count:
        msg = f"{name}: {shown(value)} is not a {name}; expected 1 to {count}"
        raise InvalidPeriodError(msg)
    return number


def _year(value: object) -> int:
    year = _whole("year", value)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        msg = f"year: {shown(year)} is outside {dt.MINYEAR} to {dt.MAXYEAR}"
        raise InvalidPeriodError(msg)
    return year


def _month_days(year: int, month: int) -> int:
    """How many days *month* of *year* has (as ``calendar.monthrange``, without its import).

    >>> _month_days(2024, 2), _month_days(2100, 2), _month_days(2000, 2), _month_days(2023, 4)
    (29, 28, 29, 30)
    """
    if month == 2:  # noqa: PLR2004 - February
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in {4, 6, 9, 11} else 31


def check_date(value: object, field: str) -> dt.date:
    """*value* if it is a calendar date (not a datetime), else an error."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        msg = f"{field}: {shown(value)} is not a datetime.date"
        raise InvalidPeriodError(msg)
    return value


def check_range(start: object, end: object) -> tuple[dt.date, dt.date]:
    """``(start, end)`` as dates, refusing an end before the start."""
    first, last = check_date(start, "start"), check_date(end, "end")
    if last < first:
        msg = f"end: {last.isoformat()} is before start {first.isoformat()}"
        raise InvalidPeriodError(msg)
    return first, last


@attrs.frozen(init=False, order=True)
class AssessmentPeriod:
    """An assessment period (考核周期), both ends inclusive.

    Rule texts write periods as "1日至31日", so ``end`` is the last day
    assessed. Periods order by start, then end.

    >>> import datetime as dt
    >>> import tmall_service as ts
    >>> july = ts.AssessmentPeriod.month(2024, 7)
    >>> july
    AssessmentPeriod(start=datetime.date(2024, 7, 1), end=datetime.date(2024, 7, 31))
    >>> dt.date(2024, 7, 31) in july
    True
    >>> july.days
    31
    """

    #: The first day assessed.
    start: dt.date
    #: The last day assessed (inclusive).
    end: dt.date

    def __init__(self, start: dt.date, end: dt.date) -> None:
        self.__attrs_init__(*check_range(start, end))

    @classmethod
    def month(cls, year: int, month: int) -> AssessmentPeriod:
        """The natural month *month* of *year* (自然月), first to last day.

        >>> import tmall_service as ts
        >>> str(ts.AssessmentPeriod.month(2024, 2))
        '2024-02-01..2024-02-29'
        """
        return cls._months(year, _part("month", month, 12), 1)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> AssessmentPeriod:
        """Quarter *quarter* (1–4) of *year* (季度).

        >>> import tmall_service as ts
        >>> str(ts.AssessmentPeriod.quarter(2024, 3))
        '2024-07-01..2024-09-30'
        """
        return cls._months(year, 3 * _part("quarter", quarter, 4) - 2, 3)

    @classmethod
    def half_year(cls, year: int, half: int) -> AssessmentPeriod:
        """Half *half* (1 or 2) of *year* (半年度).

        >>> import tmall_service as ts
        >>> str(ts.AssessmentPeriod.half_year(2024, 2))
        '2024-07-01..2024-12-31'
        """
        return cls._months(year, 6 * _part("half", half, 2) - 5, 6)

    @classmethod
    def year(cls, year: int) -> AssessmentPeriod:
        """The calendar year *year* (年度).

        >>> import tmall_service as ts
        >>> ts.AssessmentPeriod.year(2024).days
        366
        """
        return cls._months(year, 1, 12)

    @classmethod
    def rolling(cls, end: dt.date, days: int) -> AssessmentPeriod:
        """The *days* days ending on *end*, both ends counted (近30天, 近90天).

        >>> import datetime as dt
        >>> import tmall_service as ts
        >>> str(ts.AssessmentPeriod.rolling(dt.date(2024, 7, 31), 30))
        '2024-07-02..2024-07-31'
        """
        last = check_date(end, "end")
        length = _part("days", days, 36_600)
        try:
            return cls(last - dt.timedelta(days=length - 1), last)
        except OverflowError:
            msg = f"days: {days} days before {last.isoformat()} is before year 1"
            raise InvalidPeriodError(msg) from None

    @classmethod
    def _months(cls, year: int, first: int, count: int) -> AssessmentPeriod:
        year = _year(year)
        last = first + count - 1
        return cls(
            dt.date(year, first, 1),
            dt.date(year, last, _month_days(year, last)),
        )

    @property
    def days(self) -> int:
        """How many days the period holds, both ends counted."""
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        """Whether *day* (a ``datetime.date``) falls in the period."""
        return self.start <= check_date(day, "day") <= self.end

    def overlaps(self, other: AssessmentPeriod) -> bool:
        """Whether the two periods share at least one day.

        >>> import tmall_service as ts
        >>> ts.AssessmentPeriod.month(2024, 7).overlaps(ts.AssessmentPeriod.month(2024, 8))
        False
        """
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


class PeriodKind(enum.Enum):
    """The length and alignment of an edition's assessment period.

    The sources do not say how long a period is; an edition chooses. The
    calendar kinds align to the calendar; the rolling kinds end on a given
    day.

    >>> import datetime as dt
    >>> import tmall_service as ts
    >>> str(ts.PeriodKind.QUARTER.containing(dt.date(2024, 8, 15)))
    '2024-07-01..2024-09-30'
    >>> str(ts.PeriodKind.ROLLING_90_DAYS.containing(dt.date(2024, 8, 15)))
    '2024-05-18..2024-08-15'
    """

    MONTH = "month"
    """Natural months (自然月)."""
    QUARTER = "quarter"
    """Calendar quarters."""
    HALF_YEAR = "half_year"
    """Calendar half-years."""
    YEAR = "year"
    """Calendar years."""
    ROLLING_30_DAYS = "rolling_30_days"
    """The last 30 days (近30天), ending on a given day."""
    ROLLING_90_DAYS = "rolling_90_days"
    """The last 90 days (近90天), ending on a given day."""

    def containing(self, day: dt.date) -> AssessmentPeriod:
        """The period of this kind that holds *day*; a rolling one ends on it."""
        day = check_date(day, "day")
        if self is PeriodKind.MONTH:
            return AssessmentPeriod.month(day.year, day.month)
        if self is PeriodKind.QUARTER:
            return AssessmentPeriod.quarter(day.year, (day.month + 2) // 3)
        if self is PeriodKind.HALF_YEAR:
            return AssessmentPeriod.half_year(day.year, (day.month + 5) // 6)
        if self is PeriodKind.YEAR:
            return AssessmentPeriod.year(day.year)
        return AssessmentPeriod.rolling(day, self.rolling_days)

    @property
    def rolling_days(self) -> int:
        """The length of a rolling kind in days; 0 for a calendar kind."""
        return {PeriodKind.ROLLING_30_DAYS: 30, PeriodKind.ROLLING_90_DAYS: 90}.get(self, 0)


def periods(kind: PeriodKind, first: dt.date, last: dt.date) -> Iterator[AssessmentPeriod]:
    """The periods of *kind* that cover the days *first* to *last*, in order.

    Calendar kinds give every period that holds one of those days. Rolling
    kinds give back-to-back windows ending on *last*, as many as it takes to
    reach *first*.

    >>> import datetime as dt
    >>> import tmall_service as ts
    >>> [str(p) for p in ts.periods(ts.PeriodKind.MONTH, dt.date(2024, 1, 15),
    ...                             dt.date(2024, 3, 1))]
    ['2024-01-01..2024-01-31', '2024-02-01..2024-02-29', '2024-03-01..2024-03-31']
    >>> [str(p) for p in ts.periods(ts.PeriodKind.ROLLING_30_DAYS, dt.date(2024, 6, 1),
    ...                             dt.date(2024, 7, 31))]
    ['2024-05-03..2024-06-01', '2024-06-02..2024-07-01', '2024-07-02..2024-07-31']
    """
    first, last = check_range(first, last)
    if not isinstance(kind, PeriodKind):
        msg = f"kind: {shown(kind)} is not a PeriodKind"
        raise InvalidPeriodError(msg)
    if kind.rolling_days:
        windows = []
        end = last
        while end >= first:
            window = AssessmentPeriod.rolling(end, kind.rolling_days)
            windows.append(window)
            end = window.start - dt.timedelta(days=1)
        yield from reversed(windows)
        return
    period = kind.containing(first)
    while True:
        yield period
        if period.end >= last:
            return
        period = kind.containing(period.end + dt.timedelta(days=1))


def gaps(covered: Iterable[AssessmentPeriod]) -> list[AssessmentPeriod]:
    """The spans of days missing between *covered* periods, in order.

    A history with a missing month is reported, never silently bridged.

    >>> import tmall_service as ts
    >>> history = [ts.AssessmentPeriod.month(2024, m) for m in (1, 2, 4)]
    >>> [str(gap) for gap in ts.gaps(history)]
    ['2024-03-01..2024-03-31']
    """
    if isinstance(covered, AssessmentPeriod) or not isinstance(covered, Iterable):
        msg = f"covered: {shown(covered)} is not a collection of AssessmentPeriod"
        raise InvalidPeriodError(msg)
    listed = list(covered)
    for index, period in enumerate(listed):
        if not isinstance(period, AssessmentPeriod):
            msg = f"covered[{index}]: {shown(period)} is not an AssessmentPeriod"
            raise InvalidPeriodError(msg)
    result = []
    reached: dt.date | None = None  # the last day covered so far
    for period in sorted(listed):
        if reached is not None and (period.start - reached).days > 1:
            result.append(
                AssessmentPeriod(
                    reached + dt.timedelta(days=1), period.start - dt.timedelta(days=1)
                )
            )
        reached = period.end if reached is None else max(reached, period.end)
    return result
