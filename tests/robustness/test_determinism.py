"""Same input, same output, byte for byte; and the core is safe from many threads.

The command line runs in fresh interpreters with different hash seeds (set
and dict order, string hashes), and its outputs must not differ by a byte.
The functional API is called from a thread pool, and every result must equal
the one computed serially.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest

import tmall_service as ts

ROOT = Path(__file__).parents[2]
SHOPS = ROOT / "examples" / "shops.csv"
SEEDS = ("0", "1", "4242")
CLI = [sys.executable, "-m", "tmall_service"]


def run(argv: list[str], seed: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.run([*CLI, *argv], capture_output=True, check=False, env=env, cwd=cwd)


@pytest.mark.parametrize("suffix", [".json", ".csv", ".parquet"])
def test_the_command_writes_the_same_bytes_under_any_hash_seed(tmp_path, suffix):
    pytest.importorskip("pyarrow")
    written = set()
    for seed in SEEDS:
        output = tmp_path / f"results-{seed}{suffix}"
        argv = ["assess", str(SHOPS), "--period", "2024-07", "--output", str(output)]
        done = run(argv, seed, tmp_path)
        assert done.returncode in {0, 3}, done.stderr
        written.add(output.read_bytes())
    assert len(written) == 1


@pytest.mark.parametrize(
    "argv",
    [
        ["assess", str(SHOPS), "--period", "2024-07"],
        ["rules", "show"],
        ["rules", "show", "--scheme", "taobao"],
        ["rules", "show", str(ROOT / "docs" / "examples" / "editions.toml")],
    ],
    ids=["assess-table", "rules-show", "rules-show-taobao", "rules-show-editions"],
)
def test_the_command_prints_the_same_bytes_under_any_hash_seed(tmp_path, argv):
    printed = {run(argv, seed, tmp_path).stdout for seed in SEEDS}
    assert len(printed) == 1
    assert printed.pop()


UNSTRUCTURE = """
import json, sys
import tmall_service as ts
books = [ts.example_rulebook(), ts.example_rulebook(ts.Scheme.TAOBAO),
         ts.load_rulebook(sys.argv[1])]
sys.stdout.write(json.dumps([ts.converter.unstructure(b) for b in books], ensure_ascii=False))
sys.stdout.write(json.dumps(ts.rulebook_json_schema(), ensure_ascii=False))
"""


def test_unstructured_rule_books_and_the_schema_are_the_same_under_any_hash_seed():
    edition = ROOT / "docs" / "examples" / "my-edition.toml"
    outputs = set()
    for seed in SEEDS:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", UNSTRUCTURE, str(edition)],
            capture_output=True,
            check=True,
            env=env,
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    # Names are sorted, so the set of regions cannot show in hash order.
    assert '"regions": ["河南"]' in outputs.pop().decode()


def test_name_sets_unstructure_sorted_whatever_their_order():
    names = [f"地区{i}" for i in range(50)]
    forward = ts.Exemption(
        start=ts.AssessmentPeriod.month(2024, 7).start,
        end=ts.AssessmentPeriod.month(2024, 7).end,
        reason="x",
        regions=names,
    )
    backward = ts.Exemption(start=forward.start, end=forward.end, reason="x", regions=names[::-1])
    assert json.dumps(ts.converter.unstructure(forward)) == json.dumps(
        ts.converter.unstructure(backward)
    )
    assert ts.converter.unstructure(forward)["regions"] == sorted(names)


# Thread safety.

RULES = ts.example_rulebook()
MONTHS = [ts.AssessmentPeriod.month(2024, m) for m in range(1, 13)]
CATEGORIES = [*RULES.profiles, "汽车"]
REGIONS = [None, "河南", "浙江"]


def shop(i: int) -> ts.DimensionScores:
    """A different, deterministic set of scores for each *i*."""
    values = [Decimal((i * 37 + k * 11) % 501).scaleb(-2) for k in range(5)]
    if i % 7 == 0:
        values[i % 5] = None  # type: ignore[call-overload]
    names = [d.value for d in ts.Dimension]
    return ts.DimensionScores(**dict(zip(names, values, strict=True)))


def assess_one(i: int) -> ts.Assessment:
    return ts.assess(
        shop(i),
        category=CATEGORIES[i % len(CATEGORIES)],
        period=MONTHS[i % len(MONTHS)],
        rules=RULES,
        region=REGIONS[i % len(REGIONS)],
    )


def composite_one(i: int) -> Decimal:
    profile = RULES.profiles[list(RULES.profiles)[i % len(RULES.profiles)]]
    return ts.composite_score(shop(i), profile, missing_data=ts.MissingDataPolicy.RENORMALISE)


def standing_one(i: int) -> ts.Standing:
    history = [
        ts.assess(shop(i + m), category="服饰", period=MONTHS[m], rules=RULES) for m in range(6)
    ]
    return ts.standing(history[::-1] if i % 2 else history, RULES)


EDITION_FILES = [
    ROOT / "docs" / "examples" / "my-edition.toml",
    ROOT / "docs" / "examples" / "my-edition.json",
]


def load_one(i: int) -> ts.RuleBook:
    return ts.load_rulebook(EDITION_FILES[i % len(EDITION_FILES)])


@pytest.mark.parametrize(
    "work",
    [assess_one, composite_one, standing_one, load_one],
    ids=["assess", "composite_score", "standing", "load_rulebook"],
)
def test_calls_from_many_threads_give_the_serial_results(work):
    indexes = list(range(400))
    serial = [work(i) for i in indexes]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(work, indexes))
    assert parallel == serial


def test_every_function_at_once_from_many_threads():
    jobs = [(work, i) for i in range(200) for work in (assess_one, composite_one, load_one)]
    serial = [work(i) for work, i in jobs]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(lambda job: job[0](job[1]), jobs))
    assert parallel == serial


def test_assess_frame_from_many_threads_gives_the_serial_results():
    pd = pytest.importorskip("pandas")
    names = [d.value for d in ts.Dimension]
    frames = []
    for start in range(0, 240, 30):
        rows = [ts.converter.unstructure(shop(i)) for i in range(start, start + 30)]
        frame = pd.DataFrame(
            {name: [None if r[name] is None else float(r[name]) for r in rows] for name in names}
        )
        frame["category"] = [CATEGORIES[i % len(CATEGORIES)] for i in range(30)]
        frames.append(frame)
    period = MONTHS[6]

    def work(frame: object) -> list[object]:
        result = ts.assess_frame(frame, rules=RULES, period=period)
        return result["score"].tolist() + result["status"].tolist()

    serial = [work(frame) for frame in frames]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(work, frames * 3))
    assert parallel == serial * 3
