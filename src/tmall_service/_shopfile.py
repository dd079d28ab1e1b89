"""Reading shops from files: CSV (UTF-8, with or without BOM, or GBK) or Parquet."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
from collections.abc import Callable, Generator, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, BinaryIO, Final, TypeVar, cast

import attrs

from ._assessment import Assessment, assess, bonus_points
from ._cells import (
    BadRowError,
    CellProblem,
    blank,
    category_cell,
    problem_of,
    region_cell,
    score_cell,
)
from ._errors import InvalidPeriodError, InvalidScoreError, RuleBookError, TmallServiceError, shown
from ._files import open_shops
from ._names import name as read_name
from ._periods import AssessmentPeriod
from ._rules import RuleBook
from ._schemes import AnyScores, Scheme

__all__ = [
    "REQUIRED",
    "BadRowError",
    "ShopRow",
    "bonus_names",
    "opened_date",
    "read_columns",
    "read_rows",
    "shop_row",
]

T = TypeVar("T")

REQUIRED: Final = ("shop", "category")
FACTS: Final = ("region", "orders", "opened", "bonuses")
_PARQUET_MAGIC: Final = b"PAR1"


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


def _orders(value: object) -> int | None:
    if blank(value):
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        return int(str(value))
    except ValueError:
        msg = f"orders: {shown(value)} is not a whole number"
        raise InvalidScoreError(msg) from None


def opened_date(value: object) -> dt.date | None:
    """An ``opened`` cell as a date: a date, a timestamp or ISO text; blank is none."""
    if blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        msg = f"opened: {shown(value)} is not an ISO date such as 2024-07-01"
        raise InvalidPeriodError(msg) from None


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
    orders = read("orders", _orders)
    opened = read("opened", opened_date)
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


def _check_columns(columns: list[str], scheme: Scheme, source: str) -> None:
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        msg = f"{source}: missing column(s) {', '.join(missing)}; found {columns}"
        raise RuleBookError(msg)
    known = (*REQUIRED, *FACTS, *(d.value for d in scheme.dimensions))
    unknown = [name for name in columns if name not in known]
    if unknown:
        msg = f"{source}: unknown column(s) {', '.join(unknown)}"
        raise RuleBookError(msg)


Row = tuple[int, Mapping[str, Any], str | None]
"""A row of a shop file: its number, its cells, and what is wrong with it (or ``None``)."""


def read_rows(
    path: Path,
    scheme: Scheme,
    encoding: str = "utf-8-sig",
    *,
    max_bytes: int | None = None,
    name: str | None = None,
) -> Iterator[Row]:
    """Yield ``(row number, cells, problem)`` for each row; *problem* is ``None`` if none.

    CSV row numbers count the header as row 1, as a spreadsheet shows them;
    Parquet rows count from 1. A
    Parquet file is recognised by its first bytes, whatever its name; any
    other file is read as CSV in *encoding* (UTF-8 with or without a byte
    order mark by default; ``gbk`` for files exported by many Chinese tools).
    Only a regular file is read, never a named pipe or a device; one larger
    than *max_bytes*, where given, is refused before it is read. Messages
    call the file *name*, by default its path.
    """
    rows = _read(path, scheme, encoding, max_bytes, name or str(path))
    next(rows)  # the columns
    for row in rows:
        yield cast("Row", row)


def read_columns(
    path: Path,
    scheme: Scheme,
    encoding: str = "utf-8-sig",
    *,
    max_bytes: int | None = None,
    name: str | None = None,
) -> tuple[list[str], bool]:
    """A shop file's columns, checked as :func:`read_rows` checks them; whether it is Parquet."""
    rows = _read(path, scheme, encoding, max_bytes, name or str(path))
    try:
        return cast("tuple[list[str], bool]", next(rows))
    finally:
        rows.close()


def _read(
    path: Path, scheme: Scheme, encoding: str, max_bytes: int | None, source: str
) -> Generator[Row | tuple[list[str], bool], None, None]:
    """The file's columns (and whether it is Parquet), then its rows."""
    with open_shops(path, max_bytes) as stream:
        try:
            magic = stream.read(4)
            stream.seek(0)
        except OSError as error:
            msg = f"{source}: cannot be read: {error.strerror or error}"
            raise RuleBookError(msg) from None
        if magic == _PARQUET_MAGIC:
            yield from _parquet_rows(stream, source, scheme)
        else:
            yield from _csv_rows(stream, source, scheme, encoding)


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
        msg = f"{where}: duplicate column(s) {', '.join(twice)}; name each column once"
        raise RuleBookError(msg)


def _csv_rows(
    stream: BinaryIO, path: str, scheme: Scheme, encoding: str
) -> Iterator[Row | tuple[list[str], bool]]:
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
        _check_columns(columns, scheme, path)
        yield columns, False
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
    stream: BinaryIO, path: str, scheme: Scheme
) -> Iterator[Row | tuple[list[str], bool]]:
    try:
        import pyarrow.parquet as pq  # noqa: PLC0415 - only Parquet input needs it
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
    _check_columns(columns, scheme, path)
    yield columns, True
    try:
        table = parquet.read()
    except Exception as error:  # noqa: BLE001 - as above
        msg = f"{path}: not a readable Parquet file: {' '.join(str(error).split())}"
        raise RuleBookError(msg) from None
    for number, row in enumerate(table.to_pylist(), start=1):
        yield number, row, None
