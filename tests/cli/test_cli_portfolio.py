"""The command line's portfolio commands: standing and report over a history file."""

import csv
import io
import json
import pathlib
import sys

import pytest

import tmall_service as ts
from tmall_service._cli import portfolio as _portfolio
from tmall_service._cli.main import main
from tmall_service._frames.batches import NeedsRowReader

pl = pytest.importorskip("polars")
pytest.importorskip("matplotlib")

ROOT = pathlib.Path(__file__).parents[2]
HISTORY = ROOT / "examples" / "history.csv"
NAMES = [d.value for d in ts.Dimension]


def run(*argv):
    out = io.StringIO()
    code = main([str(a) for a in argv], out=out)
    return code, out.getvalue()


def write_history(path, rows):
    """A small history file: each row (shop, period, category, score of every dimension)."""
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["shop", "period", "category", *NAMES])
        for shop, period, category, score in rows:
            writer.writerow([shop, period, category, *[score] * len(NAMES)])
    return path


def months(shop, scores, category="服饰"):
    return [(shop, f"2024-{m:02d}", category, s) for m, s in enumerate(scores, start=1)]


def read_csv(path):
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def as_text(value):
    return "" if value is None else str(value)


def test_standing_writes_what_standing_frame_gives_for_the_same_file(tmp_path):
    """The command line's reader and a frame read by polars give the same standings."""
    code, _ = run("standing", HISTORY, "--output", tmp_path / "standing.csv")
    assert code == 0
    written = read_csv(tmp_path / "standing.csv")
    history = pl.read_csv(HISTORY, infer_schema_length=0)
    expected = ts.standing_frame(history, rules=ts.example_rulebook()).to_dicts()
    assert len(written) == len(expected) > 300
    for got, want in zip(written, expected, strict=True):
        assert got == {k: as_text(v) for k, v in want.items()}


def test_standing_prints_the_shops_needing_attention_the_worst_first():
    code, text = run("standing", HISTORY)
    assert code == 0
    lines = text.splitlines()
    assert lines[0].split()[:3] == ["shop", "standard", "verdict"]
    verdicts = [ts.Verdict.CLEARANCE, ts.Verdict.AT_RISK, ts.Verdict.NOT_ELIGIBLE]
    labels = [v.label() for v in verdicts] + [ts.Verdict.FORFEITED.label()]
    found = [next(i for i, label in enumerate(labels) if label in line) for line in lines[2:-2]]
    assert found == sorted(found)
    assert set(found) == {0, 1, 2, 3}
    assert "meets the standard" not in text
    frame = ts.standing_frame(
        pl.read_csv(HISTORY, infer_schema_length=0), rules=ts.example_rulebook()
    )
    due = frame.filter(pl.col("verdict") == "clearance")["shop"].n_unique()
    shops = frame["shop"].n_unique()
    assert lines[-1].startswith(f"{shops} shops: {due} due for clearance; ")


def test_standing_in_chinese_uses_the_sources_terms():
    code, text = run("standing", HISTORY, "--lang", "zh")
    assert code == 0
    assert text.splitlines()[0].split()[:3] == ["店铺", "考核标准", "结论"]
    assert "商家考核" in text
    assert "达到清退条件" in text
    assert text.splitlines()[-1].startswith("共 ")


def test_a_run_that_follows_on_is_shown_by_its_ends(tmp_path):
    rows = months("弱店", [4.9, 4.9, 3.0, 3.0, 3.0, 3.0]) + months("好店", [4.9] * 6)
    code, text = run("standing", write_history(tmp_path / "h.csv", rows), "--all")
    assert code == 0
    line = next(line for line in text.splitlines() if "弱店" in line and "clearance" in line)
    assert "4/3" in line
    assert "2024-03..2024-06" in line
    assert sum("好店" in line for line in text.splitlines()) == 3  # --all: every purpose


@pytest.mark.parametrize(
    ("scores", "level", "verdict", "expected"),
    [
        ([4.9, 3.0, 3.0, 3.0], "clearance", "clearance", 4),
        ([4.9, 4.9, 3.0, 3.0], "clearance", "at_risk", 0),
        ([4.9, 4.9, 3.0, 3.0], "at-risk", "at_risk", 4),
        ([4.9, 4.9, 4.9, 4.9], "at-risk", "good", 0),
    ],
)
def test_fail_on_exits_4_when_a_shop_reaches_the_level(tmp_path, scores, level, verdict, expected):
    history = write_history(tmp_path / "h.csv", months("店", scores))
    code, _ = run("standing", history, "--fail-on", level, "--output", tmp_path / "s.json")
    assert code == expected
    records = json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))
    merchant = next(r for r in records if r["purpose"] == "merchant_assessment")
    assert merchant["verdict"] == verdict


def test_a_bad_row_is_named_by_its_number_in_the_file(tmp_path, capsys):
    rows = [*months("甲", [4.9, 4.9]), ("乙", "2024-13", "服饰", 4.0)]
    code, text = run("standing", write_history(tmp_path / "h.csv", rows))
    assert code == 1
    assert text == ""
    error = capsys.readouterr().err
    assert "row 4" in error
    assert "2024-13" in error


def test_rejects_sets_a_bad_shop_aside_and_judges_the_rest(tmp_path):
    good = months("甲", [4.9, 3.0, 3.0])
    history = write_history(tmp_path / "h.csv", [*good, ("乙", "2024-01", "服饰", "abc")])
    alone = write_history(tmp_path / "alone.csv", good)
    code, _ = run(
        "standing", history, "--rejects", tmp_path / "bad.csv", "--output", tmp_path / "s.csv"
    )
    assert code == 3
    rejected = read_csv(tmp_path / "bad.csv")
    assert [r["shop"] for r in rejected] == ["乙"]
    assert "row 5" in rejected[0]["reason"]
    assert run("standing", alone, "--output", tmp_path / "alone-s.csv")[0] == 0
    assert read_csv(tmp_path / "s.csv") == read_csv(tmp_path / "alone-s.csv")


def test_overlapping_periods_of_a_shop_are_an_error_naming_both(tmp_path, capsys):
    rows = [*months("甲", [4.9, 4.9]), ("甲", "2024Q1", "服饰", 4.9)]
    code, _ = run("standing", write_history(tmp_path / "h.csv", rows))
    assert code == 1
    error = capsys.readouterr().err
    assert "甲" in error
    assert "overlap" in error


def test_a_history_needs_a_period_column(tmp_path, capsys):
    path = tmp_path / "h.csv"
    path.write_text("shop,category,product\n甲,服饰,4\n", encoding="utf-8")
    assert run("standing", path)[0] == 1
    assert "period_start, period_end" in capsys.readouterr().err


def test_parquet_and_csv_give_the_same_standings(tmp_path):
    history = pl.read_csv(HISTORY, infer_schema_length=0)
    history.write_parquet(tmp_path / "h.parquet")
    typed = history.with_columns(pl.col(NAMES).cast(pl.Float64))
    typed.write_parquet(tmp_path / "typed.parquet")
    outputs = []
    for source in (HISTORY, tmp_path / "h.parquet", tmp_path / "typed.parquet"):
        target = tmp_path / f"{source.stem}.csv"
        assert run("standing", source, "--output", target)[0] == 0
        outputs.append(read_csv(target))
    assert outputs[0] == outputs[1] == outputs[2]


def test_the_row_reader_gives_what_the_batch_reader_gives(tmp_path, monkeypatch):
    """A file Arrow cannot read in batches is read row by row, to the same standings."""
    assert run("standing", HISTORY, "--output", tmp_path / "batches.csv")[0] == 0

    def refuse(*_, **__):
        raise NeedsRowReader

    monkeypatch.setattr(_portfolio, "batches", refuse)
    assert run("standing", HISTORY, "--output", tmp_path / "rows.csv")[0] == 0
    assert read_csv(tmp_path / "rows.csv") == read_csv(tmp_path / "batches.csv")


def test_report_writes_a_self_contained_page_for_one_shop(tmp_path):
    shop = read_csv(HISTORY)[0]["shop"]
    target = tmp_path / "page.html"
    code, text = run("report", HISTORY, "--shop", shop, "--output", target, "--lang", "zh")
    assert code == 0
    assert text == f"wrote {target}\n"
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert shop in page
    assert "<script" not in page
    frame = ts.standing_frame(
        pl.read_csv(HISTORY, infer_schema_length=0), rules=ts.example_rulebook(), lang="zh"
    )
    for record in frame.filter(pl.col("shop") == shop).to_dicts():
        assert ts.Verdict(record["verdict"]).label("zh") in page


def test_report_of_an_unknown_shop_lists_the_shops(tmp_path, capsys):
    history = write_history(tmp_path / "h.csv", months("甲", [4.9]))
    assert run("report", history, "--shop", "丙", "--output", tmp_path / "p.html")[0] == 1
    error = capsys.readouterr().err
    assert "no shop named '丙'" in error
    assert "甲" in error
    assert not (tmp_path / "p.html").exists()


@pytest.mark.parametrize("options", [[], ["--shop", "甲", "--all"]])
def test_report_needs_one_shop_or_all(tmp_path, capsys, options):
    history = write_history(tmp_path / "h.csv", months("甲", [4.9]))
    assert run("report", history, *options)[0] == 1
    assert "--shop NAME" in capsys.readouterr().err


def test_report_all_writes_a_page_per_shop_and_an_index_linking_them(tmp_path):
    rows = (
        months("a/b", [4.9, 3.0]) + months("A", [4.9]) + months("a", [3.0]) + months("index", [4.9])
    )
    history = write_history(tmp_path / "h.csv", rows)
    folder = tmp_path / "pages"
    code, text = run("report", history, "--all", "--output-dir", folder)
    assert code == 0
    assert text == f"wrote 4 pages and index.html to {folder}\n"
    files = sorted(p.name for p in folder.iterdir())
    assert len(files) == 5
    assert "a_b.html" in files
    assert "index.html" in files
    assert len({name.casefold() for name in files}) == 5  # A and a: two files, whatever the case
    index = (folder / "index.html").read_text(encoding="utf-8")
    for name in files:
        if name != "index.html":
            assert f'href="{name}"' in index


@pytest.mark.parametrize(("command", "extras"), [("standing", "cli"), ("report", "cli,plot")])
def test_without_pyarrow_the_commands_name_the_extra(monkeypatch, capsys, command, extras):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.delitem(sys.modules, "tmall_service._cli.portfolio", raising=False)
    assert run(command, HISTORY, "--all")[0] == 1
    assert f"pip install 'tmall_service[{extras}]'" in capsys.readouterr().err


def test_a_bad_row_names_the_file_and_the_way_to_judge_the_rest(tmp_path, capsys):
    history = write_history(tmp_path / "h.csv", [("甲", "2024-01", "服饰", 9)])
    assert run("standing", history)[0] == 1
    error = capsys.readouterr().err
    assert error.startswith(f"tmall-service: error: {history}: 1 row with bad cells: row 2")
    assert "Use --rejects FILE" in error
