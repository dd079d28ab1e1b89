"""The values and rule books the tests of the public contract share.

Every figure is the contract's own (API.md): the seed example, and rule
books that weigh one category and name another as not assessed. Worked
results stay in the tests that use them.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import tmall_service as ts

D = Decimal
P = ts.Dimension
# The seed example: product 5, consultation 4, logistics 3, after-sales 4,
# dispute 1; weights 0.2, 0.1, 0.3, 0.2, 0.2.
SEED_SCORES = ts.DimensionScores(product=5, logistics=3, after_sales=4, dispute=1, consultation=4)
SEED_WEIGHTS = ts.WeightProfile(
    product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
)
# All the weight on product.
SOLO_WEIGHTS = ts.WeightProfile(product=1, logistics=0, after_sales=0, dispute=0, consultation=0)
# Half on product, half on logistics, nothing on the other three.
HALF_WEIGHTS = ts.WeightProfile(
    product="0.5", logistics="0.5", after_sales=0, dispute=0, consultation=0
)
JULY = ts.AssessmentPeriod.month(2024, 7)
APPAREL = "服饰"
BEAUTY = "美妆"
DIGITAL = "数码"  # a category the books here name as not assessed


def _rules(
    profile: ts.WeightProfile = SEED_WEIGHTS,
    *,
    exemptions: tuple[ts.Exemption, ...] = (),
    missing_data: ts.MissingDataPolicy = ts.MissingDataPolicy.RENORMALISE,
) -> ts.RuleBook:
    return ts.RuleBook(
        profiles={APPAREL: profile},
        excluded_categories={DIGITAL},
        exemptions=exemptions,
        missing_data=missing_data,
    )


def _exemption(
    start: date = date(2024, 7, 10),
    end: date = date(2024, 7, 20),
    *,
    reason: str = "特大灾害",
    categories: object = None,
    regions: object = None,
) -> ts.Exemption:
    return ts.Exemption(start=start, end=end, reason=reason, categories=categories, regions=regions)


def _leaves(value: object) -> list[object]:
    """Every scalar inside an unstructured value, keys included."""
    if isinstance(value, dict):
        out: list[object] = []
        for key, item in value.items():
            out.append(key)
            out.extend(_leaves(item))
        return out
    if isinstance(value, list | tuple):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value]


def _toml_ready(value: object) -> object:
    """*value* without the ``None``s TOML cannot hold, tuples as lists."""
    if isinstance(value, dict):
        return {k: _toml_ready(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_toml_ready(v) for v in value if v is not None]
    return value


def _assessment(product, period=JULY, category=APPAREL):
    # Consultation carries no weight; its data makes a product 0 a real score.
    return ts.assess(
        ts.DimensionScores(product=product, consultation=5),
        category=category,
        period=period,
        rules=_rules(SOLO_WEIGHTS),
    )


def _excluded(period=JULY):
    return _assessment(4, period, category=DIGITAL)


def _month(month, year=2024):
    return ts.AssessmentPeriod.month(year, month)


FAIL = "2"  # below the 3.5 threshold
OK = "4"


def _exemptions():
    return (
        _exemption(date(2024, 7, 15), date(2024, 7, 31), reason="洪水 in 河南"),
        _exemption(
            date(2024, 9, 1),
            date(2024, 9, 3),
            reason="台风",
            categories=[APPAREL, "美妆"],
            regions=["浙江", "上海"],
        ),
    )


def _book():
    return ts.RuleBook(
        profiles={APPAREL: SEED_WEIGHTS, "美妆": SOLO_WEIGHTS, "食品": HALF_WEIGHTS},
        exemptions=_exemptions(),
        missing_data=ts.MissingDataPolicy.ZERO,
    )
