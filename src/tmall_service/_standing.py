"""Where a shop stands against each standard, now and over its history."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping

import attrs

from ._assessment import Assessment, check_inputs, chronological, failing_run, passes
from ._display import html_table
from ._editions import Editions, edition_of
from ._errors import RuleBookError, shown
from ._mapping import FrozenMapping
from ._periods import AssessmentPeriod, gaps
from ._rules import Purpose, RuleBook

__all__ = ["PurposeStanding", "Standing", "Verdict", "standards", "standing"]


class Verdict(enum.Enum):
    """A shop's standing against one standard.

    >>> import tmall_service as ts
    >>> ts.Verdict.AT_RISK.value
    'at_risk'
    """

    GOOD = "good"
    """The latest period passed (or was not assessed)."""
    AT_RISK = "at_risk"
    """Failing now, fewer periods in a row than lead to clearance (清退风险)."""
    CLEARANCE = "clearance"
    """Failed as many periods in a row as the edition says lead to clearance (清退)."""


def standards(assessment: Assessment, rules: RuleBook) -> dict[Purpose, bool]:
    """Pass or fail for each purpose whose standard *rules* set for the shop.

    The standard is the edition's threshold for the shop's category where it
    has one, else its general threshold; a shop that is not assessed passes
    everywhere by default.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> result = ts.assess(ts.DimensionScores(product=4, logistics=4, after_sales=4,
    ...                                       dispute=4, consultation=4),
    ...                    category="服饰", period=ts.AssessmentPeriod.month(2024, 6),
    ...                    rules=rules)
    >>> {purpose.value: ok for purpose, ok in ts.standards(result, rules).items()}
    {'marketing_access': True, 'merchant_assessment': True, 'annual_fee_refund': False}
    """
    check_inputs(assessment, rules)
    result = {}
    for purpose in Purpose:
        threshold = rules.threshold(purpose, assessment.category)
        if threshold is not None:
            result[purpose] = passes(assessment, threshold)
    return result


@attrs.frozen
class PurposeStanding:
    """A shop's standing against the standard of one purpose."""

    #: The purpose (营销准入, 商家考核 or 年费返还).
    purpose: Purpose
    #: Good, at risk, or due for clearance.
    verdict: Verdict
    #: How many periods in a row, back from the latest, the shop failed.
    failures: int
    #: How many failing periods in a row lead to clearance; ``None``: not set.
    limit: int | None
    #: The failing periods behind the verdict, oldest first.
    periods: tuple[AssessmentPeriod, ...]


@attrs.frozen
class Standing:
    """Where a shop stands against each standard, from its history."""

    #: The standing per purpose that any edition sets a standard for.
    purposes: Mapping[Purpose, PurposeStanding]
    #: The latest period in the history; ``None`` for an empty history.
    latest: AssessmentPeriod | None
    #: Spans missing from the history; a run of failures never crosses one.
    gaps: tuple[AssessmentPeriod, ...]

    def _repr_html_(self) -> str:
        """The verdict per purpose as a table, for notebooks."""
        rows = [
            (f"{p.purpose.label_zh} {p.purpose.value}", p.verdict.value, p.failures, p.limit)
            for p in self.purposes.values()
        ]
        header = ["purpose", "verdict", "failing in a row", "clearance after"]
        gaps = ", ".join(str(gap) for gap in self.gaps)
        caption = f"latest {self.latest}" + (f"; gaps {gaps}" if gaps else "")
        return html_table(header, rows, caption=caption)

    def __getitem__(self, purpose: Purpose) -> PurposeStanding:
        """The standing against *purpose*'s standard."""
        try:
            return self.purposes[purpose]
        except KeyError:
            msg = f"purpose: {shown(purpose)} has no standard in these rules"
            raise RuleBookError(msg) from None


def standing(assessments: Iterable[Assessment], rules: RuleBook | Editions) -> Standing:
    """A shop's standing against every standard, from its history.

    For each purpose with a standard: the current run of failing periods
    (back from the latest, stopping at a pass, a not-assessed period or a
    gap), the edition's clearance limit for that purpose (``clearance_after``
    of the latest period's edition), and the verdict. With several
    *editions*, each period is judged by the edition in force then.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> weak = ts.DimensionScores(product=3, logistics=3, after_sales=3,
    ...                           dispute=3, consultation=3)
    >>> history = [ts.assess(weak, category="服饰", rules=rules,
    ...                      period=ts.AssessmentPeriod.month(2024, m))
    ...            for m in (4, 5, 6)]
    >>> merchant = ts.standing(history, rules)[ts.Purpose.MERCHANT_ASSESSMENT]
    >>> merchant.verdict, merchant.failures, merchant.limit
    (<Verdict.CLEARANCE: 'clearance'>, 3, 3)
    """
    ordered = chronological(assessments)
    books = [edition_of(rules, a) for a in ordered]
    by_period = {a.period: book for a, book in zip(ordered, books, strict=True)}
    latest_book = books[-1] if books else (rules if isinstance(rules, RuleBook) else None)
    purposes = {}
    for purpose in Purpose:
        if not any(_sets(book, purpose) for book in (*books, latest_book) if book):
            continue

        def fails(assessment: Assessment, purpose: Purpose = purpose) -> bool:
            threshold = by_period[assessment.period].threshold(purpose, assessment.category)
            return threshold is not None and not passes(assessment, threshold)

        run = failing_run(ordered, fails)
        limit = latest_book.clearance_after.get(purpose) if latest_book else None
        if not run:
            verdict = Verdict.GOOD
        elif limit is not None and len(run) >= limit:
            verdict = Verdict.CLEARANCE
        else:
            verdict = Verdict.AT_RISK
        purposes[purpose] = PurposeStanding(
            purpose=purpose,
            verdict=verdict,
            failures=len(run),
            limit=limit,
            periods=tuple(a.period for a in run),
        )
    return Standing(
        purposes=FrozenMapping(purposes),
        latest=ordered[-1].period if ordered else None,
        gaps=tuple(gaps(a.period for a in ordered)),
    )


def _sets(book: RuleBook, purpose: Purpose) -> bool:
    return purpose in book.thresholds or any(
        purpose in table for table in book.category_thresholds.values()
    )
