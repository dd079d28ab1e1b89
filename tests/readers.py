"""The two readers of the command line side by side: one outcome, both ways.

The batch reader (Arrow, a batch at a time, through ``assess_frame``) and the
row reader must give the same exit code, messages, results and rejects for
the same file. The tests of CSV, Parquet and Excel files compare them with
:func:`compare`. pyarrow must be installed: the test modules skip first.
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tmall_service._cli.main import main
from tmall_service._frames import batches as _batches

COLUMNS = [
    "shop", "category", "region", "product", "logistics", "after_sales", "dispute",
    "consultation", "orders", "opened", "bonuses",
]  # fmt: skip
"""The columns of the shop files these tests write: Tmall's, with every optional one."""


def run(argv: list[Any], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """The command's exit code, standard output and standard error."""
    out = io.StringIO()
    code = main([str(a) for a in argv], out=out)
    return code, out.getvalue(), capsys.readouterr().err


def row_reader_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """As without numpy and pyarrow, or for a CSV Arrow does not read as the csv module does."""

    def refuse(*_: object, **__: object) -> None:
        raise _batches.NeedsRowReader

    monkeypatch.setattr(_batches, "batches", refuse)


def counting_batches(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The rows of each batch the batch reader assesses, as it goes."""
    counted: list[int] = []
    assess_batch = _batches.assess_batch

    def count(batch: _batches.Batch, **options: Any) -> _batches.Outcome:
        counted.append(batch.table.num_rows)
        return assess_batch(batch, **options)

    monkeypatch.setattr(_batches, "assess_batch", count)
    return counted


def outcome(
    folder: Path, argv: list[Any], capsys: pytest.CaptureFixture[str], output: str
) -> tuple[int, str, str, dict[str, Any]]:
    """What *argv* does, its results written to *folder* and its rejects beside them."""
    import pyarrow.parquet as pq

    code, out, err = run(
        [*argv, "--output", folder / output, "--rejects", folder / "r.csv"], capsys
    )
    files: dict[str, Any] = {}
    for name in (output, "r.csv"):
        path = folder / name
        if not path.exists():
            files[name] = None
        elif name.endswith(".parquet"):
            files[name] = pq.read_table(path).to_pylist()
        else:
            files[name] = path.read_bytes()
    return code, out, err.replace(str(folder), "<folder>"), files


def compare(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[Any],
    output: str = "out.csv",
) -> tuple[tuple[int, str, str, dict[str, Any]], list[int]]:
    """The outcome of *argv* by the batch reader and by the row reader, which must agree.

    Also the rows of each batch the batch reader assessed.
    """
    batched, rows = tmp_path / "batched", tmp_path / "rows"
    batched.mkdir()
    rows.mkdir()
    with monkeypatch.context() as patched:
        counted = counting_batches(patched)
        first = outcome(batched, argv, capsys, output)
    with monkeypatch.context() as patched:
        row_reader_only(patched)
        second = outcome(rows, argv, capsys, output)
    assert first == second
    return first, counted


def command_results(output: Path, rejects: Path, rows: int) -> list[tuple[str, object] | None]:
    """What the command line made of shops ``s0``, ``s1``, ...: the JSON written and the rejects.

    Each row's (status, score), or ("bad", reason) for a row set aside.
    """
    results: list[tuple[str, object] | None] = [None] * rows
    for record in json.loads(output.read_text(encoding="utf-8")):
        results[int(record["shop"][1:])] = (record["status"], Decimal(record["score"]))
    if rejects.exists():
        with rejects.open(encoding="utf-8-sig", newline="") as stream:
            for record in csv.DictReader(stream):
                results[int(record["row"]) - 2] = ("bad", record["reason"])
    return results
