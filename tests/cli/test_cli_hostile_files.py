"""Shop files that are not what they seem are refused at once, in one line.

A named pipe, a device, a folder, a file too large, a cell too long, a NUL
character, two columns of one name, an output that is the input: each ends
the command with exit code 1 and one line on standard error naming the
file. Ctrl-C ends it with 130, one line, and no file left half-written.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import tmall_service as ts
from tmall_service._cli import output as _output
from tmall_service._cli.main import main
from tmall_service._files import opening as _files
from tmall_service._frames import shopfile as _shopfile
from tmall_service._frames.shopfile import read_rows

try:
    import resource
except ImportError:  # not on Windows, where neither is preexec_fn
    resource = None  # type: ignore[assignment]

EXAMPLES = Path(__file__).parents[2] / "examples"
HEADER = "shop,category,region,product,logistics,after_sales,dispute,consultation"
GOOD = "云裳,服饰,浙江,5,3,4,1,4"
SHOP_FILES = "shops are read from a CSV, Parquet or Excel .xlsx file"
LIMIT = 131_072  # the csv module's own limit on a cell
HANG_GUARD = 120  # seconds; only a command that hangs comes near it
MEMORY_GUARD = 2**31  # bytes; a command reading /dev/zero would pass it, and fail

fifo_only = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
devices_only = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    # Relative names keep the messages short enough to compare whole.
    monkeypatch.chdir(tmp_path)


def dated(argv):
    # The example edition is in force in 2024 only: a run needs a period in it.
    return [*argv, "--period", "2024-06"] if "--period" not in argv else list(argv)


def run(*argv):
    return main(["assess", *dated(argv)], out=io.StringIO())


def refused(capsys, *argv, command="assess"):
    """The one line a refused command prints; its exit code must be 1."""
    assert main([command, *dated(argv)], out=io.StringIO()) == 1
    err = capsys.readouterr().err
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert err.startswith("tmall-service: error: ")
    return err.removeprefix("tmall-service: error: ").rstrip("\n")


def shops(name, *lines, encoding="utf-8"):
    Path(name).write_bytes("\n".join([HEADER, *lines, ""]).encode(encoding))
    return name


def listing():
    return {path.name: path.read_bytes() for path in Path().iterdir() if path.is_file()}


def _bounded_memory():
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_GUARD, MEMORY_GUARD))


def process(*argv):
    """Run the command in a process of its own: a hang or a flood fails instead of lasting."""
    return subprocess.run(
        [sys.executable, "-m", "tmall_service", *argv],
        capture_output=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        timeout=HANG_GUARD,
        check=False,
        preexec_fn=_bounded_memory if resource else None,
    )


# Not regular files


@fifo_only
@pytest.mark.parametrize("command", ["assess", "explain"])
def test_a_named_pipe_is_refused_without_waiting(capsys, command):
    os.mkfifo("pipe.csv")
    extra = ["--shop", "云裳"] if command == "explain" else []
    assert refused(capsys, "pipe.csv", *extra, command=command) == (
        f"pipe.csv: not a regular file (a named pipe); {SHOP_FILES}"
    )


@fifo_only
def test_a_named_pipe_is_refused_by_a_real_process():
    os.mkfifo("pipe.csv")
    done = process("assess", "pipe.csv")
    assert done.returncode == 1
    assert done.stderr == (
        f"tmall-service: error: pipe.csv: not a regular file (a named pipe); {SHOP_FILES}\n"
    )
    assert done.stdout == ""


@devices_only
def test_a_link_to_dev_zero_is_refused_by_a_real_process():
    Path("zero.csv").symlink_to("/dev/zero")
    done = process("explain", "zero.csv", "--shop", "云裳")
    assert done.returncode == 1
    assert done.stderr == (
        f"tmall-service: error: zero.csv: not a regular file (a character device); {SHOP_FILES}\n"
    )


@devices_only
@pytest.mark.parametrize("command", ["assess", "explain"])
def test_a_link_to_dev_zero_is_refused(capsys, command):
    Path("zero.csv").symlink_to("/dev/zero")
    extra = ["--shop", "云裳"] if command == "explain" else []
    assert refused(capsys, "zero.csv", *extra, command=command) == (
        f"zero.csv: not a regular file (a character device); {SHOP_FILES}"
    )


@devices_only
def test_dev_null_is_refused(capsys):
    assert refused(capsys, "/dev/null") == (
        f"/dev/null: not a regular file (a character device); {SHOP_FILES}"
    )


def test_a_folder_is_refused(capsys):
    Path("shops.csv").mkdir()
    assert refused(capsys, "shops.csv") == "shops.csv: cannot be read: Is a directory"


def test_a_link_to_a_folder_is_refused(capsys):
    Path("folder").mkdir()
    Path("shops.csv").symlink_to("folder")
    assert refused(capsys, "shops.csv") == "shops.csv: cannot be read: Is a directory"


@fifo_only
def test_reading_rows_refuses_a_named_pipe_itself():
    # The command checks first; the reader still refuses whatever it opens.
    os.mkfifo("pipe.csv")
    with pytest.raises(ts.RuleBookError, match=r"^pipe\.csv: not a regular file \(a named pipe\)"):
        list(read_rows(Path("pipe.csv"), ts.Scheme.TMALL))


# Size


def test_a_file_over_the_limit_is_refused_and_the_flag_raises_it(capsys):
    name = shops("shops.csv", GOOD)
    size = Path(name).stat().st_size
    limit = str(size - 1)
    assert refused(capsys, name, "--max-bytes", limit, "--period", "2024-06") == (
        f"shops.csv: larger than {limit} bytes ({size} bytes); raise the limit with --max-bytes"
    )
    assert run(name, "--max-bytes", str(size), "--period", "2024-06") == 0


def test_a_sparse_file_over_a_small_limit_is_refused_before_it_is_read(capsys):
    with Path("shops.csv").open("wb") as stream:
        stream.truncate(10_000_000)  # ten megabytes of holes, made at once
    assert refused(capsys, "shops.csv", "--max-bytes", "5M") == (
        "shops.csv: larger than 5242880 bytes (10000000 bytes); raise the limit with --max-bytes"
    )
    assert refused(capsys, "shops.csv", "--shop", "x", "--max-bytes", "5M", command="explain")


def test_a_sparse_file_just_over_the_default_limit_is_refused(capsys):
    size = _files.DEFAULT_MAX_BYTES + 1
    with Path("shops.csv").open("wb") as stream:
        stream.truncate(size)
    assert refused(capsys, "shops.csv") == (
        f"shops.csv: larger than 1073741824 bytes ({size} bytes); raise the limit with --max-bytes"
    )
    done = process("assess", "shops.csv")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1
    assert "larger than 1073741824 bytes" in done.stderr


def test_reading_rows_refuses_a_file_over_its_limit():
    name = shops("shops.csv", GOOD)
    with pytest.raises(ts.RuleBookError, match=r"^shops\.csv: larger than 10 bytes"):
        list(read_rows(Path(name), ts.Scheme.TMALL, max_bytes=10))


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1", 1), ("5000000", 5_000_000), ("500k", 512_000), ("200M", 200 * 2**20), ("2G", 2**31)],
)
def test_the_limit_takes_bytes_or_binary_units(text, expected):
    assert _files.byte_count(text) == expected


@pytest.mark.parametrize("text", ["0", "-1", "1.5G", "2T", "G", "", "١٠"])
def test_a_limit_that_is_not_a_number_of_bytes_is_a_usage_error(capsys, text):
    with pytest.raises(SystemExit) as stopped:
        main(["assess", "shops.csv", "--max-bytes", text])
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert (
        f"argument --max-bytes: {text!r} is not a number of bytes such as 5000000, 500M or 2G"
        in err
    )


# Cells and columns


def test_a_cell_over_the_csv_limit_is_refused_with_its_row_and_column(capsys):
    name = shops("shops.csv", GOOD, "北纬,服饰," + "河" * (LIMIT + 1) + ",4,4,4,4,4")
    assert refused(capsys, name, "--period", "2024-06") == (
        f"shops.csv: row 3: region: the cell is longer than {LIMIT} characters, "
        "the most a CSV cell may hold"
    )


def test_a_cell_of_exactly_the_limit_is_read():
    name = shops("shops.csv", "北纬,服饰," + "河" * LIMIT + ",4,4,4,4,4")
    [(number, cells, problem)] = read_rows(Path(name), ts.Scheme.TMALL)
    assert (number, len(cells["region"]), problem) == (2, LIMIT, None)


def test_a_long_quoted_cell_of_commas_and_lines_is_found(capsys):
    # Quoted commas and line breaks belong to the cell: the column is still region.
    long = '"' + "a,\n" * (LIMIT // 3 + 1) + '"'
    name = shops("shops.csv", '"x\ny",服饰,,4,4,4,4,4', f'"b,""c""",服饰,{long},4,4,4,4,4')
    assert refused(capsys, name) == (
        f"shops.csv: row 3: region: the cell is longer than {LIMIT} characters, "
        "the most a CSV cell may hold"
    )


def test_a_long_header_cell_is_refused_as_row_1(capsys):
    Path("shops.csv").write_text("shop,category," + "p" * (LIMIT + 1) + "\n", encoding="utf-8")
    assert refused(capsys, "shops.csv") == (
        f"shops.csv: row 1: column 3: the cell is longer than {LIMIT} characters, "
        "the most a CSV cell may hold"
    )


def test_a_nul_character_is_refused_with_its_row_and_column(capsys):
    name = shops("shops.csv", GOOD, "北纬,服饰,河\0南,4,4,4,4,4")
    assert refused(capsys, name, "--period", "2024-06") == (
        "shops.csv: row 3: region: a NUL character, which text does not hold "
        "(a UTF-16 file needs --encoding utf-16)"
    )
    assert refused(
        capsys, name, "--shop", "北纬", "--period", "2024-06", command="explain"
    ).startswith("shops.csv: row 3: region: a NUL character")


def test_a_nul_character_in_an_extra_cell_is_refused(capsys):
    name = shops("shops.csv", GOOD + ",\0")
    assert refused(capsys, name).startswith("shops.csv: row 2: column 9: a NUL character")


def test_a_utf16_file_read_as_utf8_is_refused_at_its_header(capsys):
    # Latin letters in UTF-16 are also UTF-8, with a NUL after each.
    name = shops("shops.csv", "Yunshang,fushi,,5,3,4,1,4", encoding="utf-16-le")
    assert refused(capsys, name) == (
        "shops.csv: row 1: column 1: a NUL character, which text does not hold "
        "(a UTF-16 file needs --encoding utf-16)"
    )


def test_a_utf16_file_of_chinese_text_read_as_utf8_gets_the_utf16_hint(capsys):
    name = shops("shops.csv", GOOD, encoding="utf-16-le")
    assert refused(capsys, name) == (
        "shops.csv: not UTF-8 text at byte 144 (try --encoding utf-16)"
    )
    assert run(name, "--encoding", "utf-16-le", "--period", "2024-06") == 0


def test_a_nul_character_in_a_utf16_file_gives_no_encoding_hint(capsys):
    name = shops("shops.csv", "云\0裳,服饰,,5,3,4,1,4", encoding="utf-16-le")
    assert refused(capsys, name, "--encoding", "utf-16-le") == (
        "shops.csv: row 2: shop: a NUL character, which text does not hold"
    )


@pytest.mark.parametrize(
    ("header", "duplicates"),
    [
        ("shop,category,product,product", "column 'product' (columns 3 and 4)"),
        ("shop,category,product, product ", "column 'product' (columns 3 and 4)"),
        ("shop,category,shop,product,shop", "column 'shop' (columns 1, 3 and 5)"),
        (
            "shop,category,product,category,product",
            "columns 'category' (columns 2 and 4), 'product' (columns 3 and 5)",
        ),
    ],
)
def test_duplicate_csv_columns_are_refused(capsys, header, duplicates):
    Path("shops.csv").write_text(f"{header}\n云裳,服饰,4,5,3\n", encoding="utf-8")
    assert refused(capsys, "shops.csv") == (
        f"shops.csv: row 1: duplicate {duplicates}; name each column once"
    )


def test_duplicate_parquet_columns_are_refused(capsys):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    table = pa.Table.from_arrays(
        [pa.array(["云裳"]), pa.array(["服饰"]), pa.array([4.0]), pa.array([1.0])],
        names=["shop", "category", "product", "product"],
    )
    pq.write_table(table, "shops.parquet")
    assert refused(capsys, "shops.parquet") == (
        "shops.parquet: duplicate column 'product' (columns 3 and 4); name each column once"
    )


def test_a_broken_parquet_file_is_one_line(capsys):
    Path("shops.parquet").write_bytes(b"PAR1 and then nothing")
    assert refused(capsys, "shops.parquet").startswith(
        "shops.parquet: not a readable Parquet file: "
    )


# Outputs that are the input


def test_an_output_that_is_the_input_is_refused_and_nothing_is_touched(capsys):
    name = shops("shops.csv", GOOD)
    Path("link.csv").symlink_to("shops.csv")
    Path("sub").mkdir()
    before = listing()
    for spelling in (
        "shops.csv",
        "./shops.csv",
        str(Path("shops.csv").resolve()),
        "link.csv",
        "sub/../shops.csv",
    ):
        assert refused(capsys, name, "--output", spelling) == (
            f"--output {spelling} is the input file shops.csv; the results must go to another file"
        )
    assert listing() == before


def test_an_input_given_through_a_link_is_its_file(capsys):
    shops("shops.csv", GOOD)
    Path("link.csv").symlink_to("shops.csv")
    assert refused(capsys, "link.csv", "--rejects", "shops.csv") == (
        "--rejects shops.csv is the input file link.csv; the rejected rows must go to another file"
    )


def test_a_hard_link_to_the_input_is_the_input(capsys):
    shops("shops.csv", GOOD)
    os.link("shops.csv", "other.csv")
    assert refused(capsys, "shops.csv", "--output", "other.csv").startswith(
        "--output other.csv is the input file shops.csv"
    )


def test_rejects_that_are_the_input_are_refused(capsys):
    name = shops("shops.csv", GOOD, "北纬,服饰,河南,4,4,4,9,4")
    before = listing()
    assert refused(capsys, name, "--rejects", "./shops.csv", "--output", "out.csv") == (
        "--rejects ./shops.csv is the input file shops.csv; "
        "the rejected rows must go to another file"
    )
    assert listing() == before


def test_rejects_that_are_the_output_are_refused(capsys):
    name = shops("shops.csv", GOOD)
    Path("sub").mkdir()
    before = listing()
    assert refused(capsys, name, "--output", "out.csv", "--rejects", "sub/../out.csv") == (
        "--rejects sub/../out.csv is the --output file out.csv; "
        "the rejected rows must go to another file"
    )
    assert listing() == before


def test_outputs_beside_the_input_are_written():
    name = shops("shops.csv", GOOD, "北纬,服饰,河南,4,4,4,9,4")
    code = run(name, "--period", "2024-06", "--output", "out.csv", "--rejects", "bad.csv")
    assert code == 3
    assert sorted(listing()) == ["bad.csv", "out.csv", "shops.csv"]


# Ctrl-C


def interrupt(*_, **__):
    raise KeyboardInterrupt


@pytest.mark.parametrize("command", ["assess", "explain"])
def test_ctrl_c_while_reading_exits_130_in_one_line(capsys, monkeypatch, command):
    name = shops("shops.csv", GOOD)
    before = listing()
    monkeypatch.setattr(_shopfile, "_csv_rows", interrupt)
    extra = ["--shop", "云裳"] if command == "explain" else ["--output", "out.csv"]
    assert main([command, name, "--period", "2024-06", *extra], out=io.StringIO()) == 130
    assert capsys.readouterr().err == "tmall-service: interrupted\n"
    assert listing() == before


class HalfWriter(io.FileIO):
    """A file that takes half of what is written, then is interrupted."""

    def write(self, data):  # type: ignore[override]
        super().write(bytes(data)[: len(data) // 2])
        self.flush()
        raise KeyboardInterrupt


@pytest.mark.parametrize("existing", [False, True], ids=["new", "existing"])
def test_ctrl_c_while_writing_leaves_no_file_behind(capsys, monkeypatch, existing):
    name = shops("shops.csv", GOOD)
    if existing:
        Path("out.csv").write_bytes(b"the previous results")
    before = listing()
    monkeypatch.setattr(_output.os, "fdopen", HalfWriter)
    assert run(name, "--period", "2024-06", "--output", "out.csv") == 130
    assert capsys.readouterr().err == "tmall-service: interrupted\n"
    assert listing() == before  # no temporary, no half file, the old file as it was


def test_a_real_sigint_in_a_real_process_exits_130(tmp_path):
    name = shops("shops.csv", GOOD)
    # The signal is sent from inside the write, so the test needs no timing.
    script = textwrap.dedent(
        f"""
        import io, os, signal, sys
        from tmall_service._cli import output as _output
        from tmall_service._cli.main import main

        class Stopped(io.FileIO):
            def write(self, data):
                super().write(bytes(data)[:10])
                signal.raise_signal(signal.SIGINT)

        _output.os.fdopen = lambda handle, mode: Stopped(handle, mode)
        sys.exit(main(["assess", {name!r}, "--period", "2024-06", "--output", "out.json"]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        encoding="utf-8",
        cwd=tmp_path,
        timeout=HANG_GUARD,
        check=False,
    )
    assert (done.returncode, done.stderr) == (130, "tmall-service: interrupted\n")
    assert sorted(listing()) == ["shops.csv"]
