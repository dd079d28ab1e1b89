"""Calls per second of `assess`, and the import time of `tmall_service`.

Both are measured in paired rounds (``_rounds.py``): each round runs every
contender once, in rotating order, and the report gives the median of the
per-round figures and ratios, with their range, never the best of N:

* ``ts.assess`` over varied, realistic shops (the benchmark edition of
  ``_shops.py``: 24 assessed and some excluded categories, a regional and a
  category exemption in force in the period, about 5% of shops in 河南,
  scores on the 0.01 grid with about 2% missing), one thread, in calls per
  second; target at least 150,000. Next to it, a plain-Python float weighted
  sum of the same five numbers (a dict look-up of the category's weights,
  five products, ``round(x, 2)``), and building the
  :class:`~tmall_service.DimensionScores` from the floats before assessing,
  as a loop over a file's rows would.
* ``import tmall_service`` next to ``import attrs, cattrs``, each in a fresh
  interpreter: the cumulative time ``python -X importtime`` reports, and the
  wall-clock time of ``python -c "import ..."`` less that of ``python -c
  pass`` in the same round; target at most 1.5x.

Nothing here is a test: the targets are printed, never enforced.

    python benchmarks/bench_scalar.py
    python benchmarks/bench_scalar.py --shops 50000 --rounds 15 --imports 30
    python benchmarks/bench_scalar.py --quick              # a smoke test for CI
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path

from _rounds import paired_rounds, per_round, rotations, spread, target_line, verdict
from _shops import (
    ASSESSED,
    DIMENSIONS,
    EXCLUDED,
    EXCLUDED_SHARE,
    HENAN,
    HENAN_SHARE,
    NO_REGION_SHARE,
    NULL_SHARE,
    OTHER_REGIONS,
    PERIOD,
    RULES,
    WEIGHTS,
)

import tmall_service as ts

TARGET_CALLS = 150_000
TARGET_IMPORT = 1.5
HEAVY = ("numpy", "pandas", "polars", "pyarrow", "narwhals")

ASSESS = "ts.assess (scores built)"
FLOAT_SUM = "float weighted sum"

Shop = tuple[tuple[float | None, ...], str, str | None]


def shops(count: int, seed: int = 20240601) -> list[Shop]:
    """*count* shops: five scores (or ``None``), a category the edition knows, and a region.

    Drawn like the frames' shops, but without categories the edition does
    not know: ``assess`` refuses those, and a refusal is not a call to time.
    """
    rng = random.Random(seed)
    drawn = []
    for _ in range(count):
        scores = tuple(
            None if rng.random() < NULL_SHARE else min(500, max(0, round(rng.gauss(440, 45)))) / 100
            for _ in DIMENSIONS
        )
        draw = rng.random()
        region = (
            HENAN
            if draw < HENAN_SHARE
            else None
            if draw < HENAN_SHARE + NO_REGION_SHARE
            else rng.choice(OTHER_REGIONS)
        )
        category = rng.choice(EXCLUDED if rng.random() < EXCLUDED_SHARE else ASSESSED)
        drawn.append((scores, category, region))
    return drawn


def contenders(drawn: Sequence[Shop]) -> dict[str, Callable[[], None]]:
    """One pass over *drawn* for everything timed, by the name the report gives it."""
    prepared = [
        (ts.DimensionScores(**dict(zip(DIMENSIONS, scores, strict=True))), category, region)
        for scores, category, region in drawn
    ]
    floats = [
        (*(0.0 if s is None else s for s in scores), category) for scores, category, _ in drawn
    ]
    weights = WEIGHTS
    assess, scores_of = ts.assess, ts.DimensionScores

    def assess_prepared() -> None:
        for scores, category, region in prepared:
            assess(scores, category=category, period=PERIOD, rules=RULES, region=region)

    def build_and_assess() -> None:
        for scores, category, region in drawn:
            product, logistics, after_sales, dispute, consultation = scores
            assess(
                scores_of(
                    product=product,
                    logistics=logistics,
                    after_sales=after_sales,
                    dispute=dispute,
                    consultation=consultation,
                ),
                category=category,
                period=PERIOD,
                rules=RULES,
                region=region,
            )

    def float_sum() -> None:
        for product, logistics, after_sales, dispute, consultation, category in floats:
            w = weights.get(category)
            if w is None:
                continue
            round(
                product * w[0]
                + logistics * w[1]
                + after_sales * w[2]
                + dispute * w[3]
                + consultation * w[4],
                2,
            )

    return {
        ASSESS: assess_prepared,
        "DimensionScores + assess": build_and_assess,
        FLOAT_SUM: float_sum,
    }


def calls(drawn: Sequence[Shop], rounds: int) -> None:
    """Time ``assess`` against the float sum in paired rounds; print calls per second and ratios."""
    functions = contenders(drawn)
    for function in functions.values():  # warm up
        function()
    seconds = paired_rounds(functions, rounds)

    count = len(drawn)
    print(
        f"\n== calls per second, one thread, {count:,} shops per pass, "
        f"median of {rounds} paired rounds (range) =="
    )
    rates = {name: [count / value for value in values] for name, values in seconds.items()}
    for name, values in rates.items():
        print(f"  {name:<26} {spread(values, ' /s', 0)}")
    median = statistics.median(rates[ASSESS])
    print(
        f"  ts.assess: {median:,.0f} calls/s, target ≥ {TARGET_CALLS:,}/s: "
        f"{verdict(median, TARGET_CALLS, at_most=False)}"
    )
    print(
        target_line(
            "ts.assess ÷ float weighted sum (time)",
            per_round(seconds[ASSESS], seconds[FLOAT_SUM]),
            None,
        )
    )


def _importtime(modules: str) -> dict[str, int]:
    """Microseconds per top-level module from one ``python -X importtime`` run."""
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed statement
        [sys.executable, "-X", "importtime", "-c", f"import {modules}"],
        capture_output=True,
        text=True,
        check=True,
    )
    cumulative: dict[str, int] = {}
    selves: dict[str, int] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "[us]" in line:
            continue
        self_us, total_us, name = line.removeprefix("import time:").split("|")
        selves[name.strip()] = int(self_us)
        if name.startswith(" ") and not name.startswith("  "):  # imported at top level
            cumulative[name.strip()] = int(total_us)
    return {"total": sum(cumulative.get(m.strip(), 0) for m in modules.split(","))} | {
        f"self {name}": value for name, value in selves.items()
    }


def _wall(statement: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", statement], check=True)  # noqa: S603 - fixed statement
    return time.perf_counter() - start


def imports(rounds: int) -> None:
    """Time the imports in fresh interpreters, in paired rounds, and print the ratios."""
    statements = {"tmall_service": "tmall_service", "attrs, cattrs": "attrs, cattrs"}
    reports: dict[str, list[dict[str, int]]] = {name: [] for name in statements}
    walls: dict[str, list[float]] = {name: [] for name in (*statements, "pass")}
    steps = [f"importtime {name}" for name in statements] + [f"wall {name}" for name in walls]
    for order in rotations(steps, rounds):
        for step in order:
            kind, name = step.split(" ", 1)
            if kind == "importtime":
                reports[name].append(_importtime(statements[name]))
            else:
                walls[name].append(
                    _wall("pass" if name == "pass" else f"import {statements[name]}")
                )

    print(f"\n== import time, fresh interpreters, median of {rounds} paired rounds (range) ==")
    cumulative = {name: [r["total"] / 1000 for r in runs_] for name, runs_ in reports.items()}
    net = {
        name: [(w - p) * 1000 for w, p in zip(walls[name], walls["pass"], strict=True)]
        for name in statements
    }
    for name in statements:
        print(
            f"  import {name:<14} -X importtime {spread(cumulative[name], ' ms', 1):<28}"
            f" wall less start-up {spread(net[name], ' ms', 1)}"
        )
    print(f"  python -c pass        start-up {spread([w * 1000 for w in walls['pass']], ' ms', 1)}")
    by_importtime = per_round(cumulative["tmall_service"], cumulative["attrs, cattrs"])
    label = "tmall_service ÷ attrs+cattrs, -X importtime"
    print(target_line(label, by_importtime, TARGET_IMPORT))
    pairs = zip(net["tmall_service"], net["attrs, cattrs"], strict=True)
    by_wall = [a / b for a, b in pairs if b > 0]  # a round where start-up noise ate it all: none
    if by_wall:
        print(target_line("tmall_service ÷ attrs+cattrs, wall", by_wall, TARGET_IMPORT))
    # Where the extra time goes: modules attrs and cattrs do not import, by package.
    baseline = {key for r in reports["attrs, cattrs"] for key in r}
    extra: dict[str, float] = {}
    for key in {key for r in reports["tmall_service"] for key in r} - baseline:
        package = key.removeprefix("self ").split(".")[0]
        median = statistics.median(r.get(key, 0) for r in reports["tmall_service"])
        extra[package] = extra.get(package, 0) + median / 1000
    top = sorted(extra.items(), key=lambda item: -item[1])[:8]
    print(
        f"  modules only tmall_service imports: {sum(extra.values()):.1f} ms of self time; "
        "by package:"
    )
    print("    " + ", ".join(f"{name} {ms:.1f} ms" for name, ms in top))
    loaded = subprocess.run(  # noqa: S603 - fixed statement
        [
            sys.executable,
            "-c",
            f"import sys, tmall_service; print([m for m in {HEAVY!r} if m in sys.modules])",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    print(f"  heavy modules loaded by `import tmall_service`: {loaded}")


def main(argv: list[str] | None = None) -> None:
    """Parse the options and report both measurements."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shops", type=int, default=20_000, metavar="N", help="shops per pass")
    parser.add_argument("--rounds", type=int, default=9, metavar="N", help="paired rounds of calls")
    parser.add_argument(
        "--imports", type=int, default=20, metavar="N", help="paired rounds of fresh interpreters"
    )
    parser.add_argument("--quick", action="store_true", help="5,000 shops, 5 rounds: for CI")
    options = parser.parse_args(argv)
    if options.quick:
        options.shops, options.rounds, options.imports = 5_000, 5, 5

    names = ("tmall_service", "attrs", "cattrs")
    print(f"bench_scalar  {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    print("  ".join(f"{name} {version(name)}" for name in names))
    print(f"tmall_service imported from {Path(ts.__file__).parent}")
    print(f"rule book: {RULES.name}; period {PERIOD.start}..{PERIOD.end}")
    calls(shops(options.shops), options.rounds)
    imports(options.imports)


if __name__ == "__main__":
    main()
