"""The mutation score per module, from mutmut's results in ``mutants/``.

Run after ``mutmut run`` (``.ci/long`` does both). Prints a Markdown table,
as docs/quality.md shows it, then the mutants that survived. A mutant that
timed out counts as killed: the tests noticed that something was wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

KILLED = {1, 3, 36, -24, 24, 152, 255, 37}
SURVIVED = {0}
NO_TESTS = {5, 33}


def results(root: Path) -> dict[str, dict[str, int | None]]:
    """Exit code by mutant name, per module."""
    found = {}
    for meta in sorted(root.glob("src/**/*.py.meta")):
        # Named by part and module, as the package is laid out: _values.numbers.
        inside = meta.relative_to(root / "src" / "tmall_service").as_posix()
        module = inside.removesuffix(".py.meta").replace("/", ".")
        found[module] = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    return found


def main() -> int:
    """Print the table and the survivors; fail when the score is below the minimum."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutants", type=Path, default=Path("mutants"))
    parser.add_argument("--minimum", type=float, default=90.0, help="fail below this score")
    args = parser.parse_args()
    by_module = results(args.mutants)
    if not by_module:
        sys.exit(f"{args.mutants}: no mutmut results; run `mutmut run` first")
    rows = []
    survivors = []
    totals: Counter[str] = Counter()
    for module, codes in by_module.items():
        counts: Counter[str] = Counter()
        for name, code in codes.items():
            if code is None:
                counts["not checked"] += 1
            elif code in KILLED:
                counts["killed"] += 1
            elif code in SURVIVED or code in NO_TESTS:
                counts["survived"] += 1
                survivors.append(name)
            else:
                counts["other"] += 1
                survivors.append(f"{name} (exit code {code})")
        totals.update(counts)
        rows.append((module, counts))
    print("| Module | Mutants | Killed | Survived | Score |")
    print("|---|---:|---:|---:|---:|")
    for module, counts in [*rows, ("**all**", totals)]:
        checked = counts["killed"] + counts["survived"] + counts["other"]
        score = 100 * counts["killed"] / checked if checked else 0.0
        unchecked = f" ({counts['not checked']} not run)" if counts["not checked"] else ""
        print(
            f"| {module} | {checked}{unchecked} | {counts['killed']} | "
            f"{counts['survived'] + counts['other']} | {score:.1f}% |"
        )
    print("\nSurvivors:" if survivors else "\nNo survivors.")
    for name in survivors:
        print(f"- {name}")
    checked = totals["killed"] + totals["survived"] + totals["other"]
    score = 100 * totals["killed"] / checked if checked else 0.0
    return 0 if score >= args.minimum else 1


if __name__ == "__main__":
    sys.exit(main())
