"""A short account, in words, of why an assessment came out as it did."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from tmall_service._rules.assessment import Assessment, Status, bonus_points, check_inputs
from tmall_service._rules.book import Purpose, RuleBook
from tmall_service._rules.breakdown import Breakdown, Contribution, breakdown
from tmall_service._rules.standing import standards
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
    if lang == "zh":
        return purpose.label_zh
    return f"{purpose.value.replace('_', ' ')} ({purpose.label_zh})"


_WORDS: Final[dict[str, dict[Language, str]]] = {
    "head": {"en": "{category}, {period}: ", "zh": "{category}，{period}："},
    "scored": {"en": "score {score}{stars}.", "zh": "得分 {score}{stars}。"},
    "stars": {"en": ", {stars} stars", "zh": "，{stars} 星"},
    "not_assessed": {
        "en": "not assessed: shown as 99, passes by default (显示99分, 默认通过).",
        "zh": "不参与考核，显示99分，默认通过。",
    },
    "formula": {
        "en": "Basic service score = Σ dimension score × weight of {category}:",
        "zh": "基础服务考核分 = Σ 维度得分 × 类目权重（{category}）：",
    },
    "no_score": {"en": "no data", "zh": "无数据"},
    "left_out": {
        "en": "left out, the other weights rescaled (missing-data policy: renormalise)",
        "zh": "不计入，其余权重按比例放大（缺失数据规则：renormalise）",
    },
    "as_zero": {
        "en": "counted as 0 (missing-data policy: zero)",
        "zh": "按 0 分计入（缺失数据规则：zero）",
    },
    "sum": {"en": "sum {total}", "zh": "合计 {total}"},
    "rescaled": {
        "en": " ÷ {divisor} (the weights with data)",
        "zh": " ÷ {divisor}（有数据的权重）",
    },
    "exactly": {"en": " = {exact}", "zh": " = {exact}"},
    "rounded": {
        "en": ", rounded half up to 2 places: {score}",
        "zh": "，四舍五入保留两位小数：{score}",
    },
    "bonus": {
        "en": "plus bonuses {names} ({points}), capped at 5: {score}",
        "zh": "加分项 {names}（{points}），最高 5 分：{score}",
    },
    "lost": {
        "en": "Most points lost: {items}.",
        "zh": "失分最多：{items}。",
    },
    "why": {"en": "Why: {reason}", "zh": "原因：{reason}"},
    Status.CATEGORY_EXCLUDED.value: {
        "en": "its main category {category} is not in this edition's assessment.",
        "zh": "主营类目 {category} 不在本版规则的考核范围内。",
    },
    Status.EXEMPT.value: {
        "en": "an announced exemption covers it: {reason} ({dates}; categories: {categories}; "
        "regions: {regions}).",
        "zh": "适用公告豁免（特大灾害或特殊事件）：{reason}（{dates}；类目：{categories}；"
        "地区：{regions}）。",
    },
    Status.NO_DATA.value: {
        "en": "no data in the period: every dimension is empty or 0.",
        "zh": "考核期内无{dimensions}数据（各维度为空或 0）。",
    },
    "no_weighted_data": {
        "en": "no data in the period for the dimensions that carry weight in {category}.",
        "zh": "考核期内 {category} 有权重的维度均无数据。",
    },
    Status.NEW_SHOP.value: {
        "en": "a new shop, within this edition's grace period of {months} months.",
        "zh": "新开店铺，在本版规则 {months} 个月的宽限期内。",
    },
    Status.BELOW_MINIMUM_VOLUME.value: {
        "en": "fewer orders in the period than this edition's minimum of {orders}.",
        "zh": "考核期内订单数低于本版规则的最低要求 {orders} 单。",
    },
    "all": {"en": "all", "zh": "全部"},
    "colon": {"en": ": ", "zh": "："},
    "item": {"en": "{name} ({value})", "zh": "{name}（{value}）"},
    "list": {"en": ", ", "zh": "、"},
    "standards": {"en": "Standards{edition}:", "zh": "考核标准{edition}："},
    "edition": {"en": " of {name}", "zh": "（{name}）"},
    "passes": {"en": "passes", "zh": "达标"},
    "fails": {"en": "fails", "zh": "未达标"},
    "then": {"en": "; ", "zh": "，"},
    "by_default": {"en": "passes by default", "zh": "默认通过"},
    "no_standards": {
        "en": "This edition sets no standard for {category}.",
        "zh": "本版规则未对 {category} 设定考核标准。",
    },
}


def _say(key: str, lang: Language, **values: object) -> str:
    return _WORDS[key][lang].format(**values)


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
    head = _say("head", language, category=assessment.category, period=assessment.period)
    if assessment.assessed:
        stars = (
            ""
            if assessment.stars is None
            else _say("stars", language, stars=level_text(assessment.stars))
        )
        lines = [head + _say("scored", language, score=score_text(assessment.score), stars=stars)]
        lines += _formula(assessment, rules, language)
    else:
        lines = [head + _say("not_assessed", language)]
        lines.append(_say("why", language, reason=_reason(assessment, rules, language)))
    lines += _standards(assessment, rules, language)
    return "\n".join(lines)


def _formula(assessment: Assessment, rules: RuleBook, lang: Language) -> list[str]:
    profile = rules.profile(assessment.category)
    if profile is None:  # scored under another edition: nothing to show the weights of
        return []
    parts = breakdown(assessment.scores, profile, missing_data=rules.missing_data)
    lines = [_say("formula", lang, category=assessment.category)]
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
            + _say(
                "bonus",
                lang,
                names=names,
                points=signed(points),
                score=score_text(assessment.score),
            )
        )
    losing = [part for part in parts.by_loss() if part.lost][:3]
    if losing:
        items = _say("list", lang).join(
            _say("item", lang, name=dimension_name(part.dimension, lang), value=number(part.lost))
            for part in losing
        )
        lines.append(_say("lost", lang, items=items))
    return lines


def _term(part: Contribution, lang: Language) -> str:
    if part.score is not None:
        return f"{number(part.score)} × {number(part.weight)} = {number(part.points)}"
    empty = _say("no_score", lang)
    if not part.weight:
        return f"{empty} × {number(part.weight)}"
    how = _say("as_zero" if part.counted else "left_out", lang)
    return f"{empty} × {number(part.weight)}{_say('colon', lang)}{how}"


def _sum_line(parts: Breakdown, lang: Language) -> str:
    line = _say("sum", lang, total=number(parts.weighted_sum))
    if parts.divisor != 1:
        line += _say("rescaled", lang, divisor=number(parts.divisor))
        line += _say("exactly", lang, exact=_exactly(parts.exact))
    return line + _say("rounded", lang, score=number(parts.score))


def _exactly(value: Fraction) -> str:
    """*value* in decimals: all of them when it has few, else six and an ellipsis."""
    shown_value = Decimal(value.numerator) / Decimal(value.denominator)
    if Fraction(shown_value) == value and len(str(shown_value)) <= 12:  # noqa: PLR2004
        return number(shown_value)
    return f"{shown_value.quantize(Decimal('0.000001'))}…"


def _reason(assessment: Assessment, rules: RuleBook, lang: Language) -> str:
    status = assessment.status
    if status is Status.EXEMPT:
        return _exempt(assessment.exemption, lang)
    if status is Status.NO_DATA and any(
        getattr(assessment.scores, name) for name in attrs.fields_dict(type(assessment.scores))
    ):
        return _say("no_weighted_data", lang, category=assessment.category)
    return _say(
        status.value,
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
    return "、".join(labels)


def _exempt(exemption: Exemption | None, lang: Language) -> str:
    assert exemption is not None  # noqa: S101 - an EXEMPT assessment always names one
    every = _say("all", lang)
    return _say(
        Status.EXEMPT.value,
        lang,
        reason=exemption.reason,
        dates=exemption.period,
        categories=_say("list", lang).join(sorted(exemption.categories or ())) or every,
        regions=_say("list", lang).join(sorted(exemption.regions or ())) or every,
    )


def _standards(assessment: Assessment, rules: RuleBook, lang: Language) -> list[str]:
    results = standards(assessment, rules)
    if not results:
        return [_say("no_standards", lang, category=assessment.category)]
    edition = _say("edition", lang, name=rules.name) if rules.name else ""
    lines = [_say("standards", lang, edition=edition)]
    for purpose, ok in results.items():
        if ok:
            verdict = _say("passes" if assessment.assessed else "by_default", lang)
        else:
            verdict = _say("fails", lang) + _say("then", lang) + below_standard(purpose, lang)
        threshold = rules.threshold(purpose, assessment.category)
        lines.append(
            f"  {purpose_name(purpose, lang)} ≥ {number(threshold)}{_say('colon', lang)}{verdict}"
        )
    return lines
