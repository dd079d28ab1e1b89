"""A typed use of the whole public API, checked by mypy --strict."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

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
