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
from ._assessment import Assessment, Status, assess, consecutive_failures, passes
from ._dimensions import Dimension, DimensionScores, WeightProfile
from ._display import display_options
from ._errors import (
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
from ._exemptions import Exemption
from ._indicators import (  # loaded with RuleBook, whose annotations name them
    Direction,
    Indicator,
    IndicatorScale,
    IndicatorScales,
    IndicatorValues,
    ScaleKind,
    ScalePoint,
)
from ._periods import AssessmentPeriod, PeriodKind, gaps, periods
from ._rules import MissingDataPolicy, Purpose, RuleBook
from ._schemes import Scheme
from ._scoring import NOT_ASSESSED_SCORE, composite_score
from ._stars import STAR_LEVELS, star_rating
from ._taobao import TaobaoDimension, TaobaoScores, TaobaoWeights

if TYPE_CHECKING:  # what a type checker and an editor see; at run time, _LAZY
    from ._advice import Advice, advise
    from ._breakdown import Breakdown, Contribution, breakdown
    from ._converter import converter
    from ._editions import Editions
    from ._explain import explain
    from ._frames import assess_frame
    from ._gap import DimensionGap, Gap, Plan, gap
    from ._history import assess_history, standing_frame
    from ._loading import (
        example_rulebook,
        load_editions,
        load_rulebook,
        loads_rulebook,
        rulebook_from_dict,
        rulebook_json_schema,
    )
    from ._plots import plot_radar, plot_trend
    from ._standing import PurposeStanding, Standing, Verdict, standards, standing
    from ._table import AssessmentTable
    from ._whatif import WhatIf, what_if

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
    "Advice": "_advice",
    "advise": "_advice",
    "AssessmentTable": "_table",
    "Breakdown": "_breakdown",
    "Contribution": "_breakdown",
    "breakdown": "_breakdown",
    "converter": "_converter",
    "Editions": "_editions",
    "explain": "_explain",
    "assess_frame": "_frames",
    "DimensionGap": "_gap",
    "Gap": "_gap",
    "Plan": "_gap",
    "gap": "_gap",
    "assess_history": "_history",
    "standing_frame": "_history",
    "example_rulebook": "_loading",
    "load_editions": "_loading",
    "load_rulebook": "_loading",
    "loads_rulebook": "_loading",
    "rulebook_from_dict": "_loading",
    "rulebook_json_schema": "_loading",
    "plot_radar": "_plots",
    "plot_trend": "_plots",
    "PurposeStanding": "_standing",
    "Standing": "_standing",
    "Verdict": "_standing",
    "standards": "_standing",
    "standing": "_standing",
    "WhatIf": "_whatif",
    "what_if": "_whatif",
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
    'tmall_service._explain'
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
        case "_advice":
            from . import _advice  # noqa: PLC0415

            return _advice
        case "_breakdown":
            from . import _breakdown  # noqa: PLC0415

            return _breakdown
        case "_converter":
            from . import _converter  # noqa: PLC0415

            return _converter
        case "_editions":
            from . import _editions  # noqa: PLC0415

            return _editions
        case "_explain":
            from . import _explain  # noqa: PLC0415

            return _explain
        case "_frames":
            from . import _frames  # noqa: PLC0415

            return _frames
        case "_gap":
            from . import _gap  # noqa: PLC0415

            return _gap
        case "_history":
            from . import _history  # noqa: PLC0415

            return _history
        case "_loading":
            from . import _loading  # noqa: PLC0415

            return _loading
        case "_plots":
            from . import _plots  # noqa: PLC0415

            return _plots
        case "_standing":
            from . import _standing  # noqa: PLC0415

            return _standing
        case "_table":
            from . import _table  # noqa: PLC0415

            return _table
        case "_whatif":
            from . import _whatif  # noqa: PLC0415

            return _whatif
    msg = f"{module!r} is not a part of tmall_service"
    raise ValueError(msg)


def __dir__() -> list[str]:
    """The module's names, those loaded on first use included."""
    return sorted({*globals(), *__all__})
