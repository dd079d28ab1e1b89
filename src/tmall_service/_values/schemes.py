"""The scoring schemes the library models: Tmall's, and Taobao's sibling."""

from __future__ import annotations

import enum
from typing import TypeAlias

from .dimensions import Dimension, DimensionScores, WeightProfile
from .errors import InvalidScoreError, InvalidWeightsError, shown
from .taobao import TaobaoDimension, TaobaoScores, TaobaoWeights

__all__ = ["AnyDimension", "AnyScores", "AnyWeights", "Scheme", "check_fit", "members"]

AnyDimension: TypeAlias = Dimension | TaobaoDimension
"""A dimension of either scheme."""

AnyScores: TypeAlias = DimensionScores | TaobaoScores
"""Scores of either scheme."""
AnyWeights: TypeAlias = WeightProfile | TaobaoWeights
"""Weights of either scheme."""


class Scheme(enum.Enum):
    """A scoring scheme: its dimensions, and the value types of its scores.

    >>> import tmall_service as ts
    >>> ts.Scheme.TAOBAO.label_zh
    '淘宝服务保障评分'
    >>> ts.Scheme.TMALL.scores
    <class 'tmall_service._values.dimensions.DimensionScores'>
    """

    TMALL = "tmall"
    """Tmall's basic service score (天猫基础服务考核分), the New Lighthouse dimensions."""
    TAOBAO = "taobao"
    """Taobao's service guarantee score (淘宝服务保障评分)."""

    @property
    def label_zh(self) -> str:
        """The scheme's Chinese name."""
        return "天猫基础服务考核分" if self is Scheme.TMALL else "淘宝服务保障评分"

    @property
    def dimensions(self) -> type[Dimension | TaobaoDimension]:
        """The scheme's dimension enum."""
        return Dimension if self is Scheme.TMALL else TaobaoDimension

    @property
    def scores(self) -> type[DimensionScores | TaobaoScores]:
        """The value type of a shop's scores under this scheme."""
        return DimensionScores if self is Scheme.TMALL else TaobaoScores

    @property
    def weights(self) -> type[WeightProfile | TaobaoWeights]:
        """The value type of a category's weights under this scheme."""
        return WeightProfile if self is Scheme.TMALL else TaobaoWeights


def members(of: AnyScores | AnyWeights | Scheme) -> tuple[AnyDimension, ...]:
    """The dimensions of a scheme, or of the scheme of scores or weights, in order."""
    if isinstance(of, Scheme):
        return tuple(of.dimensions)
    return tuple(of.DIMENSIONS)


def check_fit(scores: object, weights: AnyWeights) -> None:
    """Refuse *scores* of another scheme than *weights*, and *weights* that are none."""
    if not isinstance(weights, WeightProfile | TaobaoWeights):
        msg = f"profile: {shown(weights)} is not a WeightProfile or TaobaoWeights"
        raise InvalidWeightsError(msg)
    if getattr(scores, "DIMENSIONS", None) is not weights.DIMENSIONS:
        msg = (
            f"scores: {shown(scores)} are not scores of the scheme of "
            f"{type(weights).__name__}; expected {_SCORES[type(weights)].__name__}"
        )
        raise InvalidScoreError(msg)


_SCORES: dict[type, type] = {WeightProfile: DimensionScores, TaobaoWeights: TaobaoScores}
