"""The shops and the rule book every benchmark draws from: one definition for all.

The rule book is an illustrative example built for the benchmarks, not
official figures: 24 categories with weight profiles, 4 the edition names as
not assessed, and two announced exemptions that are both in force in the
benchmark period (June 2024), one for the shops of a region (河南), one for a
category (生鲜). So every rule of an assessment has rows to decide: weighted
scores, missing scores renormalised, shops without data, excluded
categories, a regional and a category exemption, and categories the edition
does not know at all, which ``assess`` refuses and ``assess_frame(...,
errors="flag")`` flags.

The shops (:func:`shop_table`) are drawn from a fixed seed:

* category: about 93% spread over the 24 assessed categories, 6% over the
  excluded ones, 1% over names the edition does not know (a typo, a
  category it never lists);
* region: about 5% in 河南, 1% without a region, the rest over 20 other
  provinces, a few of them written by their full name (浙江省);
* five dimension scores on the 0.01 grid (most between 3.5 and 5), each
  missing (null) for about 2% of shops, and all five 0 (a period without
  data, as the dashboard shows it) for about 0.5%.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING

import tmall_service as ts

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

DIMENSIONS = ("product", "logistics", "after_sales", "dispute", "consultation")
PERIOD = ts.AssessmentPeriod.month(2024, 6)
PERIOD_TEXT = "2024-06"  # the same period, as the command line takes it

ASSESSED = (
    "服饰", "美妆", "食品", "家电", "数码", "母婴", "家居", "运动户外",
    "箱包", "鞋靴", "珠宝配饰", "个护清洁", "医药保健", "宠物", "玩具", "乐器",
    "家装建材", "厨具", "酒类", "茶饮", "生鲜", "汽车用品", "办公设备", "园艺",
)  # fmt: skip
EXCLUDED = ("图书", "汽车", "文具", "本地生活")
UNKNOWN = ("服装", "二手闲置", "数码配件")  # not known to the edition: flagged
EXCLUDED_SHARE = 0.06
UNKNOWN_SHARE = 0.01

HENAN = "河南"
HENAN_SHARE = 0.05
NO_REGION_SHARE = 0.01
OTHER_REGIONS = (
    "浙江", "江苏", "广东", "上海", "北京", "四川", "山东", "福建", "湖北", "河北",
    "湖南", "安徽", "辽宁", "陕西", "重庆", "天津", "江西", "广西", "云南", "海南",
    "浙江省", "广东省", "广西壮族自治区",  # full names, as some shop files write them
)  # fmt: skip
NULL_SHARE = 0.02
NO_DATA_SHARE = 0.005


def _profile(index: int) -> ts.WeightProfile:
    """A varied weight profile on the 0.05 grid that sums to exactly 1."""
    product = 15 + 5 * (index % 5)  # hundredths: 0.15 to 0.35
    logistics = 15 + 5 * (index * 3 % 4)  # 0.15 to 0.30
    consultation = 5 + 5 * (index % 2)  # 0.05 or 0.10
    rest = 100 - product - logistics - consultation
    after_sales = 5 * (rest // 10)
    hundredths = (product, logistics, after_sales, rest - after_sales, consultation)
    return ts.WeightProfile(
        **{name: Decimal(value) / 100 for name, value in zip(DIMENSIONS, hundredths, strict=True)}
    )


def _rulebook() -> ts.RuleBook:
    """The benchmark edition: the example's thresholds, more categories, both exemptions live."""
    example = ts.example_rulebook()
    return ts.RuleBook(
        profiles={name: _profile(index) for index, name in enumerate(ASSESSED)},
        excluded_categories=EXCLUDED,
        exemptions=(
            ts.Exemption(
                start=dt.date(2024, 6, 10),
                end=dt.date(2024, 6, 20),
                reason="Illustrative: floods in 河南 (特大灾害)",
                regions=[HENAN],
            ),
            ts.Exemption(
                start=dt.date(2024, 5, 25),
                end=dt.date(2024, 6, 5),
                reason="Illustrative: cold-chain disruption for fresh food (特殊事件)",
                categories=["生鲜"],
            ),
        ),
        thresholds=example.thresholds,
        clearance_after=example.clearance_after,
        name="Benchmark edition (illustrative example, not official figures)",
        effective_from=dt.date(2024, 1, 1),
        effective_to=dt.date(2024, 12, 31),
    )


RULES = _rulebook()
KNOWN = (*ASSESSED, EXCLUDED[0], EXCLUDED[1])  # for the scalar benchmark: no refusals
WEIGHTS = {
    name: tuple(float(getattr(profile, dimension)) for dimension in DIMENSIONS)
    for name, profile in RULES.profiles.items()
}
"""Each assessed category's five weights as floats, in the order of DIMENSIONS."""


def rulebook_json() -> str:
    """The benchmark edition as a rule book file's text, for the command line."""
    import json  # noqa: PLC0415 - only the command-line benchmark writes the file

    return json.dumps(ts.converter.unstructure(RULES), ensure_ascii=False, indent=1)


def all_categories() -> tuple[str, ...]:
    """Every category drawn, assessed first, then excluded, then unknown: codes index this."""
    return (*ASSESSED, *EXCLUDED, *UNKNOWN)


def shop_table(rows: int, seed: int = 20240601, *, shop_ids: bool = False) -> pa.Table:
    """*rows* shops drawn from *seed*, as an Arrow table with float64 scores (null = missing).

    The columns are ``category``, ``region`` and the five dimensions (and
    ``shop`` first, with *shop_ids*). The table's metadata is empty; the
    category codes (indices into :func:`all_categories`) are returned by
    :func:`category_codes` for the same rows and seed.
    """
    import numpy as np  # noqa: PLC0415 - the scalar benchmark never builds a table
    import pyarrow as pa  # noqa: PLC0415 - imported only by the benchmarks that need Arrow
    import pyarrow.compute as pc  # noqa: PLC0415 - imported only by the benchmarks that need Arrow

    rng = np.random.default_rng(seed)
    codes = category_codes(rows, seed)
    region_codes = rng.integers(1, len(OTHER_REGIONS) + 1, rows)
    draw = rng.random(rows)
    region_codes[draw < HENAN_SHARE] = 0
    regions = pa.array((HENAN, *OTHER_REGIONS)).take(pa.array(region_codes))
    no_region = (draw >= HENAN_SHARE) & (draw < HENAN_SHARE + NO_REGION_SHARE)
    regions = pc.if_else(pa.array(no_region), pa.nulls(rows, pa.string()), regions)
    columns: dict[str, pa.Array] = {}
    if shop_ids:
        numbers = pc.cast(pa.array(np.arange(1, rows + 1)), pa.string())
        columns["shop"] = pc.binary_join_element_wise("S", numbers, "")
    columns["category"] = pa.array(all_categories()).take(pa.array(codes))
    columns["region"] = regions
    no_data = rng.random(rows) < NO_DATA_SHARE
    for name in DIMENSIONS:
        # Dashboard scores: two decimal places, most shops between 3.5 and 5.
        hundredths = np.clip(np.rint(rng.normal(440, 45, rows)), 0, 500)
        hundredths[no_data] = 0
        columns[name] = pa.array(hundredths / 100, mask=rng.random(rows) < NULL_SHARE)
    return pa.table(columns)


def category_codes(rows: int, seed: int = 20240601) -> np.ndarray:
    """The category of each of *rows* shops, as indices into :func:`all_categories`."""
    import numpy as np  # noqa: PLC0415 - imported only by the benchmarks that need Arrow

    rng = np.random.default_rng([seed, 1])
    draw = rng.random(rows)
    codes = rng.integers(0, len(ASSESSED), rows)
    excluded = draw < EXCLUDED_SHARE
    unknown = (draw >= EXCLUDED_SHARE) & (draw < EXCLUDED_SHARE + UNKNOWN_SHARE)
    codes[excluded] = len(ASSESSED) + rng.integers(0, len(EXCLUDED), int(excluded.sum()))
    codes[unknown] = (
        len(ASSESSED) + len(EXCLUDED) + rng.integers(0, len(UNKNOWN), int(unknown.sum()))
    )
    return codes
