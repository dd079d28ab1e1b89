"""Calls per second of explaining and improving a score, next to baselines.

* ``ts.gap`` (each dimension alone, and the cheapest plan) next to what a
  user would otherwise write: for each dimension, try every score on the
  0.01 grid from the shop's own up to 5 with ``ts.assess`` until one meets
  the target. That scan gives the per-dimension answers only, no plan.
* ``ts.explain``, ``ts.breakdown``, ``ts.what_if`` and ``ts.advise`` next to
  ``ts.assess`` itself on the same shops, to show what an explanation costs
  beside the score.

Shops: the example rule book's five categories, scores on the 0.01 grid
between 1 and 5, one thread, best of ``--repeat`` passes. Nothing here is a
test: the figures are printed, never enforced.

    python benchmarks/bench_explain.py
    python benchmarks/bench_explain.py --shops 2000 --repeat 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import platform
import random
import time
from collections.abc import Callable, Sequence
from decimal import Decimal

import tmall_service as ts

RULES = ts.example_rulebook()
PERIOD = ts.AssessmentPeriod.month(2024, 7)
TARGET = Decimal("4.8")
CATEGORIES = sorted(RULES.profiles)
COSTS = {"product": "1.3", "logistics": "0.7", "after_sales": "2.1", "dispute": "0.45"}


def shops(count: int, seed: int = 20240701) -> list[ts.Assessment]:
    """*count* scored shops of the example edition."""
    rng = random.Random(seed)
    return [
        ts.assess(
            ts.DimensionScores(
                **{d.value: Decimal(rng.randint(100, 500)).scaleb(-2) for d in ts.Dimension}
            ),
            category=rng.choice(CATEGORIES),
            period=PERIOD,
            rules=RULES,
        )
        for _ in range(count)
    ]


def scan(shop: ts.Assessment) -> dict[ts.Dimension, Decimal | None]:
    """The grid scan a user would write: each dimension alone, every score up to 5."""
    needed: dict[ts.Dimension, Decimal | None] = {}
    for dimension in ts.Dimension:
        current = shop.scores[dimension] or Decimal(0)
        needed[dimension] = None
        for cents in range(int(current * 100), 501):
            score = Decimal(cents).scaleb(-2)
            changed = ts.DimensionScores(
                **{d.value: shop.scores[d] for d in ts.Dimension} | {dimension.value: score}
            )
            again = ts.assess(changed, category=shop.category, period=PERIOD, rules=RULES)
            if ts.passes(again, TARGET):
                needed[dimension] = score
                break
    return needed


def best_rate(function: Callable[[ts.Assessment], object], drawn: Sequence[ts.Assessment],
              repeat: int) -> float:  # fmt: skip
    """Calls per second of *function* over *drawn*, best of *repeat* passes."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        for shop in drawn:
            function(shop)
        best = min(best, time.perf_counter() - start)
    return len(drawn) / best


def main(argv: list[str] | None = None) -> None:
    """Time every function and print the rates and ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shops", type=int, default=1_000, metavar="N", help="shops per pass")
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="passes per timing")
    options = parser.parse_args(argv)
    drawn = shops(options.shops)
    print(f"bench_explain  {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"Python {platform.python_version()}, tmall_service {ts.__version__}")

    for shop in drawn[:50]:  # the fast answer is the scan's answer
        report = ts.gap(shop, TARGET, rules=RULES)
        if not report.met:
            assert {e.dimension: e.needed for e in report} == scan(shop)  # noqa: S101 - the benchmark checks its baseline's answers

    contenders: dict[str, Callable[[ts.Assessment], object]] = {
        "ts.gap, costs 1 a point": lambda s: ts.gap(s, TARGET, rules=RULES),
        "ts.gap, uneven costs": lambda s: ts.gap(s, TARGET, rules=RULES, costs=COSTS),
        "grid scan with ts.assess": scan,
        "ts.assess": lambda s: ts.assess(s.scores, category=s.category, period=PERIOD, rules=RULES),
        "ts.breakdown": lambda s: ts.breakdown(
            s.scores, RULES.profiles[s.category], missing_data=RULES.missing_data
        ),
        "ts.explain": lambda s: ts.explain(s, rules=RULES),
        "ts.what_if, one score": lambda s: ts.what_if(s, rules=RULES, scores={"logistics": 5}),
        "ts.advise": lambda s: ts.advise(s, rules=RULES, lang="zh"),
    }
    rates = {name: best_rate(f, drawn, options.repeat) for name, f in contenders.items()}
    print(f"\n== calls per second, {len(drawn):,} shops, target {TARGET}, best of "
          f"{options.repeat} ==")  # fmt: skip
    for name, rate in rates.items():
        print(f"  {name:<28} {rate:>10,.0f} /s")
    print("\n  ratios of best times")
    scan_rate = rates["grid scan with ts.assess"]
    for name in ("ts.gap, costs 1 a point", "ts.gap, uneven costs"):
        print(f"    {name} ÷ grid scan: {scan_rate / rates[name]:.3f} (the plan included)")
    for name in ("ts.breakdown", "ts.explain", "ts.what_if, one score", "ts.advise"):
        print(f"    {name} ÷ ts.assess: {rates['ts.assess'] / rates[name]:.1f}")


if __name__ == "__main__":
    main()
