"""Time and memory of `assess_frame` next to the fastest code a user would write instead.

For each size (100k, 1M and 10M rows by default) one set of shops is drawn
(``_shops.py``: 24 assessed categories, excluded and unknown ones, a
regional and a category exemption in force in the period, about 2% missing
scores) and timed in paired rounds (``_rounds.py``): each round runs every
contender once, in rotating order, and each ratio is taken within its round.
The report gives the median of the per-round ratios and their range, each
next to its target, with ``met`` or ``MISSED``.

The contenders:

* ``assess_frame(..., errors="flag")`` on the pandas frame (``str`` and
  ``float64`` columns, as ``read_parquet`` gives) and on the polars frame
  (several chunks, as ``read_parquet`` gives); unknown categories come back
  flagged in an ``error`` column;
* fast pandas: ``pd.factorize`` the category, a small ``(categories, 5)``
  float table of weights aligned to the uniques (NaN without weights),
  ``take`` each weight column by the codes, multiply-add the five score
  columns, ``np.round(..., 2)``; target: ``assess_frame`` ≤ 1.0x it;
* the numpy lower bound: category codes already given as an int array,
  ``take`` the weights, multiply-add, round; target ≤ 2.5x;
* the ``merge`` one-liner (pandas) and the ``join`` one-liner (polars), kept
  as extra lines: they are slow, so a ratio to them flatters ``assess_frame``.

The float baselines know no rules: they sum binary floats and round half to
even, give NaN for a missing score or a category without weights, and know
nothing of statuses, exemptions, stars or bad cells. ``assess_frame`` does
all of that exactly, and is held to beat them anyway.

Then, in rounds of their own: the same scores as text columns (pandas
``str`` and ``object``, polars ``Utf8``) ÷ the float columns, target ≤ 2x;
100-row frames ÷ a Python loop of ``ts.assess`` over the same 100 rows,
target ≤ 1x. Memory: the peak of one call ÷ the input frame's size,
measured in a fresh process, target ≤ 1.5x.

Nothing here is a test: the targets are printed, never enforced.

    python benchmarks/bench_frames.py                     # 100k, 1M and 10M rows
    python benchmarks/bench_frames.py --rows 1000000 --rounds 5 --text-rounds 2
    python benchmarks/bench_frames.py --quick             # 100k rows, few rounds
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import datetime as dt
import gc
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
from _rounds import paired_rounds, per_round, seconds_lines, spread, target_line, verdict
from _shops import DIMENSIONS, PERIOD, RULES, WEIGHTS, all_categories, category_codes, shop_table

import tmall_service as ts

MB = 1024 * 1024
SEED = 20240601
TARGET_VS_FAST_PANDAS = 1.0
TARGET_VS_NUMPY = 2.5
TARGET_TEXT = 2.0
TARGET_SMALL = 1.0
TARGET_MEMORY = 1.5
POLARS_PIECE = 100_000  # rows per chunk of the polars input, as row groups give
SMALL_ROWS = 100
SMALL_SEED = 1  # a draw of 100 rows with one category unknown to the edition, like 1% of all
OBJECT_TEXT_MAX_ROWS = 1_000_000  # object columns above this need gigabytes of Python strings
NO_WEIGHTS = (math.nan,) * len(DIMENSIONS)


# -- the inputs ------------------------------------------------------------------------


def multi_chunk(table: pa.Table) -> pl.DataFrame:
    """A polars frame of several chunks, like ``pl.read_parquet`` of a file of row groups.

    Pieces of 100k rows, or a quarter of the rows if that is smaller, so
    that even a 100k-row frame has several chunks.
    """
    piece = max(1, min(POLARS_PIECE, table.num_rows // 4))
    pieces = [pl.from_arrow(table.slice(start, piece)) for start in range(0, table.num_rows, piece)]
    return pl.concat(pieces, rechunk=False)


def as_text(table: pa.Table) -> pa.Table:
    """*table* with each score written as text with two decimal places (``"4.40"``), nulls kept."""
    for name in DIMENSIONS:
        hundredths = pc.cast(pc.round(pc.multiply(table[name], 100)), pa.int64())
        digits = pc.utf8_lpad(pc.cast(hundredths, pa.string()), 3, "0")
        text = pc.binary_join_element_wise(
            pc.utf8_slice_codeunits(digits, 0, -2), pc.utf8_slice_codeunits(digits, -2), "."
        )
        table = table.set_column(table.schema.get_field_index(name), name, text)
    return table


class Inputs:
    """One set of shops: pandas and polars frames, and what the baselines start from."""

    def __init__(self, rows: int, seed: int = SEED) -> None:
        """Draw *rows* shops from a fixed seed, so every run sees the same data."""
        table = shop_table(rows, seed)
        self.rows = rows
        # What read_parquet gives: pandas 3 `str` columns and float64 with NaN.
        self.pandas = table.to_pandas()
        self.polars = multi_chunk(table)
        # The numpy lower bound starts from category codes and float arrays.
        self.codes = category_codes(rows, seed).astype(np.intp)
        self.scores = [self.pandas[name].to_numpy() for name in DIMENSIONS]
        self.weights = np.array([WEIGHTS.get(name, NO_WEIGHTS) for name in all_categories()])
        columns = {"category": list(all_categories())} | {
            f"w_{name}": self.weights[:, index].tolist() for index, name in enumerate(DIMENSIONS)
        }
        self.pandas_weights = pd.DataFrame(columns)
        self.polars_weights = pl.DataFrame(columns)

    def sizes(self) -> tuple[int, int]:
        """Bytes of the pandas frame (``memory_usage(deep=True)``) and the polars frame."""
        return int(self.pandas.memory_usage(deep=True).sum()), int(self.polars.estimated_size())


def text_frames(rows: int, seed: int = SEED) -> dict[str, Any]:
    """The same shops with text score columns, by the name the report gives each."""
    table = as_text(shop_table(rows, seed))
    frames: dict[str, Any] = {"text, pandas str": table.to_pandas()}
    if rows <= OBJECT_TEXT_MAX_ROWS:
        frames["text, pandas object"] = frames["text, pandas str"].astype(
            dict.fromkeys(DIMENSIONS, object)
        )
    frames["text, polars Utf8"] = multi_chunk(table)
    return frames


# -- what is timed -------------------------------------------------------------------------


def assess(frame: Any) -> Any:  # noqa: ANN401 - a pandas or a polars frame
    """The library's frame path, with the benchmark edition, unknown categories flagged."""
    return ts.assess_frame(frame, rules=RULES, period=PERIOD, errors="flag")


def fast_pandas(frame: pd.DataFrame) -> pd.DataFrame:
    """The fast pandas code: factorize, a small weights table, take, multiply-add, round."""
    codes, uniques = pd.factorize(frame["category"])
    table = np.array([WEIGHTS.get(name, NO_WEIGHTS) for name in uniques])
    score = frame["product"].to_numpy() * table[:, 0].take(codes)
    for index, name in enumerate(DIMENSIONS[1:], start=1):
        score += frame[name].to_numpy() * table[:, index].take(codes)
    return frame.assign(score=np.round(score, 2))


def numpy_bound(codes: np.ndarray, scores: Sequence[np.ndarray], table: np.ndarray) -> np.ndarray:
    """The numpy lower bound: codes given; gather the weights, multiply-add, round."""
    score = scores[0] * table[:, 0].take(codes)
    for index in range(1, len(DIMENSIONS)):
        score += scores[index] * table[:, index].take(codes)
    return np.round(score, 2)


def merge_one_liner(frame: pd.DataFrame, weights: pd.DataFrame) -> pd.DataFrame:
    """The ``merge`` one-liner: slower than the fast pandas code, so a flattering baseline."""
    df = frame.merge(weights, on="category", how="left")
    df["score"] = (
        df["product"] * df["w_product"]
        + df["logistics"] * df["w_logistics"]
        + df["after_sales"] * df["w_after_sales"]
        + df["dispute"] * df["w_dispute"]
        + df["consultation"] * df["w_consultation"]
    ).round(2)
    return df


def join_one_liner(frame: pl.DataFrame, weights: pl.DataFrame) -> pl.DataFrame:
    """The polars ``join`` one-liner, likewise a flattering baseline."""
    return frame.join(weights, on="category", how="left").with_columns(
        score=(
            pl.col("product") * pl.col("w_product")
            + pl.col("logistics") * pl.col("w_logistics")
            + pl.col("after_sales") * pl.col("w_after_sales")
            + pl.col("dispute") * pl.col("w_dispute")
            + pl.col("consultation") * pl.col("w_consultation")
        ).round(2)
    )


FRAME_PANDAS = "assess_frame, pandas"
FRAME_POLARS = "assess_frame, polars"
FAST_PANDAS = "fast pandas (factorize, take)"
NUMPY_BOUND = "numpy lower bound (codes given)"
MERGE = "merge one-liner, pandas"
JOIN = "join one-liner, polars"


def contenders(inputs: Inputs) -> dict[str, Callable[[], object]]:
    """Everything timed on the float frames, by the name the report gives it."""
    return {
        FRAME_PANDAS: lambda: assess(inputs.pandas),
        FRAME_POLARS: lambda: assess(inputs.polars),
        FAST_PANDAS: lambda: fast_pandas(inputs.pandas),
        NUMPY_BOUND: lambda: numpy_bound(inputs.codes, inputs.scores, inputs.weights),
        MERGE: lambda: merge_one_liner(inputs.pandas, inputs.pandas_weights),
        JOIN: lambda: join_one_liner(inputs.polars, inputs.polars_weights),
    }


def assess_loop(columns: Sequence[list[Any]]) -> list[object]:
    """``ts.assess`` row by row over lists of category, region and scores; refusals kept."""
    results: list[object] = []
    assess_one, scores_of = ts.assess, ts.DimensionScores
    for category, region, *cells in zip(*columns, strict=True):
        # A missing cell is NaN in pandas and None in polars: both are None here.
        scores = [None if cell is None or cell != cell else cell for cell in cells]  # noqa: PLR0124 - NaN is the one value not equal to itself
        try:
            results.append(
                assess_one(
                    scores_of(**dict(zip(DIMENSIONS, scores, strict=True))),
                    category=category,
                    period=PERIOD,
                    rules=RULES,
                    region=region if isinstance(region, str) else None,
                )
            )
        except ts.UnknownCategoryError as error:
            results.append(error)
    return results


def loop_over(frame: Any) -> list[object]:  # noqa: ANN401 - a pandas or a polars frame
    """What a user writes instead of ``assess_frame`` for a small frame: a loop from its columns."""
    return assess_loop([frame[name].to_list() for name in ("category", "region", *DIMENSIONS)])


# -- memory ------------------------------------------------------------------------------------


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
    done = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603 - runs this package's own command
    result: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return result


# -- reporting ---------------------------------------------------------------------------------


def outcome(inputs: Inputs) -> tuple[str, int, int]:
    """What ``assess_frame`` decided, and the fully scored rows the fast pandas code shows apart."""
    exact = assess(inputs.pandas)
    counts = exact["status"].value_counts(dropna=False)
    parts = [f"{count:,} {status}" for status, count in counts.items() if isinstance(status, str)]
    flagged = int(exact["error"].notna().sum())
    decided = ", ".join(parts) + f"; {flagged:,} flagged (category unknown to the edition)"
    floats = fast_pandas(inputs.pandas)["score"].to_numpy()
    cents = pc.cast(pc.multiply(pa.array(exact["score"]), 100), pa.int64()).to_numpy(
        zero_copy_only=False
    )
    scored = (exact["status"] == "scored").to_numpy(dtype=bool, na_value=False)
    scored &= ~np.isnan(floats)
    differs = scored & (np.rint(floats * 100) != np.nan_to_num(cents))
    return decided, int(scored.sum()), int(differs.sum())


def report_floats(inputs: Inputs, rounds: int) -> dict[str, float]:
    """Time the float frames against the baselines in paired rounds; print; return the medians."""
    seconds = paired_rounds(contenders(inputs), rounds)
    print("\n".join(seconds_lines(seconds, inputs.rows)))
    print("\n  assess_frame ÷ baseline: median of the per-round ratios (min–max)")
    lines = (
        (FRAME_PANDAS, FAST_PANDAS, TARGET_VS_FAST_PANDAS),
        (FRAME_POLARS, FAST_PANDAS, TARGET_VS_FAST_PANDAS),
        (FRAME_PANDAS, NUMPY_BOUND, TARGET_VS_NUMPY),
        (FRAME_POLARS, NUMPY_BOUND, TARGET_VS_NUMPY),
        (FRAME_PANDAS, MERGE, None),
        (FRAME_POLARS, JOIN, None),
    )
    medians: dict[str, float] = {}
    for numerator, denominator, target in lines:
        ratios = per_round(seconds[numerator], seconds[denominator])
        label = f"{numerator.removeprefix('assess_frame, ')} ÷ {denominator}"
        line = target_line(label, ratios, target)
        if target is None:
            line = line.replace("no target", "no target: a slow baseline, flattering")
        print(line)
        medians[label] = statistics.median(ratios)
    return medians


def report_text(rows: int, inputs: Inputs, rounds: int) -> dict[str, float]:
    """Time text score columns against the float columns, in paired rounds of their own."""
    frames = text_frames(rows)
    functions: dict[str, Callable[[], object]] = {
        FRAME_PANDAS: lambda: assess(inputs.pandas),
        FRAME_POLARS: lambda: assess(inputs.polars),
    } | {name: lambda frame=frame: assess(frame) for name, frame in frames.items()}
    seconds = paired_rounds(functions, rounds)
    print(
        f"\n  text score columns ('4.40', nulls kept) ÷ the float columns, "
        f"{rounds} paired rounds of their own"
    )
    medians: dict[str, float] = {}
    for name in frames:
        floats = FRAME_POLARS if "polars" in name else FRAME_PANDAS
        ratios = per_round(seconds[name], seconds[floats])
        label = f"{name} ÷ {floats.removeprefix('assess_frame, ')} float64"
        print(target_line(label, ratios, TARGET_TEXT) + f"  [{spread(seconds[name], ' s', 3)}]")
        medians[name] = statistics.median(ratios)
    if rows > OBJECT_TEXT_MAX_ROWS:
        print(f"    (text, pandas object: not timed above {OBJECT_TEXT_MAX_ROWS:,} rows)")
    return medians


def report_memory(rows: int, inputs: Inputs) -> dict[str, float]:
    """Peak memory of one call ÷ the input frame, each call measured in a fresh process."""
    pandas_bytes, polars_bytes = inputs.sizes()
    print("\n  peak memory of one call ÷ the input frame (each in a fresh process)")
    memory: dict[str, float] = {}
    for name, frame_bytes in (
        (FRAME_PANDAS, pandas_bytes),
        (FRAME_POLARS, polars_bytes),
        (FAST_PANDAS, pandas_bytes),
    ):
        probe = measure_memory(name, rows)
        traced = probe["python"] + probe["arrow"]
        memory[name] = traced / frame_bytes
        rss = probe["rss"]
        rss_text = "n/a" if rss is None else f"{rss / MB:>8,.1f} MB = {rss / frame_bytes:.2f}x"
        print(
            f"    {name:<30} traced {probe['python'] / MB:>8,.1f} + arrow "
            f"{probe['arrow'] / MB:>7,.1f} MB = {traced / frame_bytes:.2f}x;  RSS {rss_text}"
        )
        if rss is not None:
            memory[name] = max(memory[name], rss / frame_bytes)
    for name in (FRAME_PANDAS, FRAME_POLARS):
        print(
            f"    {name}, the larger of traced and RSS: {memory[name]:.2f}x  "
            f"target ≤ {TARGET_MEMORY:g}x: {verdict(memory[name], TARGET_MEMORY)}"
        )
    return memory


def report_size(rows: int, rounds: int, text_rounds: int) -> dict[str, float]:
    """Build one size, time and measure everything on it, print, return the medians."""
    started = time.perf_counter()
    inputs = Inputs(rows)
    built = time.perf_counter() - started
    pandas_bytes, polars_bytes = inputs.sizes()
    print(f"\n== {rows:,} rows ==  (built in {built:.1f} s)")
    print(
        f"  input: pandas {pandas_bytes / MB:,.1f} MB; polars {polars_bytes / MB:,.1f} MB in "
        f"{inputs.polars.n_chunks()} chunks (n_chunks(), as read_parquet gives)"
    )
    decided, scored, differs = outcome(inputs)
    print(f"  assess_frame(errors='flag') decides: {decided}")

    results = {"rows": float(rows)} | report_floats(inputs, rounds)
    if text_rounds:
        results |= report_text(rows, inputs, text_rounds)
    memory = report_memory(rows, inputs)
    results |= {f"memory {name}": value for name, value in memory.items()}
    print(
        f"\n  the fast pandas code shows another score than assess_frame on {differs:,} of "
        f"{scored:,} fully scored rows ({differs / scored:.2%}): float sums, half to even"
    )
    return results


def report_small(rounds: int, inner: int = 20) -> None:
    """100-row frames against a loop of ``ts.assess`` over the same rows."""
    inputs = Inputs(SMALL_ROWS, SMALL_SEED)
    # A file this small is one row group: one chunk.
    small = {"pandas": inputs.pandas, "polars": inputs.polars.rechunk()}
    flagged = int(assess(inputs.pandas)["error"].notna().sum())
    functions: dict[str, Callable[[], object]] = {}
    for name, frame in small.items():
        functions[f"assess_frame, {name}"] = lambda frame=frame: [
            assess(frame) for _ in range(inner)
        ]
        functions[f"loop of ts.assess, from {name}"] = lambda frame=frame: [
            loop_over(frame) for _ in range(inner)
        ]
    for function in functions.values():  # warm up
        function()
    seconds = paired_rounds(functions, rounds)
    print(
        f"\n== {SMALL_ROWS}-row frames ÷ a loop of ts.assess over the same rows "
        f"(from the frame's columns), {inner} calls per round =="
    )
    print(
        f"  {flagged} of the {SMALL_ROWS} rows flagged, or refused by the loop (category unknown)"
    )
    for name, values in seconds.items():
        print(f"    {name:<34} {spread([v / inner * 1000 for v in values], ' ms', 3)} per call")
    for name in ("pandas", "polars"):
        ratios = per_round(
            seconds[f"assess_frame, {name}"], seconds[f"loop of ts.assess, from {name}"]
        )
        print(target_line(f"{name}: assess_frame ÷ loop", ratios, TARGET_SMALL))


def fallback_rates(rows: int = 20_000, rounds: int = 3) -> None:
    """Rows per second when every row has a seven-place score: the exact scalar path."""
    inputs = Inputs(rows)
    print(f"\n== the scalar fallback: {rows:,} rows, each with a seven-place product score ==")
    # 4.37 → 4.3700001: off the millionths grid, so every row goes through `assess`.
    finer = np.minimum(np.nan_to_num(inputs.scores[0], nan=4.0), 4.99) + 1e-7
    frames = {
        "pandas": inputs.pandas.assign(product=finer),
        "polars": inputs.polars.with_columns(pl.Series("product", finer)),
    }
    seconds = paired_rounds({name: lambda f=f: assess(f) for name, f in frames.items()}, rounds)
    for name, values in seconds.items():
        rates = [rows / value for value in values]
        print(f"    assess_frame, {name}: {spread(rates, ' rows/s', 0)} on the scalar path")


def summary(results: list[dict[str, float]]) -> None:
    """One line per size: the median ratios and the memory, side by side."""
    print("\n== summary: medians of per-round ratios; peak memory ÷ input ==")
    columns = {
        "pd ÷ fast": f"pandas ÷ {FAST_PANDAS}",
        "pl ÷ fast": f"polars ÷ {FAST_PANDAS}",
        "pd ÷ numpy": f"pandas ÷ {NUMPY_BOUND}",
        "pl ÷ numpy": f"polars ÷ {NUMPY_BOUND}",
        "text pd str": "text, pandas str",
        "text pd obj": "text, pandas object",
        "text pl": "text, polars Utf8",
        "mem pd": f"memory {FRAME_PANDAS}",
        "mem pl": f"memory {FRAME_POLARS}",
    }
    print(f"  {'rows':>12} " + " ".join(f"{c:>11}" for c in columns))
    for result in results:
        cells = " ".join(
            f"{result[key]:>11.2f}" if key in result else f"{'-':>11}" for key in columns.values()
        )
        print(f"  {int(result['rows']):>12,} {cells}")
    print(
        f"  targets: ÷ fast ≤ {TARGET_VS_FAST_PANDAS:g}, ÷ numpy ≤ {TARGET_VS_NUMPY:g}, "
        f"text ≤ {TARGET_TEXT:g}, memory ≤ {TARGET_MEMORY:g}; figures, not tests"
    )


def default_rounds(rows: int) -> int:
    """More rounds for small sizes, whose times other load disturbs the most."""
    return max(3, min(20, round(7 * (1_000_000 / rows) ** 0.5)))


def main(argv: list[str] | None = None) -> None:
    """Parse the options, warm up, and report every size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, nargs="+", default=[100_000, 1_000_000, 10_000_000], metavar="N"
    )
    parser.add_argument(
        "--rounds", type=int, metavar="N", help="paired rounds (default: 20, 7, 3 by size)"
    )
    parser.add_argument(
        "--text-rounds", type=int, metavar="N", help="paired rounds of text columns (default 3)"
    )
    parser.add_argument("--small-rounds", type=int, default=30, metavar="N")
    parser.add_argument("--quick", action="store_true", help="100,000 rows, few rounds: for CI")
    parser.add_argument("--probe", metavar="NAME", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    if options.probe:
        memory_probe(options.probe, options.rows[0])
        return
    sizes = [100_000] if options.quick else options.rows
    text_rounds = (
        options.text_rounds if options.text_rounds is not None else 2 if options.quick else 3
    )
    small_rounds = 10 if options.quick else options.small_rounds

    names = ("tmall_service", "numpy", "pandas", "polars", "pyarrow", "narwhals")
    print(f"bench_frames  {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, polars threads {pl.thread_pool_size()}"
    )
    print("  ".join(f"{name} {version(name)}" for name in names))
    print(f"tmall_service imported from {Path(ts.__file__).parent}")
    print(
        f"rule book: {RULES.name}: {len(RULES.profiles)} assessed categories, "
        f"{len(RULES.excluded_categories)} excluded; period {PERIOD.start}..{PERIOD.end}; "
        "exemptions in force:"
    )
    for exemption in RULES.exemptions:
        print(
            f"  {exemption.start}..{exemption.end} {exemption.reason}: "
            f"regions {sorted(exemption.regions or ['all'])}, "
            f"categories {sorted(exemption.categories or ['all'])}"
        )

    # Warm up: the first call imports numpy, pyarrow and narwhals and fills caches.
    paired_rounds(contenders(Inputs(10_000)), 1)
    results = []
    for rows in sizes:
        rounds = options.rounds or (5 if options.quick else default_rounds(rows))
        results.append(report_size(rows, rounds, text_rounds))
    report_small(small_rounds)
    fallback_rates(2_000 if options.quick else 20_000)
    summary(results)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
