"""Where a shop stands against each standard, now and over its history.

Each purpose's standard has its own consequence, and so its own verdicts:

- 营销准入 (marketing access): below the standard, a shop is not eligible for
  campaigns while it stays below (002: 商家必须达到其主要品类的"基础服务考核得分"
  的要求). No run of failures, no clearance.
- 商家考核 (the merchant assessment, renewal included): consecutive failing
  periods put the shop at risk of clearance (000: 一旦连续达到考核不达标的标准,
  商铺将会面临清退的风险); the edition's ``clearance_after`` says how many make
  it due for clearance. Clearance also risks the annual fee (000:
  如果商铺因考核不达标被清退,商家将面临年费损失的风险).
- 年费返还 (the annual fee refund): judged on the fee year; below the standard
  in a period of that year, the year's refund is forfeited. No clearance.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final

import attrs

from tmall_service._values.catalogue import plural, say
from tmall_service._values.errors import RuleBookError, shown
from tmall_service._values.language import Language, check_language
from tmall_service._values.mapping import FrozenMapping
from tmall_service._values.periods import AssessmentPeriod, gaps
from tmall_service._values.purposes import sets_standard
from tmall_service._values.text import (
    bullets,
    display_language,
    facts_table,
    html_table,
    named,
    verdict,
    view,
    word,
)

from .assessment import Assessment, check_inputs, chronological, failing_run
from .book import Purpose, RuleBook
from .editions import Editions, edition_of

__all__ = ["VERDICTS", "PurposeStanding", "Standing", "Verdict", "meets", "standards", "standing"]


class Verdict(enum.Enum):
    """A shop's standing against one purpose's standard, in that purpose's terms.

    Each purpose has its own verdicts: marketing access GOOD or
    NOT_ELIGIBLE; the merchant assessment GOOD, AT_RISK or CLEARANCE; the
    annual fee refund GOOD or FORFEITED.

    >>> import tmall_service as ts
    >>> ts.Verdict.AT_RISK.value, ts.Verdict.AT_RISK.label(), ts.Verdict.AT_RISK.label_zh
    ('at_risk', 'at risk of clearance', '面临清退风险')
    >>> sorted(ts.Verdict, key=lambda v: -v.severity)[0]
    <Verdict.CLEARANCE: 'clearance'>
    """

    GOOD = "good"
    """Meets the standard: the latest period passed, or was not assessed and passes by default."""
    FORFEITED = "forfeited"
    """Annual fee refund: below the standard in a period of the fee year; no refund for it."""
    NOT_ELIGIBLE = "not_eligible"
    """Marketing access: below the standard in the latest period; not eligible for campaigns."""
    AT_RISK = "at_risk"
    """Merchant assessment: failing, fewer periods in a row than lead to clearance (清退风险)."""
    CLEARANCE = "clearance"
    """Merchant assessment: failed as many periods in a row as the edition's limit (清退)."""

    @property
    def label_zh(self) -> str:
        """The verdict in Chinese."""
        return say(f"verdict.{self.value}", "zh")

    def label(self, lang: Language = "en") -> str:
        """The verdict in a few words of *lang*: ``"at risk of clearance"``."""
        return say(f"verdict.{self.value}", check_language(lang))

    @property
    def severity(self) -> int:
        """How much the verdict asks for attention: 0 for GOOD, 4 for CLEARANCE."""
        return _SEVERITY[self]


_SEVERITY: Final = {
    Verdict.GOOD: 0,
    Verdict.FORFEITED: 1,
    Verdict.NOT_ELIGIBLE: 2,
    Verdict.AT_RISK: 3,
    Verdict.CLEARANCE: 4,
}
VERDICTS: Final[Mapping[Purpose, tuple[Verdict, ...]]] = FrozenMapping(
    {
        Purpose.MARKETING_ACCESS: (Verdict.GOOD, Verdict.NOT_ELIGIBLE),
        Purpose.MERCHANT_ASSESSMENT: (Verdict.GOOD, Verdict.AT_RISK, Verdict.CLEARANCE),
        Purpose.ANNUAL_FEE_REFUND: (Verdict.GOOD, Verdict.FORFEITED),
    }
)
"""The verdicts each purpose can reach, from good to worst."""


def meets(assessment: Assessment, rules: RuleBook, purpose: Purpose) -> bool | None:
    """Whether *assessment* meets *rules*' standard for *purpose*; ``None`` without one.

    A scored shop meets it at a score of at least the threshold (the
    category's own where it has one). A shop that is not assessed meets it
    when the purpose is in the edition's ``passes_by_default``: every
    purpose, unless the edition says otherwise.
    """
    threshold = rules.threshold(purpose, assessment.category)
    if threshold is None:
        return None
    if not assessment.assessed:
        return purpose in rules.passes_by_default
    return assessment.score >= threshold


def standards(assessment: Assessment, rules: RuleBook) -> dict[Purpose, bool]:
    """Pass or fail for each purpose whose standard *rules* set for the shop.

    The standard is the edition's threshold for the shop's category where it
    has one, else its general threshold; a shop that is not assessed passes
    by default, for the purposes in the edition's ``passes_by_default``.

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
        met = meets(assessment, rules, purpose)
        if met is not None:
            result[purpose] = met
    return result


@attrs.frozen
class PurposeStanding:
    """A shop's standing against the standard of one purpose.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> weak = ts.DimensionScores(product=3, logistics=3, after_sales=3,
    ...                           dispute=3, consultation=3)
    >>> history = [ts.assess(weak, category="服饰", rules=rules,
    ...                      period=ts.AssessmentPeriod.month(2024, m)) for m in (5, 6)]
    >>> refund = ts.standing(history, rules)[ts.Purpose.ANNUAL_FEE_REFUND]
    >>> refund.verdict, str(refund.fee_year)
    (<Verdict.FORFEITED: 'forfeited'>, '2024-01-01..2024-12-31')
    >>> print(refund.consequence())
    below the standard in 2 periods of the fee year 2024-01-01..2024-12-31: its refund is forfeited
    """

    #: The purpose (营销准入, 商家考核 or 年费返还).
    purpose: Purpose
    #: The verdict, in the purpose's own terms.
    verdict: Verdict
    #: How many failing periods are behind the verdict: the run back from the
    #: latest period (marketing access, merchant assessment), or the failing
    #: periods of the fee year (annual fee refund).
    failures: int
    #: Merchant assessment: how many failing periods in a row lead to clearance;
    #: ``None`` for the other purposes, or when the edition sets no number.
    limit: int | None
    #: The failing periods behind the verdict, oldest first.
    periods: tuple[AssessmentPeriod, ...]
    #: Annual fee refund: the fee year judged, the one that holds the latest
    #: period; ``None`` for the other purposes and for an empty history.
    fee_year: AssessmentPeriod | None = None

    def consequence(self, lang: Language = "en") -> str:
        """What the verdict means for the shop, in *lang* (``"en"`` or ``"zh"``)."""
        key = f"consequence.{self.purpose.value}.{self.verdict.value}"
        if self.verdict in _COUNTED:
            key = plural(key, self.failures)
        return say(
            key,
            check_language(lang),
            failures=self.failures,
            limit=self.limit,
            fee_year=self.fee_year,
        )


_COUNTED: Final = frozenset({Verdict.AT_RISK, Verdict.CLEARANCE, Verdict.FORFEITED})
"""The verdicts whose consequence counts the failing periods behind them."""


@attrs.frozen
class Standing:
    """Where a shop stands against each standard, from its history.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> shop = ts.assess(ts.DimensionScores(product=4, logistics=4, after_sales=4,
    ...                                     dispute=4, consultation=4),
    ...                  category="服饰", period=ts.AssessmentPeriod.month(2024, 6), rules=rules)
    >>> {p.value: s.verdict.value for p, s in ts.standing([shop], rules).purposes.items()}
    {'marketing_access': 'good', 'merchant_assessment': 'good', 'annual_fee_refund': 'forfeited'}
    """

    #: The standing per purpose that any edition sets a standard for.
    purposes: Mapping[Purpose, PurposeStanding]
    #: The latest period in the history; ``None`` for an empty history.
    latest: AssessmentPeriod | None
    #: Spans missing from the history; a run of failures never crosses one.
    gaps: tuple[AssessmentPeriod, ...]

    def _repr_html_(self) -> str:
        """The verdict per purpose and what it means, for notebooks, in the display language."""
        lang = display_language()
        rows = [
            (
                named(p.purpose, lang),
                verdict(p.verdict is Verdict.GOOD, p.verdict.label(lang)),
                p.consequence(lang),
                bullets(str(period) for period in p.periods) if p.periods else None,
            )
            for p in self.purposes.values()
        ]
        header = [word(key, lang) for key in ("purpose", "verdict", "consequence")]
        header.append(word("failing periods", lang))
        facts = [
            (word("latest", lang), self.latest),
            (word("gaps", lang), ", ".join(map(str, self.gaps)) or None),
        ]
        return view(word("standing", lang), facts_table(facts), html_table(header, rows))

    def __getitem__(self, purpose: Purpose) -> PurposeStanding:
        """The standing against *purpose*'s standard."""
        try:
            return self.purposes[purpose]
        except KeyError:
            msg = f"purpose: {shown(purpose)} has no standard in these rules"
            raise RuleBookError(msg) from None


def standing(assessments: Iterable[Assessment], rules: RuleBook | Editions) -> Standing:
    """A shop's standing against every standard, from its history.

    For each purpose with a standard, the verdict in that purpose's terms
    (see :class:`Verdict`), judged from the periods behind it:

    - marketing access and the merchant assessment: the current run of
      failing periods, back from the latest, stopping at a pass, a
      not-assessed period that passes by default, or a gap. The merchant
      assessment's limit is ``clearance_after`` of the latest period's
      edition.
    - the annual fee refund: the fee year (the edition's ``fee_year``) that
      holds the latest period, and its failing periods; a period belongs to
      the fee year that holds its last day.

    With several *editions*, each period is judged by the edition in force
    then.

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
    >>> ts.standing(history, rules)[ts.Purpose.MARKETING_ACCESS].verdict
    <Verdict.NOT_ELIGIBLE: 'not_eligible'>
    """
    ordered = chronological(assessments)
    books = [edition_of(rules, a) for a in ordered]
    by_period = {a.period: book for a, book in zip(ordered, books, strict=True)}
    latest_book = books[-1] if books else (rules if isinstance(rules, RuleBook) else None)
    purposes = {}
    for purpose in Purpose:
        if not any(sets_standard(book, purpose) for book in (*books, latest_book) if book):
            continue

        def fails(assessment: Assessment, purpose: Purpose = purpose) -> bool:
            return meets(assessment, by_period[assessment.period], purpose) is False

        purposes[purpose] = _JUDGES[purpose](ordered, fails, latest_book)
    return Standing(
        purposes=FrozenMapping(purposes),
        latest=ordered[-1].period if ordered else None,
        gaps=tuple(gaps(a.period for a in ordered)),
    )


_Fails = Callable[[Assessment], bool]
_Judge = Callable[[Sequence[Assessment], _Fails, RuleBook | None], PurposeStanding]


def _marketing_access(
    ordered: Sequence[Assessment], fails: _Fails, _: RuleBook | None
) -> PurposeStanding:
    run = failing_run(ordered, fails)
    return PurposeStanding(
        purpose=Purpose.MARKETING_ACCESS,
        verdict=Verdict.NOT_ELIGIBLE if run else Verdict.GOOD,
        failures=len(run),
        limit=None,
        periods=tuple(a.period for a in run),
    )


def _merchant_assessment(
    ordered: Sequence[Assessment], fails: _Fails, latest: RuleBook | None
) -> PurposeStanding:
    run = failing_run(ordered, fails)
    limit = latest.clearance_after if latest else None
    if not run:
        verdict = Verdict.GOOD
    elif limit is not None and len(run) >= limit:
        verdict = Verdict.CLEARANCE
    else:
        verdict = Verdict.AT_RISK
    return PurposeStanding(
        purpose=Purpose.MERCHANT_ASSESSMENT,
        verdict=verdict,
        failures=len(run),
        limit=limit,
        periods=tuple(a.period for a in run),
    )


def _annual_fee_refund(
    ordered: Sequence[Assessment], fails: _Fails, latest: RuleBook | None
) -> PurposeStanding:
    fee_year = None
    failing: list[Assessment] = []
    if ordered and latest is not None:
        fee_year = latest.fee_year.containing(ordered[-1].period.end)
        failing = [a for a in ordered if a.period.end in fee_year and fails(a)]
    return PurposeStanding(
        purpose=Purpose.ANNUAL_FEE_REFUND,
        verdict=Verdict.FORFEITED if failing else Verdict.GOOD,
        failures=len(failing),
        limit=None,
        periods=tuple(a.period for a in failing),
        fee_year=fee_year,
    )


_JUDGES: Final[Mapping[Purpose, _Judge]] = {
    Purpose.MARKETING_ACCESS: _marketing_access,
    Purpose.MERCHANT_ASSESSMENT: _merchant_assessment,
    Purpose.ANNUAL_FEE_REFUND: _annual_fee_refund,
}
