"""A frame's columns as numpy arrays, and numpy arrays as a frame's columns.

The frame path reads each column once, without copying it where the frame
library allows (a pandas float column is a numpy array already; a polars one
is an Arrow buffer and a validity bitmap), and works through it a chunk at a
time in working arrays that it allocates once. The columns it adds are
copied from small tables straight into the buffers of Arrow arrays.

Only :mod:`tmall_service._frames` imports this module, when a frame is
assessed: numpy and pyarrow come in with it, not with ``import tmall_service``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, cast

import attrs
import narwhals as nw
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from ._cells import CellProblem, blank, first_error, problem_of, rank
from ._cells import reason as cells_reason
from ._errors import InvalidScoreError, TmallServiceError, shown
from ._numbers import to_decimal

__all__ = [
    "SCALE",
    "Added",
    "ExactScores",
    "FloatScores",
    "Frame",
    "Positions",
    "Problems",
    "Scratch",
    "attach",
    "codes",
    "read_scores",
]

SCALE: Final = 1_000_000
"""Scores and weights are held as integers in millionths on the fast path."""
_TOP: Final = 5
"""The highest score: every score is in [0, 5]."""
_SHOWN_PROBLEMS: Final = 20
_NONE: Final = np.zeros(0, dtype=np.intp)
_VIEWS: Final = hasattr(pa, "string_view")
"""Whether pyarrow has string views (pyarrow 16 on); before, statuses are taken by code."""

Positions = npt.NDArray[np.intp]


@attrs.define
class Problems:
    """Bad cells found so far: row position → the row's bad cells."""

    rows: dict[int, list[CellProblem]] = attrs.Factory(dict)

    def add(
        self,
        positions: Iterable[Any],
        column: str,
        messages: Iterable[str],
        error: type[TmallServiceError] = InvalidScoreError,
    ) -> None:
        """A bad cell of *column* at each of *positions*, with its message."""
        for position, message in zip(positions, messages, strict=True):
            self.rows.setdefault(int(position), []).append(CellProblem(column, message, error))

    def add_error(self, positions: Iterable[Any], column: str, error: TmallServiceError) -> None:
        """The same bad cell, of *error*, at each of *positions*."""
        problem = problem_of(error, column)
        for position in positions:
            self.rows.setdefault(int(position), []).append(problem)

    def reason(self, row: int) -> str:
        """Every bad cell of *row*, each with its column."""
        return cells_reason(self.rows[row])

    def error(self) -> type[TmallServiceError]:
        """The error class of the first bad cell of the first bad row."""
        return first_error(self.rows[min(self.rows)])

    def describe(self, label: Callable[[int], str]) -> str:
        """The first bad cells, row by row, then how many more."""
        cells = [
            f"{label(row)}, {problem}"
            for row in sorted(self.rows)
            for problem in sorted(self.rows[row], key=rank)
        ]
        more = len(cells) - _SHOWN_PROBLEMS
        return "; ".join(cells[:_SHOWN_PROBLEMS]) + (f" … and {more} more" if more > 0 else "")


@attrs.frozen
class Frame:
    """A frame being assessed, with what is asked of it often looked up once."""

    df: nw.DataFrame[Any]
    """The frame through narwhals."""
    native: Any
    """The frame as its own library has it."""
    library: str
    """``pandas`` or ``polars``."""
    columns: frozenset[Any]
    """The names of its columns."""

    @classmethod
    def of(cls, df: nw.DataFrame[Any]) -> Frame:
        """*df* and what it is."""
        library = str(nw.get_native_namespace(df).__name__)
        return cls(df, df.to_native(), library, frozenset(df.columns))


# -- the scores ---------------------------------------------------------------


def to_millionths(
    values: npt.NDArray[np.float64],
    nulls: Positions,
    units: npt.NDArray[np.int32],
    work: npt.NDArray[np.float64],
    odd: npt.NDArray[np.bool_],
) -> Positions:
    """Put each value in *units* as whole millionths; return where that is not exact.

    A value is on the grid when the nearest number of millionths, divided
    back by a million, gives the float exactly; that is one multiplication,
    one rounding and one division, in *work*. The values off the grid, NaN
    and those outside [0, 5] come back as positions, with 0 in *units*, for
    the caller to sort out one by one: they are few. The *nulls* are not
    looked at (their slots hold any value) and get 0 too.

    NaN becomes some integer in *units* before its position is known: the
    caller ignores numpy's warning about that.
    """
    np.multiply(values, SCALE, out=work)
    np.rint(work, out=work)
    units[...] = work
    np.divide(work, SCALE, out=work)
    np.not_equal(work, values, out=odd)  # True for NaN too
    # The range in two reductions that pass over NaN; a full test only when one is out.
    if not (np.fmin.reduce(values) >= 0 and np.fmax.reduce(values) <= _TOP):
        odd |= values < 0
        odd |= values > _TOP
    units[nulls] = 0
    odd[nulls] = False
    if not odd.any():
        return _NONE
    at = np.flatnonzero(odd)
    units[at] = 0
    return at


class Scratch:
    """Working arrays for reading a chunk of a float column, reused from chunk to chunk."""

    def __init__(self, rows: int) -> None:
        """Room for chunks of up to *rows* rows."""
        self.work = np.zeros(rows, dtype=np.float64)
        self.odd = np.zeros(rows, dtype=bool)


@attrs.frozen
class FloatScores:
    """A column of float scores, read without a copy where the library allows it.

    *nulls* are the positions of null cells known beforehand; where NaN is
    the library's null (pandas), NaN cells are found as the chunks are read.
    """

    name: str
    values: npt.NDArray[np.float64]
    nulls: Positions
    nan_is_null: bool

    def chunk(
        self,
        start: int,
        stop: int,
        units: npt.NDArray[np.int32],
        scratch: Scratch,
        problems: Problems,
    ) -> tuple[Positions, Positions]:
        """Rows *start* to *stop* into *units*; (null, finer) positions within the chunk."""
        values = self.values[start:stop]
        size = stop - start
        nulls = _within(self.nulls, start, stop)
        at = to_millionths(values, nulls, units, scratch.work[:size], scratch.odd[:size])
        if not len(at):
            return nulls, _NONE
        cells = values[at]
        if self.nan_is_null:
            blank = np.isnan(cells)
            nulls, at, cells = at[blank], at[~blank], cells[~blank]
        finite = np.isfinite(cells)
        inside = (cells >= 0) & (cells <= _TOP)
        for where, reason in ((~finite, "is not a finite number"), (finite & ~inside, None)):
            problems.add(
                start + at[where],
                self.name,
                [f"{shown(v)} {reason or 'is outside [0, 5]'}" for v in cells[where]],
            )
        return nulls, at[inside]  # in [0, 5], finer than millionths: the exact path


@attrs.frozen
class ExactScores:
    """A column of text or decimal scores, read cell by cell as the scalar path reads them."""

    name: str
    units: npt.NDArray[np.int32]
    nulls: Positions
    finer: Positions
    bad: Positions
    messages: list[str]

    def chunk(
        self,
        start: int,
        stop: int,
        units: npt.NDArray[np.int32],
        scratch: Scratch,  # noqa: ARG002 - the same call as FloatScores.chunk: nothing to work out
        problems: Problems,
    ) -> tuple[Positions, Positions]:
        """Rows *start* to *stop* into *units*; (null, finer) positions within the chunk."""
        units[...] = self.units[start:stop]
        first, last = np.searchsorted(self.bad, (start, stop))
        problems.add(self.bad[first:last], self.name, self.messages[first:last])
        return _within(self.nulls, start, stop), _within(self.finer, start, stop)


def _within(positions: Positions, start: int, stop: int) -> Positions:
    """The sorted *positions* from *start* to *stop*, counted from *start*."""
    if not len(positions):
        return _NONE
    first, last = np.searchsorted(positions, (start, stop))
    return positions[first:last] - start


def read_scores(frame: Frame, name: str) -> FloatScores | ExactScores:
    """A dimension column of *frame*, read once for the whole frame."""
    native = frame.native[name]
    if frame.library == "pandas" and isinstance(native.dtype, np.dtype):
        if native.dtype == np.float64:
            return FloatScores(name, native.to_numpy(), _NONE, nan_is_null=True)
    elif frame.library == "polars" and len(native):
        import polars as pl  # noqa: PLC0415 - only the frame's own library is sure to be there

        if native.dtype == pl.Float64:
            array = native.to_arrow()
            values = np.frombuffer(
                array.buffers()[1], dtype=np.float64, count=len(array), offset=array.offset * 8
            )
            return FloatScores(name, values, _null_positions(array), nan_is_null=False)
    column = frame.df[name]
    dtype = column.dtype
    # A decimal can hold more digits than a float: read it exactly, cell by cell.
    if dtype.is_numeric() and dtype not in (nw.Boolean, nw.Decimal):  # by ==, not by hash
        values = column.to_numpy().astype(np.float64, copy=False)
        nulls = np.flatnonzero(column.is_null().to_numpy()) if column.null_count() else _NONE
        return FloatScores(name, values, nulls, nan_is_null=False)
    return _read_exactly(column, name)


def _null_positions(array: pa.Array) -> Positions:
    """Where *array* is null, from its validity bitmap."""
    if not array.null_count:
        return _NONE
    bits = np.frombuffer(array.buffers()[0], dtype=np.uint8)
    valid = np.unpackbits(bits, count=array.offset + len(array), bitorder="little")
    return np.flatnonzero(valid[array.offset :] == 0)


def _read_exactly(column: nw.Series[Any], name: str) -> ExactScores:
    """Text, decimal or other cells, one by one: each is read as ``assess`` reads it.

    Text of nothing but spaces is blank, as in a shop file: no data.
    """
    rows = len(column)
    units = np.zeros(rows, dtype=np.int32)
    nulls, finer, bad, messages = [], [], [], []
    cells = column.to_numpy()
    empty = column.is_null().to_numpy().astype(bool)
    for position in range(rows):
        if empty[position] or blank(cells[position]):
            nulls.append(position)
            continue
        try:
            number = to_decimal(
                cells[position],
                field="",
                error=InvalidScoreError,
                low=Decimal(0),
                high=Decimal(_TOP),
            )
        except TmallServiceError as error:
            bad.append(position)
            messages.append(str(error))
            continue
        scaled = number * SCALE
        if scaled == scaled.to_integral_value():
            units[position] = int(scaled)
        else:
            finer.append(position)
    return ExactScores(
        name,
        units,
        np.array(nulls, dtype=np.intp),
        np.array(finer, dtype=np.intp),
        np.array(bad, dtype=np.intp),
        messages,
    )


# -- categories and regions ---------------------------------------------------


def codes(frame: Frame, name: str) -> tuple[npt.NDArray[np.integer[Any]], list[Any]]:
    """Each cell's position among the column's distinct values, and those values.

    A null cell gets the position of a ``None`` value. The values come from a
    pandas categorical or a polars categorical column as they are, from a
    pandas column of Python objects as pandas finds them (they may be of
    any type), and from any other column by pyarrow's dictionary encoding
    (a hash per cell).
    """
    native = frame.native[name]
    if frame.library == "polars":
        import polars as pl  # noqa: PLC0415 - only the frame's own library is sure to be there

        # Arrow's string views are polars' own strings: no copy on the way out.
        newest = getattr(pl, "CompatLevel", None) if _VIEWS else None
        array = native.to_arrow(**({"compat_level": newest.newest()} if newest else {}))
    elif native.dtype == object:
        import pandas as pd  # noqa: PLC0415

        positions, distinct = pd.factorize(native)
        values = [*distinct.tolist(), None]
        positions[positions < 0] = len(values) - 1
        return positions, values
    else:
        array = pa.array(native)
    if isinstance(array, pa.ChunkedArray):
        array = array.chunk(0) if array.num_chunks == 1 else array.combine_chunks()
    if not pa.types.is_dictionary(array.type):
        # Nulls stay nulls among the codes: pyarrow 26 encodes a null string view as "".
        try:
            array = pc.dictionary_encode(array)
        except pa.ArrowNotImplementedError:  # an older pyarrow without string views
            array = pc.dictionary_encode(array.cast(pa.large_string()))
    values = array.dictionary.to_pylist()
    indices = array.indices
    if indices.null_count:
        values.append(None)
        indices = indices.fill_null(len(values) - 1)
    return indices.to_numpy(), values


# -- the added columns --------------------------------------------------------


class Added:
    """The score, status and stars columns, filled a chunk at a time.

    The score and the stars are the buffers of ``decimal128`` arrays, of
    16-byte items (a 128-bit integer of the last place; none is negative).
    The status is a buffer of string views, each pointing at one of the
    status names, or of status codes. An item depends only on the score in
    cents or on the status, so it is copied from a small table: one pass
    per column, and nothing passes through a float or a Python object.
    """

    def __init__(
        self, rows: int, statuses: Sequence[str], bands: Sequence[Decimal], *, views: bool
    ) -> None:
        """Room for *rows* rows; *bands* are the star bands, lowest first.

        With *views*, the status column is made of string views, as polars
        holds text; else of status codes, decoded to plain strings at the end
        (pandas' ``string[pyarrow]``; a view is 16 bytes, a code one).
        """
        self.rows = rows
        self._as_views = views and _VIEWS
        self.score = np.empty(rows, dtype="V16")
        self.stars = np.empty(rows, dtype="V16")
        self.rated = np.empty(rows, dtype=bool)
        self._statuses = list(statuses)
        if self._as_views:
            self.status = np.empty(rows, dtype="V16")
            self._names, self._status_items = _string_views(statuses)
        else:
            self.status = np.empty(rows, dtype=np.int8)
            self._status_items = np.arange(len(statuses), dtype=np.int8)  # type: ignore[assignment]
        # By score in cents (up to 99.00): the score, the star level in its own
        # last place, and whether there is one. The star tables end at 5.01,
        # which stands for every score beyond 5.00 (99 is not rated).
        top = _TOP * 100
        self._scores = _decimals(np.arange(9901, dtype=np.int64))
        self.scale = max((max(-int(band.as_tuple().exponent), 0) for band in bands), default=0)
        star_units = np.zeros(top + 2, dtype=np.int64)
        self._star_rated = np.zeros(top + 2, dtype=bool)
        for band in bands:
            reached = slice(math.ceil(band * 100), top + 1)
            star_units[reached] = int(band.scaleb(self.scale))
            self._star_rated[reached] = True
        self._stars = _decimals(star_units)

    def put(
        self,
        where: slice | Positions,
        cents: npt.NDArray[np.int64],
        status: npt.NDArray[np.int8],
    ) -> None:
        """The rows *where*: their scores in cents (9900 when not assessed) and statuses."""
        for column, table, key in (
            (self.score, self._scores, cents),
            (self.stars, self._stars, cents),
            (self.rated, self._star_rated, cents),
            (self.status, self._status_items, status),
        ):
            if isinstance(where, slice):  # straight into the column's buffer
                np.take(table, key, out=column[where], mode="clip")
            else:
                column[where] = table.take(key, mode="clip")

    def arrays(self, bad: Positions) -> tuple[pa.Array, pa.Array, pa.Array]:
        """The three columns as Arrow arrays; the *bad* rows are null in each."""
        valid = None
        if len(bad):
            good = np.ones(self.rows, dtype=bool)
            good[bad] = False
            valid = _bitmap(good)
            self.rated[bad] = False
        score = pa.Array.from_buffers(
            pa.decimal128(4, 2), self.rows, [valid, pa.py_buffer(self.score)]
        )
        stars = pa.Array.from_buffers(
            pa.decimal128(self.scale + 2, self.scale),
            self.rows,
            [None if self.rated.all() else _bitmap(self.rated), pa.py_buffer(self.stars)],
        )
        if self._as_views:
            status = pa.Array.from_buffers(
                pa.string_view(), self.rows, [valid, pa.py_buffer(self.status), self._names]
            )
        else:
            codes = pa.Array.from_buffers(pa.int8(), self.rows, [valid, pa.py_buffer(self.status)])
            status = pa.DictionaryArray.from_arrays(codes, self._statuses).cast(pa.string())
        return score, status, stars


def _string_views(names: Sequence[str]) -> tuple[pa.Buffer, npt.NDArray[np.void]]:
    """The names one after another, and the Arrow string view of each.

    A view is 16 bytes: the length, then the text itself when it is at most
    12 bytes long, or else its first 4 bytes, the buffer (0) and the offset.
    """
    data = b"".join(name.encode() for name in names)
    views = np.zeros((len(names), 16), dtype=np.uint8)
    offset = 0
    for row, name in enumerate(names):
        text = name.encode()
        views[row, :4] = np.frombuffer(np.int32(len(text)).tobytes(), dtype=np.uint8)
        if len(text) <= 12:  # noqa: PLR2004 - Arrow's inline limit
            views[row, 4 : 4 + len(text)] = np.frombuffer(text, dtype=np.uint8)
        else:
            views[row, 4:8] = np.frombuffer(text[:4], dtype=np.uint8)
            views[row, 12:16] = np.frombuffer(np.int32(offset).tobytes(), dtype=np.uint8)
        offset += len(text)
    return pa.py_buffer(data), views.view("V16").ravel()


def _decimals(units: npt.NDArray[np.int64]) -> npt.NDArray[np.void]:
    """``decimal128`` items of non-negative integers: each the integer, then a high word of 0."""
    words = np.zeros((len(units), 2), dtype=np.int64)
    words[:, 0] = units  # little-endian, as Arrow's buffers are
    return words.view("V16").ravel()


def _bitmap(valid: npt.NDArray[np.bool_]) -> pa.Buffer:
    return pa.py_buffer(np.packbits(valid, bitorder="little"))


def attach(frame: Frame, columns: Mapping[str, pa.Array]) -> Any:  # noqa: ANN401 - a pandas or a polars frame
    """*frame*'s own native frame with *columns* added at the end."""
    native = frame.native
    if frame.library == "polars":
        import polars as pl  # noqa: PLC0415 - only the frame's own library is sure to be there

        # Decimals and string views come into polars as they are, without a copy.
        added = [cast("pl.Series", pl.from_arrow(a)).alias(n) for n, a in columns.items()]
        return native.with_columns(added)
    import pandas as pd  # noqa: PLC0415

    series = {}
    for name, array in columns.items():
        series[name] = pd.Series(pd.arrays.ArrowExtensionArray(array), index=native.index)
    return native.assign(**series)
