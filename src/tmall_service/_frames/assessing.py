"""Many shops at once: exact, columnar assessment of pandas, polars and Arrow tables.

The frame path gives row for row what :func:`~tmall_service.assess` gives,
without a Python loop per row: scores become integers in millionths,
weights integers in millionths, and the composite is an exact integer sum
rounded half up with integer arithmetic. A value that does not fit that
grid (more than six decimal places) sends its row through the scalar path,
so the result is exact either way.

The work is done a chunk of rows at a time, in working arrays allocated once,
and most of it for every row alike: the rows that need more (a null score,
a composite of 0, a bad cell) are few, and are picked out and decided apart.

numpy, pyarrow and narwhals are imported only when a frame is assessed, so
that ``import tmall_service`` stays light.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, Literal, Protocol, cast

import attrs

from tmall_service._rules.assessment import Assessment, Status, assess
from tmall_service._rules.book import MissingDataPolicy, RuleBook
from tmall_service._values.errors import (
    InvalidOptionError,
    MissingDataError,
    RuleBookError,
    TmallServiceError,
    shown,
)
from tmall_service._values.periods import AssessmentPeriod, as_period
from tmall_service._values.text import count, noun_for

from .cells import category_cell, opened_cell, orders_cell, region_cell, score_cell
from .shopfile import bonus_names

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from .columns import Frame, Positions, Problems

__all__ = [
    "OUTPUT_COLUMNS",
    "Sink",
    "assess_frame",
    "assess_into",
    "check_errors",
    "frame_of",
    "refuse_taken",
]

OUTPUT_COLUMNS: Final = ("score", "status", "stars")
"""The columns :func:`assess_frame` adds (``error`` too, when flagging)."""
_SHOWN_PROBLEMS: Final = 10
_STATUS_ORDER: Final = tuple(Status)
_SCORED: Final = _STATUS_ORDER.index(Status.SCORED)
_NOT_ASSESSED_CENTS: Final = 9900
_CHUNK_ROWS: Final = 1 << 15
"""Rows worked through at a time: the working arrays of a chunk stay small
enough to be reused from the processor's cache, and time and memory grow in
step with the rows."""


def assess_frame(
    frame: Any,
    *,
    rules: RuleBook,
    period: AssessmentPeriod | str,
    region: str | None = None,
    errors: Literal["raise", "flag"] = "raise",
) -> Any:
    """Assess every shop of a pandas or polars DataFrame (or an Arrow Table), exactly, at once.

    The frame has a ``category`` column, a column per dimension of the rule
    book's scheme (for Tmall ``product``, ``logistics``, ``after_sales``,
    ``dispute``, ``consultation``; a missing column or a null cell is "no
    data"), and optionally ``region``, ``orders`` (whole numbers, or their
    text), ``opened`` (dates, or ISO text) and ``bonuses`` (names separated
    by ``;``); a column held as text is read as a shop file's cells are.
    The result is a frame of the same library with ``score`` (an exact decimal column,
    ``decimal128(4, 2)``), ``status`` (the :class:`~tmall_service.Status`
    values) and ``stars`` added. Row by row it equals
    :func:`~tmall_service.assess`.

    A bad cell (out of range, NaN where the library tells NaN from null,
    text that is not a number, orders that are no whole number, an opening
    day that is no ISO date, a missing category) raises an error naming
    the rows and columns; with ``errors="flag"`` the row comes back with an
    ``error`` message and empty ``score``, ``status`` and ``stars`` instead.
    Never is a bad row scored.

    >>> import pandas as pd
    >>> import tmall_service as ts
    >>> shops = pd.DataFrame({"category": ["服饰", "汽车"], "product": [5, 4],
    ...                       "logistics": [3, 4], "after_sales": [4, 4],
    ...                       "dispute": [1, 4], "consultation": [4, 4]})
    >>> result = ts.assess_frame(shops, rules=ts.example_rulebook(),
    ...                          period=ts.AssessmentPeriod.month(2024, 6))
    >>> result["score"].tolist()
    [Decimal('3.30'), Decimal('99.00')]
    >>> result["status"].tolist()
    ['scored', 'category_excluded']
    """
    import numpy as np

    from .columns import Added, Problems, attach

    period = as_period(period)
    shops = _checked(frame, rules=rules, errors=errors)
    rules.check_period(period)
    region = rules.known_region(region)
    rows = len(shops.df)
    problems = Problems()
    statuses = [s.value for s in _STATUS_ORDER]
    added = Added(rows, statuses, [rules.star_bands], views=shops.library == "polars")
    assess_into(
        shops,
        added,
        rules=rules,
        period=period,
        region=region,
        errors=errors,
        label=_labeller(shops),
        problems=problems,
    )

    bad = np.array(sorted(problems.rows), dtype=np.intp)
    new = dict(zip(OUTPUT_COLUMNS, added.arrays(bad), strict=True))
    if errors == "flag":
        new["error"] = problems.column(rows)
    return attach(shops, new)


class Sink(Protocol):
    """Where the rows' results go, a chunk or a few rows at a time."""

    def receive(
        self,
        where: slice | Positions,
        cents: npt.NDArray[np.int64],
        status: npt.NDArray[np.int8],
    ) -> None:
        """The rows *where*: their scores in cents (9900 when not assessed) and statuses."""


def assess_into(  # noqa: PLR0913 - the rows, and everything that decides them
    shops: Frame,
    sink: Sink,
    *,
    rules: RuleBook,
    period: AssessmentPeriod,
    region: str | None,
    errors: str,
    label: Callable[[int], str],
    problems: Problems,
) -> None:
    """Assess every row of *shops* by *rules* for *period*, into *sink*; bad rows into *problems*.

    The arguments are known to be right. With ``errors="raise"`` the first
    bad rows raise, named by *label*; else they are left to *problems*.
    """
    rows = len(shops.df)
    pairs = _Pairs.of(shops, rules, period, region, problems)
    work = _Chunks(shops, rules, period, pairs, problems)
    work.run(
        [(start, min(start + _CHUNK_ROWS, rows)) for start in range(0, rows, _CHUNK_ROWS)], sink
    )
    if errors == "raise" and problems.rows:
        msg = f"{count(len(problems.rows), 'row')} with bad cells: {problems.describe(label)}"
        raise problems.error()(msg)
    _refuse(work, errors=errors, label=label, problems=problems)
    positions = _scalar_rows(shops, pairs, work, problems)
    _fallback(
        shops,
        positions,
        rules=rules,
        period=period,
        region=region,
        errors=errors,
        label=label,
        problems=problems,
        sink=sink,
    )


def _scalar_rows(shops: Frame, pairs: _Pairs, work: _Chunks, problems: Problems) -> Positions:
    """The rows, not bad, that the scalar path decides instead of the integer grid.

    Rows the grid cannot hold exactly, rows with bonuses (which round once
    more and are capped), and rows with a negative count of orders (which
    assess refuses only if it gets as far as the minimum); every row when
    a weight is finer than millionths.
    """
    import numpy as np

    if pairs.exact:
        slow = [*work.finer, work.negative]
        if "bonuses" in shops.columns:
            slow.append(np.flatnonzero(~shops.df["bonuses"].is_null().to_numpy()))
        positions = np.unique(_concatenate(slow))
    else:
        positions = np.arange(len(shops.df))
    if problems.rows and len(positions):
        positions = positions[~np.isin(positions, list(problems.rows))]
    return positions


def _checked(frame: Any, *, rules: RuleBook, errors: str) -> Frame:
    """The frame, once the arguments are known to be right."""
    if not isinstance(rules, RuleBook):
        msg = f"rules: {shown(rules)} is not a RuleBook"
        raise RuleBookError(msg)
    check_errors(errors)
    shops = frame_of(frame, "frame")
    if "category" not in shops.columns:
        msg = f"frame: no 'category' column; the columns are {list(shops.df.columns)}"
        raise RuleBookError(msg)
    refuse_taken(shops, (*OUTPUT_COLUMNS, "error"), "frame")
    return shops


def check_errors(errors: object) -> None:
    """Refuse a way to meet bad rows other than ``"raise"`` and ``"flag"``."""
    if errors not in ("raise", "flag"):
        msg = f"errors: {shown(errors)} is not a way to meet bad rows; write 'raise' or 'flag'"
        raise InvalidOptionError(msg)


def frame_of(native: Any, field: str) -> Frame:
    """*native* through narwhals, or an error naming *field* unless it is a frame we read."""
    import narwhals.stable.v2 as nw

    from .columns import Frame

    try:
        shops: Frame | None = Frame.of(nw.from_native(native, eager_only=True))
    except TypeError:
        shops = None
    if shops is None or shops.library not in {"pandas", "polars", "pyarrow"}:
        msg = (
            f"{field}: {shown(type(native))} is not a pandas or polars DataFrame or an Arrow Table"
        )
        raise RuleBookError(msg)
    return shops


def refuse_taken(shops: Frame, added: Sequence[str], field: str) -> None:
    """Refuse a frame that already has a column of those the result would add."""
    taken = [name for name in added if name in shops.columns]
    if taken:
        msg = (
            f"{field}: already has {noun_for(len(taken), 'column')} {', '.join(taken)}; "
            "rename them first"
        )
        raise RuleBookError(msg)


def _refuse(work: _Chunks, *, errors: str, label: Callable[[int], str], problems: Problems) -> None:
    """Raise, or flag, the rows the refuse policy does not score (not bad, not finer)."""
    import numpy as np

    if not work.refused:
        return
    refused = _concatenate(work.refused)
    decided_apart = [*problems.rows, *_concatenate(work.finer), *work.negative]
    refused = refused[~np.isin(refused, decided_apart)]
    if not len(refused):
        return
    if errors == "raise":
        listed = ", ".join(label(int(p)) for p in refused[:_SHOWN_PROBLEMS])
        msg = (
            f"{count(len(refused), 'row')} {'misses' if len(refused) == 1 else 'miss'} "
            f"a weighted dimension and the policy is refuse: {listed}"
        )
        raise MissingDataError(msg)
    problems.add(
        refused,
        "scores",
        ["a weighted dimension has no score"] * len(refused),
        MissingDataError,
    )


@attrs.frozen
class _Pairs:
    """Which (category, region) pair each row is, and what the rules say of each pair.

    A category is its place among the rule book's profiles, or one slot for
    every category it does not assess. A region counts only where an
    exemption of the period names it: it is its place among those names, or
    one slot for any other region and for none (no such exemption covers
    either). So the tables of pairs stay small however many distinct
    categories and regions the frame holds, and the rule book is asked once
    per pair, never per row.
    """

    category: npt.NDArray[np.integer[Any]]
    """Each row's category, as its place among the column's distinct values."""
    category_slot: npt.NDArray[np.intp]
    """The slot of each of the column's distinct values."""
    region: npt.NDArray[np.integer[Any]] | None
    """Likewise for regions, where they count."""
    region_slot: npt.NDArray[np.intp]
    width: int
    """Region slots per category slot."""
    status: npt.NDArray[np.int8]
    """The status of each pair, as far as category and exemptions decide it."""
    weights: npt.NDArray[np.int64]
    """Each dimension's weight in millionths, per pair (0 where not assessed)."""
    exact: bool
    """Whether every weight is a whole number of millionths."""

    @classmethod
    def of(
        cls,
        shops: Frame,
        rules: RuleBook,
        period: AssessmentPeriod,
        region: str | None,
        problems: Problems,
    ) -> _Pairs:
        from .columns import codes

        encoded = {
            name: codes(shops, name) for name in ("category", "region") if name in shops.columns
        }
        # A category's slot is its profile, or the one slot of every excluded category.
        read_category = functools.partial(category_cell, rules=rules)
        category, category_slot = _slots(
            encoded["category"], "category", read_category, list(rules.profiles), problems
        )
        region_codes, region_slot, regions = _region_slots(
            encoded.get("region"), rules, period, region, problems
        )
        status, weights, exact = _pair_tables(rules, period, tuple(regions))
        return cls(
            category, category_slot, region_codes, region_slot, len(regions), status, weights, exact
        )

    def pair_of_rows(self, start: int, stop: int, out: npt.NDArray[np.intp]) -> None:
        """The pair of each row from *start* to *stop*, into *out*."""
        import numpy as np

        np.take(self.category_slot, self.category[start:stop], out=out, mode="clip")
        if self.region is not None:
            out *= self.width
            out += self.region_slot.take(self.region[start:stop], mode="clip")


class _Chunks:
    """The working arrays of a chunk, allocated once, and what is found chunk by chunk."""

    def __init__(
        self,
        shops: Frame,
        rules: RuleBook,
        period: AssessmentPeriod,
        pairs: _Pairs,
        problems: Problems,
    ) -> None:
        import numpy as np

        from .columns import Scratch, read_scores

        self.pairs, self.policy, self.problems = pairs, rules.missing_data, problems
        self.grace = _grace_mask(shops, rules, period, problems)
        self.below, self.negative = _below_minimum(shops, rules, problems)
        self.sources = [
            read_scores(shops, d.value) if d.value in shops.columns else None
            for d in rules.scheme.dimensions
        ]
        self.finer: list[Positions] = []
        """Positions of rows with a score finer than millionths: the exact path."""
        self.refused: list[Positions] = []
        """Positions of rows the refuse policy does not score."""
        rows = min(len(shops.df), _CHUNK_ROWS)
        self.scratch = Scratch(rows)
        self.key = np.zeros(rows, dtype=np.intp)
        self.weight = np.zeros(rows, dtype=np.int64)
        self.numerator = np.zeros(rows, dtype=np.int64)
        self.status = np.zeros(rows, dtype=np.int8)
        self.scored = np.zeros(rows, dtype=bool)
        self.flag = np.zeros(rows, dtype=bool)
        # A row per dimension, so that the rows decided apart can look back at them.
        self.units = np.zeros((len(self.sources), rows), dtype=np.int32)
        self.present = np.zeros((len(self.sources), rows), dtype=bool)

    def run(self, chunks: Sequence[tuple[int, int]], sink: Sink) -> None:
        """Work through *chunks*, putting each chunk's results into *sink*."""
        import numpy as np

        # A NaN score is cast to some integer before its row is set apart: no warning.
        with np.errstate(invalid="ignore"):
            for start, stop in chunks:
                sink.receive(slice(start, stop), *self.assess_chunk(start, stop))

    def assess_chunk(
        self, start: int, stop: int
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int8]]:
        """Rows *start* to *stop*: their scores in cents (9900 unless scored) and statuses."""
        import numpy as np

        from .columns import SCALE

        size = stop - start
        key, weight, numerator = self.key[:size], self.weight[:size], self.numerator[:size]
        self.pairs.pair_of_rows(start, stop, key)
        # Σ score × weight in exact integers, a dimension at a time.
        numerator[...] = 0
        nulls = []
        for index, source in enumerate(self.sources):
            units = self.units[index][:size]
            if source is None:  # no such column: no data in any row (units stay 0)
                nulls.append(np.arange(size))
                continue
            null, finer = source.read_units(start, stop, units, self.scratch, self.problems)
            nulls.append(null)
            if len(finer):
                self.finer.append(finer + start)
            self.pairs.weights[index].take(key, out=weight, mode="clip")
            np.multiply(units, weight, out=weight)
            numerator += weight

        status, scored, flag = self.status[:size], self.scored[:size], self.flag[:size]
        self.pairs.status.take(key, out=status, mode="clip")
        for mask, later in (
            (self.grace, Status.NEW_SHOP),
            (self.below, Status.BELOW_MINIMUM_VOLUME),
        ):
            if mask is not None:
                status[mask[start:stop] & (status == _SCORED)] = _STATUS_ORDER.index(later)
        np.equal(status, _SCORED, out=scored)

        # The scored rows that need a closer look: a null score, or nothing to score.
        np.equal(numerator, 0, out=flag)
        for null in nulls:
            flag[null] = True
        flag &= scored
        closer = np.flatnonzero(flag)
        sums = numerator[closer]
        # Half up, in whole cents: ⌊(N + ½·10¹⁰) / 10¹⁰⌋ for N in 10⁻¹² (the weights sum to 1).
        numerator += SCALE * SCALE // 200
        numerator //= SCALE * SCALE // 100
        if len(closer):
            self._decide_apart(start, closer, sums, nulls, status, numerator)
            scored[closer] = status[closer] == _SCORED
        np.logical_not(scored, out=flag)
        np.putmask(numerator, flag, _NOT_ASSESSED_CENTS)
        return numerator, status

    def _decide_apart(  # noqa: PLR0913, PLR0917 - the rows, and the chunk's arrays they are in
        self,
        start: int,
        rows: Positions,
        sums: npt.NDArray[np.int64],
        nulls: Sequence[Positions],
        status: npt.NDArray[np.int8],
        cents: npt.NDArray[np.int64],
    ) -> None:
        """Decide apart the scored rows with a null score or a composite of 0."""
        import numpy as np

        from .columns import SCALE

        # take(..., axis=1), not [:, rows]: that would lay the rows out across, slow to reduce.
        weights = self.pairs.weights.take(self.key[rows], axis=1)
        weighted = weights > 0
        self.present[...] = True
        for index, null in enumerate(nulls):
            self.present[index, null] = False
        present = self.present.take(rows, axis=1)
        # No data: no score other than 0 at all, or none in a weighted dimension.
        no_data = ~(self.units.take(rows, axis=1).any(axis=0) & (present & weighted).any(axis=0))
        status[rows[no_data]] = _STATUS_ORDER.index(Status.NO_DATA)
        if self.policy is MissingDataPolicy.RENORMALISE:
            # Over the dimensions with data: divide by the sum of their weights.
            divisor = np.maximum((weights * present).sum(axis=0), 1)
            divisor *= SCALE
            cents[rows] = (200 * sums + divisor) // (2 * divisor)
        elif self.policy is MissingDataPolicy.REFUSE:
            missing = (weighted & ~present).any(axis=0)
            self.refused.append(rows[missing & ~no_data] + start)


def _region_slots(
    encoded: tuple[npt.NDArray[np.integer[Any]], list[Any]] | None,
    rules: RuleBook,
    period: AssessmentPeriod,
    region: str | None,
    problems: Problems,
) -> tuple[npt.NDArray[np.integer[Any]] | None, npt.NDArray[np.intp], list[str | None]]:
    """Each row's region code and each code's slot, and the regions the slots stand for.

    Every region is read and checked, whether or not an exemption names it
    (an unknown region is a bad row on every path); it counts only where an
    exemption of this period is scoped by region. Without such an exemption,
    or without a region column, every row is *region*.
    """
    import numpy as np

    in_period = [e for e in rules.exemptions if e.during(period)]
    named = sorted({r for e in in_period if e.regions is not None for r in e.regions})
    if encoded is None:
        return None, np.zeros(0, dtype=np.intp), [region]
    read_region = functools.partial(region_cell, rules=rules)
    region_codes, region_slot = _slots(encoded, "region", read_region, named, problems)
    if not named:  # no exemption of the period names a region: the region is moot
        return None, region_slot, [region]
    return region_codes, region_slot, [*named, None]


_PAIRS: dict[tuple[int, AssessmentPeriod, tuple[str | None, ...]], tuple[RuleBook, Any]] = {}
"""The tables of pairs worked out lately, by edition (its identity), period and regions."""
_PAIRS_KEPT: Final = 32


def _pair_tables(
    rules: RuleBook, period: AssessmentPeriod, regions: tuple[str | None, ...]
) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.int64], bool]:
    """The status and weights of each (category slot, region slot) pair, and if they are exact.

    A frame of a hundred shops would spend a third of its time on these
    tables, which depend only on the edition, the period and the regions:
    the latest are kept, by the edition's identity (it is frozen), so a run
    of calls with one edition works them out once.
    """
    key = (id(rules), period, regions)
    kept = _PAIRS.get(key)
    if kept is not None and kept[0] is rules:
        return cast("tuple[npt.NDArray[np.int8], npt.NDArray[np.int64], bool]", kept[1])
    import numpy as np

    from .columns import SCALE

    profiles = list(rules.profiles)
    names = [d.value for d in rules.scheme.dimensions]
    pairs = (len(profiles) + 1) * len(regions)
    status = np.full(pairs, _STATUS_ORDER.index(Status.CATEGORY_EXCLUDED), dtype=np.int8)
    weights = np.zeros((len(names), pairs), dtype=np.int64)
    units = [[getattr(rules.profiles[c], name) * SCALE for name in names] for c in profiles]
    exact = all(u == u.to_integral_value() for row in units for u in row)
    for index, category_name in enumerate(profiles):
        for slot, shop_region in enumerate(regions):
            pair = index * len(regions) + slot
            covered = rules.exemption_for_known(category_name, shop_region, period)
            status[pair] = _STATUS_ORDER.index(Status.EXEMPT if covered else Status.SCORED)
            if exact:  # else every row takes the scalar path
                weights[:, pair] = [int(u) for u in units[index]]
    status.flags.writeable = weights.flags.writeable = False
    if len(_PAIRS) >= _PAIRS_KEPT:
        _PAIRS.clear()
    _PAIRS[key] = (rules, (status, weights, exact))
    return status, weights, exact


def _slots(
    encoded: tuple[npt.NDArray[np.integer[Any]], list[Any]],
    column: str,
    read: Callable[[object], str | None],
    places: Sequence[str],
    problems: Problems,
) -> tuple[npt.NDArray[np.integer[Any]], npt.NDArray[np.intp]]:
    """Each row's code in *column*, as *encoded*, and each code's slot: its place in *places*.

    Every name that is not in *places* (and a blank one) shares the one slot
    after them. Each distinct value is *read* once, as a shop file's cell
    is; a value that cannot be read, or that the edition does not know,
    makes its rows bad.
    """
    import numpy as np

    rows, values = encoded
    place = {name: index for index, name in enumerate(places)}
    other = len(place)
    slots = np.full(len(values), other, dtype=np.intp)
    for code, value in enumerate(values):
        try:
            known = read(value)
        except TmallServiceError as error:
            problems.add_error(np.flatnonzero(rows == code), column, error)
            continue
        slots[code] = place.get(known, other) if known is not None else other
    return rows, slots


def _concatenate(arrays: Sequence[Positions]) -> Positions:
    import numpy as np

    return np.concatenate(arrays) if arrays else np.zeros(0, dtype=np.intp)


def _grace_mask(
    shops: Frame, rules: RuleBook, period: AssessmentPeriod, problems: Problems
) -> npt.NDArray[np.bool_] | None:
    """The shops in their new-shop grace period, or ``None`` when the rule does not apply.

    Every cell is read, whether or not the rule applies: a cell that holds
    no date is a bad cell, as in a shop file.
    """
    import numpy as np

    from .columns import read_days

    if "opened" not in shops.columns:
        return None
    opened = read_days(shops, "opened", problems)
    months = rules.new_shop_grace_months
    if months is None:
        return None
    grace_end = opened.values.astype("datetime64[M]") + np.timedelta64(months, "M")
    start = np.datetime64(period.start, "D")
    in_grace: npt.NDArray[np.bool_] = opened.present & (start < grace_end.astype("datetime64[D]"))
    return in_grace


def _below_minimum(
    shops: Frame, rules: RuleBook, problems: Problems
) -> tuple[npt.NDArray[np.bool_] | None, Positions]:
    """The shops below the minimum of orders (``None`` when the rule does not apply).

    And the rows with a negative count, which :func:`assess` decides: it
    refuses the count only if the rule applies and the shop is neither
    excluded, exempt nor new. Every cell is read, whether or not the rule
    applies: a cell that holds no whole number is a bad cell, as in a shop
    file.
    """
    import numpy as np

    from .columns import read_counts

    none = np.zeros(0, dtype=np.intp)
    if "orders" not in shops.columns:
        return None, none
    orders = read_counts(shops, "orders", problems)
    minimum = rules.minimum_orders
    if minimum is None:
        return None, none
    negative = np.flatnonzero(orders.present & (orders.values < 0))
    short: npt.NDArray[np.bool_] = orders.present & (orders.values < minimum)
    return short, negative


def _labeller(shops: Frame) -> Callable[[int], str]:
    """Name a row by its position, and by its index label where pandas has one.

    Under a distributed engine a position counts within one partition; the
    index label names the shop whatever the partition.
    """
    index = getattr(shops.native, "index", None)
    if index is None or type(index).__name__ == "RangeIndex":
        return lambda position: f"row {position}"
    return lambda position: f"row {position} (index {shown(index[position])})"


def _fallback(  # noqa: PLR0913 - the rows, and everything that decides them
    shops: Frame,
    positions: Positions,
    *,
    rules: RuleBook,
    period: AssessmentPeriod,
    region: str | None,
    errors: str,
    label: Callable[[int], str],
    problems: Problems,
    sink: Sink,
) -> None:
    """Assess the rows at *positions* one by one with :func:`assess`, the exact scalar path.

    The rows are taken out of the frame together, a column at a time, rather
    than one row at a time: a row of a pandas frame is slow to reach.
    """
    if not len(positions):
        return
    names = [d.value for d in rules.scheme.dimensions]
    wanted = [*names, "category", "region", "orders", "opened", "bonuses"]
    needed = [name for name in wanted if name in shops.columns]
    taken = shops.df.select(needed)[positions]
    columns = {name: taken[name].to_list() for name in needed}
    done, cents, codes = [], [], []
    for index, position in enumerate(positions.tolist()):
        cells = {name: values[index] for name, values in columns.items()}
        try:
            result = _scalar(cells, names, rules, period, region)
        except TmallServiceError as error:
            if errors == "raise":
                msg = f"{label(position)}: {error}"
                raise type(error)(msg) from None
            problems.add_error([position], "scores", error)
            continue
        done.append(position)
        cents.append(int(result.score * 100))
        codes.append(_STATUS_ORDER.index(result.status))
    import numpy as np

    sink.receive(
        np.array(done, dtype=np.intp),
        np.array(cents, dtype=np.int64),
        np.array(codes, dtype=np.int8),
    )


def _scalar(
    cells: Mapping[str, Any],
    names: Sequence[str],
    rules: RuleBook,
    period: AssessmentPeriod,
    region: str | None,
) -> Assessment:
    """A row through :func:`assess`, its cells read as a shop file's are."""
    scores = rules.scheme.scores(**{name: score_cell(cells.get(name), name) for name in names})
    return assess(
        scores,
        category=category_cell(cells.get("category"), rules),
        period=period,
        rules=rules,
        region=region_cell(cells["region"], rules) if "region" in cells else region,
        orders=orders_cell(cells.get("orders")),
        opened=opened_cell(cells.get("opened")),
        bonuses=bonus_names(cells.get("bonuses")),
    )
