"""Writing results: a terminal table, or CSV, JSON or Parquet files, atomically."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Final, Literal, get_args

from tmall_service._values.errors import InvalidOptionError, RuleBookError

__all__ = ["FORMATS", "ResultsFile", "neutralise", "output_kind", "write_atomic", "write_csv"]

OutputKind = Literal["csv", "json", "parquet"]
"""The formats results are written in."""
FORMATS: Final[tuple[OutputKind, ...]] = get_args(OutputKind)
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def output_kind(path: Path, format_: str | None) -> OutputKind:
    """The format of results written to *path*: *format_*, else the path's suffix, checked."""
    kind = format_ or path.suffix.lower().lstrip(".")
    for known in FORMATS:
        if kind == known:
            return known
    msg = f"{path}: {kind!r} is not an output format; expected one of {', '.join(FORMATS)}"
    raise RuleBookError(msg)


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


def write_csv(path: Path, records: Sequence[Mapping[str, object]], columns: Sequence[str]) -> None:
    """Write *records* to *path* as CSV, in one go (the rejected rows of a run)."""
    write_atomic(path, _csv_bytes(records, columns))


class ResultsFile:
    """Results written as they come, batch by batch, and put in place whole at the end.

    The rows go to a temporary file beside *path*; :meth:`commit` renames it
    to *path*, :meth:`discard` removes it. So memory stays bounded however
    many shops there are, and readers of *path* see the old file or the whole
    new one, whatever stops the run (a full disk, Ctrl-C). Every value is
    text or ``None``; in Parquet, the columns named in *decimals* are exact
    decimals of the given scale.
    """

    def __init__(
        self, path: Path, kind: OutputKind, columns: Sequence[str], decimals: Mapping[str, int]
    ) -> None:
        """Open the temporary file for results of *kind* (``csv``, ``json`` or ``parquet``)."""
        if kind not in FORMATS:  # a caller's mistake: each kind has its own writer below
            msg = f"kind: {kind!r} is not an output format; expected one of {', '.join(FORMATS)}"
            raise InvalidOptionError(msg)
        self.path, self.kind, self.columns = path, kind, list(columns)
        self._rows = 0
        self._parquet: Any = None
        self._temporary: str | None = None
        schema = _parquet_schema(self.columns, decimals) if kind == "parquet" else None
        folder = path.parent if str(path.parent) else Path()
        with self._guard():
            handle, self._temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
            self._stream: IO[bytes] = os.fdopen(handle, "wb")
            if schema is not None:
                import pyarrow.parquet as pq

                # Without the Arrow schema in the file, its text columns read back
                # as text, not as the dictionaries they are written from.
                self._parquet = pq.ParquetWriter(self._stream, schema, store_schema=False)
            elif kind == "csv":
                self._text = io.TextIOWrapper(self._stream, encoding="utf-8-sig", newline="")
                self._csv = csv.writer(self._text, lineterminator="\n")
                self._csv.writerow(self.columns)

    @contextlib.contextmanager
    def _guard(self) -> Iterator[None]:
        """Whatever stops the work, the temporary file goes; a system error names *path*."""
        try:
            yield
        except OSError as error:
            self.discard()
            raise _unwritable(self.path, error) from None
        except BaseException:
            self.discard()
            raise

    def add_rows(self, rows: Sequence[Sequence[str | None]]) -> None:
        """Rows of values in column order."""
        if self._parquet is not None:
            import pyarrow as pa

            columns = list(zip(*rows, strict=True)) or [()] * len(self.columns)
            strings = [pa.array(values, pa.string()) for values in columns]
            self.add_table(pa.table(strings, names=self.columns))
            return
        with self._guard():
            if self.kind == "csv":
                self._csv.writerows(
                    ["" if value is None else neutralise(value) for value in row] for row in rows
                )
                return
            for row in rows:
                item = json.dumps(dict(zip(self.columns, row, strict=True)), **_JSON)
                lead = ",\n" if self._rows else "[\n"
                self._stream.write((lead + " " + item.replace("\n", "\n ")).encode())
                self._rows += 1

    def add_table(self, table: Any) -> None:  # noqa: ANN401 - an Arrow table of text
        """An Arrow table of text columns, in column order."""
        if self._parquet is None:
            values = [table.column(c).to_pylist() for c in self.columns]
            self.add_rows(list(zip(*values, strict=True)))
            return
        with self._guard():
            self._parquet.write_table(_conformed(table, self._parquet.schema))

    def commit(self) -> None:
        """Close the file and put it in place of *path*."""
        with self._guard():
            if self._parquet is not None:
                self._parquet.close()
            elif self.kind == "csv":
                self._text.flush()
            else:
                self._stream.write(b"\n]\n" if self._rows else b"[]\n")
            self._stream.close()
            # mkstemp makes the file private; give it the mode a new file would have.
            os.chmod(self._temporary, _mode_for(self.path))  # type: ignore[arg-type]  # noqa: PTH101 - os.chmod of a path held as text
            Path(self._temporary).replace(self.path)  # type: ignore[arg-type]
            self._temporary = None

    def discard(self) -> None:
        """Close and remove the temporary file: *path* is left as it was."""
        for opened in (self._parquet, getattr(self, "_stream", None)):
            if opened is not None:
                with contextlib.suppress(Exception):
                    opened.close()
        self._parquet = None
        if self._temporary is not None:
            with contextlib.suppress(OSError):
                Path(self._temporary).unlink()
            self._temporary = None


_JSON: Final[dict[str, Any]] = {"ensure_ascii": False, "indent": 1}


def _unwritable(path: Path, error: OSError) -> RuleBookError:
    return RuleBookError(f"{path}: cannot be written: {error.strerror or error}")


def _parquet_schema(columns: Sequence[str], decimals: Mapping[str, int]) -> Any:  # noqa: ANN401 - an Arrow schema
    """Exact decimals where asked; the shop as text; every other column, text of few values."""
    try:
        import pyarrow as pa
    except ImportError:
        msg = "writing Parquet needs pyarrow: pip install 'tmall_service[cli]'"
        raise RuleBookError(msg) from None
    coded = pa.dictionary(pa.int32(), pa.string())
    return pa.schema(
        [
            (c, pa.decimal128(2 + decimals[c], decimals[c]) if c in decimals else coded)
            if c != "shop"
            else (c, pa.string())
            for c in columns
        ]
    )


def _conformed(table: Any, schema: Any) -> Any:  # noqa: ANN401 - Arrow tables and schemas
    """*table*'s columns, text or dictionaries of text, as *schema* has them."""
    import pyarrow as pa

    arrays = []
    for field in schema:
        column = table.column(field.name).combine_chunks()
        dictionary = pa.types.is_dictionary(column.type)
        if pa.types.is_dictionary(field.type):
            if not dictionary:
                column = column.dictionary_encode()
            column = pa.DictionaryArray.from_arrays(
                column.indices.cast(pa.int32()), column.dictionary.cast(pa.string())
            )
        elif dictionary:  # decode the few values, not every row
            column = column.dictionary.cast(field.type).take(column.indices)
        arrays.append(column.cast(field.type))
    return pa.Table.from_arrays(arrays, schema=schema)
