"""Every text the library shows a reader, in each language: the one message catalogue.

Each text has a key, ``namespace.name``, and a version per language,
declared together, once. Read one with :func:`say`, which fills its named
fields (``str.format``). The namespaces:

- ``status``, ``reason``: what an assessment's status is called, and the
  reason ``explain`` gives for a shop not assessed;
- ``purpose``, ``below``: the three uses of the score, and what falling
  below each one's standard brings;
- ``verdict``, ``consequence``: a standing's verdict, and what it means;
- ``period_kind``, ``missing_data``: the settings of an edition by name;
- ``word``: the words every display shares (a table's headers, a fact's name);
- ``sep``: how a list, a clause or a value is joined to the rest;
- ``edition``, ``explain``, ``report``, ``plot``, ``page``, ``table``,
  ``cli``: the words of one display each.

A text that counts has two keys, ``.one`` and ``.other``; :func:`plural`
picks one. A dimension's name is not here: its scheme declares it
(``label_zh``; in English its ``value``), and a text that names one takes it
from there.

>>> say("verdict.at_risk", "zh")
'面临清退风险'
>>> say(plural("table.title", 2), "en", n=2)
'2 assessments'
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Final

from .language import Language

__all__ = ["CATALOGUE", "fields", "plural", "say"]

_Texts = Mapping[Language, str]

CATALOGUE: Final[Mapping[str, _Texts]] = {
    # -- an assessment's status, and why a shop is not assessed ----------------
    "status.scored": {"en": "scored", "zh": "已考核"},
    "status.category_excluded": {"en": "category excluded", "zh": "主营类目不在考核范围"},
    "status.exempt": {"en": "exempt", "zh": "公告豁免"},
    "status.no_data": {"en": "no data", "zh": "无数据"},
    "status.new_shop": {"en": "new shop", "zh": "新店宽限期"},
    "status.below_minimum_volume": {"en": "below minimum volume", "zh": "订单数不足"},
    "reason.category_excluded": {
        "en": "its main category {category} is not in this edition's assessment.",
        "zh": "主营类目 {category} 不在本版规则的考核范围内。",
    },
    "reason.exempt": {
        "en": "an announced exemption covers it: {reason} ({dates}; categories: {categories}; "
        "regions: {regions}).",
        "zh": "适用公告豁免（特大灾害或特殊事件）：{reason}（{dates}；类目：{categories}；"
        "地区：{regions}）。",
    },
    # English says "every dimension"; Chinese lists the scheme's dimensions.
    "reason.no_data": {
        "en": "no data in the period: every dimension is empty or 0.",
        "zh": "考核期内无{dimensions}数据（各维度为空或 0）。",
    },
    "reason.no_weighted_data": {
        "en": "no data in the period for the dimensions that carry weight in {category}.",
        "zh": "考核期内 {category} 有权重的维度均无数据。",
    },
    "reason.new_shop": {
        "en": "a new shop, within this edition's grace period of {months} months.",
        "zh": "新开店铺，在本版规则 {months} 个月的宽限期内。",
    },
    "reason.below_minimum_volume": {
        "en": "fewer orders in the period than this edition's minimum of {orders}.",
        "zh": "考核期内订单数低于本版规则的最低要求 {orders} 单。",
    },
    # -- the uses of the score, and their standards ------------------------------
    "purpose.marketing_access": {"en": "marketing access", "zh": "营销准入"},
    "purpose.merchant_assessment": {"en": "merchant assessment", "zh": "商家考核"},
    "purpose.annual_fee_refund": {"en": "annual fee refund", "zh": "年费返还"},
    "below.marketing_access": {
        "en": "not eligible for campaigns while below",
        "zh": "达标之前不能参加营销活动",
    },
    "below.merchant_assessment": {
        "en": "consecutive failures put the shop at risk of clearance",
        "zh": "连续不达标将面临清退风险",
    },
    "below.annual_fee_refund": {
        "en": "the fee year's refund is forfeited",
        "zh": "该结算期的年费不予返还",
    },
    # -- a standing: the verdict, and what it means --------------------------------
    "verdict.good": {"en": "meets the standard", "zh": "达标"},
    "verdict.forfeited": {"en": "refund forfeited", "zh": "年费不予返还"},
    "verdict.not_eligible": {"en": "not eligible for campaigns", "zh": "暂不能参加营销活动"},
    "verdict.at_risk": {"en": "at risk of clearance", "zh": "面临清退风险"},
    "verdict.clearance": {"en": "due for clearance", "zh": "达到清退条件"},
    "consequence.marketing_access.good": {
        "en": "meets the standard: eligible for campaigns",
        "zh": "达到营销准入标准",
    },
    "consequence.marketing_access.not_eligible": {
        "en": "below the standard: not eligible for campaigns while it stays below",
        "zh": "未达营销准入标准：达标之前不能参加营销活动",
    },
    "consequence.merchant_assessment.good": {"en": "meets the standard", "zh": "考核达标"},
    # One failing period is not "in a row".
    "consequence.merchant_assessment.at_risk.one": {
        "en": "failed the latest period: at risk of clearance",
        "zh": "最近 1 期考核不达标：面临清退风险",
    },
    "consequence.merchant_assessment.at_risk.other": {
        "en": "failed {failures} periods in a row: at risk of clearance",
        "zh": "连续 {failures} 期考核不达标：面临清退风险",
    },
    "consequence.merchant_assessment.clearance.one": {
        "en": "failed {failures} period in a row, the edition's limit of {limit}: due for "
        "clearance, and with it the risk of losing the annual fee",
        "zh": "连续 {failures} 期考核不达标，达到本版规则 {limit} 期的清退条件，"
        "并面临年费损失的风险",
    },
    "consequence.merchant_assessment.clearance.other": {
        "en": "failed {failures} periods in a row, the edition's limit of {limit}: due for "
        "clearance, and with it the risk of losing the annual fee",
        "zh": "连续 {failures} 期考核不达标，达到本版规则 {limit} 期的清退条件，"
        "并面临年费损失的风险",
    },
    "consequence.annual_fee_refund.good": {
        "en": "meets the standard in every period of the fee year {fee_year} so far",
        "zh": "年费结算期 {fee_year} 内各期均达标",
    },
    "consequence.annual_fee_refund.forfeited.one": {
        "en": "below the standard in {failures} period of the fee year {fee_year}: "
        "its refund is forfeited",
        "zh": "年费结算期 {fee_year} 内有 {failures} 期未达标：该结算期的年费不予返还",
    },
    "consequence.annual_fee_refund.forfeited.other": {
        "en": "below the standard in {failures} periods of the fee year {fee_year}: "
        "its refund is forfeited",
        "zh": "年费结算期 {fee_year} 内有 {failures} 期未达标：该结算期的年费不予返还",
    },
    # -- an edition's settings, by name --------------------------------------------
    "period_kind.month": {"en": "month", "zh": "自然月"},
    "period_kind.quarter": {"en": "quarter", "zh": "季度"},
    "period_kind.half_year": {"en": "half year", "zh": "半年"},
    "period_kind.year": {"en": "year", "zh": "自然年"},
    "period_kind.rolling": {"en": "the last {days} days", "zh": "近 {days} 天"},
    "missing_data.renormalise": {
        "en": "renormalise (the other weights rescaled)",
        "zh": "renormalise（其余权重按比例放大）",
    },
    "missing_data.zero": {"en": "zero (counted as 0)", "zh": "zero（按 0 分计入）"},
    "missing_data.refuse": {"en": "refuse (not scored)", "zh": "refuse（不予计算）"},
    # -- the words every display shares --------------------------------------------
    "word.advice": {"en": "Advice, most points lost first", "zh": "建议（按失分从多到少）"},
    "word.after": {"en": "after", "zh": "调整后"},
    "word.all": {"en": "all", "zh": "全部"},
    "word.alone": {"en": "each dimension alone", "zh": "单独提升一个维度"},
    "word.area": {"en": "area", "zh": "方面"},
    "word.assessment_period": {"en": "assessment period", "zh": "考核周期"},
    "word.before": {"en": "before", "zh": "调整前"},
    "word.bonus": {"en": "bonus", "zh": "加分"},
    "word.categories": {"en": "categories", "zh": "类目"},
    "word.category": {"en": "category", "zh": "类目"},
    "word.change": {"en": "change", "zh": "变化"},
    "word.consequence": {"en": "consequence", "zh": "后果"},
    "word.cost": {"en": "cost", "zh": "成本"},
    "word.dates": {"en": "dates", "zh": "日期"},
    "word.dimension": {"en": "dimension", "zh": "维度"},
    "word.edition": {"en": "edition", "zh": "版本"},
    "word.editions": {"en": "Editions of the rules", "zh": "规则版本"},
    "word.exemption": {"en": "exemption", "zh": "豁免"},
    "word.exemptions": {"en": "exemptions", "zh": "公告豁免"},
    "word.failing_periods": {"en": "failing periods", "zh": "未达标的考核期"},
    "word.fails": {"en": "fails", "zh": "未达标"},
    "word.gaps": {"en": "gaps", "zh": "缺失的考核期"},
    "word.in_force": {"en": "in force", "zh": "生效日期"},
    "word.increase": {"en": "increase", "zh": "提升"},
    "word.latest": {"en": "latest period", "zh": "最近考核期"},
    "word.lost": {"en": "points lost", "zh": "失分"},
    "word.met": {"en": "met", "zh": "已达到"},
    "word.needed_alone": {"en": "needed alone", "zh": "单独达标所需"},
    "word.new": {"en": "new score", "zh": "新得分"},
    "word.no_change": {"en": "no change", "zh": "无需调整"},
    "word.no_data": {"en": "no data", "zh": "无数据"},
    "word.not_met": {"en": "not met", "zh": "未达到"},
    "word.now": {"en": "now", "zh": "当前"},
    "word.passes": {"en": "passes", "zh": "达标"},
    "word.period": {"en": "period", "zh": "考核期"},
    "word.plan": {"en": "cheapest plan", "zh": "最省方案"},
    "word.points": {"en": "points", "zh": "得分贡献"},
    "word.purpose": {"en": "standard", "zh": "考核项"},
    "word.reason": {"en": "reason", "zh": "原因"},
    "word.region": {"en": "region", "zh": "地区"},
    "word.regions": {"en": "regions", "zh": "地区"},
    "word.score": {"en": "score", "zh": "得分"},
    "word.scores": {"en": "scores", "zh": "维度得分"},
    "word.share": {"en": "share", "zh": "占比"},
    "word.shop": {"en": "shop", "zh": "店铺"},
    "word.sources": {"en": "sources", "zh": "出处"},
    "word.standing": {"en": "Standing against each standard", "zh": "各项考核标准的结论"},
    "word.stars": {"en": "stars", "zh": "星级"},
    "word.status": {"en": "status", "zh": "状态"},
    "word.target": {"en": "target", "zh": "目标"},
    "word.tips": {"en": "what to do", "zh": "建议"},
    "word.unreachable": {"en": "unreachable", "zh": "无法达到"},
    "word.verdict": {"en": "verdict", "zh": "结论"},
    "word.weight": {"en": "weight", "zh": "权重"},
    "word.weights": {"en": "weights", "zh": "类目权重"},
    "sep.list": {"en": ", ", "zh": "、"},
    "sep.clause": {"en": "; ", "zh": "；"},
    "sep.colon": {"en": ": ", "zh": "："},
    # -- an edition described (a rule book's display, rules show) ------------------
    "edition.unnamed": {"en": "unnamed edition", "zh": "未命名版本"},
    "edition.source": {"en": "source", "zh": "来源"},
    "edition.always": {"en": "always (no effective dates)", "zh": "始终（未设生效日期）"},
    "edition.since_ever": {"en": "since ever", "zh": "不限"},
    "edition.until_replaced": {"en": "until replaced", "zh": "至被取代"},
    "edition.scheme": {"en": "scheme", "zh": "考核体系"},
    "edition.missing_data": {"en": "missing data", "zh": "缺失数据"},
    "edition.star_bands": {"en": "star bands", "zh": "星级分档"},
    "edition.fee_year": {"en": "fee year", "zh": "年费结算期"},
    "edition.minimum_orders": {"en": "minimum orders", "zh": "最低订单数"},
    "edition.grace": {"en": "new-shop grace", "zh": "新店宽限期"},
    "edition.months": {"en": "{n} calendar months", "zh": "{n} 个自然月"},
    "edition.bonuses": {"en": "bonuses", "zh": "加分项"},
    "edition.excluded": {"en": "not assessed", "zh": "不参与考核的类目"},
    "edition.unknown": {"en": "any other category", "zh": "其他类目"},
    "edition.unknown_excluded": {
        "en": "not assessed (exclude_unknown_categories)",
        "zh": "不参与考核（exclude_unknown_categories）",
    },
    "edition.extra_regions": {
        "en": "regions besides the 34 provinces",
        "zh": "34 个省级行政区以外的地区",
    },
    "edition.by_default": {"en": "a shop not assessed", "zh": "不参与考核的店铺"},
    "edition.passes_every": {"en": "passes every standard by default", "zh": "各项标准均默认通过"},
    "edition.passes_some": {"en": "passes by default: {purposes}", "zh": "默认通过：{purposes}"},
    "edition.passes_none": {"en": "fails every standard", "zh": "各项标准均不默认通过"},
    "edition.threshold": {"en": "score ≥", "zh": "分数 ≥"},
    "edition.by_category": {"en": "by category", "zh": "类目标准"},
    "edition.below": {"en": "below it", "zh": "未达标的后果"},
    "edition.clearance.one": {
        "en": "clearance after {n} failing period in a row",
        "zh": "连续 {n} 期不达标即清退",
    },
    "edition.clearance.other": {
        "en": "clearance after {n} failing periods in a row",
        "zh": "连续 {n} 期不达标即清退",
    },
    "edition.standards": {"en": "standards", "zh": "考核标准"},
    # -- explain: the account of one assessment ------------------------------------
    "explain.head": {"en": "{category}, {period}: ", "zh": "{category}，{period}："},
    "explain.scored": {"en": "score {score}{stars}.", "zh": "得分 {score}{stars}。"},
    "explain.stars": {"en": ", {stars} stars", "zh": "，{stars} 星"},
    "explain.not_assessed": {
        "en": "not assessed: shown as 99, passes by default (显示99分, 默认通过).",
        "zh": "不参与考核，显示99分，默认通过。",
    },
    "explain.formula": {
        "en": "Basic service score = Σ dimension score × weight of {category}:",
        "zh": "基础服务考核分 = Σ 维度得分 × 类目权重（{category}）：",
    },
    "explain.left_out": {
        "en": "left out, the other weights rescaled (missing-data policy: renormalise)",
        "zh": "不计入，其余权重按比例放大（缺失数据规则：renormalise）",
    },
    "explain.as_zero": {
        "en": "counted as 0 (missing-data policy: zero)",
        "zh": "按 0 分计入（缺失数据规则：zero）",
    },
    "explain.sum": {"en": "sum {total}", "zh": "合计 {total}"},
    "explain.rescaled": {
        "en": " ÷ {divisor} (the weights with data)",
        "zh": " ÷ {divisor}（有数据的权重）",
    },
    "explain.exactly": {"en": " = {exact}", "zh": " = {exact}"},
    "explain.rounded": {
        "en": ", rounded half up to 2 places: {score}",
        "zh": "，四舍五入保留两位小数：{score}",
    },
    "explain.bonus": {
        "en": "plus bonuses {names} ({points}), capped at 5: {score}",
        "zh": "加分项 {names}（{points}），最高 5 分：{score}",
    },
    "explain.lost": {"en": "Most points lost: {items}.", "zh": "失分最多：{items}。"},
    "explain.item": {"en": "{name} ({value})", "zh": "{name}（{value}）"},
    "explain.why": {"en": "Why: {reason}", "zh": "原因：{reason}"},
    "explain.standards": {"en": "Standards{edition}:", "zh": "考核标准{edition}："},
    "explain.edition": {"en": " of {name}", "zh": "（{name}）"},
    "explain.then": {"en": "; ", "zh": "，"},
    "explain.by_default": {"en": "passes by default", "zh": "默认通过"},
    "explain.no_standards": {
        "en": "This edition sets no standard for {category}.",
        "zh": "本版规则未对 {category} 设定考核标准。",
    },
    # -- report: what each failed standard takes, and the advice ------------------
    "report.reach": {"en": "To reach {purpose} ≥ {target}:", "zh": "达到{purpose} ≥ {target}："},
    "report.alone": {
        "en": "  {dimension} alone: {needed} (+{increase})",
        "zh": "  单独提升{dimension}至 {needed}（+{increase}）",
    },
    "report.never": {
        "en": "  {dimension} alone: unreachable",
        "zh": "  单独提升{dimension}：无法达到",
    },
    "report.plan": {
        "en": "  cheapest plan: {moves}, raising {raised} points in all → score {score}",
        "zh": "  最省方案：{moves}，共提升 {raised} 分 → 得分 {score}",
    },
    "report.advice": {"en": "{advice}:", "zh": "{advice}："},
    "report.lost": {"en": " (loses {lost})", "zh": "（失分 {lost}）"},
    # -- the charts ----------------------------------------------------------------
    "plot.weights": {"en": "weight (outer ring = 1)", "zh": "权重（外圈 = 1）"},
    "plot.unknown": {"en": "weight unknown", "zh": "权重未知"},
    "plot.trend": {"en": "Score over time", "zh": "考核分走势"},
    "plot.stars": {"en": "{stars} stars", "zh": "{stars}星"},
    "plot.not_assessed": {
        "en": "not assessed ({status}): shows 99, passes by default",
        "zh": "不参与考核（{status}）：显示99分，默认通过",
    },
    "plot.not_assessed_short": {
        "en": "not assessed: shows 99, passes by default",
        "zh": "不参与考核：显示99分，默认通过",
    },
    "plot.not_assessed_only": {"en": "not assessed: shows 99", "zh": "不参与考核：显示99分"},
    "plot.at_least": {"en": "{purpose} ≥ {level}", "zh": "{purpose} ≥ {level}"},
    "plot.by_edition": {
        "en": "{purpose} ≥ {level} (by edition)",
        "zh": "{purpose} ≥ {level}（按版本）",
    },
    # -- a shop's page, and the index of pages --------------------------------------
    "page.report": {"en": "Tmall basic service score", "zh": "天猫基础服务考核分"},
    "page.standing": {"en": "Standing", "zh": "考核状态"},
    "page.trend": {"en": "Score over time", "zh": "得分趋势"},
    "page.radar": {"en": "Dimensions in the latest period", "zh": "各项体验雷达图"},
    "page.explanation": {"en": "How the score was made", "zh": "得分说明"},
    "page.plans": {"en": "Cheapest plan to each failed standard", "zh": "最省提升方案"},
    "page.advice": {"en": "Advice", "zh": "改进建议"},
    "page.all_met": {
        "en": "Every standard is met; no plan is needed.",
        "zh": "各项考核标准均已达到，无需提升方案。",
    },
    "page.met_by_default": {
        "en": "Not assessed in the latest period, so every standard is met by default; "
        "no plan is needed.",
        "zh": "最近考核期不参与考核，默认通过各项考核标准，无需提升方案。",
    },
    "page.no_standard": {
        "en": "The rules set no standard for this shop's category.",
        "zh": "规则未对本店铺的类目设定考核标准。",
    },
    "page.no_plan": {
        "en": "Not assessed in the latest period, which this edition does not pass by "
        "default for this standard: no change of the scores meets it.",
        "zh": "最近考核期不参与考核，而本版规则对此项不默认通过：调整各项得分也无法达标。",
    },
    "page.no_advice": {"en": "This page gives no advice.", "zh": "本页不列出改进建议。"},
    "page.index": {"en": "Shops' basic service scores", "zh": "各店铺基础服务考核分"},
    "page.worst": {"en": "worst verdict", "zh": "最需关注的结论"},
    "page.no_shops": {"en": "No shops.", "zh": "没有店铺。"},
    # -- a table of assessments -----------------------------------------------------
    "table.title.one": {"en": "{n} assessment", "zh": "{n} 条考核结果"},
    "table.title.other": {"en": "{n} assessments", "zh": "{n} 条考核结果"},
    # -- the command line -----------------------------------------------------------
    "cli.header.standard": {"en": "standard", "zh": "考核标准"},
    "cli.header.failures": {"en": "failures", "zh": "未达标期数"},
    "cli.header.periods": {"en": "periods", "zh": "未达标周期"},
    "cli.header.latest": {"en": "latest", "zh": "最近周期"},
    "cli.summary.shops.one": {"en": "{n} shop: ", "zh": "共 {n} 家店铺："},
    "cli.summary.shops.other": {"en": "{n} shops: ", "zh": "共 {n} 家店铺："},
    "cli.summary.verdict": {"en": "{n} {verdict}", "zh": "{verdict} {n} 家"},
    "cli.summary.good": {"en": "{n} meet every standard", "zh": "各项均达标 {n} 家"},
}
"""Every text, by key, in each language."""


def say(key: str, lang: Language, **values: object) -> str:
    """The text of *key* in *lang*, its named fields filled from *values*.

    A key or a language the catalogue does not have is a mistake in the
    library, and a :class:`KeyError` names it.

    >>> say("explain.sum", "en", total="3.30")
    'sum 3.30'
    >>> say("status.no_data", "zh")
    '无数据'
    >>> say("status.unheard_of", "en")
    Traceback (most recent call last):
    ...
    KeyError: "no text 'status.unheard_of' in the catalogue"
    """
    try:
        texts = CATALOGUE[key]
    except KeyError:
        msg = f"no text {key!r} in the catalogue"
        raise KeyError(msg) from None
    try:
        text = texts[lang]
    except KeyError:
        msg = f"no text {key!r} in the language {lang!r}"
        raise KeyError(msg) from None
    return text.format(**values)


def plural(key: str, n: int) -> str:
    """The key of the text of *key* for a count of *n*: its ``.one`` or ``.other`` form.

    >>> plural("edition.clearance", 1), plural("edition.clearance", 3)
    ('edition.clearance.one', 'edition.clearance.other')
    """
    return f"{key}.one" if n == 1 else f"{key}.other"


def fields(text: str) -> frozenset[str]:
    """The names of the fields *text* fills.

    >>> sorted(fields("{n} {verdict}"))
    ['n', 'verdict']
    """
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)
