"""The command line's files: formats in and out, encodings, rejects, rule book commands."""

import csv
import io
import json
import os
from decimal import Decimal

import pytest

import tmall_service as ts
from tmall_service._cli.main import main
from tmall_service._cli.output import neutralise, write_atomic

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

HEADER = "shop,category,region,product,logistics,after_sales,dispute,consultation"
GOOD = "云裳,服饰,浙江,5,3,4,1,4"


def run(*argv):
    out = io.StringIO()
    return main(list(argv), out=out), out.getvalue()


def shops(tmp_path, *lines, encoding="utf-8", name="shops.csv"):
    path = tmp_path / name
    path.write_bytes("\n".join([HEADER, *lines, ""]).encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig"])
def test_utf8_with_or_without_bom(tmp_path, encoding):
    code, text = run("assess", str(shops(tmp_path, GOOD, encoding=encoding)), "--period", "2024-06")
    assert code == 0
    assert " 3.30 " in text


def test_gbk_needs_to_be_named(tmp_path, capsys):
    path = shops(tmp_path, GOOD, encoding="gbk")
    assert run("assess", str(path), "--period", "2024-06")[0] == 1
    assert "try --encoding gbk" in capsys.readouterr().err
    code, text = run("assess", str(path), "--period", "2024-06", "--encoding", "gbk")
    assert code == 0
    assert "云裳" in text


def test_an_unknown_encoding_is_named(tmp_path, capsys):
    path = shops(tmp_path, GOOD)
    assert run("assess", str(path), "--period", "2024-06", "--encoding", "klingon")[0] == 1
    assert "'klingon' is not an encoding" in capsys.readouterr().err


def test_parquet_input_is_recognised_by_its_bytes(tmp_path):
    table = pa.table(
        {
            "shop": ["云裳"],
            "category": ["服饰"],
            "product": [5.0],
            "logistics": [3.0],
            "after_sales": [4.0],
            "dispute": [1.0],
            "consultation": [4.0],
            "orders": [120],
        }
    )
    path = tmp_path / "shops.data"  # the name does not matter
    pq.write_table(table, path)
    code, text = run("assess", str(path), "--period", "2024-06")
    assert code == 0
    assert " 3.30 " in text


def test_a_broken_parquet_file_is_named(tmp_path, capsys):
    path = tmp_path / "shops.parquet"
    path.write_bytes(b"PAR1 and then nothing")
    assert run("assess", str(path), "--period", "2024-06")[0] == 1
    assert "not a readable Parquet file" in capsys.readouterr().err


@pytest.mark.parametrize("suffix", ["csv", "json", "parquet"])
def test_results_are_written_to_the_output_file(tmp_path, suffix):
    target = tmp_path / f"out.{suffix}"
    code, text = run(
        "assess",
        str(shops(tmp_path, GOOD, "北纬,服饰,河南,4,4,4,4,4")),
        "--period",
        "2024-07",
        "--output",
        str(target),
    )
    assert code == 0
    assert text == ""
    if suffix == "csv":
        rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
        scores = [row["score"] for row in rows]
        statuses = [row["status"] for row in rows]
    elif suffix == "json":
        rows = json.loads(target.read_text(encoding="utf-8"))
        scores = [row["score"] for row in rows]
        statuses = [row["status"] for row in rows]
        assert rows[1]["exemption"].startswith("Example: flood")
    else:
        table = pq.read_table(target)
        scores = [str(v) for v in table.column("score").to_pylist()]
        statuses = table.column("status").to_pylist()
        assert table.schema.field("score").type == pa.decimal128(4, 2)
    assert scores == ["3.30", "99.00"] if suffix == "parquet" else scores == ["3.30", "99"]
    assert statuses == ["scored", "exempt"]


def test_csv_output_neutralises_formulas(tmp_path):
    target = tmp_path / "out.csv"
    path = shops(
        tmp_path, '"=HYPERLINK(""http://evil"")",服饰,浙江,5,3,4,1,4', "@SUM(A1),服饰,,5,3,4,1,4"
    )
    assert run("assess", str(path), "--period", "2024-06", "--output", str(target))[0] == 0
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[1][0] == '\'=HYPERLINK("http://evil")'
    assert rows[2][0] == "'@SUM(A1)"
    assert rows[1][3] == "3.30"  # numbers are left as numbers


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@x", "\tx", "\rx"])
def test_neutralise_every_formula_start(text):
    assert neutralise(text) == "'" + text


def test_an_unknown_output_format_is_refused(tmp_path, capsys):
    assert run(
        "assess", str(shops(tmp_path, GOOD)), "--period", "2024-06",
        "--output", str(tmp_path / "out.xlsx"),
    )[0] == 1  # fmt: skip
    assert "'xlsx' is not an output format" in capsys.readouterr().err


def test_bad_rows_are_listed_and_nothing_is_written(tmp_path, capsys):
    target = tmp_path / "out.csv"
    path = shops(tmp_path, GOOD, "坏店,服饰,浙江,NaN,3,4,1,4", "短,服饰")
    code, _ = run("assess", str(path), "--period", "2024-06", "--output", str(target))
    assert code == 1
    error = capsys.readouterr().err
    assert "2 bad rows, nothing written" in error
    assert "row 3: product: 'NaN' is not a finite number" in error
    assert "row 4: the row does not have 8 cells" in error
    assert "--rejects" in error
    assert not target.exists()


def test_rejects_are_written_aside_and_the_rest_assessed(tmp_path, capsys):
    target, rejects = tmp_path / "out.json", tmp_path / "rejects.csv"
    path = shops(tmp_path, GOOD, "坏店,服饰,浙江,9,3,4,1,4")
    code, _ = run(
        "assess",
        str(path),
        "--period",
        "2024-06",
        "--output",
        str(target),
        "--rejects",
        str(rejects),
    )
    assert code == 3
    assert "1 bad row written to" in capsys.readouterr().err
    assert [row["shop"] for row in json.loads(target.read_text(encoding="utf-8"))] == ["云裳"]
    (reject,) = csv.DictReader(io.StringIO(rejects.read_text(encoding="utf-8-sig")))
    assert reject["row"] == "3"
    assert reject["shop"] == "坏店"
    assert "product: '9' is outside [0, 5]" in reject["reason"]


def test_an_output_that_cannot_be_written_is_an_error(tmp_path, capsys):
    target = tmp_path / "missing-folder" / "out.csv"
    assert (
        run("assess", str(shops(tmp_path, GOOD)), "--period", "2024-06", "--output", str(target))[0]
        == 1
    )
    assert "cannot be written" in capsys.readouterr().err


def test_atomic_writes_replace_the_whole_file(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old", encoding="utf-8")
    write_atomic(target, b"new")
    assert target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_the_progress_bar_can_be_asked_for(tmp_path):
    code, text = run(
        "assess", str(shops(tmp_path, GOOD)), "--period", "2024-06", "--progress", "always"
    )
    assert code == 0
    assert " 3.30 " in text


def test_rules_validate_reports_each_edition(tmp_path):
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(ts.converter.unstructure(ts.example_rulebook())), encoding="utf-8")
    code, text = run("rules", "validate", str(path))
    assert code == 0
    assert text.startswith("ok: Example edition")
    assert "5 categories assessed, 4 not assessed, 2 exemptions" in text


def test_rules_validate_fails_on_a_bad_file(tmp_path, capsys):
    path = tmp_path / "rules.toml"
    path.write_text("profiles = {}\ncolour = 1\n", encoding="utf-8")
    assert run("rules", "validate", str(path))[0] == 1
    assert "$: unknown key colour" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "needle"), [([], "服饰      0.2"), (["--scheme", "taobao"], "女装")]
)
def test_rules_show_prints_an_edition(arguments, needle):
    code, text = run("rules", "show", *arguments)
    assert code == 0
    assert needle in text
    assert "in force:" in text


def test_rules_show_a_file(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text('name = "Mine"\nprofiles = {}\n', encoding="utf-8")
    code, text = run("rules", "show", str(path))
    assert code == 0
    assert text.startswith("Mine")


def test_scores_in_files_keep_their_exact_places(tmp_path):
    target = tmp_path / "out.json"
    path = shops(tmp_path, "精细,服饰,浙江,4.123456789,3,4,1,4")
    assert run("assess", str(path), "--period", "2024-06", "--output", str(target))[0] == 0
    (row,) = json.loads(target.read_text(encoding="utf-8"))
    expected = ts.assess(
        ts.DimensionScores(
            product="4.123456789", logistics=3, after_sales=4, dispute=1, consultation=4
        ),
        category="服饰",
        period=ts.AssessmentPeriod.month(2024, 6),
        rules=ts.example_rulebook(),
    )
    assert Decimal(row["score"]) == expected.score


def test_the_rejects_file_neutralises_formulas_and_keeps_short_rows(tmp_path):
    rejects = tmp_path / "rejects.csv"
    path = shops(tmp_path, GOOD, "=cmd|' /C calc'!A0,服饰,浙江,9,3,4,1,4", "短店,服饰")
    code, _ = run("assess", str(path), "--period", "2024-06", "--rejects", str(rejects))
    assert code == 3
    first, second = csv.DictReader(io.StringIO(rejects.read_text(encoding="utf-8-sig")))
    assert first["shop"] == "'=cmd|' /C calc'!A0"
    assert second["row"] == "4"
    assert second["shop"] == "短店"
    assert second["category"] == "服饰"
    assert "does not have 8 cells" in second["reason"]


def test_written_files_get_an_ordinary_mode(tmp_path):
    target = tmp_path / "out.csv"
    write_atomic(target, b"x")
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    target.chmod(0o640)
    write_atomic(target, b"y")
    assert target.stat().st_mode & 0o777 == 0o640


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_rules_show_an_edition_without_dates(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text('name = "Mine"\nprofiles = {}\n', encoding="utf-8")
    assert "in force: always" in run("rules", "show", str(path))[1]


def test_a_missing_file_is_named_even_on_a_terminal(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("sys.stderr.isatty", lambda: True)
    assert run("assess", str(tmp_path / "missing.csv"))[0] == 1
    assert "cannot be read" in capsys.readouterr().err


@pytest.mark.parametrize("orders", ["0x1f", "0X1F"])
def test_orders_in_hexadecimal_are_refused_by_the_batch_reader_as_by_the_row_reader(
    tmp_path, capsys, orders
):
    # Arrow's cast reads 0x1f as 31; the row rule takes digits only.
    path = tmp_path / "hex.csv"
    path.write_text(f"{HEADER},orders\n{GOOD},{orders}\n", encoding="utf-8")
    code, _ = run("assess", str(path), "--period", "2024-06")
    assert code == 1
    assert f"1 bad row, nothing written: row 2: orders: '{orders}' is not a whole number" in (
        capsys.readouterr().err
    )
