"""A shop file read by Arrow a batch of rows at a time, and assessed by the frame path.

The command line reads a CSV (in any encoding Python knows), Parquet or
Excel .xlsx file in batches, assesses each with :func:`~tmall_service.assess_frame`, and
writes the results as they come: time and memory grow with the rows of a
batch, not of the file. The cells are read by the rules of
:mod:`tmall_service._frames.cells`, as the row-by-row reader reads them:

- the CSV's cells come in as text, exactly as written, so that scores are
  read exactly; so do a workbook's, as :func:`~tmall_service._frames.shopfile.excel_sheet`
  reads them for both readers;
- a row that the frame path flags, or that holds anything beyond its plain
  reading (bonuses, an ``orders`` or ``opened`` cell that is not plain
  digits or an ISO date, a blank shop), is read again on its own by the
  row-by-row rules, which give its record or the reasons it is refused.

A CSV that is not plain for Arrow's reader (a row of the wrong length, a
NUL character, a cell longer than the csv module allows, bytes that are not
text in the encoding, a header Arrow reads otherwise) raises
:class:`NeedsRowReader`: the command line then reads the whole file row by
row, which names the row and what is wrong.

numpy, pyarrow and narwhals come in with this module: the command line
imports it only when they are installed.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import itertools
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from decimal import ROUND_CEILING, Decimal
from pathlib import Path
from typing import Any, Final, cast

import attrs
import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from tmall_service._files.opening import open_shops
from tmall_service._rules.assessment import Status
from tmall_service._rules.book import Purpose, RuleBook
from tmall_service._values.errors import TmallServiceError
from tmall_service._values.periods import AssessmentPeriod

from .assessing import assess_frame
from .cells import BadRowError, CellProblem, category_cell, problem_of, region_cell
from .columns import PLAIN_COUNT, PLAIN_DAY, bools, with_validity
from .records import record
from .shopfile import Kind, excel_sheet, shop_row

__all__ = ["Batch", "NeedsRowReader", "Outcome", "assess_batch", "batches", "release", "stripped"]

_BLOCK_BYTES: Final = 1 << 22
"""Bytes of CSV parsed at a time: some 80,000 rows of a typical shop file."""
_BATCH_ROWS: Final = 1 << 17
"""Rows of a Parquet file or a sheet read at a time."""
_ROWS_A_RUN: Final = 40
"""Shops between blank rows of a sheet, on average, below which the sheet is read row by
row: each run of shops is a batch of its own, and a batch costs as much as some 40 rows."""
_UTF8: Final = ("utf-8", "utf-8-sig")
_SCORED: Final = Status.SCORED.value


class NeedsRowReader(Exception):  # noqa: N818 - a signal to the command line, not an error
    """The file is not plain enough for Arrow's CSV reader: read it row by row."""


@attrs.frozen
class Batch:
    """Rows of a shop file: the number of the first, and the cells as Arrow has them."""

    first: int
    table: pa.Table


def batches(  # noqa: PLR0913 - the file, and how to read it
    path: Path,
    columns: Sequence[str],
    *,
    kind: Kind,
    encoding: str,
    max_bytes: int | None,
    sheet: str | None = None,
    progress: Any = None,
) -> Iterator[Batch]:
    """The rows of the shop file at *path* (whose checked *columns* are known), batch by batch.

    *kind* says what the file is; of a workbook, the first sheet is read, or
    the one named *sheet*. *progress*, if given, is called after each batch
    with how far the file has been read: bytes of a CSV, rows of a Parquet
    file or a sheet.
    """
    with open_shops(path, max_bytes) as stream:
        if kind == "parquet":
            yield from _ahead(_parquet_batches(stream, progress))
        elif kind == "excel":
            found = excel_sheet(stream, str(path), sheet=sheet, max_bytes=max_bytes)
            yield from _sheet_batches(found.table, found.numbers, progress)
        else:
            yield from _ahead(_csv_batches(stream, columns, encoding, progress))


_END: Final = object()


def release() -> None:
    """Give the memory Arrow holds but no longer uses back to the system.

    Arrow's allocator keeps freed memory for later; between batches of a
    large file that is most of the peak.
    """
    pa.default_memory_pool().release_unused()


def _ahead(items: Iterator[Batch]) -> Iterator[Batch]:
    """*items*, the next one read on another thread while this one is assessed.

    Arrow parses a batch without holding the interpreter, so on two cores
    the reading and the assessing go on at once; one batch waits, at most.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tmall-service-read") as pool:
        pending = pool.submit(next, items, _END)
        while (item := pending.result()) is not _END:
            pending = pool.submit(next, items, _END)
            yield cast("Batch", item)


def _parquet_batches(stream: Any, progress: Any) -> Iterator[Batch]:
    import pyarrow.parquet as pq

    first = 1
    for batch in pq.ParquetFile(stream).iter_batches(batch_size=_BATCH_ROWS):
        yield Batch(first, pa.Table.from_batches([batch]))
        first += batch.num_rows
        if progress is not None:
            progress(first - 1)


def _sheet_batches(
    table: pa.Table,
    numbers: Sequence[int],
    progress: Any,
) -> Iterator[Batch]:
    """A sheet's shops, a run of rows without a blank one between them at a time.

    The rows of a batch are numbered from its first: a blank row between
    shops ends one. A sheet of many short runs is read row by row.
    """
    rows = np.asarray(numbers, dtype=np.int64)
    starts = np.flatnonzero(np.diff(rows) != 1) + 1  # where a blank row ends a run
    if len(starts) * _ROWS_A_RUN > len(rows):
        raise NeedsRowReader
    for begin, end in itertools.pairwise([0, *starts.tolist(), len(rows)]):
        for start in range(begin, end, _BATCH_ROWS):
            size = min(_BATCH_ROWS, end - start)
            yield Batch(int(rows[start]), table.slice(start, size))
            if progress is not None:
                progress(start + size)


def _csv_batches(
    stream: Any,
    columns: Sequence[str],
    encoding: str,
    progress: Any,
) -> Iterator[Batch]:
    name = codecs.lookup(encoding).name
    reader_options = pacsv.ReadOptions(
        block_size=_BLOCK_BYTES, encoding="utf8" if name in _UTF8 else encoding
    )
    parse_options = pacsv.ParseOptions(newlines_in_values=True, invalid_row_handler=_refuse)
    convert_options = pacsv.ConvertOptions(
        column_types=dict.fromkeys(columns, pa.string()),
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    limit = csv.field_size_limit()
    try:
        reader = pacsv.open_csv(stream, reader_options, parse_options, convert_options)
        if reader.schema.names != list(columns):
            raise NeedsRowReader
        first = 2  # the header is row 1
        done = 0  # bytes of the file behind the rows assessed, about
        for batch in reader:
            for column in batch.columns:
                longest = pc.max(pc.binary_length(column)).as_py() or 0
                if longest > limit or pc.any(pc.match_substring(column, "\0")).as_py():
                    raise NeedsRowReader
            yield Batch(first, pa.Table.from_batches([batch]))
            first += batch.num_rows
            if progress is not None:
                # Arrow reads ahead of the rows it has parsed, so the file's
                # position runs ahead: the batch's own text counts instead (its
                # bytes less a 4-byte offset per cell), with a comma or a line
                # end after each cell.
                done += batch.nbytes - 3 * batch.num_rows * batch.num_columns
                progress(done)
    except (pa.ArrowException, UnicodeError, ValueError) as error:
        raise NeedsRowReader from error


def _refuse(row: Any) -> str:  # noqa: ARG001 - pyarrow's InvalidRow
    """A row of the wrong length: the row-by-row reader says which and why."""
    return "error"


@attrs.frozen
class Outcome:
    """A batch assessed: its results, as text, and the rows refused."""

    results: pa.Table
    """One row per assessed shop, in the results' columns, all text."""
    rejects: list[tuple[int, str, Mapping[str, Any]]]
    """``(row number, reason, cells)`` of each refused row."""
    problems: list[Sequence[CellProblem]]
    """The bad cells of each refused row, for the summary."""


def assess_batch(
    batch: Batch,
    *,
    rules: RuleBook,
    period: AssessmentPeriod,
    judged: Sequence[Purpose],
    columns: Sequence[str],
) -> Outcome:
    """Assess *batch*: by the frame path, and row by row where a row needs it."""
    table = batch.table
    rows = table.num_rows
    careful = np.zeros(rows, dtype=bool)
    shop = _shops(table.column("shop").combine_chunks(), careful)
    frame: dict[str, Any] = {}
    for name in table.column_names:
        column = table.column(name).combine_chunks()
        if name == "orders":
            frame[name] = _typed(column, pa.int64(), PLAIN_COUNT, careful, pa.types.is_integer)
        elif name == "opened":
            frame[name] = _typed(column, pa.date32(), PLAIN_DAY, careful, _is_day)
        elif name == "bonuses":
            careful |= ~_blank(column)  # the scalar path adds bonuses and caps the score
        elif name != "shop":
            frame[name] = column
    assessed = assess_frame(pa.table(frame), rules=rules, period=period, errors="flag")
    careful |= bools(assessed.column("error").combine_chunks().is_valid())

    results = _results(assessed, rules, period, judged)
    outcome = Outcome(pa.table({}), [], [])
    keep = np.ones(rows, dtype=bool)
    if careful.any():
        shop = _read_again(
            batch, np.flatnonzero(careful), shop, results, keep, outcome, rules, period, judged
        )
    arrays = {"shop": shop} | {name: coded.array() for name, coded in results.items()}
    kept = pa.table({name: arrays[name] for name in columns})
    return attrs.evolve(outcome, results=kept if keep.all() else kept.filter(pa.array(keep)))


def _read_again(  # noqa: PLR0913, PLR0917 - the rows, and what their results go into
    batch: Batch,
    at: npt.NDArray[np.intp],
    shop: pa.Array,
    results: Mapping[str, _Coded],
    keep: npt.NDArray[np.bool_],
    outcome: Outcome,
    rules: RuleBook,
    period: AssessmentPeriod,
    judged: Sequence[Purpose],
) -> pa.Array:
    """The rows *at*, read and assessed one by one as the row reader does.

    Each row's results go into *results*; a refused row goes to the
    *outcome*'s rejects and leaves *keep*. Returns the shop column with the
    assessed rows' names.
    """
    shops: list[str | None] = []
    for position, cells in zip(at.tolist(), batch.table.take(at).to_pylist(), strict=True):
        try:
            row = shop_row(cells, rules)
            result = row.assess(period=period, rules=rules)
        except TmallServiceError as error:
            problems = error.problems if isinstance(error, BadRowError) else (problem_of(error),)
            reason = str(error) if isinstance(error, BadRowError) else str(problems[0])
            outcome.rejects.append((batch.first + position, reason, cells))
            outcome.problems.append(problems)
            keep[position] = False
            continue
        values = record(row.shop, result, rules, judged)
        shops.append(values.pop("shop"))
        for name, value in values.items():
            results[name].set(position, value)
    accepted = at[keep[at]]
    if not len(accepted):
        return shop
    mask = np.zeros(len(keep), dtype=bool)
    mask[accepted] = True
    return pc.replace_with_mask(shop, pa.array(mask), pa.array(shops, shop.type))


class _Coded:
    """A column of few distinct texts: a code per row into its values (-1: none).

    The results come out as Arrow dictionary arrays, which are written
    without looking at each row's text again.
    """

    def __init__(self, codes: npt.NDArray[np.integer[Any]], values: Sequence[str | None]) -> None:
        """Rows whose codes point into *values*; a ``None`` among them is no value."""
        self.values = [v for v in values if v is not None]
        place = {v: i for i, v in enumerate(self.values)}
        # One more entry, -1, which a code of -1 reads (the last): no value stays no value.
        remap = np.array([-1 if v is None else place[v] for v in values] + [-1], dtype=np.int32)
        self.codes = remap[codes]
        self._place = place

    def set(self, row: int, value: str | None) -> None:
        """Set *row* to *value*."""
        if value is None:
            self.codes[row] = -1
            return
        if value not in self._place:
            self._place[value] = len(self.values)
            self.values.append(value)
        self.codes[row] = self._place[value]

    def array(self) -> pa.DictionaryArray:
        """The column as an Arrow dictionary array of text."""
        return pa.DictionaryArray.from_arrays(
            pa.array(self.codes, mask=self.codes < 0), pa.array(self.values, pa.string())
        )


def _blank(column: pa.Array) -> npt.NDArray[np.bool_]:
    """Where a text column is blank (empty, or nothing but spaces); other columns: null."""
    if not _is_text(column.type):
        return ~bools(column.is_valid())
    return ~bools(pc.greater(pc.binary_length(stripped(column)), 0).fill_null(False))


def stripped(column: pa.Array) -> pa.Array:
    """Text with surrounding spaces stripped, as ``str.strip`` strips them.

    Arrow's whitespace is the characters ``str.isspace`` is true of, and no
    character that NFKC makes a space is not one already: so a cell is blank
    here exactly when it is blank to the row reader.
    """
    return pc.utf8_trim_whitespace(column)


def _shops(column: pa.Array, careful: npt.NDArray[np.bool_]) -> pa.Array:
    """The shop names as the results show them (stripped); a blank one makes its row careful."""
    if not _is_text(column.type):  # numbers, say: as the row reader writes them
        careful |= ~bools(column.is_valid())
        return pa.array([None if v is None else str(v).strip() for v in column.to_pylist()])
    names = stripped(column)
    careful |= ~bools(pc.greater(pc.binary_length(names), 0).fill_null(False))
    return names


def _typed(
    column: pa.Array,
    kind: pa.DataType,
    plain: str,
    careful: npt.NDArray[np.bool_],
    ready: Any,
) -> pa.Array:
    """A fact column as *kind*; a cell that is not *plain* text makes its row careful."""
    if ready(column.type):
        return column
    if not _is_text(column.type):  # floats, bools...: the row reader decides each cell
        careful |= bools(column.is_valid())
        return pa.nulls(len(column), kind)
    blank = _blank(column)
    # Only plain text is Arrow's to cast: it also reads what the row reader
    # refuses (0x1f as 31, say), so any other cell is the row reader's.
    simple = bools(pc.match_substring_regex(column, plain).fill_null(False))
    careful |= ~blank & ~simple
    try:
        return _python_days(with_validity(column, ~blank & simple).cast(kind), careful)
    except pa.ArrowInvalid:  # 2024-02-30, say: plain, but no day
        careful |= ~blank
        return pa.nulls(len(column), kind)


def _python_days(typed: pa.Array, careful: npt.NDArray[np.bool_]) -> pa.Array:
    """*typed*, less the days before 0001-01-01, whose rows are careful.

    Arrow reads ``0000-01-01``, which no Python date holds: the row reader
    refuses it.
    """
    if not pa.types.is_date32(typed.type):
        return typed
    early = bools(pc.less(typed, pa.scalar(dt.date.min, pa.date32())).fill_null(False))
    if not early.any():
        return typed
    careful |= early
    return with_validity(typed, bools(typed.is_valid()) & ~early)


def _is_day(kind: pa.DataType) -> bool:
    return bool(pa.types.is_date(kind) or (pa.types.is_timestamp(kind) and kind.tz is None))


def _is_text(kind: pa.DataType) -> bool:
    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind))


def _results(
    assessed: pa.Table,
    rules: RuleBook,
    period: AssessmentPeriod,
    judged: Sequence[Purpose],
) -> dict[str, _Coded]:
    """Every row's results but the shop, as the row reader writes them (careful rows aside)."""
    status = pc.dictionary_encode(assessed.column("status").combine_chunks())
    status_codes = status.indices.fill_null(-1).to_numpy()
    statuses = status.dictionary.to_pylist()
    scored_code = statuses.index(_SCORED) if _SCORED in statuses else -2
    scored = status_codes == scored_code
    cents = _cents(assessed.column("score").combine_chunks())
    category, category_names = _names(assessed.column("category"), rules, category_cell)
    if "region" in assessed.column_names:
        region, region_names = _names(assessed.column("region"), rules, region_cell)
    else:
        region, region_names = np.zeros(assessed.num_rows, dtype=np.intp), [None]
    exempt = status_codes == (
        statuses.index(Status.EXEMPT.value) if Status.EXEMPT.value in statuses else -2
    )
    results = {
        "category": _Coded(category, category_names),
        "region": _Coded(region, region_names),
        "score": _Coded(np.where(scored, cents, _TOP_CENTS + 1), [*_CENT_TEXTS, "99"]),
        "status": _Coded(status_codes, statuses),
        "stars": _stars(cents, scored, rules.star_bands),
        "bonus": _Coded(np.full(assessed.num_rows, -1), []),
        "exemption": _exemptions(
            exempt, category, category_names, region, region_names, rules, period
        ),
    }
    for purpose in judged:
        thresholds = [
            None if name is None else rules.threshold(purpose, name) for name in category_names
        ]
        by_default = purpose in rules.passes_by_default
        results[purpose.value] = _verdicts(cents, scored, category, thresholds, by_default)
    return results


_TOP_CENTS: Final = 500
_CENT_TEXTS: Final = tuple(f"{cents // 100}.{cents % 100:02d}" for cents in range(_TOP_CENTS + 1))
"""A score in cents as the results write it: ``3.30``."""


def _cents(score: pa.Array) -> npt.NDArray[np.int64]:
    """A ``decimal128(4, 2)`` column's values in cents (0 where null)."""
    words = np.frombuffer(score.buffers()[1], dtype=np.int64)
    return words[2 * score.offset : 2 * (score.offset + len(score)) : 2].copy()


def _names(
    column: pa.ChunkedArray,
    rules: RuleBook,
    read: Any,
) -> tuple[npt.NDArray[np.intp], list[str | None]]:
    """Each row's code among the column's distinct values, and the edition's name for each."""
    encoded = pc.dictionary_encode(column.combine_chunks())
    dictionary = encoded.dictionary.to_pylist()
    names: list[str | None] = []
    for value in dictionary:
        try:
            names.append(read(value, rules))
        except TmallServiceError:  # its rows are flagged, and read again
            names.append(None)
    names.append(None)  # a null cell
    codes = encoded.indices.fill_null(len(dictionary)).to_numpy().astype(np.intp)
    return codes, names


def _stars(
    cents: npt.NDArray[np.int64], scored: npt.NDArray[np.bool_], bands: Sequence[Decimal]
) -> _Coded:
    """The star level of each scored row, written as the edition writes its band."""
    order = sorted(bands)
    lows = np.array([_cents_at_least(band) for band in order], dtype=np.int64)
    place = np.searchsorted(lows, cents, side="right") - 1
    return _Coded(np.where(scored & (place >= 0), place, len(order)), [str(b) for b in order])


def _cents_at_least(value: Decimal) -> int:
    """The fewest cents that reach *value*: a score of two places reaches it from there."""
    return int((value * 100).to_integral_value(rounding=ROUND_CEILING))


def _exemptions(  # noqa: PLR0913, PLR0917 - the rows' category and region, and the rules
    exempt: npt.NDArray[np.bool_],
    category: npt.NDArray[np.intp],
    category_names: Sequence[str | None],
    region: npt.NDArray[np.intp],
    region_names: Sequence[str | None],
    rules: RuleBook,
    period: AssessmentPeriod,
) -> _Coded:
    """The reason of the exemption that covers each exempt row, found once per pair."""
    rows = np.flatnonzero(exempt)
    reasons: list[str | None] = []
    codes = np.full(len(category), -1, dtype=np.intp)
    if len(rows):
        pairs = category[rows] * len(region_names) + region[rows]
        distinct, where = np.unique(pairs, return_inverse=True)
        for pair in distinct.tolist():
            name = category_names[pair // len(region_names)]
            covered = name and rules.exemption_for_known(
                name, region_names[pair % len(region_names)], period
            )
            reasons.append(covered.reason if covered else None)
        codes[rows] = where.ravel()
    return _Coded(codes, reasons)


def _verdicts(
    cents: npt.NDArray[np.int64],
    scored: npt.NDArray[np.bool_],
    category: npt.NDArray[np.intp],
    thresholds: Sequence[Decimal | None],
    by_default: bool,  # noqa: FBT001 - whether a shop not assessed passes
) -> _Coded:
    """Pass or fail of each row against its category's standard; none where there is none."""
    needed = np.array([-1 if t is None else _cents_at_least(t) for t in thresholds] + [-1])
    row_needed = needed[category]
    met = np.where(scored, cents >= row_needed, by_default)
    verdict = np.where(row_needed < 0, 2, np.where(met, 0, 1))
    return _Coded(verdict, ["pass", "fail", None])
