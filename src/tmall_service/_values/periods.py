"""Assessment periods (考核周期): date ranges with both ends inclusive."""

from __future__ import annotations

import datetime as dt
import enum
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Final

import attrs

from .errors import InvalidPeriodError, shown

__all__ = [
    "PERIOD_FORMS",
    "AssessmentPeriod",
    "PeriodKind",
    "as_period",
    "check_date",
    "check_range",
    "gaps",
    "period_error",
    "periods",
    "read_day",
]

PERIOD_FORMS: Final = (
    "2025-08 (a month)",
    "2025Q3 (a quarter)",
    "2025H1 (a half-year)",
    "2025 (a year)",
    "2025-07-01..2025-07-31 (a range)",
)
"""The written forms of a period, as error messages list them."""

_DAY: Final = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
# ASCII digits only: NFKC has made full-width digits ASCII, and \d would let
# other scripts' digits through to int().
_WRITTEN: Final = re.compile(
    rf"(?P<year>[0-9]{{4}})(?:-(?P<month>[0-9]{{2}})|Q(?P<quarter>[0-9])|H(?P<half>[0-9]))?"
    rf"|(?P<start>{_DAY}) *\.\. *(?P<end>{_DAY})",
    re.IGNORECASE,
)
_ONE_DAY: Final = re.compile(_DAY)


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


def period_error(
    value: object, field: str = "period", *, forms: Iterable[str] = (), why: str = "is not a period"
) -> str:
    """The message for *value*, which is not a period: the forms it may take, and *forms* too.

    >>> print(period_error("2025-13"))
    period: '2025-13' is not a period; write 2025-08 (a month), 2025Q3 (a quarter),
    2025H1 (a half-year), 2025 (a year) or 2025-07-01..2025-07-31 (a range)
    """
    *others, last = (*PERIOD_FORMS, *forms)
    return f"{field}: {shown(value)} {why}; write {', '.join(others)} or {last}"


def _written(text: str) -> str:
    """*text* as read: NFKC (full-width ``２０２５－０８`` is ``2025-08``), spaces stripped."""
    return unicodedata.normalize("NFKC", text).strip()


def read_day(text: str) -> dt.date | None:
    """The day *text* writes as ``YYYY-MM-DD``, or ``None`` when it writes none.

    >>> read_day(" 2025-07-15 "), read_day("2025-02-30"), read_day("2025-07")
    (datetime.date(2025, 7, 15), None, None)
    """
    written = _written(text)
    if not _ONE_DAY.fullmatch(written):
        return None
    try:
        return dt.date.fromisoformat(written)
    except ValueError:
        return None


def as_period(
    value: AssessmentPeriod | str, field: str = "period", *, forms: Iterable[str] = ()
) -> AssessmentPeriod:
    """*value* as a period: a period as it is, a text as :meth:`AssessmentPeriod.parse` reads it.

    Anything else raises :class:`~tmall_service.InvalidPeriodError` naming
    *field*, the value and the forms a period is written in, *forms* (more
    forms the caller reads itself) last.

    >>> str(as_period("2025Q3"))
    '2025-07-01..2025-09-30'
    >>> as_period(202508)
    Traceback (most recent call last):
    ...
    tmall_service.InvalidPeriodError: period: 202508 is not an AssessmentPeriod or a text;
    write 2025-08 (a month), ...
    """
    if isinstance(value, AssessmentPeriod):
        return value
    return _parse(AssessmentPeriod, value, field, tuple(forms))


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
    def parse(cls, text: str) -> AssessmentPeriod:
        """The period *text* writes: a month, a quarter, a half-year, a year or a range.

        ``2025-08`` is a calendar month (自然月), ``2025Q3`` a quarter,
        ``2025H1`` a half-year, ``2025`` a year, and
        ``2025-07-01..2025-07-31`` the days from the one to the other, both
        included (the form ``str(period)`` writes). Surrounding spaces,
        lower-case ``q`` and ``h``, and full-width characters are read as
        their plain forms. Anything else raises
        :class:`~tmall_service.InvalidPeriodError` naming the text and the
        forms. Wherever the library takes a period, such a text will do.

        >>> import tmall_service as ts
        >>> str(ts.AssessmentPeriod.parse("2025-08"))
        '2025-08-01..2025-08-31'
        >>> str(ts.AssessmentPeriod.parse("2025q3"))
        '2025-07-01..2025-09-30'
        >>> str(ts.AssessmentPeriod.parse("2025H1"))
        '2025-01-01..2025-06-30'
        >>> ts.AssessmentPeriod.parse("2024").days
        366
        >>> ts.AssessmentPeriod.parse("2025-07-05..2025-08-04").days
        31
        >>> ts.AssessmentPeriod.parse("２０２５－０８") == ts.AssessmentPeriod.month(2025, 8)
        True
        >>> ts.AssessmentPeriod.parse("2025Q5")
        Traceback (most recent call last):
        ...
        tmall_service.InvalidPeriodError: period: '2025Q5' is not a period; write 2025-08
        (a month), 2025Q3 (a quarter), 2025H1 (a half-year), 2025 (a year) or
        2025-07-01..2025-07-31 (a range)
        """
        return _parse(cls, text, "period", ())

    @classmethod
    def _read(cls, match: re.Match[str]) -> AssessmentPeriod | None:
        """The period a match of ``_WRITTEN`` writes, or ``None`` if there is none."""
        try:
            if match["start"]:
                start, end = match["start"], match["end"]
                return cls(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
            year = int(match["year"])
            if match["month"]:
                return cls.month(year, int(match["month"]))
            if match["quarter"]:
                return cls.quarter(year, int(match["quarter"]))
            if match["half"]:
                return cls.half_year(year, int(match["half"]))
            return cls.year(year)
        except ValueError:  # month 13, quarter 5, year 0, 2025-02-30, an end before the start
            return None

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

    def overlaps(self, other: AssessmentPeriod | str) -> bool:
        """Whether the two periods share at least one day.

        >>> import tmall_service as ts
        >>> ts.AssessmentPeriod.month(2024, 7).overlaps(ts.AssessmentPeriod.month(2024, 8))
        False
        >>> ts.AssessmentPeriod.month(2024, 7).overlaps("2024Q3")
        True
        """
        other = as_period(other, "other")
        return self.start <= other.end and other.start <= self.end

    def __str__(self) -> str:
        return f"{self.start.isoformat()}..{self.end.isoformat()}"


def _parse(
    cls: type[AssessmentPeriod], text: object, field: str, forms: tuple[str, ...]
) -> AssessmentPeriod:
    """:meth:`AssessmentPeriod.parse`, an error naming *field* and listing *forms* too."""
    if not isinstance(text, str):
        why = "is not an AssessmentPeriod or a text"
        raise InvalidPeriodError(period_error(text, field, forms=forms, why=why))
    match = _WRITTEN.fullmatch(_written(text))
    period = None if match is None else cls._read(match)
    if period is None:
        # Zero-padded ISO days compare as their texts do.
        backwards = match is not None and match["start"] and match["end"] < match["start"]
        why = "ends before it starts" if backwards else "is not a period"
        raise InvalidPeriodError(period_error(text, field, forms=forms, why=why))
    return period


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


def period_label(period: AssessmentPeriod) -> str:
    """*period* in a few characters: a calendar month as ``2024-06``, else ``str(period)``.

    >>> period_label(AssessmentPeriod.month(2024, 6))
    '2024-06'
    >>> period_label(AssessmentPeriod.parse("2024Q2"))
    '2024-04-01..2024-06-30'
    """
    if period == AssessmentPeriod.month(period.start.year, period.start.month):
        return f"{period.start:%Y-%m}"
    return str(period)


def gaps(covered: Iterable[AssessmentPeriod | str]) -> list[AssessmentPeriod]:
    """The spans of days missing between *covered* periods, in order.

    A history with a missing month is reported, never silently bridged. A
    period may be written as text (:meth:`AssessmentPeriod.parse`).

    >>> import tmall_service as ts
    >>> history = [ts.AssessmentPeriod.month(2024, m) for m in (1, 2, 4)]
    >>> [str(gap) for gap in ts.gaps(history)]
    ['2024-03-01..2024-03-31']
    >>> [str(gap) for gap in ts.gaps(["2024Q1", "2024-05"])]
    ['2024-04-01..2024-04-30']
    """
    if isinstance(covered, AssessmentPeriod | str) or not isinstance(covered, Iterable):
        msg = f"covered: {shown(covered)} is not a collection of AssessmentPeriod"
        raise InvalidPeriodError(msg)
    listed = [as_period(period, f"covered[{index}]") for index, period in enumerate(covered)]
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
