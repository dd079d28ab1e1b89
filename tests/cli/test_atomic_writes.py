"""Results are written whole or not at all.

A result file is written to a temporary file beside it, which then replaces
it: whatever interrupts the run (a full disk, Ctrl-C, any error), the
previous file stays as it was, and no temporary file is left behind.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import tmall_service as ts
from tmall_service._cli import output as _output
from tmall_service._cli.main import main

EXAMPLES = Path(__file__).parents[2] / "examples"


def listing(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.iterdir()}


class KilledError(Exception):
    pass


class HalfWriter(io.FileIO):
    """A file whose write stores half the bytes, then fails with *error*."""

    error: BaseException = OSError(28, "No space left on device")

    def write(self, data):  # type: ignore[override]
        super().write(bytes(data)[: len(data) // 2])
        self.flush()
        raise self.error


@pytest.mark.parametrize(
    "error",
    [OSError(28, "No space left on device"), KeyboardInterrupt(), KilledError("killed")],
    ids=["disk-full", "ctrl-c", "other-error"],
)
def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, error):
    target = tmp_path / "results.json"
    target.write_bytes(b"the previous results")
    before = listing(tmp_path)

    def half_open(handle, mode):
        assert mode == "wb"
        HalfWriter.error = error
        return HalfWriter(handle, "wb", closefd=True)

    monkeypatch.setattr(_output.os, "fdopen", half_open)
    expected = ts.RuleBookError if isinstance(error, OSError) else type(error)
    with pytest.raises(expected):
        _output.write_atomic(target, b"new results, " * 1000)
    assert listing(tmp_path) == before


@pytest.mark.parametrize(
    "error",
    [OSError(18, "Invalid cross-device link"), KeyboardInterrupt()],
    ids=["os-error", "ctrl-c"],
)
def test_a_failed_rename_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch, error):
    target = tmp_path / "results.csv"
    target.write_bytes(b"the previous results")
    before = listing(tmp_path)

    def refuse(*_):
        raise error

    monkeypatch.setattr(_output.Path, "replace", refuse)
    expected = ts.RuleBookError if isinstance(error, OSError) else type(error)
    with pytest.raises(expected):
        _output.write_atomic(target, b"new results")
    assert listing(tmp_path) == before


def test_a_complete_write_replaces_the_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "results.csv"
    target.write_bytes(b"old")
    _output.write_atomic(target, b"new")
    assert listing(tmp_path) == {"results.csv": b"new"}


@pytest.mark.parametrize("suffix", [".csv", ".json", ".parquet"])
def test_an_interrupted_command_leaves_the_previous_results(tmp_path, monkeypatch, suffix):
    pytest.importorskip("pyarrow")
    output = tmp_path / f"results{suffix}"
    argv = ["assess", str(EXAMPLES / "shops.csv"), "--period", "2024-07", "--output", str(output)]
    assert main(argv, out=io.StringIO()) == 0
    before = listing(tmp_path)

    def half_open(handle, mode):
        HalfWriter.error = KeyboardInterrupt()
        return HalfWriter(handle, mode, closefd=True)

    monkeypatch.setattr(_output.os, "fdopen", half_open)
    assert main(argv, out=io.StringIO()) == 130  # the command's code for Ctrl-C
    assert listing(tmp_path) == before


def test_a_results_file_of_an_unknown_kind_is_refused_before_anything_is_written(tmp_path):
    with pytest.raises(ts.InvalidOptionError, match="'xml' is not an output format"):
        _output.ResultsFile(tmp_path / "out.xml", "xml", ["shop"], {})  # type: ignore[arg-type]
    assert listing(tmp_path) == {}
