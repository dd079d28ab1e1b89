"""The ``tmall-service`` command: assess the shops in a CSV file.

Exit codes: 0 when every shop was assessed, 1 when the input or the rule
book is bad (the message names the row and column), 2 on a usage error.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TextIO

import attrs

from ._assessment import Assessment, Status, assess
from ._errors import InvalidPeriodError, InvalidScoreError, RuleBookError, TmallServiceError
from ._loading import example_rulebook, load_rulebook
from ._periods import AssessmentPeriod
from ._rules import Purpose, RuleBook
from ._schemes import AnyScores, Scheme
from ._standing import standards

__all__ = ["ShopRow", "main", "parse_period", "read_shops"]

_REQUIRED = ("shop", "category")
_FACTS = ("region", "orders", "opened", "bonuses")


def parse_period(text: str, rules: RuleBook | None = None) -> AssessmentPeriod:
    """A period from the command line's ``--period``.

    ``YYYY-MM`` is a natural month, ``YYYY-MM-DD..YYYY-MM-DD`` an explicit
    range, and ``YYYY-MM-DD`` the period of *rules* that holds that day.

    >>> str(parse_period("2024-07"))
    '2024-07-01..2024-07-31'
    >>> parse_period("2024-07-05..2024-08-04").days
    31
    """
    try:
        if ".." in text:
            start, _, end = text.partition("..")
            return AssessmentPeriod(dt.date.fromisoformat(start), dt.date.fromisoformat(end))
        if text.count("-") == 2:  # noqa: PLR2004 - a day: YYYY-MM-DD
            day = dt.date.fromisoformat(text)
            return (rules or RuleBook(profiles={})).period_for(day)
        year, _, month = text.partition("-")
        return AssessmentPeriod.month(int(year), int(month))
    except ValueError as error:
        if isinstance(error, InvalidPeriodError):
            raise
        msg = f"period: {text!r} is not YYYY-MM or YYYY-MM-DD..YYYY-MM-DD"
        raise InvalidPeriodError(msg) from None


def _last_full_period(rules: RuleBook, today: dt.date) -> AssessmentPeriod:
    """The edition's latest period that has ended before *today*."""
    kind = rules.period_kind
    if kind.rolling_days:
        return kind.containing(today - dt.timedelta(days=1))
    return kind.containing(kind.containing(today).start - dt.timedelta(days=1))


@attrs.frozen
class ShopRow:
    """One shop's row of the input: who it is and what to assess."""

    shop: str
    category: str
    region: str | None
    scores: AnyScores
    orders: int | None
    opened: dt.date | None
    bonuses: frozenset[str]

    def assess(self, *, period: AssessmentPeriod, rules: RuleBook) -> Assessment:
        """The shop's assessment in *period* under *rules*."""
        return assess(
            self.scores,
            category=self.category,
            region=self.region,
            period=period,
            rules=rules,
            orders=self.orders,
            opened=self.opened,
            bonuses=self.bonuses,
        )


def _row_facts(cells: dict[str, str], scheme: Scheme) -> ShopRow:
    orders = cells.get("orders") or None
    opened = cells.get("opened") or None
    try:
        count = None if orders is None else int(orders)
    except ValueError:
        msg = f"orders: {orders!r} is not a whole number"
        raise InvalidScoreError(msg) from None
    try:
        day = None if opened is None else dt.date.fromisoformat(opened)
    except ValueError:
        msg = f"opened: {opened!r} is not an ISO date such as 2024-07-01"
        raise InvalidPeriodError(msg) from None
    shop, category = cells["shop"], cells["category"]
    if not shop or not category:
        msg = "shop and category must not be empty"
        raise RuleBookError(msg)
    return ShopRow(
        shop=shop,
        category=category,
        region=cells.get("region") or None,
        scores=scheme.scores(**{d.value: cells.get(d.value) or None for d in scheme.dimensions}),
        orders=count,
        opened=day,
        bonuses=frozenset(filter(None, map(str.strip, cells.get("bonuses", "").split(";")))),
    )


def read_shops(stream: TextIO, source: str, scheme: Scheme = Scheme.TMALL) -> Iterator[ShopRow]:
    """Yield a :class:`ShopRow` for each row of a CSV file of shops.

    Columns: ``shop``, ``category`` and, optionally, ``region``, the five
    dimension scores of *scheme*, ``orders``, ``opened`` (an ISO date) and ``bonuses``
    (names separated by ``;``). An empty cell is "no data". A bad cell
    raises an error naming the row (counting the header as row 1) and the
    column.
    """
    reader = csv.DictReader(stream)
    columns = reader.fieldnames or []
    missing = [name for name in _REQUIRED if name not in columns]
    if missing:
        msg = f"{source}: missing column(s) {', '.join(missing)}; found {columns}"
        raise RuleBookError(msg)
    known = (*_REQUIRED, *_FACTS, *(d.value for d in scheme.dimensions))
    unknown = [name for name in columns if name not in known]
    if unknown:
        msg = f"{source}: unknown column(s) {', '.join(unknown)}"
        raise RuleBookError(msg)
    for row_number, row in enumerate(reader, start=2):
        if None in row or any(value is None for value in row.values()):
            msg = f"{source}: row {row_number}: the row does not have {len(columns)} cells"
            raise RuleBookError(msg)
        try:
            yield _row_facts({key: value.strip() for key, value in row.items()}, scheme)
        except TmallServiceError as error:
            msg = f"{source}: row {row_number}: {error}"
            raise type(error)(msg) from None


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(_width(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        padded = (c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True))
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(header), rule, *(line(row) for row in rows)]) + "\n"


def _purposes(rules: RuleBook) -> list[Purpose]:
    categories = [None, *rules.category_thresholds]
    return [p for p in Purpose if any(rules.threshold(p, c) is not None for c in categories)]


def _row(shop: str, result: Assessment, rules: RuleBook) -> list[str]:
    stars = result.stars
    cells = [
        shop,
        result.category,
        result.region or "",
        str(result.score),
        result.status.value,
        "" if stars is None else str(stars),
    ]
    verdicts = standards(result, rules)
    shown = {True: "pass", False: "FAIL", None: ""}
    return cells + [shown[verdicts.get(purpose)] for purpose in _purposes(rules)]


def _assess_row(
    row: ShopRow, number: int, period: AssessmentPeriod, rules: RuleBook, source: str
) -> Assessment:
    try:
        return row.assess(period=period, rules=rules)
    except TmallServiceError as error:
        msg = f"{source}: row {number}: {error}"
        raise type(error)(msg) from None


def _assess_command(args: argparse.Namespace, out: TextIO) -> int:
    rules = load_rulebook(args.rules) if args.rules else example_rulebook(Scheme(args.scheme))
    today = dt.date.today()  # noqa: DTZ011 - the merchant's local calendar
    period = parse_period(args.period, rules) if args.period else _last_full_period(rules, today)
    path = Path(args.file)
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            results = [
                (row.shop, _assess_row(row, number, period, rules, str(path)))
                for number, row in enumerate(read_shops(stream, str(path), rules.scheme), start=2)
            ]
    except (OSError, UnicodeDecodeError) as error:
        msg = f"{path}: cannot be read as UTF-8 CSV: {error}"
        raise RuleBookError(msg) from None
    header = ["shop", "category", "region", "score", "status", "stars"]
    header += [p.value for p in _purposes(rules)]
    out.write(f"{rules.name or 'rule book'} · period {period}\n\n")
    out.write(_table(header, [_row(shop, result, rules) for shop, result in results]))
    counts = Counter(result.status for _, result in results)
    summary = ", ".join(f"{counts[s]} {s.value}" for s in Status if counts[s])
    shops = "shop" if len(results) == 1 else "shops"
    out.write(f"\n{len(results)} {shops}: {summary or 'none'}\n")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tmall-service",
        description="Tmall's basic service score (天猫基础服务考核分), exact and explained.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    assess_parser = commands.add_parser(
        "assess",
        help="assess the shops in a CSV file",
        description=(
            "Assess every shop in a CSV file with columns shop, category and, "
            "optionally, region, the scheme's dimension scores (Tmall: product, "
            "logistics, after_sales, dispute, consultation; Taobao: description, "
            "logistics, customer_service, transaction_security, after_sales), "
            "orders, opened (YYYY-MM-DD) and bonuses (names separated by ';'). "
            "An empty cell is no data. Exit codes: 0 done, 1 bad input or rule "
            "book, 2 usage error."
        ),
    )
    assess_parser.add_argument("file", help="the CSV file of shops (UTF-8)")
    assess_parser.add_argument(
        "--rules",
        help="a rule book file (.toml or .json); default: the bundled example",
    )
    assess_parser.add_argument(
        "--scheme",
        choices=[scheme.value for scheme in Scheme],
        default=Scheme.TMALL.value,
        help="the bundled example edition to use when --rules is not given",
    )
    assess_parser.add_argument(
        "--period",
        help=(
            "YYYY-MM (a calendar month), YYYY-MM-DD..YYYY-MM-DD, or YYYY-MM-DD (the "
            "edition's period holding that day); default: the edition's last ended period"
        ),
    )
    return parser


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    """Run the command line; return its exit code."""
    args = _parser().parse_args(argv)
    stream = sys.stdout if out is None else out
    try:
        return _assess_command(args, stream)
    except TmallServiceError as error:
        print(f"tmall-service: error: {error}", file=sys.stderr)  # noqa: T201
        return 1
