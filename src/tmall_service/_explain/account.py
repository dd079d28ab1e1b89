"""A short account, in words, of why an assessment came out as it did."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import attrs

from tmall_service._rules.assessment import Assessment, Status, bonus_points, check_inputs
from tmall_service._rules.book import Purpose, RuleBook
from tmall_service._rules.breakdown import Breakdown, Contribution, breakdown
from tmall_service._rules.standing import standards
from tmall_service._values.catalogue import say
from tmall_service._values.exemptions import Exemption
from tmall_service._values.language import Language, check_language
from tmall_service._values.purposes import below_standard
from tmall_service._values.schemes import AnyDimension, dimensions_of
from tmall_service._values.text import level_text, number, padded, score_text, signed, width

__all__ = ["dimension_name", "explain", "purpose_name"]


def dimension_name(dimension: AnyDimension, lang: Language) -> str:
    """*dimension* as a reader of *lang* knows it."""
    return dimension.label_zh if lang == "zh" else dimension.value


def purpose_name(purpose: Purpose, lang: Language) -> str:
    """*purpose* as a reader of *lang* knows it."""
    name = say(f"purpose.{purpose.value}", lang)
    return name if lang == "zh" else f"{name} ({purpose.label_zh})"


def explain(assessment: Assessment, *, rules: RuleBook, lang: Language = "en") -> str:
    """A short account of *assessment* under *rules*, in English or Chinese.

    It gives the score and star level; for a scored shop, the formula with
    the shop's own numbers filled in (Σ dimension score × weight, how a
    missing dimension was treated, the rounding, any bonus) and the
    dimensions that lose the most points; for a shop shown 99, the rule that
    decided it (the category, the exemption, no data, …); and then each
    standard of the edition, passed or failed.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> result = ts.assess(ts.DimensionScores(product=5, logistics=3, after_sales=4,
    ...                                       dispute=1, consultation=4),
    ...                    category="服饰", period=ts.AssessmentPeriod.month(2024, 7),
    ...                    rules=rules)
    >>> print(ts.explain(result, rules=rules))
    服饰, 2024-07-01..2024-07-31: score 3.30, 3 stars.
    Basic service score = Σ dimension score × weight of 服饰:
      product       5.00 × 0.20 = 1.00
      logistics     3.00 × 0.30 = 0.90
      after_sales   4.00 × 0.20 = 0.80
      dispute       1.00 × 0.20 = 0.20
      consultation  4.00 × 0.10 = 0.40
      sum 3.30, rounded half up to 2 places: 3.30
    Most points lost: dispute (0.80), logistics (0.60), after_sales (0.20).
    Standards of Example edition (illustrative, not official):
      marketing access (营销准入) ≥ 4.00: fails; not eligible for campaigns while below
      merchant assessment (商家考核) ≥ 3.50: fails; consecutive failures put the shop at ...
      annual fee refund (年费返还) ≥ 4.20: fails; the fee year's refund is forfeited
    """
    check_inputs(assessment, rules)
    language = check_language(lang)
    head = say("explain.head", language, category=assessment.category, period=assessment.period)
    if assessment.assessed:
        stars = (
            ""
            if assessment.stars is None
            else say("explain.stars", language, stars=level_text(assessment.stars))
        )
        lines = [
            head + say("explain.scored", language, score=score_text(assessment.score), stars=stars)
        ]
        lines += _formula(assessment, rules, language)
    else:
        lines = [head + say("explain.not_assessed", language)]
        lines.append(say("explain.why", language, reason=_reason(assessment, rules, language)))
    lines += _standards(assessment, rules, language)
    return "\n".join(lines)


def _formula(assessment: Assessment, rules: RuleBook, lang: Language) -> list[str]:
    profile = rules.profile(assessment.category)
    if profile is None:  # scored under another edition: nothing to show the weights of
        return []
    parts = breakdown(assessment.scores, profile, missing_data=rules.missing_data)
    lines = [say("explain.formula", lang, category=assessment.category)]
    labels = [dimension_name(part.dimension, lang) for part in parts]
    columns = max(map(width, labels)) + 2
    lines += [
        f"  {padded(label, columns)}{_term(part, lang)}"
        for label, part in zip(labels, parts, strict=True)
    ]
    lines.append("  " + _sum_line(parts, lang))
    points = bonus_points(rules, assessment.bonuses)
    if points:
        names = ", ".join(sorted(assessment.bonuses))
        lines.append(
            "  "
            + say(
                "explain.bonus",
                lang,
                names=names,
                points=signed(points),
                score=score_text(assessment.score),
            )
        )
    losing = [part for part in parts.by_loss() if part.lost][:3]
    if losing:
        items = say("sep.list", lang).join(
            say(
                "explain.item",
                lang,
                name=dimension_name(part.dimension, lang),
                value=number(part.lost),
            )
            for part in losing
        )
        lines.append(say("explain.lost", lang, items=items))
    return lines


def _term(part: Contribution, lang: Language) -> str:
    if part.score is not None:
        return f"{number(part.score)} × {number(part.weight)} = {number(part.points)}"
    empty = say("word.no_data", lang)
    if not part.weight:
        return f"{empty} × {number(part.weight)}"
    how = say("explain.as_zero" if part.counted else "explain.left_out", lang)
    return f"{empty} × {number(part.weight)}{say('sep.colon', lang)}{how}"


def _sum_line(parts: Breakdown, lang: Language) -> str:
    line = say("explain.sum", lang, total=number(parts.weighted_sum))
    if parts.divisor != 1:
        line += say("explain.rescaled", lang, divisor=number(parts.divisor))
        line += say("explain.exactly", lang, exact=_exactly(parts.exact))
    return line + say("explain.rounded", lang, score=number(parts.score))


def _exactly(value: Fraction) -> str:
    """*value* in decimals: all of them when it has few, else six and an ellipsis."""
    shown_value = Decimal(value.numerator) / Decimal(value.denominator)
    if Fraction(shown_value) == value and len(str(shown_value)) <= 12:  # noqa: PLR2004 - a short decimal reads well
        return number(shown_value)
    return f"{shown_value.quantize(Decimal('0.000001'))}…"


def _reason(assessment: Assessment, rules: RuleBook, lang: Language) -> str:
    status = assessment.status
    if status is Status.EXEMPT:
        return _exempt(assessment.exemption, lang)
    if status is Status.NO_DATA and any(
        getattr(assessment.scores, name) for name in attrs.fields_dict(type(assessment.scores))
    ):
        return say("reason.no_weighted_data", lang, category=assessment.category)
    return say(
        f"reason.{status.value}",
        lang,
        category=assessment.category,
        months=rules.new_shop_grace_months,
        orders=rules.minimum_orders,
        dimensions=_listed_dimensions(rules),
    )


def _listed_dimensions(rules: RuleBook) -> str:
    """The scheme's dimensions in Chinese, less the word every label ends in.

    Tmall's ``商品体验`` … ``咨询体验`` read ``商品、物流、售后、纠纷、咨询``;
    labels that share no ending are listed whole.
    """
    labels = [d.label_zh for d in dimensions_of(rules.scheme)]
    shared = labels[0]
    while not all(label.endswith(shared) for label in labels):
        shared = shared[1:]
    if shared and all(len(label) > len(shared) for label in labels):
        labels = [label.removesuffix(shared) for label in labels]
    return say("sep.list", "zh").join(labels)


def _exempt(exemption: Exemption | None, lang: Language) -> str:
    assert exemption is not None  # noqa: S101 - an EXEMPT assessment always names one
    every = say("word.all", lang)
    return say(
        "reason.exempt",
        lang,
        reason=exemption.reason,
        dates=exemption.period,
        categories=say("sep.list", lang).join(sorted(exemption.categories or ())) or every,
        regions=say("sep.list", lang).join(sorted(exemption.regions or ())) or every,
    )


def _standards(assessment: Assessment, rules: RuleBook, lang: Language) -> list[str]:
    results = standards(assessment, rules)
    if not results:
        return [say("explain.no_standards", lang, category=assessment.category)]
    edition = say("explain.edition", lang, name=rules.name) if rules.name else ""
    lines = [say("explain.standards", lang, edition=edition)]
    for purpose, ok in results.items():
        if ok:
            verdict = say("word.passes" if assessment.assessed else "explain.by_default", lang)
        else:
            verdict = (
                say("word.fails", lang) + say("explain.then", lang) + below_standard(purpose, lang)
            )
        threshold = rules.threshold(purpose, assessment.category)
        colon = say("sep.colon", lang)
        lines.append(f"  {purpose_name(purpose, lang)} ≥ {number(threshold)}{colon}{verdict}")
    return lines
