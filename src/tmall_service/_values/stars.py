"""Star levels of the comprehensive experience rating (综合体验星级).

In the sources, the star rating (综合体验星级测评) is an evaluation of its
own, beside the basic service evaluation (基础服务测评) and the product
quality evaluation (商品质量测评), with five levels (seed 002). How Tmall
gives a shop its stars is not in them. Reading a star level off the basic
service score, by an edition's ``star_bands``, is this library's own
convention; a shop's level on Tmall's dashboard may differ.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterable
from decimal import Decimal
from typing import Final

from .declaring import MAX_SCORE
from .errors import InvalidScoreError, RuleBookError, shown
from .numbers import NumberLike, to_decimal

__all__ = ["STAR_LEVELS", "level_of", "star_bands", "star_rating"]

STAR_LEVELS: Final = tuple(Decimal(level) for level in ("3", "3.5", "4", "4.5", "5"))
"""The five star levels the sources name: 3, 3.5, 4, 4.5 and 5 stars (seed 002).

>>> import tmall_service as ts
>>> [str(level) for level in ts.STAR_LEVELS]
['3', '3.5', '4', '4.5', '5']
"""


def star_bands(value: Iterable[NumberLike]) -> tuple[Decimal, ...]:
    """*value* as star levels: scores in ``[0, 5]``, strictly rising, at least one."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        msg = f"star_bands: {shown(value)} is not a list of scores"
        raise RuleBookError(msg)
    levels = tuple(
        to_decimal(
            level,
            field=f"star_bands[{index}]",
            error=RuleBookError,
            low=Decimal(0),
            high=MAX_SCORE,
        )
        for index, level in enumerate(value)
    )
    if not levels or any(a >= b for a, b in itertools.pairwise(levels)):
        msg = f"star_bands: {shown(value)} is not a rising list of at least one score"
        raise RuleBookError(msg)
    return levels


def star_rating(score: NumberLike, *, bands: Iterable[NumberLike] = STAR_LEVELS) -> Decimal | None:
    """The star level (综合体验星级) a basic service score reaches, by the library's convention.

    The highest of 3, 3.5, 4, 4.5 and 5 that *score* reaches, or ``None``
    below 3. The sources name the five levels but make the star rating an
    evaluation of its own (综合体验星级测评); deriving a level from the basic
    service score is this library's convention, not Tmall's published rule.
    Only scores in ``[0, 5]`` have a level: a 99 (not assessed) raises
    :class:`~tmall_service.InvalidScoreError`. An edition may set other
    *bands* (its ``star_bands``).

    >>> import tmall_service as ts
    >>> ts.star_rating("4.49")
    Decimal('4')
    >>> ts.star_rating(5)
    Decimal('5')
    >>> ts.star_rating("2.99") is None
    True
    """
    value = to_decimal(
        score, field="score", error=InvalidScoreError, low=Decimal(0), high=MAX_SCORE
    )
    levels = STAR_LEVELS if bands is STAR_LEVELS else star_bands(bands)
    return level_of(value, levels)


def level_of(score: Decimal, levels: tuple[Decimal, ...]) -> Decimal | None:
    """The highest of the rising *levels* that *score* reaches; both already checked."""
    reached = bisect.bisect_right(levels, score)  # how many levels the score reaches
    return levels[reached - 1] if reached else None
