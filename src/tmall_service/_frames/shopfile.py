"""Reading shops from files: CSV (UTF-8, with or without BOM, or GBK), Parquet or Excel .xlsx."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import os
import re
import zipfile
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Final, Literal, TypeVar, cast

import attrs

from tmall_service._files.opening import open_shops
from tmall_service._rules.assessment import Assessment, assess, bonus_points
from tmall_service._rules.book import RuleBook
from tmall_service._values.errors import RuleBookError, TmallServiceError, shown
from tmall_service._values.names import name as read_name
from tmall_service._values.periods import AssessmentPeriod
from tmall_service._values.schemes import AnyScores, Scheme
from tmall_service._values.text import noun_for

from .cells import (
    BadRowError,
    CellProblem,
    blank,
    category_cell,
    opened_cell,
    orders_cell,
    problem_of,
    region_cell,
    score_cell,
)

__all__ = [
    "REQUIRED_COLUMNS",
    "BadRowError",
    "Kind",
    "Sheet",
    "ShopRow",
    "bonus_names",
    "excel_sheet",
    "read_columns",
    "read_rows",
    "shop_row",
]

T = TypeVar("T")

REQUIRED_COLUMNS: Final = ("shop", "category")
FACTS: Final = ("region", "orders", "opened", "bonuses")
PERIODS: Final = ("period", "period_start", "period_end")
"""The columns of a history's period: ``period``, or ``period_start`` and ``period_end``."""
_PARQUET_MAGIC: Final = b"PAR1"
_ZIP_MAGIC: Final = b"PK\x03\x04"
_WORKBOOK: Final = "xl/workbook.xml"
"""The part of a ZIP archive that makes it an Excel workbook (.xlsx, or .xlsm)."""
_ROWS_AT_A_TIME: Final = 10_000
"""Rows of a sheet made Python values at a time, by the row-by-row reader."""
_EXCEL_ERRORS: Final = {
    "Div0": "#DIV/0!",
    "NA": "#N/A",
    "Name": "#NAME?",
    "Null": "#NULL!",
    "Num": "#NUM!",
    "Ref": "#REF!",
    "Value": "#VALUE!",
    "GettingData": "#GETTING_DATA",
}
"""A formula's error, as the reader names it, and as the spreadsheet shows it."""
_DATE_TIME: Final = r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[ T][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?$"
"""A date cell of a sheet, as the reader gives it as text; its day is the first group."""

Kind = Literal["csv", "parquet", "excel"]
"""What a shop file is, as its first bytes tell: Parquet, an Excel workbook, or else CSV."""


@attrs.frozen
class ShopRow:
    """One shop's row of the input: who it is and what to assess."""

    shop: str
    category: str
    region: str | None
    scores: AnyScores
    orders: int | None
    opened: dt.date | None
    bonuses: frozenset[str]

    def assess(self, *, period: AssessmentPeriod, rules: RuleBook) -> Assessment:
        """The shop's assessment in *period* under *rules*."""
        return assess(
            self.scores,
            category=self.category,
            region=self.region,
            period=period,
            rules=rules,
            orders=self.orders,
            opened=self.opened,
            bonuses=self.bonuses,
        )


def bonus_names(value: object) -> frozenset[str]:
    """A ``bonuses`` cell: names separated by ``;``, or a list of names."""
    if blank(value):
        return frozenset()
    listed = value.split(";") if isinstance(value, str) else value
    return frozenset(
        read_name(str(bonus), "bonuses", RuleBookError)
        for bonus in listed  # type: ignore[attr-defined]
        if not blank(str(bonus))
    )


def shop_row(cells: Mapping[str, object], rules: RuleBook) -> ShopRow:
    """A :class:`ShopRow` from one row's cells, read as :mod:`._cells` says.

    Every bad cell of the row is found, not only the first: the row is
    refused with :class:`BadRowError`, which lists them all, each with its column.
    """
    problems: list[CellProblem] = []

    def read(column: str, reader: Callable[[object], T]) -> T | None:
        try:
            return reader(cells.get(column))
        except TmallServiceError as error:
            problems.append(problem_of(error, column))
            return None

    shop = cells.get("shop")
    if blank(shop):
        problems.append(CellProblem("shop", "missing; every row names its shop", RuleBookError))
    category = read("category", lambda value: category_cell(value, rules))
    region = read("region", lambda value: region_cell(value, rules))
    scores = {
        d.value: read(d.value, functools.partial(score_cell, column=d.value))
        for d in rules.scheme.dimensions
    }
    orders = read("orders", orders_cell)
    opened = read("opened", opened_cell)
    bonuses = read("bonuses", lambda value: _bonuses(value, rules))
    if problems:
        raise BadRowError(problems)
    return ShopRow(
        shop=str(shop).strip(),
        category=cast("str", category),  # read without a problem: a name
        region=region,
        scores=rules.scheme.scores(**scores),
        orders=orders,
        opened=opened,
        bonuses=bonuses or frozenset(),
    )


def _bonuses(value: object, rules: RuleBook) -> frozenset[str]:
    earned = bonus_names(value)
    bonus_points(rules, earned)  # refuses a bonus the edition does not have
    return earned


def _check_columns(columns: list[str], scheme: Scheme, source: str, *, history: bool) -> None:
    required = list(REQUIRED_COLUMNS)
    if history:
        required += ["period"] if "period" in columns else ["period_start", "period_end"]
    missing = [name for name in required if name not in columns]
    if missing:
        listed = ", ".join(missing)
        msg = f"{source}: missing {noun_for(len(missing), 'column')} {listed}; found {columns}"
        raise RuleBookError(msg)
    known = (
        *REQUIRED_COLUMNS,
        *FACTS,
        *(d.value for d in scheme.dimensions),
        *(PERIODS if history else ()),
    )
    unknown = [name for name in columns if name not in known]
    if unknown:
        msg = f"{source}: unknown {noun_for(len(unknown), 'column')} {', '.join(unknown)}"
        raise RuleBookError(msg)


Row = tuple[int, Mapping[str, Any], str | None]
"""A row of a shop file: its number, its cells, and what is wrong with it (or ``None``)."""


def read_rows(  # noqa: PLR0913 - the file, and how to read it
    path: Path,
    scheme: Scheme,
    encoding: str = "utf-8-sig",
    *,
    max_bytes: int | None = None,
    name: str | None = None,
    sheet: str | None = None,
    history: bool = False,
) -> Iterator[Row]:
    """Yield ``(row number, cells, problem)`` for each row; *problem* is ``None`` if none.

    CSV and Excel row numbers count the header as row 1, as a spreadsheet
    shows them; Parquet rows count from 1. A Parquet file or an Excel .xlsx
    workbook is recognised by its first bytes, whatever its name; any
    other file is read as CSV in *encoding* (UTF-8 with or without a byte
    order mark by default; ``gbk`` for files exported by many Chinese tools).
    Of a workbook, the first sheet is read, or the one named *sheet*.
    Only a regular file is read, never a named pipe or a device; one larger
    than *max_bytes*, where given, is refused before it is read. Messages
    call the file *name*, by default its path. A *history* has a period
    per row too: a ``period`` column, or ``period_start`` and ``period_end``.
    """
    source = name or str(path)
    rows = _read(path, scheme, encoding, max_bytes, source, sheet, keep=False, history=history)
    next(rows)  # the columns
    for row in rows:
        yield cast("Row", row)


def read_columns(  # noqa: PLR0913 - as read_rows
    path: Path,
    scheme: Scheme,
    encoding: str = "utf-8-sig",
    *,
    max_bytes: int | None = None,
    name: str | None = None,
    sheet: str | None = None,
    history: bool = False,
) -> tuple[list[str], Kind]:
    """A shop file's columns, checked as :func:`read_rows` checks them, and what the file is.

    A workbook's sheet, once read, is kept for the reader of its rows that follows.
    """
    source = name or str(path)
    rows = _read(path, scheme, encoding, max_bytes, source, sheet, keep=True, history=history)
    try:
        return cast("tuple[list[str], Kind]", next(rows))
    finally:
        rows.close()


def _read(  # noqa: PLR0913, PLR0917 - the file, how to read it, and whether to keep a sheet
    path: Path,
    scheme: Scheme,
    encoding: str,
    max_bytes: int | None,
    source: str,
    sheet: str | None,
    *,
    keep: bool,
    history: bool,
) -> Generator[Row | tuple[list[str], Kind], None, None]:
    """The file's columns (and what it is), then its rows."""
    with open_shops(path, max_bytes) as stream:
        kind = _kind(stream, source)
        if sheet is not None and kind != "excel":
            msg = f"{source}: not an Excel workbook, so it has no sheet {sheet!r}"
            raise RuleBookError(msg)
        if kind == "parquet":
            yield from _parquet_rows(stream, source, scheme, history=history)
        elif kind == "excel":
            yield from _excel_rows(
                stream, source, scheme, sheet, max_bytes, keep=keep, history=history
            )
        else:
            yield from _csv_rows(stream, source, scheme, encoding, history=history)


def _kind(stream: BinaryIO, source: str) -> Kind:
    """What the open shop file is, by its first bytes: a ZIP archive is taken for a workbook."""
    try:
        magic = stream.read(4)
        stream.seek(0)
    except OSError as error:
        msg = f"{source}: cannot be read: {error.strerror or error}"
        raise RuleBookError(msg) from None
    if magic == _PARQUET_MAGIC:
        return "parquet"
    return "excel" if magic == _ZIP_MAGIC else "csv"


class _Lines:
    """A text stream's lines, keeping those of the CSV record being read.

    The csv module says that a cell is too long, but not which: the lines of
    the record tell. It keeps a NUL character as text, which no shop file
    holds: a file that has one is UTF-16, or not text at all.
    """

    def __init__(self, stream: io.TextIOWrapper) -> None:
        self._stream = stream
        self.record: list[str] = []
        self.nul = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self._stream)
        self.record.append(line)
        if "\0" in line:
            self.nul = True
        return line

    def next_record(self) -> None:
        self.record.clear()
        self.nul = False


def _overlong_cell(record: str, limit: int) -> int | None:
    """The index of the first cell of a CSV *record* longer than *limit* characters.

    The record is scanned as the csv module's default dialect reads it.

    >>> record = 'a,"b,' + '""c""' + '",dddd'  # the cells a, b,"c" and dddd
    >>> _overlong_cell(record, 4)
    1
    >>> _overlong_cell(record, 5) is None
    True
    """
    column, length, state = 0, 0, "start"
    for char in record:
        if state == "quoted" and char != '"':
            pass  # everything up to the closing quote belongs to the cell
        elif state == "quoted":
            state = "closed"
            continue
        elif char in "\r\n":
            column, length, state = 0, 0, "start"
            continue
        elif char == ",":
            column, length, state = column + 1, 0, "start"
            continue
        elif char == '"' and state == "start":
            state = "quoted"
            continue
        elif char == '"' and state == "closed":
            state = "quoted"  # a doubled quote stands for one
        else:
            state = "plain"
        length += 1
        if length > limit:
            return column
    return None


def _cell_name(index: int, columns: Sequence[str], number: int) -> str:
    if number == 1 or index >= len(columns):
        return f"column {index + 1}"
    return columns[index]


def _csv_error(
    path: str, number: int, lines: _Lines, columns: Sequence[str], error: csv.Error
) -> RuleBookError:
    limit = csv.field_size_limit()
    index = _overlong_cell("".join(lines.record), limit)
    if index is None:
        return RuleBookError(f"{path}: row {number}: not readable as CSV: {error}")
    return RuleBookError(
        f"{path}: row {number}: {_cell_name(index, columns, number)}: the cell is longer "
        f"than {limit} characters, the most a CSV cell may hold"
    )


def _nul_error(
    path: str, number: int, cells: Sequence[object], columns: Sequence[str], encoding: str
) -> RuleBookError:
    index = next((i for i, cell in enumerate(cells) if "\0" in str(cell)), 0)
    wide = encoding.lower().replace("_", "-").startswith(("utf-16", "utf16", "utf-32", "utf32"))
    hint = "" if wide else " (a UTF-16 file needs --encoding utf-16)"
    return RuleBookError(
        f"{path}: row {number}: {_cell_name(index, columns, number)}: "
        f"a NUL character, which text does not hold{hint}"
    )


def _check_unique(columns: Sequence[str], where: str) -> None:
    """Refuse two columns of one name: only one of them would be read."""
    places: dict[str, list[int]] = {}
    for index, name in enumerate(columns, start=1):
        places.setdefault(name.strip(), []).append(index)
    twice = [
        f"{shown(name)} (columns {', '.join(map(str, found[:-1]))} and {found[-1]})"
        for name, found in places.items()
        if len(found) > 1
    ]
    if twice:
        listed = ", ".join(twice)
        msg = f"{where}: duplicate {noun_for(len(twice), 'column')} {listed}; name each column once"
        raise RuleBookError(msg)


def _csv_rows(
    stream: BinaryIO, path: str, scheme: Scheme, encoding: str, *, history: bool
) -> Iterator[Row | tuple[list[str], Kind]]:
    try:
        text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    except LookupError:
        msg = f"{path}: {encoding!r} is not an encoding Python knows"
        raise RuleBookError(msg) from None
    lines = _Lines(text)
    columns: list[str] = []
    number = 1  # the row being read
    try:
        reader = csv.DictReader(lines)
        columns = list(reader.fieldnames or [])
        if lines.nul:
            raise _nul_error(path, number, columns, columns, encoding)
        _check_unique(columns, f"{path}: row 1")
        _check_columns(columns, scheme, path, history=history)
        yield columns, "csv"
        lines.next_record()
        number += 1
        for row in reader:
            if lines.nul:
                cells = [row.get(name) for name in columns] + list(row.get(None) or [])
                raise _nul_error(path, number, cells, columns, encoding)
            lines.next_record()
            if None in row or any(value is None for value in row.values()):
                # Keep what the row holds, so that a rejects file loses nothing.
                cells = {name: row.get(name) or "" for name in columns}
                cells.update({"extra": ",".join(row[None])} if None in row else {})
                yield number, cells, f"the row does not have {len(columns)} cells"
            else:
                yield number, row, None
            number += 1
    except csv.Error as error:
        raise _csv_error(path, number, lines, columns, error) from None
    except UnicodeDecodeError as error:
        utf8 = encoding.lower().replace("_", "-") in ("utf-8", "utf-8-sig", "utf8")
        # NUL bytes among the undecodable ones: UTF-16, as some spreadsheets save.
        other = "utf-16" if b"\0" in error.object else "gbk"
        name, hint = ("UTF-8", f" (try --encoding {other})") if utf8 else (encoding, "")
        msg = f"{path}: not {name} text at byte {error.start}{hint}"
        raise RuleBookError(msg) from None
    finally:
        text.close()  # and the file under it


def _parquet_rows(
    stream: BinaryIO, path: str, scheme: Scheme, *, history: bool
) -> Iterator[Row | tuple[list[str], Kind]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        msg = f"{path}: reading Parquet needs pyarrow: pip install 'tmall_service[cli]'"
        raise RuleBookError(msg) from None
    try:
        parquet = pq.ParquetFile(stream)
        columns = list(parquet.schema_arrow.names)
    except Exception as error:  # noqa: BLE001 - pyarrow raises many kinds on a bad file
        msg = f"{path}: not a readable Parquet file: {' '.join(str(error).split())}"
        raise RuleBookError(msg) from None
    # Checked before the rows are read: pyarrow keeps only the last of two
    # columns of one name, and a file of the wrong columns need not be read.
    _check_unique(columns, path)
    _check_columns(columns, scheme, path, history=history)
    yield columns, "parquet"
    try:
        table = parquet.read()
    except Exception as error:  # noqa: BLE001 - as above
        msg = f"{path}: not a readable Parquet file: {' '.join(str(error).split())}"
        raise RuleBookError(msg) from None
    for number, row in enumerate(table.to_pylist(), start=1):
        yield number, row, None


@attrs.frozen
class Sheet:
    """The shops' sheet of an Excel workbook, read whole, every cell as the text it holds.

    A row or a column with nothing in it (no cell but blank ones, and no
    name for the column) is left out: the header is the first row with
    anything in it, and *numbers* are the other rows' numbers as the
    spreadsheet shows them.
    """

    columns: list[str]
    """The header's names, one a column of *table*."""
    header: int
    """The header's row number."""
    table: Any
    """A pyarrow Table of text (or null, for an empty cell), one row per shop."""
    numbers: list[int]
    """Each row's number."""


_kept: dict[tuple[object, ...], Sheet] = {}
"""The sheet :func:`read_columns` read, kept for the reader of its rows that comes next."""


def excel_sheet(
    stream: BinaryIO,
    source: str,
    *,
    sheet: str | None = None,
    max_bytes: int | None = None,
    keep: bool = False,
) -> Sheet:
    """The shops of the open Excel workbook *stream*: its first sheet, or the one named *sheet*.

    The cells are read as the text they hold, so that what was typed stays
    as it was: a number as its shortest decimal form (``4.3``, and ``12345``
    for a whole one), a formula's cached value, or its error as the
    spreadsheet shows it (``#DIV/0!``). A date or time cell is its ISO text
    (``2024-07-01 00:00:00``), and in ``opened``, its day. An empty cell is
    ``None``. A workbook larger than *max_bytes* once unpacked is refused.

    The same file's sheet is read once for its columns and its rows: with
    *keep*, it is kept for the next call, which takes it.
    """
    status = os.fstat(stream.fileno())
    key = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns, sheet, max_bytes)
    found = _kept.pop(key, None)
    _kept.clear()
    if found is None:
        found = _load_sheet(stream.read(), source, sheet, max_bytes)
    if keep:
        _kept[key] = found
    return found


def _check_workbook(data: bytes, source: str, max_bytes: int | None) -> None:
    """Refuse a ZIP archive that is not a workbook, or that unpacks to more than *max_bytes*."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        msg = f"{source}: not a readable Excel .xlsx file: {error}"
        raise RuleBookError(msg) from None
    if _WORKBOOK not in {entry.filename for entry in entries}:
        msg = f"{source}: a ZIP archive, but not an Excel .xlsx workbook (it has no {_WORKBOOK})"
        raise RuleBookError(msg)
    unpacked = sum(entry.file_size for entry in entries)
    if max_bytes is not None and unpacked > max_bytes:
        msg = (
            f"{source}: unpacks to more than {max_bytes} bytes ({unpacked} bytes); "
            "raise the limit with --max-bytes"
        )
        raise RuleBookError(msg)


def _load_sheet(data: bytes, source: str, sheet: str | None, max_bytes: int | None) -> Sheet:
    """The sheet of the workbook *data*, as :func:`excel_sheet` reads it."""
    _check_workbook(data, source, max_bytes)
    try:
        import fastexcel
        import pyarrow as pa
    except ImportError as error:
        needed = (error.name or "fastexcel").partition(".")[0]
        msg = f"{source}: reading Excel needs {needed}: pip install 'tmall_service[excel]'"
        raise RuleBookError(msg) from None
    reader = None
    try:
        reader = fastexcel.read_excel(data)
        # No header row and no rows skipped: row i of the batch is the sheet's row i + 1.
        loaded = reader.load_sheet(
            0 if sheet is None else sheet, header_row=None, skip_rows=0, dtypes="string"
        )
        batch, errors = loaded.to_arrow_with_errors()
    except fastexcel.SheetNotFoundError:
        names = ", ".join(map(repr, reader.sheet_names if reader else []))
        msg = f"{source}: no sheet named {sheet!r}; it has {names}"
        raise RuleBookError(msg) from None
    except Exception as error:  # noqa: BLE001 - the reader raises many kinds on a bad file
        first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        msg = f"{source}: not a readable Excel .xlsx file: {first}"
        raise RuleBookError(msg) from None
    shown = _error_texts(errors.errors if errors else [])
    cells = [
        _with_texts(batch.column(i), shown[i], pa) if i in shown else batch.column(i)
        for i in range(batch.num_columns)
    ]
    return _shops_of(cells, pa)


def _error_texts(errors: Sequence[Any]) -> dict[int, dict[int, str]]:
    """The cells the reader could not give as text (formula errors): column, row, text shown."""
    texts: dict[int, dict[int, str]] = {}
    for error in errors:
        row, column = error.offset_position
        found = re.search(r"Error\((\w+)\)", error.detail)
        texts.setdefault(column, {})[row] = _EXCEL_ERRORS.get(found[1] if found else "", "#ERROR!")
    return texts


def _with_texts(column: Any, texts: Mapping[int, str], pa: Any) -> Any:
    """*column* with the cells at the rows of *texts* set to their text."""
    values = column.to_pylist()
    for row, text in texts.items():
        values[row] = text
    return pa.array(values, pa.string())


def _shops_of(cells: Sequence[Any], pa: Any) -> Sheet:
    """The header and the rows of a sheet's text columns, blank rows and columns left out."""
    import pyarrow.compute as pc

    filled = [pc.greater(pc.utf8_length(pc.utf8_trim_whitespace(c)), 0) for c in cells]
    filled = [f.fill_null(False) for f in filled]
    rows = pc.indices_nonzero(functools.reduce(pc.or_, filled)).to_pylist() if cells else []
    if not rows:
        return Sheet([], 1, pa.table({}), [])
    header, shops = rows[0], pa.array(rows[1:], pa.int64())
    columns, names = [], []
    for column, full in zip(cells, filled, strict=True):
        name = column[header].as_py()
        if blank(name) and not pc.any(full.slice(header + 1)).as_py():
            continue  # a gap between columns, or beside them
        column_cells = column.take(shops)
        if name == "opened":  # a date cell's day, as a CSV file writes it
            column_cells = pc.replace_substring_regex(column_cells, _DATE_TIME, r"\1")
        columns.append(column_cells)
        names.append(name or "")
    table = pa.Table.from_arrays(columns, names=names)
    return Sheet(names, header + 1, table, [row + 1 for row in rows[1:]])


def _excel_rows(  # noqa: PLR0913 - the workbook, and how to read it
    stream: BinaryIO,
    source: str,
    scheme: Scheme,
    sheet: str | None,
    max_bytes: int | None,
    *,
    keep: bool,
    history: bool,
) -> Iterator[Row | tuple[list[str], Kind]]:
    found = excel_sheet(stream, source, sheet=sheet, max_bytes=max_bytes, keep=keep)
    _check_unique(found.columns, f"{source}: row {found.header}")
    _check_columns(found.columns, scheme, source, history=history)
    yield found.columns, "excel"
    for start in range(0, found.table.num_rows, _ROWS_AT_A_TIME):
        part = found.table.slice(start, _ROWS_AT_A_TIME).to_pylist()
        for number, cells in zip(found.numbers[start : start + _ROWS_AT_A_TIME], part, strict=True):
            yield number, cells, None
