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

from types import ModuleType
from typing import TYPE_CHECKING

# The core values, loaded with the package: scores, weights, periods, rule
# books and assessing. Everything else is loaded on first use (see _LAZY).
from ._rules.assessment import Assessment, Status, assess, consecutive_failures, passes
from ._rules.book import MissingDataPolicy, Purpose, RuleBook
from ._rules.scoring import NOT_ASSESSED_SCORE, composite_score
from ._values.dimensions import Dimension, DimensionScores, WeightProfile
from ._values.errors import (
    InvalidOptionError,
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
from ._values.exemptions import Exemption
from ._values.indicators import (  # loaded with RuleBook, whose annotations name them
    Direction,
    Indicator,
    IndicatorScale,
    IndicatorScales,
    IndicatorValues,
    ScaleKind,
    ScalePoint,
)
from ._values.periods import AssessmentPeriod, PeriodKind, gaps, periods
from ._values.schemes import Scheme
from ._values.stars import STAR_LEVELS, star_rating
from ._values.taobao import TaobaoDimension, TaobaoScores, TaobaoWeights
from ._values.text import display_options

if TYPE_CHECKING:  # what a type checker and an editor see; at run time, _LAZY
    from ._display.plots import plot_radar, plot_trend
    from ._display.table import AssessmentTable
    from ._explain.account import explain
    from ._explain.advice import Advice, advise
    from ._files.converter import converter
    from ._files.loading import (
        example_rulebook,
        load_editions,
        load_rulebook,
        loads_rulebook,
        rulebook_from_dict,
        rulebook_json_schema,
    )
    from ._frames.assessing import assess_frame
    from ._frames.history import assess_history, standing_frame
    from ._rules.breakdown import Breakdown, Contribution, breakdown
    from ._rules.editions import Editions
    from ._rules.gap import DimensionGap, Gap, Plan, gap
    from ._rules.standing import PurposeStanding, Standing, Verdict, standards, standing
    from ._rules.whatif import WhatIf, what_if

    __version__: str

# Errors show as ``tmall_service.InvalidScoreError``, where users import them.
for _error in (
    TmallServiceError,
    InvalidScoreError,
    InvalidWeightsError,
    InvalidOptionError,
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
    "InvalidOptionError",
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
    "assess_history",
    "breakdown",
    "composite_score",
    "consecutive_failures",
    "converter",
    "display_options",
    "example_rulebook",
    "explain",
    "gap",
    "gaps",
    "load_editions",
    "load_rulebook",
    "loads_rulebook",
    "passes",
    "periods",
    "plot_radar",
    "plot_trend",
    "rulebook_from_dict",
    "rulebook_json_schema",
    "standards",
    "standing",
    "standing_frame",
    "star_rating",
    "what_if",
]


_LAZY: dict[str, str] = {
    "Advice": "_explain.advice",
    "advise": "_explain.advice",
    "AssessmentTable": "_display.table",
    "Breakdown": "_rules.breakdown",
    "Contribution": "_rules.breakdown",
    "breakdown": "_rules.breakdown",
    "converter": "_files.converter",
    "Editions": "_rules.editions",
    "explain": "_explain.account",
    "assess_frame": "_frames.assessing",
    "DimensionGap": "_rules.gap",
    "Gap": "_rules.gap",
    "Plan": "_rules.gap",
    "gap": "_rules.gap",
    "assess_history": "_frames.history",
    "standing_frame": "_frames.history",
    "example_rulebook": "_files.loading",
    "load_editions": "_files.loading",
    "load_rulebook": "_files.loading",
    "loads_rulebook": "_files.loading",
    "rulebook_from_dict": "_files.loading",
    "rulebook_json_schema": "_files.loading",
    "plot_radar": "_display.plots",
    "plot_trend": "_display.plots",
    "PurposeStanding": "_rules.standing",
    "Standing": "_rules.standing",
    "Verdict": "_rules.standing",
    "standards": "_rules.standing",
    "standing": "_rules.standing",
    "WhatIf": "_rules.whatif",
    "what_if": "_rules.whatif",
}
"""The public names loaded on first use, and the private module of each."""


def __getattr__(name: str) -> object:
    """A public name of a part loaded on first use, and ``__version__``.

    Explaining, improving, standings, charts, frames, files and the
    converter each load their module (and what it imports) when first
    asked for, so that ``import tmall_service`` stays light (PEP 562).
    ``__version__`` is read from the installed metadata on first use too:
    reading package metadata costs more than the rest of the import (as
    attrs does).

    >>> import tmall_service as ts
    >>> ts.__version__ == __import__("importlib.metadata").metadata.version("tmall_service")
    True
    >>> ts.explain.__module__
    'tmall_service._explain.account'
    """
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(_part(module), name)
        globals()[name] = value  # asked once: the next time is a plain look-up
        return value
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - only when asked

        return version("tmall_service")
    msg = f"module 'tmall_service' has no attribute {name!r}"
    raise AttributeError(msg)


def _part(module: str) -> ModuleType:  # noqa: C901, PLR0911, PLR0912 - one import statement per part
    """The private module *module* of :data:`_LAZY`, imported.

    Each by a statement of its own: no module is imported by a name made
    at run time.
    """
    # Imports here are the point: each part is loaded only when first asked for.
    match module:
        case "_explain.advice":
            from ._explain import advice  # noqa: PLC0415 - loaded on first use

            return advice
        case "_rules.breakdown":
            from ._rules import breakdown  # noqa: PLC0415 - loaded on first use

            return breakdown
        case "_files.converter":
            from ._files import converter  # noqa: PLC0415 - loaded on first use

            return converter
        case "_rules.editions":
            from ._rules import editions  # noqa: PLC0415 - loaded on first use

            return editions
        case "_explain.account":
            from ._explain import account  # noqa: PLC0415 - loaded on first use

            return account
        case "_frames.assessing":
            from ._frames import assessing  # noqa: PLC0415 - loaded on first use

            return assessing
        case "_rules.gap":
            from ._rules import gap  # noqa: PLC0415 - loaded on first use

            return gap
        case "_frames.history":
            from ._frames import history  # noqa: PLC0415 - loaded on first use

            return history
        case "_files.loading":
            from ._files import loading  # noqa: PLC0415 - loaded on first use

            return loading
        case "_display.plots":
            from ._display import plots  # noqa: PLC0415 - loaded on first use

            return plots
        case "_rules.standing":
            from ._rules import standing  # noqa: PLC0415 - loaded on first use

            return standing
        case "_display.table":
            from ._display import table  # noqa: PLC0415 - loaded on first use

            return table
        case "_rules.whatif":
            from ._rules import whatif  # noqa: PLC0415 - loaded on first use

            return whatif
    msg = f"{module!r} is not a part of tmall_service"
    raise ValueError(msg)


def __dir__() -> list[str]:
    """The module's names, those loaded on first use included."""
    return sorted({*globals(), *__all__})
