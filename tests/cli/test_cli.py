"""The command line: the README's main job and its errors."""

import csv
import datetime as dt
import io
import json
import pathlib
import runpy
import subprocess
import sys

import pytest

import tmall_service as ts
from tmall_service._cli.main import main, parse_period

ROOT = pathlib.Path(__file__).parents[2]
SHOPS = ROOT / "examples" / "shops.csv"


def run(*argv):
    out = io.StringIO()
    code = main(list(argv), out=out)
    return code, out.getvalue()


def test_the_example_shops_cover_every_status():
    code, text = run("assess", str(SHOPS), "--period", "2024-07")
    assert code == 0
    for status in ts.Status:
        assert f" {status.value} " in text or text.count(status.value) > 1


def test_each_row_matches_assess():
    _, text = run("assess", str(SHOPS), "--period", "2024-07")
    rules = ts.example_rulebook()
    period = ts.AssessmentPeriod.month(2024, 7)
    lines = text.splitlines()
    with SHOPS.open(encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    for row in rows:
        scores = ts.DimensionScores(**{d.value: row[d.value] or None for d in ts.Dimension})
        expected = ts.assess(
            scores,
            category=row["category"],
            region=row["region"] or None,
            period=period,
            rules=rules,
            orders=int(row["orders"]) if row["orders"] else None,
            opened=dt.date.fromisoformat(row["opened"]) if row["opened"] else None,
            bonuses=[row["bonuses"]] if row["bonuses"] else (),
        )
        line = next(line for line in lines if line.startswith(row["shop"] + " "))
        assert f" {expected.score} " in line
        assert f" {expected.status.value}" in line


def test_summary_counts_the_shops():
    _, text = run("assess", str(SHOPS), "--period", "2024-07")
    with SHOPS.open(encoding="utf-8") as stream:
        count = sum(1 for _ in csv.DictReader(stream))
    assert f"{count} shops:" in text


def test_a_bad_cell_names_row_and_column(tmp_path, capsys):
    path = tmp_path / "shops.csv"
    path.write_text("shop,category,product\nA,服饰,4\nB,服饰,NaN\n", encoding="utf-8")
    code, _ = run("assess", str(path), "--period", "2024-07")
    assert code == 1
    error = capsys.readouterr().err
    assert "row 3" in error
    assert "product" in error
    assert "NaN" in error


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ("shop,product\nA,4\n", "missing column"),
        ("shop,category,price\nA,服饰,4\n", "unknown column"),
        ("shop,category,product\nA,服饰\n", "row 2"),
        ("shop,category,product\n,服饰,4\n", "row 2: shop: missing"),
    ],
    ids=["no-category", "unknown-column", "short-row", "empty-shop"],
)
def test_malformed_csv_is_refused(tmp_path, capsys, content, needle):
    path = tmp_path / "shops.csv"
    path.write_text(content, encoding="utf-8")
    code, _ = run("assess", str(path), "--period", "2024-07")
    assert code == 1
    assert needle in capsys.readouterr().err


def test_a_file_that_is_not_utf8_is_refused(tmp_path, capsys):
    path = tmp_path / "shops.csv"
    path.write_bytes("shop,category\n店,服饰\n".encode("gbk"))
    code, _ = run("assess", str(path), "--period", "2024-07")
    assert code == 1
    assert "UTF-8" in capsys.readouterr().err


def test_a_given_rule_book_is_used(tmp_path):
    rules = tmp_path / "rules.toml"
    rules.write_text(
        'name = "Mine"\nexclude_unknown_categories = true\n'
        '[profiles."图书"]\nproduct = "1"\nlogistics = "0"\n'
        'after_sales = "0"\ndispute = "0"\nconsultation = "0"\n'
        '[bonuses]\nspecial_service = "0.25"\n',
        encoding="utf-8",
    )
    code, text = run("assess", str(SHOPS), "--period", "2024-07", "--rules", str(rules))
    assert code == 0
    assert text.startswith("Mine")
    line = next(line for line in text.splitlines() if line.startswith("书香书店"))
    assert " 4.90 " in line


def test_default_period_is_the_last_full_month(tmp_path):
    rules = tmp_path / "open.toml"  # in force from 2024 on, with no end
    example = ts.converter.unstructure(ts.example_rulebook())
    example.pop("effective_to")
    rules.write_text(json.dumps(example, ensure_ascii=False), encoding="utf-8")
    rules = rules.rename(tmp_path / "open.json")
    code, text = run("assess", str(SHOPS), "--rules", str(rules))
    assert code == 0
    today = dt.date.today()  # noqa: DTZ011 - the command line's own calendar
    last = dt.date(today.year, today.month, 1) - dt.timedelta(days=1)
    assert text.splitlines()[0].endswith(f"period {last.replace(day=1)}..{last}")


def test_no_period_outside_the_edition_is_picked_silently(capsys):
    code = main(["assess", str(SHOPS)])
    assert code == 1
    err = capsys.readouterr().err
    assert err.startswith("tmall-service: error: period: none given, and the last ended period ")
    assert "'Example edition (illustrative, not official)' (2024-01-01..2024-12-31)" in err
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2024-07-05..2024-08-04", "2024-07-05", "2024-08-04"),
    ],
)
def test_parse_period(text, start, end):
    period = parse_period(text)
    assert (period.start.isoformat(), period.end.isoformat()) == (start, end)


@pytest.mark.parametrize("text", ["2024Q5", "2024-13", "July", "2024-08-01..2024-07-01", "x..y"])
def test_parse_period_refuses_nonsense(text):
    with pytest.raises(ts.InvalidPeriodError, match=r"period|month|end"):
        parse_period(text)


def test_module_entry_point_runs(monkeypatch, capsys):
    argv = ["tmall_service", "assess", str(SHOPS), "--period", "2024-07"]
    monkeypatch.setattr(sys, "argv", argv)
    with pytest.raises(SystemExit) as exit_info:
        runpy.run_module("tmall_service", run_name="__main__")
    assert exit_info.value.code == 0
    assert "category_excluded" in capsys.readouterr().out


def test_console_script_is_installed():
    script = pathlib.Path(sys.executable).parent / "tmall-service"
    result = subprocess.run(
        [str(script), "assess", str(SHOPS), "--period", "2024-07"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "category_excluded" in result.stdout


def test_usage_error_exits_2():
    with pytest.raises(SystemExit) as exit_info:
        main(["frobnicate"])
    assert exit_info.value.code == 2


def test_standards_follow_the_category_override():
    _, text = run("assess", str(SHOPS), "--period", "2024-07")
    rules = ts.example_rulebook()
    food = rules.threshold(ts.Purpose.MARKETING_ACCESS, "食品")
    assert food is not None
    assert food > rules.threshold(ts.Purpose.MARKETING_ACCESS)
    # 江南糕点 (食品, 3.93) fails its category's 4.2 marketing standard.
    line = next(line for line in text.splitlines() if line.startswith("江南糕点"))
    assert line.split()[-3:] == ["FAIL", "pass", "FAIL"]


@pytest.mark.parametrize(
    ("cells", "needle"),
    [
        ("A,服饰,4,many,,", "orders: 'many'"),
        ("A,服饰,4,,yesterday,", "opened: 'yesterday'"),
        ("A,服饰,4,,,no_such_bonus", "no_such_bonus"),
    ],
)
def test_bad_optional_cells_are_named(tmp_path, capsys, cells, needle):
    path = tmp_path / "shops.csv"
    path.write_text(f"shop,category,product,orders,opened,bonuses\n{cells}\n", encoding="utf-8")
    code, _ = run("assess", str(path), "--period", "2024-07")
    assert code == 1
    error = capsys.readouterr().err
    assert "row 2" in error
    assert needle in error


def test_a_single_day_names_the_editions_period_that_holds_it():
    assert str(parse_period("2024-07-09", ts.example_rulebook())) == "2024-07-01..2024-07-31"
    taobao = ts.example_rulebook(ts.Scheme.TAOBAO)
    assert str(parse_period("2024-07-09", taobao)) == "2024-04-11..2024-07-09"
