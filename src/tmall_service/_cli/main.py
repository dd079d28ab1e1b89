"""The ``tmall-service`` command line.

``tmall-service assess FILE`` assesses the shops of a CSV, Parquet or Excel .xlsx file;
``tmall-service rules validate FILE`` checks a rule book file or folder;
``tmall-service rules show`` prints an edition;
``tmall-service explain FILE --shop NAME`` explains one shop's score;
``tmall-service standing HISTORY`` judges every shop of a history against each standard;
``tmall-service report HISTORY --shop NAME`` writes a shop's page (``--all``: every shop's).

Exit codes:

- 0: done; every row was assessed.
- 1: bad input or rule book; nothing was written. The message names the
  file, the row and the column.
- 2: usage error (unknown option, missing argument).
- 3: some rows were bad and were written with their reasons to ``--rejects``;
  every other row was assessed and written. (``standing``: the shops with a
  bad row were written aside; every other shop was judged.)
- 4: ``standing --fail-on LEVEL``: some shop has reached LEVEL (``clearance``,
  or ``at-risk``: at risk of clearance or due for it); everything was written.
- 130: interrupted (Ctrl-C); no partial file is left.

A bad row's reason names every bad cell of it, each with its column; at the
end of a run with bad rows, stderr has one summary line per kind of problem.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, TextIO

import attrs

from tmall_service._explain.report import report
from tmall_service._files.loading import example_rulebook, load_editions
from tmall_service._files.opening import DEFAULT_MAX_BYTES, byte_count, check_paths
from tmall_service._frames.cells import BadRowError, CellProblem, problem_of
from tmall_service._frames.records import columns, purposes, record
from tmall_service._frames.shopfile import Kind, read_columns, read_rows, shop_row
from tmall_service._rules.assessment import Status
from tmall_service._rules.book import Purpose, RuleBook
from tmall_service._rules.described import as_text, described, summary
from tmall_service._rules.editions import Editions
from tmall_service._values.errors import (
    InvalidPeriodError,
    RuleBookError,
    TmallServiceError,
    UnknownCategoryError,
)
from tmall_service._values.periods import AssessmentPeriod, as_period, read_day
from tmall_service._values.schemes import Scheme
from tmall_service._values.text import count, text_table

from .output import FORMATS, ResultsFile, output_kind, write_csv

__all__ = ["main", "parse_period"]

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_REJECTS = 0, 1, 2, 3
_PROGRESS_FROM = 5_000  # rows; shorter inputs finish before a bar would help
_BYTES_A_ROW = 40  # about, in a shop file
_ROWS_AT_A_TIME = 10_000  # rows read row by row before their results are written
_LISTED_REJECTS = 20


def parse_period(text: str, rules: RuleBook | Editions | None = None) -> AssessmentPeriod:
    """A period from the command line's ``--period``.

    The forms of :meth:`~tmall_service.AssessmentPeriod.parse` (``2024-07``,
    ``2024Q3``, ``2024H2``, ``2024``, ``2024-07-05..2024-08-04``), and
    ``YYYY-MM-DD``: the period of *rules* (the edition in force that day,
    among several) that holds that day.

    >>> str(parse_period("2024-07"))
    '2024-07-01..2024-07-31'
    >>> str(parse_period("2024Q3"))
    '2024-07-01..2024-09-30'
    >>> parse_period("2024-07-05..2024-08-04").days
    31
    >>> str(parse_period("2024-07-09"))
    '2024-07-01..2024-07-31'
    """
    day = read_day(text)
    if day is None:
        return as_period(text, forms=[_DAY_FORM])
    book = rules.on(day) if isinstance(rules, Editions) else rules
    return (book or RuleBook(profiles={})).period_for(day)


_DAY_FORM: Final = "2025-07-15 (the edition's period holding that day)"


def _last_full_period(rules: RuleBook, today: dt.date) -> AssessmentPeriod:
    """The edition's latest period that has ended before *today*."""
    kind = rules.period_kind
    if kind.rolling_days:
        return kind.containing(today - dt.timedelta(days=1))
    return kind.containing(kind.containing(today).start - dt.timedelta(days=1))


@contextlib.contextmanager
def _progress(
    args: argparse.Namespace, path: Path, total: int | None, unit: str
) -> Iterator[Callable[[int], None]]:
    """A function to report how far the file is read: a bar on a terminal, else nothing.

    The bar shows how much of the *total* (bytes or rows; unknown: ``None``)
    is done, the rate and the time left; it is drawn on stderr, where rich is
    installed, for a file at *path* long enough to need it (or always, with
    ``--progress always``).
    """
    try:
        short = path.stat().st_size < _PROGRESS_FROM * _BYTES_A_ROW
    except OSError:
        short = True  # reading it will say what is wrong
    wanted = args.progress == "always" or (
        args.progress == "auto" and sys.stderr.isatty() and not short
    )
    try:
        if not wanted:
            raise ImportError  # noqa: TRY301 - the same quiet path as without rich
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            MofNCompleteColumn,
            Progress,
            ProgressColumn,
            TextColumn,
            TimeRemainingColumn,
            TransferSpeedColumn,
        )
        from rich.text import Text
    except ImportError:
        yield lambda _done: None
        return

    class _RowRate(ProgressColumn):
        def render(self, task: Any) -> Text:  # noqa: ANN401 - rich's Task
            speed = task.finished_speed or task.speed
            return Text("" if speed is None else f"{speed:,.0f} rows/s")

    done_columns = (
        (DownloadColumn(), TransferSpeedColumn())
        if unit == "bytes"
        else (MofNCompleteColumn(), TextColumn("rows"), _RowRate())
    )
    with Progress(
        TextColumn("assessing"),
        BarColumn(),
        *done_columns,
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("assess", total=total)
        yield lambda done: bar.update(task, completed=min(done, total or done))


def _rules_of(args: argparse.Namespace) -> Editions:
    """The editions of ``--rules`` (a file, a file of editions, or a folder), or the example."""
    if args.rules:
        return load_editions(args.rules)
    return Editions([example_rulebook(Scheme(args.scheme))])


def _edition_and_period(args: argparse.Namespace) -> tuple[RuleBook, AssessmentPeriod]:
    """The period to assess, and the edition in force for the whole of it.

    Without ``--period``, the last ended period of the latest edition that
    covers one; never a period outside every edition.
    """
    editions = _rules_of(args)
    if args.period:
        period = parse_period(args.period, editions)
    else:
        today = dt.date.today()  # noqa: DTZ011 - the merchant's local calendar
        latest_first = editions.editions[::-1]
        periods = [_last_full_period(book, today) for book in latest_first]
        covered = [
            p
            for p, book in zip(periods, latest_first, strict=True)
            if book.in_force(p.start) and book.in_force(p.end)
        ]
        if not covered:
            spans = "; ".join(book.edition for book in editions)
            msg = (
                f"period: none given, and the last ended period {periods[0]} is outside "
                f"{'the edition' if len(editions) == 1 else 'the editions'} {spans}; "
                "give --period YYYY-MM inside their dates"
            )
            raise InvalidPeriodError(msg)
        period = covered[0]
    # In force on the first and the last day: the edition judges the whole period.
    return editions.for_period(period), period


def _assess_command(args: argparse.Namespace, out: TextIO) -> int:
    with _input(args) as (path, source):
        check_paths(args, path)
        rules, period = _edition_and_period(args)
        judged = purposes(rules)
        names = columns(judged)
        header, kind = read_columns(
            path,
            rules.scheme,
            args.encoding,
            max_bytes=args.max_bytes,
            name=source,
            sheet=args.sheet,
        )
        run = _Run(args, path, source, rules, period, judged, names)
        try:
            run.by_batches(header, kind=kind)
        except _RowByRow:
            run.results.discard()
            run = _Run(args, path, source, rules, period, judged, names)
            run.row_by_row()
        return run.finish(out)


@contextlib.contextmanager
def _input(args: argparse.Namespace) -> Iterator[tuple[Path, str]]:
    """The shop file's path and its name in messages; standard input is first kept in a file.

    Standard input is read to the end (within ``--max-bytes``) into a
    temporary file, so that it is read as a file is, and read again if
    it must be read row by row.
    """
    if args.file != "-":
        yield Path(args.file), args.file
        return
    with tempfile.TemporaryDirectory(prefix="tmall-service-") as folder:
        path = Path(folder) / "stdin"
        with path.open("wb") as kept:
            size = 0
            while block := sys.stdin.buffer.read(1 << 20):
                size += len(block)
                if size > args.max_bytes:
                    msg = (
                        f"<stdin>: more than {args.max_bytes} bytes; "
                        "raise the limit with --max-bytes"
                    )
                    raise RuleBookError(msg)
                kept.write(block)
        yield path, "<stdin>"


class _RowByRow(Exception):  # noqa: N818 - a signal, not an error
    """The file must be read row by row, from the start."""


class _Run:
    """One pass over the shop file: its results, its rejects, and the summary of its problems."""

    def __init__(  # noqa: PLR0913, PLR0917 - what a run reads, judges and writes
        self,
        args: argparse.Namespace,
        path: Path,
        source: str,
        rules: RuleBook,
        period: AssessmentPeriod,
        judged: Sequence[Purpose],
        names: Sequence[str],
    ) -> None:
        self.args, self.path, self.source = args, path, source
        self.rules, self.period, self.judged, self.names = rules, period, judged, names
        self.rejects: list[tuple[int, str, Mapping[str, Any]]] = []
        self.tally = _Tally()
        self.results = _results_for(args, names, rules)

    def by_batches(self, header: Sequence[str], *, kind: Kind) -> None:
        """Read and assess the file a batch at a time; raise _RowByRow where it cannot."""
        try:
            from tmall_service._frames.batches import NeedsRowReader, assess_batch, batches, release
        except ImportError:  # numpy, pyarrow or narwhals missing: row by row it is
            raise _RowByRow from None
        total = _total(self.path, kind)
        try:
            unit = "bytes" if kind == "csv" else "rows"
            with _progress(self.args, self.path, total, unit) as advance:
                for batch in batches(
                    self.path,
                    header,
                    kind=kind,
                    encoding=self.args.encoding,
                    max_bytes=self.args.max_bytes,
                    sheet=self.args.sheet,
                    progress=advance,
                ):
                    outcome = assess_batch(
                        batch,
                        rules=self.rules,
                        period=self.period,
                        judged=self.judged,
                        columns=self.names,
                    )
                    self.results.add_table(outcome.results)
                    release()  # the batch's memory goes back, not kept for the next
                    self.rejects += outcome.rejects
                    for problems in outcome.problems:
                        self.tally.add(problems)
        except NeedsRowReader:
            raise _RowByRow from None
        except BaseException:
            self.results.discard()
            raise

    def row_by_row(self) -> None:
        """Read and assess the file a row at a time, with the row-by-row reader."""
        rows = read_rows(
            self.path,
            self.rules.scheme,
            self.args.encoding,
            max_bytes=self.args.max_bytes,
            name=self.source,
            sheet=self.args.sheet,
        )
        done: list[list[str | None]] = []
        try:
            with _progress(self.args, self.path, None, "rows") as advance:
                for count, (number, cells, problem) in enumerate(rows, start=1):
                    self._row(number, cells, problem, done)
                    if len(done) >= _ROWS_AT_A_TIME:
                        self.results.add_rows(done)
                        done.clear()
                        advance(count)
            self.results.add_rows(done)
        except BaseException:
            self.results.discard()
            raise

    def _row(
        self,
        number: int,
        cells: Mapping[str, Any],
        problem: str | None,
        done: list[list[str | None]],
    ) -> None:
        if problem is not None:
            self.rejects.append((number, problem, cells))
            self.tally.add([CellProblem("row", problem, RuleBookError)])
            return
        try:
            row = shop_row(cells, self.rules)
            result = row.assess(period=self.period, rules=self.rules)
        except BadRowError as error:
            self.rejects.append((number, str(error), cells))
            self.tally.add(error.problems)
            return
        except TmallServiceError as error:
            refused = problem_of(error)
            self.rejects.append((number, str(refused), cells))
            self.tally.add([refused])
            return
        values = record(row.shop, result, self.rules, self.judged)
        done.append([values[name] for name in self.names])

    def finish(self, out: TextIO) -> int:
        """Put the results in place, or refuse them all; return the exit code."""
        rejects, args = self.rejects, self.args
        if rejects and not args.rejects:
            self.results.discard()
            self.tally.report(sys.stderr)
            listed = "; ".join(f"row {n}: {reason}" for n, reason, _ in rejects[:_LISTED_REJECTS])
            more = len(rejects) - _LISTED_REJECTS
            msg = (
                f"{self.source}: {count(len(rejects), 'bad row')}, nothing written: {listed}"
                + (f" … and {more} more" if more > 0 else "")
                + ". Use --rejects FILE to write them aside and assess the rest."
            )
            raise RuleBookError(msg)
        if isinstance(self.results, _Screen):
            self.results.show(out, self.rules, self.period)
        else:
            self.results.commit()
        if rejects:
            _write_rejects(Path(args.rejects), rejects)
            self.tally.report(sys.stderr)
            print(
                f"tmall-service: {count(len(rejects), 'bad row')} written to {args.rejects}",
                file=sys.stderr,
            )
            return EXIT_REJECTS
        return EXIT_OK


def _total(path: Path, kind: Kind) -> int | None:
    """How much there is to read, for the progress bar: bytes of a CSV, rows of a Parquet file."""
    if kind == "csv":
        return path.stat().st_size
    return _parquet_rows(path) if kind == "parquet" else None


def _parquet_rows(path: Path) -> int | None:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        return None
    try:
        return int(pq.ParquetFile(path).metadata.num_rows)
    except Exception:  # noqa: BLE001 - reading it will say what is wrong
        return None


def _results_for(args: argparse.Namespace, names: Sequence[str], rules: RuleBook) -> Any:  # noqa: ANN401 - a ResultsFile or a list
    """Where the results go: a file of ``--output`` (written as they come), or the screen."""
    if not args.output:
        return _Screen(names)
    target = Path(args.output)
    kind = output_kind(target, args.format)
    decimals = {
        "score": 2,
        "stars": _places(rules.star_bands),
        "bonus": max(2, _places(rules.bonuses.values())),
    }
    return ResultsFile(target, kind, names, decimals)


def _places(numbers: Iterable[Decimal]) -> int:
    """The most decimal places among *numbers* (0 for none)."""
    return max((max(-int(n.as_tuple().exponent), 0) for n in numbers), default=0)


class _Screen:
    """Results kept to be shown as a table on the terminal."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = list(names)
        self.records: list[dict[str, str | None]] = []

    def add_rows(self, rows: Sequence[Sequence[str | None]]) -> None:
        self.records += (dict(zip(self.names, row, strict=True)) for row in rows)

    def add_table(self, table: Any) -> None:  # noqa: ANN401 - an Arrow table of text
        self.records += table.to_pylist()

    def discard(self) -> None:
        self.records.clear()

    def show(self, out: TextIO, rules: RuleBook, period: AssessmentPeriod) -> None:
        _print_table(out, rules, period, self.records, self.names)


@attrs.define
class _Tally:
    """The bad cells of a run, counted by kind, for one summary line per kind."""

    rows: Counter[str] = attrs.Factory(Counter)
    names: dict[str, Counter[str]] = attrs.Factory(dict)

    def add(self, problems: Iterable[CellProblem]) -> None:
        for kind, name in {_kind(problem) for problem in problems}:
            self.rows[kind] += 1
            if name is not None:
                self.names.setdefault(kind, Counter())[name] += 1

    def report(self, stream: TextIO) -> None:
        first = {"category": 0, "region": 1}
        for kind, rows in sorted(self.rows.items(), key=lambda item: first.get(item[0], 2)):
            names = self.names.get(kind)
            if names is None:
                line = f"{count(rows, 'shop')} with {kind}"
            else:
                plural = kind.replace("category", "categorie") + "s"
                listed = ", ".join(f"{n} ({c})" for n, c in names.most_common(_LISTED_REJECTS))
                more = len(names) - _LISTED_REJECTS
                listed += f" … and {more} more" if more > 0 else ""
                line = (
                    f"{count(rows, 'shop')} in {count(len(names), kind, plural)} "
                    f"this edition does not know: {listed}"
                )
            print(f"tmall-service: {line}", file=stream)


def _kind(problem: CellProblem) -> tuple[str, str | None]:
    """The kind of a bad cell, and the unknown name where it is one."""
    if problem.name is not None:
        return ("category" if problem.error is UnknownCategoryError else "region"), problem.name
    if problem.column == "row":
        return "malformed rows", None
    return f"a bad {problem.column} cell", None


def _explain_command(args: argparse.Namespace, out: TextIO) -> int:
    check_paths(args)
    rules, period = _edition_and_period(args)
    path = Path(args.file)
    reports = []
    seen: list[str] = []
    for number, cells, problem in read_rows(
        path, rules.scheme, args.encoding, max_bytes=args.max_bytes, sheet=args.sheet
    ):
        name = str(cells.get("shop") or "")
        if name != args.shop:
            if name and len(seen) < _LISTED_REJECTS:
                seen.append(name)
            continue
        if problem is not None:
            msg = f"{path}: row {number}: {problem}"
            raise RuleBookError(msg)
        try:
            result = shop_row(cells, rules).assess(period=period, rules=rules)
        except TmallServiceError as error:
            msg = f"{path}: row {number}: {error}"
            raise RuleBookError(msg) from error
        reports.append(
            f"{name}\n" + report(result, rules=rules, lang=args.lang, advice=args.advice)
        )
    if not reports:
        msg = f"{path}: no shop named {args.shop!r}; it has {', '.join(seen) or 'no shops'}"
        raise RuleBookError(msg)
    out.write("\n\n".join(reports) + "\n")
    return EXIT_OK


def _print_table(
    out: TextIO,
    rules: RuleBook,
    period: AssessmentPeriod,
    records: Sequence[Mapping[str, Any]],
    columns: Sequence[str],
) -> None:
    purposes = [p.value for p in Purpose]
    shown = [c for c in columns if c not in ("bonus", "exemption")]

    def cell(record: Mapping[str, Any], column: str) -> str:
        value = record[column]
        if value is None:
            return ""
        # On a terminal a failure should stand out.
        return "FAIL" if column in purposes and value == "fail" else str(value)

    rows = [[cell(record, c) for c in shown] for record in records]
    out.write(f"{rules.name or 'rule book'} · period {period}\n\n")
    out.write(text_table(shown, rows))
    counts = Counter(record["status"] for record in records)
    summary = ", ".join(f"{counts[s.value]} {s.value}" for s in Status if counts[s.value])
    shops = "shop" if len(records) == 1 else "shops"
    out.write(f"\n{len(records)} {shops}: {summary or 'none'}\n")


def _write_rejects(path: Path, rejects: Sequence[tuple[int, str, Mapping[str, Any]]]) -> None:
    columns = ["row", "reason"]
    for _, _, cells in rejects:
        columns += [name for name in cells if name not in columns]
    records = [
        {"row": number, "reason": reason} | {c: cells.get(c) for c in columns[2:]}
        for number, reason, cells in rejects
    ]
    write_csv(path, records, columns)


def _rules_command(args: argparse.Namespace, out: TextIO) -> int:
    if args.action == "validate":
        for book in load_editions(args.file):
            outline = summary(book)
            out.write(
                f"ok: {outline.title('en')}: "
                f"{count(outline.assessed, 'category', 'categories')} assessed, "
                f"{outline.excluded} not assessed, "
                f"{count(outline.exemptions, 'exemption')}\n"
            )
        return EXIT_OK
    books: Iterable[RuleBook] = load_editions(args.file) if args.file else _rules_of(args)
    out.write("\n\n".join(as_text(described(book, "en")) for book in books) + "\n")
    return EXIT_OK


class _Version(argparse.Action):
    """``--version``: print ``tmall-service <version>`` and exit 0, as argparse's own does.

    The version (``tmall_service.__version__``) is read from the installed
    metadata only when asked for: reading it costs more than parsing a run's
    arguments.
    """

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:  # noqa: ANN401 - argparse's keywords
        kwargs.update(nargs=0, default=argparse.SUPPRESS)
        super().__init__(option_strings, dest, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,  # noqa: ARG002 - argparse's signature
        values: object,  # noqa: ARG002 - argparse's Action signature
        option_string: str | None = None,  # noqa: ARG002 - argparse's Action signature
    ) -> None:
        from tmall_service import __version__

        sys.stdout.write(f"{parser.prog} {__version__}\n")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tmall-service",
        description="Tmall's basic service score (天猫基础服务考核分), exact and explained.",
        epilog=(
            "Exit codes: 0 done, 1 bad input or rule book, 2 usage error, 3 rows rejected, "
            "4 --fail-on level reached, 130 interrupted."
        ),
    )
    parser.add_argument(
        "--version", action=_Version, dest="version", help="print the version and exit"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    assess = commands.add_parser(
        "assess",
        help="assess the shops of a CSV, Parquet or Excel .xlsx file",
        description=(
            "Assess every shop of a CSV, Parquet or Excel .xlsx file (its first sheet, "
            "or --sheet) with columns shop, category and, optionally, region, the "
            "scheme's dimension scores (Tmall: product, logistics, after_sales, "
            "dispute, consultation; Taobao: description, logistics, customer_service, "
            "transaction_security, after_sales), orders, opened (YYYY-MM-DD) and "
            "bonuses (names separated by ';'). "
            "An empty cell is no data. Exit codes: 0 done, 1 bad input or rule "
            "book, 2 usage error, 3 rows rejected to --rejects, 130 interrupted."
        ),
    )
    assess.add_argument(
        "file", help="the shops: CSV (UTF-8, or see --encoding), Parquet or Excel .xlsx"
    )
    _rule_options(assess)
    assess.add_argument(
        "--period",
        help=(
            "2025-08 (a month), 2025Q3 (a quarter), 2025H1 (a half-year), 2025 (a year), "
            "2025-07-01..2025-07-31 (a range) or 2025-07-15 (the edition's period holding "
            "that day); default: the edition's last ended period"
        ),
    )
    assess.add_argument(
        "--encoding", default="utf-8-sig", help="the CSV's text encoding, e.g. gbk (default UTF-8)"
    )
    assess.add_argument(
        "--sheet", metavar="NAME", help="the Excel workbook's sheet to read (default: the first)"
    )
    assess.add_argument(
        "--max-bytes",
        type=byte_count,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help="refuse a file larger than N bytes; K, M or G for KiB, MiB or GiB (default 1G)",
    )
    assess.add_argument("--output", help="write the results to this .csv, .json or .parquet file")
    assess.add_argument("--format", choices=FORMATS, help="the output format, if not the suffix")
    assess.add_argument("--rejects", help="write bad rows, with the reason, to this CSV file")
    assess.add_argument(
        "--progress",
        choices=("auto", "always", "never"),
        default="auto",
        help="show a progress bar (auto: on a terminal, for long inputs)",
    )
    explain = commands.add_parser(
        "explain",
        help="explain one shop's score: the formula, each standard, what it takes, advice",
        description=(
            "Explain one shop of a CSV, Parquet or Excel .xlsx file (the columns of "
            "'assess'): its score with the formula filled in, or why it shows 99; each "
            "standard passed or failed; for a failed one, the score each dimension alone "
            "must reach and the cheapest plan; and the sources' advice, most points lost "
            "first."
        ),
    )
    explain.add_argument(
        "file", help="the shops: CSV (UTF-8, or see --encoding), Parquet or Excel .xlsx"
    )
    explain.add_argument("--shop", required=True, help="the shop's name, as in the shop column")
    _rule_options(explain)
    explain.add_argument("--period", help="as for assess; default: the edition's last ended period")
    _reading_options(explain)
    explain.add_argument(
        "--advice", type=int, default=3, help="how many pieces of advice to give (default 3)"
    )
    _portfolio_parsers(commands)
    rules = commands.add_parser("rules", help="check or show a rule book")
    actions = rules.add_subparsers(dest="action", required=True)
    validate = actions.add_parser("validate", help="check a rule book file, or a folder of them")
    validate.add_argument("file")
    show = actions.add_parser("show", help="print an edition: a file's, or a bundled example")
    show.add_argument("file", nargs="?", help="a rule book file or folder; default: the example")
    _rule_options(show, with_file=False)
    return parser


def _portfolio_parsers(commands: Any) -> None:  # noqa: ANN401 - argparse's subparsers
    """The parsers of ``standing`` and ``report``, which read a history file."""
    history = (
        "a history: the columns of 'assess', and a period per row: period (2024-07, "
        "2024Q3, 2024H1, 2024 or 2024-07-01..2024-07-31) or period_start and period_end"
    )
    standing = commands.add_parser(
        "standing",
        help="judge every shop of a history against each standard, those at risk first",
        description=(
            "Judge every shop of a history file (CSV, Parquet or Excel .xlsx; "
            f"{history}) against each standard, each period by the edition in force then. "
            "Prints the shops that need attention, the worst first (due for clearance, at "
            "risk of clearance, not eligible for campaigns, refund forfeited), with their "
            "failing periods, and a count per verdict. Exit codes: 0 done, 1 bad input or "
            "rule book, 2 usage error, 3 shops with bad rows written to --rejects, 4 a shop "
            "has reached the --fail-on level."
        ),
    )
    report = commands.add_parser(
        "report",
        help="write a shop's page (HTML, offline, printable), or every shop's and an index",
        description=(
            f"Write one self-contained HTML page per shop of a history file ({history}): "
            "its standing, its score over time against each standard, the radar of its "
            "latest period, the account of its latest score, the cheapest plan to each "
            "standard it fails, and advice. Needs the plot extra (matplotlib)."
        ),
    )
    for parser in (standing, report):
        parser.add_argument("file", help="the history: CSV, Parquet or Excel .xlsx")
        _rule_options(parser)
        _reading_options(parser)
    standing.add_argument("--output", help="write every standing to this .csv, .json or .parquet")
    standing.add_argument("--format", choices=FORMATS, help="the output format, if not the suffix")
    standing.add_argument(
        "--rejects", help="write the shops with bad rows, and why, to this CSV; judge the rest"
    )
    standing.add_argument(
        "--all", action="store_true", help="print the shops meeting a standard too"
    )
    standing.add_argument(
        "--fail-on",
        choices=("clearance", "at-risk"),
        help="exit 4 when a shop is due for clearance (or, at-risk, at risk of it)",
    )
    report.add_argument("--shop", help="the shop's name, as in the shop column")
    report.add_argument("--output", help="the page's file (default: the shop's name .html)")
    report.add_argument("--all", action="store_true", help="a page for every shop, and an index")
    report.add_argument("--output-dir", metavar="DIR", help="where --all writes its pages")
    report.add_argument(
        "--advice", type=int, default=5, help="how many pieces of advice to give (default 5)"
    )


def _standing_command(args: argparse.Namespace, out: TextIO) -> int:
    try:
        from .portfolio import standing_command
    except ImportError as error:
        needed = _needs("standing", "cli", error)
        raise needed from None
    return standing_command(args, out, _rules_of(args))


def _report_command(args: argparse.Namespace, out: TextIO) -> int:
    try:
        from .portfolio import report_command
    except ImportError as error:
        needed = _needs("report", "cli,plot", error)
        raise needed from None
    return report_command(args, out, _rules_of(args))


def _needs(command: str, extras: str, error: ImportError) -> RuleBookError:
    """The error of a command whose libraries are not installed, naming the extras."""
    return RuleBookError(
        f"{command} needs {error.name or 'pyarrow'}: pip install 'tmall_service[{extras}]'"
    )


def _reading_options(parser: argparse.ArgumentParser) -> None:
    """How a command other than assess reads its file, and the language it answers in."""
    parser.add_argument("--encoding", default="utf-8-sig", help="the CSV's text encoding")
    parser.add_argument("--sheet", metavar="NAME", help="as for assess: the workbook's sheet")
    parser.add_argument(
        "--max-bytes",
        type=byte_count,
        default=DEFAULT_MAX_BYTES,
        metavar="N",
        help="as for assess: refuse a file larger than N bytes (default 1G)",
    )
    parser.add_argument("--lang", choices=("en", "zh"), default="en", help="English or Chinese")


def _rule_options(parser: argparse.ArgumentParser, *, with_file: bool = True) -> None:
    if with_file:
        parser.add_argument(
            "--rules", help="a rule book file (.toml or .json); default: the bundled example"
        )
    else:
        parser.set_defaults(rules=None)
    parser.add_argument(
        "--scheme",
        choices=[scheme.value for scheme in Scheme],
        default=Scheme.TMALL.value,
        help="the bundled example edition to use when no rule book is given",
    )


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return its exit code."""
    args = _parser().parse_args(argv)
    stream = sys.stdout if out is None else out
    command = {
        "assess": _assess_command,
        "explain": _explain_command,
        "standing": _standing_command,
        "report": _report_command,
        "rules": _rules_command,
    }[args.command]
    try:
        return command(args, stream)
    except TmallServiceError as error:
        print(f"tmall-service: error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:
        # The reader (say `head`) has gone: stop quietly, as command-line tools do.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        # Ctrl-C: files are written whole or not at all, so nothing is left
        # to clean up. 130 is how a shell reports a command stopped by SIGINT.
        print("tmall-service: interrupted", file=sys.stderr)
        return 130
