"""Calls per second of `assess`, and the import time of `tmall_service`.

Both are measured next to a baseline in the same run, and the ratio printed:

* ``ts.assess`` over varied, realistic shops (five categories of the example
  rule book plus one it does not assess, about 5% of shops in 河南, scores on
  the 0.01 grid with about 2% missing), one thread, best of ``--repeat``
  passes; next to a plain-Python float weighted sum of the same five numbers
  (a dict look-up of the category's weights, five products, ``round(x, 2)``).
  Building the :class:`~tmall_service.DimensionScores` from the floats, as a
  loop over a file's rows would, is timed too, apart.
* ``import tmall_service`` next to ``import attrs, cattrs``, each in a fresh
  interpreter: the cumulative time ``python -X importtime`` reports, and the
  wall-clock time of ``python -c "import ..."`` less that of ``python -c pass``.

Nothing here is a test: the targets are printed, never enforced.

    python benchmarks/bench_scalar.py
    python benchmarks/bench_scalar.py --shops 50000 --repeat 9 --imports 30
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from importlib.metadata import version

from _shops import (
    CATEGORIES,
    DIMENSIONS,
    HENAN,
    HENAN_SHARE,
    NULL_SHARE,
    OTHER_REGIONS,
    PERIOD,
    RULES,
)

import tmall_service as ts

TARGET_CALLS = 100_000
HEAVY = ("numpy", "pandas", "polars", "pyarrow", "narwhals")

Shop = tuple[tuple[float | None, ...], str, str]


def shops(count: int, seed: int = 20240601) -> list[Shop]:
    """*count* shops: five scores (or ``None``), a category and a region."""
    rng = random.Random(seed)
    drawn = []
    for _ in range(count):
        scores = tuple(
            None if rng.random() < NULL_SHARE else min(500, max(0, round(rng.gauss(440, 45)))) / 100
            for _ in DIMENSIONS
        )
        region = HENAN if rng.random() < HENAN_SHARE else rng.choice(OTHER_REGIONS)
        drawn.append((scores, rng.choice(CATEGORIES), region))
    return drawn


def passes(function: Callable[[], object], repeat: int) -> list[float]:
    """Seconds of *repeat* passes of *function*."""
    seconds = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - start)
    return seconds


def contenders(drawn: Sequence[Shop]) -> dict[str, Callable[[], None]]:
    """One pass over *drawn* for everything timed, by the name the report gives it."""
    prepared = [
        (ts.DimensionScores(**dict(zip(DIMENSIONS, scores, strict=True))), category, region)
        for scores, category, region in drawn
    ]
    floats = [
        (*(0.0 if s is None else s for s in scores), category) for scores, category, _ in drawn
    ]
    weights = {
        category: tuple(float(getattr(profile, name)) for name in DIMENSIONS)
        for category, profile in RULES.profiles.items()
    }
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
        "ts.assess (scores built)": assess_prepared,
        "DimensionScores + assess": build_and_assess,
        "float weighted sum": float_sum,
    }


def calls(drawn: Sequence[Shop], repeat: int) -> None:
    """Time ``assess`` against the float sum, and print calls per second and the ratio."""
    functions = contenders(drawn)
    for function in functions.values():  # warm up
        function()
    seconds: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeat):  # in turn, so that other load hits all alike
        for name, function in functions.items():
            seconds[name] += passes(function, 1)

    count = len(drawn)
    print(f"\n== calls per second, one thread, {count:,} shops per pass, best of {repeat} ==")
    best = {name: count / min(values) for name, values in seconds.items()}
    for name, values in seconds.items():
        median = count / statistics.median(values)
        print(f"  {name:<26} {best[name]:>12,.0f} /s   (median {median:>10,.0f} /s)")
    ratio = best["float weighted sum"] / best["ts.assess (scores built)"]
    met = "met" if best["ts.assess (scores built)"] >= TARGET_CALLS else "missed"
    print(f"  ts.assess is {ratio:,.0f}x slower than the float sum")
    share = best["ts.assess (scores built)"] / TARGET_CALLS
    print(f"  target ≥ {TARGET_CALLS:,}/s: {met} ({share:.0%} of the target)")


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


def imports(runs: int) -> None:
    """Time the imports in fresh interpreters and print the ratios."""
    statements = {"tmall_service": "tmall_service", "attrs, cattrs": "attrs, cattrs"}
    reports: dict[str, list[dict[str, int]]] = {name: [] for name in statements}
    walls: dict[str, list[float]] = {name: [] for name in (*statements, "pass")}
    for _ in range(runs):
        for name, modules in statements.items():
            reports[name].append(_importtime(modules))
            walls[name].append(_wall(f"import {modules}"))
        walls["pass"].append(_wall("pass"))

    print(f"\n== import time, fresh interpreter, median of {runs} ==")
    cumulative = {
        name: statistics.median(r["total"] for r in runs_) / 1000 for name, runs_ in reports.items()
    }
    start_up = statistics.median(walls["pass"])
    net = {name: (statistics.median(walls[name]) - start_up) * 1000 for name in statements}
    print(f"  {'':<16} {'-X importtime':>14} {'wall less start-up':>20}")
    for name in statements:
        print(f"  import {name:<9} {cumulative[name]:>11.1f} ms {net[name]:>17.1f} ms")
    print(f"  python -c pass   {'':>14} {start_up * 1000:>17.1f} ms (start-up)")
    print(
        "  ratio tmall_service ÷ attrs+cattrs: "
        f"{cumulative['tmall_service'] / cumulative['attrs, cattrs']:.2f} (-X importtime), "
        f"{net['tmall_service'] / net['attrs, cattrs']:.2f} (wall)"
    )
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
    parser.add_argument("--repeat", type=int, default=7, metavar="N", help="passes per timing")
    parser.add_argument("--imports", type=int, default=20, metavar="N", help="fresh interpreters")
    options = parser.parse_args(argv)

    names = ("tmall_service", "attrs", "cattrs")
    print(f"bench_scalar  {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    print("  ".join(f"{name} {version(name)}" for name in names))
    calls(shops(options.shops), options.repeat)
    imports(options.imports)


if __name__ == "__main__":
    main()
