"""Assessment periods (考核周期): date ranges with both ends inclusive."""

from __future__ import annotations

import calendar
import datetime as dt

import attrs

from ._errors import InvalidPeriodError, shown

__all__ = ["AssessmentPeriod", "check_date", "check_range"]


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
        for name, value in (("year", year), ("month", month)):
            if isinstance(value, bool) or not isinstance(value, int):
                msg = f"{name}: {shown(value)} is not an int"
                raise InvalidPeriodError(msg)
        if not 1 <= month <= 12:  # noqa: PLR2004 - the months of a year
            msg = f"month: {shown(month)} is not a month; expected 1 to 12"
            raise InvalidPeriodError(msg)
        if not dt.MINYEAR <= year <= dt.MAXYEAR:
            msg = f"year: {shown(year)} is outside {dt.MINYEAR} to {dt.MAXYEAR}"
            raise InvalidPeriodError(msg)
        last = calendar.monthrange(year, month)[1]
        return cls(dt.date(year, month, 1), dt.date(year, month, last))

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
