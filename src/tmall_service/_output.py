"""Writing results: a terminal table, or CSV, JSON or Parquet files, atomically."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Final

from ._errors import RuleBookError

__all__ = ["FORMATS", "neutralise", "write_atomic", "write_records"]

FORMATS: Final = ("csv", "json", "parquet")
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    r"""*text* made safe for a spreadsheet cell: no formula can start it.

    A cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return is prefixed with ``'``, so spreadsheets show it as text (the
    advice against CSV injection).

    >>> neutralise('=HYPERLINK("http://x")')
    '\'=HYPERLINK("http://x")'
    >>> neutralise("锦衣坊")
    '锦衣坊'
    """
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


def write_atomic(path: Path, data: bytes) -> None:
    """Write *data* to *path* so that readers see the old file or the whole new one.

    The bytes go to a temporary file beside *path*, which then replaces it:
    an interrupted run never leaves half a result.
    """
    folder = path.parent if str(path.parent) else Path()
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as error:
        msg = f"{path}: cannot be written: {error.strerror or error}"
        raise RuleBookError(msg) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        # mkstemp makes the file private; give it the mode a new file would have.
        os.chmod(temporary, _mode_for(path))  # noqa: PTH101 - the temporary is a str path
        Path(temporary).replace(path)
    except BaseException as error:
        # Whatever stops the write (a full disk, Ctrl-C), the half-written
        # temporary goes; the file at *path* was never touched.
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        if not isinstance(error, OSError):
            raise
        msg = f"{path}: cannot be written: {error.strerror or error}"
        raise RuleBookError(msg) from None


def _mode_for(path: Path) -> int:
    """The mode of the file being replaced, or that of a new file under the umask."""
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _csv_bytes(records: Sequence[Mapping[str, object]], columns: Sequence[str]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow(
            neutralise(_cell(record[c])) if isinstance(record[c], str) else _cell(record[c])
            for c in columns
        )
    # A byte order mark lets spreadsheet programs read the Chinese text as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def _json_bytes(records: Sequence[Mapping[str, object]]) -> bytes:
    def plain(value: object) -> object:
        return str(value) if isinstance(value, Decimal) else value

    rows = [{key: plain(value) for key, value in record.items()} for record in records]
    return (json.dumps(rows, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _parquet_bytes(records: Sequence[Mapping[str, object]], columns: Sequence[str]) -> bytes:
    try:
        import pyarrow as pa  # noqa: PLC0415 - only Parquet output needs it
        import pyarrow.parquet as pq  # noqa: PLC0415
    except ImportError:
        msg = "writing Parquet needs pyarrow: pip install 'tmall_service[cli]'"
        raise RuleBookError(msg) from None
    arrays = {}
    for column in columns:
        values = [record[column] for record in records]
        decimals = [v for v in values if isinstance(v, Decimal)]
        if decimals:
            # Exact decimals keep their places: the scale is the finest present.
            scale = max(max(-int(v.as_tuple().exponent), 0) for v in decimals)
            kind = pa.decimal128(2 + scale, scale)
        else:
            kind = pa.string()
        arrays[column] = pa.array(values, kind)
    sink = pa.BufferOutputStream()
    pq.write_table(pa.table(arrays), sink)
    return bytes(sink.getvalue())


def write_records(
    path: Path, records: Sequence[Mapping[str, object]], columns: Sequence[str], kind: str
) -> None:
    """Write *records* to *path* as *kind* (``csv``, ``json`` or ``parquet``)."""
    if kind == "csv":
        data = _csv_bytes(records, columns)
    elif kind == "json":
        data = _json_bytes(records)
    else:
        data = _parquet_bytes(records, columns)
    write_atomic(path, data)
