"""The realistic shops both benchmarks draw from: one definition for both."""

import tmall_service as ts

DIMENSIONS = ("product", "logistics", "after_sales", "dispute", "consultation")
RULES = ts.example_rulebook()
PERIOD = ts.AssessmentPeriod.month(2024, 6)
NOT_ASSESSED = "汽车"  # a category without a weight profile: shown 99
CATEGORIES = (*RULES.profiles, NOT_ASSESSED)
HENAN = "河南"
HENAN_SHARE = 0.05
OTHER_REGIONS = (
    "浙江", "江苏", "广东", "上海", "北京", "四川", "山东", "福建", "湖北", "河北",
    "湖南", "安徽", "辽宁", "陕西", "重庆", "天津", "江西", "广西", "云南", "海南",
)  # fmt: skip
NULL_SHARE = 0.02
