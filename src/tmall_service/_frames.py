"""Many shops at once: exact, columnar assessment of pandas and polars frames.

The frame path gives row for row what :func:`~tmall_service.assess` gives,
without a Python loop per row: scores become integers in millionths,
weights integers in millionths, and the composite is an exact integer sum
rounded half up with integer arithmetic. A value that does not fit that
grid (more than six decimal places) sends its row through the scalar path,
so the result is exact either way.

numpy, pyarrow and narwhals are imported here, lazily, so that
``import tmall_service`` stays light.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from ._assessment import Status, assess
from ._errors import (
    InvalidScoreError,
    MissingDataError,
    RuleBookError,
    TmallServiceError,
    shown,
)
from ._numbers import to_decimal
from ._periods import AssessmentPeriod
from ._rules import MissingDataPolicy, RuleBook
from ._shopfile import bonus_names, opened_date

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa

__all__ = ["OUTPUT_COLUMNS", "assess_frame"]

SCALE: Final = 1_000_000
"""Scores and weights are held as integers in millionths on the fast path."""
_PLACES: Final = 6
OUTPUT_COLUMNS: Final = ("score", "status", "stars")
"""The columns :func:`assess_frame` adds (``error`` too, when flagging)."""
_SHOWN_PROBLEMS: Final = 10
_STATUS_ORDER: Final = tuple(Status)
_CHUNK_ROWS: Final = 1 << 20
"""Rows assessed at a time: the working arrays of a chunk stay small enough
for the allocator to reuse, so time and memory grow in step with the rows."""


@attrs.frozen
class _Chunk:
    """What one slice of the frame came to, before the output columns are built."""

    cents: Any
    status: Any
    bad: Any
    problems: _Problems


@attrs.define
class _Problems:
    """Bad cells found so far: row position → (column, message)."""

    rows: dict[int, tuple[str, str]] = attrs.Factory(dict)

    def add(self, positions: Iterable[Any], column: str, messages: Iterable[str]) -> None:
        for position, message in zip(positions, messages, strict=True):
            self.rows.setdefault(int(position), (column, message))

    def describe(self, label: Callable[[int], str]) -> str:
        items = sorted(self.rows.items())
        shown_items = "; ".join(
            f"{label(row)}, {column}: {message}"
            for row, (column, message) in items[:_SHOWN_PROBLEMS]
        )
        more = len(items) - _SHOWN_PROBLEMS
        return shown_items + (f"; and {more} more" if more > 0 else "")


def _exact_scaled(value: object) -> tuple[int | None, Decimal]:
    """A cell as (millionths or ``None`` when finer, exact decimal)."""
    number = to_decimal(value, field="", error=InvalidScoreError, low=Decimal(0), high=Decimal(5))
    scaled = number * SCALE
    return (int(scaled) if scaled == scaled.to_integral_value() else None), number


def _dimension_column(
    frame: Any,
    name: str,
    rows: int,
    problems: _Problems,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
    """A dimension column as (millionths, present, fine): *fine* rows need the exact path."""
    import narwhals as nw
    import numpy as np

    if name not in frame.columns:
        nothing = np.zeros(rows, dtype=bool)
        return np.zeros(rows, dtype=np.int64), nothing, nothing
    column = frame[name]
    dtype = column.dtype
    if dtype.is_numeric() and dtype != nw.Boolean:
        values = column.to_numpy().astype(np.float64, copy=False)
        inside = (values >= 0) & (values <= 5)  # noqa: PLR2004 - the score range; False for NaN
        if column.null_count():
            present = ~column.is_null().to_numpy().astype(bool)
            good = present & inside
        else:  # no nulls: skip building a mask of them
            present = np.ones(rows, dtype=bool)
            good = inside
        wrong = present & ~inside
        if wrong.any():
            finite = np.isfinite(values)
            for where, reason in (
                (wrong & ~finite, "is not a finite number"),
                (wrong & finite, "is outside [0, 5]"),
            ):
                problems.add(
                    np.flatnonzero(where), name, [f"{shown(v)} {reason}" for v in values[where]]
                )
        clean = np.where(good, values, 0.0)
        # The nearest millionth (values are never negative, so truncating x + ½
        # rounds). A value on that grid comes back exactly; any other is finer.
        work = clean * SCALE
        work += 0.5
        units = work.astype(np.int64)
        np.divide(units, SCALE, out=work)
        return units, good, work != clean
    # Text, decimal or other columns: each cell is read exactly, as the scalar path reads it.
    present = ~column.is_null().to_numpy().astype(bool)
    scaled = np.zeros(rows, dtype=np.int64)
    fine = np.zeros(rows, dtype=bool)
    cells = column.to_numpy()
    ok = np.array(present, copy=True)
    for position in np.flatnonzero(present):
        try:
            millionths, _ = _exact_scaled(cells[position])
        except TmallServiceError as error:
            problems.add([position], name, [str(error)])
            ok[position] = False
            continue
        if millionths is None:
            fine[position] = True
        else:
            scaled[position] = millionths
    return scaled, ok, fine


def _weights_table(rules: RuleBook, names: Sequence[str]) -> dict[str, list[int]] | None:
    """Each category's weights in millionths, or ``None`` when one is finer."""
    table = {}
    for category, profile in rules.profiles.items():
        row = []
        for name in names:
            scaled = getattr(profile, name) * SCALE
            if scaled != scaled.to_integral_value():
                return None
            row.append(int(scaled))
        table[category] = row
    return table


def _encode(series: Any) -> tuple[npt.NDArray[np.int64], list[Any]]:
    """Codes (-1 for null) and the distinct values of a column, by pyarrow."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    array = series.to_arrow()
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    encoded = pc.dictionary_encode(array)
    codes = encoded.indices.to_numpy(zero_copy_only=False)
    codes = np.where(encoded.indices.is_null().to_numpy(zero_copy_only=False), -1, codes)
    return codes.astype(np.int64), encoded.dictionary.to_pylist()


def _grace_mask(
    frame: Any, rules: RuleBook, period: AssessmentPeriod, rows: int, problems: _Problems
) -> npt.NDArray[np.bool_]:
    import numpy as np

    months = rules.new_shop_grace_months
    if months is None or "opened" not in frame.columns:
        return np.zeros(rows, dtype=bool)
    column = frame["opened"]
    present = ~column.is_null().to_numpy().astype(bool)
    values = column.to_numpy()
    try:
        days = values.astype("datetime64[D]")
    except (TypeError, ValueError):
        # Text or mixed cells: read each as the command line reads a CSV cell.
        days = np.full(rows, np.datetime64("NaT"), dtype="datetime64[D]")
        for position in np.flatnonzero(present):
            try:
                days[position] = np.datetime64(opened_date(values[position]), "D")
            except TmallServiceError as error:
                problems.add([position], "opened", [str(error).removeprefix("opened: ")])
                present[position] = False
    grace_end = days.astype("datetime64[M]") + np.timedelta64(months, "M")
    start = np.datetime64(period.start, "D")
    in_grace: npt.NDArray[np.bool_] = present & (start < grace_end.astype("datetime64[D]"))
    return in_grace


def _below_minimum(
    frame: Any, rules: RuleBook, rows: int, problems: _Problems
) -> npt.NDArray[np.bool_]:
    import narwhals as nw
    import numpy as np

    minimum = rules.minimum_orders
    if minimum is None or "orders" not in frame.columns:
        return np.zeros(rows, dtype=bool)
    column = frame["orders"]
    present = ~column.is_null().to_numpy().astype(bool)
    if not column.dtype.is_numeric() or column.dtype == nw.Boolean:
        problems.add(
            np.flatnonzero(present),
            "orders",
            ["is not a whole number of orders"] * int(present.sum()),
        )
        return np.zeros(rows, dtype=bool)
    # pandas holds whole numbers with gaps as floats: those are whole counts too.
    counts = np.where(present, column.to_numpy().astype(np.float64), 0)
    wrong = present & ((counts < 0) | (counts != np.floor(counts)))
    problems.add(
        np.flatnonzero(wrong),
        "orders",
        [f"{shown(c)} is not a number of orders" for c in counts[wrong]],
    )
    short: npt.NDArray[np.bool_] = present & ~wrong & (counts < minimum)
    return short


def assess_frame(
    frame: Any,
    *,
    rules: RuleBook,
    period: AssessmentPeriod,
    region: str | None = None,
    errors: Literal["raise", "flag"] = "raise",
) -> Any:
    """Assess every shop of a pandas or polars DataFrame, exactly, at once.

    The frame has a ``category`` column, a column per dimension of the rule
    book's scheme (for Tmall ``product``, ``logistics``, ``after_sales``,
    ``dispute``, ``consultation``; a missing column or a null cell is "no
    data"), and optionally ``region``, ``orders``, ``opened`` (dates, or ISO
    text) and ``bonuses`` (names separated by ``;``). The result
    is a frame of the same library with ``score`` (an exact decimal column,
    ``decimal128(4, 2)``), ``status`` (the :class:`~tmall_service.Status`
    values) and ``stars`` added. Row by row it equals
    :func:`~tmall_service.assess`.

    A bad cell (out of range, NaN where the library tells NaN from null,
    text that is not a number, a missing category) raises an error naming
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
    import narwhals as nw
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if not isinstance(rules, RuleBook):
        msg = f"rules: {shown(rules)} is not a RuleBook"
        raise RuleBookError(msg)
    if not isinstance(period, AssessmentPeriod):
        msg = f"period: {shown(period)} is not an AssessmentPeriod"
        raise RuleBookError(msg)
    if errors not in ("raise", "flag"):
        msg = f"errors: {shown(errors)} is not 'raise' or 'flag'"
        raise RuleBookError(msg)
    try:
        df = nw.from_native(frame, eager_only=True)
    except TypeError:
        msg = f"frame: {shown(type(frame))} is not a pandas or polars DataFrame"
        raise RuleBookError(msg) from None
    taken = [name for name in (*OUTPUT_COLUMNS, "error") if name in df.columns]
    if "category" not in df.columns:
        msg = f"frame: no 'category' column; the columns are {list(df.columns)}"
        raise RuleBookError(msg)
    if taken:
        msg = f"frame: already has column(s) {', '.join(taken)}; rename them first"
        raise RuleBookError(msg)

    label = _labeller(df)
    chunks = [
        _assess_chunk(
            df[start : start + _CHUNK_ROWS],
            rules=rules,
            period=period,
            region=region,
            errors=errors,
            label=label,
            offset=start,
        )
        for start in range(0, max(len(df), 1), _CHUNK_ROWS)
    ]
    rows = len(df)
    cents = np.concatenate([chunk.cents for chunk in chunks])
    status = np.concatenate([chunk.status for chunk in chunks])
    bad = np.concatenate([chunk.bad for chunk in chunks])
    problems = _Problems()
    for start, chunk in zip(range(0, max(rows, 1), _CHUNK_ROWS), chunks, strict=True):
        problems.rows.update({start + row: found for row, found in chunk.problems.rows.items()})

    bands = list(rules.star_bands)
    band_cents = np.array([math.ceil(band * 100) for band in bands], dtype=np.int64)
    level = np.searchsorted(band_cents, cents, side="right") - 1
    level = np.where((status == _code(Status.SCORED)) & (level >= 0), level, -1)

    score = _decimal_array(cents, ~bad, 4, 2)
    names_of_status = pa.array([s.value for s in _STATUS_ORDER])
    status_array = pc.take(names_of_status, pa.array(status.astype(np.int8), mask=bad))
    scale = max((max(-int(band.as_tuple().exponent), 0) for band in bands), default=0)
    band_units = np.array([int(band.scaleb(scale)) for band in bands], dtype=np.int64)
    stars = _decimal_array(band_units[np.maximum(level, 0)], (level >= 0) & ~bad, scale + 2, scale)
    new = {"score": score, "status": status_array, "stars": stars}
    if errors == "flag":
        messages: list[str | None] = [None] * rows
        for row, (column, message) in problems.rows.items():
            messages[row] = f"{column}: {message}"
        new["error"] = pa.array(messages, pa.string())
    return df.with_columns(*(_series(df, name, array) for name, array in new.items())).to_native()


def _assess_chunk(  # noqa: C901, PLR0912, PLR0913, PLR0915 - the rules, in their order
    df: Any,
    *,
    rules: RuleBook,
    period: AssessmentPeriod,
    region: str | None,
    errors: str,
    label: Callable[[int], str],
    offset: int,
) -> _Chunk:
    """Assess the rows of one slice of the frame; *offset* is its first row's position."""
    import numpy as np

    rows = len(df)
    names = [d.value for d in rules.scheme.dimensions]
    problems = _Problems()
    category_codes, categories = _encode(df["category"])
    problems.add(
        np.flatnonzero(category_codes < 0),
        "category",
        ["missing"] * int((category_codes < 0).sum()),
    )
    for code, value in enumerate(categories):
        if not isinstance(value, str):
            where = np.flatnonzero(category_codes == code)
            problems.add(where, "category", [f"{shown(value)} is not a text"] * len(where))
    # A region matters only where an exemption of this period is scoped by region.
    in_period = [e for e in rules.exemptions if e.during(period)]
    has_regions = "region" in df.columns and any(e.regions is not None for e in in_period)
    if has_regions:
        region_codes, regions = _encode(df["region"])
    else:
        region_codes, regions = np.full(rows, -1, dtype=np.int64), []
    grace = _grace_mask(df, rules, period, rows, problems)
    below = _below_minimum(df, rules, rows, problems)

    # Category and exemption: decided once per distinct (category, region).
    weights = _weights_table(rules, names)
    width = len(regions) + 1
    pair_of_row = (category_codes + 1) * width + (region_codes + 1)
    size = (len(categories) + 1) * width
    if size <= max(1 << 20, 4 * rows):  # a dense table: one slot per possible pair
        pairs = np.flatnonzero(np.bincount(pair_of_row, minlength=size))
        slots, key = pairs, pair_of_row
    else:  # many categories times many regions: number the pairs that occur
        pairs, key = np.unique(pair_of_row, return_inverse=True)
        slots, size = np.arange(len(pairs)), len(pairs)
    excluded_table = np.ones(size, dtype=bool)
    exempt_table = np.zeros(size, dtype=bool)
    weight_table = np.zeros((len(names), size), dtype=np.int64)
    for slot, pair in zip(slots, pairs, strict=True):
        category_code, region_code = divmod(int(pair), width)
        category = categories[category_code - 1] if category_code > 0 else None
        if has_regions:
            shop_region = regions[region_code - 1] if region_code > 0 else None
        else:
            shop_region = region
        if not isinstance(category, str) or rules.profile(category) is None:
            continue
        excluded_table[slot] = False
        exempt_table[slot] = (
            rules.exemption_for(category=category, region=shop_region, period=period) is not None
        )
        if weights is not None:
            weight_table[:, slot] = weights[category]
    excluded = excluded_table[key]
    exempt = exempt_table[key] & ~excluded

    # One pass per dimension: Σ score × weight in exact integers, and what is missing.
    renormalise = rules.missing_data is MissingDataPolicy.RENORMALISE
    numerator = np.zeros(rows, dtype=np.int64)
    denominator = np.zeros(rows, dtype=np.int64) if renormalise else np.full(rows, SCALE)
    any_nonzero = np.zeros(rows, dtype=bool)
    any_weighted_data = np.zeros(rows, dtype=bool)
    missing = np.zeros(rows, dtype=bool)
    fine = np.zeros(rows, dtype=bool)
    for index, name in enumerate(names):
        scaled, present, finer = _dimension_column(df, name, rows, problems)
        weight = weight_table[index][key]
        weighted = weight > 0
        numerator += scaled * weight
        if renormalise:
            denominator += weight * present
        any_nonzero |= scaled != 0
        any_weighted_data |= present & weighted
        missing |= weighted & ~present
        fine |= finer
    no_data = ~any_nonzero | ~any_weighted_data

    bad = np.zeros(rows, dtype=bool)
    bad[list(problems.rows)] = True
    if errors == "raise" and problems.rows:
        listed = problems.describe(lambda row: label(offset + row))
        msg = f"{len(problems.rows)} row(s) with bad cells: {listed}"
        raise InvalidScoreError(msg)

    not_assessed = excluded | exempt | grace | below | no_data
    status = np.select(
        [excluded, exempt, grace, below, no_data],
        [
            _code(s)
            for s in (
                Status.CATEGORY_EXCLUDED,
                Status.EXEMPT,
                Status.NEW_SHOP,
                Status.BELOW_MINIMUM_VOLUME,
                Status.NO_DATA,
            )
        ],
        default=_code(Status.SCORED),
    )

    scored = ~not_assessed & ~bad
    if rules.missing_data is MissingDataPolicy.REFUSE:
        refused = scored & missing
        if refused.any():
            where = np.flatnonzero(refused)
            if errors == "raise":
                listed = ", ".join(label(offset + int(p)) for p in where[:_SHOWN_PROBLEMS])
                msg = (
                    f"{len(where)} row(s) miss a weighted dimension and the policy is "
                    f"refuse: {listed}"
                )
                raise MissingDataError(msg)
            problems.add(where, "scores", ["a weighted dimension has no score"] * len(where))
            bad |= refused
            scored &= ~refused
    denominator = np.where(denominator == 0, 1, denominator)
    cents = (200 * numerator + denominator * SCALE) // (2 * denominator * SCALE)
    cents = np.where(scored, cents, 9900)

    # Rows the integer grid cannot hold exactly, and rows with bonuses (which
    # round once more and are capped), go through the scalar path.
    if "bonuses" in df.columns:
        fine |= ~df["bonuses"].is_null().to_numpy().astype(bool)
    slow = (fine & ~bad) if weights is not None else ~bad
    for position in np.flatnonzero(slow):
        try:
            result = _scalar(df, int(position), names, rules, period, region)
        except TmallServiceError as error:
            if errors == "raise":
                msg = f"{label(offset + int(position))}: {error}"
                raise type(error)(msg) from None
            problems.add([position], "scores", [str(error)])
            bad[position] = True
            continue
        cents[position] = int(result.score * 100)
        status[position] = _code(result.status)

    return _Chunk(cents=cents, status=status, bad=bad, problems=problems)


def _labeller(frame: Any) -> Callable[[int], str]:
    """Name a row by its position, and by its index label where pandas has one.

    Under a distributed engine a position counts within one partition; the
    index label names the shop whatever the partition.
    """
    native = frame.to_native()
    index = getattr(native, "index", None)
    if index is None or type(index).__name__ == "RangeIndex":
        return lambda position: f"row {position}"
    return lambda position: f"row {position} (index {shown(index[position])})"


def _code(status: Status) -> int:
    return _STATUS_ORDER.index(status)


def _decimal_array(
    units: npt.NDArray[np.int64], valid: npt.NDArray[np.bool_], precision: int, scale: int
) -> pa.Array:
    """An exact ``decimal128(precision, scale)`` array from integers of its last place.

    The array is built from the integers' own buffer, as little-endian 128-bit
    words, with no number passing through a float or a Python object.
    """
    import numpy as np
    import pyarrow as pa

    words = np.zeros((len(units), 2), dtype=np.int64)
    words[:, 0] = units  # the high word stays 0: the values are never negative
    validity = None if valid.all() else pa.py_buffer(np.packbits(valid, bitorder="little"))
    kind = pa.decimal128(precision, scale)
    return pa.Array.from_buffers(kind, len(units), [validity, pa.py_buffer(words)])


def _series(frame: Any, name: str, array: pa.Array) -> Any:
    import narwhals as nw

    native = nw.get_native_namespace(frame)
    if native.__name__ == "polars":
        series = native.from_arrow(array).alias(name)
    else:
        import pandas as pd

        series = pd.Series(
            pd.arrays.ArrowExtensionArray(array), name=name, index=frame.to_native().index
        )
    return nw.from_native(series, series_only=True)


def _scalar(  # noqa: PLR0913, PLR0917 - one row and everything that decides it
    frame: Any,
    position: int,
    names: Sequence[str],
    rules: RuleBook,
    period: AssessmentPeriod,
    region: str | None,
) -> Any:
    row = frame.row(position)
    cells: dict[str, Any] = {
        name: _cell(value) for name, value in zip(frame.columns, row, strict=True)
    }
    scores = rules.scheme.scores(**{name: cells.get(name) for name in names})
    return assess(
        scores,
        category=cells["category"],
        period=period,
        rules=rules,
        region=cells.get("region", region),
        orders=int(cells["orders"]) if cells.get("orders") is not None else None,
        opened=opened_date(cells.get("opened")),
        bonuses=bonus_names(cells.get("bonuses")),
    )


def _cell(value: object) -> object:
    """A cell's value, with the frame libraries' missing markers as ``None``."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if type(value).__name__ in {"NAType", "NaTType"}:  # pandas' NA and NaT
        return None
    return value
