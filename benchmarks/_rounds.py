"""Paired rounds: how every benchmark times its contenders and reports a ratio.

A round runs every contender once, in an order that rotates from round to
round, so that no contender always runs first (cold) or last (after the
others warmed the caches). A ratio is taken within each round, between two
contenders that ran moments apart, so that a burst of other load on a busy
machine moves both sides of it; the report gives the median of these
per-round ratios and their range, never the best of N.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping, Sequence


def rotations(names: Sequence[str], rounds: int) -> list[list[str]]:
    """The order of *names* in each of *rounds* rounds: rotated by one each round."""
    count = len(names)
    return [[names[(start + i) % count] for i in range(count)] for start in range(rounds)]


def paired_rounds(
    functions: Mapping[str, Callable[[], object]], rounds: int
) -> dict[str, list[float]]:
    """Seconds of each function in each round; each round runs every function once."""
    seconds: dict[str, list[float]] = {name: [] for name in functions}
    for order in rotations(list(functions), rounds):
        for name in order:
            gc.collect()
            start = time.perf_counter()
            result = functions[name]()
            seconds[name].append(time.perf_counter() - start)
            del result
    return seconds


def per_round(numerator: Sequence[float], denominator: Sequence[float]) -> list[float]:
    """The ratio of two contenders within each round."""
    return [a / b for a, b in zip(numerator, denominator, strict=True)]


def spread(values: Sequence[float], unit: str = "x", digits: int = 2) -> str:
    """``median (min–max, n rounds)`` of *values*."""
    low, high = min(values), max(values)
    median = statistics.median(values)
    return (
        f"{median:.{digits}f}{unit} ({low:.{digits}f}–{high:.{digits}f}, "
        f"{len(values)} round{'s' if len(values) != 1 else ''})"
    )


def verdict(value: float, target: float, *, at_most: bool = True) -> str:
    """``met`` or ``MISSED`` (by how much), for a median against its target."""
    met = value <= target if at_most else value >= target
    if met:
        return "met"
    return f"MISSED ({value / target:.2f}x the target)"


def target_line(
    label: str, values: Sequence[float], target: float | None, *, width: int = 44
) -> str:
    """One report line: the median ratio, its range, and the target's verdict."""
    text = f"    {label:<{width}} {spread(values):<30}"
    if target is None:
        return text + "  no target"
    return text + f"  target ≤ {target:g}x: {verdict(statistics.median(values), target)}"


def seconds_lines(seconds: Mapping[str, Sequence[float]], rows: int) -> list[str]:
    """Each contender's seconds per call (median, range) and rows per second, with a heading."""
    rounds = len(next(iter(seconds.values()), []))
    lines = [f"\n  seconds per call, median of {rounds} paired rounds (range), and rows per second"]
    for name, values in seconds.items():
        median = statistics.median(values)
        lines.append(
            f"    {name:<34} {spread(values, ' s', 4):<36} {rows / median / 1e6:>8.2f} M rows/s"
        )
    return lines
