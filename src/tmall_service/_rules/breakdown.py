"""Where a score comes from: each dimension's part of the composite."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

import attrs

from tmall_service._values.declaring import MAX_SCORE, dimension_of
from tmall_service._values.errors import MissingDataError
from tmall_service._values.numbers import EXACT, round_half_up
from tmall_service._values.schemes import AnyDimension, AnyScores, AnyWeights, dimensions_of
from tmall_service._values.text import display_language, html_table, named, number, view, word

from .book import MissingDataPolicy
from .scoring import composite, dimension_rows

__all__ = ["Breakdown", "Contribution", "breakdown"]


@attrs.frozen
class Contribution:
    """One dimension's part of a composite score.

    ``points`` is weight × score as the composite counts it, exactly;
    ``lost`` is what the dimension gives away against a perfect 5 (weight ×
    (5 − score)); ``share`` is ``points`` as a part of the weighted sum,
    rounded to 4 places for display. A dimension the composite leaves out —
    no weight, or no score under ``RENORMALISE`` — has ``counted`` false and
    neither points nor loss.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> scores = ts.DimensionScores(product=5, logistics=3, after_sales=4,
    ...                             dispute=1, consultation=4)
    >>> part = ts.breakdown(scores, rules.profile("服饰"))[ts.Dimension.LOGISTICS]
    >>> part.points, part.lost, part.share
    (Decimal('0.9'), Decimal('0.6'), Decimal('0.2727'))
    """

    #: The dimension.
    dimension: AnyDimension
    #: The shop's score in it, or ``None`` for no data.
    score: Decimal | None
    #: The category's weight for it.
    weight: Decimal
    #: Whether the composite counts it.
    counted: bool
    #: Weight × score, as counted (0 when not counted).
    points: Decimal
    #: Weight × (5 − score): the points given away against a perfect 5.
    lost: Decimal
    #: ``points`` as a part of the weighted sum, to 4 places.
    share: Decimal


@attrs.frozen(repr=False)
class Breakdown:
    """A composite score taken apart, dimension by dimension.

    The composite is ``weighted_sum / divisor`` rounded half up to 2 places:
    the divisor is 1 unless a missing dimension's weight was left out under
    ``RENORMALISE``, when it is the sum of the weights that count. So the
    contributions' points add up exactly to the composite before rounding
    (times the divisor).

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> scores = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1)
    >>> parts = ts.breakdown(scores, rules.profile("服饰"),
    ...                      missing_data=ts.MissingDataPolicy.RENORMALISE)
    >>> parts.weighted_sum, parts.divisor, parts.score
    (Decimal('2.9'), Decimal('0.9'), Decimal('3.22'))
    >>> [part.dimension.value for part in parts.by_loss()][:2]
    ['dispute', 'logistics']
    """

    #: One contribution per dimension of the scheme, in the scheme's order.
    contributions: tuple[Contribution, ...]
    #: Σ points: the composite before rescaling and rounding.
    weighted_sum: Decimal
    #: Σ weights that count: 1 unless weights were rescaled.
    divisor: Decimal
    #: The composite, rounded half up to 2 places.
    score: Decimal
    #: The missing-data policy the composite was computed under.
    missing_data: MissingDataPolicy

    @property
    def exact(self) -> Fraction:
        """The composite before rounding, as an exact fraction."""
        return Fraction(self.weighted_sum) / Fraction(self.divisor)

    @property
    def lost(self) -> Decimal:
        """Σ lost: the points given away against a perfect 5."""
        total = Decimal(0)
        for part in self.contributions:
            total = EXACT.add(total, part.lost)
        return total

    def by_loss(self) -> list[Contribution]:
        """The counted contributions, the one that loses most first."""
        counted = [part for part in self.contributions if part.counted]
        return sorted(counted, key=lambda part: -part.lost)

    def __getitem__(self, dimension: AnyDimension | str) -> Contribution:
        """The contribution of *dimension* (a member or its value)."""
        kind = type(self.contributions[0].dimension)
        wanted = dimension_of(dimension, kind)
        return next(part for part in self.contributions if part.dimension is wanted)

    def __iter__(self) -> Iterator[Contribution]:
        """The contributions, in the scheme's order."""
        return iter(self.contributions)

    def __repr__(self) -> str:
        """The formula with the numbers filled in.

        >>> import tmall_service as ts
        >>> ts.breakdown(ts.DimensionScores(product=5, logistics=3, after_sales=4,
        ...                                 dispute=1, consultation=4),
        ...              ts.example_rulebook().profile("服饰"))
        <Breakdown 3.30 = 5.00×0.20 + 3.00×0.30 + 4.00×0.20 + 1.00×0.20 + 4.00×0.10>
        """
        terms = " + ".join(
            f"{number(part.score)}×{number(part.weight)}"
            for part in self.contributions
            if part.counted and part.score is not None
        )
        if self.divisor != 1:
            terms = f"({terms}) / {number(self.divisor)}"
        return f"<Breakdown {number(self.score)} = {terms}>"

    def _repr_html_(self) -> str:
        """The contributions as a table, for notebooks, in the display language."""
        lang = display_language()
        rows: list[tuple[object, ...]] = [
            (
                named(p.dimension, lang),
                p.score,
                p.weight,
                p.points if p.counted else None,
                p.lost,
                f"{p.share:.2%}",
            )
            for p in self.contributions
        ]
        rows.append(("Σ", None, self.divisor, self.weighted_sum, self.lost, None))
        header = [
            word(key, lang) for key in ("dimension", "score", "weight", "points", "lost", "share")
        ]
        return view(f"{word('score', lang)} {number(self.score)}", html_table(header, rows))


def breakdown(
    scores: AnyScores,
    profile: AnyWeights,
    *,
    missing_data: MissingDataPolicy = MissingDataPolicy.REFUSE,
) -> Breakdown:
    """Take :func:`~tmall_service.composite_score` apart, dimension by dimension.

    It takes the same arguments and computes the same score, and shows each
    dimension's weight × score (its points), its share of the weighted sum,
    and the points it loses against a perfect 5.

    The sources' worked example, 5×0.2 + 4×0.1 + 3×0.3 + 4×0.2 + 1×0.2:

    >>> import tmall_service as ts
    >>> scores = ts.DimensionScores(product=5, consultation=4, logistics=3,
    ...                             after_sales=4, dispute=1)
    >>> profile = ts.WeightProfile(product="0.2", consultation="0.1",
    ...                            logistics="0.3", after_sales="0.2", dispute="0.2")
    >>> parts = ts.breakdown(scores, profile)
    >>> [str(part.points) for part in parts], parts.score
    (['1.0', '0.9', '0.8', '0.2', '0.4'], Decimal('3.30'))
    >>> parts.lost
    Decimal('1.7')
    """
    table = dimension_rows(scores, profile)
    score = composite(table, missing_data)  # refuses what composite_score refuses
    dimensions = dimensions_of(profile)
    counted: list[tuple[Decimal | None, Decimal, bool, Decimal]] = []
    weighted_sum = Decimal(0)
    divisor = Decimal(0)
    for _, given, weight in table:
        counts = bool(weight) and (given is not None or missing_data is MissingDataPolicy.ZERO)
        points = EXACT.multiply(given or Decimal(0), weight) if counts else Decimal(0)
        if counts:
            weighted_sum = EXACT.add(weighted_sum, points)
            divisor = EXACT.add(divisor, weight)
        counted.append((given, weight, counts, points))
    if not divisor:  # composite() has refused this already; kept for the type checker
        msg = "no dimension with weight has a score"
        raise MissingDataError(msg)
    contributions = tuple(
        Contribution(
            dimension=dimension,
            score=given,
            weight=weight,
            counted=counts,
            points=points,
            lost=EXACT.subtract(EXACT.multiply(weight, MAX_SCORE), points)
            if counts
            else Decimal(0),
            share=_share(points, weighted_sum),
        )
        for dimension, (given, weight, counts, points) in zip(dimensions, counted, strict=True)
    )
    return Breakdown(
        contributions=contributions,
        weighted_sum=weighted_sum,
        divisor=divisor,
        score=score,
        missing_data=missing_data,
    )


def _share(points: Decimal, total: Decimal) -> Decimal:
    if not total:
        return Decimal(0)
    return round_half_up(Fraction(points) / Fraction(total), places=4)
