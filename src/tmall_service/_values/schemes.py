"""The scoring schemes the library models: Tmall's, Taobao's, and any other declared."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, TypeAlias

from .declaring import (
    SchemeDefinition,
    SchemeDimension,
    SchemeScores,
    SchemeWeights,
    declared,
    definition_named,
)
from .dimensions import TMALL, Dimension, DimensionScores, WeightProfile
from .errors import InvalidScoreError, InvalidWeightsError, RuleBookError, shown
from .taobao import TAOBAO, TaobaoDimension, TaobaoScores, TaobaoWeights

__all__ = [
    "AnyDimension",
    "AnyScheme",
    "AnyScores",
    "AnyWeights",
    "Scheme",
    "check_fit",
    "dimensions_of",
    "scheme_of",
]

if TYPE_CHECKING:  # the public annotations name the built-in schemes' types
    AnyDimension: TypeAlias = Dimension | TaobaoDimension
    AnyScores: TypeAlias = DimensionScores | TaobaoScores
    AnyWeights: TypeAlias = WeightProfile | TaobaoWeights
else:  # at run time, the values of every declared scheme
    AnyDimension = SchemeDimension
    AnyScores = SchemeScores
    AnyWeights = SchemeWeights


class Scheme(enum.Enum):
    """A scoring scheme: its dimensions, and the value types of its scores.

    The members are the schemes the library declares; each answers from its
    declaration.

    >>> import tmall_service as ts
    >>> ts.Scheme.TAOBAO.label_zh
    '淘宝服务保障评分'
    >>> ts.Scheme.TMALL.scores
    <class 'tmall_service._values.dimensions.DimensionScores'>
    """

    TMALL = TMALL.value
    """Tmall's basic service score (天猫基础服务考核分), the New Lighthouse dimensions."""
    TAOBAO = TAOBAO.value
    """Taobao's service guarantee score (淘宝服务保障评分)."""

    @property
    def label_zh(self) -> str:
        """The scheme's Chinese name."""
        return definition_named(self.value).label_zh

    @property
    def dimensions(self) -> type[Dimension | TaobaoDimension]:
        """The scheme's dimension enum."""
        return definition_named(self.value).dimensions  # type: ignore[return-value]

    @property
    def scores(self) -> type[DimensionScores | TaobaoScores]:
        """The value type of a shop's scores under this scheme."""
        return definition_named(self.value).scores  # type: ignore[return-value]

    @property
    def weights(self) -> type[WeightProfile | TaobaoWeights]:
        """The value type of a category's weights under this scheme."""
        return definition_named(self.value).weights  # type: ignore[return-value]


if TYPE_CHECKING:  # the public annotations name the built-in schemes
    AnyScheme: TypeAlias = Scheme
else:  # at run time, a scheme declared beside them too: it answers the same questions
    AnyScheme = Scheme | SchemeDefinition


def scheme_of(value: object) -> AnyScheme:
    """*value* as a scheme: a :class:`Scheme`, a declared scheme, or a scheme's name.

    A built-in scheme is always its :class:`Scheme` member, however it is named.
    """
    if isinstance(value, Scheme):
        return value
    if isinstance(value, SchemeDefinition):
        if definition_named(value.value) is not value:
            msg = f"scheme: {value.value!r} is not the scheme declared by that name"
            raise RuleBookError(msg)
        name = value.value
    elif isinstance(value, str):
        name = definition_named(value).value
    else:
        known = ", ".join(d.value for d in declared())
        msg = f"scheme: {shown(value)} is not a scheme; expected one of {known}"
        raise RuleBookError(msg)
    try:
        return Scheme(name)
    except ValueError:
        return definition_named(name)  # type: ignore[return-value]  # see AnyScheme


def dimensions_of(
    of: AnyScores | AnyWeights | AnyScheme,
) -> tuple[AnyDimension, ...]:
    """The dimensions of a scheme, or of the scheme of scores or weights, in order."""
    if isinstance(of, Scheme | SchemeDefinition):
        return tuple(of.dimensions)
    return tuple(of.DIMENSIONS)


def check_fit(scores: object, weights: AnyWeights) -> None:
    """Refuse *scores* of another scheme than *weights*, and *weights* that are none."""
    if not isinstance(weights, SchemeWeights):
        msg = f"profile: {shown(weights)} is not a WeightProfile or TaobaoWeights"
        raise InvalidWeightsError(msg)
    if getattr(scores, "DIMENSIONS", None) is not weights.DIMENSIONS:
        declared_scores = (d.scores for d in declared() if d.dimensions is weights.DIMENSIONS)
        expected = next(declared_scores, None)  # weights of a scheme never declared have none
        kind = expected.__name__ if expected else f"scores of {weights.DIMENSIONS.__name__}"
        msg = (
            f"scores: {shown(scores)} are not scores of the scheme of "
            f"{type(weights).__name__}; expected {kind}"
        )
        raise InvalidScoreError(msg)
