"""Tmall's basic service score (天猫基础服务考核分) and New Lighthouse (新灯塔) rules.

The whole public API is imported here; everything else is private.

>>> import tmall_service as ts
>>> scores = ts.DimensionScores(product=5, consultation=4, logistics=3,
...                             after_sales=4, dispute=1)
>>> profile = ts.WeightProfile(product="0.2", consultation="0.1", logistics="0.3",
...                            after_sales="0.2", dispute="0.2")
>>> ts.composite_score(scores, profile)
Decimal('3.30')
"""

from ._advice import Advice, advise
from ._assessment import Assessment, Status, assess, consecutive_failures, passes
from ._breakdown import Breakdown, Contribution, breakdown
from ._converter import converter
from ._dimensions import Dimension, DimensionScores, WeightProfile
from ._editions import Editions
from ._errors import (
    InvalidPeriodError,
    InvalidScoreError,
    InvalidWeightsError,
    MissingDataError,
    RuleBookError,
    TmallServiceError,
    UnknownCategoryError,
    UnknownDimensionError,
    UnknownRegionError,
)
from ._exemptions import Exemption
from ._explain import explain
from ._frames import assess_frame
from ._gap import DimensionGap, Gap, Plan, gap
from ._indicators import (
    Direction,
    Indicator,
    IndicatorScale,
    IndicatorScales,
    IndicatorValues,
    ScaleKind,
    ScalePoint,
)
from ._loading import example_rulebook, load_editions, load_rulebook, rulebook_json_schema
from ._periods import AssessmentPeriod, PeriodKind, gaps, periods
from ._plots import plot_radar, plot_trend
from ._rules import MissingDataPolicy, Purpose, RuleBook
from ._schemes import Scheme
from ._scoring import NOT_ASSESSED_SCORE, composite_score
from ._standing import PurposeStanding, Standing, Verdict, standards, standing
from ._stars import STAR_LEVELS, star_rating
from ._table import AssessmentTable
from ._taobao import TaobaoDimension, TaobaoScores, TaobaoWeights
from ._whatif import WhatIf, what_if

# Errors show as ``tmall_service.InvalidScoreError``, where users import them.
for _error in (
    TmallServiceError,
    InvalidScoreError,
    InvalidWeightsError,
    InvalidPeriodError,
    MissingDataError,
    RuleBookError,
    UnknownCategoryError,
    UnknownDimensionError,
    UnknownRegionError,
):
    _error.__module__ = __name__
del _error

__all__ = [
    "NOT_ASSESSED_SCORE",
    "STAR_LEVELS",
    "Advice",
    "Assessment",
    "AssessmentPeriod",
    "AssessmentTable",
    "Breakdown",
    "Contribution",
    "Dimension",
    "DimensionGap",
    "DimensionScores",
    "Direction",
    "Editions",
    "Exemption",
    "Gap",
    "Indicator",
    "IndicatorScale",
    "IndicatorScales",
    "IndicatorValues",
    "InvalidPeriodError",
    "InvalidScoreError",
    "InvalidWeightsError",
    "MissingDataError",
    "MissingDataPolicy",
    "PeriodKind",
    "Plan",
    "Purpose",
    "PurposeStanding",
    "RuleBook",
    "RuleBookError",
    "ScaleKind",
    "ScalePoint",
    "Scheme",
    "Standing",
    "Status",
    "TaobaoDimension",
    "TaobaoScores",
    "TaobaoWeights",
    "TmallServiceError",
    "UnknownCategoryError",
    "UnknownDimensionError",
    "UnknownRegionError",
    "Verdict",
    "WeightProfile",
    "WhatIf",
    "__version__",
    "advise",
    "assess",
    "assess_frame",
    "breakdown",
    "composite_score",
    "consecutive_failures",
    "converter",
    "example_rulebook",
    "explain",
    "gap",
    "gaps",
    "load_editions",
    "load_rulebook",
    "passes",
    "periods",
    "plot_radar",
    "plot_trend",
    "rulebook_json_schema",
    "standards",
    "standing",
    "star_rating",
    "what_if",
]


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed metadata on first use.

    Reading package metadata costs more than the rest of the import, so it
    waits until someone asks (as attrs does).

    >>> import tmall_service as ts
    >>> ts.__version__ == __import__("importlib.metadata").metadata.version("tmall_service")
    True
    """
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - only when asked

        return version("tmall_service")
    msg = f"module 'tmall_service' has no attribute {name!r}"
    raise AttributeError(msg)
