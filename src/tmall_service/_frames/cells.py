r"""The cells of a table of shops: one rule for each kind, on every path.

A shop file's row and a frame's row are read by the same rules, so that the
same cells give the same result through the command line, ``assess_frame``
on pandas and on polars, and ``assess``:

- A *blank* cell is an empty one: ``None``, pandas' ``NA`` or ``NaT`` (and
  NaN where the frame library takes it for no value, as pandas does), or
  text that is empty once read (Unicode NFKC, surrounding
  spaces stripped, the ideographic space ``\\u3000`` among them).
- A blank score is no data for that dimension. Any other text is read as a
  number by :func:`~tmall_service._values.numbers.to_decimal`: full-width digits
  and points are the ASCII ones, and ``N/A``, ``-`` or ``无`` are not
  numbers (a bad cell, never no data).
- A blank category is missing (a bad cell); any other is the edition's name
  for it, or unknown (a bad cell).
- A blank region is no region; any other is the edition's short name for
  it, or unknown (a bad cell).
- A blank ``orders`` cell is no count. Text is read after NFKC with
  surrounding spaces stripped, and must be a whole number written in digits
  (``420``, ``+420``, ``-3``, ``４２０``): ``4.5``, ``1e3``, ``1_000``,
  ``true`` or digits of other scripts are bad cells. A number is a count
  when it is whole (``420.0``: pandas holds whole numbers with gaps as
  floats); ``True`` is no count. Whether a negative count is refused is
  :func:`~tmall_service.assess`'s to say (only where a minimum volume applies).
- A blank ``opened`` cell is no date. A date is itself, a datetime its day,
  and text, after NFKC with surrounding spaces stripped, an ISO date
  (``2024-07-01``, as :meth:`datetime.date.fromisoformat` reads it).

Every bad cell of a row is reported, each with its column, in the order of
:func:`column_order`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import math
import numbers
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Final, TypeVar, cast

import attrs

from tmall_service._rules.book import RuleBook
from tmall_service._values.declaring import MAX_SCORE, SchemeDefinition, declared
from tmall_service._values.errors import (
    InvalidPeriodError,
    InvalidScoreError,
    RuleBookError,
    TmallServiceError,
    UnknownCategoryError,
    UnknownRegionError,
    shown,
)
from tmall_service._values.names import normalised, suggestion
from tmall_service._values.numbers import to_decimal

__all__ = [
    "BadRowError",
    "CellProblem",
    "blank",
    "category_cell",
    "column_order",
    "first_error",
    "not_whole",
    "opened_cell",
    "orders_cell",
    "problem_of",
    "rank",
    "reason",
    "region_cell",
    "score_cell",
]


def column_order() -> tuple[str, ...]:
    """The order in which a row's bad cells are listed: the row's own order, facts last.

    The shop, its category and region; the dimensions of every declared
    scheme, each scheme's in its own order (Tmall's, with Taobao's own
    woven in); then the facts.

    >>> column_order()[:6]
    ('shop', 'category', 'region', 'product', 'description', 'logistics')
    """
    return tuple(_ranks(declared()))


@functools.cache
def _ranks(schemes: tuple[SchemeDefinition, ...]) -> dict[str, int]:
    dimensions: list[str] = []
    for scheme in schemes:
        pending: list[str] = []  # not listed yet: they go before the scheme's next listed one
        for value in (d.value for d in scheme.dimensions):
            if value in dimensions:
                at = dimensions.index(value)
                dimensions[at:at] = pending
                pending = []
            else:
                pending.append(value)
        dimensions += pending
    order = ("shop", "category", "region", *dimensions, "orders", "opened", "bonuses", "scores")
    return {column: rank for rank, column in enumerate(order)}


_FIELD: Final = re.compile(r"([a-z_]+): (.*)", re.DOTALL)
_WHOLE: Final = re.compile(r"[+-]?[0-9]+")
"""A whole number in ASCII digits: ``int`` would also read ``1_000`` and other scripts' digits."""


@attrs.frozen
class CellProblem:
    """A bad cell: its column, what is wrong, and the library's error for it."""

    column: str
    message: str
    error: type[TmallServiceError] = InvalidScoreError
    name: str | None = None
    """The name an edition does not know, for an unknown category or region."""

    def __str__(self) -> str:
        """``column: message``, as every path writes a bad cell."""
        return f"{self.column}: {self.message}"


class BadRowError(TmallServiceError, ValueError):
    """A row with bad cells, every one of them listed (the command line's rejects)."""

    def __init__(self, problems: Sequence[CellProblem]) -> None:
        """A row refused for its *problems*."""
        super().__init__(reason(problems))
        self.problems = tuple(problems)


def problem_of(error: TmallServiceError, column: str = "scores") -> CellProblem:
    """*error* as a bad cell: of the column its message names, else of *column*."""
    text = str(error)
    unknown = getattr(error, "name", None) or None
    found = _FIELD.fullmatch(text)
    if found and found[1] in _ranks(declared()):
        return CellProblem(found[1], found[2], type(error), unknown)
    return CellProblem(column, text, type(error), unknown)


def rank(problem: CellProblem) -> int:
    """Where *problem*'s column comes in :func:`column_order`."""
    ranks = _ranks(declared())
    return ranks.get(problem.column, len(ranks))


def reason(problems: Iterable[CellProblem]) -> str:
    """A row's bad cells as one text, in :func:`column_order`."""
    return "; ".join(map(str, sorted(problems, key=rank)))


def blank(value: object) -> bool:
    """Whether a cell is empty: no value, NaN, or text of nothing but spaces."""
    if value is None:
        return True
    if isinstance(value, str):
        return not normalised(value)
    if isinstance(value, float):
        return math.isnan(value)
    return type(value).__name__ in {"NAType", "NaTType"}  # pandas' NA and NaT


def score_cell(value: object, column: str) -> Decimal | None:
    """A score cell: ``None`` when blank, else a number in [0, 5]."""
    if blank(value):
        return None
    return to_decimal(value, field=column, error=InvalidScoreError, low=Decimal(0), high=MAX_SCORE)


def category_cell(value: object, rules: RuleBook) -> str:
    """A category cell: the edition's name for it; blank is missing.

    An unknown category's message is short: the closest names only.
    """
    if blank(value):
        msg = "category: missing"
        raise RuleBookError(msg)
    try:
        return rules.known_category(value)
    except UnknownCategoryError as error:
        raise _brief(error, "category", rules.known_categories) from None


def region_cell(value: object, rules: RuleBook) -> str | None:
    """A region cell: the edition's short name for it; blank is no region."""
    if blank(value):
        return None
    try:
        return rules.known_region(value)
    except UnknownRegionError as error:
        raise _brief(error, "region", rules.known_regions) from None


def orders_cell(value: object) -> int | None:
    """An ``orders`` cell: ``None`` when blank, else a whole number (any sign)."""
    if blank(value):
        return None
    if isinstance(value, bool):
        raise not_whole(value)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, str):
        text = normalised(value)
        if text.isascii() and _WHOLE.fullmatch(text):
            with contextlib.suppress(ValueError):  # more digits than int() reads from text
                return int(text)
    elif (count := _whole(value)) is not None:
        return count
    raise not_whole(value)


def _whole(value: object) -> int | None:
    """*value* as an ``int`` if it is a finite number without a fraction (``420.0``)."""
    if isinstance(value, Decimal):
        return int(value) if value.is_finite() and value == value.to_integral_value() else None
    if isinstance(value, numbers.Real) and math.isfinite(value) and value == math.floor(value):
        return cast("int", math.floor(value))  # typeshed says an Integral: it is an int
    return None


def not_whole(value: object) -> InvalidScoreError:
    """The error for an ``orders`` cell that holds no whole number."""
    return InvalidScoreError(f"orders: {shown(value)} is not a whole number")


def opened_cell(value: object) -> dt.date | None:
    """An ``opened`` cell as a date: a date, a datetime's day or ISO text; blank is none."""
    if blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(normalised(str(value)))
    except ValueError:
        msg = f"opened: {shown(value)} is not an ISO date such as 2024-07-01"
        raise InvalidPeriodError(msg) from None


Unknown = TypeVar("Unknown", UnknownCategoryError, UnknownRegionError)


def _brief(error: Unknown, field: str, known: frozenset[str]) -> Unknown:
    """*error* again, with the closest names only: a file may hold thousands of them."""
    close = suggestion(error.name, known).rstrip()
    brief = type(error)(
        f"{field}: {error.name!r} is not a {field} of this edition"
        + (f"; {close}" if close else "")
    )
    brief.name = error.name
    return brief


def first_error(problems: Sequence[CellProblem]) -> type[TmallServiceError]:
    """The error class that stands for a row's *problems*: its first cell's."""
    return min(problems, key=rank).error
