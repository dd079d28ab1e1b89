"""The command line reads a shop file in batches through the frame path, or row by row.

Both must give the same bytes: the results (CSV and JSON byte for byte,
Parquet value for value), the rejects file, the messages and the exit
code. The batch reader is the one used whenever numpy, pyarrow and
narwhals are installed; the row reader is used without them, and for a CSV
that Arrow's reader does not read as the csv module does.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import random
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pq = pytest.importorskip("pyarrow.parquet")
pa = pytest.importorskip("pyarrow")

import tmall_service as ts
from readers import COLUMNS, compare, row_reader_only, run
from tmall_service._cli.main import main
from tmall_service._frames import batches as _batches

EXAMPLES = Path(__file__).parents[2] / "examples"

SCORES = [
    "4.5", "5", "0", "3.30", " 4.5", "4.5 ", "４．５", "N/A", "-", "无", "4.1234567",
    "1e0", "nan", "inf", "", "  ", "\u3000", "5.0000001", "6", "-1", "0.000001",
    "00004.5", "4.", ".5", "+4.5", "1_0", "٤", "-0", "5.000000", "4.9999999999",
    "2.675", "1.005",
]  # fmt: skip
CATEGORIES = [
    "服饰", "美妆", "食品", "汽车", "图书", "服装", " 服饰 ", "服饰\u3000", "", "=cmd", "家居",
    "母婴", "ｆｏｏ",
]  # fmt: skip
REGIONS = ["河南", "河南省", "浙江", "", "美国", " 河南 ", "广西壮族自治区", "火星", "\u3000"]
SHOPS = ["店", "", " ", "=HYPERLINK(1)", "a,b", 'q"uote', "\u3000", "line\nbreak", " 锦衣坊 ", "-5"]
ORDERS = [
    "",
    "12",
    "abc",
    "-3",
    "1.0",
    " 12 ",
    "+12",
    "١٢",
    "0",
    "29",
    "30",
    "99999999999999999999",
]
OPENED = [
    "",
    "2024-01-01",
    "2024-06-30",
    "2024-02-30",
    "20240101",
    " 2024-01-01",
    "x",
    "2020-01-01",
]
BONUSES = ["", "special_service", "unknown", " ", "special_service;special_service"]
POOLS = {
    "shop": SHOPS,
    "category": CATEGORIES,
    "region": REGIONS,
    "orders": ORDERS,
    "opened": OPENED,
    "bonuses": BONUSES,
}


def _cells(column: str, pick: random.Random) -> str:
    return pick.choice(POOLS.get(column, SCORES))


def _write_csv(path: Path, rows: list[list[str]], columns=COLUMNS, encoding="utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(columns)
        writer.writerows(rows)
    return path


@pytest.mark.parametrize("output", ["out.csv", "out.json", "out.parquet"])
def test_the_example_file_gives_the_same_bytes(tmp_path, monkeypatch, capsys, output):
    (code, *_), _ = compare(
        tmp_path,
        monkeypatch,
        capsys,
        ["assess", str(EXAMPLES / "shops.csv"), "--period", "2024-07"],
        output,
    )
    assert code == 0


def test_the_example_table_on_the_terminal_is_the_same(monkeypatch, capsys):
    argv = ["assess", str(EXAMPLES / "shops.csv"), "--period", "2024-07"]
    first = run(argv, capsys)
    row_reader_only(monkeypatch)
    assert run(argv, capsys) == first
    assert "3.30" in first[1]


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("output", ["out.csv", "out.json", "out.parquet"])
def test_hostile_cells_give_the_same_results_and_rejects(
    tmp_path, monkeypatch, capsys, seed, output
):
    pick = random.Random(seed)
    rows = [[_cells(c, pick) for c in COLUMNS] for _ in range(300)]
    path = _write_csv(tmp_path / "shops.csv", rows)
    for period in ("2024-07", "2024-06"):  # a regional exemption in force; none
        folder = tmp_path / period
        folder.mkdir()
        argv = ["assess", str(path), "--period", period]
        (code, _, err, files), _ = compare(folder, monkeypatch, capsys, argv, output)
        assert code == 3  # some rows are bad, and written aside
        assert files["r.csv"] is not None
        assert "bad row" in err
        assert "written to" in err


def test_an_edition_where_a_shop_not_assessed_fails_gives_the_same_bytes(
    tmp_path, monkeypatch, capsys
):
    book = ts.converter.unstructure(ts.example_rulebook())
    book["passes_by_default"] = ["marketing_access"]
    rules = tmp_path / "strict.json"
    rules.write_text(json.dumps(book, ensure_ascii=False), "utf-8")
    columns = ["shop", "category", "region", *(d.value for d in ts.Dimension)]
    pick = random.Random(11)
    rows = [
        [
            f"店{n}",
            pick.choice(["服饰", "食品", "汽车", "图书"]),
            pick.choice(["河南", "浙江"]),
            *(pick.choice(["4.5", "3", "0", ""]) for _ in ts.Dimension),
        ]
        for n in range(300)
    ]
    path = _write_csv(tmp_path / "shops.csv", rows, columns)
    argv = ["assess", path, "--period", "2024-07", "--rules", rules]
    (_, _, _, files), _ = compare(tmp_path, monkeypatch, capsys, argv, "out.csv")
    results = list(csv.DictReader(io.StringIO(files["out.csv"].decode("utf-8-sig"))))
    not_assessed = [r for r in results if r["status"] != "scored"]
    assert not_assessed
    assert {r["merchant_assessment"] for r in not_assessed} == {"fail"}
    assert {r["marketing_access"] for r in not_assessed} == {"pass"}


def test_a_clean_file_of_many_batches_gives_the_same_bytes(tmp_path, monkeypatch, capsys):
    pick = random.Random(7)
    good_scores = ["4.5", "5", "3.30", "0", "2.675", "4.99", "1", ""]
    rows = [
        [f"店{n}", pick.choice(["服饰", "美妆", "食品", "汽车"]), pick.choice(["河南", "浙江", ""])]
        + [pick.choice(good_scores) for _ in range(5)]
        + [pick.choice(["", "12", "40"]), pick.choice(["", "2024-01-01", "2020-05-05"]), ""]
        for n in range(40_000)
    ]
    path = _write_csv(tmp_path / "shops.csv", rows)
    monkeypatch.setattr("tmall_service._frames.batches._BLOCK_BYTES", 1 << 16)  # many batches
    (code, _, _, files), _ = compare(
        tmp_path, monkeypatch, capsys, ["assess", str(path), "--period", "2024-07"]
    )
    assert code == 0
    assert files["out.csv"].count(b"\n") == 40_001


def test_a_gbk_file_gives_the_same_bytes(tmp_path, monkeypatch, capsys):
    pick = random.Random(3)
    rows = [[_cells(c, pick).replace("\u3000", "") for c in COLUMNS] for _ in range(200)]
    rows = [row for row in rows if all(_encodable(cell) for cell in row)]
    path = _write_csv(tmp_path / "shops.csv", rows, encoding="gbk")
    (code, *_), _ = compare(
        tmp_path,
        monkeypatch,
        capsys,
        ["assess", str(path), "--period", "2024-07", "--encoding", "gbk"],
    )
    assert code in (0, 3)


def _encodable(text: str) -> bool:
    try:
        text.encode("gbk")
    except UnicodeEncodeError:
        return False
    return True


def test_a_parquet_file_of_typed_columns_gives_the_same_values(tmp_path, monkeypatch, capsys):
    pick = random.Random(5)
    count = 500
    table = pa.table(
        {
            "shop": [f"店{n}" for n in range(count)],
            "category": [pick.choice(["服饰", "美妆", "汽车", "服装"]) for _ in range(count)],
            "region": [pick.choice(["河南", "浙江", None]) for _ in range(count)],
            "product": [
                pick.choice([4.5, 5.0, None, 4.1234567, 6.0, float("nan")]) for _ in range(count)
            ],
            "logistics": [pick.choice([4, 5, None, 3]) for _ in range(count)],
            "after_sales": [pick.choice(["4.5", " 3 ", None, "N/A"]) for _ in range(count)],
            "orders": pa.array([pick.choice([None, 12, 40, -1]) for _ in range(count)], pa.int64()),
        }
    )
    path = tmp_path / "shops.parquet"
    pq.write_table(table, path, row_group_size=128)
    for output in ("out.csv", "out.parquet"):
        folder = tmp_path / output
        folder.mkdir()
        (code, *_), _ = compare(
            folder, monkeypatch, capsys, ["assess", str(path), "--period", "2024-07"], output
        )
        assert code == 3


@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.tuples(*(st.sampled_from(POOLS.get(c, SCORES)) for c in COLUMNS)).map(list),
        min_size=1,
        max_size=12,
    )
)
def test_any_rows_give_the_same_outcome_on_both_readers(tmp_path_factory, rows):
    folder = tmp_path_factory.mktemp("agree")
    path = _write_csv(folder / "shops.csv", rows)
    outcomes = []
    for row_reader in (False, True):
        with pytest.MonkeyPatch.context() as patched:
            if row_reader:
                row_reader_only(patched)
            target = folder / f"out{int(row_reader)}"
            target.mkdir()
            errors = io.StringIO()
            with contextlib.redirect_stderr(errors):
                code = main(
                    [
                        "assess",
                        str(path),
                        "--period",
                        "2024-07",
                        "--output",
                        str(target / "o.csv"),
                        "--rejects",
                        str(target / "r.csv"),
                    ],
                    out=io.StringIO(),
                )
            written = [
                (target / name).read_bytes() if (target / name).exists() else None
                for name in ("o.csv", "r.csv")
            ]
            outcomes.append((code, errors.getvalue().replace(str(target), "<t>"), written))
    assert outcomes[0] == outcomes[1]


def test_standard_input_is_read_as_a_file(monkeypatch, capsys):
    data = (EXAMPLES / "shops.csv").read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(["assess", "-", "--period", "2024-07"], capsys)
    expected = run(["assess", str(EXAMPLES / "shops.csv"), "--period", "2024-07"], capsys)
    assert (code, out) == expected[:2]


def test_standard_input_over_the_limit_is_refused(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"x" * 5000)))
    code, _, err = run(["assess", "-", "--period", "2024-07", "--max-bytes", "1K"], capsys)
    assert code == 1
    assert "<stdin>: more than 1024 bytes" in err


def test_a_malformed_row_sends_the_whole_file_to_the_row_reader(tmp_path, capsys):
    rows = [["店", "服饰", "浙江", "5", "3", "4", "1", "4", "", "", ""]] * 3
    path = _write_csv(tmp_path / "shops.csv", rows)
    with path.open("a", encoding="utf-8") as stream:
        stream.write("短,服饰\n")
    code, _, _ = run(
        [
            "assess",
            str(path),
            "--period",
            "2024-07",
            "--output",
            str(tmp_path / "o.csv"),
            "--rejects",
            str(tmp_path / "r.csv"),
        ],
        capsys,
    )
    assert code == 3
    assert "5,the row does not have 11 cells" in (tmp_path / "r.csv").read_text(
        encoding="utf-8-sig"
    )
    assert (tmp_path / "o.csv").read_text(encoding="utf-8-sig").count("\n") == 4


def test_arrow_strips_exactly_what_python_strips():
    # The batch reader strips shop names and finds blank cells with Arrow's
    # whitespace; the row reader with str.strip after NFKC. Every character:
    characters = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000]
    stripped = _batches.stripped(pa.array([f"a{c}" for c in characters])).to_pylist()
    by_arrow = {c for c, text in zip(characters, stripped, strict=True) if text == "a"}
    assert by_arrow == {c for c in characters if c.isspace()}
    assert not [
        c for c in characters if not c.isspace() and not unicodedata.normalize("NFKC", c).strip()
    ]
