"""The command line reads Excel .xlsx shop files, by the batch reader and row by row alike.

A workbook is known by its content; its first sheet (or ``--sheet``) is
read with every cell as the text it holds, so that both readers see the same
cells: the results, the rejects, the messages and the exit code are the
same whichever reads it, and the same as those of the CSV file a
spreadsheet would save.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import sys
import zipfile
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("fastexcel")
openpyxl = pytest.importorskip("openpyxl")

import tmall_service as ts
from readers import COLUMNS, compare, outcome, run
from tmall_service._frames.shopfile import read_columns, read_rows

EXAMPLES = Path(__file__).parents[2] / "examples"
SCORES = [
    4.5, 5, 0, 3.3, 2.675, 1.005, 4.1234567, 6, -1, 1e-7, "4.5", " 4.5", "3.30", "４．５",
    "N/A", "-", "", " ", None, None, "#DIV/0!", "#N/A", True, dt.date(2024, 1, 1),
]  # fmt: skip
POOLS = {
    "shop": ["店", 12345, 12345.5, -5, None, " ", "=HYPERLINK(1)", " 锦衣坊 ", "a,b", "#REF!"],
    "category": ["服饰", "美妆", "食品", "汽车", "图书", "服装", " 服饰 ", None, 123, "#N/A"],
    "region": ["河南", "河南省", "浙江", None, "", "美国", " 河南 ", 1.5],
    "orders": [None, 12, 40, "12", " 12 ", "abc", -3, 1.0, 1.5, 29, 30, True, 10**20],
    "opened": [
        None,
        dt.date(2024, 1, 1),
        dt.date(2020, 5, 5),
        dt.datetime(2024, 6, 30, 12, 0),  # noqa: DTZ001 - a spreadsheet's date and time
        "2024-01-01",
        "2024-02-30",
        " 2024-01-01",
        "x",
        45000,
    ],
    "bonuses": [None, "special_service", "unknown", " ", "special_service;special_service"],
}


def workbook(path: Path, rows, columns=COLUMNS, *, title: str = "shops", before=0) -> Path:
    """A workbook of one sheet: *before* empty rows, the header, then *rows* (None: empty)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for _ in range(before):
        sheet.append([])
    sheet.append(columns)
    for row in rows:
        sheet.append([] if row is None else row)
    book.save(path)
    return path


def refused(capsys, *argv):
    code, out, err = run(["assess", *argv, "--period", "2024-07"], capsys)
    assert (code, out) == (1, "")
    assert err.startswith("tmall-service: error: ")
    return err.removeprefix("tmall-service: error: ").strip()


def hostile_rows(seed, count):
    pick = random.Random(seed)
    rows = [[pick.choice(POOLS.get(c, SCORES)) for c in COLUMNS] for _ in range(count)]
    for at in (count // 3, count // 2):  # blank rows between shops: left out
        rows.insert(at, None)
    rows.insert(count // 4, [" ", None, ""])  # nothing but spaces: blank too
    return rows


# Both readers


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize("output", ["out.csv", "out.json", "out.parquet"])
def test_hostile_cells_give_the_same_outcome_on_both_readers(
    tmp_path, monkeypatch, capsys, seed, output
):
    path = workbook(tmp_path / "shops.xlsx", hostile_rows(seed, 300))
    for period in ("2024-07", "2024-06"):  # a regional exemption in force; none
        folder = tmp_path / period
        folder.mkdir()
        argv = ["assess", path, "--period", period]
        (code, _, err, files), counted = compare(folder, monkeypatch, capsys, argv, output)
        assert code == 3
        assert files["r.csv"] is not None
        assert "bad row" in err
        assert "written to" in err
        assert sum(counted) == 300  # in batches, the blank rows left out


def test_a_sheet_of_many_short_runs_is_read_row_by_row(tmp_path, monkeypatch, capsys):
    good = ["店", "服饰", "浙江", 5, 3, 4, 1, 4, 120, None, None]
    rows = [good, good, None] * 20
    path = workbook(tmp_path / "shops.xlsx", rows)
    (code, _, _, files), counted = compare(
        tmp_path, monkeypatch, capsys, ["assess", path, "--period", "2024-07"]
    )
    assert code == 0
    assert counted == []
    assert files["out.csv"].count(b"\n") == 41


def test_the_rows_are_numbered_as_the_spreadsheet_shows_them(tmp_path, monkeypatch, capsys):
    good = ["店", "服饰", "浙江", 5, 3, 4, 1, 4, 120, None, None]
    bad = ["坏", "服饰", "浙江", "N/A", 3, 4, 1, 4, 120, None, None]
    rows = [good] * 50 + [None, bad] + [good] * 50 + [None, None, bad]
    path = workbook(tmp_path / "shops.xlsx", rows, before=2)  # the header is row 3
    (code, _, _, files), counted = compare(
        tmp_path, monkeypatch, capsys, ["assess", path, "--period", "2024-07"]
    )
    assert code == 3
    assert sum(counted) == 102
    rejects = list(csv.reader(io.StringIO(files["r.csv"].decode("utf-8-sig"))))
    assert [row[0] for row in rejects[1:]] == ["55", "108"]
    assert [number for number, *_ in read_rows(path, ts.Scheme.TMALL)][:2] == [4, 5]


# The cells as typed


def _as_typed(cell):
    """A CSV cell as a spreadsheet holds it once typed in: a number, a date, or text."""
    if not cell:
        return None
    for kind in (int, float, dt.date.fromisoformat):
        try:
            return kind(cell)
        except ValueError:
            pass
    return cell


def test_the_example_workbook_gives_the_bytes_of_the_example_csv(tmp_path, monkeypatch, capsys):
    with (EXAMPLES / "shops.csv").open(encoding="utf-8-sig", newline="") as stream:
        header, *lines = list(csv.reader(stream))
    path = workbook(tmp_path / "shops.xlsx", [[_as_typed(c) for c in ln] for ln in lines], header)
    assert isinstance(read_rows(path, ts.Scheme.TMALL).__next__()[1]["product"], str)
    for output in ("out.csv", "out.json", "out.parquet"):
        folder = tmp_path / output
        folder.mkdir()
        argv = ["assess", path, "--period", "2024-07"]
        result, counted = compare(folder, monkeypatch, capsys, argv, output)
        from_csv = outcome(
            folder, ["assess", EXAMPLES / "shops.csv", "--period", "2024-07"], capsys, output
        )
        assert result == from_csv
        assert counted


def test_cells_are_read_as_typed(tmp_path):
    rows = [
        [12345, "服饰", None, 4.3, 5, "4.50", None, " ", 12.0, dt.date(2024, 1, 1), ""],
        ["店", 1, " 河南 ", 2.675, 1e-7, "N/A", "#DIV/0!", 4, "12", None, None],
        ["时", "美妆", "浙江", 4, 4, 4, 4, 4, 45000, "2024-03-01", None],
    ]  # fmt: skip
    rows[1][9] = dt.datetime(2024, 2, 1, 9, 30)  # noqa: DTZ001 - a spreadsheet's date and time
    path = workbook(tmp_path / "shops.xlsx", rows)
    assert read_columns(path, ts.Scheme.TMALL) == (COLUMNS, "excel")
    cells = [cells for _, cells, _ in read_rows(path, ts.Scheme.TMALL)]
    assert cells[0] == {
        "shop": "12345",  # not 12345.0
        "category": "服饰",
        "region": None,
        "product": "4.3",
        "logistics": "5",
        "after_sales": "4.50",
        "dispute": None,
        "consultation": "",  # spaces, as the file keeps them: blank
        "orders": "12",
        "opened": "2024-01-01",  # a date cell: its day
        "bonuses": None,
    }
    assert cells[1]["category"] == "1"
    assert cells[1]["product"] == "2.675"  # the float's shortest form
    assert cells[1]["logistics"] == "0.0000001"
    assert cells[1]["dispute"] == "#DIV/0!"  # a formula error, as the spreadsheet shows it
    assert cells[1]["opened"] == "2024-02-01"
    assert cells[2]["orders"] == "45000"
    assert cells[2]["opened"] == "2024-03-01"


def test_a_number_in_opened_is_not_taken_for_a_date(tmp_path, capsys):
    row = ["店", "服饰", "浙江", 5, 3, 4, 1, 4, 120, 45000, None]
    path = workbook(tmp_path / "shops.xlsx", [row])
    code, _, err = run(["assess", path, "--period", "2024-07"], capsys)
    assert code == 1
    assert "row 2: opened: '45000' is not an ISO date such as 2024-07-01" in err


def test_a_workbook_is_known_by_its_content_not_its_name(tmp_path, capsys):
    rows = [["云裳", "服饰", "浙江", 5, 3, 4, 1, 4, 420, dt.date(2019, 3, 1), None]]
    path = workbook(tmp_path / "shops.csv", rows)  # a workbook, whatever it is called
    code, out, _ = run(["assess", path, "--period", "2024-06"], capsys)
    assert code == 0
    assert " 3.30 " in out


def test_a_workbook_on_standard_input(tmp_path, monkeypatch, capsys):
    rows = [["云裳", "服饰", "浙江", 5, 3, 4, 1, 4, 420, None, None]]
    data = workbook(tmp_path / "shops.xlsx", rows).read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(["assess", "-", "--period", "2024-06"], capsys)
    assert code == 0
    assert " 3.30 " in out


# Sheets


def test_the_first_sheet_is_read_unless_another_is_named(tmp_path, capsys):
    path = workbook(
        tmp_path / "shops.xlsx", [["云裳", "服饰", "浙江", 5, 3, 4, 1, 4, 420]], title="六月"
    )
    book = openpyxl.load_workbook(path)
    july = book.create_sheet("七月")
    july.append(COLUMNS)
    july.append(["锦衣坊", "服饰", "江苏", 5, 5, 5, 5, 5, 420])
    book.save(path)
    assert "云裳" in run(["assess", path, "--period", "2024-06"], capsys)[1]
    code, out, _ = run(["assess", path, "--period", "2024-06", "--sheet", "七月"], capsys)
    assert code == 0
    assert "锦衣坊" in out
    assert "云裳" not in out
    assert refused(capsys, path, "--sheet", "八月") == (
        f"{path}: no sheet named '八月'; it has '六月', '七月'"
    )


def test_a_sheet_of_a_csv_file_is_refused(capsys):
    path = EXAMPLES / "shops.csv"
    assert refused(capsys, path, "--sheet", "shops") == (
        f"{path}: not an Excel workbook, so it has no sheet 'shops'"
    )


# Files that are refused


def test_an_empty_sheet_has_no_columns(tmp_path, capsys):
    path = tmp_path / "empty.xlsx"
    openpyxl.Workbook().save(path)
    assert refused(capsys, path) == f"{path}: missing columns shop, category; found []"


def test_a_header_without_shops_assesses_none(tmp_path, capsys):
    path = workbook(tmp_path / "shops.xlsx", [None, None])
    code, out, _ = run(["assess", path, "--period", "2024-07"], capsys)
    assert code == 0
    assert "0 shops: none" in out


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        (
            ["shop", "category", "product", "logistics", " product"],
            "row 1: duplicate column 'product' (columns 3 and 5); name each column once",
        ),
        (["shop", "category", "prodcut"], "unknown column prodcut"),
        (["shop", "product"], "missing column category; found ['shop', 'product']"),
    ],
)
def test_bad_columns_are_refused_as_in_a_csv_file(tmp_path, capsys, columns, message):
    row = ["云裳", "服饰", 5, 3, 4][: len(columns)]
    path = workbook(tmp_path / "shops.xlsx", [row], columns)
    assert refused(capsys, path) == f"{path}: {message}"
    text = tmp_path / "shops.txt"
    text.write_text(",".join(columns) + "\n" + ",".join(map(str, row)) + "\n", encoding="utf-8")
    assert refused(capsys, text) == f"{text}: {message}"


def test_an_empty_column_between_named_ones_is_left_out(tmp_path, capsys):
    columns = [
        "shop",
        "category",
        None,
        "product",
        "logistics",
        "after_sales",
        "dispute",
        "consultation",
    ]
    path = workbook(tmp_path / "shops.xlsx", [["云裳", "服饰", None, 5, 3, 4, 1, 4]], columns)
    code, out, _ = run(["assess", path, "--period", "2024-06"], capsys)
    assert code == 0
    assert " 3.30 " in out


def test_a_damaged_workbook_is_named(tmp_path, capsys):
    whole = workbook(tmp_path / "whole.xlsx", [["云裳", "服饰"]]).read_bytes()
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(whole[: len(whole) // 2])
    assert refused(capsys, cut) == f"{cut}: not a readable Excel .xlsx file: File is not a zip file"
    garbled = tmp_path / "garbled.xlsx"
    with zipfile.ZipFile(tmp_path / "whole.xlsx") as source, zipfile.ZipFile(garbled, "w") as out:
        for entry in source.infolist():
            sheet = entry.filename.startswith("xl/worksheets/")
            out.writestr(entry, b"<sheetData><row>" if sheet else source.read(entry))
    message = refused(capsys, garbled)
    assert message.startswith(f"{garbled}: not a readable Excel .xlsx file: ")
    assert "\n" not in message


def test_a_zip_archive_that_is_not_a_workbook_is_named(tmp_path, capsys):
    path = tmp_path / "shops.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("shops.csv", "shop,category\n")
    assert refused(capsys, path) == (
        f"{path}: a ZIP archive, but not an Excel .xlsx workbook (it has no xl/workbook.xml)"
    )


def test_max_bytes_bounds_the_file_and_what_it_unpacks_to(tmp_path, capsys):
    rows = [[f"店{n}", "服饰", "浙江", 5, 3, 4, 1, 4, 420] for n in range(200)]
    path = workbook(tmp_path / "shops.xlsx", rows)
    size = path.stat().st_size
    assert refused(capsys, path, "--max-bytes", "1K") == (
        f"{path}: larger than 1024 bytes ({size} bytes); raise the limit with --max-bytes"
    )
    with zipfile.ZipFile(path) as archive:
        unpacked = sum(entry.file_size for entry in archive.infolist())
    assert size < unpacked
    assert refused(capsys, path, "--max-bytes", str(size)) == (
        f"{path}: unpacks to more than {size} bytes ({unpacked} bytes); "
        "raise the limit with --max-bytes"
    )
    code, _, _ = run(["assess", path, "--period", "2024-07", "--max-bytes", str(unpacked)], capsys)
    assert code == 0


def test_without_the_reader_a_workbook_says_what_to_install(tmp_path, monkeypatch, capsys):
    path = workbook(tmp_path / "shops.xlsx", [["云裳", "服饰"]])
    monkeypatch.setitem(sys.modules, "fastexcel", None)  # as if it were not installed
    assert refused(capsys, path) == (
        f"{path}: reading Excel needs fastexcel: pip install 'tmall_service[excel]'"
    )


# Explain


def test_explain_finds_a_shop_named_by_a_number(tmp_path, capsys):
    rows = [
        [12345, "服饰", "浙江", 5, 3, 4, 1, 4, 420, dt.date(2019, 3, 1), None],
        ["坏", "服饰", "浙江", "N/A", 3, 4, 1, 4, 420, None, None],
    ]
    path = workbook(tmp_path / "shops.xlsx", rows)
    argv = ["explain", path, "--shop", "12345", "--period", "2024-06"]
    code, out, _ = run(argv, capsys)
    assert code == 0
    assert out.startswith("12345\n")
    assert "3.30" in out
    code, out, err = run(["explain", path, "--shop", "坏", "--period", "2024-06"], capsys)
    assert code == 1
    assert f"{path}: row 3: product: 'N/A' is not a number" in err
    code, out, err = run(["explain", path, "--shop", "无", "--period", "2024-06"], capsys)
    assert code == 1
    assert f"{path}: no shop named '无'; it has 12345, 坏" in err
