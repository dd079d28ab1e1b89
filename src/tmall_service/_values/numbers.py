"""Turning user input into exact decimals, and exact rounding.

Every score, weight and threshold passes through :func:`to_decimal`, so one
place decides what a number is: an ``int``, a ``str``, a ``Decimal`` or a
``float`` taken by its shortest repr. Text is read once Unicode NFKC has
made full-width digits and points ASCII (``"４．５"`` is 4.5), with
surrounding spaces stripped. ``bool``, NaN, infinities and non-numeric
strings (``"N/A"``, ``"-"``, digits of other scripts) are refused with the
caller's error class.
"""

from __future__ import annotations

import contextlib
import decimal
import math
import numbers
from decimal import Decimal
from fractions import Fraction
from typing import Final

from .errors import shown
from .names import normalised

__all__ = [
    "EXACT",
    "MAX_PLACES",
    "NumberLike",
    "ratio_half_up",
    "round_half_up",
    "to_decimal",
]

NumberLike = int | str | Decimal | float
"""What the library accepts wherever it asks for a number."""

MAX_PLACES: Final = 28
"""The most decimal places a score, weight or threshold may carry.

A bound keeps every sum and product exact under :data:`EXACT` (28 places is
Python's default decimal precision, far beyond any dashboard's).
"""

EXACT: Final = decimal.Context(
    prec=200,
    rounding=decimal.ROUND_HALF_UP,
    traps=[
        decimal.InvalidOperation,
        decimal.DivisionByZero,
        decimal.Overflow,
        decimal.Underflow,
        decimal.Inexact,
    ],
)
"""A context in which arithmetic on accepted inputs is exact or raises.

Inputs are at most 5 in size with at most :data:`MAX_PLACES` places, so a
product needs at most 58 digits and a sum of five products one more: the
precision of 200 leaves room, and ``Inexact`` is trapped so nothing is ever
rounded silently.
"""

_QUANTUM: Final = Decimal("0.01")


def _places(value: Decimal) -> int:
    """Decimal places of *value* once trailing zeros are dropped."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)  # noqa: S101 - callers pass finite values
    if exponent >= -MAX_PLACES:  # the common case: no need to look at the digits
        return max(0, -exponent)
    trailing = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    if trailing == len(digits):  # zero, whatever its exponent
        return 0
    return max(0, -(exponent + trailing))


def _text_number(value: str, at: str, error: type[ValueError]) -> Decimal:
    # Full-width digits and points (４．５) are the ASCII ones once NFKC has
    # read them; Decimal would also read other scripts' digits and "1_000",
    # which no score file means.
    text = normalised(value)
    number = None
    if text.isascii() and "_" not in text:
        with contextlib.suppress(decimal.InvalidOperation):
            number = Decimal(text)
    if number is None:
        msg = f"{at}{shown(value)} is not a number"
        raise error(msg)
    return number


def to_decimal(
    value: object,
    *,
    field: str,
    error: type[ValueError],
    low: Decimal | None = None,
    high: Decimal | None = None,
) -> Decimal:
    """Return *value* as an exact ``Decimal``, or raise *error* naming *field*.

    >>> to_decimal(4.3, field="product", error=ValueError)
    Decimal('4.3')
    >>> to_decimal("0.10", field="weight", error=ValueError)
    Decimal('0.10')
    """
    # The usual kinds first, by their exact type; any other goes the longer way.
    if type(value) is float:
        text = float.__repr__(value)
        result = Decimal(text)
        # A repr without an exponent has at most 21 places: no need to count them.
        counted = "e" not in text
    elif type(value) is Decimal:
        result = value
        counted = False
    elif type(value) is int:
        result = Decimal(value)
        counted = True
    else:
        result = _other_number(value, field, error)
        counted = False
    if not result.is_finite():
        msg = f"{_at(field)}{shown(value)} is not a finite number"
        raise error(msg)
    if (low is not None and result < low) or (high is not None and result > high):
        # An open end reads as infinity: "[0, ∞)", never "[0, None]".
        bounds = ("(-∞" if low is None else f"[{low}") + (", ∞)" if high is None else f", {high}]")
        msg = f"{_at(field)}{shown(value)} is outside {bounds}"
        raise error(msg)
    if not counted and _places(result) > MAX_PLACES:
        msg = f"{_at(field)}{shown(value)} has more than {MAX_PLACES} decimal places"
        raise error(msg)
    return result


def _at(field: str) -> str:
    """Where a message about a number starts: its field, if it has one."""
    return f"{field}: " if field else ""


def _other_number(value: object, field: str, error: type[ValueError]) -> Decimal:
    """*value*, of a kind other than ``float``, ``Decimal`` and ``int``, as a ``Decimal``."""
    if isinstance(value, bool):
        msg = f"{_at(field)}{shown(value)} is a bool, not a number"
        raise error(msg)
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(float.__repr__(value))
    if isinstance(value, numbers.Integral):  # numpy's integers
        return Decimal(int(value))
    if isinstance(value, str):
        return _text_number(value, _at(field), error)
    msg = (
        f"{_at(field)}{shown(value)} is a {type(value).__name__}; "
        "expected an int, str, Decimal or float"
    )
    raise error(msg)


def round_half_up(value: Decimal | Fraction, places: int = 2) -> Decimal:
    """Round an exact, non-negative value to *places* places, halves up.

    This is the rounding of the shown score (``ROUND_HALF_UP``, 2 places).
    A ``Fraction`` (a renormalised composite) is rounded exactly too,
    without first becoming a decimal.

    >>> round_half_up(Decimal("3.305"))
    Decimal('3.31')
    >>> round_half_up(Fraction(10, 3))
    Decimal('3.33')
    >>> round_half_up(Fraction(3, 11), places=4)
    Decimal('0.2727')
    """
    if isinstance(value, Decimal):
        quantum = _QUANTUM if places == 2 else Decimal(1).scaleb(-places)  # noqa: PLR2004 - cents: the places of a score
        return value.quantize(quantum, rounding=decimal.ROUND_HALF_UP)
    if value < 0:
        msg = f"{value} is negative; scores are never below 0"
        raise ValueError(msg)
    units = math.floor(value * 10**places + Fraction(1, 2))
    return Decimal(units).scaleb(-places)


def ratio_half_up(numerator: Decimal, denominator: Decimal, places: int = 2) -> Decimal:
    """``round_half_up(Fraction(numerator) / Fraction(denominator))``, in whole numbers.

    The same exact rounding, without building fractions: a renormalised
    composite is a ratio of two exact decimals.

    >>> ratio_half_up(Decimal("3.1"), Decimal("0.9"))
    Decimal('3.44')
    >>> ratio_half_up(Decimal("1"), Decimal("0.8"))
    Decimal('1.25')
    """
    top, bottom = numerator.as_integer_ratio()
    over, under = denominator.as_integer_ratio()
    # numerator / denominator = (top × under) / (bottom × over); bottom and under are positive.
    scaled, divisor = top * under * 10**places, bottom * over
    if scaled < 0 or divisor <= 0:  # never for scores: their errors are round_half_up's
        return round_half_up(Fraction(numerator) / Fraction(denominator), places)
    # The floor of scaled / divisor + 1/2: halves up.
    return Decimal((2 * scaled + divisor) // (2 * divisor)).scaleb(-places)
