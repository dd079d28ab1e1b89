"""Time and memory of `assess_frame` next to what a user would write instead.

For each size, one realistic frame of shops is built, once as pandas and once
as polars, and these are timed in the same process, interleaved, best of
``--repeat`` runs (by default more runs for smaller sizes):

* ``assess_frame`` on the pandas frame and on the polars frame;
* A, the pandas one-liner: merge a weights table by category, multiply, sum,
  round to two places;
* A', the same one-liner in polars: join and one expression;
* B, a bare numpy weighted sum of pre-aligned ``(rows, 5)`` float arrays,
  then ``np.round``.

The baselines are floats: they round the binary sum half to even, give NaN
for a missing score or an unassessed category, and know nothing of statuses,
exemptions or stars. ``assess_frame`` does all of that exactly. The script
also counts the rows where the float one-liner shows a different score.

Memory is the peak of one call next to the input frame's own size (pandas'
``memory_usage(deep=True)``, polars' ``estimated_size()``), measured two ways
in a fresh process per call, so that no allocator holds memory freed by an
earlier run: the allocations Python sees (tracemalloc, which numpy reports
to) plus the peak of pyarrow's memory pool, and the process's resident-set
high-water mark above its level just before the call. Only the second sees
what polars allocates in Rust.

Nothing here is a test: the targets are printed, never enforced.

    python benchmarks/bench_frames.py                  # 100k, 1M and 10M rows
    python benchmarks/bench_frames.py --rows 1000000 --repeat 3
    python benchmarks/bench_frames.py --quick          # 100k only, a smoke test
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
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

SLICE = 1_000_000
MB = 1024 * 1024
TARGET_VS_PANDAS = 1.0
TARGET_VS_NUMPY = 3.0
TARGET_MEMORY = 2.0


# -- the input ---------------------------------------------------------------


class Inputs:
    """One set of shops, as pandas, polars, and pre-aligned numpy arrays."""

    def __init__(self, rows: int, seed: int = 20240601) -> None:
        """Draw *rows* shops from a fixed seed, so every run sees the same data."""
        rng = np.random.default_rng(seed)
        category_codes = rng.integers(0, len(CATEGORIES), rows)
        region_codes = rng.integers(0, len(OTHER_REGIONS), rows) + 1
        region_codes[rng.random(rows) < HENAN_SHARE] = 0
        columns: dict[str, pa.Array] = {
            "category": pa.array(CATEGORIES).take(pa.array(category_codes)),
            "region": pa.array((HENAN, *OTHER_REGIONS)).take(pa.array(region_codes)),
        }
        scores = np.empty((rows, len(DIMENSIONS)), dtype=np.float64)
        for index, name in enumerate(DIMENSIONS):
            # Dashboard scores: two decimal places, most shops between 3.5 and 5.
            hundredths = np.clip(np.rint(rng.normal(440, 45, rows)), 0, 500)
            values = hundredths / 100
            missing = rng.random(rows) < NULL_SHARE
            columns[name] = pa.array(values, mask=missing)
            values[missing] = np.nan
            scores[:, index] = values
        table = pa.table(columns)
        # What read_parquet gives: pandas 3 `str` columns and float64 with NaN.
        self.pandas = table.to_pandas()
        self.polars = pl.from_arrow(table)
        del table, columns
        weight_rows = [
            [float(getattr(RULES.profiles[c], n)) for n in DIMENSIONS]
            if c in RULES.profiles
            else [np.nan] * len(DIMENSIONS)
            for c in CATEGORIES
        ]
        self.scores = scores
        self.weights = np.asarray(weight_rows)[category_codes]
        table_columns = {"category": list(CATEGORIES)} | {
            f"w_{n}": [row[i] for row in weight_rows] for i, n in enumerate(DIMENSIONS)
        }
        self.pandas_weights = pd.DataFrame(table_columns)
        self.polars_weights = pl.DataFrame(table_columns)


# -- what is timed -------------------------------------------------------------


def assess(frame: Any) -> Any:  # noqa: ANN401 - a pandas or a polars frame
    """The library's frame path, with the example rule book."""
    return ts.assess_frame(frame, rules=RULES, period=PERIOD)


def pandas_one_liner(frame: pd.DataFrame, weights: pd.DataFrame) -> pd.DataFrame:
    """A: merge the weights on, weigh, sum, round (``df.product`` is a method: brackets)."""
    df = frame.merge(weights, on="category", how="left")
    df["score"] = (
        df["product"] * df["w_product"]
        + df["logistics"] * df["w_logistics"]
        + df["after_sales"] * df["w_after_sales"]
        + df["dispute"] * df["w_dispute"]
        + df["consultation"] * df["w_consultation"]
    ).round(2)
    return df


def polars_one_liner(frame: pl.DataFrame, weights: pl.DataFrame) -> pl.DataFrame:
    """A': the same in polars, a join and one expression."""
    return frame.join(weights, on="category", how="left").with_columns(
        score=(
            pl.col("product") * pl.col("w_product")
            + pl.col("logistics") * pl.col("w_logistics")
            + pl.col("after_sales") * pl.col("w_after_sales")
            + pl.col("dispute") * pl.col("w_dispute")
            + pl.col("consultation") * pl.col("w_consultation")
        ).round(2)
    )


def numpy_sum(scores: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """B: the bare arithmetic, on arrays already aligned row by row."""
    return np.round((scores * weights).sum(axis=1), 2)


def in_slices(frame: Any, rows: int) -> Any:  # noqa: ANN401 - a pandas or a polars frame
    """``assess_frame`` on consecutive slices of *rows* rows, concatenated.

    Not a baseline: a diagnostic of whether splitting a large frame by hand
    pays. It should not: ``assess_frame`` works through a frame in small
    chunks of its own, and slicing and concatenating cost time.
    """
    if isinstance(frame, pl.DataFrame):
        return pl.concat([assess(frame.slice(i, rows)) for i in range(0, len(frame), rows)])
    return pd.concat([assess(frame.iloc[i : i + rows]) for i in range(0, len(frame), rows)])


def contenders(inputs: Inputs) -> dict[str, Callable[[], object]]:
    """Everything timed, by the name the report gives it."""
    functions: dict[str, Callable[[], object]] = {
        "assess_frame, pandas": lambda: assess(inputs.pandas),
        "assess_frame, polars": lambda: assess(inputs.polars),
        "A  pandas one-liner": lambda: pandas_one_liner(inputs.pandas, inputs.pandas_weights),
        "A' polars one-liner": lambda: polars_one_liner(inputs.polars, inputs.polars_weights),
        "B  numpy weighted sum": lambda: numpy_sum(inputs.scores, inputs.weights),
    }
    if len(inputs.scores) > SLICE:
        functions |= {
            "(in 1M slices, pandas)": lambda: in_slices(inputs.pandas, SLICE),
            "(in 1M slices, polars)": lambda: in_slices(inputs.polars, SLICE),
        }
    return functions


def timings(
    functions: dict[str, Callable[[], object]], repeat: int
) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    """Wall and kernel seconds of each function, run in turn so that other load hits all alike."""
    seconds: dict[str, list[float]] = {name: [] for name in functions}
    kernel: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeat):
        for name, function in functions.items():
            gc.collect()
            before = resource.getrusage(resource.RUSAGE_SELF).ru_stime
            start = time.perf_counter()
            result = function()
            seconds[name].append(time.perf_counter() - start)
            kernel[name].append(resource.getrusage(resource.RUSAGE_SELF).ru_stime - before)
            del result
    return seconds, kernel


# -- memory --------------------------------------------------------------------


def _status_kb(field: str) -> int | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def _release_free_memory() -> None:
    gc.collect()
    pa.default_memory_pool().release_unused()
    with contextlib.suppress(OSError, AttributeError):  # glibc only
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def rss_peak(function: Callable[[], object]) -> int | None:
    """Bytes of resident memory above the level before the call, at its highest."""
    _release_free_memory()
    try:
        # Writing 5 resets the process's peak resident set size (Linux 4.0+).
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return None
    before = _status_kb("VmRSS")
    result = function()
    peak = _status_kb("VmHWM")
    del result
    if before is None or peak is None:
        return None
    return (peak - before) * 1024


def traced_peak(function: Callable[[], object]) -> tuple[int, int]:
    """Peak bytes tracemalloc saw (numpy included) and peak bytes in pyarrow's pool."""
    _release_free_memory()
    default_pool = pa.default_memory_pool()
    # A proxy pool counts this call's pyarrow allocations apart from earlier ones.
    pool = pa.proxy_memory_pool(default_pool)
    pa.set_memory_pool(pool)
    tracemalloc.start()
    try:
        result = function()
        _, python_peak = tracemalloc.get_traced_memory()
        arrow_peak = pool.max_memory()
        del result  # its buffers belong to the proxy pool: free them while it lives
        gc.collect()
    finally:
        tracemalloc.stop()
        pa.set_memory_pool(default_pool)
    return python_peak, arrow_peak


def memory_probe(name: str, rows: int) -> None:
    """In a child process: build the input, measure one call of *name*, print JSON."""
    contenders(Inputs(1_000))[name]()  # imports and first-call caches, before measuring
    function = contenders(Inputs(rows))[name]
    rss = rss_peak(function)
    python_peak, arrow_peak = traced_peak(function)
    print(json.dumps({"python": python_peak, "arrow": arrow_peak, "rss": rss}))


def measure_memory(name: str, rows: int) -> dict[str, Any]:
    """Peak bytes of one call of *name* on *rows* rows, measured in a fresh process."""
    command = [sys.executable, __file__, "--probe", name, "--rows", str(rows)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


# -- how right the float one-liner is -----------------------------------------


def float_disagreements(inputs: Inputs) -> tuple[int, int]:
    """Fully scored rows, and how many of them the pandas one-liner shows differently."""
    exact = assess(inputs.pandas)
    floats = pandas_one_liner(inputs.pandas, inputs.pandas_weights)["score"].to_numpy()
    cents = pc.cast(pc.multiply(pa.array(exact["score"]), 100), pa.int64()).to_numpy(
        zero_copy_only=False
    )
    scored = (exact["status"] == "scored").to_numpy() & ~np.isnan(floats)
    differs = scored & (np.rint(floats * 100) != cents)
    return int(scored.sum()), int(differs.sum())


def fallback_rates(rows: int = 20_000, repeat: int = 3) -> None:
    """Rows per second when every row has a seven-place score: the exact scalar path."""
    inputs = Inputs(rows)
    print(f"\n== the scalar fallback: {rows:,} rows, each with a seven-place product score ==")
    # 4.37 → 4.3700001: off the millionths grid, so every row goes through `assess`.
    finer = np.minimum(np.nan_to_num(inputs.scores[:, 0], nan=4.0), 4.99) + 1e-7
    frames = {
        "pandas": inputs.pandas.assign(product=finer),
        "polars": inputs.polars.with_columns(pl.Series("product", finer)),
    }
    for name, frame in frames.items():
        seconds = min(timings({name: lambda frame=frame: assess(frame)}, repeat)[0][name])
        print(f"    assess_frame, {name}: {rows / seconds:>10,.0f} rows/s on the scalar path")


# -- reporting -----------------------------------------------------------------


def verdict(ratio: float, target: float, *, strict: bool = False) -> str:
    """Whether *ratio* meets *target*, and if not, by how much it misses."""
    if ratio < target or (ratio == target and not strict):
        return "met"
    return f"missed, {ratio / target:.2f}x the target"


def default_repeat(rows: int) -> int:
    """More runs for small sizes, whose times other load disturbs the most."""
    return max(5, min(30, round(10 * (1_000_000 / rows) ** 0.5)))


def report_size(rows: int, repeat: int) -> dict[str, float]:
    """Build one size, time and measure everything on it, print, return the ratios."""
    started = time.perf_counter()
    inputs = Inputs(rows)
    built = time.perf_counter() - started
    pandas_bytes = int(inputs.pandas.memory_usage(deep=True).sum())
    polars_bytes = int(inputs.polars.estimated_size())
    print(f"\n== {rows:,} rows ==  (built in {built:.1f} s)")
    print(
        f"input frame: pandas {pandas_bytes / MB:,.1f} MB, polars {polars_bytes / MB:,.1f} MB; "
        f"numpy arrays for B: {(inputs.scores.nbytes + inputs.weights.nbytes) / MB:,.1f} MB"
    )

    functions = contenders(inputs)
    seconds, kernel = timings(functions, repeat)
    best = {name: min(values) for name, values in seconds.items()}
    print(f"\n  seconds of {repeat} runs: best, median, and the median spent in the kernel")
    for name, values in seconds.items():
        print(
            f"    {name:<24} {best[name]:>9.4f} {statistics.median(values):>9.4f}"
            f" {statistics.median(kernel[name]):>9.4f}   {rows / best[name] / 1e6:>7.2f} M rows/s"
        )

    on_pandas, on_polars = best["assess_frame, pandas"], best["assess_frame, polars"]
    ratios = {
        "pandas ÷ A": on_pandas / best["A  pandas one-liner"],
        "polars ÷ A": on_polars / best["A  pandas one-liner"],
        "polars ÷ A'": on_polars / best["A' polars one-liner"],
        "pandas ÷ B": on_pandas / best["B  numpy weighted sum"],
        "polars ÷ B": on_polars / best["B  numpy weighted sum"],
    }
    # Faster than the pandas one-liner on both libraries; within 3x of bare numpy.
    targets = {"pandas ÷ A": TARGET_VS_PANDAS, "polars ÷ A": TARGET_VS_PANDAS}
    targets |= {"pandas ÷ B": TARGET_VS_NUMPY, "polars ÷ B": TARGET_VS_NUMPY}
    print("\n  ratios of best times (assess_frame on ... ÷ baseline)")
    for name, ratio in ratios.items():
        target = targets.get(name)
        strict = name.endswith("÷ A")  # faster than the one-liner, strictly
        sign = "<" if strict else "≤"
        goal = (
            f"target {sign} {target:g}: {verdict(ratio, target, strict=strict)}"
            if target
            else "no target"
        )
        print(f"    {name:<12} {ratio:>7.2f}   {goal}")
    if "(in 1M slices, pandas)" in best:
        sliced_pandas = best["(in 1M slices, pandas)"] / best["A  pandas one-liner"]
        sliced_polars = best["(in 1M slices, polars)"] / best["A' polars one-liner"]
        print(
            f"    diagnostic, assess_frame in 1M slices: pandas ÷ A {sliced_pandas:.2f}, "
            f"polars ÷ A' {sliced_polars:.2f}"
        )

    print("\n  peak memory of one call ÷ input frame (each in a fresh process)")
    memory: dict[str, float] = {}
    for name, frame_bytes in (
        ("assess_frame, pandas", pandas_bytes),
        ("assess_frame, polars", polars_bytes),
        ("A  pandas one-liner", pandas_bytes),
        ("A' polars one-liner", polars_bytes),
    ):
        probe = measure_memory(name, rows)
        traced = probe["python"] + probe["arrow"]
        memory[name] = traced / frame_bytes
        rss = probe["rss"]
        rss_text = "n/a" if rss is None else f"{rss / MB:>8,.1f} MB = {rss / frame_bytes:.2f}x"
        print(
            f"    {name:<24} traced {probe['python'] / MB:>8,.1f} + arrow "
            f"{probe['arrow'] / MB:>7,.1f} MB = {traced / frame_bytes:.2f}x;  RSS {rss_text}"
        )
        if rss is not None:
            memory[name] = max(memory[name], rss / frame_bytes)
    for name in ("assess_frame, pandas", "assess_frame, polars"):
        print(
            f"    {name}, the larger of traced and RSS: {memory[name]:.2f}x, "
            f"target ≤ {TARGET_MEMORY:g}x: {verdict(memory[name], TARGET_MEMORY)}"
        )

    scored, differs = float_disagreements(inputs)
    print(
        f"\n  the pandas one-liner shows another score than assess_frame on {differs:,} of "
        f"{scored:,} fully scored rows ({differs / scored:.2%})"
    )
    return {
        "rows": rows,
        **{f"s {name}": value for name, value in best.items()},
        **ratios,
        "mem pandas": memory["assess_frame, pandas"],
        "mem polars": memory["assess_frame, polars"],
    }


def summary(results: list[dict[str, float]]) -> None:
    """One line per size: the ratios and the memory, side by side."""
    print("\n== summary: ratios of best times; peak memory ÷ input (larger of traced and RSS) ==")
    columns = (
        "pandas ÷ A",
        "polars ÷ A",
        "polars ÷ A'",
        "pandas ÷ B",
        "polars ÷ B",
        "mem pandas",
        "mem polars",
    )
    print(f"  {'rows':>12} " + " ".join(f"{c:>12}" for c in columns))
    for result in results:
        cells = " ".join(f"{result[c]:>12.2f}" for c in columns)
        print(f"  {int(result['rows']):>12,} {cells}")
    print("  targets: ÷ A < 1, ÷ B ≤ 3, memory ≤ ~2; numbers, not tests")


def main(argv: list[str] | None = None) -> None:
    """Parse the options, warm up, and report every size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, nargs="+", default=[100_000, 1_000_000, 10_000_000], metavar="N"
    )
    parser.add_argument(
        "--repeat", type=int, metavar="N", help="runs per timing (default: 30, 10, 5 by size)"
    )
    parser.add_argument("--quick", action="store_true", help="100,000 rows only")
    parser.add_argument("--probe", metavar="NAME", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.probe:
        memory_probe(options.probe, options.rows[0])
        return
    sizes = [100_000] if options.quick else options.rows

    names = ("tmall_service", "numpy", "pandas", "polars", "pyarrow", "narwhals")
    print(f"bench_frames  {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, polars threads {pl.thread_pool_size()}"
    )
    print("  ".join(f"{name} {version(name)}" for name in names))

    # Warm up: the first call imports numpy, pyarrow and narwhals and fills caches.
    timings(contenders(Inputs(10_000)), 1)
    results = [report_size(rows, options.repeat or default_repeat(rows)) for rows in sizes]
    fallback_rates()
    summary(results)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
