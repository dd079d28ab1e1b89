"""A frame's columns as numpy arrays, and numpy arrays as a frame's columns.

The frame path reads each column once, without copying it where the frame
library allows (a pandas float column is a numpy array already; a polars one
is an Arrow buffer and a validity bitmap), and works through it a chunk at a
time in working arrays that it allocates once. The columns it adds are
copied from small tables straight into the buffers of Arrow arrays.

Only :mod:`tmall_service._frames.assessing` imports this module, when a frame is
assessed: numpy and pyarrow come in with it, not with ``import tmall_service``.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, cast

import attrs
import narwhals.stable.v2 as nw
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from tmall_service._values.errors import InvalidScoreError, TmallServiceError, shown
from tmall_service._values.numbers import to_decimal

from .cells import (
    CellProblem,
    blank,
    first_error,
    not_whole,
    opened_cell,
    orders_cell,
    problem_of,
    rank,
)
from .cells import reason as cells_reason

__all__ = [
    "PLAIN_COUNT",
    "PLAIN_DAY",
    "SCALE",
    "Added",
    "ExactScores",
    "Facts",
    "FloatScores",
    "Frame",
    "Positions",
    "Problems",
    "Scratch",
    "attach",
    "bools",
    "codes",
    "read_counts",
    "read_days",
    "read_scores",
    "with_validity",
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
    _shared: list[tuple[Positions, CellProblem]] = attrs.Factory(list)
    """Problems many rows share (an unknown name), with the rows: the text is one for all."""
    _several: set[int] = attrs.Factory(set)
    """Rows with more than one bad cell, whose reason is written for each."""

    def add(
        self,
        positions: Iterable[Any],
        column: str,
        messages: Iterable[str],
        error: type[TmallServiceError] = InvalidScoreError,
    ) -> None:
        """A bad cell of *column* at each of *positions*, with its message."""
        for position, message in zip(positions, messages, strict=True):
            self._put(int(position), CellProblem(column, message, error))

    def add_error(self, positions: Iterable[Any], column: str, error: TmallServiceError) -> None:
        """The same bad cell, of *error*, at each of *positions*."""
        problem = problem_of(error, column)
        at = np.asarray(positions, dtype=np.intp)
        self._shared.append((at, problem))
        for position in at.tolist():
            self._put(position, problem)

    def merge(self, found: Problems, positions: Positions) -> None:
        """*found*'s bad cells, of some of the rows, at their *positions* among all."""
        for row, cells in sorted(found.rows.items()):
            for problem in cells:
                self._put(int(positions[row]), problem)

    def _put(self, row: int, problem: CellProblem) -> None:
        cells = self.rows.get(row)
        if cells is None:
            self.rows[row] = [problem]
        else:
            cells.append(problem)
            self._several.add(row)

    def reason(self, row: int) -> str:
        """Every bad cell of *row*, each with its column."""
        return cells_reason(self.rows[row])

    def column(self, rows: int) -> pa.Array:
        """The reasons as a text column of *rows* rows: null where a row has no bad cell.

        A problem many rows share is written once, and set on its rows at once.
        """
        codes = np.full(rows, -1, dtype=np.int32)
        texts: dict[str, int] = {}
        for at, problem in self._shared:
            codes[at] = texts.setdefault(str(problem), len(texts))
        bad = np.fromiter(self.rows, dtype=np.intp, count=len(self.rows))
        alone = {*bad[codes[bad] < 0].tolist(), *self._several}
        for row in alone:
            codes[row] = texts.setdefault(self.reason(row), len(texts))
        # Built from its buffers: the offsets of every row, the text of the bad ones.
        encoded = [text.encode() for text in texts]
        lengths = np.array([*map(len, encoded), 0], dtype=np.int64)  # code -1: the last, 0
        offsets = np.zeros(rows + 1, dtype=np.int64)
        np.cumsum(lengths[codes], out=offsets[1:])
        data = b"".join(encoded[code] for code in codes[codes >= 0].tolist())
        kind, width = (
            (pa.string(), np.int32) if len(data) < 2**31 else (pa.large_string(), np.int64)
        )
        buffers = [_bitmap(codes >= 0), pa.py_buffer(offsets.astype(width)), pa.py_buffer(data)]
        return pa.Array.from_buffers(kind, rows, buffers)

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
    """``pandas``, ``polars`` or ``pyarrow``."""
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
        self.values = np.zeros(rows, dtype=np.float64)
        self.odd = np.zeros(rows, dtype=bool)


class _Pieces:
    """A float column held as the pieces its library keeps it in, read by row ranges.

    A range inside one piece is a view of it; one across pieces is copied
    into the scratch array. So a many-chunk column (polars after
    ``read_parquet``, an Arrow table read in batches) is never copied whole.
    """

    def __init__(self, pieces: Sequence[npt.NDArray[np.float64]]) -> None:
        """The column made of *pieces*, one after another."""
        self.pieces = list(pieces) or [np.zeros(0, dtype=np.float64)]
        self.starts = np.cumsum([0, *(len(piece) for piece in self.pieces)])

    def get(
        self, start: int, stop: int, scratch: npt.NDArray[np.float64]
    ) -> npt.NDArray[np.float64]:
        """Rows *start* to *stop*: a view where they lie in one piece, else a copy in *scratch*."""
        first = int(np.searchsorted(self.starts, start, side="right")) - 1
        base = int(self.starts[first])
        if stop <= self.starts[first + 1]:
            return self.pieces[first][start - base : stop - base]
        out = scratch[: stop - start]
        done, index = 0, first
        while done < stop - start:
            piece, base = self.pieces[index], int(self.starts[index])
            take = piece[max(start - base, 0) : min(stop - base, len(piece))]
            out[done : done + len(take)] = take
            done += len(take)
            index += 1
        return out


@attrs.frozen
class FloatScores:
    """A column of scores as floats, read without a copy where the library allows it.

    *nulls* are the positions of null cells known beforehand; where NaN is
    the library's null (pandas), NaN cells are found as the chunks are read.
    A column of text or decimals is read as floats by Arrow's cast and keeps
    its *cells*: a float that is not whole millionths in [0, 5], and the
    cells at *recheck* (those the cast could not read exactly), are read
    again from them one by one, as ``assess`` reads a cell, so that each
    gets the scalar path's value or message.
    """

    name: str
    values: _Pieces
    nulls: Positions
    nan_is_null: bool
    cells: pa.ChunkedArray | None = None
    recheck: Positions = _NONE

    def read_units(
        self,
        start: int,
        stop: int,
        units: npt.NDArray[np.int32],
        scratch: Scratch,
        problems: Problems,
    ) -> tuple[Positions, Positions]:
        """Rows *start* to *stop* into *units*; (null, finer) positions within the chunk."""
        size = stop - start
        values = self.values.get(start, stop, scratch.values[:size])
        nulls = _within(self.nulls, start, stop)
        at = to_millionths(values, nulls, units, scratch.work[:size], scratch.odd[:size])
        if self.cells is not None:
            again = _within(self.recheck, start, stop)
            at = np.union1d(at, again) if len(again) else at
            if not len(at):
                return nulls, _NONE
            piece = self.cells.slice(start, size)
            if _is_text_view(piece.type):  # Arrow takes no string views
                piece = piece.cast(pa.large_string())
            read = _read_cells(self.name, piece.take(at).to_pylist())
            units[at] = read.units
            problems.add(at[read.bad] + start, self.name, read.messages)
            return np.union1d(nulls, at[read.nulls]), at[read.finer]
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
    """A column of text or decimal scores, read as the scalar path reads each cell.

    The cells are read a whole column at a time by Arrow's casts; only the
    few that a cast cannot settle (text with spaces or full-width digits,
    values out of range, ``N/A``) are read one by one.
    """

    name: str
    units: npt.NDArray[np.int32]
    nulls: Positions
    finer: Positions
    bad: Positions
    messages: list[str]

    def read_units(
        self,
        start: int,
        stop: int,
        units: npt.NDArray[np.int32],
        scratch: Scratch,  # noqa: ARG002 - the same call as FloatScores.read_units: nothing to work out
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
    if frame.library == "pandas" and native.dtype == np.float64:
        return FloatScores(name, _Pieces([native.to_numpy()]), _NONE, nan_is_null=True)
    column = arrow_column(frame, name)
    if column is None:  # Python objects of several kinds: each is read as assess reads it
        cells = frame.df[name]
        return _read_cells(name, cells.to_numpy(), cells.is_null().to_numpy().astype(bool))
    kind = column.type
    if pa.types.is_dictionary(kind):
        return _read_dictionary(name, column)
    if pa.types.is_integer(kind) or pa.types.is_floating(kind):
        if not pa.types.is_float64(kind):
            column = column.cast(pa.float64())
        pieces = [_float_values(chunk) for chunk in column.chunks]
        return FloatScores(name, _Pieces(pieces), _null_positions(column), nan_is_null=False)
    if _is_text(kind) or pa.types.is_decimal(kind):
        return _read_text(name, column)
    # Bools, dates and the like are no scores: each cell says why.
    return _read_cells(name, column.to_pylist())


def arrow_column(frame: Frame, name: str) -> pa.ChunkedArray | None:
    """*frame*'s column as Arrow chunks, without a copy where its library allows.

    ``None`` for a pandas column of Python objects that Arrow cannot give
    one type (text beside numbers, say).
    """
    native = frame.native[name]
    if frame.library == "pyarrow":
        return native
    if frame.library == "polars":
        import polars as pl

        # Arrow's string views are polars' own strings: no copy on the way out.
        level = getattr(pl, "CompatLevel", None) if _VIEWS else None
        newest = {"compat_level": level.newest()} if level else {}
        pieces = [piece.to_arrow(**newest) for piece in native.get_chunks()]
        return pa.chunked_array(pieces) if pieces else pa.chunked_array([native.to_arrow(**newest)])
    arrow = getattr(native.array, "__arrow_array__", None)
    try:
        array = arrow() if arrow is not None else pa.array(native, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError):  # 2**64, say
        return None
    return array if isinstance(array, pa.ChunkedArray) else pa.chunked_array([array])


def _float_values(array: pa.Array) -> npt.NDArray[np.float64]:
    """The values buffer of a float64 array, as numpy sees it (null slots hold anything)."""
    return np.frombuffer(
        array.buffers()[1], dtype=np.float64, count=len(array), offset=array.offset * 8
    )


def _null_positions(column: pa.ChunkedArray) -> Positions:
    """Where *column* is null, from its validity bitmaps."""
    if not column.null_count:
        return _NONE
    found, base = [], 0
    for array in column.chunks:
        found.append(np.flatnonzero(~_valid(array)) + base)
        base += len(array)
    return _concatenated(found)


def _is_text(kind: pa.DataType) -> bool:
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind) or _is_text_view(kind))


_SHORT: Final = 8
"""The longest text a float cast reads exactly: ``5.000000`` (at most six places in [0, 5])."""
_PLAIN: Final = r"^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$"
"""Text that Arrow's float cast surely reads."""
_BLOCK: Final = 1 << 16
"""Rows cast at a time: a block with a cell the cast cannot read is sorted out alone."""
_DECIMAL_PLACES: Final = 6


def _read_text(name: str, column: pa.ChunkedArray) -> FloatScores:
    """Text or decimal scores, cast to floats by Arrow, a block of rows at a time.

    A float cast reads a decimal exactly when it is in [0, 5] with at most
    six places written: it gives the nearest float, which is whole
    millionths exactly when the decimal is. So text of at most eight
    characters, and decimals of at most six places, are cast; every other
    cell (text of spaces, full-width digits, ``N/A``, longer text) is left
    for :meth:`FloatScores.chunk` to read one by one, with the floats that
    are not whole millionths in [0, 5].
    """
    blocks = [
        chunk.slice(first, _BLOCK)
        for chunk in column.chunks
        for first in range(0, len(chunk), _BLOCK)
    ]
    pieces, nulls, recheck, base = [], [], [], 0
    for block in blocks:
        floats, empty, again = _cast_block(block)
        pieces.append(_float_values(floats))
        nulls.append(np.flatnonzero(empty) + base)
        recheck.append(np.flatnonzero(again) + base)
        base += len(block)
    return FloatScores(
        name,
        _Pieces(pieces),
        _concatenated(nulls),
        nan_is_null=False,
        cells=column,
        recheck=_concatenated(recheck),
    )


def _cast_block(
    block: pa.Array,
) -> tuple[pa.Array, npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """*block* as float64; where it is empty; where a cell must be read one by one."""
    valid = _valid(block)
    if pa.types.is_decimal(block.type):
        if block.type.scale > _DECIMAL_PLACES:
            return pa.nulls(len(block), pa.float64()), np.zeros(len(block), bool), valid
        return block.cast(pa.float64()), ~valid, np.zeros(len(block), dtype=bool)
    lengths = _text_lengths(block)
    empty = ~valid | (lengths == 0)
    again = valid & (lengths > _SHORT)
    try:
        floats = with_validity(block, ~(empty | again)).cast(pa.float64())
    except pa.ArrowInvalid:  # a cell such as "N/A": the block's plain cells only
        text = block.cast(pa.large_string()) if _is_text_view(block.type) else block
        plain = bools(pc.match_substring_regex(text, _PLAIN))
        again |= valid & ~empty & ~plain
        floats = with_validity(block, ~(empty | again)).cast(pa.float64())
    return floats, empty, again


def _valid(array: pa.Array) -> npt.NDArray[np.bool_]:
    """Where *array* is not null, from its validity bitmap."""
    count = array.offset + len(array)
    if not array.null_count:
        return np.ones(len(array), dtype=bool)
    bits = np.frombuffer(array.buffers()[0], dtype=np.uint8)
    return np.unpackbits(bits, count=count, bitorder="little")[array.offset :].view(bool)


def with_validity(array: pa.Array, valid: npt.NDArray[np.bool_]) -> pa.Array:
    """*array*'s own buffers, with *valid* as its validity: no copy of the values."""
    if valid.all():
        return array
    bits = np.zeros(array.offset + len(array), dtype=bool)
    bits[array.offset :] = valid
    buffers = [pa.py_buffer(np.packbits(bits, bitorder="little")), *array.buffers()[1:]]
    return pa.Array.from_buffers(array.type, len(array), buffers, offset=array.offset)


def _text_lengths(array: pa.Array) -> npt.NDArray[np.int64]:
    """The length in bytes of each cell of a text array, from its offsets or views."""
    if _is_text_view(array.type):
        views = np.frombuffer(array.buffers()[1], dtype=np.int32).reshape(-1, 4)
        return views[array.offset : array.offset + len(array), 0].astype(np.int64)
    kind = np.int64 if pa.types.is_large_string(array.type) else np.int32
    offsets = np.frombuffer(array.buffers()[1], dtype=kind)[array.offset :]
    return np.diff(offsets[: len(array) + 1]).astype(np.int64)


def _is_text_view(kind: pa.DataType) -> bool:
    return bool(_VIEWS and pa.types.is_string_view(kind))


def _concatenated(positions: Sequence[Positions]) -> Positions:
    found = [p for p in positions if len(p)]
    return np.concatenate(found) if found else _NONE


def _read_dictionary(name: str, column: pa.ChunkedArray) -> ExactScores:
    """A dictionary-encoded column: its distinct values read once, then spread to the rows."""
    column = column.unify_dictionaries() if column.num_chunks > 1 else column
    dictionary = column.chunk(0).dictionary if column.num_chunks else pa.array([], pa.string())
    indices = pa.chunked_array(
        [chunk.indices for chunk in column.chunks], type=column.type.index_type
    )
    codes = indices.fill_null(len(dictionary)).to_numpy().astype(np.intp)
    distinct = read_scores(
        Frame.of(nw.from_native(pa.table({name: dictionary}), eager_only=True)), name
    )
    if isinstance(distinct, FloatScores):
        scratch = Scratch(len(dictionary))
        units = np.zeros(len(dictionary), dtype=np.int32)
        problems = Problems()
        with np.errstate(invalid="ignore"):  # NaN is cast before it is set apart
            nulls, finer = distinct.read_units(0, len(dictionary), units, scratch, problems)
        bad = np.array(sorted(problems.rows), dtype=np.intp)
        messages = [problems.rows[int(b)][0].message for b in bad]
        distinct = ExactScores(name, units, nulls, finer, bad, messages)
    # One slot more, for the null code: a null cell is no data.
    kinds = np.zeros(len(dictionary) + 1, dtype=np.int8)
    kinds[distinct.nulls], kinds[distinct.finer], kinds[distinct.bad] = 1, 2, 3
    kinds[-1] = 1
    row_kinds = kinds[codes]
    units = np.append(distinct.units, 0).astype(np.int32)[codes]
    bad = np.flatnonzero(row_kinds == 3)  # noqa: PLR2004 - kind 3: a bad cell
    message = dict(zip(distinct.bad.tolist(), distinct.messages, strict=True))
    return ExactScores(
        name,
        units,
        np.flatnonzero(row_kinds == 1),
        np.flatnonzero(row_kinds == 2),  # noqa: PLR2004 - kind 2: a null cell
        bad,
        [message[int(code)] for code in codes[bad]],
    )


def _read_cells(
    name: str, cells: Sequence[Any] | npt.NDArray[Any], empty: npt.NDArray[np.bool_] | None = None
) -> ExactScores:
    """Cells one by one: each is read as ``assess`` reads it.

    Text of nothing but spaces is blank, as in a shop file: no data.
    """
    rows = len(cells)
    units = np.zeros(rows, dtype=np.int32)
    nulls, finer, bad, messages = [], [], [], []
    for position in range(rows):
        if (empty is not None and empty[position]) or blank(cells[position]):
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


# -- orders and opening dates -------------------------------------------------


@attrs.frozen
class Facts:
    """A column of facts of every row: where a cell holds a value, and the values."""

    present: npt.NDArray[np.bool_]
    values: npt.NDArray[Any]
    """Counts as ``int64`` (held within ±2⁶²), or days as ``datetime64[D]``; 0 where absent."""


@attrs.frozen
class _Fact:
    """How a kind of fact is read: cell by cell, and a column of plain text at once."""

    read: Callable[[object], Any]
    """The cell rule of :mod:`~tmall_service._frames.cells`: a value, ``None`` or an error."""
    plain: str
    """Text that Arrow's cast to *arrow* reads exactly as *read* does, or refuses."""
    arrow: pa.DataType
    dtype: np.dtype[Any]
    store: Callable[[Any], Any]
    """A value of *read* as an item of *dtype*."""


_COUNT_BOUND: Final = 1 << 62
"""Counts beyond ±2⁶² are held at it: a count is only compared with 0 and a minimum."""
_DAY_UNITS: Final = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400 * 10**9}
PLAIN_COUNT: Final = r"^-?[0-9]{1,18}$"  # 18 digits fit an int64
"""A count as text that Arrow's cast reads exactly as the cell rule does."""
PLAIN_DAY: Final = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
"""A day as text that Arrow's cast reads exactly as the cell rule does, or refuses."""
_COUNTS: Final = _Fact(
    orders_cell,
    PLAIN_COUNT,
    pa.int64(),
    np.dtype(np.int64),
    lambda count: max(-_COUNT_BOUND, min(count, _COUNT_BOUND)),
)
_DAYS: Final = _Fact(
    opened_cell,
    PLAIN_DAY,
    pa.date32(),
    np.dtype("datetime64[D]"),
    lambda day: np.datetime64(day, "D"),
)


def read_counts(frame: Frame, name: str, problems: Problems) -> Facts:
    """A column of counts (``orders``), each cell read as ``orders_cell`` reads it.

    Integers are taken as they are, whole floats as counts (pandas holds
    whole numbers with gaps as floats), and text is cast by Arrow where it
    is plain digits; every other cell is read one distinct value at a time.
    A cell that holds no count is reported in *problems*. NaN is a bad cell
    where the frame library tells it from null, as in a score column.
    """
    native = frame.native[name]
    if frame.library == "pandas" and native.dtype == np.float64:
        values = native.to_numpy()
        return _float_counts(name, values, ~np.isnan(values), problems)
    column = arrow_column(frame, name)
    if column is None:  # Python objects of several kinds
        return _cell_facts(_COUNTS, name, frame.df[name].to_numpy(), problems)
    column = _undictionaried(column)
    kind = column.type
    present = ~_null_mask(column)
    if pa.types.is_integer(kind) or pa.types.is_null(kind):
        if pa.types.is_uint64(kind):  # beyond an int64: held at the bound
            column = pc.min_element_wise(column, pa.scalar(_COUNT_BOUND, pa.uint64()))
        return Facts(present, column.cast(pa.int64()).fill_null(0).to_numpy())
    if pa.types.is_floating(kind):
        values = column.cast(pa.float64()).fill_null(0).to_numpy()
        return _float_counts(name, values, present, problems)
    if _is_text(kind):
        return _text_facts(_COUNTS, name, column, problems)
    return _cell_facts(_COUNTS, name, column.to_pylist(), problems)


def _float_counts(
    name: str, values: npt.NDArray[np.float64], present: npt.NDArray[np.bool_], problems: Problems
) -> Facts:
    """Floats as counts: a whole one is one, any other a bad cell."""
    whole = np.isfinite(values) & (values == np.floor(values))
    bad = np.flatnonzero(present & ~whole)
    if len(bad):
        messages = [problem_of(not_whole(value), name).message for value in values[bad].tolist()]
        problems.add(bad, name, messages)
    counts = np.where(present & whole, values, 0)
    np.clip(counts, -_COUNT_BOUND, _COUNT_BOUND, out=counts)
    return Facts(present & whole, counts.astype(np.int64))


def read_days(frame: Frame, name: str, problems: Problems) -> Facts:
    """A column of days (``opened``), each cell read as ``opened_cell`` reads it.

    Dates are taken as they are, timestamps without a time zone as their
    day, and text is cast by Arrow where it is a plain ``YYYY-MM-DD``; every
    other cell (text with spaces, ``20240101``, timestamps with a time zone)
    is read one distinct value at a time. A cell that holds no date is
    reported in *problems*.
    """
    column = arrow_column(frame, name)
    if column is None:  # Python objects of several kinds
        return _cell_facts(_DAYS, name, frame.df[name].to_numpy(), problems)
    column = _undictionaried(column)
    kind = column.type
    present = ~_null_mask(column)
    if pa.types.is_date(kind) or pa.types.is_null(kind):
        days = column.cast(pa.date32()).cast(pa.int32()).fill_null(0).to_numpy()
        return Facts(present, days.astype("datetime64[D]"))
    if pa.types.is_timestamp(kind) and kind.tz is None:
        units = column.cast(pa.int64()).fill_null(0).to_numpy()
        return Facts(present, (units // _DAY_UNITS[kind.unit]).astype("datetime64[D]"))
    if _is_text(kind):
        return _text_facts(_DAYS, name, column, problems)
    return _cell_facts(_DAYS, name, column.to_pylist(), problems)


def _undictionaried(column: pa.ChunkedArray) -> pa.ChunkedArray:
    """A dictionary-encoded column as its values (a polars categorical: its names)."""
    if not pa.types.is_dictionary(column.type):
        return column
    if not _is_text_view(column.type.value_type):
        return column.cast(column.type.value_type)
    # Arrow takes no string views: the values as plain text first.
    chunks = [
        pa.DictionaryArray.from_arrays(chunk.indices, chunk.dictionary.cast(pa.large_string()))
        for chunk in column.chunks
    ]
    return pa.chunked_array(chunks, pa.dictionary(column.type.index_type, pa.large_string())).cast(
        pa.large_string()
    )


def _null_mask(column: pa.ChunkedArray) -> npt.NDArray[np.bool_]:
    if pa.types.is_null(column.type):  # no validity bitmap: every cell is null
        return np.ones(len(column), dtype=bool)
    mask = np.zeros(len(column), dtype=bool)
    mask[_null_positions(column)] = True
    return mask


def _text_facts(fact: _Fact, name: str, column: pa.ChunkedArray, problems: Problems) -> Facts:
    """A text column: plain cells cast by Arrow at once, the others read by distinct value."""
    text = column.combine_chunks() if column.num_chunks else pa.array([], pa.large_string())
    if _is_text_view(text.type):  # Arrow's regex and take have no string views
        text = text.cast(pa.large_string())
    valid = _valid(text)
    plain = bools(pc.match_substring_regex(text, fact.plain)) if len(text) else valid
    values = np.zeros(len(text), dtype=fact.dtype)
    if plain.any():
        try:
            cast_values = with_validity(text, plain).cast(fact.arrow)
        except pa.ArrowInvalid:  # 2024-02-30, say: plain, but no day; each is read alone
            plain[...] = False
        else:
            days = fact.arrow == pa.date32()
            cast_values = cast_values.cast(pa.int32()) if days else cast_values
            values[...] = cast_values.fill_null(0).to_numpy().astype(fact.dtype)
            if days:  # Arrow reads year 0, which Python's dates do not hold
                plain &= values >= np.datetime64(dt.date.min, "D")
    present = plain.copy()
    rest = np.flatnonzero(valid & ~plain)
    if len(rest):  # text with spaces, full-width digits, "+12", "4.5", "N/A"...: few kinds
        encoded = pc.dictionary_encode(text.take(pa.array(rest)))
        codes = encoded.indices.to_numpy()
        found, read, bad = _read_each(fact, name, encoded.dictionary.to_pylist())
        hit = found[codes]
        present[rest[hit]] = True
        values[rest[hit]] = read[codes[hit]]
        if bad:
            wrong = np.isin(codes, list(bad))
            _report(problems, name, rest[wrong], [bad[code] for code in codes[wrong].tolist()])
    return Facts(present, values)


def _cell_facts(
    fact: _Fact, name: str, cells: Sequence[Any] | npt.NDArray[Any], problems: Problems
) -> Facts:
    """Cells one by one: each is read by the fact's cell rule."""
    present, values, bad = _read_each(fact, name, cells)
    _report(problems, name, np.fromiter(bad, dtype=np.intp, count=len(bad)), list(bad.values()))
    return Facts(present, values)


def _read_each(
    fact: _Fact, name: str, cells: Sequence[Any] | npt.NDArray[Any]
) -> tuple[npt.NDArray[np.bool_], npt.NDArray[Any], dict[int, CellProblem]]:
    """Each of *cells* read: where one holds a value, the values, and the bad ones by index."""
    present = np.zeros(len(cells), dtype=bool)
    values = np.zeros(len(cells), dtype=fact.dtype)
    bad: dict[int, CellProblem] = {}
    for index, cell in enumerate(cells):
        try:
            value = fact.read(cell)
        except TmallServiceError as error:
            bad[index] = problem_of(error, name)
            continue
        if value is not None:
            present[index] = True
            values[index] = fact.store(value)
    return present, values, bad


def _report(problems: Problems, name: str, at: Positions, found: Sequence[CellProblem]) -> None:
    """The bad cells *found* at the positions *at*, each with its own message and error."""
    for error in {problem.error for problem in found}:
        chosen = [index for index, problem in enumerate(found) if problem.error is error]
        problems.add(at[chosen], name, [found[index].message for index in chosen], error)


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
    if frame.library == "pandas" and native.dtype == object:
        import pandas as pd

        positions, distinct = pd.factorize(native)
        values = [*distinct.tolist(), None]
        positions[positions < 0] = len(values) - 1
        return positions, values
    column = arrow_column(frame, name)
    if column is None:
        column = pa.chunked_array([pa.array(native.to_list())])
    if pa.types.is_dictionary(column.type):
        column = column.unify_dictionaries()
        dictionary = column.chunk(0).dictionary
        indices = pa.chunked_array([chunk.indices for chunk in column.chunks])
        return _decoded(dictionary, indices)
    # One dictionary for every chunk. Nulls stay nulls among the codes:
    # pyarrow 26 encodes a null string view as "".
    try:
        encoded = pc.dictionary_encode(column)
    except pa.ArrowNotImplementedError:  # an older pyarrow without string views
        encoded = pc.dictionary_encode(column.cast(pa.large_string()))
    indices = pa.chunked_array(
        [chunk.indices for chunk in encoded.chunks], type=encoded.type.index_type
    )
    dictionary = encoded.chunk(0).dictionary if encoded.num_chunks else pa.array([])
    return _decoded(dictionary, indices)


def _decoded(
    dictionary: pa.Array, indices: pa.ChunkedArray
) -> tuple[npt.NDArray[np.integer[Any]], list[Any]]:
    """The codes of *indices* (a null one given its own value ``None``), and the values."""
    values = dictionary.to_pylist()
    if indices.null_count:
        values.append(None)
        indices = indices.fill_null(len(values) - 1)
    codes = indices.to_numpy() if indices.num_chunks else np.zeros(0, dtype=np.int32)
    return codes, values


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
        self,
        rows: int,
        statuses: Sequence[str],
        bands: Sequence[Sequence[Decimal]],
        *,
        views: bool,
    ) -> None:
        """Room for *rows* rows; *bands* are each edition's star bands, lowest first.

        With *views*, the status column is made of string views, as polars
        holds text; else of status codes, decoded to plain strings at the end
        (pandas' ``string[pyarrow]``; a view is 16 bytes, a code one). The
        star levels of every edition are written to the most places any
        edition's bands have.
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
        self._scores = _decimals(np.arange(9901, dtype=np.int64))
        every = [band for edition in bands for band in edition]
        self.scale = max((max(-int(band.as_tuple().exponent), 0) for band in every), default=0)
        self._stars: list[npt.NDArray[np.void]] = []
        self._star_rated: list[npt.NDArray[np.bool_]] = []
        top = _TOP * 100
        for edition in bands:
            star_units = np.zeros(top + 2, dtype=np.int64)
            rated = np.zeros(top + 2, dtype=bool)
            for band in edition:
                reached = slice(math.ceil(band * 100), top + 1)
                star_units[reached] = int(band.scaleb(self.scale))
                rated[reached] = True
            self._stars.append(_decimals(star_units))
            self._star_rated.append(rated)

    def receive(
        self,
        where: slice | Positions,
        cents: npt.NDArray[np.int64],
        status: npt.NDArray[np.int8],
        edition: int = 0,
    ) -> None:
        """The rows *where*: their scores in cents (9900 when not assessed) and statuses.

        Their star levels are by the bands of the *edition*-th edition.
        """
        for column, table, key in (
            (self.score, self._scores, cents),
            (self.stars, self._stars[edition], cents),
            (self.rated, self._star_rated[edition], cents),
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


def attach(frame: Frame, columns: Mapping[str, pa.Array]) -> Any:
    """*frame*'s own native frame with *columns* added at the end."""
    native = frame.native
    if frame.library == "pyarrow":
        for name, array in columns.items():
            native = native.append_column(name, array)
        return native
    if frame.library == "polars":
        import polars as pl

        # Decimals and string views come into polars as they are, without a copy.
        added = [cast("pl.Series", pl.from_arrow(a)).alias(n) for n, a in columns.items()]
        return native.hstack(added)  # eager: no query plan for three columns
    import pandas as pd

    series = {}
    for name, array in columns.items():
        series[name] = pd.Series(pd.arrays.ArrowExtensionArray(array), index=native.index)
    return native.assign(**series)


def bools(array: pa.Array) -> npt.NDArray[np.bool_]:
    """A boolean Arrow array as numpy booleans: true where it is true (null is false)."""
    count = array.offset + len(array)
    bits = np.frombuffer(array.buffers()[1], dtype=np.uint8)
    found = np.unpackbits(bits, count=count, bitorder="little")[array.offset :].view(bool)
    return found & _valid(array) if array.null_count else found
