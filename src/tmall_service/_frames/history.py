"""Many shops over many periods: every row assessed, and each shop's standing.

A history is a long frame, one row per shop and period. Each row is
assessed by the edition in force for its period, as :func:`assess_frame`
assesses a frame of one period; each shop's rows then give its standing
against each standard, as :func:`~tmall_service.standing` gives it from
that shop's assessments. Both are done for every shop at once, in arrays:
a shop is a run of rows once the history is sorted by shop and period.

numpy, pyarrow and narwhals are imported only when a history is read.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from tmall_service._rules.assessment import Status
from tmall_service._rules.book import Purpose, RuleBook
from tmall_service._rules.editions import Editions, edition_for
from tmall_service._rules.standing import PurposeStanding, Verdict
from tmall_service._values.errors import (
    InvalidPeriodError,
    MissingDataError,
    RuleBookError,
    TmallServiceError,
    shown,
)
from tmall_service._values.language import Language, check_language
from tmall_service._values.periods import AssessmentPeriod, as_period
from tmall_service._values.purposes import sets_standard
from tmall_service._values.text import count, noun_for

from .assessing import assess_into, check_errors, frame_of, refuse_taken
from .cells import blank, category_cell, opened_cell

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa

    from .columns import Frame, Positions, Problems

__all__ = ["HISTORY_COLUMNS", "STANDING_COLUMNS", "assess_history", "standing_frame"]

MEETS_COLUMNS: Final = tuple(f"meets_{purpose.value}" for purpose in Purpose)
HISTORY_COLUMNS: Final = ("score", "status", "stars", "edition", *MEETS_COLUMNS)
"""The columns :func:`assess_history` adds (``error`` too, when flagging)."""
STANDING_COLUMNS: Final = (
    "shop",
    "purpose",
    "verdict",
    "severity",
    "failures",
    "limit",
    "periods",
    "fee_year",
    "consequence",
    "latest",
    "score",
    "status",
    "edition",
    "gaps",
)
"""The columns of :func:`standing_frame` (``error`` too, when flagging)."""

_STATUSES: Final = tuple(Status)
_SCORED: Final = _STATUSES.index(Status.SCORED)
_VERDICTS: Final = tuple(Verdict)
_PURPOSES: Final = tuple(Purpose)
_NO_STANDARD: Final = -1
_PERIOD_COLUMNS: Final = frozenset({"period", "period_start", "period_end"})


def assess_history(
    history: Any, *, rules: RuleBook | Editions, errors: Literal["raise", "flag"] = "raise"
) -> Any:
    """Assess every row of a history: many shops, each over many periods, at once.

    *history* is a pandas or polars DataFrame (or an Arrow Table) with a
    ``shop`` column, a ``period`` column (any text
    :meth:`AssessmentPeriod.parse` reads, or periods) or else
    ``period_start`` and ``period_end`` columns (dates, or ISO text), and
    the columns of :func:`assess_frame`: ``category``, the scheme's
    dimensions, and optionally ``region``, ``orders``, ``opened`` and
    ``bonuses``. Each row is assessed by the edition of *rules* in force
    for its period, exactly as :func:`~tmall_service.assess` would.

    The result is a frame of the same library with ``score``, ``status``,
    ``stars``, ``edition`` (the name of the edition that judged the row),
    and a ``meets_<purpose>`` column per purpose: whether the row meets
    that standard (as :func:`~tmall_service.standards` says), null where the
    edition sets none.

    A bad cell, a period that cannot be read or that no edition covers,
    and a row without a shop raise an error naming the rows; with
    ``errors="flag"`` each such row comes back with an ``error`` message
    and empty results instead.

    >>> import polars as pl
    >>> import tmall_service as ts
    >>> history = pl.DataFrame({
    ...     "shop": ["A", "A", "B"], "period": ["2024-05", "2024-06", "2024-06"],
    ...     "category": ["服饰", "服饰", "汽车"], "product": [4.8, 4.9, 4.0],
    ...     "logistics": [4.8, 4.9, 4.0], "after_sales": [4.8, 4.9, 4.0],
    ...     "dispute": [4.8, 4.9, 4.0], "consultation": [4.8, 4.9, 4.0]})
    >>> result = ts.assess_history(history, rules=ts.example_rulebook())
    >>> for row in result.select("shop", "score", "status", "meets_merchant_assessment").rows():
    ...     print(row)
    ('A', Decimal('4.80'), 'scored', True)
    ('A', Decimal('4.90'), 'scored', True)
    ('B', Decimal('99.00'), 'category_excluded', True)
    """
    from .columns import attach

    done = _Assessed.of(history, rules, errors)
    done.check(errors)
    columns = done.columns()
    if errors == "flag":
        columns["error"] = done.problems.column(done.rows)
    return attach(done.shops, columns)


def standing_frame(
    history: Any,
    *,
    rules: RuleBook | Editions,
    errors: Literal["raise", "flag"] = "raise",
    lang: Language = "en",
) -> Any:
    """Where every shop of a history stands against each standard, at once.

    *history* is as for :func:`assess_history`. The result, a frame of the
    same library, has one row per shop and purpose, shops in order, then
    purposes in :class:`Purpose` order, and equals row for row
    :func:`~tmall_service.standing` of that shop's assessments:

    - ``shop``, ``purpose`` (its value), ``verdict`` (a :class:`Verdict`
      value) and its ``severity`` (0 for good, 4 for clearance), so that
      ``sort_by("severity", descending=True)`` puts the shops that need
      attention first;
    - ``failures``, the failing periods behind the verdict, and ``limit``,
      the merchant assessment's ``clearance_after`` (null for the other
      purposes); ``periods``, those periods, oldest first, separated by
      ``", "``; ``fee_year``, the fee year judged (annual fee refund);
    - ``consequence``, what the verdict means, in *lang*;
    - the shop's ``latest`` period, its ``score`` and ``status`` then, and
      the ``edition`` that judged it; ``gaps``, the spans missing from its
      history.

    A purpose appears for a shop when an edition that judged one of its
    periods sets a standard for it. Periods are written as
    ``str(period)`` writes them (``2024-06-01..2024-06-30``), which
    :meth:`AssessmentPeriod.parse` reads back.

    Bad rows raise as for :func:`assess_history`, and so do two rows of
    one shop whose periods overlap; with ``errors="flag"`` a shop with any
    such row is not judged: its rows have an ``error`` and no verdict.

    Each shop is judged from its own rows alone, so a history partitioned
    by shop can be judged a partition at a time (Dask's
    ``map_partitions``, Spark's ``groupBy("shop").applyInPandas``).

    >>> import polars as pl
    >>> import tmall_service as ts
    >>> history = pl.DataFrame({
    ...     "shop": ["A"] * 3 + ["B"] * 3,
    ...     "period": ["2024-04", "2024-05", "2024-06"] * 2,
    ...     "category": "服饰", "product": [4.9, 3.0, 3.0, 4.9, 4.9, 4.9],
    ...     "logistics": [4.9, 3.0, 3.0, 4.9, 4.9, 4.9], "after_sales": 3.0,
    ...     "dispute": 4.5, "consultation": 4.5})
    >>> result = ts.standing_frame(history, rules=ts.example_rulebook())
    >>> merchant = result.filter(pl.col("purpose") == "merchant_assessment")
    >>> merchant.select("shop", "verdict", "failures", "limit").rows()
    [('A', 'at_risk', 2, 3), ('B', 'good', 0, 3)]
    >>> print(merchant["consequence"][0])
    failed 2 periods in a row: at risk of clearance
    """
    return standings(history, rules=rules, errors=errors, lang=lang)


def standings(
    history: Any,
    *,
    rules: RuleBook | Editions,
    errors: Literal["raise", "flag"],
    lang: Language,
    numbers: Sequence[int] | None = None,
) -> Any:
    """:func:`standing_frame`; with *numbers*, a bad row is named by its number, not position.

    The command line names a row of a file by the number a spreadsheet shows.
    """
    lang = check_language(lang)
    done = _Assessed.of(history, rules, errors, numbers=numbers)
    done.check(errors)
    return _Judged.of(done, errors).frame(lang, flag=errors == "flag")


@attrs.define
class _Assessed:
    """A history's rows, assessed: each row's shop, period, edition and results."""

    shops: Frame
    rows: int
    problems: Problems
    label: Callable[[int], str]
    shop: npt.NDArray[np.intp]
    """Each row's shop, as its place among :attr:`shop_values`."""
    shop_values: Any
    """The shops' names, in order: an Arrow array, or a list."""
    period: npt.NDArray[np.intp]
    """Each row's period, as its place among :attr:`periods` (-1 where it is bad)."""
    periods: list[AssessmentPeriod]
    books: list[RuleBook]
    """The editions that judge the rows, in the order they were first needed."""
    edition: npt.NDArray[np.intp]
    """Each row's edition, as its place among :attr:`books` (-1 where the period is bad)."""
    cents: npt.NDArray[np.int64]
    status: npt.NDArray[np.int8]
    meets: dict[Purpose, npt.NDArray[np.int8]]
    """Per purpose, each row: 1 meets the standard, 0 fails it, -1 there is none."""
    added: Any
    """The score, status and stars columns as they are filled."""
    fee_years: list[AssessmentPeriod] = attrs.Factory(list)
    """The fee years judged, in the order they were first needed."""

    def shop_value(self, code: int) -> Any:
        """The name of the shop of *code*."""
        value = self.shop_values[code]
        return value.as_py() if hasattr(value, "as_py") else value

    def period_texts(self) -> list[str]:
        """Each period as ``str`` writes it, by its place."""
        return [str(period) for period in self.periods]

    def fee_year_of(self, book: Any, period: Any) -> Any:
        """The fee year of each (edition, latest period), as its place among :attr:`fee_years`."""
        import numpy as np

        distinct, where = _distinct(book, period)
        places = []
        for edition, latest in distinct:
            if edition < 0 or latest < 0:
                places.append(-1)
                continue
            year = self.books[edition].fee_year.containing(self.periods[latest].end)
            if year not in self.fee_years:
                self.fee_years.append(year)
            places.append(self.fee_years.index(year))
        return np.array([*places, -1], dtype=np.intp)[where]

    @classmethod
    def of(
        cls,
        history: Any,
        rules: RuleBook | Editions,
        errors: str,
        *,
        numbers: Sequence[int] | None = None,
    ) -> _Assessed:
        import numpy as np

        from .assessing import _labeller
        from .columns import Added, Problems

        shops = _checked(history, rules, errors)
        rows = len(shops.df)
        problems = Problems()
        label = _labeller(shops) if numbers is None else _numbered(numbers)
        shop, shop_values, missing = _shop_codes(shops)
        if len(missing):
            problems.add(missing, "shop", ["missing"] * len(missing), MissingDataError)
        period, periods, books, edition = _periods(shops, rules, problems)
        statuses = [s.value for s in _STATUSES]
        # The stars take the places of every edition's bands, needed or not:
        # the column's type is then the same for any part of a history.
        every = rules.editions if isinstance(rules, Editions) else (rules,)
        bands = [book.star_bands for book in (*books, *every)] or [()]  # no editions: no stars
        added = Added(rows, statuses, bands, views=shops.library == "polars")
        done = cls(
            shops,
            rows,
            problems,
            label,
            shop,
            shop_values,
            period,
            periods,
            books,
            edition,
            np.full(rows, 9900, dtype=np.int64),
            np.full(rows, -1, dtype=np.int8),
            {},
            added,
        )
        done._assess()
        return done

    def _assess(self) -> None:
        """Assess the rows period by period, each by its edition.

        Every bad row is found, whatever its period, before any is raised
        (:meth:`check`): an error counts and names the bad rows of the
        whole history, not of the first period that has one.
        """
        import numpy as np

        from .columns import Frame, Problems

        order = _stable_order(self.period + 1, len(self.periods) + 1)
        starts = np.searchsorted(self.period[order], np.arange(len(self.periods) + 1))
        category, category_values = _category_codes(self.shops)
        # A part takes the columns assessing reads, not the shop's or the period's text.
        read = [name for name in self.shops.df.columns if name not in _NOT_READ]
        columns = self.shops.df.select(read)
        for code, period in enumerate(self.periods):
            positions = order[starts[code] : starts[code + 1]]
            if not len(positions):
                continue
            edition = int(self.edition[positions[0]])
            book = self.books[edition]
            whole = len(positions) == self.rows
            part = self.shops if whole else Frame.of(columns[positions])
            found = Problems()
            label = self.label if whole else _moved(self.label, positions)
            sink = _Scatter(self, positions, edition)
            assess_into(
                part,
                sink,
                rules=book,
                period=period,
                region=None,
                errors="flag",
                label=label,
                problems=found,
            )
            self.problems.merge(found, positions)
        # Each standard, by the threshold of the row's category in the row's
        # edition: a table of the fewest cents that meet it, by edition and
        # category, looked up once for every row.
        scored = self.status == _SCORED
        at = np.maximum(self.edition, 0) * (len(category_values) + 1) + category
        for purpose in Purpose:
            table = np.full((len(self.books) + 1, len(category_values) + 1), _NO_STANDARD)
            for edition, book in enumerate(self.books):
                table[edition, :-1] = _needed(category_values, book, purpose)
            by_default = np.array([purpose in b.passes_by_default for b in self.books] + [False])
            row_needed = table.ravel()[at]
            row_needed[self.period < 0] = _NO_STANDARD
            met = np.where(scored, self.cents >= row_needed, by_default[self.edition])
            self.meets[purpose] = np.where(row_needed < 0, _NO_STANDARD, met).astype(np.int8)
        # A row of a bad period is assessed by no edition, but its slots in the
        # added columns are filled all the same: a string view that is null must
        # still be a view, or a reader of the column may follow it anywhere.
        unread = np.flatnonzero(self.period < 0)
        if len(unread):
            none = np.zeros(len(unread), dtype=np.int8)
            self.added.receive(unread, np.full(len(unread), 9900, dtype=np.int64), none)

    def check(self, errors: str) -> None:
        """Raise for the bad rows, unless they are flagged."""
        if errors == "raise" and self.problems.rows:
            rows = len(self.problems.rows)
            msg = f"{count(rows, 'row')} with bad cells: {self.problems.describe(self.label)}"
            raise self.problems.error()(msg)

    def bad(self) -> Positions:
        import numpy as np

        return np.array(sorted(self.problems.rows), dtype=np.intp)

    def columns(self) -> dict[str, pa.Array]:
        """The columns :func:`assess_history` adds, bad rows null in each."""
        import numpy as np
        import pyarrow as pa

        bad = self.bad()
        valid = np.ones(self.rows, dtype=bool)
        valid[bad] = False
        score, status, stars = self.added.arrays(bad)
        names = pa.array([book.name for book in self.books], pa.string())
        edition = names.take(pa.array(self.edition, mask=~valid | (self.edition < 0)))
        columns = {"score": score, "status": status, "stars": stars, "edition": edition}
        for purpose, name in zip(Purpose, MEETS_COLUMNS, strict=True):
            meets = self.meets[purpose]
            columns[name] = pa.array(meets == 1, mask=~valid | (meets == _NO_STANDARD))
        return columns


@attrs.frozen
class _Scatter:
    """A sink that puts a part's results in place among the history's rows."""

    done: _Assessed
    positions: Positions
    edition: int

    def receive(
        self,
        where: slice | Positions,
        cents: npt.NDArray[np.int64],
        status: npt.NDArray[np.int8],
    ) -> None:
        rows = self.positions[where]
        self.done.cents[rows] = cents
        self.done.status[rows] = status
        self.done.added.receive(rows, cents, status, self.edition)


def _checked(history: Any, rules: RuleBook | Editions, errors: str) -> Frame:
    """The history, once the arguments are known to be right."""
    if not isinstance(rules, RuleBook | Editions):
        msg = f"rules: {shown(rules)} is not a RuleBook or Editions"
        raise RuleBookError(msg)
    schemes = {book.scheme for book in (rules if isinstance(rules, Editions) else [rules])}
    if len(schemes) > 1:
        msg = "rules: the editions score different schemes; a history is scored by one"
        raise RuleBookError(msg)
    check_errors(errors)
    shops = frame_of(history, "history")
    needed = ["shop", "category"]
    if "period" not in shops.columns:
        needed += ["period_start", "period_end"]
    elif {"period_start", "period_end"} & shops.columns:
        msg = "history: both 'period' and 'period_start'/'period_end' columns; keep one form"
        raise RuleBookError(msg)
    lacking = [name for name in needed if name not in shops.columns]
    if lacking:
        msg = (
            f"history: no {noun_for(len(lacking), 'column')} {', '.join(lacking)}; "
            f"the columns are {list(shops.df.columns)}"
        )
        raise RuleBookError(msg)
    refuse_taken(shops, (*HISTORY_COLUMNS, "error"), "history")
    return shops


def _periods(
    shops: Frame, rules: RuleBook | Editions, problems: Problems
) -> tuple[npt.NDArray[np.intp], list[AssessmentPeriod], list[RuleBook], npt.NDArray[np.intp]]:
    """Each row's period and edition, read once per distinct period; bad ones into *problems*."""
    import numpy as np

    if "period" in shops.columns:
        cells, values = _codes(shops, "period")
        read: list[Callable[[], AssessmentPeriod]] = [
            functools.partial(_period, value) for value in values
        ]
    else:
        starts, start_values = _codes(shops, "period_start")
        ends, end_values = _codes(shops, "period_end")
        pairs = starts.astype(np.int64) * len(end_values) + ends
        distinct, inverse = np.unique(pairs, return_inverse=True)
        cells = inverse.ravel()
        read = [
            functools.partial(
                period_of,
                start_values[pair // len(end_values)],
                end_values[pair % len(end_values)],
            )
            for pair in distinct.tolist()
        ]
    # Each distinct value is read once; its rows then take its place at once.
    present = np.bincount(cells, minlength=len(read)) > 0
    place = np.full(len(read) + 1, -1, dtype=np.intp)
    book_of = np.full(len(read) + 1, -1, dtype=np.intp)
    bad: dict[int, tuple[str, str, type[TmallServiceError]]] = {}
    periods: list[AssessmentPeriod] = []
    books: list[RuleBook] = []
    places: dict[AssessmentPeriod, int] = {}
    for code in np.flatnonzero(present).tolist():
        try:
            found = read[code]()
            book = edition_for(rules, found)
            book.check_period(found)
        except TmallServiceError as error:
            # Of the column the message names (period_start, period_end), else of the period.
            named, _, rest = str(error).partition(": ")
            column, text = (named, rest) if named in _PERIOD_COLUMNS else ("period", str(error))
            bad[code] = (column, text, type(error))
            continue
        place[code] = places.setdefault(found, len(periods))
        if place[code] == len(periods):
            periods.append(found)
        if book not in books:
            books.append(book)
        book_of[code] = books.index(book)
    if bad:
        rows = np.flatnonzero(np.isin(cells, list(bad)))
        rows = rows[np.argsort(cells[rows], kind="stable")]
        codes, starts = np.unique(cells[rows], return_index=True)
        for code, at in zip(codes.tolist(), np.split(rows, starts[1:]), strict=True):
            column, text, kind = bad[code]
            problems.add(at, column, [text] * len(at), kind)
    return place[cells], periods, books, book_of[cells]


def _period(cell: AssessmentPeriod | str) -> AssessmentPeriod:
    """A ``period`` cell as a period; an empty one is missing, as an empty shop is."""
    if blank(cell):
        msg = "period: missing"
        raise InvalidPeriodError(msg)
    return as_period(cell)


def period_of(start: object, end: object) -> AssessmentPeriod:
    """The period from a ``period_start`` cell to a ``period_end`` cell, both included."""
    first, last = _day(start, "period_start"), _day(end, "period_end")
    if last < first:
        msg = f"period: {first.isoformat()}..{last.isoformat()} ends before it starts"
        raise InvalidPeriodError(msg)
    return AssessmentPeriod(first, last)


def _day(cell: object, column: str) -> dt.date:
    """A ``period_start`` or ``period_end`` cell as a date; an error names *column*."""
    try:
        day = opened_cell(cell)
    except InvalidPeriodError:  # its message names the opened column
        msg = f"{column}: {shown(cell)} is not an ISO date such as 2024-07-01"
        raise InvalidPeriodError(msg) from None
    if day is None:
        msg = f"{column}: missing"
        raise InvalidPeriodError(msg)
    return day


def _codes(shops: Frame, name: str) -> tuple[npt.NDArray[np.integer[Any]], list[Any]]:
    """:func:`~tmall_service._frames.columns.codes` of a column, Python objects in polars too.

    Arrow holds a polars column of objects (periods, say) as their
    addresses, not as the objects: such a column is read value by value.
    """
    import narwhals.stable.v2 as nw
    import numpy as np

    from .columns import codes

    if shops.library != "polars" or shops.df.schema[name] != nw.Object:
        return codes(shops, name)
    cells = shops.native[name].to_list()
    places: dict[Any, int] = {}
    values: list[Any] = []
    found = np.empty(len(cells), dtype=np.intp)
    for row, cell in enumerate(cells):
        try:
            place = places.setdefault(cell, len(values))
        except TypeError:  # unhashable: a value of its own
            place = len(values)
        if place == len(values):
            values.append(cell)
        found[row] = place
    return found, values


def _shop_codes(shops: Frame) -> tuple[npt.NDArray[np.intp], Any, Positions]:
    """Each row's shop, as its place among the shops in order; the shops; the rows without one.

    The shops are put in order by Arrow; a pandas column of Python objects of
    several types, which Arrow cannot hold, is ordered by the values' texts.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from .columns import arrow_column, codes

    column = arrow_column(shops, "shop")
    if column is not None and not len(column):  # no rows, no shops (and no chunks to combine)
        none = np.zeros(0, dtype=np.intp)
        return none, [], none
    if column is not None:
        encoded = pc.dictionary_encode(column).combine_chunks()
        if pa.types.is_dictionary(encoded.type):
            values = encoded.dictionary
            if _is_view(values.type):  # no sorting of views: as plain text
                values = values.cast(pa.large_string())
            ranked = pc.sort_indices(values).to_numpy()
            place = np.empty(len(values) + 1, dtype=np.intp)
            place[ranked] = np.arange(len(values))
            place[-1] = len(values)  # a null shop: after every name
            indices = encoded.indices.fill_null(len(values)).to_numpy()
            ordered = values.take(pa.array(ranked))
            if encoded.indices.null_count:
                ordered = pa.concat_arrays([ordered, pa.nulls(1, ordered.type)])
            blanks = _blanks(ordered)
            code = place[indices]
            return code, ordered, np.flatnonzero(np.isin(code, blanks))
    cells, found = codes(shops, "shop")
    ranked = sorted(range(len(found)), key=lambda c: (blank(found[c]), str(found[c])))
    place = np.empty(len(found), dtype=np.intp)
    place[ranked] = np.arange(len(found))
    code = place[cells]
    ordered = [found[c] for c in ranked]
    blanks = [i for i, v in enumerate(ordered) if blank(v)]
    return code, ordered, np.flatnonzero(np.isin(code, blanks))


_NOT_BLANK: Final = r"[\p{L}\p{N}\p{P}\p{S}]"
"""A letter, number, punctuation or symbol: no text that holds one is blank."""


def _blanks(values: pa.Array) -> list[int]:
    """The places of the blank values (:func:`~tmall_service._frames.cells.blank`) of *values*.

    Only a text of nothing but spaces, controls and marks can be blank, so
    only those are read one by one.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    found = np.flatnonzero(values.is_null().to_numpy(zero_copy_only=False)).tolist()
    if pa.types.is_floating(values.type):  # NaN is no shop, as in pandas
        nan = pc.fill_null(pc.is_nan(values), fill_value=False)
        found += np.flatnonzero(nan.to_numpy(zero_copy_only=False)).tolist()
    if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
        holds = pc.match_substring_regex(values, _NOT_BLANK)
        maybe = pc.fill_null(pc.invert(holds), fill_value=False)
        for place in np.flatnonzero(maybe.to_numpy(zero_copy_only=False)).tolist():
            if blank(values[place].as_py()):
                found.append(place)
    return found


def _is_view(kind: pa.DataType) -> bool:
    import pyarrow as pa

    return bool(getattr(pa.types, "is_string_view", lambda _: False)(kind))


_NOT_READ: Final = frozenset({"shop", "period", "period_start", "period_end"})
"""Columns of a history that assessing a row does not read."""


def _stable_order(keys: Any, bound: int) -> Any:
    """The order that sorts *keys* (whole numbers from 0 to *bound*), stable.

    Keys that fit 16 bits are sorted by a radix sort, in linear time.
    """
    import numpy as np

    small = np.uint16 if bound <= np.iinfo(np.uint16).max else np.int64
    return np.argsort(keys.astype(small, copy=False), kind="stable")


def _category_codes(shops: Frame) -> tuple[npt.NDArray[np.intp], list[Any]]:
    from .columns import codes

    category, values = codes(shops, "category")
    return category.astype("intp", copy=False), values


def _needed(values: Sequence[Any], book: RuleBook, purpose: Purpose) -> npt.NDArray[np.int64]:
    """The fewest cents that meet *purpose*'s standard, per category value; -1 for none.

    A value the edition cannot read has no standard: its rows are bad already.
    """
    import numpy as np

    from .batches import _cents_at_least

    needed = np.full(len(values), _NO_STANDARD, dtype=np.int64)
    for code, value in enumerate(values):
        try:
            name = category_cell(value, book)
        except TmallServiceError:
            continue
        threshold = book.threshold(purpose, name)
        if threshold is not None:
            needed[code] = _cents_at_least(threshold)
    return needed


def _numbered(numbers: Sequence[int]) -> Callable[[int], str]:
    """Name a row by its number in a file."""
    return lambda position: f"row {numbers[position]}"


def _moved(label: Callable[[int], str], positions: Positions) -> Callable[[int], str]:
    """*label* for a part of the rows: a part's position is *positions*' item."""
    return lambda position: label(int(positions[position]))


# -- standings -----------------------------------------------------------------


@attrs.define
class _Judged:
    """Every shop's rows in order, and its standing per purpose.

    Once the rows are sorted by shop, then by the start of their period, a
    shop is a run of rows: what a shop has (its latest row, its run of
    failures, its failing periods of the fee year) is found for every shop
    at once, over those runs.
    """

    done: _Assessed
    order: Positions
    """The rows by shop, then period."""
    first: Positions
    """Where each shop's rows start in :attr:`order`; the last item is the rows' count."""
    broken: dict[int, str]
    """Shops not judged (a bad row, overlapping periods), by shop code, with why."""

    @classmethod
    def of(cls, done: _Assessed, errors: str) -> _Judged:
        import numpy as np

        # The periods by start, so that a shop's rows come out in order of start.
        starts = _days(done.periods, "start")[:-1]
        rank = np.empty(len(starts) + 1, dtype=np.int64)
        rank[np.argsort(starts, kind="stable")] = np.arange(len(starts))
        rank[-1] = len(starts)  # a bad period: last
        key = done.shop.astype(np.int64) * (len(starts) + 1) + rank[done.period]
        order = _stable_order(key, int(key.max()) + 1 if len(key) else 0)
        shop = done.shop[order]
        first = np.flatnonzero(np.r_[True, shop[1:] != shop[:-1]]) if len(shop) else shop
        first = np.r_[first, len(order)].astype(np.intp)
        broken: dict[int, str] = {}
        for row in sorted(done.problems.rows):  # a shop is its code: every code has rows
            broken.setdefault(
                int(done.shop[row]), f"{done.label(row)}: {done.problems.reason(row)}"
            )
        judged = cls(done, order, first, broken)
        judged._overlaps(errors)
        return judged

    @property
    def shops(self) -> int:
        return len(self.first) - 1

    def _overlaps(self, errors: str) -> None:
        """Refuse, or set aside, the shops with two periods that overlap."""
        import numpy as np

        done = self.done
        period, shop = done.period[self.order], done.shop[self.order]
        starts, ends = _days(done.periods, "start"), _days(done.periods, "end")
        both = (period[1:] >= 0) & (period[:-1] >= 0) & (shop[1:] == shop[:-1])
        clash = both & (starts[period[1:]] <= ends[period[:-1]])
        for at in (np.flatnonzero(clash) + 1).tolist():
            code = int(shop[at])
            if code in self.broken:
                continue
            one, other = done.periods[period[at - 1]], done.periods[period[at]]
            why = f"period: {one} and {other} overlap; a history holds one assessment per period"
            if errors == "raise":
                msg = f"shop {shown(done.shop_value(code))}: {why}"
                raise InvalidPeriodError(msg)
            self.broken[code] = why

    def frame(self, lang: Language, *, flag: bool) -> Any:
        """The standings as a frame of the history's library."""
        import narwhals.stable.v2 as nw
        import numpy as np
        import pyarrow as pa

        from .columns import Frame, attach

        done, shops = self.done, self.shops
        judged = np.ones(shops, dtype=bool)
        judged[list(self.broken)] = False
        last = self.order[self.first[1:] - 1]
        standings = [self._standings(purpose, last) for purpose in Purpose]
        # One row per shop and purpose that an edition of the shop sets a
        # standard for; a shop not judged, one row for its error.
        listed = np.stack([s.shown & judged for s in standings])
        listed[0] |= ~judged
        purpose_at, shop_at = np.nonzero(listed)
        flat = np.lexsort((purpose_at, shop_at))
        purpose_at, shop_at = purpose_at[flat], shop_at[flat]
        at = purpose_at * shops + shop_at
        rows = last[shop_at]
        bad = ~judged[shop_at]

        base = done.shops.df.select("shop")[rows]
        if done.shops.library == "pandas":
            base = nw.from_native(base.to_native().reset_index(drop=True), eager_only=True)
        verdict = np.concatenate([s.verdict for s in standings])[at]
        failures = np.concatenate([s.failures for s in standings])[at]
        limit = np.concatenate([s.limit for s in standings])[at]
        fee_year = np.concatenate([s.fee_year for s in standings])[at]
        year_texts = [str(year) for year in done.fee_years]
        score = done.added.arrays(done.bad())[0]
        take = pa.array(rows)
        columns = {
            "purpose": _coded([p.value for p in _PURPOSES], purpose_at, bad),
            "verdict": _coded([v.value for v in _VERDICTS], verdict, bad),
            "severity": pa.array(
                np.array([v.severity for v in _VERDICTS], dtype=np.int8)[verdict], mask=bad
            ),
            "failures": pa.array(failures, pa.int64(), mask=bad),
            "limit": pa.array(limit, pa.int64(), mask=bad | (limit < 0)),
            "periods": _null_where(
                pa.concat_arrays([s.periods for s in standings]).take(pa.array(at)), bad
            ),
            "fee_year": _coded(year_texts, fee_year, bad | (fee_year < 0)),
            "consequence": self._consequences(
                purpose_at, verdict, failures, limit, fee_year, bad, lang
            ),
            "latest": _coded(done.period_texts(), done.period[rows], bad),
            "score": _null_where(score.take(take), bad),
            "status": _coded([s.value for s in _STATUSES], done.status[rows], bad),
            "edition": _coded([b.name for b in done.books], done.edition[rows], bad),
            "gaps": _null_where(self._gaps().take(pa.array(shop_at)), bad),
        }
        if flag:
            reasons = [self.broken.get(code) for code in range(shops)]
            columns["error"] = pa.array(reasons, pa.string()).take(pa.array(shop_at))
        return attach(Frame.of(base), columns)

    def _standings(self, purpose: Purpose, last: Positions) -> _Standings:
        """Every shop's standing against *purpose*'s standard."""
        import numpy as np

        done, order, first, shops = self.done, self.order, self.first, self.shops
        shop_of_row = np.repeat(np.arange(shops), np.diff(first))
        edition = done.edition[order]
        sets = np.array([sets_standard(book, purpose) for book in done.books] + [False])
        shown_ = _any_per(sets[edition], first)
        fails = done.meets[purpose][order] == 0
        latest_book = done.edition[last]
        limit = np.full(shops, -1, dtype=np.int64)
        fee_year = np.full(shops, -1, dtype=np.intp)
        if purpose is Purpose.ANNUAL_FEE_REFUND:
            fee_year = done.fee_year_of(latest_book, done.period[last])
            selected = self._in_fee_year(fee_year, fails, shop_of_row)
        else:
            selected = self._run(fails, shop_of_row)
            if purpose is Purpose.MERCHANT_ASSESSMENT:
                limits = [
                    -1 if b.clearance_after is None else b.clearance_after for b in done.books
                ]
                limit = np.array([*limits, -1], dtype=np.int64)[latest_book]
        failures = np.bincount(shop_of_row[selected], minlength=shops)
        periods = _joined(done.period_texts(), done.period[order[selected]], failures)
        return _Standings(
            shown_, _verdict(purpose, failures, limit), failures, limit, fee_year, periods
        )

    def _run(self, fails: Any, shop_of_row: Any) -> Any:
        """The rows of each shop's run of failing periods back from its latest.

        A row breaks the run when it does not fail, or when the next row of
        its shop does not follow it day after day; the run is the rows after
        the shop's last break.
        """
        import numpy as np

        done = self.done
        period = done.period[self.order]
        starts, ends = _days(done.periods, "start"), _days(done.periods, "end")
        follows = np.r_[(starts[period[1:]] - ends[period[:-1]]) == 1, False]
        last_of_shop = np.zeros(len(period), dtype=bool)
        last_of_shop[self.first[1:] - 1] = True
        breaks = ~fails | (~last_of_shop & ~follows)
        index = np.where(breaks, np.arange(len(period)), -1)
        if not self.shops:
            return np.zeros(0, dtype=bool)
        run_from = np.maximum(np.maximum.reduceat(index, self.first[:-1]) + 1, self.first[:-1])
        return np.arange(len(period)) >= run_from[shop_of_row]

    def _in_fee_year(self, fee_year: Any, fails: Any, shop_of_row: Any) -> Any:
        """The failing rows of each shop whose period ends in the shop's fee year."""
        import numpy as np

        done = self.done
        first_day = np.r_[_days(done.fee_years, "start"), 1][fee_year]
        last_day = np.r_[_days(done.fee_years, "end"), 0][fee_year]
        ends = _days(done.periods, "end")[done.period[self.order]]
        return fails & (ends >= first_day[shop_of_row]) & (ends <= last_day[shop_of_row])

    def _gaps(self) -> pa.Array:
        """Each shop's gaps, as text."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        done = self.done
        period, shop = done.period[self.order], done.shop[self.order]
        starts, ends = _days(done.periods, "start"), _days(done.periods, "end")
        after, before = ends[period[:-1]], starts[period[1:]]
        gap = (shop[1:] == shop[:-1]) & (before - after > 1)
        epoch = dt.date(1970, 1, 1).toordinal()
        first = pa.array(after[gap] + 1 - epoch, pa.int32()).cast(pa.date32())
        last = pa.array(before[gap] - 1 - epoch, pa.int32()).cast(pa.date32())
        texts = pc.binary_join_element_wise(
            pc.strftime(first, "%Y-%m-%d"), pc.strftime(last, "%Y-%m-%d"), ".."
        )
        counts = np.bincount(shop[1:][gap], minlength=self.shops)
        offsets = np.r_[0, np.cumsum(counts)].astype(np.int32)
        return pc.binary_join(pa.ListArray.from_arrays(pa.array(offsets), texts), ", ")

    def _consequences(  # noqa: PLR0913, PLR0917 - what a consequence says
        self,
        purpose: Any,
        verdict: Any,
        failures: Any,
        limit: Any,
        fee_year: Any,
        bad: Any,
        lang: Language,
    ) -> pa.Array:
        """What each verdict means, written once per distinct verdict and its numbers."""
        import pyarrow as pa

        distinct, where = _distinct(purpose, verdict, failures, limit, fee_year)
        texts = [
            PurposeStanding(
                purpose=_PURPOSES[p],
                verdict=_VERDICTS[v],
                failures=n,
                limit=None if most < 0 else most,
                periods=(),
                fee_year=None if year < 0 else self.done.fee_years[year],
            ).consequence(lang)
            for p, v, n, most, year in distinct
        ]
        return pa.array(texts, pa.string()).take(pa.array(where, mask=bad))


@attrs.frozen
class _Standings:
    """Every shop's standing against one purpose's standard, shop by shop."""

    shown: Any
    """Whether an edition of the shop sets the standard."""
    verdict: Any
    """The verdict, as its place in :class:`Verdict`."""
    failures: Any
    limit: Any
    """The clearance limit; -1 where there is none."""
    fee_year: Any
    """The fee year judged, as its place among the history's fee years; -1 for none."""
    periods: pa.Array
    """The failing periods behind the verdict, as text."""


def _verdict(purpose: Purpose, failures: Any, limit: Any) -> Any:
    """Each shop's verdict, as its place in :class:`Verdict`, from its failures and limit."""
    import numpy as np

    good = _VERDICTS.index(Verdict.GOOD)
    if purpose is Purpose.MARKETING_ACCESS:
        return np.where(failures > 0, _VERDICTS.index(Verdict.NOT_ELIGIBLE), good)
    if purpose is Purpose.ANNUAL_FEE_REFUND:
        return np.where(failures > 0, _VERDICTS.index(Verdict.FORFEITED), good)
    at_risk, clearance = _VERDICTS.index(Verdict.AT_RISK), _VERDICTS.index(Verdict.CLEARANCE)
    due = (limit >= 0) & (failures >= limit)
    return np.where(failures == 0, good, np.where(due, clearance, at_risk))


def _distinct(*columns: Any) -> tuple[list[tuple[int, ...]], Any]:
    """The distinct rows of integer *columns* (each at least -1), and each row's place among them.

    The columns are read as the digits of one number, so that one sort
    finds them: far quicker than sorting rows.
    """
    import numpy as np

    rows = len(columns[0])
    if not rows:
        return [], np.zeros(0, dtype=np.intp)
    shifted = [np.asarray(column, dtype=np.int64) + 1 for column in columns]
    bases = [int(column.max()) + 1 for column in shifted]
    if math.prod(bases) >= 2**62:  # too many to make one number of: sort the rows
        found, where = np.unique(np.stack(shifted), axis=1, return_inverse=True)
        return [tuple(v - 1 for v in row) for row in found.T.tolist()], where.ravel()
    key = np.zeros(rows, dtype=np.int64)
    for column, base in zip(shifted, bases, strict=True):
        key *= base
        key += column
    found, where = np.unique(key, return_inverse=True)
    digits = []
    for base in reversed(bases):
        digits.append(found % base - 1)
        found //= base
    return list(zip(*(d.tolist() for d in reversed(digits)), strict=True)), where.ravel()


def _any_per(values: Any, first: Any) -> Any:
    """Whether any of each shop's *values* is true."""
    import numpy as np

    if len(first) < 2:  # noqa: PLR2004 - no shop
        return np.zeros(0, dtype=bool)
    return np.logical_or.reduceat(values, first[:-1])


def _days(periods: Sequence[AssessmentPeriod], side: str) -> Any:
    """The first or last day of each period, as a day number."""
    import numpy as np

    return np.array([getattr(p, side).toordinal() for p in periods] + [0], dtype=np.int64)


def _coded(texts: Sequence[str], codes: Any, missing: Any) -> pa.Array:
    """The text of each code; null where *missing*."""
    import numpy as np
    import pyarrow as pa

    safe = np.where(missing, 0, codes) if len(texts) else np.zeros(len(codes), dtype=np.intp)
    return pa.array([*texts, ""], pa.string()).take(pa.array(safe, mask=missing))


def _null_where(array: pa.Array, missing: Any) -> pa.Array:
    import pyarrow as pa
    import pyarrow.compute as pc

    return pc.if_else(pa.array(missing), pa.nulls(len(array), array.type), array)


def _joined(texts: Sequence[str], codes: Any, counts: Any) -> pa.Array:
    """Per shop, the texts of its *counts* codes (in turn), separated by ``", "``."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    values = pa.array([*texts, ""], pa.string()).take(pa.array(codes, pa.int64()))
    offsets = np.r_[0, np.cumsum(counts)].astype(np.int32)
    return pc.binary_join(pa.ListArray.from_arrays(pa.array(offsets), values), ", ")
