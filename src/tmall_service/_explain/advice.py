"""Advice on what to improve first: the sources' advice, each tip with its source."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from decimal import Decimal
from importlib import resources
from typing import Any, Final

import attrs

from tmall_service._rules.assessment import Assessment, check_inputs
from tmall_service._rules.book import RuleBook
from tmall_service._rules.breakdown import breakdown
from tmall_service._rules.scoring import has_no_data
from tmall_service._values.errors import InvalidOptionError, MissingDataError, shown
from tmall_service._values.language import Language, check_language
from tmall_service._values.schemes import AnyDimension, Scheme
from tmall_service._values.text import (
    bullets,
    count,
    display_language,
    html_table,
    named,
    number,
    view,
    word,
)

__all__ = ["Advice", "advise"]


def _language(lang: Language) -> Language:
    return check_language(lang)


@attrs.frozen(repr=False)
class Advice:
    """What to do in one area, why it comes where it does, and where it is from.

    ``lost`` is what the area's dimension gives away against a perfect 5
    (weight × (5 − score)); general advice, for no one dimension, has
    ``dimension`` ``None`` and ``lost`` 0.

    Each tip restates advice from one of the source articles: ``sources``
    names the article of each tip, in the order of ``tips``, and ``quotes``
    holds the article's own words that the tip restates, exactly as the
    article writes them (in Chinese, whatever the language of the tips). The
    articles are:

    - ``"000"``: 天猫基础服务分: 后果与提升办法 (an agency's article);
    - ``"001"``: 天猫基础服务考核分一般是多少?在哪可以看到? (店铺街, 2020-09-16);
    - ``"002"``: 什么是天猫新灯塔?天猫基础服务分怎么提升? (幕思城, 2023-01-21);
    - ``"003"``: 淘宝服务保障评分如何提升?哪些因素会影响分数? (每日快讯, 2024-12-16).

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> shop = ts.assess(ts.DimensionScores(product=5, logistics=3, after_sales=4,
    ...                                     dispute=1, consultation=4),
    ...                  category="服饰", period=ts.AssessmentPeriod.month(2024, 7),
    ...                  rules=rules)
    >>> first = ts.advise(shop, rules=rules)[0]
    >>> first.area, first.dimension, first.lost
    ('complaints', <Dimension.DISPUTE: 'dispute'>, Decimal('0.8'))
    >>> first.tips[0], first.sources[0], first.quotes[0]
    ("Handle customers' complaints promptly.", '000', '对客户的投诉要及时处理')
    """

    #: The area's name: ``customer_service``, ``logistics``, ...
    area: str
    #: The dimension the advice improves; ``None`` for general advice.
    dimension: AnyDimension | None
    #: The area's title, in the language asked for.
    title: str
    #: What to do, in the language asked for.
    tips: tuple[str, ...]
    #: Weight × (5 − score): the points the dimension gives away.
    lost: Decimal
    #: The source article each tip restates, one per tip: ``"000"`` to ``"003"``.
    sources: tuple[str, ...]
    #: The source article's own words each tip restates, one per tip, as the article writes them.
    quotes: tuple[str, ...]
    #: The language of ``title`` and ``tips``, which its display is in too.
    lang: Language = attrs.field(default="en", converter=_language)

    def __repr__(self) -> str:
        """The area, its dimension and the points it loses, on one line.

        >>> import tmall_service as ts
        >>> rules = ts.example_rulebook()
        >>> shop = ts.assess(ts.DimensionScores(product=5, logistics=3, after_sales=4,
        ...                                     dispute=1, consultation=4),
        ...                  category="服饰", period=ts.AssessmentPeriod.month(2024, 7),
        ...                  rules=rules)
        >>> ts.advise(shop, rules=rules)[0]
        <Advice complaints (dispute): loses 0.80; 3 tips>
        """
        about = "" if self.dimension is None else f" ({self.dimension.value})"
        tips = count(len(self.tips), "tip")
        return f"<Advice {self.area}{about}: loses {number(self.lost)}; {tips}>"

    def _repr_html_(self) -> str:
        """The area, the points it loses and its tips, for notebooks, in the advice's language."""
        return _advice_view([self], self.lang)


class _AdviceList(tuple[Advice, ...]):
    """What :func:`advise` returns: a tuple of advice that shows itself as one table."""

    __slots__ = ()

    def _repr_html_(self) -> str:
        """The advice as one table, most points lost first, in the advice's language."""
        return _advice_view(self, self[0].lang if self else display_language())


def _advice_view(advice: Sequence[Advice], lang: Language) -> str:
    rows = [
        (
            index,
            piece.title,
            "—" if piece.dimension is None else named(piece.dimension, lang),
            piece.lost,
            bullets(piece.tips),
            ", ".join(dict.fromkeys(piece.sources)),
        )
        for index, piece in enumerate(advice, 1)
    ]
    header = ["", word("area", lang), word("dimension", lang), word("lost", lang)]
    header += [word("tips", lang), word("sources", lang)]
    return view(word("advice", lang), html_table(header, rows))


_SOURCES: Final = ("000", "001", "002", "003")
"""The source articles a tip may restate, by the names :attr:`Advice.sources` uses."""


@attrs.frozen
class _Tip:
    text: dict[Language, str]
    source: str
    quote: str


@attrs.frozen
class _Area:
    name: str
    dimensions: frozenset[str]
    title: dict[Language, str]
    tips: tuple[_Tip, ...]


_DIMENSIONS: Final = frozenset(d.value for scheme in Scheme for d in scheme.dimensions)
"""The dimensions of the built-in schemes, which the advice covers (they share some names)."""


@functools.cache
def _areas() -> tuple[_Area, ...]:
    """The areas of ``data/advice.toml``, each checked: a mistake there fails loudly."""
    text = resources.files("tmall_service").joinpath("data", "advice.toml").read_text("utf-8")
    table: dict[str, Any] = tomllib.loads(text)["areas"]
    return _checked(tuple(_area(name, area) for name, area in table.items()))


@functools.cache
def _area_of() -> dict[str, _Area]:
    """The area of each dimension's value."""
    return {name: area for area in _areas() for name in area.dimensions}


def _checked(areas: tuple[_Area, ...]) -> tuple[_Area, ...]:
    """*areas*, if every dimension of both schemes has exactly one."""
    for dimension in sorted(_DIMENSIONS):
        owners = [area.name for area in areas if dimension in area.dimensions]
        if len(owners) != 1:
            msg = f"advice.toml: dimension {dimension!r} is in {len(owners)} areas, not 1"
            raise ValueError(msg)
    return areas


def _area(name: str, area: dict[str, Any]) -> _Area:
    dimensions = area.get("dimensions")
    if not isinstance(dimensions, list) or not set(dimensions) <= _DIMENSIONS:
        msg = f"advice.toml: areas.{name}.dimensions: {dimensions!r} are not dimensions"
        raise ValueError(msg)
    tips = area.get("tips")
    if not isinstance(tips, list) or not tips:
        msg = f"advice.toml: areas.{name}.tips: {tips!r} is not a list of tips"
        raise TypeError(msg)
    return _Area(
        name=name,
        dimensions=frozenset(dimensions),
        title=_texts(area.get("title"), f"areas.{name}.title"),
        tips=tuple(_tip(tip, f"areas.{name}.tips[{i}]") for i, tip in enumerate(tips)),
    )


def _tip(tip: object, where: str) -> _Tip:
    if not isinstance(tip, dict):
        msg = f"advice.toml: {where}: {tip!r} is not a table"
        raise TypeError(msg)
    source, quote = tip.get("source"), tip.get("quote")
    if source not in _SOURCES:
        msg = f"advice.toml: {where}.source: {source!r} is not one of {', '.join(_SOURCES)}"
        raise ValueError(msg)
    if not isinstance(quote, str) or not quote.strip():
        msg = f"advice.toml: {where}.quote: {quote!r} is not a quote"
        raise TypeError(msg)
    return _Tip(_texts(tip, where), source, quote)


def _texts(table: object, where: str) -> dict[Language, str]:
    """The English and Chinese texts of *table*, each a non-empty string."""
    texts: dict[Language, str] = {}
    for lang in ("en", "zh"):
        value = table.get(lang) if isinstance(table, dict) else None
        if not isinstance(value, str) or not value.strip():
            msg = f"advice.toml: {where}.{lang}: {value!r} is not a text"
            raise TypeError(msg)
        texts[lang] = value
    return texts


def advise(
    assessment: Assessment,
    *,
    rules: RuleBook,
    lang: Language = "en",
    limit: int | None = None,
) -> tuple[Advice, ...]:
    """Advice for *assessment*, the dimension that loses the most points first.

    The points a dimension gives away are its weight × (5 − its score), so
    a weak dimension that weighs much comes before a weak one that weighs
    little; the losses are those of :func:`~tmall_service.breakdown`, so a
    dimension without data loses points only where the edition counts it
    as 0 (``ZERO``). A dimension that loses nothing gets no advice of its
    own, nor does a shop without data; the sources' general advice
    (reviewing the ratings, following the rules, promotions) comes last.
    Each tip restates one of the source articles, which
    :attr:`Advice.sources` and :attr:`Advice.quotes` name; the tips are in
    English (``lang="en"``) or Chinese (``lang="zh"``). *limit* keeps the
    first few.

    >>> import tmall_service as ts
    >>> rules = ts.example_rulebook()
    >>> shop = ts.assess(ts.DimensionScores(product=5, logistics=3, after_sales=4,
    ...                                     dispute=1, consultation=4),
    ...                  category="服饰", period=ts.AssessmentPeriod.month(2024, 7),
    ...                  rules=rules)
    >>> [(advice.title, str(advice.lost)) for advice in ts.advise(shop, rules=rules, lang="zh")]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('及时处理投诉与纠纷', '0.8'), ('提升物流服务', '0.6'), ('提升售后体验', '0.2'),
     ('优化客服服务', '0.1'), ('积极管理店铺评分', '0'), ('遵守规则，诚信经营', '0'),
     ('促销活动策划', '0')]
    """
    check_inputs(assessment, rules)
    language = check_language(lang)
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        msg = f"limit: {shown(limit)} is not a number of pieces of advice; write a whole number ≥ 0"
        raise InvalidOptionError(msg)
    losses = _losses(assessment, rules)
    ranked = sorted(losses.items(), key=lambda item: -item[1])  # stable: scheme order on ties
    result = []
    areas = _area_of()
    for dimension, lost in ranked:
        if dimension.value in areas:  # a declared scheme's own dimensions have no advice
            result.append(_advice(areas[dimension.value], dimension, lost, language))
    result += [
        _advice(area, None, Decimal(0), language) for area in _areas() if not area.dimensions
    ]
    return _AdviceList(result if limit is None else result[:limit])


def _losses(assessment: Assessment, rules: RuleBook) -> dict[AnyDimension, Decimal]:
    profile = rules.profile(assessment.category)
    if profile is None or type(assessment.scores) is not rules.scheme.scores:
        return {}
    if has_no_data(assessment.scores, profile):  # all zeros are no data, not zero scores
        return {}
    try:
        parts = breakdown(assessment.scores, profile, missing_data=rules.missing_data)
    except MissingDataError:  # no data to lose points on
        return {}
    return {part.dimension: part.lost for part in parts if part.lost}


def _advice(area: _Area, dimension: AnyDimension | None, lost: Decimal, lang: Language) -> Advice:
    return Advice(
        area=area.name,
        dimension=dimension,
        title=area.title[lang],
        tips=tuple(tip.text[lang] for tip in area.tips),
        lost=lost,
        sources=tuple(tip.source for tip in area.tips),
        quotes=tuple(tip.quote for tip in area.tips),
        lang=lang,
    )
