"""Hypothesis strategies for the library's values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import attrs
import pytest
from hypothesis import strategies as st

import tmall_service as ts
import toy_scheme  # noqa: F401 - declares the made-up third scheme before ``schemes`` is read
from tmall_service._values.declaring import (
    SchemeDefinition,
    SchemeScores,
    SchemeWeights,
    declared,
)

AnyScheme = ts.Scheme | SchemeDefinition
"""A scheme as a rule book takes it: a built-in ``Scheme`` member or a declared scheme."""

DIMENSIONS = [d.value for d in ts.Dimension]
"""Tmall's dimensions; see :func:`dimension_names` for any scheme's."""

SCHEMES = declared()
"""Every declared scheme: Tmall's, Taobao's and the made-up one of ``toy_scheme``."""
schemes = st.sampled_from(SCHEMES)
every_scheme = pytest.mark.parametrize("scheme", SCHEMES, ids=lambda s: s.value)
"""Runs a test once for each declared scheme, named in the test's id."""


def dimension_names(scheme: AnyScheme = ts.Scheme.TMALL) -> list[str]:
    """The values of *scheme*'s dimensions, in order."""
    return [d.value for d in scheme.dimensions]


def is_tmall(scheme: AnyScheme) -> bool:
    """Whether *scheme* is Tmall's, the one scheme with indicators."""
    return scheme.value == ts.Scheme.TMALL.value


# Scores as dashboards show them (two places) and, less often, finer ones.
scores_2dp = st.integers(0, 500).map(lambda n: Decimal(n).scaleb(-2))
scores_fine = st.decimals(min_value=0, max_value=5, places=6, allow_nan=False, allow_infinity=False)
score_values = st.one_of(scores_2dp, scores_fine)
optional_scores = st.one_of(st.none(), score_values)


@st.composite
def dimension_scores(
    draw: st.DrawFn, *, allow_none: bool = True, scheme: AnyScheme = ts.Scheme.TMALL
) -> SchemeScores:
    """Any valid set of *scheme*'s scores (Tmall's by default)."""
    values = optional_scores if allow_none else score_values
    return scheme.scores(**{name: draw(values) for name in dimension_names(scheme)})


@st.composite
def weight_profiles(draw: st.DrawFn, *, scheme: AnyScheme = ts.Scheme.TMALL) -> SchemeWeights:
    """Weights of *scheme* (Tmall's by default): in [0, 1], hundredths or finer, summing to 1.

    One per dimension, however many the scheme has.
    """
    names = dimension_names(scheme)
    scale = draw(st.sampled_from([100, 1000, 10_000]))
    count = len(names) - 1
    cuts = sorted(draw(st.lists(st.integers(0, scale), min_size=count, max_size=count)))
    parts = [b - a for a, b in zip([0, *cuts], [*cuts, scale], strict=True)]
    exponent = -len(str(scale)) + 1
    weights = [Decimal(p).scaleb(exponent) for p in parts]
    return scheme.weights(**dict(zip(names, weights, strict=True)))


DATE_MIN = dt.date(2000, 1, 1)
DATE_MAX = dt.date(2099, 12, 31)
dates = st.dates(min_value=DATE_MIN, max_value=DATE_MAX)


@st.composite
def periods(draw: st.DrawFn) -> ts.AssessmentPeriod:
    """Any period of up to a year."""
    start = draw(dates)
    return ts.AssessmentPeriod(start, start + dt.timedelta(days=draw(st.integers(0, 365))))


months = st.builds(ts.AssessmentPeriod.month, st.integers(2000, 2099), st.integers(1, 12))

# A book drawn by rulebooks() assesses a shop of any of these categories or
# regions without an unknown-name error: it assesses or excludes each category
# (by name, or by excluding every unknown one), and every edition knows these
# regions, the short names of province-level divisions.
CATEGORIES = ("服饰", "美妆", "食品", "家电", "数码", "汽车")
REGIONS = ("河南", "浙江", "广东")
# Regions no edition knows unless it names them in extra_regions.
EXTRA_REGIONS = ("美国", "新加坡")
categories = st.sampled_from(CATEGORIES)
regions = st.one_of(st.none(), st.sampled_from(REGIONS))


def name_sets(names: Sequence[str]) -> st.SearchStrategy[frozenset[str] | None]:
    """``None`` (all), or some of *names*."""
    if not names:
        return st.none()
    return st.one_of(st.none(), st.frozensets(st.sampled_from(names), min_size=1))


@st.composite
def exemptions(
    draw: st.DrawFn,
    *,
    categories: Sequence[str] = CATEGORIES,
    regions: Sequence[str] = REGIONS,
) -> ts.Exemption:
    """Any exemption, naming some of *categories* and *regions*."""
    period = draw(periods())
    return ts.Exemption(
        start=period.start,
        end=period.end,
        reason=draw(st.text(min_size=1, max_size=20).filter(str.strip)),
        categories=draw(name_sets(sorted(categories))),
        regions=draw(name_sets(sorted(regions))),
    )


def taobao_weights() -> st.SearchStrategy[ts.TaobaoWeights]:
    """Five Taobao weights summing to exactly 1."""
    return weight_profiles(scheme=ts.Scheme.TAOBAO)


@st.composite
def indicator_scales(draw: st.DrawFn, indicator: ts.Indicator) -> ts.IndicatorScale:
    """A scale that suits *indicator*: points in its range, better never scoring less."""
    kind = draw(st.sampled_from(ts.ScaleKind))
    top = 500 if indicator.high is None else int(indicator.high * 100)
    cents = draw(st.lists(st.integers(0, top), min_size=2, max_size=5, unique=True))
    values = sorted(Decimal(c).scaleb(-2) for c in cents)
    scores = sorted(draw(st.lists(scores_2dp, min_size=len(values), max_size=len(values))))
    if indicator.direction is ts.Direction.LOWER_IS_BETTER:
        scores.reverse()
    weight = draw(st.sampled_from(["1", "0.5", "0.25", "0.75"]))
    points = [ts.ScalePoint(value=v, score=s) for v, s in zip(values, scores, strict=True)]
    return ts.IndicatorScale(kind=kind, points=points, weight=weight)


@st.composite
def scale_sets(draw: st.DrawFn, *, categories: Sequence[str] = CATEGORIES) -> ts.IndicatorScales:
    """Scales for every indicator, and overrides for a category or two of *categories*."""
    default = {indicator: draw(indicator_scales(indicator)) for indicator in ts.Indicator}
    overrides = st.lists(st.sampled_from(ts.Indicator), unique=True, max_size=3)
    pool = sorted(categories)
    chosen = draw(st.lists(st.sampled_from(pool), unique=True, max_size=2)) if pool else []
    by_category = {c: {i: draw(indicator_scales(i)) for i in draw(overrides)} for c in chosen}
    return ts.IndicatorScales(default=default, categories=by_category)


@st.composite
def readings(draw: st.DrawFn) -> ts.IndicatorValues:
    """Readings of some indicators, on a 0.01 grid within each one's range."""
    values = {}
    for indicator in ts.Indicator:
        top = 600 if indicator.high is None else int(indicator.high * 100)
        values[indicator.value] = draw(
            st.one_of(st.none(), st.integers(0, top).map(lambda n: Decimal(n).scaleb(-2)))
        )
    return ts.IndicatorValues(**values)


def _edition_dates(
    draw: st.DrawFn, covering: ts.AssessmentPeriod | None
) -> tuple[dt.date | None, dt.date | None]:
    """Optional effective dates, in order; around *covering* when it is given."""
    if covering is None:
        first = draw(st.one_of(st.none(), dates))
        last = draw(st.one_of(st.none(), dates.filter(lambda d: first is None or d >= first)))
        return first, last
    first = draw(st.one_of(st.none(), st.dates(min(DATE_MIN, covering.start), covering.start)))
    last = draw(st.one_of(st.none(), st.dates(covering.end, max(DATE_MAX, covering.end))))
    return first, last


@st.composite
def rulebooks(
    draw: st.DrawFn,
    *,
    scheme: AnyScheme | None = None,
    covering: ts.AssessmentPeriod | None = None,
) -> ts.RuleBook:
    """Any rule book over a few categories, every setting drawn.

    Its scheme is *scheme*, or any declared one; only a Tmall book has
    indicator scales. It knows every name of ``categories`` and
    ``regions``: those of ``CATEGORIES`` it does not assess it excludes,
    by name or, when it excludes every unknown category, by that. With
    *covering*, the book is in force for that whole period.
    """
    chosen = draw(schemes) if scheme is None else scheme
    weights = weight_profiles(scheme=chosen)
    assessed = draw(st.lists(categories, unique=True, max_size=5))
    others = [c for c in CATEGORIES if c not in assessed]
    exclude_unknown = draw(st.booleans())
    if exclude_unknown:
        excluded = draw(st.lists(st.sampled_from(others), unique=True)) if others else []
    else:
        excluded = others
    known = sorted({*assessed, *excluded})
    extra_regions = draw(st.frozensets(st.sampled_from(EXTRA_REGIONS)))
    known_regions = sorted({*REGIONS, *extra_regions})
    thresholds = st.dictionaries(st.sampled_from(ts.Purpose), scores_2dp, max_size=3)
    first, last = _edition_dates(draw, covering)
    bands = draw(st.lists(scores_2dp, min_size=1, max_size=5, unique=True).map(sorted))
    by_category = (
        draw(st.dictionaries(st.sampled_from(known), thresholds, max_size=2)) if known else {}
    )
    return ts.RuleBook(
        profiles={category: draw(weights) for category in assessed},
        excluded_categories=excluded,
        exclude_unknown_categories=exclude_unknown,
        exemptions=draw(st.lists(exemptions(categories=known, regions=known_regions), max_size=3)),
        extra_regions=extra_regions,
        missing_data=draw(st.sampled_from(ts.MissingDataPolicy)),
        thresholds=draw(thresholds),
        category_thresholds=by_category,
        clearance_after=draw(st.none() | st.integers(1, 6)),
        fee_year=draw(st.sampled_from([k for k in ts.PeriodKind if not k.rolling_days])),
        passes_by_default=draw(st.frozensets(st.sampled_from(ts.Purpose))),
        period_kind=draw(st.sampled_from(ts.PeriodKind)),
        star_bands=bands,
        minimum_orders=draw(st.one_of(st.none(), st.integers(1, 500))),
        new_shop_grace_months=draw(st.one_of(st.none(), st.integers(1, 12))),
        bonuses=draw(st.dictionaries(st.sampled_from(["special", "vip"]), scores_2dp)),
        indicator_scales=(
            draw(st.none() | scale_sets(categories=known)) if is_tmall(chosen) else None
        ),
        scheme=chosen,
        name=draw(st.text(max_size=30)),
        source=draw(st.text(max_size=30)),
        effective_from=first,
        effective_to=last,
    )


@st.composite
def assessments(
    draw: st.DrawFn,
    *,
    period: ts.AssessmentPeriod | None = None,
    scheme: AnyScheme = ts.Scheme.TMALL,
) -> ts.Assessment:
    """An assessment made by ``ts.assess``, so every field is consistent.

    The scores and the book are of *scheme*, Tmall's by default. The book
    is in force for the period and knows the category and the region.
    """
    when = draw(months) if period is None else period
    rules = attrs.evolve(
        draw(rulebooks(scheme=scheme, covering=when)),
        missing_data=ts.MissingDataPolicy.RENORMALISE,
        star_bands=ts.STAR_LEVELS,
        minimum_orders=None,
        new_shop_grace_months=None,
    )
    return ts.assess(
        draw(dimension_scores(scheme=scheme)),
        category=draw(categories),
        period=when,
        rules=rules,
        region=draw(st.one_of(regions, st.sampled_from(sorted(rules.known_regions)))),
    )
