"""Refusing a rule book with 200,000 bad entries, next to parsing its file.

Two kinds of bad entry, each in a TOML and a JSON file within the loader's
size limit: a weight that is no number (``product = "x"``) in every
category of ``profiles``, and an exemption that starts on a day that does
not exist (``start = "2024-13-01"``). For each file these are timed in turn,
``--rounds`` paired rounds:

* the bare parse: ``tomllib.loads`` or ``json.loads`` of the file's text;
* ``ts.load_rulebook(path)``, refused: reading, parsing and checking the file;
* ``ts.converter.structure(document, ts.RuleBook)``, refused, on the parsed text;
* the same book with every entry good, accepted by ``ts.converter.structure``:
  what checking that many entries costs when nothing is wrong.

It prints the median seconds, the median of each round's ratio of a refusal
to the bare parse and to the acceptance, and the size of the message. The
bare parse is C code for JSON and Python for TOML, so the ratios of the two
formats differ by about the speed of their parsers.

Nothing here is a test: the figures are printed, never enforced.

    python benchmarks/bench_rulebook_errors.py
    python benchmarks/bench_rulebook_errors.py --entries 20000 --rounds 5
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import json
import platform
import statistics
import string
import tempfile
import time
import tomllib
from collections.abc import Callable
from itertools import islice, product
from pathlib import Path

import tmall_service as ts
from tmall_service._files.loading import MAX_FILE_BYTES

DIGITS = string.digits + string.ascii_letters
WEIGHTS = ("product", "logistics", "after_sales", "dispute", "consultation")


def names(count: int) -> list[str]:
    """*count* distinct short category names: 200,000 profiles must fit the size limit."""
    width = 1
    while len(DIGITS) ** width < count:
        width += 1
    return ["".join(letters) for letters in islice(product(DIGITS, repeat=width), count)]


def weights_toml(count: int, product: str) -> str:
    """A rule book whose *count* categories have *product* (TOML) for weight."""
    rows = (
        f"{name}={{product={product},logistics=0,after_sales=0,dispute=0,consultation=1}}\n"
        for name in names(count)
    )
    return "[profiles]\n" + "".join(rows)


def exemptions_toml(count: int, start: str) -> str:
    """A rule book of *count* exemptions, each starting on *start*."""
    row = f'{{start="{start}",end="2024-07-31",reason="x"}},\n'
    return "profiles={}\nexemptions=[\n" + row * count + "]\n"


def weights_json(count: int, product: str) -> str:
    """The JSON twin of :func:`weights_toml`."""
    profile = f'{{"product":{product},"logistics":0,"after_sales":0,"dispute":0,"consultation":1}}'
    rows = ",".join(f'"{name}":{profile}' for name in names(count))
    return f'{{"profiles":{{{rows}}}}}'


def exemptions_json(count: int, start: str) -> str:
    """The JSON twin of :func:`exemptions_toml`."""
    row = f'{{"start":"{start}","end":"2024-07-31","reason":"x"}}'
    return '{"profiles":{},"exemptions":[' + ",".join([row] * count) + "]}"


# (kind, suffix) -> (text with every entry bad, the same with every entry good)
Builders = dict[tuple[str, str], Callable[[int], tuple[str, str]]]
BUILDERS: Builders = {
    ("weights", ".toml"): lambda n: (weights_toml(n, '"x"'), weights_toml(n, "0")),
    ("weights", ".json"): lambda n: (weights_json(n, '"x"'), weights_json(n, "0")),
    ("exemptions", ".toml"): lambda n: (
        exemptions_toml(n, "2024-13-01"),
        exemptions_toml(n, "2024-07-01"),
    ),
    ("exemptions", ".json"): lambda n: (
        exemptions_json(n, "2024-13-01"),
        exemptions_json(n, "2024-07-01"),
    ),
}


def parse(text: str, suffix: str) -> object:
    """The bare parse, as a user's own script would read the file."""
    return tomllib.loads(text) if suffix == ".toml" else json.loads(text)


def seconds(function: Callable[[], object]) -> float:
    """Seconds of one call of *function*; a refusal is what is expected."""
    gc.collect()
    start = time.perf_counter()
    with contextlib.suppress(ts.RuleBookError):
        function()
    return time.perf_counter() - start


def refusal(function: Callable[[], object]) -> str:
    """The message *function* is refused with."""
    try:
        function()
    except ts.RuleBookError as error:
        return str(error)
    msg = "the bad rule book was accepted"
    raise AssertionError(msg)


def report(kind: str, suffix: str, entries: int, rounds: int, folder: Path) -> dict[str, float]:
    """Time one file and print its figures; the medians, for the summary."""
    bad, good = BUILDERS[kind, suffix](entries)
    path = folder / f"{kind}{suffix}"
    path.write_text(bad, encoding="utf-8")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        print(f"\n{path.name}: {size:,} bytes, over the loader's limit; fewer --entries")
        return {}
    document, good_document = parse(bad, suffix), parse(good, suffix)

    def accept() -> object:
        return ts.converter.structure(good_document, ts.RuleBook)

    contenders: dict[str, Callable[[], object]] = {
        "bare parse": lambda: parse(bad, suffix),
        "load_rulebook, refused": lambda: ts.load_rulebook(path),
        "structure, refused": lambda: ts.converter.structure(document, ts.RuleBook),
        "structure, all good": accept,
    }
    accept()  # the good book must really be good, and the hooks warm
    message = refusal(contenders["load_rulebook, refused"])
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):  # in turn, so that other load hits all alike
        for name, function in contenders.items():
            times[name].append(seconds(function))

    parser = "tomllib.loads" if suffix == ".toml" else "json.loads"
    print(f"\n== bad {kind}, {suffix[1:].upper()}: {entries:,} entries, {size / 1e6:.1f} MB, "
          f"median of {rounds} rounds ==")  # fmt: skip
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, median in medians.items():
        label = f"bare parse ({parser})" if name == "bare parse" else name
        print(f"  {label:<30} {median:>8.3f} s")
    for name in ("load_rulebook, refused", "structure, refused"):
        parsed = statistics.median(
            t / p for t, p in zip(times[name], times["bare parse"], strict=True)
        )
        accepted = statistics.median(
            t / a for t, a in zip(times[name], times["structure, all good"], strict=True)
        )
        print(f"  {name + ' ÷ bare parse':<36} {parsed:6.2f}   ÷ all good accepted {accepted:5.2f}")
    lines = message.split("\n")
    print(f"  message: {len(message):,} characters, {len(lines)} lines, the last {lines[-1]!r}")
    return medians | {"message": len(message), "bytes": size}


def main(argv: list[str] | None = None) -> None:
    """Parse the options, build the files and report each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200_000, metavar="N", help="bad entries")
    parser.add_argument("--rounds", type=int, default=3, metavar="N", help="paired rounds")
    options = parser.parse_args(argv)
    print(f"bench_rulebook_errors  {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"Python {platform.python_version()}, tmall_service {ts.__version__}")
    with tempfile.TemporaryDirectory() as folder:
        results = {
            (kind, suffix): report(kind, suffix, options.entries, options.rounds, Path(folder))
            for kind, suffix in BUILDERS
        }
    print("\n== summary: median seconds ==")
    print(f"  {'file':<18} {'parse':>7} {'load':>7} {'struct':>7} {'good':>7} {'message':>9}")
    for (kind, suffix), medians in results.items():
        if medians:
            print(
                f"  {kind + suffix:<18} {medians['bare parse']:>7.2f} "
                f"{medians['load_rulebook, refused']:>7.2f} {medians['structure, refused']:>7.2f} "
                f"{medians['structure, all good']:>7.2f} {medians['message']:>9,.0f}"
            )


if __name__ == "__main__":
    main()
