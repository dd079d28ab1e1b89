"""The library's errors: one base, and leaves that are also ``ValueError``."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import TypeVar

__all__ = [
    "InvalidOptionError",
    "InvalidPeriodError",
    "InvalidScoreError",
    "InvalidWeightsError",
    "MissingDataError",
    "RuleBookError",
    "TmallServiceError",
    "UnknownCategoryError",
    "UnknownDimensionError",
    "UnknownRegionError",
    "a_kind",
    "instances",
    "shown",
]

_SHOWN_CHARS = 60


def a_kind(name: str) -> str:
    """*name* with its article, for messages: "an Exemption", "a RuleBook"."""
    return f"{'an' if name[:1] in 'AEIOU' else 'a'} {name}"


class _Written(str):
    """A decimal's text, shown bare: ``43``, not ``Decimal('43')`` or ``'43'``."""

    __slots__ = ()

    def __repr__(self) -> str:
        return str(self)


def shown(value: object) -> str:
    """*value*'s repr for an error message, cut short when it is long."""
    if type(value).__module__ == "numpy" and hasattr(value, "item"):
        value = value.item()  # show 7.5, not np.float64(7.5)
    if isinstance(value, Decimal):
        value = _Written(value)  # show 43, as it was written, not Decimal('43')
    try:
        text = repr(value)
    except ValueError:  # an int too long for str(): Python refuses to print it
        digits = Decimal(value).adjusted() + 1 if isinstance(value, int) else "many"
        return f"<{type(value).__name__} of {digits} digits>"
    if len(text) <= _SHOWN_CHARS:
        return text
    return f"{text[:_SHOWN_CHARS]}…({len(text)} characters)"


class TmallServiceError(Exception):
    """Base of every error the library raises on bad input.

    Catch this one class to handle anything ``tmall_service`` refuses.

    >>> import tmall_service as ts
    >>> try:
    ...     ts.DimensionScores(product="7")
    ... except ts.TmallServiceError as error:
    ...     print(type(error).__name__)
    InvalidScoreError
    """


class InvalidScoreError(TmallServiceError, ValueError):
    """A score is not a number in its allowed range.

    Dimension scores lie in ``[0, 5]``; ``NaN``, infinities, booleans and
    non-numeric strings are never scores.

    >>> import tmall_service as ts
    >>> ts.star_rating(99)
    Traceback (most recent call last):
    ...
    tmall_service.InvalidScoreError: score: 99 is outside [0, 5]
    """


class InvalidWeightsError(TmallServiceError, ValueError):
    """A weight profile is not five weights in ``[0, 1]`` summing to exactly 1.

    >>> import tmall_service as ts
    >>> ts.WeightProfile(product="0.2", logistics="0.3", after_sales="0.2",
    ...                  dispute="0.2", consultation="0.2")
    Traceback (most recent call last):
    ...
    tmall_service.InvalidWeightsError: weights sum to 1.1, not exactly 1 ...
    """


class InvalidPeriodError(TmallServiceError, ValueError):
    """A period or an exemption has bad dates, or periods overlap.

    >>> import tmall_service as ts
    >>> ts.AssessmentPeriod.month(2024, 13)
    Traceback (most recent call last):
    ...
    tmall_service.InvalidPeriodError: month: 13 is not a month; expected 1 to 12
    """


class InvalidOptionError(TmallServiceError, ValueError):
    """An option the function does not have: a language, a file format, a mode.

    The message names the option, the value given and the values it takes.

    >>> import tmall_service as ts
    >>> ts.Verdict.GOOD.label(lang="cn")
    Traceback (most recent call last):
    ...
    tmall_service.InvalidOptionError: lang: 'cn' is not a language of the library; write ...
    """


class MissingDataError(TmallServiceError, ValueError):
    """A dimension that carries weight has no score, and no rule fills the gap.

    >>> import tmall_service as ts
    >>> profile = ts.WeightProfile(product=1, logistics=0, after_sales=0,
    ...                            dispute=0, consultation=0)
    >>> ts.composite_score(ts.DimensionScores(logistics=4), profile)
    Traceback (most recent call last):
    ...
    tmall_service.MissingDataError: product: no score, but its weight is 1; ...
    """


class RuleBookError(TmallServiceError, ValueError):
    """A rule book, its file, or data given to the converter is malformed.

    The message names the offending field by its path, such as
    ``$.profiles.服饰.product``. It is also what a function raises for an
    argument of the wrong kind (a rule book that is not a ``RuleBook``): the
    rules it was asked to apply are not rules it can apply. An option it does
    not know (``lang="fr"``) is an :class:`InvalidOptionError` instead.

    >>> import tmall_service as ts
    >>> ts.converter.structure({"profiles": {}, "colour": "red"}, ts.RuleBook)
    Traceback (most recent call last):
    ...
    tmall_service.RuleBookError: invalid RuleBook:
      $: unknown key colour
    """


class UnknownCategoryError(TmallServiceError, ValueError):
    """A main category (主营类目) the edition neither assesses nor excludes.

    An edition knows a category when it gives it a weight profile or lists
    it in ``excluded_categories``. Any other name is most likely a typo, and
    a typo must not show 99 and pass every standard: the message names the
    category and the edition's categories, the closest first.

    >>> import tmall_service as ts
    >>> ts.assess(ts.DimensionScores(product=5), category="服装",
    ...           period=ts.AssessmentPeriod.month(2024, 7), rules=ts.example_rulebook())
    Traceback (most recent call last):
    ...
    tmall_service.UnknownCategoryError: category: '服装' is not a category of ... 服饰? ...
    """

    #: The unknown category, as read.
    name: str = ""


class UnknownRegionError(TmallServiceError, ValueError):
    """A region the edition does not know.

    Every edition knows China's 34 province-level divisions, by their short
    names (``浙江``) or full names (``浙江省``); an edition's
    ``extra_regions`` adds more.

    >>> import tmall_service as ts
    >>> ts.assess(ts.DimensionScores(product=5), category="服饰", region="浙州",
    ...           period=ts.AssessmentPeriod.month(2024, 7), rules=ts.example_rulebook())
    Traceback (most recent call last):
    ...
    tmall_service.UnknownRegionError: region: '浙州' is not a region of ...
    """

    #: The unknown region, as read.
    name: str = ""


class UnknownDimensionError(TmallServiceError, KeyError):
    """A key names no :class:`~tmall_service.Dimension`.

    Raised when indexing scores or weights by something that is neither a
    ``Dimension`` nor one's value.

    >>> import tmall_service as ts
    >>> ts.DimensionScores(product=5)["price"]
    Traceback (most recent call last):
    ...
    tmall_service.UnknownDimensionError: dimension: 'price' is not a dimension; ...
    """

    def __str__(self) -> str:
        # KeyError quotes its message; this error reads as a sentence.
        return str(self.args[0])


T = TypeVar("T")


def instances(value: Iterable[T], kind: type[T], field: str) -> tuple[T, ...]:
    """*value* as a tuple of *kind*, naming the first element that is not one.

    >>> instances(["a", 1], str, "names")
    Traceback (most recent call last):
    ...
    tmall_service.RuleBookError: names[1]: 1 is not a str
    """
    if isinstance(value, str | bytes | Mapping | kind) or not isinstance(value, Iterable):
        msg = f"{field}: {shown(value)} is not a sequence of {kind.__name__}"
        raise RuleBookError(msg)
    result = tuple(value)
    for index, item in enumerate(result):
        if not isinstance(item, kind):
            msg = f"{field}[{index}]: {shown(item)} is not {a_kind(kind.__name__)}"
            raise RuleBookError(msg)
    return result
