"""Reading shops from files: CSV (UTF-8, with or without BOM, or GBK) or Parquet."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from ._assessment import Assessment, assess
from ._errors import InvalidPeriodError, InvalidScoreError, RuleBookError, shown
from ._periods import AssessmentPeriod
from ._rules import RuleBook
from ._schemes import AnyScores, Scheme

__all__ = ["REQUIRED", "ShopRow", "bonus_names", "opened_date", "read_rows", "shop_row"]

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


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _text(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


def _orders(value: object) -> int | None:
    if _blank(value):
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
    if _blank(value):
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
    if _blank(value):
        return frozenset()
    listed = value.split(";") if isinstance(value, str) else value
    return frozenset(str(name).strip() for name in listed if str(name).strip())  # type: ignore[attr-defined]


def shop_row(cells: Mapping[str, object], scheme: Scheme) -> ShopRow:
    """A :class:`ShopRow` from one row's cells; a blank cell is no data."""
    shop, category = _text(cells.get("shop")), _text(cells.get("category"))
    if _blank(shop) or _blank(category):
        msg = "shop and category must not be empty"
        raise RuleBookError(msg)
    region = _text(cells.get("region"))
    return ShopRow(
        shop=str(shop),
        category=str(category),
        region=None if _blank(region) else str(region),
        scores=scheme.scores(
            **{  # type: ignore[arg-type]  # each cell is checked as it is read
                d.value: None if _blank(cells.get(d.value)) else _text(cells.get(d.value))
                for d in scheme.dimensions
            }
        ),
        orders=_orders(cells.get("orders")),
        opened=opened_date(cells.get("opened")),
        bonuses=bonus_names(cells.get("bonuses")),
    )


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


def read_rows(
    path: Path, scheme: Scheme, encoding: str = "utf-8-sig"
) -> Iterator[tuple[int, Mapping[str, Any], str | None]]:
    """Yield ``(row number, cells, problem)`` for each row; *problem* is ``None`` if none.

    CSV row numbers count the header as row 1, as a spreadsheet shows them;
    Parquet rows count from 1. A
    Parquet file is recognised by its first bytes, whatever its name; any
    other file is read as CSV in *encoding* (UTF-8 with or without a byte
    order mark by default; ``gbk`` for files exported by many Chinese tools).
    """
    try:
        with path.open("rb") as stream:
            magic = stream.read(4)
    except OSError as error:
        msg = f"{path}: cannot be read: {error.strerror or error}"
        raise RuleBookError(msg) from None
    if magic == _PARQUET_MAGIC:
        yield from _parquet_rows(path, scheme)
        return
    yield from _csv_rows(path, scheme, encoding)


def _csv_rows(
    path: Path, scheme: Scheme, encoding: str
) -> Iterator[tuple[int, Mapping[str, Any], str | None]]:
    try:
        with path.open(encoding=encoding, newline="") as stream:
            reader = csv.DictReader(stream)
            columns = list(reader.fieldnames or [])
            _check_columns(columns, scheme, str(path))
            for number, row in enumerate(reader, start=2):
                if None in row or any(value is None for value in row.values()):
                    # Keep what the row holds, so that a rejects file loses nothing.
                    cells = {name: row.get(name) or "" for name in columns}
                    cells.update({"extra": ",".join(row[None])} if None in row else {})
                    yield number, cells, f"the row does not have {len(columns)} cells"
                else:
                    yield number, row, None
    except UnicodeDecodeError as error:
        utf8 = encoding.lower().replace("_", "-") in ("utf-8", "utf-8-sig", "utf8")
        name, hint = ("UTF-8", " (try --encoding gbk)") if utf8 else (encoding, "")
        msg = f"{path}: not {name} text at byte {error.start}{hint}"
        raise RuleBookError(msg) from None
    except LookupError:
        msg = f"{path}: {encoding!r} is not an encoding Python knows"
        raise RuleBookError(msg) from None


def _parquet_rows(
    path: Path, scheme: Scheme
) -> Iterator[tuple[int, Mapping[str, Any], str | None]]:
    try:
        import pyarrow.parquet as pq  # noqa: PLC0415 - only Parquet input needs it
    except ImportError:
        msg = f"{path}: reading Parquet needs pyarrow: pip install 'tmall_service[cli]'"
        raise RuleBookError(msg) from None
    try:
        table = pq.read_table(path)
    except Exception as error:  # noqa: BLE001 - pyarrow raises many kinds on a bad file
        msg = f"{path}: not a readable Parquet file: {error}"
        raise RuleBookError(msg) from None
    _check_columns(table.column_names, scheme, str(path))
    for number, row in enumerate(table.to_pylist(), start=1):
        yield number, row, None
