"""What if a shop's scores, or its indicator readings, were different."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

import attrs

from tmall_service._values.declaring import dimension_of
from tmall_service._values.errors import InvalidScoreError, RuleBookError, shown
from tmall_service._values.indicators import IndicatorValues
from tmall_service._values.numbers import NumberLike
from tmall_service._values.schemes import AnyDimension, dimensions_of
from tmall_service._values.text import (
    display_language,
    html_table,
    level_text,
    named,
    number,
    score_text,
    signed,
    view,
    word,
)

from .assessment import Assessment, check_inputs, reassess
from .book import RuleBook

__all__ = ["WhatIf", "what_if"]


@attrs.frozen(repr=False)
class WhatIf:
    """A shop assessed as it is, and again with some scores changed.

    ``difference`` is the change of the score when the shop is scored both
    times, and ``None`` when either assessment shows 99 (not a score, so no
    difference to speak of); ``status_changed`` says whether the rule that
    decided the score changed (``NO_DATA`` to ``SCORED``, say).

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> shop = ts.assess(ts.DimensionScores(product=5, logistics=3, after_sales=4,
    ...                                     dispute=1, consultation=4),
    ...                  category="服饰", period=ts.AssessmentPeriod.month(2024, 7),
    ...                  rules=rules)
    >>> change = ts.what_if(shop, rules=rules, scores={"logistics": 4})
    >>> change.before.score, change.after.score, change.difference
    (Decimal('3.30'), Decimal('3.60'), Decimal('0.30'))
    """

    #: The shop as it is.
    before: Assessment
    #: The shop with the changes.
    after: Assessment

    @property
    def difference(self) -> Decimal | None:
        """``after.score - before.score`` when both are scored, else ``None``."""
        if not (self.before.assessed and self.after.assessed):
            return None
        return self.after.score - self.before.score

    @property
    def status_changed(self) -> bool:
        """Whether the status differs after the change."""
        return self.before.status is not self.after.status

    @property
    def changes(self) -> dict[AnyDimension, tuple[Decimal | None, Decimal | None]]:
        """Each dimension whose score changed: its score before and after."""
        result = {}
        for dimension in dimensions_of(self.before.scores):
            old = getattr(self.before.scores, dimension.value)
            new = getattr(self.after.scores, dimension.value)
            if old != new:
                result[dimension] = (old, new)
        return result

    def __repr__(self) -> str:
        """The score before and after, and what changed, on one line."""
        moves = ", ".join(
            f"{d.value} {number(old)}→{number(new)}" for d, (old, new) in self.changes.items()
        )
        difference = "" if self.difference is None else f" ({signed(self.difference)})"
        return (
            f"<WhatIf {score_text(self.before.score)} → {score_text(self.after.score)}"
            f"{difference}: {moves or 'no change'}>"
        )

    def _repr_html_(self) -> str:
        """Before and after, side by side, for notebooks, in the display language."""
        lang = display_language()
        before, after = self.before, self.after
        rows: list[tuple[object, ...]] = [
            (word("status", lang), named(before.status, lang), named(after.status, lang)),
            (word("score", lang), score_text(before.score), score_text(after.score)),
            (word("stars", lang), level_text(before.stars), level_text(after.stars)),
        ]
        rows += [(named(d, lang), old, new) for d, (old, new) in self.changes.items()]
        title = f"{before.category} · {before.period}"
        if self.difference is not None:
            title += f" · {word('change', lang)} {signed(self.difference)}"
        header = ["", word("before", lang), word("after", lang)]
        return view(title, html_table(header, rows))


def what_if(
    assessment: Assessment,
    *,
    rules: RuleBook,
    scores: Mapping[AnyDimension | str, NumberLike | None] | None = None,
    indicators: IndicatorValues | None = None,
) -> WhatIf:
    """Assess the shop of *assessment* again with some scores changed.

    *scores* sets dimension scores directly (``None`` clears one); with
    *indicators*, each dimension that has a reading among them is scored
    again from the readings by the edition's scales; a dimension scored
    from several indicators needs all of its readings. A dimension may be
    changed one way only. The shop is assessed exactly as
    :func:`~tmall_service.assess` would: same category, period, region and
    bonuses, so its status may change too.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> july = ts.AssessmentPeriod.month(2024, 7)
    >>> shop = ts.assess(ts.DimensionScores(product=4, logistics=3, after_sales=4,
    ...                                     dispute=4, consultation=4),
    ...                  category="服饰", period=july, rules=rules)
    >>> faster = ts.what_if(shop, rules=rules, indicators=ts.IndicatorValues(pickup_24h=96))
    >>> faster.changes
    {<Dimension.LOGISTICS: 'logistics'>: (Decimal('3'), Decimal('5.00'))}
    >>> faster.after.score, faster.difference
    (Decimal('4.30'), Decimal('0.60'))
    """
    check_inputs(assessment, rules)
    kind = rules.scheme.dimensions
    values: dict[str, object] = {
        d.value: getattr(assessment.scores, d.value) for d in dimensions_of(rules.scheme)
    }
    changed: set[str] = set()
    if indicators is not None:
        if not isinstance(indicators, IndicatorValues):
            msg = f"indicators: {shown(indicators)} is not an IndicatorValues"
            raise InvalidScoreError(msg)
        rescored = rules.dimension_scores(indicators, category=assessment.category)
        _check_complete(indicators, rules, assessment.category)
        for indicator in indicators.given():
            name = indicator.dimension.value
            values[name] = getattr(rescored, name)
            changed.add(name)
    if scores is not None:
        if not isinstance(scores, Mapping):
            msg = f"scores: {shown(scores)} is not a mapping of dimension to score"
            raise InvalidScoreError(msg)
        for key, score in scores.items():
            name = dimension_of(key, kind).value
            if name in changed:
                msg = f"scores: {name} is changed by its indicators too; change it one way"
                raise RuleBookError(msg)
            values[name] = score
    new_scores = rules.scheme.scores(**values)  # type: ignore[arg-type]
    return WhatIf(before=assessment, after=reassess(assessment, new_scores, rules=rules))


def _check_complete(indicators: IndicatorValues, rules: RuleBook, category: str) -> None:
    """Refuse readings that rescore a dimension from only some of its indicators."""
    assert rules.indicator_scales is not None  # noqa: S101 - dimension_scores checked it
    scaled = rules.indicator_scales.for_category(category)
    given = indicators.given()
    for dimension in {indicator.dimension for indicator in given}:
        missing = [i.value for i in scaled if i.dimension is dimension and i not in given]
        if missing:
            msg = (
                f"indicators: {dimension.value} is scored from several readings; "
                f"give {', '.join(missing)} too, or change its score directly"
            )
            raise RuleBookError(msg)
