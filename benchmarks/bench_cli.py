"""The command line end to end, next to the same job written by hand in Python.

For each size (1M and 10M rows by default) a CSV of shops is generated once
and cached in the temporary directory, keyed by rows and seed: columns shop,
category, region and the five dimension scores, written with two decimal
places, a blank cell where a score is missing (the shops of ``_shops.py``:
24 assessed categories, excluded and unknown ones, a regional and a category
exemption in force in June 2024). Then, in paired rounds, each in a fresh
interpreter so that imports, reading and writing all count:

* the command line::

      python -m tmall_service assess shops.csv --rules rules.json
          --period 2024-06 --output out.parquet --rejects rejects.csv

  (the rows of categories the edition does not know go to the rejects
  file; exit code 3 says so);
* the same job by hand: ``pyarrow.csv.read_csv``, ``pl.from_arrow``,
  ``ts.assess_frame(..., errors="flag")``, the flagged rows to a CSV of
  rejects and the rest to Parquet.

Each round runs both, in rotating order; the ratio is taken within the
round and the report gives the median and the range. The peak resident
memory of each child comes from ``os.wait4``. Targets: the command line
≤ 1.5x the job by hand at 1M rows; a 10M-row file in ≤ 1 GiB peak resident
memory. After the first round the two Parquet files are compared on shop,
score and status.

Nothing here is a test: the targets are printed, never enforced.

    python benchmarks/bench_cli.py                        # 1M and 10M rows
    python benchmarks/bench_cli.py --rows 1000000 --rounds 3
    python benchmarks/bench_cli.py --quick                # 100k rows, one round
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

import attrs
import polars as pl
from _rounds import per_round, rotations, spread, target_line, verdict
from _shops import PERIOD, PERIOD_TEXT, rulebook_json, shop_table

import tmall_service as ts

SEED = 20240601
MB = 1024 * 1024
GIB = 1024 * MB
TARGET_RATIO = 1.5
TARGET_RSS = 1 * GIB
TARGET_RSS_ROWS = 10_000_000
MANY_ROWS = 1_000_000  # fewer rounds above this
CACHE = Path(tempfile.gettempdir()) / "tmall_service_benchmarks"
COMMAND_LINE = "command line"
BY_HAND = "by hand"
REJECTED = 3  # the command line's exit code when rows went to --rejects

# The job by hand, as a user would write it; run with `python -c` in a fresh interpreter.
BY_HAND_SCRIPT = """\
import sys

import polars as pl
import pyarrow.csv

import tmall_service as ts

source, rules_file, year, month, output, rejects = sys.argv[1:]
rules = ts.load_rulebook(rules_file)
period = ts.AssessmentPeriod.month(int(year), int(month))
shops = pl.from_arrow(pyarrow.csv.read_csv(source))
result = ts.assess_frame(shops, rules=rules, period=period, errors="flag")
flagged = result["error"].is_not_null()
result.filter(flagged).write_csv(rejects)
result.filter(~flagged).drop("error").write_parquet(output)
"""


# -- the files -------------------------------------------------------------------------------


def shops_csv(rows: int, seed: int = SEED) -> Path:
    """The CSV of *rows* shops, generated once per rows and seed and kept in the cache."""
    path = CACHE / f"shops-{rows}-{seed}.csv"
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    started = time.perf_counter()
    partial = path.with_suffix(f".{os.getpid()}.part")
    # Two decimal places as the dashboard writes them ("4.40"); null is a blank cell.
    pl.from_arrow(shop_table(rows, seed, shop_ids=True)).write_csv(partial, float_precision=2)
    partial.replace(path)
    print(f"  generated {path} in {time.perf_counter() - started:.1f} s")
    return path


def rules_file() -> Path:
    """The benchmark edition as a rule book file, named by its content."""
    text = rulebook_json()
    path = CACHE / f"rules-{hashlib.sha256(text.encode()).hexdigest()[:12]}.json"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return path


def warm_page_cache(path: Path) -> None:
    """Read the file once, so that the first round does not pay for the disk alone."""
    with path.open("rb") as file:
        while file.read(16 * MB):
            pass


# -- running a child ------------------------------------------------------------------------


@attrs.frozen
class Run:
    """One child process: wall seconds, peak resident bytes, exit code, what it wrote."""

    seconds: float
    peak_rss: int
    code: int
    stderr: str


def run(command: Sequence[str], logs: Path) -> Run:
    """Run *command* to its end; its peak resident memory from ``os.wait4`` (KiB on Linux)."""
    with (logs / "stdout").open("wb") as out, (logs / "stderr").open("wb") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)  # noqa: S603 - runs this package's own command
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
    process.returncode = code = os.waitstatus_to_exitcode(status)
    stderr = (logs / "stderr").read_text(encoding="utf-8", errors="replace")
    return Run(seconds, usage.ru_maxrss * 1024, code, stderr)


def commands(source: Path, rules: Path, work: Path) -> dict[str, tuple[list[str], Path, Path]]:
    """Each contender's command, output file and rejects file, by the name the report gives."""
    jobs: dict[str, tuple[list[str], Path, Path]] = {}
    for name, stem in ((COMMAND_LINE, "cli"), (BY_HAND, "hand")):
        output, rejects = work / f"{stem}.parquet", work / f"{stem}-rejects.csv"
        if name == COMMAND_LINE:
            command = [
                sys.executable, "-m", "tmall_service", "assess", str(source),
                "--rules", str(rules), "--period", PERIOD_TEXT,
                "--output", str(output), "--rejects", str(rejects),
            ]  # fmt: skip
            if source.stat().st_size > GIB:  # the command line refuses larger files by default
                command += ["--max-bytes", str(source.stat().st_size)]
        else:
            year, month = PERIOD.start.year, PERIOD.start.month
            command = [sys.executable, "-c", BY_HAND_SCRIPT, str(source), str(rules)]
            command += [str(year), str(month), str(output), str(rejects)]
        jobs[name] = (command, output, rejects)
    return jobs


def agreement(jobs: dict[str, tuple[list[str], Path, Path]]) -> str:
    """Whether both Parquet files hold the same shops, scores and statuses, and the rejects."""
    columns = ["shop", "score", "status"]
    outputs = [
        pl.read_parquet(output, columns=columns).with_columns(pl.col("status").cast(pl.String))
        for _, output, _ in jobs.values()
    ]
    rejected = [
        pl.scan_csv(rejects).select(pl.len()).collect().item() for *_, rejects in jobs.values()
    ]
    cli, hand = outputs
    if cli.equals(hand):
        text = f"the two Parquet files agree on shop, score and status ({len(cli):,} rows)"
    else:
        text = f"the two Parquet files DIFFER: {len(cli):,} rows and {len(hand):,} rows"
        if len(cli) == len(hand):
            differs = (cli != hand).select(pl.any_horizontal(pl.all()).sum()).item()
            text += f", {differs:,} of them differ"
    return text + f"; rejected rows: command line {rejected[0]:,}, by hand {rejected[1]:,}"


# -- the report ------------------------------------------------------------------------------


def report_size(rows: int, rounds: int, *, only_by_hand: bool = False) -> dict[str, float]:
    """Generate or find the file, run the paired rounds, print, return the medians."""
    print(f"\n== {rows:,} rows ==")
    source, rules = shops_csv(rows), rules_file()
    print(f"  {source} ({source.stat().st_size / MB:,.1f} MB), rules {rules.name}")
    warm_page_cache(source)
    results: dict[str, float] = {"rows": float(rows)}
    with tempfile.TemporaryDirectory(prefix="bench_cli-") as directory:
        work = Path(directory)
        jobs = commands(source, rules, work)
        if only_by_hand:
            del jobs[COMMAND_LINE]
        for name, (command, _, _) in jobs.items():
            shown = [arg if "\n" not in arg else "BY_HAND_SCRIPT" for arg in command]
            print(f"  {name}: {' '.join(shown)}")
        runs: dict[str, list[Run]] = {name: [] for name in jobs}
        for number, order in enumerate(rotations(list(jobs), rounds), start=1):
            for name in order:
                done = run(jobs[name][0], work)
                expected = (0, REJECTED) if name == COMMAND_LINE else (0,)
                if done.code not in expected:
                    sys.exit(f"{name} exited {done.code}:\n{done.stderr}")
                runs[name].append(done)
            if number == 1 and len(jobs) == len(runs) == 2:  # noqa: PLR2004 - both contenders
                print(f"  {agreement(jobs)}")

    print(f"\n  {rounds} paired round(s): seconds, rows per second, peak resident memory")
    for name, done in runs.items():
        seconds = [r.seconds for r in done]
        peaks = [r.peak_rss / MB for r in done]
        print(
            f"    {name:<14} {spread(seconds, ' s', 2):<32} "
            f"{rows / statistics.median(seconds):>10,.0f} rows/s   "
            f"peak RSS {spread(peaks, ' MB', 0)}"
        )
        results[f"s {name}"] = statistics.median(seconds)
        results[f"rss {name}"] = max(r.peak_rss for r in done)
    if COMMAND_LINE not in runs:
        print("    (the command line was not run: --only-by-hand)")
        return results
    ratios = per_round([r.seconds for r in runs[COMMAND_LINE]], [r.seconds for r in runs[BY_HAND]])
    print(target_line("command line ÷ by hand (target at 1M rows)", ratios, TARGET_RATIO))
    results["ratio"] = statistics.median(ratios)
    peak = results[f"rss {COMMAND_LINE}"]
    if rows >= TARGET_RSS_ROWS:
        goal = f"target ≤ 1 GiB at {TARGET_RSS_ROWS:,} rows: {verdict(peak, TARGET_RSS)}"
    else:
        goal = f"(the 1 GiB target is set at {TARGET_RSS_ROWS:,} rows)"
    print(f"    command line, highest peak RSS of the rounds: {peak / MB:,.0f} MB  {goal}")
    return results


def main(argv: list[str] | None = None) -> None:
    """Parse the options and report every size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[1_000_000, 10_000_000], metavar="N")
    parser.add_argument(
        "--rounds", type=int, metavar="N", help="paired rounds (default: 5 up to 1M rows, else 3)"
    )
    parser.add_argument("--quick", action="store_true", help="100,000 rows, one round: for CI")
    parser.add_argument(
        "--only-by-hand",
        action="store_true",
        help="skip the command line (for a first look at large files while it is slow)",
    )
    options = parser.parse_args(argv)
    sizes = [100_000] if options.quick else options.rows

    names = ("tmall_service", "polars", "pyarrow", "narwhals")
    print(f"bench_cli  {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    print("  ".join(f"{name} {version(name)}" for name in names))
    print(f"tmall_service imported from {Path(ts.__file__).parent} (the children inherit the path)")
    print(f"generated files are kept in {CACHE}")
    results = []
    for rows in sizes:
        rounds = options.rounds or (1 if options.quick else 5 if rows <= MANY_ROWS else 3)
        results.append(report_size(rows, rounds, only_by_hand=options.only_by_hand))

    print("\n== summary: medians of paired rounds ==")
    print(f"  {'rows':>12} {'cli s':>9} {'by hand s':>10} {'cli ÷ hand':>11} {'cli peak MB':>12}")
    for result in results:
        cli = result.get(f"s {COMMAND_LINE}", float("nan"))
        ratio = result.get("ratio", float("nan"))
        peak = result.get(f"rss {COMMAND_LINE}", float("nan")) / MB
        print(
            f"  {int(result['rows']):>12,} {cli:>9.2f} {result[f's {BY_HAND}']:>10.2f}"
            f" {ratio:>11.2f} {peak:>12,.0f}"
        )
    print(f"  targets: cli ÷ hand ≤ {TARGET_RATIO:g} at 1M rows; peak ≤ 1 GiB at 10M rows")


if __name__ == "__main__":
    main()
