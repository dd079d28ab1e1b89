"""An edition described for a reader: the one account behind every display of a rule book.

A rule book shows itself in a notebook, and ``tmall-service rules show``
prints it; both are made from the :class:`Description` here, so they say
the same things in the same words, in English or Chinese.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from tmall_service._values.language import Language
from tmall_service._values.purposes import Purpose, below_standard, sets_standard
from tmall_service._values.text import count, level_text, named, number, signed

if TYPE_CHECKING:
    from tmall_service._values.periods import PeriodKind

    from .book import RuleBook

__all__ = ["Description", "described"]

_TERMS: Final[dict[str, dict[Language, str]]] = {
    "unnamed": {"en": "unnamed edition", "zh": "未命名版本"},
    "source": {"en": "source", "zh": "来源"},
    "in force": {"en": "in force", "zh": "生效日期"},
    "always": {"en": "always (no effective dates)", "zh": "始终（未设生效日期）"},
    "since ever": {"en": "since ever", "zh": "不限"},
    "until replaced": {"en": "until replaced", "zh": "至被取代"},
    "scheme": {"en": "scheme", "zh": "考核体系"},
    "period": {"en": "assessment period", "zh": "考核周期"},
    "missing data": {"en": "missing data", "zh": "缺失数据"},
    "star bands": {"en": "star bands", "zh": "星级分档"},
    "fee year": {"en": "fee year", "zh": "年费结算期"},
    "minimum orders": {"en": "minimum orders", "zh": "最低订单数"},
    "grace": {"en": "new-shop grace", "zh": "新店宽限期"},
    "months": {"en": "{n} calendar months", "zh": "{n} 个自然月"},
    "bonuses": {"en": "bonuses", "zh": "加分项"},
    "excluded": {"en": "not assessed", "zh": "不参与考核的类目"},
    "unknown": {"en": "any other category", "zh": "其他类目"},
    "unknown excluded": {
        "en": "not assessed (exclude_unknown_categories)",
        "zh": "不参与考核（exclude_unknown_categories）",
    },
    "extra regions": {"en": "regions besides the 34 provinces", "zh": "34 个省级行政区以外的地区"},
    "by default": {"en": "a shop not assessed", "zh": "不参与考核的店铺"},
    "passes every": {"en": "passes every standard by default", "zh": "各项标准均默认通过"},
    "passes some": {"en": "passes by default: {purposes}", "zh": "默认通过：{purposes}"},
    "passes none": {"en": "fails every standard", "zh": "各项标准均不默认通过"},
    "standard": {"en": "standard", "zh": "考核项"},
    "score": {"en": "score ≥", "zh": "分数 ≥"},
    "by category": {"en": "by category", "zh": "类目标准"},
    "below": {"en": "below it", "zh": "未达标的后果"},
    "clearance": {
        "en": "clearance after {periods} in a row",
        "zh": "连续 {n} 期不达标即清退",
    },
    "category": {"en": "category", "zh": "类目"},
    "dates": {"en": "dates", "zh": "日期"},
    "categories": {"en": "categories", "zh": "类目"},
    "regions": {"en": "regions", "zh": "地区"},
    "reason": {"en": "reason", "zh": "原因"},
    "all": {"en": "all", "zh": "全部"},
    "weights": {"en": "weights", "zh": "类目权重"},
    "standards": {"en": "standards", "zh": "考核标准"},
    "exemptions": {"en": "exemptions", "zh": "公告豁免"},
    "list": {"en": ", ", "zh": "、"},
    "month": {"en": "month", "zh": "自然月"},
    "quarter": {"en": "quarter", "zh": "季度"},
    "half_year": {"en": "half year", "zh": "半年"},
    "year": {"en": "year", "zh": "自然年"},
    "rolling": {"en": "the last {days} days", "zh": "近 {days} 天"},
    "renormalise": {
        "en": "renormalise (the other weights rescaled)",
        "zh": "renormalise（其余权重按比例放大）",
    },
    "zero": {"en": "zero (counted as 0)", "zh": "zero（按 0 分计入）"},
    "refuse": {"en": "refuse (not scored)", "zh": "refuse（不予计算）"},
    "then": {"en": "; ", "zh": "；"},
}


def _term(key: str, lang: Language, **values: object) -> str:
    return _TERMS[key][lang].format(**values)


@attrs.frozen
class Table:
    """A table of a description: its caption, header and rows of text."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@attrs.frozen
class Description:
    """An edition as a reader sees it: a title, its settings, and its tables."""

    #: The edition's name.
    title: str
    #: Each setting that is set, as (what, its value), in the order read.
    facts: tuple[tuple[str, str], ...]
    #: The standards, the weights and the exemptions (left out when none).
    tables: tuple[Table, ...]


def described(book: RuleBook, lang: Language) -> Description:
    """*book* described in *lang*, for every display of it.

    >>> import tmall_service as ts
    >>> description = described(ts.example_rulebook(), "en")
    >>> description.facts[1]
    ('in force', '2024-01-01..2024-12-31')
    >>> [table.caption for table in description.tables]
    ['standards', 'weights', 'exemptions']
    """
    tables = [_standards(book, lang), _weights(book, lang), _exemptions(book, lang)]
    return Description(
        title=book.name or _term("unnamed", lang),
        facts=tuple(_facts(book, lang)),
        tables=tuple(table for table in tables if table.rows),
    )


def _facts(book: RuleBook, lang: Language) -> list[tuple[str, str]]:
    joined = _term("list", lang).join
    facts: list[tuple[str, str]] = []
    if book.source:
        facts.append((_term("source", lang), book.source))
    first, last = book.effective_from, book.effective_to
    if first is None and last is None:
        facts.append((_term("in force", lang), _term("always", lang)))
    else:
        since = first.isoformat() if first else _term("since ever", lang)
        until = last.isoformat() if last else _term("until replaced", lang)
        facts.append((_term("in force", lang), f"{since}..{until}"))
    facts.append((_term("scheme", lang), f"{book.scheme.value} ({book.scheme.label_zh})"))
    facts.append((_term("period", lang), _kind(book.period_kind, lang)))
    facts.append((_term("missing data", lang), _term(book.missing_data.value, lang)))
    facts.append((_term("star bands", lang), joined(map(level_text, book.star_bands))))
    if Purpose.ANNUAL_FEE_REFUND in _purposes(book):
        facts.append((_term("fee year", lang), _kind(book.fee_year, lang)))
    if book.minimum_orders is not None:
        facts.append((_term("minimum orders", lang), str(book.minimum_orders)))
    if book.new_shop_grace_months is not None:
        facts.append((_term("grace", lang), _term("months", lang, n=book.new_shop_grace_months)))
    if book.bonuses:
        bonuses = joined(f"{name} {signed(points)}" for name, points in book.bonuses.items())
        facts.append((_term("bonuses", lang), bonuses))
    if book.excluded_categories:
        facts.append((_term("excluded", lang), joined(sorted(book.excluded_categories))))
    if book.exclude_unknown_categories:
        facts.append((_term("unknown", lang), _term("unknown excluded", lang)))
    if book.extra_regions:
        facts.append((_term("extra regions", lang), joined(sorted(book.extra_regions))))
    facts.append((_term("by default", lang), _by_default(book, lang)))
    return facts


def _kind(kind: PeriodKind, lang: Language) -> str:
    if kind.rolling_days:
        return _term("rolling", lang, days=kind.rolling_days)
    return _term(kind.value, lang)


def _by_default(book: RuleBook, lang: Language) -> str:
    passing = [p for p in Purpose if p in book.passes_by_default]
    if len(passing) == len(Purpose):
        return _term("passes every", lang)
    if not passing:
        return _term("passes none", lang)
    return _term(
        "passes some", lang, purposes=_term("list", lang).join(named(p, lang) for p in passing)
    )


def _purposes(book: RuleBook) -> list[Purpose]:
    return [p for p in Purpose if sets_standard(book, p)]


def _standards(book: RuleBook, lang: Language) -> Table:
    rows = []
    for purpose in _purposes(book):
        threshold = book.threshold(purpose)
        overrides = _term("list", lang).join(
            f"{category} {number(table[purpose])}"
            for category, table in book.category_thresholds.items()
            if purpose in table
        )
        below = below_standard(purpose, lang)
        if purpose is Purpose.MERCHANT_ASSESSMENT and book.clearance_after is not None:
            periods = count(book.clearance_after, "failing period")
            limit = _term("clearance", lang, periods=periods, n=book.clearance_after)
            below += _term("then", lang) + limit
        rows.append((named(purpose, lang), number(threshold), overrides or "—", below))
    header = tuple(_term(key, lang) for key in ("standard", "score", "by category", "below"))
    return Table(caption=_term("standards", lang), header=header, rows=tuple(rows))


def _weights(book: RuleBook, lang: Language) -> Table:
    dimensions = list(book.scheme.dimensions)
    rows = tuple(
        (category, *(number(getattr(profile, d.value)) for d in dimensions))
        for category, profile in book.profiles.items()
    )
    header = (_term("category", lang), *(named(d, lang) for d in dimensions))
    return Table(caption=_term("weights", lang), header=header, rows=rows)


def _exemptions(book: RuleBook, lang: Language) -> Table:
    every = _term("all", lang)
    joined = _term("list", lang).join
    rows = tuple(
        (
            str(e.period),
            joined(sorted(e.categories)) if e.categories is not None else every,
            joined(sorted(e.regions)) if e.regions is not None else every,
            e.reason,
        )
        for e in book.exemptions
    )
    header = tuple(_term(key, lang) for key in ("dates", "categories", "regions", "reason"))
    return Table(caption=_term("exemptions", lang), header=header, rows=rows)
