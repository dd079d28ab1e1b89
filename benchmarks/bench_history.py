"""Time `standing_frame` and `assess_history` on a long history, next to what a user writes.

A history of N shops (100,000 by default) over M months of 2024 (12 by
default: 1.2M rows) is drawn from ``_shops.py``'s shops: each shop keeps its
category (24 assessed, excluded ones, 1% unknown to the edition) and its
region, and its five scores drift from month to month around its own
level, so that some shops fail a standard several months in a row. About
2% of the scores are missing each month, and 0.5% of the rows are a month
without data. The months include June, when the regional exemption (河南)
and the category exemption (生鲜, 25 May – 5 June, so May too) are in force.
The rows are sorted by shop, then month, as an export gives them. The
history is timed as a polars frame (several chunks, as ``read_parquet``
gives) and as a pandas frame (``str`` and ``float64`` columns, as
``read_parquet`` gives), in paired rounds (``_rounds.py``): each round runs
every contender once, in rotating order, and each ratio is taken within its
round; the report gives the median of the per-round ratios and their range.

The contenders, each with ``errors="flag"`` (the unknown categories come
back flagged):

* ``standing_frame`` on polars and on pandas: every shop's verdict for the
  three purposes;
* ``assess_history`` on polars and on pandas: every row assessed by the
  edition in force for its period;
* baseline A, ``assess_frame`` on the same rows at once, as if they were one
  month's shops (June), the shop and period columns left in: the yardstick.
  **Target: ``standing_frame`` ≤ 2.0x it**, on each library;
* baseline B, what a competent polars user writes instead for the merchant
  assessment: ``partition_by("period")``, ``assess_frame`` on each month's
  rows, ``pl.concat``; a join on a small frame of each category's threshold;
  the failing rows (scored, below the threshold); then one ``group_by`` over
  the shops: the run of failures back from the latest month is the failing
  rows after the shop's latest passing month, and the verdict follows from
  ``clearance_after``. **Target: ``standing_frame`` ≤ 1.0x it** (the library
  does all three purposes, gaps, editions, and every column exactly);
* the numpy lower bound, for the record: the category codes and the scores
  in hundredths already int arrays, the shops' rows contiguous: take the
  weights, multiply-add five columns, round half up, compare to each
  category's threshold, and each shop's run with ``np.maximum.reduceat``.
  Bare arithmetic, not the same answer: a missing score counts as 0, and it
  knows no exemptions, no statuses, no months without data.

Before timing, the script checks that baseline B's runs and verdicts equal
the merchant assessment's failures and verdict in ``standing_frame``, on the
shops that have no gap and no flagged row (all judged by one edition), and
prints the counts of every verdict, to show that every rule has shops.

Nothing here is a test: the targets are printed, never enforced.

    python benchmarks/bench_history.py                 # 100,000 shops x 12 months
    python benchmarks/bench_history.py --shops 20000 --months 6 --rounds 9
    python benchmarks/bench_history.py --quick         # 2,000 shops, one round: for CI
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
from _rounds import paired_rounds, per_round, seconds_lines, target_line
from _shops import (
    ASSESSED,
    DIMENSIONS,
    EXCLUDED,
    NO_DATA_SHARE,
    NULL_SHARE,
    PERIOD,
    RULES,
    WEIGHTS,
    all_categories,
    category_codes,
    shop_table,
)
from bench_frames import multi_chunk

import tmall_service as ts

SEED = 20240601
YEAR = 2024
EXEMPT_MONTH = 6  # both exemptions are in force in June: every history holds it
TARGET_VS_ASSESS_FRAME = 2.0
TARGET_VS_BASELINE_B = 1.0
QUICK_SHOPS = 2_000
MERCHANT = ts.Purpose.MERCHANT_ASSESSMENT

# How the scores drift: a shop's five levels, plus an offset shared by its
# dimensions that follows it from month to month (AR(1)), plus a little
# noise per dimension and month. A few shops struggle: their offset is
# lower, so that they fail the merchant assessment (3.5) month after month.
PERSISTENCE = 0.85
STEP = 0.18  # the offset's monthly shock
NOISE = 0.08
STRUGGLING_SHARE = 0.04
STRUGGLING_DROP = 0.8


# -- the history ----------------------------------------------------------------------------


def months(count: int) -> list[int]:
    """The *count* months of the history: January onwards, or up to June when fewer than 6."""
    last = max(count, EXEMPT_MONTH)
    return list(range(last - count + 1, last + 1))


def shop_ids(shops: int) -> pa.Array:
    """``S000001`` …: zero-padded, so that the text's order is the shops' order."""
    numbers = pc.cast(pa.array(np.arange(1, shops + 1)), pa.string())
    return pc.binary_join_element_wise("S", pc.utf8_lpad(numbers, len(str(shops)), "0"), "")


def drifting_hundredths(
    levels: np.ndarray, count: int, rng: np.random.Generator
) -> list[np.ndarray]:
    """Each dimension's scores in hundredths, shape (shops, months): levels plus drift."""
    shops = levels.shape[1]
    offset = np.empty((shops, count))
    offset[:, 0] = rng.normal(0, STEP / (1 - PERSISTENCE**2) ** 0.5, shops)
    for month in range(1, count):
        offset[:, month] = PERSISTENCE * offset[:, month - 1] + rng.normal(0, STEP, shops)
    offset -= STRUGGLING_DROP * (rng.random(shops) < STRUGGLING_SHARE)[:, None]
    drawn = [level[:, None] + offset + rng.normal(0, NOISE, offset.shape) for level in levels]
    return [np.clip(np.rint(100 * values), 0, 500) for values in drawn]


class History:
    """One history: as an Arrow table, polars and pandas frames, and the lower bound's arrays."""

    def __init__(self, shops: int, count: int, seed: int = SEED) -> None:
        """Draw *shops* shops over *count* months from a fixed seed; rows by shop, then month."""
        rng = np.random.default_rng([seed, 2])
        table = shop_table(shops, seed)  # each shop's category, region and first scores
        self.shops, self.months, self.rows = shops, months(count), shops * count
        self.period_texts = [f"{YEAR}-{month:02d}" for month in self.months]
        # A shop's level per dimension: its drawn score, or a fresh draw where missing or 0.
        levels = np.stack([table[name].to_numpy(zero_copy_only=False) for name in DIMENSIONS])
        fresh = rng.normal(4.40, 0.45, levels.shape)
        levels = np.where(np.isnan(levels) | (levels == 0), fresh, levels)
        hundredths = drifting_hundredths(levels, count, rng)
        no_data = rng.random((shops, count)) < NO_DATA_SHARE
        shop_of_row = pa.array(np.repeat(np.arange(shops), count))
        columns: dict[str, pa.Array] = {
            "shop": shop_ids(shops).take(shop_of_row),
            "period": pa.array(self.period_texts * shops),
            "category": table["category"].take(shop_of_row),
            "region": table["region"].take(shop_of_row),
        }
        self.scores = []  # hundredths, int32, a missing score as 0: the lower bound's input
        for values in hundredths:
            values[no_data] = 0
            missing = (rng.random((shops, count)) < NULL_SHARE).ravel()
            flat = values.ravel()
            columns[DIMENSIONS[len(self.scores)]] = pa.array(flat / 100, mask=missing)
            self.scores.append(np.where(missing, 0, flat).astype(np.int32))
        self.table = pa.table(columns)
        self.polars = multi_chunk(self.table)
        self.pandas = self.table.to_pandas()
        # The lower bound starts from int arrays: category codes, weights and thresholds.
        self.codes = np.repeat(category_codes(shops, seed), count).astype(np.intp)
        self.weights = np.array(
            [[round(100 * w) for w in WEIGHTS.get(name, (0,) * 5)] for name in all_categories()],
            dtype=np.int32,
        )
        self.needed = np.array([_cents(name) for name in all_categories()], dtype=np.int32)
        self.starts = np.arange(0, self.rows, count)
        # Baseline B's small frame of thresholds: one per category the edition knows.
        known = [*ASSESSED, *EXCLUDED]
        self.thresholds = pl.DataFrame(
            {"category": known, "needed": [RULES.threshold(MERCHANT, name) for name in known]},
            schema={"category": pl.String, "needed": pl.Decimal(4, 2)},
        )


def _cents(category: str) -> int:
    """The lower bound's threshold in cents: 0 (never failing) for a category not assessed."""
    threshold = RULES.threshold(MERCHANT, category)
    return 0 if threshold is None or category not in RULES.profiles else int(100 * threshold)


# -- what is timed -----------------------------------------------------------------------------


def standing(frame: Any) -> Any:  # noqa: ANN401 - a pandas or a polars frame
    """Every shop's standing per purpose."""
    return ts.standing_frame(frame, rules=RULES, errors="flag")


def history(frame: Any) -> Any:  # noqa: ANN401 - a pandas or a polars frame
    """Every row assessed by the edition in force for its period."""
    return ts.assess_history(frame, rules=RULES, errors="flag")


def assess_once(frame: Any) -> Any:  # noqa: ANN401 - a pandas or a polars frame
    """Baseline A: ``assess_frame`` on every row at once, as one month's shops."""
    return ts.assess_frame(frame, rules=RULES, period=PERIOD, errors="flag")


def baseline_b(frame: pl.DataFrame, thresholds: pl.DataFrame) -> pl.DataFrame:
    """Baseline B: each month by ``assess_frame``, then each shop's run of failures in polars.

    The run is the failing rows after the shop's latest passing month (all
    of them when none passes); a row not scored passes, as every purpose of
    the edition passes by default. No sort: one ``group_by`` over the shops.
    """
    parts = frame.partition_by("period", as_dict=True)
    assessed = pl.concat(
        [
            ts.assess_frame(part, rules=RULES, period=month, errors="flag")
            for (month,), part in parts.items()
        ]
    )
    fails = (pl.col("status") == "scored") & (pl.col("score") < pl.col("needed"))
    failing, period = pl.col("fails"), pl.col("period")
    last_pass = period.filter(failing.not_()).max().fill_null("")
    limit = RULES.clearance_after
    return (
        assessed.join(thresholds, on="category", how="left")
        .select("shop", "period", fails.fill_null(value=False).alias("fails"))
        .group_by("shop")
        .agg(run=(failing & (period > last_pass)).sum())
        .with_columns(
            verdict=pl.when(pl.col("run") == 0)
            .then(pl.lit("good"))
            .when(pl.col("run") >= limit)
            .then(pl.lit("clearance"))
            .otherwise(pl.lit("at_risk"))
        )
    )


def numpy_bound(inputs: History) -> np.ndarray:
    """The lower bound: codes and hundredths given; score, compare, each shop's run."""
    codes, weights = inputs.codes, inputs.weights
    total = inputs.scores[0] * weights[:, 0].take(codes)
    for index in range(1, len(DIMENSIONS)):
        total += inputs.scores[index] * weights[:, index].take(codes)
    cents = (total + 50) // 100  # ten-thousandths to hundredths, half up
    fails = cents < inputs.needed.take(codes)
    passed_at = np.where(fails, -1, np.arange(inputs.rows))
    starts = inputs.starts
    after_pass = np.maximum(np.maximum.reduceat(passed_at, starts) + 1, starts)
    return np.r_[starts[1:], inputs.rows] - after_pass


STANDING_POLARS = "standing_frame, polars"
STANDING_PANDAS = "standing_frame, pandas"
HISTORY_POLARS = "assess_history, polars"
HISTORY_PANDAS = "assess_history, pandas"
ONCE_POLARS = "A: assess_frame at once, polars"
ONCE_PANDAS = "A: assess_frame at once, pandas"
BASELINE_B = "B: by month, then runs, polars"
NUMPY_BOUND = "numpy lower bound (ints given)"
SHORT = {ONCE_POLARS: "A", ONCE_PANDAS: "A", BASELINE_B: "B", NUMPY_BOUND: "numpy bound"}


def contenders(inputs: History) -> dict[str, Callable[[], object]]:
    """Everything timed, by the name the report gives it."""
    return {
        STANDING_POLARS: lambda: standing(inputs.polars),
        STANDING_PANDAS: lambda: standing(inputs.pandas),
        HISTORY_POLARS: lambda: history(inputs.polars),
        HISTORY_PANDAS: lambda: history(inputs.pandas),
        ONCE_POLARS: lambda: assess_once(inputs.polars),
        ONCE_PANDAS: lambda: assess_once(inputs.pandas),
        BASELINE_B: lambda: baseline_b(inputs.polars, inputs.thresholds),
        NUMPY_BOUND: lambda: numpy_bound(inputs),
    }


# -- what the library decides, and the check of baseline B ---------------------------------------


def counts_text(frame: pl.DataFrame, column: str) -> str:
    """``N value, …`` for each value of *column*, most first; null ones left out."""
    counted = frame[column].drop_nulls().value_counts(sort=True)
    return ", ".join(f"{n:,} {value}" for value, n in counted.iter_rows())


def decided(inputs: History) -> pl.DataFrame:
    """Print what ``assess_history`` and ``standing_frame`` decide; return the standing."""
    rows = history(inputs.polars)
    flagged = rows["error"].is_not_null().sum()
    print(f"  assess_history decides: {counts_text(rows, 'status')}; {flagged:,} flagged")
    result = standing(inputs.polars)
    print("  standing_frame's verdicts, shops per purpose:")
    for purpose in ts.Purpose:
        part = result.filter(pl.col("purpose") == purpose.value)
        print(f"    {purpose.value:<20} {counts_text(part, 'verdict')}")
    not_judged = result.filter(pl.col("error").is_not_null())["shop"].n_unique()
    print(f"    {not_judged:,} shops not judged: a row flagged (category unknown to the edition)")
    return result


def check_baseline_b(inputs: History, result: pl.DataFrame) -> None:
    """Raise unless baseline B's runs and verdicts are the standing's, shop for shop."""
    merchant = result.filter(
        (pl.col("purpose") == MERCHANT.value)
        & pl.col("error").is_null()
        & (pl.col("gaps").fill_null("") == "")
    )
    if merchant["edition"].n_unique() != 1:
        msg = "the check expects one edition for every shop"
        raise AssertionError(msg)
    joined = merchant.join(baseline_b(inputs.polars, inputs.thresholds), on="shop", how="left")
    differ = joined.filter(
        (pl.col("failures") != pl.col("run")).fill_null(value=True)
        | (pl.col("verdict") != pl.col("verdict_right")).fill_null(value=True)
    )
    if len(differ) or not len(joined):
        msg = f"baseline B differs from standing_frame on {len(differ):,} shops:\n{differ.head()}"
        raise AssertionError(msg)
    print(
        f"  baseline B agrees with standing_frame on {len(joined):,} shops (merchant assessment: "
        "run and verdict; shops without gaps or flagged rows, one edition)"
    )


# -- reporting ---------------------------------------------------------------------------------


def report(inputs: History, rounds: int) -> None:
    """Time every contender in paired rounds; print seconds, rates and ratios."""
    seconds = paired_rounds(contenders(inputs), rounds)
    print("\n".join(seconds_lines(seconds, inputs.rows)))
    print("\n  ratios: median of the per-round ratios (min–max)")
    lines = (
        (STANDING_POLARS, ONCE_POLARS, TARGET_VS_ASSESS_FRAME),
        (STANDING_PANDAS, ONCE_PANDAS, TARGET_VS_ASSESS_FRAME),
        (STANDING_POLARS, BASELINE_B, TARGET_VS_BASELINE_B),
        (STANDING_PANDAS, BASELINE_B, TARGET_VS_BASELINE_B),
        (HISTORY_POLARS, ONCE_POLARS, None),
        (HISTORY_PANDAS, ONCE_PANDAS, None),
        (BASELINE_B, ONCE_POLARS, None),
        (STANDING_POLARS, NUMPY_BOUND, None),
        (STANDING_PANDAS, NUMPY_BOUND, None),
    )
    for numerator, denominator, target in lines:
        ratios = per_round(seconds[numerator], seconds[denominator])
        label = f"{numerator} ÷ {SHORT.get(denominator, denominator)}"
        line = target_line(label, ratios, target)
        print(line.replace("no target", "no target: for the record"))


def header(inputs_months: list[int]) -> None:
    """The machine, the versions, the rule book and the months."""
    names = ("tmall_service", "numpy", "pandas", "polars", "pyarrow", "narwhals")
    print(f"bench_history  {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(
        f"Python {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} CPUs, polars threads {pl.thread_pool_size()}"
    )
    print("  ".join(f"{name} {version(name)}" for name in names))
    print(f"tmall_service imported from {Path(ts.__file__).parent}")
    first, last = inputs_months[0], inputs_months[-1]
    print(
        f"rule book: {RULES.name}: {len(RULES.profiles)} assessed categories, "
        f"{len(RULES.excluded_categories)} excluded, in force {RULES.effective_from}.."
        f"{RULES.effective_to}; months {YEAR}-{first:02d}..{YEAR}-{last:02d}; "
        f"merchant assessment: clearance after {RULES.clearance_after} failing periods; "
        "exemptions:"
    )
    for exemption in RULES.exemptions:
        print(
            f"  {exemption.start}..{exemption.end} {exemption.reason}: "
            f"regions {sorted(exemption.regions or ['all'])}, "
            f"categories {sorted(exemption.categories or ['all'])}"
        )


def main(argv: list[str] | None = None) -> None:
    """Parse the options, build the history, check baseline B, warm up, and time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shops", type=int, default=100_000, metavar="N")
    parser.add_argument(
        "--months", type=int, default=12, choices=range(1, 13), metavar="M", help="1 to 12"
    )
    parser.add_argument("--rounds", type=int, default=5, metavar="N", help="paired rounds")
    parser.add_argument(
        "--quick", action="store_true", help=f"{QUICK_SHOPS:,} shops, one round: for CI"
    )
    options = parser.parse_args(argv)
    shops = QUICK_SHOPS if options.quick else options.shops
    rounds = 1 if options.quick else options.rounds

    header(months(options.months))
    started = time.perf_counter()
    inputs = History(shops, options.months)
    built = time.perf_counter() - started
    print(
        f"\n== {shops:,} shops × {len(inputs.months)} months = {inputs.rows:,} rows ==  "
        f"(built in {built:.1f} s)"
    )
    print(
        f"  rows sorted by shop, then month, as an export gives; polars in "
        f"{inputs.polars.n_chunks()} chunks (n_chunks(), as read_parquet gives); pandas "
        f"{', '.join(sorted({str(t) for t in inputs.pandas.dtypes}))}"
    )
    result = decided(inputs)
    check_baseline_b(inputs, result)
    del result

    # Warm up: the first calls import numpy, pyarrow and narwhals and fill caches.
    paired_rounds(contenders(History(200, options.months, SEED + 1)), 1)
    report(inputs, rounds)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
