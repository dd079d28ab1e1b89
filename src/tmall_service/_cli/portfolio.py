"""The command line's portfolio commands: ``standing`` and ``report`` over a history file.

A history file is a shop file with a period per row: a ``period`` column
(``2024-07``, ``2024Q3``, …) or ``period_start`` and ``period_end``. Its
cells are read as a shop file's are; each row is judged by the edition in
force for its period.
"""

from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final, Literal, TextIO

import pyarrow as pa

from tmall_service._display.webpage import PageEntry, index_page, shop_page
from tmall_service._files.opening import check_paths
from tmall_service._frames.batches import NeedsRowReader, batches
from tmall_service._frames.cells import BadRowError
from tmall_service._frames.history import STANDING_COLUMNS, period_of, standings
from tmall_service._frames.shopfile import read_columns, read_rows, shop_row
from tmall_service._rules.assessment import Assessment
from tmall_service._rules.book import Purpose
from tmall_service._rules.editions import Editions, edition_for
from tmall_service._rules.standing import Verdict
from tmall_service._values.catalogue import plural, say
from tmall_service._values.errors import InvalidOptionError, RuleBookError, TmallServiceError
from tmall_service._values.language import Language
from tmall_service._values.periods import AssessmentPeriod, as_period, period_label
from tmall_service._values.schemes import Scheme
from tmall_service._values.text import count, named, text_table

from .output import ResultsFile, output_kind, write_atomic, write_csv

__all__ = ["EXIT_FAIL_ON", "report_command", "standing_command"]

EXIT_OK, EXIT_REJECTS, EXIT_FAIL_ON = 0, 3, 4
FAIL_ON: Final = {
    "clearance": frozenset({Verdict.CLEARANCE.value}),
    "at-risk": frozenset({Verdict.AT_RISK.value, Verdict.CLEARANCE.value}),
}
"""``--fail-on``'s levels, and the verdicts that reach each."""
_LISTED: Final = 20
"""Shops named in a message at most."""
_HEADER: Final = (
    "word.shop",
    "cli.header.standard",
    "word.verdict",
    "cli.header.failures",
    "cli.header.periods",
    "cli.header.latest",
    "word.score",
)
"""The keys of the words heading the table of standings."""


# -- reading a history file ----------------------------------------------------


def read_history(args: argparse.Namespace, editions: Editions) -> tuple[pa.Table, list[int]]:
    """The history file of *args* as an Arrow table, and each row's number in the file.

    Arrow reads it a batch at a time where it can; a file Arrow cannot read
    is read row by row, as ``assess`` does, and a malformed row is an error
    naming it.
    """
    path = Path(args.file)
    scheme = editions.editions[0].scheme
    options = {"max_bytes": args.max_bytes, "sheet": args.sheet}
    header, kind = read_columns(path, scheme, args.encoding, history=True, **options)
    try:
        pieces = list(batches(path, header, kind=kind, encoding=args.encoding, **options))
    except NeedsRowReader:
        return _rows_table(args, scheme, header)
    if not pieces:
        return pa.table({name: pa.array([], pa.string()) for name in header}), []
    numbers = [n for piece in pieces for n in range(piece.first, piece.first + len(piece.table))]
    return pa.concat_tables([piece.table for piece in pieces]), numbers


def _rows_table(
    args: argparse.Namespace, scheme: Scheme, header: Sequence[str]
) -> tuple[pa.Table, list[int]]:
    """The history read row by row: each column as Arrow takes it, or as text if it cannot."""
    numbers, cells = [], []
    for number, row, problem in read_rows(
        Path(args.file),
        scheme,
        args.encoding,
        max_bytes=args.max_bytes,
        sheet=args.sheet,
        history=True,
    ):
        if problem is not None:
            msg = f"{args.file}: row {number}: {problem}"
            raise RuleBookError(msg)
        numbers.append(number)
        cells.append(row)
    columns = {}
    for name in header:
        values = [row.get(name) for row in cells]
        try:
            columns[name] = pa.array(values)
        except (pa.ArrowInvalid, pa.ArrowTypeError):  # cells of several kinds: as text
            columns[name] = pa.array([None if v is None else str(v) for v in values], pa.string())
    return pa.table(columns), numbers


# -- standing ------------------------------------------------------------------


def standing_command(args: argparse.Namespace, out: TextIO, editions: Editions) -> int:
    """``tmall-service standing HISTORY``: each shop's standing, those needing attention first."""
    check_paths(args, Path(args.file))
    table, numbers = read_history(args, editions)
    errors: Literal["raise", "flag"] = "flag" if args.rejects else "raise"
    try:
        result = standings(table, rules=editions, errors=errors, lang=args.lang, numbers=numbers)
    except TmallServiceError as error:
        msg = (
            f"{args.file}: {error}; nothing written. "
            "Use --rejects FILE to set those shops aside and judge the rest."
        )
        raise RuleBookError(msg) from error
    records = result.to_pylist()
    rejected = [r for r in records if r.get("error")]
    judged = [r for r in records if not r.get("error")]
    if args.output:
        _write_standings(Path(args.output), args.format, judged)
    else:
        _print_standings(out, judged, lang=args.lang, every=args.all)
    if rejected:
        write_csv(
            Path(args.rejects),
            [{"shop": r["shop"], "reason": r["error"]} for r in rejected],
            ["shop", "reason"],
        )
        print(
            f"tmall-service: {count(len(rejected), 'shop')} with bad rows not judged, "
            f"written to {args.rejects}",
            file=sys.stderr,
        )
    if args.fail_on and any(r["verdict"] in FAIL_ON[args.fail_on] for r in judged):
        return EXIT_FAIL_ON
    return EXIT_REJECTS if rejected else EXIT_OK


def _write_standings(path: Path, format_: str | None, records: Sequence[Mapping[str, Any]]) -> None:
    columns = list(STANDING_COLUMNS)
    results = ResultsFile(path, output_kind(path, format_), columns, {"score": 2})
    try:
        results.add_rows([[_text(record[c]) for c in columns] for record in records])
    except BaseException:
        results.discard()
        raise
    results.commit()


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _print_standings(
    out: TextIO, records: Sequence[Mapping[str, Any]], *, lang: Language, every: bool
) -> None:
    """The verdicts that need attention, the worst first, then a count per verdict."""
    shown = [r for r in records if every or r["verdict"] != Verdict.GOOD.value]
    shown.sort(key=lambda r: -r["severity"])  # stable: by shop, then purpose, within a verdict
    rows = [
        [
            str(r["shop"]),
            named(Purpose(r["purpose"]), lang),
            Verdict(r["verdict"]).label(lang),
            str(r["failures"]) + (f"/{r['limit']}" if r["limit"] is not None else ""),
            _runs(r["periods"]),
            period_label(as_period(r["latest"])),
            str(r["score"]) if r["status"] == "scored" else "99",
        ]
        for r in shown
    ]
    if rows:
        out.write(text_table([say(key, lang) for key in _HEADER], rows))
        out.write("\n")
    out.write(_summary(records, lang) + "\n")


def _runs(periods: str) -> str:
    """Periods (as ``standing_frame`` writes them) in short: a run that follows on as its ends.

    ``2024-09..2024-12`` is the four months from September; a gap starts a new run.
    """
    runs: list[list[AssessmentPeriod]] = []
    for period in (as_period(text) for text in periods.split(", ") if text):
        if runs and (period.start - runs[-1][-1].end).days == 1:
            runs[-1].append(period)
        else:
            runs.append([period])
    return ", ".join(
        period_label(run[0]) + (f"..{period_label(run[-1])}" if len(run) > 1 else "")
        for run in runs
    )


def _summary(records: Sequence[Mapping[str, Any]], lang: Language) -> str:
    """How many shops have each verdict, the worst first, and how many meet every standard."""
    shops: dict[Any, set[str]] = {}
    for record in records:
        shops.setdefault(record["shop"], set()).add(record["verdict"])
    parts = []
    for verdict in sorted(Verdict, key=lambda v: -v.severity):
        n = sum(verdict.value in found for found in shops.values())
        if n and verdict is not Verdict.GOOD:
            parts.append(say("cli.summary.verdict", lang, n=n, verdict=verdict.label(lang)))
    good = sum(found == {Verdict.GOOD.value} for found in shops.values())
    parts.append(say("cli.summary.good", lang, n=good))
    start = say(plural("cli.summary.shops", len(shops)), lang, n=len(shops))
    return start + say("sep.clause", lang).join(parts)


# -- report --------------------------------------------------------------------


def report_command(args: argparse.Namespace, out: TextIO, editions: Editions) -> int:
    """``tmall-service report HISTORY``: one shop's page, or every shop's and an index."""
    if bool(args.shop) == bool(args.all):
        msg = "report: give --shop NAME (with --output FILE) or --all (with --output-dir DIR)"
        raise InvalidOptionError(msg)
    check_paths(args, Path(args.file))
    table, numbers = read_history(args, editions)
    shops = table.column("shop").to_pylist()
    names = sorted({str(shop) for shop in shops if shop is not None})
    if args.shop and args.shop not in names:
        more = len(names) - _LISTED
        listed = ", ".join(names[:_LISTED]) + (f" … and {more} more" if more > 0 else "")
        msg = f"{args.file}: no shop named {args.shop!r}; it has {listed or 'no shops'}"
        raise RuleBookError(msg)
    histories = dict(_histories(table, numbers, [str(shop) for shop in shops], editions, args))
    options = {"rules": editions, "lang": args.lang, "advice": args.advice}
    if args.shop:
        target = Path(args.output or f"{_file_name(args.shop)}.html")
        write_atomic(target, shop_page(histories[args.shop], shop=args.shop, **options).encode())
        out.write(f"wrote {target}\n")
        return EXIT_OK
    if not args.output_dir:
        msg = "report: --all writes one page per shop; give --output-dir DIR"
        raise InvalidOptionError(msg)
    folder = Path(args.output_dir)
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for shop, file in _file_names(sorted(histories)):
        page = shop_page(histories[shop], shop=shop, **options)
        write_atomic(folder / file, page.encode())
        entries.append(PageEntry.of(histories[shop], rules=editions, shop=shop, file=file))
    write_atomic(folder / "index.html", index_page(entries, lang=args.lang).encode())
    out.write(f"wrote {count(len(entries), 'page')} and index.html to {folder}\n")
    return EXIT_OK


def _histories(
    table: pa.Table,
    numbers: Sequence[int],
    shops: Sequence[str],
    editions: Editions,
    args: argparse.Namespace,
) -> Iterator[tuple[str, list[Assessment]]]:
    """Each shop's assessments, through the scalar path; a bad row is an error naming it.

    *shops* names each row's shop; with ``--shop``, only that shop's rows are read.
    """
    wanted = [i for i, shop in enumerate(shops) if not args.shop or shop == args.shop]
    by_shop: dict[str, list[tuple[int, Mapping[str, Any]]]] = {}
    for i, cells in zip(wanted, table.take(wanted).to_pylist(), strict=True):
        by_shop.setdefault(shops[i], []).append((numbers[i], cells))
    for shop, rows in by_shop.items():
        assessed = []
        for number, cells in rows:
            try:
                if "period" in cells:
                    period = as_period(cells["period"])
                else:
                    period = period_of(cells["period_start"], cells["period_end"])
                book = edition_for(editions, period)
                assessed.append(shop_row(cells, book).assess(period=period, rules=book))
            except (BadRowError, TmallServiceError) as error:
                msg = f"{args.file}: row {number}: {error}"
                raise RuleBookError(msg) from error
        yield shop, assessed


_UNSAFE: Final = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def _file_name(shop: str) -> str:
    """A file name for *shop*'s page: its name, less what no file name may hold."""
    name = _UNSAFE.sub("_", unicodedata.normalize("NFKC", shop)).strip(" .")[:100]
    return name or "shop"


def _file_names(shops: Sequence[str]) -> Iterator[tuple[str, str]]:
    """Each shop with its page's file name, no two alike (whatever the file system's case)."""
    taken: set[str] = set()
    for shop in shops:
        stem = _file_name(shop)
        name, n = stem, 1
        while name.casefold() in taken or name.casefold() == "index":
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.casefold())
        yield shop, f"{name}.html"
