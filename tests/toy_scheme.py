"""A third scoring scheme, made up for the tests: three areas, declared and nothing else.

It is declared here and only here. Everything the library does with a
scheme — assessing, frames, the converter, rule-book files, explanations,
charts — must take it from this declaration, so that the tests that use it
show a new scheme needs no edit anywhere else. Its name, labels and weights
are invented (虚构), not any marketplace's rules.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from tmall_service._values.declaring import SchemeDimension, SchemeScores, SchemeWeights, declare


class ToyArea(SchemeDimension):
    """The made-up scheme's three areas, in order."""

    SPEED = "speed", "发货速度"
    CARE = "care", "售后关怀"
    ACCURACY = "accuracy", "描述准确"


@attrs.frozen(init=False)
class ToyScores(SchemeScores, dimensions=ToyArea):
    """A shop's scores in the three areas."""

    speed: Decimal | None
    care: Decimal | None
    accuracy: Decimal | None


@attrs.frozen(init=False)
class ToyWeights(SchemeWeights, dimensions=ToyArea):
    """A category's weights of the three areas."""

    speed: Decimal
    care: Decimal
    accuracy: Decimal


TOY = declare("toy", label_zh="虚构服务分", scores=ToyScores, weights=ToyWeights)
