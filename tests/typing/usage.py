"""A typed use of the whole public API, checked by mypy --strict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction

import tmall_service as ts

scores: ts.DimensionScores = ts.DimensionScores(
    product=5, logistics="3", after_sales=Decimal(4), dispute=1.0, consultation=None
)
profile: ts.WeightProfile = ts.WeightProfile(
    product="0.2", logistics="0.3", after_sales="0.2", dispute="0.2", consultation="0.1"
)
product: Decimal | None = scores[ts.Dimension.PRODUCT]
weight: Decimal = profile[ts.Dimension.LOGISTICS]
label: str = ts.Dimension.DISPUTE.label_zh
composite: Decimal = ts.composite_score(
    scores, profile, missing_data=ts.MissingDataPolicy.RENORMALISE
)
not_assessed: Decimal = ts.NOT_ASSESSED_SCORE

july: ts.AssessmentPeriod = ts.AssessmentPeriod.month(2024, 7)
span: ts.AssessmentPeriod = ts.AssessmentPeriod(dt.date(2024, 7, 1), dt.date(2024, 9, 30))
inside: bool = dt.date(2024, 7, 4) in july
flood = ts.Exemption(
    start=dt.date(2024, 7, 15),
    end=dt.date(2024, 7, 31),
    reason="flood",
    regions=["河南"],
)
rules: ts.RuleBook = ts.RuleBook(
    profiles={"服饰": profile},
    exemptions=[flood],
    missing_data=ts.MissingDataPolicy.ZERO,
    thresholds={ts.Purpose.MARKETING_ACCESS: "4.0"},
    name="mine",
)
first: ts.Exemption = rules.exemptions[0]
policy: ts.MissingDataPolicy = rules.missing_data
threshold: Decimal | None = rules.threshold(ts.Purpose.MARKETING_ACCESS)

result: ts.Assessment = ts.assess(scores, category="服饰", period=july, rules=rules, region="河南")
status: ts.Status = result.status
score: Decimal = result.score
exemption: ts.Exemption | None = result.exemption
stars: Decimal | None = ts.star_rating(Decimal("4.2"))
passed: bool = ts.passes(result, "3.5")
run: int = ts.consecutive_failures([result], Decimal("3.5"))

data: object = ts.converter.unstructure(rules)
again: ts.RuleBook = ts.converter.structure(data, ts.RuleBook)
example: ts.RuleBook = ts.example_rulebook()
loaded: ts.RuleBook = ts.load_rulebook("edition.toml")
version: str = ts.__version__

try:
    ts.DimensionScores(product="7")
except ts.InvalidScoreError as error:
    base: ts.TmallServiceError = error

# The rest of the surface: periods and their kinds, editions, standing, stars,
# Taobao's scheme, frames, the schema and every error class.
quarter: ts.AssessmentPeriod = ts.AssessmentPeriod.quarter(2024, 3)
half: ts.AssessmentPeriod = ts.AssessmentPeriod.half_year(2024, 2)
whole_year: ts.AssessmentPeriod = ts.AssessmentPeriod.year(2024)
last_30: ts.AssessmentPeriod = ts.AssessmentPeriod.rolling(dt.date(2024, 7, 31), 30)
days: int = july.days
overlapping: bool = july.overlaps(quarter)
kind: ts.PeriodKind = ts.PeriodKind.ROLLING_90_DAYS
window: ts.AssessmentPeriod = kind.containing(dt.date(2024, 8, 15))
rolling_days: int = kind.rolling_days
months: list[ts.AssessmentPeriod] = list(
    ts.periods(ts.PeriodKind.MONTH, dt.date(2024, 1, 1), dt.date(2024, 6, 30))
)
missing: list[ts.AssessmentPeriod] = ts.gaps(months)

covered: bool = flood.covers(category="服饰", region="河南", period=july)
during: bool = flood.during(july)
flood_days: ts.AssessmentPeriod = flood.period
categories: frozenset[str] | None = flood.categories

profile_of: ts.WeightProfile | ts.TaobaoWeights | None = rules.profile("服饰")
in_force: bool = rules.in_force(dt.date(2024, 7, 1))
period_for: ts.AssessmentPeriod = rules.period_for(dt.date(2024, 7, 9))
rule_stars: Decimal | None = rules.stars("4.2")
level: Decimal | None = rules.level_of(Decimal("4.2"))
covering: ts.Exemption | None = rules.exemption_for(category="服饰", region=None, period=july)
purpose_label: str = ts.Purpose.MERCHANT_ASSESSMENT.label_zh
bands: tuple[Decimal, ...] = ts.STAR_LEVELS
banded: Decimal | None = ts.star_rating(4, bands=["3", "4"])

optional: ts.Assessment = ts.assess(
    scores,
    category="服饰",
    period=july,
    rules=example,
    orders=50,
    opened=dt.date(2023, 1, 1),
    bonuses=["special_service"],
)
assessed: bool = optional.assessed
bonus: Decimal = optional.bonus
earned: frozenset[str] = optional.bonuses
region: str | None = optional.region
made: ts.Assessment = ts.Assessment(
    scores=scores, category="服饰", period=july, status=ts.Status.NO_DATA, score=99
)

editions: ts.Editions = ts.Editions([example])
on_day: ts.RuleBook = editions.on(dt.date(2024, 7, 1))
for_period: ts.RuleBook = editions.for_period(july)
count: int = len(editions)
books: list[ts.RuleBook] = list(editions)
from_folder: ts.Editions = ts.load_editions("rules/")

verdicts: dict[ts.Purpose, bool] = ts.standards(result, example)
standing: ts.Standing = ts.standing([result], editions)
merchant: ts.PurposeStanding = standing[ts.Purpose.MERCHANT_ASSESSMENT]
verdict: ts.Verdict = merchant.verdict
failures: int = merchant.failures
limit: int | None = merchant.limit
failing: tuple[ts.AssessmentPeriod, ...] = merchant.periods
latest: ts.AssessmentPeriod | None = standing.latest
standing_gaps: tuple[ts.AssessmentPeriod, ...] = standing.gaps

taobao_rules: ts.RuleBook = ts.example_rulebook(ts.Scheme.TAOBAO)
taobao_scores = ts.TaobaoScores(description="4.8", logistics=4, customer_service=None)
taobao_weights = ts.TaobaoWeights(
    description="0.3",
    logistics="0.2",
    customer_service="0.2",
    transaction_security="0.1",
    after_sales="0.2",
)
taobao_score: Decimal = ts.composite_score(
    taobao_scores, taobao_weights, missing_data=ts.MissingDataPolicy.ZERO
)
description: Decimal | None = taobao_scores[ts.TaobaoDimension.DESCRIPTION]
taobao_label: str = ts.TaobaoDimension.CUSTOMER_SERVICE.label_zh
scheme: ts.Scheme = taobao_rules.scheme
scheme_label: str = scheme.label_zh
scheme_weights: type[ts.WeightProfile | ts.TaobaoWeights] = scheme.weights

frame: object = ts.assess_frame(object(), rules=example, period=july, errors="flag")
schema: dict[str, object] = ts.rulebook_json_schema()

errors: tuple[type[ts.TmallServiceError], ...] = (
    ts.InvalidScoreError,
    ts.InvalidWeightsError,
    ts.InvalidPeriodError,
    ts.MissingDataError,
    ts.RuleBookError,
    ts.UnknownDimensionError,
)
lookup: type[LookupError] = ts.UnknownDimensionError

# Explaining and improving a score.
seed_result: ts.Assessment = ts.assess(scores, category="服饰", period=july, rules=example)
parts: ts.Breakdown = ts.breakdown(scores, profile, missing_data=ts.MissingDataPolicy.ZERO)
part: ts.Contribution = parts[ts.Dimension.LOGISTICS]
points: Decimal = part.points
exact_composite: Fraction = parts.exact
account: str = ts.explain(seed_result, rules=example, lang="zh")
report: ts.Gap = ts.gap(seed_result, ts.Purpose.MERCHANT_ASSESSMENT, rules=example,
                        costs={"logistics": 2, ts.Dimension.PRODUCT: "0.5"})  # fmt: skip
needed: Decimal | None = report[ts.Dimension.LOGISTICS].needed
reachable: bool = report["dispute"].reachable
plan: ts.Plan = report.plan
raised: Mapping[ts.Dimension | ts.TaobaoDimension, Decimal] = plan.changes
change: ts.WhatIf = ts.what_if(
    seed_result,
    rules=example,
    scores={"logistics": 4, ts.Dimension.DISPUTE: None},
    indicators=ts.IndicatorValues(pickup_24h=96),
)
difference: Decimal | None = change.difference
advice: tuple[ts.Advice, ...] = ts.advise(seed_result, rules=example, lang="en", limit=3)
table = ts.AssessmentTable([seed_result])
first_row: ts.Assessment = table[0]
html: str = first_row._repr_html_()

# Indicators and their scales.
indicator: ts.Indicator = ts.Indicator.PICKUP_24H
direction: ts.Direction = indicator.direction
readings = ts.IndicatorValues(dsr="4.8", response_time=20)
reading: Decimal | None = readings[ts.Indicator.DSR]
pickup = ts.IndicatorScale(
    kind=ts.ScaleKind.BANDED,
    points=[ts.ScalePoint(value=80, score=3), ts.ScalePoint(value="95", score="5")],
)
pickup_score: Decimal = pickup.score(92, ts.Indicator.PICKUP_24H)
scales = ts.IndicatorScales(default={ts.Indicator.PICKUP_24H: pickup})
from_readings: ts.DimensionScores = example.dimension_scores(readings, category="服饰")
